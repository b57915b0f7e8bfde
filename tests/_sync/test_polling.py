# GENERATED from tests/_async/test_polling.py by scripts/unasync.py.
# Do not edit: change the async source and run `python scripts/unasync.py`.
"""Polling with backoff and a deadline."""

from __future__ import annotations

import pytest

from honeycomb import PollTimeoutError, _io
from honeycomb._sync._polling import poll
from tests._fakes import ManualClock


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch, sleeps: list[float]) -> ManualClock:
    clock = ManualClock()
    monkeypatch.setattr(_io, "monotonic", clock)
    return clock


def test_returns_when_done_with_growing_intervals(clock: ManualClock, sleeps: list[float]) -> None:
    states = iter([False, False, False, True])

    def fetch() -> bool:
        if sleeps:
            clock.now += sleeps[-1]
        return next(states)

    assert poll(fetch, is_done=bool, timeout=30, what="thing", resource_id="t1") is True
    assert sleeps == pytest.approx([0.2, 0.3, 0.45])


def test_interval_is_capped_at_two_seconds(clock: ManualClock, sleeps: list[float]) -> None:
    calls = 0

    def fetch() -> int:
        nonlocal calls
        calls += 1
        return calls

    poll(fetch, is_done=lambda n: n >= 12, timeout=1000, what="thing", resource_id="t1")
    assert max(sleeps) == 2.0
    assert sleeps[-1] == 2.0


def test_deadline_raises_with_id_and_last_state(clock: ManualClock, sleeps: list[float]) -> None:
    def fetch() -> str:
        clock.now += 1.0
        return "pending"

    with pytest.raises(PollTimeoutError) as info:
        poll(
            fetch, is_done=lambda s: s == "done", timeout=3, what="query result", resource_id="qr-9"
        )
    assert info.value.resource_id == "qr-9"
    assert info.value.last == "pending"
    assert "qr-9" in str(info.value)
    assert info.value.elapsed >= 3
