"""Models for query annotations (``/1/query_annotations``): names for saved queries."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import Field, model_validator

from honeycomb.models._base import RequestModel, ResponseModel, StrEnum, accepts_response
from honeycomb.models.queries import QuerySpec

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

    id: str
    name: str | None = None
    description: str | None = None
    query_id: str | None = None
    source: _QueryAnnotationSourceOrStr | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


class _QueryAnnotationBody(RequestModel):
    name: str = Field(min_length=1, max_length=320)
    description: str | None = Field(default=None, max_length=1023)


class QueryAnnotationCreate(_QueryAnnotationBody):
    """Body of ``POST /1/query_annotations/{dataset}``.

    Name either a saved query, by ``query_id`` (the id ``client.queries.create``
    returned), or a query that is not saved yet, by ``query``: a
    :class:`~honeycomb.query.QueryBuilder`, a :class:`~honeycomb.models.queries.QuerySpec`
    or an equivalent dict, which ``client.query_annotations.create`` saves first. A query
    may have several annotations, and an annotation's query cannot be changed later.
    """

    query_id: str | None = Field(default=None, min_length=1)
    query: QuerySpec | None = Field(default=None, exclude=True)

    @model_validator(mode="after")
    def _one_query(self) -> QueryAnnotationCreate:
        if (self.query_id is None) == (self.query is None):
            raise ValueError("give exactly one of query_id (a saved query) and query (a spec)")
        return self


class QueryAnnotationUpdate(_QueryAnnotationBody):
    """Body of ``PUT /1/query_annotations/{dataset}/{id}``: a full replacement.

    Partial updates are not supported: send ``name`` and ``query_id`` (the annotation's
    current query; it cannot be changed) and the ``description`` to keep.
    """

    query_id: str = Field(min_length=1)


accepts_response(QueryAnnotation, QueryAnnotationCreate, QueryAnnotationUpdate)
