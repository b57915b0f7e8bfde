"""Sending events: single events, batches (gzip/zstd) and Kinesis Firehose records."""

from __future__ import annotations

import base64
import json
from datetime import datetime, timezone
from typing import Any

from honeycomb.testing._core import Ctx, Route, ok, strict_loads
from honeycomb.testing._http import (
    PROBLEM,
    ApiError,
    FakeResponse,
    bad_request,
    json_response,
    not_found,
)
from honeycomb.testing._routes_datasets import ensure_column
from honeycomb.testing._state import ALL, Dataset, Event, iso, slugify

__all__ = ["MAX_BATCH_BYTES", "MAX_EVENT_BYTES", "ROUTES", "ingest", "parse_time"]

MAX_EVENT_BYTES = 1_000_000
"""An event larger than this (serialised) is rejected."""

MAX_BATCH_BYTES = 5_000_000
"""A batch body larger than this (uncompressed) is answered with 413."""

MAX_COLUMNS = 2000


def parse_time(value: Any) -> float | None:
    """An event time: RFC 3339 text or epoch seconds. None when absent or malformed."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip()
    try:
        return float(text)
    except ValueError:
        pass
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.timestamp()


def _flatten(data: dict[str, Any], depth: int, prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and depth > 0:
            out.update(_flatten(value, depth - 1, f"{name}."))
        elif isinstance(value, dict | list):
            out[name] = json.dumps(value, separators=(",", ":"))
        else:
            out[name] = value
    return out


def _target_dataset(ctx: Ctx) -> Dataset:
    slug = ctx.params["dataset"]
    env = ctx.environment
    if slug == ALL:
        raise not_found("dataset")
    dataset = env.datasets.get(slug) or env.datasets.get(slugify(slug))
    if dataset is not None:
        return dataset
    if not ctx.key.can("create_datasets"):
        raise not_found("dataset")
    dataset = Dataset(slug=slugify(slug), name=slug, description="", created_at=ctx.state.now_iso())
    env.datasets[dataset.slug] = dataset
    return dataset


def ingest(ctx: Ctx, dataset: Dataset, data: dict[str, Any], when: float | None, rate: int) -> None:
    """Store one event and create the columns it implies."""
    flat = _flatten(data, dataset.expand_json_depth)
    timestamp = when if when is not None else ctx.state.now()
    dataset.events.append(Event(timestamp, flat, max(1, rate)))
    dataset.last_written_at = iso(ctx.state.now())
    env = ctx.environment
    for key, value in flat.items():
        ensure_column(ctx.state, env, dataset.slug, key, value)


def _check_event(data: Any) -> str | None:
    if not isinstance(data, dict):
        return "event data must be a JSON object"
    if not data:
        return "event has no fields"
    if len(data) > MAX_COLUMNS:
        return f"event has more than {MAX_COLUMNS} fields"
    if len(json.dumps(data, separators=(",", ":"))) > MAX_EVENT_BYTES:
        return f"event exceeds max event size of {MAX_EVENT_BYTES} bytes"
    return None


def create_event(ctx: Ctx) -> FakeResponse:
    data = ctx.body()
    problem = _check_event(data)
    if problem is not None:
        raise bad_request(problem)
    dataset = _target_dataset(ctx)
    when = parse_time(ctx.request.header("x-honeycomb-event-time"))
    rate_text = ctx.request.header("x-honeycomb-samplerate")
    try:
        rate = int(rate_text) if rate_text else 1
    except ValueError:
        raise bad_request("X-Honeycomb-Samplerate must be an integer") from None
    ingest(ctx, dataset, data, when, rate)
    return FakeResponse(200)


def create_batch(ctx: Ctx) -> FakeResponse:
    if len(ctx.request.body) > MAX_BATCH_BYTES:
        raise ApiError(
            json_response(
                413,
                {
                    "status": 413,
                    "type": "https://api.honeycomb.io/problems/payload-too-large",
                    "title": "Request body is too large.",
                    "error": f"Body size is larger than maximum size of {MAX_BATCH_BYTES} bytes",
                },
                PROBLEM,
            )
        )
    items = ctx.body()
    if not isinstance(items, list):
        raise bad_request("batch body must be a JSON array of events")
    dataset = _target_dataset(ctx)
    results: list[dict[str, Any]] = []
    for item in items:
        if not isinstance(item, dict):
            results.append({"status": 400, "error": "event must be a JSON object"})
            continue
        data = item.get("data")
        problem = _check_event(data)
        if problem is not None:
            results.append({"status": 400, "error": problem})
            continue
        raw_time = item.get("time")
        when = parse_time(raw_time)
        if raw_time not in (None, "") and when is None:
            results.append({"status": 400, "error": f"invalid time {raw_time!r}"})
            continue
        rate = item.get("samplerate", 1)
        if not isinstance(rate, int) or isinstance(rate, bool):
            results.append({"status": 400, "error": "samplerate must be an integer"})
            continue
        assert isinstance(data, dict)
        ingest(ctx, dataset, data, when, rate)
        results.append({"status": 202})
    return ok(results)


def create_kinesis(ctx: Ctx) -> FakeResponse:
    body = ctx.body()
    now_ms = int(ctx.state.now() * 1000)
    # Firehose sends the request id both as a header and in the body; the spec documents
    # only the body's (optional) field, so either will do.
    request_id = ctx.request.header("x-amz-firehose-request-id") or (
        str(body.get("requestId") or "") if isinstance(body, dict) else ""
    )
    records = body.get("records", []) if isinstance(body, dict) else None
    if not isinstance(records, list):
        return ok(
            {"requestId": request_id, "timestamp": now_ms, "errorMessage": "invalid body"}, 400
        )
    dataset = _target_dataset(ctx)
    for record in records:
        try:
            raw = base64.b64decode(record["data"], validate=True)
            text = raw.decode("utf-8")
            events = [strict_loads(line) for line in text.splitlines() if line.strip()]
        except (KeyError, TypeError, ValueError):
            return ok(
                {"requestId": request_id, "timestamp": now_ms, "errorMessage": "invalid record"},
                400,
            )
        for event in events:
            if _check_event(event) is None:
                ingest(ctx, dataset, event, None, 1)
    return ok({"requestId": request_id, "timestamp": now_ms})


_SEND = ("send_events",)

ROUTES = [
    Route(
        "POST", "/1/events/{dataset}", "createEvent", create_event, auth="events", permissions=_SEND
    ),
    Route(
        "POST", "/1/batch/{dataset}", "createEvents", create_batch, auth="events", permissions=_SEND
    ),
    Route(
        "POST",
        "/1/kinesis_events/{dataset}",
        "createKinesisEvents",
        create_kinesis,
        auth="kinesis",
        permissions=_SEND,
    ),
]
