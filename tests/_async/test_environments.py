"""client.environments: JSON:API under /2/teams/{team}/environments (management key)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pytest_httpx import HTTPXMock

from honeycomb import AsyncClient, ConflictError, PaginationError
from honeycomb.errors import RequestValidationError
from honeycomb.models.environments import Environment, EnvironmentColor, EnvironmentCreate

from .conftest import BASE, check_auth, only_request

PATH = "/2/teams/test-team/environments"
URL = f"{BASE}{PATH}"
JSONAPI = "application/vnd.api+json"


def env(env_id: str, name: str, color: str = "blue", protected: bool = True) -> dict[str, Any]:
    return {
        "id": env_id,
        "type": "environments",
        "links": {"self": f"{PATH}/{env_id}"},
        "attributes": {
            "name": name,
            "description": f"{name} environment",
            "color": color,
            "slug": name.lower(),
            "settings": {"delete_protected": protected},
        },
    }


PROD = env("hcaen_prod", "Production")
STAGING = env("hcaen_staging", "Staging", color="lightGold", protected=False)


async def test_list_follows_every_page(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(
        method="GET",
        url=f"{URL}?page%5Bsize%5D=100",
        json={"data": [PROD], "links": {"next": f"{PATH}?page[after]=p1&page[size]=100"}},
    )
    httpx_mock.add_response(
        method="GET",
        url=f"{URL}?page%5Bafter%5D=p1&page%5Bsize%5D=100",
        json={"data": [STAGING, env("hcaen_c", "Classic", color="classic")], "links": {}},
    )
    envs = await client.environments.list()
    assert [e.slug for e in envs] == ["production", "staging", "classic"]
    prod, staging, classic = envs
    assert prod.id == "hcaen_prod"
    assert prod.color == EnvironmentColor.BLUE
    assert prod.delete_protected is True
    assert staging.color == EnvironmentColor.LIGHT_GOLD
    assert staging.delete_protected is False
    assert classic.color == EnvironmentColor.CLASSIC
    assert len(httpx_mock.get_requests()) == 2
    for request in httpx_mock.get_requests():
        check_auth(request, "management")


async def test_list_keeps_an_unknown_color(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(
        method="GET",
        url=f"{URL}?page%5Bsize%5D=100",
        json={"data": [env("e", "E", color="ultraviolet")], "links": {"next": None}},
    )
    (only,) = await client.environments.list()
    assert only.color == "ultraviolet"


async def test_list_stops_on_a_repeated_cursor(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(
        method="GET",
        url=f"{URL}?page%5Bsize%5D=100",
        json={"data": [PROD], "links": {"next": f"{PATH}?page[after]=p1"}},
    )
    httpx_mock.add_response(
        method="GET",
        url=f"{URL}?page%5Bafter%5D=p1",
        json={"data": [STAGING], "links": {"next": f"{PATH}?page[after]=p1"}},
    )
    with pytest.raises(PaginationError):
        await client.environments.list()


async def test_iterate_is_lazy(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    pages = client.environments.iterate(page_size=1, team="other-team")
    assert httpx_mock.get_requests() == []
    httpx_mock.add_response(
        method="GET",
        url=f"{BASE}/2/teams/other-team/environments?page%5Bsize%5D=1",
        json={"data": [PROD], "links": {"next": None}},
    )
    assert [e.name async for e in pages] == ["Production"]


async def test_get(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(method="GET", url=f"{URL}/hcaen_prod", json={"data": PROD})
    found = await client.environments.get("hcaen_prod")
    assert isinstance(found, Environment)
    assert found.description == "Production environment"
    assert only_request(httpx_mock, auth="management").method == "GET"


async def test_create(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(method="POST", url=URL, status_code=201, json={"data": STAGING})
    created = await client.environments.create(
        EnvironmentCreate(name="Staging", color=EnvironmentColor.LIGHT_GOLD)
    )
    assert created.id == "hcaen_staging"
    request = only_request(httpx_mock, auth="management")
    assert request.headers["Content-Type"] == JSONAPI
    assert json.loads(request.content) == {
        "data": {
            "type": "environments",
            "attributes": {"name": "Staging", "color": "lightGold"},
        }
    }


async def test_create_name_conflict(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(
        method="POST",
        url=URL,
        status_code=409,
        headers={"Content-Type": JSONAPI},
        json={"errors": [{"id": "1", "code": "conflict", "title": "name already taken"}]},
    )
    with pytest.raises(ConflictError):
        await client.environments.create({"name": "Staging"})


@pytest.mark.parametrize(
    "new_env",
    [
        {},
        {"name": ""},
        {"name": "x" * 256},
        {"name": "ok", "description": "x" * 256},
        {"name": "ok", "color": "classic"},
        {"name": "ok", "color": "teal"},
        {"name": "ok", "settings": {"delete_protected": False}},
    ],
)
async def test_invalid_create_sends_nothing(
    httpx_mock: HTTPXMock, client: AsyncClient, new_env: dict[str, Any]
) -> None:
    with pytest.raises(RequestValidationError):
        await client.environments.create(new_env)
    assert httpx_mock.get_requests() == []


async def test_update(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(method="PATCH", url=f"{URL}/hcaen_prod", json={"data": PROD})
    await client.environments.update(
        "hcaen_prod", {"description": "live", "settings": {"delete_protected": True}}
    )
    request = only_request(httpx_mock, auth="management")
    assert request.headers["Content-Type"] == JSONAPI
    assert json.loads(request.content) == {
        "data": {
            "type": "environments",
            "id": "hcaen_prod",
            "attributes": {"description": "live", "settings": {"delete_protected": True}},
        }
    }


async def test_update_rejects_a_rename(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    with pytest.raises(RequestValidationError):
        await client.environments.update("hcaen_prod", {"name": "Renamed"})
    assert httpx_mock.get_requests() == []


async def test_delete_protected_is_a_conflict(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(
        method="DELETE",
        url=f"{URL}/hcaen_prod",
        status_code=409,
        headers={"Content-Type": JSONAPI},
        json={"errors": [{"id": "1", "code": "conflict", "title": "delete protected"}]},
    )
    with pytest.raises(ConflictError):
        await client.environments.delete("hcaen_prod")


async def test_delete_removing_protection_first(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(method="PATCH", url=f"{URL}/hcaen_prod", json={"data": PROD})
    httpx_mock.add_response(method="DELETE", url=f"{URL}/hcaen_prod", status_code=204)
    await client.environments.delete("hcaen_prod", remove_delete_protection=True)
    patch, delete = httpx_mock.get_requests()
    assert json.loads(patch.content)["data"]["attributes"] == {
        "settings": {"delete_protected": False}
    }
    assert delete.method == "DELETE"
    assert delete.content == b""
