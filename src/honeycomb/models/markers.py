"""Models for markers (``/1/markers``): annotations of a point or span in time."""

from __future__ import annotations

from datetime import datetime

from honeycomb.models._base import RequestModel, ResponseModel, accepts_response

__all__ = ["Marker", "MarkerCreate", "MarkerUpdate"]


class Marker(ResponseModel):
    """A marker as returned.

    ``start_time``/``end_time`` are Unix seconds. ``color`` comes from the marker
    setting of the marker's ``type`` and is filled in when markers are listed.
    """

    id: str
    start_time: int | None = None
    end_time: int | None = None
    message: str | None = None
    type: str | None = None
    url: str | None = None
    color: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


class MarkerCreate(RequestModel):
    """Body of ``POST /1/markers/{dataset}``. Every field is optional.

    Attributes:
        start_time: Unix seconds; defaults to the time the request arrives.
        end_time: Unix seconds, to mark a range such as a five-minute deploy.
        message: What happened, e.g. ``"backend deploy #123"``.
        type: Groups similar markers (``"deploy"``); one colour per type.
        url: Where clicking the marker's text leads.
    """

    start_time: int | None = None
    end_time: int | None = None
    message: str | None = None
    type: str | None = None
    url: str | None = None


class MarkerUpdate(MarkerCreate):
    """Body of ``PUT /1/markers/{dataset}/{id}``.

    A full replacement: a field left out is erased on the marker, so send every field
    you want to keep.
    """


accepts_response(Marker, MarkerCreate, MarkerUpdate)
