"""Dataset definition models against the spec: every definition type, both examples."""

from __future__ import annotations

import pytest
from pydantic import TypeAdapter, ValidationError

from honeycomb.errors import RequestValidationError
from honeycomb.models._base import to_request_body
from honeycomb.models.dataset_definitions import (
    DEFINITION_TYPES,
    DatasetDefinitionColumnType,
    DatasetDefinitionIn,
    DatasetDefinitions,
    DatasetDefinitionsUpdate,
)
from tests._schema_examples import properties, request_examples, response_examples


def test_every_definition_type_is_modelled() -> None:
    spec_types = list(properties("DatasetDefinitions"))
    assert list(DEFINITION_TYPES) == spec_types
    assert list(DatasetDefinitions.model_fields) == spec_types
    assert list(DatasetDefinitionsUpdate.model_fields) == spec_types


def test_column_types_match_the_spec() -> None:
    spec = properties("DatasetDefinition")["column_type"]["enum"]
    assert [t.value for t in DatasetDefinitionColumnType] == spec


@pytest.mark.parametrize("operation_id", ["listDatasetDefinitions", "patchDatasetDefinitions"])
def test_spec_response_examples_parse(operation_id: str) -> None:
    examples = response_examples(operation_id)
    assert examples
    for example in examples:
        definitions = DatasetDefinitions.model_validate(example)
        assert definitions.model_extra == {}
        assert definitions.duration_ms is not None
        assert definitions.duration_ms.name == "duration_ms"
        assert definitions.duration_ms.column_type is DatasetDefinitionColumnType.COLUMN
        assert definitions.span_id is not None and definitions.span_id.name == "my_span_id"
        assert definitions.error is None and definitions.log_message is None


def test_spec_request_examples_validate_unchanged() -> None:
    examples = request_examples("patchDatasetDefinitions")
    assert len(examples) == 2  # setting and clearing
    for example in examples:
        assert to_request_body(DatasetDefinitionsUpdate, example) == example


def test_name_limit_matches_the_spec() -> None:
    name = properties("DatasetDefinition")["name"]
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
    with pytest.raises(RequestValidationError):
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
