"""Event throughput: our batcher (sync and async) against libhoney-py and raw httpx.

Every sender posts the same small events (5 fields) to a loopback server in another
process. The server speaks just enough HTTP/1.1 (keep-alive, Content-Length, gzip/zstd
bodies), counts the events of each batch in shared memory (by their ``"data"`` keys, not a
full JSON parse, so that it stays far faster than any client; ``--server-parses`` makes it
parse each body, as the real API must), and answers one ``{"status":202}`` per event.

- raw floor: one ``httpx.Client`` posting pre-encoded JSON bodies of 1,000 events, one
  after another: no encoding, no batching, no compression, no result handling.
- ours: ``client.events.batcher(...)`` with its defaults; the clock stops when
  ``close()`` returns, i.e. when every event has been acknowledged.
- libhoney-py: ``block_on_send=True`` (its default drops events once 1,000 are queued);
  "steady" stops when the server has counted every event, "with close" when ``close()``
  returns.
- memory: a fresh process streams 10x ``--events`` events (1,000,000 by default) through
  the sync batcher; reported as tracemalloc's peak and as the growth of peak RSS.

    python scripts/bench/events.py [--events 100000] [--rounds 3] [--skip-libhoney]
                                   [--memory-events N] [--server-parses]
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import multiprocessing
import os
import platform
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from multiprocessing.sharedctypes import Synchronized
from pathlib import Path
from typing import Any

import httpx

# This folder holds requests.py (another benchmark), which would shadow the requests
# library that libhoney imports: take the folder off the path, put the repository on it.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
sys.path.insert(0, str(_HERE.parents[1]))

from honeycomb import AsyncClient, Client  # noqa: E402
from honeycomb._events import dumps  # noqa: E402
from scripts.bench._server import free_port  # noqa: E402

KEY = "hcxik_" + "0" * 58
DATASET = "bench"


def event(i: int) -> dict[str, Any]:
    """A small event: five fields."""
    return {
        "service": "checkout",
        "route": "/api/v1/cart",
        "status": 200,
        "duration_ms": 12.5 + (i % 100),
        "request_id": i,
    }


# -- the loopback server (its own process) -----------------------------------------------


def _serve(port: int, ready: Any, counter: Synchronized[int], parse: bool) -> None:
    try:
        import orjson

        loads: Callable[[bytes], Any] = orjson.loads
    except ImportError:
        import json

        loads = json.loads
    try:
        import zstandard

        unzstd: Callable[[bytes], bytes] | None = zstandard.ZstdDecompressor().decompress
    except ImportError:
        unzstd = None
    replies: dict[int, bytes] = {}

    def reply(n: int) -> bytes:
        cached = replies.get(n)
        if cached is None:
            body = b"[" + b",".join([b'{"status":202}'] * n) + b"]"
            cached = replies[n] = (
                b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                + str(len(body)).encode()
                + b"\r\n\r\n"
                + body
            )
        return cached

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length, encoding = 0, b""
                for line in head.split(b"\r\n")[1:]:
                    name, _, value = line.partition(b":")
                    name = name.strip().lower()
                    if name == b"content-length":
                        length = int(value)
                    elif name == b"content-encoding":
                        encoding = value.strip().lower()
                body = await reader.readexactly(length) if length else b""
                if encoding == b"zstd" and unzstd is not None:
                    body = unzstd(body)
                elif encoding == b"gzip":
                    body = gzip.decompress(body)
                # One "data" key per event (these events have no field of that name):
                # counting bytes keeps the server far faster than any client under test.
                n = len(loads(body)) if parse else body.count(b'"data"')
                counter.value += n  # only this process writes
                writer.write(reply(n))
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    async def main() -> None:
        server = await asyncio.start_server(handle, "127.0.0.1", port, backlog=256)
        ready.set()
        async with server:
            await server.serve_forever()

    asyncio.run(main())


class Server:
    """The counting server, in another process."""

    def __init__(self, url: str, counter: Synchronized[int]) -> None:
        self.url = url
        self._counter = counter

    @property
    def received(self) -> int:
        return int(self._counter.value)

    def wait_for(self, total: int, timeout: float = 120.0) -> float:
        """Wait until ``total`` events have arrived; return when (perf_counter)."""
        deadline = time.perf_counter() + timeout
        while self.received < total:
            if time.perf_counter() > deadline:
                raise RuntimeError(f"the server received {self.received} of {total} events")
            time.sleep(0.0005)
        return time.perf_counter()


@contextmanager
def counting_server(parse: bool = False) -> Iterator[Server]:
    port = free_port()
    ready = multiprocessing.Event()
    counter: Synchronized[int] = multiprocessing.Value("q", 0, lock=False)
    process = multiprocessing.Process(
        target=_serve, args=(port, ready, counter, parse), daemon=True
    )
    process.start()
    try:
        if not ready.wait(10):
            raise RuntimeError("benchmark server did not start")
        yield Server(f"http://127.0.0.1:{port}", counter)
    finally:
        process.terminate()
        process.join(5)


# -- the senders: each returns events per second -----------------------------------------


def raw_floor(server: Server, n: int) -> float:
    bodies = [
        b"["
        + b",".join(b'{"data":' + dumps(event(i)) + b"}" for i in range(s, min(s + 1000, n)))
        + b"]"
        for s in range(0, n, 1000)
    ]
    headers = {"X-Honeycomb-Team": KEY, "Content-Type": "application/json"}
    with httpx.Client(base_url=server.url) as http:
        http.post(f"/1/batch/{DATASET}", content=bodies[0], headers=headers)  # warm up
        start = time.perf_counter()
        for body in bodies:
            http.post(f"/1/batch/{DATASET}", content=body, headers=headers).raise_for_status()
        return n / (time.perf_counter() - start)


def ours_sync(server: Server, n: int) -> float:
    with Client(api_key=KEY, base_url=server.url) as client:
        client.events.send_batch(DATASET, [{"data": event(0)}])  # warm up the pool
        start = time.perf_counter()
        with client.events.batcher(DATASET) as batcher:
            for i in range(n):
                batcher.add(event(i))
        elapsed = time.perf_counter() - start
        assert (batcher.sent, batcher.failed) == (n, 0), (batcher.sent, batcher.failed)
    return n / elapsed


def ours_async(server: Server, n: int) -> float:
    async def run() -> float:
        async with AsyncClient(api_key=KEY, base_url=server.url) as client:
            await client.events.send_batch(DATASET, [{"data": event(0)}])
            start = time.perf_counter()
            async with client.events.batcher(DATASET) as batcher:
                for i in range(n):
                    await batcher.add(event(i))
            elapsed = time.perf_counter() - start
            assert (batcher.sent, batcher.failed) == (n, 0), (batcher.sent, batcher.failed)
        return n / elapsed

    return asyncio.run(run())


def libhoney_rates(server: Server, n: int) -> tuple[float, float]:
    import libhoney

    client = libhoney.Client(writekey=KEY, dataset=DATASET, api_host=server.url, block_on_send=True)
    before = server.received
    start = time.perf_counter()
    for i in range(n):
        client.send_now(event(i))
    steady = server.wait_for(before + n) - start
    client.close()
    with_close = time.perf_counter() - start
    return n / steady, n / with_close


# -- memory ------------------------------------------------------------------------------


def _stream(url: str, n: int, result: Any) -> None:
    client = Client(api_key=KEY, base_url=url)
    client.events.send_batch(DATASET, [{"data": event(0)}])
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    with client.events.batcher(DATASET) as batcher:
        for i in range(n):
            batcher.add(event(i))
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before
    client.close()
    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, else KiB
    result.put((traced_peak, rss_growth * scale, batcher.sent))


def peak_memory(server: Server, n: int) -> tuple[int, int, int]:
    """Stream ``n`` events in a fresh process: (tracemalloc peak, RSS growth, events sent)."""
    context = multiprocessing.get_context("spawn")  # a fresh process: its own peak RSS
    result = context.Queue()
    process = context.Process(target=_stream, args=(server.url, n, result))
    process.start()
    traced, rss, sent = result.get(timeout=900)
    process.join()
    return int(traced), int(rss), int(sent)


# -- report ------------------------------------------------------------------------------


def machine() -> str:
    model = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        import orjson  # noqa: F401

        serialiser = "orjson"
    except ImportError:
        serialiser = "pydantic_core"
    try:
        import zstandard  # noqa: F401

        compression = "zstd"
    except ImportError:
        compression = "gzip"
    return (
        f"{os.cpu_count()} CPUs ({model}), Python {platform.python_version()} "
        f"({platform.system()}), httpx {httpx.__version__}; events serialised with "
        f"{serialiser}, batches compressed with {compression}"
    )


def median(runs: list[float]) -> float:
    return statistics.median(runs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--events", type=int, default=100_000, help="events per run")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each sender (median)")
    parser.add_argument(
        "--memory-events", type=int, default=None, help="events streamed (default 10x --events)"
    )
    parser.add_argument("--skip-libhoney", action="store_true", help="do not run libhoney-py")
    parser.add_argument(
        "--server-parses",
        action="store_true",
        help="the server parses each body as JSON, as the real API must (a slower floor)",
    )
    args = parser.parse_args(argv)
    n, rounds = args.events, args.rounds
    memory_events = args.memory_events or 10 * n
    try:
        import libhoney  # noqa: F401

        have_libhoney = not args.skip_libhoney
    except ImportError:
        have_libhoney = False
        print("libhoney is not installed (pip install libhoney): skipping it")

    server_kind = "parses each body" if args.server_parses else "counts events without parsing"
    print(f"{n:,} events of 5 fields per run, median of {rounds} runs; {machine()}")
    print(f"the loopback server {server_kind}")
    rates: dict[str, list[float]] = {"raw": [], "sync": [], "async": []}
    libhoney_steady: list[float] = []
    libhoney_close: list[float] = []
    with counting_server(parse=args.server_parses) as server:
        for _ in range(rounds):  # interleaved, so machine noise falls on every sender
            rates["raw"].append(raw_floor(server, n))
            rates["sync"].append(ours_sync(server, n))
            rates["async"].append(ours_async(server, n))
            if have_libhoney:
                steady, with_close = libhoney_rates(server, n)
                libhoney_steady.append(steady)
                libhoney_close.append(with_close)
        traced, rss, sent = peak_memory(server, memory_events)

    raw, sync, async_ = (median(rates[k]) for k in ("raw", "sync", "async"))
    rows = [
        ("raw httpx floor (pre-encoded 1,000-event bodies)", raw),
        ("ours, sync Client batcher (until close() returns)", sync),
        ("ours, AsyncClient batcher (until aclose() returns)", async_),
    ]
    if have_libhoney:
        rows += [
            ("libhoney-py, steady (until the server has every event)", median(libhoney_steady)),
            ("libhoney-py, including close()", median(libhoney_close)),
        ]
    print()
    print("| sender | events/s |")
    print("|---|---:|")
    for name, rate in rows:
        print(f"| {name} | {rate:,.0f} |")
    print()
    print(f"ours / raw floor: sync {sync / raw:.2f}, async {async_ / raw:.2f} (target >= 0.7)")
    if have_libhoney:
        lh = median(libhoney_steady)
        print(f"ours / libhoney steady: sync {sync / lh:.1f}x, async {async_ / lh:.1f}x (>= 10)")
    print(
        f"memory streaming {sent:,} events through the sync batcher: peak "
        f"{traced / 2**20:.1f} MiB allocated (tracemalloc), RSS grew {rss / 2**20:.1f} MiB "
        "(target < 100 MB)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
