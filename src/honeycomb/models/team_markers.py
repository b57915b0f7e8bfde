"""Models for team-level markers (``/2/teams/{team}/markers``). **Experimental.**

These operations are marked internal in Honeycomb's December 2025 spec and absent from
the public 2026 spec; they may change or disappear. The v1 ``client.markers`` is the
stable way to place markers.

A team marker belongs to an environment and to a dataset, or to the whole environment
with the dataset ``"__all__"``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import AliasChoices, Field, model_validator

from honeycomb._paths import ENVIRONMENT_WIDE
from honeycomb.models._base import RequestModel, accepts_response
from honeycomb.models._jsonapi import JSONAPIModel, Relationship
from honeycomb.models._time import UnixTime

__all__ = [
    "RELATIONSHIPS",
    "TEAM_MARKER_TYPE",
    "TeamMarker",
    "TeamMarkerCreate",
    "TeamMarkerUpdate",
]

TEAM_MARKER_TYPE = "markers"
"""The JSON:API resource type."""

RELATIONSHIPS: dict[str, Relationship] = {
    "environment_id": ("environment", "environments"),
    "dataset_id": ("dataset", "datasets"),
}
"""Flat request fields that are JSON:API relationships."""


class TeamMarker(JSONAPIModel):
    """A team-level marker, flattened from JSON:API.

    ``dataset_id`` is None for an environment-wide marker.
    """

    id: str
    start_time: int | None = None
    end_time: int | None = None
    message: str | None = None
    type: str | None = None
    url: str | None = None
    color: str | None = None
    environment_id: str | None = None
    dataset_id: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


class _MarkerAttributes(RequestModel):
    end_time: UnixTime | None = None
    """End of a marker that spans a time range; not before ``start_time``."""
    message: str | None = None
    type: str | None = None
    """Groups markers (``deploy``): one colour per type."""
    url: str | None = None

    @classmethod
    def _from_response(cls, data: dict[str, Any]) -> dict[str, Any]:
        # A marker read back with no dataset is environment-wide.
        if data.get("dataset_id") is None:
            data["dataset_id"] = ENVIRONMENT_WIDE
        return data


class TeamMarkerCreate(_MarkerAttributes):
    """A new team marker. Times are epoch seconds (datetimes are converted).

    Examples:
        >>> from datetime import datetime, timezone
        >>> env, *others = client.environments.list()
        >>> marker = TeamMarkerCreate(environment_id=env.id, start_time=datetime.now(timezone.utc),
        ...                           type="deploy", message="v1.2.3")
        >>> client.team_markers.create(marker).message
        'v1.2.3'
    """

    environment_id: str = Field(min_length=1)
    dataset_id: str = Field(
        default=ENVIRONMENT_WIDE,
        min_length=1,
        validation_alias=AliasChoices("dataset_id", "dataset"),
    )
    """The dataset slug, or ``"__all__"`` (the default) for the whole environment.

    Named as ``TeamMarker`` reads it; ``dataset`` is accepted too (the SDK's earlier name).
    """
    start_time: UnixTime

    @model_validator(mode="after")
    def _check(self) -> TeamMarkerCreate:
        if self.end_time is not None and self.end_time < self.start_time:
            raise ValueError("end_time must not be before start_time")
        # The API requires the dataset relationship; send the default too.
        self.model_fields_set.add("dataset_id")
        return self


class TeamMarkerUpdate(_MarkerAttributes):
    """Changes to a team marker. The environment and dataset must always be named."""

    environment_id: str = Field(min_length=1)
    dataset_id: str = Field(min_length=1, validation_alias=AliasChoices("dataset_id", "dataset"))
    """The marker's dataset slug, or ``"__all__"`` (``dataset`` is accepted too)."""
    start_time: UnixTime | None = None

    @model_validator(mode="after")
    def _check(self) -> TeamMarkerUpdate:
        if (
            self.end_time is not None
            and self.start_time is not None
            and self.end_time < self.start_time
        ):
            raise ValueError("end_time must not be before start_time")
        return self


accepts_response(TeamMarker, TeamMarkerCreate, TeamMarkerUpdate, jsonapi_type=TEAM_MARKER_TYPE)
