"""Auth (``/1/auth``), service maps and Anomaly Detection signals."""

from __future__ import annotations

import math
from typing import Any
from urllib.parse import urlencode

from honeycomb.testing._core import Checker, Ctx, Route, ok, public, sdk_model_check
from honeycomb.testing._http import FakeResponse, forbidden, not_found, unprocessable

__all__ = ["ROUTES", "page_params"]

_ACCESS = {
    "events": "send_events",
    "markers": "manage_markers",
    "triggers": "manage_triggers",
    "boards": "manage_boards",
    "queries": "run_queries",
    "columns": "manage_columns",
    "createDatasets": "create_datasets",
    "slos": "manage_slos",
    "recipients": "manage_recipients",
    "privateBoards": "manage_privateBoards",
}


def get_auth(ctx: Ctx) -> FakeResponse:
    key = ctx.key
    env = ctx.environment
    if key.key_type == "ingest":
        access = {"createDatasets": bool(key.permissions.get("create_datasets", False))}
    else:
        access = {name: key.can(permission) for name, permission in _ACCESS.items()}
    return ok(
        {
            "id": key.id,
            "type": key.key_type,
            "api_key_access": access,
            "environment": {"name": env.name, "slug": env.slug},
            "team": {"name": ctx.team.name, "slug": ctx.team.slug},
        }
    )


def page_params(ctx: Ctx, default: int | None = None) -> tuple[int, str | None]:
    """``page[size]`` (1..100) and ``page[after]`` of a paginated listing (422 when bad)."""
    raw = ctx.request.param("page[size]")
    size = default or ctx.settings.page_size
    if raw is not None:
        try:
            size = int(float(raw))
        except ValueError:
            size = -1
        if not 1 <= size <= 100:
            raise unprocessable(
                [
                    {
                        "field": "page[size]",
                        "code": "invalid",
                        "description": "page[size]: must be between 1 and 100",
                    }
                ],
                v2=ctx.v2,
            )
    return size, ctx.request.param("page[after]")


def paginate(
    ctx: Ctx, items: list[dict[str, Any]], path: str, extra: dict[str, str] | None = None
) -> tuple[list[dict[str, Any]], str | None]:
    """One page of ``items`` (ordered, with unique ``id``) and the ``links.next`` URL."""
    size, after = page_params(ctx)
    start = 0
    if after:
        ids = [item["id"] for item in items]
        if after not in ids:
            raise unprocessable(
                [
                    {
                        "field": "page[after]",
                        "code": "invalid",
                        "description": "page[after]: unknown cursor",
                    }
                ],
                v2=ctx.v2,
            )
        start = ids.index(after) + 1
    page = items[start : start + size]
    next_link = None
    if start + size < len(items) and page:
        query = {**(extra or {}), "page[size]": str(size), "page[after]": page[-1]["id"]}
        next_link = f"{path}?{urlencode(query)}"
    return page, next_link


# ----------------------------------------------------------------------- service maps


def create_map_request(ctx: Ctx) -> FakeResponse:
    body = ctx.body() if ctx.request.body.strip() else {}
    check = Checker(body if body is not None else {})
    start = check.integer("start_time")
    end = check.integer("end_time")
    time_range = check.integer("time_range", minimum=1)
    filters = check.array("filters") or []
    for index, item in enumerate(filters):
        sub = check.child(item, f"filters[{index}].")
        if sub is not None:
            sub.string("name", required=True, min_length=1)
            sub.string("type", choices=("service",))
    check.done()
    sdk_model_check(body, [("service_maps", "DependencyRequestCreate")])
    limit = ctx.int_param("limit")
    if limit is not None and not 1 <= limit <= 64000:
        raise unprocessable(
            [
                {
                    "field": "limit",
                    "code": "invalid",
                    "description": "limit: must be between 1 and 64000",
                }
            ]
        )
    # Rounded up: an event sent earlier in this second is inside the default window.
    now = math.ceil(ctx.state.now())
    if start is not None and end is not None:
        window = (start, end)
    elif start is not None:
        window = (start, start + (time_range or 7200))
    elif end is not None:
        window = (end - (time_range or 7200), end)
    else:
        window = (now - (time_range or 7200), now)
    request_id = ctx.state.new_id()
    env = ctx.environment
    env.map_requests[request_id] = {
        "id": request_id,
        "polls_left": max(0, int(ctx.settings.query_polls)),
        "dependencies": _dependencies(ctx, window, [f["name"] for f in filters], limit or 10000),
    }
    return ok({"request_id": request_id, "status": "pending"}, 201)


def _dependencies(
    ctx: Ctx, window: tuple[int, int], names: list[str], limit: int
) -> list[dict[str, Any]]:
    spans: dict[str, str] = {}
    links: list[tuple[str, str]] = []
    for dataset in ctx.environment.datasets.values():
        for event in dataset.events:
            if not window[0] <= event.time <= window[1]:
                continue
            data = event.data
            service = data.get("service.name", data.get("service_name"))
            span_id = data.get("trace.span_id")
            if service is None or span_id is None:
                continue
            spans[str(span_id)] = str(service)
            parent = data.get("trace.parent_id")
            if parent:
                links.append((str(parent), str(service)))
    counts: dict[tuple[str, str], int] = {}
    for parent_id, child in links:
        parent = spans.get(parent_id)
        if parent is None or parent == child:
            continue
        if names and parent not in names and child not in names:
            continue
        counts[(parent, child)] = counts.get((parent, child), 0) + 1
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    return [
        {
            "id": f"{parent}->{child}",
            "parent_node": {"name": parent, "type": "service"},
            "child_node": {"name": child, "type": "service"},
            "call_count": count,
        }
        for (parent, child), count in ordered
    ]


