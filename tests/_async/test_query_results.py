"""``client.query_results``: create, get, and run (save, create, poll within a deadline)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pytest_httpx import HTTPXMock

from honeycomb import (
    AsyncClient,
    InternalServerError,
    NotFoundError,
    PollTimeoutError,
    QueryFailedError,
    RateLimitError,
    _io,
)
from honeycomb.errors import RequestValidationError
from honeycomb.models.queries import Query, QueryResult
from honeycomb.query import QueryBuilder, QueryValidationError, QueryWarning

from .conftest import BASE

QUERIES = f"{BASE}/1/queries/web"
RESULTS = f"{BASE}/1/query_results/web"
RESULT = f"{RESULTS}/r1"

QUERY = {"calculations": [{"op": "COUNT"}], "breakdowns": ["endpoint"], "time_range": 3600}
LINKS = {
    "query_url": "https://ui.honeycomb.io/t/datasets/web/result/r1",
    "graph_image_url": "https://ui.honeycomb.io/t/datasets/web/result/r1/snapshot",
}
PENDING = {"id": "r1", "complete": False, "query": QUERY, "links": LINKS}
DONE = {
    **PENDING,
    "complete": True,
    "data": {
        "series": [],
        "results": [
            {"data": {"COUNT": 2728, "endpoint": "/a"}},
            {"data": {"COUNT": 4, "endpoint": None}},
        ],
    },
}
FAILED = {**PENDING, "complete": True, "error": "we had trouble fetching your results!"}
RATE_LIMITED = {
    "status": 429,
    "type": "https://api.honeycomb.io/problems/rate-limited",
    "title": "You have exceeded your rate limit.",
    "error": "You have exceeded your rate limit.",
    "detail": "This endpoint allows 10 requests per minute.",
}
DEFAULT_OPTIONS = {
    "disable_series": False,
    "disable_total_by_aggregate": True,
    "disable_other_by_aggregate": True,
}

BUILDER = QueryBuilder().calculate("COUNT").group_by("endpoint").last(hours=1)


class Clock:
    """``_io.monotonic`` that advances by exactly the (patched) sleeps."""

    def __init__(self, sleeps: list[float]) -> None:
        self.sleeps = sleeps

    def __call__(self) -> float:
        return 1000.0 + sum(self.sleeps)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch, sleeps: list[float]) -> Clock:
    clock = Clock(sleeps)
    monkeypatch.setattr(_io, "monotonic", clock)
    return clock


def bodies(httpx_mock: HTTPXMock, url: str) -> list[Any]:
    return [json.loads(r.content) for r in httpx_mock.get_requests(method="POST", url=url)]


def gets(httpx_mock: HTTPXMock) -> int:
    return len(httpx_mock.get_requests(method="GET", url=RESULT))


# ---------------------------------------------------------------- create/get


async def test_create_sends_only_what_was_set(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(method="POST", url=RESULTS, status_code=201, json=PENDING)
    result = await client.query_results.create("web", {"query_id": "q1", "disable_series": True})
    assert isinstance(result, QueryResult)
    assert result.complete is False
    assert result.query_url == LINKS["query_url"]
    assert bodies(httpx_mock, RESULTS) == [{"query_id": "q1", "disable_series": True}]


async def test_create_validates_the_limit_locally(
    httpx_mock: HTTPXMock, client: AsyncClient
) -> None:
    with pytest.raises(RequestValidationError, match="disable_series=True"):
        await client.query_results.create("web", {"query_id": "q1", "limit": 5000})
    assert httpx_mock.get_requests() == []


async def test_get(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(method="GET", url=f"{RESULTS}/r%2F1", json=DONE)
    result = await client.query_results.get("web", "r/1")
    assert result.rows == [{"COUNT": 2728, "endpoint": "/a"}, {"COUNT": 4, "endpoint": None}]


async def test_get_a_failed_result_returns_it(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(method="GET", url=RESULT, json=FAILED)
    result = await client.query_results.get("web", "r1")
    assert result.error == "we had trouble fetching your results!"


# ----------------------------------------------------------------------- run


async def test_run_completes_on_the_third_poll(
    httpx_mock: HTTPXMock, client: AsyncClient, clock: Clock, sleeps: list[float]
) -> None:
    httpx_mock.add_response(method="POST", url=QUERIES, json={**QUERY, "id": "q1"})
    httpx_mock.add_response(method="POST", url=RESULTS, status_code=201, json=PENDING)
    httpx_mock.add_response(method="GET", url=RESULT, json=PENDING)
    httpx_mock.add_response(method="GET", url=RESULT, json=PENDING)
    httpx_mock.add_response(method="GET", url=RESULT, json=DONE)

    result = await client.query_results.run("web", BUILDER)

    assert result.complete is True
    assert result.rows[0] == {"COUNT": 2728, "endpoint": "/a"}
    assert len(httpx_mock.get_requests()) == 5
    assert gets(httpx_mock) == 3
    assert sleeps == pytest.approx([0.2, 0.3, 0.45])
    assert bodies(httpx_mock, QUERIES) == [QUERY]
    assert bodies(httpx_mock, RESULTS) == [{"query_id": "q1", **DEFAULT_OPTIONS}]


async def test_run_returns_at_once_when_created_complete(
    httpx_mock: HTTPXMock, client: AsyncClient, sleeps: list[float]
) -> None:
    httpx_mock.add_response(method="POST", url=QUERIES, json={**QUERY, "id": "q1"})
    httpx_mock.add_response(method="POST", url=RESULTS, status_code=201, json=DONE)
    result = await client.query_results.run("web", QUERY)
    assert len(result.rows) == 2
    assert gets(httpx_mock) == 0
    assert sleeps == []


@pytest.mark.parametrize(
    "query", ["q7", Query.model_validate({**QUERY, "id": "q7"})], ids=["id", "saved-query"]
)
async def test_run_an_existing_query(
    httpx_mock: HTTPXMock, client: AsyncClient, clock: Clock, query: Any
) -> None:
    httpx_mock.add_response(method="POST", url=RESULTS, status_code=201, json=PENDING)
    httpx_mock.add_response(method="GET", url=RESULT, json=DONE)
    result = await client.query_results.run("web", query)
    assert result.complete is True
    assert httpx_mock.get_requests(method="POST", url=QUERIES) == []
    assert bodies(httpx_mock, RESULTS) == [{"query_id": "q7", **DEFAULT_OPTIONS}]


async def test_run_passes_the_options(
    httpx_mock: HTTPXMock, client: AsyncClient, clock: Clock
) -> None:
    httpx_mock.add_response(method="POST", url=RESULTS, status_code=201, json=DONE)
    await client.query_results.run(
        "web",
        "q1",
        limit=5000,
        disable_series=True,
        disable_total_by_aggregate=False,
        disable_other_by_aggregate=False,
    )
    assert bodies(httpx_mock, RESULTS) == [
        {
            "query_id": "q1",
            "disable_series": True,
            "disable_total_by_aggregate": False,
            "disable_other_by_aggregate": False,
            "limit": 5000,
        }
    ]


async def test_a_query_limit_above_1000_moves_to_the_result_request(
    httpx_mock: HTTPXMock, client: AsyncClient
) -> None:
    httpx_mock.add_response(method="POST", url=QUERIES, json={**QUERY, "id": "q1"})
    httpx_mock.add_response(method="POST", url=RESULTS, status_code=201, json=DONE)
    await client.query_results.run("web", BUILDER.limit(5000), disable_series=True)
    assert bodies(httpx_mock, QUERIES)[0]["limit"] == 1000
    assert bodies(httpx_mock, RESULTS)[0]["limit"] == 5000


async def test_a_failed_query_raises_with_the_result(
    httpx_mock: HTTPXMock, client: AsyncClient, clock: Clock
) -> None:
    httpx_mock.add_response(method="POST", url=RESULTS, status_code=201, json=PENDING)
    httpx_mock.add_response(method="GET", url=RESULT, json=PENDING)
    httpx_mock.add_response(method="GET", url=RESULT, json=FAILED)
    with pytest.raises(QueryFailedError, match="we had trouble") as info:
        await client.query_results.run("web", "q1")
    assert info.value.query_result_id == "r1"
    assert info.value.error == "we had trouble fetching your results!"
    assert isinstance(info.value.result, QueryResult)
    assert info.value.result.complete is True
    assert gets(httpx_mock) == 2


async def test_the_deadline_raises_with_the_result_id(
    httpx_mock: HTTPXMock, client: AsyncClient, clock: Clock, sleeps: list[float]
) -> None:
    httpx_mock.add_response(method="POST", url=RESULTS, status_code=201, json=PENDING)
    httpx_mock.add_response(method="GET", url=RESULT, json=PENDING, is_reusable=True)
    with pytest.raises(PollTimeoutError) as info:
        await client.query_results.run("web", "q1", timeout=3)
    err = info.value
    assert err.resource_id == "r1"
    assert "r1" in str(err)
    assert isinstance(err.last, QueryResult)
    assert err.last.complete is False
    assert sum(sleeps) == pytest.approx(3.0)
    assert max(sleeps) <= 2.0
    assert gets(httpx_mock) == len(sleeps)  # one GET after each wait, the last at the deadline


async def test_the_poll_interval_is_configurable(
    httpx_mock: HTTPXMock, client: AsyncClient, clock: Clock, sleeps: list[float]
) -> None:
    httpx_mock.add_response(method="POST", url=RESULTS, status_code=201, json=PENDING)
    httpx_mock.add_response(method="GET", url=RESULT, json=PENDING, is_reusable=True)
    with pytest.raises(PollTimeoutError):
        await client.query_results.run(
            "web", "q1", timeout=5, poll_interval=1.0, max_poll_interval=1.0
        )
    assert sleeps == [1.0] * 5


async def test_a_429_on_create_is_waited_out_within_the_deadline(
    httpx_mock: HTTPXMock, client: AsyncClient, clock: Clock, sleeps: list[float]
) -> None:
    httpx_mock.add_response(
        method="POST",
        url=RESULTS,
        status_code=429,
        json=RATE_LIMITED,
        headers={"Content-Type": "application/problem+json"},
    )
    httpx_mock.add_response(
        method="POST",
        url=RESULTS,
        status_code=429,
        json=RATE_LIMITED,
        headers={"Content-Type": "application/problem+json"},
    )
    httpx_mock.add_response(method="POST", url=RESULTS, status_code=201, json=PENDING)
    httpx_mock.add_response(method="GET", url=RESULT, json=DONE)

    result = await client.query_results.run("web", "q1")

    assert result.complete is True
    assert len(bodies(httpx_mock, RESULTS)) == 3
    # no Retry-After on the Query Data API: exponential backoff with jitter, then polling
    assert 0.375 <= sleeps[0] <= 0.5
    assert 0.75 <= sleeps[1] <= 1.0
    assert sleeps[2:] == pytest.approx([0.2])


async def test_a_429_waits_as_long_as_the_rate_limit_header_says(
    httpx_mock: HTTPXMock, client: AsyncClient, clock: Clock, sleeps: list[float]
) -> None:
    httpx_mock.add_response(
        method="POST",
        url=QUERIES,
        status_code=429,
        json=RATE_LIMITED,
        headers={"RateLimit": "limit=10, remaining=0, reset=7"},
    )
    httpx_mock.add_response(method="POST", url=QUERIES, json={**QUERY, "id": "q1"})
    httpx_mock.add_response(method="POST", url=RESULTS, status_code=201, json=DONE)
    await client.query_results.run("web", BUILDER)
    assert sleeps == [7.0]


async def test_a_429_that_would_overrun_the_deadline_is_raised_at_once(
    httpx_mock: HTTPXMock, client: AsyncClient, clock: Clock, sleeps: list[float]
) -> None:
    httpx_mock.add_response(
        method="POST",
        url=RESULTS,
        status_code=429,
        json=RATE_LIMITED,
        headers={"Retry-After": "90"},
    )
    with pytest.raises(RateLimitError) as info:
        await client.query_results.run("web", "q1", timeout=60)
    assert info.value.retry_after == 90
    assert sleeps == []
    assert len(httpx_mock.get_requests()) == 1


async def test_repeated_429s_stop_at_the_deadline(
    httpx_mock: HTTPXMock, client: AsyncClient, clock: Clock, sleeps: list[float]
) -> None:
    httpx_mock.add_response(
        method="POST", url=RESULTS, status_code=429, json=RATE_LIMITED, is_reusable=True
    )
    with pytest.raises(RateLimitError):
        await client.query_results.run("web", "q1", timeout=10)
    assert sum(sleeps) <= 10
    assert len(bodies(httpx_mock, RESULTS)) == len(sleeps) + 1


async def test_a_5xx_on_create_is_not_retried(
    httpx_mock: HTTPXMock, client: AsyncClient, clock: Clock, sleeps: list[float]
) -> None:
    httpx_mock.add_response(method="POST", url=RESULTS, status_code=500, json={"error": "oops"})
    with pytest.raises(InternalServerError):
        await client.query_results.run("web", "q1")
    assert len(httpx_mock.get_requests()) == 1
    assert sleeps == []


async def test_a_transient_error_while_polling_is_tolerated(
    httpx_mock: HTTPXMock, client: AsyncClient, clock: Clock
) -> None:
    httpx_mock.add_response(method="POST", url=RESULTS, status_code=201, json=PENDING)
    httpx_mock.add_response(method="GET", url=RESULT, status_code=503, json={"error": "busy"})
    httpx_mock.add_response(method="GET", url=RESULT, json=DONE)
    result = await client.query_results.run("web", "q1")
    assert result.complete is True
    assert gets(httpx_mock) == 2


async def test_persistent_errors_while_polling_end_in_a_timeout_caused_by_them(
    httpx_mock: HTTPXMock, client: AsyncClient, clock: Clock
) -> None:
    httpx_mock.add_response(method="POST", url=RESULTS, status_code=201, json=PENDING)
    httpx_mock.add_response(
        method="GET", url=RESULT, status_code=503, json={"error": "busy"}, is_reusable=True
    )
    with pytest.raises(PollTimeoutError) as info:
        await client.query_results.run("web", "q1", timeout=2)
    assert info.value.resource_id == "r1"
    assert isinstance(info.value.__cause__, InternalServerError)


async def test_a_404_while_polling_is_raised(
    httpx_mock: HTTPXMock, client: AsyncClient, clock: Clock
) -> None:
    httpx_mock.add_response(method="POST", url=RESULTS, status_code=201, json=PENDING)
    httpx_mock.add_response(method="GET", url=RESULT, status_code=404, json={"error": "gone"})
    with pytest.raises(NotFoundError):
        await client.query_results.run("web", "q1")


async def test_each_request_is_bounded_by_the_deadline(
    httpx_mock: HTTPXMock, client: AsyncClient, clock: Clock
) -> None:
    httpx_mock.add_response(method="POST", url=RESULTS, status_code=201, json=PENDING)
    httpx_mock.add_response(method="GET", url=RESULT, json=DONE)
    await client.query_results.run("web", "q1", timeout=10)
    post, get = httpx_mock.get_requests()
    assert post.extensions["timeout"] == {"connect": 5.0, "read": 10.0, "write": 10.0, "pool": 10.0}
    assert get.extensions["timeout"]["read"] == pytest.approx(9.8)


@pytest.mark.parametrize(
    ("query", "kwargs", "fragment"),
    [
        (QueryBuilder().calculate("P99"), {}, "P99 needs a column"),
        (QueryBuilder().last(days=8), {}, "at most 7 days"),
        (BUILDER.limit(5000), {}, "run it with disable_series=True"),
        ("q1", {"limit": 2000}, "disable_series=True"),
        (BUILDER, {"limit": 20_000, "disable_series": True}, "limit"),
    ],
)
async def test_run_validates_before_any_request(
    httpx_mock: HTTPXMock, client: AsyncClient, query: Any, kwargs: dict[str, Any], fragment: str
) -> None:
    with pytest.raises(QueryValidationError, match=fragment):
        await client.query_results.run("web", query, **kwargs)
    assert httpx_mock.get_requests() == []


@pytest.mark.parametrize(
    "kwargs", [{"timeout": 0}, {"poll_interval": 0}, {"max_poll_interval": -1}]
)
async def test_run_rejects_non_positive_timings(
    httpx_mock: HTTPXMock, client: AsyncClient, kwargs: dict[str, Any]
) -> None:
    with pytest.raises(ValueError, match="positive"):
        await client.query_results.run("web", "q1", **kwargs)
    assert httpx_mock.get_requests() == []


async def test_run_warns_about_the_comparison_it_cannot_return(
    httpx_mock: HTTPXMock, client: AsyncClient
) -> None:
    httpx_mock.add_response(method="POST", url=QUERIES, json={**QUERY, "id": "q1"})
    httpx_mock.add_response(method="POST", url=RESULTS, status_code=201, json=DONE)
    with pytest.warns(QueryWarning, match="comparison") as record:
        await client.query_results.run("web", BUILDER.compare_to(3600))
    assert record[0].filename == __file__
