"""Trigger models against the spec: enums, limits, writable fields, and the trigger rules.

The spec has no example responses for the trigger operations, so a trigger is
exemplified from the ``TriggerResponse`` schema: every property's own ``example`` (or
first enum value, or its documented default).
"""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from honeycomb.models._base import to_request_body
from honeycomb.models.queries import QuerySpec
from honeycomb.models.triggers import (
    BASELINE_OFFSETS,
    AlertType,
    BaselineType,
    DayOfWeek,
    EvaluationScheduleType,
    Trigger,
    TriggerCreate,
    TriggerThresholdOp,
    TriggerUpdate,
    check_trigger_query,
)
from tests._schema_examples import build_example, properties, writable
from tests._spec import NEW_SPEC, load


def _base() -> dict[str, Any]:
    return properties("BaseTrigger")


# ------------------------------------------------------------- spec-built example


def test_spec_built_trigger_parses() -> None:
    # The shared builder also fills the ``query`` object ({}) and a recipient's ``type``
    # (its enum sits behind an ``allOf``); nothing below depends on either.
    example = build_example(load(NEW_SPEC), {"$ref": "#/components/schemas/TriggerResponse"})
    trigger = Trigger.model_validate(example)
    assert trigger.model_extra == {}
    assert trigger.threshold is not None and trigger.threshold.op is TriggerThresholdOp(">")
    assert trigger.threshold.exceeded_limit == 1
    assert trigger.alert_type is AlertType.ON_CHANGE
    assert trigger.tags is not None and trigger.tags[0].key == "team"
    assert trigger.baseline_details is not None
    assert trigger.baseline_details.offset_minutes == 60
    assert trigger.baseline_details.type is BaselineType.PERCENTAGE
    assert trigger.created_at is not None and trigger.created_at.year == 2022


def test_spec_defect_window_times_are_integers_in_the_examples() -> None:
    """Spec defect: the window's ``start_time``/``end_time`` examples are 840 and 1260.

    The type is a string matching ``HH:mm``; responses keep whatever arrives, requests
    insist on ``HH:mm``.
    """
    window = _base()["evaluation_schedule"]["properties"]["window"]
    start, end = window["properties"]["start_time"], window["properties"]["end_time"]
    assert (start["example"], end["example"]) == (840, 1260)
    assert start["type"] == "string"
    parsed = Trigger.model_validate(
        {"id": "t1", "evaluation_schedule": {"window": {"start_time": 840, "end_time": "21:00"}}}
    )
    assert parsed.evaluation_schedule is not None and parsed.evaluation_schedule.window
    assert parsed.evaluation_schedule.window.start_time == 840
    with pytest.raises(ValidationError, match="start_time"):
        TriggerCreate.model_validate(
            {
                "name": "t",
                "query_id": "q",
                "threshold": {"op": ">", "value": 1},
                "evaluation_schedule": {
                    "window": {"days_of_week": ["monday"], "start_time": 840, "end_time": "1:00"}
                },
            }
        )


# --------------------------------------------------------------- enums and fields


@pytest.mark.parametrize(
    ("enum", "path"),
    [
        (TriggerThresholdOp, ["threshold", "properties", "op"]),
        (AlertType, ["alert_type"]),
        (EvaluationScheduleType, ["evaluation_schedule_type"]),
        (
            DayOfWeek,
            [
                "evaluation_schedule",
                "properties",
                "window",
                "properties",
                "days_of_week",
                "items",
            ],
        ),
    ],
)
def test_enums_match_the_spec(enum: Any, path: list[str]) -> None:
    node: Any = _base()
    for key in path:
        node = node[key]
    assert [m.value for m in enum] == node["enum"]


def test_baseline_values_match_the_spec() -> None:
    baseline = _base()["baseline_details"]["oneOf"][0]["properties"]
    assert list(BASELINE_OFFSETS) == baseline["offset_minutes"]["enum"]
    assert [m.value for m in BaselineType] == baseline["type"]["enum"]


def test_request_fields_are_the_writable_spec_fields() -> None:
    props = properties("TriggerResponse")
    assert set(TriggerCreate.model_fields) == writable("TriggerResponse")
    assert set(TriggerUpdate.model_fields) == writable("TriggerResponse")
    assert set(Trigger.model_fields) == set(props)


def test_limits_match_the_spec() -> None:
    base = _base()
    assert base["name"]["maxLength"] == TriggerCreate.model_fields["name"].metadata[0].max_length
    threshold = base["threshold"]["properties"]["exceeded_limit"]
    assert (threshold["minimum"], threshold["maximum"]) == (1, 5)
    # The frequency limits live only in the description text in the spec.
    text = base["frequency"]["description"]
    assert "minimum: 60 maximum: 86400 multipleOf: 60 default: 900" in text


# ------------------------------------------------------------------ trigger rules


def _query(**fields: Any) -> QuerySpec:
    return QuerySpec.model_validate({"calculations": [{"op": "COUNT"}], **fields})


def test_a_plain_query_fits() -> None:
    query = _query(breakdowns=["a"], filters=[{"column": "a", "op": "exists"}], time_range=600)
    assert check_trigger_query(query) == []


