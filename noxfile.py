"""Developer tasks. `nox -s tests` is what CI runs: it checks everything.

Sessions: tests (unasync check, lint, typecheck, then pytest), lint, typecheck, unasync,
unasync_check, demo, bench, docs (the site, built with --strict), live (the live-API suite).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import nox
import nox.command

nox.options.default_venv_backend = "uv|virtualenv"
nox.options.reuse_existing_virtualenvs = True
nox.options.sessions = ["tests"]

DEV = ".[dev,zstd,pandas,polars,cli,testing,otel,cache,recording,porting,mcp,docs]"


def _unasync_check(session: nox.Session) -> None:
    session.run("python", "scripts/unasync.py", "--check")


def _lint(session: nox.Session) -> None:
    session.run("ruff", "check", "src", "tests", "scripts", "noxfile.py")
    session.run("ruff", "format", "--check", "src", "tests", "scripts", "noxfile.py")


def _typecheck(session: nox.Session) -> None:
    # Both trees of the package, and the tests, under --strict (configured in pyproject).
    session.run("mypy", "src/honeycomb", "tests", "scripts")


# Stoplight Prism, the strict OpenAPI mock server behind tests/test_prism_contract.py.
PRISM = "@stoplight/prism-cli@5.14.2"


def _install_prism(session: nox.Session) -> dict[str, str]:
    """Install Prism into .nox/prism once (npm, about 90 MB); its tests skip without it."""
    prefix = Path(".nox") / "prism"
    executable = prefix / "node_modules" / ".bin" / "prism"
    marker = prefix / "installed"
    if not (executable.is_file() and marker.is_file() and marker.read_text() == PRISM):
        if shutil.which("npm") is None:
            session.warn("npm not found: the Prism contract tests will be skipped")
            return {}
        try:
            session.run(
                "npm", "install", "--no-audit", "--no-fund", "--prefix", str(prefix), PRISM,
                external=True,
            )  # fmt: skip
        except nox.command.CommandFailed:
            session.warn("npm could not install Prism: the Prism contract tests will be skipped")
            return {}
        marker.write_text(PRISM)
    return {"HONEYCOMB_PRISM": str(executable.resolve())}


@nox.session
def tests(session: nox.Session) -> None:
    """Everything CI checks: generated code in sync, lint, types, then the test suite."""
    session.install("-e", DEV)
    prism = _install_prism(session)
    _unasync_check(session)
    _lint(session)
    _typecheck(session)
    # The live suite's fake run is part of this; its real mode never is, whatever the shell
    # exports (HONEYCOMB_LIVE=1 is for `nox -s live`).
    session.run("pytest", *(session.posargs or ["-q"]), env={**prism, "HONEYCOMB_LIVE": ""})


@nox.session
def lint(session: nox.Session) -> None:
    """ruff check and ruff format --check."""
    session.install("ruff")
    _lint(session)


@nox.session
def typecheck(session: nox.Session) -> None:
    """mypy --strict over src (both trees), tests and scripts."""
    session.install("-e", DEV)
    _typecheck(session)


@nox.session
def unasync(session: nox.Session) -> None:
    """Regenerate src/honeycomb/_sync and tests/_sync from the async sources."""
    session.install("unasync", "ruff")
    session.run("python", "scripts/unasync.py")


@nox.session
def unasync_check(session: nox.Session) -> None:
    """Fail if the committed sync trees differ from freshly generated ones."""
    session.install("unasync", "ruff")
    _unasync_check(session)


@nox.session
def demo(session: nox.Session) -> None:
    """Run the README demo against an embedded FakeHoneycomb (no network, no account)."""
    session.install("-e", ".[zstd,testing]")
    session.run("python", "scripts/demo.py")


@nox.session
def bench(session: nox.Session) -> None:
    """Benchmarks: request overhead vs raw httpx, import time, event throughput, porting, CLI
    (events, startup) and the performance goals (each against its floor, PASS/FAIL)."""
    # orjson is optional: the event encoder uses it when installed (see docs/benchmarks.md).
    session.install("-e", ".[zstd,otel,cache,cli]", "libhoney", "orjson")
    session.run("python", "scripts/bench/request_overhead.py")
    session.run("python", "scripts/bench/import_time.py")
    session.run("python", "scripts/bench/events.py")
    session.run("python", "scripts/bench/porting.py")
    session.run("python", "scripts/bench/cli_events.py")
    session.run("python", "scripts/bench/goals.py")
    # Installs the competitor (honeycomb-api 0.7.4) into its own venv, once.
    session.run("python", "scripts/bench/cli_startup.py")


@nox.session
def docs(session: nox.Session) -> None:
    """Regenerate docs/coverage.md, build the site (mkdocs --strict) and check its links."""
    session.install("-e", ".[dev,docs]", "pyyaml")
    session.run("python", "scripts/coverage.py", "--write", "docs/coverage.md")
    session.run("mkdocs", "build", "--strict", "--site-dir", "site")
    session.run("python", "scripts/check_site.py", "site")


@nox.session
def live(session: nox.Session) -> None:
    """The live-API suite (tests/live, docs/testing.md): against a served FakeHoneycomb; with
    HONEYCOMB_LIVE=1 and HONEYCOMB_API_KEY, then against the real API too, comparing its
    answers with the fake run's. `nox -s live -- --cleanup` deletes earlier runs' leftovers."""
    session.install("-e", DEV)
    args = list(session.posargs)
    if "--cleanup" in args:
        session.run("pytest", "tests/live", *args)
        return
    # The fake run first: its report is what the real run's responses are compared with.
    baseline = Path(session.create_tmp()) / "live-report-fake.json"
    fake_args = ["-q", "--live-report", str(baseline)]
    session.run("pytest", "tests/live", *fake_args, *args, env={"HONEYCOMB_LIVE": ""})
    if os.environ.get("HONEYCOMB_LIVE", "").strip() not in ("", "0"):
        # Real mode, if the keys are there (tests/live/_mode.py decides, and says why not).
        session.run("pytest", "tests/live", "--live-compare", str(baseline), *args)
