"""An async batcher that is never closed cannot deliver (no loop runs after its own), so
it says so: a warning naming how many events were lost when its event loop ends or it is
garbage-collected. And an ``aclose()`` cut short (cancelled by ``wait_for``) can be
called again, and then delivers. (The sync batcher is closed at exit: see
``test_batcher_exit.py``.)"""

from __future__ import annotations

import asyncio
import gc
import json
import logging

import httpx
import pytest

from honeycomb import AsyncClient

API_KEY = "hcxlk_abcdefghijklmnopqrstuvwxyz"


def accepting(release: asyncio.Event | None = None) -> httpx.AsyncClient:
    """An httpx client whose ``/1/batch`` accepts every event, once ``release`` is set."""

    async def handle(request: httpx.Request) -> httpx.Response:
        if release is not None:
            await release.wait()
        return httpx.Response(200, json=[{"status": 202}] * len(json.loads(request.content)))

    return httpx.AsyncClient(transport=httpx.MockTransport(handle))


def test_a_batcher_never_closed_warns_with_the_count_when_its_loop_ends(
    caplog: pytest.LogCaptureFixture,
) -> None:
    async def forget() -> None:
        release = asyncio.Event()  # never set: nothing is delivered
        client = AsyncClient(api_key=API_KEY, http_client=accepting(release))
        batcher = client.events.batcher("web", compression=None, max_in_flight=1)
        for n in range(100):
            await batcher.add({"n": n})

    with caplog.at_level(logging.WARNING, logger="honeycomb"):
        asyncio.run(forget())  # ends the loop, cancelling the batcher's worker
        gc.collect()
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings == [
        "batcher for dataset 'web' was never closed: 100 events were not delivered "
        "(use `async with` or await aclose() before its event loop ends)"
    ]


# Closing a loop with tasks pending is the scenario: asyncio's own complaints are expected.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_a_batcher_collected_with_its_loop_closed_warns(
    caplog: pytest.LogCaptureFixture,
) -> None:
    loop = asyncio.new_event_loop()

    async def forget() -> None:
        client = AsyncClient(api_key=API_KEY, http_client=accepting(asyncio.Event()))
        batcher = client.events.batcher("web", compression=None)
        for n in range(7):
            await batcher.add({"n": n})

    with caplog.at_level(logging.WARNING, logger="honeycomb"):
        loop.run_until_complete(forget())
        loop.close()  # the worker task is left pending, then collected
        gc.collect()
    messages = [r.getMessage() for r in caplog.records if r.name == "honeycomb"]
    assert any("never closed: 7 events were not delivered" in m for m in messages), messages


async def test_aclose_again_after_a_cancelled_aclose_delivers() -> None:
    release = asyncio.Event()
    async with AsyncClient(api_key=API_KEY, http_client=accepting(release)) as client:
        batcher = client.events.batcher("web", compression=None, max_batch_events=10)
        for n in range(100):
            await batcher.add({"n": n})
        with pytest.raises(asyncio.TimeoutError):
            await asyncio.wait_for(batcher.aclose(), 0.1)
        assert batcher.pending == 100
        with pytest.raises(RuntimeError, match="closed"):
            await batcher.add({"n": 100})  # closing has begun: no new events
        release.set()
        await batcher.aclose()
        assert (batcher.sent, batcher.failed, batcher.pending) == (100, 0, 0)
        await batcher.aclose()  # done: idempotent
