"""Models for SLOs (``/1/slos``) and SLO reporting (``/1/reporting/slos/historical``).

An SLO measures a calculated field (its SLI, referenced by ``alias``) that is true for a
good event. A multi-dataset SLO is created at the environment-wide path ``__all__`` with
``dataset_slugs`` (1-10 datasets), and its SLI must then be an environment-wide
calculated field.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import Field, model_validator

from honeycomb.models._base import (
    RequestModel,
    ResponseModel,
    StrEnum,
    accepts_response,
    request_model,
)
from honeycomb.models._time import UnixTime
from honeycomb.models.common import Tag, Tags

__all__ = [
    "MAX_DATASETS_PER_SLO",
    "MAX_SLOS_PER_HISTORY_REQUEST",
    "SLI",
    "SLO",
    "SLICreate",
    "SLOCountWindow",
    "SLOCounts",
    "SLOCreate",
    "SLOHistory",
    "SLOHistoryRequest",
    "SLOHourBucket",
    "SLOHourlyCounts",
    "SLOStatus",
    "SLOUpdate",
    "default_counts_history_window",
    "default_counts_window",
]

MAX_DATASETS_PER_SLO = 10
"""A multi-dataset SLO spans 1 to 10 datasets."""

MAX_SLOS_PER_HISTORY_REQUEST = 24
"""``POST /1/reporting/slos/historical`` takes 1 to 24 SLO ids."""

_HOUR = 3600
_DAY = 86400


class SLOStatus(StrEnum):
    """Reporting status of a detailed SLO (``get(..., detailed=True)``)."""

    NORMAL = "normal"
    """No burn alert is triggered."""
    TRIGGERED = "triggered"
    """At least one burn alert is triggered."""
    NO_ALERTS = "no_alerts"
    """The SLO has no burn alerts."""
    NO_EVENTS = "no_events"
    """No events are streaming in."""


class SLI(ResponseModel):
    """The SLI: the calculated field (derived column) that is true for a good event."""

    alias: str | None = None


class SLO(ResponseModel):
    """An SLO. With ``detailed=True`` the reporting fields are filled in too.

    ``reset_at`` is kept as text when it is not a valid timestamp: the spec's own example
    (``"2022-011-11T09:53:04Z"``) is not one.
    """

    id: str
    name: str | None = None
    description: str | None = None
    sli: SLI | None = None
    time_period_days: int | None = None
    target_per_million: int | None = None
    tags: list[Tag] | None = None
    reset_at: Annotated[datetime | str, Field(union_mode="left_to_right")] | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    dataset_slugs: list[str] | None = None
    # Present only with ?detailed (Enterprise plan).
    compliance: float | None = None
    """Historical compliance over the SLO's time period, as a percentage."""
    budget_remaining: float | None = None
    """Error budget left for the time period, as a percentage (negative when overspent)."""
    status: Annotated[SLOStatus | str | None, Field(union_mode="left_to_right")] = None
    burn_rate: float | None = None
    """Actual failures over expected failures in the last 4 hours."""

    @property
    def target_percent(self) -> float | None:
        """The target as a percentage (``999000`` per million is ``99.9``)."""
        if self.target_per_million is None:
            return None
        return self.target_per_million / 10_000


class SLICreate(RequestModel):
    """The SLI reference on a request: the alias of a calculated field."""

    alias: str = Field(min_length=1, max_length=255)


class SLOCreate(RequestModel):
    """Body of ``POST /1/slos/{dataset}``.

    For a multi-dataset SLO post to ``__all__`` and list the datasets in ``dataset_slugs``.

    Examples:
        >>> sli = client.calculated_fields.create(
        ...     "api", {"alias": "sli_ok", "expression": "LT($status_code, 500)"}
        ... )
        >>> request = SLOCreate(name="API availability", sli={"alias": sli.alias},
        ...                     time_period_days=30, target_per_million=999000)
        >>> client.slos.create("api", request).target_per_million
        999000
    """

    name: str = Field(min_length=1, max_length=120)
    description: str | None = Field(default=None, max_length=1023)
    sli: SLICreate
    time_period_days: int = Field(ge=1)
    target_per_million: int = Field(ge=0, le=999_999)
    """Good events expected out of a million: 999000 is 99.9 %. At most 999999."""
    tags: Tags | None = None
    dataset_slugs: list[Annotated[str, Field(min_length=1)]] | None = Field(
        default=None, min_length=1, max_length=MAX_DATASETS_PER_SLO
    )
    """The datasets of a multi-dataset SLO (required when the path is ``__all__``)."""

    @classmethod
    def _from_response(cls, data: dict[str, Any]) -> dict[str, Any]:
        # A single-dataset SLO is returned with its one dataset; the path names it, and the
        # API takes dataset_slugs only for a multi-dataset SLO.
        slugs = data.get("dataset_slugs")
        if isinstance(slugs, list) and len(slugs) <= 1:
            del data["dataset_slugs"]
        return data


