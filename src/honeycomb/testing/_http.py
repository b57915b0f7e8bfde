"""Transport-neutral request/response types and the error bodies the fake answers with.

The fake's core is a pure function ``FakeRequest -> FakeResponse``; the httpx transports
and the local HTTP server only translate to and from these types.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

__all__ = [
    "JSONAPI",
    "PROBLEM",
    "ApiError",
    "FakeRequest",
    "FakeResponse",
    "bad_request",
    "conflict",
    "forbidden",
    "json_response",
    "jsonapi_error",
    "not_found",
    "unauthorized",
    "unprocessable",
]

JSON = "application/json"
PROBLEM = "application/problem+json"
JSONAPI = "application/vnd.api+json"


@dataclass
class FakeRequest:
    """One request as the fake sees it (whatever carried it)."""

    method: str
    path: str
    query: dict[str, list[str]] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    """Lower-cased header names."""
    body: bytes = b""

    @classmethod
    def from_url(cls, method: str, url: str, headers: dict[str, str], body: bytes) -> FakeRequest:
        """Build from a URL (absolute or path + query).

        Args:
            method: The HTTP method.
            url: The request URL.
            headers: The headers (any case).
            body: The raw body.

        Returns:
            The request.
        """
        parts = urlsplit(url)
        return cls(
            method=method.upper(),
            path=parts.path or "/",
            query=parse_qs(parts.query, keep_blank_values=True),
            headers={k.lower(): v for k, v in headers.items()},
            body=body,
        )

    def param(self, name: str) -> str | None:
        """The first value of a query parameter, or None."""
        values = self.query.get(name)
        return values[0] if values else None

    def header(self, name: str) -> str | None:
        """A header value, or None."""
        return self.headers.get(name.lower())

    @property
    def segments(self) -> list[str]:
        """The decoded path segments."""
        return [unquote(s) for s in self.path.strip("/").split("/")]


@dataclass
class FakeResponse:
    """What the fake answers: a status, headers and a body, or a transport failure."""

    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    delay: float = 0.0
    """Seconds the transport waits before answering (injected latency)."""
    failure: str | None = None
    """``"connect"``, ``"disconnect"`` or ``"timeout"``: answer with no response at all."""

    def json(self) -> Any:
        """The decoded body (None when empty)."""
        return json.loads(self.body) if self.body else None


def json_response(
    status: int, body: Any, content_type: str = JSON, headers: dict[str, str] | None = None
) -> FakeResponse:
    """A JSON response.

    Args:
        status: The status code.
        body: Any JSON-serialisable value.
        content_type: The media type.
        headers: Extra headers.

    Returns:
        The response.
    """
    data = json.dumps(body, separators=(",", ":")).encode()
    return FakeResponse(status, {"Content-Type": content_type, **(headers or {})}, data)


class ApiError(Exception):
    """Raised by a handler to answer with an error response."""

    def __init__(self, response: FakeResponse) -> None:
        super().__init__(response.status)
        self.response = response


def _problem(
    status: int,
    kind: str,
    title: str,
    error: str,
    *,
    detail: str | None = None,
    type_detail: list[dict[str, str]] | None = None,
) -> ApiError:
    body: dict[str, Any] = {
        "status": status,
        "type": f"https://api.honeycomb.io/problems/{kind}",
        "title": title,
        "error": error,
    }
    if detail is not None:
        body["detail"] = detail
    if type_detail is not None:
        body["type_detail"] = type_detail
    return ApiError(json_response(status, body, PROBLEM))


def jsonapi_error(status: int, code: str, title: str, detail: str | None = None) -> ApiError:
    """A v2 (JSON:API) error.

    Args:
        status: The status code.
        code: A machine-readable code (``not-found``, ``invalid``...).
        title: A short summary.
        detail: The specific problem.

    Returns:
        The error to raise.
    """
    item: dict[str, Any] = {
        "id": uuid.uuid4().hex,
        "status": str(status),
        "code": code,
        "title": title,
    }
    if detail:
        item["detail"] = detail
    return ApiError(json_response(status, {"errors": [item]}, JSONAPI))


def not_found(what: str = "resource", *, v2: bool = False) -> ApiError:
    """404: ``{"error": "Dataset not found"}`` (v1) or a JSON:API error (v2)."""
    message = f"{what[:1].upper()}{what[1:]} not found"
    if v2:
        return jsonapi_error(404, "not-found", "The requested resource cannot be found.", message)
    return ApiError(json_response(404, {"error": message}))


def unauthorized(
    message: str = "unknown API key - check your credentials", *, v2: bool = False
) -> ApiError:
    """401 for a missing, unknown or disabled key."""
    if v2:
        return jsonapi_error(401, "unauthorized", "Unauthorized", message)
    return ApiError(json_response(401, {"error": message}))


def forbidden(message: str, *, v2: bool = False) -> ApiError:
    """403 for a key that lacks a permission or scope."""
    if v2:
        return jsonapi_error(403, "forbidden", "Forbidden", message)
    return ApiError(json_response(403, {"error": message}))


def conflict(message: str, *, v2: bool = False) -> ApiError:
    """409, RFC 7807 (v1) or JSON:API (v2)."""
    if v2:
        return jsonapi_error(409, "conflict", "Conflict", message)
    return _problem(
        409,
        "conflict",
        "Request could not be completed due to a conflict with the current state of the "
        "target resource.",
        message,
    )


def bad_request(message: str, *, v2: bool = False) -> ApiError:
    """400: the body could not be parsed."""
    if v2:
        return jsonapi_error(400, "invalid", "request body could not be parsed", message)
    return ApiError(json_response(400, {"error": message}))


def unprocessable(
    problems: list[dict[str, str]], *, v2: bool = False, message: str | None = None
) -> ApiError:
    """422 with one ``type_detail`` entry per problem (``field``, ``code``, ``description``).

    Args:
        problems: The problems found.
        v2: Answer in JSON:API form.
        message: The summary (default: the first problem's description).

    Returns:
        The error to raise.
    """
    summary = message or (problems[0]["description"] if problems else "invalid input")
    if v2:
        errors = [
            {
                "id": uuid.uuid4().hex,
                "status": "422",
                "code": "validation-failed",
                "title": "The provided input is invalid.",
                "detail": p["description"],
                "source": {"pointer": "/data/attributes/" + p["field"].replace(".", "/")},
            }
            for p in problems or [{"field": "", "description": summary}]
        ]
        return ApiError(json_response(422, {"errors": errors}, JSONAPI))
    return _problem(
        422,
        "validation-failed",
        "The provided input is invalid.",
        summary,
        type_detail=problems or None,
    )


def rate_limited(detail: str, *, v2: bool = False) -> ApiError:
    """429 in the form each API generation uses."""
    if v2:
        return jsonapi_error(429, "rate-limited/may-retry", "request rate limit exceeded", detail)
    return _problem(
        429,
        "rate-limited",
        "You have exceeded your rate limit.",
        "You have exceeded your rate limit.",
        detail=detail,
    )


def server_error(status: int, *, v2: bool = False) -> ApiError:
    """A 5xx in the form each API generation uses."""
    message = {
        500: "something went wrong!",
        502: "bad gateway",
        503: "service unavailable",
        504: "gateway timeout",
    }.get(status, "server error")
    if v2:
        return jsonapi_error(status, "internal-error", "Internal Server Error", message)
    return _problem(status, "internal-error", "Something went wrong.", message)
