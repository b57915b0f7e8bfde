"""``client.dataset_definitions``: which column plays which role in a dataset."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from honeycomb._async._resource import Resource
from honeycomb._paths import segment
from honeycomb.models import dataset_definitions as models

__all__ = ["DatasetDefinitions"]


class DatasetDefinitions(Resource):
    """Dataset definitions (``/1/dataset_definitions``): trace id, duration, service name..."""

    async def get(self, dataset: str) -> models.DatasetDefinitions:
        """Read every definition of a dataset.

        Args:
            dataset: The dataset slug (not ``__all__``: definitions belong to one dataset).

        Returns:
            The definitions; a type that is not set is ``None``.

        Raises:
            NotFoundError: No such dataset.
            APIError: On any other failure.
        """
        result: models.DatasetDefinitions = await self._request(
            "GET", f"/1/dataset_definitions/{segment(dataset)}", cast=models.DatasetDefinitions
        )
        return result

    async def update(
        self,
        dataset: str,
        definitions: models.DatasetDefinitionsUpdate
        | models.DatasetDefinitions
        | Mapping[str, Any],
    ) -> models.DatasetDefinitions:
        """Set, change or clear some definitions, leaving the others as they are (PATCH).

        Give a definition an empty ``name`` to clear it (Honeycomb may then fall back to
        its default mapping); ``DatasetDefinitionsUpdate.clear(...)`` builds such a body.

        Examples:
            >>> column = await client.columns.create("web", {"key_name": "elapsed_ms"})
            >>> definitions = await client.dataset_definitions.update("web", {
            ...     "duration_ms": {"name": column.key_name},  # point a definition at a column
            ...     "error": {"name": ""},                     # clear one
            ... })
            >>> definitions.duration_ms.name
            'elapsed_ms'

        Args:
            dataset: The dataset slug.
            definitions: A ``DatasetDefinitionsUpdate`` or an equivalent dict.

        Returns:
            Every definition of the dataset after the update.

        Raises:
            RequestValidationError: The body is invalid (nothing is sent).
            NotFoundError: No such dataset.
            UnprocessableEntityError: A named column or calculated field does not exist.
            APIError: On any other failure.
        """
        body = self._body(models.DatasetDefinitionsUpdate, definitions)
        result: models.DatasetDefinitions = await self._request(
            "PATCH",
            f"/1/dataset_definitions/{segment(dataset)}",
            json=body,
            cast=models.DatasetDefinitions,
        )
        return result
