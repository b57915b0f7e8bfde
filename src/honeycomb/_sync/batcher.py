# GENERATED from src/honeycomb/_async/batcher.py by scripts/unasync.py.
# Do not edit: change the async source and run `python scripts/unasync.py`.
"""The batching event sender behind ``client.events.batcher(dataset)``, and the one
function that posts a batch of encoded events (shared with ``events.send_batch``).

How it works: ``add()`` encodes the event at once, in the caller, counts it as pending,
and appends it to the open batch. A batch is sealed when it reaches ``max_batch_events``
or ``max_batch_bytes``, when it has been open ``flush_interval`` seconds, or on
``flush()``. A worker (``Worker``) hands sealed batches to up to ``max_in_flight``
concurrent requests (``Pool``). Where those run, and who may call the batcher, is
said on them in ``honeycomb._workers``. An
event stops being pending when its result is known, so ``max_pending`` bounds everything
the batcher holds: the open batch, sealed batches waiting, and requests in flight. When it
is reached, ``add()`` waits (backpressure); nothing is ever dropped.

``on_result`` runs while the events it reports still hold their room, so ``flush()`` and
``close()`` wait for it; an ``add()`` made from inside it never waits for room (it takes
over the room of the event being reported), so a callback that re-queues failed events
cannot deadlock the batcher, however full it is.

Delivery is at most once. A 429, a 503, or a connection that failed before the request
was sent is retried with backoff by the request pipeline. A connection lost *after* the
request was sent (a reset, a read timeout) is not retried: the server may have accepted
the batch, and sending it again could store every event twice. Those events are reported
failed, with an error saying they may have arrived.
"""

from __future__ import annotations

import builtins
import threading
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from honeycomb import _io, _tracing
from honeycomb._events import (
    MAX_BODY_BYTES,
    BodyEncoder,
    ChunkStatus,
    Compression,
    Encoding,
    Stamper,
    element,
    parse_batch_response,
    resolve_compression,
    time_fragment_for,
)
from honeycomb._logging import logger
from honeycomb._paths import segment
from honeycomb._retry import retry_reason
from honeycomb._sync._requester import Requester, SharedState
from honeycomb._workers import (
    ExitGuard,
    Gauge,
    Pool,
    Queue,
    Worker,
    call_back,
    process_id,
)
from honeycomb.errors import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    HoneycombError,
    InvalidEventError,
    RequestValidationError,
)
from honeycomb.models.events import EventResult

__all__ = ["EVENT_RETRY_STATUSES", "Batcher", "post_batch"]

EVENT_RETRY_STATUSES = frozenset({503})
"""Statuses after which an event request is repeated (429 always is): the server says it
did nothing with the request."""

OnResult = Callable[[EventResult], object]
"""Told every event's result, through ``call_back`` (which says what it may be)."""

_reporting: ContextVar[object] = ContextVar("honeycomb_batcher_reporting", default=None)
"""The batcher whose ``on_result`` is running in this thread or task (or a task it made)."""

CLOSE_TIMED_OUT = "not sent: close() ran out of time"

FLUSH_SPAN = "honeycomb.batcher.flush"
"""The span around each batch the batcher delivers (its POST and retries are children)."""


def post_batch(
    requester: Requester,
    path: str,
    body: bytes,
    count: int,
    encoding: Encoding,
    *,
    on_retry: Callable[[BaseException], object] | None = None,
    deadline: float | None = None,
) -> ChunkStatus:
    """Post encoded events as one request and read what became of each. Never raises for
    an API or connection failure: every event of the request gets it as its result.

    Args:
        requester: The client's request pipeline.
        path: ``/1/batch/{dataset}``.
        body: The body, made by a ``BodyEncoder`` from encoded elements (within the
            body limit together).
        count: How many events it carries.
        encoding: Its ``Content-Encoding``, or None.
        on_retry: Called before each retry.
        deadline: An ``_io.monotonic()`` time by which the request must be over.

    Returns:
        The per-event statuses.
    """
    request = requester.build(
        "POST",
        path,
        content=body,
        headers={"Content-Encoding": encoding} if encoding else None,
    )
    try:
        response = requester.send(
            request, retry_statuses=EVENT_RETRY_STATUSES, on_retry=on_retry, deadline=deadline
        )
    except APIStatusError as err:
        return _failed(count, err.status_code, str(err), err)
    except APIResponseValidationError as err:
        # An answer arrived (a 2xx) but its body did not decode: as for any unreadable
        # answer, the statuses are unknown.
        message = f"{err.message} (the events may have been accepted)"
        return _failed(count, err.status_code, message, err)
    except APIConnectionError as err:
        if retry_reason(err, "POST") is not None:
            message = f"{err.message} (not sent)"
        else:
            message = (
                f"{err.message} (the request may have reached the server; not retried, "
                "so that no event is stored twice)"
            )
        return _failed(count, 0, message, err)
    return parse_batch_response(response.content, count, response.status_code)


