"""Models for triggers (``/1/triggers/{dataset}``).

A trigger runs a query every ``frequency`` seconds and notifies its recipients when the
result crosses a threshold. Its query is either inline (``query``, a strict subset of the
query specification) or a saved query (``query_id``), never both.

:class:`TriggerCreate` (and :class:`TriggerUpdate`) check the documented trigger rules
before anything is sent:

- ``frequency`` is 60-86400 seconds and a multiple of 60 (the API default is 900);
- the inline query's ``time_range`` is at least the frequency and at most
  4 × frequency and one day (the spec's rule; the Terraform provider agrees on the upper
  bounds);
- the inline query has exactly one calculation (or, with Metrics Beta formulas, exactly
  one formula), no ``HEATMAP`` or ``CONCURRENCY``, at most one having, and none of
  ``orders``, ``limit``, ``start_time``, ``end_time``, ``usage_mode``; named calculations
  cannot be combined with query-level filters;
- ``threshold.exceeded_limit`` is 1-5; ``baseline_details`` is an offset of 1 h, 1 d, 7 d or
  28 d with a ``percentage``/``value`` comparison, or ``{}`` to clear it;
- a ``window`` schedule needs ``evaluation_schedule``; at most ten tags.

The inline query is also checked with :func:`honeycomb.query.validate_query` (filter values
that fit their operator, havings that name a calculation, ...).

``granularity`` is left to the API: it is rejected on ordinary datasets and accepted
(within bounds) on metrics datasets, which the client cannot tell apart.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, model_validator

from honeycomb.models._base import (
    RequestModel,
    ResponseModel,
    StrEnum,
    accepts_response,
    request_model,
)
from honeycomb.models.common import NotificationRecipient, Tag, Tags
from honeycomb.models.queries import CalculationOp, Query, QuerySpec
from honeycomb.query import QueryValidationError, validate_query

__all__ = [
    "BASELINE_OFFSETS",
    "DEFAULT_FREQUENCY",
    "MAX_FREQUENCY",
    "MAX_TRIGGER_TIME_RANGE",
    "MIN_FREQUENCY",
    "AlertType",
    "BaselineDetails",
    "BaselineDetailsIn",
    "BaselineType",
    "DayOfWeek",
    "EvaluationSchedule",
    "EvaluationScheduleIn",
    "EvaluationScheduleType",
    "EvaluationWindow",
    "EvaluationWindowIn",
    "Trigger",
    "TriggerCreate",
    "TriggerThreshold",
    "TriggerThresholdIn",
    "TriggerThresholdOp",
    "TriggerUpdate",
    "check_trigger_query",
]

MIN_FREQUENCY = 60
"""The shortest interval between two runs of a trigger, in seconds."""

MAX_FREQUENCY = 86_400
"""The longest interval between two runs of a trigger (one day), in seconds."""

DEFAULT_FREQUENCY = 900
"""The frequency the API uses when none is sent (15 minutes)."""

MAX_TRIGGER_TIME_RANGE = 86_400
"""A trigger query looks back at most one day."""

BASELINE_OFFSETS: tuple[int, ...] = (60, 1440, 10080, 40320)
"""Allowed ``baseline_details.offset_minutes``: 1 hour, 1 day, 7 days, 28 days."""

_FORBIDDEN_QUERY_FIELDS = ("orders", "limit", "start_time", "end_time", "usage_mode")
_FORBIDDEN_OPS = frozenset({CalculationOp.HEATMAP, CalculationOp.CONCURRENCY})


# --------------------------------------------------------------------------- enums


class TriggerThresholdOp(StrEnum):
    """How the query result is compared with the threshold value."""

    GREATER_THAN = ">"
    GREATER_THAN_OR_EQUAL = ">="
    LESS_THAN = "<"
    LESS_THAN_OR_EQUAL = "<="


class AlertType(StrEnum):
    """When to notify: once when the threshold is crossed, or on every run while it is."""

    ON_CHANGE = "on_change"
    ON_TRUE = "on_true"


class EvaluationScheduleType(StrEnum):
    """Run at every frequency tick (``frequency``) or only inside a weekly window."""

    FREQUENCY = "frequency"
    WINDOW = "window"


class DayOfWeek(StrEnum):
    """A day of an evaluation window (UTC)."""

    SUNDAY = "sunday"
    MONDAY = "monday"
    TUESDAY = "tuesday"
    WEDNESDAY = "wednesday"
    THURSDAY = "thursday"
    FRIDAY = "friday"
    SATURDAY = "saturday"


class BaselineType(StrEnum):
    """How a dynamic baseline compares now with the past: difference or percentage."""

    PERCENTAGE = "percentage"
    VALUE = "value"


# ------------------------------------------------------------------- request side

_HHMM = Annotated[str, StringConstraints(pattern=r"^([0-1]?[0-9]|2[0-3]):[0-5][0-9]$")]


class TriggerThresholdIn(RequestModel):
    """Fire when the result is ``op value``, ``exceeded_limit`` runs in a row (1-5)."""

    op: TriggerThresholdOp
    value: int | float
    exceeded_limit: Annotated[int, Field(ge=1, le=5)] | None = None


class EvaluationWindowIn(RequestModel):
    """A weekly window (UTC) in which the trigger runs.

    An ``end_time`` at or before ``start_time`` means the window ends the next day.
    """

    days_of_week: Annotated[list[DayOfWeek], Field(min_length=1, max_length=7)]
    start_time: _HHMM
    end_time: _HHMM


class EvaluationScheduleIn(RequestModel):
    """When a ``window`` trigger runs."""

    window: EvaluationWindowIn


class BaselineDetailsIn(RequestModel):
    """Compare with the same query ``offset_minutes`` ago instead of a fixed threshold.

    Send both fields, or neither (``{}``) to remove the baseline from a trigger.
    """

    offset_minutes: Literal[60, 1440, 10080, 40320] | None = None
    type: BaselineType | None = None

    @model_validator(mode="after")
    def _both_or_neither(self) -> BaselineDetailsIn:
        if (self.offset_minutes is None) != (self.type is None):
            raise ValueError(
                "baseline_details needs both offset_minutes and type, or neither ({} clears it)"
            )
        return self


def check_trigger_query(query: QuerySpec) -> list[str]:
    """The trigger-specific problems of an inline trigger query (frequency aside).

    Args:
        query: The query specification.

    Returns:
        One message per problem; empty when the query fits a trigger.
    """
    problems: list[str] = []
    present = query.model_fields_set
    for name in _FORBIDDEN_QUERY_FIELDS:
        if name in present and getattr(query, name) is not None:
            problems.append(f"a trigger query cannot set {name!r}")
    calculations = query.calculations or []
    formulas = query.formulas or []
    if not calculations:
        problems.append("a trigger query needs a calculation")
    if formulas:
        if len(formulas) > 1:
            problems.append(f"a trigger query has at most one formula, got {len(formulas)}")
    elif len(calculations) > 1:
        problems.append(f"a trigger query has exactly one calculation, got {len(calculations)}")
    for calc in calculations:
        if calc.op in _FORBIDDEN_OPS:
            problems.append(f"a trigger query cannot use {calc.op.value}")
    if query.havings and len(query.havings) > 1:
        problems.append(f"a trigger query has at most one having, got {len(query.havings)}")
    if query.filters and any(calc.name for calc in calculations):
        problems.append("a trigger query cannot combine named calculations with filters")
    return problems


def _query_problems(query: QuerySpec) -> list[str]:
    """The general query rules (filter values, havings...) from ``validate_query``."""
    try:
        validate_query(query)
    except QueryValidationError as err:
        return err.problems
    return []


class TriggerCreate(RequestModel):
    """The body of ``POST /1/triggers/{dataset}``.

    Give either ``query`` (inline) or ``query_id`` (a saved query), not both. Reference
    recipients by ``id`` (create them with ``client.recipients``); inline ``type`` +
    ``target`` is deprecated but still accepted.
    """

    name: Annotated[str, StringConstraints(min_length=1, max_length=120)]
    description: Annotated[str, StringConstraints(max_length=1023)] | None = None
    tags: Tags | None = None
    query: QuerySpec | None = None
    query_id: Annotated[str, StringConstraints(min_length=1)] | None = None
    threshold: TriggerThresholdIn
    frequency: Annotated[int, Field(ge=MIN_FREQUENCY, le=MAX_FREQUENCY, multiple_of=60)] | None = (
        None
    )
    alert_type: AlertType | None = None
    disabled: bool | None = None
    recipients: list[NotificationRecipient] | None = None
    evaluation_schedule_type: EvaluationScheduleType | None = None
    evaluation_schedule: EvaluationScheduleIn | None = None
    baseline_details: BaselineDetailsIn | None = None
    auto_investigate: bool | None = None

    @model_validator(mode="after")
    def _trigger_rules(self) -> TriggerCreate:
        problems: list[str] = []
        if (self.query is None) == (self.query_id is None):
            problems.append("give either query or query_id (exactly one)")
        if self.query is not None:
            problems.extend(check_trigger_query(self.query))
            problems.extend(self._time_range_problems(self.query))
            problems.extend(f"query: {p}" for p in _query_problems(self.query))
        if (
            self.evaluation_schedule_type == EvaluationScheduleType.WINDOW
            and self.evaluation_schedule is None
        ):
            problems.append("evaluation_schedule_type 'window' needs evaluation_schedule")
        for i, recipient in enumerate(self.recipients or []):
            if not recipient.id and not (recipient.type and recipient.target):
                problems.append(f"recipients[{i}] needs an id (or the deprecated type + target)")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    @classmethod
    def _from_response(cls, data: dict[str, Any]) -> dict[str, Any]:
        # The API returns the inline query and the saved query's id; it takes one. The
        # inline query is what copies to another dataset, so it wins.
        if data.get("query") is not None:
            data.pop("query_id", None)
        if data.get("baseline_details") == {}:
            del data["baseline_details"]  # a trigger without a baseline
        return data

    def _time_range_problems(self, query: QuerySpec) -> list[str]:
        time_range = query.time_range
        if time_range is None:
            return []
        frequency = self.frequency or DEFAULT_FREQUENCY
        which = "frequency" if self.frequency else "the default frequency"
        upper = min(4 * frequency, MAX_TRIGGER_TIME_RANGE)
        if time_range > upper:
            return [
                f"query.time_range {time_range} is above {upper} "
                f"(at most 4 × {which} {frequency}, and at most one day)"
            ]
        if time_range < frequency:
            return [f"query.time_range {time_range} is below {which} {frequency}"]
        return []


class TriggerUpdate(TriggerCreate):
    """The body of ``PUT /1/triggers/{dataset}/{triggerId}``: a full replacement.

    Fields you leave out go back to their defaults, except ``disabled``, which keeps its
    current value when omitted.
    """


# ------------------------------------------------------------------ response side

_ThresholdOpOrStr = Annotated[TriggerThresholdOp | str, Field(union_mode="left_to_right")]
_AlertTypeOrStr = Annotated[AlertType | str, Field(union_mode="left_to_right")]
_ScheduleTypeOrStr = Annotated[EvaluationScheduleType | str, Field(union_mode="left_to_right")]
_DayOrStr = Annotated[DayOfWeek | str, Field(union_mode="left_to_right")]
_BaselineTypeOrStr = Annotated[BaselineType | str, Field(union_mode="left_to_right")]


class TriggerThreshold(ResponseModel):
    """A trigger's threshold, as returned."""

    op: _ThresholdOpOrStr | None = None
    value: int | float | None = None
    exceeded_limit: int | None = None


