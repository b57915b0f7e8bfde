"""Models for Anomaly Detection signals (``/1/signals``, public beta).

A signal watches one service's ``error_rate`` or ``presence`` and fires when it leaves the
trained normal band. The key needs the **Manage Signals** permission (and **Manage
Recipients** to change recipients).

The status ``off`` appears in Honeycomb's published spec as the boolean ``false`` (the
upstream YAML writes ``off`` unquoted, which YAML 1.1 reads as a boolean). These models
read a boolean ``false`` status as ``SignalStatus.OFF``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import BeforeValidator, Field

from honeycomb.models._base import RequestModel, ResponseModel, StrEnum, accepts_response
from honeycomb.models.common import NotificationRecipient, PagerDutySeverity

__all__ = [
    "MAX_HISTORICAL_ANOMALY_SPAN",
    "HistoricalAnomaly",
    "MeasuredSignal",
    "NormalRange",
    "Signal",
    "SignalRecipient",
    "SignalRecipientDetails",
    "SignalSensitivity",
    "SignalStatus",
    "SignalUpdate",
    "status_value",
]

MAX_HISTORICAL_ANOMALY_SPAN = 30 * 86400
"""``list_historical_anomalies`` covers at most 30 days per call."""


class MeasuredSignal(StrEnum):
    """What a signal is trained on."""

    ERROR_RATE = "error_rate"
    """The fraction of erroring requests of the service."""
    PRESENCE = "presence"
    """Whether the service is producing spans."""


class SignalStatus(StrEnum):
    """A signal's lifecycle status."""

    ONBOARDING = "onboarding"
    TRAINING = "training"
    ACTIVE = "active"
    OFF = "off"
    """Switched off (the published spec shows this as the boolean ``false``)."""
    INELIGIBLE = "ineligible"
    """The service does not meet the conditions for training."""


class SignalSensitivity(StrEnum):
    """How far from the normal band a measurement must be to fire (``error_rate`` only)."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


def status_value(value: Any) -> Any:
    """Map the spec's boolean ``false`` status to ``"off"``; leave anything else alone.

    Args:
        value: A status as received or given.

    Returns:
        ``"off"`` for ``False``, else the value unchanged.
    """
    return SignalStatus.OFF.value if value is False else value


class Signal(ResponseModel):
    """An Anomaly Detection signal. ``recipients`` is present on get and update only."""

    id: str
    service_name: str | None = None
    dataset_slug: str | None = None
    environment_slug: str | None = None
    measured_signal: Annotated[MeasuredSignal | str | None, Field(union_mode="left_to_right")] = (
        None
    )
    enabled: bool | None = None
    status: Annotated[
        SignalStatus | str | None, Field(union_mode="left_to_right"), BeforeValidator(status_value)
    ] = None
    sensitivity: Annotated[SignalSensitivity | str | None, Field(union_mode="left_to_right")] = None
    """None for ``presence`` signals and for signals not yet trained."""
    auto_investigate: bool | None = None
    currently_anomalous: bool | None = None
    last_anomaly_started_at: int | None = None
    """Epoch seconds; None when the signal has never been anomalous."""
    last_anomaly_ended_at: int | None = None
    """Epoch seconds; None when no anomaly has ended, or one is ongoing."""
    created_at: datetime | None = None
    updated_at: datetime | None = None
    recipients: list[NotificationRecipient] | None = None


class SignalRecipientDetails(RequestModel):
    """How one recipient is notified for this signal."""

    pagerduty_severity: PagerDutySeverity | None = None
    """Only for PagerDuty recipients (rejected for others)."""
    muted: bool | None = None


class SignalRecipient(RequestModel):
    """A recipient to assign to a signal, by the id of an existing recipient."""

    id: str = Field(min_length=1)
    details: SignalRecipientDetails | None = None


class SignalUpdate(RequestModel):
    """Body of ``PUT /1/signals/{id}``: only the fields given are changed.

    Examples:
        >>> [checkout] = client.signals.list(service_name="checkout")
        >>> oncall = client.recipients.create(
        ...     {"type": "email", "details": {"email_address": "oncall@example.com"}}
        ... )
        >>> update = SignalUpdate(enabled=True, sensitivity="high", recipients=[{"id": oncall.id}])
        >>> client.signals.update(checkout.id, update).sensitivity
        <SignalSensitivity.HIGH: 'high'>
    """

    enabled: bool | None = None
    sensitivity: SignalSensitivity | None = None
    """Not for ``presence`` signals, nor for signals that have not trained yet."""
    recipients: list[SignalRecipient] | None = None
    """Replaces the whole set; an empty list removes every recipient."""


class NormalRange(ResponseModel):
    """The trained normal band a measurement left."""

    lower: float | None = None
    upper: float | None = None


class HistoricalAnomaly(ResponseModel):
    """A resolved anomaly of a signal."""

    id: str | None = None
    started_at: int | None = None
    """Epoch seconds."""
    ended_at: int | None = None
    """Epoch seconds."""
    measurement: float | None = None
    normal_range: NormalRange | None = None
    """None for ``presence`` signals."""


accepts_response(Signal, SignalUpdate)
