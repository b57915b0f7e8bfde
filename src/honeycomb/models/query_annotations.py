"""Models for query annotations (``/1/query_annotations``): names for saved queries."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import Field

from honeycomb.models._base import RequestModel, ResponseModel, StrEnum, accepts_response

__all__ = [
    "QueryAnnotation",
    "QueryAnnotationCreate",
    "QueryAnnotationSource",
    "QueryAnnotationUpdate",
]


class QueryAnnotationSource(StrEnum):
    """Where an annotation was created."""

    QUERY = "query"
    BOARD = "board"


_QueryAnnotationSourceOrStr = Annotated[
    QueryAnnotationSource | str, Field(union_mode="left_to_right")
]
"""A known member, or the raw string for a value this version does not know."""


class QueryAnnotation(ResponseModel):
    """A name and description attached to a query.

    The spec documents ``created_at``/``updated_at`` but the live API returns neither;
    they are kept optional (None) for when it does.
    """

    id: str | None = None
    name: str | None = None
    description: str | None = None
    query_id: str | None = None
    source: _QueryAnnotationSourceOrStr | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


class QueryAnnotationCreate(RequestModel):
    """Body of ``POST /1/query_annotations/{dataset}``.

    ``query_id`` is the id of a query made with ``client.queries.create``; a query may
    have several annotations, and an annotation's query cannot be changed later.
    """

    name: str = Field(min_length=1, max_length=320)
    query_id: str = Field(min_length=1)
    description: str | None = Field(default=None, max_length=1023)


class QueryAnnotationUpdate(QueryAnnotationCreate):
    """Body of ``PUT /1/query_annotations/{dataset}/{id}``: a full replacement.

    Partial updates are not supported: send ``name`` and ``query_id`` (the annotation's
    current query; it cannot be changed) and the ``description`` to keep.
    """


accepts_response(QueryAnnotation, QueryAnnotationCreate, QueryAnnotationUpdate)
