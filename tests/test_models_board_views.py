"""Board view models against the spec: examples, ``operation`` (not ``op``), limits."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from honeycomb.models._base import to_request_body
from honeycomb.models.board_views import (
    MAX_VIEWS_PER_BOARD,
    BoardView,
    BoardViewCreate,
    BoardViewFilter,
    BoardViewFilterIn,
    BoardViewUpdate,
)
from honeycomb.models.queries import FilterOp
from tests._schema_examples import (
    request_examples,
    response_examples,
    response_schema,
    schemas,
)


def test_list_example_parses() -> None:
    [example] = response_examples("listBoardViews")
    views = TypeAdapter(list[BoardView]).validate_python(example)
    assert [v.name for v in views] == ["Errors View", "Slow requests view"]
    slow = views[1].filters or []
    assert slow[0].operation is FilterOp.GREATER_THAN and slow[0].value == 1000
    _, schema = response_schema("listBoardViews", "200")
    assert schema["maxItems"] == MAX_VIEWS_PER_BOARD


def test_get_example_parses() -> None:
    [example] = response_examples("getBoardView")
    view = BoardView.model_validate(example)
    filters = view.filters or []
    assert [f.operation for f in filters] == [FilterOp.EQUALS, FilterOp.GREATER_THAN, FilterOp.IN]
    assert filters[2].value == ["api", "web"]
    assert view.model_dump(mode="json", exclude_unset=True) == example


@pytest.mark.parametrize(
    ("operation_id", "model"),
    [("createBoardView", BoardViewCreate), ("updateBoardView", BoardViewUpdate)],
)
def test_request_examples_validate_unchanged(operation_id: str, model: Any) -> None:
    examples = request_examples(operation_id)
    assert examples
    for example in examples:
        assert to_request_body(model, example) == example


def test_filter_operator_is_named_operation_in_the_spec() -> None:
    schema = schemas()["BoardViewFilter"]
    assert set(schema["required"]) == {"column", "operation"}
    assert "op" not in schema["properties"]
    assert [m.value for m in FilterOp] == schema["properties"]["operation"]["enum"]
    assert set(BoardViewFilterIn.model_fields) == set(schema["properties"])
    assert set(BoardViewFilter.model_fields) == set(schema["properties"])


def test_request_fields_match_the_spec() -> None:
    found = schemas()
    assert set(BoardViewCreate.model_fields) == set(found["CreateBoardViewRequest"]["properties"])
    assert set(BoardViewUpdate.model_fields) == set(found["UpdateBoardViewRequest"]["properties"])


def test_op_is_accepted_and_sent_as_operation() -> None:
    body = to_request_body(
        BoardViewCreate, {"name": "v", "filters": [{"column": "a", "op": "!=", "value": False}]}
    )
    assert body == {"name": "v", "filters": [{"column": "a", "operation": "!=", "value": False}]}


@pytest.mark.parametrize(
    ("operation", "value"),
    [
        ("exists", None),
        ("does-not-exist", None),
        ("in", ["a", 1]),
        ("not-in", []),
        ("starts-with", "4"),
        ("=", 0),
        (">=", 1.5),
        ("!=", True),
    ],
)
def test_value_fits_operation(operation: str, value: Any) -> None:
    item = BoardViewFilterIn.model_validate({"column": "c", "operation": operation, "value": value})
    assert item.value == value and type(item.value) is type(value)


@pytest.mark.parametrize(
    ("operation", "value"),
    [
        ("exists", "x"),
        ("in", "x"),
        ("not-in", None),
        ("ends-with", 4),
        ("<", None),
        ("=", ["a"]),
    ],
)
def test_value_must_fit_operation(operation: str, value: Any) -> None:
    with pytest.raises(ValidationError, match=f"operation '{operation}'"):
        BoardViewFilterIn.model_validate({"column": "c", "operation": operation, "value": value})


def test_unknown_operation_is_kept_on_responses() -> None:
    view = BoardView.model_validate(
        {"id": "v", "filters": [{"column": "c", "operation": "matches-regex", "value": None}]}
    )
    assert view.filters is not None and view.filters[0].operation == "matches-regex"
