"""Which failures are retried, and how long to wait. Pure: no I/O.

The policy follows stripe-python's caution: only what is safe to repeat is repeated.

- Any method is retried on 429 and on failures before the request reached the server
  (connect error, connect timeout, pool timeout).
- GET, PUT, DELETE, HEAD and OPTIONS are also retried on 500/502/503/504, read/write
  timeouts and dropped connections: repeating them cannot create anything.
- POST and PATCH are not retried on those (the server may have acted on the first try)
  unless the call opts in with ``retry_unsafe=True`` or names statuses that it knows
  mean "rejected, nothing done" (``retry_statuses``; event sends use 503).

Waits honour ``Retry-After`` (seconds, milliseconds or an HTTP date) and the ``reset=``
of the ``RateLimit`` header, capped at ``MAX_RETRY_WAIT``; otherwise exponential backoff
with jitter.
"""

from __future__ import annotations

import email.utils
import random
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass

import httpx

from honeycomb.errors import (
    APIConnectionError,
    APIStatusError,
    RateLimitError,
)

__all__ = [
    "IDEMPOTENT_METHODS",
    "MAX_RETRY_WAIT",
    "RETRYABLE_STATUSES",
    "RateLimitInfo",
    "backoff",
    "parse_rate_limit",
    "retry_after_seconds",
    "retry_reason",
    "wait_seconds",
]

MAX_RETRY_WAIT = 60.0
"""The longest the client waits between two attempts, whatever the server asks."""

INITIAL_BACKOFF = 0.5
MAX_BACKOFF = 8.0

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})
RETRYABLE_STATUSES = frozenset({500, 502, 503, 504})

# httpx exceptions raised before any byte of the request left: always safe to repeat.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


@dataclass(frozen=True)
class RateLimitInfo:
    """The rate-limit state a response reported.

    Attributes:
        limit: Requests allowed in the window (``RateLimit: limit=``).
        remaining: Requests left in the window.
        reset: Seconds until the window resets.
        policy: The raw ``RateLimit-Policy`` value, e.g. ``"100;w=60"``.
        window: The policy's window in seconds.
        observed_at: ``time.time()`` when the response arrived.
    """

    limit: int | None = None
    remaining: int | None = None
    reset: float | None = None
    policy: str | None = None
    window: int | None = None
    observed_at: float = 0.0


_SF_ITEM = re.compile(r"\s*([A-Za-z_][\w-]*)\s*=\s*\"?([^,;\"]*)\"?")


