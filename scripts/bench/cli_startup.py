"""Startup time of ``honeycomb --help`` against the community CLI's ``hny --help``.

The competitor (PyPI ``honeycomb-api`` 0.7.4, whose console script is ``hny``) is installed
into its own virtual environment, made once and reused (``--venv``, default under the
system temp folder). Each command runs in fresh processes, alternating, and the medians
are compared; the target is ``honeycomb --help`` at most 0.5x the competitor's. Where the
competitor cannot be installed, the script says so and compares against the floors
instead: ``python -c pass`` and a bare typer app printing its help.

    python scripts/bench/cli_startup.py [--runs 21] [--venv DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

COMPETITOR = "honeycomb-api==0.7.4"
TARGET = 0.5
TYPER_FLOOR = (
    "import typer\n"
    "app = typer.Typer()\n"
    "@app.command()\n"
    "def main(name: str = 'x') -> None:\n"
    "    'A bare typer app.'\n"
    "app(['--help'])\n"
)


def _bin(prefix: Path, name: str) -> Path:
    return prefix / ("Scripts" if os.name == "nt" else "bin") / name


def competitor(folder: Path) -> tuple[list[str] | None, str]:
    """The competitor's ``hny --help`` command, installing it first if needed.

    Returns:
        The command (None when it cannot be installed) and a note on what happened.
    """
    hny = _bin(folder, "hny")
    if hny.exists():
        return [str(hny), "--help"], f"{COMPETITOR} (cached venv {folder})"
    try:
        venv.create(folder, with_pip=True, clear=True)
        subprocess.run(
            [str(_bin(folder, "python")), "-m", "pip", "install", "-q", COMPETITOR],
            check=True,
            capture_output=True,
            text=True,
            timeout=600,
        )
    except (OSError, subprocess.SubprocessError) as err:
        detail = getattr(err, "stderr", "") or str(err)
        shutil.rmtree(folder, ignore_errors=True)
        return None, f"{COMPETITOR} could not be installed: {detail.strip().splitlines()[-1:]}"
    if not hny.exists():
        return None, f"{COMPETITOR} installed no `hny` script"
    return [str(hny), "--help"], f"{COMPETITOR} (new venv {folder})"


def ours() -> list[str]:
    """``honeycomb --help`` through the console script next to this interpreter."""
    script = Path(sys.executable).with_name("honeycomb")
    if script.exists():
        return [str(script), "--help"]
    return [sys.executable, "-m", "honeycomb", "--help"]


def once(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    """Measure side by side and print medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument(
        "--venv", type=Path, default=Path(tempfile.gettempdir()) / "honeycomb-bench-hny"
    )
    args = parser.parse_args()
    hny, note = competitor(args.venv)
    cases: dict[str, list[str]] = {"honeycomb --help": ours()}
    if hny is not None:
        cases["hny --help (competitor)"] = hny
    cases["floor: python -c pass"] = [sys.executable, "-c", "pass"]
    cases["floor: bare typer app --help"] = [sys.executable, "-c", TYPER_FLOOR]
    for command in cases.values():
        once(command)  # warm the bytecode caches
    samples: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(args.runs):
        for name, command in cases.items():
            samples[name].append(once(command))
    medians = {name: statistics.median(values) for name, values in samples.items()}
    print(f"competitor: {note}")
    reference = "hny --help (competitor)" if hny is not None else "floor: bare typer app --help"
    for name, median in medians.items():
        ratio = median / medians[reference]
        print(
            f"{name:32s} {median * 1000:7.1f} ms  ratio to {reference.split(' (')[0]}: {ratio:.2f}x"
        )
    ratio = medians["honeycomb --help"] / medians[reference]
    if hny is not None:
        verdict = "met" if ratio <= TARGET else "NOT met"
        print(f"target honeycomb --help <= {TARGET}x hny --help: {ratio:.2f}x, {verdict}")


if __name__ == "__main__":
    main()
