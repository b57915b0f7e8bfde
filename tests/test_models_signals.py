"""Signal models against the spec: the `off`-as-false defect, enums, bodies, epoch times."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from pydantic import ValidationError

from honeycomb.models._base import to_request_body
from honeycomb.models._time import to_unix_seconds
from honeycomb.models.signals import (
    HistoricalAnomaly,
    MeasuredSignal,
    Signal,
    SignalSensitivity,
    SignalStatus,
    SignalUpdate,
    status_value,
)
from tests._schema_examples import (
    build_example,
    operation,
    request_problems,
    response_schema,
    schemas,
)


def _enum(name: str) -> list[Any]:
    enum: list[Any] = schemas()[name]["enum"]
    return enum


def test_spec_defect_off_status_reads_as_false() -> None:
    """Spec defect: the status ``off`` was written unquoted upstream and reads as ``false``."""
    statuses = _enum("AnomalySignalStatus")
    assert False in statuses and "off" not in statuses
    assert {status_value(s) for s in statuses} == {s.value for s in SignalStatus}
    parameter = next(p for p in operation("listSignals")["parameters"] if p.get("name") == "status")
    assert {status_value(s) for s in parameter["schema"]["enum"]} == {s.value for s in SignalStatus}
    assert Signal.model_validate({"id": "s", "status": False}).status is SignalStatus.OFF
    assert Signal.model_validate({"id": "s", "status": "off"}).status is SignalStatus.OFF


def test_enums_match_the_spec() -> None:
    assert set(_enum("AnomalySignal")) == {m.value for m in MeasuredSignal}
    assert set(_enum("AnomalySignalSensitivity")) == {s.value for s in SignalSensitivity}


def test_schema_built_signal_list_page_parses() -> None:
    spec, schema = response_schema("listSignals", "200")
    page = build_example(spec, schema)
    (signal,) = (Signal.model_validate(item) for item in page["signals"])
    assert signal.model_extra == {}
    assert signal.id == "hcasp_01j9x1yq0k2t8m9n3v4b5r6c7d"
    assert signal.measured_signal is MeasuredSignal.ERROR_RATE
    assert signal.status is SignalStatus.ACTIVE
    assert signal.sensitivity is SignalSensitivity.MEDIUM
    assert signal.last_anomaly_started_at == 1741089600
    assert signal.created_at == datetime(2025, 2, 14, 17, 32, 11, tzinfo=timezone.utc)
    assert page["links"]["next"].startswith("/2/teams/")


def test_schema_built_signal_detail_parses_with_recipients() -> None:
    spec, schema = response_schema("getSignal", "200")
    signal = Signal.model_validate(build_example(spec, schema))
    assert signal.recipients is not None
    (recipient,) = signal.recipients
    assert recipient.id == "hcar_01jak3ymk8s5cpc2xz3q7d8v9r"
    assert recipient.details is not None
    assert recipient.details.pagerduty_severity == "critical"
    assert recipient.details.model_extra == {"muted": False}


def test_schema_built_anomalies_parse() -> None:
    spec, schema = response_schema("listSignalHistoricalAnomalies", "200")
    page = build_example(spec, schema)
    (anomaly,) = (HistoricalAnomaly.model_validate(a) for a in page["historical_anomalies"])
    assert anomaly.model_extra == {}
    assert (anomaly.started_at, anomaly.ended_at) == (1741089600, 1741093200)
    assert anomaly.normal_range is not None and anomaly.normal_range.lower == 0.01
    presence = HistoricalAnomaly.model_validate({**anomaly.model_dump(), "normal_range": None})
    assert presence.normal_range is None


@pytest.mark.parametrize(
    "update",
    [
        {"enabled": False},
        {"sensitivity": "low"},
        {"recipients": []},
        {
            "recipients": [
                {"id": "hcar_1", "details": {"pagerduty_severity": "error", "muted": True}}
            ]
        },
    ],
)
def test_update_bodies_conform_to_the_spec(update: dict[str, Any]) -> None:
    body = to_request_body(SignalUpdate, update)
    assert body == update
    assert request_problems("PUT", "/1/signals/hcasp_1", body=body) == []


def test_list_parameters_conform_to_the_spec() -> None:
    params = {
        "service_name": "checkout",
        "dataset_slug": "checkout",
        "measured_signal": "presence",
        "status": "off",
        "currently_anomalous": "true",
        "page[size]": 100,
    }
    assert request_problems("GET", "/1/signals", params=params) == []
    anomalies = {"start_time": 1740787200, "end_time": 1741392000, "page[size]": 5}
    assert request_problems("GET", "/1/signals/s/historical_anomalies", params=anomalies) == []


@pytest.mark.parametrize(
    "update",
    [
        {"sensitivity": "Medium"},
        {"recipients": [{"details": {"muted": True}}]},
        {"recipients": [{"id": ""}]},
        {"auto_investigate": True},
    ],
)
def test_invalid_updates(update: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        SignalUpdate.model_validate(update)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1741089600, 1741089600),
        (1741089600.99, 1741089600),
        (datetime(2025, 3, 4, 12, 0, tzinfo=timezone.utc), 1741089600),
        (datetime(2025, 3, 4, 12, 0), 1741089600),  # naive is UTC
        (datetime(2025, 3, 4, 13, 0, tzinfo=timezone(timedelta(hours=1))), 1741089600),
    ],
)
def test_unix_seconds(value: Any, expected: int) -> None:
    assert to_unix_seconds(value) == expected


@pytest.mark.parametrize("value", [True, "1741089600", None])
def test_unix_seconds_rejects_other_types(value: Any) -> None:
    with pytest.raises(TypeError):
        to_unix_seconds(value)
