"""Enhance indexer usage model against the 2025-12 spec (an internal operation)."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from honeycomb.models._base import to_request_body
from honeycomb.models._jsonapi import build_document
from honeycomb.models.enhance import ENHANCE_USAGE_TYPE, EnhanceIndexerUsage
from tests._schema_examples import OLD_SPEC, build_example, operation, request_problems, resolve
from tests._spec import load

PATH = "/2/teams/my-team/enhance_indexer_usage"


def test_schema_built_request_round_trips_and_conforms() -> None:
    spec = load(OLD_SPEC)
    media = operation("recordEnhanceIndexerUsage", OLD_SPEC)["requestBody"]["content"]
    schema = resolve(spec, media["application/vnd.api+json"]["schema"])
    document = build_example(spec, schema)
    attributes = document["data"]["attributes"]
    usage = EnhanceIndexerUsage.model_validate(attributes)
    assert usage.s3_bucket == "text"
    rebuilt = build_document(ENHANCE_USAGE_TYPE, to_request_body(EnhanceIndexerUsage, usage))
    assert rebuilt == {"data": {"type": "enhance_indexer_usage", "attributes": attributes}}
    assert request_problems("POST", PATH, body=rebuilt, management=True) == []


def test_snake_case_names_are_sent_in_camel_case() -> None:
    usage = EnhanceIndexerUsage(
        s3_bucket="logs", s3_file_prefix="2025/", usage_data={"resource_metrics": []}
    )
    assert to_request_body(EnhanceIndexerUsage, usage) == {
        "s3Bucket": "logs",
        "s3FilePrefix": "2025/",
        "usageData": {"resourceMetrics": []},
    }


@pytest.mark.parametrize(
    "usage",
    [
        {"s3Bucket": "logs"},
        {"usageData": {"resourceMetrics": []}},
        {"s3Bucket": "", "usageData": {"resourceMetrics": []}},
        {"s3Bucket": "logs", "usageData": {"resourceMetrics": []}, "extra": 1},
    ],
)
def test_invalid_usage(usage: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        EnhanceIndexerUsage.model_validate(usage)
