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
of the ``RateLimit`` header (read by ``honeycomb._ratelimit``), capped at
``MAX_RETRY_WAIT``; otherwise exponential backoff with jitter.
"""

from __future__ import annotations

import random

import httpx

from honeycomb._ratelimit import retry_after_seconds
from honeycomb.errors import (
    APIConnectionError,
    APIStatusError,
    RateLimitError,
)

__all__ = [
    "IDEMPOTENT_METHODS",
    "MAX_RETRY_WAIT",
    "RETRYABLE_STATUSES",
    "backoff",
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
