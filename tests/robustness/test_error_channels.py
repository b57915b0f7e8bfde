"""The channels the fuzz targets leave to this module: the request and response an error
carries (their ``repr`` and headers) and the error's pickle. Checked on one error of each
kind the pipeline makes: every status class, an invalid body, a connection failure."""

from __future__ import annotations

import httpx

from honeycomb import Client
from honeycomb.errors import HoneycombError
from tests._loopback import FaultServer

from ._leaks import (
    API_KEY,
    assert_pickles_without_keys,
    assert_request_hides_keys,
    client_over,
    only_typed,
)


def _errors() -> list[HoneycombError]:
    found: list[HoneycombError] = []
    answers = [httpx.Response(s, json={"error": "no"}) for s in (400, 401, 403, 404, 409, 413)]
    answers += [httpx.Response(s, json={"error": "no"}) for s in (422, 429, 500, 503)]
    answers += [httpx.Response(200, content=b"<html>proxy</html>"), httpx.Response(200, json={})]
    for answer in answers:
        with client_over(lambda _, a=answer: a) as client:  # type: ignore[misc]
            outcome = only_typed(client.datasets.list)
        assert isinstance(outcome, HoneycombError)
        found.append(outcome)
    with FaultServer("reset") as server, Client(api_key=API_KEY, base_url=server.url) as c:
        outcome = only_typed(c.datasets.list)
    assert isinstance(outcome, HoneycombError)
    found.append(outcome)
    return found


def test_requests_and_responses_on_errors_hide_the_keys() -> None:
    for err in _errors():
        assert_request_hides_keys(err)


def test_errors_pickle_to_the_same_class_without_keys() -> None:
    for err in _errors():
        assert_pickles_without_keys(err)
