"""Query annotation models against the spec and the live API (which omits timestamps)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from honeycomb.models._base import to_request_body
from honeycomb.models.query_annotations import (
    QueryAnnotation,
    QueryAnnotationCreate,
    QueryAnnotationSource,
    QueryAnnotationUpdate,
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


def _writable(openapi: dict[str, Any], name: str) -> set[str]:
    return {k for k, v in _properties(openapi, name).items() if not v.get("readOnly")}


def _without_read_only(openapi: dict[str, Any], name: str, body: dict[str, Any]) -> dict[str, Any]:
    keep = _writable(openapi, name)
    return {k: v for k, v in body.items() if k in keep}


def test_sources_match_the_spec(openapi: dict[str, Any]) -> None:
    spec = _properties(openapi, "QueryAnnotation")["source"]["enum"]
    assert [s.value for s in QueryAnnotationSource] == spec


def test_response_model_has_every_spec_field(openapi: dict[str, Any]) -> None:
    assert set(_properties(openapi, "QueryAnnotation")) <= set(QueryAnnotation.model_fields)


@pytest.mark.parametrize("model", [QueryAnnotationCreate, QueryAnnotationUpdate])
def test_request_models_have_the_writable_fields(
    openapi: dict[str, Any], model: type[QueryAnnotationCreate]
) -> None:
    schema = openapi["components"]["schemas"]["QueryAnnotation"]
    assert set(model.model_fields) == _writable(openapi, "QueryAnnotation")
    required = {n for n, f in model.model_fields.items() if f.is_required()}
    assert required == set(schema["required"]) == {"name", "query_id"}


def test_spec_response_example_parses(openapi: dict[str, Any]) -> None:
    (example,) = _response_examples(openapi, "updateQueryAnnotation")
    annotation = QueryAnnotation.model_validate(example)
    assert annotation.model_extra == {}
    assert annotation.name == "My Updated Annotation" and annotation.query_id == "mabAMpSPDjH"


def test_live_shape_without_timestamps_parses() -> None:
    # real-api-notes: the API returns {id, query_id, name, description, source} only.
    annotations = TypeAdapter(list[QueryAnnotation]).validate_python(
        [{"id": "a", "query_id": "q", "name": "n", "description": "", "source": "board"}]
    )
    assert annotations[0].created_at is None and annotations[0].updated_at is None
    assert annotations[0].source is QueryAnnotationSource.BOARD


def test_spec_request_example_needs_read_only_fields_removed(openapi: dict[str, Any]) -> None:
    # The spec's update example carries id/created_at/updated_at, which are read-only:
    # the strict request model refuses them; the writable part validates unchanged.
    (example,) = _request_examples(openapi, "updateQueryAnnotation")
    assert {"id", "created_at", "updated_at"} <= set(example)
    with pytest.raises(ValidationError):
        QueryAnnotationUpdate.model_validate(example)
    writable = _without_read_only(openapi, "QueryAnnotation", example)
    assert to_request_body(QueryAnnotationUpdate, writable) == writable


@pytest.mark.parametrize("name", ["name", "description"])
def test_length_limits_come_from_the_spec(openapi: dict[str, Any], name: str) -> None:
    spec = _properties(openapi, "QueryAnnotation")[name]
    base = {"name": "n", "query_id": "q"}
    longest = "x" * spec["maxLength"]
    assert to_request_body(QueryAnnotationCreate, {**base, name: longest})[name] == longest
    with pytest.raises(ValidationError):
        QueryAnnotationCreate.model_validate({**base, name: longest + "x"})
    if spec.get("minLength", 0) > 0:
        with pytest.raises(ValidationError):
            QueryAnnotationCreate.model_validate({**base, name: ""})


def test_response_keeps_unknown_source() -> None:
    assert QueryAnnotation.model_validate({"source": "notebook"}).source == "notebook"
