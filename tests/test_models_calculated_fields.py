"""Calculated field models against the spec: examples, writable fields and the limits."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from honeycomb.models._base import to_request_body
from honeycomb.models.calculated_fields import (
    CalculatedField,
    CalculatedFieldCreate,
    CalculatedFieldUpdate,
)

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


def test_response_model_has_every_spec_field(openapi: dict[str, Any]) -> None:
    assert set(_properties(openapi, "CalculatedField")) <= set(CalculatedField.model_fields)


@pytest.mark.parametrize("model", [CalculatedFieldCreate, CalculatedFieldUpdate])
def test_request_models_have_the_writable_fields(
    openapi: dict[str, Any], model: type[CalculatedFieldCreate]
) -> None:
    schema = openapi["components"]["schemas"]["CalculatedField"]
    writable = _writable(openapi, "CalculatedField")
    assert set(model.model_fields) == writable
    required = {n for n, f in model.model_fields.items() if f.is_required()}
    assert required == set(schema["required"]) & writable == {"alias", "expression"}


@pytest.mark.parametrize(
    "operation_id", ["createCalculatedField", "getCalculatedField", "listCalculatedFields"]
)
def test_spec_examples_parse(openapi: dict[str, Any], operation_id: str) -> None:
    adapter: TypeAdapter[CalculatedField | list[CalculatedField]] = TypeAdapter(
        CalculatedField | list[CalculatedField]
    )
    for example in _response_examples(openapi, operation_id):
        parsed = adapter.validate_python(example)
        for field in parsed if isinstance(parsed, list) else [parsed]:
            assert field.model_extra == {}
            assert field.alias and field.expression
            assert field.updated_at is not None


def test_example_values() -> None:
    field = CalculatedField.model_validate(
        {
            "id": "yUheCUmgZ8p",
            "alias": "one",
            "description": "just one",
            "expression": "INT(1)",
            "created_at": "2022-07-26T22:38:04Z",
            "updated_at": "2022-11-16T17:34:01Z",
        }
    )
    assert (field.alias, field.expression, field.description) == ("one", "INT(1)", "just one")
    assert field.created_at is not None and field.created_at.isoformat().startswith("2022-07-26")


@pytest.mark.parametrize("name", ["alias", "expression", "description"])
def test_length_limits_come_from_the_spec(openapi: dict[str, Any], name: str) -> None:
    spec = _properties(openapi, "CalculatedField")[name]
    base = {"alias": "a", "expression": "INT(1)"}
    longest = "x" * spec["maxLength"]
    assert to_request_body(CalculatedFieldCreate, {**base, name: longest})[name] == longest
    with pytest.raises(ValidationError):
        CalculatedFieldCreate.model_validate({**base, name: longest + "x"})
    if spec.get("minLength", 0) > 0:
        with pytest.raises(ValidationError):
            CalculatedFieldCreate.model_validate({**base, name: ""})


def test_expression_limit_is_4095(openapi: dict[str, Any]) -> None:
    assert _properties(openapi, "CalculatedField")["expression"]["maxLength"] == 4095


def test_read_only_fields_are_refused() -> None:
    with pytest.raises(ValidationError):
        CalculatedFieldCreate.model_validate({"alias": "a", "expression": "1", "id": "x"})