class SLOUpdate(SLOCreate):
    """Body of ``PUT /1/slos/{dataset}/{id}``: a full replacement.

    Partial updates are not supported: send every field, or the API resets what you
    leave out (``description``, ``tags``).
    """

    @classmethod
    def from_slo(cls, slo: SLO) -> SLOUpdate:
        """An SLO read from the API as an editable update (optional).

        ``client.slos.update(ds, slo.id, slo)`` takes the SLO itself; this adds a typed
        request model whose changes are validated as they are made.

        Examples:
            >>> sli = client.calculated_fields.create(
            ...     "api", {"alias": "sli_ok", "expression": "LT($status_code, 500)"}
            ... )
            >>> slo = client.slos.create("api", {
            ...     "name": "API availability", "sli": {"alias": sli.alias},
            ...     "time_period_days": 30, "target_per_million": 999000,
            ... })
            >>> update = SLOUpdate.from_slo(slo)
            >>> update.target_per_million = 995000
            >>> client.slos.update("api", slo.id, update).target_per_million
            995000

        Args:
            slo: An SLO as returned by ``get`` or ``list``.

        Returns:
            An update carrying the SLO's current values.

        Raises:
            RequestValidationError: The SLO lacks a required field.
        """
        return request_model(cls, slo)


class SLOHistoryRequest(RequestModel):
    """Body of ``POST /1/reporting/slos/historical``: weekly history for up to 24 SLOs.

    Times are epoch seconds (datetimes are converted). ``start_time`` may be at most a year
    ago; ``end_time`` must be after it and not in the future.
    """

    ids: list[Annotated[str, Field(min_length=1)]] = Field(
        min_length=1, max_length=MAX_SLOS_PER_HISTORY_REQUEST
    )
    start_time: UnixTime
    end_time: UnixTime

    @model_validator(mode="after")
    def _check_range(self) -> SLOHistoryRequest:
        if self.end_time <= self.start_time:
            raise ValueError("end_time must be after start_time")
        return self


class SLOHistory(ResponseModel):
    """One interval of an SLO's history."""

    timestamp: int | None = None
    """Start of the interval, epoch seconds."""
    compliance: float | None = None
    budget_remaining: float | None = None


class SLOCountWindow(ResponseModel):
    """One minute of realtime counts. ``is_partial`` windows are provisional."""

    window_start: int | None = None
    window_end: int | None = None
    total_count: int | None = None
    error_count: int | None = None
    is_partial: bool | None = None


class SLOCounts(ResponseModel):
    """``GET /1/slos/{dataset}/{id}/counts``: per-minute counts from the rolling 24 hours.

    Missing minutes are missing data, not zero events. When ``epoch`` changes between
    responses the SLO definition changed; when ``period_start`` changes, re-baseline.
    """

    slo_id: str | None = None
    resolution_seconds: int | None = None
    epoch: str | None = None
    period_start: int | None = None
    windows: list[SLOCountWindow] = Field(default_factory=list)


class SLOHourBucket(ResponseModel):
    """One hour of counts. The last bucket may be ``is_partial`` (the current hour)."""

    start_time: int | None = None
    end_time: int | None = None
    total_count: int | None = None
    error_count: int | None = None
    is_partial: bool | None = None


class SLOHourlyCounts(ResponseModel):
    """``GET /1/slos/{dataset}/{id}/counts/history``: hourly buckets of counts."""

    slo_id: str | None = None
    resolution_seconds: int | None = None
    buckets: list[SLOHourBucket] = Field(default_factory=list)


def default_counts_window(now: float) -> tuple[int, int]:
    """The default range for realtime counts: from the start of the current hour to now.

    The API wants both ends within the same clock hour (counts reset at each hour).

    Args:
        now: The current epoch time.

    Returns:
        ``(start_time, end_time)`` in epoch seconds, with ``end_time > start_time``.
    """
    end = int(now)
    start = end - end % _HOUR
    return start, max(end, start + 1)


def default_counts_history_window(now: float) -> tuple[int, int]:
    """The default range for hourly counts history: the 24 hours before now.

    Args:
        now: The current epoch time.

    Returns:
        ``(start_time, end_time)`` in epoch seconds.
    """
    end = int(now)
    return end - _DAY, end


accepts_response(SLO, SLOCreate, SLOUpdate)
