"""The error parser: every body format, and garbage, without a second exception."""

from __future__ import annotations

import json

import httpx
import pytest

from honeycomb import errors
from honeycomb.errors import ErrorDetail, make_status_error, parse_error_body

URL = "https://api.honeycomb.io/1/datasets"


def response(
    status: int, content: bytes | str, headers: dict[str, str] | None = None
) -> httpx.Response:
    body = content.encode() if isinstance(content, str) else content
    return httpx.Response(
        status, content=body, headers=headers or {}, request=httpx.Request("GET", URL)
    )


def test_legacy_error_body() -> None:
    err = make_status_error(response(401, '{"error": "unknown API key - check your credentials"}'))
    assert isinstance(err, errors.AuthenticationError)
    assert err.status_code == 401
    assert err.message == "unknown API key - check your credentials"
    assert err.body == {"error": "unknown API key - check your credentials"}
    assert str(err) == "401 unknown API key - check your credentials"


def test_problem_json_with_type_detail() -> None:
    body = {
        "status": 422,
        "type": "https://api.honeycomb.io/problems/validation-failed",
        "title": "The provided input is invalid.",
        "error": "The provided input is invalid.",
        "type_detail": [{"field": "name", "code": "missing", "description": "cannot be blank"}],
    }
    err = make_status_error(
        response(422, json.dumps(body), {"content-type": "application/problem+json"})
    )
    assert isinstance(err, errors.UnprocessableEntityError)
    assert err.message == "The provided input is invalid."
    assert err.details == (
        ErrorDetail(field="name", code="missing", description="cannot be blank"),
    )
    assert err.error_type == "https://api.honeycomb.io/problems/validation-failed"
    assert err.body == body
    assert "name missing: cannot be blank" in str(err)


def test_json_api_errors() -> None:
    body = {
        "errors": [
            {
                "id": "1",
                "code": "unauthenticated/invalid-key",
                "title": "invalid API key",
                "source": {"header": "Authorization"},
            }
        ]
    }
    err = make_status_error(
        response(401, json.dumps(body), {"content-type": "application/vnd.api+json"})
    )
    assert isinstance(err, errors.AuthenticationError)
    assert err.message == "invalid API key"
    assert err.error_type == "unauthenticated/invalid-key"
    assert err.details == (
        ErrorDetail(
            field="Authorization header",
            code="unauthenticated/invalid-key",
            description="invalid API key",
        ),
    )


def test_json_api_several_errors_with_pointers() -> None:
    body = {
        "errors": [
            {
                "code": "validation/invalid",
                "detail": "name is too long",
                "source": {"pointer": "/data/attributes/name"},
            },
            {"code": "validation/invalid", "detail": "bad color", "source": {"parameter": "color"}},
        ]
    }
    err = make_status_error(response(422, json.dumps(body)))
    assert err.message == "name is too long; bad color"
    assert [d.field for d in err.details] == ["/data/attributes/name", "parameter color"]


@pytest.mark.parametrize(
    ("content", "expected_body", "fragment"),
    [
        (b"", None, "empty response body"),
        (b"   \n", None, "empty response body"),
        (
            b"<html><body><h1>502 Bad Gateway</h1></body></html>",
            "<html><body><h1>502 Bad Gateway</h1></body></html>",
            "HTML page",
        ),
        (b'{"error": "trunc', '{"error": "trunc', "non-JSON body"),
        (b"upstream connect error", "upstream connect error", "non-JSON body"),
        (b"\xff\xfe\x00garbage", "\ufffd\ufffd\x00garbage", "non-JSON body"),
        (b"[1, 2, 3]", [1, 2, 3], "[1, 2, 3]"),
        (b'{"unexpected": true}', {"unexpected": True}, '{"unexpected": true}'),
        (b'"just a string"', "just a string", "just a string"),
    ],
)
def test_garbage_bodies_never_raise_and_keep_the_body(
    content: bytes, expected_body: object, fragment: str
) -> None:
    err = make_status_error(response(502, content))
    assert isinstance(err, errors.InternalServerError)
    assert err.status_code == 502
    assert err.body == expected_body
    assert fragment in err.message


def test_long_html_is_shortened_in_message_but_kept_whole() -> None:
    page = "<html>" + "x" * 5000 + "</html>"
    parsed = parse_error_body(503, "Service Unavailable", page.encode())
    assert len(parsed.message) < 400
    assert parsed.body == page


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, errors.BadRequestError),
        (401, errors.AuthenticationError),
        (403, errors.PermissionDeniedError),
        (404, errors.NotFoundError),
        (409, errors.ConflictError),
        (413, errors.RequestTooLargeError),
        (422, errors.UnprocessableEntityError),
        (429, errors.RateLimitError),
        (418, errors.APIStatusError),
        (500, errors.InternalServerError),
        (502, errors.InternalServerError),
        (503, errors.InternalServerError),
        (504, errors.InternalServerError),
    ],
)
def test_status_mapping(status: int, cls: type[errors.APIStatusError]) -> None:
    err = make_status_error(response(status, '{"error": "x"}'))
    assert type(err) is cls
    assert isinstance(err, errors.APIError)
    assert isinstance(err, errors.HoneycombError)


def test_rate_limit_error_carries_retry_after_and_rate_limit() -> None:
    err = make_status_error(
        response(
            429,
            '{"status":429,"title":"You have exceeded your rate limit.","error":"Rate limited"}',
            {
                "Retry-After": "7",
                "RateLimit": "limit=100, remaining=0, reset=7",
                "RateLimit-Policy": "100;w=60",
            },
        )
    )
    assert isinstance(err, errors.RateLimitError)
    assert err.retry_after == 7.0
    assert err.rate_limit is not None
    assert (err.rate_limit.limit, err.rate_limit.remaining, err.rate_limit.reset) == (100, 0, 7.0)
    assert err.rate_limit.window == 60


def test_request_id_is_kept() -> None:
    err = make_status_error(response(500, '{"error": "boom"}', {"X-Request-Id": "req-123"}))
    assert err.request_id == "req-123"
    assert "req-123" in str(err)
