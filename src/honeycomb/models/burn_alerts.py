"""Models for SLO burn alerts (``/1/burn_alerts``).

Two kinds, told apart by ``alert_type``:

- ``exhaustion_time``: fires when the error budget is projected to run out within
  ``exhaustion_minutes``.
- ``budget_rate``: fires when the budget drops by ``budget_rate_decrease_threshold_per_million``
  (10,000 is 1 %) within ``budget_rate_window_minutes``.

Requests are a strict union on ``alert_type`` (the wrong fields for a kind are rejected
locally). Responses are tolerant: an alert type this version does not know parses as the
base ``BurnAlert`` with its fields kept.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import (
    Discriminator,
    Field,
    StringConstraints,
    TypeAdapter,
    model_validator,
)
from pydantic import Tag as UnionTag

from honeycomb.models._base import (
    RequestModel,
    ResponseModel,
    StrEnum,
    accepts_response,
    tagged_request_model,
    to_request_body,
)
from honeycomb.models.common import NotificationRecipient, PagerDutySeverity, RecipientType

__all__ = [
    "AnyBurnAlert",
    "BudgetRateBurnAlert",
    "BudgetRateBurnAlertCreate",
    "BudgetRateBurnAlertUpdate",
    "BurnAlert",
    "BurnAlertCreate",
    "BurnAlertRecipient",
    "BurnAlertRecipientDetails",
    "BurnAlertSLO",
    "BurnAlertSLORef",
    "BurnAlertType",
    "BurnAlertUpdate",
    "ExhaustionTimeBurnAlert",
    "ExhaustionTimeBurnAlertCreate",
    "ExhaustionTimeBurnAlertUpdate",
    "WebhookVariable",
    "burn_alert_body",
    "parse_burn_alert",
]


class BurnAlertType(StrEnum):
    """The kinds of burn alert."""

    EXHAUSTION_TIME = "exhaustion_time"
    BUDGET_RATE = "budget_rate"


# -- responses ---------------------------------------------------------------------------


class BurnAlertSLO(ResponseModel):
    """The SLO a burn alert belongs to."""

    id: str


class BurnAlert(ResponseModel):
    """A burn alert of any kind; the base of the two known kinds.

    ``recipients`` is present on single-alert responses (get, create, update), not in
    listings.
    """

    id: str
    alert_type: Annotated[BurnAlertType | str | None, Field(union_mode="left_to_right")] = None
    description: str | None = None
    triggered: bool | None = None
    slo: BurnAlertSLO | None = None
    recipients: list[NotificationRecipient] | None = None
    auto_investigate: bool | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None

    @property
    def slo_id(self) -> str | None:
        """The id of the alert's SLO."""
        return self.slo.id if self.slo else None


class ExhaustionTimeBurnAlert(BurnAlert):
    """Fires when the SLO budget is projected to run out within ``exhaustion_minutes``."""

    exhaustion_minutes: int | None = None


class BudgetRateBurnAlert(BurnAlert):
    """Fires when the budget drops by a threshold within a window."""

    budget_rate_window_minutes: int | None = None
    budget_rate_decrease_threshold_per_million: int | None = None

    @property
    def budget_rate_decrease_percent(self) -> float | None:
        """The threshold as a percentage (``10000`` per million is ``1.0``)."""
        value = self.budget_rate_decrease_threshold_per_million
        return None if value is None else value / 10_000


def _response_tag(value: Any) -> str:
    kind = (
        value.get("alert_type")
        if isinstance(value, Mapping)
        else getattr(value, "alert_type", None)
    )
    if kind is None:
        return BurnAlertType.EXHAUSTION_TIME.value  # the API's documented default
    kind = str(kind)
    return kind if kind in _KNOWN_KINDS else "unknown"


_KNOWN_KINDS = frozenset(k.value for k in BurnAlertType)

AnyBurnAlert = Annotated[
    Annotated[ExhaustionTimeBurnAlert, UnionTag("exhaustion_time")]
    | Annotated[BudgetRateBurnAlert, UnionTag("budget_rate")]
    | Annotated[BurnAlert, UnionTag("unknown")],
    Discriminator(_response_tag),
]
"""A burn alert as returned: the class for its ``alert_type``, or ``BurnAlert`` if unknown."""

_RESPONSE_ADAPTER: TypeAdapter[BurnAlert] = TypeAdapter(AnyBurnAlert)


def parse_burn_alert(value: Any) -> BurnAlert:
    """Parse one burn alert as returned by the API.

    Args:
        value: A decoded JSON object.

    Returns:
        An ``ExhaustionTimeBurnAlert``, a ``BudgetRateBurnAlert``, or a ``BurnAlert`` for an
        unknown ``alert_type``.

    Raises:
        pydantic.ValidationError: When ``value`` is not an object.
    """
    return _RESPONSE_ADAPTER.validate_python(value)


# -- requests ----------------------------------------------------------------------------


class WebhookVariable(RequestModel):
    """An alert-level variable for a webhook recipient."""

    name: Annotated[str, StringConstraints(pattern=r"^[a-z](?:[a-zA-Z0-9]+$)?$", max_length=64)]
    value: str | None = Field(default=None, max_length=256)


class BurnAlertRecipientDetails(RequestModel):
    """Per-recipient options: PagerDuty severity, webhook variables."""

    pagerduty_severity: PagerDutySeverity | None = None
    variables: list[WebhookVariable] | None = None


