"""``client.marker_settings``: the colour of each marker type."""

from __future__ import annotations

import builtins
from collections.abc import Mapping
from typing import Any

from honeycomb._async._resource import Resource
from honeycomb._paths import segment
from honeycomb.models.marker_settings import (
    MarkerSetting,
    MarkerSettingCreate,
    MarkerSettingUpdate,
)

__all__ = ["MarkerSettings"]


class MarkerSettings(Resource):
    """Marker settings (``/1/marker_settings``); ``__all__`` means environment-wide.

    The API has no call to read a single marker setting: use ``list`` and pick by id.
    """

    async def list(self, dataset: str) -> builtins.list[MarkerSetting]:
        """List the marker settings of a dataset, or of the environment with ``__all__``.

        Args:
            dataset: The dataset slug, or ``__all__``.

        Returns:
            The marker settings.

        Raises:
            NotFoundError: No such dataset.
            APIError: On any other failure.
        """
        result: builtins.list[MarkerSetting] = await self._request(
            "GET", f"/1/marker_settings/{segment(dataset)}", cast=builtins.list[MarkerSetting]
        )
        return result

    async def create(
        self, dataset: str, setting: MarkerSettingCreate | MarkerSetting | Mapping[str, Any]
    ) -> MarkerSetting:
        """Choose the colour of a marker type.

        Examples:
            >>> deploys = {"type": "deploy", "color": "#F96E11"}
            >>> setting = await client.marker_settings.create("web", deploys)
            >>> [(s.type, s.color) for s in await client.marker_settings.list("web")]
            [('deploy', '#F96E11')]

        Args:
            dataset: The dataset slug, or ``__all__``.
            setting: A ``MarkerSettingCreate`` or an equivalent dict.

        Returns:
            The created marker setting.

        Raises:
            RequestValidationError: The body is invalid (nothing is sent).
            UnprocessableEntityError: The API refused the setting.
            NotFoundError: No such dataset.
            APIError: On any other failure.
        """
        body = self._body(MarkerSettingCreate, setting)
        result: MarkerSetting = await self._request(
            "POST", f"/1/marker_settings/{segment(dataset)}", json=body, cast=MarkerSetting
        )
        return result

    async def update(
        self,
        dataset: str,
        setting_id: str,
        setting: MarkerSettingUpdate | MarkerSetting | Mapping[str, Any],
    ) -> MarkerSetting:
        """Change the colour of a marker type (its ``type`` cannot change: send the current one).

        Examples:
            >>> deploys = {"type": "deploy", "color": "#F96E11"}
            >>> setting = await client.marker_settings.create("web", deploys)
            >>> setting = await client.marker_settings.update(
            ...     "web", setting.id, {"type": "deploy", "color": "#1FA297"}
            ... )
            >>> setting.color
            '#1FA297'

        Args:
            dataset: The dataset slug, or ``__all__``.
            setting_id: The marker setting id.
            setting: A ``MarkerSettingUpdate`` or an equivalent dict.

        Returns:
            The updated marker setting.

        Raises:
            RequestValidationError: The body is invalid (nothing is sent).
            UnprocessableEntityError: The API refused the setting.
            NotFoundError: No such dataset or marker setting.
            APIError: On any other failure.
        """
        body = self._body(MarkerSettingUpdate, setting)
        result: MarkerSetting = await self._request(
            "PUT",
            f"/1/marker_settings/{segment(dataset)}/{segment(setting_id)}",
            json=body,
            cast=MarkerSetting,
        )
        return result

    async def delete(self, dataset: str, setting_id: str) -> None:
        """Delete a marker setting. (The API answers 200 with the deleted setting; not kept.)

        Args:
            dataset: The dataset slug, or ``__all__``.
            setting_id: The marker setting id.

        Raises:
            NotFoundError: No such dataset or marker setting.
            APIError: On any other failure.
        """
        await self._request(
            "DELETE", f"/1/marker_settings/{segment(dataset)}/{segment(setting_id)}"
        )
