"""Every v1 resource group against FakeHoneycomb, through the SDK client (no network).

Written once for AsyncClient and generated for Client: the ``hc`` fixture (conftest) is a
client wired to this module's fresh ``fake`` through its httpx transport.
"""

from __future__ import annotations

import time
from typing import Any

import pytest

from honeycomb import (
    AsyncClient,
    BadRequestError,
    ConflictError,
    NotFoundError,
    UnprocessableEntityError,
)
from honeycomb.testing import FakeHoneycomb
from tests._fakes import body_of, ident

NOW = int(time.time())


@pytest.fixture
def fake() -> FakeHoneycomb:
    # The clock is pinned to NOW: the events of these tests are stamped relative to it, and a
    # slow run must not let them age out of the query windows.
    return FakeHoneycomb(query_polls=1, seed=11, clock=lambda: float(NOW))


async def _web(hc: AsyncClient, fake: FakeHoneycomb) -> None:
    await hc.datasets.create({"name": "web"})
    events: list[dict[str, Any]] = [
        {
            "time": NOW - 30 - i,
            "data": {"endpoint": "/a" if i % 2 else "/b", "duration_ms": i, "status": 200},
        }
        for i in range(10)
    ]
    events.append({"time": NOW - 5, "data": {"endpoint": "/a", "duration_ms": 99, "status": 500}})
    results = await hc.events.send_batch("web", events)
    assert len(results) == 11


# --------------------------------------------------------------------------- datasets


async def test_datasets_crud_and_delete_protection(hc: AsyncClient, fake: FakeHoneycomb) -> None:
    created = await hc.datasets.create({"name": "My Web", "description": "front"})
    assert (created.slug, created.settings and created.settings.delete_protected) == (
        "my-web",
        True,
    )
    again = await hc.datasets.create({"name": "My Web"})
    assert again.slug == "my-web"
    assert [r.status for r in fake.requests if r.operation == "createDataset"] == [201, 200]
    assert [d.slug for d in await hc.datasets.list()] == ["my-web"]
    updated = await hc.datasets.update("my-web", {"description": "x", "expand_json_depth": 2})
    assert (updated.description, updated.expand_json_depth) == ("x", 2)
    with pytest.raises(ConflictError):
        await hc.datasets.delete("my-web")
    await hc.datasets.delete("my-web", remove_delete_protection=True)
    assert fake.requests[-1].status == 202
    with pytest.raises(NotFoundError) as info:
        await hc.datasets.get("my-web")
    assert info.value.body == {"error": "Dataset not found"}


async def test_columns_and_calculated_fields(hc: AsyncClient, fake: FakeHoneycomb) -> None:
    await _web(hc, fake)
    names = sorted(str(c.key_name) for c in await hc.columns.list("web"))
    assert names == ["duration_ms", "endpoint", "status"]
    one = await hc.columns.list("web", key_name="endpoint")
    assert [c.key_name for c in one] == ["endpoint"]
    column = await hc.columns.create("web", {"key_name": "region", "type": "string"})
    with pytest.raises(ConflictError):
        await hc.columns.create("web", {"key_name": "region"})
    changed = await hc.columns.update(
        "web", ident(column), {"description": "cloud", "hidden": True}
    )
    assert (changed.description, changed.hidden) == ("cloud", True)
    assert (await hc.columns.get("web", ident(column))).key_name == "region"
    await hc.columns.delete("web", ident(column))
    with pytest.raises(NotFoundError):
        await hc.columns.get("web", ident(column))

    field = await hc.calculated_fields.create(
        "web", {"alias": "is_error", "expression": "GTE($status, 500)"}
    )
    assert (await hc.calculated_fields.list("web", alias="is_error"))[0].id == ident(field)
    with pytest.raises(ConflictError):
        await hc.calculated_fields.create("web", {"alias": "is_error", "expression": "1"})
    with pytest.raises(BadRequestError) as info:  # the status the spec documents here
        await hc.calculated_fields.create("web", {"alias": "bad", "expression": "NOPE($x)"})
    assert body_of(info.value)["type_detail"][0]["field"] == "expression"
    updated = await hc.calculated_fields.update(
        "web", ident(field), {"alias": "is_error", "expression": "GTE($status, 400)"}
    )
    assert updated.expression == "GTE($status, 400)"
    await hc.calculated_fields.delete("web", ident(field))
    assert await hc.calculated_fields.list("web") == []


