"""Background work for the batcher, as async/sync twins.

The batcher (``_async/batcher.py``, generated into ``_sync/batcher.py``) is written once.
Everything that differs between the two lives here, under names that
``scripts/unasync.py`` maps: ``AsyncGauge`` -> ``Gauge``, ``AsyncQueue`` -> ``Queue``,
``AsyncPool`` -> ``Pool``, ``AsyncWorker`` -> ``Worker``, ``async_call_back`` ->
``call_back``.

- The async twins run on the caller's event loop: the worker is an ``asyncio`` task,
  requests in flight are tasks, waiting is awaiting a future. They are made lazily, on
  first use inside a running loop, and must be used from that loop only.
- The sync twins use a background thread for the worker, a thread pool for requests in
  flight, and ``threading`` primitives, so they may be used from any thread.

``process_id()`` is the pid kept up to date across ``os.fork()``, cheaper than
``os.getpid()`` (a system call) on the hot path.

``ExitGuard`` closes (so delivers) every open sync batcher when the interpreter exits,
for callers who forgot ``close()``; ``AsyncExitGuard`` cannot, as no event loop runs then.
"""

from __future__ import annotations

import asyncio
import atexit
import inspect
import logging
import os
import threading
import weakref
from collections import deque
from collections.abc import Callable, Coroutine
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, ClassVar, Generic, Protocol, TypeVar

__all__ = [
    "AsyncExitGuard",
    "AsyncGauge",
    "AsyncPool",
    "AsyncQueue",
    "AsyncWorker",
    "ExitGuard",
    "Gauge",
    "Pool",
    "Queue",
    "Worker",
    "async_call_back",
    "call_back",
    "process_id",
]

T = TypeVar("T")

_pid = os.getpid()


def _after_fork_in_child() -> None:
    global _pid
    _pid = os.getpid()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)


def process_id() -> int:
    """The current process id, updated in a child after ``os.fork()``."""
    return _pid


# -- a bounded count of pending items ----------------------------------------------------


class AsyncGauge:
    """A count of pending items with a ceiling.

    The caller counts under ``lock`` itself (``if g.count < g.limit: g.count += 1``), which
    is the fast path; ``wait_for_room`` is for when the ceiling is reached. The lock is a
    plain ``threading.Lock``: uncontended on a single event loop, and it lets the batcher
    keep one code path for both clients.

    Args:
        limit: The most items pending at once.
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.count = 0
        self.lock = threading.Lock()
        self._changed: asyncio.Event | None = None

    def _event(self) -> asyncio.Event:
        if self._changed is None:
            self._changed = asyncio.Event()
        return self._changed

    async def wait_for_room(self) -> None:
        """Wait until fewer than ``limit`` items are pending (the caller then retries)."""
        changed = self._event()
        while self.count >= self.limit:
            changed.clear()
            await changed.wait()

    def release(self, n: int = 1) -> None:
        """Count ``n`` items as done, waking whoever waits for room or for zero."""
        with self.lock:
            self.count -= n
        if self._changed is not None:
            self._changed.set()

    async def wait_empty(self, timeout: float | None = None) -> bool:
        """Wait until no item is pending, or ``timeout`` seconds have passed.

        Returns:
            True when no item is pending.
        """
        try:
            await asyncio.wait_for(self._until_empty(), timeout)
        except asyncio.TimeoutError:
            return False
        return True

    async def _until_empty(self) -> None:
        changed = self._event()
        while self.count:
            changed.clear()
            await changed.wait()


class Gauge:
    """A count of pending items with a ceiling, shared between threads.

    The caller counts under ``lock`` itself (the fast path); ``wait_for_room`` is for when
    the ceiling is reached.

    Args:
        limit: The most items pending at once.
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.count = 0
        self.lock = threading.Lock()
        self._changed = threading.Condition(self.lock)
        self._waiting = 0

    def wait_for_room(self) -> None:
        """Wait until fewer than ``limit`` items are pending (the caller then retries)."""
        with self._changed:
            self._waiting += 1
            try:
                while self.count >= self.limit:
                    self._changed.wait()
            finally:
                self._waiting -= 1

    def release(self, n: int = 1) -> None:
        """Count ``n`` items as done, waking whoever waits for room or for zero."""
        with self.lock:
            self.count -= n
            if self._waiting:
                self._changed.notify_all()

    def wait_empty(self, timeout: float | None = None) -> bool:
        """Wait until no item is pending, or ``timeout`` seconds have passed.

        Returns:
            True when no item is pending.
        """
        with self._changed:
            self._waiting += 1
            try:
                return self._changed.wait_for(lambda: not self.count, timeout)
            finally:
                self._waiting -= 1


