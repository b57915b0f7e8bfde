"""client.api_keys: JSON:API under /2/teams/{team}/api-keys with the management key."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pytest_httpx import HTTPXMock

from honeycomb import AsyncClient, NotFoundError, PaginationError
from honeycomb.errors import RequestValidationError
from honeycomb.models.api_keys import ApiKey, ApiKeyCreate, KeyType

from .conftest import BASE, KEY_ID, KEY_SECRET, check_auth, only_request

PATH = "/2/teams/test-team/api-keys"
URL = f"{BASE}{PATH}"
JSONAPI = "application/vnd.api+json"

INGEST_KEY: dict[str, Any] = {
    "id": "hcxik_01hqk4k20cjeh63wca8vva5stw",
    "type": "api-keys",
    "attributes": {
        "key_type": "ingest",
        "name": "collectors",
        "disabled": False,
        "permissions": {"create_datasets": True},
        "timestamps": {"created": "2022-09-22T17:32:11Z", "updated": "2022-10-31T15:08:11Z"},
    },
    "relationships": {
        "environment": {"data": {"id": "hcaen_01j1d7t02zf7wgw7q89z3t60vf", "type": "environments"}},
        "creator": {"data": {"id": "hcxus_01hzqr5g7jg9qz40xtgx7rjwj0", "type": "users"}},
        "editor": None,
    },
    "links": {"self": f"{PATH}/hcxik_01hqk4k20cjeh63wca8vva5stw"},
}
CONFIG_KEY: dict[str, Any] = {
    "id": "hcxlk_01hqk4k20cjeh63wca8vva5stx",
    "type": "api-keys",
    "attributes": {
        "key_type": "configuration",
        "name": "terraform",
        "disabled": True,
        "permissions": {"manage_triggers": True, "manage_privateBoards": False},
    },
    "relationships": {
        "environment": {"data": {"id": "hcaen_01j1d7t02zf7wgw7q89z3t60vf", "type": "environments"}}
    },
}


def page(items: list[dict[str, Any]], next_path: str | None) -> dict[str, Any]:
    return {"data": items, "links": {"next": next_path}}


async def test_list_follows_every_page(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(
        method="GET",
        url=f"{URL}?page%5Bsize%5D=100",
        json=page([INGEST_KEY], f"{PATH}?page[after]=abc&page[size]=100"),
    )
    httpx_mock.add_response(
        method="GET",
        url=f"{URL}?page%5Bafter%5D=abc&page%5Bsize%5D=100",
        json=page([CONFIG_KEY], None),
    )
    keys = await client.api_keys.list()
    assert [k.id for k in keys] == [INGEST_KEY["id"], CONFIG_KEY["id"]]
    ingest, config = keys
    assert ingest.key_type == KeyType.INGEST
    assert ingest.name == "collectors"
    assert ingest.environment_id == "hcaen_01j1d7t02zf7wgw7q89z3t60vf"
    assert ingest.creator_id == "hcxus_01hzqr5g7jg9qz40xtgx7rjwj0"
    assert ingest.editor_id is None
    assert ingest.created_at is not None and ingest.created_at.year == 2022
    assert ingest.permissions is not None and ingest.permissions.create_datasets is True
    assert ingest.secret is None and ingest.token is None
    assert config.disabled is True
    assert config.permissions is not None
    assert config.permissions.manage_triggers is True
    assert config.permissions.manage_private_boards is False
    requests = httpx_mock.get_requests()
    assert len(requests) == 2
    for request in requests:
        check_auth(request, "management")


async def test_list_filters_by_type(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(
        method="GET",
        url=f"{URL}?filter%5Btype%5D=configuration&page%5Bsize%5D=10",
        json=page([CONFIG_KEY], None),
    )
    keys = await client.api_keys.list(KeyType.CONFIGURATION, page_size=10)
    assert [k.key_type for k in keys] == ["configuration"]
    assert dict(only_request(httpx_mock, auth="management").url.params) == {
        "filter[type]": "configuration",
        "page[size]": "10",
    }


async def test_list_stops_on_a_repeated_cursor(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(
        method="GET",
        url=f"{URL}?page%5Bsize%5D=100",
        json=page([INGEST_KEY], f"{PATH}?page[after]=abc"),
    )
    httpx_mock.add_response(
        method="GET",
        url=f"{URL}?page%5Bafter%5D=abc",
        json=page([CONFIG_KEY], f"{PATH}?page[after]=abc"),
    )
    with pytest.raises(PaginationError, match="same next link"):
        await client.api_keys.list()
    assert len(httpx_mock.get_requests()) == 2


async def test_list_respects_max_pages(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(
        method="GET",
        url=f"{URL}?page%5Bsize%5D=100",
        json=page([INGEST_KEY], f"{PATH}?page[after]=abc"),
    )
    with pytest.raises(PaginationError, match="max_pages=1"):
        await client.api_keys.list(max_pages=1)


async def test_iterate_is_lazy_and_resolves_the_team_on_first_use(
    httpx_mock: HTTPXMock,
) -> None:
    auth = {
        "data": {
            "id": KEY_ID,
            "type": "api-keys",
            "attributes": {"key_type": "management"},
            "relationships": {"team": {"data": {"id": "t1", "type": "teams"}}},
        },
        "included": [{"id": "t1", "type": "teams", "attributes": {"slug": "found-team"}}],
    }
    async with AsyncClient(management_key=(KEY_ID, KEY_SECRET), max_retries=0) as client:
        pages = client.api_keys.iterate("ingest")
        assert httpx_mock.get_requests() == []
        httpx_mock.add_response(method="GET", url=f"{BASE}/2/auth", json=auth)
        httpx_mock.add_response(
            method="GET",
            url=f"{BASE}/2/teams/found-team/api-keys?filter%5Btype%5D=ingest&page%5Bsize%5D=100",
            json=page([INGEST_KEY], None),
        )
        assert [key.name async for key in pages] == ["collectors"]
    assert [r.url.path for r in httpx_mock.get_requests()] == [
        "/2/auth",
        "/2/teams/found-team/api-keys",
    ]


async def test_iterate_rejects_a_bad_page_size(client: AsyncClient) -> None:
    with pytest.raises(ValueError, match="page_size"):
        client.api_keys.iterate(page_size=101)


async def test_get_with_team_override(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(
        method="GET",
        url=f"{BASE}/2/teams/other/api-keys/{CONFIG_KEY['id']}",
        json={"data": CONFIG_KEY},
    )
    key = await client.api_keys.get(str(CONFIG_KEY["id"]), team="other")
    assert isinstance(key, ApiKey)
    assert key.name == "terraform"
    assert only_request(httpx_mock, auth="management").method == "GET"


async def test_get_missing(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(
        method="GET",
        url=f"{URL}/nope",
        status_code=404,
        headers={"Content-Type": JSONAPI},
        json={"errors": [{"id": "1", "code": "not-found", "title": "API key not found"}]},
    )
    with pytest.raises(NotFoundError):
        await client.api_keys.get("nope")


async def test_create_ingest_key(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    created = {
        **INGEST_KEY,
        "attributes": {**INGEST_KEY["attributes"], "secret": "s3cr3ts3cr3ts3cr3ts3cr3ts3cr3ts"},
    }
    httpx_mock.add_response(method="POST", url=URL, status_code=201, json={"data": created})
    key = await client.api_keys.create(
        {
            "name": "collectors",
            "key_type": "ingest",
            "environment_id": "hcaen_01j1d7t02zf7wgw7q89z3t60vf",
            "permissions": {"create_datasets": True},
        }
    )
    assert key.secret is not None
    assert key.token == f"{INGEST_KEY['id']}s3cr3ts3cr3ts3cr3ts3cr3ts3cr3ts"
    assert "s3cr3t" not in repr(key) and "s3cr3t" not in str(key)
    request = only_request(httpx_mock, auth="management")
    assert request.headers["Content-Type"] == JSONAPI
    assert json.loads(request.content) == {
        "data": {
            "type": "api-keys",
            "attributes": {
                "name": "collectors",
                "key_type": "ingest",
                "permissions": {"create_datasets": True},
            },
            "relationships": {
                "environment": {
                    "data": {"type": "environments", "id": "hcaen_01j1d7t02zf7wgw7q89z3t60vf"}
                }
            },
        }
    }


async def test_create_configuration_key_uses_snake_case_permissions(
    httpx_mock: HTTPXMock, client: AsyncClient
) -> None:
    created = {**CONFIG_KEY, "attributes": {**CONFIG_KEY["attributes"], "secret": "tok"}}
    httpx_mock.add_response(method="POST", url=URL, status_code=201, json={"data": created})
    key = await client.api_keys.create(
        ApiKeyCreate(
            name="terraform",
            key_type=KeyType.CONFIGURATION,
            environment_id="hcaen_1",
            permissions={
                "manage_triggers": True,
                "manage_signals": True,
                "manage_private_boards": False,
            },
        )
    )
    assert key.token == "tok"
    body = json.loads(only_request(httpx_mock, auth="management").content)
    assert body["data"]["attributes"] == {
        "name": "terraform",
        "key_type": "configuration",
        "permissions": {
            "manage_triggers": True,
            "manage_signals": True,
            "manage_privateBoards": False,
        },
    }


NAMED = {"name": "k", "environment_id": "hcaen_1"}


@pytest.mark.parametrize(
    "key",
    [
        {"name": "k", "key_type": "ingest"},
        {**NAMED, "name": "", "key_type": "ingest"},
        {**NAMED, "name": "k" * 101, "key_type": "ingest"},
        {**NAMED, "key_type": "management"},
        {**NAMED, "key_type": "ingest", "permissions": {"send_events": True}},
        # /1/auth's camelCase names are silently ignored by the API: refuse them here.
        {**NAMED, "key_type": "configuration", "permissions": {"createDatasets": True}},
        {**NAMED, "key_type": "ingest", "secret": "x"},
    ],
)
async def test_invalid_create_sends_nothing(
    httpx_mock: HTTPXMock, client: AsyncClient, key: dict[str, Any]
) -> None:
    with pytest.raises(RequestValidationError):
        await client.api_keys.create(key)
    assert httpx_mock.get_requests() == []


async def test_update(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    key_id = str(CONFIG_KEY["id"])
    httpx_mock.add_response(method="PATCH", url=f"{URL}/{key_id}", json={"data": CONFIG_KEY})
    key = await client.api_keys.update(
        key_id, {"disabled": True, "permissions": {"run_queries": False}}
    )
    assert key.disabled is True
    request = only_request(httpx_mock, auth="management")
    assert request.headers["Content-Type"] == JSONAPI
    assert json.loads(request.content) == {
        "data": {
            "type": "api-keys",
            "id": key_id,
            "attributes": {"disabled": True, "permissions": {"run_queries": False}},
        }
    }


async def test_update_refuses_configuration_permissions_on_an_ingest_key(
    httpx_mock: HTTPXMock, client: AsyncClient
) -> None:
    with pytest.raises(ValueError, match="ingest keys only take"):
        await client.api_keys.update(
            "hcxik_01hqk4k20cjeh63wca8vva5stw", {"permissions": {"run_queries": True}}
        )
    assert httpx_mock.get_requests() == []


async def test_delete(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(method="DELETE", url=f"{URL}/hcxik_1", status_code=204)
    await client.api_keys.delete("hcxik_1")
    assert only_request(httpx_mock, auth="management").method == "DELETE"
