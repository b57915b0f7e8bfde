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

Made to be read on a shared machine: each timed goal runs many short rounds, each round
timing both sides back to back in alternating order (so that drift falls on both), and
prints the median of the per-round ratios next to the ratio of the two sides' fastest
rounds (noise only ever adds time, so the minimums are the least disturbed estimate); the
verdict is the median's. Memory runs each side in a fresh process, alternating, several
times, and compares the medians. Every line ends with the load average while it ran.

    python scripts/bench/goals.py [--rounds 15] [--memory-events 1000000] [--memory-runs 3]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import json
import multiprocessing
import os
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from honeycomb import AsyncClient, Client
from honeycomb._async._requester import adapter_for
from honeycomb._gc import LARGE_BODY, paused_gc
from honeycomb.models.columns import Column
from honeycomb.models.datasets import Dataset
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


def load() -> str:
    """The 1-minute load average, for the line being printed."""
    try:
        return f"{os.getloadavg()[0]:.2f}"
    except OSError:
        return "?"


def goal(name: str, measured: str, ok: bool, started_load: str) -> None:
    """Print one goal's line, with the load average when it started and ended."""
    results.append(ok)
    print(f"{'PASS' if ok else 'FAIL'}  {name}: {measured} [load {started_load}-{load()}]")


class Sides:
    """Per-call seconds of two sides over interleaved rounds."""

    def __init__(self) -> None:
        self.raw: list[float] = []
        self.sdk: list[float] = []

    def add(self, raw: float, sdk: float) -> None:
        self.raw.append(raw)
        self.sdk.append(sdk)

    @property
    def median_ratio(self) -> float:
        return statistics.median(s / r for r, s in zip(self.raw, self.sdk, strict=True))

    @property
    def min_ratio(self) -> float:
        return min(self.sdk) / min(self.raw)

    def __str__(self) -> str:
        return (
            f"{self.median_ratio:.3f}x median of {len(self.raw)} rounds, "
            f"{self.min_ratio:.3f}x of the fastest rounds "
            f"(raw / SDK {statistics.median(self.raw) * 1e6:,.0f} / "
            f"{statistics.median(self.sdk) * 1e6:,.0f} us median, "
            f"{min(self.raw) * 1e6:,.0f} / {min(self.sdk) * 1e6:,.0f} us min)"
        )


