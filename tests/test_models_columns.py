"""Column models against the spec: examples, the type enum, writable fields and limits."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from honeycomb.models._base import to_request_body
from honeycomb.models.columns import Column, ColumnCreate, ColumnType, ColumnUpdate

SPEC_NAME = "honeycomb-2026-08.json"


@pytest.fixture(scope="module")
def openapi() -> dict[str, Any]:
    env = os.environ.get("HONEYCOMB_OPENAPI_SPEC")
    candidates = []
    if env:
        path = Path(env)
        candidates.append(path / SPEC_NAME if path.is_dir() else path)
    candidates.append(Path(__file__).resolve().parents[2] / "shared" / "openapi" / SPEC_NAME)
    for candidate in candidates:
        if candidate.is_file() and candidate.suffix == ".json":
            return json.loads(candidate.read_text(encoding="utf-8"))  # type: ignore[no-any-return]
    pytest.skip(
        f"OpenAPI spec {SPEC_NAME} not found: set HONEYCOMB_OPENAPI_SPEC to the file (or its "
        "folder), or check it out at ../shared/openapi beside the repository"
    )


def _operation(openapi: dict[str, Any], operation_id: str) -> dict[str, Any]:
    for item in openapi["paths"].values():
        for op in item.values():
            if isinstance(op, dict) and op.get("operationId") == operation_id:
                return op
    raise AssertionError(f"{operation_id} not in the spec")


def _examples(content: dict[str, Any]) -> list[Any]:
    media = content.get("application/json", {})
    found = [example["value"] for example in media.get("examples", {}).values()]
    if "example" in media:
        found.append(media["example"])
    return found


def _response_examples(openapi: dict[str, Any], operation_id: str) -> list[Any]:
    responses = _operation(openapi, operation_id)["responses"]
    return [
        example
        for status, response in responses.items()
        if status.startswith("2")
        for example in _examples(response.get("content", {}))
    ]


def _properties(openapi: dict[str, Any], name: str) -> dict[str, dict[str, Any]]:
    """A schema's properties, merged through ``allOf`` (later overrides win)."""
    schema = openapi["components"]["schemas"][name]
    merged: dict[str, dict[str, Any]] = {}
    for part in schema.get("allOf", []):
        merged.update(_properties(openapi, part["$ref"].rsplit("/", 1)[-1]))
    for key, value in schema.get("properties", {}).items():
        merged[key] = {**merged.get(key, {}), **value}
    return merged


def _writable(openapi: dict[str, Any], name: str) -> set[str]:
    return {k for k, v in _properties(openapi, name).items() if not v.get("readOnly")}


def test_column_types_match_the_spec(openapi: dict[str, Any]) -> None:
    spec = _properties(openapi, "CreateColumn")["type"]["enum"]
    assert [t.value for t in ColumnType] == spec


def test_response_model_has_every_spec_field(openapi: dict[str, Any]) -> None:
    assert set(_properties(openapi, "Column")) <= set(Column.model_fields)


def test_create_model_has_the_writable_fields(openapi: dict[str, Any]) -> None:
    assert set(ColumnCreate.model_fields) == _writable(openapi, "CreateColumn")
    required = {n for n, f in ColumnCreate.model_fields.items() if f.is_required()}
    assert required == set(openapi["components"]["schemas"]["CreateColumn"]["required"])


def test_update_model_has_the_writable_fields_plus_key_name(openapi: dict[str, Any]) -> None:
    # key_name is read-only on update (spec); it is accepted so a create body can be re-sent.
    assert "key_name" not in _writable(openapi, "Column")
    assert set(ColumnUpdate.model_fields) == _writable(openapi, "Column") | {"key_name"}
    assert not any(f.is_required() for f in ColumnUpdate.model_fields.values())


@pytest.mark.parametrize("operation_id", ["createColumn", "getColumn", "updateColumn"])
def test_spec_single_column_examples_parse(openapi: dict[str, Any], operation_id: str) -> None:
    examples = _response_examples(openapi, operation_id)
    assert examples
    for example in examples:
        column = Column.model_validate(example)
        assert column.model_extra == {}
        assert column.id == "yUheCUmgZ8p" and column.key_name == "my_column"
        assert isinstance(column.type, ColumnType)
        assert column.created_at is not None and column.created_at.year == 2022


def test_spec_list_examples_parse_as_list_or_single(openapi: dict[str, Any]) -> None:
    # listColumns answers an array, or one object with ?key_name=.
    adapter: TypeAdapter[Column | list[Column]] = TypeAdapter(Column | list[Column])
    shapes = sorted(
        type(adapter.validate_python(ex)).__name__
        for ex in _response_examples(openapi, "listColumns")
    )
    assert shapes == ["Column", "list"]


def test_limits_match_the_spec(openapi: dict[str, Any]) -> None:
    props = _properties(openapi, "CreateColumn")
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
