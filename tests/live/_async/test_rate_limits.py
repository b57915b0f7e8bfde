"""Rate limits against the target: what the ``RateLimit`` and ``RateLimit-Policy`` headers
say is what ``client.rate_limit`` reports. In fake mode the served fake answers them as the
API documents (``tests/live/_target.py``), and a provoked 429 is checked too.
"""

from __future__ import annotations

import httpx
import pytest

from honeycomb import RateLimitError
from tests.live._async.harness import close_client, open_client
from tests.live._target import LiveTarget


def _fields(header: str) -> dict[str, int]:
    """``limit=100, remaining=99, reset=60`` as a dict."""
    pairs = (item.split("=", 1) for item in header.split(",") if "=" in item)
    return {name.strip(): int(value.strip()) for name, value in pairs}


async def test_client_rate_limit_is_what_the_headers_said(live: LiveTarget) -> None:
    headers: list[httpx.Headers] = []
    client = open_client(live, on_response=lambda response: headers.append(response.headers))
    try:
        observed = []
        for _ in range(2):
            await client.datasets.list()
            header = headers[-1].get("ratelimit")
            if live.fake is not None:
                assert header is not None  # the served fake always reports them here
            if header is None:
                # Not every endpoint reports its limits; this fresh client then knows none.
                assert client.rate_limit is None
                continue
            info = client.rate_limit
            assert info is not None
            fields = _fields(header)
            assert (info.limit, info.remaining) == (fields["limit"], fields["remaining"])
            assert info.reset == fields["reset"]
            policy = headers[-1].get("ratelimit-policy") or headers[-1].get("ratelimitpolicy")
            assert info.policy == policy
            observed.append(info)
        if len(observed) == 2:
            first, second = observed
            assert first.remaining is not None and second.remaining is not None
            # The second request was counted, unless a new window began in between.
            assert second.remaining < first.remaining or (second.reset or 0) > (first.reset or 0)
    finally:
        await close_client(client)


async def test_a_429_carries_the_limits_and_the_wait(live: LiveTarget) -> None:
    if live.fake is None:
        pytest.skip("a 429 is only provoked against the fake: it would spend the team's budget")
    fault = live.fake.inject("listBoards", status=429, retry_after=7, rate_limit=(100, 0, 7))
    client = open_client(live, max_retries=0)
    try:
        with pytest.raises(RateLimitError) as info:
            await client.boards.list()
    finally:
        await close_client(client)
    err = info.value
    assert fault.hits == 1
    assert (err.status_code, err.retry_after) == (429, 7)
    assert err.rate_limit is not None and (err.rate_limit.limit, err.rate_limit.remaining) == (
        100,
        0,
    )
    assert client.rate_limit is not None and client.rate_limit.remaining == 0
    assert "429" in str(err) and "GET /1/boards" in str(err)
