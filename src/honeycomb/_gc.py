"""Pausing the cyclic garbage collector while building many objects at once.

Validating a large response (1,000 columns) or encoding and reporting 100,000 events
creates objects faster than they die; each creation past a threshold starts a
collection that walks everything alive, so nearly half of such a call can be spent in
the collector finding nothing (none of these objects form cycles). ``paused_gc()`` turns
it off for the length of such a step, and back on after, unless the application had
turned it off itself.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["LARGE_BODY", "paused_gc"]

LARGE_BODY = 32 * 1024
"""Bodies from this size on are validated with the collector paused (below it, the
pause costs more than it saves)."""


@contextmanager
def paused_gc() -> Iterator[None]:
    """Disable the cyclic garbage collector inside the block.

    Threads share the collector: another thread's allocations are not collected
    meanwhile either, which only delays their collection to the end of the block.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
