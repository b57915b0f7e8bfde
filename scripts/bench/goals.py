"""The performance goals of issue 10, each measured side by side against its floor in one
run, one line per goal ending in PASS or FAIL.

- ``datasets.list()`` (50 datasets) against raw httpx GET + ``.json()``: at most 1.05x;
- ``columns.list()`` (1,000 columns) against raw httpx GET + ``.json()``: at most 1.3x;
- the sync batcher streaming 1,000,000 events: peak RSS growth at most 2x libhoney-py's
  (each measured in a fresh process, without tracemalloc);
- ``send_batch`` with one 100,000-event list: at least 0.95x the speed of the same events
  in 1,000-event calls;
- ``Client()`` in a fresh process: at most 10 ms before the first request;
- the served ``FakeHoneycomb`` (real HTTP on loopback): at most 1 ms per request;
- zstd output: no worst-case buffer kept (retained bytes at most 2x the output);
- responses: none left in a reference cycle (0 objects for the collector after 100 calls).

Ratios are medians of per-round ratios, rounds alternating the two sides, so that the
drift of a shared machine falls on both.

    python scripts/bench/goals.py [--rounds 11] [--memory-events 1000000]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import multiprocessing
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from honeycomb import AsyncClient, Client
from honeycomb.testing import FakeHoneycomb
from scripts.bench._server import canned_server
from scripts.bench.events import DATASET, KEY, counting_server, event, machine
from scripts.bench.request_overhead import DATASETS

COLUMNS = [
    {
        "id": f"c{i:05d}",
        "key_name": f"field.number_{i}",
        "type": ("string", "integer", "float", "boolean")[i % 4],
        "description": "a benchmark column",
        "hidden": False,
        "last_written": "2026-11-01T12:00:00Z",
        "created_at": "2026-01-01T00:00:00Z",
        "updated_at": "2026-01-02T00:00:00Z",
    }
    for i in range(1000)
]

results: list[bool] = []


def goal(name: str, measured: str, ok: bool) -> None:
    """Print one goal's line."""
    results.append(ok)
    print(f"{'PASS' if ok else 'FAIL'}  {name}: {measured}")


