"""Fixtures of the CLI tests: an isolated config folder and environment, a served fake."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from honeycomb import Client
from honeycomb.testing import FakeHoneycomb


@pytest.fixture(autouse=True)
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No HONEYCOMB_* variables from the developer's shell, a private config folder, and
    keyring's fail backend (no test ever touches a real keyring). Returns the folder."""
    import os

    for name in list(os.environ):
        if name.startswith("HONEYCOMB") or name == "NO_COLOR":
            monkeypatch.delenv(name)
    folder = tmp_path / "config"
    monkeypatch.setenv("HONEYCOMB_CONFIG_DIR", str(folder))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    return folder


@pytest.fixture
def fake() -> FakeHoneycomb:
    """A fresh fake Honeycomb."""
    return FakeHoneycomb(seed=7)


@pytest.fixture
def url(fake: FakeHoneycomb) -> Iterator[str]:
    """The fake served on 127.0.0.1 for the duration of the test."""
    with fake.serve() as base_url:
        yield base_url


@pytest.fixture
def env(fake: FakeHoneycomb, url: str) -> dict[str, str]:
    """Environment variables pointing the CLI at the served fake with both keys."""
    key_id, _, secret = fake.management_key.partition(":")
    return {
        "HONEYCOMB_API_ENDPOINT": url,
        "HONEYCOMB_API_KEY": fake.api_key,
        "HONEYCOMB_KEY_ID": key_id,
        "HONEYCOMB_KEY_SECRET": secret,
    }


@pytest.fixture
def hc(fake: FakeHoneycomb) -> Client:
    """An SDK client on the same fake, with datasets "web" and "api", to arrange and check."""
    client = fake.client()
    client.datasets.create({"name": "web"})
    client.datasets.create({"name": "api"})
    return client


@pytest.fixture(autouse=True)
def no_key_in_any_output(request: pytest.FixtureRequest) -> Iterator[None]:
    """After each test, scan everything every CLI run printed for the fake's keys."""
    from tests.cli import _run

    _run.CAPTURED.clear()
    secrets: tuple[str, ...] = ()
    if "fake" in request.fixturenames:
        fake: FakeHoneycomb = request.getfixturevalue("fake")
        secrets = (fake.api_key, fake.ingest_key, fake.management_key.partition(":")[2])
    yield
    for run in _run.CAPTURED:
        for secret in secrets:
            assert secret not in run.everything, f"a key leaked: honeycomb {' '.join(run.args)}"
