"""``client.events``: send one event, a batch of any size, or stream through a batcher.

Limits are checked before anything is sent: an event is at most 1 MB of uncompressed
JSON and 2,000 fields; a request body at most 5 MB. ``send`` raises for an event over
them; ``send_batch`` and the batcher report such an event as failed and send the rest.

Retries: a 429, a 503, and a connection that failed before the request was sent are
retried with backoff. A connection lost after the request was sent is not retried (the
events may have been stored, and a second copy cannot be removed): those events are
reported failed, saying they may have arrived. Delivery is therefore at most once.
"""

from __future__ import annotations

import builtins
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from honeycomb._async._resource import Resource
from honeycomb._async.batcher import EVENT_RETRY_STATUSES, Batcher, OnResult, post_batch
from honeycomb._events import (
    MAX_BODY_BYTES,
    BodyEncoder,
    Compression,
    check_samplerate,
    encode_data,
    encode_item,
    format_time,
    plan_chunks,
    resolve_compression,
)
from honeycomb._gc import paused_gc
from honeycomb._paths import segment
from honeycomb.errors import InvalidEventError
from honeycomb.models.events import BatchEvent, EventResult, KinesisEvent, KinesisResponse

__all__ = ["Events"]


class Events(Resource):
    """Sending events (``/1/events``, ``/1/batch``, ``/1/kinesis_events``)."""

    async def send(
        self,
        dataset: str,
        data: Mapping[str, Any],
        *,
        timestamp: datetime | float | str | None = None,
        samplerate: int | None = None,
    ) -> None:
        """Send one event (``POST /1/events/{dataset}``). For more than a few, use
        ``send_batch`` or ``batcher``: Honeycomb discourages this endpoint beyond testing.

        Examples:
            >>> event = {"route": "/home", "duration_ms": 31}
            >>> await client.events.send("web", event, samplerate=10)  # stands for 10 events

        Args:
            dataset: The dataset slug (created on first event).
            data: The event's fields (1 to 2,000; at most 1 MB of JSON).
            timestamp: When it happened: a datetime (naive means UTC), epoch seconds or an
                RFC 3339 string; sent as ``X-Honeycomb-Event-Time``. Default: when the API
                receives it.
            samplerate: Sent as ``X-Honeycomb-Samplerate``; default 1.

        Raises:
            InvalidEventError: The event cannot be sent (``EventTooLargeError``,
                ``TooManyFieldsError``, or not serialisable); nothing was sent.
            APIError: On any failure of the request.
        """
        body = encode_data(data)
        headers: dict[str, str] = {}
        if timestamp is not None:
            headers["X-Honeycomb-Event-Time"] = format_time(timestamp)
        if samplerate is not None:
            headers["X-Honeycomb-Samplerate"] = str(check_samplerate(samplerate))
        await self._request(
            "POST",
            f"/1/events/{segment(dataset)}",
            content=body,
            headers=headers,
            retry_statuses=EVENT_RETRY_STATUSES,
        )

    async def send_batch(
        self,
        dataset: str,
        events: Iterable[BatchEvent | Mapping[str, Any]],
        *,
        compression: Compression = "auto",
    ) -> builtins.list[EventResult]:
        """Send any number of events, in as many requests as the limits need.

        Each event is ``{"data": {...}, "time": ..., "samplerate": n}`` (a dict or a
        ``BatchEvent``; only ``data`` is required). Events are encoded once and packed
        into requests of at most 5 MB, sent one after another.

        Examples:
            >>> results = await client.events.send_batch("web", [
            ...     {"data": {"route": "/home", "duration_ms": 31}},
            ...     {"data": {"route": "/cart", "duration_ms": 12}, "samplerate": 5},
            ... ])
            >>> [(result.index, result.status) for result in results]
            [(0, 202), (1, 202)]

        Args:
            dataset: The dataset slug.
            events: The events, in order.
            compression: ``"auto"`` (zstd when ``zstandard`` is installed, else gzip),
                ``"zstd"``, ``"gzip"``, or None to send plain JSON.

        Returns:
            One result per event, in input order: ``status`` 202 and ``error`` None when
            accepted. An event that could not be encoded (over 1 MB, over 2,000 fields, not
            serialisable, a bad shape) fails alone, with status 0. Events the API refused
            carry its status and message; every event of a request that failed carries
            that request's failure.

        Raises:
            ValueError: An unknown ``compression``, or zstd without ``zstandard``.
        """
        encoding = resolve_compression(compression)
        path = f"/1/batch/{segment(dataset)}"
        results: builtins.list[EventResult | None] = []
        elements: builtins.list[bytes] = []
        positions: builtins.list[int] = []
        # The collector is paused while encoding and while reporting: with many events
        # its passes over the caller's list would cost more than the work (see _gc.py).
        with paused_gc():
            for index, item in enumerate(events):
                try:
                    elements.append(encode_item(item))
                except InvalidEventError as err:
                    results.append(EventResult(index, 0, str(err), err))
                    continue
                results.append(None)
                positions.append(index)
        encoder = BodyEncoder(encoding)
        for chunk in plan_chunks([len(e) for e in elements], max_body=MAX_BODY_BYTES):
            body = encoder.encode(elements[chunk.start : chunk.stop])
            status = await post_batch(self._requester, path, body, len(chunk), encoding)
            failures = status.failures
            with paused_gc():
                for offset, pos in enumerate(chunk):
                    index = positions[pos]
                    failure = failures.get(offset)
                    results[index] = (
                        EventResult(index, status.ok_status)
                        if failure is None
                        else EventResult(index, failure[0], failure[1], status.exception)
                    )
        return [r for r in results if r is not None]

    async def send_kinesis(
        self, dataset: str, request: KinesisEvent | Mapping[str, Any]
    ) -> KinesisResponse:
        """Deliver a Kinesis Firehose request (``POST /1/kinesis_events/{dataset}``).

        This is the endpoint a Firehose delivery stream calls; it is here for replaying or
        testing such deliveries. The client's API key is sent as
        ``X-Amz-Firehose-Access-Key``, and the request id as ``X-Amz-Firehose-Request-Id``.

        Examples:
            >>> import base64
            >>> import json
            >>> record = base64.b64encode(json.dumps({"route": "/home"}).encode()).decode()
            >>> answer = await client.events.send_kinesis(
            ...     "web", {"requestId": "r1", "records": [{"data": record}]}
            ... )
            >>> answer.request_id, answer.error_message
            ('r1', None)

        Args:
            dataset: The dataset slug.
            request: A ``KinesisEvent`` or an equivalent dict (``requestId``,
                ``timestamp`` in epoch milliseconds, ``records`` of base64 ``data``).

        Returns:
            The API's answer (``errorMessage`` set when it failed).

        Raises:
            RequestValidationError: The body is invalid (nothing is sent).
            MissingCredentialError: No API key is configured.
            APIError: On any failure.
        """
        body = self._body(KinesisEvent, request)
        result: KinesisResponse = await self._request(
            "POST",
            f"/1/kinesis_events/{segment(dataset)}",
            json=body,
            headers={"X-Amz-Firehose-Request-Id": body["requestId"]},
            auth="firehose",
            cast=KinesisResponse,
        )
        return result

    def batcher(
        self,
        dataset: str,
        *,
        max_batch_events: int = 5000,
        max_batch_bytes: int = MAX_BODY_BYTES,
        flush_interval: float = 0.1,
        max_in_flight: int = 10,
        max_pending: int = 50_000,
        on_result: OnResult | None = None,
        compression: Compression = "auto",
        max_failures: int = 10_000,
    ) -> Batcher:
        """A background sender: ``add()`` returns at once, batches go out by count, size
        and time, several at a time, and memory stays bounded.

        The worker runs as ``AsyncWorker`` and requests in flight as ``AsyncPool`` jobs
        (``honeycomb._workers`` says where they run and who may call the batcher).
        After ``os.fork()`` the child starts afresh: its own connections, empty
        buffers, counters from zero; the parent still sends what it had buffered.

        Examples:
            >>> async with client.events.batcher("web") as batcher:
            ...     for ms in (3, 5, 8):
            ...         index = await batcher.add({"route": "/cart", "duration_ms": ms})
            >>> batcher.sent, batcher.failed     # leaving the block sent everything
            (3, 0)

        Args:
            dataset: The dataset slug.
            max_batch_events: The most events in one request (default 5,000: larger
                requests cost less per event; 5 MB bodies cap them anyway).
            max_batch_bytes: The largest request body before compression (at most 5 MB).
            flush_interval: Seconds a batch may wait for more events before it is sent.
            max_in_flight: The most requests at once.
            max_pending: The most events held (buffered, queued or in flight); ``add()``
                waits while this many are pending. Nothing is dropped.
            on_result: Called with every event's ``EventResult`` once known, from the
                request that delivered it (a job of ``AsyncPool``): keep it quick.
            compression: ``"auto"``, ``"zstd"``, ``"gzip"`` or None, as for ``send_batch``.
            max_failures: How many failed results ``failures`` keeps.

        Returns:
            The batcher: a context manager; ``flush()`` and ``aclose()`` deliver
            everything; ``sent``, ``failed``, ``retried``, ``pending`` count.

        Raises:
            ValueError: A limit out of range, or an unknown ``compression``.
            MissingCredentialError: No API key is configured.
        """
        return Batcher(
            self._requester,
            dataset,
            max_batch_events=max_batch_events,
            max_batch_bytes=max_batch_bytes,
            flush_interval=flush_interval,
            max_in_flight=max_in_flight,
            max_pending=max_pending,
            on_result=on_result,
            compression=compression,
            max_failures=max_failures,
        )
