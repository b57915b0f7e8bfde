"""API key models and the JSON:API helpers against the spec (v2, JSON:API)."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from honeycomb.models._base import to_request_body
from honeycomb.models._jsonapi import (
    build_document,
    check_page_size,
    flatten_collection,
    flatten_document,
    flatten_resource,
)
from honeycomb.models.api_keys import (
    API_KEY_TYPE,
    RELATIONSHIPS,
    ApiKey,
    ApiKeyCreate,
    ApiKeyPermissionsIn,
    ApiKeyUpdate,
    KeyType,
    is_ingest_key_id,
)
from tests._schema_examples import (
    build_example,
    named_examples,
    request_problems,
    resolve,
    response_schema,
    schemas,
)
from tests._spec import NEW_SPEC, load

PATH = "/2/teams/my-team/api-keys"


# ---------------------------------------------------------------- JSON:API helpers


def test_build_document_splits_attributes_and_relationships() -> None:
    document = build_document(
        "markers",
        {"message": "m", "type": "deploy", "environment_id": "e1", "dataset": None},
        resource_id="m1",
        relationships={
            "environment_id": ("environment", "environments"),
            "dataset": ("dataset", "datasets"),
            "absent": ("absent", "things"),
        },
    )
    assert document == {
        "data": {
            "type": "markers",
            "id": "m1",
            "attributes": {"message": "m", "type": "deploy"},
            "relationships": {
                "environment": {"data": {"type": "environments", "id": "e1"}},
                "dataset": {"data": None},
            },
        }
    }


def test_build_document_always_has_attributes() -> None:
    assert build_document("environments", {}) == {
        "data": {"type": "environments", "attributes": {}}
    }


def test_flatten_resource_with_included() -> None:
    resource = {
        "id": "k1",
        "type": "api-keys",
        "attributes": {
            "name": "n",
            "type": "attribute wins",
            "timestamps": {"created": "c", "updated": "u"},
        },
        "relationships": {
            "environment": {"data": {"id": "e1", "type": "environments"}},
            "creator": {"data": None},
            "editor": None,
            "tags": {"data": [{"id": "t1", "type": "tags"}, {"id": "t2", "type": "tags"}]},
        },
        "links": {"self": "/x"},
    }
    included = [{"id": "e1", "type": "environments", "attributes": {"slug": "prod"}}]
    assert flatten_resource(resource, included) == {
        "id": "k1",
        "name": "n",
        "type": "attribute wins",
        "created_at": "c",
        "updated_at": "u",
        "environment_id": "e1",
        "environment": {"id": "e1", "slug": "prod"},
        "creator_id": None,
        "editor_id": None,
        "tags_ids": ["t1", "t2"],
    }


def test_flatten_document_and_collection() -> None:
    assert flatten_document({"data": {"id": "a", "attributes": {"x": 1}}}) == {"id": "a", "x": 1}
    assert flatten_document({"errors": []}) == {}
    assert flatten_document("nonsense") == {}
    assert flatten_collection({"data": [{"id": "a"}, {"id": "b"}]}) == [{"id": "a"}, {"id": "b"}]
    with pytest.raises(ValueError, match="'data' list"):
        flatten_collection({"data": {"id": "a"}})


@pytest.mark.parametrize("size", [0, 101, True])
def test_page_size_is_checked(size: int) -> None:
    with pytest.raises(ValueError, match="page_size"):
        check_page_size(size)


def test_page_size_bounds_match_the_spec() -> None:
    spec = load(NEW_SPEC)
    schema = spec["components"]["parameters"]["PaginationSize"]["schema"]
    assert check_page_size(schema["minimum"]) == 1
    assert check_page_size(schema["maximum"]) == 100


# ---------------------------------------------------------------- responses


@pytest.mark.parametrize(("branch", "kind"), [(0, KeyType.INGEST), (1, KeyType.CONFIGURATION)])
def test_schema_built_keys_parse(branch: int, kind: KeyType) -> None:
    spec, schema = response_schema("getApiKey", "200")
    document = {
        "data": {
            **build_example(spec, schema["properties"]["data"]),
            "attributes": build_example(
                spec,
                resolve(spec, schema["properties"]["data"])["properties"]["attributes"],
                branch=branch,
            ),
        }
    }
    key = ApiKey.model_validate(document)
    assert key.model_extra == {}
    assert key.key_type is kind
    assert key.id == "hcxik_12345678901234567890123456"
    assert key.environment_id == "hxenv_12345678901234567890123456"
    assert key.creator_id == "hcxus_01hzqr5g7jg9qz40xtgx7rjwj0"
    assert key.created_at is not None and key.updated_at is not None
    assert key.permissions is not None and key.permissions.create_datasets is False
    assert key.secret is None and key.token is None


def test_create_response_carries_the_secret() -> None:
    spec, schema = response_schema("createApiKey", "201")
    document = build_example(spec, schema)
    key = ApiKey.model_validate(document)
    assert key.secret is not None
    assert key.secret.get_secret_value() == "12345678901234567890123456789"
    assert key.key_type is KeyType.INGEST
    # An ingest key is used as its id and secret joined without a separator.
    assert key.token == "hcxik_1234567890123456789012345612345678901234567890123456789"
    assert "12345678901234567890123456789" not in repr(key)


def test_permission_names_match_the_spec() -> None:
    config = schemas()["ConfigurationKeyAttributes"]["properties"]
    names = set(config["permissions"]["properties"])
    assert "manage_signals" in names
    sent = ApiKeyPermissionsIn.model_validate(dict.fromkeys(names, True)).granted_names()
    assert sent == names


# ---------------------------------------------------------------- requests


@pytest.mark.parametrize(
    "key",
    [
        {"name": "collectors", "key_type": "ingest", "environment_id": "hcaen_1"},
        {
            "name": "collectors",
            "key_type": "ingest",
            "environment_id": "hcaen_1",
            "disabled": True,
            "permissions": {"create_datasets": True},
        },
        {
            "name": "terraform",
            "key_type": "configuration",
            "environment_id": "hcaen_1",
            "permissions": {"manage_triggers": True, "manage_privateBoards": True},
        },
    ],
)
def test_create_documents_conform_to_the_spec(key: dict[str, Any]) -> None:
    body = to_request_body(ApiKeyCreate, key)
    document = build_document(API_KEY_TYPE, body, relationships=RELATIONSHIPS)
    assert document["data"]["relationships"] == {
        "environment": {"data": {"type": "environments", "id": "hcaen_1"}}
    }
    assert "environment_id" not in document["data"]["attributes"]
    assert request_problems("POST", PATH, body=document, management=True) == []


@pytest.mark.parametrize("example", ["ingestKey", "configurationKey"])
def test_update_documents_match_the_spec_examples(example: str) -> None:
    expected = dict(named_examples("updateApiKey", request=True))[example]
    key_id = expected["data"]["id"]
    update = ApiKeyUpdate.model_validate(expected["data"]["attributes"])
    update.check_for(key_id)
    document = build_document(
        API_KEY_TYPE, to_request_body(ApiKeyUpdate, update), resource_id=key_id
    )
    assert document == expected
    assert request_problems("PATCH", f"{PATH}/{key_id}", body=document, management=True) == []


def test_ingest_keys_take_only_create_datasets() -> None:
    with pytest.raises(ValidationError, match="ingest keys only take"):
        ApiKeyCreate(
            name="k", key_type=KeyType.INGEST, environment_id="e", permissions={"send_events": True}
        )
    with pytest.raises(ValueError, match="ingest keys only take"):
        ApiKeyUpdate(permissions={"manage_boards": False}).check_for("hcxik_abc")
    ApiKeyUpdate(permissions={"create_datasets": True}).check_for("hcxik_abc")
    ApiKeyUpdate(permissions={"manage_boards": False}).check_for("hcxlk_abc")


def test_key_kind_from_id() -> None:
    assert is_ingest_key_id("hcxik_01hqk4k20cjeh63wca8vva5stw")
    assert is_ingest_key_id("hcaik_01hqk4k20cjeh63wca8vva5stw")
    assert not is_ingest_key_id("hcxlk_01hqk4k20cjeh63wca8vva5stw")


def test_name_limit_follows_the_spec() -> None:
    limit = schemas()["ConfigurationKeyAttributes"]["properties"]["name"]
    ok = {"key_type": "ingest", "environment_id": "e"}
    ApiKeyCreate.model_validate({**ok, "name": "n" * limit["maxLength"]})
    with pytest.raises(ValidationError):
        ApiKeyCreate.model_validate({**ok, "name": "n" * (limit["maxLength"] + 1)})