def alternate(raw: Callable[[], object], sdk: Callable[[], object], n: int, rounds: int) -> float:
    """Median over rounds of (sdk seconds / raw seconds) for ``n`` calls of each."""
    for _ in range(max(n // 5, 10)):  # warm up pools and caches
        raw()
        sdk()
    ratios = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(n):
            raw()
        middle = time.perf_counter()
        for _ in range(n):
            sdk()
        ratios.append((time.perf_counter() - middle) / (middle - start))
    return statistics.median(ratios)


def listing_ratios(
    path: str, body: list[Any], call: str, rounds: int, n: int
) -> tuple[float, float]:
    """(sync, async) ratios of an SDK listing against raw httpx on the same canned body."""
    headers = {"X-Honeycomb-Team": KEY}
    with canned_server(json.dumps(body).encode()) as base:
        with httpx.Client(base_url=base) as raw, Client(api_key=KEY, base_url=base) as sdk:
            method = getattr(sdk, call).list
            args = ("web",) if call == "columns" else ()
            sync = alternate(
                lambda: raw.get(path, headers=headers).json(), lambda: method(*args), n, rounds
            )

        async def run() -> float:
            async with (
                httpx.AsyncClient(base_url=base) as raw,
                AsyncClient(api_key=KEY, base_url=base) as sdk,
            ):
                method = getattr(sdk, call).list
                for _ in range(10):
                    (await raw.get(path, headers=headers)).json()
                    await method(*args)
                ratios = []
                for _ in range(rounds):
                    start = time.perf_counter()
                    for _ in range(n):
                        (await raw.get(path, headers=headers)).json()
                    middle = time.perf_counter()
                    for _ in range(n):
                        await method(*args)
                    ratios.append((time.perf_counter() - middle) / (middle - start))
                return statistics.median(ratios)

        return sync, asyncio.run(run())


# -- memory while streaming, in fresh processes ------------------------------------------


def _rss() -> int:
    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, else KiB
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale


def _stream_ours(url: str, n: int, out: Any) -> None:
    client = Client(api_key=KEY, base_url=url)
    client.events.send_batch(DATASET, [{"data": event(0)}])  # connections, imports
    before = _rss()
    with client.events.batcher(DATASET) as batcher:
        for i in range(n):
            batcher.add(event(i))
    out.put((_rss() - before, batcher.sent))


def _stream_libhoney(url: str, n: int, out: Any) -> None:
    import libhoney

    client = libhoney.Client(writekey=KEY, dataset=DATASET, api_host=url, block_on_send=True)
    client.send_now(event(0))
    client.flush()
    before = _rss()
    for i in range(n):
        client.send_now(event(i))
    client.close()
    out.put((_rss() - before, n))


def fresh_process_rss(target: Callable[[str, int, Any], None], url: str, n: int) -> int:
    context = multiprocessing.get_context("spawn")
    out = context.Queue()
    process = context.Process(target=target, args=(url, n, out))
    process.start()
    growth, _ = out.get(timeout=1800)
    process.join()
    return int(growth)


# -- send_batch: one big list against chunks ---------------------------------------------


def send_batch_ratio(url: str, total: int, rounds: int) -> float:
    events = [{"data": event(i)} for i in range(total)]
    with Client(api_key=KEY, base_url=url) as client:
        client.events.send_batch(DATASET, events[:1000])

        def whole() -> None:
            client.events.send_batch(DATASET, events)

        def chunked() -> None:
            for start in range(0, total, 1000):
                client.events.send_batch(DATASET, events[start : start + 1000])

        ratios = []
        for _ in range(rounds):
            started = time.perf_counter()
            chunked()
            middle = time.perf_counter()
            whole()
            ratios.append((middle - started) / (time.perf_counter() - middle))  # speed ratio
        return statistics.median(ratios)


# -- construction, the served fake, buffers and cycles -----------------------------------

CONSTRUCT = """
import time
from honeycomb import Client
start = time.perf_counter()
client = Client(api_key="hcxlk_abcdefghijklmnopqrstuvwxyz", base_url={url!r})
print(time.perf_counter() - start)
"""


def construction_ms(url: str, runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", CONSTRUCT.format(url=url)],
            capture_output=True,
            text=True,
            check=True,
        )
        times.append(float(out.stdout) * 1000)
    return statistics.median(times)


def served_fake_ms(n: int, rounds: int) -> tuple[float, float]:
    """(ms per served request through the SDK, ms per in-process request)."""
    fake = FakeHoneycomb()
    fake.client().datasets.create({"name": "web"})
    in_process = fake.client()
    with fake.serve() as url, Client(api_key=fake.api_key, base_url=url) as client:
        client.datasets.list()
        served, local = [], []
        for _ in range(rounds):
            start = time.perf_counter()
            for _ in range(n):
                client.datasets.list()
            middle = time.perf_counter()
            for _ in range(n):
                in_process.datasets.list()
            served.append((middle - start) / n * 1000)
            local.append((time.perf_counter() - middle) / n * 1000)
    return statistics.median(served), statistics.median(local)


def zstd_retained() -> tuple[float, int]:
    """(bytes kept per compressed 7.8 KB body, the compressed length)."""
    from honeycomb._events import compress, element, join

    body = join([element(event(i)) for i in range(60)])[:7800]
    outputs = [compress(body, "zstd") for _ in range(5)]  # warm up
    tracemalloc.start()
    before, _ = tracemalloc.get_traced_memory()
    outputs = [compress(body, "zstd") for _ in range(50)]
    after, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return (after - before) / len(outputs), len(outputs[0])


def cyclic_garbage(n: int = 100) -> int:
    """Objects the collector frees after ``n`` datasets.list() calls over real HTTP."""
    fake = FakeHoneycomb()
    with fake.serve() as url, Client(api_key=fake.api_key, base_url=url) as client:
        client.datasets.list()
        gc.collect()
        gc.disable()
        try:
            for _ in range(n):
                client.datasets.list()
            return gc.collect()
        finally:
            gc.enable()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--rounds", type=int, default=11)
    parser.add_argument("--memory-events", type=int, default=1_000_000)
    args = parser.parse_args(argv)
    rounds = args.rounds
    print(f"machine: {machine()}")

    sync, async_ = listing_ratios("/1/datasets", DATASETS, "datasets", rounds, 200)
    goal(
        "datasets.list(), 50 datasets, / raw httpx",
        f"sync {sync:.3f}x, async {async_:.3f}x (floor <= 1.05x)",
        max(sync, async_) <= 1.05,
    )
    sync, async_ = listing_ratios("/1/columns/web", COLUMNS, "columns", rounds, 20)
    goal(
        "columns.list(), 1,000 columns, / raw httpx .json()",
        f"sync {sync:.3f}x, async {async_:.3f}x (floor <= 1.3x)",
        max(sync, async_) <= 1.3,
    )

    with counting_server() as server:
        ratio = send_batch_ratio(server.url, 100_000, max(3, rounds // 3))
        goal(
            "send_batch, one 100,000-event list / 1,000-event calls (speed)",
            f"{ratio:.3f}x (floor >= 0.95x)",
            ratio >= 0.95,
        )
        n = args.memory_events
        ours = fresh_process_rss(_stream_ours, server.url, n)
        try:
            import libhoney  # noqa: F401

            theirs = fresh_process_rss(_stream_libhoney, server.url, n)
        except ImportError:
            theirs = 0
        if theirs:
            goal(
                f"sync batcher streaming {n:,} events, peak RSS growth / libhoney-py",
                f"ours {ours / 2**20:.1f} MiB, libhoney {theirs / 2**20:.1f} MiB, "
                f"{ours / theirs:.2f}x (floor <= 2x)",
                ours <= 2 * theirs,
            )
        else:
            goal("sync batcher peak RSS against libhoney-py", "libhoney not installed", False)

    http_ms, https_ms = (
        construction_ms(u) for u in ("http://127.0.0.1:1", "https://api.honeycomb.io")
    )
    goal(
        "Client() in a fresh process, before the first request",
        f"http:// {http_ms:.2f} ms, https:// {https_ms:.2f} ms (floor <= 10 ms)",
        max(http_ms, https_ms) <= 10,
    )
    served, local = served_fake_ms(200, max(3, rounds // 2))
    goal(
        "served FakeHoneycomb, datasets.list() per request",
        f"{served:.3f} ms over loopback HTTP ({local:.3f} ms of it the fake and the SDK, "
        "in process) (floor <= 1 ms)",
        served <= 1.0,
    )
    kept, size = zstd_retained()
    goal(
        "zstd output buffer, 7.8 KB body",
        f"{kept:,.0f} bytes kept for a {size:,}-byte output (floor <= 2x the output)",
        kept <= 2 * size + 200,
    )
    garbage = cyclic_garbage()
    goal(
        "responses in reference cycles",
        f"{garbage} objects for the collector after 100 requests (floor 0)",
        garbage == 0,
    )
    print(f"{sum(results)} of {len(results)} goals met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
