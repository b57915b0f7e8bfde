# GENERATED from tests/_async/test_scenario.py by scripts/unasync.py.
# Do not edit: change the async source and run `python scripts/unasync.py`.
"""The same user code, run against FakeHoneycomb and against recorded real-shaped responses.

``provision`` is what a platform team's code does: a dataset, a column, an SLI, a
recipient, a trigger, an SLO with a burn alert, a board, then a listing. It runs once
against the fake and once against pytest-httpx answering with bodies shaped like the real
API's (the spec's examples, and the live-API notes: 201 on create, ``query_id`` on
triggers...). Both runs must give the same summary and send the same requests, so code
tested against the fake behaves the same against Honeycomb.
"""

from __future__ import annotations

import json
from typing import Any

from pytest_httpx import HTTPXMock

from honeycomb import Client
from honeycomb.testing import FakeHoneycomb

from .conftest import API_KEY, BASE

TRIGGER = {
    "name": "Slow checkout",
    "query": {
        "calculations": [{"op": "P99", "column": "duration_ms"}],
        "filters": [{"column": "endpoint", "op": "=", "value": "/checkout"}],
        "time_range": 900,
    },
    "threshold": {"op": ">", "value": 300},
    "frequency": 300,
}


def provision(client: Client) -> dict[str, Any]:
    """Set up alerting for a checkout service; return what a caller would look at."""
    dataset = client.datasets.create({"name": "checkout", "description": "checkout API"})
    slug = dataset.slug or "checkout"
    column = client.columns.create(slug, {"key_name": "duration_ms", "type": "float"})
    field = client.calculated_fields.create(
        slug, {"alias": "sli_fast", "expression": "LT($duration_ms, 300)"}
    )
    recipient = client.recipients.create(
        {"type": "email", "details": {"email_address": "oncall@example.com"}}
    )
    assert recipient.id is not None
    trigger = client.triggers.create(slug, {**TRIGGER, "recipients": [{"id": recipient.id}]})
    slo = client.slos.create(
        slug,
        {
            "name": "Fast checkout",
            "sli": {"alias": "sli_fast"},
            "time_period_days": 30,
            "target_per_million": 990000,
        },
    )
    assert slo.id is not None
    alert = client.burn_alerts.create(
        slug,
        {
            "alert_type": "exhaustion_time",
            "exhaustion_minutes": 240,
            "slo": {"id": slo.id},
            "recipients": [{"id": recipient.id}],
        },
    )
    board = client.boards.create(
        {
            "name": "Checkout",
            "type": "flexible",
            "panels": [{"type": "slo", "slo_panel": {"slo_id": slo.id}}],
        }
    )
    triggers = client.triggers.list(slug)
    return {
        "dataset": slug,
        "column": (column.key_name, str(column.type)),
        "field": field.alias,
        "recipient": str(recipient.type),
        "trigger": (
            trigger.name,
            trigger.frequency,
            trigger.threshold.value if trigger.threshold else None,
        ),
        "slo": (slo.name, slo.target_per_million, slo.time_period_days),
        "alert": (str(alert.alert_type), getattr(alert, "exhaustion_minutes", None)),
        "board": (board.name, len(board.panels or [])),
        "listed": [t.name for t in triggers],
    }


EXPECTED = {
    "dataset": "checkout",
    "column": ("duration_ms", "float"),
    "field": "sli_fast",
    "recipient": "email",
    "trigger": ("Slow checkout", 300, 300.0),
    "slo": ("Fast checkout", 990000, 30),
    "alert": ("exhaustion_time", 240),
    "board": ("Checkout", 1),
    "listed": ["Slow checkout"],
}

STAMP = "2026-11-26T12:00:00Z"


