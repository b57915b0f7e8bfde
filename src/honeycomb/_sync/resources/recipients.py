# GENERATED from src/honeycomb/_async/resources/recipients.py by scripts/unasync.py.
# Do not edit: change the async source and run `python scripts/unasync.py`.
"""``client.recipients``: where triggers, burn alerts and signals send notifications."""

from __future__ import annotations

import builtins
from collections.abc import Mapping
from typing import Any

from honeycomb._paths import segment
from honeycomb._sync._resource import Resource
from honeycomb.models.recipients import Recipient, RecipientCreate, validate_recipient
from honeycomb.models.triggers import Trigger

__all__ = ["Recipients"]


class Recipients(Resource):
    """Notification recipients (``/1/recipients``): email, Slack, PagerDuty, webhooks, Teams."""

    def list(self) -> builtins.list[Recipient]:
        """List every recipient of the environment.

        Returns:
            All recipients, each as the model of its ``type`` (``EmailRecipient``,
            ``WebhookRecipient``, ...); a type this SDK does not know comes back as a
            ``GenericRecipient``.

        Raises:
            APIError: On any failure.
        """
        result: builtins.list[Recipient] = self._request(
            "GET", "/1/recipients", cast=builtins.list[Recipient]
        )
        return result

    def get(self, recipient_id: str) -> Recipient:
        """Read one recipient.

        Args:
            recipient_id: The recipient's ID.

        Returns:
            The recipient.

        Raises:
            NotFoundError: No such recipient.
            APIError: On any other failure.
        """
        result: Recipient = self._request(
            "GET", f"/1/recipients/{segment(recipient_id)}", cast=Recipient
        )
        return result

    def create(self, recipient: RecipientCreate | Recipient | Mapping[str, Any]) -> Recipient:
        """Create a recipient.

        Examples:
            >>> oncall = client.recipients.create({
            ...     "type": "email",
            ...     "details": {"email_address": "oncall@example.com"},
            ... })
            >>> found = client.recipients.get(oncall.id)
            >>> found.details.email_address
            'oncall@example.com'

        Args:
            recipient: One of the ``*RecipientCreate`` models, or an equivalent dict whose
                ``type`` selects the kind.

        Returns:
            The created recipient.

        Raises:
            RequestValidationError: The body is invalid (nothing is sent).
            ConflictError: An identical recipient already exists.
            APIError: On any other failure.
        """
        model = validate_recipient(recipient)
        body = self._body(type(model), model)
        result: Recipient = self._request("POST", "/1/recipients", json=body, cast=Recipient)
        return result

    def update(
        self, recipient_id: str, recipient: RecipientCreate | Recipient | Mapping[str, Any]
    ) -> Recipient:
        """Replace a recipient's details.

        Args:
            recipient_id: The recipient's ID.
            recipient: One of the ``*RecipientCreate`` models, or an equivalent dict.

        Returns:
            The updated recipient.

        Raises:
            RequestValidationError: The body is invalid (nothing is sent).
            NotFoundError: No such recipient.
            ConflictError: An identical recipient already exists.
            APIError: On any other failure.
        """
        model = validate_recipient(recipient)
        body = self._body(type(model), model)
        result: Recipient = self._request(
            "PUT", f"/1/recipients/{segment(recipient_id)}", json=body, cast=Recipient
        )
        return result

    def delete(self, recipient_id: str) -> None:
        """Delete a recipient.

        Args:
            recipient_id: The recipient's ID.

        Raises:
            NotFoundError: No such recipient.
            ConflictError: The API refused (409), e.g. while the recipient is in use.
            APIError: On any other failure.
        """
        self._request("DELETE", f"/1/recipients/{segment(recipient_id)}")

    def list_triggers(self, recipient_id: str) -> builtins.list[Trigger]:
        """List the triggers, across every dataset, that notify a recipient.

        Args:
            recipient_id: The recipient's ID.

        Returns:
            The triggers that reference the recipient.

        Raises:
            NotFoundError: No such recipient.
            APIError: On any other failure.
        """
        result: builtins.list[Trigger] = self._request(
            "GET",
            f"/1/recipients/{segment(recipient_id)}/triggers",
            cast=builtins.list[Trigger],
        )
        return result
