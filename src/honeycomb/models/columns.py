"""Models for columns (``/1/columns``)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import Field

from honeycomb.models._base import RequestModel, ResponseModel, StrEnum, accepts_response

__all__ = ["Column", "ColumnCreate", "ColumnType", "ColumnUpdate"]


class ColumnType(StrEnum):
    """The type of data a column holds. ``histogram`` is in beta, for metrics datasets."""

    STRING = "string"
    FLOAT = "float"
    INTEGER = "integer"
    BOOLEAN = "boolean"
    HISTOGRAM = "histogram"


_ColumnTypeOrStr = Annotated[ColumnType | str, Field(union_mode="left_to_right")]
"""A known member, or the raw string for a value this version does not know."""


class Column(ResponseModel):
    """A column of a dataset."""

    id: str
    key_name: str | None = None
    type: _ColumnTypeOrStr | None = None
    description: str | None = None
    hidden: bool | None = None
    last_written: datetime | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


class ColumnCreate(RequestModel):
    """Body of ``POST /1/columns/{dataset}``.

    ``key_name`` must be unique in the dataset: a second column of the same name is
    refused with 409. The API defaults ``type`` to ``string`` and ``hidden`` to false.
    """

    key_name: str = Field(min_length=1, max_length=255)
    type: ColumnType | None = None
    description: str | None = Field(default=None, max_length=255)
    hidden: bool | None = None


class ColumnUpdate(RequestModel):
    """Body of ``PUT /1/columns/{dataset}/{id}``.

    PUT replaces the column's editable fields, so send every field you want to keep
    (read the column first). ``key_name`` is read-only after creation (the spec marks it
    so); it is accepted so that a create body can be sent back, and should equal the
    column's current key name; a column read with ``get`` is sent back without it.
    Changing ``type`` on a column with data may make that data unreadable in queries.
    """

    key_name: str | None = Field(default=None, min_length=1, max_length=255)
    type: ColumnType | None = None
    description: str | None = Field(default=None, max_length=255)
    hidden: bool | None = None

    @classmethod
    def _from_response(cls, data: dict[str, Any]) -> dict[str, Any]:
        data.pop("key_name", None)  # read-only once created: a column read back omits it
        return data


accepts_response(Column, ColumnCreate, ColumnUpdate)
