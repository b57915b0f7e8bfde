"""Datasets and auth: the end-to-end proof of the resource pattern."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pytest_httpx import HTTPXMock

from honeycomb import AsyncClient, ConflictError, NotFoundError
from honeycomb.errors import RequestValidationError
from honeycomb.models.datasets import Dataset, DatasetCreate, DatasetType

from .conftest import BASE, KEY_ID

DATASET = {
    "name": "My Dataset!",
    "slug": "my-dataset-",
    "description": "",
    "settings": {"delete_protected": True},
    "expand_json_depth": 0,
    "regular_columns_count": None,
    "last_written_at": None,
    "created_at": "2022-09-22T17:32:11Z",
}


async def test_list(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    metrics = {**DATASET, "slug": "m", "dataset_type": "metrics", "brand_new_field": 7}
    httpx_mock.add_response(method="GET", url=f"{BASE}/1/datasets", json=[DATASET, metrics])
    datasets = await client.datasets.list()
    assert [d.slug for d in datasets] == ["my-dataset-", "m"]
    assert datasets[0].regular_columns_count is None
    assert datasets[0].settings is not None and datasets[0].settings.delete_protected is True
    assert datasets[1].dataset_type is DatasetType.METRICS
    assert datasets[1].model_extra == {"brand_new_field": 7}


async def test_get_quotes_the_slug(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(method="GET", url=f"{BASE}/1/datasets/a%2Fb", json=DATASET)
    dataset = await client.datasets.get("a/b")
    assert isinstance(dataset, Dataset)


async def test_get_unknown_dataset(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(
        url=f"{BASE}/1/datasets/nope", status_code=404, json={"error": "Dataset not found"}
    )
    with pytest.raises(NotFoundError, match="Dataset not found"):
        await client.datasets.get("nope")


@pytest.mark.parametrize("status", [200, 201])
async def test_create_returns_new_or_existing(
    httpx_mock: HTTPXMock, client: AsyncClient, status: int
) -> None:
    httpx_mock.add_response(
        method="POST", url=f"{BASE}/1/datasets", status_code=status, json=DATASET
    )
    dataset = await client.datasets.create({"name": "My Dataset!", "description": "d"})
    assert dataset.slug == "my-dataset-"
    request = httpx_mock.get_requests()[0]
    assert json.loads(request.content) == {"name": "My Dataset!", "description": "d"}
    assert request.headers["Content-Type"] == "application/json"


async def test_create_accepts_model(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(method="POST", url=f"{BASE}/1/datasets", status_code=201, json=DATASET)
    await client.datasets.create(DatasetCreate(name="x", expand_json_depth=3))
    assert json.loads(httpx_mock.get_requests()[0].content) == {"name": "x", "expand_json_depth": 3}


@pytest.mark.parametrize(
    "bad",
    [
        {},
        {"name": ""},
        {"name": "x" * 256},
        {"name": "x", "expand_json_depth": 11},
        {"name": "x", "unknown": 1},
    ],
)
async def test_create_validates_before_sending(
    httpx_mock: HTTPXMock, client: AsyncClient, bad: dict[str, Any]
) -> None:
    with pytest.raises(RequestValidationError):
        await client.datasets.create(bad)
    assert httpx_mock.get_requests() == []


async def test_update_nests_delete_protection(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(method="PUT", url=f"{BASE}/1/datasets/web", json=DATASET)
    await client.datasets.update(
        "web",
        {"description": "new", "expand_json_depth": 2, "settings": {"delete_protected": False}},
    )
    body = json.loads(httpx_mock.get_requests()[0].content)
    assert body == {
        "description": "new",
        "expand_json_depth": 2,
        "settings": {"delete_protected": False},
    }


async def test_delete_accepted(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(
        method="DELETE", url=f"{BASE}/1/datasets/web", status_code=202, json={"slug": "web"}
    )
    await client.datasets.delete("web")
    assert httpx_mock.get_requests()[0].method == "DELETE"


async def test_delete_protected_conflict(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(
        method="DELETE",
        url=f"{BASE}/1/datasets/web",
        status_code=409,
        json={"status": 409, "title": "Conflict", "error": "dataset is delete protected"},
    )
    with pytest.raises(ConflictError, match="delete protected") as info:
        await client.datasets.delete("web")
    assert info.value.status_code == 409


async def test_delete_removing_protection_first(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(
        method="GET",
        url=f"{BASE}/1/datasets/web",
        json={**DATASET, "description": "keep", "expand_json_depth": 4},
    )
    httpx_mock.add_response(method="PUT", url=f"{BASE}/1/datasets/web", json=DATASET)
    httpx_mock.add_response(method="DELETE", url=f"{BASE}/1/datasets/web", status_code=202, json={})
    await client.datasets.delete("web", remove_delete_protection=True)
    get, put, delete = httpx_mock.get_requests()
    assert (get.method, put.method, delete.method) == ("GET", "PUT", "DELETE")
    assert json.loads(put.content) == {
        "description": "keep",
        "expand_json_depth": 4,
        "settings": {"delete_protected": False},
    }


AUTH_V1 = {
    "id": "abc123",
    "type": "configuration",
    "api_key_access": {
        "events": True,
        "markers": True,
        "createDatasets": True,
        "privateBoards": False,
    },
    "environment": {"name": "Production", "slug": "production"},
    "team": {"name": "My Team", "slug": "my-team"},
}

AUTH_V2 = {
    "data": {
        "id": KEY_ID,
        "type": "api-keys",
        "attributes": {
            "name": "mgmt",
            "key_type": "management",
            "disabled": False,
            "scopes": ["api-keys:write", "environments:read"],
            "timestamps": {"created": "2022-09-22T17:32:11Z", "updated": "2022-10-31T15:08:11Z"},
        },
        "relationships": {"team": {"data": {"id": "hcxtm_1", "type": "teams"}}},
    },
    "included": [
        {"id": "hcxtm_1", "type": "teams", "attributes": {"name": "My Team", "slug": "my-team"}}
    ],
}


async def test_auth_get(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(method="GET", url=f"{BASE}/1/auth", json=AUTH_V1)
    auth = await client.auth.get()
    assert auth.type == "configuration"
    assert auth.api_key_access.create_datasets is True
    assert auth.api_key_access.private_boards is False
    assert auth.team.slug == "my-team"
    assert not auth.is_classic


async def test_auth_get_management_caches_team(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(method="GET", url=f"{BASE}/2/auth", json=AUTH_V2)
    async with AsyncClient(management_key=(KEY_ID, "secret-value-123")) as client:
        auth = await client.auth.get_management()
        assert client.team == "my-team"
    assert auth.id == KEY_ID
    assert auth.scopes == ["api-keys:write", "environments:read"]
    assert auth.team_slug == "my-team" and auth.team_id == "hcxtm_1"
    assert auth.created_at is not None and auth.created_at.year == 2022


async def test_team_discovered_once(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(method="GET", url=f"{BASE}/2/auth", json=AUTH_V2)
    async with AsyncClient(management_key=(KEY_ID, "secret-value-123")) as client:
        assert await client._requester.team_slug() == "my-team"
        assert await client._requester.team_slug() == "my-team"
        assert await client._requester.team_slug("other") == "other"
    assert len(httpx_mock.get_requests()) == 1


async def test_team_discovery_without_team_in_document(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="GET", url=f"{BASE}/2/auth", json={"data": {"id": "k", "type": "api-keys"}}
    )
    async with AsyncClient(management_key=(KEY_ID, "secret-value-123")) as client:
        with pytest.raises(Exception, match="pass team="):
            await client._requester.team_slug()


async def test_unknown_dataset_type_is_kept(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(url=f"{BASE}/1/datasets/x", json={**DATASET, "dataset_type": "logs"})
    dataset = await client.datasets.get("x")
    assert dataset.dataset_type == "logs"
    assert not isinstance(dataset.dataset_type, DatasetType)
