"""The request pipeline through AsyncClient: retries, error mapping, decoding, rate limits."""

from __future__ import annotations

import logging
from typing import Any

import httpx
import pytest
from pytest_httpx import HTTPXMock

from honeycomb import (
    APIConnectionError,
    APIResponseValidationError,
    APITimeoutError,
    AsyncClient,
    AuthenticationError,
    BadRequestError,
    InternalServerError,
    MissingCredentialError,
    NotFoundError,
    RateLimitError,
    UnprocessableEntityError,
)
from honeycomb._retry import MAX_RETRY_WAIT

from .conftest import API_KEY, BASE

DATASETS = f"{BASE}/1/datasets"


def retrying_client(**kwargs: Any) -> AsyncClient:
    return AsyncClient(api_key=API_KEY, max_retries=kwargs.pop("max_retries", 2), **kwargs)


async def test_get_retried_on_503_until_success(httpx_mock: HTTPXMock, sleeps: list[float]) -> None:
    httpx_mock.add_response(url=DATASETS, status_code=503)
    httpx_mock.add_response(url=DATASETS, status_code=503)
    httpx_mock.add_response(url=DATASETS, json=[{"name": "web", "slug": "web"}])
    async with retrying_client() as client:
        datasets = await client.datasets.list()
    assert [d.slug for d in datasets] == ["web"]
    assert len(httpx_mock.get_requests()) == 3
    assert len(sleeps) == 2


async def test_get_gives_up_after_max_retries(httpx_mock: HTTPXMock, sleeps: list[float]) -> None:
    for _ in range(3):
        httpx_mock.add_response(url=DATASETS, status_code=502, text="<html>bad gateway</html>")
    async with retrying_client() as client:
        with pytest.raises(InternalServerError) as info:
            await client.datasets.list()
    assert info.value.status_code == 502
    assert info.value.body == "<html>bad gateway</html>"
    assert len(httpx_mock.get_requests()) == 3


async def test_post_not_retried_on_503(httpx_mock: HTTPXMock, sleeps: list[float]) -> None:
    url = f"{BASE}/1/markers/web"
    httpx_mock.add_response(method="POST", url=url, status_code=503, json={"error": "unavailable"})
    async with retrying_client() as client:
        with pytest.raises(InternalServerError) as info:
            await client._requester.request(
                "POST", "/1/markers/web", json={"message": "x"}, cast=Any
            )
    assert info.value.message == "unavailable"
    assert len(httpx_mock.get_requests()) == 1
    assert sleeps == []


async def test_post_opt_in_retries_503(httpx_mock: HTTPXMock, sleeps: list[float]) -> None:
    url = f"{BASE}/1/batch/web"
    httpx_mock.add_response(method="POST", url=url, status_code=503)
    httpx_mock.add_response(method="POST", url=url, json=[{"status": 202}])
    async with retrying_client() as client:
        result = await client._requester.request(
            "POST", "/1/batch/web", json=[{"data": {}}], cast=Any, retry_statuses=frozenset({503})
        )
    assert result == [{"status": 202}]
    assert len(httpx_mock.get_requests()) == 2


async def test_post_retried_on_connect_error(httpx_mock: HTTPXMock, sleeps: list[float]) -> None:
    url = f"{BASE}/1/markers/web"
    httpx_mock.add_exception(httpx.ConnectError("connection refused"), url=url)
    httpx_mock.add_response(method="POST", url=url, json={"id": "m1"})
    async with retrying_client() as client:
        result = await client._requester.request("POST", "/1/markers/web", json={}, cast=Any)
    assert result == {"id": "m1"}
    assert len(httpx_mock.get_requests()) == 2


async def test_post_not_retried_on_read_timeout(httpx_mock: HTTPXMock, sleeps: list[float]) -> None:
    url = f"{BASE}/1/markers/web"
    httpx_mock.add_exception(httpx.ReadTimeout("read timed out"), url=url)
    async with retrying_client() as client:
        with pytest.raises(APITimeoutError) as info:
            await client._requester.request("POST", "/1/markers/web", json={}, cast=Any)
    assert isinstance(info.value.__cause__, httpx.ReadTimeout)
    assert len(httpx_mock.get_requests()) == 1


async def test_get_retried_on_read_timeout(httpx_mock: HTTPXMock, sleeps: list[float]) -> None:
    httpx_mock.add_exception(httpx.ReadTimeout("read timed out"), url=DATASETS)
    httpx_mock.add_response(url=DATASETS, json=[])
    async with retrying_client() as client:
        assert await client.datasets.list() == []
    assert len(httpx_mock.get_requests()) == 2


