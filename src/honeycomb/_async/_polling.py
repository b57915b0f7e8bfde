"""Poll until something is done, backing off, within an overall deadline."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from honeycomb import _io
from honeycomb._io import AsyncThunk
from honeycomb.errors import PollTimeoutError

__all__ = ["INITIAL_POLL_INTERVAL", "MAX_POLL_INTERVAL", "poll"]

T = TypeVar("T")

INITIAL_POLL_INTERVAL = 0.2
MAX_POLL_INTERVAL = 2.0
_GROWTH = 1.5


async def poll(
    fetch: AsyncThunk[T],
    *,
    is_done: Callable[[T], bool],
    timeout: float,
    what: str,
    resource_id: str | None,
    initial: float = INITIAL_POLL_INTERVAL,
    maximum: float = MAX_POLL_INTERVAL,
) -> T:
    """Call ``fetch`` until ``is_done`` says so, sleeping 0.2 s growing toward 2 s.

    Args:
        fetch: Fetches the current state.
        is_done: True when the state is final.
        timeout: Overall deadline in seconds, from the first fetch.
        what: What is polled, for the error message ("query result").
        resource_id: Its id, carried by the error so the caller can resume.
        initial: The first interval.
        maximum: The longest interval.

    Returns:
        The first state for which ``is_done`` is true.

    Raises:
        PollTimeoutError: The deadline passed first; carries the id and the last state.
    """
    started = _io.monotonic()
    delay = initial
    while True:
        state = await fetch()
        if is_done(state):
            return state
        elapsed = _io.monotonic() - started
        remaining = timeout - elapsed
        if remaining <= 0:
            raise PollTimeoutError(what, resource_id, elapsed, last=state)
        await _io.async_sleep(min(delay, remaining))
        delay = min(delay * _GROWTH, maximum)
