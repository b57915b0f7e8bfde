"""``schema export|show``: every public model's JSON Schema is valid Draft 2020-12, and the
spec's examples are judged by the schemas exactly as by the models."""

from __future__ import annotations

import collections.abc
import doctest
import types
import typing
from functools import cache
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from pydantic import BaseModel, ValidationError

from honeycomb._operations import OPERATIONS
from honeycomb._sync.client import Client
from honeycomb.cli import model_schemas
from honeycomb.cli.model_schemas import (
    COMBINED_FILE,
    DRAFT,
    UnknownModelError,
    model_schema,
    public_models,
    schema_files,
)
from honeycomb.models._base import RequestModel
from honeycomb.models._jsonapi import JSONAPIModel, flatten_document
from tests._schema_examples import NEW_SPEC, OLD_SPEC, request_examples, response_examples
from tests._spec import operations, require_specs, spec_dir

# Spec examples the models reject, so the schemas must reject them too. Each is a defect
# of the example or something the client fixes up before validating, never of the schema.
KNOWN_REJECTED = {
    ("updateBoard", "request"): "tag key 'updated_by' breaks the documented ^[a-z]{1,32}$",
    ("updateQueryAnnotation", "request"): "carries the read-only id and timestamps, which "
    "the client drops before validating (round trips)",
    ("updateApiKey", "request"): "a JSON:API document, which the client flattens first",
    ("updateQueryAnnotation", "response"): "leaves out the id, which the live API returns "
    "(real-api-notes) and the model requires",
}


@cache
def files() -> dict[str, dict[str, Any]]:
    return schema_files()


def test_docstring_examples_run() -> None:
    result = doctest.testmod(model_schemas)
    assert result.attempted >= 3
    assert result.failed == 0


def test_one_file_per_public_model_plus_the_combined_file() -> None:
    models = public_models()
    assert len(models) > 150
    assert {"Trigger", "TriggerCreate", "QuerySpec", "SLO", "Board", "ApiKey"} <= set(models)
    assert set(files()) == {f"{name}.json" for name in models} | {COMBINED_FILE}
    assert all(issubclass(model, BaseModel) for model in models.values())


@pytest.mark.parametrize("name", [f"{n}.json" for n in public_models()] + [COMBINED_FILE])
def test_every_schema_is_valid_draft_2020_12(name: str) -> None:
    schema = files()[name]
    assert schema["$schema"] == DRAFT
    Draft202012Validator.check_schema(schema)  # raises SchemaError, naming the bad keyword


def test_the_combined_file_defines_every_model() -> None:
    combined = files()[COMBINED_FILE]
    assert set(public_models()) <= set(combined["$defs"])
    trigger = combined["$defs"]["TriggerCreate"]
    assert trigger["additionalProperties"] is False  # request models are strict
    assert combined["$defs"]["Trigger"].get("additionalProperties") is True  # responses not
    example = {"name": "t", "query": {"calculations": [{"op": "COUNT"}]}, "threshold": {}}
    validator = Draft202012Validator({**combined, "$ref": "#/$defs/TriggerCreate"})
    errors = list(validator.iter_errors(example))
    assert errors  # threshold needs op and value
    assert "op" in errors[0].message


def test_field_names_are_the_wire_names() -> None:
    schema = model_schema("EnhanceIndexerUsage")
    assert "usageData" in schema["properties"]
    assert "usage_data" not in schema["properties"]


def test_models_are_found_by_name_in_any_case() -> None:
    assert model_schema("triggercreate") == model_schema(public_models()["TriggerCreate"])


def test_an_unknown_model_suggests_close_names() -> None:
    with pytest.raises(UnknownModelError) as caught:
        model_schema("TrigerCreate")
    assert caught.value.name == "TrigerCreate"
    assert "TriggerCreate" in caught.value.suggestions
    assert "did you mean TriggerCreate" in str(caught.value)


def test_unions_picked_by_a_function_accept_what_the_model_reads() -> None:
    # Response panels: known kinds plus a catch-all, so the branches overlap.
    panels = [{"type": "query", "query_panel": {}}, {"type": "from-the-future", "x": 1}]
    board = {"id": "b1", "name": "B", "panels": panels}
    public_models()["Board"].model_validate(board)
    assert Draft202012Validator(model_schema("Board")).is_valid(board)
    # Request panels are tagged by a literal: exactly one branch may match.
    panels = model_schema("BoardCreate")["properties"]["panels"]
    assert "oneOf" in str(panels)


