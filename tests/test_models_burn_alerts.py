"""Burn alert models against the spec: the two kinds, unknown kinds, bodies and limits."""

from __future__ import annotations

from typing import Any

import pytest

from honeycomb.errors import RequestValidationError
from honeycomb.models.burn_alerts import (
    BudgetRateBurnAlert,
    BudgetRateBurnAlertCreate,
    BurnAlert,
    BurnAlertType,
    ExhaustionTimeBurnAlert,
    ExhaustionTimeBurnAlertUpdate,
    burn_alert_body,
    parse_burn_alert,
)
from tests._schema_examples import (
    build_example,
    request_problems,
    response_examples,
    response_schema,
)


def test_list_example_parses_into_each_kind() -> None:
    (example,) = response_examples("listBurnAlertsBySlo")
    exhaustion, budget = (parse_burn_alert(item) for item in example)
    assert isinstance(exhaustion, ExhaustionTimeBurnAlert)
    assert exhaustion.model_extra == {}
    assert exhaustion.exhaustion_minutes == 120
    assert exhaustion.slo_id == "2LBq9LckbcA"
    assert isinstance(budget, BudgetRateBurnAlert)
    assert budget.model_extra == {}
    assert budget.budget_rate_window_minutes == 60
    assert budget.budget_rate_decrease_threshold_per_million == 1000
    assert budget.budget_rate_decrease_percent == pytest.approx(0.1)


@pytest.mark.parametrize(
    ("branch", "kind"), [(0, ExhaustionTimeBurnAlert), (1, BudgetRateBurnAlert)]
)
def test_schema_built_detail_responses_parse(branch: int, kind: type[BurnAlert]) -> None:
    spec, schema = response_schema("getBurnAlert", "200")
    example = build_example(spec, schema, branch=branch)
    alert = parse_burn_alert(example)
    assert type(alert) is kind
    assert alert.model_extra == {}
    assert alert.recipients is not None and alert.recipients[0].id == "abcd123"
    assert alert.created_at is not None and alert.created_at.year == 2022


def test_alert_type_enum_matches_the_spec() -> None:
    _, schema = response_schema("getBurnAlert", "200")
    assert set(schema["discriminator"]["mapping"]) == {k.value for k in BurnAlertType}


def test_an_unknown_kind_parses_as_the_base() -> None:
    alert = parse_burn_alert({"id": "x", "alert_type": "forecast", "window": 5})
    assert type(alert) is BurnAlert
    assert alert.alert_type == "forecast"
    assert alert.model_extra == {"window": 5}


def test_a_missing_kind_is_the_documented_default() -> None:
    alert = parse_burn_alert({"id": "x", "exhaustion_minutes": 30})
    assert isinstance(alert, ExhaustionTimeBurnAlert)
    assert alert.exhaustion_minutes == 30


CREATE_EXHAUSTION = {
    "exhaustion_minutes": 120,
    "description": "Use this runbook if this alert fires.",
    "slo": {"id": "2LBq9LckbcA"},
    "recipients": [{"id": "abcd123"}],
}
CREATE_BUDGET = {
    "alert_type": "budget_rate",
    "budget_rate_window_minutes": 120,
    "budget_rate_decrease_threshold_per_million": 1000,
    "slo": {"id": "2LBq9LckbcA"},
    "recipients": [{"type": "email", "target": "alerts@example.com"}],
}


@pytest.mark.parametrize("alert", [CREATE_EXHAUSTION, CREATE_BUDGET])
def test_create_bodies_conform_to_the_spec(alert: dict[str, Any]) -> None:
    body = burn_alert_body(alert, update=False)
    assert "alert_type" in body
    assert request_problems("POST", "/1/burn_alerts/api", body=body) == []


def test_update_bodies_conform_to_the_spec() -> None:
    body = burn_alert_body(
        ExhaustionTimeBurnAlertUpdate(
            exhaustion_minutes=0,
            recipients=[
                {"id": "r", "details": {"pagerduty_severity": "info"}},
                {"id": "w", "details": {"variables": [{"name": "severity", "value": "low"}]}},
            ],
        ),
        update=True,
    )
    assert body["alert_type"] == "exhaustion_time"
    assert request_problems("PUT", "/1/burn_alerts/api/a1", body=body) == []


def test_the_discriminator_is_sent_even_when_defaulted() -> None:
    model = BudgetRateBurnAlertCreate(
        budget_rate_window_minutes=60,
        budget_rate_decrease_threshold_per_million=1,
        slo={"id": "s"},
        recipients=[{"id": "r"}],
    )
    assert burn_alert_body(model, update=False)["alert_type"] == "budget_rate"


def test_a_create_model_is_not_an_update() -> None:
    with pytest.raises(RequestValidationError):
        burn_alert_body(
            BudgetRateBurnAlertCreate(
                budget_rate_window_minutes=60,
                budget_rate_decrease_threshold_per_million=1,
                slo={"id": "s"},
                recipients=[{"id": "r"}],
            ),
            update=True,
        )


@pytest.mark.parametrize(
    "change",
    [
        {"description": "d" * 1024},
        {"recipients": [{"id": "r", "details": {"variables": [{"name": "Bad-Name"}]}}]},
        {
            "recipients": [
                {"id": "r", "details": {"variables": [{"name": "v", "value": "x" * 257}]}}
            ]
        },
        {"recipients": [{"id": "r", "details": {"pagerduty_severity": "sev1"}}]},
        {"recipients": [{"type": "carrier-pigeon", "target": "coop"}]},
        {"slo": {}},
        {"identifier": "not a field"},
        {"triggered": True},
    ],
)
def test_limits_follow_the_spec(change: dict[str, Any]) -> None:
    with pytest.raises(RequestValidationError):
        burn_alert_body({**CREATE_EXHAUSTION, **change}, update=False)
