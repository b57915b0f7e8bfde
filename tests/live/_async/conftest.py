"""Fixtures of the scenarios (written for AsyncClient, generated for Client): a client of
the target, and ``scratch``, which names a test's objects and deletes them however the
test ends."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from honeycomb import AsyncClient
from tests.live._async.harness import close_client, open_client, sweep
from tests.live._mode import is_leftover
from tests.live._target import OUTCOMES, LiveTarget, Scratch


@pytest.fixture
async def client(live: LiveTarget) -> AsyncIterator[AsyncClient]:
    """A client of the target (paced, every response in the fidelity log)."""
    c = open_client(live)
    yield c
    await close_client(c)


@pytest.fixture
async def scratch(
    live: LiveTarget, client: AsyncClient, request: pytest.FixtureRequest
) -> AsyncIterator[Scratch]:
    """Yields the test's names; afterwards deletes whatever of them is left.

    A failed test's objects are always swept. Against the fake every test is swept, and a
    test that passed must have left nothing (its scenario deletes what it makes) and
    received no response that breaks the spec.
    """
    scratch = Scratch(live.test_prefix())
    seen = len(live.log.differences)
    yield scratch
    call = request.node.stash.get(OUTCOMES, {}).get("call")
    passed = call is not None and call.passed
    if passed and live.real:
        return
    done, failed = await sweep(
        client,
        lambda name: is_leftover(name, run=scratch.prefix),
        management=live.management_key is not None,
    )
    assert failed == [], f"the clean-up failed: {failed}"
    if passed:
        assert done == [], f"the scenario left objects behind: {done}"
        assert live.log.differences[seen:] == [], "responses that break the spec"
