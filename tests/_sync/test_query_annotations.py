# GENERATED from tests/_async/test_query_annotations.py by scripts/unasync.py.
# Do not edit: change the async source and run `python scripts/unasync.py`.
"""client.query_annotations: /1/query_annotations/{dataset}[/{id}]."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pytest_httpx import HTTPXMock

from honeycomb import Client, NotFoundError
from honeycomb.errors import RequestValidationError
from honeycomb.models.query_annotations import (
    QueryAnnotation,
    QueryAnnotationCreate,
    QueryAnnotationSource,
)

from .conftest import BASE, only_request

URL = f"{BASE}/1/query_annotations/web"

# What the live API returns: no created_at/updated_at, although the spec lists them.
ANNOTATION = {
    "id": "sGUnkBHgRFN",
    "query_id": "mabAMpSPDjH",
    "name": "My Named Query",
    "description": "A nice description of My Named Query",
    "source": "query",
}


def test_list_sends_no_flag_by_default(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(method="GET", url=URL, json=[ANNOTATION])
    annotations = client.query_annotations.list("web")
    (annotation,) = annotations
    assert annotation.id == "sGUnkBHgRFN"
    assert annotation.source is QueryAnnotationSource.QUERY
    assert annotation.created_at is None and annotation.updated_at is None
    request = only_request(httpx_mock)
    assert request.method == "GET"
    assert dict(request.url.params) == {}


def test_list_including_board_annotations(httpx_mock: HTTPXMock, client: Client) -> None:
    from_board = {**ANNOTATION, "id": "b1", "source": "board"}
    httpx_mock.add_response(
        method="GET", url=f"{URL}?include_board_annotations=true", json=[ANNOTATION, from_board]
    )
    annotations = client.query_annotations.list("web", include_board_annotations=True)
    assert [a.source for a in annotations] == [
        QueryAnnotationSource.QUERY,
        QueryAnnotationSource.BOARD,
    ]
    assert dict(only_request(httpx_mock).url.params) == {"include_board_annotations": "true"}


def test_list_keeps_unknown_source(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(method="GET", url=URL, json=[{**ANNOTATION, "source": "notebook"}])
    (annotation,) = client.query_annotations.list("web")
    assert annotation.source == "notebook"


def test_get(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(
        method="GET",
        url=f"{BASE}/1/query_annotations/__all__/sGUnkBHgRFN",
        json={**ANNOTATION, "created_at": "2022-10-26T21:36:04Z"},
    )
    annotation = client.query_annotations.get("__all__", "sGUnkBHgRFN")
    assert isinstance(annotation, QueryAnnotation)
    assert annotation.query_id == "mabAMpSPDjH"
    assert annotation.created_at is not None and annotation.created_at.year == 2022


def test_get_unknown(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(url=f"{URL}/gone", status_code=404, json={"error": "not found"})
    with pytest.raises(NotFoundError):
        client.query_annotations.get("web", "gone")


def test_create(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(method="POST", url=URL, status_code=201, json=ANNOTATION)
    annotation = client.query_annotations.create(
        "web", QueryAnnotationCreate(name="My Named Query", query_id="mabAMpSPDjH")
    )
    request = only_request(httpx_mock)
    assert request.method == "POST"
    assert request.headers["Content-Type"] == "application/json"
    assert json.loads(request.content) == {"name": "My Named Query", "query_id": "mabAMpSPDjH"}
    assert annotation.id == "sGUnkBHgRFN"


@pytest.mark.parametrize(
    "bad",
    [
        {},
        {"name": "n"},
        {"query_id": "q"},
        {"name": "", "query_id": "q"},
        {"name": "n" * 321, "query_id": "q"},
        {"name": "n", "query_id": "q", "description": "d" * 1024},
        {"name": "n", "query_id": "q", "source": "board"},
    ],
)
def test_create_validates_before_sending(
    httpx_mock: HTTPXMock, client: Client, bad: dict[str, Any]
) -> None:
    with pytest.raises(RequestValidationError):
        client.query_annotations.create("web", bad)
    assert httpx_mock.get_requests() == []


def test_update(httpx_mock: HTTPXMock, client: Client) -> None:
    # The spec's own example of an update response carries neither id nor timestamps; the
    # live API returns the id (real-api-notes), which the model requires.
    httpx_mock.add_response(
        method="PUT",
        url=f"{URL}/sGUnkBHgRFN",
        json={
            "id": "sGUnkBHgRFN",
            "name": "My Updated Annotation",
            "description": "A nice description of My Update Annotation",
            "query_id": "mabAMpSPDjH",
        },
    )
    annotation = client.query_annotations.update(
        "web",
        "sGUnkBHgRFN",
        {
            "name": "My Updated Annotation",
            "description": "A nice description of My Update Annotation",
            "query_id": "mabAMpSPDjH",
        },
    )
    request = only_request(httpx_mock)
    assert request.method == "PUT"
    assert json.loads(request.content) == {
        "name": "My Updated Annotation",
        "description": "A nice description of My Update Annotation",
        "query_id": "mabAMpSPDjH",
    }
    assert annotation.name == "My Updated Annotation" and annotation.id == "sGUnkBHgRFN"


def test_update_needs_the_query_id(httpx_mock: HTTPXMock, client: Client) -> None:
    with pytest.raises(RequestValidationError):
        client.query_annotations.update("web", "sGUnkBHgRFN", {"name": "x"})
    assert httpx_mock.get_requests() == []


def test_delete(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(method="DELETE", url=f"{URL}/sGUnkBHgRFN", status_code=204)
    client.query_annotations.delete("web", "sGUnkBHgRFN")
    assert only_request(httpx_mock).method == "DELETE"
