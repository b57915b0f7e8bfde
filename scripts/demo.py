"""The honeycomb-sdk demo: a tour of the SDK against an embedded FakeHoneycomb.

    python scripts/demo.py            # or: nox -s demo
    python scripts/demo.py --export demo-export.json

No network and no Honeycomb account: the API is ``honeycomb.testing.FakeHoneycomb``, in
memory. In a few seconds it creates a dataset, sends 10,000 synthetic web events through
the batching sender, runs a query built with ``QueryBuilder`` (P99 duration and COUNT by
endpoint, server errors filtered out), then creates a trigger on that query, an SLO with a
burn alert and a board showing the query, and exports them as JSON.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from honeycomb import Client, HoneycombError
from honeycomb.query import QueryBuilder
from honeycomb.testing import FakeHoneycomb

T = TypeVar("T")

DATASET = "web"
EVENTS = 10_000
ENDPOINTS = {
    # endpoint: (median duration in ms, share of traffic, share of server errors)
    "/": (18.0, 0.30, 0.002),
    "/login": (45.0, 0.10, 0.010),
    "/search": (120.0, 0.20, 0.005),
    "/cart": (60.0, 0.15, 0.004),
    "/checkout": (240.0, 0.05, 0.030),
    "/api/items": (35.0, 0.20, 0.003),
}


def heading(text: str) -> None:
    """Print a section heading."""
    print(f"\n== {text} " + "=" * max(0, 74 - len(text)))


def table(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    """An aligned plain-text table (numbers right-aligned)."""

    def cell(value: Any) -> str:
        if isinstance(value, float):
            return f"{value:,.1f}"
        if isinstance(value, int) and not isinstance(value, bool):
            return f"{value:,}"
        return "" if value is None else str(value)

    cells = [[cell(row.get(c)) for c in columns] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    numeric = [
        all(isinstance(row.get(c), int | float) for row in rows if row.get(c) is not None)
        for c in columns
    ]

    def line(values: Sequence[str]) -> str:
        return "  ".join(
            v.rjust(w) if n else v.ljust(w) for v, w, n in zip(values, widths, numeric, strict=True)
        ).rstrip()

    out = [line(list(columns)), "  ".join("-" * w for w in widths)]
    out += [line(r) for r in cells]
    return "\n".join(out)


def step(name: str, action: Callable[[], T]) -> T:
    """Run one step of the demo, timing it; stop with a clear message if it fails."""
    started = time.perf_counter()
    try:
        result = action()
    except HoneycombError as err:
        print(f"\n!! {name} failed: {type(err).__name__}: {err}", file=sys.stderr)
        raise SystemExit(1) from err
    print(f"   ({name}: {(time.perf_counter() - started) * 1000:,.0f} ms)")
    return result


def synthetic_events(count: int, now: float, seed: int = 7) -> list[dict[str, Any]]:
    """Web request events over the last hour: endpoint, status, duration, user."""
    rng = random.Random(seed)
    names = list(ENDPOINTS)
    weights = [ENDPOINTS[n][1] for n in names]
    events = []
    for _ in range(count):
        endpoint = rng.choices(names, weights)[0]
        median, _, error_rate = ENDPOINTS[endpoint]
        status = 200
        roll = rng.random()
        if roll < error_rate:
            status = rng.choice([500, 502, 503])
        elif roll < error_rate + 0.03:
            status = rng.choice([400, 401, 404])
        duration = median * rng.lognormvariate(0, 0.6)
        if status >= 500:
            duration *= 3
        events.append(
            {
                "timestamp": now - rng.uniform(5, 3600),
                "endpoint": endpoint,
                "method": "POST" if endpoint in ("/login", "/checkout") else "GET",
                "status_code": status,
                "duration_ms": round(duration, 2),
                "user_id": f"user-{rng.randrange(500)}",
                "service.name": "storefront",
            }
        )
    return events


def send_events(client: Client, events: list[dict[str, Any]]) -> int:
    """Send every event through the batching sender; return how many were delivered."""
    with client.events.batcher(DATASET, max_batch_events=500) as batcher:
        for event in events:
            timestamp = event.pop("timestamp")
            batcher.add(event, timestamp=timestamp)
        batcher.flush()
        failed = batcher.failed
    if failed:
        raise SystemExit(f"{failed} events were not delivered")
    return len(events)


def main(argv: list[str] | None = None) -> int:
    """Run the demo.

    Args:
        argv: Command-line arguments.

    Returns:
        The exit status.
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--export", type=Path, help="also write the exported JSON to this file")
    parser.add_argument("--events", type=int, default=EVENTS, help="how many events to send")
    args = parser.parse_args(argv)
    started = time.perf_counter()

    fake = FakeHoneycomb(query_polls=1, seed=1)
    with fake.client() as client:
        heading("1. A dataset")
        dataset = step("create dataset", lambda: client.datasets.create({"name": DATASET}))
        protected = bool(dataset.settings and dataset.settings.delete_protected)
        print(f"   created {dataset.slug!r} (delete protected: {protected})")

        heading(f"2. {args.events:,} synthetic web events through client.events.batcher()")
        events = synthetic_events(args.events, time.time())
        sent = step("send events", lambda: send_events(client, events))
        batches = sum(1 for r in fake.requests if r.operation == "createEvents")
        print(f"   delivered {sent:,} events in {batches} batch requests")
        columns = step("list columns", lambda: client.columns.list(DATASET))
        print("   columns: " + ", ".join(sorted(c.key_name or "" for c in columns)))

        heading("3. P99 duration and COUNT by endpoint, server errors filtered out")
        query = (
            QueryBuilder()
            .calculate("P99", "duration_ms")
            .calculate("COUNT")
            .where("status_code", "<", 500)
            .group_by("endpoint")
            .order_by("P99", "duration_ms", descending=True)
            .last(hours=1)
        )
        print("   query: " + json.dumps(query.to_dict()))
        result = step(
            "run query", lambda: client.query_results.run(DATASET, query, poll_interval=0.05)
        )
        print()
        print(table(result.rows, ["endpoint", "P99(duration_ms)", "COUNT"]))

        heading("4. A trigger, an SLO with a burn alert, and a board")
        saved = step("save query", lambda: client.queries.create(DATASET, query.build()))
        recipient = step(
            "create recipient",
            lambda: client.recipients.create(
                {"type": "email", "details": {"email_address": "oncall@example.com"}}
            ),
        )
        trigger = step(
            "create trigger",
            lambda: client.triggers.create(
                DATASET,
                {
                    "name": "Checkout is slow",
                    "description": "P99 of /checkout above 1 s",
                    "query": (
                        QueryBuilder()
                        .calculate("P99", "duration_ms")
                        .where("endpoint", "=", "/checkout")
                        .where("status_code", "<", 500)
                        .last(minutes=15)
                        .to_dict()
                    ),
                    "threshold": {"op": ">", "value": 1000},
                    "frequency": 300,
                    "recipients": [{"id": recipient.id}],
                },
            ),
        )
        print(f"   trigger {trigger.id}: {trigger.name!r}, every {trigger.frequency} s")
        step(
            "create SLI",
            lambda: client.calculated_fields.create(
                DATASET, {"alias": "sli_ok", "expression": "LT($status_code, 500)"}
            ),
        )
        slo = step(
            "create SLO",
            lambda: client.slos.create(
                DATASET,
                {
                    "name": "Storefront availability",
                    "sli": {"alias": "sli_ok"},
                    "time_period_days": 30,
                    "target_per_million": 990_000,
                },
            ),
        )
        burn_alert = step(
            "create burn alert",
            lambda: client.burn_alerts.create(
                DATASET,
                {
                    "alert_type": "exhaustion_time",
                    "exhaustion_minutes": 240,
                    "slo": {"id": slo.id},
                    "recipients": [{"id": recipient.id}],
                },
            ),
        )
        slo_id = slo.id or ""
        detailed = step("read SLO", lambda: client.slos.get(DATASET, slo_id, detailed=True))
        facts = detailed.model_dump()
        print(
            f"   SLO {slo.id}: target 99 %, compliance {facts.get('compliance', 0):.3f} %, "
            f"budget remaining {facts.get('budget_remaining', 0):.1f} %"
        )
        annotation = step(
            "name the query",
            lambda: client.query_annotations.create(
                DATASET, {"name": "P99 and COUNT by endpoint", "query_id": saved.id}
            ),
        )
        board = step(
            "create board",
            lambda: client.boards.create(
                {
                    "name": "Storefront",
                    "description": "Latency and availability",
                    "type": "flexible",
                    "panels": [
                        {
                            "type": "query",
                            "query_panel": {
                                "query_id": saved.id,
                                "query_annotation_id": annotation.id,
                                "query_style": "combo",
                            },
                        },
                        {"type": "slo", "slo_panel": {"slo_id": slo.id}},
                    ],
                    "layout_generation": "auto",
                }
            ),
        )
        print(f"   board {board.id}: {board.name!r} with {len(board.panels or [])} panels")

        heading("5. Exported as JSON")
        exported = {
            "trigger": trigger.model_dump(mode="json", exclude_none=True),
            "slo": slo.model_dump(mode="json", exclude_none=True),
            "burn_alert": burn_alert.model_dump(mode="json", exclude_none=True),
            "board": board.model_dump(mode="json", exclude_none=True),
        }
        text = json.dumps(exported, indent=2, sort_keys=True)
        print(text)
        if args.export:
            args.export.write_text(text + "\n")
            print(f"   written to {args.export}")

    heading("Done")
    print(
        f"   {len(fake.requests):,} API calls to the fake in "
        f"{time.perf_counter() - started:.1f} s; no network, no account."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