async def test_dataset_definitions(hc: AsyncClient, fake: FakeHoneycomb) -> None:
    await _web(hc, fake)
    await hc.dataset_definitions.update("web", {"duration_ms": {"name": "duration_ms"}})
    definitions = await hc.dataset_definitions.get("web")
    assert fake.requests[-1].json is None
    body = fake.requests[-2].json
    assert body == {"duration_ms": {"name": "duration_ms"}}
    assert definitions is not None


# ------------------------------------------------------------------------------ events


async def test_events_send_and_batch_are_stored(hc: AsyncClient, fake: FakeHoneycomb) -> None:
    await hc.datasets.create({"name": "web"})
    await hc.events.send("web", {"endpoint": "/x"}, timestamp=NOW - 10, samplerate=4)
    assert fake.requests[-1].status == 200 and fake.requests[-1].operation == "createEvent"
    results = await hc.events.send_batch("web", [{"data": {"n": 1}}, {"data": {"n": 2}}])
    assert [r.status for r in results] == [202, 202]
    stored = fake.events("web")
    assert [e["data"] for e in stored] == [{"endpoint": "/x"}, {"n": 1}, {"n": 2}]
    assert (stored[0]["time"], stored[0]["samplerate"]) == (NOW - 10, 4)


async def test_events_to_an_unknown_dataset_create_it(hc: AsyncClient, fake: FakeHoneycomb) -> None:
    await hc.events.send("brand-new", {"a": 1})
    assert [d.slug for d in await hc.datasets.list()] == ["brand-new"]


async def test_kinesis_events(hc: AsyncClient, fake: FakeHoneycomb) -> None:
    import base64
    import json

    record = base64.b64encode(json.dumps({"from": "firehose"}).encode()).decode()
    response = await hc.events.send_kinesis(
        "web", {"requestId": "req-1", "timestamp": NOW * 1000, "records": [{"data": record}]}
    )
    assert response.request_id == "req-1"
    assert fake.events("web")[0]["data"] == {"from": "firehose"}


async def test_batcher_delivers_everything(hc: AsyncClient, fake: FakeHoneycomb) -> None:
    await hc.datasets.create({"name": "web"})
    batcher = hc.events.batcher("web", max_batch_events=40)
    for i in range(100):
        await batcher.add({"i": i})
    await batcher.aclose()
    assert sorted(e["data"]["i"] for e in fake.events("web")) == list(range(100))
    assert len([r for r in fake.requests if r.operation == "createEvents"]) >= 3


# ----------------------------------------------------------------------------- queries


async def test_queries_results_and_annotations(hc: AsyncClient, fake: FakeHoneycomb) -> None:
    await _web(hc, fake)
    query = await hc.queries.create(
        "web",
        {
            "calculations": [{"op": "COUNT"}, {"op": "MAX", "column": "duration_ms"}],
            "breakdowns": ["endpoint"],
            "filters": [{"column": "status", "op": "=", "value": 200}],
            "orders": [{"column": "endpoint", "order": "ascending"}],
            "time_range": 600,
        },
    )
    assert ident(query) and getattr(query, "query_annotation_id", None)
    assert (await hc.queries.get("web", ident(query))).breakdowns == ["endpoint"]
    result = await hc.query_results.run("web", ident(query), poll_interval=0.001)
    assert result.complete is True
    assert result.rows == [
        {"endpoint": "/a", "COUNT": 5, "MAX(duration_ms)": 9},
        {"endpoint": "/b", "COUNT": 5, "MAX(duration_ms)": 8},
    ]
    polls = [r for r in fake.requests if r.operation == "getQueryResult"]
    assert [p.status for p in polls] == [200, 200]

    annotation = await hc.query_annotations.create(
        "web", {"name": "by endpoint", "query_id": ident(query)}
    )
    assert annotation.source == "query"
    assert [ident(a) for a in await hc.query_annotations.list("web")] == [ident(annotation)]
    renamed = await hc.query_annotations.update(
        "web", ident(annotation), {"name": "renamed", "query_id": ident(query)}
    )
    assert renamed.name == "renamed"
    assert (await hc.query_annotations.get("web", ident(annotation))).name == "renamed"
    await hc.query_annotations.delete("web", ident(annotation))
    with pytest.raises(NotFoundError):
        await hc.query_annotations.get("web", ident(annotation))


