"""``client.queries``: saving a query specification and reading it back."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pytest_httpx import HTTPXMock

from honeycomb import AsyncClient, NotFoundError
from honeycomb.models.queries import CalculationOp, Query, QuerySpec
from honeycomb.query import QueryBuilder, QueryValidationError

from .conftest import API_KEY, BASE

SAVED = {
    "id": "q1",
    "query_annotation_id": "qa1",
    "calculations": [{"op": "P99", "column": "duration_ms"}, {"op": "COUNT"}],
    "breakdowns": ["endpoint"],
    "orders": [{"op": "P99", "column": "duration_ms", "order": "descending"}],
    "time_range": 7200,
}

BUILDER = (
    QueryBuilder()
    .calculate("P99", "duration_ms")
    .calculate("COUNT")
    .group_by("endpoint")
    .order_by("P99", "duration_ms", descending=True)
    .last(hours=2)
)


@pytest.mark.parametrize(
    "query",
    [BUILDER, BUILDER.build(), BUILDER.to_dict()],
    ids=["builder", "spec", "dict"],
)
async def test_create_sends_the_validated_body(
    httpx_mock: HTTPXMock, client: AsyncClient, query: Any
) -> None:
    httpx_mock.add_response(method="POST", url=f"{BASE}/1/queries/web", json=SAVED)
    saved = await client.queries.create("web", query)
    assert isinstance(saved, Query)
    assert saved.id == "q1"
    assert saved.query_annotation_id == "qa1"
    assert saved.calculations is not None
    assert saved.calculations[0].op is CalculationOp.P99
    request = httpx_mock.get_requests()[0]
    assert json.loads(request.content) == {k: v for k, v in SAVED.items() if "id" not in k}
    assert request.headers["X-Honeycomb-Team"] == API_KEY
    assert request.headers["Content-Type"] == "application/json"


async def test_create_environment_wide(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(method="POST", url=f"{BASE}/1/queries/__all__", json=SAVED)
    await client.queries.create("__all__", {"calculations": [{"op": "COUNT"}]})
    assert json.loads(httpx_mock.get_requests()[0].content) == {"calculations": [{"op": "COUNT"}]}


@pytest.mark.parametrize(
    ("query", "fragment"),
    [
        (QueryBuilder().calculate("P99"), "P99 needs a column"),
        ({"calculations": [{"op": "COUNT"}], "limit": 5000}, "limit 5000"),
        ({"timerange": 60}, "timerange is not a field"),
        (QuerySpec.model_validate({"granularity": 1}), "granularity 1 s is too fine"),
    ],
)
async def test_create_validates_before_sending(
    httpx_mock: HTTPXMock, client: AsyncClient, query: Any, fragment: str
) -> None:
    with pytest.raises(QueryValidationError, match=fragment):
        await client.queries.create("web", query)
    assert httpx_mock.get_requests() == []


async def test_get(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(
        method="GET", url=f"{BASE}/1/queries/my%20ds/q%2F1", json={**SAVED, "new": True}
    )
    query = await client.queries.get("my ds", "q/1")
    assert query.id == "q1"
    assert query.model_extra == {"new": True}
    assert QueryBuilder.from_spec(query).to_dict() == BUILDER.to_dict()


async def test_get_unknown_query(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(
        url=f"{BASE}/1/queries/web/nope", status_code=404, json={"error": "Query not found"}
    )
    with pytest.raises(NotFoundError, match="Query not found"):
        await client.queries.get("web", "nope")
