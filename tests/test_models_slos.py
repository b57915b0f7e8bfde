"""SLO models against the spec: example responses, request bodies, limits, defaults."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import pytest
from pydantic import ValidationError

from honeycomb.models._base import to_request_body
from honeycomb.models.slos import (
    SLO,
    SLOCounts,
    SLOCreate,
    SLOHistory,
    SLOHistoryRequest,
    SLOHourlyCounts,
    SLOStatus,
    SLOUpdate,
    default_counts_history_window,
    default_counts_window,
)
from tests._schema_examples import (
    build_example,
    operation,
    request_problems,
    response_examples,
    response_schema,
)

NEW_SLO = {
    "name": "My SLO",
    "description": "SLO to ensure requests succeed and are fast",
    "sli": {"alias": "error_sli"},
    "time_period_days": 30,
    "target_per_million": 990000,
    "tags": [{"key": "team", "value": "blue"}],
}


def test_get_slo_examples_parse() -> None:
    plain, detailed = response_examples("getSlo")
    slo = SLO.model_validate(plain)
    assert slo.model_extra == {}
    assert slo.sli is not None and slo.sli.alias == "my-sli"
    assert slo.target_per_million == 989900
    assert slo.compliance is None
    assert slo.dataset_slugs == ["mydataset1"]
    assert slo.reset_at == datetime(2022, 10, 15, 13, 53, 11, tzinfo=timezone.utc)
    rich = SLO.model_validate(detailed)
    assert rich.model_extra == {}
    assert rich.status is SLOStatus.NORMAL
    assert (rich.compliance, rich.budget_remaining, rich.burn_rate) == (95.39, 7.73, 5.39)


def test_schema_built_slo_keeps_the_invalid_reset_at_example() -> None:
    """Spec defect: ``SLO.reset_at``'s example ``2022-011-11T09:53:04Z`` is not a date.

    A response model must not reject a whole SLO for one odd timestamp: it is kept as text.
    """
    spec, schema = response_schema("listSlos", "200")
    example = build_example(spec, schema["items"])
    assert example["reset_at"] == "2022-011-11T09:53:04Z"
    slo = SLO.model_validate(example)
    assert slo.reset_at == "2022-011-11T09:53:04Z"
    assert slo.created_at == datetime(2022, 9, 22, 17, 32, 11, tzinfo=timezone.utc)
    assert slo.tags is not None and slo.tags[0].key == "team"


def test_detailed_status_enum_matches_the_spec() -> None:
    spec, schema = response_schema("getSlo", "200")
    detailed = build_example(spec, schema["anyOf"][1])
    statuses = spec["components"]["schemas"]["SLODetailedResponse"]["properties"]["status"]
    assert {s.value for s in SLOStatus} == set(statuses["enum"])
    assert SLO.model_validate(detailed).status is SLOStatus.NORMAL


def test_counts_examples_parse_and_keep_ints() -> None:
    (example,) = response_examples("getSloRealtimeCounts")
    counts = SLOCounts.model_validate(example)
    assert counts.model_extra == {}
    assert counts.resolution_seconds == 60
    assert counts.period_start == 1745251200
    assert [w.is_partial for w in counts.windows] == [False, False, True]
    assert all(type(w.total_count) is int for w in counts.windows)
    (history,) = response_examples("getSloHourlyCountsHistory")
    hourly = SLOHourlyCounts.model_validate(history)
    assert [b.error_count for b in hourly.buckets] == [182, 97, 14]
    assert hourly.buckets[-1].is_partial is True


def test_history_example_parses() -> None:
    (example,) = response_examples("getSloHistory")
    parsed = {k: [SLOHistory.model_validate(i) for i in v] for k, v in example.items()}
    assert set(parsed) == {"2LBq9LckbcA", "CzcpPs7cJ4d"}
    assert parsed["CzcpPs7cJ4d"][0].budget_remaining == pytest.approx(-71.02966841186735)


def test_create_body_conforms_to_the_spec() -> None:
    body = to_request_body(SLOCreate, NEW_SLO)
    assert body == NEW_SLO
    assert request_problems("POST", "/1/slos/api", body=body) == []
    multi = to_request_body(SLOCreate, {**NEW_SLO, "dataset_slugs": ["a", "b"]})
    assert request_problems("POST", "/1/slos/__all__", body=multi) == []


def test_update_from_slo_round_trips_and_conforms() -> None:
    (plain, _) = response_examples("getSlo")
    update = SLOUpdate.from_slo(SLO.model_validate(plain))
    body = to_request_body(SLOUpdate, update)
    assert body == {
        "name": "My SLO",
        "description": "My SLO description",
        "sli": {"alias": "my-sli"},
        "time_period_days": 30,
        "target_per_million": 989900,
    }
    assert request_problems("PUT", "/1/slos/api/bZ1aRHAUsjG", body=body) == []


def test_limits_follow_the_spec() -> None:
    schema = operation("createSlo")["requestBody"]["content"]["application/json"]["schema"]
    assert schema["$ref"].endswith("SLOCreate")
    SLOCreate.model_validate({**NEW_SLO, "target_per_million": 999_999, "name": "x" * 120})
    SLOCreate.model_validate({**NEW_SLO, "description": "d" * 1023})
    SLOCreate.model_validate({**NEW_SLO, "dataset_slugs": [f"d{i}" for i in range(10)]})
    for change in (
        {"target_per_million": 1_000_000},
        {"name": "x" * 121},
        {"description": "d" * 1024},
        {"time_period_days": 0},
        {"sli": {"alias": "a" * 256}},
        {"tags": [{"key": "team", "value": "blue"}] * 11},
        {"id": "readonly"},
        {"created_at": "2022-09-22T17:32:11Z"},
    ):
        with pytest.raises(ValidationError):
            SLOCreate.model_validate({**NEW_SLO, **change})


def test_history_request_accepts_datetimes_and_checks_range() -> None:
    request = SLOHistoryRequest(
        ids=["a"],
        start_time=datetime(2025, 3, 17, 17, 0),  # naive means UTC
        end_time=1745254800.7,
    )
    body = to_request_body(SLOHistoryRequest, request)
    assert body == {"ids": ["a"], "start_time": 1742230800, "end_time": 1745254800}
    assert request_problems("POST", "/1/reporting/slos/historical", body=body) == []
    with pytest.raises(ValidationError, match="end_time must be after start_time"):
        SLOHistoryRequest(ids=["a"], start_time=5, end_time=5)
    with pytest.raises(ValidationError):
        SLOHistoryRequest(ids=["a"] * 25, start_time=1, end_time=2)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (1745254740.5, (1745251200, 1745254740)),
        (1745251200.0, (1745251200, 1745251201)),  # exactly on the hour: never empty
    ],
)
def test_default_counts_window_stays_in_the_current_hour(
    now: float, expected: tuple[int, int]
) -> None:
    assert default_counts_window(now) == expected


def test_default_counts_history_window_is_a_day() -> None:
    assert default_counts_history_window(1745254800.9) == (1745168400, 1745254800)


def test_counts_parameters_conform() -> None:
    params: dict[str, Any] = {"start_time": 1745251200, "end_time": 1745254740}
    assert request_problems("GET", "/1/slos/api/s1/counts", params=params) == []
    assert request_problems("GET", "/1/slos/api/s1/counts/history", params=params) == []
    assert request_problems("GET", "/1/slos/api/s1", params={"detailed": "true"}) == []
