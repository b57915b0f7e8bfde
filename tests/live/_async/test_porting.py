"""Porting against the target: a dataset's configuration is exported, planned into another
(prefixed) dataset of the same environment, applied, and planned again, which finds
nothing to do. The SDK's ``client.porting``; ``tests/live/test_cli.py`` does the same
with the ``honeycomb`` command."""

from __future__ import annotations

from honeycomb import AsyncClient
from tests.live._async.harness import sweep
from tests.live._mode import is_leftover
from tests.live._target import LiveTarget, Scratch


async def seed(client: AsyncClient, scratch: Scratch, dataset: str) -> None:
    """A dataset with a column, an SLI, an SLO and a (disabled) trigger to a webhook."""
    await client.datasets.create({"name": dataset})
    await client.columns.create(dataset, {"key_name": "duration_ms", "type": "float"})
    await client.calculated_fields.create(
        dataset, {"alias": "sli_fast", "expression": "LT($duration_ms, 300)"}
    )
    recipient = await client.recipients.create(
        {
            "type": "webhook",
            "details": {
                "webhook_name": scratch.name("webhook"),
                "webhook_url": f"https://example.com/{scratch.prefix}",
            },
        }
    )
    await client.triggers.create(
        dataset, scratch.trigger("trigger", recipients=[{"id": recipient.id}])
    )
    await client.slos.create(
        dataset,
        {
            "name": scratch.name("slo"),
            "sli": {"alias": "sli_fast"},
            "time_period_days": 7,
            "target_per_million": 990_000,
        },
    )


async def test_export_plan_apply_then_nothing_to_do(
    client: AsyncClient, live: LiveTarget, scratch: Scratch
) -> None:
    src, dst = scratch.name("src"), scratch.name("dst")
    await seed(client, scratch, src)

    snapshot = await client.porting.export(datasets=[src])
    kinds = snapshot.counts()
    assert {k: kinds.get(k) for k in ("dataset", "column", "slo", "trigger")} == {
        "dataset": 1,
        "column": 1,
        "slo": 1,
        "trigger": 1,
    }
    plan = await client.porting.plan(snapshot, dataset_map={src: dst})
    creates = sorted(c.kind for c in plan if c.action == "create")
    # The webhook is the environment's already: found by type and target, not created.
    assert creates == ["calculated_field", "column", "dataset", "slo", "trigger"]
    assert {c.dataset for c in plan if c.kind != "dataset"} == {dst}
    report = await client.porting.apply(plan)
    assert report.ok and report.counts()["create"] == 5

    again = await client.porting.plan(snapshot, dataset_map={src: dst})
    assert again.empty, str(again)
    copied = await client.triggers.list(dst)
    assert [(t.name, t.disabled) for t in copied] == [(scratch.name("trigger"), True)]

    deleted, failed = await sweep(
        client,
        lambda name: is_leftover(name, run=scratch.prefix),
        management=False,
    )
    assert failed == []
    assert {f"dataset {src}", f"dataset {dst}", f"recipient {scratch.name('webhook')}"} <= set(
        deleted
    )
    assert sum(label.startswith("trigger ") for label in deleted) == 2
