# GENERATED from tests/_async/test_pagination.py by scripts/unasync.py.
# Do not edit: change the async source and run `python scripts/unasync.py`.
"""Cursor pagination: every page, lazily; repeated cursors and max_pages stop with an error."""

from __future__ import annotations

from typing import Any

import pytest
from pytest_httpx import HTTPXMock

from honeycomb import Client, PaginationError
from honeycomb._pagination import next_link
from honeycomb._sync._pagination import Paginator

from .conftest import BASE

PATH = "/2/teams/test-team/api-keys"


def page(ids: list[str], next_path: str | None) -> dict[str, Any]:
    return {"data": [{"id": i} for i in ids], "links": {"next": next_path}}


def ids_of(document: Any) -> list[str]:
    return [item["id"] for item in document["data"]]


def paginator(client: Client, max_pages: int | None = 100) -> Paginator[str]:
    return Paginator(
        client._requester,
        PATH,
        parse=ids_of,
        params={"page[size]": 2},
        auth="management",
        max_pages=max_pages,
    )


def test_follows_next_links_until_absent(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(
        url=f"{BASE}{PATH}?page%5Bsize%5D=2",
        json=page(["a", "b"], f"{PATH}?page[after]=b&page[size]=2"),
    )
    httpx_mock.add_response(
        url=f"{BASE}{PATH}?page%5Bafter%5D=b&page%5Bsize%5D=2",
        json=page([], f"{PATH}?page[after]=c&page[size]=2"),
    )
    httpx_mock.add_response(
        url=f"{BASE}{PATH}?page%5Bafter%5D=c&page%5Bsize%5D=2", json=page(["c"], None)
    )
    pages = paginator(client)
    assert pages.to_list() == ["a", "b", "c"]
    assert pages.pages_fetched == 3
    for request in httpx_mock.get_requests():
        assert request.headers["Authorization"].startswith("Bearer ")


def test_absolute_next_link_on_same_origin(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(
        url=f"{BASE}{PATH}?page%5Bsize%5D=2", json=page(["a"], f"{BASE}{PATH}?page[after]=a")
    )
    httpx_mock.add_response(url=f"{BASE}{PATH}?page%5Bafter%5D=a", json=page(["b"], None))
    assert paginator(client).to_list() == ["a", "b"]


def test_is_lazy(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(
        url=f"{BASE}{PATH}?page%5Bsize%5D=2", json=page(["a", "b"], f"{PATH}?page[after]=b")
    )
    pages = paginator(client)
    assert httpx_mock.get_requests() == []
    seen = []
    for item in pages:
        seen.append(item)
        break
    assert seen == ["a"]
    assert len(httpx_mock.get_requests()) == 1


def test_repeated_cursor_raises(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(
        url=f"{BASE}{PATH}?page%5Bsize%5D=2", json=page(["a"], f"{PATH}?page[after]=a")
    )
    httpx_mock.add_response(
        url=f"{BASE}{PATH}?page%5Bafter%5D=a", json=page(["b"], f"{PATH}?page[after]=a")
    )
    with pytest.raises(PaginationError, match="same next link"):
        paginator(client).to_list()
    assert len(httpx_mock.get_requests()) == 2


def test_max_pages_raises_instead_of_truncating(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(
        url=f"{BASE}{PATH}?page%5Bsize%5D=2", json=page(["a"], f"{PATH}?page[after]=a")
    )
    httpx_mock.add_response(
        url=f"{BASE}{PATH}?page%5Bafter%5D=a", json=page(["b"], f"{PATH}?page[after]=b")
    )
    with pytest.raises(PaginationError, match="max_pages=2"):
        paginator(client, max_pages=2).to_list()


def test_next_link_reading() -> None:
    assert next_link({"links": {"next": "/x"}}) == "/x"
    assert next_link({"links": {"next": None}}) is None
    assert next_link({"links": {"next": ""}}) is None
    assert next_link({"data": []}) is None
    assert next_link([1, 2]) is None
