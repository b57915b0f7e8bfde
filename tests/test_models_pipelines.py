"""Pipeline models against the 2025-12 spec, where these internal operations live."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from honeycomb.models._base import to_request_body
from honeycomb.models._jsonapi import build_document
from honeycomb.models.pipelines import (
    PIPELINE_HEALTH_TYPE,
    ROLLOUT_TYPE,
    PipelineConfiguration,
    PipelineHealthReport,
    PipelineRollout,
    RolloutStatus,
    RolloutUpdate,
    UsageData,
)
from tests._schema_examples import (
    OLD_SPEC,
    build_example,
    request_problems,
    response_schema,
    schemas,
)

PATH = "/2/teams/my-team/pipelines/pl1"

USAGE: dict[str, Any] = {
    "resourceMetrics": [
        {
            "scopeMetrics": [
                {
                    "metrics": [
                        {
                            "name": "events_in",
                            "sum": {
                                "aggregationTemporality": 1,
                                "datapoints": [
                                    {
                                        "timeUnixNano": 1745251200000000000,
                                        "asInt": 12,
                                        "attributes": [
                                            {"key": "pipeline", "value": {"stringValue": "pl1"}}
                                        ],
                                    }
                                ],
                            },
                        },
                        {"name": "no_sum"},
                    ]
                }
            ]
        }
    ]
}


def test_schema_built_configuration_parses() -> None:
    spec, schema = response_schema("getPipelineConfiguration", "200", OLD_SPEC)
    example = build_example(spec, schema)
    config = PipelineConfiguration.model_validate({"data": example})
    assert config.model_extra == {}
    assert config.id == "text"
    assert config.rollout_id == "text"
    (item,) = config.configs
    assert item.kind == "refinery_config"
    assert item.config_data is not None and item.config_data.startswith("refinery_config:")
    assert config.etag is None


def test_schema_built_rollout_parses_and_keeps_an_odd_status() -> None:
    """The spec's example status (``success``) is not one of its own enum values."""
    spec, schema = response_schema("updatePipelineConfigurationRollout", "200", OLD_SPEC)
    rollout = PipelineRollout.model_validate(build_example(spec, schema))
    assert rollout.status == "success"
    assert (
        PipelineRollout.model_validate({"id": "r", "status": "live"}).status is RolloutStatus.LIVE
    )


def test_rollout_statuses_match_the_spec() -> None:
    rollout = schemas(OLD_SPEC)["UpdatePipelineConfigurationRollout"]["properties"]["attributes"]
    assert set(rollout["properties"]["status"]["enum"]) == {s.value for s in RolloutStatus}


def test_rollout_update_document_conforms() -> None:
    body = to_request_body(RolloutUpdate, {"status": "deploying"})
    document = build_document(ROLLOUT_TYPE, body, resource_id="ro1")
    assert document == {
        "data": {
            "type": "pipeline_configuration_rollout",
            "id": "ro1",
            "attributes": {"status": "deploying"},
        }
    }
    assert request_problems("PATCH", f"{PATH}/rollouts/ro1", body=document, management=True) == []


def test_health_document_conforms_and_uses_camel_case() -> None:
    report = PipelineHealthReport.model_validate({"usage_data": USAGE})
    assert isinstance(report.usage_data, UsageData)
    assert report.usage_data.resource_metrics[0].scope_metrics[0].metrics[1].sum is None
    body = to_request_body(PipelineHealthReport, report)
    assert body == {"usageData": USAGE}
    document = build_document(PIPELINE_HEALTH_TYPE, body, resource_id="pl1")
    assert request_problems("POST", f"{PATH}/health", body=document, management=True) == []


def test_configuration_parameters_conform() -> None:
    params = {"filter[kind]": "refinery", "generate_ingest_keys": "true"}
    problems = request_problems("GET", f"{PATH}/configurations/c1", params=params, management=True)
    assert problems == []


def _one_metric(metric: dict[str, Any]) -> dict[str, Any]:
    return {"usageData": {"resourceMetrics": [{"scopeMetrics": [{"metrics": [metric]}]}]}}


@pytest.mark.parametrize(
    "report",
    [
        {"usageData": {}},
        _one_metric({}),
        _one_metric({"name": "m", "sum": {"aggregationTemporality": 2, "datapoints": []}}),
        _one_metric(
            {
                "name": "m",
                "sum": {
                    "aggregationTemporality": 1,
                    "datapoints": [{"timeUnixNano": -1, "asInt": 1, "attributes": []}],
                },
            }
        ),
        {"usage": USAGE},
    ],
)
def test_invalid_health_reports(report: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        PipelineHealthReport.model_validate(report)
