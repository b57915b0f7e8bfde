# GENERATED from tests/_async/test_triggers.py by scripts/unasync.py.
# Do not edit: change the async source and run `python scripts/unasync.py`.
"""Triggers: CRUD requests under the dataset, and every trigger rule checked before sending."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pytest_httpx import HTTPXMock

from honeycomb import Client, NotFoundError, UnprocessableEntityError
from honeycomb.errors import RequestValidationError
from honeycomb.models.queries import Calculation, QuerySpec
from honeycomb.models.triggers import (
    AlertType,
    Trigger,
    TriggerCreate,
    TriggerThresholdIn,
    TriggerThresholdOp,
)

from .conftest import API_KEY, BASE

QUERY: dict[str, Any] = {
    "calculations": [{"op": "P99", "column": "duration_ms"}],
    "filters": [{"column": "trace.parent_id", "op": "does-not-exist"}],
    "breakdowns": ["http.route"],
    "time_range": 1200,
}
TRIGGER: dict[str, Any] = {
    "id": "fS4WfA82ACt",
    "dataset_slug": "web",
    "name": "Slow requests",
    "description": "p99 over a second",
    "tags": [{"key": "team", "value": "blue"}],
    "query": {**QUERY, "filter_combination": "AND"},
    "query_id": "mTfChq4pq4X",
    "threshold": {"op": ">", "value": 1000, "exceeded_limit": 2},
    "frequency": 300,
    "alert_type": "on_change",
    "disabled": False,
    "triggered": False,
    "recipients": [{"id": "r1", "type": "pagerduty", "details": {"pagerduty_severity": "warning"}}],
    "evaluation_schedule_type": "window",
    "evaluation_schedule": {
        "window": {"days_of_week": ["monday", "friday"], "start_time": "13:00", "end_time": "21:00"}
    },
    "baseline_details": {"offset_minutes": 1440, "type": "percentage"},
    "created_at": "2022-07-26T22:38:04Z",
    "updated_at": "2022-07-27T22:38:04Z",
}
NEW: dict[str, Any] = {
    "name": "Slow requests",
    "query": QUERY,
    "frequency": 300,
    "threshold": {"op": ">", "value": 1000},
    "recipients": [{"id": "r1"}],
}


def _sent(httpx_mock: HTTPXMock) -> Any:
    return json.loads(httpx_mock.get_requests()[0].content)


def test_list(httpx_mock: HTTPXMock, client: Client) -> None:
    odd = {"id": "t2", "name": "Odd", "alert_type": "on_tuesday", "threshold": {"op": "!~"}}
    httpx_mock.add_response(method="GET", url=f"{BASE}/1/triggers/web", json=[TRIGGER, odd])

    triggers = client.triggers.list("web")

    first, second = triggers
    assert first.threshold is not None
    assert first.threshold.op is TriggerThresholdOp.GREATER_THAN
    assert first.threshold.value == 1000 and isinstance(first.threshold.value, int)
    assert first.alert_type is AlertType.ON_CHANGE
    assert first.query is not None and first.query.breakdowns == ["http.route"]
    assert first.query_id == "mTfChq4pq4X"
    assert first.evaluation_schedule is not None
    assert first.evaluation_schedule.window is not None
    assert first.evaluation_schedule.window.start_time == "13:00"
    assert first.recipients is not None and first.recipients[0].details is not None
    assert first.recipients[0].details.pagerduty_severity == "warning"
    assert first.created_at is not None and first.created_at.day == 26
    # Unknown enum values are kept as strings.
    assert second.alert_type == "on_tuesday"
    assert second.threshold is not None and second.threshold.op == "!~"
    request = httpx_mock.get_requests()[0]
    assert request.headers["X-Honeycomb-Team"] == API_KEY


def test_list_environment_wide(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(method="GET", url=f"{BASE}/1/triggers/__all__", json=[])
    assert client.triggers.list("__all__") == []


def test_get_quotes_ids(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(method="GET", url=f"{BASE}/1/triggers/my%20ds/t%2F1", json=TRIGGER)
    trigger = client.triggers.get("my ds", "t/1")
    assert isinstance(trigger, Trigger)
    assert trigger.id == "fS4WfA82ACt"


def test_get_missing(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(
        method="GET", url=f"{BASE}/1/triggers/web/nope", status_code=404, json={"error": "nf"}
    )
    with pytest.raises(NotFoundError):
        client.triggers.get("web", "nope")


def test_create_inline_query(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(
        method="POST", url=f"{BASE}/1/triggers/web", status_code=201, json=TRIGGER
    )
    created = client.triggers.create("web", NEW)
    assert created.id == "fS4WfA82ACt"
    assert _sent(httpx_mock) == NEW


def test_create_from_models(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(
        method="POST", url=f"{BASE}/1/triggers/__all__", status_code=201, json=TRIGGER
    )
    client.triggers.create(
        "__all__",
        TriggerCreate(
            name="Errors",
            query=QuerySpec(calculations=[Calculation(op="COUNT")], time_range=900),
            threshold=TriggerThresholdIn(op=">=", value=10, exceeded_limit=3),
            alert_type="on_true",
            tags=[{"key": "team", "value": "blue"}],
        ),
    )
    assert _sent(httpx_mock) == {
        "name": "Errors",
        "query": {"calculations": [{"op": "COUNT"}], "time_range": 900},
        "threshold": {"op": ">=", "value": 10, "exceeded_limit": 3},
        "alert_type": "on_true",
        "tags": [{"key": "team", "value": "blue"}],
    }


def test_create_with_saved_query_schedule_and_baseline(
    httpx_mock: HTTPXMock, client: Client
) -> None:
    body = {
        "name": "Business hours",
        "query_id": "mTfChq4pq4X",
        "threshold": {"op": "<", "value": 0.5},
        "frequency": 3600,
        "evaluation_schedule_type": "window",
        "evaluation_schedule": {
            "window": {"days_of_week": ["monday"], "start_time": "9:00", "end_time": "17:30"}
        },
        "baseline_details": {"offset_minutes": 10080, "type": "value"},
        "recipients": [
            {"id": "r1", "details": {"pagerduty_severity": "critical"}},
            {"type": "email", "target": "oncall@example.com"},
        ],
        "disabled": True,
    }
    httpx_mock.add_response(
        method="POST", url=f"{BASE}/1/triggers/web", status_code=201, json=TRIGGER
    )
    client.triggers.create("web", body)
    assert _sent(httpx_mock) == body


def test_create_rejected_by_api(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(
        method="POST",
        url=f"{BASE}/1/triggers/web",
        status_code=422,
        json={"error": "The provided input is invalid.", "title": "The provided input is invalid."},
    )
    with pytest.raises(UnprocessableEntityError):
        client.triggers.create("web", NEW)


def test_update_can_clear_baseline(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(method="PUT", url=f"{BASE}/1/triggers/web/t1", json=TRIGGER)
    body = {**NEW, "baseline_details": {}}
    updated = client.triggers.update("web", "t1", body)
    assert updated.name == "Slow requests"
    assert _sent(httpx_mock) == body


def test_update_round_trips_a_read_trigger(httpx_mock: HTTPXMock, client: Client) -> None:
    """The API returns query and query_id; to_update() keeps one and drops read-only fields."""
    httpx_mock.add_response(method="PUT", url=f"{BASE}/1/triggers/web/t1", json=TRIGGER)
    change = Trigger.model_validate(TRIGGER).to_update()
    change.disabled = True
    client.triggers.update("web", "t1", change)

    sent = _sent(httpx_mock)
    assert sent["query_id"] == "mTfChq4pq4X"
    assert "query" not in sent
    for read_only in ("id", "dataset_slug", "triggered", "created_at", "updated_at"):
        assert read_only not in sent
    assert sent["disabled"] is True
    assert sent["threshold"] == {"op": ">", "value": 1000, "exceeded_limit": 2}
    assert sent["recipients"] == [
        {"id": "r1", "type": "pagerduty", "details": {"pagerduty_severity": "warning"}}
    ]


def test_to_update_can_keep_the_inline_query(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(method="PUT", url=f"{BASE}/1/triggers/web/t1", json=TRIGGER)
    client.triggers.update("web", "t1", Trigger.model_validate(TRIGGER).to_update(use="query"))
    sent = _sent(httpx_mock)
    assert "query_id" not in sent
    assert sent["query"]["calculations"] == [{"op": "P99", "column": "duration_ms"}]
    assert sent["query"]["time_range"] == 1200


def test_delete(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(method="DELETE", url=f"{BASE}/1/triggers/web/t1", status_code=204)
    client.triggers.delete("web", "t1")
    assert httpx_mock.get_requests()[0].method == "DELETE"


def _with_query(**changes: Any) -> dict[str, Any]:
    return {**NEW, "query": {**QUERY, **changes}}


@pytest.mark.parametrize(
    "bad",
    [
        pytest.param({k: v for k, v in NEW.items() if k != "name"}, id="no-name"),
        pytest.param({**NEW, "name": "x" * 121}, id="long-name"),
        pytest.param({k: v for k, v in NEW.items() if k != "threshold"}, id="no-threshold"),
        pytest.param({**NEW, "threshold": {"op": "=", "value": 1}}, id="threshold-op"),
        pytest.param(
            {**NEW, "threshold": {"op": ">", "value": 1, "exceeded_limit": 6}}, id="exceeded-6"
        ),
        pytest.param(
            {**NEW, "threshold": {"op": ">", "value": 1, "exceeded_limit": 0}}, id="exceeded-0"
        ),
        pytest.param({**NEW, "frequency": 0}, id="frequency-below-60"),
        pytest.param({**NEW, "frequency": 90}, id="frequency-not-multiple-of-60"),
        pytest.param({**NEW, "frequency": 86_460}, id="frequency-above-a-day"),
        pytest.param({k: v for k, v in NEW.items() if k != "query"}, id="no-query"),
        pytest.param({**NEW, "query_id": "q"}, id="query-and-query-id"),
        pytest.param(_with_query(time_range=1500), id="time-range-above-4x-frequency"),
        pytest.param(_with_query(time_range=120), id="time-range-below-frequency"),
        pytest.param(
            {**NEW, "frequency": 86_400, "query": {**QUERY, "time_range": 172_800}},
            id="time-range-above-a-day",
        ),
        pytest.param(
            {**NEW, "frequency": None, "query": {**QUERY, "time_range": 7200}},
            id="time-range-above-4x-default-frequency",
        ),
        pytest.param(
            _with_query(calculations=[{"op": "COUNT"}, {"op": "AVG", "column": "d"}]),
            id="two-calculations",
        ),
        pytest.param(_with_query(calculations=[]), id="no-calculation"),
        pytest.param(
            _with_query(calculations=[{"op": "HEATMAP", "column": "duration_ms"}]), id="heatmap"
        ),
        pytest.param(_with_query(calculations=[{"op": "CONCURRENCY"}]), id="concurrency"),
        pytest.param(_with_query(orders=[{"op": "P99", "column": "duration_ms"}]), id="orders"),
        pytest.param(_with_query(limit=10), id="limit"),
        pytest.param(_with_query(start_time=1_700_000_000), id="start-time"),
        pytest.param(_with_query(usage_mode=True), id="usage-mode"),
        pytest.param(
            _with_query(
                havings=[
                    {"calculate_op": "P99", "column": "duration_ms", "op": ">", "value": 1},
                    {"calculate_op": "P99", "column": "duration_ms", "op": "<", "value": 9},
                ]
            ),
            id="two-havings",
        ),
        pytest.param(
            _with_query(calculations=[{"op": "P99", "column": "duration_ms", "name": "p"}]),
            id="named-calculation-with-filters",
        ),
        pytest.param(
            _with_query(filters=[{"column": "a", "op": "exists", "value": 1}]),
            id="query-rule-from-validate-query",
        ),
        pytest.param(_with_query(bogus=1), id="unknown-query-field"),
        pytest.param({**NEW, "evaluation_schedule_type": "window"}, id="window-without-schedule"),
        pytest.param(
            {
                **NEW,
                "evaluation_schedule": {
                    "window": {
                        "days_of_week": ["monday"],
                        "start_time": "25:00",
                        "end_time": "1:00",
                    }
                },
            },
            id="bad-window-time",
        ),
        pytest.param(
            {
                **NEW,
                "evaluation_schedule": {
                    "window": {"days_of_week": [], "start_time": "1:00", "end_time": "2:00"}
                },
            },
            id="no-window-days",
        ),
        pytest.param(
            {**NEW, "baseline_details": {"offset_minutes": 30, "type": "value"}},
            id="baseline-offset",
        ),
        pytest.param({**NEW, "baseline_details": {"offset_minutes": 60}}, id="baseline-no-type"),
        pytest.param({**NEW, "recipients": [{"details": {}}]}, id="recipient-without-id"),
        pytest.param(
            {**NEW, "tags": [{"key": chr(97 + i), "value": "v"} for i in range(11)]},
            id="eleven-tags",
        ),
        pytest.param({**NEW, "ident": "t1"}, id="unknown-field"),
    ],
)
def test_create_validates_before_sending(
    httpx_mock: HTTPXMock, client: Client, bad: dict[str, Any]
) -> None:
    with pytest.raises(RequestValidationError):
        client.triggers.create("web", bad)
    assert httpx_mock.get_requests() == []


def test_update_validates_before_sending(httpx_mock: HTTPXMock, client: Client) -> None:
    with pytest.raises(RequestValidationError, match="4 × frequency 300"):
        client.triggers.update("web", "t1", _with_query(time_range=3600))
    assert httpx_mock.get_requests() == []


def test_one_having_on_the_calculation_is_allowed(httpx_mock: HTTPXMock, client: Client) -> None:
    """The 2026 spec allows at most one having (it must name the calculation)."""
    httpx_mock.add_response(
        method="POST", url=f"{BASE}/1/triggers/web", status_code=201, json=TRIGGER
    )
    having = {"calculate_op": "P99", "column": "duration_ms", "op": ">", "value": 500}
    client.triggers.create("web", _with_query(havings=[having]))
    assert _sent(httpx_mock)["query"]["havings"] == [having]
