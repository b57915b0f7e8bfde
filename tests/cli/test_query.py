"""``honeycomb query run``: builder flags, --spec/-f, local validation, --watch, csv, exit codes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from honeycomb.testing import FakeHoneycomb
from tests.cli._run import clean_env, run_cli, run_process

ROUTES = ("/a", "/b", "/c")


@pytest.fixture(autouse=True)
def events(fake: FakeHoneycomb) -> None:
    """60 events in ``web``: route /a, /b, /c in turn; every 4th a 500; durations 0..59."""
    with fake.client() as client:
        client.datasets.create({"name": "web"})
        client.events.send_batch(
            "web",
            [
                {
                    "data": {
                        "route": ROUTES[i % 3],
                        "status_code": 500 if i % 4 == 0 else 200,
                        "duration_ms": i,
                    }
                }
                for i in range(60)
            ],
        )


def rows(stdout: str) -> list[dict[str, object]]:
    data = json.loads(stdout)
    assert isinstance(data, list)
    return data


def test_builder_flags_run_and_print_the_rows(env: dict[str, str]) -> None:
    result = run_cli(
        [
            "query", "run", "-d", "web",
            "--calc", "COUNT", "--calc", "MAX(duration_ms)",
            "--where", "status_code >= 500",
            "--breakdown", "route",
            "--order", "COUNT desc", "--order", "route",
            "--last", "2h", "-o", "json",
        ],
        env=env,
    )  # fmt: skip
    assert result.code == 0, result.stderr
    # 15 errors: i = 0, 4, ..., 56; route i % 3 -> /a: 0,12,24,36,48 ...
    assert rows(result.stdout) == [
        {"route": "/a", "COUNT": 5, "MAX(duration_ms)": 48},
        {"route": "/b", "COUNT": 5, "MAX(duration_ms)": 52},
        {"route": "/c", "COUNT": 5, "MAX(duration_ms)": 56},
    ]
    assert result.stderr.startswith("Query: http")


def test_filters_of_every_kind_and_any(env: dict[str, str]) -> None:
    def count(*flags: str) -> object:
        result = run_cli(["query", "run", "-d", "web", "-o", "json", *flags], env=env)
        assert result.code == 0, result.stderr
        found = rows(result.stdout)
        return found[0]["COUNT"] if found else 0

    assert count("--where", "route in /a,/b") == 40
    assert count("--where", "route not-in [/a]") == 40
    assert count("--where", "route starts-with /") == 60
    assert count("--where", "status_code = 500", "--where", "route = /a") == 5
    assert count("--where", "status_code = 500", "--where", "route = /a", "--any") == 30
    assert count("--where", "missing exists") == 0
    assert count("--where", "missing does-not-exist") == 60
    assert count("--where", "duration_ms < 10", "--where", "route contains a") == 4


def test_csv_suits_spreadsheets(env: dict[str, str]) -> None:
    result = run_cli(
        ["query", "run", "-d", "web", "--calc", "COUNT", "--breakdown", "route", "-o", "csv"],
        env=env,
    )
    assert result.code == 0, result.stderr
    table = list(csv.reader(io.StringIO(result.stdout)))
    assert table[0] == ["route", "COUNT"]
    assert sorted(table[1:]) == [["/a", "20"], ["/b", "20"], ["/c", "20"]]


def test_spec_and_file_and_flags_extending_them(env: dict[str, str], tmp_path: Path) -> None:
    spec = json.dumps({"calculations": [{"op": "COUNT"}], "breakdowns": ["route"]})
    from_spec = run_cli(["query", "run", "-d", "web", "--spec", spec, "-o", "json"], env=env)
    assert from_spec.code == 0, from_spec.stderr
    assert len(rows(from_spec.stdout)) == 3

    query_file = tmp_path / "q.yaml"
    query_file.write_text(
        "calculations:\n  - op: COUNT\nfilters:\n  - {column: route, op: '=', value: /b}\n"
    )
    extended = run_cli(
        ["query", "run", "-d", "web", "-f", str(query_file), "--where", "status_code = 500",
         "-o", "json"],
        env=env,
    )  # fmt: skip
    assert extended.code == 0, extended.stderr
    assert rows(extended.stdout) == [{"COUNT": 5}]


def test_dry_run_prints_the_validated_query(fake: FakeHoneycomb, env: dict[str, str]) -> None:
    fake.clear_requests()
    result = run_cli(
        ["query", "run", "-d", "web", "--calc", "p99(duration_ms)", "--last", "30m",
         "--granularity", "1m", "--dry-run"],
        env=env,
    )  # fmt: skip
    assert result.code == 0, result.stderr
    assert json.loads(result.stdout) == {
        "calculations": [{"op": "P99", "column": "duration_ms"}],
        "granularity": 60,
        "time_range": 1800,
    }
    assert fake.requests == []  # nothing sent


def test_a_bad_flag_is_a_usage_error_naming_it(fake: FakeHoneycomb, env: dict[str, str]) -> None:
    fake.clear_requests()
    result = run_cli(["query", "run", "-d", "web", "--where", "status_code >== 500"], env=env)
    assert result.code == 2
    assert result.stdout == ""
    assert "Invalid value for --where 'status_code >== 500': unknown operator '>=='" in (
        result.stderr
    )
    assert "Traceback" not in result.stderr
    assert fake.requests == []


def test_query_rules_are_checked_locally(fake: FakeHoneycomb, env: dict[str, str]) -> None:
    fake.clear_requests()
    result = run_cli(
        ["query", "run", "-d", "web", "--calc", "P99", "--having", "COUNT > 1", "--last", "9d"],
        env=env,
    )
    assert result.code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("Error: invalid query: 3 problems")
    assert "--calc P99: calculations[0]: P99 needs a column" in lines[0]
    assert "--having 'COUNT > 1': havings[0] refers to COUNT" in lines[0]
    assert "--last 9d: the query covers" in lines[0]
    assert fake.requests == []


def test_spec_and_file_together_is_a_usage_error(env: dict[str, str], tmp_path: Path) -> None:
    (tmp_path / "q.json").write_text("{}")
    result = run_cli(
        ["query", "run", "-d", "web", "--spec", "{}", "-f", str(tmp_path / "q.json")], env=env
    )
    assert result.code == 2
    assert "not both" in result.stderr


def test_an_unknown_dataset_is_one_error_line(env: dict[str, str]) -> None:
    result = run_cli(["query", "run", "-d", "nope", "--calc", "COUNT"], env=env)
    assert result.code == 1
    assert result.stderr.startswith("Error: 404")
    assert result.stderr.count("\n") == 1


def test_more_than_1000_rows_goes_on_the_result_request(
    fake: FakeHoneycomb, env: dict[str, str]
) -> None:
    fake.clear_requests()
    result = run_cli(
        ["query", "run", "-d", "web", "--breakdown", "duration_ms", "--limit", "5000",
         "-o", "json"],
        env=env,
    )  # fmt: skip
    assert result.code == 0, result.stderr
    assert len(rows(result.stdout)) == 60
    saved = next(r for r in fake.requests if r.method == "POST" and r.path == "/1/queries/web")
    created = next(r for r in fake.requests if r.path == "/1/query_results/web")
    assert json.loads(saved.body)["limit"] == 1000
    request = json.loads(created.body)
    assert (request["limit"], request["disable_series"]) == (5000, True)


def test_watch_reruns_the_saved_query(
    fake: FakeHoneycomb, env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    naps: list[float] = []

    def sleep(seconds: float) -> None:
        naps.append(seconds)
        if len(naps) == 3:
            raise KeyboardInterrupt  # what Ctrl-C does to a watch

    from honeycomb.cli.commands import query

    monkeypatch.setattr(query, "_pause", sleep)
    fake.clear_requests()
    result = run_cli(
        ["query", "run", "-d", "web", "--calc", "COUNT", "--watch", "5", "-o", "ndjson"], env=env
    )
    assert result.code == 0, result.stderr
    assert [json.loads(line) for line in result.stdout.splitlines()] == [{"COUNT": 60}] * 3
    assert all(0 < nap <= 5 for nap in naps)
    assert "Stopped watching." in result.stderr
    posts = [r.path for r in fake.requests if r.method == "POST"]
    assert posts.count("/1/queries/web") == 1  # saved once
    assert posts.count("/1/query_results/web") == 3  # run three times


def test_watch_survives_a_failed_run(
    fake: FakeHoneycomb, env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    naps: list[float] = []

    def sleep(seconds: float) -> None:
        naps.append(seconds)
        if len(naps) == 2:
            raise KeyboardInterrupt

    from honeycomb.cli.commands import query

    monkeypatch.setattr(query, "_pause", sleep)
    fake.inject("createQueryResult", status=400, body={"error": "boom"}, times=1)
    result = run_cli(
        ["query", "run", "-d", "web", "--calc", "COUNT", "--watch", "1", "-o", "json"], env=env
    )
    assert result.code == 0, result.stderr
    assert "Error: 400 boom" in result.stderr
    assert json.loads(result.stdout) == [{"COUNT": 60}]


def test_as_a_process_against_a_served_fake(fake: FakeHoneycomb, url: str) -> None:
    env = clean_env({"HONEYCOMB_API_ENDPOINT": url, "HONEYCOMB_API_KEY": fake.api_key})
    ok = run_process(
        ["query", "run", "-d", "web", "--calc", "COUNT", "--breakdown", "route", "--order",
         "route desc"],
        env=env,
    )  # fmt: skip
    assert ok.code == 0, ok.stderr
    assert [r["route"] for r in rows(ok.stdout)] == ["/c", "/b", "/a"]  # json in a pipe
    bad = run_process(["query", "run", "-d", "web", "--last", "soon"], env=env)
    assert bad.code == 2
    assert "--last 'soon'" in bad.stderr or "--last soon" in bad.stderr
    assert fake.api_key not in ok.everything + bad.everything
