# GENERATED from tests/_async/test_dataset_definitions.py by scripts/unasync.py.
# Do not edit: change the async source and run `python scripts/unasync.py`.
"""client.dataset_definitions: GET and PATCH /1/dataset_definitions/{dataset}."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pytest_httpx import HTTPXMock

from honeycomb import Client, NotFoundError, UnprocessableEntityError
from honeycomb.errors import RequestValidationError
from honeycomb.models.dataset_definitions import (
    DatasetDefinitionColumnType,
    DatasetDefinitions,
    DatasetDefinitionsUpdate,
)

from .conftest import BASE, only_request

URL = f"{BASE}/1/dataset_definitions/web"

DEFINITIONS = {
    "duration_ms": {"name": "duration_ms", "column_type": "column"},
    "error": None,
    "span_id": {"name": "my_span_id", "column_type": "column"},
    "trace_id": {"name": "trace.trace_id", "column_type": "derived_column"},
    "service_name": None,
}


def test_get(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(method="GET", url=URL, json=DEFINITIONS)
    definitions = client.dataset_definitions.get("web")
    assert isinstance(definitions, DatasetDefinitions)
    assert definitions.duration_ms is not None
    assert definitions.duration_ms.name == "duration_ms"
    assert definitions.duration_ms.column_type is DatasetDefinitionColumnType.COLUMN
    assert definitions.trace_id is not None
    assert definitions.trace_id.column_type is DatasetDefinitionColumnType.DERIVED_COLUMN
    assert definitions.error is None
    assert definitions.user is None  # absent from the body
    request = only_request(httpx_mock)
    assert request.method == "GET"
    assert request.content == b""


def test_get_quotes_the_slug(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(method="GET", url=f"{BASE}/1/dataset_definitions/a%2Fb", json={})
    definitions = client.dataset_definitions.get("a/b")
    assert definitions.span_id is None


def test_get_unknown_dataset(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(url=URL, status_code=404, json={"error": "Dataset not found"})
    with pytest.raises(NotFoundError, match="Dataset not found"):
        client.dataset_definitions.get("web")


def test_update_sends_only_what_was_given(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(method="PATCH", url=URL, json=DEFINITIONS)
    result = client.dataset_definitions.update(
        "web", {"duration_ms": {"name": "duration_we_send", "column_type": "derived_column"}}
    )
    request = only_request(httpx_mock)
    assert request.method == "PATCH"
    assert request.headers["Content-Type"] == "application/json"
    assert json.loads(request.content) == {
        "duration_ms": {"name": "duration_we_send", "column_type": "derived_column"}
    }
    assert result.span_id is not None and result.span_id.name == "my_span_id"


def test_update_clears_with_empty_names(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(method="PATCH", url=URL, json={})
    client.dataset_definitions.update(
        "web", DatasetDefinitionsUpdate.clear("error", "link_trace_id")
    )
    assert json.loads(only_request(httpx_mock).content) == {
        "error": {"name": ""},
        "link_trace_id": {"name": ""},
    }


def test_update_accepts_name_shorthand(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(method="PATCH", url=URL, json={})
    client.dataset_definitions.update(
        "web", DatasetDefinitionsUpdate(service_name="svc", route="http.route")
    )
    assert json.loads(only_request(httpx_mock).content) == {
        "service_name": {"name": "svc"},
        "route": {"name": "http.route"},
    }


def test_update_unknown_column(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(
        method="PATCH",
        url=URL,
        status_code=422,
        json={"error": "The following columns were not found: duration_we_send"},
    )
    with pytest.raises(UnprocessableEntityError, match="duration_we_send"):
        client.dataset_definitions.update("web", {"duration_ms": {"name": "nope"}})


@pytest.mark.parametrize(
    "bad",
    [
        {"not_a_definition": {"name": "x"}},
        {"duration_ms": {"name": "x" * 256}},
        {"duration_ms": {"name": "x", "column_type": "metric"}},
        {"duration_ms": {"name": "x", "extra": 1}},
        {"duration_ms": {}},
    ],
)
def test_update_validates_before_sending(
    httpx_mock: HTTPXMock, client: Client, bad: dict[str, Any]
) -> None:
    with pytest.raises(RequestValidationError):
        client.dataset_definitions.update("web", bad)
    assert httpx_mock.get_requests() == []
