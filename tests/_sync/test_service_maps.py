# GENERATED from tests/_async/test_service_maps.py by scripts/unasync.py.
# Do not edit: change the async source and run `python scripts/unasync.py`.
"""client.service_maps: create a dependency request, poll it, and collect every page."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pytest_httpx import HTTPXMock

from honeycomb import Client, HoneycombError, PaginationError, PollTimeoutError, _io
from honeycomb.errors import RequestValidationError
from honeycomb.models.service_maps import (
    DependencyRequestCreate,
    DependencyRequestStatus,
    MapDependency,
)

from .conftest import BASE, check_auth, only_request

PATH = "/1/maps/dependencies/requests"
URL = f"{BASE}{PATH}"


def dep(parent: str, child: str, calls: int) -> dict[str, Any]:
    return {
        "parent_node": {"name": parent, "type": "service"},
        "child_node": {"name": child, "type": "service"},
        "call_count": calls,
    }


def state(
    status: str, deps: list[dict[str, Any]] | None = None, next_link: str | None = None
) -> dict[str, Any]:
    return {
        "request_id": "HprJhV1fYyr",
        "status": status,
        "dependencies": deps,
        "links": {"next": next_link},
    }


def add_created(httpx_mock: HTTPXMock, status: str, request_id: str = "r1", **options: Any) -> None:
    """Answer the POST that creates a dependency request (without a ``limit``)."""
    httpx_mock.add_response(
        method="POST", url=URL, json={"request_id": request_id, "status": status}, **options
    )


def add_page(
    httpx_mock: HTTPXMock,
    request_id: str,
    body: dict[str, Any],
    *,
    after: str | None = None,
    size: int = 100,
    **options: Any,
) -> None:
    """Answer the GET of one page: the first (``page[size]``), or the one ``after`` a cursor."""
    query = f"page%5Bafter%5D={after}" if after else f"page%5Bsize%5D={size}"
    httpx_mock.add_response(method="GET", url=f"{URL}/{request_id}?{query}", json=body, **options)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch, sleeps: list[float]) -> list[float]:
    """Time passes only when the poller sleeps."""
    monkeypatch.setattr(_io, "monotonic", lambda: sum(sleeps))
    return sleeps


def test_create_request_sends_limit_as_a_query_parameter(
    httpx_mock: HTTPXMock, client: Client
) -> None:
    httpx_mock.add_response(
        method="POST",
        url=f"{URL}?limit=5000",
        status_code=201,
        json={"request_id": "HprJhV1fYyr", "status": "pending"},
    )
    created = client.service_maps.create_request(
        {
            "time_range": 7200,
            "filters": [{"name": "user-service", "type": "service"}],
            "limit": 5000,
        }
    )
    assert created.request_id == "HprJhV1fYyr"
    assert created.status == DependencyRequestStatus.PENDING
    request = only_request(httpx_mock)
    assert json.loads(request.content) == {
        "time_range": 7200,
        "filters": [{"name": "user-service", "type": "service"}],
    }


def test_create_request_without_arguments(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(method="POST", url=URL, json={"request_id": "r", "status": "ready"})
    created = client.service_maps.create_request()
    assert created.status == DependencyRequestStatus.READY
    (request,) = httpx_mock.get_requests()
    assert json.loads(request.content) == {}
    assert request.url.query == b""


@pytest.mark.parametrize(
    "request_body",
    [
        {"limit": 64_001},
        {"limit": 0},
        {"time_range": 0},
        {"start_time": 200, "end_time": 100},
        {"start_time": 1, "end_time": 2, "time_range": 1},
        {"filters": [{"name": "x", "type": "database"}]},
        {"filters": [{"type": "service"}]},
        {"granularity": 60},
    ],
)
def test_invalid_create_sends_nothing(
    httpx_mock: HTTPXMock, client: Client, request_body: dict[str, Any]
) -> None:
    with pytest.raises(RequestValidationError):
        client.service_maps.create_request(request_body)
    with pytest.raises(RequestValidationError):
        client.service_maps.dependencies(request_body)
    assert httpx_mock.get_requests() == []


def test_create_request_from_model(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(
        method="POST", url=f"{URL}?limit=64000", json={"request_id": "r", "status": "pending"}
    )
    client.service_maps.create_request(
        DependencyRequestCreate(start_time=1622548800, end_time=1622635200, limit=64_000)
    )
    (request,) = httpx_mock.get_requests()
    assert json.loads(request.content) == {"start_time": 1622548800, "end_time": 1622635200}


def test_get_request_is_one_page(httpx_mock: HTTPXMock, client: Client) -> None:
    deps = [dep("a", "b", 3), dep("b", "c", 4)]
    first = state("ready", deps, f"{PATH}/HprJhV1fYyr?page[after]=x")
    add_page(httpx_mock, "HprJhV1fYyr", first, size=2)
    page = client.service_maps.get_request("HprJhV1fYyr", page_size=2)
    assert page.status == DependencyRequestStatus.READY
    assert page.dependencies is not None
    assert [d.call_count for d in page.dependencies] == [3, 4]
    assert page.next_link == f"{PATH}/HprJhV1fYyr?page[after]=x"


def test_iterate_collects_every_page(httpx_mock: HTTPXMock, client: Client) -> None:
    first = state("ready", [dep("a", "b", 3)], f"{PATH}/HprJhV1fYyr?page[after]=x")
    add_page(httpx_mock, "HprJhV1fYyr", first)
    add_page(httpx_mock, "HprJhV1fYyr", state("ready", [dep("b", "c", 4)]), after="x")
    deps = [d for d in client.service_maps.iterate("HprJhV1fYyr")]
    assert all(isinstance(d, MapDependency) for d in deps)
    assert [(d.parent_node and d.parent_node.name, d.call_count) for d in deps] == [
        ("a", 3),
        ("b", 4),
    ]


def test_iterate_a_pending_request_raises(httpx_mock: HTTPXMock, client: Client) -> None:
    add_page(httpx_mock, "HprJhV1fYyr", state("pending"))
    with pytest.raises(HoneycombError, match="not ready"):
        client.service_maps.iterate("HprJhV1fYyr").to_list()


def test_dependencies_polls_then_collects_every_page(
    httpx_mock: HTTPXMock, client: Client, clock: list[float]
) -> None:
    add_created(httpx_mock, "pending", "HprJhV1fYyr", status_code=201)
    add_page(httpx_mock, "HprJhV1fYyr", state("pending"))
    first = state("ready", [dep("a", "b", 3)], f"{PATH}/HprJhV1fYyr?page[after]=x")
    add_page(httpx_mock, "HprJhV1fYyr", first)
    add_page(httpx_mock, "HprJhV1fYyr", state("ready", [dep("b", "c", 4)]), after="x")
    deps = client.service_maps.dependencies({"time_range": 3600})
    assert [d.call_count for d in deps] == [3, 4]
    assert clock == [0.2]
    requests = httpx_mock.get_requests()
    assert [(r.method, r.url.path) for r in requests] == [
        ("POST", PATH),
        ("GET", f"{PATH}/HprJhV1fYyr"),
        ("GET", f"{PATH}/HprJhV1fYyr"),
        ("GET", f"{PATH}/HprJhV1fYyr"),
    ]
    for request in requests:
        check_auth(request)


def test_dependencies_ready_at_once(
    httpx_mock: HTTPXMock, client: Client, clock: list[float]
) -> None:
    add_created(httpx_mock, "ready")
    add_page(httpx_mock, "r1", state("ready", []))
    assert client.service_maps.dependencies() == []
    assert clock == []


def test_dependencies_error_status(
    httpx_mock: HTTPXMock, client: Client, clock: list[float]
) -> None:
    add_created(httpx_mock, "pending")
    add_page(httpx_mock, "r1", {"request_id": "r1", "status": "error", "dependencies": None})
    with pytest.raises(HoneycombError, match="r1 failed"):
        client.service_maps.dependencies()


def test_dependencies_timeout_carries_the_request_id(
    httpx_mock: HTTPXMock, client: Client, clock: list[float]
) -> None:
    add_created(httpx_mock, "pending")
    pending = {"request_id": "r1", "status": "pending", "dependencies": None}
    add_page(httpx_mock, "r1", pending, is_reusable=True)
    with pytest.raises(PollTimeoutError) as info:
        client.service_maps.dependencies(timeout=1.0)
    assert info.value.resource_id == "r1"
    assert sum(clock) == pytest.approx(1.0)
    assert clock[:3] == pytest.approx([0.2, 0.3, 0.45])


def test_dependencies_stops_on_a_repeated_cursor(
    httpx_mock: HTTPXMock, client: Client, clock: list[float]
) -> None:
    add_created(httpx_mock, "ready")
    add_page(httpx_mock, "r1", state("ready", [dep("a", "b", 1)], f"{PATH}/r1?page[after]=x"))
    again = state("ready", [dep("b", "c", 1)], f"{PATH}/r1?page[after]=x")
    add_page(httpx_mock, "r1", again, after="x")
    with pytest.raises(PaginationError):
        client.service_maps.dependencies()


def test_dependencies_respects_max_pages(
    httpx_mock: HTTPXMock, client: Client, clock: list[float]
) -> None:
    add_created(httpx_mock, "ready")
    add_page(httpx_mock, "r1", state("ready", [dep("a", "b", 1)], f"{PATH}/r1?page[after]=x"))
    with pytest.raises(PaginationError, match="max_pages=1 "):
        client.service_maps.dependencies(max_pages=1)


def test_dependencies_counts_the_polled_page_against_max_pages(
    httpx_mock: HTTPXMock, client: Client, clock: list[float]
) -> None:
    add_created(httpx_mock, "ready")
    add_page(httpx_mock, "r1", state("ready", [dep("a", "b", 1)], f"{PATH}/r1?page[after]=x"))
    second = state("ready", [dep("b", "c", 2)], f"{PATH}/r1?page[after]=y")
    add_page(httpx_mock, "r1", second, after="x")
    with pytest.raises(PaginationError, match="max_pages"):
        client.service_maps.dependencies(max_pages=2)
    assert len(httpx_mock.get_requests()) == 3
