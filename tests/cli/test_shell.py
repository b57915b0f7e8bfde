"""``honeycomb shell``: lines through prompt_toolkit's pipe input, completion against a fake."""

from __future__ import annotations

import json
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import pytest
import typer
from prompt_toolkit.completion import CompleteEvent
from prompt_toolkit.document import Document
from prompt_toolkit.history import InMemoryHistory
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from honeycomb.cli._group import Lazy, LazyGroup
from honeycomb.cli.app import command
from honeycomb.cli.profiles import ConfigStore, Profile, SecretStore
from honeycomb.cli.shell import HISTORY_FILE, RedactingHistory, ShellSession, redact
from honeycomb.cli.shell_completion import split_line
from honeycomb.testing import FakeHoneycomb
from tests.cli._run import run_cli


@pytest.fixture(autouse=True)
def datasets(fake: FakeHoneycomb) -> None:
    """Two datasets; ``web`` has the columns route, status_code and duration_ms."""
    with fake.client() as client:
        client.datasets.create({"name": "web"})
        client.datasets.create({"name": "api"})
        client.events.send_batch(
            "web",
            [
                {"data": {"route": f"/{i % 2}", "status_code": 200, "duration_ms": i}}
                for i in range(10)
            ],
        )
        trigger = {
            "name": "Slow",
            "query": {"calculations": [{"op": "COUNT"}], "time_range": 900},
            "threshold": {"op": ">", "value": 1},
            "frequency": 900,
        }
        client.triggers.create("web", trigger)


_OPEN: list[ShellSession] = []


def session_for(env: dict[str, str], **options: object) -> ShellSession:
    session = ShellSession(command(), environ=env, history=InMemoryHistory(), **options)  # type: ignore[arg-type]
    _OPEN.append(session)
    return session


@pytest.fixture(autouse=True)
def close_sessions() -> Iterator[None]:
    yield
    while _OPEN:
        _OPEN.pop().close()


def drive(session: ShellSession, text: str) -> int:
    """Type ``text`` at the prompt (then Ctrl-D) and run the loop to its end."""
    with create_pipe_input() as pipe:
        pipe.send_text(text)
        pipe.close()
        return session.loop(input=pipe, output=DummyOutput())


@pytest.fixture
def env_dict(env: dict[str, str], cli_env: Path) -> dict[str, str]:
    return {**env, "HONEYCOMB_CONFIG_DIR": str(cli_env)}


# --------------------------------------------------------------------------- running


