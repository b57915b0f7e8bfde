# The call table returns whatever each method returns, None included, on purpose.
# mypy: disable-error-code="func-returns-value"
"""Contract tests: every operation's request validates against Honeycomb's OpenAPI spec,
and every example response in the spec parses through the client's models.

Each operation is called through the client over a recording transport. The request is
checked against the spec (method, path, path and query parameters, credential kind,
Accept, content type, JSON body); the transport answers with the spec's example response, or a
body synthesized from the response schema, which must decode without error.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from honeycomb import AsyncClient
from honeycomb._operations import OPERATIONS
from tests._contract import (
    SpecOperation,
    example_bodies,
    response_body,
    spec_operations,
    validate_request,
)
from tests._spec import require_specs, spec_dir, spec_missing_reason

from .conftest import API_KEY, KEY_ID, KEY_SECRET

DS = "web-dataset"
QUERY = {"calculations": [{"op": "COUNT"}], "time_range": 3600}
RECIPIENTS = [{"id": "rcp-1"}]

Call = Callable[[AsyncClient], Any]
CALLS: dict[str, Call] = {}


def call(operation_id: str) -> Callable[[Call], Call]:
    def register(fn: Call) -> Call:
        CALLS[operation_id] = fn
        return fn

    return register


# -- auth and datasets -------------------------------------------------------------


@call("getAuth")
async def _get_auth(c: AsyncClient) -> object:
    return await c.auth.get()


@call("getV2Auth")
async def _get_v2_auth(c: AsyncClient) -> object:
    return await c.auth.get_management()


@call("listDatasets")
async def _list_datasets(c: AsyncClient) -> object:
    return await c.datasets.list()


@call("getDataset")
async def _get_dataset(c: AsyncClient) -> object:
    return await c.datasets.get(DS)


@call("createDataset")
async def _create_dataset(c: AsyncClient) -> object:
    return await c.datasets.create({"name": DS, "description": "web", "expand_json_depth": 2})


@call("updateDataset")
async def _update_dataset(c: AsyncClient) -> object:
    return await c.datasets.update(
        DS, {"description": "d", "expand_json_depth": 1, "settings": {"delete_protected": False}}
    )


@call("deleteDataset")
async def _delete_dataset(c: AsyncClient) -> object:
    return await c.datasets.delete(DS)


@call("listDatasetDefinitions")
async def _get_definitions(c: AsyncClient) -> object:
    return await c.dataset_definitions.get(DS)


@call("patchDatasetDefinitions")
async def _update_definitions(c: AsyncClient) -> object:
    return await c.dataset_definitions.update(
        DS, {"duration_ms": {"name": "duration"}, "error": {"name": ""}}
    )


# -- columns and calculated fields ---------------------------------------------------


@call("listColumns")
async def _list_columns(c: AsyncClient) -> object:
    return await c.columns.list(DS)


@call("getColumn")
async def _get_column(c: AsyncClient) -> object:
    return await c.columns.get(DS, "col-1")


@call("createColumn")
async def _create_column(c: AsyncClient) -> object:
    return await c.columns.create(DS, {"key_name": "duration_ms", "type": "float"})


@call("updateColumn")
async def _update_column(c: AsyncClient) -> object:
    return await c.columns.update(DS, "col-1", {"description": "ms", "hidden": False})


@call("deleteColumn")
async def _delete_column(c: AsyncClient) -> object:
    return await c.columns.delete(DS, "col-1")


@call("listCalculatedFields")
async def _list_fields(c: AsyncClient) -> object:
    return await c.calculated_fields.list(DS)


@call("getCalculatedField")
async def _get_field(c: AsyncClient) -> object:
    return await c.calculated_fields.get(DS, "dc-1")


@call("createCalculatedField")
async def _create_field(c: AsyncClient) -> object:
    return await c.calculated_fields.create(
        "__all__", {"alias": "is_error", "expression": "GTE($status, 500)"}
    )


@call("updateCalculatedField")
async def _update_field(c: AsyncClient) -> object:
    return await c.calculated_fields.update(
        DS, "dc-1", {"alias": "is_error", "expression": "GTE($status, 400)"}
    )


@call("deleteCalculatedField")
async def _delete_field(c: AsyncClient) -> object:
    return await c.calculated_fields.delete(DS, "dc-1")


# -- queries ---------------------------------------------------------------------------


@call("createQuery")
async def _create_query(c: AsyncClient) -> object:
    return await c.queries.create(DS, QUERY)


@call("getQuery")
async def _get_query(c: AsyncClient) -> object:
    return await c.queries.get(DS, "q-1")


@call("createQueryResult")
async def _create_query_result(c: AsyncClient) -> object:
    return await c.query_results.create(DS, {"query_id": "q-1", "disable_series": False})


@call("getQueryResult")
async def _get_query_result(c: AsyncClient) -> object:
    return await c.query_results.get(DS, "qr-1")


@call("listQueryAnnotations")
async def _list_annotations(c: AsyncClient) -> object:
    return await c.query_annotations.list(DS, include_board_annotations=True)


@call("getQueryAnnotation")
async def _get_annotation(c: AsyncClient) -> object:
    return await c.query_annotations.get(DS, "qa-1")


@call("createQueryAnnotation")
async def _create_annotation(c: AsyncClient) -> object:
    return await c.query_annotations.create(DS, {"name": "slow", "query_id": "q-1"})


@call("updateQueryAnnotation")
async def _update_annotation(c: AsyncClient) -> object:
    return await c.query_annotations.update(
        DS, "qa-1", {"name": "slow", "query_id": "q-1", "description": "p99"}
    )


@call("deleteQueryAnnotation")
async def _delete_annotation(c: AsyncClient) -> object:
    return await c.query_annotations.delete(DS, "qa-1")


# -- triggers, SLOs, burn alerts --------------------------------------------------------

TRIGGER = {
    "name": "errors",
    "query": QUERY,
    "threshold": {"op": ">", "value": 10},
    "frequency": 900,
    "recipients": RECIPIENTS,
}


@call("listTriggers")
async def _list_triggers(c: AsyncClient) -> object:
    return await c.triggers.list(DS)


@call("getTrigger")
async def _get_trigger(c: AsyncClient) -> object:
    return await c.triggers.get(DS, "t-1")


@call("createTrigger")
async def _create_trigger(c: AsyncClient) -> object:
    return await c.triggers.create(DS, TRIGGER)


@call("updateTrigger")
async def _update_trigger(c: AsyncClient) -> object:
    return await c.triggers.update(DS, "t-1", {**TRIGGER, "disabled": True})


@call("deleteTrigger")
async def _delete_trigger(c: AsyncClient) -> object:
    return await c.triggers.delete(DS, "t-1")


SLO = {
    "name": "availability",
    "sli": {"alias": "is_good"},
    "time_period_days": 30,
    "target_per_million": 999000,
}


@call("listSlos")
async def _list_slos(c: AsyncClient) -> object:
    return await c.slos.list(DS)


@call("getSlo")
async def _get_slo(c: AsyncClient) -> object:
    return await c.slos.get(DS, "slo-1", detailed=True)


@call("createSlo")
async def _create_slo(c: AsyncClient) -> object:
    return await c.slos.create(DS, SLO)


@call("updateSlo")
async def _update_slo(c: AsyncClient) -> object:
    return await c.slos.update(DS, "slo-1", {**SLO, "description": "ok"})


@call("deleteSlo")
async def _delete_slo(c: AsyncClient) -> object:
    return await c.slos.delete(DS, "slo-1")


@call("getSloHistory")
async def _slo_history(c: AsyncClient) -> object:
    return await c.slos.history(
        {"ids": ["slo-1"], "start_time": 1700000000, "end_time": 1700086400}
    )


@call("getSloRealtimeCounts")
async def _slo_counts(c: AsyncClient) -> object:
    return await c.slos.counts(DS, "slo-1", start_time=1700000000, end_time=1700003600)


@call("getSloHourlyCountsHistory")
async def _slo_counts_history(c: AsyncClient) -> object:
    return await c.slos.counts_history(DS, "slo-1", start_time=1700000000, end_time=1700086400)


BURN_ALERT = {
    "alert_type": "exhaustion_time",
    "exhaustion_minutes": 240,
    "slo": {"id": "slo-1"},
    "recipients": RECIPIENTS,
}


@call("listBurnAlertsBySlo")
async def _list_burn_alerts(c: AsyncClient) -> object:
    return await c.burn_alerts.list(DS, "slo-1")


@call("getBurnAlert")
async def _get_burn_alert(c: AsyncClient) -> object:
    return await c.burn_alerts.get(DS, "ba-1")


@call("createBurnAlert")
async def _create_burn_alert(c: AsyncClient) -> object:
    return await c.burn_alerts.create(DS, BURN_ALERT)


@call("updateBurnAlert")
async def _update_burn_alert(c: AsyncClient) -> object:
    return await c.burn_alerts.update(
        DS,
        "ba-1",
        {
            "alert_type": "budget_rate",
            "budget_rate_window_minutes": 60,
            "budget_rate_decrease_threshold_per_million": 1000,
            "recipients": RECIPIENTS,
        },
    )


@call("deleteBurnAlert")
async def _delete_burn_alert(c: AsyncClient) -> object:
    return await c.burn_alerts.delete(DS, "ba-1")


# -- boards ------------------------------------------------------------------------------

BOARD = {
    "name": "Service health",
    "type": "flexible",
    "panels": [
        {"type": "query", "query_panel": {"query_id": "q-1", "query_annotation_id": "qa-1"}},
        {"type": "text", "text_panel": {"content": "# Notes"}},
    ],
    "tags": [{"key": "team", "value": "platform"}],
}


@call("listBoards")
async def _list_boards(c: AsyncClient) -> object:
    return await c.boards.list()


@call("getBoard")
async def _get_board(c: AsyncClient) -> object:
    return await c.boards.get("b-1")


@call("createBoard")
async def _create_board(c: AsyncClient) -> object:
    return await c.boards.create(BOARD)


@call("updateBoard")
async def _update_board(c: AsyncClient) -> object:
    return await c.boards.update("b-1", {**BOARD, "description": "all"})


@call("deleteBoard")
async def _delete_board(c: AsyncClient) -> object:
    return await c.boards.delete("b-1")


VIEW = {"name": "errors only", "filters": [{"column": "status", "operation": "=", "value": 500}]}


@call("listBoardViews")
async def _list_views(c: AsyncClient) -> object:
    return await c.board_views.list("b-1")


@call("getBoardView")
async def _get_view(c: AsyncClient) -> object:
    return await c.board_views.get("b-1", "v-1")


@call("createBoardView")
async def _create_view(c: AsyncClient) -> object:
    return await c.board_views.create("b-1", VIEW)


@call("updateBoardView")
async def _update_view(c: AsyncClient) -> object:
    return await c.board_views.update("b-1", "v-1", VIEW)


@call("deleteBoardView")
async def _delete_view(c: AsyncClient) -> object:
    return await c.board_views.delete("b-1", "v-1")


# -- markers and recipients --------------------------------------------------------------


@call("getMarker")
async def _list_markers(c: AsyncClient) -> object:
    return await c.markers.list(DS)


@call("createMarker")
async def _create_marker(c: AsyncClient) -> object:
    return await c.markers.create(
        DS, {"message": "deploy 42", "type": "deploy", "start_time": 1700000000}
    )


@call("updateMarker")
async def _update_marker(c: AsyncClient) -> object:
    return await c.markers.update(DS, "m-1", {"message": "deploy 43", "end_time": 1700000600})


@call("deleteMarker")
async def _delete_marker(c: AsyncClient) -> object:
    return await c.markers.delete(DS, "m-1")


@call("listMarkerSettings")
async def _list_marker_settings(c: AsyncClient) -> object:
    return await c.marker_settings.list(DS)


@call("createMarkerSetting")
async def _create_marker_setting(c: AsyncClient) -> object:
    return await c.marker_settings.create(DS, {"type": "deploy", "color": "#F96E11"})


@call("updateMarkerSettings")
async def _update_marker_setting(c: AsyncClient) -> object:
    return await c.marker_settings.update(DS, "ms-1", {"type": "deploy", "color": "#00FF00"})


@call("deleteMarkerSettings")
async def _delete_marker_setting(c: AsyncClient) -> object:
    return await c.marker_settings.delete(DS, "ms-1")


EMAIL = {"type": "email", "details": {"email_address": "oncall@example.com"}}


@call("listRecipients")
async def _list_recipients(c: AsyncClient) -> object:
    return await c.recipients.list()


@call("getRecipient")
async def _get_recipient(c: AsyncClient) -> object:
    return await c.recipients.get("rcp-1")


@call("createRecipient")
async def _create_recipient(c: AsyncClient) -> object:
    return await c.recipients.create(EMAIL)


@call("updateRecipient")
async def _update_recipient(c: AsyncClient) -> object:
    return await c.recipients.update(
        "rcp-1",
        {
            "type": "webhook",
            "details": {
                "webhook_name": "hook",
                "webhook_url": "https://hooks.example.com/x",
                "webhook_secret": "s",
            },
        },
    )


@call("deleteRecipient")
async def _delete_recipient(c: AsyncClient) -> object:
    return await c.recipients.delete("rcp-1")


@call("listTriggersWithRecipient")
async def _recipient_triggers(c: AsyncClient) -> object:
    return await c.recipients.list_triggers("rcp-1")


# -- events, service maps, signals ------------------------------------------------------


@call("createEvent")
async def _send_event(c: AsyncClient) -> object:
    return await c.events.send(DS, {"endpoint": "/", "duration_ms": 12}, samplerate=2)


@call("createEvents")
async def _send_batch(c: AsyncClient) -> object:
    return await c.events.send_batch(DS, [{"data": {"endpoint": "/"}}, {"endpoint": "/a"}])


@call("createKinesisEvents")
async def _send_kinesis(c: AsyncClient) -> object:
    return await c.events.send_kinesis(
        DS,
        {
            "requestId": "req-1",
            "timestamp": 1700000000000,
            "records": [{"data": "eyJhIjogMX0="}],
        },
    )


@call("createMapDependencyRequest")
async def _create_map_request(c: AsyncClient) -> object:
    return await c.service_maps.create_request(
        {"start_time": 1700000000, "end_time": 1700003600, "limit": 1000}
    )


@call("getMapDependencies")
async def _get_map_request(c: AsyncClient) -> object:
    return await c.service_maps.get_request("mdr-1", page_size=50)


@call("listSignals")
async def _list_signals(c: AsyncClient) -> object:
    return await c.signals.list(status="active", currently_anomalous=True)


@call("getSignal")
async def _get_signal(c: AsyncClient) -> object:
    return await c.signals.get("sig-1")


@call("updateSignal")
async def _update_signal(c: AsyncClient) -> object:
    return await c.signals.update("sig-1", {"enabled": True, "sensitivity": "high"})


@call("listSignalHistoricalAnomalies")
async def _signal_anomalies(c: AsyncClient) -> object:
    return await c.signals.list_historical_anomalies("sig-1", 1700000000, 1700086400)


# -- v2: keys, environments, and the experimental operations ------------------------------


@call("listApiKeys")
async def _list_keys(c: AsyncClient) -> object:
    return await c.api_keys.list(type="ingest")


@call("getApiKey")
async def _get_key(c: AsyncClient) -> object:
    return await c.api_keys.get("hcxik_01234567890123456789012345")


@call("createApiKey")
async def _create_key(c: AsyncClient) -> object:
    return await c.api_keys.create(
        {
            "name": "ci",
            "key_type": "configuration",
            "environment_id": "hcaen_01234567890123456789012345",
            "permissions": {"run_queries": True, "manage_signals": True},
        }
    )


@call("updateApiKey")
async def _update_key(c: AsyncClient) -> object:
    return await c.api_keys.update(
        "hcxik_01234567890123456789012345", {"name": "ci-2", "disabled": True}
    )


@call("deleteApiKey")
async def _delete_key(c: AsyncClient) -> object:
    return await c.api_keys.delete("hcxik_01234567890123456789012345")


@call("listEnvironments")
async def _list_envs(c: AsyncClient) -> object:
    return await c.environments.list()


@call("getEnvironment")
async def _get_env(c: AsyncClient) -> object:
    return await c.environments.get("hcaen_01234567890123456789012345")


@call("createEnvironment")
async def _create_env(c: AsyncClient) -> object:
    return await c.environments.create({"name": "staging", "color": "blue"})


@call("updateEnvironment")
async def _update_env(c: AsyncClient) -> object:
    return await c.environments.update(
        "hcaen_01234567890123456789012345", {"description": "pre-prod"}
    )


@call("deleteEnvironment")
async def _delete_env(c: AsyncClient) -> object:
    return await c.environments.delete("hcaen_01234567890123456789012345")


@call("createMarkerV2")
async def _create_team_marker(c: AsyncClient) -> object:
    return await c.team_markers.create(
        {
            "environment_id": "hcaen_01234567890123456789012345",
            "message": "deploy",
            "type": "deploy",
            "start_time": 1700000000,
        }
    )


@call("updateMarkerV2")
async def _update_team_marker(c: AsyncClient) -> object:
    return await c.team_markers.update(
        "m-1",
        {
            "environment_id": "hcaen_01234567890123456789012345",
            "dataset": DS,
            "message": "deploy 2",
        },
    )


@call("getPipelineConfiguration")
async def _pipeline_config(c: AsyncClient) -> object:
    return await c.pipelines.get_configuration("p-1", "cfg-1")


@call("updatePipelineConfigurationRollout")
async def _pipeline_rollout(c: AsyncClient) -> object:
    return await c.pipelines.update_rollout("p-1", "r-1", {"status": "live"})


@call("recordPipelineUsage")
async def _pipeline_health(c: AsyncClient) -> object:
    return await c.pipelines.record_health("p-1", {})


@call("recordEnhanceIndexerUsage")
async def _enhance_usage(c: AsyncClient) -> object:
    return await c.enhance.record_indexer_usage(
        {"s3_bucket": "bucket", "usage_data": {"resource_metrics": []}}
    )


# -- the tests -------------------------------------------------------------------------


def operations_by_id() -> dict[str, SpecOperation]:
    return {op.operation_id: op for op in spec_operations()}


def client_for(
    answer: Callable[[httpx.Request], httpx.Response], seen: list[httpx.Request]
) -> AsyncClient:
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return answer(request)

    return AsyncClient(
        api_key=API_KEY,
        management_key=(KEY_ID, KEY_SECRET),
        team="test-team",
        max_retries=0,
        http_client=httpx.AsyncClient(transport=httpx.MockTransport(handler)),
    )


def respond(status: int, body: Any) -> httpx.Response:
    if body is None or status == 204:
        return httpx.Response(status)
    return httpx.Response(status, json=body)


def test_every_operation_has_a_call() -> None:
    assert set(CALLS) == set(OPERATIONS)


@pytest.mark.parametrize("operation_id", sorted(OPERATIONS))
async def test_request_matches_spec(operation_id: str) -> None:
    require_specs()
    operation = operations_by_id()[operation_id]
    status, body = response_body(operation)
    seen: list[httpx.Request] = []
    async with client_for(lambda _: respond(status, body), seen) as client:
        await CALLS[operation_id](client)
    assert seen, "the call sent no request"
    for request in seen:
        matched, problems = validate_request(request)
        assert matched is not None, problems
        assert matched.operation_id == operation_id
        assert problems == [], f"{request.method} {request.url}: {json.dumps(problems, indent=1)}"


def example_cases() -> list[Any]:
    if spec_dir() is None:
        # One case that skips for the same reason as every other contract test.
        return [pytest.param("", "", marks=pytest.mark.skip(reason=spec_missing_reason()))]
    return sorted(
        (op.operation_id, name)
        for op in spec_operations()
        if op.operation_id in CALLS
        for _, name, _ in example_bodies(op)
    )


# Examples that show another form of the call than the one in CALLS.
EXAMPLE_CALLS: dict[tuple[str, str], Call] = {}


async def _column_by_key_name(c: AsyncClient) -> object:
    return await c.columns.list(DS, key_name="duration_ms")


EXAMPLE_CALLS[("listColumns", "get-column-by-key-name")] = _column_by_key_name


@pytest.mark.parametrize(("operation_id", "example"), example_cases())
async def test_spec_examples_parse(operation_id: str, example: str) -> None:
    operation = operations_by_id()[operation_id]
    status, _, body = next(e for e in example_bodies(operation) if e[1] == example)
    seen: list[httpx.Request] = []
    fn = EXAMPLE_CALLS.get((operation_id, example), CALLS[operation_id])
    async with client_for(lambda _: respond(status, body), seen) as client:
        result = await fn(client)
    assert seen
    # delete returns None by design, and the batch result is checked in the events tests.
    if body is not None and not operation_id.startswith(("delete", "createEvents")):
        assert result is not None