async def test_query_result_of_an_unknown_query_is_404(
    hc: AsyncClient, fake: FakeHoneycomb
) -> None:
    await _web(hc, fake)
    with pytest.raises(NotFoundError):
        await hc.query_results.create("web", {"query_id": "nope"})


# -------------------------------------------------------------------- markers, boards


async def test_markers_and_marker_settings(hc: AsyncClient, fake: FakeHoneycomb) -> None:
    await _web(hc, fake)
    setting = await hc.marker_settings.create("web", {"type": "deploy", "color": "#ff0000"})
    marker = await hc.markers.create("web", {"message": "v1", "type": "deploy", "start_time": NOW})
    assert marker.color == "#ff0000"
    updated = await hc.markers.update("web", ident(marker), {"message": "v2", "type": "deploy"})
    assert updated.message == "v2"
    assert [ident(m) for m in await hc.markers.list("web")] == [ident(marker)]
    await hc.markers.delete("web", ident(marker))
    assert fake.requests[-1].status == 200  # DELETE returns the marker, not 204
    assert await hc.markers.list("web") == []
    changed = await hc.marker_settings.update(
        "web", ident(setting), {"type": "deploy", "color": "#00ff00"}
    )
    assert changed.color == "#00ff00"
    assert len(await hc.marker_settings.list("web")) == 1
    await hc.marker_settings.delete("web", ident(setting))
    assert await hc.marker_settings.list("web") == []


async def test_boards_and_views(hc: AsyncClient, fake: FakeHoneycomb) -> None:
    await _web(hc, fake)
    query = await hc.queries.create("web", {"calculations": [{"op": "COUNT"}]})
    annotation = await hc.query_annotations.create("web", {"name": "q", "query_id": ident(query)})
    board = await hc.boards.create(
        {
            "name": "ops",
            "type": "flexible",
            "panels": [
                {
                    "type": "query",
                    "query_panel": {
                        "query_id": ident(query),
                        "query_annotation_id": ident(annotation),
                    },
                },
                {"type": "text", "text_panel": {"content": "hello"}},
            ],
        }
    )
    assert ident(board) and len(board.panels or []) == 2
    assert [ident(b) for b in await hc.boards.list()] == [ident(board)]
    renamed = await hc.boards.update(ident(board), {"name": "ops 2", "type": "flexible"})
    assert renamed.name == "ops 2"
    view = await hc.board_views.create(
        ident(board),
        {"name": "errors", "filters": [{"column": "status", "operation": ">=", "value": 500}]},
    )
    with pytest.raises(ConflictError):
        await hc.board_views.create(
            ident(board),
            {"name": "errors", "filters": [{"column": "status", "operation": "exists"}]},
        )
    assert [ident(v) for v in await hc.board_views.list(ident(board))] == [ident(view)]
    changed = await hc.board_views.update(
        ident(board),
        ident(view),
        {"name": "5xx", "filters": [{"column": "status", "operation": "exists"}]},
    )
    assert changed.name == "5xx"
    assert (await hc.board_views.get(ident(board), ident(view))).name == "5xx"
    await hc.board_views.delete(ident(board), ident(view))
    await hc.boards.delete(ident(board))
    with pytest.raises(NotFoundError):
        await hc.boards.get(ident(board))


async def test_board_with_unknown_query_is_rejected(hc: AsyncClient) -> None:
    with pytest.raises(UnprocessableEntityError) as info:
        await hc.boards.create(
            {
                "name": "b",
                "type": "flexible",
                "panels": [
                    {"type": "query", "query_panel": {"query_id": "x", "query_annotation_id": "y"}}
                ],
            }
        )
    assert body_of(info.value)["type_detail"][0]["field"] == "panels[0].query_panel.query_id"


# ------------------------------------------------------- recipients, triggers, SLOs


