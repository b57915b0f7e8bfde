"""``honeycomb events send``: NDJSON and JSON arrays from stdin or a file, counts, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from honeycomb.testing import FakeHoneycomb
from tests.cli._run import clean_env, run_cli, run_process


@pytest.fixture(autouse=True)
def web(fake: FakeHoneycomb) -> None:
    with fake.client() as client:
        client.datasets.create({"name": "web"})


def ndjson(count: int) -> str:
    return "".join(json.dumps({"i": i, "route": f"/r{i % 3}"}) + "\n" for i in range(count))


def summary(stdout: str) -> dict[str, object]:
    data = json.loads(stdout)
    assert isinstance(data, dict)
    return data


def test_ndjson_from_stdin(fake: FakeHoneycomb, env: dict[str, str]) -> None:
    result = run_cli(["events", "send", "-d", "web"], env=env, input=ndjson(250))
    assert result.code == 0, result.stderr
    report = summary(result.stdout)
    assert (report["sent"], report["failed"], report["unreadable"]) == (250, 0, 0)
    assert report["dataset"] == "web"
    stored = fake.events("web")
    assert [e["data"]["i"] for e in stored] == list(range(250))
    assert result.stderr == ""  # no progress bar in a pipe


def test_a_json_array_from_a_file(fake: FakeHoneycomb, env: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "events.json"
    path.write_text(json.dumps([{"a": 1}, {"b": "two"}], indent=2))
    result = run_cli(["events", "send", "-d", "web", "-f", str(path)], env=env)
    assert result.code == 0, result.stderr
    assert summary(result.stdout)["sent"] == 2
    assert [e["data"] for e in fake.events("web")] == [{"a": 1}, {"b": "two"}]


def test_bad_lines_are_named_the_rest_is_sent_and_it_exits_1(
    fake: FakeHoneycomb, env: dict[str, str]
) -> None:
    data = '{"ok": 1}\n{"broken": \n42\n{}\n{"ok": 2}\n'
    result = run_cli(["events", "send", "-d", "web"], env=env, input=data)
    assert result.code == 1
    report = summary(result.stdout)
    assert (report["sent"], report["failed"], report["unreadable"]) == (2, 1, 2)
    assert [e["data"] for e in fake.events("web")] == [{"ok": 1}, {"ok": 2}]
    assert "Warning: line 2: invalid JSON: Expecting value" in result.stderr
    assert "Warning: line 3: an event must be a JSON object, got a number" in result.stderr
    assert "Warning: line 4: " in result.stderr  # {} has no fields: the batcher refuses it
    last = result.stderr.splitlines()[-1]
    assert last == "Error: 1 of 3 events failed; 2 lines were not events"


def test_a_broken_array_stops_after_sending_what_came_before(
    fake: FakeHoneycomb, env: dict[str, str]
) -> None:
    result = run_cli(
        ["events", "send", "-d", "web"], env=env, input='[{"a": 1},\n{"b": 2}\n{"c": 3}]'
    )
    assert result.code == 1
    assert summary(result.stdout)["sent"] == 2
    assert len(fake.events("web")) == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: reading stopped at line 3: expected ',' or ']' after an event, got '{' "
        "(the events before it were sent)"
    )


def test_api_failures_are_counted(fake: FakeHoneycomb, env: dict[str, str]) -> None:
    fake.inject("createEvents", status=400, body={"error": "nope"}, times=None)
    result = run_cli(["events", "send", "-d", "web"], env=env, input=ndjson(3))
    assert result.code == 1
    report = summary(result.stdout)
    assert (report["sent"], report["failed"]) == (0, 3)
    assert "Warning: line 1: " in result.stderr
    assert result.stderr.splitlines()[-1] == "Error: 3 of 3 events failed"


def test_a_missing_file_is_one_error_line(env: dict[str, str], tmp_path: Path) -> None:
    result = run_cli(["events", "send", "-d", "web", "-f", str(tmp_path / "nope.json")], env=env)
    assert result.code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("Error: cannot read ")
    assert result.stderr.count("\n") == 1


def test_a_progress_bar_on_a_terminal(
    env: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rich.console import Console

    monkeypatch.setattr(Console, "is_terminal", property(lambda self: True))
    path = tmp_path / "events.ndjson"
    path.write_text(ndjson(2500))
    result = run_cli(["events", "send", "-d", "web", "-f", str(path)], env=env)
    assert result.code == 0, result.stderr
    assert "events" in result.stderr  # the bar's description: "2,500 events"
    assert summary(result.stdout)["sent"] == 2500


def test_as_a_process_reading_a_pipe(fake: FakeHoneycomb, url: str) -> None:
    env = clean_env({"HONEYCOMB_API_ENDPOINT": url, "HONEYCOMB_API_KEY": fake.api_key})
    result = run_process(["events", "send", "-d", "web", "-f", "-"], env=env, input=ndjson(1000))
    assert result.code == 0, result.stderr
    report = summary(result.stdout)
    assert (report["sent"], report["failed"]) == (1000, 0)
    assert isinstance(report["events_per_second"], int)
    assert len(fake.events("web")) == 1000
    assert fake.api_key not in result.everything
    bad = run_process(["events", "send", "-d", "web"], env=env, input="not json\n")
    assert bad.code == 1
    assert bad.stderr.splitlines()[-1] == "Error: 1 line was not an event"
