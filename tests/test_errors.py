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
    assert str(err) == "401 unknown API key - check your credentials (GET /1/datasets)"


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


# -- issue 10 defect 6 (error bodies) and defect 9 (huge error pages) ---------------------


@pytest.mark.parametrize("content", [b"[" * 100_000, b'{"a":' * 50_000, b"[" * 1000 + b"]" * 1000])
def test_defect_06_deeply_nested_error_body_is_kept_not_raised(content: bytes) -> None:
    err = make_status_error(response(500, content))
    assert isinstance(err, errors.InternalServerError)
    assert err.status_code == 500
    assert err.body is not None
    assert str(err).startswith("500 ")


def test_defect_09_huge_error_page_message_comes_from_a_bounded_prefix() -> None:
    import tracemalloc

    page = ("<html>" + "<p>a word</p> " * 600_000 + "</html>").encode()  # 8.4 MB, many words
    tracemalloc.start()
    try:
        err = make_status_error(response(502, page))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(err, errors.InternalServerError)
    assert err.message.startswith("Bad Gateway (HTML page: <html><p>a word</p>")
    assert err.message.endswith("…)")
    assert len(err.message) < 400
    assert err.body == page.decode()
    # The decoded text is kept (one copy of the body); splitting all of it would cost ~10x.
    assert peak < 3 * len(page), f"peak {peak / len(page):.1f}x the body"


def test_item_3_status_error_str_without_request_id_or_details() -> None:
    err = make_status_error(response(404, '{"error": "Dataset not found"}'))
    assert str(err) == "404 Dataset not found (GET /1/datasets)"


def test_item_3_json_api_single_error_with_pointer_is_said_once() -> None:
    body = {
        "errors": [
            {
                "code": "validation-failed",
                "title": "The provided input is invalid.",
                "detail": "name is too long",
                "source": {"pointer": "/data/attributes/name"},
            }
        ]
    }
    err = make_status_error(response(422, json.dumps(body), {"X-Request-Id": "r-7"}))
    assert str(err) == (
        "422 /data/attributes/name validation-failed: name is too long (GET /1/datasets, "
        "request id r-7)"
    )


def test_item_3_details_that_add_to_the_message_are_appended() -> None:
    body = {
        "error": "The provided input is invalid.",
        "type_detail": [
            {"field": "name", "code": "missing", "description": "cannot be blank"},
            {"field": "color", "code": "invalid", "description": "not a color"},
        ],
    }
    err = make_status_error(response(422, json.dumps(body)))
    assert str(err) == (
        "422 The provided input is invalid.: name missing: cannot be blank; color invalid: "
        "not a color (GET /1/datasets)"
    )


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_defect_03_redirect_status_is_an_api_status_error(status: int) -> None:
    err = make_status_error(response(status, b"", {"Location": "https://elsewhere.example/x"}))
    assert type(err) is errors.APIStatusError
    assert err.message.endswith(
        "the API answered with a redirect to https://elsewhere.example/x; redirects are not "
        "followed (check base_url)"
    )
