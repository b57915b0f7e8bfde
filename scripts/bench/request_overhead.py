"""Per-request cost of ``client.datasets.list()`` against raw httpx, sync and async.

Both sides talk to the same loopback server (another process) returning 50 datasets;
raw httpx does GET + ``.json()``, the SDK does GET + retry wrapper + error mapping +
validation into 50 pydantic models. Many short rounds alternate between the two, and the
median of the per-round ratios is printed, so that drift in machine speed (this machine
is shared) falls on both sides of each ratio.

The tracing line runs the same SDK call with ``opentelemetry-api`` imported but no tracer
provider configured, against the same pipeline with the tracing hook cut out: the cost an
application pays for the hook when it does not trace (the budget is 2%). The cache line
compares an uncached client with one made with ``cache_ttl`` (every call a hit after the
warm-up): the cost of a cached answer is parsing the body into models again.

    python scripts/bench/request_overhead.py [--requests 300] [--rounds 31]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import statistics
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from honeycomb import AsyncClient, Client
from scripts.bench._server import canned_server

KEY = "hcxlk_benchmarkbenchmarkbenchmark"
DATASETS = [
    {
        "name": f"dataset {i}",
        "slug": f"dataset-{i}",
        "description": "a benchmark dataset",
        "settings": {"delete_protected": True},
        "expand_json_depth": 0,
        "regular_columns_count": 100 + i,
        "last_written_at": "2026-11-01T12:00:00Z",
        "created_at": "2026-01-01T00:00:00Z",
    }
    for i in range(50)
]


Timing = tuple[float, float, float]
"""Median raw seconds per request, median SDK seconds per request, median per-round ratio."""


def summarise(raw_times: list[float], sdk_times: list[float]) -> Timing:
    ratios = [sdk / raw for raw, sdk in zip(raw_times, sdk_times, strict=True)]
    return statistics.median(raw_times), statistics.median(sdk_times), statistics.median(ratios)


def time_sync(base: str, n: int, rounds: int) -> Timing:
    raw_times, sdk_times = [], []
    headers = {"X-Honeycomb-Team": KEY}
    with httpx.Client(base_url=base) as raw, Client(api_key=KEY, base_url=base) as sdk:
        for _ in range(50):  # warm up both connection pools and caches
            raw.get("/1/datasets", headers=headers).json()
            sdk.datasets.list()
        for _ in range(rounds):
            start = time.perf_counter()
            for _ in range(n):
                raw.get("/1/datasets", headers=headers).json()
            raw_times.append((time.perf_counter() - start) / n)
            start = time.perf_counter()
            for _ in range(n):
                sdk.datasets.list()
            sdk_times.append((time.perf_counter() - start) / n)
    return summarise(raw_times, sdk_times)


async def time_async(base: str, n: int, rounds: int) -> Timing:
    raw_times, sdk_times = [], []
    headers = {"X-Honeycomb-Team": KEY}
    async with (
        httpx.AsyncClient(base_url=base) as raw,
        AsyncClient(api_key=KEY, base_url=base) as sdk,
    ):
        for _ in range(50):
            (await raw.get("/1/datasets", headers=headers)).json()
            await sdk.datasets.list()
        for _ in range(rounds):
            start = time.perf_counter()
            for _ in range(n):
                (await raw.get("/1/datasets", headers=headers)).json()
            raw_times.append((time.perf_counter() - start) / n)
            start = time.perf_counter()
            for _ in range(n):
                await sdk.datasets.list()
            sdk_times.append((time.perf_counter() - start) / n)
    return summarise(raw_times, sdk_times)


def time_tracing_hook(base: str, n: int, rounds: int) -> tuple[float, float, float, float]:
    """Sync ``datasets.list()`` without the tracing hook, then with it (no provider set);
    last, the seconds one call of the hook takes."""
    import opentelemetry.trace  # noqa: F401  # installed and imported, but not configured

    from honeycomb import _tracing

    hooked = _tracing.start

    def unhooked(request: httpx.Request, base_path: str) -> None:
        return None

    without, with_hook = [], []
    with Client(api_key=KEY, base_url=base) as sdk:
        for _ in range(50):
            sdk.datasets.list()
        try:
            for _ in range(rounds):
                _tracing.start = unhooked
                start = time.perf_counter()
                for _ in range(n):
                    sdk.datasets.list()
                without.append((time.perf_counter() - start) / n)
                _tracing.start = hooked
                start = time.perf_counter()
                for _ in range(n):
                    sdk.datasets.list()
                with_hook.append((time.perf_counter() - start) / n)
        finally:
            _tracing.start = hooked
        # The hook alone, timed over many calls: steadier than the difference of two
        # loopback timings on a shared machine.
        request = sdk._requester.build("GET", "/1/datasets")
        calls = 200_000
        start = time.perf_counter()
        for _ in range(calls):
            hooked(request, "")
        per_call = (time.perf_counter() - start) / calls
    return (*summarise(without, with_hook), per_call)


def time_cached(base: str, n: int, rounds: int) -> Timing:
    """Sync ``datasets.list()`` without a cache, then with ``cache_ttl`` (every call a hit)."""
    uncached_times, cached_times = [], []
    with (
        Client(api_key=KEY, base_url=base) as uncached,
        Client(api_key=KEY, base_url=base, cache_ttl=3600) as cached,
    ):
        for _ in range(50):
            uncached.datasets.list()
            cached.datasets.list()
        for _ in range(rounds):
            start = time.perf_counter()
            for _ in range(n):
                uncached.datasets.list()
            uncached_times.append((time.perf_counter() - start) / n)
            start = time.perf_counter()
            for _ in range(n):
                cached.datasets.list()
            cached_times.append((time.perf_counter() - start) / n)
    return summarise(uncached_times, cached_times)


def report(flavour: str, timing: Timing) -> None:
    """Print one result line."""
    raw, sdk, ratio = timing
    print(
        f"{flavour} datasets.list(): raw httpx {raw * 1e6:7.1f} us, "
        f"sdk {sdk * 1e6:7.1f} us, ratio {ratio:.2f}x"
    )


def main() -> None:
    """Run the benchmark and print one line per flavour."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=31)
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, python {platform.python_version()}")
    with canned_server(json.dumps(DATASETS).encode()) as base:
        report("sync ", time_sync(base, args.requests, args.rounds))
        report("async", asyncio.run(time_async(base, args.requests, args.rounds)))
        plain, traced, ratio, hook = time_tracing_hook(base, args.requests, args.rounds)
        print(
            f"tracing hook, opentelemetry-api imported, no provider: without {plain * 1e6:7.1f} us,"
            f" with {traced * 1e6:7.1f} us, ratio {ratio:.3f}x; the hook alone "
            f"{hook * 1e6:.2f} us = {hook / plain:.3%} of a request"
        )
        uncached, cached, ratio = time_cached(base, args.requests, args.rounds)
        print(
            f"sync  datasets.list() uncached {uncached * 1e6:7.1f} us, cached (cache_ttl) "
            f"{cached * 1e6:7.1f} us, ratio {ratio:.3f}x ({1 / ratio:.1f}x faster)"
        )


if __name__ == "__main__":
    main()
