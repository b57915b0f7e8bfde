"""Pausing the collector, and keeping what was made meanwhile out of the young
collections (``honeycomb._gc``): issue 10's ``columns.list()`` goal."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from honeycomb._gc import paused_gc


class Node:
    """A tracked object, as a response model is."""

    def __init__(self) -> None:
        self.links: list[Node] = []


@pytest.fixture
def collector() -> Iterator[None]:
    """The collector enabled and nothing frozen, whatever the test does."""
    was_enabled = gc.isenabled()
    gc.enable()
    try:
        yield
    finally:
        gc.unfreeze()
        if not was_enabled:
            gc.disable()


def in_oldest_generation(obj: object) -> bool:
    return any(o is obj for o in gc.get_objects(generation=2))


def test_kept_objects_go_to_the_oldest_generation_uncollected(collector: None) -> None:
    with paused_gc(keep=True):
        kept = [Node() for _ in range(2000)]
    # No young collection is left to walk them: the young count starts again from zero.
    assert gc.get_count()[0] < 50
    assert in_oldest_generation(kept[0]) and in_oldest_generation(kept[-1])
    assert gc.isenabled()


def test_without_keep_objects_stay_young(collector: None) -> None:
    gc.collect()
    with paused_gc():
        young = Node()
    assert not in_oldest_generation(young)


def test_keep_leaves_the_applications_frozen_objects_frozen(collector: None) -> None:
    frozen = Node()
    gc.freeze()
    count = gc.get_freeze_count()
    with paused_gc(keep=True):
        made = Node()
    # Nothing was frozen or unfrozen: a frozen object that died meanwhile may lower the
    # count by one or two (seen in CI), a freeze()/unfreeze() would have made it 0.
    assert 0 < gc.get_freeze_count() <= count
    assert not in_oldest_generation(frozen)
    assert not in_oldest_generation(made)


def test_keep_does_nothing_when_the_application_disabled_the_collector(collector: None) -> None:
    gc.collect()
    gc.disable()
    with paused_gc(keep=True):
        made = Node()
    assert not gc.isenabled()
    assert not in_oldest_generation(made)


def test_a_failing_block_is_not_kept_and_reenables(collector: None) -> None:
    gc.collect()
    made: list[Node] = []

    def fails() -> None:
        with paused_gc(keep=True):
            made.append(Node())
            raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        fails()
    assert gc.isenabled()
    assert not in_oldest_generation(made[0])
