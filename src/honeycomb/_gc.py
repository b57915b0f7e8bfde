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
def paused_gc(*, keep: bool = False) -> Iterator[None]:
    """Disable the cyclic garbage collector inside the block.

    Threads share the collector: another thread's allocations are not collected
    meanwhile either, which only delays their collection to the end of the block.

    Args:
        keep: The objects made in the block are kept (a response's models, returned to
            the caller): move them to the oldest generation when it ends. Pausing alone
            only postponed their cost: the first allocation after the block started a
            young collection that walked all of them (about 300 us for 1,000 columns),
            and the next one walked them again, finding nothing to free either time.
            ``gc.freeze()`` then ``gc.unfreeze()`` moves every tracked object to the
            oldest generation in constant time and resets the young count; objects
            that were young elsewhere in the process meanwhile are moved too, so their
            cycles, if any, wait for the next full collection. Not done when the
            application uses ``gc.freeze()`` itself (its frozen objects would be let go).
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
        if keep and not gc.get_freeze_count():
            gc.freeze()
            gc.unfreeze()
    finally:
        gc.enable()
