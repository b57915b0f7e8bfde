"""Accept-header negotiation as the fake does it (RFC 9110 media ranges, q=0 excluded)."""

from __future__ import annotations

import pytest

from honeycomb.testing._negotiation import MediaRange, accepts, parse_accept

JSONAPI = "application/vnd.api+json"


def test_parse_keeps_order_parameters_and_weights() -> None:
    ranges = parse_accept('application/vnd.api+json; profile="a,b"; q=0.8, text/* ,*/*;q=0')
    assert ranges == [
        MediaRange("application", "vnd.api+json", {"profile": "a,b"}, 0.8),
        MediaRange("text", "*", {}, 1.0),
        MediaRange("*", "*", {}, 0.0),
    ]


@pytest.mark.parametrize(
    "header",
    ["json", "application/", "*/json", "text/html;q=abc", "text/html;q=1.5", "text/html;q=-1"],
)
def test_malformed_elements_are_left_out(header: str) -> None:
    assert parse_accept(header) == []
    assert not accepts(header, "text/html")


@pytest.mark.parametrize(
    ("header", "admitted"),
    [
        (None, True),  # no header: anything goes
        ("", True),
        ("*/*", True),
        ("application/*", True),
        (JSONAPI, True),
        ("APPLICATION/VND.API+JSON", True),
        (f"application/json, {JSONAPI};q=0.1", True),
        (f'{JSONAPI}; profile="https://example.com/p"', True),
        ("application/json", False),
        ("text/html, application/xml;q=0.9", False),
        (f"{JSONAPI};q=0", False),
        ("*/*;q=0", False),
        # The most specific range decides: JSON:API refused outright beats */*.
        (f"{JSONAPI};q=0, */*", False),
        (f"*/*;q=0, {JSONAPI}", True),
        ("application/*;q=0, */*", False),
        # A media type parameter the server does not support: no match (JSON:API rule).
        (f"{JSONAPI}; ext=bulk", False),
        (f"{JSONAPI}; charset=utf-8", False),
        (f"{JSONAPI}; ext=bulk, {JSONAPI}", True),
    ],
)
def test_accepts(header: str | None, admitted: bool) -> None:
    assert accepts(header, JSONAPI) is admitted