def recorded_responses(httpx_mock: HTTPXMock) -> None:
    """Real-shaped answers, in the order ``provision`` asks."""
    trigger = {
        "id": "2Lh4AuFqG3o",
        "dataset_slug": "checkout",
        "name": "Slow checkout",
        "description": "",
        "disabled": False,
        "triggered": False,
        "alert_type": "on_change",
        "query_id": "dSlAfb0AI8V",
        "query": TRIGGER["query"],
        "threshold": {"op": ">", "value": 300, "exceeded_limit": 1},
        "frequency": 300,
        "evaluation_schedule_type": "frequency",
        "recipients": [{"id": "rcp-9", "type": "email", "target": "oncall@example.com"}],
        "tags": [],
        "created_at": STAMP,
        "updated_at": STAMP,
    }
    answers: list[tuple[str, str, int, Any]] = [
        (
            "POST",
            "/1/datasets",
            201,
            {
                "name": "checkout",
                "slug": "checkout",
                "description": "checkout API",
                "settings": {"delete_protected": True},
                "expand_json_depth": 0,
                "created_at": STAMP,
                "last_written_at": None,
                "regular_columns_count": None,
            },
        ),
        (
            "POST",
            "/1/columns/checkout",
            201,
            {
                "id": "aBcD123",
                "key_name": "duration_ms",
                "type": "float",
                "hidden": False,
                "description": "",
                "last_written": None,
                "created_at": STAMP,
                "updated_at": STAMP,
            },
        ),
        (
            "POST",
            "/1/derived_columns/checkout",
            201,
            {
                "id": "dc-7",
                "alias": "sli_fast",
                "expression": "LT($duration_ms, 300)",
                "description": "",
                "created_at": STAMP,
                "updated_at": STAMP,
            },
        ),
        (
            "POST",
            "/1/recipients",
            201,
            {
                "id": "rcp-9",
                "type": "email",
                "details": {"email_address": "oncall@example.com"},
                "created_at": STAMP,
                "updated_at": STAMP,
            },
        ),
        ("POST", "/1/triggers/checkout", 201, trigger),
        (
            "POST",
            "/1/slos/checkout",
            201,
            {
                "id": "slo-3",
                "name": "Fast checkout",
                "description": "",
                "sli": {"alias": "sli_fast"},
                "time_period_days": 30,
                "target_per_million": 990000,
                "dataset_slugs": ["checkout"],
                "tags": [],
                "created_at": STAMP,
                "updated_at": STAMP,
            },
        ),
        (
            "POST",
            "/1/burn_alerts/checkout",
            201,
            {
                "id": "ba-1",
                "alert_type": "exhaustion_time",
                "exhaustion_minutes": 240,
                "description": "",
                "triggered": False,
                "slo": {"id": "slo-3"},
                "recipients": [{"id": "rcp-9", "type": "email", "target": "oncall@example.com"}],
                "created_at": STAMP,
                "updated_at": STAMP,
            },
        ),
        (
            "POST",
            "/1/boards",
            201,
            {
                "id": "2k4LJLBm3Lz",
                "name": "Checkout",
                "description": "",
                "type": "flexible",
                "panels": [
                    {
                        "type": "slo",
                        "slo_panel": {"slo_id": "slo-3"},
                        "position": {"x_coordinate": 0, "y_coordinate": 0, "width": 6, "height": 6},
                    }
                ],
                "links": {"board_url": "https://ui.honeycomb.io/team/board/2k4LJLBm3Lz"},
                "tags": [],
            },
        ),
        ("GET", "/1/triggers/checkout", 200, [trigger]),
    ]
    for method, path, status, body in answers:
        httpx_mock.add_response(method=method, url=f"{BASE}{path}", status_code=status, json=body)


def test_against_recorded_responses(httpx_mock: HTTPXMock) -> None:
    recorded_responses(httpx_mock)
    with Client(api_key=API_KEY, max_retries=0) as client:
        assert provision(client) == EXPECTED


def test_against_the_fake_gives_the_same_result_and_requests(httpx_mock: HTTPXMock) -> None:
    recorded_responses(httpx_mock)
    with Client(api_key=API_KEY, max_retries=0) as client:
        provision(client)
    recorded = [(r.method, r.url.path) for r in httpx_mock.get_requests()]
    recorded_bodies = [
        json.loads(r.content) if r.content else None for r in httpx_mock.get_requests()
    ]

    fake = FakeHoneycomb()
    with fake.client(max_retries=0) as client:
        assert provision(client) == EXPECTED
    against_fake = [(r.method, r.path) for r in fake.requests]
    fake_bodies = [json.loads(r.body) if r.body else None for r in fake.requests]

    assert against_fake == recorded
    # Ids differ between the two runs; everything else the code sent is the same.
    for sent_to_fake, sent_to_recording in zip(fake_bodies, recorded_bodies, strict=True):
        assert _without_ids(sent_to_fake) == _without_ids(sent_to_recording)
    assert all(r.status < 300 for r in fake.requests)


def _without_ids(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_ids(v) for k, v in value.items() if k not in ("id", "slo_id")}
    if isinstance(value, list):
        return [_without_ids(v) for v in value]
    return value