async def test_429_waits_retry_after(httpx_mock: HTTPXMock, sleeps: list[float]) -> None:
    httpx_mock.add_response(url=DATASETS, status_code=429, headers={"Retry-After": "2"})
    httpx_mock.add_response(url=DATASETS, json=[])
    async with retrying_client() as client:
        await client.datasets.list()
    assert sleeps == [2.0]
    assert len(httpx_mock.get_requests()) == 2


async def test_429_on_post_is_retried(httpx_mock: HTTPXMock, sleeps: list[float]) -> None:
    url = f"{BASE}/1/markers/web"
    httpx_mock.add_response(
        method="POST",
        url=url,
        status_code=429,
        headers={"RateLimit": "limit=10, remaining=0, reset=4"},
    )
    httpx_mock.add_response(method="POST", url=url, json={"id": "m1"})
    async with retrying_client() as client:
        await client._requester.request("POST", "/1/markers/web", json={}, cast=Any)
    assert sleeps == [4.0]


async def test_retry_after_is_capped(httpx_mock: HTTPXMock, sleeps: list[float]) -> None:
    httpx_mock.add_response(url=DATASETS, status_code=429, headers={"Retry-After": "3600"})
    httpx_mock.add_response(url=DATASETS, json=[])
    # (The timeout bounds the whole call: it must leave room for the longest wait.)
    async with retrying_client(timeout=2 * MAX_RETRY_WAIT) as client:
        await client.datasets.list()
    assert sleeps == [MAX_RETRY_WAIT]


async def test_429_exhausted_raises_rate_limit_error(
    httpx_mock: HTTPXMock, sleeps: list[float]
) -> None:
    for _ in range(2):
        httpx_mock.add_response(
            url=DATASETS,
            status_code=429,
            headers={
                "RateLimit": "limit=100, remaining=0, reset=30",
                "RateLimit-Policy": "100;w=60",
            },
            json={
                "status": 429,
                "title": "You have exceeded your rate limit.",
                "error": "Rate limited",
            },
        )
    async with retrying_client(max_retries=1) as client:
        with pytest.raises(RateLimitError) as info:
            await client.datasets.list()
        assert client.rate_limit is not None
        assert client.rate_limit.remaining == 0
    err = info.value
    assert err.retry_after == 30.0
    assert err.rate_limit is not None and err.rate_limit.window == 60
    assert len(httpx_mock.get_requests()) == 2


async def test_retries_are_logged_at_info(
    httpx_mock: HTTPXMock, sleeps: list[float], caplog: pytest.LogCaptureFixture
) -> None:
    httpx_mock.add_response(url=DATASETS, status_code=503)
    httpx_mock.add_response(url=DATASETS, json=[])
    caplog.set_level(logging.INFO, logger="honeycomb")
    async with retrying_client() as client:
        await client.datasets.list()
    messages = [r.getMessage() for r in caplog.records if r.levelno == logging.INFO]
    assert any(
        "Retrying GET /1/datasets" in m and "503" in m and "attempt 2 of 3" in m for m in messages
    )


async def test_max_retries_zero_sends_once(httpx_mock: HTTPXMock, sleeps: list[float]) -> None:
    httpx_mock.add_response(url=DATASETS, status_code=503)
    async with retrying_client(max_retries=0) as client:
        with pytest.raises(InternalServerError):
            await client.datasets.list()
    assert len(httpx_mock.get_requests()) == 1


async def test_with_options_overrides_retries_per_call(
    httpx_mock: HTTPXMock, sleeps: list[float]
) -> None:
    for _ in range(5):
        httpx_mock.add_response(url=DATASETS, status_code=503)
    httpx_mock.add_response(url=DATASETS, json=[])
    async with retrying_client(max_retries=0) as client:
        assert await client.with_options(max_retries=5).datasets.list() == []
    assert len(httpx_mock.get_requests()) == 6


