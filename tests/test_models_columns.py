"""Column models against the spec: examples, the type enum, writable fields and limits."""

from __future__ import annotations

import pytest
from pydantic import TypeAdapter, ValidationError

from honeycomb.models._base import to_request_body
from honeycomb.models.columns import Column, ColumnCreate, ColumnType, ColumnUpdate
from tests._schema_examples import properties, response_examples, schemas, writable


def test_column_types_match_the_spec() -> None:
    spec = properties("CreateColumn")["type"]["enum"]
    assert [t.value for t in ColumnType] == spec


def test_response_model_has_every_spec_field() -> None:
    assert set(properties("Column")) <= set(Column.model_fields)


def test_create_model_has_the_writable_fields() -> None:
    assert set(ColumnCreate.model_fields) == writable("CreateColumn")
    required = {n for n, f in ColumnCreate.model_fields.items() if f.is_required()}
    assert required == set(schemas()["CreateColumn"]["required"])


def test_update_model_has_the_writable_fields_plus_key_name() -> None:
    # key_name is read-only on update (spec); it is accepted so a create body can be re-sent.
    assert "key_name" not in writable("Column")
    assert set(ColumnUpdate.model_fields) == writable("Column") | {"key_name"}
    assert not any(f.is_required() for f in ColumnUpdate.model_fields.values())


@pytest.mark.parametrize("operation_id", ["createColumn", "getColumn", "updateColumn"])
def test_spec_single_column_examples_parse(operation_id: str) -> None:
    examples = response_examples(operation_id)
    assert examples
    for example in examples:
        column = Column.model_validate(example)
        assert column.model_extra == {}
        assert column.id == "yUheCUmgZ8p" and column.key_name == "my_column"
        assert isinstance(column.type, ColumnType)
        assert column.created_at is not None and column.created_at.year == 2022


def test_spec_list_examples_parse_as_list_or_single() -> None:
    # listColumns answers an array, or one object with ?key_name=.
    adapter: TypeAdapter[Column | list[Column]] = TypeAdapter(Column | list[Column])
    shapes = sorted(
        type(adapter.validate_python(ex)).__name__ for ex in response_examples("listColumns")
    )
    assert shapes == ["Column", "list"]


def test_limits_match_the_spec() -> None:
    props = properties("CreateColumn")
    assert props["key_name"]["maxLength"] == 255 and props["description"]["maxLength"] == 255
    ColumnCreate(key_name="k" * 255, description="d" * 255)
    for bad in (
        {"key_name": "k" * 256},
        {"key_name": ""},
        {"key_name": "k", "description": "d" * 256},
    ):
        with pytest.raises(ValidationError):
            ColumnCreate.model_validate(bad)


def test_create_sends_only_what_was_set() -> None:
    body = to_request_body(ColumnCreate, {"key_name": "k", "hidden": False})
    assert body == {"key_name": "k", "hidden": False}


def test_create_refuses_unknown_types_and_fields() -> None:
    with pytest.raises(ValidationError):
        ColumnCreate.model_validate({"key_name": "k", "type": "text"})
    with pytest.raises(ValidationError):
        ColumnCreate.model_validate({"key_name": "k", "alias": "old"})


def test_a_create_body_can_be_sent_as_an_update() -> None:
    create = ColumnCreate(key_name="k", type=ColumnType.FLOAT, description="d")
    assert to_request_body(ColumnUpdate, create) == {
        "key_name": "k",
        "type": "float",
        "description": "d",
    }


def test_response_keeps_unknowns() -> None:
    column = Column.model_validate({"id": "c", "type": "vector", "hidden": None, "new": 1})
    assert column.type == "vector" and column.hidden is None
    assert column.model_extra == {"new": 1}