# -- a queue the worker reads with a timeout ---------------------------------------------


class AsyncQueue(Generic[T]):
    """An unbounded FIFO read by one worker task."""

    def __init__(self) -> None:
        self._items: deque[T] = deque()
        self._ready: asyncio.Event | None = None

    def _event(self) -> asyncio.Event:
        if self._ready is None:
            self._ready = asyncio.Event()
        return self._ready

    async def put(self, item: T) -> None:
        """Add an item, then let the worker run (so sending overlaps the caller's work)."""
        self._items.append(item)
        self._event().set()
        await asyncio.sleep(0)

    async def get(self, timeout: float) -> T | None:
        """Take the oldest item, waiting up to ``timeout`` seconds.

        Returns:
            The item, or None when the time ran out.
        """
        if not self._items:
            ready = self._event()
            ready.clear()
            try:
                await asyncio.wait_for(ready.wait(), timeout)
            except asyncio.TimeoutError:
                return None
        return self._items.popleft() if self._items else None

    def drain(self) -> list[T]:
        """Take every item at once."""
        items = list(self._items)
        self._items.clear()
        return items


class Queue(Generic[T]):
    """An unbounded FIFO read by one worker thread, written from any thread."""

    def __init__(self) -> None:
        self._items: deque[T] = deque()
        self._ready = threading.Condition(threading.Lock())

    def put(self, item: T) -> None:
        """Add an item and wake the worker."""
        with self._ready:
            self._items.append(item)
            self._ready.notify()

    def get(self, timeout: float) -> T | None:
        """Take the oldest item, waiting up to ``timeout`` seconds.

        Returns:
            The item, or None when the time ran out.
        """
        with self._ready:
            if not self._items:
                self._ready.wait(timeout)
            return self._items.popleft() if self._items else None

    def drain(self) -> list[T]:
        """Take every item at once."""
        with self._ready:
            items = list(self._items)
            self._items.clear()
        return items


# -- running jobs: the worker, and requests in flight ------------------------------------


