"""Profiles, the keyring and its file fallback, and which credentials win."""

from __future__ import annotations

import json
import stat
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backend import KeyringBackend

from honeycomb.cli.credentials import ProfileKeys, resolve_credentials
from honeycomb.cli.profiles import KEYRING_SERVICE, SecretStore
from honeycomb.testing import FakeHoneycomb
from tests.cli._run import Run, run_cli


class MemoryKeyring(KeyringBackend):
    """A working keyring that keeps passwords in a dict."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.passwords.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError(username)


class LockedKeyring(MemoryKeyring):
    """A keyring that never answers (a desktop unlock prompt nobody sees)."""

    def set_password(self, service: str, username: str, password: str) -> None:
        time.sleep(30)

    def get_password(self, service: str, username: str) -> str | None:
        time.sleep(30)
        return None


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def staging(fake: FakeHoneycomb) -> str:
    """The configuration key of a second environment, "Staging"."""
    env = fake.add_environment("Staging")
    return fake.add_key("configuration", environment=env.id).value


def everything_secret(fake: FakeHoneycomb, *more: str) -> list[str]:
    return [fake.api_key, fake.management_key.partition(":")[2], *more]


def assert_no_secret(result: Run, secrets: list[str]) -> None:
    for secret in secrets:
        assert secret not in result.everything


def login(name: str, key: str, url: str, *extra: str) -> Run:
    return run_cli(
        ["auth", "login", "--profile", name, "--with-token", "--api-url", url, *extra],
        input=key + "\n",
    )


# -- the fallback file ---------------------------------------------------------------------


def test_login_without_keyring_falls_back_to_a_private_file(
    fake: FakeHoneycomb, url: str, cli_env: Path
) -> None:
    result = login("prod", fake.api_key, url)
    assert result.code == 0, result.stderr
    assert "Warning: No usable keyring" in result.stderr
    assert "readable only by you (mode 0600)" in result.stderr
    assert "Logged in to team 'fake-team', environment 'test' as profile 'prod'" in result.stderr
    secrets_file = cli_env / "secrets" / "credentials.json"
    assert stat.S_IMODE(secrets_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(secrets_file.parent.stat().st_mode) == 0o700
    assert json.loads(secrets_file.read_text()) == {"prod": {"api_key": fake.api_key}}
    config = (cli_env / "config.yaml").read_text()
    assert fake.api_key not in config and "storage: file" in config
    assert stat.S_IMODE((cli_env / "config.yaml").stat().st_mode) == 0o600
    assert_no_secret(result, everything_secret(fake))

    used = run_cli(["api", "GET", "/1/auth"])  # the first profile became the default
    assert used.code == 0, used.stderr
    assert json.loads(used.stdout)["environment"]["slug"] == "test"


def test_a_wrong_key_is_not_stored(url: str, cli_env: Path) -> None:
    result = login("prod", "0123456789abcdef0123456789abcdef", url)
    assert result.code == 1
    assert result.stderr.startswith("Error: 401")
    assert not (cli_env / "config.yaml").exists()
    assert "0123456789abcdef0123456789abcdef" not in result.everything


def test_login_with_both_kinds_of_key(fake: FakeHoneycomb, url: str, cli_env: Path) -> None:
    tokens = f"{fake.api_key}\n{fake.management_key}\n"
    result = run_cli(["auth", "login", "--with-token", "--api-url", url], input=tokens)
    assert result.code == 0, result.stderr
    status = run_cli(["auth", "status", "-o", "json"])
    assert status.code == 0, status.stderr
    row = json.loads(status.stdout)
    assert row["profile"] == "default" and row["source"] == "default profile 'default'"
    assert row["api_key"] == f"…{fake.api_key[-4:]}"
    assert row["management_key"].startswith("hcxmk_…") and row["management_key"].endswith(":…")
    assert (row["team"], row["environment"], row["management_team"]) == (
        "fake-team",
        "test",
        "fake-team",
    )
    assert_no_secret(status, everything_secret(fake))


def test_login_prompts_without_echo(
    monkeypatch: pytest.MonkeyPatch, fake: FakeHoneycomb, url: str
) -> None:
    from honeycomb.cli import context

    monkeypatch.setattr(context, "stdin_is_terminal", lambda: True)
    result = run_cli(["auth", "login", "--api-url", url], input=f"{fake.api_key}\n\n")
    assert result.code == 0, result.stderr
    assert "API key" in result.stderr
    assert_no_secret(result, everything_secret(fake))  # typed, never echoed


def test_login_refuses_to_prompt_in_a_pipe(url: str) -> None:
    result = run_cli(["auth", "login", "--api-url", url], input="")
    assert result.code == 1
    assert "--with-token" in result.stderr


# -- the keyring ---------------------------------------------------------------------------


def test_login_stores_keys_in_the_keyring(
    memory_keyring: MemoryKeyring, fake: FakeHoneycomb, url: str, cli_env: Path
) -> None:
    result = login("prod", fake.api_key, url)
    assert result.code == 0, result.stderr
    assert "Warning" not in result.stderr and "(keys in the keyring)" in result.stderr
    assert memory_keyring.passwords == {(KEYRING_SERVICE, "prod:api_key"): fake.api_key}
    assert not (cli_env / "secrets" / "credentials.json").exists()
    assert run_cli(["api", "GET", "/1/auth"]).code == 0
    logout = run_cli(["auth", "logout"])
    assert logout.code == 0
    assert memory_keyring.passwords == {}
    assert run_cli(["api", "GET", "/1/auth"]).code == 1


def test_a_locked_keyring_times_out_and_falls_back(tmp_path: Path) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(LockedKeyring())
    warnings: list[str] = []
    try:
        store = SecretStore(tmp_path, warn=warnings.append, timeout=0.2)
        started = time.monotonic()
        assert store.store("prod", {"api_key": "k" * 32}) == "file"
        assert time.monotonic() - started < 5
        assert "did not answer within 0.2 s" in warnings[0]
        assert store.load("prod", "file") == {"api_key": "k" * 32}
        started = time.monotonic()
        store.forget("prod")  # the keyring is known to be stuck: no second wait
        assert time.monotonic() - started < 1
        assert store.load("prod", None) == {}
    finally:
        keyring.set_keyring(previous)


def test_a_keyring_that_cannot_be_read_is_one_error_line(
    memory_keyring: MemoryKeyring, fake: FakeHoneycomb, url: str
) -> None:
    assert login("prod", fake.api_key, url).code == 0
    keyring.set_keyring(keyring.backends.fail.Keyring())  # type: ignore[no-untyped-call]
    result = run_cli(["api", "GET", "/1/auth"])
    assert result.code == 1
    assert result.stderr.startswith("Error: cannot read the keys of profile 'prod'")
    assert result.stderr.count("\n") == 1


# -- precedence ----------------------------------------------------------------------------


def test_named_profile_beats_the_environment(fake: FakeHoneycomb, url: str, staging: str) -> None:
    """The competitor's bug: with HONEYCOMB_API_KEY set, --profile staging still uses staging."""
    assert login("staging", staging, url).code == 0
    env = {"HONEYCOMB_API_KEY": fake.api_key, "HONEYCOMB_API_ENDPOINT": url}
    with_profile = run_cli(["--profile", "staging", "api", "GET", "/1/auth"], env=env)
    assert with_profile.code == 0, with_profile.stderr
    assert json.loads(with_profile.stdout)["environment"]["slug"] == "staging"
    after = run_cli(["api", "GET", "/1/auth", "-p", "staging"], env=env)
    assert json.loads(after.stdout)["environment"]["slug"] == "staging"
    status = run_cli(["auth", "status", "-p", "staging", "-o", "json"], env=env)
    assert json.loads(status.stdout)["source"] == "profile 'staging'"
    assert_no_secret(status, everything_secret(fake, staging))


