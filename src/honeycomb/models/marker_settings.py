"""Models for marker settings (``/1/marker_settings``): one colour per marker type."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from honeycomb.models._base import RequestModel, ResponseModel, accepts_response

__all__ = ["HEX_COLOR_PATTERN", "MarkerSetting", "MarkerSettingCreate", "MarkerSettingUpdate"]

HEX_COLOR_PATTERN = r"^#[0-9A-Fa-f]{6}$"
"""A colour as hexadecimal RGB, e.g. ``#F96E11``."""


class MarkerSetting(ResponseModel):
    """The colour used for markers of one type."""

    id: str
    type: str | None = None
    color: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


class MarkerSettingCreate(RequestModel):
    """Body of ``POST /1/marker_settings/{dataset}``.

    Attributes:
        type: The marker type this colour applies to, e.g. ``"deploy"``.
        color: Hexadecimal RGB, e.g. ``"#F96E11"``.
    """

    type: str
    color: str = Field(pattern=HEX_COLOR_PATTERN)


class MarkerSettingUpdate(MarkerSettingCreate):
    """Body of ``PUT /1/marker_settings/{dataset}/{id}``.

    Both fields are required; ``type`` cannot be changed after creation, so send the
    setting's current type.
    """


accepts_response(MarkerSetting, MarkerSettingCreate, MarkerSettingUpdate)
