"""A realistic environment for the porting tests: every kind, every kind of reference.

Two datasets (``api``, ``web``), columns, calculated fields (one environment-wide),
recipients of four types, triggers (one environment-wide, one with a window schedule and
two recipients), an SLO on a calculated SLI with two burn alerts, marker settings, a
query annotation, and a board with query, SLO and text panels and a view.
"""

from __future__ import annotations

from typing import Any

from honeycomb import AsyncClient

__all__ = ["LATENCY_QUERY", "seed"]

LATENCY_QUERY: dict[str, Any] = {
    "calculations": [{"op": "P99", "column": "duration_ms"}],
    "filters": [{"column": "endpoint", "op": "=", "value": "/checkout"}],
    "time_range": 900,
}


async def seed(client: AsyncClient) -> dict[str, str]:
    """Create the graph; return the ids the tests look at."""
    for name, description in (("api", "the API"), ("web", "the web front end")):
        await client.datasets.create({"name": name, "description": description})
    await client.columns.create(
        "api", {"key_name": "duration_ms", "type": "float", "description": "request time"}
    )
    await client.columns.create("api", {"key_name": "endpoint", "type": "string"})
    await client.columns.create("api", {"key_name": "status_code", "type": "integer"})
    await client.columns.create("web", {"key_name": "page", "type": "string", "hidden": True})
    await client.calculated_fields.create(
        "api", {"alias": "is_good", "expression": "LT($duration_ms, 300)"}
    )
    await client.calculated_fields.create(
        "__all__", {"alias": "is_error", "expression": "GTE($status_code, 500)"}
    )
    email = await client.recipients.create(
        {"type": "email", "details": {"email_address": "oncall@example.com"}}
    )
    slack = await client.recipients.create(
        {"type": "slack", "details": {"slack_channel": "#alerts"}}
    )
    pager = await client.recipients.create(
        {
            "type": "pagerduty",
            "details": {
                "pagerduty_integration_name": "primary",
                "pagerduty_integration_key": "0123456789abcdef0123456789abcdef",
            },
        }
    )
    await client.recipients.create(
        {
            "type": "webhook",
            "details": {"webhook_name": "ops", "webhook_url": "https://hooks.example.com/x"},
        }
    )
    slow = await client.triggers.create(
        "api",
        {
            "name": "Slow checkout",
            "description": "p99 above 300 ms",
            "query": LATENCY_QUERY,
            "threshold": {"op": ">", "value": 300},
            "frequency": 300,
            "recipients": [
                {"id": email.id},
                {"id": pager.id, "details": {"pagerduty_severity": "critical"}},
            ],
            "tags": [{"key": "team", "value": "payments"}],
        },
    )
    await client.triggers.create(
        "api",
        {
            "name": "Office hours errors",
            "query": {
                "calculations": [{"op": "COUNT"}],
                "filters": [{"column": "status_code", "op": ">=", "value": 500}],
                "time_range": 3600,
            },
            "threshold": {"op": ">=", "value": 10},
            "frequency": 900,
            "evaluation_schedule_type": "window",
            "evaluation_schedule": {
                "window": {
                    "days_of_week": ["monday", "friday"],
                    "start_time": "09:00",
                    "end_time": "17:00",
                }
            },
            "recipients": [{"id": slack.id}],
        },
    )
    await client.triggers.create(
        "__all__",
        {
            "name": "Errors everywhere",
            "query": {"calculations": [{"op": "COUNT"}], "time_range": 1800},
            "threshold": {"op": ">", "value": 1000},
            "frequency": 600,
            "recipients": [{"id": slack.id}],
        },
    )
    slo = await client.slos.create(
        "api",
        {
            "name": "Checkout latency",
            "description": "fast checkouts",
            "sli": {"alias": "is_good"},
            "time_period_days": 30,
            "target_per_million": 999000,
        },
    )
    await client.burn_alerts.create(
        "api",
        {
            "alert_type": "exhaustion_time",
            "exhaustion_minutes": 240,
            "slo": {"id": slo.id},
            "recipients": [{"id": pager.id}],
        },
    )
    await client.burn_alerts.create(
        "api",
        {
            "alert_type": "budget_rate",
            "budget_rate_window_minutes": 60,
            "budget_rate_decrease_threshold_per_million": 1000,
            "description": "fast burn",
            "slo": {"id": slo.id},
            "recipients": [{"id": slack.id}, {"id": email.id}],
        },
    )
    await client.marker_settings.create("api", {"type": "deploy", "color": "#00ff00"})
    await client.marker_settings.create("web", {"type": "feature-flag", "color": "#0000ff"})
    saved = await client.queries.create(
        "api", {"calculations": [{"op": "COUNT"}], "breakdowns": ["endpoint"], "time_range": 3600}
    )
    await client.query_annotations.create(
        "api", {"name": "Traffic by endpoint", "description": "who calls us", "query_id": saved.id}
    )
    panel_query = await client.queries.create("api", LATENCY_QUERY)
    panel_annotation = await client.query_annotations.create(
        "api", {"name": "Checkout p99", "query_id": panel_query.id}
    )
    board = await client.boards.create(
        {
            "name": "Checkout health",
            "description": "everything about checkout",
            "type": "flexible",
            "panels": [
                {
                    "type": "query",
                    "position": {"x_coordinate": 0, "y_coordinate": 0, "width": 6, "height": 4},
                    "query_panel": {
                        "query_id": panel_query.id,
                        "query_annotation_id": panel_annotation.id,
                        "query_style": "graph",
                    },
                },
                {
                    "type": "slo",
                    "position": {"x_coordinate": 6, "y_coordinate": 0, "width": 6, "height": 4},
                    "slo_panel": {"slo_id": slo.id},
                },
                {"type": "text", "text_panel": {"content": "Runbook: see the wiki"}},
            ],
            "tags": [{"key": "team", "value": "payments"}],
        },
    )
    await client.board_views.create(
        str(board.id),
        {
            "name": "Errors only",
            "filters": [{"column": "status_code", "operation": ">=", "value": 500}],
        },
    )
    return {"trigger": str(slow.id), "slo": str(slo.id), "board": str(board.id)}
