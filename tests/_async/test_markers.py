"""client.markers: /1/markers/{dataset}[/{id}] (no single-marker GET exists)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pytest_httpx import HTTPXMock

from honeycomb import AsyncClient, NotFoundError
from honeycomb._async.resources.markers import Markers
from honeycomb.errors import RequestValidationError
from honeycomb.models.markers import Marker, MarkerCreate, MarkerUpdate

from .conftest import BASE, DATASET_NOT_FOUND, only_request

URL = f"{BASE}/1/markers/web"
ENV_URL = f"{BASE}/1/markers/__all__"

MARKER = {
    "created_at": "2016-08-13T05:39:42Z",
    "updated_at": "2016-08-13T05:39:42Z",
    "start_time": 1471040808,
    "message": "backend deploy #123",
    "type": "deploy",
    "id": "d1c84ec0",
}


def test_no_single_marker_get() -> None:
    # The API has no such call; list() and pick by id.
    assert not hasattr(Markers, "get")


async def test_list(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    ranged = {**MARKER, "id": "c2b52fa0", "end_time": 1471041108, "color": "#7b1fa2"}
    httpx_mock.add_response(method="GET", url=URL, json=[MARKER, ranged])
    markers = await client.markers.list("web")
    assert [m.id for m in markers] == ["d1c84ec0", "c2b52fa0"]
    assert markers[0].start_time == 1471040808 and isinstance(markers[0].start_time, int)
    assert markers[0].end_time is None and markers[0].color is None
    assert markers[1].end_time == 1471041108 and markers[1].color == "#7b1fa2"
    assert only_request(httpx_mock).method == "GET"


async def test_list_environment_wide(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(method="GET", url=ENV_URL, json=[])
    assert await client.markers.list("__all__") == []


async def test_list_unknown_dataset(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(
        url=f"{BASE}/1/markers/nope",
        status_code=404,
        json=DATASET_NOT_FOUND,
    )
    with pytest.raises(NotFoundError, match="Dataset not found"):
        await client.markers.list("nope")


async def test_create(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(method="POST", url=ENV_URL, status_code=201, json=MARKER)
    marker = await client.markers.create(
        "__all__",
        {"message": "backend deploy #123", "type": "deploy", "url": "https://ci.example/123"},
    )
    request = only_request(httpx_mock)
    assert request.method == "POST"
    assert request.headers["Content-Type"] == "application/json"
    assert json.loads(request.content) == {
        "message": "backend deploy #123",
        "type": "deploy",
        "url": "https://ci.example/123",
    }
    assert isinstance(marker, Marker) and marker.id == "d1c84ec0"


async def test_create_empty_marker(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    # Every field is optional: the API places the marker at the time of the request.
    httpx_mock.add_response(method="POST", url=URL, status_code=201, json=MARKER)
    await client.markers.create("web", MarkerCreate())
    assert json.loads(only_request(httpx_mock).content) == {}


async def test_create_with_a_time_range(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(method="POST", url=URL, status_code=201, json=MARKER)
    await client.markers.create("web", MarkerCreate(start_time=1471040808, end_time=1471041108))
    assert json.loads(only_request(httpx_mock).content) == {
        "start_time": 1471040808,
        "end_time": 1471041108,
    }


@pytest.mark.parametrize(
    "bad",
    [
        {"start_time": "yesterday"},
        {"end_time": 1.5},
        {"message": 123},
        {"message": "m", "color": "#ffffff"},
        {"ident": "d1c84ec0"},
    ],
)
async def test_create_validates_before_sending(
    httpx_mock: HTTPXMock, client: AsyncClient, bad: dict[str, Any]
) -> None:
    with pytest.raises(RequestValidationError):
        await client.markers.create("web", bad)
    assert httpx_mock.get_requests() == []


async def test_update(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    updated = {**MARKER, "message": "rolled back"}
    httpx_mock.add_response(method="PUT", url=f"{URL}/d1c84ec0", json=updated)
    marker = await client.markers.update(
        "web",
        "d1c84ec0",
        MarkerUpdate(start_time=1471040808, message="rolled back", type="deploy"),
    )
    request = only_request(httpx_mock)
    assert request.method == "PUT"
    assert json.loads(request.content) == {
        "start_time": 1471040808,
        "message": "rolled back",
        "type": "deploy",
    }
    assert marker.message == "rolled back"


async def test_update_quotes_the_id(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(method="PUT", url=f"{URL}/a%2Fb", json=MARKER)
    await client.markers.update("web", "a/b", {"message": "m"})
    assert only_request(httpx_mock).url.raw_path == b"/1/markers/web/a%2Fb"


async def test_delete_ignores_the_returned_marker(
    httpx_mock: HTTPXMock, client: AsyncClient
) -> None:
    # The API answers 200 with the deleted marker; delete() still returns None.
    httpx_mock.add_response(method="DELETE", url=f"{URL}/d1c84ec0", json=MARKER)
    assert await client.markers.delete("web", "d1c84ec0") is None  # type: ignore[func-returns-value]
    request = only_request(httpx_mock)
    assert request.method == "DELETE" and request.content == b""


async def test_delete_unknown(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(
        method="DELETE", url=f"{URL}/gone", status_code=404, json={"error": "marker not found"}
    )
    with pytest.raises(NotFoundError):
        await client.markers.delete("web", "gone")
