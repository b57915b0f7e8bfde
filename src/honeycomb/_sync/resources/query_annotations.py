# GENERATED from src/honeycomb/_async/resources/query_annotations.py by scripts/unasync.py.
# Do not edit: change the async source and run `python scripts/unasync.py`.
"""``client.query_annotations``: names and descriptions attached to queries."""

from __future__ import annotations

import builtins
from collections.abc import Mapping
from typing import Any

from honeycomb._paths import segment
from honeycomb._sync._resource import Resource
from honeycomb.models._base import request_model
from honeycomb.models.query_annotations import (
    QueryAnnotation,
    QueryAnnotationCreate,
    QueryAnnotationUpdate,
)
from honeycomb.query import query_body

__all__ = ["QueryAnnotations"]


class QueryAnnotations(Resource):
    """Query annotations (``/1/query_annotations``); ``__all__`` means environment-wide."""

    def list(
        self, dataset: str, include_board_annotations: bool = False
    ) -> builtins.list[QueryAnnotation]:
        """List the query annotations of a dataset, or of the environment with ``__all__``.

        Args:
            dataset: The dataset slug, or ``__all__``.
            include_board_annotations: Also return annotations created from boards (by
                default only those created from queries are returned).

        Returns:
            The annotations.

        Raises:
            NotFoundError: No such dataset.
            APIError: On any other failure.
        """
        params = {"include_board_annotations": True} if include_board_annotations else None
        result: builtins.list[QueryAnnotation] = self._request(
            "GET",
            f"/1/query_annotations/{segment(dataset)}",
            params=params,
            cast=builtins.list[QueryAnnotation],
        )
        return result

    def get(self, dataset: str, annotation_id: str) -> QueryAnnotation:
        """Read one query annotation.

        Args:
            dataset: The dataset slug, or ``__all__``.
            annotation_id: The annotation id.

        Returns:
            The annotation.

        Raises:
            NotFoundError: No such dataset or annotation.
            APIError: On any other failure.
        """
        result: QueryAnnotation = self._request(
            "GET",
            f"/1/query_annotations/{segment(dataset)}/{segment(annotation_id)}",
            cast=QueryAnnotation,
        )
        return result

    def create(
        self, dataset: str, annotation: QueryAnnotationCreate | QueryAnnotation | Mapping[str, Any]
    ) -> QueryAnnotation:
        """Name a query: one saved with ``client.queries.create``, or a spec saved here.

        Examples:
            >>> from honeycomb.query import QueryBuilder
            >>> annotation = client.query_annotations.create("web", {
            ...     "name": "Slow checkouts",
            ...     "query": QueryBuilder().calculate("P99", "duration_ms").last(hours=1),
            ... })
            >>> saved = client.queries.get("web", annotation.query_id)  # saved first
            >>> saved.time_range
            3600

        Args:
            dataset: The dataset slug, or ``__all__``.
            annotation: A ``QueryAnnotationCreate`` or an equivalent dict, with either
                the ``query_id`` of a saved query or a ``query`` (a ``QueryBuilder``, a
                ``QuerySpec`` or a dict), which is saved in ``dataset`` first.

        Returns:
            The created annotation.

        Raises:
            RequestValidationError: The body is invalid (nothing is sent).
            QueryValidationError: The ``query`` breaks the API's rules (nothing is sent).
            NotFoundError: No such dataset or query.
            APIError: On any other failure.
        """
        model = request_model(QueryAnnotationCreate, annotation)
        body = model.model_dump(mode="json", by_alias=True, exclude_unset=True)
        if model.query is not None:
            body["query_id"] = self._save_query(dataset, query_body(model.query))
        result: QueryAnnotation = self._request(
            "POST", f"/1/query_annotations/{segment(dataset)}", json=body, cast=QueryAnnotation
        )
        return result

    def update(
        self,
        dataset: str,
        annotation_id: str,
        annotation: QueryAnnotationUpdate | QueryAnnotation | Mapping[str, Any],
    ) -> QueryAnnotation:
        """Replace an annotation's name and description (no partial updates).

        Examples:
            >>> query = client.queries.create("web", {"calculations": [{"op": "COUNT"}]})
            >>> annotation = client.query_annotations.create(
            ...     "web", {"name": "Checkouts", "query_id": query.id}
            ... )
            >>> annotation = client.query_annotations.update("web", annotation.id, {
            ...     "name": "Checkouts",
            ...     "description": "count by region",
            ...     "query_id": annotation.query_id,  # required, and it cannot change
            ... })
            >>> annotation.description
            'count by region'

        Args:
            dataset: The dataset slug, or ``__all__``.
            annotation_id: The annotation id.
            annotation: A ``QueryAnnotationUpdate`` or an equivalent dict; its
                ``query_id`` must be the annotation's current query.

        Returns:
            The updated annotation.

        Raises:
            RequestValidationError: The body is invalid (nothing is sent).
            NotFoundError: No such dataset or annotation.
            APIError: On any other failure.
        """
        body = self._body(QueryAnnotationUpdate, annotation)
        result: QueryAnnotation = self._request(
            "PUT",
            f"/1/query_annotations/{segment(dataset)}/{segment(annotation_id)}",
            json=body,
            cast=QueryAnnotation,
        )
        return result

    def delete(self, dataset: str, annotation_id: str) -> None:
        """Delete a query annotation (the query itself is kept).

        Args:
            dataset: The dataset slug, or ``__all__``.
            annotation_id: The annotation id.

        Raises:
            NotFoundError: No such dataset or annotation.
            APIError: On any other failure.
        """
        self._request("DELETE", f"/1/query_annotations/{segment(dataset)}/{segment(annotation_id)}")
