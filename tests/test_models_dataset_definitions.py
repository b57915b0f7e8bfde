"""Dataset definition models against the spec: every definition type, both examples."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from honeycomb.models._base import to_request_body
from honeycomb.models.dataset_definitions import (
    DEFINITION_TYPES,
    DatasetDefinitionColumnType,
    DatasetDefinitionIn,
    DatasetDefinitions,
    DatasetDefinitionsUpdate,
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


def _request_examples(openapi: dict[str, Any], operation_id: str) -> list[Any]:
    return _examples(_operation(openapi, operation_id).get("requestBody", {}).get("content", {}))


def _properties(openapi: dict[str, Any], name: str) -> dict[str, dict[str, Any]]:
    """A schema's properties, merged through ``allOf`` (later overrides win)."""
    schema = openapi["components"]["schemas"][name]
    merged: dict[str, dict[str, Any]] = {}
    for part in schema.get("allOf", []):
        merged.update(_properties(openapi, part["$ref"].rsplit("/", 1)[-1]))
    for key, value in schema.get("properties", {}).items():
        merged[key] = {**merged.get(key, {}), **value}
    return merged


def test_every_definition_type_is_modelled(openapi: dict[str, Any]) -> None:
    spec_types = list(_properties(openapi, "DatasetDefinitions"))
    assert list(DEFINITION_TYPES) == spec_types
    assert list(DatasetDefinitions.model_fields) == spec_types
    assert list(DatasetDefinitionsUpdate.model_fields) == spec_types


def test_column_types_match_the_spec(openapi: dict[str, Any]) -> None:
    spec = _properties(openapi, "DatasetDefinition")["column_type"]["enum"]
    assert [t.value for t in DatasetDefinitionColumnType] == spec


@pytest.mark.parametrize("operation_id", ["listDatasetDefinitions", "patchDatasetDefinitions"])
def test_spec_response_examples_parse(openapi: dict[str, Any], operation_id: str) -> None:
    examples = _response_examples(openapi, operation_id)
    assert examples
    for example in examples:
        definitions = DatasetDefinitions.model_validate(example)
        assert definitions.model_extra == {}
        assert definitions.duration_ms is not None
        assert definitions.duration_ms.name == "duration_ms"
        assert definitions.duration_ms.column_type is DatasetDefinitionColumnType.COLUMN
        assert definitions.span_id is not None and definitions.span_id.name == "my_span_id"
        assert definitions.error is None and definitions.log_message is None


def test_spec_request_examples_validate_unchanged(openapi: dict[str, Any]) -> None:
    examples = _request_examples(openapi, "patchDatasetDefinitions")
    assert len(examples) == 2  # setting and clearing
    for example in examples:
        assert to_request_body(DatasetDefinitionsUpdate, example) == example


def test_name_limit_matches_the_spec(openapi: dict[str, Any]) -> None:
    name = _properties(openapi, "DatasetDefinition")["name"]
    assert (name["minLength"], name["maxLength"]) == (0, 255)
    assert DatasetDefinitionIn(name="").name == ""
    assert DatasetDefinitionIn(name="x" * 255).name == "x" * 255
    with pytest.raises(ValidationError):
        DatasetDefinitionIn(name="x" * 256)


def test_only_the_given_types_are_sent() -> None:
    update = DatasetDefinitionsUpdate(trace_id={"name": "trace.trace_id"})
    assert to_request_body(DatasetDefinitionsUpdate, update) == {
        "trace_id": {"name": "trace.trace_id"}
    }


def test_a_string_is_shorthand_for_the_name() -> None:
    body = to_request_body(DatasetDefinitionsUpdate, {"duration_ms": "dur", "error": ""})
    assert body == {"duration_ms": {"name": "dur"}, "error": {"name": ""}}


def test_clear_builds_empty_names() -> None:
    body = to_request_body(DatasetDefinitionsUpdate, DatasetDefinitionsUpdate.clear("user"))
    assert body == {"user": {"name": ""}}


def test_clear_refuses_unknown_types() -> None:
    with pytest.raises(ValidationError):
        DatasetDefinitionsUpdate.clear("span_type")


def test_responses_keep_unknown_types_and_column_types() -> None:
    definitions = DatasetDefinitions.model_validate(
        {"duration_ms": {"name": "d", "column_type": "metric"}, "db_statement": {"name": "q"}}
    )
    assert definitions.duration_ms is not None
    assert definitions.duration_ms.column_type == "metric"
    assert definitions.model_extra == {"db_statement": {"name": "q"}}


def test_response_adapter_accepts_an_empty_body() -> None:
    assert TypeAdapter(DatasetDefinitions).validate_json(b"{}").trace_id is None
