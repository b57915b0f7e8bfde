"""client.enhance (experimental): POST /2/teams/{team}/enhance_indexer_usage."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pytest_httpx import HTTPXMock

from honeycomb import AsyncClient, InternalServerError
from honeycomb.errors import RequestValidationError
from honeycomb.models.enhance import EnhanceIndexerUsage

from .conftest import BASE, only_request

URL = f"{BASE}/2/teams/test-team/enhance_indexer_usage"

USAGE = {
    "resourceMetrics": [
        {
            "scopeMetrics": [
                {
                    "metrics": [
                        {
                            "name": "bytes_indexed",
                            "sum": {
                                "aggregationTemporality": 1,
                                "datapoints": [
                                    {
                                        "timeUnixNano": 1745251200000000000,
                                        "asInt": 4096,
                                        "attributes": [
                                            {"key": "dataset", "value": {"stringValue": "web"}}
                                        ],
                                    }
                                ],
                            },
                        }
                    ]
                }
            ]
        }
    ]
}


async def test_record_indexer_usage(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(method="POST", url=URL, status_code=204)
    await client.enhance.record_indexer_usage(
        {"s3_bucket": "logs", "s3FilePrefix": "2025/04/", "usage_data": USAGE}
    )
    request = only_request(httpx_mock, auth="management")
    assert request.headers["Content-Type"] == "application/vnd.api+json"
    assert json.loads(request.content) == {
        "data": {
            "type": "enhance_indexer_usage",
            "attributes": {"s3Bucket": "logs", "s3FilePrefix": "2025/04/", "usageData": USAGE},
        }
    }


async def test_record_from_model_with_team(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(
        method="POST", url=f"{BASE}/2/teams/t2/enhance_indexer_usage", status_code=204
    )
    usage = EnhanceIndexerUsage.model_validate(
        {"s3Bucket": "logs", "usageData": {"resourceMetrics": []}}
    )
    await client.enhance.record_indexer_usage(usage, team="t2")
    (request,) = httpx_mock.get_requests()
    assert json.loads(request.content)["data"]["attributes"] == {
        "s3Bucket": "logs",
        "usageData": {"resourceMetrics": []},
    }


async def test_a_server_error_is_not_retried(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(method="POST", url=URL, status_code=503, json={"error": "busy"})
    with pytest.raises(InternalServerError):
        await client.with_options(max_retries=3).enhance.record_indexer_usage(
            {"s3Bucket": "logs", "usageData": {"resourceMetrics": []}}
        )
    assert len(httpx_mock.get_requests()) == 1


@pytest.mark.parametrize(
    "usage",
    [
        {"usageData": {"resourceMetrics": []}},
        {"s3Bucket": "", "usageData": {"resourceMetrics": []}},
        {"s3Bucket": "logs"},
        {"s3Bucket": "logs", "usageData": {}},
        {
            "s3Bucket": "logs",
            "usageData": {
                "resourceMetrics": [
                    {
                        "scopeMetrics": [
                            {
                                "metrics": [
                                    {
                                        "name": "m",
                                        "sum": {"aggregationTemporality": 2, "datapoints": []},
                                    }
                                ]
                            }
                        ]
                    }
                ]
            },
        },
    ],
)
async def test_invalid_usage_sends_nothing(
    httpx_mock: HTTPXMock, client: AsyncClient, usage: dict[str, Any]
) -> None:
    with pytest.raises(RequestValidationError):
        await client.enhance.record_indexer_usage(usage)
    assert httpx_mock.get_requests() == []
