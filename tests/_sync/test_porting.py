# GENERATED from tests/_async/test_porting.py by scripts/unasync.py.
# Do not edit: change the async source and run `python scripts/unasync.py`.
"""client.porting against two FakeHoneycomb environments: export, plan, apply, diff."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from honeycomb import Client
from honeycomb.porting import ApplyError, Snapshot, SnapshotError
from honeycomb.testing import FakeHoneycomb

from .porting_graph import LATENCY_QUERY, seed


@pytest.fixture
def source() -> Iterator[Client]:
    fake = FakeHoneycomb(environment="Production")
    with fake.client(max_retries=0) as client:
        seed(client)
        yield client


@pytest.fixture
def target_fake() -> FakeHoneycomb:
    return FakeHoneycomb(environment="Staging")


@pytest.fixture
def target(target_fake: FakeHoneycomb) -> Iterator[Client]:
    with target_fake.client(max_retries=0) as client:
        yield client


def copy(source: Client, target: Client, **plan_options: Any) -> Snapshot:
    snapshot = source.porting.export()
    plan = target.porting.plan(snapshot, **plan_options)
    report = target.porting.apply(plan)
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


def test_export_reads_every_kind_with_symbolic_references(source: Client) -> None:
    snapshot = source.porting.export()

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


def test_apply_to_an_empty_target_resolves_every_reference(source: Client, target: Client) -> None:
    snapshot = copy(source, target)

    recipients = {r.id: _recipient_key(r) for r in target.recipients.list()}
    assert sorted(recipients.values()) == sorted(
        _recipient_key(r) for r in source.recipients.list()
    )
    slos = target.slos.list("api")
    assert [s.name for s in slos] == ["Checkout latency"]
    slo = slos[0]
    assert slo.sli is not None and slo.sli.alias == "is_good"
    triggers = {t.name: t for t in target.triggers.list("api")}
    slow = triggers["Slow checkout"]
    assert [recipients[str(r.id)] for r in slow.recipients or []] == [
        ("email", "oncall@example.com"),
        ("pagerduty", "0123456789abcdef0123456789abcdef"),
    ]
    assert slow.query is not None
    saved = target.queries.get("api", str(slow.query_id))
    assert saved.model_dump(mode="json", exclude_none=True, exclude={"id"}) == {
        k: v for k, v in saved.model_dump(mode="json", exclude_none=True).items() if k != "id"
    }
    assert [t.name for t in target.triggers.list("__all__")] == ["Errors everywhere"]
    alerts = target.burn_alerts.list("api", str(slo.id))
    assert len(alerts) == 2
    for alert in alerts:
        full = target.burn_alerts.get("api", str(alert.id))
        assert full.slo is not None and full.slo.id == slo.id
        assert all(r.id in recipients for r in full.recipients or [])
    (board,) = target.boards.list()
    panels = board.panels or []
    query_panel = panels[0].query_panel  # type: ignore[union-attr]
    assert query_panel is not None
    panel_query = target.queries.get("api", str(query_panel.query_id))
    assert panel_query.model_dump(
        mode="json", exclude_none=True, exclude={"id", "query_annotation_id"}
    ) == {**LATENCY_QUERY}
    annotation = target.query_annotations.get("api", str(query_panel.query_annotation_id))
    assert annotation.name == "Checkout p99"
    assert panels[1].slo_panel.slo_id == slo.id  # type: ignore[union-attr]
    views = target.board_views.list(str(board.id))
    assert [v.name for v in views] == ["Errors only"]
    annotations = target.query_annotations.list("api")
    assert sorted(str(a.name) for a in annotations) == ["Checkout p99", "Traffic by endpoint"]
    # and the target, read back, is the same configuration as the source
    again = target.porting.export()
    assert [(o.address, o.spec) for o in again] == [(o.address, o.spec) for o in snapshot]


def test_second_plan_is_empty(source: Client, target: Client) -> None:
    snapshot = copy(source, target)

    plan = target.porting.plan(snapshot, prune=True)

    assert plan.empty
    assert str(plan) == "No changes. The target matches the snapshot (22 objects compared).\n"


def test_one_changed_trigger_is_one_update_in_place(
    source: Client, target: Client, target_fake: FakeHoneycomb
) -> None:
    copy(source, target)
    before = {t.name: t.id for t in target.triggers.list("api")}
    slow = next(t for t in source.triggers.list("api") if t.name == "Slow checkout")
    update = slow.to_update(use="query")
    update.threshold.value = 450
    source.triggers.update("api", str(slow.id), update)

    plan = target.porting.plan(source.porting.export())

    assert plan.counts() == {"create": 0, "update": 1, "delete": 0}
    (change,) = plan.changes
    assert change.label == 'trigger api/"Slow checkout"'
    assert [(f.path, f.before, f.after) for f in change.fields] == [("threshold.value", 300, 450)]
    assert '~ update trigger api/"Slow checkout"' in str(plan)
    assert "~ threshold.value: 300 -> 450" in str(plan)
    target_fake.clear_requests()
    report = target.porting.apply(plan)
    writes = [(r.method, r.path) for r in target_fake.requests if r.method != "GET"]
    assert writes == [("PUT", f"/1/triggers/api/{before['Slow checkout']}")]
    assert [a.id for a in report.done] == [before["Slow checkout"]]
    after = {t.name: t for t in target.triggers.list("api")}
    assert {n: t.id for n, t in after.items()} == before
    assert after["Slow checkout"].threshold.value == 450  # type: ignore[union-attr]
    assert (target.porting.plan(source.porting.export())).empty


def test_prune_deletes_what_the_snapshot_lacks_and_only_with_prune(
    source: Client, target: Client
) -> None:
    copy(source, target)
    office = next(t for t in source.triggers.list("api") if t.name == "Office hours errors")
    source.triggers.delete("api", str(office.id))
    (board,) = source.boards.list()
    source.boards.delete(str(board.id))
    # the board's panel annotation would otherwise stay behind on its own
    for annotation in source.query_annotations.list("api"):
        if annotation.name == "Checkout p99":
            source.query_annotations.delete("api", str(annotation.id))
    snapshot = source.porting.export()

    assert (target.porting.plan(snapshot)).empty
    plan = target.porting.plan(snapshot, prune=True)

    assert [(c.action, c.label) for c in plan] == [
        ("delete", 'board "Checkout health"'),
        ("delete", 'trigger api/"Office hours errors"'),
    ]
    target.porting.apply(plan)
    assert [t.name for t in target.triggers.list("api")] == ["Slow checkout"]
    assert target.boards.list() == []
    # the board's panel annotation went with it; the standalone one stays
    names = [a.name for a in target.query_annotations.list("api")]
    assert names == ["Traffic by endpoint"]
    assert (target.porting.plan(snapshot, prune=True)).empty


def test_prune_never_deletes_datasets_or_columns(source: Client, target: Client) -> None:
    target.datasets.create({"name": "legacy"})
    target.columns.create("legacy", {"key_name": "old"})

    plan = target.porting.plan(source.porting.export(), prune=True)

    assert plan.counts()["delete"] == 0
    assert [d.slug for d in target.datasets.list()] == ["legacy"]


def test_dataset_map_moves_objects_and_references(source: Client, target: Client) -> None:
    snapshot = source.porting.export()

    plan = target.porting.plan(snapshot, dataset_map={"api": "api-staging"})
    target.porting.apply(plan)

    assert sorted(str(d.slug) for d in target.datasets.list()) == ["api-staging", "web"]
    (slo,) = target.slos.list("api-staging")
    assert len(target.burn_alerts.list("api-staging", str(slo.id))) == 2
    assert sorted(str(t.name) for t in target.triggers.list("api-staging")) == [
        "Office hours errors",
        "Slow checkout",
    ]
    (board,) = target.boards.list()
    panels = board.panels or []
    assert panels[0].query_panel.dataset == "api-staging"  # type: ignore[union-attr]
    assert panels[1].slo_panel.slo_id == slo.id  # type: ignore[union-attr]
    assert (target.porting.plan(snapshot, dataset_map={"api": "api-staging"})).empty
    with pytest.raises(SnapshotError, match="does not have: nope"):
        target.porting.plan(snapshot, dataset_map={"nope": "x"})


def test_diff_is_a_plan_from_one_environment_to_the_other(source: Client, target: Client) -> None:
    copy(source, target)
    target.marker_settings.create("api", {"type": "incident", "color": "#ff0000"})
    (setting,) = [s for s in source.marker_settings.list("api") if s.type == "deploy"]
    source.marker_settings.update("api", str(setting.id), {"type": "deploy", "color": "#123456"})

    plan = source.porting.diff(target)

    assert [(c.action, c.label) for c in plan] == [
        ("update", 'marker_setting api/"deploy"'),
        ("delete", 'marker_setting api/"incident"'),
    ]
    assert [(f.path, f.before, f.after) for f in plan.changes[0].fields] == [
        ("color", "#00ff00", "#123456")
    ]


def test_a_failure_stops_the_apply_and_a_rerun_finishes_without_duplicates(
    source: Client, target: Client, target_fake: FakeHoneycomb
) -> None:
    snapshot = source.porting.export()
    target_fake.inject("createSlo", status=500)

    with pytest.raises(ApplyError) as caught:
        target.porting.apply(target.porting.plan(snapshot))

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
    assert target.slos.list("api") == []
    assert target.triggers.list("api") == []

    plan = target.porting.plan(snapshot)
    assert plan.counts() == {"create": 10, "update": 0, "delete": 0}
    target.porting.apply(plan)

    assert (target.porting.plan(snapshot, prune=True)).empty
    assert len(target.recipients.list()) == 4
    assert len(target.slos.list("api")) == 1


def test_a_failed_board_leaves_no_orphan_annotation(
    source: Client, target: Client, target_fake: FakeHoneycomb
) -> None:
    snapshot = source.porting.export()
    target_fake.inject("createBoard", status=500)

    with pytest.raises(ApplyError):
        target.porting.apply(target.porting.plan(snapshot))

    assert [a.name for a in target.query_annotations.list("api")] == ["Traffic by endpoint"]
    target.porting.apply(target.porting.plan(snapshot))
    assert (target.porting.plan(snapshot, prune=True)).empty


def test_changing_a_board_panel_keeps_the_board_and_replaces_only_that_query(
    source: Client, target: Client
) -> None:
    snapshot = copy(source, target)
    (board,) = target.boards.list()
    board_obj = snapshot.get("board", None, "Checkout health")
    assert board_obj is not None
    board_obj.spec["panels"][0]["query"] = {**LATENCY_QUERY, "time_range": 7200}
    board_obj.spec["views"] = []

    plan = target.porting.plan(snapshot)
    assert [(c.action, [f.path for f in c.fields]) for c in plan] == [
        ("update", ["panels[0].query.time_range", "views"])
    ]
    target.porting.apply(plan)

    (after,) = target.boards.list()
    assert after.id == board.id
    assert target.board_views.list(str(board.id)) == []
    assert (target.porting.plan(snapshot, prune=True)).empty
    names = sorted(str(a.name) for a in target.query_annotations.list("api"))
    assert names == ["Checkout p99", "Traffic by endpoint"]


def test_export_of_some_datasets(source: Client) -> None:
    snapshot = source.porting.export(datasets=["web"])

    assert snapshot.datasets == ["web"]
    assert {o.kind for o in snapshot} == {"dataset", "column", "marker_setting"}
    with pytest.raises(SnapshotError, match="no dataset nope"):
        source.porting.export(datasets=["nope"])


def test_scoped_snapshot_prunes_inside_its_datasets_only(source: Client, target: Client) -> None:
    copy(source, target)
    snapshot = source.porting.export(datasets=["web"])
    snapshot.objects = [o for o in snapshot if o.kind != "marker_setting"]

    plan = target.porting.plan(snapshot, prune=True)

    assert [(c.action, c.label) for c in plan] == [("delete", 'marker_setting web/"feature-flag"')]


def test_reexport_writes_a_byte_identical_tree(source: Client, tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    (source.porting.export()).write(first)
    (source.porting.export()).write(second)

    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)
    assert Snapshot.read(first) == source.porting.export()