def _failed(count: int, status: int, message: str, exc: BaseException) -> ChunkStatus:
    return ChunkStatus(0, dict.fromkeys(range(count), (status, message)), exc)


@dataclass
class _Batch:
    elements: list[bytes] = field(default_factory=list)
    indices: list[int] = field(default_factory=list)
    body: bytes = b""  # the compressed body, which replaces the elements (_Run.compress)


_STOP = _Batch()


class _Run:
    """The batcher's state in one process. A forked child starts a new one."""

    def __init__(self, requester: Requester, owns_requester: bool, batcher: Batcher) -> None:
        self.pid = process_id()
        self.requester = requester
        self.owns_requester = owns_requester
        self.gauge = Gauge(batcher.max_pending)
        self.lock = self.gauge.lock
        # The open batch, kept as two lists (not a _Batch) to save attribute lookups.
        self.elements: list[bytes] = []
        self.indices: list[int] = []
        self.size = 0
        self.opened = 0.0
        self.next_index = 0
        self.queue: Queue[_Batch] = Queue()
        self.pool = Pool(batcher.max_in_flight)
        self.encoder = BodyEncoder(batcher._encoding)
        self.encoder_lock = threading.Lock()  # add() in several threads, and the worker
        self.worker = Worker(batcher._work, self, on_abandon=batcher._abandoned)
        self.sent = 0
        self.failed = 0
        self.retried = 0
        self.blocked = 0
        self.failures: list[EventResult] = []
        self.deadline: float | None = None  # set by close(timeout=...)
        self.expired = 0  # events close() gave up on before sending them

    def compress(self, batch: _Batch) -> bool:
        """Replace a sealed batch's elements by its compressed body, so that a batch
        waiting or in flight holds a few KB instead of its thousands of elements: only
        the open batch keeps events one by one. False (logged) if that failed.
        """
        try:
            with self.encoder_lock:
                batch.body = self.encoder.encode(batch.elements)
        except Exception:  # a bug: the worker fails the batch
            logger.exception("compressing a batch of events failed unexpectedly")
            return False
        batch.elements = []
        return True

    def seal(self) -> _Batch | None:
        """Take the open batch, if it has events (call with ``lock`` held)."""
        if not self.elements:
            return None
        batch = _Batch(self.elements, self.indices)
        self.elements, self.indices, self.size = [], [], 0
        return batch


