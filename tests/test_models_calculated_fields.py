"""Calculated field models against the spec: examples, writable fields and the limits."""

from __future__ import annotations

import pytest
from pydantic import TypeAdapter, ValidationError

from honeycomb.models._base import to_request_body
from honeycomb.models.calculated_fields import (
    CalculatedField,
    CalculatedFieldCreate,
    CalculatedFieldUpdate,
)
from tests._schema_examples import properties, response_examples, schemas, writable


def test_response_model_has_every_spec_field() -> None:
    assert set(properties("CalculatedField")) <= set(CalculatedField.model_fields)


@pytest.mark.parametrize("model", [CalculatedFieldCreate, CalculatedFieldUpdate])
def test_request_models_have_the_writable_fields(model: type[CalculatedFieldCreate]) -> None:
    schema = schemas()["CalculatedField"]
    writable_fields = writable("CalculatedField")
    assert set(model.model_fields) == writable_fields
    required = {n for n, f in model.model_fields.items() if f.is_required()}
    assert required == set(schema["required"]) & writable_fields == {"alias", "expression"}


@pytest.mark.parametrize(
    "operation_id", ["createCalculatedField", "getCalculatedField", "listCalculatedFields"]
)
def test_spec_examples_parse(operation_id: str) -> None:
    adapter: TypeAdapter[CalculatedField | list[CalculatedField]] = TypeAdapter(
        CalculatedField | list[CalculatedField]
    )
    for example in response_examples(operation_id):
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
def test_length_limits_come_from_the_spec(name: str) -> None:
    spec = properties("CalculatedField")[name]
    base = {"alias": "a", "expression": "INT(1)"}
    longest = "x" * spec["maxLength"]
    assert to_request_body(CalculatedFieldCreate, {**base, name: longest})[name] == longest
    with pytest.raises(ValidationError):
        CalculatedFieldCreate.model_validate({**base, name: longest + "x"})
    if spec.get("minLength", 0) > 0:
        with pytest.raises(ValidationError):
            CalculatedFieldCreate.model_validate({**base, name: ""})


def test_expression_limit_is_4095() -> None:
    assert properties("CalculatedField")["expression"]["maxLength"] == 4095


def test_read_only_fields_are_refused() -> None:
    with pytest.raises(ValidationError):
        CalculatedFieldCreate.model_validate({"alias": "a", "expression": "1", "id": "x"})
