"""Marker models against the spec: examples of every operation, writable fields."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from honeycomb.models._base import to_request_body
from honeycomb.models.markers import Marker, MarkerCreate, MarkerUpdate
from tests._schema_examples import properties, response_examples, writable


def test_response_model_has_every_spec_field() -> None:
    assert set(properties("Marker")) <= set(Marker.model_fields)


@pytest.mark.parametrize("model", [MarkerCreate, MarkerUpdate])
def test_request_models_have_the_writable_fields(model: type[MarkerCreate]) -> None:
    assert set(model.model_fields) == writable("Marker")
    assert not any(f.is_required() for f in model.model_fields.values())


@pytest.mark.parametrize(
    "operation_id", ["getMarker", "createMarker", "updateMarker", "deleteMarker"]
)
def test_spec_examples_parse(operation_id: str) -> None:
    adapter: TypeAdapter[Marker | list[Marker]] = TypeAdapter(Marker | list[Marker])
    examples = response_examples(operation_id)
    assert examples
    for example in examples:
        parsed = adapter.validate_python(example)
        for marker in parsed if isinstance(parsed, list) else [parsed]:
            assert marker.model_extra == {}
            assert marker.start_time == 1471040808 and type(marker.start_time) is int
            assert marker.type == "deploy" and marker.id
            assert marker.created_at is not None and marker.created_at.year == 2016


def test_list_example_is_an_array() -> None:
    (example,) = response_examples("getMarker")
    markers = TypeAdapter(list[Marker]).validate_python(example)
    assert [m.id for m in markers] == ["d1c84ec0", "c2b52fa0"]


def test_delete_example_is_the_deleted_marker() -> None:
    (example,) = response_examples("deleteMarker")
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
