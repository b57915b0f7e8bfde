"""Faults on demand: error statuses, rate limits, latency and dropped connections."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import format_datetime
from typing import Any

from honeycomb.testing._http import (
    FakeRequest,
    FakeResponse,
    json_response,
    jsonapi_error,
    rate_limited,
    server_error,
)

__all__ = ["FAILURES", "Fault"]

FAILURES = ("connect", "disconnect", "timeout")
"""``connect``: the connection is refused (``httpx.ConnectError``, nothing reached the
server); ``disconnect``: the server closes the connection without answering
(``httpx.RemoteProtocolError``; the request may have been processed); ``timeout``: no
answer in time (``httpx.ReadTimeout``)."""


@dataclass
class Fault:
    """One injected fault. ``remaining`` counts down; None means it never runs out.

    Attributes:
        operation: An operationId (``createQueryResult``) or None to match by path.
        method: An HTTP method to match, or None for any.
        path: A glob over the request path (``/1/query_results/*``), or None for any.
        status: The error status to answer with (None: no error, e.g. latency only).
        remaining: How many more requests this fault applies to (None: all of them).
        retry_after: ``Retry-After``: seconds, a ``datetime`` or a ready HTTP-date string.
        rate_limit: ``RateLimit``/``RateLimit-Policy``: ``(limit, remaining, reset)``, a
            dict with those keys, or the header value as a string.
        latency: Seconds to wait before answering.
        failure: Drop the connection instead of answering (see ``FAILURES``).
        body: A body to answer with instead of the API's usual error body.
        headers: Further headers.
        hits: How many requests it has applied to so far.
    """

    operation: str | None = None
    method: str | None = None
    path: str | None = None
    status: int | None = None
    remaining: int | None = 1
    retry_after: float | int | str | datetime | None = None
    rate_limit: tuple[int, int, int] | dict[str, int] | str | None = None
    latency: float = 0.0
    failure: str | None = None
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    hits: int = 0

    def __post_init__(self) -> None:
        if self.failure is not None and self.failure not in FAILURES:
            raise ValueError(f"failure must be one of {FAILURES}, got {self.failure!r}")
        if self.operation and (" " in self.operation or self.operation.startswith("/")):
            method, _, path = self.operation.rpartition(" ")
            self.method = method.upper() or None
            self.path = path
            self.operation = None
        if self.method:
            self.method = self.method.upper()
        if self.status is None and self.failure is None and not self.latency and not self.body:
            raise ValueError("a fault needs a status, a failure, a body or some latency")

    @property
    def exhausted(self) -> bool:
        """True when it will apply to no further request."""
        return self.remaining is not None and self.remaining <= 0

    def matches(self, operation: str | None, request: FakeRequest) -> bool:
        """Whether this fault applies to the request."""
        if self.exhausted:
            return False
        if self.operation is not None and self.operation != operation:
            return False
        if self.method is not None and self.method != request.method:
            return False
        return self.path is None or fnmatch.fnmatchcase(request.path, self.path)

    def consume(self) -> None:
        """Count one use."""
        self.hits += 1
        if self.remaining is not None:
            self.remaining -= 1

    def extra_headers(self, now: float) -> dict[str, str]:
        """``Retry-After``, ``RateLimit`` and ``RateLimit-Policy`` for the answer."""
        headers = dict(self.headers)
        if self.retry_after is not None:
            value = self.retry_after
            if isinstance(value, datetime):
                headers["Retry-After"] = format_datetime(
                    value.astimezone(timezone.utc), usegmt=True
                )
            elif isinstance(value, int | float):
                headers["Retry-After"] = str(int(value)) if value == int(value) else str(value)
            else:
                headers["Retry-After"] = str(value)
        limit = self.rate_limit
        if isinstance(limit, tuple):
            limit = {"limit": limit[0], "remaining": limit[1], "reset": limit[2]}
        if isinstance(limit, dict):
            headers["RateLimit"] = (
                f"limit={limit.get('limit', 100)}, remaining={limit.get('remaining', 0)}, "
                f"reset={limit.get('reset', 60)}"
            )
            headers["RateLimit-Policy"] = f"{limit.get('limit', 100)};w={limit.get('window', 60)}"
        elif isinstance(limit, str):
            headers["RateLimit"] = limit
        return headers

    def response(self, *, v2: bool, now: float) -> FakeResponse | None:
        """The answer this fault gives, or None to let the request through (latency)."""
        headers = self.extra_headers(now)
        if self.failure is not None:
            return FakeResponse(0, headers, b"", delay=self.latency, failure=self.failure)
        if self.status is None and self.body is None:
            return None
        status = self.status or 200
        if self.body is not None:
            if isinstance(self.body, bytes):
                response = FakeResponse(status, {"Content-Type": "text/html"}, self.body)
            else:
                response = json_response(status, self.body)
        elif status == 429:
            detail = "Please try again later."
            if isinstance(self.retry_after, int | float):
                detail = f"Please try again in {self.retry_after} seconds."
            response = rate_limited(detail, v2=v2).response
        elif status >= 500:
            response = server_error(status, v2=v2).response
        elif v2:
            response = jsonapi_error(status, "injected", "Injected fault").response
        else:
            response = json_response(status, {"error": f"injected fault ({status})"})
        response.headers.update(headers)
        response.delay = self.latency
        return response
