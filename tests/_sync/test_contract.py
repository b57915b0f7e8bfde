# GENERATED from tests/_async/test_contract.py by scripts/unasync.py.
# Do not edit: change the async source and run `python scripts/unasync.py`.
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

from honeycomb import Client
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

Call = Callable[[Client], Any]
CALLS: dict[str, Call] = {}


def call(operation_id: str) -> Callable[[Call], Call]:
    def register(fn: Call) -> Call:
        CALLS[operation_id] = fn
        return fn

    return register


# -- auth and datasets -------------------------------------------------------------


@call("getAuth")
def _get_auth(c: Client) -> object:
    return c.auth.get()


@call("getV2Auth")
def _get_v2_auth(c: Client) -> object:
    return c.auth.get_management()


@call("listDatasets")
def _list_datasets(c: Client) -> object:
    return c.datasets.list()


@call("getDataset")
def _get_dataset(c: Client) -> object:
    return c.datasets.get(DS)


@call("createDataset")
def _create_dataset(c: Client) -> object:
    return c.datasets.create({"name": DS, "description": "web", "expand_json_depth": 2})


@call("updateDataset")
def _update_dataset(c: Client) -> object:
    return c.datasets.update(
        DS, {"description": "d", "expand_json_depth": 1, "settings": {"delete_protected": False}}
    )


@call("deleteDataset")
def _delete_dataset(c: Client) -> object:
    return c.datasets.delete(DS)


@call("listDatasetDefinitions")
def _get_definitions(c: Client) -> object:
    return c.dataset_definitions.get(DS)


@call("patchDatasetDefinitions")
def _update_definitions(c: Client) -> object:
    return c.dataset_definitions.update(
        DS, {"duration_ms": {"name": "duration"}, "error": {"name": ""}}
    )


# -- columns and calculated fields ---------------------------------------------------


@call("listColumns")
def _list_columns(c: Client) -> object:
    return c.columns.list(DS)


@call("getColumn")
def _get_column(c: Client) -> object:
    return c.columns.get(DS, "col-1")


@call("createColumn")
def _create_column(c: Client) -> object:
    return c.columns.create(DS, {"key_name": "duration_ms", "type": "float"})


@call("updateColumn")
def _update_column(c: Client) -> object:
    return c.columns.update(DS, "col-1", {"description": "ms", "hidden": False})


@call("deleteColumn")
def _delete_column(c: Client) -> object:
    return c.columns.delete(DS, "col-1")


@call("listCalculatedFields")
def _list_fields(c: Client) -> object:
    return c.calculated_fields.list(DS)


@call("getCalculatedField")
def _get_field(c: Client) -> object:
    return c.calculated_fields.get(DS, "dc-1")


@call("createCalculatedField")
def _create_field(c: Client) -> object:
    return c.calculated_fields.create(
        "__all__", {"alias": "is_error", "expression": "GTE($status, 500)"}
    )


@call("updateCalculatedField")
def _update_field(c: Client) -> object:
    return c.calculated_fields.update(
        DS, "dc-1", {"alias": "is_error", "expression": "GTE($status, 400)"}
    )


@call("deleteCalculatedField")
def _delete_field(c: Client) -> object:
    return c.calculated_fields.delete(DS, "dc-1")


# -- queries ---------------------------------------------------------------------------


@call("createQuery")
def _create_query(c: Client) -> object:
    return c.queries.create(DS, QUERY)


@call("getQuery")
def _get_query(c: Client) -> object:
    return c.queries.get(DS, "q-1")


@call("createQueryResult")
def _create_query_result(c: Client) -> object:
    return c.query_results.create(DS, {"query_id": "q-1", "disable_series": False})


@call("getQueryResult")
def _get_query_result(c: Client) -> object:
    return c.query_results.get(DS, "qr-1")


@call("listQueryAnnotations")
def _list_annotations(c: Client) -> object:
    return c.query_annotations.list(DS, include_board_annotations=True)


@call("getQueryAnnotation")
def _get_annotation(c: Client) -> object:
    return c.query_annotations.get(DS, "qa-1")


@call("createQueryAnnotation")
def _create_annotation(c: Client) -> object:
    return c.query_annotations.create(DS, {"name": "slow", "query_id": "q-1"})


@call("updateQueryAnnotation")
def _update_annotation(c: Client) -> object:
    return c.query_annotations.update(
        DS, "qa-1", {"name": "slow", "query_id": "q-1", "description": "p99"}
    )


