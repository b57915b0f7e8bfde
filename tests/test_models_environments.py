"""Environment models against the spec (v2, JSON:API): colours, bodies, limits."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from honeycomb.models._base import to_request_body
from honeycomb.models._jsonapi import build_document
from honeycomb.models.environments import (
    ENVIRONMENT_TYPE,
    Environment,
    EnvironmentColor,
    EnvironmentCreate,
    EnvironmentUpdate,
)
from tests._schema_examples import build_example, request_problems, response_schema, schemas

PATH = "/2/teams/my-team/environments"


def test_schema_built_environment_parses() -> None:
    spec, schema = response_schema("getEnvironment", "200")
    document = build_example(spec, schema)
    document["data"]["attributes"]["color"] = "lightPurple"
    environment = Environment.model_validate(document)
    assert environment.model_extra == {}
    assert environment.color is EnvironmentColor.LIGHT_PURPLE
    assert environment.settings is not None
    assert environment.delete_protected is False
    assert environment.slug == "text"


def test_list_page_parses() -> None:
    spec, schema = response_schema("listEnvironments", "200")
    page = build_example(spec, schema)
    (environment,) = (Environment.model_validate({"data": item}) for item in page["data"])
    assert environment.id == "text"


def test_colours_match_the_spec() -> None:
    settable = set(schemas()["EnvironmentColor"]["enum"])
    assert {c.value for c in EnvironmentColor} == settable | {"classic"}
    returned = schemas()["Environment"]["properties"]["attributes"]
    assert returned["properties"]["color"]["oneOf"][1]["enum"] == ["classic"]


@pytest.mark.parametrize(
    "env",
    [
        {"name": "staging"},
        {"name": "staging", "description": "pre-prod", "color": "lightBlue"},
    ],
)
def test_create_documents_conform_to_the_spec(env: dict[str, Any]) -> None:
    document = build_document(ENVIRONMENT_TYPE, to_request_body(EnvironmentCreate, env))
    assert document["data"]["attributes"] == env
    assert request_problems("POST", PATH, body=document, management=True) == []


def test_update_documents_conform_to_the_spec() -> None:
    update = EnvironmentUpdate.model_validate(
        {"description": "", "color": "red", "settings": {"delete_protected": False}}
    )
    document = build_document(
        ENVIRONMENT_TYPE, to_request_body(EnvironmentUpdate, update), resource_id="hcaen_1"
    )
    assert document == {
        "data": {
            "type": "environments",
            "id": "hcaen_1",
            "attributes": {
                "description": "",
                "color": "red",
                "settings": {"delete_protected": False},
            },
        }
    }
    assert request_problems("PATCH", f"{PATH}/hcaen_1", body=document, management=True) == []


@pytest.mark.parametrize(
    "env",
    [
        {"name": "x" * 256},
        {"name": "x", "description": "d" * 256},
        {"name": "x", "color": "classic"},
        {"name": "x", "color": "Blue"},
        {"name": "x", "slug": "x"},
    ],
)
def test_create_limits_follow_the_spec(env: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        EnvironmentCreate.model_validate(env)


def test_classic_cannot_be_set_on_update() -> None:
    with pytest.raises(ValidationError, match="classic"):
        EnvironmentUpdate(color=EnvironmentColor.CLASSIC)
