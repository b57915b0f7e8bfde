"""Porting at scale: export and apply an environment of 20 datasets, 500 triggers, 100 SLOs
(each with a burn alert) and 50 boards, against FakeHoneycomb with a fixed injected latency.

For each step it counts the requests the step sent and prints, side by side, the time it
took and the bound it should be close to, ``requests × latency ÷ concurrency``, with their
ratio (1.00 would be the ideal), the CPU time this process spent (the SDK and the
in-memory fake, which answers one request at a time: on a loaded machine it is what
stretches the ratio), and what the step would take one request at a time. A last line
runs the same steps without latency: the Python cost alone. Both clients run it:
``AsyncClient`` (the event loop) and ``Client`` (a thread pool).

    python scripts/bench/porting.py [--latency 0.05] [--concurrency 8]
"""

from __future__ import annotations

import argparse
import asyncio
import time

from honeycomb import Client
from honeycomb.porting import Snapshot
from honeycomb.testing import FakeHoneycomb

DATASETS, TRIGGERS, SLOS, BOARDS = 20, 500, 100, 50


def populate(client: Client) -> None:
    """The environment: per dataset a column, an SLI, 25 triggers and 5 SLOs with a burn
    alert each; 50 boards with a query panel and an SLO panel each."""
    recipient = client.recipients.create(
        {"type": "email", "details": {"email_address": "oncall@example.com"}}
    )
    slos: list[tuple[str, str]] = []
    for d in range(DATASETS):
        ds = f"service-{d:02d}"
        client.datasets.create({"name": ds})
        client.columns.create(ds, {"key_name": "duration_ms", "type": "float"})
        client.calculated_fields.create(ds, {"alias": "ok", "expression": "LT($duration_ms, 300)"})
        for t in range(TRIGGERS // DATASETS):
            client.triggers.create(
                ds,
                {
                    "name": f"latency {t}",
                    "query": {
                        "calculations": [{"op": "P99", "column": "duration_ms"}],
                        "time_range": 900,
                    },
                    "threshold": {"op": ">", "value": 100 + t},
                    "frequency": 300,
                    "recipients": [{"id": recipient.id}],
                },
            )
        for s in range(SLOS // DATASETS):
            slo = client.slos.create(
                ds,
                {
                    "name": f"availability {s}",
                    "sli": {"alias": "ok"},
                    "time_period_days": 30,
                    "target_per_million": 999000,
                },
            )
            client.burn_alerts.create(
                ds,
                {
                    "alert_type": "exhaustion_time",
                    "exhaustion_minutes": 60,
                    "slo": {"id": slo.id},
                    "recipients": [{"id": recipient.id}],
                },
            )
            slos.append((ds, str(slo.id)))
    for b in range(BOARDS):
        ds, slo_id = slos[b % len(slos)]
        query = client.queries.create(ds, {"calculations": [{"op": "COUNT"}], "time_range": 3600})
        annotation = client.query_annotations.create(
            ds, {"name": f"traffic {b}", "query_id": query.id}
        )
        client.boards.create(
            {
                "name": f"board {b}",
                "type": "flexible",
                "panels": [
                    {
                        "type": "query",
                        "query_panel": {
                            "query_id": query.id,
                            "query_annotation_id": annotation.id,
                        },
                    },
                    {"type": "slo", "slo_panel": {"slo_id": slo_id}},
                ],
            }
        )


class Step:
    """Wall time, CPU time (this process: SDK and fake) and requests of one step."""

    def __init__(self, fake: FakeHoneycomb) -> None:
        self.fake = fake

    def __enter__(self) -> Step:
        self.requests = len(self.fake.requests)
        self.wall = time.perf_counter()
        self.cpu = time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self.wall
        self.cpu = time.process_time() - self.cpu
        self.requests = len(self.fake.requests) - self.requests

    def line(self, name: str, latency: float, concurrency: int) -> str:
        bound = self.requests * latency / concurrency
        return (
            f"{name:20s} {self.requests:4d} requests  {self.wall:5.2f} s  "
            f"bound {bound:4.2f} s  ratio {self.wall / bound:4.2f}  "
            f"cpu {self.cpu:4.2f} s  sequential {self.requests * latency:4.1f} s"
        )


def run_async(
    source: FakeHoneycomb, latency: float, concurrency: int
) -> tuple[list[str], Snapshot]:
    target = FakeHoneycomb(environment="Target")

    async def main() -> tuple[list[str], Snapshot]:
        async with source.async_client() as src, target.async_client() as dst:
            src.porting.concurrency = dst.porting.concurrency = concurrency
            out = []
            source.inject(latency=latency, times=None)
            target.inject(latency=latency, times=None)
            with Step(source) as export:
                snapshot = await src.porting.export()
            out.append(export.line("async export", latency, concurrency))
            with Step(target) as apply:
                await dst.porting.apply(await dst.porting.plan(snapshot))
            out.append(apply.line("async plan + apply", latency, concurrency))
            assert (await dst.porting.plan(snapshot)).empty
            return out, snapshot

    return asyncio.run(main())


def run_sync(source: FakeHoneycomb, latency: float, concurrency: int) -> list[str]:
    target = FakeHoneycomb(environment="Target")
    with source.client() as src, target.client() as dst:
        src.porting.concurrency = dst.porting.concurrency = concurrency
        source.clear_faults()
        source.inject(latency=latency, times=None)
        target.inject(latency=latency, times=None)
        with Step(source) as export:
            snapshot = src.porting.export()
        out = [export.line("sync export", latency, concurrency)]
        with Step(target) as apply:
            dst.porting.apply(dst.porting.plan(snapshot))
        out.append(apply.line("sync plan + apply", latency, concurrency))
        assert dst.porting.plan(snapshot).empty
    return out


def python_cost(source: FakeHoneycomb) -> str:
    source.clear_faults()
    target = FakeHoneycomb(environment="Target")
    with source.client() as src, target.client() as dst:
        with Step(source) as export:
            snapshot = src.porting.export()
        with Step(target) as apply:
            dst.porting.apply(dst.porting.plan(snapshot))
    requests = export.requests + apply.requests
    cpu = export.cpu + apply.cpu
    return (
        f"{'no latency':20s} {requests:4d} requests  {export.wall + apply.wall:5.2f} s  "
        f"cpu {cpu:4.2f} s ({cpu / requests * 1e6:.0f} µs of CPU per request, SDK and fake)"
    )


def main() -> None:
    """Build the environment once, then measure both clients."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=float, default=0.05, help="seconds per request")
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    source = FakeHoneycomb(environment="Source")
    with source.client() as client:
        populate(client)
    lines, snapshot = run_async(source, args.latency, args.concurrency)
    counts = ", ".join(f"{n} {k}" for k, n in snapshot.counts().items())
    print(f"environment: {len(snapshot)} objects ({counts})")
    print(f"latency {args.latency * 1000:.0f} ms per request, concurrency {args.concurrency}")
    for text in lines + run_sync(source, args.latency, args.concurrency):
        print(text)
    print(python_cost(source))


if __name__ == "__main__":
    main()