async def test_recipients_and_triggers(hc: AsyncClient, fake: FakeHoneycomb) -> None:
    await _web(hc, fake)
    recipient = await hc.recipients.create(
        {"type": "email", "details": {"email_address": "ops@example.com"}}
    )
    with pytest.raises(ConflictError):
        await hc.recipients.create(
            {"type": "email", "details": {"email_address": "ops@example.com"}}
        )
    trigger = await hc.triggers.create(
        "web",
        {
            "name": "errors",
            "query": {"calculations": [{"op": "COUNT"}], "time_range": 900},
            "threshold": {"op": ">", "value": 1},
            "frequency": 300,
            "recipients": [{"id": ident(recipient)}],
        },
    )
    assert trigger.query_id and trigger.dataset_slug == "web"
    assert [ident(t) for t in await hc.recipients.list_triggers(ident(recipient))] == [
        ident(trigger)
    ]
    with pytest.raises(ConflictError):
        await hc.recipients.delete(ident(recipient))
    updated = await hc.triggers.update(
        "web",
        ident(trigger),
        {
            "name": "errors!",
            "query_id": trigger.query_id,
            "threshold": {"op": ">=", "value": 2},
            "frequency": 300,
        },
    )
    assert updated.name == "errors!"
    assert [ident(t) for t in await hc.triggers.list("web")] == [ident(trigger)]
    assert (await hc.triggers.get("web", ident(trigger))).name == "errors!"
    await hc.triggers.delete("web", ident(trigger))
    await hc.recipients.update(
        ident(recipient), {"type": "email", "details": {"email_address": "b@c.de"}}
    )
    assert (await hc.recipients.get(ident(recipient))).id == ident(recipient)
    assert len(await hc.recipients.list()) == 1
    await hc.recipients.delete(ident(recipient))


async def test_slos_burn_alerts_and_reporting(hc: AsyncClient, fake: FakeHoneycomb) -> None:
    await _web(hc, fake)
    await hc.calculated_fields.create("web", {"alias": "ok", "expression": "LT($status, 500)"})
    slo = await hc.slos.create(
        "web",
        {
            "name": "avail",
            "sli": {"alias": "ok"},
            "time_period_days": 7,
            "target_per_million": 900000,
        },
    )
    detailed = await hc.slos.get("web", ident(slo), detailed=True)
    assert fake.requests[-1].params == {"detailed": "true"}
    # 10 good events and 1 bad one: compliance 90.9090..., budget used 0.909 of 1.0
    assert detailed.model_dump()["compliance"] == pytest.approx(100 * 10 / 11, abs=1e-3)
    assert detailed.model_dump()["budget_remaining"] == pytest.approx(9.0909, abs=1e-3)
    recipient = await hc.recipients.create({"type": "slack", "details": {"slack_channel": "#ops"}})
    alert = await hc.burn_alerts.create(
        "web",
        {
            "alert_type": "exhaustion_time",
            "exhaustion_minutes": 60,
            "slo": {"id": ident(slo)},
            "recipients": [{"id": ident(recipient)}],
        },
    )
    assert [ident(a) for a in await hc.burn_alerts.list("web", ident(slo))] == [ident(alert)]
    changed = await hc.burn_alerts.update(
        "web",
        ident(alert),
        {
            "alert_type": "exhaustion_time",
            "exhaustion_minutes": 30,
            "recipients": [{"id": ident(recipient)}],
        },
    )
    assert changed.model_dump()["exhaustion_minutes"] == 30
    assert (await hc.burn_alerts.get("web", ident(alert))).id == ident(alert)
    counts = await hc.slos.counts("web", ident(slo), NOW - 3600, NOW + 60)
    assert sum(w.total_count or 0 for w in counts.windows or []) == 11
    assert sum(w.error_count or 0 for w in counts.windows or []) == 1
    hourly = await hc.slos.counts_history("web", ident(slo), NOW - 7200, NOW + 60)
    assert sum(b.total_count or 0 for b in hourly.buckets or []) == 11
    history = await hc.slos.history(
        {"ids": [ident(slo)], "start_time": NOW - 3600, "end_time": NOW + 1}
    )
    assert list(history) == [ident(slo)]
    updated = await hc.slos.update(
        "web",
        ident(slo),
        {
            "name": "avail2",
            "sli": {"alias": "ok"},
            "time_period_days": 7,
            "target_per_million": 990000,
        },
    )
    assert updated.name == "avail2"
    assert [ident(s) for s in await hc.slos.list("web")] == [ident(slo)]
    await hc.burn_alerts.delete("web", ident(alert))
    await hc.slos.delete("web", ident(slo))
    with pytest.raises(NotFoundError):
        await hc.slos.get("web", ident(slo))