async def test_connection_error_is_wrapped(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_exception(httpx.ConnectError("Name or service not known"), url=DATASETS)
    with pytest.raises(APIConnectionError) as info:
        await client.datasets.list()
    assert not isinstance(info.value, APITimeoutError)
    assert isinstance(info.value.__cause__, httpx.ConnectError)
    assert "ConnectError" in str(info.value)


@pytest.mark.parametrize(
    ("status", "body", "cls", "message"),
    [
        (
            400,
            {"error": "could not parse request body"},
            BadRequestError,
            "could not parse request body",
        ),
        (
            401,
            {"error": "unknown API key - check your credentials"},
            AuthenticationError,
            "unknown API key",
        ),
        (404, {"error": "Dataset not found"}, NotFoundError, "Dataset not found"),
        (
            422,
            {
                "status": 422,
                "title": "The provided input is invalid.",
                "error": "The provided input is invalid.",
                "type_detail": [
                    {"field": "name", "code": "missing", "description": "cannot be blank"}
                ],
            },
            UnprocessableEntityError,
            "The provided input is invalid.",
        ),
    ],
)
async def test_error_statuses(
    httpx_mock: HTTPXMock,
    client: AsyncClient,
    status: int,
    body: dict[str, Any],
    cls: type[Exception],
    message: str,
) -> None:
    httpx_mock.add_response(url=f"{DATASETS}/web", status_code=status, json=body)
    with pytest.raises(cls) as info:
        await client.datasets.get("web")
    assert message in str(info.value)
    assert info.value.body == body  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("content", "headers", "fragment"),
    [
        (
            b"<html><body>Service temporarily unavailable</body></html>",
            {"content-type": "text/html"},
            "an HTML page",
        ),
        (b'[{"name": "web", "slug": "we', {"content-type": "application/json"}, "not valid JSON"),
        (b"", {}, "was empty"),
    ],
)
async def test_malformed_success_bodies(
    httpx_mock: HTTPXMock,
    client: AsyncClient,
    content: bytes,
    headers: dict[str, str],
    fragment: str,
) -> None:
    httpx_mock.add_response(url=DATASETS, content=content, headers=headers)
    with pytest.raises(APIResponseValidationError) as info:
        await client.datasets.list()
    assert fragment in str(info.value)
    assert info.value.status_code == 200
    if content:
        assert info.value.body == content.decode()


async def test_wrong_shape_success_body(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(url=DATASETS, json={"not": "a list"})
    with pytest.raises(APIResponseValidationError) as info:
        await client.datasets.list()
    assert info.value.body == {"not": "a list"}


async def test_missing_credential_fails_before_sending(httpx_mock: HTTPXMock) -> None:
    async with AsyncClient(management_key="hcxmk_id1234567:secret12345") as client:
        with pytest.raises(MissingCredentialError, match="HONEYCOMB_API_KEY"):
            await client.datasets.list()
    async with AsyncClient(api_key=API_KEY) as client:
        with pytest.raises(MissingCredentialError, match="HONEYCOMB_KEY_ID"):
            await client.auth.get_management()
    assert httpx_mock.get_requests() == []


async def test_rate_limit_state_tracked_on_success(
    httpx_mock: HTTPXMock, client: AsyncClient
) -> None:
    before = client.rate_limit
    httpx_mock.add_response(
        url=DATASETS,
        json=[],
        headers={"RateLimit": "limit=120, remaining=119, reset=60", "RateLimitPolicy": "120;w=60"},
    )
    await client.datasets.list()
    assert before is None
    assert client.rate_limit is not None
    assert (client.rate_limit.limit, client.rate_limit.remaining, client.rate_limit.window) == (
        120,
        119,
        60,
    )


class Clock:
    """A monotonic clock that the patched sleep advances."""

    def __init__(self) -> None:
        self.now = 100.0


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    from honeycomb import _io

    clock = Clock()

    async def fake_sleep(seconds: float) -> None:
        clock.now += seconds

    monkeypatch.setattr(_io, "monotonic", lambda: clock.now)
    monkeypatch.setattr(_io, "async_sleep", fake_sleep)
    return clock


async def test_deadline_waits_out_429s_beyond_max_retries(
    httpx_mock: HTTPXMock, clock: Clock
) -> None:
    for _ in range(4):
        httpx_mock.add_response(url=DATASETS, status_code=429, headers={"Retry-After": "5"})
    httpx_mock.add_response(url=DATASETS, json=[])
    async with retrying_client(max_retries=0) as client:
        result = await client._requester.request(
            "GET", "/1/datasets", cast=Any, deadline=clock.now + 30
        )
    assert result == []
    assert len(httpx_mock.get_requests()) == 5
    assert clock.now == 120.0


async def test_deadline_stops_a_wait_that_would_overrun_it(
    httpx_mock: HTTPXMock, clock: Clock
) -> None:
    httpx_mock.add_response(url=DATASETS, status_code=429, headers={"Retry-After": "5"})
    httpx_mock.add_response(url=DATASETS, status_code=429, headers={"Retry-After": "50"})
    async with retrying_client(max_retries=5) as client:
        with pytest.raises(RateLimitError) as info:
            await client._requester.request("GET", "/1/datasets", cast=Any, deadline=clock.now + 30)
    assert info.value.retry_after == 50.0
    assert len(httpx_mock.get_requests()) == 2
    assert clock.now == 105.0


async def test_deadline_cuts_each_attempt_timeout(httpx_mock: HTTPXMock, clock: Clock) -> None:
    httpx_mock.add_response(url=DATASETS, json=[])
    async with retrying_client() as client:
        await client._requester.request("GET", "/1/datasets", cast=Any, deadline=clock.now + 2.5)
    timeout = httpx_mock.get_requests()[0].extensions["timeout"]
    assert timeout == {"connect": 2.5, "read": 2.5, "write": 2.5, "pool": 2.5}
