"""Rate-limit and Retry-After header parsing (pure): what the server said, never a crash."""

from __future__ import annotations

import email.utils

import httpx
import pytest

from honeycomb._ratelimit import parse_rate_limit, retry_after_seconds

NOW = 1_700_000_000.0


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"Retry-After": "2"}, 2.0),
        ({"Retry-After": "0.5"}, 0.5),
        ({"Retry-After": "-3"}, 0.0),
        ({"retry-after-ms": "1500"}, 1.5),
        ({"Retry-After": email.utils.formatdate(NOW + 30, usegmt=True)}, 30.0),
        ({"Retry-After": email.utils.formatdate(NOW - 30, usegmt=True)}, 0.0),
        ({"Retry-After": "Fri, 99 Foo 2024 99:99:99 GMT"}, None),
        ({"Retry-After": "soon"}, None),
        ({"RateLimit": "limit=100, remaining=0, reset=12"}, 12.0),
        ({"Retry-After": "3", "RateLimit": "limit=1, remaining=0, reset=50"}, 3.0),
        ({}, None),
    ],
)
def test_retry_after_seconds(headers: dict[str, str], expected: float | None) -> None:
    result = retry_after_seconds(httpx.Headers(headers), now=NOW)
    if expected is None:
        assert result is None
    else:
        assert result == pytest.approx(expected, abs=1.0)


def test_parse_rate_limit_both_policy_spellings() -> None:
    info = parse_rate_limit(
        httpx.Headers(
            {"RateLimit": "limit=10, remaining=3, reset=40", "RateLimitPolicy": "10;w=60"}
        )
    )
    assert info is not None
    assert (info.limit, info.remaining, info.reset, info.window, info.policy) == (
        10,
        3,
        40.0,
        60,
        "10;w=60",
    )
    assert parse_rate_limit(httpx.Headers({})) is None
    garbled = parse_rate_limit(httpx.Headers({"RateLimit": "nonsense"}))
    assert garbled is not None and garbled.limit is None


def test_parse_rate_limit_from_a_plain_mapping() -> None:
    info = parse_rate_limit(
        {"RateLimit": "limit=5, remaining=1, reset=9", "RateLimit-Policy": "5;w=10"}
    )
    assert info is not None
    assert (info.limit, info.remaining, info.reset, info.window) == (5, 1, 9.0, 10)


@pytest.mark.parametrize(
    "headers",
    [
        {"RateLimit-Policy": "100;w=" + "9" * 5000},
        {"RateLimit": "limit=" + "9" * 5000 + ", remaining=" + "1" * 400 + ", reset=1e999"},
        {"RateLimit": "limit=nan, remaining=inf, reset=-inf"},
        {"Retry-After": "9" * 5000},
        {"retry-after-ms": "nan"},
    ],
)
def test_defect_06_absurd_rate_limit_values_are_ignored_not_raised(
    headers: dict[str, str],
) -> None:
    info = parse_rate_limit(httpx.Headers(headers))
    if info is not None:
        assert info.window is None
        assert info.limit is None
        assert info.remaining is None
        assert info.reset is None
    assert retry_after_seconds(httpx.Headers(headers), now=NOW) is None
