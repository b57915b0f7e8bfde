"""Provisioning against the target: every kind of configuration object is created, read
back, changed, written back with ``update`` (the object as read, per the round-trip rule)
and deleted.

One test walks the dependency graph a team builds: a dataset with a column and a
calculated field, a webhook recipient, a trigger on it, an SLO on the calculated field
with a burn alert, a saved query with an annotation, a board showing the query and the
SLO, a marker and a marker setting; then it deletes them in reverse. Triggers are created
disabled and the webhook points at example.com, so nothing fires on a real account.
"""

from __future__ import annotations

import time

import pytest

from honeycomb import AsyncClient, NotFoundError
from honeycomb.models.burn_alerts import ExhaustionTimeBurnAlert
from honeycomb.models.datasets import DatasetSettings
from tests.live._async.harness import recipient_name
from tests.live._target import Scratch


async def test_every_object_round_trips_and_is_deleted(
    client: AsyncClient, scratch: Scratch
) -> None:
    now = int(time.time())
    created = await client.datasets.create(
        {"name": scratch.name("provisioning"), "description": "live suite"}
    )
    ds = created.slug
    assert created.name == scratch.name("provisioning")

    dataset = await client.datasets.get(ds)
    dataset.description = "live suite, updated"
    assert (await client.datasets.update(ds, dataset)).description == "live suite, updated"

    # A column and a calculated field: the SLI.
    column = await client.columns.create(ds, {"key_name": "duration_ms", "type": "float"})
    got_column = await client.columns.get(ds, column.id)
    got_column.description = "request time"
    updated_column = await client.columns.update(ds, got_column.id, got_column)
    assert (updated_column.key_name, updated_column.description) == ("duration_ms", "request time")

    field = await client.calculated_fields.create(
        ds, {"alias": "sli_fast", "expression": "LT($duration_ms, 300)"}
    )
    got_field = await client.calculated_fields.get(ds, field.id)
    got_field.expression = "LT($duration_ms, 500)"
    updated_field = await client.calculated_fields.update(ds, got_field.id, got_field)
    assert updated_field.expression == "LT($duration_ms, 500)"

    # A webhook recipient, named with the run prefix (that is what the clean-up matches).
    recipient = await client.recipients.create(
        {
            "type": "webhook",
            "details": {
                "webhook_name": scratch.name("webhook"),
                "webhook_url": "https://example.com/hcsdk-live",
            },
        }
    )
    got_recipient = await client.recipients.get(recipient.id)
    assert recipient_name(got_recipient) == scratch.name("webhook")
    details = getattr(got_recipient, "details", None)
    assert details is not None
    details.webhook_name = scratch.name("webhook-2")
    updated_recipient = await client.recipients.update(got_recipient.id, got_recipient)
    assert recipient_name(updated_recipient) == scratch.name("webhook-2")

    # A trigger (disabled: it must never fire on a real account).
    trigger = await client.triggers.create(
        ds, scratch.trigger("trigger", recipients=[{"id": recipient.id}])
    )
    got_trigger = await client.triggers.get(ds, trigger.id)
    assert got_trigger.disabled is True
    assert got_trigger.threshold is not None
    got_trigger.threshold.value = 2000
    updated_trigger = await client.triggers.update(ds, got_trigger.id, got_trigger)
    assert updated_trigger.threshold is not None and updated_trigger.threshold.value == 2000
    assert [t.id for t in await client.triggers.list(ds)] == [trigger.id]

    # An SLO on the calculated field, and a burn alert on it.
    slo = await client.slos.create(
        ds,
        {
            "name": scratch.name("slo"),
            "sli": {"alias": "sli_fast"},
            "time_period_days": 7,
            "target_per_million": 990_000,
        },
    )
    got_slo = await client.slos.get(ds, slo.id)
    got_slo.target_per_million = 995_000
    assert (await client.slos.update(ds, got_slo.id, got_slo)).target_per_million == 995_000

    alert = await client.burn_alerts.create(
        ds,
        {
            "alert_type": "exhaustion_time",
            "exhaustion_minutes": 240,
            "slo": {"id": slo.id},
            "recipients": [{"id": recipient.id}],
        },
    )
    got_alert = await client.burn_alerts.get(ds, alert.id)
    assert isinstance(got_alert, ExhaustionTimeBurnAlert)
    got_alert.exhaustion_minutes = 120
    updated_alert = await client.burn_alerts.update(ds, got_alert.id, got_alert)
    assert isinstance(updated_alert, ExhaustionTimeBurnAlert)
    assert updated_alert.exhaustion_minutes == 120

    # A saved query with an annotation, and a board showing it, the SLO and some text.
    query = await client.queries.create(
        ds, {"calculations": [{"op": "P99", "column": "duration_ms"}], "time_range": 3600}
    )
    annotation = await client.query_annotations.create(
        ds, {"name": scratch.name("annotation"), "query_id": str(query.id)}
    )
    got_annotation = await client.query_annotations.get(ds, str(annotation.id))
    got_annotation.description = "p99 latency"
    updated_annotation = await client.query_annotations.update(
        ds, str(got_annotation.id), got_annotation
    )
    assert updated_annotation.description == "p99 latency"

    board = await client.boards.create(
        {
            "name": scratch.name("board"),
            "type": "flexible",
            "panels": [
                {
                    "type": "query",
                    "query_panel": {
                        "query_id": str(query.id),
                        "query_annotation_id": str(annotation.id),
                    },
                },
                {"type": "slo", "slo_panel": {"slo_id": slo.id}},
                {"type": "text", "text_panel": {"content": "made by the live suite"}},
            ],
        }
    )
    got_board = await client.boards.get(board.id)
    assert len(got_board.panels or []) == 3
    got_board.description = "live suite board"
    updated_board = await client.boards.update(got_board.id, got_board)
    assert (updated_board.description, len(updated_board.panels or [])) == (
        "live suite board",
        3,
    )

    # A marker (no single GET: found by listing) and a marker setting.
    marker = await client.markers.create(
        ds, {"message": scratch.name("deploy"), "type": "deploy", "start_time": now}
    )
    listed = [m for m in await client.markers.list(ds) if m.id == marker.id]
    assert [m.message for m in listed] == [scratch.name("deploy")]
    listed[0].message = scratch.name("deploy-2")
    assert (await client.markers.update(ds, marker.id, listed[0])).message == scratch.name(
        "deploy-2"
    )
    setting = await client.marker_settings.create(ds, {"type": "deploy", "color": "#ff0000"})
    settings = [s for s in await client.marker_settings.list(ds) if s.id == setting.id]
    assert len(settings) == 1
    settings[0].color = "#00ff00"
    assert (await client.marker_settings.update(ds, setting.id, settings[0])).color == "#00ff00"

    # Everything is deleted again, dependents first.
    await client.boards.delete(board.id)
    with pytest.raises(NotFoundError):
        await client.boards.get(board.id)
    await client.query_annotations.delete(ds, str(annotation.id))
    await client.burn_alerts.delete(ds, alert.id)
    await client.slos.delete(ds, slo.id)
    await client.triggers.delete(ds, trigger.id)
    with pytest.raises(NotFoundError):
        await client.triggers.get(ds, trigger.id)
    await client.recipients.delete(recipient.id)
    await client.calculated_fields.delete(ds, field.id)
    await client.markers.delete(ds, marker.id)
    await client.marker_settings.delete(ds, setting.id)
    await client.columns.delete(ds, column.id)
    assert await client.markers.list(ds) == []

    # A dataset is delete-protected when created; the suite switches that off first.
    dataset = await client.datasets.get(ds)
    dataset.settings = DatasetSettings(delete_protected=False)
    unprotected = await client.datasets.update(ds, dataset)
    assert unprotected.settings is not None and unprotected.settings.delete_protected is False
    await client.datasets.delete(ds)
