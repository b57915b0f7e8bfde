"""Honeycomb's rate limits, counted by the fake when asked to: ``FakeHoneycomb(rate_limits=...)``.

The API counts requests in fixed windows per resource and action (reads of triggers apart
from writes of triggers, apart from reads of SLOs), reports the count in ``RateLimit`` and
``RateLimit-Policy`` on the operations whose spec lists those headers, and answers 429
once a window is used up. Event ingestion and query results carry no such headers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = ["UNCOUNTED", "RateLimits", "Windows", "bucket"]

UNCOUNTED = frozenset(
    {
        "createEvent",
        "createEvents",
        "createKinesisEvents",
        "createQueryResult",
        "getQueryResult",
        "deleteBurnAlert",
        "recordPipelineUsage",
        "recordEnhanceIndexerUsage",
    }
)
"""The operations the spec documents without ``RateLimit`` headers."""


@dataclass(frozen=True)
class RateLimits:
    """How many requests a window admits, per resource and action.

    Examples:
        >>> from honeycomb import RateLimitError
        >>> from honeycomb.testing import FakeHoneycomb, RateLimits
        >>> fake = FakeHoneycomb(rate_limits=RateLimits(limit=2, window=60, enforce=True))
        >>> hc = fake.client(max_retries=0)
        >>> first, second = hc.datasets.list(), hc.datasets.list()
        >>> hc.rate_limit.limit, hc.rate_limit.remaining, hc.rate_limit.window
        (2, 0, 60)
        >>> try:
        ...     hc.datasets.list()
        ... except RateLimitError as err:
        ...     print(err.status_code)
        429
        >>> hc.close()

    Attributes:
        limit: Requests a window admits for one resource and action (100 is the documented
            default of the v2 API; 120 reads a minute is reported for v1).
        window: The window's length in seconds (``RateLimit-Policy: 100;w=60``).
        enforce: Answer 429 (the API's body, ``RateLimit`` with ``remaining=0``) past the
            limit; when false the headers only report the count.
    """

    limit: int = 100
    window: float = 60.0
    enforce: bool = False

    def __post_init__(self) -> None:
        if self.limit < 1 or not (math.isfinite(self.window) and self.window > 0):
            raise ValueError(f"a rate limit needs limit >= 1 and window > 0, got {self}")


def bucket(method: str, path: str) -> str:
    """What a request is counted against: its action and resource.

    Args:
        method: The HTTP method.
        path: The URL path.

    Returns:
        For example ``read /1/triggers`` or ``write /2/teams/t/api-keys`` (a v2 resource
        belongs to its team).
    """
    parts = [p for p in path.split("/") if p]
    depth = 4 if parts[:2] == ["2", "teams"] else 2
    action = "read" if method.upper() in ("GET", "HEAD") else "write"
    return f"{action} /{'/'.join(parts[:depth])}"


class Windows:
    """The fixed windows of one fake, by bucket (the caller holds the fake's lock)."""

    def __init__(self, limits: RateLimits) -> None:
        self.limits = limits
        self._open: dict[str, tuple[float, int]] = {}

    def count(self, key: str, now: float) -> tuple[bool, dict[str, str]]:
        """Count one request at ``now``.

        Args:
            key: The request's bucket.
            now: The fake's clock, in seconds.

        Returns:
            Whether the request is over the limit, and the headers reporting the window.
        """
        start, used = self._open.get(key, (now, 0))
        if now - start >= self.limits.window:
            start, used = now, 0
        used += 1
        self._open[key] = (start, used)
        limit = self.limits.limit
        reset = max(1, math.ceil(self.limits.window - (now - start)))
        headers = {
            "RateLimit": f"limit={limit}, remaining={max(limit - used, 0)}, reset={reset}",
            "RateLimit-Policy": f"{limit};w={self.limits.window:g}",
        }
        return used > limit, headers
