"""The bounded fan-out twins: order kept, concurrency bounded, nothing new after a failure."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Awaitable, Callable

import pytest

from honeycomb._fanout import async_fan_out, fan_out


class Gauge:
    def __init__(self) -> None:
        self.now = 0
        self.peak = 0
        self.lock = threading.Lock()

    def enter(self) -> None:
        with self.lock:
            self.now += 1
            self.peak = max(self.peak, self.now)

    def leave(self) -> None:
        with self.lock:
            self.now -= 1


async def test_async_fan_out_bounds_concurrency_and_keeps_order() -> None:
    gauge = Gauge()

    def call(i: int) -> Callable[[], Awaitable[int]]:
        async def run() -> int:
            gauge.enter()
            await asyncio.sleep(0.01)
            gauge.leave()
            return i * 2

        return run

    outcomes = await async_fan_out([call(i) for i in range(12)], 3)

    assert [o.value for o in outcomes] == [i * 2 for i in range(12)]
    assert all(o.ok for o in outcomes)
    assert gauge.peak == 3


def test_fan_out_bounds_concurrency_and_keeps_order() -> None:
    gauge = Gauge()

    def call(i: int) -> Callable[[], int]:
        def run() -> int:
            gauge.enter()
            time.sleep(0.01)
            gauge.leave()
            return i * 2

        return run

    outcomes = fan_out([call(i) for i in range(12)], 3)

    assert [o.value for o in outcomes] == [i * 2 for i in range(12)]
    assert gauge.peak == 3


async def test_async_fan_out_starts_nothing_after_a_failure() -> None:
    started: list[int] = []

    def call(i: int) -> Callable[[], Awaitable[int]]:
        async def run() -> int:
            started.append(i)
            if i == 1:
                raise RuntimeError("boom")
            await asyncio.sleep(0.01)
            return i

        return run

    outcomes = await async_fan_out([call(i) for i in range(6)], 2, stop_on_error=True)

    assert isinstance(outcomes[1].error, RuntimeError)
    assert outcomes[0].ok and outcomes[0].value == 0
    assert [o.skipped for o in outcomes[2:]] == [True] * 4
    assert started == [0, 1]


def test_fan_out_starts_nothing_after_a_failure() -> None:
    def call(i: int) -> Callable[[], int]:
        def run() -> int:
            if i == 0:
                raise RuntimeError("boom")
            return i

        return run

    outcomes = fan_out([call(i) for i in range(4)], 1, stop_on_error=True)

    assert isinstance(outcomes[0].error, RuntimeError)
    assert [o.skipped for o in outcomes] == [False, True, True, True]
    without = fan_out([call(i) for i in range(4)], 2)
    assert [o.value for o in without] == [None, 1, 2, 3]


async def test_a_limit_below_one_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        fan_out([], 0)
    with pytest.raises(ValueError, match="at least 1"):
        await async_fan_out([], 0)
