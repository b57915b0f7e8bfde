"""Triggers, recipients, SLOs (with counts and history) and burn alerts."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any

from honeycomb.testing._core import Checker, Ctx, Route, empty, ok, public, sdk_model_check
from honeycomb.testing._http import ApiError, FakeResponse, conflict, not_found, unprocessable
from honeycomb.testing._routes_queries import check_query_spec, store_query
from honeycomb.testing._state import ALL, Environment, Event

__all__ = ["ROUTES", "slo_events"]

RECIPIENT_TYPES = ("pagerduty", "email", "slack", "webhook", "msteams", "msteams_workflow")
_RECIPIENT_REQUIRED = {
    "pagerduty": ("pagerduty_integration_name", "pagerduty_integration_key"),
    "email": ("email_address",),
    "slack": ("slack_channel",),
    "webhook": ("webhook_name", "webhook_url"),
    "msteams": ("webhook_name", "webhook_url"),
    "msteams_workflow": ("webhook_name", "webhook_url"),
}
_RECIPIENT_IDENTITY = {
    "pagerduty": "pagerduty_integration_key",
    "email": "email_address",
    "slack": "slack_channel",
    "webhook": "webhook_url",
    "msteams": "webhook_url",
    "msteams_workflow": "webhook_url",
}


# ------------------------------------------------------------------------ recipients


def _check_recipient(body: dict[str, Any]) -> None:
    check = Checker(body)
    kind = check.string("type", required=True, choices=RECIPIENT_TYPES)
    details = check.object("details", required=True)
    if kind is not None and details is not None:
        sub = check.child(details, "details.")
        if sub is not None:
            for name in _RECIPIENT_REQUIRED[kind]:
                sub.string(name, required=True, min_length=1, max_length=2048)
            if kind == "pagerduty":
                sub.string("pagerduty_integration_key", min_length=32, max_length=32)
            if kind == "webhook":
                sub.array("webhook_headers", max_items=5)
                sub.string("webhook_secret", max_length=255)
            if kind == "email":
                sub.string("email_address", pattern=r"[^@\s]+@[^@\s]+")
    check.done()


def _identity(recipient: dict[str, Any]) -> tuple[str, Any]:
    kind = recipient["type"]
    return kind, (recipient.get("details") or {}).get(_RECIPIENT_IDENTITY.get(kind, ""))


def _duplicate(env: Environment, body: dict[str, Any], exclude: str | None = None) -> bool:
    wanted = _identity(body)
    return any(_identity(r) == wanted and r["id"] != exclude for r in env.recipients.values())


def list_recipients(ctx: Ctx) -> FakeResponse:
    return ok([public(r) for r in ctx.environment.recipients.values()])


def _recipient(ctx: Ctx) -> dict[str, Any]:
    item = ctx.environment.recipients.get(ctx.params["id"])
    if item is None:
        raise not_found("recipient")
    return item


def get_recipient(ctx: Ctx) -> FakeResponse:
    return ok(public(_recipient(ctx)))


def create_recipient(ctx: Ctx) -> FakeResponse:
    body = ctx.object_body()
    _check_recipient(body)
    sdk_model_check(body, [("recipients", "RecipientCreate")])
    env = ctx.environment
    if _duplicate(env, body):
        raise conflict("a recipient of this type and target already exists")
    now = ctx.state.now_iso()
    item = {
        "id": ctx.state.new_id(),
        "type": body["type"],
        "details": body["details"],
        "created_at": now,
        "updated_at": now,
    }
    env.recipients[item["id"]] = item
    return ok(public(item), 201)


def update_recipient(ctx: Ctx) -> FakeResponse:
    item = _recipient(ctx)
    body = ctx.object_body()
    _check_recipient(body)
    sdk_model_check(body, [("recipients", "RecipientUpdate"), ("recipients", "RecipientCreate")])
    if _duplicate(ctx.environment, body, exclude=item["id"]):
        raise conflict("a recipient of this type and target already exists")
    item.update(type=body["type"], details=body["details"], updated_at=ctx.state.now_iso())
    return ok(public(item))


def _uses(obj: dict[str, Any], recipient_id: str) -> bool:
    return any(r.get("id") == recipient_id for r in obj.get("recipients") or [])


def delete_recipient(ctx: Ctx) -> FakeResponse:
    item = _recipient(ctx)
    env = ctx.environment
    in_use = any(_uses(t, item["id"]) for _, t in env.all_of("triggers")) or any(
        _uses(b, item["id"]) for _, b in env.all_of("burn_alerts")
    )
    if in_use:
        raise conflict("recipient is in use by a trigger or burn alert")
    del env.recipients[item["id"]]
    return empty()


def list_recipient_triggers(ctx: Ctx) -> FakeResponse:
    item = _recipient(ctx)
    return ok([public(t) for _, t in ctx.environment.all_of("triggers") if _uses(t, item["id"])])


def _check_notification_recipients(
    ctx: Ctx, check: Checker, name: str, items: list[Any] | None
) -> None:
    for index, item in enumerate(items or []):
        sub = check.child(item, f"{name}[{index}].")
        if sub is None:
            continue
        recipient_id = sub.string("id")
        if recipient_id is not None:
            if recipient_id not in ctx.environment.recipients:
                sub.add("id", "invalid", f"recipient {recipient_id} not found")
        elif item.get("type") is None or item.get("target") is None:
            sub.add("id", "missing", "a recipient needs an id (or the deprecated type+target)")
        else:
            sub.string("type", choices=RECIPIENT_TYPES)
        details = sub.object("details")
        if details is not None:
            inner = sub.child(details, "details.")
            if inner is not None:
                inner.string("pagerduty_severity", choices=("critical", "error", "warning", "info"))


# -------------------------------------------------------------------------- triggers


def _check_trigger_query(check: Checker, spec: dict[str, Any], frequency: int) -> None:
    calcs = spec.get("calculations") or [{"op": "COUNT"}]
    if len(calcs) != 1:
        check.add("query.calculations", "invalid", "a trigger query needs exactly one calculation")
    elif isinstance(calcs[0], dict) and calcs[0].get("op") == "HEATMAP":
        check.add("query.calculations", "invalid", "HEATMAP cannot be used in a trigger")
    for name in ("orders", "limit", "granularity"):
        if spec.get(name):
            check.add(f"query.{name}", "invalid", f"{name} is not allowed in a trigger query")
    time_range = spec.get("time_range", 900)
    if isinstance(time_range, int) and not isinstance(time_range, bool):
        if not 300 <= time_range <= 3600:
            check.add("query.time_range", "invalid", "must be between 300 and 3600 seconds")
        elif time_range > 4 * frequency:
            check.add(
                "query.time_range", "invalid", "must be no more than 4 times the trigger frequency"
            )
    if spec.get("start_time") is not None or spec.get("end_time") is not None:
        check.add("query", "invalid", "a trigger query uses time_range, not start/end times")


def _check_trigger(ctx: Ctx, body: dict[str, Any], dataset: str) -> dict[str, Any] | None:
    check = Checker(body)
    check.string("name", required=True, min_length=1, max_length=120)
    check.string("description", max_length=1023)
    check.tags()
    threshold = check.object("threshold", required=True)
    if threshold is not None:
        sub = check.child(threshold, "threshold.")
        if sub is not None:
            sub.string("op", required=True, choices=(">", ">=", "<", "<="))
            sub.number("value", required=True)
            sub.integer("exceeded_limit", minimum=1, maximum=5)
    frequency = check.integer("frequency", minimum=60, maximum=86400)
    if frequency is not None and frequency % 60:
        check.add("frequency", "invalid", "must be a multiple of 60")
    check.string("alert_type", choices=("on_change", "on_true"))
    check.boolean("disabled")
    recipients = check.array("recipients")
    _check_notification_recipients(ctx, check, "recipients", recipients)
    schedule_type = check.string("evaluation_schedule_type", choices=("frequency", "window"))
    schedule = check.object("evaluation_schedule", required=schedule_type == "window")
    if schedule is not None:
        sub = check.child(schedule, "evaluation_schedule.")
        window = sub.object("window", required=True) if sub else None
        if sub is not None and window is not None:
            win = sub.child(window, "window.")
            if win is not None:
                win.array("days_of_week", required=True, min_items=1, max_items=7)
                hhmm = r"([0-1]?[0-9]|2[0-3]):[0-5][0-9]"
                win.string("start_time", required=True, pattern=hhmm)
                win.string("end_time", required=True, pattern=hhmm)
    baseline = check.object("baseline_details")
    if baseline:
        sub = check.child(baseline, "baseline_details.")
        if sub is not None:
            sub.integer("offset_minutes", required=True, choices=(60, 1440, 10080, 40320))
            sub.string("type", required=True, choices=("percentage", "value"))
    query_id = check.string("query_id", min_length=1)
    inline = check.object("query")
    spec: dict[str, Any] | None = None
    if query_id is not None:
        stored = ctx.environment.bucket("queries", dataset).get(query_id)
        if stored is None:
            check.add("query_id", "invalid", f"query {query_id} not found in this dataset")
        else:
            spec = public(stored)
    elif inline is not None:
        spec = inline
    elif "query" not in body:
        check.add("query", "missing", "a trigger needs a query or a query_id")
    if spec is not None:
        _check_trigger_query(check, spec, frequency or 900)
    check.done()
    if inline is not None and query_id is None:
        check_query_spec(inline, prefix="query.")
    return spec


def _store_trigger(
    ctx: Ctx, trigger: dict[str, Any], body: dict[str, Any], dataset: str, spec: dict[str, Any]
) -> None:
    query_id = body["query_id"] if body.get("query_id") else store_query(ctx, dataset, spec)["id"]
    query = {k: v for k, v in spec.items() if k not in ("id", "query_annotation_id")}
    trigger.update(
        name=body["name"],
        description=body.get("description", ""),
        tags=body.get("tags") or [],
        threshold={"exceeded_limit": 1, **body["threshold"]},
        frequency=body.get("frequency", 900),
        alert_type=body.get("alert_type", "on_change"),
        disabled=bool(body.get("disabled", False)),
        recipients=body.get("recipients") or [],
        evaluation_schedule_type=body.get("evaluation_schedule_type", "frequency"),
        query_id=query_id,
        query=query,
        updated_at=ctx.state.now_iso(),
    )
    if body.get("evaluation_schedule"):
        trigger["evaluation_schedule"] = body["evaluation_schedule"]
    else:
        trigger.pop("evaluation_schedule", None)
    if body.get("baseline_details"):
        trigger["baseline_details"] = body["baseline_details"]
    else:
        trigger.pop("baseline_details", None)


def list_triggers(ctx: Ctx) -> FakeResponse:
    slug = ctx.dataset_slug()
    return ok([public(t) for t in ctx.environment.bucket("triggers", slug).values()])


def _trigger(ctx: Ctx) -> dict[str, Any]:
    return ctx.stored("triggers", "trigger")


def get_trigger(ctx: Ctx) -> FakeResponse:
    return ok(public(_trigger(ctx)))


def create_trigger(ctx: Ctx) -> FakeResponse:
    slug = ctx.dataset_slug()
    body = ctx.object_body()
    spec = _check_trigger(ctx, body, slug)
    sdk_model_check(body, [("triggers", "TriggerCreate")])
    assert spec is not None
    now = ctx.state.now_iso()
    trigger: dict[str, Any] = {
        "id": ctx.state.new_id(),
        "dataset_slug": slug,
        "triggered": False,
        "created_at": now,
    }
    _store_trigger(ctx, trigger, body, slug, spec)
    ctx.environment.bucket("triggers", slug)[trigger["id"]] = trigger
    return ok(public(trigger), 201)


def update_trigger(ctx: Ctx) -> FakeResponse:
    trigger = _trigger(ctx)
    slug = ctx.params["dataset"]
    body = ctx.object_body()
    spec = _check_trigger(ctx, body, slug)
    sdk_model_check(body, [("triggers", "TriggerUpdate"), ("triggers", "TriggerCreate")])
    assert spec is not None
    _store_trigger(ctx, trigger, body, slug, spec)
    return ok(public(trigger))


def delete_trigger(ctx: Ctx) -> FakeResponse:
    trigger = _trigger(ctx)
    del ctx.environment.bucket("triggers", ctx.params["dataset"])[trigger["id"]]
    return empty()


# ------------------------------------------------------------------------------ SLOs


def _sli_visible(env: Environment, dataset: str, alias: str) -> dict[str, Any] | None:
    for slug in (dataset, ALL):
        for item in env.bucket("derived_columns", slug).values():
            if item["alias"] == alias:
                return item
    return None


def _check_slo(ctx: Ctx, body: dict[str, Any], dataset: str, *, create: bool) -> list[str]:
    env = ctx.environment
    check = Checker(body)
    check.string("name", required=True, min_length=1, max_length=120)
    check.string("description", max_length=1023)
    sli = check.object("sli", required=True)
    alias = None
    if sli is not None:
        sub = check.child(sli, "sli.")
        if sub is not None:
            alias = sub.string("alias", required=True, min_length=1, max_length=255)
    check.integer("time_period_days", required=True, minimum=1)
    check.integer("target_per_million", required=True, minimum=0, maximum=999999)
    check.tags()
    datasets = [dataset]
    if dataset == ALL:
        slugs = check.array("dataset_slugs", required=create, min_items=1, max_items=10)
        if slugs is not None:
            datasets = [str(s) for s in slugs]
            for index, slug in enumerate(datasets):
                if slug not in env.datasets:
                    check.add(f"dataset_slugs[{index}]", "invalid", f"dataset {slug} not found")
    if alias is not None:
        scope = ALL if dataset == ALL else dataset
        if _sli_visible(env, scope, alias) is None:
            check.add("sli.alias", "invalid", f"no derived column with alias '{alias}'")
    check.done()
    return datasets


def slo_events(env: Environment, slo: dict[str, Any], dataset: str) -> Iterator[tuple[Event, bool]]:
    """Each event the SLI classifies, with True for a good event (nulls are skipped)."""
    from honeycomb.testing._expr import ExpressionError, evaluate, parse_expression

    column = _sli_visible(env, dataset, slo["sli"]["alias"])
    if column is None:
        return
    try:
        node = parse_expression(column["expression"])
    except ExpressionError:
        return
    for slug in slo.get("dataset_slugs") or [dataset]:
        ds = env.datasets.get(slug)
        if ds is None:
            continue
        for event in ds.events:
            value = evaluate(node, event.data, event.time)
            if value is None:
                continue
            yield event, value is True or (isinstance(value, str) and value.lower() == "true")


def _slo_detail(ctx: Ctx, slo: dict[str, Any], dataset: str) -> dict[str, Any]:
    env = ctx.environment
    now = ctx.state.now()
    start = now - int(slo["time_period_days"]) * 86400
    good = bad = 0
    for event, is_good in slo_events(env, slo, dataset):
        if start <= event.time <= now:
            if is_good:
                good += event.samplerate
            else:
                bad += event.samplerate
    out = public(slo)
    total = good + bad
    allowed = 1 - int(slo["target_per_million"]) / 1_000_000
    failure = bad / total if total else 0.0
    out["compliance"] = round(100.0 * good / total, 4) if total else 100.0
    budget = 100.0 * (1 - failure / allowed) if allowed > 0 else (100.0 if not bad else -100.0)
    out["budget_remaining"] = round(budget, 4)
    out["burn_rate"] = round(failure / allowed, 4) if allowed > 0 else 0.0
    alerts = [a for a in env.bucket("burn_alerts", dataset).values() if a["slo"]["id"] == slo["id"]]
    if not total:
        out["status"] = "no_events"
    elif not alerts:
        out["status"] = "no_alerts"
    else:
        out["status"] = "triggered" if budget <= 0 else "normal"
    return out


def list_slos(ctx: Ctx) -> FakeResponse:
    slug = ctx.dataset_slug()
    return ok([public(s) for s in ctx.environment.bucket("slos", slug).values()])


def _slo(ctx: Ctx, slo_id: str | None = None) -> dict[str, Any]:
    slug = ctx.dataset_slug()
    env = ctx.environment
    wanted = slo_id or ctx.params["id"]
    item = env.bucket("slos", slug).get(wanted)
    if item is None and slug != ALL:
        # a multi-dataset SLO lives under __all__ and is reachable from its datasets
        candidate = env.bucket("slos", ALL).get(wanted)
        if candidate is not None and slug in (candidate.get("dataset_slugs") or []):
            item = candidate
    if item is None:
        raise not_found("SLO")
    return item


def get_slo(ctx: Ctx) -> FakeResponse:
    slo = _slo(ctx)
    if ctx.bool_param("detailed"):
        return ok(_slo_detail(ctx, slo, ctx.params["dataset"]))
    return ok(public(slo))


def create_slo(ctx: Ctx) -> FakeResponse:
    slug = ctx.dataset_slug()
    body = ctx.object_body()
    datasets = _check_slo(ctx, body, slug, create=True)
    sdk_model_check(body, [("slos", "SLOCreate")])
    slo = ctx.store(
        "slos",
        slug,
        {
            "name": body["name"],
            "description": body.get("description", ""),
            "sli": {"alias": body["sli"]["alias"]},
            "time_period_days": body["time_period_days"],
            "target_per_million": body["target_per_million"],
            "tags": body.get("tags") or [],
            "reset_at": None,
            "dataset_slugs": datasets,
        },
    )
    return ok(public(slo), 201)


def update_slo(ctx: Ctx) -> FakeResponse:
    slo = _slo(ctx)
    body = ctx.object_body()
    slug = ctx.params["dataset"]
    datasets = _check_slo(ctx, body, slug, create=False)
    sdk_model_check(body, [("slos", "SLOUpdate"), ("slos", "SLOCreate")])
    slo.update(
        name=body["name"],
        description=body.get("description", slo.get("description", "")),
        sli={"alias": body["sli"]["alias"]},
        time_period_days=body["time_period_days"],
        target_per_million=body["target_per_million"],
        tags=body.get("tags", slo.get("tags")) or [],
        updated_at=ctx.state.now_iso(),
    )
    if slug == ALL and body.get("dataset_slugs"):
        slo["dataset_slugs"] = datasets
    return ok(public(slo))


def delete_slo(ctx: Ctx) -> FakeResponse:
    slo = _slo(ctx)
    env = ctx.environment
    for items in env.objects.get("slos", {}).values():
        items.pop(slo["id"], None)
    for items in env.objects.get("burn_alerts", {}).values():
        for alert_id in [k for k, a in items.items() if a["slo"]["id"] == slo["id"]]:
            del items[alert_id]
    return empty()


def _window_counts(
    ctx: Ctx, slo: dict[str, Any], start: int, end: int, width: int
) -> list[dict[str, Any]]:
    buckets: dict[int, list[int]] = {}
    for event, is_good in slo_events(ctx.environment, slo, ctx.params["dataset"]):
        if start <= event.time < end:
            key = int(event.time) // width * width
            slot = buckets.setdefault(key, [0, 0])
            slot[0] += event.samplerate
            if not is_good:
                slot[1] += event.samplerate
    now = ctx.state.now()
    return [
        {
            "start": key,
            "end": key + width,
            "total_count": total,
            "error_count": errors,
            "is_partial": key + width > now - (600 if width == 60 else 0),
        }
        for key, (total, errors) in sorted(buckets.items())
    ]


def _epoch(slo: dict[str, Any]) -> str:
    return hashlib.sha256(repr((slo["sli"], slo.get("dataset_slugs"))).encode()).hexdigest()[:16]


def get_slo_counts(ctx: Ctx) -> FakeResponse:
    slo = _slo(ctx)
    start = ctx.int_param("start_time", required=True)
    end = ctx.int_param("end_time", required=True)
    assert start is not None and end is not None
    if end < start:
        raise unprocessable(
            [{"field": "end_time", "code": "invalid", "description": "end_time: before start_time"}]
        )
    windows = _window_counts(ctx, slo, start, end, 60)
    now = int(ctx.state.now())
    return ok(
        {
            "slo_id": slo["id"],
            "resolution_seconds": 60,
            "epoch": _epoch(slo),
            "period_start": now // 3600 * 3600,
            "windows": [
                {
                    "window_start": w["start"],
                    "window_end": w["end"],
                    "total_count": w["total_count"],
                    "error_count": w["error_count"],
                    "is_partial": w["is_partial"],
                }
                for w in windows
            ],
        }
    )


def get_slo_counts_history(ctx: Ctx) -> FakeResponse:
    slo = _slo(ctx)
    start = ctx.int_param("start_time", required=True)
    end = ctx.int_param("end_time", required=True)
    assert start is not None and end is not None
    buckets = _window_counts(ctx, slo, start, end, 3600)
    return ok(
        {
            "slo_id": slo["id"],
            "resolution_seconds": 3600,
            "buckets": [
                {
                    "start_time": b["start"],
                    "end_time": b["end"],
                    "total_count": b["total_count"],
                    "error_count": b["error_count"],
                    "is_partial": b["is_partial"],
                }
                for b in buckets
            ],
        }
    )


HISTORY_WEEKS = 522
"""The most weekly points an SLO history answers with (ten years)."""


def get_slo_history(ctx: Ctx) -> FakeResponse:
    body = ctx.object_body()
    check = Checker(body)
    ids = check.array("ids", required=True, min_items=1, max_items=24)
    start = check.integer("start_time", required=True)
    end = check.integer("end_time", required=True)
    if start is not None and end is not None and end < start:
        check.add("end_time", "invalid", "must not be before start_time")
    check.done()
    assert ids is not None and start is not None and end is not None
    sdk_model_check(body, [("slos", "SLOHistoryRequest")])
    env = ctx.environment
    out: dict[str, list[dict[str, Any]]] = {}
    week = 7 * 86400
    for slo_id in ids:
        found = [(ds, s) for ds, s in env.all_of("slos") if s["id"] == slo_id]
        if not found:
            out[str(slo_id)] = []
            continue
        dataset, slo = found[0]
        classified = list(slo_events(env, slo, dataset))
        allowed = 1 - int(slo["target_per_million"]) / 1_000_000
        points = []
        # One point a week, at most HISTORY_WEEKS of them (the latest): a range of
        # centuries would otherwise keep the fake busy for hours.
        skipped = max(0, -(-(end - start) // week) - HISTORY_WEEKS)
        cursor = start + skipped * week
        while cursor < end:
            upper = min(cursor + week, end)
            good = sum(e.samplerate for e, g in classified if g and cursor <= e.time < upper)
            bad = sum(e.samplerate for e, g in classified if not g and cursor <= e.time < upper)
            total = good + bad
            failure = bad / total if total else 0.0
            points.append(
                {
                    "timestamp": cursor,
                    "compliance": round(100.0 * good / total, 4) if total else 100.0,
                    "budget_remaining": round(100.0 * (1 - failure / allowed), 4)
                    if allowed > 0
                    else 100.0,
                }
            )
            cursor = upper
        out[str(slo_id)] = points
    return ok(out)


# ----------------------------------------------------------------------- burn alerts


def _check_burn_alert(ctx: Ctx, body: dict[str, Any], *, create: bool) -> str:
    check = Checker(body)
    kind = check.string("alert_type", required=True, choices=("exhaustion_time", "budget_rate"))
    check.string("description", max_length=1023)
    if kind == "exhaustion_time":
        check.integer("exhaustion_minutes", required=True, minimum=0)
    elif kind == "budget_rate":
        check.integer("budget_rate_window_minutes", required=True, minimum=60)
        check.integer(
            "budget_rate_decrease_threshold_per_million", required=True, minimum=1, maximum=1000000
        )
    recipients = check.array("recipients", required=True, min_items=1)
    _check_notification_recipients(ctx, check, "recipients", recipients)
    slo_id = ""
    if create:
        slo = check.object("slo", required=True)
        if slo is not None:
            sub = check.child(slo, "slo.")
            if sub is not None:
                slo_id = sub.string("id", required=True, min_length=1) or ""
    check.done()
    return slo_id


def _alert_json(alert: dict[str, Any], *, detail: bool = True) -> dict[str, Any]:
    out = public(alert)
    if not detail:
        out.pop("recipients", None)
    return out


def _alert_fields(alert: dict[str, Any], body: dict[str, Any]) -> None:
    alert["alert_type"] = body["alert_type"]
    alert["description"] = body.get("description", alert.get("description", ""))
    alert["recipients"] = body["recipients"]
    for name in (
        "exhaustion_minutes",
        "budget_rate_window_minutes",
        "budget_rate_decrease_threshold_per_million",
    ):
        alert.pop(name, None)
    if body["alert_type"] == "exhaustion_time":
        alert["exhaustion_minutes"] = body["exhaustion_minutes"]
    else:
        alert["budget_rate_window_minutes"] = body["budget_rate_window_minutes"]
        alert["budget_rate_decrease_threshold_per_million"] = body[
            "budget_rate_decrease_threshold_per_million"
        ]


def list_burn_alerts(ctx: Ctx) -> FakeResponse:
    slug = ctx.dataset_slug()
    slo_id = ctx.request.param("slo_id")
    if not slo_id:
        raise unprocessable(
            [{"field": "slo_id", "code": "missing", "description": "slo_id: is required"}]
        )
    _slo(ctx, slo_id)
    alerts = [
        _alert_json(a, detail=False)
        for a in ctx.environment.bucket("burn_alerts", slug).values()
        if a["slo"]["id"] == slo_id
    ]
    return ok(alerts)


def _burn_alert(ctx: Ctx) -> dict[str, Any]:
    return ctx.stored("burn_alerts", "burn alert")


def get_burn_alert(ctx: Ctx) -> FakeResponse:
    return ok(_alert_json(_burn_alert(ctx)))


def create_burn_alert(ctx: Ctx) -> FakeResponse:
    slug = ctx.dataset_slug()
    body = ctx.object_body()
    slo_id = _check_burn_alert(ctx, body, create=True)
    sdk_model_check(body, [("burn_alerts", "BurnAlertCreate")])
    try:
        _slo(ctx, slo_id)
    except ApiError:
        raise unprocessable(
            [
                {
                    "field": "slo.id",
                    "code": "invalid",
                    "description": f"slo.id: SLO {slo_id} not found in this dataset",
                }
            ]
        ) from None
    now = ctx.state.now_iso()
    alert: dict[str, Any] = {
        "id": ctx.state.new_id(),
        "slo": {"id": slo_id},
        "triggered": False,
        "created_at": now,
        "updated_at": now,
    }
    _alert_fields(alert, body)
    ctx.environment.bucket("burn_alerts", slug)[alert["id"]] = alert
    return ok(_alert_json(alert), 201)


def update_burn_alert(ctx: Ctx) -> FakeResponse:
    alert = _burn_alert(ctx)
    body = ctx.object_body()
    _check_burn_alert(ctx, body, create=False)
    sdk_model_check(body, [("burn_alerts", "BurnAlertUpdate")])
    _alert_fields(alert, body)
    alert["updated_at"] = ctx.state.now_iso()
    return ok(_alert_json(alert))


def delete_burn_alert(ctx: Ctx) -> FakeResponse:
    alert = _burn_alert(ctx)
    del ctx.environment.bucket("burn_alerts", ctx.params["dataset"])[alert["id"]]
    return empty()


_T = ("manage_triggers",)
_R = ("manage_recipients",)
_S = ("manage_slos",)

ROUTES = [
    Route("GET", "/1/triggers/{dataset}", "listTriggers", list_triggers, permissions=_T),
    Route("POST", "/1/triggers/{dataset}", "createTrigger", create_trigger, permissions=_T),
    Route("GET", "/1/triggers/{dataset}/{id}", "getTrigger", get_trigger, permissions=_T),
    Route("PUT", "/1/triggers/{dataset}/{id}", "updateTrigger", update_trigger, permissions=_T),
    Route("DELETE", "/1/triggers/{dataset}/{id}", "deleteTrigger", delete_trigger, permissions=_T),
    Route("GET", "/1/recipients", "listRecipients", list_recipients, permissions=_R),
    Route("POST", "/1/recipients", "createRecipient", create_recipient, permissions=_R),
    Route("GET", "/1/recipients/{id}", "getRecipient", get_recipient, permissions=_R),
    Route("PUT", "/1/recipients/{id}", "updateRecipient", update_recipient, permissions=_R),
    Route("DELETE", "/1/recipients/{id}", "deleteRecipient", delete_recipient, permissions=_R),
    Route(
        "GET",
        "/1/recipients/{id}/triggers",
        "listTriggersWithRecipient",
        list_recipient_triggers,
        permissions=_R,
    ),
    Route("GET", "/1/slos/{dataset}", "listSlos", list_slos, permissions=_S),
    Route("POST", "/1/slos/{dataset}", "createSlo", create_slo, permissions=_S),
    Route("GET", "/1/slos/{dataset}/{id}", "getSlo", get_slo, permissions=_S),
    Route("PUT", "/1/slos/{dataset}/{id}", "updateSlo", update_slo, permissions=_S),
    Route("DELETE", "/1/slos/{dataset}/{id}", "deleteSlo", delete_slo, permissions=_S),
    Route(
        "GET",
        "/1/slos/{dataset}/{id}/counts",
        "getSloRealtimeCounts",
        get_slo_counts,
        permissions=_S,
    ),
    Route(
        "GET",
        "/1/slos/{dataset}/{id}/counts/history",
        "getSloHourlyCountsHistory",
        get_slo_counts_history,
        permissions=_S,
    ),
    Route("POST", "/1/reporting/slos/historical", "getSloHistory", get_slo_history, permissions=_S),
    Route(
        "GET", "/1/burn_alerts/{dataset}", "listBurnAlertsBySlo", list_burn_alerts, permissions=_S
    ),
    Route("POST", "/1/burn_alerts/{dataset}", "createBurnAlert", create_burn_alert, permissions=_S),
    Route("GET", "/1/burn_alerts/{dataset}/{id}", "getBurnAlert", get_burn_alert, permissions=_S),
    Route(
        "PUT", "/1/burn_alerts/{dataset}/{id}", "updateBurnAlert", update_burn_alert, permissions=_S
    ),
    Route(
        "DELETE",
        "/1/burn_alerts/{dataset}/{id}",
        "deleteBurnAlert",
        delete_burn_alert,
        permissions=_S,
    ),
]
