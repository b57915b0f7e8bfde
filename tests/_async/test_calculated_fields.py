"""client.calculated_fields: /1/derived_columns/{dataset}[/{id}], including ?alias=."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pytest_httpx import HTTPXMock

from honeycomb import AsyncClient, ConflictError, NotFoundError
from honeycomb.errors import RequestValidationError
from honeycomb.models.calculated_fields import CalculatedField, CalculatedFieldCreate

from .conftest import BASE, only_request

URL = f"{BASE}/1/derived_columns/web"
ENV_URL = f"{BASE}/1/derived_columns/__all__"

FIELD = {
    "id": "yUheCUmgZ8p",
    "alias": "one",
    "description": "just one",
    "expression": "INT(1)",
    "created_at": "2022-07-26T22:38:04Z",
    "updated_at": "2022-11-16T17:34:01Z",
}


async def test_list(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    two = {**FIELD, "id": "f2", "alias": "two", "expression": "INT(2)"}
    httpx_mock.add_response(method="GET", url=URL, json=[FIELD, two])
    fields = await client.calculated_fields.list("web")
    assert [(f.alias, f.expression) for f in fields] == [("one", "INT(1)"), ("two", "INT(2)")]
    assert fields[0].updated_at is not None and fields[0].updated_at.month == 11
    assert only_request(httpx_mock).method == "GET"


async def test_list_environment_wide(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(method="GET", url=ENV_URL, json=[FIELD])
    fields = await client.calculated_fields.list("__all__")
    assert [f.id for f in fields] == ["yUheCUmgZ8p"]


async def test_list_by_alias_returns_one_element_list(
    httpx_mock: HTTPXMock, client: AsyncClient
) -> None:
    # The live API answers ?alias= with one object, not an array.
    httpx_mock.add_response(method="GET", url=f"{URL}?alias=one", json=FIELD)
    fields = await client.calculated_fields.list("web", alias="one")
    assert len(fields) == 1 and isinstance(fields[0], CalculatedField)
    assert fields[0].expression == "INT(1)"
    assert dict(only_request(httpx_mock).url.params) == {"alias": "one"}


async def test_list_by_alias_tolerates_an_array(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(method="GET", url=f"{URL}?alias=one", json=[FIELD])
    assert [f.alias for f in await client.calculated_fields.list("web", alias="one")] == ["one"]


async def test_list_by_unknown_alias_is_empty(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(
        method="GET", url=f"{URL}?alias=nope", status_code=404, json={"error": "not found"}
    )
    assert await client.calculated_fields.list("web", alias="nope") == []


async def test_list_by_alias_in_unknown_dataset_raises(
    httpx_mock: HTTPXMock, client: AsyncClient
) -> None:
    httpx_mock.add_response(
        method="GET", url=f"{URL}?alias=one", status_code=404, json={"error": "Dataset not found"}
    )
    with pytest.raises(NotFoundError, match="Dataset not found"):
        await client.calculated_fields.list("web", alias="one")


async def test_list_by_empty_alias_is_refused(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    with pytest.raises(ValueError, match="alias"):
        await client.calculated_fields.list("web", alias="")
    assert httpx_mock.get_requests() == []


async def test_get(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(method="GET", url=f"{ENV_URL}/yUheCUmgZ8p", json=FIELD)
    field = await client.calculated_fields.get("__all__", "yUheCUmgZ8p")
    assert (field.alias, field.description) == ("one", "just one")


async def test_get_unknown(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(url=f"{URL}/gone", status_code=404, json={"error": "not found"})
    with pytest.raises(NotFoundError):
        await client.calculated_fields.get("web", "gone")


async def test_create(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(method="POST", url=ENV_URL, status_code=201, json=FIELD)
    field = await client.calculated_fields.create(
        "__all__", {"alias": "one", "expression": "INT(1)", "description": "just one"}
    )
    request = only_request(httpx_mock)
    assert request.method == "POST"
    assert request.headers["Content-Type"] == "application/json"
    assert json.loads(request.content) == {
        "alias": "one",
        "expression": "INT(1)",
        "description": "just one",
    }
    assert field.id == "yUheCUmgZ8p"


async def test_create_accepts_model(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(method="POST", url=URL, status_code=201, json=FIELD)
    await client.calculated_fields.create(
        "web", CalculatedFieldCreate(alias="slow", expression="GT($duration_ms, 1000)")
    )
    assert json.loads(only_request(httpx_mock).content) == {
        "alias": "slow",
        "expression": "GT($duration_ms, 1000)",
    }


async def test_create_duplicate_alias_conflicts(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(
        method="POST",
        url=URL,
        status_code=409,
        json={"error": "A resource by that name already exists."},
    )
    with pytest.raises(ConflictError):
        await client.calculated_fields.create("web", {"alias": "one", "expression": "INT(1)"})


@pytest.mark.parametrize(
    "bad",
    [
        {},
        {"alias": "one"},
        {"expression": "INT(1)"},
        {"alias": "", "expression": "INT(1)"},
        {"alias": "a" * 256, "expression": "INT(1)"},
        {"alias": "one", "expression": ""},
        {"alias": "one", "expression": "x" * 4096},
        {"alias": "one", "expression": "INT(1)", "description": "d" * 256},
        {"alias": "one", "expression": "INT(1)", "ident": "yUheCUmgZ8p"},
    ],
)
async def test_create_validates_before_sending(
    httpx_mock: HTTPXMock, client: AsyncClient, bad: dict[str, Any]
) -> None:
    with pytest.raises(RequestValidationError):
        await client.calculated_fields.create("web", bad)
    assert httpx_mock.get_requests() == []


async def test_create_longest_expression_is_accepted(
    httpx_mock: HTTPXMock, client: AsyncClient
) -> None:
    httpx_mock.add_response(method="POST", url=URL, status_code=201, json=FIELD)
    await client.calculated_fields.create("web", {"alias": "a" * 255, "expression": "x" * 4095})
    assert len(json.loads(only_request(httpx_mock).content)["expression"]) == 4095


async def test_update(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    renamed = {**FIELD, "alias": "uno", "expression": "INT(2)"}
    httpx_mock.add_response(method="PUT", url=f"{URL}/yUheCUmgZ8p", json=renamed)
    field = await client.calculated_fields.update(
        "web", "yUheCUmgZ8p", {"alias": "uno", "expression": "INT(2)"}
    )
    request = only_request(httpx_mock)
    assert request.method == "PUT"
    assert json.loads(request.content) == {"alias": "uno", "expression": "INT(2)"}
    assert field.alias == "uno"


async def test_update_needs_alias_and_expression(
    httpx_mock: HTTPXMock, client: AsyncClient
) -> None:
    with pytest.raises(RequestValidationError):
        await client.calculated_fields.update("web", "f1", {"expression": "INT(2)"})
    assert httpx_mock.get_requests() == []


async def test_delete(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(method="DELETE", url=f"{URL}/yUheCUmgZ8p", status_code=204)
    await client.calculated_fields.delete("web", "yUheCUmgZ8p")
    assert only_request(httpx_mock).method == "DELETE"


async def test_delete_in_use_conflicts(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(
        method="DELETE",
        url=f"{URL}/f1",
        status_code=409,
        json={"error": "derived column is in use by an SLO"},
    )
    with pytest.raises(ConflictError, match="in use"):
        await client.calculated_fields.delete("web", "f1")
