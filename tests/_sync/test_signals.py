# GENERATED from tests/_async/test_signals.py by scripts/unasync.py.
# Do not edit: change the async source and run `python scripts/unasync.py`.
"""client.signals: cursor-paginated /1/signals, updates, and historical anomalies."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from pytest_httpx import HTTPXMock

from honeycomb import Client, NotFoundError, PaginationError
from honeycomb.errors import RequestValidationError
from honeycomb.models.signals import (
    MeasuredSignal,
    Signal,
    SignalSensitivity,
    SignalStatus,
    SignalUpdate,
)

from .conftest import BASE, check_auth, only_request

URL = f"{BASE}/1/signals"

SIGNAL = {
    "id": "hcasp_01j9x1yq0k2t8m9n3v4b5r6c7d",
    "service_name": "checkout-api",
    "dataset_slug": "checkout-api",
    "environment_slug": "production",
    "measured_signal": "error_rate",
    "enabled": True,
    "status": "active",
    "sensitivity": "medium",
    "auto_investigate": False,
    "currently_anomalous": False,
    "last_anomaly_started_at": 1741089600,
    "last_anomaly_ended_at": 1741093200,
    "created_at": "2025-02-14T17:32:11Z",
    "updated_at": "2025-03-01T10:04:22Z",
}
PRESENCE = {
    **SIGNAL,
    "id": "hcasp_2",
    "measured_signal": "presence",
    "status": "off",
    "sensitivity": None,
    "last_anomaly_started_at": None,
    "last_anomaly_ended_at": None,
}
ANOMALY = {
    "id": "0f8d0f3a-3f8b-5f2b-8f2b-1f2b3f4b5f6b",
    "started_at": 1741089600,
    "ended_at": 1741093200,
    "measurement": 0.42,
    "normal_range": {"lower": 0.01, "upper": 0.08},
}


def test_list_follows_every_page(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(
        method="GET",
        url=f"{URL}?page%5Bsize%5D=100",
        json={"signals": [SIGNAL], "links": {"next": "/1/signals?page[after]=c1"}},
    )
    httpx_mock.add_response(
        method="GET",
        url=f"{URL}?page%5Bafter%5D=c1",
        json={"signals": [PRESENCE], "links": {"next": None}},
    )
    signals = client.signals.list()
    assert [s.id for s in signals] == [SIGNAL["id"], "hcasp_2"]
    active, presence = signals
    assert active.measured_signal == MeasuredSignal.ERROR_RATE
    assert active.status == SignalStatus.ACTIVE
    assert active.sensitivity == SignalSensitivity.MEDIUM
    assert active.last_anomaly_started_at == 1741089600
    assert presence.status == SignalStatus.OFF
    assert presence.sensitivity is None
    assert presence.last_anomaly_started_at is None
    assert len(httpx_mock.get_requests()) == 2
    for request in httpx_mock.get_requests():
        check_auth(request)


def test_list_sends_every_filter(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(method="GET", json={"signals": [], "links": {"next": None}})
    result = client.signals.list(
        service_name="checkout-api",
        dataset_slug="checkout",
        measured_signal=MeasuredSignal.PRESENCE,
        status=SignalStatus.OFF,
        currently_anomalous=True,
        page_size=5,
    )
    assert result == []
    request = only_request(httpx_mock)
    assert request.url.path == "/1/signals"
    assert dict(request.url.params) == {
        "service_name": "checkout-api",
        "dataset_slug": "checkout",
        "measured_signal": "presence",
        "status": "off",
        "currently_anomalous": "true",
        "page[size]": "5",
    }


def test_list_reads_a_boolean_false_status_as_off(httpx_mock: HTTPXMock, client: Client) -> None:
    # The published spec lists the status `off` as the YAML boolean false.
    httpx_mock.add_response(
        method="GET",
        url=f"{URL}?page%5Bsize%5D=100",
        json={"signals": [{**SIGNAL, "status": False}], "links": {"next": None}},
    )
    (signal,) = client.signals.list()
    assert signal.status == SignalStatus.OFF


def test_list_keeps_unknown_values(httpx_mock: HTTPXMock, client: Client) -> None:
    odd = {**SIGNAL, "status": "hibernating", "measured_signal": "latency", "new": 1}
    httpx_mock.add_response(
        method="GET",
        url=f"{URL}?page%5Bsize%5D=100",
        json={"signals": [odd], "links": {"next": None}},
    )
    (signal,) = client.signals.list()
    assert signal.status == "hibernating"
    assert signal.measured_signal == "latency"
    assert signal.model_extra == {"new": 1}


def test_list_stops_on_a_repeated_cursor(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(
        method="GET",
        url=f"{URL}?page%5Bsize%5D=100",
        json={"signals": [SIGNAL], "links": {"next": "/1/signals?page[after]=same"}},
    )
    httpx_mock.add_response(
        method="GET",
        url=f"{URL}?page%5Bafter%5D=same",
        json={"signals": [PRESENCE], "links": {"next": "/1/signals?page[after]=same"}},
    )
    with pytest.raises(PaginationError):
        client.signals.list()


def test_iterate_is_lazy(httpx_mock: HTTPXMock, client: Client) -> None:
    pages = client.signals.iterate(currently_anomalous=False)
    assert httpx_mock.get_requests() == []
    httpx_mock.add_response(
        method="GET",
        url=f"{URL}?currently_anomalous=false&page%5Bsize%5D=100",
        json={"signals": [SIGNAL]},
    )
    assert [s.service_name for s in pages] == ["checkout-api"]


def test_iterate_rejects_a_bad_page_size(client: Client) -> None:
    with pytest.raises(ValueError, match="page_size"):
        client.signals.iterate(page_size=0)


def test_get_with_recipients(httpx_mock: HTTPXMock, client: Client) -> None:
    recipients = [
        {
            "id": "hcar_01jak3ymk8s5cpc2xz3q7d8v9r",
            "type": "pagerduty",
            "details": {"pagerduty_severity": "critical", "muted": False},
        }
    ]
    httpx_mock.add_response(
        method="GET", url=f"{URL}/hcasp_1", json={**SIGNAL, "recipients": recipients}
    )
    signal = client.signals.get("hcasp_1")
    assert isinstance(signal, Signal)
    assert signal.recipients is not None
    assert signal.recipients[0].id == "hcar_01jak3ymk8s5cpc2xz3q7d8v9r"
    assert signal.recipients[0].details is not None
    assert signal.recipients[0].details.pagerduty_severity == "critical"


def test_get_missing(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(
        method="GET", url=f"{URL}/nope", status_code=404, json={"error": "not found"}
    )
    with pytest.raises(NotFoundError):
        client.signals.get("nope")


def test_update_sends_only_given_fields(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(method="PUT", url=f"{URL}/hcasp_1", json={**SIGNAL, "recipients": []})
    signal = client.signals.update(
        "hcasp_1",
        SignalUpdate(
            sensitivity=SignalSensitivity.HIGH,
            recipients=[{"id": "hcar_1", "details": {"muted": True}}],
        ),
    )
    assert signal.recipients == []
    assert json.loads(only_request(httpx_mock).content) == {
        "sensitivity": "high",
        "recipients": [{"id": "hcar_1", "details": {"muted": True}}],
    }


def test_update_empty_recipients_clears_them(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(method="PUT", url=f"{URL}/hcasp_1", json=SIGNAL)
    client.signals.update("hcasp_1", {"recipients": []})
    assert json.loads(only_request(httpx_mock).content) == {"recipients": []}


@pytest.mark.parametrize(
    "update",
    [
        {"sensitivity": "extreme"},
        {"enabled": "maybe"},
        {"recipients": [{"type": "email", "target": "a@b.c"}]},
        {"recipients": [{"id": "r", "details": {"pagerduty_severity": "sev1"}}]},
        {"status": "off"},
    ],
)
def test_invalid_update_sends_nothing(
    httpx_mock: HTTPXMock, client: Client, update: dict[str, Any]
) -> None:
    with pytest.raises(RequestValidationError):
        client.signals.update("hcasp_1", update)
    assert httpx_mock.get_requests() == []


def test_historical_anomalies(httpx_mock: HTTPXMock, client: Client) -> None:
    path = "/1/signals/hcasp_1/historical_anomalies"
    httpx_mock.add_response(
        method="GET",
        url=f"{BASE}{path}?start_time=1740787200&end_time=1741392000&page%5Bsize%5D=100",
        json={
            "historical_anomalies": [ANOMALY],
            "links": {"next": f"{path}?start_time=1740787200&end_time=1741392000&page[after]=a"},
        },
    )
    httpx_mock.add_response(
        method="GET",
        url=f"{BASE}{path}?start_time=1740787200&end_time=1741392000&page%5Bafter%5D=a",
        json={
            "historical_anomalies": [{**ANOMALY, "id": "two", "normal_range": None}],
            "links": {"next": None},
        },
    )
    start = datetime(2025, 3, 1, tzinfo=timezone.utc)
    anomalies = client.signals.list_historical_anomalies(
        "hcasp_1", start, start + timedelta(days=7)
    )
    assert [a.id for a in anomalies] == [ANOMALY["id"], "two"]
    assert anomalies[0].normal_range is not None
    assert anomalies[0].normal_range.upper == pytest.approx(0.08)
    assert anomalies[0].measurement == pytest.approx(0.42)
    assert anomalies[1].normal_range is None


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (1740787200, 1740787200),
        (1741392000, 1740787200),
        (1740787200, 1740787200 + 30 * 86400 + 1),
    ],
)
def test_historical_anomalies_window_is_checked_locally(
    httpx_mock: HTTPXMock, client: Client, start: int, end: int
) -> None:
    with pytest.raises(ValueError, match=r"end_time|30"):
        client.signals.list_historical_anomalies("hcasp_1", start, end)
    assert httpx_mock.get_requests() == []


def test_historical_anomalies_accepts_exactly_thirty_days(
    httpx_mock: HTTPXMock, client: Client
) -> None:
    httpx_mock.add_response(method="GET", json={"historical_anomalies": []})
    assert client.signals.list_historical_anomalies("s", 0, 30 * 86400) == []
    assert only_request(httpx_mock).url.params["end_time"] == str(30 * 86400)
