# GENERATED from src/honeycomb/_async/resources/columns.py by scripts/unasync.py.
# Do not edit: change the async source and run `python scripts/unasync.py`.
"""``client.columns``: list, read, create, update and delete the columns of a dataset."""

from __future__ import annotations

import builtins
from collections.abc import Mapping
from typing import Any

from honeycomb._paths import segment
from honeycomb._sync._resource import Resource
from honeycomb.errors import NotFoundError, RequestValidationError
from honeycomb.models.columns import Column, ColumnCreate, ColumnUpdate

__all__ = ["Columns"]

_ONE_OR_MANY = Column | builtins.list[Column]


class Columns(Resource):
    """Columns (``/1/columns``)."""

    def list(self, dataset: str, key_name: str | None = None) -> builtins.list[Column]:
        """List the columns of a dataset, or look one up by its key name.

        With ``key_name`` the API answers with one column, not a list, or with 404 when no
        column has that name; this method returns a one-element list, or an empty list.
        A 404 that says the *dataset* was not found is still raised.

        Examples:
            >>> column = client.columns.create("web", {"key_name": "duration_ms"})
            >>> found = client.columns.list("web", key_name="duration_ms")
            >>> [column.key_name for column in found]
            ['duration_ms']

        Args:
            dataset: The dataset slug, or ``__all__`` for every column of the environment
                (not for classic environments).
            key_name: Return only the column with this key name.

        Returns:
            The columns.

        Raises:
            ValueError: ``key_name`` is the empty string.
            NotFoundError: No such dataset.
            APIError: On any other failure.
        """
        path = f"/1/columns/{segment(dataset)}"
        if key_name is None:
            columns: builtins.list[Column] = self._request("GET", path, cast=builtins.list[Column])
            return columns
        if not key_name:
            raise RequestValidationError("key_name cannot be empty; pass None to list every column")
        try:
            found: Column | builtins.list[Column] = self._request(
                "GET", path, params={"key_name": key_name}, cast=_ONE_OR_MANY
            )
        except NotFoundError as err:
            if "dataset not found" in err.message.lower():
                raise
            return []
        return found if isinstance(found, builtins.list) else [found]

    def get(self, dataset: str, column_id: str) -> Column:
        """Read one column by id.

        Args:
            dataset: The dataset slug.
            column_id: The column id.

        Returns:
            The column.

        Raises:
            NotFoundError: No such dataset or column.
            APIError: On any other failure.
        """
        result: Column = self._request(
            "GET", f"/1/columns/{segment(dataset)}/{segment(column_id)}", cast=Column
        )
        return result

    def create(self, dataset: str, column: ColumnCreate | Column | Mapping[str, Any]) -> Column:
        """Create a column ahead of any data, e.g. to give it a type or a description.

        Examples:
            >>> column = client.columns.create(
            ...     "web", {"key_name": "duration_ms", "type": "float"}
            ... )
            >>> column.key_name, column.type
            ('duration_ms', <ColumnType.FLOAT: 'float'>)

        Args:
            dataset: The dataset slug.
            column: A ``ColumnCreate`` or an equivalent dict.

        Returns:
            The created column.

        Raises:
            RequestValidationError: The body is invalid (nothing is sent).
            ConflictError: A column with that key name already exists.
            NotFoundError: No such dataset.
            APIError: On any other failure.
        """
        body = self._body(ColumnCreate, column)
        result: Column = self._request(
            "POST", f"/1/columns/{segment(dataset)}", json=body, cast=Column
        )
        return result

    def update(
        self, dataset: str, column_id: str, column: ColumnUpdate | Column | Mapping[str, Any]
    ) -> Column:
        """Change a column's type, description or visibility (PUT: send every field to keep).

        Examples:
            >>> column = client.columns.create("web", {"key_name": "duration_ms"})
            >>> column = client.columns.update("web", column.id, {
            ...     "description": "request time in ms",
            ...     "type": "float",
            ...     "hidden": False,
            ... })
            >>> column.description
            'request time in ms'

        Args:
            dataset: The dataset slug.
            column_id: The column id.
            column: A ``ColumnUpdate`` or an equivalent dict.

        Returns:
            The updated column.

        Raises:
            RequestValidationError: The body is invalid (nothing is sent).
            NotFoundError: No such dataset or column.
            APIError: On any other failure.
        """
        body = self._body(ColumnUpdate, column)
        result: Column = self._request(
            "PUT",
            f"/1/columns/{segment(dataset)}/{segment(column_id)}",
            json=body,
            cast=Column,
        )
        return result

    def delete(self, dataset: str, column_id: str) -> None:
        """Delete a column. Its data can no longer be queried; this cannot be undone.

        Args:
            dataset: The dataset slug.
            column_id: The column id.

        Raises:
            ConflictError: The column is in use by a dataset definition.
            NotFoundError: No such dataset or column.
            APIError: On any other failure.
        """
        self._request("DELETE", f"/1/columns/{segment(dataset)}/{segment(column_id)}")
