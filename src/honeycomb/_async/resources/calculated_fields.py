"""``client.calculated_fields``: calculated fields, also called derived columns."""

from __future__ import annotations

import builtins
from collections.abc import Mapping
from typing import Any

from honeycomb._async._resource import Resource
from honeycomb._paths import segment
from honeycomb.errors import NotFoundError, RequestValidationError
from honeycomb.models.calculated_fields import (
    CalculatedField,
    CalculatedFieldCreate,
    CalculatedFieldUpdate,
)

__all__ = ["CalculatedFields"]

_ONE_OR_MANY = CalculatedField | builtins.list[CalculatedField]


class CalculatedFields(Resource):
    """Calculated fields (``/1/derived_columns``); ``__all__`` means environment-wide."""

    async def list(self, dataset: str, alias: str | None = None) -> builtins.list[CalculatedField]:
        """List the calculated fields of a dataset or environment, or look one up by alias.

        With ``alias`` the live API answers with one object, not a list, or with 404 when
        no field has that alias; this method returns a one-element list, or an empty list.
        A 404 that says the *dataset* was not found is still raised.

        Examples:
            >>> field = await client.calculated_fields.create("__all__", {
            ...     "alias": "is_error",
            ...     "expression": "IF(GTE($status_code, 500), 1, 0)",
            ... })
            >>> found = await client.calculated_fields.list("__all__", alias="is_error")
            >>> [field.alias for field in found]
            ['is_error']

        Args:
            dataset: The dataset slug, or ``__all__`` for environment-wide fields.
            alias: Return only the field with this alias.

        Returns:
            The calculated fields.

        Raises:
            ValueError: ``alias`` is the empty string.
            NotFoundError: No such dataset.
            APIError: On any other failure.
        """
        path = f"/1/derived_columns/{segment(dataset)}"
        if alias is None:
            fields: builtins.list[CalculatedField] = await self._request(
                "GET", path, cast=builtins.list[CalculatedField]
            )
            return fields
        if not alias:
            raise RequestValidationError(
                "alias cannot be empty; pass None to list every calculated field"
            )
        try:
            found: CalculatedField | builtins.list[CalculatedField] = await self._request(
                "GET", path, params={"alias": alias}, cast=_ONE_OR_MANY
            )
        except NotFoundError as err:
            if "dataset not found" in err.message.lower():
                raise
            return []
        return found if isinstance(found, builtins.list) else [found]

    async def get(self, dataset: str, calculated_field_id: str) -> CalculatedField:
        """Read one calculated field by id.

        Args:
            dataset: The dataset slug, or ``__all__``.
            calculated_field_id: The calculated field's id.

        Returns:
            The calculated field.

        Raises:
            NotFoundError: No such dataset or calculated field.
            APIError: On any other failure.
        """
        result: CalculatedField = await self._request(
            "GET",
            f"/1/derived_columns/{segment(dataset)}/{segment(calculated_field_id)}",
            cast=CalculatedField,
        )
        return result

    async def create(
        self,
        dataset: str,
        calculated_field: CalculatedFieldCreate | CalculatedField | Mapping[str, Any],
    ) -> CalculatedField:
        """Create a calculated field.

        Examples:
            >>> field = await client.calculated_fields.create("web", {
            ...     "alias": "is_error",
            ...     "expression": "IF(GTE($status_code, 500), 1, 0)",
            ... })
            >>> found = await client.calculated_fields.get("web", field.id)
            >>> found.alias
            'is_error'

        Args:
            dataset: The dataset slug, or ``__all__`` for an environment-wide field.
            calculated_field: A ``CalculatedFieldCreate`` or an equivalent dict.

        Returns:
            The created calculated field.

        Raises:
            RequestValidationError: The body is invalid (nothing is sent).
            ConflictError: A field with that alias already exists.
            NotFoundError: No such dataset.
            APIError: On any other failure (an invalid expression is refused by the API).
        """
        body = self._body(CalculatedFieldCreate, calculated_field)
        result: CalculatedField = await self._request(
            "POST", f"/1/derived_columns/{segment(dataset)}", json=body, cast=CalculatedField
        )
        return result

    async def update(
        self,
        dataset: str,
        calculated_field_id: str,
        calculated_field: CalculatedFieldUpdate | CalculatedField | Mapping[str, Any],
    ) -> CalculatedField:
        """Replace a calculated field's alias, expression and description.

        Examples:
            >>> field = await client.calculated_fields.create("web", {
            ...     "alias": "is_error",
            ...     "expression": "IF(GTE($status_code, 500), 1, 0)",
            ... })
            >>> field = await client.calculated_fields.update("web", field.id, {
            ...     "alias": "is_error",
            ...     "expression": "IF(GTE($status_code, 400), 1, 0)",  # client errors count too
            ... })
            >>> field.expression
            'IF(GTE($status_code, 400), 1, 0)'

        Args:
            dataset: The dataset slug, or ``__all__``.
            calculated_field_id: The calculated field's id.
            calculated_field: A ``CalculatedFieldUpdate`` or an equivalent dict.

        Returns:
            The updated calculated field.

        Raises:
            RequestValidationError: The body is invalid (nothing is sent).
            ConflictError: The new alias is taken.
            NotFoundError: No such dataset or calculated field.
            APIError: On any other failure.
        """
        body = self._body(CalculatedFieldUpdate, calculated_field)
        result: CalculatedField = await self._request(
            "PUT",
            f"/1/derived_columns/{segment(dataset)}/{segment(calculated_field_id)}",
            json=body,
            cast=CalculatedField,
        )
        return result

    async def delete(self, dataset: str, calculated_field_id: str) -> None:
        """Delete a calculated field.

        Args:
            dataset: The dataset slug, or ``__all__``.
            calculated_field_id: The calculated field's id.

        Raises:
            ConflictError: The field is used by an SLO, trigger or board; change those first.
            NotFoundError: No such dataset or calculated field.
            APIError: On any other failure.
        """
        await self._request(
            "DELETE", f"/1/derived_columns/{segment(dataset)}/{segment(calculated_field_id)}"
        )
