# GENERATED from tests/_async/test_timeouts.py by scripts/unasync.py.
# Do not edit: change the async source and run `python scripts/unasync.py`.
"""The client's ``timeout`` bounds the whole call (retries, waits and every byte of a slow
answer included), ``query_results.run(timeout=)`` bounds the run, and the batcher's
``close(timeout=)`` bounds closing and reports what it gave up on. Against loopback
servers that drip their answers or never send them."""

from __future__ import annotations

import pytest

from honeycomb import Client, _io
from honeycomb._sync.batcher import CLOSE_TIMED_OUT
from honeycomb.errors import APITimeoutError, HoneycombError
from honeycomb.models.events import EventResult
from honeycomb.query import QueryBuilder

from .._loopback import FaultServer  # noqa: TID252 - a helper shared by both trees
from .conftest import API_KEY

SLACK = 1.0
"""Seconds a bounded call may overrun its bound on a loaded 2-core machine."""


def test_a_server_dripping_its_answer_cannot_outlast_the_timeout() -> None:
    # One byte every 0.5 s: a minute for the whole answer, each read well within 2 s.
    for fault in ("drip", "drip_body"):
        with FaultServer(fault, body=b"[]".ljust(120), interval=0.5) as server:
            with Client(api_key=API_KEY, base_url=server.url, timeout=2) as client:
                started = _io.monotonic()
                with pytest.raises(APITimeoutError, match="GET /1/datasets"):
                    client.datasets.list()
                elapsed = _io.monotonic() - started
        assert 1.5 < elapsed < 2 + SLACK, (fault, elapsed)
        assert server.requests == 1  # a read timeout on a GET is retried only if time is left


def test_retries_fit_within_the_timeout() -> None:
    with FaultServer("hang") as server:
        with Client(api_key=API_KEY, base_url=server.url, timeout=1.5, max_retries=5) as client:
            started = _io.monotonic()
            with pytest.raises(APITimeoutError):
                client.datasets.list()
            elapsed = _io.monotonic() - started
    assert elapsed < 1.5 + SLACK
    assert server.requests == 1  # the first attempt used all the time; no retry began


def test_query_results_run_is_bounded_by_its_timeout() -> None:
    with FaultServer("drip", interval=0.5) as server:
        with Client(api_key=API_KEY, base_url=server.url) as client:
            started = _io.monotonic()
            with pytest.raises(HoneycombError):
                client.query_results.run("web", QueryBuilder().calculate("COUNT"), timeout=3)
            elapsed = _io.monotonic() - started
    assert elapsed < 3 + SLACK


def test_closing_a_batcher_gives_up_when_its_timeout_runs_out() -> None:
    results: list[EventResult] = []
    with FaultServer("hang") as server:
        with Client(api_key=API_KEY, base_url=server.url, timeout=2) as client:
            batcher = client.events.batcher(
                "web", max_batch_events=5, max_in_flight=1, on_result=results.append
            )
            for i in range(20):
                batcher.add({"id": i})
            started = _io.monotonic()
            given_up = batcher.close(timeout=0.5)
            elapsed = _io.monotonic() - started
    # The request in flight ends with the client's timeout (2 s); the other three
    # batches are never sent once close()'s 0.5 s are over.
    assert elapsed < 2 + SLACK
    assert given_up == 15
    assert sorted(r.index for r in results) == list(range(20))
    assert not any(r.ok for r in results)
    assert sum(r.error == CLOSE_TIMED_OUT for r in results) == 15
    assert (batcher.sent, batcher.failed, batcher.pending) == (0, 20, 0)
    assert server.requests == 1
