"""Fuzzing what comes back: any status, bytes and content type for the error parser and
the status mapping; arbitrary JSON and mutated spec examples for every operation's
response models; any rate-limit headers. Through a mock transport, so the whole pipeline
(retry decisions, error mapping, decoding) runs."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from honeycomb._ratelimit import parse_rate_limit, retry_after_seconds
from honeycomb.errors import APIStatusError, HoneycombError, parse_error_body
from tests._sync.test_contract import CALLS

from ._leaks import (
    API_KEY,
    KEY_SECRET,
    SECRETS,
    assert_no_secret,
    client_over,
    only_typed,
)
from .conftest import Collected, examples

CONTENT_TYPES = [
    "application/json",
    "application/problem+json",
    "application/vnd.api+json",
    "text/html; charset=utf-8",
    "text/plain",
    "application/json; charset=latin-1",
    "",
    "garbage/\x7f",
]


def _json(leaves: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.recursive(
        leaves,
        lambda inner: (
            st.lists(inner, max_size=4)
            | st.dictionaries(
                st.sampled_from(
                    ["error", "title", "detail", "status", "errors", "type", "id", "name"]
                )
                | st.text(max_size=8),
                inner,
                max_size=5,
            )
        ),
        max_leaves=20,
    )


plain_values = _json(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20))
"""JSON-like values, error-body field names mixed in."""
json_values = _json(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=20)
    | st.sampled_from(SECRETS)
)
"""The same, with our keys among the strings (a server or proxy echoing them)."""

bodies = st.one_of(
    st.binary(max_size=300),
    json_values.map(lambda v: json.dumps(v, allow_nan=True).encode()),
    st.sampled_from(
        [
            b"",
            b"[" * 2000,
            b'{"error": "' + API_KEY.encode() + b'"}',
            b"<html><body>proxy error " + KEY_SECRET.encode() + b"</body></html>",
            b'{"status": 1e999}',
            b'[{"status": NaN}]',
        ]
    ),
)


def _answer(status: int, body: bytes, content_type: str) -> httpx.Response:
    headers = {"Content-Type": content_type} if content_type else {}
    return httpx.Response(status, content=body, headers=headers)


@settings(max_examples=examples(300))
@given(
    status=st.integers(min_value=100, max_value=599),
    body=bodies,
    content_type=st.sampled_from(CONTENT_TYPES),
)
def test_any_answer_to_a_call_is_a_result_or_a_clean_honeycomb_error(
    logs: Collected, status: int, body: bytes, content_type: str
) -> None:
    with client_over(lambda _: _answer(status, body, content_type)) as client:
        outcome = only_typed(client.datasets.list)
        if status >= 400:
            assert isinstance(outcome, APIStatusError) and outcome.status_code == status
        elif not 200 <= status < 300:
            assert isinstance(outcome, HoneycombError)  # 1xx/3xx: never a success
    assert_no_secret(logs.lines, "the logs")


@settings(max_examples=examples(300))
@given(status=st.integers(min_value=400, max_value=599), body=bodies)
def test_the_error_body_parser_never_raises(status: int, body: bytes) -> None:
    parsed = parse_error_body(status, "Reason", body)
    assert isinstance(parsed.message, str) and len(parsed.message) <= 2000


# -- every operation's response models ---------------------------------------------------


def _mutations(example: Any) -> st.SearchStrategy[Any]:
    """An example response changed a little: a field dropped, retyped or replaced."""
    if isinstance(example, dict) and example:
        key = st.sampled_from(sorted(example))
        return st.one_of(
            key.map(lambda k: {n: v for n, v in example.items() if n != k}),
            st.tuples(key, plain_values).map(lambda kv: {**example, kv[0]: kv[1]}),
            st.just([example]),
        )
    if isinstance(example, list) and example:
        return st.one_of(st.just(example[:1] * 3), _mutations(example[0]).map(lambda item: [item]))
    return plain_values


def _spec_examples() -> dict[str, list[Any]]:
    from tests._contract import example_bodies, spec_operations
    from tests._spec import spec_dir

    if spec_dir() is None:
        return {}
    found: dict[str, list[Any]] = {}
    for op in spec_operations():
        for _, _, body in example_bodies(op):
            if body is not None:
                found.setdefault(op.operation_id, []).append(body)
    return found


EXAMPLES = _spec_examples()


@pytest.mark.parametrize("operation_id", sorted(CALLS))
def test_every_operation_survives_any_json_and_mutated_examples(
    operation_id: str, logs: Collected
) -> None:
    call = CALLS[operation_id]
    known = EXAMPLES.get(operation_id, [])
    strategy = (
        plain_values
        if not known
        else st.one_of(plain_values, st.sampled_from(known).flatmap(_mutations))
    )

    @settings(max_examples=examples(12))
    @given(body=strategy)
    def check(body: Any) -> None:
        content = json.dumps(body).encode()
        with client_over(lambda _: httpx.Response(200, content=content)) as client:
            only_typed(lambda: call(client))

    check()
    assert_no_secret(logs.lines, "the logs")


# -- rate-limit headers ------------------------------------------------------------------

header_text = st.one_of(
    st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=60),
    st.sampled_from(
        [
            "limit=100, remaining=0, reset=30",
            "100;w=" + "9" * 5000,
            "limit=1e999, remaining=-1, reset=nan",
            "Wed, 21 Oct 2015 07:28:00 GMT",
            "-5",
            "1" * 400,
        ]
    ),
)


@settings(max_examples=examples(300))
@given(
    ratelimit=header_text,
    policy=header_text,
    retry_after=header_text,
    status=st.sampled_from([200, 429, 503]),
)
def test_any_rate_limit_headers_are_parsed_or_ignored(
    ratelimit: str, policy: str, retry_after: str, status: int
) -> None:
    headers = httpx.Headers(
        {"RateLimit": ratelimit, "RateLimit-Policy": policy, "Retry-After": retry_after}
    )
    info = parse_rate_limit(headers)
    assert info is None or info.remaining is None or isinstance(info.remaining, int)
    wait = retry_after_seconds(headers)
    assert wait is None or wait >= 0
    answer = httpx.Response(status, headers=headers, json=[])
    with client_over(lambda _: answer) as client:
        only_typed(client.datasets.list)
