"""client.burn_alerts: /1/burn_alerts/{dataset}, the two alert kinds and unknown ones."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pytest_httpx import HTTPXMock

from honeycomb import AsyncClient, NotFoundError
from honeycomb.errors import RequestValidationError
from honeycomb.models.burn_alerts import (
    BudgetRateBurnAlert,
    BudgetRateBurnAlertUpdate,
    BurnAlert,
    BurnAlertType,
    ExhaustionTimeBurnAlert,
    ExhaustionTimeBurnAlertCreate,
)

from .conftest import BASE, only_request

URL = f"{BASE}/1/burn_alerts/api"

EXHAUSTION = {
    "id": "fS7vfB81Wcy",
    "alert_type": "exhaustion_time",
    "description": "Use this runbook (link) if this alert fires.",
    "triggered": True,
    "exhaustion_minutes": 120,
    "slo": {"id": "2LBq9LckbcA"},
    "created_at": "2022-09-22T17:32:11Z",
    "updated_at": "2022-10-22T17:32:11Z",
}
BUDGET_RATE = {
    "id": "gT7wgC82Xcz",
    "alert_type": "budget_rate",
    "description": "Use this runbook (link) if this alert fires.",
    "triggered": False,
    "budget_rate_window_minutes": 60,
    "budget_rate_decrease_threshold_per_million": 10000,
    "slo": {"id": "2LBq9LckbcA"},
    "created_at": "2022-09-22T17:32:11Z",
    "updated_at": "2022-10-22T17:32:11Z",
}
RECIPIENTS = [{"id": "abcd123", "type": "email", "target": "alerts@example.com"}]


async def test_list_by_slo_parses_each_kind(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    future = {"id": "zz", "alert_type": "burn_forecast", "horizon_minutes": 30}
    httpx_mock.add_response(
        method="GET", url=f"{URL}?slo_id=2LBq9LckbcA", json=[EXHAUSTION, BUDGET_RATE, future]
    )
    alerts = await client.burn_alerts.list("api", "2LBq9LckbcA")
    exhaustion, budget, unknown = alerts
    assert isinstance(exhaustion, ExhaustionTimeBurnAlert)
    assert exhaustion.exhaustion_minutes == 120
    assert exhaustion.alert_type == BurnAlertType.EXHAUSTION_TIME
    assert exhaustion.slo_id == "2LBq9LckbcA"
    assert exhaustion.triggered is True
    assert isinstance(budget, BudgetRateBurnAlert)
    assert budget.budget_rate_decrease_threshold_per_million == 10000
    assert budget.budget_rate_decrease_percent == 1.0
    # An alert type this version does not know is kept, not rejected.
    assert type(unknown) is BurnAlert
    assert unknown.alert_type == "burn_forecast"
    assert unknown.model_extra == {"horizon_minutes": 30}
    assert dict(only_request(httpx_mock).url.params) == {"slo_id": "2LBq9LckbcA"}


async def test_get_with_recipients(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(
        method="GET",
        url=f"{URL}/gT7wgC82Xcz",
        json={**BUDGET_RATE, "recipients": [{**RECIPIENTS[0], "details": {"x": 1}}]},
    )
    alert = await client.burn_alerts.get("api", "gT7wgC82Xcz")
    assert isinstance(alert, BudgetRateBurnAlert)
    assert alert.recipients is not None
    assert alert.recipients[0].id == "abcd123"
    assert alert.recipients[0].type == "email"


async def test_get_missing(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(
        method="GET", url=f"{URL}/nope", status_code=404, json={"error": "not found"}
    )
    with pytest.raises(NotFoundError):
        await client.burn_alerts.get("api", "nope")


async def test_create_exhaustion_time_from_dict(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(
        method="POST", url=URL, status_code=201, json={**EXHAUSTION, "recipients": RECIPIENTS}
    )
    alert = await client.burn_alerts.create(
        "api",
        {
            "exhaustion_minutes": 120,
            "slo": {"id": "2LBq9LckbcA"},
            "recipients": [{"id": "abcd123", "details": {"pagerduty_severity": "warning"}}],
        },
    )
    assert isinstance(alert, ExhaustionTimeBurnAlert)
    assert alert.id == "fS7vfB81Wcy"
    # alert_type defaults to exhaustion_time, and is always sent.
    assert json.loads(only_request(httpx_mock).content) == {
        "alert_type": "exhaustion_time",
        "exhaustion_minutes": 120,
        "slo": {"id": "2LBq9LckbcA"},
        "recipients": [{"id": "abcd123", "details": {"pagerduty_severity": "warning"}}],
    }


async def test_create_from_model(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(method="POST", url=URL, status_code=201, json=EXHAUSTION)
    model = ExhaustionTimeBurnAlertCreate(
        exhaustion_minutes=0,
        slo={"id": "s"},
        recipients=[{"id": "r"}],
        description="page me",
    )
    await client.burn_alerts.create("api", model)
    assert json.loads(only_request(httpx_mock).content) == {
        "alert_type": "exhaustion_time",
        "exhaustion_minutes": 0,
        "slo": {"id": "s"},
        "recipients": [{"id": "r"}],
        "description": "page me",
    }


async def test_create_budget_rate(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(method="POST", url=URL, status_code=201, json=BUDGET_RATE)
    alert = await client.burn_alerts.create(
        "api",
        {
            "alert_type": "budget_rate",
            "budget_rate_window_minutes": 60,
            "budget_rate_decrease_threshold_per_million": 10000,
            "slo": {"id": "2LBq9LckbcA"},
            "recipients": [{"type": "email", "target": "alerts@example.com"}],
        },
    )
    assert isinstance(alert, BudgetRateBurnAlert)
    body = json.loads(only_request(httpx_mock).content)
    assert body["alert_type"] == "budget_rate"
    assert body["recipients"] == [{"type": "email", "target": "alerts@example.com"}]
    assert "exhaustion_minutes" not in body


@pytest.mark.parametrize(
    "alert",
    [
        # fields of the other kind
        {
            "alert_type": "budget_rate",
            "exhaustion_minutes": 60,
            "slo": {"id": "s"},
            "recipients": [{"id": "r"}],
        },
        {
            "exhaustion_minutes": 60,
            "budget_rate_window_minutes": 60,
            "slo": {"id": "s"},
            "recipients": [{"id": "r"}],
        },
        # limits
        {"exhaustion_minutes": -1, "slo": {"id": "s"}, "recipients": [{"id": "r"}]},
        {
            "alert_type": "budget_rate",
            "budget_rate_window_minutes": 59,
            "budget_rate_decrease_threshold_per_million": 1,
            "slo": {"id": "s"},
            "recipients": [{"id": "r"}],
        },
        {
            "alert_type": "budget_rate",
            "budget_rate_window_minutes": 60,
            "budget_rate_decrease_threshold_per_million": 1_000_001,
            "slo": {"id": "s"},
            "recipients": [{"id": "r"}],
        },
        # missing pieces
        {"exhaustion_minutes": 60, "recipients": [{"id": "r"}]},
        {"exhaustion_minutes": 60, "slo": {"id": "s"}, "recipients": []},
        {"exhaustion_minutes": 60, "slo": {"id": "s"}, "recipients": [{"type": "email"}]},
        {"exhaustion_minutes": 60, "slo": {"id": "s"}, "recipients": [{"id": "r"}], "x": 1},
        # an unknown kind is refused on requests
        {"alert_type": "burn_forecast", "slo": {"id": "s"}, "recipients": [{"id": "r"}]},
    ],
)
async def test_invalid_create_sends_nothing(
    httpx_mock: HTTPXMock, client: AsyncClient, alert: dict[str, Any]
) -> None:
    with pytest.raises(RequestValidationError):
        await client.burn_alerts.create("api", alert)
    assert httpx_mock.get_requests() == []


async def test_update(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(method="PUT", url=f"{URL}/gT7wgC82Xcz", json=BUDGET_RATE)
    update = BudgetRateBurnAlertUpdate(
        budget_rate_window_minutes=120,
        budget_rate_decrease_threshold_per_million=50000,
        recipients=[{"id": "abcd123"}],
    )
    alert = await client.burn_alerts.update("api", "gT7wgC82Xcz", update)
    assert isinstance(alert, BudgetRateBurnAlert)
    request = only_request(httpx_mock)
    assert request.method == "PUT"
    assert json.loads(request.content) == {
        "alert_type": "budget_rate",
        "budget_rate_window_minutes": 120,
        "budget_rate_decrease_threshold_per_million": 50000,
        "recipients": [{"id": "abcd123"}],
    }


@pytest.mark.parametrize(
    "update",
    [
        {"exhaustion_minutes": 60, "recipients": []},
        {"exhaustion_minutes": 60},
        {"exhaustion_minutes": 60, "recipients": [{"id": "r"}], "slo": {"id": "s"}},
    ],
)
async def test_update_needs_a_recipient_and_no_slo(
    httpx_mock: HTTPXMock, client: AsyncClient, update: dict[str, Any]
) -> None:
    with pytest.raises(RequestValidationError):
        await client.burn_alerts.update("api", "x", update)
    assert httpx_mock.get_requests() == []


async def test_delete(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(method="DELETE", url=f"{URL}/fS7vfB81Wcy", status_code=204)
    await client.burn_alerts.delete("api", "fS7vfB81Wcy")
    assert only_request(httpx_mock).method == "DELETE"
