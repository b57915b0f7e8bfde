"""Models for service map dependencies (``/1/maps/dependencies/requests``).

Asking for dependencies is asynchronous: create a request, poll it until its ``status``
is ``ready`` (or ``error``), then read its dependencies page by page.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from honeycomb.models._base import RequestModel, ResponseModel, StrEnum
from honeycomb.models._time import UnixTime

__all__ = [
    "MAX_DEPENDENCY_LIMIT",
    "DependencyRequest",
    "DependencyRequestCreate",
    "DependencyRequestStatus",
    "MapDependency",
    "MapNode",
    "MapNodeIn",
]

MAX_DEPENDENCY_LIMIT = 64_000
"""The most dependencies one request may return (the API's default is 10,000)."""


class DependencyRequestStatus(StrEnum):
    """The states of a dependency request."""

    PENDING = "pending"
    READY = "ready"
    ERROR = "error"


class MapNode(ResponseModel):
    """A node of the service map (currently always a service)."""

    name: str | None = None
    type: str | None = None


class MapDependency(ResponseModel):
    """A parent service calling a child service ``call_count`` times."""

    parent_node: MapNode | None = None
    child_node: MapNode | None = None
    call_count: int | None = None


class DependencyRequest(ResponseModel):
    """A dependency request: its status, and (once ready) one page of dependencies."""

    request_id: str | None = None
    status: Annotated[DependencyRequestStatus | str | None, Field(union_mode="left_to_right")] = (
        None
    )
    dependencies: list[MapDependency] | None = None
    """None unless the status is ``ready``; one page only (see ``links``)."""
    links: dict[str, str | None] | None = None

    @property
    def next_link(self) -> str | None:
        """The URL of the next page of dependencies, if any."""
        return (self.links or {}).get("next")


class MapNodeIn(RequestModel):
    """A service to filter dependencies by."""

    name: str = Field(min_length=1)
    type: Literal["service"] | None = None
    """Only ``service`` exists, and is the default."""


class DependencyRequestCreate(RequestModel):
    """A dependency request: a time window, optional service filters, a result limit.

    The window is ``time_range`` seconds before ``end_time``, after ``start_time``, or
    before now (default 2 hours); or ``start_time`` to ``end_time``. Times are epoch
    seconds (datetimes are converted).

    Examples:
        >>> request = DependencyRequestCreate(time_range=7200, filters=[{"name": "checkout"}])
        >>> client.service_maps.dependencies(request)   # nothing called checkout, or was called
        []
    """

    start_time: UnixTime | None = None
    end_time: UnixTime | None = None
    time_range: int | None = Field(default=None, ge=1)
    filters: list[MapNodeIn] | None = None
    """Only dependencies involving these services."""
    limit: int | None = Field(default=None, ge=1, le=MAX_DEPENDENCY_LIMIT, exclude=True)
    """The most dependencies to return, up to 64,000 (sent as the ``?limit=`` query
    parameter, not in the body)."""

    @model_validator(mode="after")
    def _check_window(self) -> DependencyRequestCreate:
        if (
            self.start_time is not None
            and self.end_time is not None
            and self.start_time > self.end_time
        ):
            raise ValueError("start_time must not be after end_time")
        if None not in (self.start_time, self.end_time, self.time_range):
            raise ValueError("give at most two of start_time, end_time and time_range")
        return self
