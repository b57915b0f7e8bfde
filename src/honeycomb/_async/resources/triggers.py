"""``client.triggers``: alert when a query result crosses a threshold (``/1/triggers``)."""

from __future__ import annotations

import builtins
from collections.abc import Mapping
from typing import Any

from honeycomb._async._resource import Resource
from honeycomb._paths import segment
from honeycomb.models.triggers import Trigger, TriggerCreate, TriggerUpdate

__all__ = ["Triggers"]


def _triggers_path(dataset: str, trigger_id: str | None = None) -> str:
    path = f"/1/triggers/{segment(dataset)}"
    return f"{path}/{segment(trigger_id)}" if trigger_id is not None else path


class Triggers(Resource):
    """Triggers (``/1/triggers/{dataset}``); ``"__all__"`` for environment-wide ones."""

    async def list(self, dataset: str) -> builtins.list[Trigger]:
        """List the triggers of a dataset.

        Args:
            dataset: The dataset slug, or ``"__all__"`` for environment-wide triggers.

        Returns:
            Every trigger of the dataset.

        Raises:
            NotFoundError: No such dataset.
            APIError: On any other failure.
        """
        result: builtins.list[Trigger] = await self._request(
            "GET", _triggers_path(dataset), cast=builtins.list[Trigger]
        )
        return result

    async def get(self, dataset: str, trigger_id: str) -> Trigger:
        """Read one trigger.

        Args:
            dataset: The dataset slug, or ``"__all__"``.
            trigger_id: The trigger's ID.

        Returns:
            The trigger.

        Raises:
            NotFoundError: No such dataset or trigger.
            APIError: On any other failure.
        """
        result: Trigger = await self._request(
            "GET", _triggers_path(dataset, trigger_id), cast=Trigger
        )
        return result

    async def create(
        self, dataset: str, trigger: TriggerCreate | Trigger | Mapping[str, Any]
    ) -> Trigger:
        """Create a trigger. The trigger rules are checked locally first.

        Examples:
            >>> oncall = await client.recipients.create(
            ...     {"type": "email", "details": {"email_address": "oncall@example.com"}}
            ... )
            >>> trigger = await client.triggers.create("web", {
            ...     "name": "Slow",
            ...     "frequency": 300,
            ...     "query": {
            ...         "calculations": [{"op": "P99", "column": "duration_ms"}],
            ...         "time_range": 900,
            ...     },
            ...     "threshold": {"op": ">", "value": 1000},
            ...     "recipients": [{"id": oncall.id}],
            ... })
            >>> [t.name for t in await client.recipients.list_triggers(oncall.id)]
            ['Slow']

        Args:
            dataset: The dataset slug, or ``"__all__"``.
            trigger: A ``TriggerCreate`` or an equivalent dict, with either an inline
                ``query`` or a ``query_id``.

        Returns:
            The created trigger.

        Raises:
            RequestValidationError: The body is invalid or breaks a trigger rule
                (nothing is sent).
            NotFoundError: No such dataset.
            UnprocessableEntityError: The API rejected the trigger.
            APIError: On any other failure.
        """
        body = self._body(TriggerCreate, trigger)
        result: Trigger = await self._request(
            "POST", _triggers_path(dataset), json=body, cast=Trigger
        )
        return result

    async def update(
        self, dataset: str, trigger_id: str, trigger: TriggerUpdate | Trigger | Mapping[str, Any]
    ) -> Trigger:
        """Replace a trigger. Omitted fields return to their defaults (``disabled`` excepted).

        Examples:
            >>> trigger = await client.triggers.create("web", {
            ...     "name": "Slow",
            ...     "query": {
            ...         "calculations": [{"op": "P99", "column": "duration_ms"}],
            ...         "time_range": 900,
            ...     },
            ...     "threshold": {"op": ">", "value": 1000},
            ... })
            >>> current = await client.triggers.get("web", trigger.id)
            >>> current.disabled = True
            >>> trigger = await client.triggers.update("web", trigger.id, current)
            >>> trigger.disabled
            True

        Args:
            dataset: The dataset slug, or ``"__all__"``.
            trigger_id: The trigger's ID.
            trigger: A ``TriggerUpdate`` or an equivalent dict.

        Returns:
            The updated trigger.

        Raises:
            RequestValidationError: The body is invalid or breaks a trigger rule
                (nothing is sent).
            NotFoundError: No such dataset or trigger.
            APIError: On any other failure.
        """
        body = self._body(TriggerUpdate, trigger)
        result: Trigger = await self._request(
            "PUT", _triggers_path(dataset, trigger_id), json=body, cast=Trigger
        )
        return result

    async def delete(self, dataset: str, trigger_id: str) -> None:
        """Delete a trigger.

        Args:
            dataset: The dataset slug, or ``"__all__"``.
            trigger_id: The trigger's ID.

        Raises:
            NotFoundError: No such dataset or trigger.
            APIError: On any other failure.
        """
        await self._request("DELETE", _triggers_path(dataset, trigger_id))
