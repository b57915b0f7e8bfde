"""client.porting against two FakeHoneycomb environments: export, plan, apply, diff."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from honeycomb import AsyncClient
from honeycomb.porting import ApplyError, Snapshot, SnapshotError
from honeycomb.testing import FakeHoneycomb

from .porting_graph import LATENCY_QUERY, seed


@pytest.fixture
async def source() -> AsyncIterator[AsyncClient]:
    fake = FakeHoneycomb(environment="Production")
    async with fake.async_client(max_retries=0) as client:
        await seed(client)
        yield client


@pytest.fixture
def target_fake() -> FakeHoneycomb:
    return FakeHoneycomb(environment="Staging")


@pytest.fixture
async def target(target_fake: FakeHoneycomb) -> AsyncIterator[AsyncClient]:
    async with target_fake.async_client(max_retries=0) as client:
        yield client


async def copy(source: AsyncClient, target: AsyncClient, **plan_options: Any) -> Snapshot:
    snapshot = await source.porting.export()
    plan = await target.porting.plan(snapshot, **plan_options)
    report = await target.porting.apply(plan)
    assert report.ok
    return snapshot


def _recipient_key(recipient: Any) -> tuple[str, str]:
    details = recipient.model_dump(mode="json", exclude_none=True).get("details", {})
    target = next(
        details[k]
        for k in ("email_address", "slack_channel", "pagerduty_integration_key", "webhook_url")
        if k in details
    )
    return str(recipient.type), str(target)


async def test_export_reads_every_kind_with_symbolic_references(source: AsyncClient) -> None:
    snapshot = await source.porting.export()

    assert snapshot.counts() == {
        "dataset": 2,
        "column": 4,
        "calculated_field": 2,
        "recipient": 4,
        "slo": 1,
        "burn_alert": 2,
        "trigger": 3,
        "marker_setting": 2,
        "query_annotation": 1,
        "board": 1,
    }
    assert snapshot.source == {"team": "fake-team", "environment": "production"}
    slow = snapshot.get("trigger", "api", "Slow checkout")
    assert slow is not None
    assert "query_id" not in slow.spec
    assert slow.spec["query"] == LATENCY_QUERY
    assert slow.spec["recipients"] == [
        {"type": "email", "target": "oncall@example.com"},
        {
            "type": "pagerduty",
            "target": "0123456789abcdef0123456789abcdef",
            "details": {"pagerduty_severity": "critical"},
        },
    ]
    assert snapshot.get("trigger", "__all__", "Errors everywhere") is not None
    assert snapshot.get("calculated_field", "__all__", "is_error") is not None
    # the environment-wide field is not taken for one of api's own
    assert snapshot.get("calculated_field", "api", "is_error") is None
    slo = snapshot.get("slo", "api", "Checkout latency")
    assert slo is not None and slo.spec["sli"] == {"alias": "is_good"}
    alert = snapshot.get("burn_alert", "api", "Checkout latency/exhaustion_time:240m")
    assert alert is not None
    assert alert.spec["slo"] == {"dataset": "api", "name": "Checkout latency"}
    board = snapshot.get("board", None, "Checkout health")
    assert board is not None
    query_panel, slo_panel, text_panel = board.spec["panels"]
    assert query_panel["dataset"] == "api"
    assert query_panel["query"] == LATENCY_QUERY
    assert query_panel["annotation"]["name"] == "Checkout p99"
    assert slo_panel["slo"] == {"dataset": "api", "name": "Checkout latency"}
    assert text_panel == {"type": "text", "text_panel": {"content": "Runbook: see the wiki"}}
    assert board.spec["views"] == [
        {
            "name": "Errors only",
            "filters": [{"column": "status_code", "operation": ">=", "value": 500}],
        }
    ]
    # the board's own annotation is part of the board, not a query annotation of its own
    assert [o.key for o in snapshot.of_kind("query_annotation")] == ["Traffic by endpoint"]


async def test_apply_to_an_empty_target_resolves_every_reference(
    source: AsyncClient, target: AsyncClient
) -> None:
    snapshot = await copy(source, target)

    recipients = {r.id: _recipient_key(r) for r in await target.recipients.list()}
    assert sorted(recipients.values()) == sorted(
        _recipient_key(r) for r in await source.recipients.list()
    )
    slos = await target.slos.list("api")
    assert [s.name for s in slos] == ["Checkout latency"]
    slo = slos[0]
    assert slo.sli is not None and slo.sli.alias == "is_good"
    triggers = {t.name: t for t in await target.triggers.list("api")}
    slow = triggers["Slow checkout"]
    assert [recipients[str(r.id)] for r in slow.recipients or []] == [
        ("email", "oncall@example.com"),
        ("pagerduty", "0123456789abcdef0123456789abcdef"),
    ]
    assert slow.query is not None
    saved = await target.queries.get("api", str(slow.query_id))
    assert saved.model_dump(mode="json", exclude_none=True, exclude={"id"}) == {
        k: v for k, v in saved.model_dump(mode="json", exclude_none=True).items() if k != "id"
    }
    assert [t.name for t in await target.triggers.list("__all__")] == ["Errors everywhere"]
    alerts = await target.burn_alerts.list("api", str(slo.id))
    assert len(alerts) == 2
    for alert in alerts:
        full = await target.burn_alerts.get("api", str(alert.id))
        assert full.slo is not None and full.slo.id == slo.id
        assert all(r.id in recipients for r in full.recipients or [])
    (board,) = await target.boards.list()
    panels = board.panels or []
    query_panel = panels[0].query_panel  # type: ignore[union-attr]
    assert query_panel is not None
    panel_query = await target.queries.get("api", str(query_panel.query_id))
    assert panel_query.model_dump(
        mode="json", exclude_none=True, exclude={"id", "query_annotation_id"}
    ) == {**LATENCY_QUERY}
    annotation = await target.query_annotations.get("api", str(query_panel.query_annotation_id))
    assert annotation.name == "Checkout p99"
    assert panels[1].slo_panel.slo_id == slo.id  # type: ignore[union-attr]
    views = await target.board_views.list(str(board.id))
    assert [v.name for v in views] == ["Errors only"]
    annotations = await target.query_annotations.list("api")
    assert sorted(str(a.name) for a in annotations) == ["Checkout p99", "Traffic by endpoint"]
    # and the target, read back, is the same configuration as the source
    again = await target.porting.export()
    assert [(o.address, o.spec) for o in again] == [(o.address, o.spec) for o in snapshot]


async def test_second_plan_is_empty(source: AsyncClient, target: AsyncClient) -> None:
    snapshot = await copy(source, target)

    plan = await target.porting.plan(snapshot, prune=True)

    assert plan.empty
    assert str(plan) == "No changes. The target matches the snapshot (22 objects compared).\n"


async def test_one_changed_trigger_is_one_update_in_place(
    source: AsyncClient, target: AsyncClient, target_fake: FakeHoneycomb
) -> None:
    await copy(source, target)
    before = {t.name: t.id for t in await target.triggers.list("api")}
    slow = next(t for t in await source.triggers.list("api") if t.name == "Slow checkout")
    update = slow.to_update(use="query")
    update.threshold.value = 450
    await source.triggers.update("api", str(slow.id), update)

    plan = await target.porting.plan(await source.porting.export())

    assert plan.counts() == {"create": 0, "update": 1, "delete": 0}
    (change,) = plan.changes
    assert change.label == 'trigger api/"Slow checkout"'
    assert [(f.path, f.before, f.after) for f in change.fields] == [("threshold.value", 300, 450)]
    assert '~ update trigger api/"Slow checkout"' in str(plan)
    assert "~ threshold.value: 300 -> 450" in str(plan)
    target_fake.clear_requests()
    report = await target.porting.apply(plan)
    writes = [(r.method, r.path) for r in target_fake.requests if r.method != "GET"]
    assert writes == [("PUT", f"/1/triggers/api/{before['Slow checkout']}")]
    assert [a.id for a in report.done] == [before["Slow checkout"]]
    after = {t.name: t for t in await target.triggers.list("api")}
    assert {n: t.id for n, t in after.items()} == before
    assert after["Slow checkout"].threshold.value == 450  # type: ignore[union-attr]
    assert (await target.porting.plan(await source.porting.export())).empty


async def test_prune_deletes_what_the_snapshot_lacks_and_only_with_prune(
    source: AsyncClient, target: AsyncClient
) -> None:
    await copy(source, target)
    office = next(t for t in await source.triggers.list("api") if t.name == "Office hours errors")
    await source.triggers.delete("api", str(office.id))
    (board,) = await source.boards.list()
    await source.boards.delete(str(board.id))
    # the board's panel annotation would otherwise stay behind on its own
    for annotation in await source.query_annotations.list("api"):
        if annotation.name == "Checkout p99":
            await source.query_annotations.delete("api", str(annotation.id))
    snapshot = await source.porting.export()

    assert (await target.porting.plan(snapshot)).empty
    plan = await target.porting.plan(snapshot, prune=True)

    assert [(c.action, c.label) for c in plan] == [
        ("delete", 'board "Checkout health"'),
        ("delete", 'trigger api/"Office hours errors"'),
    ]
    await target.porting.apply(plan)
    assert [t.name for t in await target.triggers.list("api")] == ["Slow checkout"]
    assert await target.boards.list() == []
    # the board's panel annotation went with it; the standalone one stays
    names = [a.name for a in await target.query_annotations.list("api")]
    assert names == ["Traffic by endpoint"]
    assert (await target.porting.plan(snapshot, prune=True)).empty


async def test_prune_never_deletes_datasets_or_columns(
    source: AsyncClient, target: AsyncClient
) -> None:
    await target.datasets.create({"name": "legacy"})
    await target.columns.create("legacy", {"key_name": "old"})

    plan = await target.porting.plan(await source.porting.export(), prune=True)

    assert plan.counts()["delete"] == 0
    assert [d.slug for d in await target.datasets.list()] == ["legacy"]


async def test_dataset_map_moves_objects_and_references(
    source: AsyncClient, target: AsyncClient
) -> None:
    snapshot = await source.porting.export()

    plan = await target.porting.plan(snapshot, dataset_map={"api": "api-staging"})
    await target.porting.apply(plan)

    assert sorted(str(d.slug) for d in await target.datasets.list()) == ["api-staging", "web"]
    (slo,) = await target.slos.list("api-staging")
    assert len(await target.burn_alerts.list("api-staging", str(slo.id))) == 2
    assert sorted(str(t.name) for t in await target.triggers.list("api-staging")) == [
        "Office hours errors",
        "Slow checkout",
    ]
    (board,) = await target.boards.list()
    panels = board.panels or []
    assert panels[0].query_panel.dataset == "api-staging"  # type: ignore[union-attr]
    assert panels[1].slo_panel.slo_id == slo.id  # type: ignore[union-attr]
    assert (await target.porting.plan(snapshot, dataset_map={"api": "api-staging"})).empty
    with pytest.raises(SnapshotError, match="does not have: nope"):
        await target.porting.plan(snapshot, dataset_map={"nope": "x"})


async def test_diff_is_a_plan_from_one_environment_to_the_other(
    source: AsyncClient, target: AsyncClient
) -> None:
    await copy(source, target)
    await target.marker_settings.create("api", {"type": "incident", "color": "#ff0000"})
    (setting,) = [s for s in await source.marker_settings.list("api") if s.type == "deploy"]
    await source.marker_settings.update(
        "api", str(setting.id), {"type": "deploy", "color": "#123456"}
    )

    plan = await source.porting.diff(target)

    assert [(c.action, c.label) for c in plan] == [
        ("update", 'marker_setting api/"deploy"'),
        ("delete", 'marker_setting api/"incident"'),
    ]
    assert [(f.path, f.before, f.after) for f in plan.changes[0].fields] == [
        ("color", "#00ff00", "#123456")
    ]


async def test_a_failure_stops_the_apply_and_a_rerun_finishes_without_duplicates(
    source: AsyncClient, target: AsyncClient, target_fake: FakeHoneycomb
) -> None:
    snapshot = await source.porting.export()
    target_fake.inject("createSlo", status=500)

    with pytest.raises(ApplyError) as caught:
        await target.porting.apply(await target.porting.plan(snapshot))

    report = caught.value.report
    assert not report.ok
    assert [c.label for c, _ in report.failed] == ['slo api/"Checkout latency"']
    assert "500" in report.failed[0][1]
    done = {a.change.kind for a in report.done}
    assert done == {"dataset", "column", "calculated_field", "recipient"}
    assert {c.kind for c in report.not_done} == {
        "burn_alert",
        "trigger",
        "marker_setting",
        "query_annotation",
        "board",
    }
    assert "Apply stopped: 12 created" in str(caught.value)
    assert await target.slos.list("api") == []
    assert await target.triggers.list("api") == []

    plan = await target.porting.plan(snapshot)
    assert plan.counts() == {"create": 10, "update": 0, "delete": 0}
    await target.porting.apply(plan)

    assert (await target.porting.plan(snapshot, prune=True)).empty
    assert len(await target.recipients.list()) == 4
    assert len(await target.slos.list("api")) == 1


async def test_a_failed_board_leaves_no_orphan_annotation(
    source: AsyncClient, target: AsyncClient, target_fake: FakeHoneycomb
) -> None:
    snapshot = await source.porting.export()
    target_fake.inject("createBoard", status=500)

    with pytest.raises(ApplyError):
        await target.porting.apply(await target.porting.plan(snapshot))

    assert [a.name for a in await target.query_annotations.list("api")] == ["Traffic by endpoint"]
    await target.porting.apply(await target.porting.plan(snapshot))
    assert (await target.porting.plan(snapshot, prune=True)).empty


async def test_changing_a_board_panel_keeps_the_board_and_replaces_only_that_query(
    source: AsyncClient, target: AsyncClient
) -> None:
    snapshot = await copy(source, target)
    (board,) = await target.boards.list()
    board_obj = snapshot.get("board", None, "Checkout health")
    assert board_obj is not None
    board_obj.spec["panels"][0]["query"] = {**LATENCY_QUERY, "time_range": 7200}
    board_obj.spec["views"] = []

    plan = await target.porting.plan(snapshot)
    assert [(c.action, [f.path for f in c.fields]) for c in plan] == [
        ("update", ["panels[0].query.time_range", "views"])
    ]
    await target.porting.apply(plan)

    (after,) = await target.boards.list()
    assert after.id == board.id
    assert await target.board_views.list(str(board.id)) == []
    assert (await target.porting.plan(snapshot, prune=True)).empty
    names = sorted(str(a.name) for a in await target.query_annotations.list("api"))
    assert names == ["Checkout p99", "Traffic by endpoint"]


async def test_export_of_some_datasets(source: AsyncClient) -> None:
    snapshot = await source.porting.export(datasets=["web"])

    assert snapshot.datasets == ["web"]
    assert {o.kind for o in snapshot} == {"dataset", "column", "marker_setting"}
    with pytest.raises(SnapshotError, match="no dataset nope"):
        await source.porting.export(datasets=["nope"])


async def test_scoped_snapshot_prunes_inside_its_datasets_only(
    source: AsyncClient, target: AsyncClient
) -> None:
    await copy(source, target)
    snapshot = await source.porting.export(datasets=["web"])
    snapshot.objects = [o for o in snapshot if o.kind != "marker_setting"]

    plan = await target.porting.plan(snapshot, prune=True)

    assert [(c.action, c.label) for c in plan] == [("delete", 'marker_setting web/"feature-flag"')]


async def test_reexport_writes_a_byte_identical_tree(source: AsyncClient, tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    (await source.porting.export()).write(first)
    (await source.porting.export()).write(second)

    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)
    assert Snapshot.read(first) == await source.porting.export()
