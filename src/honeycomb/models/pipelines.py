"""Models for pipelines (``/2/teams/{team}/pipelines``). **Experimental.**

These operations are marked internal in Honeycomb's December 2025 spec and absent from
the public 2026 spec; they may change or disappear.

Field names are snake_case in Python and sent with the API's camelCase aliases
(``usage_data`` -> ``usageData``); either spelling is accepted on input.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from honeycomb.models._base import RequestModel, ResponseModel, StrEnum
from honeycomb.models._jsonapi import JSONAPIModel

__all__ = [
    "PIPELINE_HEALTH_TYPE",
    "ROLLOUT_TYPE",
    "AnyValue",
    "DataPoint",
    "KeyValue",
    "Metric",
    "MetricSum",
    "PipelineConfig",
    "PipelineConfiguration",
    "PipelineHealthReport",
    "PipelineRollout",
    "ResourceMetrics",
    "RolloutStatus",
    "RolloutUpdate",
    "ScopeMetrics",
    "UsageData",
]

ROLLOUT_TYPE = "pipeline_configuration_rollout"
PIPELINE_HEALTH_TYPE = "pipeline_usage"


class RolloutStatus(StrEnum):
    """The states of a pipeline configuration rollout."""

    PENDING = "pending"
    DEPLOYING = "deploying"
    LIVE = "live"
    REMOVING = "removing"
    ARCHIVED = "archived"
    FAILED = "failed"


class PipelineConfig(ResponseModel):
    """One configuration document of a pipeline (``refinery_config``, ``primary-collector``...)."""

    kind: str | None = None
    config_data: str | None = Field(default=None, alias="configData")
    """The configuration itself, as text (YAML)."""


class PipelineConfiguration(JSONAPIModel):
    """The configurations of a pipeline, flattened from JSON:API.

    ``etag`` is the response's ``ETag``: pass it back as ``etag=`` to
    ``get_configuration`` to be told (with None) that nothing changed.
    """

    id: str | None = None
    rollout_id: str | None = Field(default=None, alias="rolloutID")
    configs: list[PipelineConfig] = Field(default_factory=list)
    etag: str | None = None


class PipelineRollout(JSONAPIModel):
    """A pipeline configuration rollout, flattened from JSON:API."""

    id: str | None = None
    status: Annotated[RolloutStatus | str | None, Field(union_mode="left_to_right")] = None


class RolloutUpdate(RequestModel):
    """The new status of a rollout."""

    status: RolloutStatus


# -- usage data: a small subset of OTLP metrics --------------------------------------------


class AnyValue(RequestModel):
    """An attribute value; only strings are accepted."""

    string_value: str | None = Field(default=None, alias="stringValue")


class KeyValue(RequestModel):
    """An attribute."""

    key: str
    value: AnyValue


class DataPoint(RequestModel):
    """One integer data point of a cumulative sum."""

    time_unix_nano: int = Field(alias="timeUnixNano", ge=0)
    as_int: int = Field(alias="asInt")
    attributes: list[KeyValue]


class MetricSum(RequestModel):
    """A sum metric; the only temporality accepted is 1 (delta)."""

    aggregation_temporality: Literal[1] = Field(alias="aggregationTemporality")
    datapoints: list[DataPoint]


class Metric(RequestModel):
    """A named metric."""

    name: str
    sum: MetricSum | None = None


class ScopeMetrics(RequestModel):
    """The metrics of one instrumentation scope."""

    metrics: list[Metric]


class ResourceMetrics(RequestModel):
    """The metrics of one resource."""

    scope_metrics: list[ScopeMetrics] = Field(alias="scopeMetrics")


class UsageData(RequestModel):
    """Usage metrics, OTLP-shaped."""

    resource_metrics: list[ResourceMetrics] = Field(alias="resourceMetrics")


class PipelineHealthReport(RequestModel):
    """Body attributes of ``POST .../pipelines/{id}/health``."""

    usage_data: UsageData | None = Field(default=None, alias="usageData")
