"""Wall time of ``import honeycomb`` against ``import httpx; from pydantic import BaseModel``.

Each statement runs in fresh interpreters, alternating, and the medians are compared.
``from honeycomb import Client`` (which loads the client, httpx, pydantic and tenacity)
is reported too, for honesty about what the first real use costs.

    python scripts/bench/import_time.py [--runs 21]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

FLOOR = "import httpx; from pydantic import BaseModel"
CASES = {
    f"floor: {FLOOR}": FLOOR,
    "import honeycomb": "import honeycomb",
    "from honeycomb import Client": "from honeycomb import Client",
}


def once(statement: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", statement], check=True)
    return time.perf_counter() - start


def main() -> None:
    """Measure and print medians and ratios to the floor."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    samples: dict[str, list[float]] = {name: [] for name in CASES}
    for statement in CASES.values():
        once(statement)  # warm the bytecode cache
    for _ in range(args.runs):
        for name, statement in CASES.items():
            samples[name].append(once(statement))
    floor = statistics.median(samples[next(iter(CASES))])
    for name, values in samples.items():
        median = statistics.median(values)
        print(f"{name:55s} {median * 1000:7.1f} ms  ratio {median / floor:.2f}x")


if __name__ == "__main__":
    main()
