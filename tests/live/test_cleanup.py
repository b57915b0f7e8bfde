"""``nox -s live -- --cleanup``: deleting what earlier runs left, and only that.

``test_cleanup_removes_what_earlier_runs_left`` is the clean-up itself: it runs only with
``--cleanup`` (and is then the only test that runs). The other test runs it for real: a
served fake holding an earlier run's leftovers beside objects that are not the suite's,
then ``pytest tests/live --cleanup`` in real mode (``HONEYCOMB_LIVE=1`` and the fake's
keys, ``HONEYCOMB_API_ENDPOINT`` pointing at it), the way a maintainer runs it on an
account.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from honeycomb import Client
from honeycomb.testing import FakeHoneycomb
from tests.live._mode import is_leftover
from tests.live._sync.harness import sweep
from tests.live._target import LiveTarget, say

ROOT = Path(__file__).resolve().parents[2]
EARLIER = "hcsdk-live-20260101-000000-abcdef"


def test_cleanup_removes_what_earlier_runs_left(
    live: LiveTarget, sync_client: Client, request: pytest.FixtureRequest
) -> None:
    deleted, failed = sweep(
        sync_client,
        lambda name: is_leftover(name, before=live.started),
        management=live.management_key is not None,
    )
    say(request.config, f"live suite: --cleanup deleted {len(deleted)} objects")
    for label in deleted:
        say(request.config, f"  {label}")
    assert failed == []


def _plant(client: Client, fake: FakeHoneycomb) -> None:
    """An earlier run's leftovers of every kind, and lookalikes that are not the suite's."""
    trigger = {
        "disabled": True,
        "query": {"calculations": [{"op": "COUNT"}], "time_range": 900},
        "threshold": {"op": ">", "value": 1},
        "frequency": 900,
    }
    for name in (f"{EARLIER}-001-ds", "keep-ds", "hcsdk-live-keep-ds"):
        client.datasets.create({"name": name})
        client.calculated_fields.create(name, {"alias": "ok", "expression": "EXISTS($a)"})
        recipient = client.recipients.create(
            {
                "type": "webhook",
                "details": {
                    "webhook_name": name.replace("-ds", "-hook"),
                    "webhook_url": f"https://example.com/{name}",
                },
            }
        )
        client.triggers.create(
            name, {**trigger, "name": f"{name}-t", "recipients": [{"id": recipient.id}]}
        )
        slo = client.slos.create(
            name,
            {
                "name": f"{name}-slo",
                "sli": {"alias": "ok"},
                "time_period_days": 7,
                "target_per_million": 990_000,
            },
        )
        client.burn_alerts.create(
            name,
            {
                "exhaustion_minutes": 60,
                "slo": {"id": slo.id},
                "recipients": [{"id": recipient.id}],
            },
        )
        client.boards.create({"name": name.replace("-ds", "-board")})
    for name in (f"{EARLIER}-002-env", "keep-env"):
        env = client.environments.create({"name": name})
        client.api_keys.create(
            {"name": name.replace("-env", "-key"), "key_type": "ingest", "environment_id": env.id}
        )


def _names(client: Client) -> set[str]:
    found = {d.name for d in client.datasets.list()}
    found |= {b.name or "" for b in client.boards.list()}
    found |= {str(getattr(r.details, "webhook_name", "")) for r in client.recipients.list()}
    found |= {e.name or "" for e in client.environments.list()}
    found |= {k.name or "" for k in client.api_keys.list()}
    return found


@pytest.mark.slow
def test_cleanup_option_deletes_an_earlier_runs_objects_and_nothing_else(
    tmp_path: Path,
) -> None:
    fake = FakeHoneycomb(query_polls=0)
    with fake.client() as client, fake.serve() as url:
        _plant(client, fake)
        before = _names(client)
        key_id, _, secret = fake.management_key.partition(":")
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith("HONEYCOMB") or k == "HONEYCOMB_OPENAPI_SPEC"
        }
        env.update(
            HONEYCOMB_LIVE="1",
            HONEYCOMB_API_KEY=fake.api_key,
            HONEYCOMB_KEY_ID=key_id,
            HONEYCOMB_KEY_SECRET=secret,
            HONEYCOMB_API_ENDPOINT=url,
        )
        report = tmp_path / "live-report.json"
        started = time.monotonic()
        done = subprocess.run(
            [
                sys.executable, "-m", "pytest", "tests/live", "--cleanup", "-q",
                "-p", "no:cacheprovider", "--live-pace-scale", "0.01",
                "--live-report", str(report),
            ],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
        output = done.stdout + done.stderr
        assert done.returncode == 0, output
        assert "1 passed" in done.stdout, output
        after = _names(client)
    # The target was named before anything was deleted, then what went was listed.
    assert "live suite: the real Honeycomb API at " + url in done.stdout
    assert "team 'fake-team'" in done.stdout and "environment 'test'" in done.stdout
    assert "--cleanup deleted 8 objects" in done.stdout, output
    leftovers = {n for n in before if n.startswith(EARLIER)}
    assert leftovers == {
        f"{EARLIER}-001-ds",
        f"{EARLIER}-001-hook",
        f"{EARLIER}-001-board",
        f"{EARLIER}-002-env",
        f"{EARLIER}-002-key",
    }
    assert after == before - leftovers
    assert {"keep-ds", "hcsdk-live-keep-ds", "keep-env", "keep-key"} <= after
    written = json.loads(report.read_text())
    assert (written["mode"], written["team"]) == ("real", "fake-team")
    deletes = {  # by operationId with the spec, by method and path without it
        op: entry["statuses"]
        for op, entry in written["operations"].items()
        if op == "deleteDataset" or op.startswith("DELETE /1/datasets/")
    }
    assert list(deletes.values()) == [{"202": 1}]
    assert time.monotonic() - started < 60  # paced, yet quick at a hundredth of the spacing
