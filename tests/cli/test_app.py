"""The application shell: fast help, global options anywhere, exit codes, error lines."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from honeycomb import __version__
from honeycomb.testing import FakeHoneycomb
from tests.cli._run import clean_env, run_cli, run_process

HEAVY = (
    "httpx",
    "pydantic",
    "keyring",
    "yaml",
    "honeycomb.models",
    "honeycomb._sync.client",
    "honeycomb._sync.resources",
    "honeycomb._async.resources",
    "honeycomb.cli.commands.resources",
)


@pytest.mark.parametrize("args", [["--help"], ["--version"], []])
def test_help_and_version_import_nothing_heavy(args: list[str]) -> None:
    code = (
        "import sys\n"
        "from honeycomb.cli import main\n"
        "try:\n"
        f"    main({args!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        f"heavy = sorted(m for m in sys.modules if m.startswith({HEAVY!r}))\n"
        "print('HEAVY', heavy, file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env=clean_env(),
    )
    assert "HEAVY []" in result.stderr, result.stderr


def test_version() -> None:
    result = run_cli(["--version"])
    assert result.code == 0
    assert result.stdout == f"honeycomb-sdk {__version__}\n"


def test_help_lists_groups_and_hides_aliases() -> None:
    result = run_cli(["--help"])
    assert result.code == 0
    assert "Global options" in result.stdout
    assert "--profile" in result.stdout
    assert " api " in result.stdout
    assert "completion" in result.stdout


def test_python_dash_m_and_console_scripts_agree(env: dict[str, str]) -> None:
    result = run_process(["--version"], env=clean_env())
    assert result.code == 0
    assert result.stdout == f"honeycomb-sdk {__version__}\n"


def test_without_the_extra_it_prints_the_install_command() -> None:
    code = (
        "import sys\n"
        "sys.modules['typer'] = None\n"  # what an install without the extra looks like
        "from honeycomb.cli import main\n"
        "main([])\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr == 'The honeycomb CLI needs its extra: pip install "honeycomb-sdk[cli]"\n'
    assert result.stdout == ""


def test_unknown_command_is_a_usage_error_with_a_suggestion() -> None:
    result = run_cli(["completon", "bash"])
    assert result.code == 2
    assert "No such command 'completon'" in result.stderr
    assert "Did you mean 'completion'" in result.stderr
    assert result.stdout == ""


def test_unknown_option_is_a_usage_error() -> None:
    result = run_cli(["api", "GET", "/1/auth", "--bogus"])
    assert result.code == 2
    assert "No such option" in result.stderr


def test_no_credentials_is_one_error_line() -> None:
    result = run_cli(["api", "GET", "/1/auth"])
    assert result.code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("Error: No Honeycomb credentials")
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_api_get_auth(fake: FakeHoneycomb, env: dict[str, str]) -> None:
    result = run_cli(["api", "GET", "/1/auth"], env=env)
    assert result.code == 0, result.stderr
    body = json.loads(result.stdout)
    assert body["team"]["slug"] == fake.team_slug
    assert fake.api_key not in result.everything


def test_global_options_before_or_after_the_subcommand(fake: FakeHoneycomb, url: str) -> None:
    after = run_cli(["api", "GET", "/1/auth", "--api-key", fake.api_key, "--api-url", url])
    before = run_cli(["--api-key", fake.api_key, "--api-url", url, "api", "GET", "/1/auth"])
    assert after.code == before.code == 0, after.stderr + before.stderr
    assert json.loads(after.stdout) == json.loads(before.stdout)


def test_api_error_prints_the_body_and_exits_1(env: dict[str, str]) -> None:
    result = run_cli(["api", "GET", "/1/datasets/nope"], env=env)
    assert result.code == 1
    assert json.loads(result.stdout)["error"]
    assert "Traceback" not in result.stderr


def test_api_include_shows_status_and_headers(env: dict[str, str]) -> None:
    result = run_cli(["api", "GET", "/1/auth", "--include"], env=env)
    assert result.code == 0
    head, _, body = result.stdout.partition("\n\n")
    assert head.startswith("HTTP/1.1 200 OK\n")
    assert "content-type: application/json" in head.lower()
    assert json.loads(body)["team"]


def test_api_fields_make_the_body(fake: FakeHoneycomb, env: dict[str, str]) -> None:
    result = run_cli(
        ["api", "POST", "/1/datasets", "--field", "name=web", "--field", "expand_json_depth=2"],
        env=env,
    )
    assert result.code == 0, result.stderr
    created = json.loads(result.stdout)
    assert (created["name"], created["expand_json_depth"]) == ("web", 2)


def test_api_team_placeholder_uses_the_management_key(
    fake: FakeHoneycomb, env: dict[str, str]
) -> None:
    result = run_cli(["api", "GET", "/2/teams/{team}/environments"], env=env)
    assert result.code == 0, result.stderr
    names = [e["attributes"]["name"] for e in json.loads(result.stdout)["data"]]
    assert "Test" in names
    assert fake.management_key.partition(":")[2] not in result.everything


def test_ctrl_c_exits_130(monkeypatch: pytest.MonkeyPatch, env: dict[str, str]) -> None:
    from honeycomb.cli import inputs

    def interrupted(fields: object) -> dict[str, object]:
        raise KeyboardInterrupt

    monkeypatch.setattr(inputs, "parse_fields", interrupted)
    result = run_cli(["api", "GET", "/1/auth"], env=env)
    assert result.code == 130
    assert "Traceback" not in result.stderr


def test_debug_shows_the_traceback_and_redacted_requests(
    fake: FakeHoneycomb, env: dict[str, str]
) -> None:
    result = run_cli(["--debug", "api", "GET", "/1/datasets/nope"], env=env)
    assert result.code == 1
    assert "GET http://127.0.0.1" in result.stderr and "/1/datasets/nope -> 404" in result.stderr
    assert "'x-honeycomb-team': '<redacted>'" in result.stderr
    quiet = run_cli(["api", "GET", "/1/nope-at-all", "--api-url", "http://example.com"], env=env)
    assert quiet.code == 1
    assert quiet.stderr.startswith("Error: ") and "Traceback" not in quiet.stderr
    loud = run_cli(["api", "GET", "/1/nope", "--api-url", "http://example.com", "--debug"], env=env)
    assert "Traceback" in loud.stderr
    assert fake.api_key not in result.everything + loud.everything


def test_completion_scripts() -> None:
    markers = (("bash", "complete -o default -F"), ("zsh", "compdef"), ("fish", "complete"))
    for shell, marker in markers:
        result = run_cli(["completion", shell])
        assert result.code == 0, result.stderr
        assert marker in result.stdout
        assert "_HONEYCOMB_COMPLETE" in result.stdout


def test_completion_completes_command_names() -> None:
    env = clean_env(
        {"_HONEYCOMB_COMPLETE": "complete_bash", "COMP_WORDS": "honeycomb comp", "COMP_CWORD": "1"}
    )
    result = run_process([], env=env)
    assert result.stdout.split() == ["completion"]