# ------------------------------------------------------------------ spec examples


def _models_in(annotation: Any) -> tuple[bool, list[type[BaseModel]]]:
    """(is a list, the models) of a method's return or body annotation."""
    origin = typing.get_origin(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return False, [annotation]
    if origin in (list, collections.abc.Sequence):
        return True, _models_in(typing.get_args(annotation)[0])[1]
    if origin in (typing.Union, types.UnionType):
        return False, [m for arg in typing.get_args(annotation) for m in _models_in(arg)[1]]
    return False, []


@cache
def _method_models(operation_id: str) -> dict[str, tuple[bool, list[type[BaseModel]]]]:
    """The models the client's method for an operation reads and sends, from its types."""
    group, name = OPERATIONS[operation_id].split(".")
    with Client(api_key="k", management_key="id:secret", team="t") as client:
        method = getattr(type(getattr(client, group)), name)
    hints = typing.get_type_hints(method)
    found = {"response": _models_in(hints.get("return"))}
    bodies: list[type[BaseModel]] = [
        model
        for parameter, annotation in hints.items()
        if parameter != "return"
        for model in _models_in(annotation)[1]
        if issubclass(model, RequestModel)
    ]
    found["request"] = (False, bodies)
    return found


def _accepts(models: list[type[BaseModel]], instance: Any) -> bool:
    for model in models:
        try:
            model.model_validate(instance)
        except ValidationError:
            continue
        return True
    return False


@cache
def _validator(model: type[BaseModel]) -> Draft202012Validator:
    return Draft202012Validator(model_schema(model), format_checker=FormatChecker())


def _schema_accepts(models: list[type[BaseModel]], instance: Any) -> bool:
    return any(_validator(m).is_valid(instance) for m in models)


@cache
def _new_operations() -> frozenset[str]:
    return frozenset(op.operation_id for op in operations(NEW_SPEC))


def _spec_of(operation_id: str) -> str:
    return NEW_SPEC if operation_id in _new_operations() else OLD_SPEC


@cache
def _operations_with_examples() -> list[str]:
    """Operations whose typed bodies have authored examples (["spec-missing"] without specs)."""
    if spec_dir() is None:
        return ["spec-missing"]
    found = []
    for operation_id in sorted(OPERATIONS):
        spec = _spec_of(operation_id)
        typed = _method_models(operation_id)
        if (typed["response"][1] and response_examples(operation_id, spec)) or (
            typed["request"][1] and request_examples(operation_id, spec)
        ):
            found.append(operation_id)
    return found


@pytest.mark.parametrize("operation_id", _operations_with_examples())
def test_spec_examples_validate_against_the_matching_schemas(operation_id: str) -> None:
    if operation_id == "spec-missing":
        require_specs()
    spec = _spec_of(operation_id)
    examples = {
        "response": response_examples(operation_id, spec),
        "request": request_examples(operation_id, spec),
    }
    checked = 0
    for kind, (is_list, models) in _method_models(operation_id).items():
        if not models or not examples[kind]:
            continue
        public = set(public_models().values())
        assert set(models) <= public, f"{operation_id} uses a model that is not public"
        for example in examples[kind]:
            # A listing's example may be one object (listColumns with key_name answers one).
            items = example if is_list and isinstance(example, list) else [example]
            for item in items:
                instance = item
                if kind == "response" and all(issubclass(m, JSONAPIModel) for m in models):
                    instance = flatten_document(item) if "data" in item else item
                model_ok = _accepts(models, instance)
                assert _schema_accepts(models, instance) == model_ok, (operation_id, kind, item)
                if not model_ok:
                    assert (operation_id, kind) in KNOWN_REJECTED, (operation_id, kind, item)
                checked += 1
    assert checked > 0


def test_the_examples_cover_the_resource_groups() -> None:
    require_specs()
    covered = {OPERATIONS[op].split(".")[0] for op in _operations_with_examples()}
    assert len(covered) >= 15, sorted(covered)


def test_combined_matches_the_single_files() -> None:
    combined = files()[COMBINED_FILE]
    single = files()["SLOCreate.json"]
    assert combined["$defs"]["SLOCreate"]["properties"].keys() == single["properties"].keys()
