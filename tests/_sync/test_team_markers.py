# GENERATED from tests/_async/test_team_markers.py by scripts/unasync.py.
# Do not edit: change the async source and run `python scripts/unasync.py`.
"""client.team_markers (experimental): JSON:API under /2/teams/{team}/markers."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

import httpx
import pytest
from pytest_httpx import HTTPXMock

from honeycomb import Client
from honeycomb.errors import RequestValidationError
from honeycomb.models.team_markers import TeamMarker, TeamMarkerCreate

from .conftest import BASE, only_request

PATH = "/2/teams/test-team/markers"
URL = f"{BASE}{PATH}"
JSONAPI = "application/vnd.api+json"

MARKER = {
    "id": "d1c84ec0",
    "type": "markers",
    "attributes": {
        "start_time": 1471040808,
        "end_time": 1471040908,
        "message": "backend deploy #123",
        "type": "deploy",
        "url": "https://github.com/myorg/myrepo/commit/abc123",
        "color": "#F96E11",
        "timestamps": {"created": "2022-09-22T17:32:11Z", "updated": "2022-10-31T15:08:11Z"},
    },
    "relationships": {
        "environment": {"data": {"id": "hcaen_1", "type": "environments"}},
        "dataset": {"data": None},
    },
    "links": {"self": f"{PATH}/d1c84ec0"},
}


def _only_request(httpx_mock: HTTPXMock) -> httpx.Request:
    request = only_request(httpx_mock, auth="management")
    assert request.headers["Content-Type"] == JSONAPI
    return request


def test_create_environment_wide_by_default(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(method="POST", url=URL, status_code=201, json={"data": MARKER})
    marker = client.team_markers.create(
        {
            "environment_id": "hcaen_1",
            "start_time": datetime.fromtimestamp(1471040808, tz=timezone.utc),
            "end_time": 1471040908,
            "type": "deploy",
            "message": "backend deploy #123",
        }
    )
    assert isinstance(marker, TeamMarker)
    assert marker.id == "d1c84ec0"
    assert marker.type == "deploy"  # the attribute, not the JSON:API type
    assert marker.color == "#F96E11"
    assert marker.environment_id == "hcaen_1"
    assert marker.dataset_id is None
    assert marker.created_at is not None
    assert json.loads(_only_request(httpx_mock).content) == {
        "data": {
            "type": "markers",
            "attributes": {
                "start_time": 1471040808,
                "end_time": 1471040908,
                "type": "deploy",
                "message": "backend deploy #123",
            },
            "relationships": {
                "environment": {"data": {"type": "environments", "id": "hcaen_1"}},
                "dataset": {"data": {"type": "datasets", "id": "__all__"}},
            },
        }
    }


def test_create_on_a_dataset_with_team_override(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(
        method="POST", url=f"{BASE}/2/teams/other/markers", status_code=201, json={"data": MARKER}
    )
    client.team_markers.create(
        TeamMarkerCreate(environment_id="hcaen_1", dataset_id="web", start_time=1),
        team="other",
    )
    body = json.loads(_only_request(httpx_mock).content)
    assert body["data"]["relationships"]["dataset"] == {"data": {"type": "datasets", "id": "web"}}
    assert body["data"]["attributes"] == {"start_time": 1}


@pytest.mark.parametrize(
    "marker",
    [
        {"start_time": 1},
        {"environment_id": "hcaen_1"},
        {"environment_id": "hcaen_1", "start_time": 10, "end_time": 5},
        {"environment_id": "hcaen_1", "start_time": "soon"},
        {"environment_id": "hcaen_1", "start_time": 1, "color": "#fff"},
    ],
)
def test_invalid_create_sends_nothing(
    httpx_mock: HTTPXMock, client: Client, marker: dict[str, Any]
) -> None:
    with pytest.raises(RequestValidationError):
        client.team_markers.create(marker)
    assert httpx_mock.get_requests() == []


def test_update(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(method="PATCH", url=f"{URL}/d1c84ec0", json={"data": MARKER})
    marker = client.team_markers.update(
        "d1c84ec0", {"environment_id": "hcaen_1", "dataset": "__all__", "message": "rolled back"}
    )
    assert marker.message == "backend deploy #123"
    assert json.loads(_only_request(httpx_mock).content) == {
        "data": {
            "type": "markers",
            "id": "d1c84ec0",
            "attributes": {"message": "rolled back"},
            "relationships": {
                "environment": {"data": {"type": "environments", "id": "hcaen_1"}},
                "dataset": {"data": {"type": "datasets", "id": "__all__"}},
            },
        }
    }


def test_update_must_name_the_dataset(httpx_mock: HTTPXMock, client: Client) -> None:
    with pytest.raises(RequestValidationError):
        client.team_markers.update("d1c84ec0", {"environment_id": "e", "message": "m"})
    assert httpx_mock.get_requests() == []
