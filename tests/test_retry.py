"""The retry policy and wait computation (pure)."""

from __future__ import annotations

import random

import httpx
import pytest

from honeycomb._retry import (
    MAX_RETRY_WAIT,
    backoff,
    retry_reason,
    wait_seconds,
)
from honeycomb.errors import APIConnectionError, APITimeoutError, make_status_error


def status_error(status: int, headers: dict[str, str] | None = None) -> Exception:
    return make_status_error(
        httpx.Response(
            status, headers=headers or {}, content=b"{}", request=httpx.Request("GET", "https://x")
        )
    )


def connection_error(cause: Exception) -> APIConnectionError:
    request = httpx.Request("POST", "https://x")
    err = (
        APITimeoutError(request=request)
        if isinstance(cause, httpx.TimeoutException)
        else APIConnectionError(request=request)
    )
    err.__cause__ = cause
    return err


def test_wait_uses_server_value_within_cap() -> None:
    assert wait_seconds(status_error(429, {"Retry-After": "2"}), 1) == 2.0
    assert wait_seconds(status_error(429, {"Retry-After": "3600"}), 1) == MAX_RETRY_WAIT
    # An overflowing value is no advice at all: fall back to backoff, as anthropic-sdk does.
    assert wait_seconds(status_error(429, {"Retry-After": "1e400"}), 1) <= 0.5


def test_wait_falls_back_to_backoff() -> None:
    waits = [wait_seconds(status_error(503), n) for n in (1, 2, 3, 10)]
    assert 0.375 <= waits[0] <= 0.5
    assert 0.75 <= waits[1] <= 1.0
    assert 1.5 <= waits[2] <= 2.0
    assert 6.0 <= waits[3] <= 8.0


def test_backoff_jitter_is_bounded() -> None:
    rng = random.Random(7)
    values = {backoff(2, rng) for _ in range(50)}
    assert all(0.75 <= v <= 1.0 for v in values)
    assert len(values) > 1


@pytest.mark.parametrize("method", ["GET", "POST", "PUT", "PATCH", "DELETE"])
def test_429_is_retried_for_every_method(method: str) -> None:
    assert retry_reason(status_error(429), method) == "429 rate limited"


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_5xx_retried_only_when_idempotent(status: int) -> None:
    assert retry_reason(status_error(status), "GET") is not None
    assert retry_reason(status_error(status), "PUT") is not None
    assert retry_reason(status_error(status), "DELETE") is not None
    assert retry_reason(status_error(status), "POST") is None
    assert retry_reason(status_error(status), "PATCH") is None
    assert retry_reason(status_error(status), "POST", retry_unsafe=True) is not None


def test_opt_in_statuses() -> None:
    assert retry_reason(status_error(503), "POST", retry_statuses=frozenset({503})) is not None
    assert retry_reason(status_error(500), "POST", retry_statuses=frozenset({503})) is None


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 413, 422, 501])
def test_other_statuses_never_retried(status: int) -> None:
    assert retry_reason(status_error(status), "GET") is None


@pytest.mark.parametrize(
    "cause",
    [httpx.ConnectError("refused"), httpx.ConnectTimeout("slow"), httpx.PoolTimeout("full")],
)
def test_not_sent_failures_retried_for_post(cause: Exception) -> None:
    assert retry_reason(connection_error(cause), "POST") is not None


@pytest.mark.parametrize(
    "cause", [httpx.ReadTimeout("slow"), httpx.ReadError("reset"), httpx.RemoteProtocolError("eof")]
)
def test_ambiguous_failures_retried_only_when_idempotent(cause: Exception) -> None:
    assert retry_reason(connection_error(cause), "POST") is None
    assert retry_reason(connection_error(cause), "PATCH") is None
    assert retry_reason(connection_error(cause), "GET") is not None
    assert retry_reason(connection_error(cause), "POST", retry_unsafe=True) is not None


def test_other_exceptions_not_retried() -> None:
    assert retry_reason(ValueError("x"), "GET") is None