def test_commands_run_without_the_leading_honeycomb(
    fake: FakeHoneycomb, env_dict: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    session = session_for(env_dict)
    drive(session, "api GET /1/auth\nschema show QuerySpec -o json\n")
    out = capsys.readouterr().out
    auth, _, schema = out.partition("}\n")
    assert json.loads(auth + "}")["team"]["slug"] == fake.team_slug
    assert json.loads(schema)["title"] == "QuerySpec"


def test_use_dataset_persists_and_shows_in_the_prompt(
    env_dict: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    session = session_for(env_dict)
    assert session.prompt == "honeycomb> "
    drive(
        session,
        "use dataset web\nquery run --calc COUNT -o json\n"
        "query run --calc COUNT --where 'route = /1' -o json\n",
    )
    assert session.dataset == "web"
    assert session.prompt == "honeycomb:web> "
    first, second = capsys.readouterr().out.strip().split("\n]\n")
    assert json.loads(first + "]") == [{"COUNT": 10}]
    assert json.loads(second) == [{"COUNT": 5}]


def test_an_explicit_dataset_wins_over_the_sessions(
    fake: FakeHoneycomb, env_dict: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    session = session_for(env_dict, dataset="web")
    drive(session, "query run -d api --calc COUNT -o json\n")
    assert json.loads(capsys.readouterr().out) == []  # api has no events
    assert any(r.path == "/1/queries/api" for r in fake.requests)


def test_tables_by_default(env_dict: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    drive(session_for(env_dict, dataset="web"), "query run --calc COUNT\n")
    out = capsys.readouterr().out
    assert "COUNT" in out and "10" in out
    assert "┃" in out or "|" in out or "─" in out  # a table, not JSON


def test_an_error_prints_its_line_and_the_prompt_comes_back(
    env_dict: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    session = session_for(env_dict)
    status = drive(
        session,
        "query run -d nope --calc COUNT\nquery run --where 'x >== 1' -d web\nnosuch\n"
        "use dataset web\nquery run --calc COUNT -o json\n",
    )
    captured = capsys.readouterr()
    assert "Error: 404" in captured.err
    assert "unknown operator '>=='" in captured.err
    assert "No such command 'nosuch'" in captured.err
    assert json.loads(captured.out) == [{"COUNT": 10}]  # the session went on
    assert status == 0
    assert "Traceback" not in captured.err


def test_one_client_for_the_session(
    env_dict: dict[str, str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from honeycomb.cli import _client

    built = []
    real = _client.build_client

    def counting(*args: object, **kwargs: object) -> object:
        client = real(*args, **kwargs)  # type: ignore[arg-type]
        built.append(client)
        return client

    monkeypatch.setattr(_client, "build_client", counting)
    session = session_for(env_dict, dataset="web")
    drive(session, "query run --calc COUNT -o json\napi GET /1/auth\nquery run --calc COUNT\n")
    assert len(built) == 1
    assert session.clients == {}  # closed when the session ended


def test_ctrl_c_cancels_the_running_command_only(
    env_dict: dict[str, str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from honeycomb.cli.commands import schema

    def interrupted(name: str) -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr("honeycomb.cli.model_schemas.model_schema", interrupted)
    session = session_for(env_dict)
    assert session.run_line("schema show Trigger")  # the session goes on
    assert session.last_status == 130
    drive(session, "schema show Trigger\napi GET /1/auth\n")
    captured = capsys.readouterr()
    assert json.loads(captured.out)["team"]  # the next command ran
    assert session.last_status == 0
    assert schema.app is not None


def test_ctrl_c_at_the_prompt_clears_the_line_and_ctrl_d_leaves(
    env_dict: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    session = session_for(env_dict)
    drive(session, "api GET /1/nope\x03api GET /1/auth\n\x04")
    captured = capsys.readouterr()
    assert json.loads(captured.out)["team"]
    assert "Error" not in captured.err  # the interrupted line never ran


def test_use_profile(
    fake: FakeHoneycomb, env_dict: dict[str, str], cli_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = ConfigStore(cli_env)
    store.profiles["staging"] = Profile("staging", api_url=env_dict["HONEYCOMB_API_ENDPOINT"])
    store.profiles["staging"].storage = SecretStore(cli_env, warn=lambda _: None).store(
        "staging", {"api_key": fake.api_key}
    )
    store.save()
    no_env_key = {k: v for k, v in env_dict.items() if k != "HONEYCOMB_API_KEY"}
    session = session_for(no_env_key)
    drive(session, "use profile nope\nuse profile staging\nuse dataset web\napi GET /1/auth\n")
    captured = capsys.readouterr()
    assert "Error: no profile named 'nope'" in captured.err
    assert session.profile == "staging"
    assert session.prompt == "staging:web> "
    assert json.loads(captured.out)["team"]["slug"] == fake.team_slug


# ------------------------------------------------------------------------ completion


def complete(session: ShellSession, text: str) -> list[str]:
    return [c.text for c in session.completer.get_completions(Document(text), CompleteEvent())]


def test_command_and_option_names_come_from_the_tree(env_dict: dict[str, str]) -> None:
    session = session_for(env_dict)
    assert "query" in complete(session, "")
    assert complete(session, "qu") == ["queries", "query-annotations", "query"]
    assert complete(session, "us") == ["use"]
    assert complete(session, "query ") == ["run"]
    assert complete(session, "schema s") == ["show"]
    assert complete(session, "query run --bre") == ["--breakdown"]
    assert "--calc" in complete(session, "query run --")
    assert "--profile" in complete(session, "query run --")  # global options too
    assert complete(session, "query run -o j") == ["json"]
    assert complete(session, "use ") == ["dataset", "profile"]


def test_values_come_from_the_environment(fake: FakeHoneycomb, env_dict: dict[str, str]) -> None:
    session = session_for(env_dict)
    assert sorted(complete(session, "use dataset ")) == ["api", "web"]
    assert complete(session, "query run -d w") == ["web"]
    assert sorted(complete(session, "query run -d web --breakdown ")) == [
        "duration_ms",
        "route",
        "status_code",
    ]
    assert complete(session, "query run -d web --where st") == ["status_code"]
    assert complete(session, "query run -d web --calc P99(d") == ["P99(duration_ms)"]
    assert "P99(" in complete(session, "query run -d web --calc P")


def test_columns_of_the_sessions_dataset_fetched_once(
    fake: FakeHoneycomb, env_dict: dict[str, str]
) -> None:
    session = session_for(env_dict)
    session.run_line("use dataset web")
    fake.clear_requests()
    first = complete(session, "query run --breakdown ")
    again = complete(session, "query run --where ")
    assert sorted(first) == sorted(again) == ["duration_ms", "route", "status_code"]
    assert [r.path for r in fake.requests] == ["/1/columns/web"]  # lazily, once
    session.run_line("refresh")
    complete(session, "query run --breakdown ")
    assert len(fake.requests) == 2


triggers_app = typer.Typer(add_completion=False)


@triggers_app.command("get")
def _get_trigger(
    trigger_id: str, dataset: Annotated[str, typer.Option("--dataset", "-d")] = ""
) -> None:
    """A stand-in with the shape of a resource group's get."""


@triggers_app.command("list")
def _list_triggers() -> None:
    """A second verb, so that the group stays a group."""


def test_object_ids_with_their_names(fake: FakeHoneycomb, env_dict: dict[str, str]) -> None:
    group = LazyGroup(
        name="honeycomb",
        lazy={"triggers": Lazy("tests.cli.test_shell:triggers_app", "Triggers.")},
        aliases={"trigger": "triggers"},
    )
    session = ShellSession(group, environ=env_dict, dataset="web", history=InMemoryHistory())
    _OPEN.append(session)
    [trigger] = session.values.objects("triggers", "web")
    assert trigger.meta == "Slow"
    by_name = session.completer.candidates(["triggers", "get"], "Sl")
    by_id = session.completer.candidates(["trigger", "get", "-d", "web"], trigger.text[:3])
    assert [v.text for v in by_name] == [v.text for v in by_id] == [trigger.text]
    assert session.completer.candidates(["triggers", "get", trigger.text], "") == []
    # the session's dataset is passed on to the command that takes one
    assert session._with_defaults(["triggers", "get", "x"]) == [
        "triggers", "get", "--dataset", "web", "x"
    ]  # fmt: skip
    assert session._with_defaults(["triggers", "list"]) == ["triggers", "list"]


def test_a_failing_fetch_completes_nothing(env_dict: dict[str, str]) -> None:
    broken = {**env_dict, "HONEYCOMB_API_ENDPOINT": "http://127.0.0.1:9"}
    session = session_for(broken)
    assert complete(session, "use dataset ") == []


def test_split_line() -> None:
    assert split_line("") == ([], "")
    assert split_line("query run --where 'a b") == (["query", "run", "--where"], "a b")
    assert split_line("query run ") == (["query", "run"], "")
    assert split_line('schema show "Tri') == (["schema", "show"], "Tri")


# --------------------------------------------------------------------------- history


def test_history_never_holds_a_key(
    fake: FakeHoneycomb, env_dict: dict[str, str], cli_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    session = ShellSession(command(), environ=env_dict)
    drive(session, f"api GET /1/auth --api-key {fake.api_key}\nuse dataset web\n")
    path = cli_env / HISTORY_FILE
    text = path.read_text()
    assert fake.api_key not in text
    assert "api GET /1/auth --api-key ***" in text
    assert "use dataset web" in text
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert json.loads(capsys.readouterr().out)["team"]  # the key was used, just not kept


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("config add-profile p --api-key abc123", "config add-profile p --api-key ***"),
        ("x --management-key=id:secret", "x --management-key=***"),
        ("api GET /1/auth -H 'X-Honeycomb-Team: k'", "api GET /1/auth -H 'X-Honeycomb-Team: ***"),
        ("echo hcxlk_0123456789abcdef", "echo ***"),
        ("echo 0123456789abcdef0123456789abcdef", "echo ***"),
        ("query run --calc COUNT", "query run --calc COUNT"),
    ],
)
def test_redact(line: str, kept: str) -> None:
    assert redact(line) == kept


def test_history_file_is_private(tmp_path: Path) -> None:
    history = RedactingHistory(tmp_path / "deep" / "h")
    history.append_string("use dataset x --api-key secret")
    assert list(history.get_strings()) == ["use dataset x --api-key ***"]
    reopened = RedactingHistory(tmp_path / "deep" / "h")  # the next session reads it back
    assert list(reopened.load_history_strings()) == ["use dataset x --api-key ***"]
    assert stat.S_IMODE((tmp_path / "deep").stat().st_mode) == 0o700


def test_the_shell_command_is_registered() -> None:
    result = run_cli(["shell", "--help"])
    assert result.code == 0
    assert "--dataset" in result.stdout
