"""Events: the input of ``events.send_batch`` and the per-event result it returns.

``BatchEvent`` is the request model for one element of ``POST /1/batch/{dataset}``
(``{"data": {...}, "time": ..., "samplerate": n}``). ``send_batch`` also takes plain dicts
of the same shape, which it checks by hand rather than through pydantic, so that sending a
million events does not build a million models.

``EventResult`` is a small frozen dataclass, not a pydantic model, for the same reason:
there is one per event.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Annotated, Any

from pydantic import Field

from honeycomb.models._base import RequestModel, ResponseModel

__all__ = [
    "MAX_FIELDS",
    "BatchEvent",
    "EventResult",
    "EventTime",
    "KinesisEvent",
    "KinesisRecord",
    "KinesisResponse",
]

MAX_FIELDS = 2000
"""The most fields (distinct columns) one event may carry."""

EventTime = datetime | int | float | str
"""An event timestamp: a datetime (naive means UTC), epoch seconds, or an RFC 3339 string."""


class BatchEvent(RequestModel):
    """One event to send in a batch.

    Attributes:
        data: The event's fields: 1 to 2,000 of them. Values are strings, numbers or
            booleans (nested objects are flattened by the dataset's JSON depth setting).
        time: When it happened: a datetime (naive means UTC), epoch seconds, or an RFC 3339
            string. Omitted means "when Honeycomb received it".
        samplerate: ``n`` when this event stands for ``n`` events (sampled 1 in ``n``).
    """

    data: Annotated[dict[str, Any], Field(min_length=1, max_length=MAX_FIELDS)]
    time: EventTime | None = None
    samplerate: Annotated[int, Field(ge=1)] | None = None


@dataclass(frozen=True, slots=True)
class EventResult:
    """What became of one event.

    Attributes:
        index: The event's position: in the list given to ``send_batch``, or the number
            ``add()`` returned for a batcher (counting from 0).
        status: The HTTP status the API gave this event (202 when queued), the status of
            the whole request when it failed, or 0 when no response arrived or the event
            was rejected before sending.
        error: Why the event failed, or None when it was accepted.
        exception: The exception behind a failure, when there was one (an
            ``InvalidEventError`` for an event rejected locally, an ``APIError`` for a
            request that failed).
    """

    index: int
    status: int
    error: str | None = None
    exception: BaseException | None = field(default=None, compare=False, repr=False)

    @property
    def ok(self) -> bool:
        """True when the API accepted the event."""
        return self.error is None and 200 <= self.status < 300


class KinesisRecord(RequestModel):
    """One Kinesis Firehose record.

    Attributes:
        data: The record, base64-encoded (for metrics, Protowire-encoded first).
    """

    data: str


class KinesisEvent(RequestModel):
    """A Kinesis Firehose delivery request, as Firehose itself sends it.

    Attributes:
        request_id: Firehose's request id (``requestId``); also sent as the
            ``X-Amz-Firehose-Request-Id`` header.
        timestamp: Milliseconds since the epoch.
        records: The records.
    """

    request_id: str = Field(alias="requestId", min_length=1)
    timestamp: int | None = None
    records: list[KinesisRecord] = Field(default_factory=list)


class KinesisResponse(ResponseModel):
    """The answer to a Kinesis Firehose delivery.

    Attributes:
        request_id: The request id echoed back (``requestId``).
        timestamp: Milliseconds since the epoch.
        error_message: Why the delivery failed, when it did (``errorMessage``).
    """

    request_id: str | None = Field(default=None, alias="requestId")
    timestamp: int | None = None
    error_message: str | None = Field(default=None, alias="errorMessage")
