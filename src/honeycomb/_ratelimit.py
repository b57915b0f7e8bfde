"""Reading what a response says about rate limits and waiting. Pure: no I/O.

``RateLimit`` / ``RateLimit-Policy`` (also spelled ``RateLimitPolicy``) and
``Retry-After`` / ``retry-after-ms`` are parsed here, once, for both users: the
exception tree (``RateLimitError.retry_after``, ``.rate_limit``) and the retry policy
(how long to wait). Keeping them apart from both is what lets ``errors`` and ``_retry``
avoid importing each other.

Every value comes from the server and is parsed defensively: garbage, huge numbers,
NaN or infinity give None, never an exception.
"""

from __future__ import annotations

import email.utils
import math
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass

__all__ = ["RateLimitInfo", "parse_rate_limit", "retry_after_seconds"]

# Far more digits than any real window or count; also keeps int() clear of Python's
# limit on converting long digit strings, which raises ValueError.
_MAX_DIGITS = 18


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
_WINDOW = re.compile(r"w\s*=\s*(\d+)")


def _number(value: str | None) -> float | None:
    if value is None or len(value) > 64:
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _int(value: str | None) -> int | None:
    number = _number(value)
    if number is None or abs(number) >= 10.0**_MAX_DIGITS:
        return None
    return int(number)


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
        The parsed state, or None when neither header is present. Values that cannot be
        read (garbage, absurdly long numbers) are None; this never raises.

    Examples:
        >>> parse_rate_limit({"RateLimit": "limit=100, remaining=7, reset=30"}).remaining
        7
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
        match = _WINDOW.search(policy)
        if match and len(match.group(1)) <= _MAX_DIGITS:
            window = int(match.group(1))
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

    Examples:
        >>> retry_after_seconds({"retry-after": "2"})
        2.0
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
            try:
                return max(parsed.timestamp() - current, 0.0)
            except (OverflowError, ValueError, OSError):
                return None
    info = parse_rate_limit(headers)
    if info is not None and info.reset is not None and info.reset >= 0:
        return info.reset
    return None
