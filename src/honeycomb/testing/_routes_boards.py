"""Boards and board views (``/1/boards``)."""

from __future__ import annotations

from typing import Any

from honeycomb.testing._core import Checker, Ctx, Route, empty, ok, public, sdk_model_check
from honeycomb.testing._http import FakeResponse, conflict, not_found, unprocessable
from honeycomb.testing._state import Environment

__all__ = ["ROUTES"]

MAX_VIEWS = 50
FILTER_OPS = (
    "=", "!=", ">", ">=", "<", "<=", "starts-with", "does-not-start-with", "ends-with",
    "does-not-end-with", "exists", "does-not-exist", "contains", "does-not-contain", "in",
    "not-in",
)  # fmt: skip


def _find_query(env: Environment, query_id: str) -> str | None:
    for dataset, items in env.objects.get("queries", {}).items():
        if query_id in items:
            return dataset
    return None


def _find_slo(env: Environment, slo_id: str) -> bool:
    return any(slo_id in items for items in env.objects.get("slos", {}).values())


def _check_board(ctx: Ctx, body: dict[str, Any]) -> list[dict[str, Any]]:
    env = ctx.environment
    check = Checker(body)
    check.string("name", required=True, min_length=1, max_length=255)
    check.string("description", max_length=1024)
    check.string("type", required=True, choices=("flexible",))
    check.string("layout_generation", choices=("auto", "manual"))
    check.tags()
    presets = check.array("preset_filters", max_items=5) or []
    for index, preset in enumerate(presets):
        sub = check.child(preset, f"preset_filters[{index}].")
        if sub is not None:
            sub.string("column", required=True, min_length=1)
            sub.string("alias", required=True, min_length=1)
    panels = check.array("panels") or []
    out: list[dict[str, Any]] = []
    for index, panel in enumerate(panels):
        sub = check.child(panel, f"panels[{index}].")
        if sub is None:
            continue
        kind = sub.string("type", required=True, choices=("query", "slo", "text"))
        position = sub.object("position")
        if position is not None:
            pos = sub.child(position, "position.")
            if pos is not None:
                pos.integer("x_coordinate", minimum=0)
                pos.integer("y_coordinate", minimum=0)
                pos.integer("width", minimum=0, maximum=24)
                pos.integer("height", minimum=0, maximum=24)
        item = dict(panel)
        if kind == "query":
            inner = sub.object("query_panel", required=True)
            qp = sub.child(inner, "query_panel.") if inner is not None else None
            if qp is not None and inner is not None:
                query_id = qp.string("query_id", required=True, min_length=1)
                qp.string("query_annotation_id", required=True, min_length=1)
                qp.string("query_style", choices=("graph", "table", "combo"))
                qp.object("visualization_settings")
                if query_id is not None:
                    dataset = _find_query(env, query_id)
                    if dataset is None:
                        qp.add("query_id", "invalid", f"query {query_id} not found")
                    else:
                        item["query_panel"] = {
                            "query_style": "graph",
                            **{k: v for k, v in inner.items() if k != "dataset"},
                            "dataset": dataset,
                        }
        elif kind == "slo":
            inner = sub.object("slo_panel", required=True)
            sp = sub.child(inner, "slo_panel.") if inner is not None else None
            if sp is not None:
                slo_id = sp.string("slo_id", required=True, min_length=1)
                if slo_id is not None and not _find_slo(env, slo_id):
                    sp.add("slo_id", "invalid", f"SLO {slo_id} not found")
        elif kind == "text":
            inner = sub.object("text_panel", required=True)
            tp = sub.child(inner, "text_panel.") if inner is not None else None
            if tp is not None:
                tp.string("content", required=True, max_length=10000)
        out.append(item)
    check.done()
    if body.get("layout_generation") == "auto":
        for index, item in enumerate(out):
            item["position"] = {
                "x_coordinate": (index % 2) * 6,
                "y_coordinate": (index // 2) * 6,
                "width": 6,
                "height": 6,
            }
    return out


def _board_json(ctx: Ctx, board: dict[str, Any]) -> dict[str, Any]:
    out = public(board)
    out["links"] = {"board_url": f"https://ui.honeycomb.io/{ctx.team.slug}/board/{board['id']}"}
    return out


def list_boards(ctx: Ctx) -> FakeResponse:
    return ok([_board_json(ctx, b) for b in ctx.environment.boards.values()])


def _board(ctx: Ctx) -> dict[str, Any]:
    board = ctx.environment.boards.get(ctx.params["board"])
    if board is None:
        raise not_found("board")
    return board


def get_board(ctx: Ctx) -> FakeResponse:
    return ok(_board_json(ctx, _board(ctx)))


def _store_board(board: dict[str, Any], body: dict[str, Any], panels: list[dict[str, Any]]) -> None:
    board.update(
        name=body["name"],
        description=body.get("description", ""),
        type=body["type"],
        panels=panels,
        tags=body.get("tags") or [],
        preset_filters=body.get("preset_filters") or [],
    )


def create_board(ctx: Ctx) -> FakeResponse:
    body = ctx.object_body()
    panels = _check_board(ctx, body)
    sdk_model_check(body, [("boards", "BoardCreate")])
    board: dict[str, Any] = {"id": ctx.state.new_id()}
    _store_board(board, body, panels)
    ctx.environment.boards[board["id"]] = board
    ctx.environment.board_views[board["id"]] = {}
    return ok(_board_json(ctx, board), 201)


def update_board(ctx: Ctx) -> FakeResponse:
    board = _board(ctx)
    body = ctx.object_body()
    panels = _check_board(ctx, body)
    sdk_model_check(body, [("boards", "BoardUpdate"), ("boards", "BoardCreate")])
    _store_board(board, body, panels)
    return ok(_board_json(ctx, board))


def delete_board(ctx: Ctx) -> FakeResponse:
    board = _board(ctx)
    del ctx.environment.boards[board["id"]]
    ctx.environment.board_views.pop(board["id"], None)
    return empty()


# ---------------------------------------------------------------------------- views


def _views(ctx: Ctx) -> dict[str, dict[str, Any]]:
    board = _board(ctx)
    return ctx.environment.board_views.setdefault(board["id"], {})


def _check_view(body: dict[str, Any]) -> None:
    check = Checker(body)
    check.string("name", required=True, min_length=1, max_length=255)
    filters = check.array("filters", required=True, min_items=1) or []
    for index, item in enumerate(filters):
        sub = check.child(item, f"filters[{index}].")
        if sub is None:
            continue
        sub.string("column", required=True, min_length=1)
        op = sub.string("operation", required=True, choices=FILTER_OPS)
        if op in ("in", "not-in") and not isinstance(item.get("value"), list):
            sub.add("value", "invalid", f"must be an array for {op}")
        if op not in (None, "exists", "does-not-exist", "in", "not-in") and "value" not in item:
            sub.add("value", "missing", f"is required for {op}")
    check.done()


def list_views(ctx: Ctx) -> FakeResponse:
    return ok([public(v) for v in _views(ctx).values()])


def _view(ctx: Ctx) -> dict[str, Any]:
    view = _views(ctx).get(ctx.params["view"])
    if view is None:
        raise not_found("board view")
    return view


def get_view(ctx: Ctx) -> FakeResponse:
    return ok(public(_view(ctx)))


def create_view(ctx: Ctx) -> FakeResponse:
    views = _views(ctx)
    body = ctx.object_body()
    _check_view(body)
    sdk_model_check(body, [("board_views", "BoardViewCreate")])
    if len(views) >= MAX_VIEWS:
        raise unprocessable(
            [
                {
                    "field": "board",
                    "code": "invalid",
                    "description": f"a board may have at most {MAX_VIEWS} views",
                }
            ]
        )
    if any(v["name"] == body["name"] for v in views.values()):
        raise conflict(f"a view named '{body['name']}' already exists on this board")
    view = {"id": ctx.state.new_id(), "name": body["name"], "filters": body["filters"]}
    views[view["id"]] = view
    return ok(public(view), 201)


def update_view(ctx: Ctx) -> FakeResponse:
    view = _view(ctx)
    body = ctx.object_body()
    _check_view(body)
    sdk_model_check(body, [("board_views", "BoardViewUpdate")])
    if any(v["name"] == body["name"] and v["id"] != view["id"] for v in _views(ctx).values()):
        raise conflict(f"a view named '{body['name']}' already exists on this board")
    view.update(name=body["name"], filters=body["filters"])
    return ok(public(view))


def delete_view(ctx: Ctx) -> FakeResponse:
    view = _view(ctx)
    del _views(ctx)[view["id"]]
    return empty()


_B = ("manage_boards",)

ROUTES = [
    Route("GET", "/1/boards", "listBoards", list_boards, permissions=_B),
    Route("POST", "/1/boards", "createBoard", create_board, permissions=_B),
    Route("GET", "/1/boards/{board}", "getBoard", get_board, permissions=_B),
    Route("PUT", "/1/boards/{board}", "updateBoard", update_board, permissions=_B),
    Route("DELETE", "/1/boards/{board}", "deleteBoard", delete_board, permissions=_B),
    Route("GET", "/1/boards/{board}/views", "listBoardViews", list_views, permissions=_B),
    Route("POST", "/1/boards/{board}/views", "createBoardView", create_view, permissions=_B),
    Route("GET", "/1/boards/{board}/views/{view}", "getBoardView", get_view, permissions=_B),
    Route("PUT", "/1/boards/{board}/views/{view}", "updateBoardView", update_view, permissions=_B),
    Route(
        "DELETE", "/1/boards/{board}/views/{view}", "deleteBoardView", delete_view, permissions=_B
    ),
]
