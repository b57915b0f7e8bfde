# GENERATED from tests/_async/test_pipelines.py by scripts/unasync.py.
# Do not edit: change the async source and run `python scripts/unasync.py`.
"""client.pipelines (experimental): configurations with ETags, rollouts, health records."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pytest_httpx import HTTPXMock

from honeycomb import Client, NotFoundError
from honeycomb.errors import RequestValidationError
from honeycomb.models.pipelines import PipelineConfiguration, RolloutStatus, RolloutUpdate

from .conftest import BASE, only_request

PATH = "/2/teams/test-team/pipelines/pl1"
URL = f"{BASE}{PATH}"
JSONAPI = "application/vnd.api+json"

CONFIGURATION = {
    "data": {
        "id": "cfg1",
        "type": "pipeline_configuration",
        "links": {"self": f"{PATH}/configurations/cfg1"},
        "attributes": {
            "rolloutID": "ro1",
            "configs": [
                {"kind": "refinery_config", "configData": "General:\n  ConfigurationVersion: 2\n"},
                {"kind": "refinery_rules", "configData": "RulesVersion: 2\n"},
            ],
        },
    }
}


def test_get_configuration_keeps_the_etag(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(
        method="GET",
        url=f"{URL}/configurations/cfg1?filter%5Bkind%5D=refinery&filter%5Bkind%5D=primary-collector%2F1.2.3&generate_ingest_keys=true",
        headers={"ETag": '"v42"'},
        json=CONFIGURATION,
    )
    config = client.pipelines.get_configuration(
        "pl1", "cfg1", kinds=["refinery", "primary-collector/1.2.3"], generate_ingest_keys=True
    )
    assert isinstance(config, PipelineConfiguration)
    assert config.id == "cfg1"
    assert config.rollout_id == "ro1"
    assert [c.kind for c in config.configs] == ["refinery_config", "refinery_rules"]
    assert config.configs[1].config_data == "RulesVersion: 2\n"
    assert config.etag == '"v42"'
    request = only_request(httpx_mock, auth="management")
    assert "If-None-Match" not in request.headers
    assert request.url.params.get_list("filter[kind]") == ["refinery", "primary-collector/1.2.3"]


def test_get_configuration_not_modified_returns_none(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(
        method="GET", url=f"{URL}/configurations/cfg1", status_code=304, headers={"ETag": '"v42"'}
    )
    assert client.pipelines.get_configuration("pl1", "cfg1", etag='"v42"') is None
    (request,) = httpx_mock.get_requests()
    assert request.headers["If-None-Match"] == '"v42"'


def test_get_configuration_missing(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(
        method="GET",
        url=f"{URL}/configurations/nope",
        status_code=404,
        headers={"Content-Type": JSONAPI},
        json={"errors": [{"id": "1", "code": "not-found", "title": "not found"}]},
    )
    with pytest.raises(NotFoundError):
        client.pipelines.get_configuration("pl1", "nope")


def test_update_rollout(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(
        method="PATCH",
        url=f"{URL}/rollouts/ro1",
        json={
            "data": {
                "id": "ro1",
                "type": "pipeline_configuration_rollout",
                "attributes": {"status": "live"},
            }
        },
    )
    rollout = client.pipelines.update_rollout(
        "pl1", "ro1", RolloutUpdate(status=RolloutStatus.LIVE)
    )
    assert rollout.id == "ro1"
    assert rollout.status == RolloutStatus.LIVE
    request = only_request(httpx_mock, auth="management")
    assert request.headers["Content-Type"] == JSONAPI
    assert json.loads(request.content) == {
        "data": {
            "type": "pipeline_configuration_rollout",
            "id": "ro1",
            "attributes": {"status": "live"},
        }
    }


@pytest.mark.parametrize("update", [{}, {"status": "success"}, {"status": "live", "x": 1}])
def test_invalid_rollout_update_sends_nothing(
    httpx_mock: HTTPXMock, client: Client, update: dict[str, Any]
) -> None:
    with pytest.raises(RequestValidationError):
        client.pipelines.update_rollout("pl1", "ro1", update)
    assert httpx_mock.get_requests() == []


def test_record_health(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(method="POST", url=f"{URL}/health", status_code=204)
    usage = {
        "resourceMetrics": [
            {
                "scopeMetrics": [
                    {
                        "metrics": [
                            {
                                "name": "events",
                                "sum": {
                                    "aggregationTemporality": 1,
                                    "datapoints": [
                                        {"timeUnixNano": 1, "asInt": 10, "attributes": []}
                                    ],
                                },
                            }
                        ]
                    }
                ]
            }
        ]
    }
    client.pipelines.record_health("pl1", {"usageData": usage})
    request = only_request(httpx_mock, auth="management")
    assert request.headers["Content-Type"] == JSONAPI
    assert json.loads(request.content) == {
        "data": {"type": "pipeline_usage", "id": "pl1", "attributes": {"usageData": usage}}
    }


def test_invalid_health_report_sends_nothing(httpx_mock: HTTPXMock, client: Client) -> None:
    with pytest.raises(RequestValidationError):
        client.pipelines.record_health("pl1", {"usageData": {"resourceMetrics": [{}]}})
    assert httpx_mock.get_requests() == []
