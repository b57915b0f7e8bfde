# GENERATED from tests/_async/test_columns.py by scripts/unasync.py.
# Do not edit: change the async source and run `python scripts/unasync.py`.
"""client.columns: /1/columns/{dataset}[/{id}], including the ?key_name= lookup."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pytest_httpx import HTTPXMock

from honeycomb import Client, ConflictError, NotFoundError
from honeycomb.errors import RequestValidationError
from honeycomb.models.columns import Column, ColumnCreate, ColumnType

from .conftest import BASE, DATASET_NOT_FOUND, only_request

URL = f"{BASE}/1/columns/web"

COLUMN = {
    "id": "yUheCUmgZ8p",
    "key_name": "my_column",
    "hidden": False,
    "description": "An integer column",
    "type": "integer",
    "last_written": "2022-07-26T22:38:05Z",
    "created_at": "2022-07-26T22:38:04Z",
    "updated_at": "2022-07-26T22:38:04Z",
}
OTHER = {**COLUMN, "id": "yUheCUmgZ8q", "key_name": "other_column", "type": "string"}


def test_list(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(method="GET", url=URL, json=[COLUMN, OTHER])
    columns = client.columns.list("web")
    assert [c.key_name for c in columns] == ["my_column", "other_column"]
    assert columns[0].type is ColumnType.INTEGER
    assert columns[0].last_written is not None and columns[0].last_written.minute == 38
    assert only_request(httpx_mock).method == "GET"


def test_list_environment_wide(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(method="GET", url=f"{BASE}/1/columns/__all__", json=[])
    assert client.columns.list("__all__") == []


def test_list_keeps_unknown_type(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(method="GET", url=URL, json=[{**COLUMN, "type": "vector"}])
    (column,) = client.columns.list("web")
    assert column.type == "vector"


def test_list_by_key_name_returns_one_element_list(httpx_mock: HTTPXMock, client: Client) -> None:
    # The API answers the ?key_name= lookup with one object, not an array.
    httpx_mock.add_response(method="GET", url=f"{URL}?key_name=my+column", json=COLUMN)
    columns = client.columns.list("web", key_name="my column")
    assert len(columns) == 1
    assert isinstance(columns[0], Column)
    assert columns[0].id == "yUheCUmgZ8p"
    assert dict(only_request(httpx_mock).url.params) == {"key_name": "my column"}


def test_list_by_key_name_tolerates_an_array(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(method="GET", url=f"{URL}?key_name=my_column", json=[COLUMN])
    columns = client.columns.list("web", key_name="my_column")
    assert [c.id for c in columns] == ["yUheCUmgZ8p"]


def test_list_by_unknown_key_name_is_empty(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(
        method="GET", url=f"{URL}?key_name=nope", status_code=404, json={"error": "not found"}
    )
    assert client.columns.list("web", key_name="nope") == []


def test_list_by_key_name_in_unknown_dataset_raises(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(
        method="GET",
        url=f"{BASE}/1/columns/nope?key_name=x",
        status_code=404,
        json=DATASET_NOT_FOUND,
    )
    with pytest.raises(NotFoundError, match="Dataset not found"):
        client.columns.list("nope", key_name="x")


def test_list_by_empty_key_name_is_refused(httpx_mock: HTTPXMock, client: Client) -> None:
    with pytest.raises(ValueError, match="key_name"):
        client.columns.list("web", key_name="")
    assert httpx_mock.get_requests() == []


def test_list_unknown_dataset_raises(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(url=URL, status_code=404, json={"error": "Dataset not found"})
    with pytest.raises(NotFoundError):
        client.columns.list("web")


def test_get(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(method="GET", url=f"{URL}/yUheCUmgZ8p", json=COLUMN)
    column = client.columns.get("web", "yUheCUmgZ8p")
    assert column.key_name == "my_column"
    assert column.hidden is False
    assert column.description == "An integer column"


def test_get_quotes_ids(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(method="GET", url=f"{BASE}/1/columns/a%2Fb/x%2F..%2Fy", json=COLUMN)
    client.columns.get("a/b", "x/../y")
    assert only_request(httpx_mock).url.raw_path == b"/1/columns/a%2Fb/x%2F..%2Fy"


def test_create(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(method="POST", url=URL, status_code=201, json=COLUMN)
    column = client.columns.create(
        "web", {"key_name": "my_column", "type": "integer", "description": "An integer column"}
    )
    request = only_request(httpx_mock)
    assert request.method == "POST"
    assert request.headers["Content-Type"] == "application/json"
    assert json.loads(request.content) == {
        "key_name": "my_column",
        "type": "integer",
        "description": "An integer column",
    }
    assert column.id == "yUheCUmgZ8p"


def test_create_accepts_model(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(method="POST", url=URL, status_code=201, json=COLUMN)
    client.columns.create("web", ColumnCreate(key_name="flag", type=ColumnType.BOOLEAN))
    assert json.loads(only_request(httpx_mock).content) == {"key_name": "flag", "type": "boolean"}


def test_create_duplicate_key_name_conflicts(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(
        method="POST",
        url=URL,
        status_code=409,
        json={
            "status": 409,
            "type": "https://api.honeycomb.io/problems/conflict",
            "title": "Request could not be completed due to a conflict with the current "
            "state of the target resource.",
            "error": "A resource by that name already exists.",
        },
    )
    with pytest.raises(ConflictError, match="already exists") as info:
        client.columns.create("web", {"key_name": "my_column"})
    assert info.value.status_code == 409


@pytest.mark.parametrize(
    "bad",
    [
        {},
        {"key_name": ""},
        {"key_name": "x" * 256},
        {"key_name": "x", "type": "text"},
        {"key_name": "x", "description": "d" * 256},
        {"key_name": "x", "ident": "yUheCUmgZ8p"},
    ],
)
def test_create_validates_before_sending(
    httpx_mock: HTTPXMock, client: Client, bad: dict[str, Any]
) -> None:
    with pytest.raises(RequestValidationError):
        client.columns.create("web", bad)
    assert httpx_mock.get_requests() == []


def test_update(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(
        method="PUT", url=f"{URL}/yUheCUmgZ8p", json={**COLUMN, "type": "string", "hidden": True}
    )
    column = client.columns.update(
        "web", "yUheCUmgZ8p", {"type": "string", "hidden": True, "description": ""}
    )
    request = only_request(httpx_mock)
    assert request.method == "PUT"
    assert json.loads(request.content) == {"type": "string", "hidden": True, "description": ""}
    assert column.type is ColumnType.STRING and column.hidden is True


def test_update_validates_before_sending(httpx_mock: HTTPXMock, client: Client) -> None:
    with pytest.raises(RequestValidationError):
        client.columns.update("web", "c1", {"type": "text"})
    assert httpx_mock.get_requests() == []


def test_delete(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(method="DELETE", url=f"{URL}/yUheCUmgZ8p", status_code=204)
    client.columns.delete("web", "yUheCUmgZ8p")
    assert only_request(httpx_mock).method == "DELETE"


def test_delete_definition_column_conflicts(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(
        method="DELETE",
        url=f"{URL}/c1",
        status_code=409,
        json={"error": "column is in use by dataset definition: trace_id"},
    )
    with pytest.raises(ConflictError, match="in use by dataset definition"):
        client.columns.delete("web", "c1")
