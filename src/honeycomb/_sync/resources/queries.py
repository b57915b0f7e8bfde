# GENERATED from src/honeycomb/_async/resources/queries.py by scripts/unasync.py.
# Do not edit: change the async source and run `python scripts/unasync.py`.
"""``client.queries``: save a query specification and read it back (``/1/queries``).

A saved query is immutable on the server: it can be created and read, never listed,
updated or deleted. Creating one does not run it; see ``client.query_results``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from honeycomb._paths import segment
from honeycomb._sync._resource import Resource
from honeycomb.models.queries import Query, QuerySpec
from honeycomb.query import QueryBuilder, query_body

__all__ = ["Queries"]


class Queries(Resource):
    """Saved query specifications (``/1/queries``)."""

    def create(
        self, dataset: str, query: QuerySpec | QueryBuilder | Query | Mapping[str, Any]
    ) -> Query:
        """Save a query specification (it is validated locally first, and not run).

        Examples:
            >>> from honeycomb.query import QueryBuilder
            >>> spec = QueryBuilder().calculate("COUNT").last(hours=2)
            >>> query = client.queries.create("web", spec)
            >>> saved = client.queries.get("web", query.id)
            >>> saved.time_range
            7200

        Args:
            dataset: The dataset slug, or ``__all__`` for an environment-wide query.
            query: A :class:`~honeycomb.query.QueryBuilder`, a
                :class:`~honeycomb.models.queries.QuerySpec` or an equivalent dict.

        Returns:
            The saved query, with its ``id`` (and ``query_annotation_id``).

        Raises:
            QueryValidationError: The query breaks the API's rules (nothing is sent); the
                message lists every problem.
            APIError: On any failure.
        """
        body = query_body(query, stacklevel=3)
        result: Query = self._request(
            "POST", f"/1/queries/{segment(dataset)}", json=body, cast=Query
        )
        return result

    def get(self, dataset: str, query_id: str) -> Query:
        """Read a saved query.

        Args:
            dataset: The dataset slug the query was saved under (or ``__all__``).
            query_id: The query's id.

        Returns:
            The query.

        Raises:
            NotFoundError: No such query in this dataset.
            APIError: On any other failure.
        """
        result: Query = self._request(
            "GET", f"/1/queries/{segment(dataset)}/{segment(query_id)}", cast=Query
        )
        return result