@call("deleteQueryAnnotation")
def _delete_annotation(c: Client) -> object:
    return c.query_annotations.delete(DS, "qa-1")


# -- triggers, SLOs, burn alerts --------------------------------------------------------

TRIGGER = {
    "name": "errors",
    "query": QUERY,
    "threshold": {"op": ">", "value": 10},
    "frequency": 900,
    "recipients": RECIPIENTS,
}


@call("listTriggers")
def _list_triggers(c: Client) -> object:
    return c.triggers.list(DS)


@call("getTrigger")
def _get_trigger(c: Client) -> object:
    return c.triggers.get(DS, "t-1")


@call("createTrigger")
def _create_trigger(c: Client) -> object:
    return c.triggers.create(DS, TRIGGER)


@call("updateTrigger")
def _update_trigger(c: Client) -> object:
    return c.triggers.update(DS, "t-1", {**TRIGGER, "disabled": True})


@call("deleteTrigger")
def _delete_trigger(c: Client) -> object:
    return c.triggers.delete(DS, "t-1")


SLO = {
    "name": "availability",
    "sli": {"alias": "is_good"},
    "time_period_days": 30,
    "target_per_million": 999000,
}


@call("listSlos")
def _list_slos(c: Client) -> object:
    return c.slos.list(DS)


@call("getSlo")
def _get_slo(c: Client) -> object:
    return c.slos.get(DS, "slo-1", detailed=True)


@call("createSlo")
def _create_slo(c: Client) -> object:
    return c.slos.create(DS, SLO)


@call("updateSlo")
def _update_slo(c: Client) -> object:
    return c.slos.update(DS, "slo-1", {**SLO, "description": "ok"})


@call("deleteSlo")
def _delete_slo(c: Client) -> object:
    return c.slos.delete(DS, "slo-1")


@call("getSloHistory")
def _slo_history(c: Client) -> object:
    return c.slos.history({"ids": ["slo-1"], "start_time": 1700000000, "end_time": 1700086400})


@call("getSloRealtimeCounts")
def _slo_counts(c: Client) -> object:
    return c.slos.counts(DS, "slo-1", start_time=1700000000, end_time=1700003600)


@call("getSloHourlyCountsHistory")
def _slo_counts_history(c: Client) -> object:
    return c.slos.counts_history(DS, "slo-1", start_time=1700000000, end_time=1700086400)


BURN_ALERT = {
    "alert_type": "exhaustion_time",
    "exhaustion_minutes": 240,
    "slo": {"id": "slo-1"},
    "recipients": RECIPIENTS,
}


@call("listBurnAlertsBySlo")
def _list_burn_alerts(c: Client) -> object:
    return c.burn_alerts.list(DS, "slo-1")


@call("getBurnAlert")
def _get_burn_alert(c: Client) -> object:
    return c.burn_alerts.get(DS, "ba-1")


@call("createBurnAlert")
def _create_burn_alert(c: Client) -> object:
    return c.burn_alerts.create(DS, BURN_ALERT)


