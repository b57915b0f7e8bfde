"""What the SDK reads goes back in: get -> modify -> update, and copy with create, for every
resource group, through the client against FakeHoneycomb.

Table-driven: each case reads an object, changes it, sends it back to ``update`` and to
``create`` (in another dataset, board or environment where the API scopes it) in one of
three forms: the response model itself, its ``model_dump()`` and its
``model_dump(mode="json")``. Every body the client sent is then checked against
Honeycomb's spec: valid, and without a read-only property (skipped without the spec).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, Literal

import httpx
import pytest
from pydantic import BaseModel

from honeycomb import AsyncClient, RequestValidationError
from honeycomb.models.burn_alerts import BurnAlertSLO, ExhaustionTimeBurnAlert
from honeycomb.models.recipients import EmailRecipient
from honeycomb.query import QueryBuilder
from honeycomb.testing import FakeHoneycomb
from tests._spec import spec_dir

NOW = int(time.time())
BASE = "https://api.honeycomb.io"

Form = Literal["model", "dump", "json"]
FORMS: tuple[Form, ...] = ("model", "dump", "json")


@pytest.fixture
def fake() -> FakeHoneycomb:
    return FakeHoneycomb(query_polls=0, seed=3)


def sent(value: BaseModel, form: Form) -> Any:
    """``value`` as the caller passes it back: the model, or one of its dumps."""
    if form == "model":
        return value
    if form == "dump":
        return value.model_dump()
    return value.model_dump(mode="json")


async def _world(hc: AsyncClient) -> None:
    """Two datasets with a few columns and an SLI each."""
    for name in ("web", "other"):
        await hc.datasets.create({"name": name})
        await hc.events.send_batch(
            name, [{"data": {"status": 200, "duration_ms": 5, "endpoint": "/"}, "time": NOW - 9}]
        )
        await hc.calculated_fields.create(name, {"alias": "ok", "expression": "LT($status, 500)"})


async def _recipient(hc: AsyncClient, channel: str = "#ops") -> str:
    recipient = await hc.recipients.create({"type": "slack", "details": {"slack_channel": channel}})
    return recipient.id


def _query(**extra: Any) -> dict[str, Any]:
    return {"calculations": [{"op": "COUNT"}], "breakdowns": ["endpoint"], **extra}


# ---------------------------------------------------------------------- the cases


async def datasets(hc: AsyncClient, fake: FakeHoneycomb, form: Form) -> None:
    got = await hc.datasets.get("web")
    got.description = "front end"
    updated = await hc.datasets.update("web", sent(got, form))
    assert updated.description == "front end"
    got.name = "web copy"
    copy = await hc.datasets.create(sent(got, form))
    assert (copy.slug, copy.description) == ("web-copy", "front end")


async def columns(hc: AsyncClient, fake: FakeHoneycomb, form: Form) -> None:
    made = await hc.columns.create("web", {"key_name": "region", "type": "string"})
    got = await hc.columns.get("web", made.id)
    got.description = "cloud region"
    updated = await hc.columns.update("web", got.id, sent(got, form))
    assert updated.description == "cloud region"
    copy = await hc.columns.create("other", sent(got, form))
    assert (copy.key_name, copy.description, str(copy.type)) == ("region", "cloud region", "string")


async def calculated_fields(hc: AsyncClient, fake: FakeHoneycomb, form: Form) -> None:
    made = await hc.calculated_fields.create(
        "web", {"alias": "slow", "expression": "GT($duration_ms, 1)"}
    )
    got = await hc.calculated_fields.get("web", made.id)
    got.expression = "GT($duration_ms, 100)"
    updated = await hc.calculated_fields.update("web", got.id, sent(got, form))
    assert updated.expression == "GT($duration_ms, 100)"
    copy = await hc.calculated_fields.create("other", sent(got, form))
    assert (copy.alias, copy.expression) == ("slow", "GT($duration_ms, 100)")


async def dataset_definitions(hc: AsyncClient, fake: FakeHoneycomb, form: Form) -> None:
    await hc.dataset_definitions.update("web", {"duration_ms": {"name": "duration_ms"}})
    got = await hc.dataset_definitions.get("web")
    updated = await hc.dataset_definitions.update("web", sent(got, form))
    assert updated.duration_ms is not None and updated.duration_ms.name == "duration_ms"
    copy = await hc.dataset_definitions.update("other", sent(got, form))
    assert copy.duration_ms is not None and copy.duration_ms.name == "duration_ms"


async def queries(hc: AsyncClient, fake: FakeHoneycomb, form: Form) -> None:
    made = await hc.queries.create("web", _query(time_range=600))
    got = await hc.queries.get("web", str(made.id))
    copy = await hc.queries.create("other", sent(got, form))
    assert (copy.breakdowns, copy.time_range) == (["endpoint"], 600)
    assert copy.id != made.id


async def query_annotations(hc: AsyncClient, fake: FakeHoneycomb, form: Form) -> None:
    query = await hc.queries.create("web", _query())
    made = await hc.query_annotations.create("web", {"name": "q", "query_id": str(query.id)})
    got = await hc.query_annotations.get("web", str(made.id))
    got.description = "by endpoint"
    updated = await hc.query_annotations.update("web", str(got.id), sent(got, form))
    assert updated.description == "by endpoint"
    other_query = await hc.queries.create("other", query)
    got.query_id = other_query.id
    copy = await hc.query_annotations.create("other", sent(got, form))
    assert (copy.name, copy.description, copy.query_id) == ("q", "by endpoint", other_query.id)


async def triggers(hc: AsyncClient, fake: FakeHoneycomb, form: Form) -> None:
    made = await hc.triggers.create(
        "web",
        {
            "name": "errors",
            "query": {"calculations": [{"op": "COUNT"}], "time_range": 900},
            "threshold": {"op": ">", "value": 1},
            "frequency": 300,
            "recipients": [{"id": await _recipient(hc)}],
            "tags": [{"key": "team", "value": "web"}],
        },
    )
    got = await hc.triggers.get("web", made.id)
    assert got.query is not None and got.query_id  # the API returns both
    got.name = "errors!"
    updated = await hc.triggers.update("web", got.id, sent(got, form))
    assert updated.name == "errors!"
    copy = await hc.triggers.create("other", sent(got, form))
    assert (copy.dataset_slug, copy.name, copy.frequency) == ("other", "errors!", 300)
    assert copy.query_id != got.query_id  # the inline query was sent, not web's query id


async def slos(hc: AsyncClient, fake: FakeHoneycomb, form: Form) -> None:
    made = await hc.slos.create(
        "web",
        {"name": "avail", "sli": {"alias": "ok"}, "time_period_days": 7, "target_per_million": 9e5},
    )
    got = await hc.slos.get("web", made.id)
    got.target_per_million = 990_000
    updated = await hc.slos.update("web", got.id, sent(got, form))
    assert updated.target_per_million == 990_000
    copy = await hc.slos.create("other", sent(got, form))
    assert (copy.name, copy.target_per_million) == ("avail", 990_000)


async def burn_alerts(hc: AsyncClient, fake: FakeHoneycomb, form: Form) -> None:
    slo = {"name": "avail", "sli": {"alias": "ok"}, "time_period_days": 7}
    web_slo = await hc.slos.create("web", {**slo, "target_per_million": 900_000})
    other_slo = await hc.slos.create("other", {**slo, "target_per_million": 900_000})
    made = await hc.burn_alerts.create(
        "web",
        {
            "exhaustion_minutes": 60,
            "slo": {"id": web_slo.id},
            "recipients": [{"id": await _recipient(hc)}],
        },
    )
    got = await hc.burn_alerts.get("web", made.id)
    assert isinstance(got, ExhaustionTimeBurnAlert)
    got.exhaustion_minutes = 30
    updated = await hc.burn_alerts.update("web", got.id, sent(got, form))
    assert isinstance(updated, ExhaustionTimeBurnAlert) and updated.exhaustion_minutes == 30
    got.slo = BurnAlertSLO(id=other_slo.id)
    copy = await hc.burn_alerts.create("other", sent(got, form))
    assert isinstance(copy, ExhaustionTimeBurnAlert)
    assert (copy.slo_id, copy.exhaustion_minutes) == (other_slo.id, 30)


async def boards(hc: AsyncClient, fake: FakeHoneycomb, form: Form) -> None:
    query = await hc.queries.create("web", _query())
    annotation = await hc.query_annotations.create("web", {"name": "q", "query_id": str(query.id)})
    made = await hc.boards.create(
        {
            "name": "ops",
            "panels": [
                {
                    "type": "query",
                    "query_panel": {
                        "query_id": str(query.id),
                        "query_annotation_id": str(annotation.id),
                    },
                },
                {"type": "text", "text_panel": {"content": "hello"}},
            ],
            "tags": [{"key": "team", "value": "web"}],
        }
    )
    got = await hc.boards.get(made.id)
    got.name = "ops 2"
    updated = await hc.boards.update(got.id, sent(got, form))
    assert (updated.name, len(updated.panels or [])) == ("ops 2", 2)
    copy = await hc.boards.create(sent(got, form))
    assert copy.id != got.id and (copy.name, len(copy.panels or [])) == ("ops 2", 2)


async def board_views(hc: AsyncClient, fake: FakeHoneycomb, form: Form) -> None:
    board = await hc.boards.create({"name": "ops"})
    second = await hc.boards.create({"name": "ops 2"})
    made = await hc.board_views.create(
        board.id,
        {"name": "errors", "filters": [{"column": "status", "operation": ">=", "value": 500}]},
    )
    got = await hc.board_views.get(board.id, made.id)
    got.name = "5xx"
    updated = await hc.board_views.update(board.id, got.id, sent(got, form))
    assert updated.name == "5xx"
    copy = await hc.board_views.create(second.id, sent(got, form))
    assert (copy.name, len(copy.filters or [])) == ("5xx", 1)


async def markers(hc: AsyncClient, fake: FakeHoneycomb, form: Form) -> None:
    await hc.markers.create("web", {"message": "v1", "type": "deploy", "start_time": NOW})
    got = (await hc.markers.list("web"))[0]
    got.message = "v2"
    updated = await hc.markers.update("web", got.id, sent(got, form))
    assert updated.message == "v2"
    copy = await hc.markers.create("other", sent(got, form))
    assert (copy.message, copy.type, copy.start_time) == ("v2", "deploy", NOW)


async def marker_settings(hc: AsyncClient, fake: FakeHoneycomb, form: Form) -> None:
    await hc.marker_settings.create("web", {"type": "deploy", "color": "#ff0000"})
    got = (await hc.marker_settings.list("web"))[0]
    got.color = "#00ff00"
    updated = await hc.marker_settings.update("web", got.id, sent(got, form))
    assert updated.color == "#00ff00"
    copy = await hc.marker_settings.create("other", sent(got, form))
    assert (copy.type, copy.color) == ("deploy", "#00ff00")


async def recipients(hc: AsyncClient, fake: FakeHoneycomb, form: Form) -> None:
    made = await hc.recipients.create({"type": "email", "details": {"email_address": "a@b.io"}})
    got = await hc.recipients.get(made.id)
    assert isinstance(got, EmailRecipient) and got.details is not None
    got.details.email_address = "ops@b.io"
    updated = await hc.recipients.update(got.id, sent(got, form))
    assert isinstance(updated, EmailRecipient) and updated.details is not None
    assert updated.details.email_address == "ops@b.io"
    got.details.email_address = "copy@b.io"  # an identical recipient would be a conflict
    copy = await hc.recipients.create(sent(got, form))
    assert copy.id != got.id and isinstance(copy, EmailRecipient)


async def signals(hc: AsyncClient, fake: FakeHoneycomb, form: Form) -> None:
    signal_id = fake.add_signal("checkout", dataset="web")["id"]
    got = await hc.signals.get(signal_id)
    got.enabled = False
    updated = await hc.signals.update(got.id, sent(got, form))
    assert updated.enabled is False
    # Signals are made by Honeycomb, not by the API: there is nothing to copy with.


async def environments(hc: AsyncClient, fake: FakeHoneycomb, form: Form) -> None:
    made = await hc.environments.create({"name": "Staging", "color": "gold"})
    got = await hc.environments.get(made.id)
    got.description = "pre-prod"
    updated = await hc.environments.update(got.id, sent(got, form))
    assert updated.description == "pre-prod"
    got.name = "Production"
    copy = await hc.environments.create(sent(got, form))
    assert (copy.slug, copy.description, copy.color) == ("production", "pre-prod", "gold")


async def api_keys(hc: AsyncClient, fake: FakeHoneycomb, form: Form) -> None:
    made = await hc.api_keys.create(
        {"name": "collectors", "key_type": "ingest", "environment_id": fake.environment.id}
    )
    got = await hc.api_keys.get(made.id)
    got.name = "collectors (old)"
    updated = await hc.api_keys.update(got.id, sent(got, form))
    assert updated.name == "collectors (old)"
    copy = await hc.api_keys.create(sent(got, form))
    assert copy.id != got.id and (copy.name, copy.environment_id) == (got.name, got.environment_id)


async def team_markers(hc: AsyncClient, fake: FakeHoneycomb, form: Form) -> None:
    got = await hc.team_markers.create(
        {
            "environment_id": fake.environment.id,
            "dataset_id": "web",
            "start_time": NOW,
            "type": "deploy",
        }
    )
    got.message = "v2"
    updated = await hc.team_markers.update(got.id, sent(got, form))
    assert (updated.message, updated.dataset_id) == ("v2", "web")
    got.dataset_id = None  # environment-wide
    copy = await hc.team_markers.create(sent(got, form))
    assert copy.id != got.id and (copy.message, copy.dataset_id) == ("v2", None)


Case = Callable[[AsyncClient, FakeHoneycomb, Form], Any]  # a coroutine function on AsyncClient

CASES: list[Case] = [
    datasets,
    columns,
    calculated_fields,
    dataset_definitions,
    queries,
    query_annotations,
    triggers,
    slos,
    burn_alerts,
    boards,
    board_views,
    markers,
    marker_settings,
    recipients,
    signals,
    environments,
    api_keys,
    team_markers,
]


def _as_request(recorded: Any) -> httpx.Request:
    return httpx.Request(
        recorded.method,
        BASE + recorded.path,
        params=recorded.params,
        headers=recorded.headers,
        content=recorded.body,
    )


def check_bodies_against_the_spec(fake: FakeHoneycomb) -> None:
    """Every create/update body sent is valid for the spec and has no read-only field."""
    if spec_dir() is None:
        return  # the behaviour above was still checked; the spec is optional
    from tests._contract import read_only_fields, validate_request

    bodies = [r for r in fake.requests if r.method in ("POST", "PUT", "PATCH") and r.body]
    assert bodies
    for recorded in bodies:
        request = _as_request(recorded)
        op, problems = validate_request(request)
        where = f"{recorded.method} {recorded.path}: {recorded.json}"
        assert op is not None and problems == [], (where, problems)
        assert read_only_fields(request) == [], where


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("case", CASES, ids=[c.__name__ for c in CASES])
async def test_round_trip(hc: AsyncClient, fake: FakeHoneycomb, case: Case, form: Form) -> None:
    await _world(hc)
    fake.clear_requests()
    await case(hc, fake, form)
    assert all(r.status < 300 for r in fake.requests), [
        (r.method, r.path, r.status) for r in fake.requests if r.status >= 300
    ]
    check_bodies_against_the_spec(fake)


# ------------------------------------------------------------ what is and is not dropped


async def test_a_typo_is_still_an_error_even_in_a_read_object(hc: AsyncClient) -> None:
    await _world(hc)
    got = await hc.datasets.get("web")
    body = {**got.model_dump(mode="json"), "descripton": "typo"}
    with pytest.raises(RequestValidationError) as info:
        await hc.datasets.update("web", body)
    assert "descripton" in str(info.value)
    assert [e["loc"] for e in info.value.errors()] == [("descripton",)]


async def test_a_read_only_field_in_a_hand_written_dict_is_an_error(hc: AsyncClient) -> None:
    """Only what comes from a response is trimmed; a hand-written dict is checked as is."""
    with pytest.raises(RequestValidationError, match="settings"):
        await hc.environments.create({"name": "QA", "settings": {"delete_protected": False}})


async def test_v2_create_and_update_take_a_json_api_document(
    hc: AsyncClient, fake: FakeHoneycomb
) -> None:
    env = await hc.environments.create(
        {"data": {"type": "environments", "attributes": {"name": "QA", "color": "blue"}}}
    )
    assert (env.name, env.color) == ("QA", "blue")
    changed = await hc.environments.update(
        env.id,
        {"data": {"type": "environments", "id": env.id, "attributes": {"description": "qa"}}},
    )
    assert changed.description == "qa"
    key = await hc.api_keys.create(
        {
            "data": {
                "type": "api-keys",
                "attributes": {"name": "k", "key_type": "ingest"},
                "relationships": {"environment": {"data": {"type": "environments", "id": env.id}}},
            }
        }
    )
    assert (key.name, key.environment_id) == ("k", env.id)
    with pytest.raises(RequestValidationError, match=r"data\.type"):
        await hc.environments.create({"data": {"type": "api-keys", "attributes": {"name": "x"}}})
    check_bodies_against_the_spec(fake)


async def test_a_query_builder_goes_wherever_a_query_does(
    hc: AsyncClient, fake: FakeHoneycomb
) -> None:
    await _world(hc)
    builder = QueryBuilder().calculate("COUNT").group_by("endpoint").last(seconds=900)
    query = await hc.queries.create("web", builder)
    assert (query.breakdowns, query.time_range) == (["endpoint"], 900)
    result = await hc.query_results.run("web", builder, poll_interval=0.001)
    assert result.complete is True
    trigger = await hc.triggers.create(
        "web",
        {
            "name": "busy",
            "query": QueryBuilder().calculate("COUNT").last(seconds=900),
            "threshold": {"op": ">", "value": 100},
            "frequency": 300,
        },
    )
    assert trigger.query is not None and trigger.query.time_range == 900
    check_bodies_against_the_spec(fake)