def test_environment_beats_the_default_profile(fake: FakeHoneycomb, url: str, staging: str) -> None:
    assert login("staging", staging, url).code == 0  # the only profile: the default
    env = {"HONEYCOMB_API_KEY": fake.api_key, "HONEYCOMB_API_ENDPOINT": url}
    result = run_cli(["api", "GET", "/1/auth"], env=env)
    assert json.loads(result.stdout)["environment"]["slug"] == "test"
    alone = run_cli(["api", "GET", "/1/auth"])
    assert json.loads(alone.stdout)["environment"]["slug"] == "staging"


def test_flags_beat_everything(fake: FakeHoneycomb, url: str, staging: str) -> None:
    assert login("staging", staging, url).code == 0
    env = {"HONEYCOMB_API_KEY": staging, "HONEYCOMB_API_ENDPOINT": url}
    result = run_cli(["-p", "staging", "--api-key", fake.api_key, "api", "GET", "/1/auth"], env=env)
    assert json.loads(result.stdout)["environment"]["slug"] == "test"


def resolve(**overrides: Any) -> Any:
    arguments: dict[str, Any] = {
        "api_key": None,
        "management_key": None,
        "api_url": None,
        "profile": None,
        "default_profile": None,
        "environ": {},
        "load_profile": lambda name: {
            "staging": ProfileKeys(api_key="staging-key", api_url="https://staging.test"),
            "prod": ProfileKeys(api_key="prod-key", management_key="hcxmk_p:s", region="eu"),
        }[name],
    }
    arguments.update(overrides)
    return resolve_credentials(**arguments)


