"""Models for notification recipients (``/1/recipients``).

A recipient is where triggers, burn alerts and signals send notifications: an email
address, a Slack channel, a PagerDuty service, a webhook, or a Microsoft Teams channel.
Every kind is its own model, told apart by ``type``:

- Requests: :data:`RecipientCreate` is a strict discriminated union of the six kinds
  (:class:`EmailRecipientCreate`, ...). Webhooks take at most 5 custom headers and at
  most 10 template variables.
- Responses: :data:`Recipient` selects the model from ``type``; a ``type`` this SDK does
  not know is kept as a :class:`GenericRecipient` (its ``details`` a plain dict).

Secrets (webhook secret, PagerDuty integration key, header values) are hidden from
``repr()``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import (
    Discriminator,
    Field,
    StringConstraints,
    model_validator,
)
from pydantic import Tag as _Case

from honeycomb.models._base import (
    RequestModel,
    ResponseModel,
    accepts_response,
    tagged_request_model,
)
from honeycomb.models.common import RecipientType

__all__ = [
    "MAX_TEMPLATE_VARIABLES",
    "MAX_WEBHOOK_HEADERS",
    "EmailDetails",
    "EmailDetailsIn",
    "EmailRecipient",
    "EmailRecipientCreate",
    "GenericRecipient",
    "MSTeamsDetails",
    "MSTeamsDetailsIn",
    "MSTeamsRecipient",
    "MSTeamsRecipientCreate",
    "MSTeamsWorkflowDetails",
    "MSTeamsWorkflowDetailsIn",
    "MSTeamsWorkflowRecipient",
    "MSTeamsWorkflowRecipientCreate",
    "PagerDutyDetails",
    "PagerDutyDetailsIn",
    "PagerDutyRecipient",
    "PagerDutyRecipientCreate",
    "PayloadTemplate",
    "PayloadTemplateIn",
    "PayloadTemplates",
    "PayloadTemplatesIn",
    "Recipient",
    "RecipientCreate",
    "RecipientType",
    "SlackDetails",
    "SlackDetailsIn",
    "SlackRecipient",
    "SlackRecipientCreate",
    "TemplateVariable",
    "TemplateVariableIn",
    "WebhookDetails",
    "WebhookDetailsIn",
    "WebhookHeader",
    "WebhookHeaderIn",
    "WebhookPayloads",
    "WebhookPayloadsIn",
    "WebhookRecipient",
    "WebhookRecipientCreate",
    "validate_recipient",
]

MAX_WEBHOOK_HEADERS = 5
"""A webhook recipient sends at most five custom headers."""

MAX_TEMPLATE_VARIABLES = 10
"""A webhook recipient defines at most ten template variables."""

_NonEmpty = Annotated[str, StringConstraints(min_length=1)]
_Name255 = Annotated[str, StringConstraints(min_length=1, max_length=255)]
_Url = Annotated[str, StringConstraints(min_length=1, max_length=2048)]
_VariableName = Annotated[
    str, StringConstraints(pattern=r"^[a-z](?:[a-zA-Z0-9]+$)?$", max_length=64)
]


# ------------------------------------------------------------------- request side


class EmailDetailsIn(RequestModel):
    """Where an email recipient sends: one address."""

    email_address: Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+$")]


class SlackDetailsIn(RequestModel):
    """Where a Slack recipient posts: a channel such as ``#alerts``."""

    slack_channel: _NonEmpty


class PagerDutyDetailsIn(RequestModel):
    """A PagerDuty service: a display name and its 32-character integration key."""

    pagerduty_integration_name: _NonEmpty
    pagerduty_integration_key: str = Field(min_length=32, max_length=32, repr=False)


class WebhookHeaderIn(RequestModel):
    """A custom HTTP header sent with each webhook call."""

    header: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    value: str | None = Field(default=None, max_length=750, repr=False)


class TemplateVariableIn(RequestModel):
    """A variable a webhook payload template can use; alerts may set its value."""

    name: _VariableName
    default_value: Annotated[str, StringConstraints(max_length=256)] | None = None


class PayloadTemplateIn(RequestModel):
    """A custom payload: a Go template rendering the JSON body of the webhook call."""

    body: str | None = None


class PayloadTemplatesIn(RequestModel):
    """Custom payloads for each kind of alert."""

    trigger: PayloadTemplateIn | None = None
    budget_rate: PayloadTemplateIn | None = None
    exhaustion_time: PayloadTemplateIn | None = None