def alternate(raw: Callable[[], object], sdk: Callable[[], object], n: int, rounds: int) -> Sides:
    """``n`` calls of each side per round, the side that goes first alternating."""
    for _ in range(max(n // 5, 10)):  # warm up pools and caches
        raw()
        sdk()
    sides = Sides()
    for i in range(rounds):
        times = {}
        for name, call in (
            (("raw", raw), ("sdk", sdk)) if i % 2 == 0 else (("sdk", sdk), ("raw", raw))
        ):
            start = time.perf_counter()
            for _ in range(n):
                call()
            times[name] = (time.perf_counter() - start) / n
        sides.add(times["raw"], times["sdk"])
    return sides


async def alternate_async(
    raw: Callable[[], Any], sdk: Callable[[], Any], n: int, rounds: int
) -> Sides:
    """``alternate`` for coroutine functions."""
    for _ in range(max(n // 5, 10)):
        await raw()
        await sdk()
    sides = Sides()
    for i in range(rounds):
        times = {}
        for name, call in (
            (("raw", raw), ("sdk", sdk)) if i % 2 == 0 else (("sdk", sdk), ("raw", raw))
        ):
            start = time.perf_counter()
            for _ in range(n):
                await call()
            times[name] = (time.perf_counter() - start) / n
        sides.add(times["raw"], times["sdk"])
    return sides


def listing_ratios(
    path: str, body: list[Any], call: str, rounds: int, n: int
) -> tuple[Sides, Sides]:
    """(sync, async) timings of an SDK listing against raw httpx on the same canned body."""
    headers = {"X-Honeycomb-Team": KEY}
    with canned_server(json.dumps(body).encode()) as base:
        with httpx.Client(base_url=base) as raw, Client(api_key=KEY, base_url=base) as sdk:
            method = getattr(sdk, call).list
            args = ("web",) if call == "columns" else ()
            sync = alternate(
                lambda: raw.get(path, headers=headers).json(), lambda: method(*args), n, rounds
            )

        async def run() -> Sides:
            async with (
                httpx.AsyncClient(base_url=base) as raw,
                AsyncClient(api_key=KEY, base_url=base) as sdk,
            ):
                method = getattr(sdk, call).list

                async def raw_call() -> Any:
                    return (await raw.get(path, headers=headers)).json()

                return await alternate_async(raw_call, lambda: method(*args), n, rounds)

        return sync, asyncio.run(run())


# -- memory while streaming, in fresh processes ------------------------------------------


def _status_kib(field: str) -> int | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def _start_peak() -> int:
    """Reset the peak RSS to the current RSS where Linux allows it; return the baseline.

    ``ru_maxrss`` cannot be reset: when set-up (imports, the first connection) had peaked
    higher than streaming ever does, its growth read 0 (libhoney's side did, which the
    previous version of this script reported as "not installed").
    """
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")
        hwm = _status_kib("VmHWM")  # now the RSS at the reset; it only grows from here
        if hwm is not None:
            return hwm * 1024
    return _maxrss()


def _maxrss() -> int:
    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, else KiB
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale


def _peak() -> int:
    hwm = _status_kib("VmHWM")
    return _maxrss() if hwm is None else hwm * 1024


def _stream_ours(url: str, n: int, out: Any) -> None:
    client = Client(api_key=KEY, base_url=url)
    client.events.send_batch(DATASET, [{"data": event(0)}])  # connections, imports
    before = _start_peak()
    with client.events.batcher(DATASET) as batcher:
        for i in range(n):
            batcher.add(event(i))
    out.put((_peak() - before, batcher.sent))


def _stream_libhoney(url: str, n: int, out: Any) -> None:
    import libhoney

    client = libhoney.Client(writekey=KEY, dataset=DATASET, api_host=url, block_on_send=True)
    client.send_now(event(0))
    client.flush()
    before = _start_peak()
    for i in range(n):
        client.send_now(event(i))
    client.close()
    out.put((_peak() - before, n))


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
import types
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


def served_fake_ms(n: int, rounds: int) -> tuple[list[float], list[float]]:
    """(ms per served request through the SDK, ms per in-process request), per round."""
    fake = FakeHoneycomb()
    fake.client().datasets.create({"name": "web"})
    in_process = fake.client()
    with fake.serve() as url, Client(api_key=fake.api_key, base_url=url) as client:
        for _ in range(20):
            client.datasets.list()
            in_process.datasets.list()
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
    return served, local


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


def memory_goal(url: str, n: int, runs: int) -> None:
    """Peak RSS growth streaming ``n`` events, ours and libhoney's, alternating."""
    started = load()
    if not _importable("libhoney"):
        goal("sync batcher peak RSS against libhoney-py", "libhoney not installed", False, started)
        return
    ours: list[int] = []
    theirs: list[int] = []
    for _ in range(runs):
        ours.append(fresh_process_rss(_stream_ours, url, n))
        theirs.append(fresh_process_rss(_stream_libhoney, url, n))
    mine, its = statistics.median(ours), statistics.median(theirs)
    mib = 2**20
    goal(
        f"sync batcher streaming {n:,} events, peak RSS growth / libhoney-py",
        f"ours {mine / mib:.1f} MiB (min {min(ours) / mib:.1f}), libhoney "
        f"{its / mib:.1f} MiB (min {min(theirs) / mib:.1f}), medians of "
        f"{len(ours)} fresh processes each: {mine / its:.2f}x (floor <= 2x)",
        mine <= 2 * its,
        started,
    )


GOALS = ("datasets", "columns", "send_batch", "memory", "client", "fake", "zstd", "cycles")


def _importable(name: str) -> bool:
    try:
        __import__(name)
    except ImportError:
        return False
    return True


def validation_floor(body: list[Any], model: type[Any], rounds: int, n: int) -> Sides:
    """``json.loads`` (the raw side) against the SDK's own validation of the same bytes
    into ``list[model]`` (collector paused for a large body, as the pipeline does), in
    process: what validating typed models costs over plain dicts, without any HTTP."""
    data = json.dumps(body).encode()
    adapter = adapter_for(types.GenericAlias(list, (model,)))

    def validate() -> object:
        if len(data) < LARGE_BODY:
            return adapter.validate_json(data)
        with paused_gc(keep=True):
            return adapter.validate_json(data)

    return alternate(lambda: json.loads(data), validate, n, rounds)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--memory-events", type=int, default=1_000_000)
    parser.add_argument("--memory-runs", type=int, default=3)
    parser.add_argument(
        "--only",
        default=",".join(GOALS),
        help=f"a comma-separated subset of {', '.join(GOALS)}",
    )
    args = parser.parse_args(argv)
    chosen = set(args.only.split(","))
    if not chosen <= set(GOALS):
        parser.error(f"--only takes {', '.join(GOALS)}")
    rounds = args.rounds
    print(f"machine: {machine()}, {os.cpu_count()} CPUs, load {load()}")

    for name, path, body, model, call, n, floor in (
        (
            "datasets.list(), 50 datasets, / raw httpx",
            "/1/datasets",
            DATASETS,
            Dataset,
            "datasets",
            100,
            1.05,
        ),
        (
            "columns.list(), 1,000 columns, / raw httpx .json()",
            "/1/columns/web",
            COLUMNS,
            Column,
            "columns",
            10,
            1.3,
        ),
    ):
        if call not in chosen:
            continue
        started = load()
        sync, async_ = listing_ratios(path, body, call, rounds * 2, n)
        goal(
            name,
            f"sync {sync}; async {async_} (floor <= {floor}x)",
            max(sync.median_ratio, async_.median_ratio) <= floor,
            started,
        )
        models = validation_floor(body, model, rounds * 2, n)
        extra = statistics.median(models.sdk) - statistics.median(models.raw)
        raw_trip = statistics.median(sync.raw)
        print(
            f"      floor: validating into {len(body):,} {model.__name__} models costs "
            f"{extra * 1e6:,.0f} us more than json.loads of the same body, in process "
            f"({models}); on raw httpx's {raw_trip * 1e6:,.0f} us round trip that alone "
            f"is {(raw_trip + extra) / raw_trip:.3f}x"
        )

    with counting_server() as server:
        if "send_batch" in chosen:
            started = load()
            ratio = send_batch_ratio(server.url, 100_000, max(3, rounds // 3))
            goal(
                "send_batch, one 100,000-event list / 1,000-event calls (speed)",
                f"{ratio:.3f}x (floor >= 0.95x)",
                ratio >= 0.95,
                started,
            )
        if "memory" in chosen:
            memory_goal(server.url, args.memory_events, args.memory_runs)

    if "client" in chosen:
        started = load()
        http_ms, https_ms = (
            construction_ms(u) for u in ("http://127.0.0.1:1", "https://api.honeycomb.io")
        )
        goal(
            "Client() in a fresh process, before the first request",
            f"http:// {http_ms:.2f} ms, https:// {https_ms:.2f} ms (floor <= 10 ms)",
            max(http_ms, https_ms) <= 10,
            started,
        )
    if "fake" in chosen:
        started = load()
        served, local = served_fake_ms(200, max(5, rounds))
        goal(
            "served FakeHoneycomb, datasets.list() per request",
            f"{statistics.median(served):.3f} ms median, {min(served):.3f} ms fastest round, over "
            f"loopback HTTP ({statistics.median(local):.3f} ms of it the fake and the SDK, in "
            "process) (floor <= 1 ms)",
            statistics.median(served) <= 1.0,
            started,
        )
    if "zstd" in chosen:
        started = load()
        kept, size = zstd_retained()
        goal(
            "zstd output buffer, 7.8 KB body",
            f"{kept:,.0f} bytes kept for a {size:,}-byte output (floor <= 2x the output)",
            kept <= 2 * size + 200,
            started,
        )
    if "cycles" in chosen:
        started = load()
        garbage = cyclic_garbage()
        goal(
            "responses in reference cycles",
            f"{garbage} objects for the collector after 100 requests (floor 0)",
            garbage == 0,
            started,
        )
    print(f"{sum(results)} of {len(results)} goals met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
