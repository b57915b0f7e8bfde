"""The seams unasync cannot rewrite: sleeping, the clock and locks, as async/sync twins.

``scripts/unasync.py`` maps each async name here to its sync twin (``async_sleep`` ->
``sleep``, ``AsyncLock`` -> ``Lock``), so code under ``_async/`` never needs ``if sync:``.
Tests patch ``async_sleep``/``sleep`` here to run retries and polling instantly.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Awaitable, Callable
from types import TracebackType
from typing import TypeVar

__all__ = ["AsyncLock", "AsyncThunk", "Lock", "Thunk", "async_sleep", "monotonic", "sleep"]


async def async_sleep(seconds: float) -> None:
    """Sleep without blocking the event loop.

    Args:
        seconds: How long.
    """
    await asyncio.sleep(seconds)


def sleep(seconds: float) -> None:
    """Sleep, blocking the thread.

    Args:
        seconds: How long.
    """
    time.sleep(seconds)


def monotonic() -> float:
    """The monotonic clock, for deadlines (patched in tests)."""
    return time.monotonic()


class AsyncLock:
    """An asyncio lock created lazily, so an ``AsyncClient`` can be built outside a loop."""

    def __init__(self) -> None:
        self._lock: asyncio.Lock | None = None

    async def __aenter__(self) -> None:
        if self._lock is None:
            self._lock = asyncio.Lock()
        await self._lock.acquire()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        assert self._lock is not None
        self._lock.release()


class Lock:
    """A thread lock with the same interface as ``AsyncLock``."""

    def __init__(self) -> None:
        self._lock = threading.Lock()

    def __enter__(self) -> None:
        self._lock.acquire()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._lock.release()


T = TypeVar("T")

AsyncThunk = Callable[[], Awaitable[T]]
"""A no-argument coroutine function returning ``T`` (its sync twin is ``Thunk``)."""

Thunk = Callable[[], T]
"""A no-argument function returning ``T``."""
