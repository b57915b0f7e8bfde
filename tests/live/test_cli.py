"""The ``honeycomb`` command against the target, as a user runs it: a real process, the
credentials in the environment (``HONEYCOMB_API_KEY``, ``HONEYCOMB_KEY_ID`` and
``HONEYCOMB_KEY_SECRET``, ``HONEYCOMB_API_ENDPOINT``), JSON on stdout.

The CLI is sync only, so these run once; the SDK client beside them (``sync_client``)
arranges and checks. Each invocation waits its turn on the pacer (two seconds apart in real
mode), and what a test made is swept by its run prefix however it ends.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from honeycomb import Client
from tests.live._mode import is_leftover
from tests.live._sync.harness import sweep
from tests.live._sync.test_porting import seed
from tests.live._target import LiveTarget, Scratch


@dataclass(frozen=True)
class Done:
    code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


@dataclass
class Cli:
    """Runs ``python -m honeycomb`` against the target, in a folder of its own."""

    live: LiveTarget
    cwd: Path
    prefix: str

    def name(self, label: str) -> str:
        return f"{self.prefix}-{label}"

    def env(self) -> dict[str, str]:
        # Nothing from the developer's shell may choose another account or profile.
        env = {k: v for k, v in os.environ.items() if not k.startswith("HONEYCOMB")}
        env.update(
            HONEYCOMB_API_ENDPOINT=self.live.base_url,
            HONEYCOMB_API_KEY=self.live.api_key,
            HONEYCOMB_CONFIG_DIR=str(self.cwd / "config"),
            PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
            NO_COLOR="1",
        )
        if self.live.management_key is not None:
            env["HONEYCOMB_KEY_ID"], env["HONEYCOMB_KEY_SECRET"] = self.live.management_key
        return env

    def __call__(self, *args: str, input: str | None = None) -> Done:
        wait = self.live.pacer.reserve("cli", time.monotonic())
        if wait > 0:
            time.sleep(wait)
        done = subprocess.run(
            [sys.executable, "-m", "honeycomb", *args],
            cwd=self.cwd,
            env=self.env(),
            input=input,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        secrets = [self.live.api_key, *(self.live.management_key or ())[1:]]
        for secret in secrets:
            assert secret not in done.stdout + done.stderr, f"a key leaked: {args}"
        return Done(done.returncode, done.stdout, done.stderr)


@pytest.fixture
def cli(live: LiveTarget, sync_client: Client, tmp_path: Path) -> Iterator[Cli]:
    """The CLI runner; afterwards, whatever the test's prefix names is deleted."""
    runner = Cli(live, tmp_path, live.test_prefix())
    yield runner
    _, failed = sweep(
        sync_client,
        lambda name: is_leftover(name, run=runner.prefix),
        management=live.management_key is not None,
    )
    assert failed == []


def test_the_cli_works_against_the_target(cli: Cli, live: LiveTarget, sync_client: Client) -> None:
    status = cli("auth", "status", "-o", "json")
    assert status.code == 0, status.stderr
    assert (status.json()["team"], status.json()["environment"]) == (live.team, live.environment)

    created = cli("datasets", "create", "--name", cli.name("cli"), "-o", "json")
    assert created.code == 0, created.stderr
    ds = created.json()["slug"]

    events = "".join(json.dumps({"source": "cli", "n": n}) + "\n" for n in range(5))
    sent = cli("events", "send", "-d", ds, "-f", "-", input=events)
    assert sent.code == 0, sent.stderr

    marker = cli("markers", "create", "-d", ds, "--type", "deploy", "--message", cli.name("m"))
    assert marker.code == 0, marker.stderr
    assert [m.message for m in sync_client.markers.list(ds)] == [cli.name("m")]

    deadline = time.monotonic() + live.queryable_within
    while True:
        query = cli("query", "run", "-d", ds, "--calc", "COUNT", "--last", "30m", "-o", "json")
        assert query.code == 0, query.stderr
        if query.json() == [{"COUNT": 5}] or time.monotonic() > deadline:
            break
        time.sleep(live.poll_every)
    assert query.json() == [{"COUNT": 5}]

    missing = cli("datasets", "get", cli.name("missing"))
    assert missing.code == 1
    assert missing.stderr.startswith("Error: 404") and "GET /1/datasets/" in missing.stderr


def test_cli_porting_converges(cli: Cli, live: LiveTarget, sync_client: Client) -> None:
    src, dst = cli.name("src"), cli.name("dst")
    seed(sync_client, Scratch(cli.prefix), src)
    snapshot = str(cli.cwd / "snapshot")
    exported = cli("export", "--dir", snapshot, "--dataset", src)
    assert exported.code == 0, exported.stderr
    assert (cli.cwd / "snapshot" / "datasets").is_dir()

    mapping = ("--dir", snapshot, "--map-dataset", f"{src}={dst}")
    planned = cli("plan", *mapping, "--detailed-exitcode")
    assert planned.code == 2, planned.stderr  # changes to make
    assert "Plan: 5 to create, 0 to update, 0 to delete." in planned.stdout
    applied = cli("apply", *mapping, "--yes")
    assert applied.code == 0, applied.stderr
    again = cli("plan", *mapping, "--detailed-exitcode")
    assert again.code == 0, again.stdout + again.stderr  # nothing left to do
    assert [t.name for t in sync_client.triggers.list(dst)] == [cli.name("trigger")]