async def test_slo_needs_an_existing_sli(hc: AsyncClient, fake: FakeHoneycomb) -> None:
    await _web(hc, fake)
    with pytest.raises(UnprocessableEntityError) as info:
        await hc.slos.create(
            "web",
            {"name": "x", "sli": {"alias": "nope"}, "time_period_days": 7, "target_per_million": 9},
        )
    assert body_of(info.value)["type_detail"][0]["field"] == "sli.alias"


# ------------------------------------------------------------------ maps and signals


async def test_service_map_dependencies(hc: AsyncClient, fake: FakeHoneycomb) -> None:
    await hc.datasets.create({"name": "traces"})
    spans = [
        {"service.name": "web", "trace.span_id": "1"},
        {"service.name": "api", "trace.span_id": "2", "trace.parent_id": "1"},
        {"service.name": "db", "trace.span_id": "3", "trace.parent_id": "2"},
        {"service.name": "db", "trace.span_id": "4", "trace.parent_id": "2"},
    ]
    await hc.events.send_batch("traces", [{"data": s, "time": NOW - 10} for s in spans])
    deps = await hc.service_maps.dependencies({"time_range": 600})
    edges = sorted((d.parent_node.name, d.child_node.name, d.call_count) for d in deps)  # type: ignore[union-attr]
    assert edges == [("api", "db", 2), ("web", "api", 1)]
    request = await hc.service_maps.create_request({"time_range": 600})
    first = await hc.service_maps.get_request(request.request_id or "")
    assert str(first.status) in ("pending", "DependencyRequestStatus.PENDING")


async def test_service_map_window_includes_events_sent_this_second() -> None:
    # Half a second past NOW: events stamped now are later than the whole second NOW.
    fake = FakeHoneycomb(query_polls=0, clock=lambda: NOW + 0.5)
    async with fake.async_client(max_retries=0) as hc:
        await hc.datasets.create({"name": "traces"})
        spans = [
            {"service.name": "web", "trace.span_id": "1"},
            {"service.name": "api", "trace.span_id": "2", "trace.parent_id": "1"},
        ]
        await hc.events.send_batch("traces", [{"data": s} for s in spans])
        deps = await hc.service_maps.dependencies({"time_range": 600})
    assert [(d.parent_node.name, d.child_node.name) for d in deps] == [("web", "api")]  # type: ignore[union-attr]


async def test_signals(hc: AsyncClient, fake: FakeHoneycomb) -> None:
    signal = fake.add_signal("checkout", dataset="web")
    fake.add_signal("cart", dataset="web", status="training")
    fake.add_anomaly(signal["id"], started_at=NOW - 600, ended_at=NOW - 300, measurement=0.4)
    everything = await hc.signals.list(page_size=1)
    assert len(everything) == 2
    assert len([r for r in fake.requests if r.operation == "listSignals"]) == 2
    assert [ident(s) for s in await hc.signals.list(status="training")] != [signal["id"]]
    recipient = await hc.recipients.create({"type": "slack", "details": {"slack_channel": "#x"}})
    updated = await hc.signals.update(
        signal["id"], {"enabled": False, "recipients": [{"id": ident(recipient)}]}
    )
    assert updated.enabled is False
    assert (await hc.signals.get(signal["id"])).enabled is False
    anomalies = await hc.signals.list_historical_anomalies(signal["id"], NOW - 3600, NOW)
    assert [a.measurement for a in anomalies] == [0.4]


async def test_auth(hc: AsyncClient, fake: FakeHoneycomb) -> None:
    auth = await hc.auth.get()
    assert auth.team.slug == fake.team_slug
    assert auth.environment.slug == fake.environment_slug
    management = await hc.auth.get_management()
    assert management.team_slug == fake.team_slug
    assert "api-keys:write" in management.scopes
