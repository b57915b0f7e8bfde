"""The live suite's target: the real API (keys from the environment) or a served fake.

``LiveTarget`` is everything a scenario needs to know about where it runs; both modes
fill in the same fields, so the scenarios never ask which one they are in, except the few
checks only a fake can arrange (a provoked 429), which ask for ``target.fake``.
"""

from __future__ import annotations

import contextlib
import itertools
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import pytest

from honeycomb.testing import FakeHoneycomb
from honeycomb.testing._server import FakeServer
from tests.live._mode import Mode, Pacer
from tests.live._report import FidelityLog

__all__ = ["OUTCOMES", "LiveTarget", "Scratch", "say", "serve_fake"]


@dataclass
class LiveTarget:
    """Where the suite runs, and what it learned about it from ``/1/auth`` (and ``/2/auth``).

    Attributes:
        mode: How it was chosen (``real`` or ``fake``).
        base_url: The API root.
        api_key: The configuration key.
        management_key: ``(id, secret)``, or None (the v2 scenarios are then skipped).
        team: The team's slug; environment: the environment's slug; their display names.
        environment_id: The environment's v2 id (None without a management key).
        run: The run prefix every object's name starts with.
        started: When the run started (UTC).
        log: The fidelity log all the suite's clients record into.
        pacer: Spaces requests under the rate limits (waits only in real mode).
        fake: The served fake in fake mode (None against the real API).
    """

    mode: Mode
    base_url: str
    api_key: str = field(repr=False)
    management_key: tuple[str, str] | None = field(repr=False)
    run: str
    started: datetime
    log: FidelityLog
    pacer: Pacer
    fake: FakeHoneycomb | None = None
    team: str = ""
    team_name: str = ""
    environment: str = ""
    environment_name: str = ""
    environment_id: str | None = None
    _tests: itertools.count[int] = field(default_factory=lambda: itertools.count(1), repr=False)

    @property
    def real(self) -> bool:
        """True against the real API."""
        return self.mode.kind == "real"

    @property
    def queryable_within(self) -> float:
        """How long sent events may take to show in queries (Honeycomb: 30 s or more)."""
        return 300.0 if self.real else 10.0

    @property
    def poll_every(self) -> float:
        """Seconds between two checks while waiting for the API to catch up."""
        return 10.0 if self.real else 0.05

    def test_prefix(self) -> str:
        """A prefix for one test's objects: the run's, then a number no other test has."""
        return f"{self.run}-{next(self._tests):03d}"

    def describe(self) -> str:
        """The line printed before anything is created."""
        where = "the real Honeycomb API" if self.real else "a local FakeHoneycomb"
        management = "with" if self.management_key else "without"
        return (
            f"live suite: {where} at {self.base_url}, team {self.team!r} "
            f"({self.team_name}), environment {self.environment!r} ({self.environment_name}), "
            f"{management} a management key; objects are named {self.run}-..."
        )


@dataclass(frozen=True)
class Scratch:
    """Names for one test's objects: ``<run prefix>-<test number>-<label>``."""

    prefix: str

    def name(self, label: str) -> str:
        """The name of the object ``label`` (lowercase letters, digits and dashes)."""
        return f"{self.prefix}-{label}"

    def trigger(self, label: str, **fields: Any) -> dict[str, Any]:
        """A trigger body named ``label`` that never fires on a real account: disabled,
        counting events over 15 minutes against a threshold of 1,000; ``fields`` add to
        it or replace parts of it (recipients, a bad threshold)."""
        return {
            "name": self.name(label),
            "disabled": True,
            "query": {"calculations": [{"op": "COUNT"}], "time_range": 900},
            "threshold": {"op": ">", "value": 1000},
            "frequency": 900,
            **fields,
        }


def serve_fake(fake: FakeHoneycomb) -> FakeServer:
    """Start ``fake`` on 127.0.0.1 (a free port); ``stop()`` it."""
    server = FakeServer(fake.handle)
    server.start()
    return server


OUTCOMES = pytest.StashKey[dict[str, pytest.TestReport]]()
"""Each test's reports by phase (``call``...), for the fixtures that clean up on failure."""


def say(config: pytest.Config, line: str) -> None:
    """Print past pytest's capturing: the user must see it even when every test passes."""
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    capture = config.pluginmanager.get_plugin("capturemanager")
    if reporter is None:
        return
    with capture.global_and_fixture_disabled() if capture else contextlib.nullcontext():
        reporter.ensure_newline()
        reporter.write_line(line)
