"""Boards: CRUD requests, panel unions both ways, limits checked before sending."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pytest_httpx import HTTPXMock

from honeycomb import AsyncClient, NotFoundError
from honeycomb.errors import RequestValidationError
from honeycomb.models.boards import (
    Board,
    BoardCreate,
    QueryPanel,
    QueryPanelDetailsIn,
    QueryPanelIn,
    SLOPanel,
    TextPanel,
    TextPanelDetailsIn,
    TextPanelIn,
    UnknownPanel,
)

from .conftest import BASE, check_auth

BOARD: dict[str, Any] = {
    "id": "2NeeaE9bBLd",
    "name": "Latency",
    "description": "p99 by route",
    "type": "flexible",
    "links": {"board_url": "https://ui.honeycomb.io/t/environments/e/board/2NeeaE9bBLd"},
    "panels": [
        {
            "type": "query",
            "position": {"x_coordinate": 0, "y_coordinate": 0, "width": 8, "height": 6},
            "query_panel": {
                "query_id": "abc1234e",
                "query_annotation_id": "e4c24a35",
                "query_style": "graph",
                "dataset": "web",
            },
        },
        {"type": "slo", "slo_panel": {"slo_id": "BGfyxhFto"}},
        {"type": "text", "text_panel": {"content": "# Notes"}},
    ],
    "tags": [{"key": "team", "value": "blue"}],
    "preset_filters": [{"column": "app.Service", "alias": "Service"}],
}


def _sent(httpx_mock: HTTPXMock) -> Any:
    return json.loads(httpx_mock.get_requests()[0].content)


async def test_list_parses_each_panel_kind(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    future = {"type": "heatmap_panel", "heatmap_panel": {"x": 1}}
    board = {**BOARD, "panels": [*BOARD["panels"], future]}
    httpx_mock.add_response(method="GET", url=f"{BASE}/1/boards", json=[board])

    boards = await client.boards.list()

    assert len(boards) == 1
    panels = boards[0].panels or []
    assert [type(p) for p in panels] == [QueryPanel, SLOPanel, TextPanel, UnknownPanel]
    query_panel = panels[0]
    assert isinstance(query_panel, QueryPanel) and query_panel.query_panel is not None
    assert query_panel.query_panel.dataset == "web"
    assert query_panel.query_panel.query_style == "graph"
    unknown = panels[3]
    assert unknown.type == "heatmap_panel"
    assert unknown.model_extra == {"heatmap_panel": {"x": 1}}
    assert boards[0].url == BOARD["links"]["board_url"]
    check_auth(httpx_mock.get_requests()[0])


async def test_get_quotes_the_id(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(method="GET", url=f"{BASE}/1/boards/a%2Fb", json=BOARD)
    board = await client.boards.get("a/b")
    assert isinstance(board, Board)
    assert board.tags is not None and board.tags[0].key == "team"


async def test_get_missing_board(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(
        method="GET", url=f"{BASE}/1/boards/nope", status_code=404, json={"error": "not found"}
    )
    with pytest.raises(NotFoundError):
        await client.boards.get("nope")


async def test_create_sends_type_and_panels(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(method="POST", url=f"{BASE}/1/boards", status_code=201, json=BOARD)

    board = await client.boards.create(
        {
            "name": "Latency",
            "panels": [
                {
                    "type": "query",
                    "query_panel": {
                        "query_id": "abc1234e",
                        "query_annotation_id": "e4c24a35",
                        "visualization_settings": {
                            "charts": [
                                {
                                    "chart_index": 0,
                                    "chart_type": "line",
                                    "hide_other": True,
                                    "thresholds": [
                                        {
                                            "value": 100,
                                            "color": "red",
                                            "operation": "gt",
                                            "line_style": "dotted",
                                        }
                                    ],
                                }
                            ]
                        },
                    },
                    "position": {"x_coordinate": 0, "y_coordinate": 0, "width": 24, "height": 6},
                },
                {"type": "slo", "slo_panel": {"slo_id": "BGfyxhFto"}},
            ],
            "tags": [{"key": "team", "value": "blue"}],
            "preset_filters": [{"column": "app.Service", "alias": "Service"}],
        }
    )

    assert board.id == "2NeeaE9bBLd"
    assert _sent(httpx_mock) == {
        "name": "Latency",
        "type": "flexible",
        "panels": [
            {
                "type": "query",
                "query_panel": {
                    "query_id": "abc1234e",
                    "query_annotation_id": "e4c24a35",
                    "visualization_settings": {
                        "charts": [
                            {
                                "chart_index": 0,
                                "chart_type": "line",
                                "hide_other": True,
                                "thresholds": [
                                    {
                                        "value": 100.0,
                                        "color": "red",
                                        "operation": "gt",
                                        "line_style": "dotted",
                                    }
                                ],
                            }
                        ]
                    },
                },
                "position": {"x_coordinate": 0, "y_coordinate": 0, "width": 24, "height": 6},
            },
            {"type": "slo", "slo_panel": {"slo_id": "BGfyxhFto"}},
        ],
        "tags": [{"key": "team", "value": "blue"}],
        "preset_filters": [{"column": "app.Service", "alias": "Service"}],
    }


async def test_create_from_models_fills_in_panel_type(
    httpx_mock: HTTPXMock, client: AsyncClient
) -> None:
    httpx_mock.add_response(method="POST", url=f"{BASE}/1/boards", status_code=201, json=BOARD)
    await client.boards.create(
        BoardCreate(
            name="Notes",
            panels=[
                TextPanelIn(text_panel=TextPanelDetailsIn(content="hello")),
                QueryPanelIn(
                    query_panel=QueryPanelDetailsIn(query_id="q", query_annotation_id="a")
                ),
            ],
        )
    )
    assert _sent(httpx_mock) == {
        "name": "Notes",
        "type": "flexible",
        "panels": [
            {"type": "text", "text_panel": {"content": "hello"}},
            {"type": "query", "query_panel": {"query_id": "q", "query_annotation_id": "a"}},
        ],
    }


async def test_update_round_trips_a_read_board_without_read_only_fields(
    httpx_mock: HTTPXMock, client: AsyncClient
) -> None:
    """id, links and query_panel.dataset are read-only: accepted, never sent."""
    httpx_mock.add_response(method="PUT", url=f"{BASE}/1/boards/2NeeaE9bBLd", json=BOARD)
    board = Board.model_validate(BOARD)

    updated = await client.boards.update("2NeeaE9bBLd", board)

    assert updated.name == "Latency"
    sent = _sent(httpx_mock)
    assert "id" not in sent and "links" not in sent
    assert sent["panels"][0]["query_panel"] == {
        "query_id": "abc1234e",
        "query_annotation_id": "e4c24a35",
        "query_style": "graph",
    }
    assert sent["preset_filters"] == [{"column": "app.Service", "alias": "Service"}]


async def test_update_can_clear_preset_filters(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(method="PUT", url=f"{BASE}/1/boards/b1", json=BOARD)
    await client.boards.update("b1", {"name": "x", "preset_filters": []})
    assert _sent(httpx_mock) == {"name": "x", "type": "flexible", "preset_filters": []}


async def test_delete(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(method="DELETE", url=f"{BASE}/1/boards/b1", status_code=204)
    await client.boards.delete("b1")
    assert httpx_mock.get_requests()[0].method == "DELETE"


_TEXT = {"type": "text", "text_panel": {"content": "x"}}


@pytest.mark.parametrize(
    "bad",
    [
        pytest.param({}, id="no-name"),
        pytest.param({"name": ""}, id="empty-name"),
        pytest.param({"name": "x" * 256}, id="long-name"),
        pytest.param({"name": "x", "type": "classic"}, id="classic-type"),
        pytest.param(
            {"name": "x", "preset_filters": [{"column": f"c{i}", "alias": "a"} for i in range(6)]},
            id="six-preset-filters",
        ),
        pytest.param(
            {"name": "x", "preset_filters": [{"column": "c", "alias": "a" * 51}]},
            id="long-alias",
        ),
        pytest.param(
            {"name": "x", "panels": [{"type": "text", "text_panel": {"content": "x" * 10_001}}]},
            id="long-text-panel",
        ),
        pytest.param(
            {"name": "x", "panels": [{**_TEXT, "position": {"width": 25}}]}, id="too-wide"
        ),
        pytest.param(
            {"name": "x", "panels": [{**_TEXT, "position": {"height": 25}}]}, id="too-high"
        ),
        pytest.param({"name": "x", "panels": [{"type": "heatmap"}]}, id="unknown-panel-type"),
        pytest.param({"name": "x", "panels": [{"text_panel": {"content": "x"}}]}, id="no-type"),
        pytest.param(
            {"name": "x", "panels": [{"type": "query", "query_panel": {"query_id": "q"}}]},
            id="query-panel-without-annotation",
        ),
        pytest.param(
            {"name": "x", "tags": [{"key": chr(97 + i), "value": "v"} for i in range(11)]},
            id="eleven-tags",
        ),
        pytest.param({"name": "x", "tags": [{"key": "Team", "value": "blue"}]}, id="bad-tag"),
        pytest.param({"name": "x", "layout_generation": "grid"}, id="bad-layout"),
        pytest.param({"name": "x", "color": "red"}, id="unknown-field"),
    ],
)
async def test_create_validates_before_sending(
    httpx_mock: HTTPXMock, client: AsyncClient, bad: dict[str, Any]
) -> None:
    with pytest.raises(RequestValidationError):
        await client.boards.create(bad)
    assert httpx_mock.get_requests() == []


async def test_update_validates_before_sending(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    with pytest.raises(RequestValidationError):
        await client.boards.update("b1", {"name": "x", "panels": [{"type": "slo"}]})
    assert httpx_mock.get_requests() == []
