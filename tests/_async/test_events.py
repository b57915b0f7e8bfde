"""client.events.send and send_batch: the requests sent and the per-event results."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

import httpx
import pytest
from pytest_httpx import HTTPXMock

from honeycomb import (
    AsyncClient,
    AuthenticationError,
    EventTooLargeError,
    InvalidEventError,
    TooManyFieldsError,
)
from honeycomb._events import MAX_BODY_BYTES, MAX_EVENT_BYTES
from honeycomb.models.events import BatchEvent, EventResult
from honeycomb.testing import FakeHoneycomb

from .._loopback import LoopbackServer, decoded  # noqa: TID252 - a helper shared by both trees
from .conftest import API_KEY, BASE

BATCH = f"{BASE}/1/batch/web%20logs"


def padded(size: int, **fields: Any) -> dict[str, Any]:
    """A batch event whose element is exactly ``size`` bytes once encoded."""
    from honeycomb._events import encode_item

    event = {"data": {**fields, "pad": ""}}
    overhead = len(encode_item(event))
    return {"data": {**fields, "pad": "x" * (size - overhead)}}


# -- send --------------------------------------------------------------------------------


async def test_send_posts_one_event_with_time_and_samplerate_headers(
    client: AsyncClient, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(method="POST", url=f"{BASE}/1/events/web%20logs", status_code=200)
    when = datetime(2024, 5, 1, 12, 0, 0, 250000, tzinfo=timezone.utc)
    # The API answers an empty 200; send returns None (typed so).
    await client.events.send(
        "web logs", {"route": "/home", "ms": 31}, timestamp=when, samplerate=10
    )
    [request] = httpx_mock.get_requests()
    assert request.headers["X-Honeycomb-Team"] == API_KEY
    assert request.headers["Content-Type"] == "application/json"
    assert request.headers["X-Honeycomb-Event-Time"] == "2024-05-01T12:00:00.250000Z"
    assert request.headers["X-Honeycomb-Samplerate"] == "10"
    assert "Authorization" not in request.headers
    assert json.loads(request.content) == {"route": "/home", "ms": 31}


async def test_send_without_time_or_samplerate_sends_neither_header(
    client: AsyncClient, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(method="POST", url=f"{BASE}/1/events/web", status_code=200)
    await client.events.send("web", {"a": 1}, timestamp=1714564800)
    [request] = httpx_mock.get_requests()
    assert request.headers["X-Honeycomb-Event-Time"] == "2024-05-01T12:00:00Z"
    assert "X-Honeycomb-Samplerate" not in request.headers


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"pad": "x" * MAX_EVENT_BYTES}, EventTooLargeError),
        ({f"f{i}": i for i in range(2001)}, TooManyFieldsError),
        ({}, InvalidEventError),
        ({"a": object()}, InvalidEventError),
    ],
)
async def test_send_refuses_unsendable_events_before_sending(
    client: AsyncClient, httpx_mock: HTTPXMock, data: dict[str, Any], error: type[Exception]
) -> None:
    with pytest.raises(error):
        await client.events.send("web", data)
    assert httpx_mock.get_requests() == []


async def test_send_refuses_a_bad_samplerate(client: AsyncClient, httpx_mock: HTTPXMock) -> None:
    with pytest.raises(InvalidEventError, match="samplerate"):
        await client.events.send("web", {"a": 1}, samplerate=0)
    assert httpx_mock.get_requests() == []


async def test_send_retries_503(
    client: AsyncClient, httpx_mock: HTTPXMock, sleeps: list[float]
) -> None:
    url = f"{BASE}/1/events/web"
    httpx_mock.add_response(method="POST", url=url, status_code=503, json={"error": "busy"})
    httpx_mock.add_response(method="POST", url=url, status_code=200)
    await client.with_options(max_retries=2).events.send("web", {"a": 1})
    assert len(httpx_mock.get_requests()) == 2
    assert len(sleeps) == 1


# -- send_batch --------------------------------------------------------------------------


async def test_send_batch_posts_compressed_elements_and_reads_results_in_order(
    client: AsyncClient, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(
        method="POST",
        url=BATCH,
        json=[{"status": 202}, {"status": 400, "error": "Event has too many columns."}],
    )
    when = datetime(2024, 5, 1, tzinfo=timezone.utc)
    results = await client.events.send_batch(
        "web logs",
        [
            {"data": {"a": 1}, "time": when, "samplerate": 5},
            BatchEvent(data={"b": 2}, time=1714521600.5),
        ],
    )
    assert results == [
        EventResult(0, 202),
        EventResult(1, 400, "Event has too many columns."),
    ]
    assert results[0].ok
    assert not results[1].ok
    [request] = httpx_mock.get_requests()
    assert request.headers["Content-Encoding"] == "zstd"
    assert request.headers["Content-Type"] == "application/json"
    assert request.headers["X-Honeycomb-Team"] == API_KEY
    assert decoded(request) == [
        {"data": {"a": 1}, "time": "2024-05-01T00:00:00Z", "samplerate": 5},
        {"data": {"b": 2}, "time": "2024-05-01T00:00:00.500000Z"},
    ]


@pytest.mark.parametrize(("choice", "header"), [("gzip", "gzip"), (None, None)])
async def test_send_batch_compression_choice(
    client: AsyncClient, httpx_mock: HTTPXMock, choice: Any, header: str | None
) -> None:
    import gzip

    httpx_mock.add_response(method="POST", url=BATCH, json=[{"status": 202}])
    await client.events.send_batch("web logs", [{"data": {"a": 1}}], compression=choice)
    [request] = httpx_mock.get_requests()
    assert request.headers.get("Content-Encoding") == header
    body = gzip.decompress(request.content) if header else request.content
    assert json.loads(body) == [{"data": {"a": 1}}]


async def test_unsendable_events_fail_alone_and_are_not_sent(
    client: AsyncClient, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(method="POST", url=BATCH, json=[{"status": 202}, {"status": 202}])
    events: list[Any] = [
        {"data": {"id": 0}},
        padded(MAX_EVENT_BYTES + 1, id=1),
        {"data": {"id": 2, "bad": object()}},
        {"id": 3},  # fields without the {"data": ...} envelope
        {"data": {"id": 4}},
    ]
    results = await client.events.send_batch("web logs", events)
    assert [(r.index, r.status, r.ok) for r in results] == [
        (0, 202, True),
        (1, 0, False),
        (2, 0, False),
        (3, 0, False),
        (4, 202, True),
    ]
    assert isinstance(results[1].exception, EventTooLargeError)
    assert "limit is 1000000 bytes" in (results[1].error or "")
    assert "serialisable" in (results[2].error or "")
    assert "unknown keys" in (results[3].error or "")
    [request] = httpx_mock.get_requests()
    assert [e["data"]["id"] for e in decoded(request)] == [0, 4]


async def test_event_of_exactly_1_mb_is_sent(client: AsyncClient, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(method="POST", url=BATCH, json=[{"status": 202}])
    [result] = await client.events.send_batch("web logs", [padded(MAX_EVENT_BYTES, id=0)])
    assert result.ok
    [request] = httpx_mock.get_requests()
    assert len(decoded(request)[0]["data"]["pad"]) > 999_000


async def test_bodies_are_split_at_5_mb(client: AsyncClient, httpx_mock: HTTPXMock) -> None:
    # Six events of 999,990 bytes: five fill a body (4,999,956 bytes), the sixth cannot join.
    events = [padded(999_990, id=i) for i in range(6)]
    httpx_mock.add_response(method="POST", url=BATCH, json=[{"status": 202}] * 5)
    httpx_mock.add_response(method="POST", url=BATCH, json=[{"status": 202}])
    results = await client.events.send_batch("web logs", events, compression=None)
    assert all(r.ok for r in results)
    assert [r.index for r in results] == list(range(6))
    first, second = httpx_mock.get_requests()
    assert len(first.content) == 5 * 999_990 + 6 <= MAX_BODY_BYTES
    assert [e["data"]["id"] for e in decoded(first)] == [0, 1, 2, 3, 4]
    assert [e["data"]["id"] for e in decoded(second)] == [5]


async def test_429_then_success_is_retried(
    client: AsyncClient, httpx_mock: HTTPXMock, sleeps: list[float]
) -> None:
    httpx_mock.add_response(method="POST", url=BATCH, status_code=429, json={"error": "slow"})
    httpx_mock.add_response(method="POST", url=BATCH, json=[{"status": 202}, {"status": 202}])
    retrying = client.with_options(max_retries=2)
    results = await retrying.events.send_batch("web logs", [{"data": {"i": i}} for i in range(2)])
    assert all(r.ok for r in results)
    requests = httpx_mock.get_requests()
    assert len(requests) == 2
    assert requests[0].content == requests[1].content  # the same body, sent again
    assert len(sleeps) == 1


async def test_a_failed_request_fails_each_of_its_events(
    client: AsyncClient, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(
        method="POST", url=BATCH, status_code=401, json={"error": "unknown API key"}
    )
    results = await client.events.send_batch("web logs", [{"data": {"i": i}} for i in range(3)])
    assert [(r.index, r.status) for r in results] == [(0, 401), (1, 401), (2, 401)]
    assert all(isinstance(r.exception, AuthenticationError) for r in results)
    assert "unknown API key" in (results[0].error or "")


async def test_a_connection_lost_after_sending_is_not_retried(
    client: AsyncClient, httpx_mock: HTTPXMock, sleeps: list[float]
) -> None:
    httpx_mock.add_exception(httpx.ReadError("connection reset"), method="POST", url=BATCH)
    retrying = client.with_options(max_retries=3)
    results = await retrying.events.send_batch("web logs", [{"data": {"i": 0}}])
    assert len(httpx_mock.get_requests()) == 1
    assert sleeps == []
    assert results[0].status == 0
    assert "may have reached the server" in (results[0].error or "")


async def test_a_connection_that_never_opened_is_retried(
    client: AsyncClient, httpx_mock: HTTPXMock, sleeps: list[float]
) -> None:
    httpx_mock.add_exception(httpx.ConnectError("refused"), method="POST", url=BATCH)
    httpx_mock.add_response(method="POST", url=BATCH, json=[{"status": 202}])
    retrying = client.with_options(max_retries=3)
    results = await retrying.events.send_batch("web logs", [{"data": {"i": 0}}])
    assert results[0].ok
    assert len(httpx_mock.get_requests()) == 2


async def test_an_empty_batch_sends_nothing(client: AsyncClient, httpx_mock: HTTPXMock) -> None:
    assert await client.events.send_batch("web", []) == []
    assert httpx_mock.get_requests() == []


async def test_send_batch_delivers_once_or_reports_failure_over_real_http(
    sleeps: list[float],
) -> None:
    # One request per event, so that each meets the next step of the plan.
    plan = ["503", "ok", "reset", "429", "ok", "reset_after_accept"]
    results: list[EventResult] = []
    with LoopbackServer(plan) as server:
        async with AsyncClient(api_key=API_KEY, base_url=server.url, max_retries=3) as client:
            for i in range(10):
                event = {"data": {"id": i, "reject": i == 7}}
                results += await client.events.send_batch("web", [event])
        accepted = server.accepted
    assert [r.status for r in results] == [202, 0, 202, 0, 202, 202, 202, 400, 202, 202]
    assert "may have reached the server" in (results[1].error or "")
    assert results[7].error == "rejected by the test"  # the per-event 400 reached us
    assert sorted(accepted.elements()) == [0, 2, 3, 4, 5, 6, 8, 9]  # none twice
    ok = {i for i, r in enumerate(results) if r.ok}
    assert ok <= set(accepted)  # everything reported ok was stored...
    assert set(range(10)) - set(accepted) <= {i for i, r in enumerate(results) if not r.ok}
    assert len(sleeps) == 2  # ...and only the 503 and the 429 were retried


# -- send_kinesis ------------------------------------------------------------------------


async def test_send_kinesis_sends_firehose_headers_and_parses_the_answer(
    client: AsyncClient, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(
        method="POST",
        url=f"{BASE}/1/kinesis_events/logs",
        json={"requestId": "req-1", "timestamp": 1700000000123},
    )
    answer = await client.events.send_kinesis(
        "logs",
        {"requestId": "req-1", "timestamp": 1700000000000, "records": [{"data": "eyJhIjogMX0="}]},
    )
    assert answer.request_id == "req-1"
    assert answer.timestamp == 1700000000123
    assert answer.error_message is None
    [request] = httpx_mock.get_requests()
    assert request.headers["X-Amz-Firehose-Access-Key"] == API_KEY
    assert request.headers["X-Amz-Firehose-Request-Id"] == "req-1"
    assert "X-Honeycomb-Team" not in request.headers
    assert json.loads(request.content) == {
        "requestId": "req-1",
        "timestamp": 1700000000000,
        "records": [{"data": "eyJhIjogMX0="}],
    }


async def test_send_kinesis_validates_before_sending(
    client: AsyncClient, httpx_mock: HTTPXMock
) -> None:
    with pytest.raises(ValueError):
        await client.events.send_kinesis("logs", {"records": []})  # no requestId
    assert httpx_mock.get_requests() == []


@pytest.fixture
def fake() -> FakeHoneycomb:
    return FakeHoneycomb()


async def test_an_event_with_nan_fails_alone_and_its_neighbours_are_stored(
    fake: FakeHoneycomb, hc: AsyncClient
) -> None:
    events: list[dict[str, Any]] = [
        {"data": {"n": 1}},
        {"data": {"n": float("nan")}},
        {"data": {"n": 3.0}},
    ]
    results = await hc.events.send_batch("web", events)
    assert [r.ok for r in results] == [True, False, True]
    assert results[1].error is not None and "'n' is NaN or infinite" in results[1].error
    assert isinstance(results[1].exception, InvalidEventError)
    assert sorted(e["data"]["n"] for e in fake.events("web")) == [1, 3.0]
    with pytest.raises(InvalidEventError, match="'n' is NaN"):
        await hc.events.send("web", {"n": float("-inf")})
