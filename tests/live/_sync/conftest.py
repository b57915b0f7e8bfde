# GENERATED from tests/live/_async/conftest.py by scripts/unasync.py.
# Do not edit: change the async source and run `python scripts/unasync.py`.
"""Fixtures of the scenarios (written for Client, generated for Client): a client of
the target, and ``scratch``, which names a test's objects and deletes them however the
test ends."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from honeycomb import Client
from tests.live._mode import is_leftover
from tests.live._sync.harness import close_client, open_client, sweep
from tests.live._target import OUTCOMES, LiveTarget, Scratch


@pytest.fixture
def client(live: LiveTarget) -> Iterator[Client]:
    """A client of the target (paced, every response in the fidelity log)."""
    c = open_client(live)
    yield c
    close_client(c)


@pytest.fixture
def scratch(live: LiveTarget, client: Client, request: pytest.FixtureRequest) -> Iterator[Scratch]:
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
    done, failed = sweep(
        client,
        lambda name: is_leftover(name, run=scratch.prefix),
        management=live.management_key is not None,
    )
    assert failed == [], f"the clean-up failed: {failed}"
    if passed:
        assert done == [], f"the scenario left objects behind: {done}"
        assert live.log.differences[seen:] == [], "responses that break the spec"
