# GENERATED from tests/_async/test_recipients.py by scripts/unasync.py.
# Do not edit: change the async source and run `python scripts/unasync.py`.
"""Recipients: one model per type both ways, unknown types kept, duplicates are 409."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pytest_httpx import HTTPXMock

from honeycomb import Client, ConflictError, NotFoundError
from honeycomb.errors import RequestValidationError
from honeycomb.models.recipients import (
    EmailRecipient,
    GenericRecipient,
    MSTeamsRecipient,
    MSTeamsWorkflowRecipient,
    PagerDutyRecipient,
    SlackRecipient,
    WebhookDetailsIn,
    WebhookHeaderIn,
    WebhookRecipient,
    WebhookRecipientCreate,
)
from honeycomb.models.triggers import Trigger

from .conftest import API_KEY, BASE

STAMPS = {"created_at": "2022-07-26T22:38:04Z", "updated_at": "2022-07-26T22:38:04Z"}
PD_KEY = "7zOwh1edS8xHGcwfb2bA4sqY8E6PJzSK"

EMAIL = {"id": "r1", "type": "email", "details": {"email_address": "oncall@example.com"}, **STAMPS}
WEBHOOK_DETAILS: dict[str, Any] = {
    "webhook_name": "Example webhook",
    "webhook_url": "https://webhook.example.com",
    "webhook_secret": "s3cret",
    "webhook_headers": [{"header": "Authorization", "value": "Bearer xyz123"}],
    "webhook_payloads": {
        "template_variables": [{"name": "severity", "default_value": "CRITICAL"}],
        "payload_templates": {"trigger": {"body": '{"alert": "{{.Alert.Description}}"}'}},
    },
}
ALL_KINDS: list[dict[str, Any]] = [
    EMAIL,
    {"id": "r2", "type": "slack", "details": {"slack_channel": "#alerts"}},
    {
        "id": "r3",
        "type": "pagerduty",
        "details": {"pagerduty_integration_name": "Prod", "pagerduty_integration_key": PD_KEY},
    },
    {"id": "r4", "type": "webhook", "details": WEBHOOK_DETAILS},
    {"id": "r5", "type": "msteams", "details": {"webhook_name": "t", "webhook_url": "https://t"}},
    {
        "id": "r6",
        "type": "msteams_workflow",
        "details": {"webhook_name": "w", "webhook_url": "https://w"},
    },
    {"id": "r7", "type": "carrier_pigeon", "details": {"loft": "north"}},
]


def _sent(httpx_mock: HTTPXMock) -> Any:
    return json.loads(httpx_mock.get_requests()[0].content)


def test_list_selects_a_model_per_type(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(method="GET", url=f"{BASE}/1/recipients", json=ALL_KINDS)

    recipients = client.recipients.list()

    assert [type(r) for r in recipients] == [
        EmailRecipient,
        SlackRecipient,
        PagerDutyRecipient,
        WebhookRecipient,
        MSTeamsRecipient,
        MSTeamsWorkflowRecipient,
        GenericRecipient,
    ]
    email, _, pagerduty, webhook, *_, unknown = recipients
    assert isinstance(email, EmailRecipient) and email.details is not None
    assert email.details.email_address == "oncall@example.com"
    assert email.created_at is not None and email.created_at.year == 2022
    assert isinstance(webhook, WebhookRecipient) and webhook.details is not None
    payloads = webhook.details.webhook_payloads
    assert payloads is not None and payloads.template_variables is not None
    assert payloads.template_variables[0].name == "severity"
    assert unknown.type == "carrier_pigeon" and unknown.details == {"loft": "north"}
    # Secrets stay out of repr().
    assert "s3cret" not in repr(webhook) and "Bearer xyz123" not in repr(webhook)
    assert PD_KEY not in repr(pagerduty)
    assert httpx_mock.get_requests()[0].headers["X-Honeycomb-Team"] == API_KEY


def test_get(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(method="GET", url=f"{BASE}/1/recipients/r%2F1", json=EMAIL)
    recipient = client.recipients.get("r/1")
    assert isinstance(recipient, EmailRecipient)
    assert recipient.id == "r1"


def test_get_missing(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(
        method="GET", url=f"{BASE}/1/recipients/nope", status_code=404, json={"error": "nf"}
    )
    with pytest.raises(NotFoundError):
        client.recipients.get("nope")


@pytest.mark.parametrize("kind", ALL_KINDS[:6], ids=lambda k: k["type"])
def test_create_each_type(httpx_mock: HTTPXMock, client: Client, kind: dict[str, Any]) -> None:
    body = {"type": kind["type"], "details": kind["details"]}
    httpx_mock.add_response(method="POST", url=f"{BASE}/1/recipients", status_code=201, json=kind)
    created = client.recipients.create(body)
    assert created.id == kind["id"]
    assert created.type == kind["type"]
    assert _sent(httpx_mock) == body


def test_create_from_model_fills_in_type(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(
        method="POST", url=f"{BASE}/1/recipients", status_code=201, json=ALL_KINDS[3]
    )
    client.recipients.create(
        WebhookRecipientCreate(
            details=WebhookDetailsIn(
                webhook_name="hook",
                webhook_url="https://h",
                webhook_headers=[WebhookHeaderIn(header="X-Token", value="t")],
            )
        )
    )
    assert _sent(httpx_mock) == {
        "type": "webhook",
        "details": {
            "webhook_name": "hook",
            "webhook_url": "https://h",
            "webhook_headers": [{"header": "X-Token", "value": "t"}],
        },
    }


def test_create_duplicate_is_conflict(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(
        method="POST",
        url=f"{BASE}/1/recipients",
        status_code=409,
        json={"error": "a recipient with these details already exists"},
    )
    with pytest.raises(ConflictError, match="already exists"):
        client.recipients.create(
            {"type": "email", "details": {"email_address": "oncall@example.com"}}
        )


def test_update(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(method="PUT", url=f"{BASE}/1/recipients/r2", json=ALL_KINDS[1])
    updated = client.recipients.update(
        "r2", {"type": "slack", "details": {"slack_channel": "#alerts"}}
    )
    assert isinstance(updated, SlackRecipient)
    assert _sent(httpx_mock) == {"type": "slack", "details": {"slack_channel": "#alerts"}}


def test_delete(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(method="DELETE", url=f"{BASE}/1/recipients/r1", status_code=204)
    client.recipients.delete("r1")
    assert httpx_mock.get_requests()[0].method == "DELETE"


def test_list_triggers(httpx_mock: HTTPXMock, client: Client) -> None:
    trigger = {
        "id": "t1",
        "dataset_slug": "web",
        "name": "Slow",
        "frequency": 900,
        "threshold": {"op": ">", "value": 1000},
        "recipients": [{"id": "r1", "type": "email", "target": "oncall@example.com"}],
    }
    httpx_mock.add_response(method="GET", url=f"{BASE}/1/recipients/r1/triggers", json=[trigger])
    triggers = client.recipients.list_triggers("r1")
    assert [type(t) for t in triggers] == [Trigger]
    assert triggers[0].dataset_slug == "web"
    assert triggers[0].recipients is not None and triggers[0].recipients[0].id == "r1"


_HOOK = {"webhook_name": "w", "webhook_url": "https://w"}


@pytest.mark.parametrize(
    "bad",
    [
        pytest.param({"details": {"email_address": "a@b.c"}}, id="no-type"),
        pytest.param({"type": "fax", "details": {}}, id="unknown-type"),
        pytest.param({"type": "email"}, id="no-details"),
        pytest.param({"type": "email", "details": {"email_address": "nobody"}}, id="bad-email"),
        pytest.param({"type": "email", "details": {"slack_channel": "#a"}}, id="wrong-details"),
        pytest.param({"type": "slack", "details": {"slack_channel": ""}}, id="empty-channel"),
        pytest.param(
            {
                "type": "pagerduty",
                "details": {"pagerduty_integration_name": "p", "pagerduty_integration_key": "k"},
            },
            id="short-pagerduty-key",
        ),
        pytest.param(
            {
                "type": "webhook",
                "details": {
                    **_HOOK,
                    "webhook_headers": [{"header": f"X-{i}", "value": "v"} for i in range(6)],
                },
            },
            id="six-headers",
        ),
        pytest.param(
            {
                "type": "webhook",
                "details": {
                    **_HOOK,
                    "webhook_payloads": {
                        "template_variables": [{"name": f"v{chr(97 + i)}"} for i in range(11)]
                    },
                },
            },
            id="eleven-template-variables",
        ),
        pytest.param(
            {
                "type": "webhook",
                "details": {
                    **_HOOK,
                    "webhook_payloads": {"template_variables": [{"name": "Severity"}]},
                },
            },
            id="bad-variable-name",
        ),
        pytest.param(
            {"type": "webhook", "details": {**_HOOK, "webhook_url": "x" * 2049}}, id="long-url"
        ),
        pytest.param(
            {"type": "webhook", "details": {**_HOOK, "webhook_headers": [{"header": "x" * 65}]}},
            id="long-header-name",
        ),
        pytest.param(
            {"type": "msteams_workflow", "details": {"webhook_name": "w"}}, id="teams-no-url"
        ),
        pytest.param({"ident": "r1", **EMAIL}, id="unknown-field"),
    ],
)
def test_create_validates_before_sending(
    httpx_mock: HTTPXMock, client: Client, bad: dict[str, Any]
) -> None:
    with pytest.raises(RequestValidationError):
        client.recipients.create(bad)
    assert httpx_mock.get_requests() == []


def test_update_validates_before_sending(httpx_mock: HTTPXMock, client: Client) -> None:
    with pytest.raises(RequestValidationError):
        client.recipients.update("r1", {"type": "slack", "details": {}})
    assert httpx_mock.get_requests() == []
