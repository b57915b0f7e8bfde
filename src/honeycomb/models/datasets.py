"""Models for datasets (``/1/datasets``)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import Field

from honeycomb.models._base import RequestModel, ResponseModel, StrEnum, accepts_response

__all__ = [
    "Dataset",
    "DatasetCreate",
    "DatasetSettings",
    "DatasetSettingsUpdate",
    "DatasetType",
    "DatasetUpdate",
]


class DatasetType(StrEnum):
    """Present only for time-series metrics datasets."""

    METRICS = "metrics"


class DatasetSettings(ResponseModel):
    """Dataset settings as returned."""

    delete_protected: bool | None = None


class Dataset(ResponseModel):
    """A dataset."""

    name: str
    slug: str
    description: str | None = None
    settings: DatasetSettings | None = None
    expand_json_depth: int | None = None
    regular_columns_count: int | None = None
    last_written_at: datetime | None = None
    created_at: datetime | None = None
    # left_to_right: a known value becomes the enum member, an unknown one stays a string.
    dataset_type: Annotated[DatasetType | str | None, Field(union_mode="left_to_right")] = None


class DatasetCreate(RequestModel):
    """Body of ``POST /1/datasets``. Delete protection is always on at creation."""

    name: str = Field(min_length=1, max_length=255)
    description: str = Field(default="", max_length=1024)
    expand_json_depth: int = Field(default=0, ge=0, le=10)


class DatasetSettingsUpdate(RequestModel):
    """Settings that may be changed with ``PUT``."""

    delete_protected: bool | None = None


class DatasetUpdate(RequestModel):
    """Body of ``PUT /1/datasets/{slug}``: a full replacement of the editable fields.

    ``description`` and ``expand_json_depth`` are required by the API; delete protection
    is nested under ``settings`` (the live API ignores a top-level ``delete_protected``).
    """

    description: str = Field(max_length=1024)
    expand_json_depth: int = Field(ge=0, le=10)
    settings: DatasetSettingsUpdate | None = None


accepts_response(Dataset, DatasetCreate, DatasetUpdate)
