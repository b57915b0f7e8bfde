"""client.events.batcher: batching by count, size and time; backpressure; delivery under
faults; per-event results; fork safety."""

from __future__ import annotations

import asyncio
import inspect
import os
import signal
import threading
import warnings
from collections import Counter
from typing import Any

import httpx
import pytest
from pytest_httpx import HTTPXMock

from honeycomb import (
    AsyncClient,
    EventTooLargeError,
    InvalidEventError,
    MissingCredentialError,
    _io,
)
from honeycomb._async.batcher import Batcher
from honeycomb._events import MAX_EVENT_BYTES
from honeycomb.models.events import EventResult

from .._guard import async_within  # noqa: TID252 - a helper shared by both trees
from .._loopback import LoopbackServer, decoded  # noqa: TID252 - a helper shared by both trees
from .conftest import API_KEY, BASE

BATCH = f"{BASE}/1/batch/web"


class Recorder:
    """An ``httpx_mock`` callback playing ``/1/batch``: 202 per event, 400 for ``reject``."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.batches: list[list[dict[str, Any]]] = []
        self.bodies: list[int] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        events = decoded(request)
        with self.lock:
            self.batches.append(events)
            self.bodies.append(len(request.content))
        return httpx.Response(200, json=[self.status(e["data"]) for e in events])

    @staticmethod
    def status(data: dict[str, Any]) -> dict[str, Any]:
        if data.get("reject"):
            return {"status": 400, "error": "Event has too many columns."}
        return {"status": 202}

    @property
    def ids(self) -> list[Any]:
        with self.lock:
            return sorted(e["data"]["id"] for batch in self.batches for e in batch)


@pytest.fixture
def recorder(httpx_mock: HTTPXMock) -> Recorder:
    recording = Recorder()
    httpx_mock.add_callback(recording, method="POST", url=BATCH, is_reusable=True)
    return recording


async def wait_until(condition: Any, seconds: float = 2.0) -> None:
    deadline = _io.monotonic() + seconds
    while not condition():
        assert _io.monotonic() < deadline, "timed out"
        await _io.async_sleep(0.005)


# -- batching ----------------------------------------------------------------------------


async def test_batches_flush_by_count_and_close_delivers_the_rest(
    client: AsyncClient, recorder: Recorder
) -> None:
    async with client.events.batcher("web", max_batch_events=10, flush_interval=60) as batcher:
        indices = [await batcher.add({"id": i}) for i in range(25)]
    assert indices == list(range(25))
    assert sorted(len(b) for b in recorder.batches) == [5, 10, 10]
    assert recorder.ids == list(range(25))
    assert (batcher.sent, batcher.failed, batcher.pending, batcher.failures) == (25, 0, 0, [])


async def test_batches_flush_by_size(client: AsyncClient, recorder: Recorder) -> None:
    async with client.events.batcher(
        "web", max_batch_bytes=300, compression=None, flush_interval=60
    ) as batcher:
        for i in range(20):
            await batcher.add({"id": i, "text": "twenty characters.."}, timestamp="2024-05-01")
    assert recorder.ids == list(range(20))
    assert len(recorder.batches) > 3
    assert max(recorder.bodies) <= 300
    # Each body is as full as the limit allows: one more event would not have fit.
    event_size = min(recorder.bodies) // min(len(b) for b in recorder.batches)
    assert all(size + event_size > 300 for size in recorder.bodies[:-1])


async def test_batches_flush_by_time(client: AsyncClient, recorder: Recorder) -> None:
    async with client.events.batcher("web", flush_interval=0.02) as batcher:
        for i in range(3):
            await batcher.add({"id": i})
        await wait_until(lambda: batcher.sent == 3)  # no flush(): the timer sent them
        assert recorder.ids == [0, 1, 2]


async def test_flush_waits_for_every_result(client: AsyncClient, recorder: Recorder) -> None:
    async with client.events.batcher("web", flush_interval=60) as batcher:
        await batcher.add({"id": 1})
        await batcher.flush()
        assert (batcher.sent, batcher.pending, recorder.ids) == (1, 0, [1])
        await batcher.flush()  # nothing open: returns at once
        await batcher.add({"id": 2})
    assert recorder.ids == [1, 2]


async def test_elements_carry_time_and_samplerate(client: AsyncClient, recorder: Recorder) -> None:
    async with client.events.batcher("web") as batcher:
        await batcher.add({"id": 0})
        await batcher.add({"id": 1}, timestamp=1714564800, samplerate=4)
    first, second = sorted(
        (e for batch in recorder.batches for e in batch), key=lambda e: e["data"]["id"]
    )
    assert first["time"].endswith("Z") and len(first["time"]) == 24  # stamped at add()
    assert "samplerate" not in first
    assert second == {"data": {"id": 1}, "time": "2024-05-01T12:00:00Z", "samplerate": 4}


async def test_several_batches_are_in_flight_at_once(
    client: AsyncClient, httpx_mock: HTTPXMock
) -> None:
    lock = threading.Lock()
    flying = [0, 0]  # now, peak

    async def slow(request: httpx.Request) -> httpx.Response:
        with lock:
            flying[0] += 1
            flying[1] = max(flying)
        # Hold each request until three are in flight at once (or give up after 2 s).
        await wait_until(lambda: flying[1] == 3)
        with lock:
            flying[0] -= 1
        return httpx.Response(200, json=[{"status": 202}] * len(decoded(request)))

    httpx_mock.add_callback(slow, method="POST", url=BATCH, is_reusable=True)
    async with client.events.batcher("web", max_batch_events=10, max_in_flight=3) as batcher:
        for i in range(60):
            await batcher.add({"id": i})
    assert batcher.sent == 60
    assert flying[1] == 3  # three at once, and never more


# -- results and failures ----------------------------------------------------------------


async def test_per_event_failures_reach_on_result_and_failures(
    client: AsyncClient, recorder: Recorder
) -> None:
    results: list[EventResult] = []
    async with client.events.batcher("web", on_result=results.append) as batcher:
        for i in range(6):
            await batcher.add({"id": i, "reject": i % 3 == 1})
    assert sorted(r.index for r in results) == list(range(6))
    assert {r.index for r in results if r.ok} == {0, 2, 3, 5}
    assert batcher.failures == [
        EventResult(1, 400, "Event has too many columns."),
        EventResult(4, 400, "Event has too many columns."),
    ]
    assert (batcher.sent, batcher.failed) == (4, 2)


async def test_unsendable_events_fail_alone_without_raising(
    client: AsyncClient, recorder: Recorder
) -> None:
    async with client.events.batcher("web") as batcher:
        await batcher.add({"id": 0})
        big = await batcher.add({"id": 1, "pad": "x" * MAX_EVENT_BYTES})
        odd = await batcher.add("not a mapping")
        bad_rate = await batcher.add({"id": 3}, samplerate=0)
        await batcher.add({"id": 4})
    assert recorder.ids == [0, 4]
    assert [(f.index, f.status) for f in batcher.failures] == [(big, 0), (odd, 0), (bad_rate, 0)]
    assert isinstance(batcher.failures[0].exception, EventTooLargeError)
    assert all(isinstance(f.exception, InvalidEventError) for f in batcher.failures)
    assert (batcher.sent, batcher.failed) == (2, 3)


async def test_a_raising_on_result_does_not_stop_delivery(
    client: AsyncClient, recorder: Recorder
) -> None:
    def explode(result: EventResult) -> None:
        raise RuntimeError("callback bug")

    async with client.events.batcher("web", on_result=explode) as batcher:
        for i in range(3):
            await batcher.add({"id": i})
    assert batcher.sent == 3


async def test_429_then_success_is_retried_and_counted(
    client: AsyncClient, httpx_mock: HTTPXMock, sleeps: list[float]
) -> None:
    httpx_mock.add_response(method="POST", url=BATCH, status_code=429, json={"error": "slow"})
    recorder = Recorder()
    httpx_mock.add_callback(recorder, method="POST", url=BATCH)
    retrying = client.with_options(max_retries=2)
    async with retrying.events.batcher("web") as batcher:
        for i in range(4):
            await batcher.add({"id": i})
    assert len(httpx_mock.get_requests()) == 2
    assert (batcher.sent, batcher.failed, batcher.retried) == (4, 0, 1)
    assert len(sleeps) == 1
    assert recorder.ids == [0, 1, 2, 3]


async def test_a_failed_request_fails_each_of_its_events(
    client: AsyncClient, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(method="POST", url=BATCH, status_code=403, json={"error": "denied"})
    async with client.events.batcher("web") as batcher:
        for i in range(3):
            await batcher.add({"id": i})
    assert [(f.index, f.status) for f in batcher.failures] == [(0, 403), (1, 403), (2, 403)]
    assert (batcher.sent, batcher.failed, batcher.retried) == (0, 3, 0)


# -- backpressure ------------------------------------------------------------------------


async def test_add_waits_when_max_pending_is_reached(
    client: AsyncClient, httpx_mock: HTTPXMock
) -> None:
    returned: list[int] = []
    seen_at_request: list[int] = []

    def respond(request: httpx.Request) -> httpx.Response:
        seen_at_request.append(len(returned))
        return httpx.Response(200, json=[{"status": 202}] * len(decoded(request)))

    httpx_mock.add_callback(respond, method="POST", url=BATCH, is_reusable=True)
    async with client.events.batcher("web", max_pending=2, max_batch_events=2) as batcher:
        for i in range(10):
            returned.append(await batcher.add({"id": i}))
    assert batcher.sent == 10
    # When request k went out, at most 2(k+1) adds had returned: the rest were waiting
    # for room, not buffered. Without backpressure all ten would have returned at once.
    assert len(seen_at_request) == 5
    assert all(n <= 2 * (k + 1) for k, n in enumerate(seen_at_request))
    assert batcher.blocked >= 1


async def test_on_result_may_re_queue_events_when_the_batcher_is_full(
    client: AsyncClient, httpx_mock: HTTPXMock
) -> None:
    # Every first attempt is refused; on_result adds a retry of it, with the batcher full
    # (max_pending=2, two events per request): the retry must not wait for room that
    # only the end of the callback frees.
    def respond(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200,
            json=[
                {"status": 202} if e["data"]["retry"] else {"status": 400, "error": "later"}
                for e in decoded(request)
            ],
        )

    httpx_mock.add_callback(respond, method="POST", url=BATCH, is_reusable=True)
    results: list[EventResult] = []
    retries: dict[int, int] = {}
    lock = threading.Lock()

    async def requeue(result: EventResult) -> None:
        with lock:
            results.append(result)
        if not result.ok:
            retry = await batcher.add({"id": result.index, "retry": True})
            with lock:
                retries[retry] = result.index

    batcher = client.events.batcher(
        "web", max_pending=2, max_batch_events=2, max_in_flight=2, on_result=requeue
    )

    async def scenario() -> None:
        async with batcher:
            for i in range(20):
                await batcher.add({"id": i, "retry": False})

    await async_within(10, scenario)
    firsts = [r for r in results if r.index not in retries]
    again = [r for r in results if r.index in retries]
    assert len(firsts) == len(again) == 20 and len(results) == 40
    assert not any(r.ok for r in firsts) and all(r.ok for r in again)
    assert sorted(retries.values()) == sorted(r.index for r in firsts)  # one retry each
    assert (batcher.sent, batcher.failed, batcher.pending) == (20, 20, 0)


# -- delivery under faults, over real HTTP -----------------------------------------------


async def test_every_event_is_stored_once_or_reported_failed(sleeps: list[float]) -> None:
    plan = ["ok", "503", "reset", "ok", "429", "reset_after_accept", "503", "ok"] * 3
    retryable = plan.count("503") + plan.count("429")
    failures: list[EventResult] = []
    ids: dict[int, str] = {}
    with LoopbackServer(plan) as server:
        client = AsyncClient(api_key=API_KEY, base_url=server.url, max_retries=10)
        batcher = client.events.batcher(
            "web", max_batch_events=7, max_in_flight=4, on_result=failures.append
        )
        async with client, batcher:
            for n in range(300):
                event_id = f"e{n}"
                ids[await batcher.add({"id": event_id, "reject": n % 50 == 0})] = event_id
        accepted = server.accepted
    ok = {ids[r.index] for r in failures if r.ok}
    failed = {ids[r.index] for r in failures if not r.ok}
    assert len(failures) == 300 and not ok & failed  # one result per event
    assert all(count == 1 for count in accepted.values())  # nothing stored twice
    assert ok <= set(accepted)  # everything reported sent was stored
    assert set(ids.values()) - set(accepted) <= failed  # everything not stored was reported
    assert batcher.sent == len(ok) and batcher.failed == len(failed)
    assert batcher.retried == retryable == len(sleeps)
    assert batcher.failed >= 6 + 2 * 7  # the rejects, and at least the two resets' batches


# -- lifecycle ---------------------------------------------------------------------------


async def test_add_after_close_is_refused_and_close_is_idempotent(
    client: AsyncClient, recorder: Recorder
) -> None:
    batcher = client.events.batcher("web")
    assert (batcher.sent, batcher.failed, batcher.retried, batcher.pending) == (0, 0, 0, 0)
    await batcher.add({"id": 0})
    await batcher.aclose()
    await batcher.aclose()
    with pytest.raises(RuntimeError, match="closed"):
        await batcher.add({"id": 1})
    assert recorder.ids == [0]
    assert repr(batcher) == "Batcher(dataset='web', sent=1, failed=0, pending=0)"


async def test_closing_an_unused_batcher_sends_nothing(
    client: AsyncClient, httpx_mock: HTTPXMock
) -> None:
    async with client.events.batcher("web"):
        pass
    assert httpx_mock.get_requests() == []


@pytest.mark.parametrize(
    "options",
    [
        {"max_batch_events": 0},
        {"max_in_flight": 0},
        {"max_pending": 0},
        {"max_batch_bytes": 5_000_001},
        {"flush_interval": 0},
        {"compression": "brotli"},
    ],
)
def test_bad_options_are_refused(client: AsyncClient, options: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        client.events.batcher("web", **options)


async def send_from_child(batcher: Batcher) -> int:
    await batcher.add({"id": "child-0"})
    await batcher.add({"id": "child-1"})
    await batcher.aclose()
    return 0 if (batcher.sent, batcher.failed) == (2, 0) else 2


def complete(outcome: Any) -> Any:
    """Run a coroutine to its end on a new loop (async tree); pass a value on (sync tree).

    asyncio will not run the parent's loop in a forked child: the child needs a new one.
    """
    return asyncio.run(outcome) if inspect.iscoroutine(outcome) else outcome


def exit_code(pid: int) -> int:
    """Wait for a child process, blocking (the event loop too, in the async tree)."""
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="os.fork is POSIX-only")
async def test_a_forked_child_starts_afresh() -> None:
    with LoopbackServer() as server:
        async with AsyncClient(api_key=API_KEY, base_url=server.url) as client:
            batcher = client.events.batcher("web", flush_interval=60)
            await batcher.add({"id": "parent-0"})
            await batcher.flush()  # the parent now has a worker and an open connection
            await batcher.add({"id": "parent-1"})  # still buffered when the process forks
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)  # fork with threads
                pid = os.fork()
            if pid == 0:  # the child: report through the exit code, never return to pytest
                code = 1
                try:
                    signal.alarm(10)
                    code = complete(send_from_child(batcher))
                finally:
                    os._exit(code)
            assert exit_code(pid) == 0
            await batcher.aclose()
            assert (batcher.sent, batcher.failed) == (2, 0)  # the child's are not counted
        assert server.accepted == Counter(["parent-0", "parent-1", "child-0", "child-1"])


def test_a_batcher_needs_an_api_key(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HONEYCOMB_API_KEY", "HONEYCOMBIO_APIKEY"):
        monkeypatch.delenv(name, raising=False)
    client = AsyncClient(management_key=("hcxmk_01234567890123456789012345", "s" * 32))
    with pytest.raises(MissingCredentialError, match="HONEYCOMB_API_KEY"):
        client.events.batcher("web")
