"""Service map models against the spec: request examples, responses, the limit."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from honeycomb.models._base import to_request_body
from honeycomb.models.service_maps import (
    MAX_DEPENDENCY_LIMIT,
    DependencyRequest,
    DependencyRequestCreate,
    DependencyRequestStatus,
)
from tests._schema_examples import (
    build_example,
    operation,
    request_examples,
    request_problems,
    response_schema,
)

PATH = "/1/maps/dependencies/requests"


@pytest.mark.parametrize("index", [0, 1])
def test_spec_request_examples_validate_and_conform(index: int) -> None:
    example = request_examples("createMapDependencyRequest")[index]
    body = to_request_body(DependencyRequestCreate, example)
    assert body == example
    assert request_problems("POST", PATH, body=body, params={"limit": 5000}) == []


def test_limit_is_a_query_parameter_within_the_spec_maximum() -> None:
    parameter = next(
        p for p in operation("createMapDependencyRequest")["parameters"] if p["name"] == "limit"
    )
    assert parameter["in"] == "query"
    assert parameter["schema"]["maximum"] == MAX_DEPENDENCY_LIMIT
    request = DependencyRequestCreate(limit=MAX_DEPENDENCY_LIMIT)
    assert request.limit == MAX_DEPENDENCY_LIMIT
    assert to_request_body(DependencyRequestCreate, request) == {}
    with pytest.raises(ValidationError):
        DependencyRequestCreate(limit=MAX_DEPENDENCY_LIMIT + 1)


@pytest.mark.parametrize("status", ["200", "201"])
def test_schema_built_create_responses_parse(status: str) -> None:
    spec, schema = response_schema("createMapDependencyRequest", status)
    created = DependencyRequest.model_validate(build_example(spec, schema))
    assert created.model_extra == {}
    assert created.request_id == "abc123"
    assert created.status is DependencyRequestStatus.PENDING


def test_schema_built_dependencies_page_parses() -> None:
    spec, schema = response_schema("getMapDependencies", "200")
    page = DependencyRequest.model_validate(build_example(spec, schema))
    assert page.status is DependencyRequestStatus.READY
    assert page.dependencies is not None
    (dependency,) = page.dependencies
    assert dependency.model_extra == {}
    assert dependency.parent_node is not None and dependency.parent_node.name == "user-service"
    assert dependency.call_count == 142
    assert page.next_link is not None


def test_statuses_match_the_spec() -> None:
    _, schema = response_schema("getMapDependencies", "200")
    assert set(schema["properties"]["status"]["enum"]) == {s.value for s in DependencyRequestStatus}
    pending = DependencyRequest.model_validate({"request_id": "r", "status": "pending"})
    assert pending.dependencies is None and pending.next_link is None
    odd = DependencyRequest.model_validate({"status": "queued"})
    assert odd.status == "queued"


def test_page_parameters_conform() -> None:
    assert request_problems("GET", f"{PATH}/abc", params={"page[size]": 100}) == []


@pytest.mark.parametrize(
    "request_body",
    [
        {"time_range": 0},
        {"start_time": 10, "end_time": 5},
        {"start_time": 1, "end_time": 5, "time_range": 4},
        {"filters": [{"name": "svc", "type": "host"}]},
        {"filters": [{"name": ""}]},
        {"dataset": "web"},
    ],
)
def test_invalid_requests(request_body: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        DependencyRequestCreate.model_validate(request_body)
