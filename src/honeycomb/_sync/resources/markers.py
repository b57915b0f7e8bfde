# GENERATED from src/honeycomb/_async/resources/markers.py by scripts/unasync.py.
# Do not edit: change the async source and run `python scripts/unasync.py`.
"""``client.markers``: annotate graphs with deploys, incidents and other events."""

from __future__ import annotations

import builtins
from collections.abc import Mapping
from typing import Any

from honeycomb._paths import segment
from honeycomb._sync._resource import Resource
from honeycomb.models.markers import Marker, MarkerCreate, MarkerUpdate

__all__ = ["Markers"]


class Markers(Resource):
    """Markers (``/1/markers``); ``__all__`` addresses environment-wide markers.

    The API has no call to read a single marker: use ``list`` and pick by id.
    """

    def list(self, dataset: str) -> builtins.list[Marker]:
        """List every marker of a dataset, or of the environment with ``__all__``.

        A marker created a moment ago may take a short while to appear.

        Args:
            dataset: The dataset slug, or ``__all__``.

        Returns:
            The markers, with the ``color`` of their type's marker setting.

        Raises:
            NotFoundError: No such dataset.
            APIError: On any other failure.
        """
        result: builtins.list[Marker] = self._request(
            "GET", f"/1/markers/{segment(dataset)}", cast=builtins.list[Marker]
        )
        return result

    def create(self, dataset: str, marker: MarkerCreate | Marker | Mapping[str, Any]) -> Marker:
        """Create a marker. Without ``start_time`` it is placed at the time of the request.

        Examples:
            >>> marker = client.markers.create("__all__", {
            ...     "message": "deploy #123",
            ...     "type": "deploy",
            ...     "url": "https://ci.example.com/123",
            ... })
            >>> [m.message for m in client.markers.list("__all__")]
            ['deploy #123']

        Args:
            dataset: The dataset slug, or ``__all__`` for an environment-wide marker.
            marker: A ``MarkerCreate`` or an equivalent dict.

        Returns:
            The created marker.

        Raises:
            RequestValidationError: The body is invalid (nothing is sent).
            NotFoundError: No such dataset.
            APIError: On any other failure.
        """
        body = self._body(MarkerCreate, marker)
        result: Marker = self._request(
            "POST", f"/1/markers/{segment(dataset)}", json=body, cast=Marker
        )
        return result

    def update(
        self, dataset: str, marker_id: str, marker: MarkerUpdate | Marker | Mapping[str, Any]
    ) -> Marker:
        """Replace a marker. A field left out is erased: send every field to keep.

        Examples:
            >>> marker = client.markers.create(
            ...     "web", {"message": "deploy #123", "type": "deploy"}
            ... )
            >>> marker = client.markers.update("web", marker.id, {
            ...     "start_time": marker.start_time,   # a replacement: send what to keep
            ...     "message": "deploy #123 (rolled back)",
            ...     "type": "deploy",
            ... })
            >>> marker.message
            'deploy #123 (rolled back)'

        Args:
            dataset: The dataset slug, or ``__all__``.
            marker_id: The marker id.
            marker: A ``MarkerUpdate`` or an equivalent dict.

        Returns:
            The updated marker.

        Raises:
            RequestValidationError: The body is invalid (nothing is sent).
            NotFoundError: No such dataset or marker.
            APIError: On any other failure.
        """
        body = self._body(MarkerUpdate, marker)
        result: Marker = self._request(
            "PUT",
            f"/1/markers/{segment(dataset)}/{segment(marker_id)}",
            json=body,
            cast=Marker,
        )
        return result

    def delete(self, dataset: str, marker_id: str) -> None:
        """Delete a marker. (The API answers 200 with the deleted marker; it is not kept.)

        Args:
            dataset: The dataset slug, or ``__all__``.
            marker_id: The marker id.

        Raises:
            NotFoundError: No such dataset or marker.
            APIError: On any other failure.
        """
        self._request("DELETE", f"/1/markers/{segment(dataset)}/{segment(marker_id)}")
