"""Recipient models against the spec: one model per type, limits, tolerant responses.

The spec gives no example responses for the recipient operations, so each recipient type
is exemplified from its schema: every property's own ``example`` (or first enum value).
"""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel, TypeAdapter, ValidationError

from honeycomb.models._base import to_request_body
from honeycomb.models.recipients import (
    MAX_TEMPLATE_VARIABLES,
    MAX_WEBHOOK_HEADERS,
    EmailRecipient,
    EmailRecipientCreate,
    GenericRecipient,
    MSTeamsRecipient,
    MSTeamsRecipientCreate,
    MSTeamsWorkflowRecipient,
    MSTeamsWorkflowRecipientCreate,
    PagerDutyRecipient,
    PagerDutyRecipientCreate,
    Recipient,
    RecipientCreate,
    RecipientType,
    SlackRecipient,
    SlackRecipientCreate,
    WebhookRecipient,
    WebhookRecipientCreate,
    validate_recipient,
)
from tests._schema_examples import build_example, properties, schemas
from tests._spec import NEW_SPEC, load

RESPONSE_MODELS: dict[str, type[Any]] = {
    "email": EmailRecipient,
    "slack": SlackRecipient,
    "pagerduty": PagerDutyRecipient,
    "webhook": WebhookRecipient,
    "msteams": MSTeamsRecipient,
    "msteams_workflow": MSTeamsWorkflowRecipient,
}
REQUEST_MODELS: dict[str, type[Any]] = {
    "email": EmailRecipientCreate,
    "slack": SlackRecipientCreate,
    "pagerduty": PagerDutyRecipientCreate,
    "webhook": WebhookRecipientCreate,
    "msteams": MSTeamsRecipientCreate,
    "msteams_workflow": MSTeamsWorkflowRecipientCreate,
}
SCHEMAS = {
    "email": "EmailRecipient",
    "slack": "SlackRecipient",
    "pagerduty": "PagerDutyRecipient",
    "webhook": "WebhookRecipient",
    "msteams": "MSTeamsRecipient",
    "msteams_workflow": "MSTeamsWorkflowRecipient",
}


def _recipient_example(kind: str, *, writable: bool = False) -> Any:
    schema = {"$ref": f"#/components/schemas/{SCHEMAS[kind]}"}
    example = build_example(load(NEW_SPEC), schema, writable=writable)
    example["type"] = kind  # the shared RecipientProperties.type enum starts at "pagerduty"
    return example


@pytest.mark.parametrize("kind", list(RESPONSE_MODELS))
def test_each_type_parses_from_its_spec_example(kind: str) -> None:
    example = _recipient_example(kind)
    [recipient] = TypeAdapter(list[Recipient]).validate_python([example])
    assert type(recipient) is RESPONSE_MODELS[kind]
    assert recipient.id == "yUheCUmgZ8p"
    assert recipient.created_at is not None and recipient.created_at.year == 2022
    # Every documented field has a home in the model: nothing falls into the extras.
    assert recipient.model_extra == {}
    assert isinstance(recipient.details, BaseModel) and recipient.details.model_extra == {}
    assert recipient.model_dump(mode="json", exclude_unset=True) == {
        **example,
        "created_at": "2022-07-26T22:38:04Z",
        "updated_at": "2022-07-26T22:38:04Z",
    }


@pytest.mark.parametrize("kind", list(REQUEST_MODELS))
def test_each_type_validates_as_a_request(kind: str) -> None:
    example = _recipient_example(kind, writable=True)
    model = validate_recipient(example)
    assert type(model) is REQUEST_MODELS[kind]
    assert to_request_body(type(model), model) == example


def test_types_match_the_spec() -> None:
    found = schemas()
    assert [t.value for t in RecipientType] == found["RecipientType"]["enum"]
    mapping = found["Recipient"]["discriminator"]["mapping"]
    assert set(mapping) == set(RESPONSE_MODELS) == set(REQUEST_MODELS)
    for kind, ref in mapping.items():
        assert ref.rsplit("/", 1)[-1] == SCHEMAS[kind]


@pytest.mark.parametrize("kind", list(REQUEST_MODELS))
def test_request_details_match_the_spec(kind: str) -> None:
    props = properties(SCHEMAS[kind])
    details = props["details"]
    details_model = REQUEST_MODELS[kind].model_fields["details"].annotation
    assert isinstance(details_model, type) and issubclass(details_model, BaseModel)
    assert set(details_model.model_fields) == set(details["properties"])
    required = {n for n, f in details_model.model_fields.items() if f.is_required()}
    assert required == set(details["required"])


def test_webhook_limits_match_the_spec() -> None:
    props = properties("WebhookRecipient")
    details = props["details"]["properties"]
    assert details["webhook_headers"]["maxItems"] == MAX_WEBHOOK_HEADERS
    variables = details["webhook_payloads"]["properties"]["template_variables"]
    assert variables["maxItems"] == MAX_TEMPLATE_VARIABLES


def test_unknown_type_is_kept_as_generic() -> None:
    recipient = TypeAdapter(Recipient).validate_python(
        {"id": "r", "type": "opsgenie", "details": {"api_key": "k"}, "muted": False}
    )
    assert isinstance(recipient, GenericRecipient)
    assert recipient.type == "opsgenie"
    assert recipient.details == {"api_key": "k"}
    assert recipient.model_extra == {"muted": False}


def test_missing_type_is_kept_as_generic() -> None:
    recipient = TypeAdapter(Recipient).validate_python({"id": "r"})
    assert isinstance(recipient, GenericRecipient) and recipient.type is None


def test_request_union_rejects_unknown_type() -> None:
    with pytest.raises(ValidationError, match="does not match any of the expected tags"):
        TypeAdapter(RecipientCreate).validate_python({"type": "opsgenie", "details": {}})


def test_models_pass_through_validate_recipient() -> None:
    model = SlackRecipientCreate.model_validate({"details": {"slack_channel": "#a"}})
    assert validate_recipient(model) is model
    assert to_request_body(SlackRecipientCreate, model) == {
        "type": "slack",
        "details": {"slack_channel": "#a"},
    }


def test_secrets_are_hidden_from_repr() -> None:
    request = validate_recipient(
        {
            "type": "webhook",
            "details": {
                "webhook_name": "w",
                "webhook_url": "https://w",
                "webhook_secret": "hunter2",
                "webhook_headers": [{"header": "Authorization", "value": "Bearer t0ken"}],
            },
        }
    )
    assert "hunter2" not in repr(request) and "t0ken" not in repr(request)
    pagerduty = validate_recipient(
        {
            "type": "pagerduty",
            "details": {"pagerduty_integration_name": "p", "pagerduty_integration_key": "k" * 32},
        }
    )
    assert "k" * 32 not in repr(pagerduty)
