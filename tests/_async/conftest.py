"""Fixtures and helpers for the client tests (written for the async client, generated for
the sync one)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Literal

import httpx
import pytest
from pytest_httpx import HTTPXMock

from honeycomb import AsyncClient, _io

if TYPE_CHECKING:
    from honeycomb.testing import FakeHoneycomb

API_KEY = "hcxlk_abcdefghijklmnopqrstuvwxyz"
KEY_ID = "hcxmk_01234567890123456789012345"
KEY_SECRET = "s3cr3tmanagementsecretvalue0123456789"
BASE = "https://api.honeycomb.io"

DATASET_NOT_FOUND = {
    "status": 404,
    "type": "https://api.honeycomb.io/problems/not-found",
    "title": "The requested resource cannot be found.",
    "error": "Dataset not found",
}
"""The live API's 404 body for an unknown dataset: a problem document with ``error``."""

Auth = Literal["config", "management"]


def check_auth(request: httpx.Request, auth: Auth = "config") -> None:
    """Assert that ``request`` carried exactly one kind of key, and the right one.

    Args:
        request: A request the client sent.
        auth: ``"config"``: ``X-Honeycomb-Team`` is the configuration key and there is no
            ``Authorization``; ``"management"``: ``Authorization`` is ``Bearer id:secret``
            and there is no ``X-Honeycomb-Team``.
    """
    if auth == "config":
        assert request.headers["X-Honeycomb-Team"] == API_KEY
        assert "Authorization" not in request.headers
    else:
        assert request.headers["Authorization"] == f"Bearer {KEY_ID}:{KEY_SECRET}"
        assert "X-Honeycomb-Team" not in request.headers


def only_request(httpx_mock: HTTPXMock, auth: Auth = "config") -> httpx.Request:
    """Assert that exactly one request was sent, with the key kind ``auth``; return it.

    Args:
        httpx_mock: pytest-httpx's fixture.
        auth: The kind of key the request must carry (see ``check_auth``).

    Returns:
        The request.
    """
    requests = httpx_mock.get_requests()
    assert len(requests) == 1, [f"{r.method} {r.url}" for r in requests]
    check_auth(requests[0], auth)
    return requests[0]


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


@pytest.fixture
async def hc(fake: FakeHoneycomb) -> AsyncIterator[AsyncClient]:
    """A client wired to the test module's ``fake`` fixture through its transport."""
    async with fake.async_client(max_retries=0) as c:
        yield c