class WebhookPayloadsIn(RequestModel):
    """Custom payload templates and the variables they use (at most 10)."""

    template_variables: (
        Annotated[list[TemplateVariableIn], Field(max_length=MAX_TEMPLATE_VARIABLES)] | None
    ) = None
    payload_templates: PayloadTemplatesIn | None = None


class WebhookDetailsIn(RequestModel):
    """A webhook: a name, a URL, an optional signing secret, headers and payloads."""

    webhook_name: _Name255
    webhook_url: _Url
    webhook_secret: str | None = Field(default=None, max_length=255, repr=False)
    webhook_headers: (
        Annotated[list[WebhookHeaderIn], Field(max_length=MAX_WEBHOOK_HEADERS)] | None
    ) = None
    webhook_payloads: WebhookPayloadsIn | None = None


class MSTeamsDetailsIn(RequestModel):
    """A Microsoft Teams incoming webhook (deprecated: use ``msteams_workflow``)."""

    webhook_name: _NonEmpty
    webhook_url: _NonEmpty


class MSTeamsWorkflowDetailsIn(RequestModel):
    """A Microsoft Teams workflow webhook."""

    webhook_name: _Name255
    webhook_url: _Url


class _RecipientIn(RequestModel):
    """A recipient to send. ``type`` is filled in from the class, so it is always sent."""

    @model_validator(mode="before")
    @classmethod
    def _set_type(cls, data: Any) -> Any:
        if isinstance(data, dict) and "type" not in data:
            return {**data, "type": cls.model_fields["type"].default}
        return data


class EmailRecipientCreate(_RecipientIn):
    """An email recipient to create or update."""

    type: Literal["email"] = "email"
    details: EmailDetailsIn


class SlackRecipientCreate(_RecipientIn):
    """A Slack recipient to create or update (the Slack integration must be installed)."""

    type: Literal["slack"] = "slack"
    details: SlackDetailsIn


class PagerDutyRecipientCreate(_RecipientIn):
    """A PagerDuty recipient to create or update."""

    type: Literal["pagerduty"] = "pagerduty"
    details: PagerDutyDetailsIn


class WebhookRecipientCreate(_RecipientIn):
    """A webhook recipient to create or update."""

    type: Literal["webhook"] = "webhook"
    details: WebhookDetailsIn


class MSTeamsRecipientCreate(_RecipientIn):
    """A Microsoft Teams recipient (deprecated by Honeycomb: use ``msteams_workflow``)."""

    type: Literal["msteams"] = "msteams"
    details: MSTeamsDetailsIn


class MSTeamsWorkflowRecipientCreate(_RecipientIn):
    """A Microsoft Teams workflow recipient to create or update."""

    type: Literal["msteams_workflow"] = "msteams_workflow"
    details: MSTeamsWorkflowDetailsIn


_REQUEST_MODELS: tuple[type[_RecipientIn], ...] = (
    EmailRecipientCreate,
    SlackRecipientCreate,
    PagerDutyRecipientCreate,
    WebhookRecipientCreate,
    MSTeamsRecipientCreate,
    MSTeamsWorkflowRecipientCreate,
)

RecipientCreate = Annotated[
    EmailRecipientCreate
    | SlackRecipientCreate
    | PagerDutyRecipientCreate
    | WebhookRecipientCreate
    | MSTeamsRecipientCreate
    | MSTeamsWorkflowRecipientCreate,
    Field(discriminator="type"),
]
"""A recipient to send (create or update): ``type`` selects the model."""

_BY_TYPE: dict[str, type[RequestModel]] = {
    str(model.model_fields["type"].default): model for model in _REQUEST_MODELS
}


def validate_recipient(value: RecipientCreate | Recipient | Mapping[str, Any]) -> RequestModel:
    """Validate a recipient to send, choosing the model from its ``type``.

    Args:
        value: One of the ``*RecipientCreate`` models, a recipient read from the API, or
            an equivalent dict.

    Returns:
        The validated request model.

    Raises:
        RequestValidationError: Unknown or missing ``type``, or invalid details.
    """
    return tagged_request_model(value, "type", _BY_TYPE, subject="recipient")


# ------------------------------------------------------------------ response side


class _RecipientBase(ResponseModel):
    id: str
    created_at: datetime | None = None
    updated_at: datetime | None = None


class EmailDetails(ResponseModel):
    """Details of an email recipient."""

    email_address: str | None = None


class SlackDetails(ResponseModel):
    """Details of a Slack recipient."""

    slack_channel: str | None = None


