# GENERATED from tests/_async/test_invalid_input.py by scripts/unasync.py.
# Do not edit: change the async source and run `python scripts/unasync.py`.
"""Every public method of the client, given invalid input, raises a RequestValidationError
before anything is sent: only HoneycombErrors escape the SDK.

Table-driven, one case per method; a completeness test fails when a resource gains a
method without a case here.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import pytest

from honeycomb import Client, HoneycombError, RequestValidationError
from honeycomb.testing import FakeHoneycomb

Call = Callable[[Client], Any]  # a coroutine on Client


@pytest.fixture
def fake() -> FakeHoneycomb:
    return FakeHoneycomb(seed=1)


def drain(paginator: Any) -> None:
    for _ in paginator:
        pass


def batcher(hc: Client) -> None:
    with hc.events.batcher("web", max_batch_events=0):
        pass


BAD_QUERY = {"calculations": [{"op": "NOPE"}]}

CASES: dict[str, Call] = {
    "datasets.create": lambda hc: hc.datasets.create({"name": ""}),
    "datasets.delete": lambda hc: hc.datasets.delete(""),
    "datasets.get": lambda hc: hc.datasets.get(""),
    "datasets.update": lambda hc: hc.datasets.update("web", {"descripton": "typo"}),
    "dataset_definitions.get": lambda hc: hc.dataset_definitions.get(""),
    "dataset_definitions.update": lambda hc: hc.dataset_definitions.update("web", {"nope": "x"}),
    "columns.create": lambda hc: hc.columns.create("web", {"key_name": ""}),
    "columns.delete": lambda hc: hc.columns.delete("web", ""),
    "columns.get": lambda hc: hc.columns.get("web", ""),
    "columns.list": lambda hc: hc.columns.list("web", key_name=""),
    "columns.update": lambda hc: hc.columns.update("web", "c1", {"type": "text"}),
    "calculated_fields.create": lambda hc: hc.calculated_fields.create("web", {"alias": ""}),
    "calculated_fields.delete": lambda hc: hc.calculated_fields.delete("web", ""),
    "calculated_fields.get": lambda hc: hc.calculated_fields.get("web", ""),
    "calculated_fields.list": lambda hc: hc.calculated_fields.list("web", alias=""),
    "calculated_fields.update": lambda hc: hc.calculated_fields.update("web", "f", {"alias": 1}),
    "queries.create": lambda hc: hc.queries.create("web", BAD_QUERY),
    "queries.get": lambda hc: hc.queries.get("web", ""),
    "query_results.create": lambda hc: hc.query_results.create("web", {"query_id": 1}),
    "query_results.get": lambda hc: hc.query_results.get("web", ""),
    "query_results.run": lambda hc: hc.query_results.run("web", BAD_QUERY),
    "query_annotations.create": lambda hc: hc.query_annotations.create("web", {"name": ""}),
    "query_annotations.delete": lambda hc: hc.query_annotations.delete("web", ""),
    "query_annotations.get": lambda hc: hc.query_annotations.get("web", ""),
    "query_annotations.list": lambda hc: hc.query_annotations.list(""),
    "query_annotations.update": lambda hc: hc.query_annotations.update("web", "a", {}),
    "triggers.create": lambda hc: hc.triggers.create("web", {"name": "no threshold"}),
    "triggers.delete": lambda hc: hc.triggers.delete("web", ""),
    "triggers.get": lambda hc: hc.triggers.get("web", ""),
    "triggers.list": lambda hc: hc.triggers.list(""),
    "triggers.update": lambda hc: hc.triggers.update("web", "t", {"name": ""}),
    "slos.counts": lambda hc: hc.slos.counts("web", ""),
    "slos.counts_history": lambda hc: hc.slos.counts_history("web", "s", 10, 5),
    "slos.create": lambda hc: hc.slos.create("web", {"name": "x"}),
    "slos.delete": lambda hc: hc.slos.delete("web", ""),
    "slos.get": lambda hc: hc.slos.get("web", ""),
    "slos.history": lambda hc: hc.slos.history({"ids": []}),
    "slos.list": lambda hc: hc.slos.list(""),
    "slos.update": lambda hc: hc.slos.update("web", "s", {"target_per_million": 2e6}),
    "burn_alerts.create": lambda hc: hc.burn_alerts.create("web", {"alert_type": "nope"}),
    "burn_alerts.delete": lambda hc: hc.burn_alerts.delete("web", ""),
    "burn_alerts.get": lambda hc: hc.burn_alerts.get("web", ""),
    "burn_alerts.list": lambda hc: hc.burn_alerts.list("web", ""),
    "burn_alerts.update": lambda hc: hc.burn_alerts.update("web", "b", {"recipients": []}),
    "boards.create": lambda hc: hc.boards.create({"name": ""}),
    "boards.delete": lambda hc: hc.boards.delete(""),
    "boards.get": lambda hc: hc.boards.get(""),
    "boards.update": lambda hc: hc.boards.update("b", {"name": "b", "panels": [{"type": "x"}]}),
    "board_views.create": lambda hc: hc.board_views.create("b", {"name": ""}),
    "board_views.delete": lambda hc: hc.board_views.delete("b", ""),
    "board_views.get": lambda hc: hc.board_views.get("b", ""),
    "board_views.list": lambda hc: hc.board_views.list(""),
    "board_views.update": lambda hc: hc.board_views.update("b", "v", {"filters": []}),
    "markers.create": lambda hc: hc.markers.create("web", {"start_time": "yesterday"}),
    "markers.delete": lambda hc: hc.markers.delete("web", ""),
    "markers.list": lambda hc: hc.markers.list(""),
    "markers.update": lambda hc: hc.markers.update("web", "m", {"end_time": "later"}),
    "marker_settings.create": lambda hc: hc.marker_settings.create("web", {"color": "red"}),
    "marker_settings.delete": lambda hc: hc.marker_settings.delete("web", ""),
    "marker_settings.list": lambda hc: hc.marker_settings.list(""),
    "marker_settings.update": lambda hc: hc.marker_settings.update("web", "s", {"type": ""}),
    "recipients.create": lambda hc: hc.recipients.create({"type": "carrier-pigeon"}),
    "recipients.delete": lambda hc: hc.recipients.delete(""),
    "recipients.get": lambda hc: hc.recipients.get(""),
    "recipients.list_triggers": lambda hc: hc.recipients.list_triggers(""),
    "recipients.update": lambda hc: hc.recipients.update("r", {"type": "email", "details": {}}),
    "events.batcher": batcher,
    "events.send": lambda hc: hc.events.send("web", {}),
    "events.send_batch": lambda hc: hc.events.send_batch("", [{"data": {"a": 1}}]),
    "events.send_kinesis": lambda hc: hc.events.send_kinesis("web", {}),
    "service_maps.create_request": lambda hc: hc.service_maps.create_request({"limit": 10**9}),
    "service_maps.dependencies": lambda hc: hc.service_maps.dependencies({"limit": 10**9}),
    "service_maps.get_request": lambda hc: hc.service_maps.get_request(""),
    "service_maps.iterate": lambda hc: drain(hc.service_maps.iterate("r", page_size=0)),
    "signals.get": lambda hc: hc.signals.get(""),
    "signals.iterate": lambda hc: drain(hc.signals.iterate(page_size=0)),
    "signals.list": lambda hc: hc.signals.list(page_size=0),
    "signals.list_historical_anomalies": lambda hc: hc.signals.list_historical_anomalies(
        "s", 10, 5
    ),
    "signals.update": lambda hc: hc.signals.update("s", {"sensitivity": "extreme"}),
    "api_keys.create": lambda hc: hc.api_keys.create({"name": "k"}),
    "api_keys.delete": lambda hc: hc.api_keys.delete(""),
    "api_keys.get": lambda hc: hc.api_keys.get(""),
    "api_keys.iterate": lambda hc: drain(hc.api_keys.iterate(page_size=0)),
    "api_keys.list": lambda hc: hc.api_keys.list(page_size=0),
    "api_keys.update": lambda hc: hc.api_keys.update("hcxik_1", {"name": ""}),
    "environments.create": lambda hc: hc.environments.create({"name": ""}),
    "environments.delete": lambda hc: hc.environments.delete(""),
    "environments.get": lambda hc: hc.environments.get(""),
    "environments.iterate": lambda hc: drain(hc.environments.iterate(page_size=0)),
    "environments.list": lambda hc: hc.environments.list(page_size=0),
    "environments.update": lambda hc: hc.environments.update("e", {"color": "classic"}),
    "team_markers.create": lambda hc: hc.team_markers.create({"start_time": 1}),
    "team_markers.update": lambda hc: hc.team_markers.update("m", {"environment_id": ""}),
    "pipelines.get_configuration": lambda hc: hc.pipelines.get_configuration("", "c"),
    "pipelines.record_health": lambda hc: hc.pipelines.record_health("p", {"usageData": 1}),
    "pipelines.update_rollout": lambda hc: hc.pipelines.update_rollout("p", "r", {"status": 5}),
    "enhance.record_indexer_usage": lambda hc: hc.enhance.record_indexer_usage({}),
}

NO_INPUT = {"auth.get", "auth.get_management", "datasets.list", "boards.list", "recipients.list"}
"""Methods that take nothing a caller could get wrong."""

OWN_TESTS = {"porting"}
"""Groups whose input is other SDK objects (snapshots, plans), with tests of their own."""


def _public_methods() -> set[str]:
    found = set()
    client = Client(api_key="hcxlk_" + "a" * 26)
    for name, value in vars(Client).items():
        if name.startswith("_") or name in OWN_TESTS or not hasattr(value, "func"):
            continue
        resource = getattr(client, name)
        for method, _ in inspect.getmembers(resource, callable):
            if not method.startswith("_"):
                found.add(f"{name}.{method}")
    return found


def test_every_public_method_has_an_invalid_input_case() -> None:
    assert _public_methods() == set(CASES) | NO_INPUT


@pytest.mark.parametrize("name", sorted(CASES))
def test_invalid_input_raises_request_validation_error(
    hc: Client, fake: FakeHoneycomb, name: str
) -> None:
    with pytest.raises(RequestValidationError) as info:
        CASES[name](hc)
    assert isinstance(info.value, HoneycombError) and isinstance(info.value, ValueError)
    assert info.value.problems and str(info.value)
    assert fake.requests == []  # rejected before anything was sent
