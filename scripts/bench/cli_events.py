"""``honeycomb events send`` throughput: the CLI end to end against the SDK's batcher.

Both send the same NDJSON file of small events to the same served ``FakeHoneycomb`` (a
real HTTP server on 127.0.0.1, which parses and stores every event, as the API must):

- cli: ``python -m honeycomb events send -d bench -f FILE`` in a fresh process, timed
  from start to exit (start-up, streaming read, batching, delivery, summary);
- sdk: in this process, each line parsed with ``json.loads`` and handed to
  ``client.events.batcher("bench")``; the clock stops when ``close()`` returns.

The ratio says what the command costs over the library it wraps.

    python scripts/bench/cli_events.py [--events 100000]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from honeycomb.testing import FakeHoneycomb


def write_events(path: Path, count: int) -> None:
    """NDJSON events of five fields."""
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            event = {
                "service": "api",
                "route": f"/r{i % 7}",
                "status_code": 500 if i % 50 == 0 else 200,
                "duration_ms": i % 997,
                "i": i,
            }
            out.write(json.dumps(event) + "\n")


def run_cli(path: Path, url: str, key: str) -> tuple[float, dict[str, object]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HONEYCOMB")}
    env.update(HONEYCOMB_API_ENDPOINT=url, HONEYCOMB_API_KEY=key)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "honeycomb", "events", "send", "-d", "bench", "-f", str(path)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return time.perf_counter() - started, json.loads(done.stdout)


def run_sdk(path: Path, fake: FakeHoneycomb, url: str) -> float:
    from honeycomb import Client

    started = time.perf_counter()
    with (
        Client(api_key=fake.api_key, base_url=url) as client,
        client.events.batcher("bench") as batcher,
        path.open("rb") as lines,
    ):
        for line in lines:
            batcher.add(json.loads(line))
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    args = parser.parse_args()
    count = args.events
    fake = FakeHoneycomb()
    with fake.client() as client:
        client.datasets.create({"name": "bench"})
    with tempfile.TemporaryDirectory() as folder, fake.serve() as url:
        path = Path(folder) / "events.ndjson"
        write_events(path, count)
        size = path.stat().st_size
        cli_seconds, summary = run_cli(path, url, fake.api_key)
        sdk_seconds = run_sdk(path, fake, url)
        stored = len(fake.events("bench"))
    print(f"{count:,} NDJSON events, {size / 1e6:.1f} MB, to a served FakeHoneycomb")
    print(
        f"cli  events send: {cli_seconds:6.2f} s  {count / cli_seconds:9,.0f} events/s  {summary}"
    )
    print(f"sdk  batcher:     {sdk_seconds:6.2f} s  {count / sdk_seconds:9,.0f} events/s")
    print(
        f"ratio cli/sdk time: {cli_seconds / sdk_seconds:.2f}  (stored {stored:,} of {2 * count:,})"
    )


if __name__ == "__main__":
    main()