class BurnAlertRecipient(RequestModel):
    """A recipient to notify: an existing recipient's ``id`` (preferred).

    The inline ``type`` + ``target`` form is deprecated but still accepted by the API.
    """

    id: str | None = Field(default=None, min_length=1)
    type: RecipientType | None = None
    target: str | None = None
    details: BurnAlertRecipientDetails | None = None

    @model_validator(mode="after")
    def _id_or_inline(self) -> BurnAlertRecipient:
        if self.id is None and (self.type is None or self.target is None):
            raise ValueError("a recipient needs an id (or the deprecated type and target)")
        return self


class BurnAlertSLORef(RequestModel):
    """The SLO to attach a new burn alert to."""

    id: str = Field(min_length=1)


Recipients = Annotated[list[BurnAlertRecipient], Field(min_length=1)]


class _BurnAlertRequest(RequestModel):
    description: str | None = Field(default=None, max_length=1023)
    recipients: Recipients
    """At least one recipient, on create and on update."""
    auto_investigate: bool | None = None

    @model_validator(mode="after")
    def _always_send_alert_type(self) -> _BurnAlertRequest:
        # The discriminator has a default; mark it as set so exclude_unset still sends it.
        self.model_fields_set.add("alert_type")
        return self


class _ExhaustionTimeFields(_BurnAlertRequest):
    alert_type: Literal["exhaustion_time"] = "exhaustion_time"
    exhaustion_minutes: int = Field(ge=0)
    """Fire when the budget is projected to run out within this many minutes."""


class _BudgetRateFields(_BurnAlertRequest):
    alert_type: Literal["budget_rate"] = "budget_rate"
    budget_rate_window_minutes: int = Field(ge=60)
    """The window, at least 60 minutes and at most the SLO's time period."""
    budget_rate_decrease_threshold_per_million: int = Field(ge=1, le=1_000_000)
    """The drop that fires the alert, per million of the budget: 10,000 is 1 %."""


class ExhaustionTimeBurnAlertCreate(_ExhaustionTimeFields):
    """Body of ``POST /1/burn_alerts/{dataset}`` for an exhaustion-time alert."""

    slo: BurnAlertSLORef


class BudgetRateBurnAlertCreate(_BudgetRateFields):
    """Body of ``POST /1/burn_alerts/{dataset}`` for a budget-rate alert."""

    slo: BurnAlertSLORef


class ExhaustionTimeBurnAlertUpdate(_ExhaustionTimeFields):
    """Body of ``PUT /1/burn_alerts/{dataset}/{id}`` for an exhaustion-time alert."""


class BudgetRateBurnAlertUpdate(_BudgetRateFields):
    """Body of ``PUT /1/burn_alerts/{dataset}/{id}`` for a budget-rate alert."""


def _request_tag(value: Any) -> str | None:
    if isinstance(value, Mapping):
        kind = value.get("alert_type", BurnAlertType.EXHAUSTION_TIME.value)
    else:
        kind = getattr(value, "alert_type", None)
    return str(kind.value if isinstance(kind, BurnAlertType) else kind) if kind else None


BurnAlertCreate = Annotated[
    Annotated[ExhaustionTimeBurnAlertCreate, UnionTag("exhaustion_time")]
    | Annotated[BudgetRateBurnAlertCreate, UnionTag("budget_rate")],
    Discriminator(_request_tag),
]
"""A new burn alert: either kind, chosen by ``alert_type`` (default ``exhaustion_time``)."""

BurnAlertUpdate = Annotated[
    Annotated[ExhaustionTimeBurnAlertUpdate, UnionTag("exhaustion_time")]
    | Annotated[BudgetRateBurnAlertUpdate, UnionTag("budget_rate")],
    Discriminator(_request_tag),
]
"""A burn alert replacement: either kind, chosen by ``alert_type``."""

_CREATE_MODELS: dict[str, type[RequestModel]] = {
    "exhaustion_time": ExhaustionTimeBurnAlertCreate,
    "budget_rate": BudgetRateBurnAlertCreate,
}
_UPDATE_MODELS: dict[str, type[RequestModel]] = {
    "exhaustion_time": ExhaustionTimeBurnAlertUpdate,
    "budget_rate": BudgetRateBurnAlertUpdate,
}


def burn_alert_body(value: Any, *, update: bool) -> dict[str, Any]:
    """Validate a burn alert create/update and return the JSON body.

    Args:
        value: One of the request models, a burn alert read from the API, or a dict; its
            ``alert_type`` chooses the kind (default ``exhaustion_time``, as the API's).
        update: Validate as an update (no ``slo``) instead of a create.

    Returns:
        The body to send, with ``alert_type`` always present.

    Raises:
        RequestValidationError: The value is invalid for its kind.
    """
    instance = tagged_request_model(
        value,
        "alert_type",
        _UPDATE_MODELS if update else _CREATE_MODELS,
        default=BurnAlertType.EXHAUSTION_TIME.value,
        subject="burn alert",
    )
    return to_request_body(type(instance), instance)


accepts_response(
    ExhaustionTimeBurnAlert, ExhaustionTimeBurnAlertCreate, ExhaustionTimeBurnAlertUpdate
)
accepts_response(BudgetRateBurnAlert, BudgetRateBurnAlertCreate, BudgetRateBurnAlertUpdate)