def test_formulas_allow_several_calculations_but_one_formula() -> None:
    calcs = [
        {"op": "COUNT", "name": "all", "filters": [{"column": "a", "op": "exists"}]},
        {"op": "COUNT", "name": "err", "filters": [{"column": "e", "op": "exists"}]},
    ]
    one = QuerySpec.model_validate(
        {"calculations": calcs, "formulas": [{"name": "rate", "expression": "$err / $all"}]}
    )
    assert check_trigger_query(one) == []
    two = QuerySpec.model_validate(
        {
            "calculations": calcs,
            "formulas": [
                {"name": "rate", "expression": "$err / $all"},
                {"name": "ok", "expression": "$all - $err"},
            ],
        }
    )
    assert check_trigger_query(two) == ["a trigger query has at most one formula, got 2"]


def test_all_problems_are_reported_together() -> None:
    problems = check_trigger_query(
        QuerySpec.model_validate(
            {
                "calculations": [{"op": "HEATMAP", "column": "d"}, {"op": "COUNT"}],
                "orders": [{"op": "COUNT"}],
                "limit": 10,
                "end_time": 1_700_000_000,
            }
        )
    )
    assert problems == [
        "a trigger query cannot set 'orders'",
        "a trigger query cannot set 'limit'",
        "a trigger query cannot set 'end_time'",
        "a trigger query has exactly one calculation, got 2",
        "a trigger query cannot use HEATMAP",
    ]


@pytest.mark.parametrize(
    ("frequency", "time_range", "ok"),
    [
        (60, 60, True),
        (60, 240, True),
        (60, 300, False),  # above 4 × 60
        (300, 240, False),  # below the frequency
        (900, 3600, True),
        (None, 3600, True),  # the default frequency, 900
        (None, 3660, False),
        (86_400, 86_400, True),
        (86_400, 86_460, False),  # above one day
        (21_600, 86_400, True),
    ],
)
def test_time_range_against_frequency(frequency: int | None, time_range: int, ok: bool) -> None:
    body: dict[str, Any] = {
        "name": "t",
        "query": {"calculations": [{"op": "COUNT"}], "time_range": time_range},
        "threshold": {"op": ">", "value": 1},
    }
    if frequency is not None:
        body["frequency"] = frequency
    if ok:
        assert to_request_body(TriggerCreate, body)["query"]["time_range"] == time_range
    else:
        with pytest.raises(ValidationError, match="time_range"):
            TriggerCreate.model_validate(body)


def test_saved_query_is_not_checked_locally() -> None:
    body = {"name": "t", "query_id": "q", "threshold": {"op": "<=", "value": 0}}
    assert to_request_body(TriggerCreate, body) == body


def test_granularity_is_left_to_the_api() -> None:
    """Accepted on metrics datasets, rejected on others: the client cannot tell which."""
    body = {
        "name": "t",
        "query": {"calculations": [{"op": "COUNT"}], "time_range": 600, "granularity": 60},
        "threshold": {"op": ">", "value": 1},
        "frequency": 600,
    }
    assert to_request_body(TriggerCreate, body) == body


def test_assignment_is_validated() -> None:
    trigger = TriggerCreate.model_validate(
        {"name": "t", "query_id": "q", "threshold": {"op": ">", "value": 1}}
    )
    with pytest.raises(ValidationError):
        trigger.frequency = 61


# --------------------------------------------------------------------- to_update


def test_to_update_keeps_one_query_and_drops_read_only_fields() -> None:
    trigger = Trigger.model_validate(
        {
            "id": "t",
            "dataset_slug": "web",
            "name": "n",
            "query": {"calculations": [{"op": "COUNT"}], "time_range": 900},
            "query_id": "q",
            "threshold": {"op": ">", "value": 3},
            "frequency": 900,
            "triggered": True,
            "tags": [{"key": "team", "value": "blue"}],
            "baseline_details": {},
            "created_at": "2024-01-01T00:00:00Z",
        }
    )
    by_id = to_request_body(TriggerUpdate, trigger.to_update())
    assert by_id == {
        "name": "n",
        "query_id": "q",
        "threshold": {"op": ">", "value": 3},
        "frequency": 900,
        "tags": [{"key": "team", "value": "blue"}],
    }
    inline = to_request_body(TriggerUpdate, trigger.to_update(use="query"))
    assert "query_id" not in inline
    assert inline["query"] == {"calculations": [{"op": "COUNT"}], "time_range": 900}


def test_responses_keep_unknown_values() -> None:
    trigger = Trigger.model_validate(
        {
            "id": "t1",
            "alert_type": "on_blue_moon",
            "evaluation_schedule_type": "cron",
            "threshold": {"op": "!=", "value": 2.5},
            "evaluation_schedule": {"window": {"days_of_week": ["funday"]}},
            "future_field": 1,
        }
    )
    assert trigger.alert_type == "on_blue_moon"
    assert trigger.evaluation_schedule_type == "cron"
    assert trigger.threshold is not None and trigger.threshold.value == 2.5
    assert trigger.evaluation_schedule is not None and trigger.evaluation_schedule.window
    assert trigger.evaluation_schedule.window.days_of_week == ["funday"]
    assert trigger.model_extra == {"future_field": 1}