class Batcher:
    """Sends events in the background, in batches, with bounded memory.

    Made by ``client.events.batcher(dataset, ...)``; see there for the arguments. Use it as
    a context manager, or call ``close()``. One left open at interpreter exit is handled
    by ``ExitGuard`` (see there).

    Examples:
        >>> with client.events.batcher("web", flush_interval=0.5) as batcher:
        ...     index = batcher.add({"route": "/cart", "duration_ms": 3})
        >>> batcher.sent, batcher.pending, batcher.failures
        (1, 0, [])

    Attributes:
        failures: Results of failed events, oldest first (at most ``max_failures`` are
            kept; ``failed`` counts them all).
    """

    def __init__(
        self,
        requester: Requester,
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
    ) -> None:
        for name, value in (
            ("max_batch_events", max_batch_events),
            ("max_in_flight", max_in_flight),
            ("max_pending", max_pending),
        ):
            if value < 1:
                raise RequestValidationError(f"{name} must be at least 1, got {value}")
        if not 0 < max_batch_bytes <= MAX_BODY_BYTES:
            raise RequestValidationError(f"max_batch_bytes must be between 1 and {MAX_BODY_BYTES}")
        if not flush_interval > 0:
            raise RequestValidationError(f"flush_interval must be positive, got {flush_interval}")
        requester.config.auth_headers("config")  # no key: fail here, not once per batch
        self._requester = requester
        self._path = f"/1/batch/{segment(dataset)}"
        self.dataset = dataset
        # A batch can never hold more events than may be pending, or it would wait for
        # the timer with add() blocked.
        self.max_batch_events = min(max_batch_events, max_pending)
        self.max_batch_bytes = max_batch_bytes
        self.flush_interval = flush_interval
        self.max_in_flight = max_in_flight
        self.max_pending = max_pending
        self.max_failures = max_failures
        self._on_result = on_result
        self._encoding = resolve_compression(compression)
        self._now = Stamper().fragment
        self._run: _Run | None = None
        self._start_lock = threading.Lock()
        self._closed = False  # no more add(), except from on_result
        self._finished = False  # close() ran to its end

    # -- counters ----------------------------------------------------------------------

    def _mine(self) -> _Run | None:
        run = self._run
        return run if run is not None and run.pid == process_id() else None

    @property
    def sent(self) -> int:
        """Events the API accepted."""
        run = self._mine()
        return run.sent if run else 0

    @property
    def failed(self) -> int:
        """Events that failed: rejected locally, by the API, or in a failed request."""
        run = self._mine()
        return run.failed if run else 0

    @property
    def retried(self) -> int:
        """Requests repeated after a 429, a 503 or a connection that failed to open."""
        run = self._mine()
        return run.retried if run else 0

    @property
    def blocked(self) -> int:
        """How many ``add()`` calls had to wait for room (``max_pending`` was reached)."""
        run = self._mine()
        return run.blocked if run else 0

    @property
    def pending(self) -> int:
        """Events added whose result is not known yet."""
        run = self._mine()
        return run.gauge.count if run else 0

    @property
    def failures(self) -> builtins.list[EventResult]:
        """Results of failed events, oldest first (at most ``max_failures`` kept)."""
        run = self._mine()
        return run.failures if run else []

    # -- adding ------------------------------------------------------------------------

    def _current(self) -> _Run:
        if self._closed and _reporting.get() is not self:
            raise RuntimeError("this batcher is closed")
        run = self._run
        if run is not None and run.pid == process_id():
            return run
        if run is not None:
            # A forked child: a parent's thread may have held the lock at the fork.
            self._start_lock = threading.Lock()
        with self._start_lock:
            run = self._run
            if run is not None and run.pid == process_id():
                return run
            requester, owns = self._requester, False
            if run is not None and requester.owns_http:
                # A forked child: the parent's connections are not ours to use. The
                # parent's buffered events are the parent's to send.
                config = requester.config
                requester, owns = Requester(config, None, state=SharedState(config.team)), True
            elif run is not None:
                logger.warning(
                    "batcher used in a forked child with an injected http_client; "
                    "its connections are shared with the parent process"
                )
            run = _Run(requester, owns, self)
            run.worker.start()
            self._run = run
            ExitGuard.watch(self)
        return run

    def add(
        self,
        data: Any,
        timestamp: datetime | float | str | None = None,
        samplerate: int | None = None,
    ) -> int:
        """Queue one event; return at once unless ``max_pending`` events are pending.

        An event that cannot be sent (not a mapping, no fields, over 2,000 fields, over
        1 MB, not serialisable, a bad timestamp or samplerate) does not raise: it fails
        alone, reported through ``on_result`` and ``failures``.

        Args:
            data: The event's fields.
            timestamp: When it happened: a datetime (naive means UTC), epoch seconds or an
                RFC 3339 string. Default: now (the time of this call).
            samplerate: ``n`` when this event stands for ``n`` sampled events.

        Returns:
            The event's index, which its ``EventResult`` carries (0, 1, 2... per batcher).

        Called from ``on_result`` (to re-queue a failed event, say), it never waits for
        room, and it is accepted while the batcher is closing.

        Raises:
            RuntimeError: The batcher is closed.
        """
        run = self._run
        if run is None or run.pid != process_id() or self._closed:
            run = self._current()
        try:
            fragment = self._now() if timestamp is None else time_fragment_for(timestamp)
            encoded = element(data, fragment, samplerate)
        except InvalidEventError as err:
            with run.lock:
                index = run.next_index
                run.next_index += 1
            self._settle(run, [index], ChunkStatus(0, {0: (0, str(err))}, err), pending=False)
            return index
        size = len(encoded)
        gauge = run.gauge
        waited = False
        while True:
            with run.lock:  # the gauge's lock: room, index and buffer change together
                if gauge.count < gauge.limit or _reporting.get() is self:
                    gauge.count += 1
                    index = run.next_index
                    run.next_index = index + 1
                    if waited:
                        run.blocked += 1
                    full = None
                    elements = run.elements
                    if elements:
                        # The body: brackets, the elements, a comma between each two.
                        if run.size + size + len(elements) + 2 > self.max_batch_bytes:
                            full = run.seal()
                            elements = run.elements
                            run.opened = _io.monotonic()
                    else:
                        run.opened = _io.monotonic()
                    elements.append(encoded)
                    run.indices.append(index)
                    run.size += size
                    last = run.seal() if len(elements) >= self.max_batch_events else None
                    break
            waited = True
            gauge.wait_for_room()
        # Sealed by this call: compressed here, outside the lock (the worker retries one
        # that failed, and fails it).
        if full is not None:
            run.compress(full)
            run.queue.put(full)
        if last is not None:
            run.compress(last)
            run.queue.put(last)
        return index

    def flush(self) -> None:
        """Send the open batch now and wait until every event added so far has a result.

        Do not call it from ``on_result``: it would wait for itself.
        """
        run = self._mine()
        if run is not None:
            self._drain(run, None)

    def _drain(self, run: _Run, deadline: float | None) -> bool:
        """Seal the open batch and wait for every result, until ``deadline``.

        Returns:
            True when nothing is pending any more.
        """
        while True:
            with run.lock:
                batch = run.seal()
            if batch is not None:
                run.queue.put(batch)
            # Wake up once per flush interval: on_result may have re-queued events into a
            # new open batch, which the worker's timer would otherwise seal later.
            wait = self.flush_interval
            if deadline is not None:
                wait = min(wait, deadline - _io.monotonic())
            if run.gauge.wait_empty(max(wait, 0.0)):
                return True
            if deadline is not None and _io.monotonic() >= deadline:
                return False

    def close(self, timeout: float | None = None) -> int:
        """Deliver everything, then stop the worker. Does not close the client.

        Idempotent once it has run to its end; calling it again after it was interrupted
        (cancelled, say) carries on delivering.

        Args:
            timeout: Seconds to spend delivering. When they run out, events not sent yet
                are not sent: each gets a failed result (``on_result``, ``failures``),
                and a warning is logged with their count. Requests already in flight are
                waited for (the client's ``timeout`` bounds each). Default: no limit.

        Returns:
            How many events were given up on because ``timeout`` ran out (0 when all
            were sent).
        """
        self._closed = True
        if self._finished:
            return 0
        run = self._mine()
        if run is None:
            self._finished = True
            return 0
        if timeout is not None:
            run.deadline = _io.monotonic() + timeout
        expired_before = run.expired
        if not self._drain(run, run.deadline):
            self._give_up(run)
            run.gauge.wait_empty(None)
        run.queue.put(_STOP)
        run.worker.join()
        if run.owns_requester:
            run.requester.close()
        self._finished = True
        expired = run.expired - expired_before
        if expired:
            logger.warning(
                "batcher for dataset %r closed with %d events not sent: close(timeout=%s) "
                "ran out of time; they are reported failed",
                self.dataset,
                expired,
                timeout,
            )
        return expired

    def _give_up(self, run: _Run) -> None:
        """Fail every event not sent yet: the open batch and the sealed ones waiting."""
        with run.lock:
            batch = run.seal()
        batches = run.queue.drain()
        if batch is not None:
            batches.append(batch)
        for waiting in batches:
            if waiting is not _STOP:
                self._expire(run, waiting)

    def _expire(self, run: _Run, batch: _Batch) -> None:
        with run.lock:
            run.expired += len(batch.indices)
        error = HoneycombError(CLOSE_TIMED_OUT)
        self._settle(run, batch.indices, _failed(len(batch.indices), 0, str(error), error))

    def _abandoned(self, run: _Run) -> None:
        """The worker stopped without close() (``Worker`` says when that happens)."""
        if run.gauge.count and not self._finished:
            logger.warning(
                "batcher for dataset %r was never closed: %d events were not delivered (%s)",
                self.dataset,
                run.gauge.count,
                Worker.ABANDONED_HINT,
            )

    def __enter__(self) -> Batcher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return (
            f"Batcher(dataset={self.dataset!r}, sent={self.sent}, failed={self.failed}, "
            f"pending={self.pending})"
        )

    # -- the worker --------------------------------------------------------------------

    def _work(self, run: _Run) -> None:
        interval = self.flush_interval
        while True:
            opened = run.opened if run.elements else None
            wait = interval if opened is None else opened + interval - _io.monotonic()
            batch = run.queue.get(max(wait, 0.0))
            if run.pid != process_id():
                return  # a forked child's copy of the parent's worker: not ours
            if batch is _STOP:
                break
            if batch is None:
                with run.lock:
                    due = bool(run.elements) and (_io.monotonic() - run.opened >= interval)
                    batch = run.seal() if due else None
                if batch is None:
                    continue
            if batch.elements and not run.compress(batch):
                count = len(batch.indices)
                error = HoneycombError("compressing the batch failed (see the log)")
                self._settle(run, batch.indices, _failed(count, 0, str(error), error))
                continue
            run.pool.submit(self._deliver, run, batch)
        run.pool.join()

    def _deliver(self, run: _Run, batch: _Batch) -> None:
        def count_retry(exc: BaseException) -> None:
            with run.lock:
                run.retried += 1

        deadline = run.deadline
        if deadline is not None and _io.monotonic() >= deadline:
            self._expire(run, batch)
            return
        count = len(batch.indices)
        with _tracing.internal(
            FLUSH_SPAN, dataset=self.dataset, root=True, event_count=count
        ) as span:
            try:
                status = post_batch(
                    run.requester,
                    self._path,
                    batch.body,
                    count,
                    self._encoding,
                    on_retry=count_retry,
                    deadline=deadline,
                )
            except Exception as err:  # a bug: still settle, or flush() would wait forever
                logger.exception("sending a batch of events failed unexpectedly")
                status = _failed(count, 0, f"{type(err).__name__}: {err}", err)
            if span is not None:
                span.set_attribute("honeycomb.failed_count", len(status.failures))
        self._settle(run, batch.indices, status)

    def _settle(
        self,
        run: _Run,
        indices: builtins.list[int],
        status: ChunkStatus,
        *,
        pending: bool = True,
    ) -> None:
        """Record the results of ``indices``, tell ``on_result``, then free their room
        (``pending=False`` for events refused before they were counted).

        The room is freed last, so that ``flush()`` also waits for the callbacks; an
        ``add()`` from a callback takes that room over instead of waiting for it.
        """
        failures = status.failures
        failed = [
            EventResult(indices[pos], code, error, status.exception)
            for pos, (code, error) in failures.items()
        ]
        with run.lock:
            run.sent += len(indices) - len(failed)
            run.failed += len(failed)
            room = self.max_failures - len(run.failures)
            if room > 0:
                run.failures.extend(failed[:room])
        callback = self._on_result
        if callback is not None:
            by_position = dict(zip(failures, failed, strict=True))
            token = _reporting.set(self)
            try:
                for pos, index in enumerate(indices):
                    result = by_position.get(pos) or EventResult(index, status.ok_status)
                    try:
                        call_back(callback, result)
                    except Exception:
                        logger.exception("on_result raised for event %d", index)
            finally:
                _reporting.reset(token)
        if pending:
            run.gauge.release(len(indices))