@call("updateBurnAlert")
def _update_burn_alert(c: Client) -> object:
    return c.burn_alerts.update(
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
def _delete_burn_alert(c: Client) -> object:
    return c.burn_alerts.delete(DS, "ba-1")


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
def _list_boards(c: Client) -> object:
    return c.boards.list()


@call("getBoard")
def _get_board(c: Client) -> object:
    return c.boards.get("b-1")


@call("createBoard")
def _create_board(c: Client) -> object:
    return c.boards.create(BOARD)


@call("updateBoard")
def _update_board(c: Client) -> object:
    return c.boards.update("b-1", {**BOARD, "description": "all"})


@call("deleteBoard")
def _delete_board(c: Client) -> object:
    return c.boards.delete("b-1")


VIEW = {"name": "errors only", "filters": [{"column": "status", "operation": "=", "value": 500}]}


@call("listBoardViews")
def _list_views(c: Client) -> object:
    return c.board_views.list("b-1")


@call("getBoardView")
def _get_view(c: Client) -> object:
    return c.board_views.get("b-1", "v-1")


@call("createBoardView")
def _create_view(c: Client) -> object:
    return c.board_views.create("b-1", VIEW)


@call("updateBoardView")
def _update_view(c: Client) -> object:
    return c.board_views.update("b-1", "v-1", VIEW)


@call("deleteBoardView")
def _delete_view(c: Client) -> object:
    return c.board_views.delete("b-1", "v-1")


# -- markers and recipients --------------------------------------------------------------


@call("getMarker")
def _list_markers(c: Client) -> object:
    return c.markers.list(DS)


@call("createMarker")
def _create_marker(c: Client) -> object:
    return c.markers.create(
        DS, {"message": "deploy 42", "type": "deploy", "start_time": 1700000000}
    )


@call("updateMarker")
def _update_marker(c: Client) -> object:
    return c.markers.update(DS, "m-1", {"message": "deploy 43", "end_time": 1700000600})


@call("deleteMarker")
def _delete_marker(c: Client) -> object:
    return c.markers.delete(DS, "m-1")


@call("listMarkerSettings")
def _list_marker_settings(c: Client) -> object:
    return c.marker_settings.list(DS)


@call("createMarkerSetting")
def _create_marker_setting(c: Client) -> object:
    return c.marker_settings.create(DS, {"type": "deploy", "color": "#F96E11"})


@call("updateMarkerSettings")
def _update_marker_setting(c: Client) -> object:
    return c.marker_settings.update(DS, "ms-1", {"type": "deploy", "color": "#00FF00"})


@call("deleteMarkerSettings")
def _delete_marker_setting(c: Client) -> object:
    return c.marker_settings.delete(DS, "ms-1")


EMAIL = {"type": "email", "details": {"email_address": "oncall@example.com"}}


@call("listRecipients")
def _list_recipients(c: Client) -> object:
    return c.recipients.list()


@call("getRecipient")
def _get_recipient(c: Client) -> object:
    return c.recipients.get("rcp-1")


@call("createRecipient")
def _create_recipient(c: Client) -> object:
    return c.recipients.create(EMAIL)


@call("updateRecipient")
def _update_recipient(c: Client) -> object:
    return c.recipients.update(
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
def _delete_recipient(c: Client) -> object:
    return c.recipients.delete("rcp-1")


@call("listTriggersWithRecipient")
def _recipient_triggers(c: Client) -> object:
    return c.recipients.list_triggers("rcp-1")


# -- events, service maps, signals ------------------------------------------------------


@call("createEvent")
def _send_event(c: Client) -> object:
    return c.events.send(DS, {"endpoint": "/", "duration_ms": 12}, samplerate=2)


@call("createEvents")
def _send_batch(c: Client) -> object:
    return c.events.send_batch(DS, [{"data": {"endpoint": "/"}}, {"endpoint": "/a"}])


@call("createKinesisEvents")
def _send_kinesis(c: Client) -> object:
    return c.events.send_kinesis(
        DS,
        {
            "requestId": "req-1",
            "timestamp": 1700000000000,
            "records": [{"data": "eyJhIjogMX0="}],
        },
    )


@call("createMapDependencyRequest")
def _create_map_request(c: Client) -> object:
    return c.service_maps.create_request(
        {"start_time": 1700000000, "end_time": 1700003600, "limit": 1000}
    )


@call("getMapDependencies")
def _get_map_request(c: Client) -> object:
    return c.service_maps.get_request("mdr-1", page_size=50)


@call("listSignals")
def _list_signals(c: Client) -> object:
    return c.signals.list(status="active", currently_anomalous=True)


@call("getSignal")
def _get_signal(c: Client) -> object:
    return c.signals.get("sig-1")


@call("updateSignal")
def _update_signal(c: Client) -> object:
    return c.signals.update("sig-1", {"enabled": True, "sensitivity": "high"})


@call("listSignalHistoricalAnomalies")
def _signal_anomalies(c: Client) -> object:
    return c.signals.list_historical_anomalies("sig-1", 1700000000, 1700086400)


# -- v2: keys, environments, and the experimental operations ------------------------------


@call("listApiKeys")
def _list_keys(c: Client) -> object:
    return c.api_keys.list(type="ingest")


@call("getApiKey")
def _get_key(c: Client) -> object:
    return c.api_keys.get("hcxik_01234567890123456789012345")


@call("createApiKey")
def _create_key(c: Client) -> object:
    return c.api_keys.create(
        {
            "name": "ci",
            "key_type": "configuration",
            "environment_id": "hcaen_01234567890123456789012345",
            "permissions": {"run_queries": True, "manage_signals": True},
        }
    )


@call("updateApiKey")
def _update_key(c: Client) -> object:
    return c.api_keys.update("hcxik_01234567890123456789012345", {"name": "ci-2", "disabled": True})


@call("deleteApiKey")
def _delete_key(c: Client) -> object:
    return c.api_keys.delete("hcxik_01234567890123456789012345")


@call("listEnvironments")
def _list_envs(c: Client) -> object:
    return c.environments.list()


@call("getEnvironment")
def _get_env(c: Client) -> object:
    return c.environments.get("hcaen_01234567890123456789012345")


@call("createEnvironment")
def _create_env(c: Client) -> object:
    return c.environments.create({"name": "staging", "color": "blue"})


@call("updateEnvironment")
def _update_env(c: Client) -> object:
    return c.environments.update("hcaen_01234567890123456789012345", {"description": "pre-prod"})


@call("deleteEnvironment")
def _delete_env(c: Client) -> object:
    return c.environments.delete("hcaen_01234567890123456789012345")


@call("createMarkerV2")
def _create_team_marker(c: Client) -> object:
    return c.team_markers.create(
        {
            "environment_id": "hcaen_01234567890123456789012345",
            "message": "deploy",
            "type": "deploy",
            "start_time": 1700000000,
        }
    )


@call("updateMarkerV2")
def _update_team_marker(c: Client) -> object:
    return c.team_markers.update(
        "m-1",
        {
            "environment_id": "hcaen_01234567890123456789012345",
            "dataset": DS,
            "message": "deploy 2",
        },
    )


@call("getPipelineConfiguration")
def _pipeline_config(c: Client) -> object:
    return c.pipelines.get_configuration("p-1", "cfg-1")


@call("updatePipelineConfigurationRollout")
def _pipeline_rollout(c: Client) -> object:
    return c.pipelines.update_rollout("p-1", "r-1", {"status": "live"})


@call("recordPipelineUsage")
def _pipeline_health(c: Client) -> object:
    return c.pipelines.record_health("p-1", {})


@call("recordEnhanceIndexerUsage")
def _enhance_usage(c: Client) -> object:
    return c.enhance.record_indexer_usage(
        {"s3_bucket": "bucket", "usage_data": {"resource_metrics": []}}
    )


# -- the tests -------------------------------------------------------------------------


def operations_by_id() -> dict[str, SpecOperation]:
    return {op.operation_id: op for op in spec_operations()}


def client_for(
    answer: Callable[[httpx.Request], httpx.Response], seen: list[httpx.Request]
) -> Client:
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return answer(request)

    return Client(
        api_key=API_KEY,
        management_key=(KEY_ID, KEY_SECRET),
        team="test-team",
        max_retries=0,
        http_client=httpx.Client(transport=httpx.MockTransport(handler)),
    )


def respond(status: int, body: Any) -> httpx.Response:
    if body is None or status == 204:
        return httpx.Response(status)
    return httpx.Response(status, json=body)


def test_every_operation_has_a_call() -> None:
    assert set(CALLS) == set(OPERATIONS)


@pytest.mark.parametrize("operation_id", sorted(OPERATIONS))
def test_request_matches_spec(operation_id: str) -> None:
    require_specs()
    operation = operations_by_id()[operation_id]
    status, body = response_body(operation)
    seen: list[httpx.Request] = []
    with client_for(lambda _: respond(status, body), seen) as client:
        CALLS[operation_id](client)
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


def _column_by_key_name(c: Client) -> object:
    return c.columns.list(DS, key_name="duration_ms")


EXAMPLE_CALLS[("listColumns", "get-column-by-key-name")] = _column_by_key_name


@pytest.mark.parametrize(("operation_id", "example"), example_cases())
def test_spec_examples_parse(operation_id: str, example: str) -> None:
    operation = operations_by_id()[operation_id]
    status, _, body = next(e for e in example_bodies(operation) if e[1] == example)
    seen: list[httpx.Request] = []
    fn = EXAMPLE_CALLS.get((operation_id, example), CALLS[operation_id])
    with client_for(lambda _: respond(status, body), seen) as client:
        result = fn(client)
    assert seen
    # delete returns None by design, and the batch result is checked in the events tests.
    if body is not None and not operation_id.startswith(("delete", "createEvents")):
        assert result is not None
