"""Fault injection over real HTTP: a loopback server that resets, hangs, drips, cuts the
body short, sends garbage chunking or redirects. Every call ends within its timeout with
a clean ``HoneycombError`` (or, for ``send_batch``, with every event reported failed),
and no key reaches any output. A body that arrived but does not decode (a corrupt gzip
stream) is told apart from a failed connection: it keeps its status and raw bytes."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest

from honeycomb import Client
from honeycomb.errors import APIConnectionError, APIResponseValidationError, HoneycombError
from tests._loopback import CORRUPT_GZIP, FAULTS, FaultServer

from ._leaks import API_KEY, KEY_ID, KEY_SECRET, assert_no_secret, only_typed
from .conftest import Collected

TIMEOUT = 1.0
SLACK = 3.0
"""Seconds a bounded call may overrun on a loaded machine."""

CALLS: dict[str, Callable[[Client], Any]] = {
    "datasets.list": lambda c: c.datasets.list(),
    "events.send": lambda c: c.events.send("web", {"n": 1}),
    "markers.delete": lambda c: c.markers.delete("web", "m1"),
}


CASES = [
    pytest.param(name, fault, id=f"{name}-{fault}") for name in sorted(CALLS) for fault in FAULTS
]


@pytest.mark.parametrize(("name", "fault"), CASES)
def test_a_misbehaving_server_gives_a_clean_error_in_time(
    fault: str, name: str, logs: Collected
) -> None:
    with FaultServer(fault, body=b"[]".ljust(60), interval=0.3) as server:
        client = Client(
            api_key=API_KEY,
            management_key=(KEY_ID, KEY_SECRET),
            base_url=server.url,
            timeout=TIMEOUT,
            max_retries=1,
        )
        with client:
            started = time.monotonic()
            outcome = only_typed(lambda: CALLS[name](client))
            elapsed = time.monotonic() - started
    assert isinstance(outcome, HoneycombError), f"{fault} answered {outcome!r}"
    assert elapsed < TIMEOUT + SLACK, elapsed
    assert_no_secret(logs.lines, "the logs")


@pytest.mark.parametrize("fault", FAULTS)
def test_send_batch_reports_every_event_failed_when_the_server_misbehaves(
    fault: str, logs: Collected
) -> None:
    with (
        FaultServer(fault, body=b"[]".ljust(60), interval=0.3) as server,
        Client(api_key=API_KEY, base_url=server.url, timeout=TIMEOUT) as client,
    ):
        started = time.monotonic()
        results = client.events.send_batch("web", [{"data": {"n": n}} for n in range(5)])
        elapsed = time.monotonic() - started
    assert [r.ok for r in results] == [False] * 5, fault
    assert all(r.exception is not None for r in results)
    for result in results:
        assert_no_secret([repr(result), str(result.exception)], "an event result")
    assert elapsed < TIMEOUT + SLACK, elapsed
    assert_no_secret(logs.lines, "the logs")


@pytest.mark.parametrize("name", sorted(CALLS))
def test_a_corrupt_gzip_body_is_an_undecodable_response_not_a_lost_connection(
    name: str, logs: Collected
) -> None:
    with (
        FaultServer("corrupt_gzip") as server,
        Client(api_key=API_KEY, base_url=server.url, timeout=TIMEOUT, max_retries=1) as client,
    ):
        outcome = only_typed(lambda: CALLS[name](client))
    assert isinstance(outcome, APIResponseValidationError), repr(outcome)
    assert not isinstance(outcome, APIConnectionError)
    assert outcome.status_code == 200
    assert "arrived (200 OK, Content-Encoding: gzip)" in str(outcome)
    assert outcome.body == CORRUPT_GZIP
    assert server.requests == 1  # an answer arrived: nothing to retry
    assert_no_secret(logs.lines, "the logs")
