"""Markers and marker settings (``/1/markers``, ``/1/marker_settings``)."""

from __future__ import annotations

from typing import Any

from honeycomb.testing._core import Checker, Ctx, Route, ok, public, sdk_model_check
from honeycomb.testing._http import FakeResponse
from honeycomb.testing._state import ALL, Environment

__all__ = ["ROUTES", "marker_color", "new_marker"]


def marker_color(env: Environment, dataset: str, marker_type: str | None) -> str | None:
    """The color a marker of that type gets from the marker settings."""
    if not marker_type:
        return None
    for slug in (dataset, ALL):
        for setting in env.bucket("marker_settings", slug).values():
            if setting["type"] == marker_type:
                return str(setting["color"])
    return None


def _check_marker(body: dict[str, Any]) -> None:
    check = Checker(body)
    start = check.integer("start_time")
    end = check.integer("end_time")
    if start is not None and end is not None and end < start:
        check.add("end_time", "invalid", "must not be before start_time")
    check.string("message", max_length=10000)
    check.string("type", max_length=255)
    check.string("url", max_length=2048)
    check.done()


def new_marker(ctx: Ctx, env: Environment, dataset: str, body: dict[str, Any]) -> dict[str, Any]:
    """Create and store a marker."""
    now = ctx.state.now_iso()
    marker_id = ctx.state.new_id()
    marker: dict[str, Any] = {
        "id": marker_id,
        "start_time": body.get("start_time")
        if body.get("start_time") is not None
        else int(ctx.state.now()),
        "message": body.get("message", ""),
        "type": body.get("type", ""),
        "url": body.get("url", ""),
        "created_at": now,
        "updated_at": now,
        "color": marker_color(env, dataset, body.get("type")) or "",
    }
    if body.get("end_time") is not None:
        marker["end_time"] = body["end_time"]
    env.bucket("markers", dataset)[marker_id] = marker
    return marker


def list_markers(ctx: Ctx) -> FakeResponse:
    slug = ctx.dataset_slug()
    env = ctx.environment
    markers = list(env.bucket("markers", slug).values())
    for marker in markers:
        marker["color"] = marker_color(env, slug, marker.get("type")) or ""
    return ok([public(m) for m in markers])


def create_marker(ctx: Ctx) -> FakeResponse:
    slug = ctx.dataset_slug()
    body = ctx.object_body()
    _check_marker(body)
    sdk_model_check(body, [("markers", "MarkerCreate")])
    return ok(public(new_marker(ctx, ctx.environment, slug, body)), 201)


def _marker(ctx: Ctx) -> dict[str, Any]:
    return ctx.stored("markers", "marker")


def update_marker(ctx: Ctx) -> FakeResponse:
    marker = _marker(ctx)
    body = ctx.object_body()
    _check_marker(body)
    sdk_model_check(body, [("markers", "MarkerUpdate")])
    for name in ("start_time", "end_time", "message", "type", "url"):
        if name in body:
            marker[name] = body[name]
    marker["color"] = marker_color(ctx.environment, ctx.params["dataset"], marker.get("type")) or ""
    marker["updated_at"] = ctx.state.now_iso()
    return ok(public(marker))


def delete_marker(ctx: Ctx) -> FakeResponse:
    marker = _marker(ctx)
    del ctx.environment.bucket("markers", ctx.params["dataset"])[marker["id"]]
    return ok(public(marker))


def _check_setting(body: dict[str, Any]) -> None:
    check = Checker(body)
    check.string("type", required=True, min_length=1, max_length=255)
    check.string("color", required=True, pattern=r"#?[0-9A-Fa-f]{6}|[a-zA-Z]+")
    check.done()


def list_settings(ctx: Ctx) -> FakeResponse:
    slug = ctx.dataset_slug()
    return ok([public(s) for s in ctx.environment.bucket("marker_settings", slug).values()])


def create_setting(ctx: Ctx) -> FakeResponse:
    slug = ctx.dataset_slug()
    body = ctx.object_body()
    _check_setting(body)
    sdk_model_check(body, [("marker_settings", "MarkerSettingCreate")])
    setting = ctx.store("marker_settings", slug, {"type": body["type"], "color": body["color"]})
    return ok(public(setting), 201)


def _setting(ctx: Ctx) -> dict[str, Any]:
    return ctx.stored("marker_settings", "marker setting")


def update_setting(ctx: Ctx) -> FakeResponse:
    setting = _setting(ctx)
    body = ctx.object_body()
    _check_setting(body)
    sdk_model_check(body, [("marker_settings", "MarkerSettingUpdate")])
    setting.update(type=body["type"], color=body["color"], updated_at=ctx.state.now_iso())
    return ok(public(setting))


def delete_setting(ctx: Ctx) -> FakeResponse:
    setting = _setting(ctx)
    del ctx.environment.bucket("marker_settings", ctx.params["dataset"])[setting["id"]]
    return ok(public(setting))


_M = ("manage_markers",)

ROUTES = [
    Route("GET", "/1/markers/{dataset}", "getMarker", list_markers, permissions=_M),
    Route("POST", "/1/markers/{dataset}", "createMarker", create_marker, permissions=_M),
    Route("PUT", "/1/markers/{dataset}/{id}", "updateMarker", update_marker, permissions=_M),
    Route("DELETE", "/1/markers/{dataset}/{id}", "deleteMarker", delete_marker, permissions=_M),
    Route(
        "GET", "/1/marker_settings/{dataset}", "listMarkerSettings", list_settings, permissions=_M
    ),
    Route(
        "POST",
        "/1/marker_settings/{dataset}",
        "createMarkerSetting",
        create_setting,
        permissions=_M,
    ),
    Route(
        "PUT",
        "/1/marker_settings/{dataset}/{id}",
        "updateMarkerSettings",
        update_setting,
        permissions=_M,
    ),
    Route(
        "DELETE",
        "/1/marker_settings/{dataset}/{id}",
        "deleteMarkerSettings",
        delete_setting,
        permissions=_M,
    ),
]
