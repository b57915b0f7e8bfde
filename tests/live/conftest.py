"""The live suite's session: choose the target, name the run, clean up, write the report.

Fake mode (the default, and what ``nox -s tests`` runs): a FakeHoneycomb served on
127.0.0.1 for the session. Real mode: ``HONEYCOMB_LIVE=1`` and ``HONEYCOMB_API_KEY`` (plus
``HONEYCOMB_KEY_ID``/``HONEYCOMB_KEY_SECRET`` for the v2 parts, ``HONEYCOMB_API_ENDPOINT``
for EU); the team and environment are printed before anything is created. The rules are in
``tests/live/_mode.py``.

Options (``nox -s live -- OPTIONS``):

- ``--cleanup``: only delete what earlier runs left (objects named ``hcsdk-live-...``);
- ``--live-report PATH``: write the fidelity log there (real mode: ``live-report.json``
  by default);
- ``--live-compare PATH``: a fake-mode run's report; responses are compared with it;
- ``--live-pace-scale FACTOR``: multiply the pacing between requests (real mode: 1).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from honeycomb import Client
from honeycomb.testing import FakeHoneycomb, RateLimits
from tests._spec import spec_dir
from tests.live._mode import Mode, Pacer, is_leftover, new_run_prefix, select_mode
from tests.live._report import FidelityLog, read_shapes
from tests.live._sync.harness import close_client, open_client, sweep
from tests.live._target import OUTCOMES, LiveTarget, say, serve_fake

CLEANUP_TEST = "test_cleanup_removes_what_earlier_runs_left"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("live", "the live-API suite (tests/live)")
    group.addoption(
        "--cleanup",
        action="store_true",
        default=False,
        help="only delete what earlier live runs left (objects named hcsdk-live-...)",
    )
    group.addoption(
        "--live-report",
        metavar="PATH",
        default=None,
        help="write the fidelity log (live-report.json) to PATH",
    )
    group.addoption(
        "--live-compare",
        metavar="PATH",
        default=None,
        help="a fake-mode run's report: record where the responses differ from it",
    )
    group.addoption(
        "--live-pace-scale",
        metavar="FACTOR",
        type=float,
        default=None,
        help="multiply the spacing between requests (real mode: 1; fake mode: 0)",
    )


def _option(config: pytest.Config, name: str) -> Any:
    # The options exist only when this conftest was loaded at start-up (``pytest
    # tests/live``); collected from ``pytest tests/``, they take their defaults.
    return config.getoption(name, default=None)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """``--cleanup`` runs the clean-up alone; without it, the clean-up is left out."""
    cleanup = bool(_option(config, "--cleanup"))
    live_dir = Path(__file__).parent
    keep, drop = [], []
    for item in items:
        if live_dir not in item.path.parents or (item.name == CLEANUP_TEST) == cleanup:
            keep.append(item)
        else:
            drop.append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """Keep each phase's report on the test, so a teardown can tell whether it passed."""
    report = yield
    item.stash.setdefault(OUTCOMES, {})[report.when] = report
    return report


def _discover(target: LiveTarget) -> None:
    """Fill in the team and environment from /1/auth (and the v2 team and id from /2/auth)."""
    client = open_client(target)
    try:
        auth = client.auth.get()
        if str(auth.type) == "ingest":
            pytest.skip("HONEYCOMB_API_KEY is an ingest key: the suite needs a configuration key")
        target.team = auth.team.slug or ""
        target.team_name = auth.team.name or ""
        target.environment = auth.environment.slug or ""
        target.environment_name = auth.environment.name or ""
        if target.management_key is not None:
            management = client.auth.get_management()
            if management.team_slug and management.team_slug != target.team:
                pytest.skip(
                    f"the management key is of team {management.team_slug!r}, the API key of "
                    f"{target.team!r}: give keys of one team"
                )
            target.environment_id = next(
                (e.id for e in client.environments.list() if e.slug == target.environment), None
            )
    finally:
        close_client(client)


def _target(mode: Mode, config: pytest.Config, fake: FakeHoneycomb | None, url: str) -> LiveTarget:
    started = datetime.now(timezone.utc).replace(microsecond=0)
    scale = _option(config, "--live-pace-scale")
    management: tuple[str, str] | None
    if fake is not None:
        key_id, _, secret = fake.management_key.partition(":")
        api_key, management, base_url = fake.api_key, (key_id, secret), url
    else:
        assert mode.api_key is not None and mode.base_url is not None
        api_key, management, base_url = mode.api_key, mode.management_key, mode.base_url
    return LiveTarget(
        mode=mode,
        base_url=base_url,
        api_key=api_key,
        management_key=management,
        run=new_run_prefix(started, secrets.token_hex(3)),
        started=started,
        log=FidelityLog(check_spec=spec_dir() is not None),
        pacer=Pacer(scale=(0.0 if fake is not None else 1.0) if scale is None else scale),
        fake=fake,
    )


def _write_report(target: LiveTarget, config: pytest.Config) -> None:
    option = _option(config, "--live-report")
    if option is None and not target.real:
        return  # fake mode writes a report only when asked (its shape has its own test)
    path = Path(option or "live-report.json")
    compare = _option(config, "--live-compare")
    meta = {
        "mode": target.mode.kind,
        "base_url": target.base_url,
        "team": target.team,
        "environment": target.environment,
        "run_prefix": target.run,
        "started_at": target.started.isoformat(),
        "finished_at": datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
    }
    report = target.log.write(
        path, meta, fake_shapes=read_shapes(Path(compare)) if compare else None
    )
    say(
        config,
        f"live suite: {report['requests']} requests, {len(report['differences'])} "
        f"differences written to {path}",
    )


@pytest.fixture(scope="session")
def live(request: pytest.FixtureRequest) -> Iterator[LiveTarget]:
    """The session's target (skips every live test when real mode lacks what it needs)."""
    config = request.config
    mode = select_mode(os.environ)
    if mode.message:
        say(config, f"live suite: {mode.message}")
    if mode.kind == "skip":
        pytest.skip(mode.message)
    # The fake reports rate limits as the API does (100 a minute per resource and action),
    # so the rate-limit scenario reads real-shaped headers; 429s are injected there.
    fake = (
        FakeHoneycomb(query_polls=1, rate_limits=RateLimits(limit=100, window=60))
        if mode.kind == "fake"
        else None
    )
    server = serve_fake(fake) if fake is not None else None
    try:
        target = _target(mode, config, fake, server.url if server else "")
        _discover(target)
        say(config, target.describe())
        yield target
        if not _option(config, "--cleanup"):
            _final_sweep(target, config)
        _write_report(target, config)
    finally:
        if server is not None:
            server.stop()


def _final_sweep(target: LiveTarget, config: pytest.Config) -> None:
    """Whatever this run's tests left (a failed test's teardown also sweeps its own)."""
    client = open_client(target)
    try:
        done, failed = sweep(
            client,
            lambda name: is_leftover(name, run=target.run),
            management=target.management_key is not None,
        )
    finally:
        close_client(client)
    if done or failed:
        say(config, f"live suite: the final sweep deleted {len(done)} objects: {done}")
    for failure in failed:
        say(config, f"live suite: could not delete {failure}")


@pytest.fixture
def sync_client(live: LiveTarget) -> Iterator[Client]:
    """A ``Client`` of the target (for the CLI and clean-up tests, which are sync only)."""
    client = open_client(live)
    yield client
    close_client(client)