def test_a_named_profile_is_never_topped_up_from_the_environment() -> None:
    creds = resolve(
        profile="staging",
        environ={
            "HONEYCOMB_KEY_ID": "hcxmk_e",
            "HONEYCOMB_KEY_SECRET": "env-secret",
            "HONEYCOMB_API_ENDPOINT": "https://env.test",
        },
    )
    assert (creds.api_key, creds.management_key, creds.api_url) == (
        "staging-key",
        None,
        "https://staging.test",
    )


def test_environment_keys_are_not_mixed_with_the_default_profile() -> None:
    creds = resolve(default_profile="prod", environ={"HONEYCOMB_API_KEY": "env-key"})
    assert (creds.api_key, creds.management_key, creds.source) == (
        "env-key",
        None,
        "the environment",
    )


def test_the_default_profile_with_the_environment_endpoint() -> None:
    creds = resolve(
        default_profile="prod", environ={"HONEYCOMB_API_ENDPOINT": "http://127.0.0.1:1"}
    )
    assert (creds.api_key, creds.api_url, creds.region) == ("prod-key", "http://127.0.0.1:1", None)
    assert resolve(default_profile="prod").region == "eu"


def test_flags_are_per_field() -> None:
    creds = resolve(profile="prod", api_key="flag-key", api_url="https://flag.test")
    assert (creds.api_key, creds.management_key, creds.api_url) == (
        "flag-key",
        "hcxmk_p:s",
        "https://flag.test",
    )
    assert creds.source == "--api-key over profile 'prod'"


# -- config --------------------------------------------------------------------------------


def test_config_commands(fake: FakeHoneycomb, url: str, staging: str, cli_env: Path) -> None:
    added = run_cli(
        [
            "config",
            "add-profile",
            "prod",
            "--api-key",
            fake.api_key,
            "--management-key",
            fake.management_key,
            "--api-url",
            url,
        ]
    )
    assert added.code == 0, added.stderr
    assert (
        run_cli(["config", "add-profile", "staging", "--api-key", staging, "--region", "eu"]).code
        == 0
    )
    listed = json.loads(run_cli(["config", "list", "-o", "json"]).stdout)
    assert [(p["name"], p["default"]) for p in listed] == [("prod", True), ("staging", False)]
    assert listed[1]["region"] == "eu" and listed[1]["api_key"] == f"…{staging[-4:]}"
    assert run_cli(["config", "list", "-q"]).stdout == "prod\nstaging\n"
    shown = json.loads(run_cli(["config", "show", "staging", "-o", "json"]).stdout)
    assert shown["config_file"] == str(cli_env / "config.yaml")
    assert run_cli(["config", "set-default", "staging"]).code == 0
    assert json.loads(run_cli(["config", "show", "-o", "json"]).stdout)["name"] == "staging"
    removed = run_cli(["config", "remove-profile", "staging"])
    assert removed.code == 0 and "no default now" in removed.stderr
    assert json.loads(run_cli(["config", "list", "-o", "json"]).stdout)[0]["default"] is False
    assert "no default profile" in run_cli(["config", "show"]).stderr
    assert run_cli(["config", "remove-profile", "nope"]).code == 1
    assert run_cli(["config", "set-default", "nope"]).stderr.startswith(
        "Error: no profile named 'nope' (profiles: prod)"
    )
    for result in (added, removed):
        assert_no_secret(result, everything_secret(fake, staging))
    stored = (cli_env / "secrets" / "credentials.json").read_text()
    assert staging not in stored  # removed with its profile


def test_config_add_profile_rejects_a_bad_key() -> None:
    result = run_cli(["config", "add-profile", "x", "--api-key", "hcxmk_looks:like-management"])
    assert result.code == 1 and "looks like a management key" in result.stderr


def test_unknown_profile_is_one_error_line(url: str) -> None:
    result = run_cli(["-p", "ghost", "api", "GET", "/1/auth"])
    assert result.code == 1
    assert result.stderr == (
        "Error: no profile named 'ghost' (profiles: none yet); create it with: "
        "honeycomb auth login --profile ghost\n"
    )


def test_config_dir_defaults_to_platformdirs(monkeypatch: pytest.MonkeyPatch) -> None:
    import platformdirs

    from honeycomb.cli.profiles import config_dir

    assert config_dir({}) == Path(platformdirs.user_config_dir("honeycomb", appauthor=False))
    assert config_dir({"HONEYCOMB_CONFIG_DIR": "/x/y"}) == Path("/x/y")
