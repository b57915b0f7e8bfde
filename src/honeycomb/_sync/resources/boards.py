# GENERATED from src/honeycomb/_async/resources/boards.py by scripts/unasync.py.
# Do not edit: change the async source and run `python scripts/unasync.py`.
"""``client.boards``: create, list, read, update and delete boards."""

from __future__ import annotations

import builtins
import contextlib
from collections.abc import Mapping
from typing import Any

from honeycomb._paths import segment
from honeycomb._sync._resource import Resource, Saved
from honeycomb.errors import APIStatusError, HoneycombError
from honeycomb.models._base import request_model
from honeycomb.models.boards import Board, BoardCreate, BoardUpdate, QueryPanelIn
from honeycomb.query import query_body

__all__ = ["Boards"]


class Boards(Resource):
    """Boards: grids of query, SLO and text panels (``/1/boards``)."""

    def list(self) -> builtins.list[Board]:
        """List the boards of the environment (all but secret boards).

        Returns:
            Every board. Panels of a kind this SDK does not know are kept as
            ``UnknownPanel``.

        Raises:
            APIError: On any failure.
        """
        result: builtins.list[Board] = self._request("GET", "/1/boards", cast=builtins.list[Board])
        return result

    def get(self, board_id: str) -> Board:
        """Read one board.

        Args:
            board_id: The board's ID.

        Returns:
            The board.

        Raises:
            NotFoundError: No such board.
            APIError: On any other failure.
        """
        result: Board = self._request("GET", f"/1/boards/{segment(board_id)}", cast=Board)
        return result

    def create(self, board: BoardCreate | Board | Mapping[str, Any]) -> Board:
        """Create a board.

        Examples:
            >>> board = client.boards.create({
            ...     "name": "Latency",
            ...     "panels": [{"type": "text", "text_panel": {"content": "# Latency"}}],
            ... })
            >>> found = client.boards.get(board.id)
            >>> found.name
            'Latency'

        Args:
            board: A ``BoardCreate``, an equivalent dict, or a ``Board`` read from the API
                (to copy it; read-only fields are dropped). ``type`` defaults to
                ``flexible``; at most 5 preset filters and 10 tags.

        Returns:
            The created board.

        Raises:
            RequestValidationError: The body is invalid (nothing is sent).
            UnprocessableEntityError: The API rejected the board (e.g. an unknown query).
            APIError: On any other failure.
        """
        return self._write("POST", "/1/boards", request_model(BoardCreate, board))

    def update(self, board_id: str, board: BoardUpdate | Board | Mapping[str, Any]) -> Board:
        """Replace a board.

        Everything you leave out is reset, except ``preset_filters``: omit it to keep the
        current preset filters, send ``[]`` to remove them.

        Examples:
            >>> board = client.boards.create({"name": "Latency"})
            >>> current = client.boards.get(board.id)
            >>> current.name = "Latency (prod)"
            >>> board = client.boards.update(board.id, current)
            >>> board.name
            'Latency (prod)'

        Args:
            board_id: The board's ID.
            board: A ``BoardUpdate``, an equivalent dict, or a ``Board`` read from the
                API (read-only fields such as ``id`` and ``query_panel.dataset`` are dropped).

        Returns:
            The updated board.

        Raises:
            RequestValidationError: The body is invalid (nothing is sent).
            NotFoundError: No such board.
            APIError: On any other failure.
        """
        return self._write(
            "PUT", f"/1/boards/{segment(board_id)}", request_model(BoardUpdate, board)
        )

    def delete(self, board_id: str) -> None:
        """Delete a board (its views go with it).

        Args:
            board_id: The board's ID.

        Raises:
            NotFoundError: No such board.
            APIError: On any other failure.
        """
        self._request("DELETE", f"/1/boards/{segment(board_id)}")

    def _write(self, method: str, path: str, board: BoardCreate) -> Board:
        """Send ``board``, first saving the inline query of each query panel that has one
        (a saved query and an annotation naming it, in the panel's dataset)."""
        body = board.model_dump(mode="json", by_alias=True, exclude_unset=True)
        # Every inline query is checked before anything is saved, so a bad one in the last
        # panel does not leave the first panels' queries and annotations behind.
        inline = [
            (index, panel.query_panel, query_body(panel.query_panel.query))
            for index, panel in enumerate(board.panels or [])
            if isinstance(panel, QueryPanelIn) and panel.query_panel.query is not None
        ]
        created: builtins.list[tuple[str, str]] = []
        try:
            for index, details, query in inline:
                dataset = details.dataset or "__all__"
                query_id = self._save_query(dataset, query)
                annotation: dict[str, Any] = {
                    "name": details.annotation_name(),
                    "query_id": query_id,
                }
                if details.description is not None:
                    annotation["description"] = details.description
                saved: Saved = self._request(
                    "POST", f"/1/query_annotations/{segment(dataset)}", json=annotation, cast=Saved
                )
                created.append((dataset, saved.id))
                body["panels"][index]["query_panel"].update(
                    query_id=query_id, query_annotation_id=saved.id
                )
            result: Board = self._request(method, path, json=body, cast=Board)
        except APIStatusError:
            # Refused for certain, so nothing refers to the new annotations: remove them.
            # (After a connection error the board may exist, with panels naming them.)
            self._forget_annotations(created)
            raise
        return result

    def _forget_annotations(self, annotations: builtins.list[tuple[str, str]]) -> None:
        for dataset, annotation_id in annotations:
            # Best effort: a leftover annotation only names a query, and is listed.
            with contextlib.suppress(HoneycombError):
                self._request(
                    "DELETE", f"/1/query_annotations/{segment(dataset)}/{segment(annotation_id)}"
                )
