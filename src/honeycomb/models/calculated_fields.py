"""Models for calculated fields, also called derived columns (``/1/derived_columns``)."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from honeycomb.models._base import RequestModel, ResponseModel, accepts_response

__all__ = [
    "MAX_ALIAS_LENGTH",
    "MAX_DESCRIPTION_LENGTH",
    "MAX_EXPRESSION_LENGTH",
    "CalculatedField",
    "CalculatedFieldCreate",
    "CalculatedFieldUpdate",
]

MAX_ALIAS_LENGTH = 255
MAX_EXPRESSION_LENGTH = 4095
MAX_DESCRIPTION_LENGTH = 255


class CalculatedField(ResponseModel):
    """A calculated field (derived column): a named expression over an event's fields."""

    id: str
    alias: str | None = None
    expression: str | None = None
    description: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


class CalculatedFieldCreate(RequestModel):
    """Body of ``POST /1/derived_columns/{dataset}``.

    ``alias`` is the name queries use and must be unique in the dataset (or the
    environment, for ``__all__``). ``expression`` follows Honeycomb's calculated-field
    syntax, e.g. ``IF(LT($status_code, 400), 1, 0)``; the API checks it.
    """

    alias: str = Field(min_length=1, max_length=MAX_ALIAS_LENGTH)
    expression: str = Field(min_length=1, max_length=MAX_EXPRESSION_LENGTH)
    description: str | None = Field(default=None, max_length=MAX_DESCRIPTION_LENGTH)


class CalculatedFieldUpdate(CalculatedFieldCreate):
    """Body of ``PUT /1/derived_columns/{dataset}/{id}``: a full replacement.

    ``alias`` and ``expression`` are required; the alias may be changed. A field used by
    an SLO, trigger or board may be refused with 409.
    """


accepts_response(CalculatedField, CalculatedFieldCreate, CalculatedFieldUpdate)