class AsyncWorker:
    """Runs one coroutine function as a task on the current loop.

    The async batcher's worker: the batcher starts it on first use inside a running
    event loop, and must then be used from that loop only.

    Args:
        target: The coroutine function.
        *args: Its arguments.
        on_abandon: Called if the task ends before ``target`` returns: it was cancelled
            (``asyncio.run`` cancels what is left when its loop ends) or destroyed
            unfinished (its loop was closed, and it was garbage-collected).
    """

    ABANDONED_HINT: ClassVar[str] = "use `async with` or await aclose() before its event loop ends"
    """What to tell a caller whose batcher was abandoned."""

    def __init__(
        self,
        target: Callable[..., Coroutine[Any, Any, None]],
        *args: Any,
        on_abandon: Callable[..., None] | None = None,
    ) -> None:
        self._target = target
        self._args = args
        self._on_abandon = on_abandon
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Start the task (inside a running loop)."""
        self._task = asyncio.get_running_loop().create_task(self._run())

    async def _run(self) -> None:
        finished = False
        try:
            await self._target(*self._args)
            finished = True
        finally:
            if not finished and self._on_abandon is not None:
                self._on_abandon(*self._args)

    async def join(self) -> None:
        """Wait for the task to finish (a caller cancelled meanwhile does not cancel it)."""
        if self._task is not None:
            await asyncio.shield(self._task)


class Worker:
    """Runs one function in a daemon thread.

    The sync batcher's worker: its ``add()``, ``flush()`` and ``close()`` may be called
    from any thread.

    Args:
        target: The function.
        *args: Its arguments.
        on_abandon: Unused: a thread is not cancelled (``ExitGuard`` closes at exit).
    """

    ABANDONED_HINT: ClassVar[str] = "use `with` or close()"
    """The twin of ``AsyncWorker.ABANDONED_HINT`` (a thread is never abandoned)."""

    def __init__(
        self,
        target: Callable[..., None],
        *args: Any,
        on_abandon: Callable[..., None] | None = None,
    ) -> None:
        self._thread = threading.Thread(
            target=target, args=args, name="honeycomb-batcher", daemon=True
        )

    def start(self) -> None:
        """Start the thread."""
        self._thread.start()

    def join(self) -> None:
        """Wait for the thread to finish."""
        if self._thread.is_alive():
            self._thread.join()


class AsyncPool:
    """Runs up to ``size`` coroutines at once, as tasks.

    The async batcher's requests in flight: its ``on_result`` is called in these tasks,
    on the event loop.

    Args:
        size: The most jobs running at once.
    """

    def __init__(self, size: int) -> None:
        self._size = size
        self._slots: asyncio.Semaphore | None = None
        self._tasks: set[asyncio.Task[None]] = set()

    async def submit(self, job: Callable[..., Coroutine[Any, Any, None]], *args: Any) -> None:
        """Start ``job(*args)``, first waiting while ``size`` jobs are running."""
        if self._slots is None:
            self._slots = asyncio.Semaphore(self._size)
        await self._slots.acquire()
        task = asyncio.get_running_loop().create_task(job(*args))
        self._tasks.add(task)
        task.add_done_callback(self._done)

    def _done(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        assert self._slots is not None
        self._slots.release()

    async def join(self) -> None:
        """Wait until every job has finished."""
        while self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)


class Pool:
    """Runs up to ``size`` functions at once, in a thread pool.

    The sync batcher's requests in flight: its ``on_result`` is called in these threads.

    Args:
        size: The most jobs running at once.
    """

    def __init__(self, size: int) -> None:
        self._slots = threading.Semaphore(size)
        self._executor = ThreadPoolExecutor(size, thread_name_prefix="honeycomb-send")

    def submit(self, job: Callable[..., None], *args: Any) -> None:
        """Start ``job(*args)``, first waiting while ``size`` jobs are running."""
        self._slots.acquire()
        future = self._executor.submit(job, *args)
        future.add_done_callback(self._done)

    def _done(self, future: Future[None]) -> None:
        self._slots.release()

    def join(self) -> None:
        """Wait until every job has finished; the pool takes no more jobs."""
        self._executor.shutdown(wait=True)


# -- telling the caller ------------------------------------------------------------------


async def async_call_back(callback: Callable[[T], object], value: T) -> None:
    """Call ``callback(value)``, awaiting what it returns if it is awaitable: the async
    batcher's ``on_result`` may be a coroutine function.

    Args:
        callback: The caller's function.
        value: What to tell it.
    """
    result = callback(value)
    if inspect.isawaitable(result):
        await result


def call_back(callback: Callable[[T], object], value: T) -> None:
    """Call ``callback(value)``: the sync batcher's ``on_result`` is a plain function.

    Args:
        callback: The caller's function.
        value: What to tell it.
    """
    callback(value)


# -- delivering what is left at interpreter exit -----------------------------------------


class Closable(Protocol):
    """What an exit guard can close (the sync ``Batcher``)."""

    def close(self) -> object:
        """Deliver everything and stop."""


class AsyncExitGuard:
    """The async twin does nothing: at exit no event loop is left to run ``aclose()``."""

    @staticmethod
    def watch(batcher: object) -> None:
        """Accept ``batcher`` and do nothing with it.

        Args:
            batcher: An async batcher; the caller must ``aclose()`` it.
        """


class ExitGuard:
    """Closes every sync batcher still open when the interpreter exits.

    The hook is registered with ``threading``'s own exit hooks, which run in reverse order
    of registration and before ``concurrent.futures`` shuts its thread pools down (it
    registered first, on import above), so ``close()`` can still use the batcher's pool.
    """

    _live: ClassVar[weakref.WeakSet[Closable]] = weakref.WeakSet()

    @staticmethod
    def watch(batcher: Closable) -> None:
        """Close ``batcher`` at exit unless it is closed (or gone) by then.

        Args:
            batcher: A sync batcher.
        """
        ExitGuard._live.add(batcher)

    @staticmethod
    def close_all() -> None:
        """Close every watched batcher; log, never raise."""
        for batcher in list(ExitGuard._live):
            try:
                batcher.close()
            except Exception:
                logging.getLogger("honeycomb").exception("closing a batcher at exit failed")


_register = getattr(threading, "_register_atexit", None)
if _register is not None:
    _register(ExitGuard.close_all)
else:  # pragma: no cover - every supported Python has it; atexit is the weaker fallback
    atexit.register(ExitGuard.close_all)
