"""Marker setting models against the spec: examples, required fields, the colour format."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from honeycomb.models._base import to_request_body
from honeycomb.models.marker_settings import (
    MarkerSetting,
    MarkerSettingCreate,
    MarkerSettingUpdate,
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


def test_response_model_has_every_spec_field(openapi: dict[str, Any]) -> None:
    assert set(_properties(openapi, "MarkerSetting")) <= set(MarkerSetting.model_fields)


@pytest.mark.parametrize("model", [MarkerSettingCreate, MarkerSettingUpdate])
def test_request_models_have_the_writable_fields(
    openapi: dict[str, Any], model: type[MarkerSettingCreate]
) -> None:
    schema = openapi["components"]["schemas"]["MarkerSetting"]
    assert set(model.model_fields) == _writable(openapi, "MarkerSetting")
    required = {n for n, f in model.model_fields.items() if f.is_required()}
    assert required == set(schema["required"]) == {"type", "color"}


def test_spec_response_examples_parse(openapi: dict[str, Any]) -> None:
    (example,) = _response_examples(openapi, "updateMarkerSettings")
    setting = MarkerSetting.model_validate(example)
    assert setting.model_extra == {}
    assert (setting.type, setting.color, setting.id) == ("deploy", "#1fa297", "gwAHiE5TS4j")
    assert setting.updated_at is not None and setting.updated_at.month == 12


def test_spec_request_example_validates_unchanged(openapi: dict[str, Any]) -> None:
    (example,) = _request_examples(openapi, "updateMarkerSettings")
    assert to_request_body(MarkerSettingUpdate, example) == example


def test_spec_colour_examples_are_accepted(openapi: dict[str, Any]) -> None:
    spec_example = _properties(openapi, "MarkerSetting")["color"]["example"]
    for color in (spec_example, "#F96E11", "#1fa297", "#000000"):
        assert MarkerSettingCreate(type="deploy", color=color).color == color


@pytest.mark.parametrize("color", ["red", "#fff", "F96E11", "#F96E1", "#F96E111", "#GGGGGG", ""])
def test_colours_must_be_hex_rgb(color: str) -> None:
    with pytest.raises(ValidationError):
        MarkerSettingCreate(type="deploy", color=color)


def test_updated_at_may_be_null(openapi: dict[str, Any]) -> None:
    assert "null" in _properties(openapi, "MarkerSetting")["updated_at"]["type"]
    setting = TypeAdapter(list[MarkerSetting]).validate_python(
        [{"type": "deploy", "color": "#1fa297", "id": "s", "updated_at": None}]
    )[0]
    assert setting.updated_at is None
