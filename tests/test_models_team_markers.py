"""Team marker models against the 2025-12 spec, where these internal operations live."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import pytest
from pydantic import ValidationError

from honeycomb.models._base import to_request_body
from honeycomb.models._jsonapi import build_document
from honeycomb.models.team_markers import (
    RELATIONSHIPS,
    TEAM_MARKER_TYPE,
    TeamMarker,
    TeamMarkerCreate,
    TeamMarkerUpdate,
)
from tests._schema_examples import (
    OLD_SPEC,
    build_example,
    operation,
    request_problems,
    response_schema,
)

PATH = "/2/teams/my-team/markers"


def test_only_the_2025_spec_has_these_operations() -> None:
    assert operation("createMarkerV2", OLD_SPEC)["operationId"] == "createMarkerV2"
    with pytest.raises(AssertionError, match="not in"):
        operation("createMarkerV2")


def test_schema_built_marker_parses() -> None:
    spec, schema = response_schema("createMarkerV2", "201", OLD_SPEC)
    marker = TeamMarker.model_validate(build_example(spec, schema))
    assert marker.model_extra == {}
    assert marker.id == "d1c84ec0"
    assert (marker.start_time, marker.end_time) == (1471040808, 1471040908)
    assert marker.type == "deploy"
    assert marker.color == "#F96E11"
    assert marker.environment_id == "hxenv_12345678901234567890123456"
    assert marker.dataset_id == "hcxds_12345678901234567890123456"
    assert marker.created_at == datetime(2022, 9, 22, 17, 32, 11, tzinfo=timezone.utc)


def test_an_environment_wide_marker_has_no_dataset() -> None:
    marker = TeamMarker.model_validate(
        {
            "data": {
                "id": "m",
                "type": "markers",
                "attributes": {"start_time": 1},
                "relationships": {"dataset": {"data": None}},
            }
        }
    )
    assert marker.dataset_id is None


@pytest.mark.parametrize(
    "marker",
    [
        {"environment_id": "hcaen_1", "start_time": 1471040808},
        {
            "environment_id": "hcaen_1",
            "dataset": "web",
            "start_time": datetime(2016, 8, 12, 22, 26, 48, tzinfo=timezone.utc),
            "end_time": 1471040908,
            "message": "backend deploy #123",
            "type": "deploy",
            "url": "https://github.com/myorg/myrepo/commit/abc123",
        },
    ],
)
def test_create_documents_conform_to_the_spec(marker: dict[str, Any]) -> None:
    body = to_request_body(TeamMarkerCreate, marker)
    document = build_document(TEAM_MARKER_TYPE, body, relationships=RELATIONSHIPS)
    assert document["data"]["attributes"]["start_time"] == 1471040808
    assert document["data"]["relationships"]["dataset"]["data"]["id"] == marker.get(
        "dataset", "__all__"
    )
    assert request_problems("POST", PATH, body=document, management=True) == []


def test_update_documents_conform_to_the_spec() -> None:
    update = TeamMarkerUpdate(environment_id="hcaen_1", dataset_id="__all__", url="https://x")
    document = build_document(
        TEAM_MARKER_TYPE,
        to_request_body(TeamMarkerUpdate, update),
        resource_id="d1c84ec0",
        relationships=RELATIONSHIPS,
    )
    assert document["data"]["attributes"] == {"url": "https://x"}
    assert request_problems("PATCH", f"{PATH}/d1c84ec0", body=document, management=True) == []


@pytest.mark.parametrize(
    "marker",
    [
        {"environment_id": "e"},
        {"environment_id": "", "start_time": 1},
        {"environment_id": "e", "start_time": 2, "end_time": 1},
        {"environment_id": "e", "start_time": 1, "dataset": ""},
        {"environment_id": "e", "start_time": 1, "id": "m"},
    ],
)
def test_invalid_creates(marker: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        TeamMarkerCreate.model_validate(marker)
