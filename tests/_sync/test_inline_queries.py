# GENERATED from tests/_async/test_inline_queries.py by scripts/unasync.py.
# Do not edit: change the async source and run `python scripts/unasync.py`.
"""A query not saved yet, where the API wants a saved one: query annotations and board query
panels take a ``QueryBuilder`` (or a spec or dict), which the client saves first."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest

from honeycomb import (
    APIConnectionError,
    Client,
    NotFoundError,
    QueryValidationError,
    RequestValidationError,
    UnprocessableEntityError,
)
from honeycomb.models.boards import QueryPanel
from honeycomb.query import QueryBuilder
from honeycomb.testing import FakeHoneycomb

NOW = int(time.time())


@pytest.fixture
def fake() -> FakeHoneycomb:
    return FakeHoneycomb(query_polls=0, seed=5)


@pytest.fixture
def web(hc: Client) -> str:
    hc.datasets.create({"name": "web"})
    hc.events.send_batch("web", [{"data": {"duration_ms": 5, "service": "cart"}, "time": NOW - 5}])
    return "web"


def p99() -> QueryBuilder:
    return QueryBuilder().calculate("P99", "duration_ms").group_by("service").last(3600)


def writes(fake: FakeHoneycomb) -> list[tuple[str, str]]:
    return [(r.method, r.path) for r in fake.requests if r.method != "GET"]


def body_of(fake: FakeHoneycomb, method: str, path: str) -> Any:
    (request,) = [r for r in fake.requests if (r.method, r.path) == (method, path)]
    return json.loads(request.body)


# ------------------------------------------------------------------ query annotations


def test_annotation_saves_a_builder_query_first(hc: Client, fake: FakeHoneycomb, web: str) -> None:
    fake.clear_requests()
    annotation = hc.query_annotations.create(web, {"name": "Slow carts", "query": p99()})
    assert writes(fake) == [("POST", "/1/queries/web"), ("POST", "/1/query_annotations/web")]
    sent = body_of(fake, "POST", "/1/query_annotations/web")
    assert sent == {"name": "Slow carts", "query_id": annotation.query_id}
    saved = hc.queries.get(web, str(annotation.query_id))
    assert [(c.op, c.column) for c in saved.calculations or []] == [("P99", "duration_ms")]
    assert saved.breakdowns == ["service"]
    assert body_of(fake, "POST", "/1/queries/web") == p99().build().model_dump(
        mode="json", exclude_unset=True
    )


def test_annotation_with_a_saved_query_id_sends_one_request(
    hc: Client, fake: FakeHoneycomb, web: str
) -> None:
    query = hc.queries.create(web, p99())
    fake.clear_requests()
    annotation = hc.query_annotations.create(web, {"name": "n", "query_id": str(query.id)})
    assert annotation.query_id == query.id
    assert writes(fake) == [("POST", "/1/query_annotations/web")]


@pytest.mark.parametrize(
    ("extra", "needle"),
    [
        ({}, "give exactly one of query_id (a saved query) and query (a spec)"),
        ({"query_id": "abc", "query": {"calculations": [{"op": "COUNT"}]}}, "exactly one"),
    ],
)
def test_annotation_needs_exactly_one_query(
    hc: Client, fake: FakeHoneycomb, web: str, extra: dict[str, Any], needle: str
) -> None:
    fake.clear_requests()
    with pytest.raises(RequestValidationError) as caught:
        hc.query_annotations.create(web, {"name": "n", **extra})
    assert needle in str(caught.value)
    assert writes(fake) == []


def test_annotation_with_a_bad_query_sends_nothing(
    hc: Client, fake: FakeHoneycomb, web: str
) -> None:
    fake.clear_requests()
    bad = {"calculations": [{"op": "P99"}]}  # a percentile needs a column
    with pytest.raises(QueryValidationError) as caught:
        hc.query_annotations.create(web, {"name": "n", "query": bad})
    assert "calculations[0]: P99 needs a column" in str(caught.value)
    assert writes(fake) == []


def test_annotation_update_still_takes_only_the_current_query_id(
    hc: Client, fake: FakeHoneycomb, web: str
) -> None:
    made = hc.query_annotations.create(web, {"name": "n", "query": p99()})
    with pytest.raises(RequestValidationError) as caught:
        hc.query_annotations.update(web, made.id, {"name": "m", "query": p99()})
    assert "query" in str(caught.value)
    renamed = hc.query_annotations.update(web, made.id, made.model_copy(update={"name": "m"}))
    assert (renamed.name, renamed.query_id) == ("m", made.query_id)


# ----------------------------------------------------------------- board query panels


def _panel(query: Any, **details: Any) -> dict[str, Any]:
    return {"type": "query", "query_panel": {"query": query, **details}}


def test_board_panels_take_builders(hc: Client, fake: FakeHoneycomb, web: str) -> None:
    fake.clear_requests()
    board = hc.boards.create(
        {
            "name": "Checkout",
            "panels": [
                _panel(p99(), dataset=web, name="Slow carts", description="p99 per service"),
                {"type": "text", "text_panel": {"content": "# Notes"}},
                _panel({"calculations": [{"op": "COUNT"}], "time_range": 600}),
            ],
        }
    )
    assert writes(fake) == [
        ("POST", "/1/queries/web"),
        ("POST", "/1/query_annotations/web"),
        ("POST", "/1/queries/__all__"),
        ("POST", "/1/query_annotations/__all__"),
        ("POST", "/1/boards"),
    ]
    first, text, second = board.panels or []
    assert isinstance(first, QueryPanel) and isinstance(second, QueryPanel)
    assert text.type == "text"
    assert first.query_panel is not None and second.query_panel is not None
    named = hc.query_annotations.get(web, str(first.query_panel.query_annotation_id))
    assert (named.name, named.description) == ("Slow carts", "p99 per service")
    assert named.query_id == first.query_panel.query_id
    derived = hc.query_annotations.get("__all__", str(second.query_panel.query_annotation_id))
    assert derived.name == "COUNT"
    # What reached /1/boards is what the spec allows: ids, no inline query or names.
    sent = body_of(fake, "POST", "/1/boards")["panels"][0]["query_panel"]
    assert set(sent) == {"query_id", "query_annotation_id"}


def test_a_derived_annotation_name_summarises_the_query(
    hc: Client, fake: FakeHoneycomb, web: str
) -> None:
    board = hc.boards.create({"name": "b", "panels": [_panel(p99(), dataset=web)]})
    (panel,) = board.panels or []
    assert isinstance(panel, QueryPanel) and panel.query_panel is not None
    annotation = hc.query_annotations.get(web, str(panel.query_panel.query_annotation_id))
    assert annotation.name == "P99(duration_ms) by service"


def test_board_update_saves_new_panel_queries(hc: Client, fake: FakeHoneycomb, web: str) -> None:
    board = hc.boards.create({"name": "b"})
    fake.clear_requests()
    updated = hc.boards.update(
        board.id, {"name": "b", "panels": [_panel(p99(), dataset=web, name="p99")]}
    )
    assert writes(fake) == [
        ("POST", "/1/queries/web"),
        ("POST", "/1/query_annotations/web"),
        ("PUT", f"/1/boards/{board.id}"),
    ]
    (panel,) = updated.panels or []
    assert isinstance(panel, QueryPanel) and panel.query_panel is not None
    # The board read back goes in again as it is: its panel now refers to the saved query.
    again = hc.boards.update(board.id, updated)
    assert again.panels == updated.panels


def test_refused_board_leaves_no_annotations(hc: Client, fake: FakeHoneycomb, web: str) -> None:
    slo_panel = {"type": "slo", "slo_panel": {"slo_id": "no-such-slo"}}
    with pytest.raises(UnprocessableEntityError):
        hc.boards.create({"name": "b", "panels": [_panel(p99(), dataset=web), slo_panel]})
    assert hc.query_annotations.list(web) == []
    assert ("DELETE", "/1/query_annotations/web/") in [
        (m, p[: len("/1/query_annotations/web/")]) for m, p in writes(fake)
    ]


def test_lost_answer_keeps_the_annotations(hc: Client, fake: FakeHoneycomb, web: str) -> None:
    # The board may have been made: its panels would name the annotations, so they stay.
    fake.inject("POST /1/boards", failure="disconnect")
    with pytest.raises(APIConnectionError):
        hc.boards.create({"name": "b", "panels": [_panel(p99(), dataset=web)]})
    (kept,) = hc.query_annotations.list(web)
    assert kept.name == "P99(duration_ms) by service"


@pytest.mark.parametrize(
    ("details", "needle"),
    [
        ({}, "query_id and query_annotation_id required (or give a query to save instead)"),
        ({"query_id": "q1"}, "query_annotation_id required"),
        (
            {"query_id": "q1", "query_annotation_id": "a1", "query": {"calculations": []}},
            "not both",
        ),
        ({"query_id": "q1", "query_annotation_id": "a1", "name": "x"}, "give query"),
    ],
)
def test_query_panel_refers_to_a_query_one_way(
    hc: Client, fake: FakeHoneycomb, web: str, details: dict[str, Any], needle: str
) -> None:
    fake.clear_requests()
    with pytest.raises(RequestValidationError) as caught:
        hc.boards.create({"name": "b", "panels": [{"type": "query", "query_panel": details}]})
    assert needle in str(caught.value)
    assert "panels[0].query.query_panel" in str(caught.value)
    assert writes(fake) == []


def test_board_with_a_bad_inline_query_sends_nothing(
    hc: Client, fake: FakeHoneycomb, web: str
) -> None:
    fake.clear_requests()
    good, bad = _panel(p99(), dataset=web), _panel({"calculations": [{"op": "P99"}]})
    with pytest.raises(QueryValidationError) as caught:
        hc.boards.create({"name": "b", "panels": [good, bad]})
    assert "calculations[0]: P99 needs a column" in str(caught.value)
    assert writes(fake) == []


def test_dataset_panel_needs_the_dataset_to_exist(
    hc: Client, fake: FakeHoneycomb, web: str
) -> None:
    with pytest.raises(NotFoundError) as caught:
        hc.boards.create({"name": "b", "panels": [_panel(p99(), dataset="nope")]})
    assert str(caught.value) == "404 Dataset not found (POST /1/queries/nope)"
    assert writes(fake)[-1] == ("POST", "/1/queries/nope")
