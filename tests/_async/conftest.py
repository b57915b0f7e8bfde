"""Fixtures for the client tests, written once for AsyncClient and generated for Client."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from honeycomb import AsyncClient, _io

API_KEY = "hcxlk_abcdefghijklmnopqrstuvwxyz"
KEY_ID = "hcxmk_01234567890123456789012345"
KEY_SECRET = "s3cr3tmanagementsecretvalue0123456789"
BASE = "https://api.honeycomb.io"


@pytest.fixture
async def client() -> AsyncIterator[AsyncClient]:
    async with AsyncClient(
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

    async def fake_sleep(seconds: float) -> None:
        slept.append(seconds)

    monkeypatch.setattr(_io, "async_sleep", fake_sleep)
    return slept
