"""honeycomb.porting without any client: snapshots, files, plans, bodies, references."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from honeycomb.errors import HoneycombError
from honeycomb.porting import (
    MISSING,
    Captured,
    Ids,
    PortableObject,
    Snapshot,
    SnapshotError,
    UnresolvedReferenceError,
    body_for,
    build_plan,
    diff_fields,
    portable_objects,
)

QUERY = {"calculations": [{"op": "COUNT"}], "time_range": 900}


def trigger(name: str, value: int = 10, dataset: str = "api", **extra: Any) -> PortableObject:
    spec = {"name": name, "query": QUERY, "threshold": {"op": ">", "value": value}, **extra}
    return PortableObject("trigger", dataset, spec)


def with_id(obj: PortableObject, object_id: str, **ids: Any) -> PortableObject:
    obj.ids = {"id": object_id, **ids}
    return obj


# -------------------------------------------------------------------------- objects


def test_defaults_and_empty_values_are_not_recorded() -> None:
    obj = trigger("t", description="", tags=[], disabled=False, frequency=900, threshold_extra=None)
    obj.spec["threshold"]["exceeded_limit"] = 1

    snap = Snapshot([obj])

    assert snap.objects[0].spec == {
        "name": "t",
        "query": QUERY,
        "threshold": {"op": ">", "value": 10},
    }


def test_duplicate_names_get_numbered_keys_in_content_order() -> None:
    snap = Snapshot([trigger("dup", 20), trigger("dup", 10), trigger("other")])

    assert [(o.key, o.spec["threshold"]["value"]) for o in snap] == [
        ("dup", 10),
        ("dup#2", 20),
        ("other", 10),
    ]


def test_kind_and_dataset_are_checked() -> None:
    with pytest.raises(SnapshotError, match="unknown kind 'widget'"):
        Snapshot([PortableObject("widget", None, {})])
    with pytest.raises(SnapshotError, match="a trigger needs a dataset"):
        Snapshot([PortableObject("trigger", None, {"name": "x"})])
    with pytest.raises(SnapshotError, match="a board belongs to no dataset"):
        Snapshot([PortableObject("board", "api", {"name": "x"})])
    assert issubclass(SnapshotError, HoneycombError)


# ---------------------------------------------------------------------------- files


def sample() -> Snapshot:
    return Snapshot(
        [
            PortableObject("dataset", None, {"slug": "api", "name": "api", "description": "d"}),
            PortableObject(
                "recipient", None, {"type": "email", "details": {"email_address": "a@b.c"}}
            ),
            trigger("High latency", recipients=[{"type": "email", "target": "a@b.c"}]),
            trigger("high latency", 20),  # same file name once lower-cased
            trigger("Errors", dataset="__all__"),
            PortableObject("board", None, {"name": "Ops", "panels": [{"type": "text"}]}),
        ],
        source={"team": "t", "environment": "prod"},
    )


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_write_then_read_gives_the_same_snapshot(tmp_path: Path, fmt: Any) -> None:
    snap = sample()

    snap.write(tmp_path, format=fmt)

    assert Snapshot.read(tmp_path) == snap
    assert Snapshot.read(tmp_path).source == {"team": "t", "environment": "prod"}


def test_the_tree_is_grouped_by_kind_and_dataset(tmp_path: Path) -> None:
    sample().write(tmp_path)

    files = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file())
    suffixed = [f for f in files if f.startswith("triggers/api/high-latency--")]
    assert len(suffixed) == 1
    assert files == sorted(
        [
            "manifest.yaml",
            "datasets/api.yaml",
            "recipients/email-a@b.c.yaml",
            "triggers/api/high-latency.yaml",
            suffixed[0],
            "triggers/__all__/errors.yaml",
            "boards/ops.yaml",
        ]
    )
    # the colliding files still say the real names
    names = {
        (tmp_path / f).read_text().splitlines()[2]
        for f in ("triggers/api/high-latency.yaml", suffixed[0])
    }
    assert names == {"name: High latency", "name: high latency"}
    manifest = (tmp_path / "manifest.yaml").read_text()
    assert manifest == (
        "format: honeycomb-snapshot\nversion: 1\nsource:\n  environment: prod\n  team: t\n"
    )


def test_collision_suffixes_are_stable(tmp_path: Path) -> None:
    first = sample().paths()
    second = Snapshot([*sample().objects, trigger("Another")]).paths()

    assert {p: o.key for p, o in first.items()} == {
        p: o.key for p, o in second.items() if o.key != "Another"
    }


def test_no_ids_or_timestamps_are_written(tmp_path: Path) -> None:
    obj = with_id(trigger("t"), "abc123")
    Snapshot([obj]).write(tmp_path, format="json")

    text = (tmp_path / "triggers/api/t.json").read_text()
    assert json.loads(text) == {
        "kind": "trigger",
        "dataset": "api",
        "name": "t",
        "query": QUERY,
        "threshold": {"op": ">", "value": 10},
    }
    assert "abc123" not in text


def test_rewriting_changes_no_file_and_removes_stale_ones(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("ours")
    sample().write(tmp_path)
    before = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*") if p.is_file()}

    sample().write(tmp_path)
    assert {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*") if p.is_file()} == before

    smaller = Snapshot([o for o in sample() if o.kind != "board"])
    smaller.write(tmp_path)
    assert not (tmp_path / "boards").exists()
    assert (tmp_path / "README.md").read_text() == "ours"
    assert Snapshot.read(tmp_path) == smaller


def test_switching_format_leaves_one_manifest(tmp_path: Path) -> None:
    sample().write(tmp_path)
    sample().write(tmp_path, format="json")

    assert not list(tmp_path.rglob("*.yaml"))
    assert (tmp_path / "manifest.json").exists()


def test_reading_bad_trees_names_the_problem(tmp_path: Path) -> None:
    with pytest.raises(SnapshotError, match="no manifest"):
        Snapshot.read(tmp_path)
    (tmp_path / "manifest.yaml").write_text("format: honeycomb-snapshot\nversion: 9\n")
    with pytest.raises(SnapshotError, match="format version 9 is not supported"):
        Snapshot.read(tmp_path)
    (tmp_path / "manifest.yaml").write_text("format: honeycomb-snapshot\nversion: 1\n")
    bad = tmp_path / "triggers" / "api" / "x.yaml"
    bad.parent.mkdir(parents=True)
    bad.write_text("kind: trigger\nname: [unclosed\n")
    with pytest.raises(SnapshotError, match=r"x\.yaml: not valid YAML"):
        Snapshot.read(tmp_path)
    bad.write_text("kind: trigger\nname: x\n")
    with pytest.raises(SnapshotError, match=r"x\.yaml: a trigger needs a dataset"):
        Snapshot.read(tmp_path)
    bad.write_text("kind: gadget\n")
    with pytest.raises(SnapshotError, match="unknown kind 'gadget'"):
        Snapshot.read(tmp_path)
    with pytest.raises(SnapshotError, match="format must be"):
        sample().write(tmp_path, format="xml")  # type: ignore[arg-type]


# ---------------------------------------------------------------------------- remap


def test_remap_moves_datasets_and_every_reference() -> None:
    snap = Snapshot(
        [
            PortableObject("dataset", None, {"slug": "api", "name": "api"}),
            PortableObject("slo", "api", {"name": "s", "sli": {"alias": "ok"}}),
            PortableObject(
                "burn_alert",
                "api",
                {
                    "alert_type": "exhaustion_time",
                    "exhaustion_minutes": 60,
                    "slo": {"dataset": "api", "name": "s"},
                },
            ),
            PortableObject("slo", "__all__", {"name": "m", "dataset_slugs": ["api", "web"]}),
            PortableObject(
                "board",
                None,
                {
                    "name": "b",
                    "panels": [
                        {"type": "query", "dataset": "api", "query": QUERY},
                        {"type": "slo", "slo": {"dataset": "api", "name": "s"}},
                    ],
                },
            ),
        ],
        datasets=["api", "web", "__all__"],
    )

    moved = snap.remap({"api": "api-stg"})

    assert moved.get("dataset", None, "api-stg") is not None
    assert moved.get("slo", "api-stg", "s") is not None
    alert = moved.of_kind("burn_alert")[0]
    assert (alert.dataset, alert.spec["slo"]) == ("api-stg", {"dataset": "api-stg", "name": "s"})
    assert moved.get("slo", "__all__", "m").spec["dataset_slugs"] == ["api-stg", "web"]  # type: ignore[union-attr]
    panels = moved.of_kind("board")[0].spec["panels"]
    assert panels[0]["dataset"] == "api-stg"
    assert panels[1]["slo"] == {"dataset": "api-stg", "name": "s"}
    assert moved.datasets == ["__all__", "api-stg", "web"]
    assert snap.get("slo", "api", "s") is not None  # the original is unchanged
    with pytest.raises(SnapshotError, match="does not have: nope"):
        snap.remap({"nope": "x"})
    with pytest.raises(SnapshotError, match="two datasets would map onto web"):
        snap.remap({"api": "web"})


# ----------------------------------------------------------------------------- plans


def test_diff_fields_reports_leaves() -> None:
    changes = diff_fields(
        {"a": 1, "b": {"c": [1, 2]}, "gone": True, "l": [1]},
        {"a": 2, "b": {"c": [1, 3]}, "new": "x", "l": [1, 2]},
    )

    assert [(c.path, c.before, c.after) for c in changes] == [
        ("a", 1, 2),
        ("b.c[1]", 2, 3),
        ("gone", True, MISSING),
        ("l", [1], [1, 2]),
        ("new", MISSING, "x"),
    ]


def test_plan_creates_updates_and_deletes_in_dependency_order() -> None:
    desired = Snapshot(
        [
            trigger("changed", 20),
            trigger("same"),
            trigger("new"),
            PortableObject(
                "recipient", None, {"type": "slack", "details": {"slack_channel": "#a"}}
            ),
        ]
    )
    current = Snapshot(
        [
            with_id(trigger("changed", 10), "t1"),
            with_id(trigger("same"), "t2"),
            with_id(trigger("stale"), "t3"),
            with_id(
                PortableObject("calculated_field", "api", {"alias": "x", "expression": "1"}), "c1"
            ),
            with_id(PortableObject("column", "api", {"key_name": "k"}), "k1"),
            with_id(PortableObject("dataset", None, {"slug": "old", "name": "old"}), "old"),
        ]
    )

    assert [(c.action, c.label) for c in build_plan(desired, current)] == [
        ("create", 'recipient "slack:#a"'),
        ("update", 'trigger api/"changed"'),
        ("create", 'trigger api/"new"'),
    ]
    plan = build_plan(desired, current, prune=True)
    assert [(c.action, c.label) for c in plan] == [
        ("create", 'recipient "slack:#a"'),
        ("update", 'trigger api/"changed"'),
        ("create", 'trigger api/"new"'),
        ("delete", 'trigger api/"stale"'),
        ("delete", 'calculated_field api/"x"'),
    ]
    assert plan.counts() == {"create": 2, "update": 1, "delete": 2}
    assert repr(plan) == "Plan(create=2, update=1, delete=2)"


def test_plan_reads_like_terraform() -> None:
    desired = Snapshot([trigger("changed", 20), trigger("new")])
    current = Snapshot([with_id(trigger("changed", 10), "t1"), with_id(trigger("old"), "t9")])

    text = str(build_plan(desired, current, prune=True))

    assert text == (
        "Honeycomb will perform the following actions:\n"
        "\n"
        '  ~ update trigger api/"changed"\n'
        "      ~ threshold.value: 10 -> 20\n"
        "\n"
        '  + create trigger api/"new"\n'
        '      + name: "new"\n'
        '      + query: {"calculations": [{"op": "COUNT"}], "time_range": 900}\n'
        '      + threshold: {"op": ">", "value": 10}\n'
        "\n"
        '  - delete trigger api/"old"\n'
        "\n"
        "Plan: 1 to create, 1 to update, 1 to delete.\n"
    )


def test_plan_as_json() -> None:
    desired = Snapshot([trigger("changed", 20)])
    current = Snapshot([with_id(trigger("changed", 10), "t1")], source={"team": "x"})

    data = build_plan(desired, current, target={"environment": "stg"}).to_dict()

    assert data == {
        "summary": {"create": 0, "update": 1, "delete": 0},
        "source": {},
        "target": {"environment": "stg"},
        "changes": [
            {
                "action": "update",
                "kind": "trigger",
                "dataset": "api",
                "key": "changed",
                "fields": [{"path": "threshold.value", "before": 10, "after": 20}],
                "target_id": "t1",
            }
        ],
    }
    json.dumps(data)


def test_an_empty_plan_says_so() -> None:
    plan = build_plan(Snapshot([trigger("a")]), Snapshot([with_id(trigger("a"), "1")]))

    assert plan.empty and not plan
    assert str(plan) == "No changes. The target matches the snapshot (1 objects compared).\n"
    assert plan.summary() == "No changes."


def test_a_scoped_snapshot_prunes_only_inside_its_datasets() -> None:
    desired = Snapshot([trigger("a")], datasets=["api"])
    current = Snapshot(
        [
            with_id(trigger("gone"), "1"),
            with_id(trigger("elsewhere", dataset="web"), "2"),
            with_id(PortableObject("board", None, {"name": "b"}), "3"),
        ]
    )

    plan = build_plan(desired, current, prune=True)

    assert [(c.action, c.label) for c in plan] == [
        ("create", 'trigger api/"a"'),
        ("delete", 'trigger api/"gone"'),
    ]


# ---------------------------------------------------------------------------- bodies


def test_bodies_resolve_references_and_restore_defaults() -> None:
    recipient = with_id(
        PortableObject("recipient", None, {"type": "email", "details": {"email_address": "a@b"}}),
        "r1",
    )
    slo = with_id(PortableObject("slo", "api", {"name": "s"}), "s1")
    ids = Ids([recipient, slo])
    obj = trigger("t", recipients=[{"type": "email", "target": "a@b", "details": {"x": 1}}])

    body = body_for(obj, ids, update=True)

    assert body == {
        "name": "t",
        "description": "",
        "tags": [],
        "threshold": {"op": ">", "value": 10},
        "frequency": 900,
        "alert_type": "on_change",
        "disabled": False,
        "evaluation_schedule_type": "frequency",
        "baseline_details": {},
        "query": QUERY,
        "recipients": [{"id": "r1", "details": {"x": 1}}],
    }
    alert = PortableObject(
        "burn_alert",
        "api",
        {
            "alert_type": "exhaustion_time",
            "exhaustion_minutes": 30,
            "slo": {"dataset": "api", "name": "s"},
            "recipients": [{"type": "email", "target": "a@b"}],
        },
    )
    assert body_for(alert, ids)["slo"] == {"id": "s1"}
    assert "slo" not in body_for(alert, ids, update=True)


def test_an_unresolvable_reference_is_a_clear_error() -> None:
    obj = trigger("t", recipients=[{"type": "slack", "target": "#nowhere"}])

    with pytest.raises(UnresolvedReferenceError) as caught:
        body_for(obj, Ids())

    assert str(caught.value) == (
        'trigger api/"t": recipient slack:#nowhere is neither in the snapshot nor in the target'
    )
    panel = PortableObject(
        "board",
        None,
        {"name": "b", "panels": [{"type": "slo", "slo": {"dataset": "api", "name": "x"}}]},
    )
    with pytest.raises(UnresolvedReferenceError, match='SLO api/"x" is neither'):
        body_for(panel, Ids())


def test_board_body_uses_the_panel_ids_given() -> None:
    board = PortableObject(
        "board",
        None,
        {
            "name": "b",
            "panels": [
                {"type": "query", "dataset": "api", "query": QUERY, "query_style": "table"},
                {"type": "text", "text_panel": {"content": "hi"}},
            ],
        },
    )

    body = body_for(board, Ids(), panel_ids=[{"query_id": "q", "query_annotation_id": "a"}, {}])

    assert body["panels"] == [
        {
            "type": "query",
            "query_panel": {"query_id": "q", "query_annotation_id": "a", "query_style": "table"},
        },
        {"type": "text", "text_panel": {"content": "hi"}},
    ]
    assert body["type"] == "flexible"


# ------------------------------------------------------------------------- capturing


def test_captured_responses_become_symbolic() -> None:
    captured = Captured(
        datasets=[{"name": "API", "slug": "api", "description": "", "created_at": "2026-01-01"}],
        recipients=[{"id": "r1", "type": "slack", "details": {"slack_channel": "#a"}}],
        triggers={
            "api": [
                {
                    "id": "t1",
                    "name": "t",
                    "query_id": "q1",
                    "query": {**QUERY, "id": "q1", "filter_combination": "AND"},
                    "threshold": {"op": ">", "value": 1, "exceeded_limit": 1},
                    "recipients": [{"id": "r1"}],
                    "created_at": "2026-01-01",
                    "triggered": True,
                }
            ]
        },
        slos={"api": [{"id": "s1", "name": "s", "sli": {"alias": "ok"}, "tags": []}]},
        query_annotations={
            "api": [
                {"id": "a1", "name": "board one", "query_id": "q2"},
                {"id": "a2", "name": "own", "query_id": "q2", "description": "d"},
            ]
        },
        queries={("api", "q2"): {**QUERY, "id": "q2", "query_annotation_id": "zz"}},
        annotations={"a1": {"id": "a1", "name": "board one", "description": ""}},
        boards=[
            {
                "id": "b1",
                "name": "b",
                "links": {"board_url": "x"},
                "panels": [
                    {
                        "type": "query",
                        "query_panel": {
                            "query_id": "q2",
                            "query_annotation_id": "a1",
                            "dataset": "api",
                            "query_style": "graph",
                        },
                    },
                    {"type": "slo", "slo_panel": {"slo_id": "s1"}},
                ],
            }
        ],
        views={"b1": [{"id": "v1", "name": "v", "filters": []}]},
    )

    snap = Snapshot(portable_objects(captured))

    assert snap.get("dataset", None, "api").spec == {"slug": "api", "name": "API"}  # type: ignore[union-attr]
    assert snap.get("trigger", "api", "t").spec == {  # type: ignore[union-attr]
        "name": "t",
        "query": QUERY,
        "threshold": {"op": ">", "value": 1},
        "recipients": [{"type": "slack", "target": "#a"}],
    }
    assert [o.key for o in snap.of_kind("query_annotation")] == ["own"]
    assert snap.get("query_annotation", "api", "own").spec["query"] == QUERY  # type: ignore[union-attr]
    board = snap.get("board", None, "b")
    assert board is not None
    assert board.spec["panels"] == [
        {"type": "query", "dataset": "api", "query": QUERY, "annotation": {"name": "board one"}},
        {"type": "slo", "slo": {"dataset": "api", "name": "s"}},
    ]
    assert board.spec["views"] == [{"name": "v"}]
    assert board.ids == {
        "id": "b1",
        "panels": [{"query_id": "q2", "query_annotation_id": "a1"}, {}],
        "views": {"v": "v1"},
    }


def test_plans_never_show_recipient_secrets() -> None:
    key = "0123456789abcdef0123456789abcdef"
    pager = PortableObject(
        "recipient",
        None,
        {
            "type": "pagerduty",
            "details": {"pagerduty_integration_key": key, "pagerduty_integration_name": "p"},
        },
    )
    hook = PortableObject(
        "recipient",
        None,
        {
            "type": "webhook",
            "details": {
                "webhook_name": "w",
                "webhook_url": "https://h.example/x",
                "webhook_secret": "s3cr3t-webhook-secret",
                "webhook_headers": [{"header": "Authorization", "value": "Bearer tok3n-value"}],
            },
        },
    )
    old = with_id(
        PortableObject(
            "recipient",
            None,
            {**hook.spec, "details": {**hook.spec["details"], "webhook_secret": "old-secret-1"}},
        ),
        "r2",
    )

    plan = build_plan(Snapshot([pager, hook]), Snapshot([old]))
    shown = str(plan) + json.dumps(plan.to_dict())

    for secret in (key, "s3cr3t-webhook-secret", "old-secret-1", "tok3n-value"):
        assert secret not in shown
    assert 'recipient "pagerduty:…cdef"' in shown
    assert '~ details.webhook_secret: "…et-1" -> "…cret"' in shown


def test_a_pagerduty_recipient_file_is_named_by_its_integration() -> None:
    key = "0123456789abcdef0123456789abcdef"
    pager = PortableObject(
        "recipient",
        None,
        {
            "type": "pagerduty",
            "details": {"pagerduty_integration_key": key, "pagerduty_integration_name": "Prod"},
        },
    )

    assert list(Snapshot([pager]).paths()) == ["recipients/pagerduty-prod.yaml"]
