"""``client.board_views``: saved filter sets of a board (``/1/boards/{boardId}/views``)."""

from __future__ import annotations

import builtins
from collections.abc import Mapping
from typing import Any

from honeycomb._async._resource import Resource
from honeycomb._paths import segment
from honeycomb.models.board_views import BoardView, BoardViewCreate, BoardViewUpdate

__all__ = ["BoardViews"]


def _views_path(board_id: str, view_id: str | None = None) -> str:
    path = f"/1/boards/{segment(board_id)}/views"
    return f"{path}/{segment(view_id)}" if view_id is not None else path


class BoardViews(Resource):
    """Board views: named filter sets applied to a board, at most 50 per board."""

    async def list(self, board_id: str) -> builtins.list[BoardView]:
        """List the views of a board.

        Args:
            board_id: The board's ID.

        Returns:
            Every view of the board (at most 50).

        Raises:
            NotFoundError: No such board.
            APIError: On any other failure.
        """
        result: builtins.list[BoardView] = await self._request(
            "GET", _views_path(board_id), cast=builtins.list[BoardView]
        )
        return result

    async def get(self, board_id: str, view_id: str) -> BoardView:
        """Read one view of a board.

        Args:
            board_id: The board's ID.
            view_id: The view's ID.

        Returns:
            The view.

        Raises:
            NotFoundError: No such board or view.
            APIError: On any other failure.
        """
        result: BoardView = await self._request(
            "GET", _views_path(board_id, view_id), cast=BoardView
        )
        return result

    async def create(
        self, board_id: str, view: BoardViewCreate | BoardView | Mapping[str, Any]
    ) -> BoardView:
        """Add a view to a board. A board has at most 50 views.

        Examples:
            >>> board = await client.boards.create({"name": "Storefront"})
            >>> view = await client.board_views.create(board.id, {
            ...     "name": "Errors",
            ...     "filters": [{"column": "status", "operation": "=", "value": "error"}],
            ... })
            >>> [v.name for v in await client.board_views.list(board.id)]
            ['Errors']

        Args:
            board_id: The board's ID.
            view: A ``BoardViewCreate`` or an equivalent dict. Filters name their operator
                ``operation`` (``op`` is accepted and sent as ``operation``).

        Returns:
            The created view.

        Raises:
            RequestValidationError: The body is invalid (nothing is sent).
            NotFoundError: No such board.
            ConflictError: The API answered 409 (the spec documents it, without saying when).
            APIError: On any other failure.
        """
        body = self._body(BoardViewCreate, view)
        result: BoardView = await self._request(
            "POST", _views_path(board_id), json=body, cast=BoardView
        )
        return result

    async def update(
        self, board_id: str, view_id: str, view: BoardViewUpdate | BoardView | Mapping[str, Any]
    ) -> BoardView:
        """Replace a view's name and filters.

        Args:
            board_id: The board's ID.
            view_id: The view's ID.
            view: A ``BoardViewUpdate`` or an equivalent dict.

        Returns:
            The updated view.

        Raises:
            RequestValidationError: The body is invalid (nothing is sent).
            NotFoundError: No such board or view.
            ConflictError: The API answered 409 (documented by the spec).
            APIError: On any other failure.
        """
        body = self._body(BoardViewUpdate, view)
        result: BoardView = await self._request(
            "PUT", _views_path(board_id, view_id), json=body, cast=BoardView
        )
        return result

    async def delete(self, board_id: str, view_id: str) -> None:
        """Delete a view of a board.

        Args:
            board_id: The board's ID.
            view_id: The view's ID.

        Raises:
            NotFoundError: No such board or view.
            APIError: On any other failure.
        """
        await self._request("DELETE", _views_path(board_id, view_id))
