# GENERATED from src/honeycomb/_async/resources/boards.py by scripts/unasync.py.
# Do not edit: change the async source and run `python scripts/unasync.py`.
"""``client.boards``: create, list, read, update and delete boards."""

from __future__ import annotations

import builtins
from collections.abc import Mapping
from typing import Any

from honeycomb._paths import segment
from honeycomb._sync._resource import Resource
from honeycomb.models.boards import Board, BoardCreate, BoardUpdate

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

        Example:
            ``client.boards.create({"name": "Latency", "panels": [{"type": "text",
            "text_panel": {"content": "# Latency"}}]})``

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
        body = self._body(BoardCreate, board)
        result: Board = self._request("POST", "/1/boards", json=body, cast=Board)
        return result

    def update(self, board_id: str, board: BoardUpdate | Board | Mapping[str, Any]) -> Board:
        """Replace a board.

        Everything you leave out is reset, except ``preset_filters``: omit it to keep the
        current preset filters, send ``[]`` to remove them.

        Example:
            ``board = client.boards.get("abc"); board.name = "Renamed";
            client.boards.update("abc", board)``

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
        body = self._body(BoardUpdate, board)
        result: Board = self._request(
            "PUT", f"/1/boards/{segment(board_id)}", json=body, cast=Board
        )
        return result

    def delete(self, board_id: str) -> None:
        """Delete a board (its views go with it).

        Args:
            board_id: The board's ID.

        Raises:
            NotFoundError: No such board.
            APIError: On any other failure.
        """
        self._request("DELETE", f"/1/boards/{segment(board_id)}")
