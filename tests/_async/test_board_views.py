"""Board views: paths under the board, ``operation`` (not ``op``), validation before sending."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pytest_httpx import HTTPXMock

from honeycomb import AsyncClient, NotFoundError
from honeycomb.errors import RequestValidationError
from honeycomb.models.board_views import BoardView, BoardViewCreate, BoardViewFilterIn
from honeycomb.models.queries import FilterOp

from .conftest import API_KEY, BASE

VIEW: dict[str, Any] = {
    "id": "eC_abc123",
    "name": "Errors View",
    "filters": [{"column": "status", "operation": "=", "value": "error"}],
}


def _sent(httpx_mock: HTTPXMock) -> Any:
    return json.loads(httpx_mock.get_requests()[0].content)


async def test_list(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    slow = {
        "id": "yc_def456",
        "name": "Slow",
        "filters": [{"column": "duration_ms", "operation": ">", "value": 1000}],
    }
    odd = {"id": "z", "name": "Odd", "filters": [{"column": "a", "operation": "matches"}]}
    httpx_mock.add_response(method="GET", url=f"{BASE}/1/boards/b1/views", json=[VIEW, slow, odd])

    views = await client.board_views.list("b1")

    assert [v.id for v in views] == ["eC_abc123", "yc_def456", "z"]
    assert views[0].filters is not None and views[0].filters[0].operation is FilterOp.EQUALS
    assert views[1].filters is not None and views[1].filters[0].value == 1000
    assert isinstance(views[1].filters[0].value, int)
    assert views[2].filters is not None and views[2].filters[0].operation == "matches"
    assert httpx_mock.get_requests()[0].headers["X-Honeycomb-Team"] == API_KEY


async def test_get_quotes_both_ids(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(method="GET", url=f"{BASE}/1/boards/b%2F1/views/v%201", json=VIEW)
    view = await client.board_views.get("b/1", "v 1")
    assert isinstance(view, BoardView)
    assert view.name == "Errors View"


async def test_get_missing_view(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(
        method="GET", url=f"{BASE}/1/boards/b1/views/nope", status_code=404, json={"error": "nf"}
    )
    with pytest.raises(NotFoundError):
        await client.board_views.get("b1", "nope")


async def test_create_sends_operation(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(
        method="POST", url=f"{BASE}/1/boards/b1/views", status_code=201, json=VIEW
    )
    view = await client.board_views.create(
        "b1",
        {
            "name": "Errors View",
            "filters": [
                {"column": "status", "operation": "=", "value": "error"},
                {"column": "service", "operation": "in", "value": ["api", "web"]},
                {"column": "trace.parent_id", "operation": "does-not-exist"},
            ],
        },
    )
    assert view.id == "eC_abc123"
    assert _sent(httpx_mock) == {
        "name": "Errors View",
        "filters": [
            {"column": "status", "operation": "=", "value": "error"},
            {"column": "service", "operation": "in", "value": ["api", "web"]},
            {"column": "trace.parent_id", "operation": "does-not-exist"},
        ],
    }


async def test_create_from_models(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(
        method="POST", url=f"{BASE}/1/boards/b1/views", status_code=201, json=VIEW
    )
    await client.board_views.create(
        "b1",
        BoardViewCreate(
            name="Slow",
            filters=[
                BoardViewFilterIn(column="duration_ms", operation=FilterOp.GREATER_THAN, value=1000)
            ],
        ),
    )
    assert _sent(httpx_mock) == {
        "name": "Slow",
        "filters": [{"column": "duration_ms", "operation": ">", "value": 1000}],
    }


async def test_update(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(method="PUT", url=f"{BASE}/1/boards/b1/views/eC_abc123", json=VIEW)
    view = await client.board_views.update(
        "b1",
        "eC_abc123",
        {"name": "Errors View", "filters": [{"column": "status", "op": "=", "value": "error"}]},
    )
    assert view.name == "Errors View"
    assert _sent(httpx_mock) == {
        "name": "Errors View",
        "filters": [{"column": "status", "operation": "=", "value": "error"}],
    }


async def test_delete(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(
        method="DELETE", url=f"{BASE}/1/boards/b1/views/eC_abc123", status_code=204
    )
    await client.board_views.delete("b1", "eC_abc123")
    assert httpx_mock.get_requests()[0].method == "DELETE"


@pytest.mark.parametrize(
    "bad",
    [
        pytest.param({"name": "x"}, id="no-filters"),
        pytest.param({"name": "x", "filters": []}, id="empty-filters"),
        pytest.param({"name": "", "filters": [{"column": "a", "operation": "exists"}]}, id="name"),
        pytest.param(
            {"name": "x" * 256, "filters": [{"column": "a", "operation": "exists"}]},
            id="long-name",
        ),
        pytest.param({"name": "x", "filters": [{"column": "a", "operation": "~"}]}, id="bad-op"),
        pytest.param(
            {"name": "x", "filters": [{"column": "a", "operation": "exists", "value": 1}]},
            id="exists-with-value",
        ),
        pytest.param(
            {"name": "x", "filters": [{"column": "a", "operation": "in", "value": "b"}]},
            id="in-without-list",
        ),
        pytest.param(
            {"name": "x", "filters": [{"column": "a", "operation": "contains", "value": 4}]},
            id="contains-number",
        ),
        pytest.param({"name": "x", "filters": [{"column": "a", "operation": "="}]}, id="no-value"),
        pytest.param({"name": "x", "filters": [{"operation": "exists"}]}, id="no-column"),
        pytest.param(
            {"name": "x", "view_id": "v", "filters": [{"column": "a", "operation": "exists"}]},
            id="unknown-field",
        ),
    ],
)
async def test_create_validates_before_sending(
    httpx_mock: HTTPXMock, client: AsyncClient, bad: dict[str, Any]
) -> None:
    with pytest.raises(RequestValidationError):
        await client.board_views.create("b1", bad)
    assert httpx_mock.get_requests() == []


async def test_update_validates_before_sending(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    with pytest.raises(RequestValidationError):
        await client.board_views.update("b1", "v1", {"name": "x", "filters": []})
    assert httpx_mock.get_requests() == []
