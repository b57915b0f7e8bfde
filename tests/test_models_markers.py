"""Marker models against the spec: examples of every operation, writable fields."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from honeycomb.models._base import to_request_body
from honeycomb.models.markers import Marker, MarkerCreate, MarkerUpdate

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
    assert set(_properties(openapi, "Marker")) <= set(Marker.model_fields)


@pytest.mark.parametrize("model", [MarkerCreate, MarkerUpdate])
def test_request_models_have_the_writable_fields(
    openapi: dict[str, Any], model: type[MarkerCreate]
) -> None:
    assert set(model.model_fields) == _writable(openapi, "Marker")
    assert not any(f.is_required() for f in model.model_fields.values())


@pytest.mark.parametrize(
    "operation_id", ["getMarker", "createMarker", "updateMarker", "deleteMarker"]
)
def test_spec_examples_parse(openapi: dict[str, Any], operation_id: str) -> None:
    adapter: TypeAdapter[Marker | list[Marker]] = TypeAdapter(Marker | list[Marker])
    examples = _response_examples(openapi, operation_id)
    assert examples
    for example in examples:
        parsed = adapter.validate_python(example)
        for marker in parsed if isinstance(parsed, list) else [parsed]:
            assert marker.model_extra == {}
            assert marker.start_time == 1471040808 and type(marker.start_time) is int
            assert marker.type == "deploy" and marker.id
            assert marker.created_at is not None and marker.created_at.year == 2016


def test_list_example_is_an_array(openapi: dict[str, Any]) -> None:
    (example,) = _response_examples(openapi, "getMarker")
    markers = TypeAdapter(list[Marker]).validate_python(example)
    assert [m.id for m in markers] == ["d1c84ec0", "c2b52fa0"]


def test_delete_example_is_the_deleted_marker(openapi: dict[str, Any]) -> None:
    (example,) = _response_examples(openapi, "deleteMarker")
    assert Marker.model_validate(example).id == "d1c84ec0"


def test_create_sends_only_what_was_set() -> None:
    assert to_request_body(MarkerCreate, {}) == {}
    body = to_request_body(MarkerCreate, MarkerCreate(message="m", end_time=None))
    assert body == {"message": "m", "end_time": None}


@pytest.mark.parametrize(
    "bad",
    [{"start_time": "now"}, {"start_time": 1.5}, {"color": "#000000"}, {"created_at": "x"}],
)
def test_create_refuses(bad: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        MarkerCreate.model_validate(bad)


def test_response_keeps_unknowns() -> None:
    marker = Marker.model_validate({"id": "m", "start_time": None, "team": {"slug": "t"}})
    assert marker.start_time is None
    assert marker.model_extra == {"team": {"slug": "t"}}
