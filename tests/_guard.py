"""Run a scenario that could deadlock, failing the test instead of hanging it (async and
sync twins: ``scripts/unasync.py`` maps ``async_within`` to ``within``)."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable
from typing import TypeVar

__all__ = ["async_within", "within"]

T = TypeVar("T")


async def async_within(seconds: float, scenario: Callable[[], Awaitable[T]]) -> T:
    """Await ``scenario()``; fail the test if it takes longer than ``seconds``."""
    try:
        return await asyncio.wait_for(scenario(), seconds)
    except asyncio.TimeoutError:
        raise AssertionError(f"still running after {seconds} s: deadlocked?") from None


def within(seconds: float, scenario: Callable[[], T]) -> T:
    """Run ``scenario()`` in a daemon thread; fail the test if it takes longer than
    ``seconds`` (the thread is left behind, blocked, rather than hanging the run)."""
    outcome: list[T] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            outcome.append(scenario())
        except BaseException as err:  # re-raised in the test's thread
            errors.append(err)

    thread = threading.Thread(target=run, name="deadlock-guard", daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        raise AssertionError(f"still running after {seconds} s: deadlocked?")
    if errors:
        raise errors[0]
    return outcome[0]
