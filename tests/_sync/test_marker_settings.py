# GENERATED from tests/_async/test_marker_settings.py by scripts/unasync.py.
# Do not edit: change the async source and run `python scripts/unasync.py`.
"""client.marker_settings: /1/marker_settings/{dataset}[/{id}]."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pytest_httpx import HTTPXMock

from honeycomb import Client, NotFoundError, UnprocessableEntityError
from honeycomb._sync.resources.marker_settings import MarkerSettings
from honeycomb.errors import RequestValidationError
from honeycomb.models.marker_settings import MarkerSetting, MarkerSettingUpdate

from .conftest import BASE, only_request

URL = f"{BASE}/1/marker_settings/web"

SETTING = {
    "type": "deploy",
    "color": "#1fa297",
    "id": "gwAHiE5TS4j",
    "created_at": "2022-09-15T05:39:42Z",
    "updated_at": "2022-12-20T08:10:05Z",
}


def test_no_single_setting_get() -> None:
    # The API has no such call; list() and pick by id.
    assert not hasattr(MarkerSettings, "get")


def test_list(httpx_mock: HTTPXMock, client: Client) -> None:
    never_updated = {**SETTING, "id": "s2", "type": "incident", "updated_at": None}
    httpx_mock.add_response(method="GET", url=URL, json=[SETTING, never_updated])
    settings = client.marker_settings.list("web")
    assert [(s.type, s.color) for s in settings] == [
        ("deploy", "#1fa297"),
        ("incident", "#1fa297"),
    ]
    assert settings[0].updated_at is not None and settings[0].updated_at.day == 20
    assert settings[1].updated_at is None
    assert only_request(httpx_mock).method == "GET"


def test_list_environment_wide(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(method="GET", url=f"{BASE}/1/marker_settings/__all__", json=[])
    assert client.marker_settings.list("__all__") == []


def test_create(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(method="POST", url=URL, status_code=201, json=SETTING)
    setting = client.marker_settings.create("web", {"type": "deploy", "color": "#1fa297"})
    request = only_request(httpx_mock)
    assert request.method == "POST"
    assert request.headers["Content-Type"] == "application/json"
    assert json.loads(request.content) == {"type": "deploy", "color": "#1fa297"}
    assert isinstance(setting, MarkerSetting) and setting.id == "gwAHiE5TS4j"


def test_create_refused(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(
        method="POST",
        url=URL,
        status_code=422,
        json={
            "status": 422,
            "type": "https://api.honeycomb.io/problems/validation-failed",
            "title": "The provided input is invalid.",
            "error": "The provided input is invalid.",
            "type_detail": [{"field": "type", "code": "invalid", "description": "taken"}],
        },
    )
    with pytest.raises(UnprocessableEntityError) as info:
        client.marker_settings.create("web", {"type": "deploy", "color": "#1fa297"})
    assert [d.field for d in info.value.details] == ["type"]


@pytest.mark.parametrize(
    "bad",
    [
        {},
        {"type": "deploy"},
        {"color": "#1fa297"},
        {"type": "deploy", "color": "red"},
        {"type": "deploy", "color": "#1fa29"},
        {"type": "deploy", "color": "1fa297"},
        {"type": "deploy", "color": "#1fa297", "ident": "gwAHiE5TS4j"},
    ],
)
def test_create_validates_before_sending(
    httpx_mock: HTTPXMock, client: Client, bad: dict[str, Any]
) -> None:
    with pytest.raises(RequestValidationError):
        client.marker_settings.create("web", bad)
    assert httpx_mock.get_requests() == []


def test_update(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(
        method="PUT", url=f"{URL}/gwAHiE5TS4j", json={**SETTING, "color": "#F96E11"}
    )
    setting = client.marker_settings.update(
        "web", "gwAHiE5TS4j", MarkerSettingUpdate(type="deploy", color="#F96E11")
    )
    request = only_request(httpx_mock)
    assert request.method == "PUT"
    assert json.loads(request.content) == {"type": "deploy", "color": "#F96E11"}
    assert setting.color == "#F96E11"


def test_update_needs_the_type(httpx_mock: HTTPXMock, client: Client) -> None:
    with pytest.raises(RequestValidationError):
        client.marker_settings.update("web", "gwAHiE5TS4j", {"color": "#F96E11"})
    assert httpx_mock.get_requests() == []


def test_delete_ignores_the_returned_setting(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(method="DELETE", url=f"{URL}/gwAHiE5TS4j", json=SETTING)
    assert client.marker_settings.delete("web", "gwAHiE5TS4j") is None  # type: ignore[func-returns-value]
    assert only_request(httpx_mock).method == "DELETE"


def test_delete_unknown(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(
        method="DELETE", url=f"{URL}/gone", status_code=404, json={"error": "not found"}
    )
    with pytest.raises(NotFoundError):
        client.marker_settings.delete("web", "gone")