def _number(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    return number if number == number and number not in (float("inf"), float("-inf")) else None


def _int(value: str | None) -> int | None:
    number = _number(value)
    return int(number) if number is not None else None


def _rate_limit_headers(headers: Mapping[str, str]) -> tuple[str | None, str | None]:
    """``RateLimit`` and ``RateLimit-Policy`` (or ``RateLimitPolicy``), read in one pass.

    This runs on every response, so with ``httpx.Headers`` it scans the raw bytes once
    instead of making three case-insensitive lookups, each of which decodes every header.
    """
    pairs = getattr(headers, "raw", None)
    if pairs is None:
        lowered = {key.lower(): value for key, value in headers.items()}
        return lowered.get("ratelimit"), (
            lowered.get("ratelimit-policy") or lowered.get("ratelimitpolicy")
        )
    limit = policy = None
    for key, value in pairs:
        if key[:9].lower() != b"ratelimit":
            continue
        name = key.lower()
        if name == b"ratelimit":
            limit = value.decode("latin-1")
        elif name in (b"ratelimit-policy", b"ratelimitpolicy"):
            policy = value.decode("latin-1")
    return limit, policy


def parse_rate_limit(headers: Mapping[str, str]) -> RateLimitInfo | None:
    """Read ``RateLimit`` and ``RateLimit-Policy`` (also spelled ``RateLimitPolicy``).

    Args:
        headers: Response headers (case-insensitive mapping, such as ``httpx.Headers``).

    Returns:
        The parsed state, or None when neither header is present.
    """
    raw, policy = _rate_limit_headers(headers)
    if raw is None and policy is None:
        return None
    fields: dict[str, str] = {}
    for part in (raw or "").split(","):
        match = _SF_ITEM.match(part)
        if match:
            fields[match.group(1).lower()] = match.group(2).strip()
    window = None
    if policy:
        match = re.search(r"w\s*=\s*(\d+)", policy)
        window = int(match.group(1)) if match else None
    return RateLimitInfo(
        limit=_int(fields.get("limit")),
        remaining=_int(fields.get("remaining")),
        reset=_number(fields.get("reset")),
        policy=policy,
        window=window,
        observed_at=time.time(),
    )


def retry_after_seconds(headers: Mapping[str, str], now: float | None = None) -> float | None:
    """How long the server asked us to wait, from ``Retry-After``, ``retry-after-ms``
    or the ``reset=`` of ``RateLimit``.

    Args:
        headers: Response headers.
        now: The current time (``time.time()`` when None), for HTTP dates.

    Returns:
        Seconds (never negative), or None when the server did not say.
    """
    millis = _number(headers.get("retry-after-ms"))
    if millis is not None and millis >= 0:
        return millis / 1000.0
    value = headers.get("retry-after")
    if value is not None:
        seconds = _number(value.strip())
        if seconds is not None:
            return max(seconds, 0.0)
        try:
            parsed = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError, OverflowError):
            parsed = None
        if parsed is not None:
            current = time.time() if now is None else now
            return max(parsed.timestamp() - current, 0.0)
    info = parse_rate_limit(headers)
    if info is not None and info.reset is not None and info.reset >= 0:
        return info.reset
    return None


def backoff(attempt: int, rng: random.Random | None = None) -> float:
    """Exponential backoff with jitter: ``min(0.5 * 2**(n-1), 8) * (1 - 0.25 * rand)``.

    Args:
        attempt: The number of the attempt that just failed, from 1.
        rng: A random source (for tests).

    Returns:
        Seconds to wait.
    """
    base: float = min(INITIAL_BACKOFF * 2.0 ** max(attempt - 1, 0), MAX_BACKOFF)
    jitter: float = 1.0 - 0.25 * (rng or random).random()
    return base * jitter


def wait_seconds(exc: BaseException | None, attempt: int, cap: float = MAX_RETRY_WAIT) -> float:
    """The wait before the next attempt: the server's word within ``cap``, else backoff.

    Args:
        exc: The exception of the failed attempt.
        attempt: Its number, from 1.
        cap: The longest wait allowed.

    Returns:
        Seconds to wait.
    """
    if isinstance(exc, APIStatusError):
        asked = retry_after_seconds(exc.response.headers)
        if asked is not None:
            return min(asked, cap)
    return min(backoff(attempt), cap)


def retry_reason(
    exc: BaseException,
    method: str,
    *,
    retry_unsafe: bool = False,
    retry_statuses: frozenset[int] = frozenset(),
) -> str | None:
    """Decide whether a failed attempt may be repeated.

    Args:
        exc: What the attempt raised.
        method: The HTTP method.
        retry_unsafe: The call declared a POST/PATCH safe to repeat.
        retry_statuses: Extra statuses the call declared safe to repeat.

    Returns:
        A short reason for the log when the attempt should be retried, else None.
    """
    idempotent = retry_unsafe or method.upper() in IDEMPOTENT_METHODS
    if isinstance(exc, RateLimitError):
        return "429 rate limited"
    if isinstance(exc, APIStatusError):
        status = exc.status_code
        if status in retry_statuses or (idempotent and status in RETRYABLE_STATUSES):
            return f"{status} {exc.response.reason_phrase}".strip()
        return None
    if isinstance(exc, APIConnectionError):
        cause = exc.__cause__
        if isinstance(cause, _NOT_SENT):
            return f"{type(cause).__name__} before the request was sent"
        if idempotent and isinstance(cause, httpx.TransportError):
            return type(cause).__name__
    return None
