"""Running many independent calls with bounded concurrency, as async/sync twins.

``scripts/unasync.py`` maps ``async_fan_out`` to ``fan_out``, so code under ``_async/``
(porting's export and apply) is written once:

- ``async_fan_out`` runs the coroutines on the caller's event loop, at most ``limit`` at
  a time;
- ``fan_out`` runs the functions on a thread pool of ``limit`` threads (an
  ``httpx.Client`` is safe to share between threads), so the sync client is just as
  bounded by latency rather than by request count.

Both return one :class:`Outcome` per call, in the order given. With ``stop_on_error``,
calls not yet started when one fails are not started at all (``Outcome.skipped``): what
was in flight finishes, and nothing new begins.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Generic, TypeVar

__all__ = ["DEFAULT_CONCURRENCY", "AsyncCall", "Call", "Outcome", "async_fan_out", "fan_out"]

T = TypeVar("T")

AsyncCall = Callable[..., Awaitable[T]]
"""A coroutine function returning ``T`` (its sync twin is ``Call``)."""

Call = Callable[..., T]
"""A function returning ``T``."""

DEFAULT_CONCURRENCY = 8
"""Requests in flight at once by default: well under Honeycomb's per-resource rate limits
for short bursts, and enough to hide most of the latency."""


@dataclass
class Outcome(Generic[T]):
    """What became of one call.

    Attributes:
        value: Its result, when it succeeded.
        error: The exception it raised, when it failed.
        skipped: True when it never ran (an earlier call failed under ``stop_on_error``).
    """

    value: T | None = None
    error: BaseException | None = None
    skipped: bool = False

    @property
    def ok(self) -> bool:
        """True when the call ran and succeeded."""
        return self.error is None and not self.skipped


def _check_limit(limit: int) -> int:
    if limit < 1:
        raise ValueError(f"concurrency must be at least 1, got {limit}")
    return limit


async def async_fan_out(
    calls: Sequence[Callable[[], Awaitable[T]]], limit: int, *, stop_on_error: bool = False
) -> list[Outcome[T]]:
    """Await every call, at most ``limit`` at a time, and report each outcome.

    Args:
        calls: Coroutine functions taking no argument.
        limit: The most calls in flight at once.
        stop_on_error: Start nothing new once a call has failed.

    Returns:
        One outcome per call, in order.

    Raises:
        ValueError: ``limit`` is below 1.
    """
    slots = asyncio.Semaphore(_check_limit(limit))
    outcomes: list[Outcome[T]] = [Outcome() for _ in calls]
    failed = False

    async def run(index: int) -> None:
        nonlocal failed
        async with slots:
            if failed and stop_on_error:
                outcomes[index].skipped = True
                return
            try:
                outcomes[index].value = await calls[index]()
            except Exception as err:
                outcomes[index].error = err
                failed = True

    await asyncio.gather(*(run(i) for i in range(len(calls))))
    return outcomes


def fan_out(
    calls: Sequence[Callable[[], T]], limit: int, *, stop_on_error: bool = False
) -> list[Outcome[T]]:
    """Call every function on up to ``limit`` threads and report each outcome.

    Args:
        calls: Functions taking no argument.
        limit: The most calls running at once.
        stop_on_error: Start nothing new once a call has failed.

    Returns:
        One outcome per call, in order.

    Raises:
        ValueError: ``limit`` is below 1.
    """
    _check_limit(limit)
    outcomes: list[Outcome[T]] = [Outcome() for _ in calls]
    failed = threading.Event()

    def run(index: int) -> None:
        if failed.is_set() and stop_on_error:
            outcomes[index].skipped = True
            return
        try:
            outcomes[index].value = calls[index]()
        except Exception as err:
            outcomes[index].error = err
            failed.set()

    if len(calls) <= 1 or limit == 1:
        for index in range(len(calls)):
            run(index)
        return outcomes
    with ThreadPoolExecutor(min(limit, len(calls)), thread_name_prefix="honeycomb-fan") as pool:
        list(pool.map(run, range(len(calls))))
    return outcomes