class PagerDutyDetails(ResponseModel):
    """Details of a PagerDuty recipient."""

    pagerduty_integration_name: str | None = None
    pagerduty_integration_key: str | None = Field(default=None, repr=False)


class WebhookHeader(ResponseModel):
    """A custom header of a webhook recipient."""

    header: str | None = None
    value: str | None = Field(default=None, repr=False)


class TemplateVariable(ResponseModel):
    """A template variable of a webhook recipient."""

    name: str | None = None
    default_value: str | None = None


class PayloadTemplate(ResponseModel):
    """A custom payload template."""

    body: str | None = None


class PayloadTemplates(ResponseModel):
    """Custom payload templates per alert kind."""

    trigger: PayloadTemplate | None = None
    budget_rate: PayloadTemplate | None = None
    exhaustion_time: PayloadTemplate | None = None


class WebhookPayloads(ResponseModel):
    """Custom payloads of a webhook recipient."""

    template_variables: list[TemplateVariable] | None = None
    payload_templates: PayloadTemplates | None = None


class WebhookDetails(ResponseModel):
    """Details of a webhook recipient."""

    webhook_name: str | None = None
    webhook_url: str | None = None
    webhook_secret: str | None = Field(default=None, repr=False)
    webhook_headers: list[WebhookHeader] | None = None
    webhook_payloads: WebhookPayloads | None = None


class MSTeamsDetails(ResponseModel):
    """Details of a (deprecated) Microsoft Teams recipient."""

    webhook_name: str | None = None
    webhook_url: str | None = None


class MSTeamsWorkflowDetails(ResponseModel):
    """Details of a Microsoft Teams workflow recipient."""

    webhook_name: str | None = None
    webhook_url: str | None = None


class EmailRecipient(_RecipientBase):
    """An email recipient."""

    type: Literal["email"] = "email"
    details: EmailDetails | None = None


class SlackRecipient(_RecipientBase):
    """A Slack recipient."""

    type: Literal["slack"] = "slack"
    details: SlackDetails | None = None


class PagerDutyRecipient(_RecipientBase):
    """A PagerDuty recipient."""

    type: Literal["pagerduty"] = "pagerduty"
    details: PagerDutyDetails | None = None


class WebhookRecipient(_RecipientBase):
    """A webhook recipient."""

    type: Literal["webhook"] = "webhook"
    details: WebhookDetails | None = None


class MSTeamsRecipient(_RecipientBase):
    """A (deprecated) Microsoft Teams recipient."""

    type: Literal["msteams"] = "msteams"
    details: MSTeamsDetails | None = None


class MSTeamsWorkflowRecipient(_RecipientBase):
    """A Microsoft Teams workflow recipient."""

    type: Literal["msteams_workflow"] = "msteams_workflow"
    details: MSTeamsWorkflowDetails | None = None


class GenericRecipient(_RecipientBase):
    """A recipient of a ``type`` this SDK does not know: ``details`` is kept as a dict."""

    type: str | None = None
    details: dict[str, Any] | None = None


_KNOWN_TYPES = frozenset(t.value for t in RecipientType)


def _recipient_kind(value: Any) -> str:
    kind = value.get("type") if isinstance(value, dict) else getattr(value, "type", None)
    kind = str(kind) if kind is not None else None
    return kind if kind in _KNOWN_TYPES else "generic"


Recipient = Annotated[
    Annotated[EmailRecipient, _Case("email")]
    | Annotated[SlackRecipient, _Case("slack")]
    | Annotated[PagerDutyRecipient, _Case("pagerduty")]
    | Annotated[WebhookRecipient, _Case("webhook")]
    | Annotated[MSTeamsRecipient, _Case("msteams")]
    | Annotated[MSTeamsWorkflowRecipient, _Case("msteams_workflow")]
    | Annotated[GenericRecipient, _Case("generic")],
    Discriminator(_recipient_kind),
]
"""A recipient as returned: ``type`` selects the model; unknown kinds are kept."""

accepts_response(EmailRecipient, EmailRecipientCreate)
accepts_response(SlackRecipient, SlackRecipientCreate)
accepts_response(PagerDutyRecipient, PagerDutyRecipientCreate)
accepts_response(WebhookRecipient, WebhookRecipientCreate)
accepts_response(MSTeamsRecipient, MSTeamsRecipientCreate)
accepts_response(MSTeamsWorkflowRecipient, MSTeamsWorkflowRecipientCreate)
