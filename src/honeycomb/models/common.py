"""Pieces shared by several resource groups: tags and notification recipients."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, StringConstraints

from honeycomb.models._base import RequestModel, ResponseModel, StrEnum

__all__ = [
    "MAX_TAGS",
    "NotificationRecipient",
    "NotificationRecipientDetails",
    "PagerDutySeverity",
    "RecipientType",
    "Tag",
    "TagIn",
    "Tags",
]

MAX_TAGS = 10
"""Honeycomb accepts at most ten tags on a trigger, SLO or board."""


class RecipientType(StrEnum):
    """The kinds of notification recipient the API documents."""

    PAGERDUTY = "pagerduty"
    EMAIL = "email"
    SLACK = "slack"
    WEBHOOK = "webhook"
    MSTEAMS = "msteams"
    MSTEAMS_WORKFLOW = "msteams_workflow"


class PagerDutySeverity(StrEnum):
    """Severity sent to PagerDuty recipients."""

    CRITICAL = "critical"
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Tag(ResponseModel):
    """A key/value tag as the API returns it."""

    key: str
    value: str


class TagIn(RequestModel):
    """A tag to send: key of 1-32 lowercase letters; value starting with a letter, ≤128."""

    key: Annotated[str, StringConstraints(pattern=r"^[a-z]{1,32}$")]
    value: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9/-]{0,127}$")]


Tags = Annotated[list[TagIn], Field(max_length=MAX_TAGS)]
"""Tags on a request: at most ten."""


class NotificationRecipientDetails(ResponseModel):
    """Per-recipient options on a trigger or burn alert (PagerDuty severity, variables)."""

    pagerduty_severity: Annotated[
        PagerDutySeverity | str | None, Field(union_mode="left_to_right")
    ] = None
    variables: list[dict[str, Any]] | None = None


class NotificationRecipient(ResponseModel):
    """A recipient referenced from a trigger, burn alert or signal.

    Reference an existing recipient by ``id``; inline ``type`` + ``target`` is the
    deprecated form the API still accepts.
    """

    id: str | None = None
    type: Annotated[RecipientType | str | None, Field(union_mode="left_to_right")] = None
    target: str | None = None
    details: NotificationRecipientDetails | None = None