class EvaluationWindow(ResponseModel):
    """An evaluation window, as returned. Times are kept as sent (``HH:mm``)."""

    days_of_week: list[_DayOrStr] | None = None
    start_time: str | int | None = None
    end_time: str | int | None = None


class EvaluationSchedule(ResponseModel):
    """An evaluation schedule, as returned."""

    window: EvaluationWindow | None = None


class BaselineDetails(ResponseModel):
    """A dynamic baseline, as returned."""

    offset_minutes: int | None = None
    type: _BaselineTypeOrStr | None = None


class Trigger(ResponseModel):
    """A trigger. The API returns both the inline ``query`` and its saved ``query_id``."""

    id: str
    dataset_slug: str | None = None
    name: str | None = None
    description: str | None = None
    tags: list[Tag] | None = None
    query: Query | None = None
    query_id: str | None = None
    threshold: TriggerThreshold | None = None
    frequency: int | None = None
    alert_type: _AlertTypeOrStr | None = None
    disabled: bool | None = None
    triggered: bool | None = None
    recipients: list[NotificationRecipient] | None = None
    evaluation_schedule_type: _ScheduleTypeOrStr | None = None
    evaluation_schedule: EvaluationSchedule | None = None
    baseline_details: BaselineDetails | None = None
    auto_investigate: bool | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None

    def to_update(self, *, use: Literal["query", "query_id"] = "query_id") -> TriggerUpdate:
        """This trigger as an editable :class:`TriggerUpdate` (optional).

        ``client.triggers.update(ds, t.id, t)`` takes the trigger itself; this adds a
        typed request model whose changes are validated as they are made, and the choice
        between the saved query's id and the inline query (which ``update`` sends).

        Examples:
            >>> trigger = client.triggers.create("api", {
            ...     "name": "Slow",
            ...     "query": {
            ...         "calculations": [{"op": "P99", "column": "duration_ms"}],
            ...         "time_range": 900,
            ...     },
            ...     "threshold": {"op": ">", "value": 1000},
            ... })
            >>> update = trigger.to_update()
            >>> update.disabled = True
            >>> client.triggers.update("api", trigger.id, update).disabled
            True

        Args:
            use: Keep ``query_id`` (default: the trigger stays bound to its saved query)
                or the inline ``query``.

        Returns:
            The update model.

        Raises:
            RequestValidationError: When the trigger does not fit the request model
                (for instance an op or field this SDK does not know).
        """
        update = request_model(TriggerUpdate, self)
        if use == "query_id" and self.query_id is not None:
            data = update.model_dump(exclude_unset=True, exclude={"query"})
            update = request_model(TriggerUpdate, {**data, "query_id": self.query_id})
        return update


accepts_response(Trigger, TriggerCreate, TriggerUpdate)
