"""docs/porting.md runs: its Python example against two fakes, its `honeycomb` commands
against two served fakes behind the profiles ``prod`` and ``staging``."""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import honeycomb
from honeycomb.testing import FakeHoneycomb
from tests._sync.porting_graph import seed

from ._run import run_cli

DOC = Path(__file__).resolve().parents[2] / "docs" / "porting.md"


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", DOC.read_text(), flags=re.S)


@pytest.fixture
def fakes() -> tuple[FakeHoneycomb, FakeHoneycomb]:
    prod, staging = FakeHoneycomb(environment="prod", seed=3), FakeHoneycomb(seed=4)
    with prod.client(max_retries=0) as client:
        seed(client)
    return prod, staging


def test_the_python_example_copies_boards_and_slos(
    fakes: tuple[FakeHoneycomb, FakeHoneycomb], monkeypatch: pytest.MonkeyPatch
) -> None:
    prod, staging = fakes
    by_key = {prod.api_key: prod.client(), staging.api_key: staging.client()}

    def client(*, api_key: str, **kwargs: Any) -> honeycomb.Client:
        return by_key[api_key]

    monkeypatch.setattr(honeycomb, "Client", client, raising=False)
    (code,) = blocks("python")

    exec(code, {"PROD_KEY": prod.api_key, "STAGING_KEY": staging.api_key})

    with staging.client() as target:
        assert [b.name for b in target.boards.list()] == ["Checkout health"]
        assert [s.name for s in target.slos.list("api")] == ["Checkout latency"]
        assert target.triggers.list("api") == []


@pytest.fixture
def profiles(cli_env: Path, fakes: tuple[FakeHoneycomb, FakeHoneycomb]) -> Iterator[None]:
    from honeycomb.cli.profiles import ConfigStore, Profile, SecretStore

    prod, staging = fakes
    with prod.serve() as prod_url, staging.serve() as staging_url:
        config = ConfigStore(cli_env)
        secrets = SecretStore(config.folder, warn=lambda _: None)
        for name, fake, url in (("prod", prod, prod_url), ("staging", staging, staging_url)):
            storage = secrets.store(name, {"api_key": fake.api_key})
            config.profiles[name] = Profile(name, api_url=url, storage=storage)
        config.default = "prod"
        config.save()
        yield


def test_every_honeycomb_command_of_the_guide_runs(
    profiles: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    commands = [
        shlex.split(line[2:])[1:]
        for block in blocks("console")
        for line in block.splitlines()
        if line.startswith("$ honeycomb ")
    ]
    assert len(commands) >= 8
    for args in commands:
        if args[0] == "apply" and "--yes" not in args:
            args.append("--yes")  # it asks on a terminal; the test has none
        result = run_cli(args, env={})
        expected = (0, 2) if "--detailed-exitcode" in args or args[0] == "diff" else (0,)
        assert result.code in expected, (args, result.stderr)
        assert not any(line.startswith("Error:") for line in result.stderr.splitlines()), (
            args,
            result.stderr,
        )
    assert (tmp_path / "terraform" / "triggers.tf").exists()
    assert (tmp_path / "honeycomb" / "prod" / "manifest.yaml").exists()
