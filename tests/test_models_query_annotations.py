"""Query annotation models against the spec and the live API (which omits timestamps)."""

from __future__ import annotations

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
from tests._schema_examples import (
    properties,
    request_examples,
    response_examples,
    schemas,
    writable,
)


def _without_read_only(name: str, body: dict[str, Any]) -> dict[str, Any]:
    keep = writable(name)
    return {k: v for k, v in body.items() if k in keep}


def test_sources_match_the_spec() -> None:
    spec = properties("QueryAnnotation")["source"]["enum"]
    assert [s.value for s in QueryAnnotationSource] == spec


def test_response_model_has_every_spec_field() -> None:
    assert set(properties("QueryAnnotation")) <= set(QueryAnnotation.model_fields)


@pytest.mark.parametrize("model", [QueryAnnotationCreate, QueryAnnotationUpdate])
def test_request_models_send_the_writable_fields(
    model: type[QueryAnnotationCreate | QueryAnnotationUpdate],
) -> None:
    # ``query`` (create only) is the SDK's: a spec it saves first, to send its query_id.
    sent = {n for n, f in model.model_fields.items() if not f.exclude}
    assert sent == writable("QueryAnnotation")
    assert {n for n, f in model.model_fields.items() if f.exclude} == (
        {"query"} if model is QueryAnnotationCreate else set()
    )


def test_update_requires_what_the_spec_requires() -> None:
    required = {n for n, f in QueryAnnotationUpdate.model_fields.items() if f.is_required()}
    assert required == set(schemas()["QueryAnnotation"]["required"]) == {"name", "query_id"}


def test_create_requires_a_name_and_one_query() -> None:
    assert QueryAnnotationCreate(name="n", query_id="q").query_id == "q"
    assert (
        QueryAnnotationCreate.model_validate(
            {"name": "n", "query": {"calculations": [{"op": "COUNT"}]}}
        ).query
        is not None
    )
    for bad in ({"name": "n"}, {"query_id": "q"}):
        with pytest.raises(ValueError):
            QueryAnnotationCreate.model_validate(bad)


def test_spec_response_example_parses_with_the_id_the_api_returns() -> None:
    # The spec's update example leaves out the id (the contract tests patch it in): the
    # live API always returns it, so the model requires it and ``a.id`` is typed str.
    (example,) = response_examples("updateQueryAnnotation")
    assert "id" not in example
    with pytest.raises(ValidationError, match="id"):
        QueryAnnotation.model_validate(example)
    annotation = QueryAnnotation.model_validate({**example, "id": "sGUnkBHgRFN"})
    assert annotation.model_extra == {}
    assert annotation.name == "My Updated Annotation" and annotation.query_id == "mabAMpSPDjH"


def test_live_shape_without_timestamps_parses() -> None:
    # real-api-notes: the API returns {id, query_id, name, description, source} only.
    annotations = TypeAdapter(list[QueryAnnotation]).validate_python(
        [{"id": "a", "query_id": "q", "name": "n", "description": "", "source": "board"}]
    )
    assert annotations[0].created_at is None and annotations[0].updated_at is None
    assert annotations[0].source is QueryAnnotationSource.BOARD


def test_spec_request_example_needs_read_only_fields_removed() -> None:
    # The spec's update example carries id/created_at/updated_at, which are read-only:
    # the strict request model refuses them; the writable part validates unchanged.
    (example,) = request_examples("updateQueryAnnotation")
    assert {"id", "created_at", "updated_at"} <= set(example)
    with pytest.raises(ValidationError):
        QueryAnnotationUpdate.model_validate(example)
    writable_part = _without_read_only("QueryAnnotation", example)
    assert to_request_body(QueryAnnotationUpdate, writable_part) == writable_part


@pytest.mark.parametrize("name", ["name", "description"])
def test_length_limits_come_from_the_spec(name: str) -> None:
    spec = properties("QueryAnnotation")[name]
    base = {"name": "n", "query_id": "q"}
    longest = "x" * spec["maxLength"]
    assert to_request_body(QueryAnnotationCreate, {**base, name: longest})[name] == longest
    with pytest.raises(ValidationError):
        QueryAnnotationCreate.model_validate({**base, name: longest + "x"})
    if spec.get("minLength", 0) > 0:
        with pytest.raises(ValidationError):
            QueryAnnotationCreate.model_validate({**base, name: ""})


def test_response_keeps_unknown_source() -> None:
    assert QueryAnnotation.model_validate({"id": "a", "source": "notebook"}).source == "notebook"
