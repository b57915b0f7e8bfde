"""Marker setting models against the spec: examples, required fields, the colour format."""

from __future__ import annotations

import pytest
from pydantic import TypeAdapter, ValidationError

from honeycomb.models._base import to_request_body
from honeycomb.models.marker_settings import (
    MarkerSetting,
    MarkerSettingCreate,
    MarkerSettingUpdate,
)
from tests._schema_examples import (
    properties,
    request_examples,
    response_examples,
    schemas,
    writable,
)


def test_response_model_has_every_spec_field() -> None:
    assert set(properties("MarkerSetting")) <= set(MarkerSetting.model_fields)


@pytest.mark.parametrize("model", [MarkerSettingCreate, MarkerSettingUpdate])
def test_request_models_have_the_writable_fields(model: type[MarkerSettingCreate]) -> None:
    schema = schemas()["MarkerSetting"]
    assert set(model.model_fields) == writable("MarkerSetting")
    required = {n for n, f in model.model_fields.items() if f.is_required()}
    assert required == set(schema["required"]) == {"type", "color"}


def test_spec_response_examples_parse() -> None:
    (example,) = response_examples("updateMarkerSettings")
    setting = MarkerSetting.model_validate(example)
    assert setting.model_extra == {}
    assert (setting.type, setting.color, setting.id) == ("deploy", "#1fa297", "gwAHiE5TS4j")
    assert setting.updated_at is not None and setting.updated_at.month == 12


def test_spec_request_example_validates_unchanged() -> None:
    (example,) = request_examples("updateMarkerSettings")
    assert to_request_body(MarkerSettingUpdate, example) == example


def test_spec_colour_examples_are_accepted() -> None:
    spec_example = properties("MarkerSetting")["color"]["example"]
    for color in (spec_example, "#F96E11", "#1fa297", "#000000"):
        assert MarkerSettingCreate(type="deploy", color=color).color == color


@pytest.mark.parametrize("color", ["red", "#fff", "F96E11", "#F96E1", "#F96E111", "#GGGGGG", ""])
def test_colours_must_be_hex_rgb(color: str) -> None:
    with pytest.raises(ValidationError):
        MarkerSettingCreate(type="deploy", color=color)


def test_updated_at_may_be_null() -> None:
    assert "null" in properties("MarkerSetting")["updated_at"]["type"]
    setting = TypeAdapter(list[MarkerSetting]).validate_python(
        [{"type": "deploy", "color": "#1fa297", "id": "s", "updated_at": None}]
    )[0]
    assert setting.updated_at is None