def get_map_request(ctx: Ctx) -> FakeResponse:
    request = ctx.environment.map_requests.get(ctx.params["id"])
    if request is None:
        raise not_found("map dependency request")
    if request["polls_left"] > 0:
        request["polls_left"] -= 1
        return ok(
            {
                "request_id": request["id"],
                "status": "pending",
                "dependencies": None,
                "links": {"next": None},
            }
        )
    page, next_link = paginate(
        ctx, request["dependencies"], f"/1/maps/dependencies/requests/{request['id']}"
    )
    deps = [{k: v for k, v in d.items() if k != "id"} for d in page]
    return ok(
        {
            "request_id": request["id"],
            "status": "ready",
            "dependencies": deps,
            "links": {"next": next_link},
        }
    )


# --------------------------------------------------------------------------- signals

_SIGNAL_FIELDS = (
    "id", "service_name", "dataset_slug", "environment_slug", "measured_signal", "enabled",
    "status", "sensitivity", "auto_investigate", "currently_anomalous",
    "last_anomaly_started_at", "last_anomaly_ended_at", "created_at", "updated_at",
)  # fmt: skip


def _signal_summary(signal: dict[str, Any]) -> dict[str, Any]:
    return {k: signal[k] for k in _SIGNAL_FIELDS if k in signal}


def list_signals(ctx: Ctx) -> FakeResponse:
    filters: dict[str, str] = {}
    items = list(ctx.environment.signals.values())
    for name in ("service_name", "dataset_slug", "measured_signal", "status"):
        value = ctx.request.param(name)
        if value is not None:
            filters[name] = value
            items = [s for s in items if str(s.get(name)).lower() == value.lower()]
    anomalous = ctx.request.param("currently_anomalous")
    if anomalous is not None:
        filters["currently_anomalous"] = anomalous
        wanted = anomalous.lower() == "true"
        items = [s for s in items if bool(s.get("currently_anomalous")) is wanted]
    page, next_link = paginate(ctx, items, "/1/signals", filters)
    return ok({"signals": [_signal_summary(s) for s in page], "links": {"next": next_link}})


def _signal(ctx: Ctx) -> dict[str, Any]:
    signal = ctx.environment.signals.get(ctx.params["id"])
    if signal is None:
        raise not_found("signal")
    return signal


def get_signal(ctx: Ctx) -> FakeResponse:
    return ok(public(_signal(ctx)))


def update_signal(ctx: Ctx) -> FakeResponse:
    signal = _signal(ctx)
    body = ctx.object_body()
    check = Checker(body)
    enabled = check.boolean("enabled")
    sensitivity = check.string("sensitivity", choices=("low", "medium", "high"))
    recipients = check.array("recipients")
    for index, item in enumerate(recipients or []):
        sub = check.child(item, f"recipients[{index}].")
        if sub is None:
            continue
        recipient_id = sub.string("id", required=True, min_length=1)
        if recipient_id is not None and recipient_id not in ctx.environment.recipients:
            sub.add("id", "invalid", f"recipient {recipient_id} not found")
        details = sub.object("details")
        if details is not None:
            inner = sub.child(details, "details.")
            if inner is not None:
                inner.string("pagerduty_severity", choices=("critical", "error", "warning", "info"))
                inner.boolean("muted")
    check.done()
    sdk_model_check(body, [("signals", "SignalUpdate")])
    if recipients is not None and not ctx.key.can("manage_recipients"):
        raise forbidden("changing a signal's recipients needs the Manage Recipients permission")
    if enabled is not None:
        signal["enabled"] = enabled
    if sensitivity is not None:
        signal["sensitivity"] = sensitivity
    if recipients is not None:
        signal["recipients"] = recipients
    signal["updated_at"] = ctx.state.now_iso()
    return ok(public(signal))


def list_anomalies(ctx: Ctx) -> FakeResponse:
    signal = _signal(ctx)
    start = ctx.int_param("start_time", required=True)
    end = ctx.int_param("end_time", required=True)
    assert start is not None and end is not None
    if end < start or end - start > 30 * 86400:
        raise unprocessable(
            [
                {
                    "field": "end_time",
                    "code": "invalid",
                    "description": "end_time: the range must be positive and at most 30 days",
                }
            ]
        )
    items = [
        a
        for a in ctx.environment.anomalies.get(signal["id"], [])
        if a["started_at"] < end and (a["ended_at"] or end) >= start
    ]
    page, next_link = paginate(
        ctx,
        items,
        f"/1/signals/{signal['id']}/historical_anomalies",
        {"start_time": str(start), "end_time": str(end)},
    )
    return ok({"historical_anomalies": [public(a) for a in page], "links": {"next": next_link}})


_SIG = ("manage_signals",)

ROUTES = [
    Route("GET", "/1/auth", "getAuth", get_auth, auth="events"),
    Route(
        "POST",
        "/1/maps/dependencies/requests",
        "createMapDependencyRequest",
        create_map_request,
        permissions=("read_service_maps",),
    ),
    Route(
        "GET",
        "/1/maps/dependencies/requests/{id}",
        "getMapDependencies",
        get_map_request,
        permissions=("read_service_maps",),
    ),
    Route("GET", "/1/signals", "listSignals", list_signals, permissions=_SIG),
    Route("GET", "/1/signals/{id}", "getSignal", get_signal, permissions=_SIG),
    Route("PUT", "/1/signals/{id}", "updateSignal", update_signal, permissions=_SIG),
    Route(
        "GET",
        "/1/signals/{id}/historical_anomalies",
        "listSignalHistoricalAnomalies",
        list_anomalies,
        permissions=_SIG,
    ),
]
