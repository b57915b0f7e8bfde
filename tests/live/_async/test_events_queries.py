"""Events and queries against the target: events sent three ways (``send``, ``send_batch``,
the batcher) become queryable, and a query counts each way's events exactly.

Against Honeycomb events take 30 s or more to be queryable, so the test polls (a query
every ``poll_every`` seconds, ``queryable_within`` at most); the fake answers at once.
"""

from __future__ import annotations

import time
from typing import Any

from honeycomb import AsyncClient, _io
from honeycomb.models.datasets import DatasetSettings
from tests.live._target import LiveTarget, Scratch

SENT = {"send": 3, "send_batch": 50, "batcher": 40}

QUERY = {
    "calculations": [{"op": "COUNT"}, {"op": "SUM", "column": "duration_ms"}],
    "breakdowns": ["source"],
    "time_range": 1800,
}


def _event(source: str, index: int) -> dict[str, Any]:
    return {"source": source, "duration_ms": index + 1, "endpoint": f"/item/{index % 5}"}


def _expected() -> dict[str, tuple[int, int]]:
    """COUNT and SUM(duration_ms) per source: durations are 1..n."""
    return {source: (n, n * (n + 1) // 2) for source, n in SENT.items()}


async def _counts(client: AsyncClient, ds: str) -> dict[str, tuple[int, int]]:
    result = await client.query_results.run(ds, QUERY, timeout=120)
    return {
        str(row["source"]): (int(row["COUNT"]), int(row["SUM(duration_ms)"])) for row in result.rows
    }


async def test_events_sent_three_ways_are_counted(
    client: AsyncClient, live: LiveTarget, scratch: Scratch
) -> None:
    ds = (await client.datasets.create({"name": scratch.name("events")})).slug
    sent_at = time.time() - 60  # well inside the query's range, whatever its rounding

    for i in range(SENT["send"]):
        await client.events.send(ds, _event("send", i), timestamp=sent_at)
    results = await client.events.send_batch(
        ds, [{"data": _event("send_batch", i), "time": sent_at} for i in range(SENT["send_batch"])]
    )
    assert [r.status for r in results] == [202] * SENT["send_batch"]
    assert all(r.error is None for r in results)
    async with client.events.batcher(ds, max_batch_events=15, flush_interval=0.05) as batcher:
        for i in range(SENT["batcher"]):
            await batcher.add(_event("batcher", i), timestamp=sent_at)
    assert (batcher.sent, batcher.failed) == (SENT["batcher"], 0)

    # Bounded polling: the counts must be exact by the deadline.
    deadline = _io.monotonic() + live.queryable_within
    counts = await _counts(client, ds)
    while counts != _expected() and _io.monotonic() < deadline:
        await _io.async_sleep(live.poll_every)
        counts = await _counts(client, ds)
    assert counts == _expected()

    dataset = await client.datasets.get(ds)
    dataset.settings = DatasetSettings(delete_protected=False)
    await client.datasets.update(ds, dataset)
    await client.datasets.delete(ds)
