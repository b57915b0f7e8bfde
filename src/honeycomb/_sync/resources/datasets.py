# GENERATED from src/honeycomb/_async/resources/datasets.py by scripts/unasync.py.
# Do not edit: change the async source and run `python scripts/unasync.py`.
"""``client.datasets``: create, list, read, update and delete datasets."""

from __future__ import annotations

import builtins
from collections.abc import Mapping
from typing import Any

from honeycomb._logging import logger
from honeycomb._paths import segment
from honeycomb._sync._resource import Resource
from honeycomb.models.datasets import (
    Dataset,
    DatasetCreate,
    DatasetSettingsUpdate,
    DatasetUpdate,
)

__all__ = ["Datasets"]


class Datasets(Resource):
    """Datasets (``/1/datasets``)."""

    def list(self) -> builtins.list[Dataset]:
        """List every dataset in the environment.

        Returns:
            All datasets.

        Raises:
            APIError: On any failure.
        """
        result: builtins.list[Dataset] = self._request(
            "GET", "/1/datasets", cast=builtins.list[Dataset]
        )
        return result

    def get(self, dataset: str) -> Dataset:
        """Read one dataset.

        Args:
            dataset: The dataset slug.

        Returns:
            The dataset.

        Raises:
            NotFoundError: No such dataset.
            APIError: On any other failure.
        """
        result: Dataset = self._request("GET", f"/1/datasets/{segment(dataset)}", cast=Dataset)
        return result

    def create(self, dataset: DatasetCreate | Dataset | Mapping[str, Any]) -> Dataset:
        """Create a dataset, or return the existing one of that name.

        The API answers 201 when it creates the dataset and 200 with the existing dataset
        when one of that name already exists, so creating is idempotent. New datasets are
        delete-protected.

        Examples:
            >>> dataset = client.datasets.create({"name": "shop", "description": "frontend"})
            >>> dataset.slug, dataset.settings.delete_protected
            ('shop', True)

        Args:
            dataset: A ``DatasetCreate`` or an equivalent dict.

        Returns:
            The created (or existing) dataset.

        Raises:
            RequestValidationError: The body is invalid (nothing is sent).
            APIError: On any failure.
        """
        body = self._body(DatasetCreate, dataset)
        response = self._requester.send(
            self._requester.build("POST", "/1/datasets", json=body),
            # Safe to repeat: a second POST of the same name returns the existing dataset.
            retry_unsafe=True,
        )
        if response.status_code == 200:
            logger.info("dataset %r already existed; returning it unchanged", body["name"])
        result: Dataset = self._requester.decode(response, Dataset)
        return result

    def update(self, dataset: str, update: DatasetUpdate | Dataset | Mapping[str, Any]) -> Dataset:
        """Replace a dataset's editable fields (description, JSON depth, settings).

        Examples:
            >>> dataset = client.datasets.update("web", {
            ...     "description": "frontend requests",
            ...     "expand_json_depth": 2,
            ...     "settings": {"delete_protected": False},
            ... })
            >>> dataset.expand_json_depth, dataset.settings.delete_protected
            (2, False)

        Args:
            dataset: The dataset slug.
            update: A ``DatasetUpdate`` or an equivalent dict.

        Returns:
            The updated dataset.

        Raises:
            RequestValidationError: The body is invalid (nothing is sent).
            NotFoundError: No such dataset.
            APIError: On any other failure.
        """
        body = self._body(DatasetUpdate, update)
        result: Dataset = self._request(
            "PUT", f"/1/datasets/{segment(dataset)}", json=body, cast=Dataset
        )
        return result

    def delete(self, dataset: str, *, remove_delete_protection: bool = False) -> None:
        """Delete a dataset and all its data. The API accepts (202) and works in the background.

        Datasets are delete-protected by default and a protected one answers 409. Pass
        ``remove_delete_protection=True`` to switch protection off first (the current
        description and JSON depth are kept).

        Args:
            dataset: The dataset slug.
            remove_delete_protection: Turn delete protection off before deleting.

        Raises:
            ConflictError: The dataset is delete-protected.
            NotFoundError: No such dataset.
            APIError: On any other failure.
        """
        if remove_delete_protection:
            current = self.get(dataset)
            self.update(
                dataset,
                DatasetUpdate(
                    description=current.description or "",
                    expand_json_depth=current.expand_json_depth or 0,
                    settings=DatasetSettingsUpdate(delete_protected=False),
                ),
            )
        self._request("DELETE", f"/1/datasets/{segment(dataset)}")
