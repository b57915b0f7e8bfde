"""client.slos: CRUD on /1/slos/{dataset}, detailed reads, history and event counts."""

from __future__ import annotations

import json
import time
from datetime import datetime, timezone
from typing import Any

import pytest
from pytest_httpx import HTTPXMock

from honeycomb import AsyncClient, NotFoundError
from honeycomb.errors import RequestValidationError
from honeycomb.models.slos import SLO, SLOCreate, SLOStatus, SLOUpdate

from .conftest import BASE, only_request

URL = f"{BASE}/1/slos/api"

SLO_BODY = {
    "id": "bZ1aRHAUsjG",
    "name": "My SLO",
    "description": "My SLO description",
    "sli": {"alias": "my-sli"},
    "time_period_days": 30,
    "target_per_million": 989900,
    "tags": [{"key": "team", "value": "blue"}],
    "reset_at": None,
    "created_at": "2022-09-15T05:39:42Z",
    "updated_at": "2022-12-20T08:10:05Z",
    "dataset_slugs": ["api"],
}
NEW_SLO = {
    "name": "My SLO",
    "sli": {"alias": "my-sli"},
    "time_period_days": 30,
    "target_per_million": 989900,
}


async def test_list(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    other = {**SLO_BODY, "id": "other", "surprise": 1}
    httpx_mock.add_response(method="GET", url=URL, json=[SLO_BODY, other])
    slos = await client.slos.list("api")
    assert [s.id for s in slos] == ["bZ1aRHAUsjG", "other"]
    assert slos[0].sli is not None and slos[0].sli.alias == "my-sli"
    assert slos[0].target_per_million == 989900
    assert slos[0].target_percent == pytest.approx(98.99)
    assert slos[0].tags is not None and slos[0].tags[0].value == "blue"
    assert slos[0].created_at == datetime(2022, 9, 15, 5, 39, 42, tzinfo=timezone.utc)
    assert slos[1].model_extra == {"surprise": 1}
    assert only_request(httpx_mock).method == "GET"


async def test_list_environment_wide(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(method="GET", url=f"{BASE}/1/slos/__all__", json=[])
    assert await client.slos.list("__all__") == []


async def test_get_plain(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(method="GET", url=f"{URL}/bZ1aRHAUsjG", json=SLO_BODY)
    slo = await client.slos.get("api", "bZ1aRHAUsjG")
    assert isinstance(slo, SLO)
    assert slo.compliance is None and slo.status is None
    assert only_request(httpx_mock).url.query == b""


async def test_get_detailed(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    detailed = {
        **SLO_BODY,
        "compliance": 95.39,
        "budget_remaining": -7,
        "status": "triggered",
        "burn_rate": 5.39,
    }
    httpx_mock.add_response(method="GET", url=f"{URL}/bZ1aRHAUsjG?detailed=true", json=detailed)
    slo = await client.slos.get("api", "bZ1aRHAUsjG", detailed=True)
    assert slo.compliance == pytest.approx(95.39)
    assert slo.budget_remaining == -7
    assert slo.status == SLOStatus.TRIGGERED
    assert slo.burn_rate == pytest.approx(5.39)
    assert dict(only_request(httpx_mock).url.params) == {"detailed": "true"}


async def test_get_keeps_unknown_status(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(
        method="GET",
        url=f"{URL}/x?detailed=true",
        json={**SLO_BODY, "status": "melting"},
    )
    slo = await client.slos.get("api", "x", detailed=True)
    assert slo.status == "melting"


async def test_get_quotes_ids(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(method="GET", url=f"{BASE}/1/slos/a%2Fb/c%3Fd", json=SLO_BODY)
    await client.slos.get("a/b", "c?d")
    assert only_request(httpx_mock).url.raw_path == b"/1/slos/a%2Fb/c%3Fd"


async def test_get_missing(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(
        method="GET", url=f"{URL}/nope", status_code=404, json={"error": "SLO not found"}
    )
    with pytest.raises(NotFoundError, match="SLO not found"):
        await client.slos.get("api", "nope")


async def test_create_sends_only_given_fields(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(method="POST", url=URL, status_code=201, json=SLO_BODY)
    slo = await client.slos.create("api", {**NEW_SLO, "tags": [{"key": "team", "value": "blue"}]})
    assert slo.id == "bZ1aRHAUsjG"
    request = only_request(httpx_mock)
    assert request.headers["Content-Type"] == "application/json"
    assert json.loads(request.content) == {
        **NEW_SLO,
        "tags": [{"key": "team", "value": "blue"}],
    }


async def test_create_from_model(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(method="POST", url=URL, status_code=201, json=SLO_BODY)
    await client.slos.create("api", SLOCreate.model_validate(NEW_SLO))
    assert json.loads(only_request(httpx_mock).content) == NEW_SLO


async def test_create_multi_dataset(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(
        method="POST",
        url=f"{BASE}/1/slos/__all__",
        status_code=201,
        json={**SLO_BODY, "dataset_slugs": ["a", "b"]},
    )
    slo = await client.slos.create("__all__", {**NEW_SLO, "dataset_slugs": ["a", "b"]})
    assert slo.dataset_slugs == ["a", "b"]
    assert json.loads(only_request(httpx_mock).content)["dataset_slugs"] == ["a", "b"]


async def test_create_at_all_without_datasets_sends_nothing(
    httpx_mock: HTTPXMock, client: AsyncClient
) -> None:
    with pytest.raises(ValueError, match="dataset_slugs"):
        await client.slos.create("__all__", NEW_SLO)
    assert httpx_mock.get_requests() == []


@pytest.mark.parametrize(
    "change",
    [
        {"target_per_million": 1_000_000},
        {"target_per_million": -1},
        {"time_period_days": 0},
        {"name": ""},
        {"name": "x" * 121},
        {"sli": {}},
        {"dataset_slugs": [f"d{i}" for i in range(11)]},
        {"dataset_slugs": []},
        {"tags": [{"key": "Team", "value": "blue"}]},
        {"unexpected": True},
    ],
)
async def test_invalid_create_sends_nothing(
    httpx_mock: HTTPXMock, client: AsyncClient, change: dict[str, Any]
) -> None:
    with pytest.raises(RequestValidationError):
        await client.slos.create("api", {**NEW_SLO, **change})
    assert httpx_mock.get_requests() == []


async def test_update_is_a_put_of_the_whole_slo(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(method="PUT", url=f"{URL}/bZ1aRHAUsjG", json=SLO_BODY)
    current = SLO.model_validate(SLO_BODY)
    update = SLOUpdate.from_slo(current)
    update.target_per_million = 995000
    slo = await client.slos.update("api", "bZ1aRHAUsjG", update)
    assert slo.id == "bZ1aRHAUsjG"
    assert json.loads(only_request(httpx_mock).content) == {
        "name": "My SLO",
        "description": "My SLO description",
        "sli": {"alias": "my-sli"},
        "time_period_days": 30,
        "target_per_million": 995000,
        "tags": [{"key": "team", "value": "blue"}],
    }  # a single-dataset SLO's one slug is read-only (the path names the dataset)


async def test_update_rejects_a_partial_body(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    with pytest.raises(RequestValidationError):
        await client.slos.update("api", "x", {"target_per_million": 995000})
    assert httpx_mock.get_requests() == []


async def test_delete(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(method="DELETE", url=f"{URL}/bZ1aRHAUsjG", status_code=204)
    await client.slos.delete("api", "bZ1aRHAUsjG")
    assert only_request(httpx_mock).method == "DELETE"


async def test_history(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    body = {
        "2LBq9LckbcA": [
            {"timestamp": 1744650000, "compliance": 91.5, "budget_remaining": 14.5},
            {"timestamp": 1744653600, "compliance": 98, "budget_remaining": -71.0},
        ],
        "CzcpPs7cJ4d": [],
    }
    httpx_mock.add_response(method="POST", url=f"{BASE}/1/reporting/slos/historical", json=body)
    start = datetime(2025, 3, 17, 17, 0, tzinfo=timezone.utc)
    history = await client.slos.history(
        {"ids": ["2LBq9LckbcA", "CzcpPs7cJ4d"], "start_time": start, "end_time": 1745254800}
    )
    assert set(history) == {"2LBq9LckbcA", "CzcpPs7cJ4d"}
    assert history["2LBq9LckbcA"][0].timestamp == 1744650000
    assert history["2LBq9LckbcA"][1].budget_remaining == -71.0
    assert history["CzcpPs7cJ4d"] == []
    assert json.loads(only_request(httpx_mock).content) == {
        "ids": ["2LBq9LckbcA", "CzcpPs7cJ4d"],
        "start_time": 1742230800,
        "end_time": 1745254800,
    }


@pytest.mark.parametrize(
    "request_body",
    [
        {"ids": [], "start_time": 1, "end_time": 2},
        {"ids": [f"s{i}" for i in range(25)], "start_time": 1, "end_time": 2},
        {"ids": ["a"], "start_time": 2, "end_time": 2},
        {"ids": ["a"], "start_time": 1},
    ],
)
async def test_invalid_history_sends_nothing(
    httpx_mock: HTTPXMock, client: AsyncClient, request_body: dict[str, Any]
) -> None:
    with pytest.raises(RequestValidationError):
        await client.slos.history(request_body)
    assert httpx_mock.get_requests() == []


COUNTS = {
    "slo_id": "bZ1aRHAUsjG",
    "resolution_seconds": 60,
    "epoch": "a3f9c2d1e8b74056",
    "period_start": 1745251200,
    "windows": [
        {
            "window_start": 1745251200,
            "window_end": 1745251260,
            "total_count": 1243,
            "error_count": 3,
            "is_partial": False,
        },
        {
            "window_start": 1745251260,
            "window_end": 1745251320,
            "total_count": 1188,
            "error_count": 1,
            "is_partial": True,
        },
    ],
}


async def test_counts_with_explicit_range(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(
        method="GET",
        url=f"{URL}/bZ1aRHAUsjG/counts?start_time=1745251200&end_time=1745254740",
        json=COUNTS,
    )
    counts = await client.slos.counts(
        "api", "bZ1aRHAUsjG", start_time=1745251200, end_time=1745254740.9
    )
    assert counts.epoch == "a3f9c2d1e8b74056"
    assert [w.total_count for w in counts.windows] == [1243, 1188]
    assert isinstance(counts.windows[0].total_count, int)
    assert counts.windows[1].is_partial is True
    assert dict(only_request(httpx_mock).url.params) == {
        "start_time": "1745251200",
        "end_time": "1745254740",
    }


async def test_counts_default_to_this_hour(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(method="GET", json=COUNTS)
    before = int(time.time())
    await client.slos.counts("api", "bZ1aRHAUsjG")
    after = int(time.time())
    request = only_request(httpx_mock)
    assert request.url.path == "/1/slos/api/bZ1aRHAUsjG/counts"
    start = int(request.url.params["start_time"])
    end = int(request.url.params["end_time"])
    assert start % 3600 == 0
    assert before <= end <= after + 1
    assert start < end and end - start <= 3600


async def test_counts_reject_a_reversed_range(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    with pytest.raises(ValueError, match="end_time"):
        await client.slos.counts("api", "x", start_time=200, end_time=100)
    assert httpx_mock.get_requests() == []


async def test_counts_history(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    body = {
        "slo_id": "bZ1aRHAUsjG",
        "resolution_seconds": 3600,
        "buckets": [
            {
                "start_time": 1745168400,
                "end_time": 1745172000,
                "total_count": 74520,
                "error_count": 182,
                "is_partial": False,
            },
            {
                "start_time": 1745251200,
                "end_time": 1745254800,
                "total_count": 12300,
                "error_count": 14,
                "is_partial": True,
            },
        ],
    }
    httpx_mock.add_response(
        method="GET",
        url=f"{URL}/bZ1aRHAUsjG/counts/history?start_time=1745168400&end_time=1745254800",
        json=body,
    )
    history = await client.slos.counts_history(
        "api",
        "bZ1aRHAUsjG",
        start_time=datetime(2025, 4, 20, 17, 0, tzinfo=timezone.utc),
        end_time=1745254800,
    )
    assert history.resolution_seconds == 3600
    assert [b.is_partial for b in history.buckets] == [False, True]
    assert history.buckets[0].error_count == 182


async def test_counts_history_defaults_to_the_last_day(
    httpx_mock: HTTPXMock, client: AsyncClient
) -> None:
    httpx_mock.add_response(method="GET", json={"buckets": []})
    result = await client.slos.counts_history("api", "bZ1aRHAUsjG")
    assert result.buckets == []
    params = only_request(httpx_mock).url.params
    assert int(params["end_time"]) - int(params["start_time"]) == 86400
