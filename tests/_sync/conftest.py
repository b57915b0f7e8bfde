# GENERATED from tests/_async/conftest.py by scripts/unasync.py.
# Do not edit: change the async source and run `python scripts/unasync.py`.
"""Fixtures for the client tests, written once for Client and generated for Client."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from honeycomb import Client, _io

API_KEY = "hcxlk_abcdefghijklmnopqrstuvwxyz"
KEY_ID = "hcxmk_01234567890123456789012345"
KEY_SECRET = "s3cr3tmanagementsecretvalue0123456789"
BASE = "https://api.honeycomb.io"


@pytest.fixture
def client() -> Iterator[Client]:
    with Client(
        api_key=API_KEY,
        management_key=(KEY_ID, KEY_SECRET),
        team="test-team",
        max_retries=0,
    ) as c:
        yield c


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Patch the sleep seam: record each wait instead of waiting."""
    slept: list[float] = []

    def fake_sleep(seconds: float) -> None:
        slept.append(seconds)

    monkeypatch.setattr(_io, "sleep", fake_sleep)
    return slept
