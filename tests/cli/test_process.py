"""The CLI as a real process against a served fake: pipes, exit codes, signals, streams."""

from __future__ import annotations

import contextlib
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from honeycomb import Client
from honeycomb.testing import FakeHoneycomb
from tests.cli._run import clean_env, run_process

pytestmark = pytest.mark.slow

TRIGGER = {
    "name": "High [red]errors[/red]",
    "description": "é" + "d" * 299,
    "query": {"calculations": [{"op": "COUNT"}], "time_range": 900},
    "threshold": {"op": ">", "value": 10},
    "frequency": 900,
}


@pytest.fixture
def penv(env: dict[str, str], cli_env: object) -> dict[str, str]:
    import os

    return clean_env(
        {
            **env,
            "HONEYCOMB_CONFIG_DIR": os.environ["HONEYCOMB_CONFIG_DIR"],
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        }
    )


def test_json_by_default_in_a_pipe_and_byte_for_byte(hc: Client, penv: dict[str, str]) -> None:
    hc.triggers.create("web", TRIGGER)
    result = run_process(["triggers", "list", "-d", "web"], env=penv)
    assert result.code == 0, result.stderr
    (listed,) = json.loads(result.stdout)
    assert (listed["name"], listed["description"]) == (TRIGGER["name"], TRIGGER["description"])
    assert "\x1b[" not in result.stdout


def test_export_pipes_into_create(hc: Client, fake: FakeHoneycomb, penv: dict[str, str]) -> None:
    trigger = hc.triggers.create("web", TRIGGER)
    hny = f"{sys.executable} -m honeycomb"
    create = subprocess.run(
        f"{hny} triggers export {trigger.id} -d web | {hny} triggers create -d api -f - -q",
        shell=True,
        env=penv,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert create.returncode == 0, create.stderr
    (copy,) = hc.triggers.list("api")
    assert create.stdout == f"{copy.id}\n"
    assert (copy.name, copy.description) == (TRIGGER["name"], TRIGGER["description"])
    assert fake.api_key not in create.stdout + create.stderr


def test_exit_codes(penv: dict[str, str]) -> None:
    assert run_process(["datasets", "list"], env=penv).code == 0
    missing = run_process(["datasets", "get", "nope"], env=penv)
    assert missing.code == 1 and missing.stdout == ""
    assert missing.stderr.startswith("Error: 404") and missing.stderr.count("\n") == 1
    usage = run_process(["datasets", "get"], env=penv)
    assert usage.code == 2 and "Missing argument" in usage.stderr


def test_no_color_and_table_in_a_pipe(hc: Client, penv: dict[str, str]) -> None:
    for extra, env in ((["--no-color"], penv), ([], {**penv, "NO_COLOR": "1"})):
        result = run_process(["datasets", "list", "-o", "table", *extra], env=env)
        assert result.code == 0
        assert "\x1b[" not in result.stdout + result.stderr
        assert "SLUG" in result.stdout


def test_messages_go_to_stderr(penv: dict[str, str]) -> None:
    result = run_process(["datasets", "create", "--name", "shop"], env=penv)
    assert result.code == 0
    assert json.loads(result.stdout)["slug"] == "shop"
    assert result.stderr == "Created dataset shop.\n"


def _wait_until_reading_stdin(pid: int, timeout: float = 60) -> None:
    """Block until the process sits in read(0, ...), so the signal meets a running CLI."""
    syscall = Path(f"/proc/{pid}/syscall")
    if not syscall.exists():
        pytest.skip("needs /proc/<pid>/syscall (Linux) to know when the CLI is waiting")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            if syscall.read_text().startswith("0 0x0 "):  # read(2) on fd 0
                return
        time.sleep(0.05)
    raise AssertionError("the CLI never started reading stdin")


def test_ctrl_c_exits_130(penv: dict[str, str]) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "honeycomb", "triggers", "create", "-d", "web", "-f", "-"],
        env=penv,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    _wait_until_reading_stdin(process.pid)
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=30)
    assert process.returncode == 130
    assert stderr.strip() == "Interrupted."
    assert stdout == ""


def test_a_closed_pipe_is_not_an_error(hc: Client, penv: dict[str, str]) -> None:
    for i in range(30):
        hc.markers.create("web", {"message": f"m{i}" * 200})
    process = subprocess.Popen(
        f"{sys.executable} -m honeycomb markers list -d web -o ndjson | head -1",
        shell=True,
        env=penv,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    stdout, stderr = process.communicate(timeout=60)
    assert json.loads(stdout)["message"].startswith("m")
    assert "Traceback" not in stderr and "Error" not in stderr


def test_api_get_auth(fake: FakeHoneycomb, penv: dict[str, str]) -> None:
    result = run_process(["api", "GET", "/1/auth"], env=penv)
    assert result.code == 0
    assert json.loads(result.stdout)["team"]["slug"] == "fake-team"
    assert fake.api_key not in result.stdout + result.stderr
