"""FakeHoneycomb is faithful by construction: every response it gives validates against the
response schema Honeycomb's OpenAPI spec declares for that operation and status.

One scenario drives all 95 operations (the 89 of the 2026-08 spec, and the internal team
markers, pipelines and enhance operations of the 2025-12 spec) through raw httpx on the
fake's transport, then provokes the documented errors (401, 403, 404, 409, 415, 422, 429
and 5xx). Each response is checked against the schema of its content type; the test also
checks that every operation was answered with a documented success status at least once.

Spec defects are patched in ``tests/_contract.py`` (signal status ``off`` read as false,
``UpdateColumn`` requiring its read-only ``key_name``, the trigger ``oneOf`` whose branches
overlap). Exemptions particular to responses are listed in ``EXEMPT`` below, with reasons.
"""

from __future__ import annotations

import base64
import gzip
import json
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from honeycomb.testing import FakeHoneycomb, FakeRequest, FakeResponse
from tests._spec import require_specs

BASE = "https://api.honeycomb.io"
JSONAPI = "application/vnd.api+json"

EXEMPT: dict[tuple[str, int], str] = {
    # (operationId, status): why its response is not validated
}


def _operations() -> dict[str, Any]:
    from tests._contract import operations_by_id

    return operations_by_id()


class Recorder:
    """Sends requests to the fake and validates every answer against the spec."""

    def __init__(self, fake: FakeHoneycomb) -> None:
        self.fake = fake
        self.http = httpx.Client(transport=fake.transport(), base_url=BASE)
        self.ops = _operations()
        self.problems: list[str] = []
        self.succeeded: set[str] = set()
        self.statuses: set[tuple[str, int]] = set()

    def call(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        content: bytes | None = None,
        auth: str = "config",
        params: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        expect: int | None = None,
    ) -> httpx.Response:
        sent = dict(headers or {})
        if auth == "config":
            sent.setdefault("X-Honeycomb-Team", self.fake.api_key)
        elif auth == "ingest":
            sent.setdefault("X-Honeycomb-Team", self.fake.ingest_key)
        elif auth == "management":
            sent.setdefault("Authorization", f"Bearer {self.fake.management_key}")
        if json_body is not None:
            content = json.dumps(json_body).encode()
            sent.setdefault(
                "Content-Type", JSONAPI if path.startswith("/2/") else "application/json"
            )
        response = self.http.request(method, path, content=content, headers=sent, params=params)
        operation = self.fake.requests[-1].operation
        where = f"{method} {path} -> {response.status_code}"
        if expect is not None and response.status_code != expect:
            self.problems.append(f"{where}: expected {expect}; body {response.text[:300]}")
        if operation is None:
            self.problems.append(f"{where}: matched no operation")
            return response
        self.statuses.add((operation, response.status_code))
        if 200 <= response.status_code < 300:
            self.succeeded.add(operation)
        self._validate(operation, response, where)
        return response

    def _validate(self, operation: str, response: httpx.Response, where: str) -> None:
        self.problems += response_problems(
            operation,
            response.status_code,
            response.headers.get("content-type") or "",
            response.content,
            where,
        )


def response_problems(
    operation: str, status: int, content_type: str, body: bytes, where: str
) -> list[str]:
    """Why a response does not match the spec (empty when it does)."""
    if (operation, status) in EXEMPT:
        return []
    from tests._contract import response_mismatches

    return [
        f"{where} ({operation}): at {m.field or 'the response'} saw {m.seen}, wanted {m.detail}"
        for m in response_mismatches(operation, status, content_type, body)
    ]


@pytest.fixture
def recorder() -> Iterator[Recorder]:
    require_specs()
    fake = FakeHoneycomb(query_polls=1, seed=7)
    rec = Recorder(fake)
    yield rec
    rec.http.close()


def _scenario(r: Recorder) -> None:
    fake = r.fake
    now = int(time.time())
    team = fake.team_slug

    # -- auth --------
    r.call("GET", "/1/auth", expect=200)
    r.call("GET", "/1/auth", auth="ingest", expect=200)
    r.call("GET", "/2/auth", auth="management", expect=200)

    # -- datasets --------
    r.call("POST", "/1/datasets", json_body={"name": "web", "description": "front"}, expect=201)
    r.call("POST", "/1/datasets", json_body={"name": "web"}, expect=200)
    r.call("POST", "/1/datasets", json_body={"name": "api"}, expect=201)
    r.call("GET", "/1/datasets", expect=200)
    r.call("GET", "/1/datasets/web", expect=200)
    r.call(
        "PUT",
        "/1/datasets/api",
        json_body={
            "description": "x",
            "expand_json_depth": 1,
            "settings": {"delete_protected": True},
        },
        expect=200,
    )

    # -- events --------
    events: list[dict[str, Any]] = []
    for i in range(30):
        events.append(
            {
                "time": now - 60 * (i % 10) - 5,
                "data": {
                    "endpoint": ["/", "/login", "/api"][i % 3],
                    "duration_ms": 10.0 + i,
                    "status_code": 500 if i % 7 == 0 else 200,
                    "service.name": "web" if i % 2 else "api",
                    "trace.span_id": f"s{i}",
                    "trace.parent_id": f"s{i - 1}" if i else None,
                },
            }
        )
    for item in events:
        if item["data"]["trace.parent_id"] is None:
            del item["data"]["trace.parent_id"]
    r.call("POST", "/1/events/web", json_body={"endpoint": "/", "duration_ms": 3}, expect=200)
    r.call("POST", "/1/events/web", json_body={"endpoint": "/x"}, auth="ingest", expect=200)
    r.call("POST", "/1/batch/web", json_body=events, expect=200)
    r.call(
        "POST",
        "/1/batch/web",
        content=gzip.compress(json.dumps(events[:3]).encode()),
        headers={"Content-Type": "application/json", "Content-Encoding": "gzip"},
        expect=200,
    )
    record = base64.b64encode(json.dumps({"endpoint": "/k"}).encode()).decode()
    r.call(
        "POST",
        "/1/kinesis_events/web",
        json_body={"requestId": "r1", "timestamp": now * 1000, "records": [{"data": record}]},
        auth="none",
        headers={"X-Amz-Firehose-Access-Key": fake.ingest_key, "X-Amz-Firehose-Request-Id": "r1"},
        expect=200,
    )

    # -- columns, calculated fields, definitions --------
    columns = r.call("GET", "/1/columns/web", expect=200).json()
    r.call("GET", "/1/columns/web", params={"key_name": "endpoint"}, expect=200)
    column = r.call(
        "POST", "/1/columns/web", json_body={"key_name": "region", "type": "string"}, expect=201
    ).json()
    r.call("GET", f"/1/columns/web/{column['id']}", expect=200)
    r.call(
        "PUT",
        f"/1/columns/web/{column['id']}",
        json_body={"description": "cloud region", "hidden": True},
        expect=200,
    )
    r.call("POST", "/1/columns/__all__", json_body={"key_name": "env_col"}, expect=201)
    r.call("GET", "/1/columns/__all__", expect=200)
    r.call("DELETE", f"/1/columns/web/{column['id']}", expect=204)
    assert columns
    sli = r.call(
        "POST",
        "/1/derived_columns/web",
        json_body={"alias": "sli_ok", "expression": "LT($status_code, 500)"},
        expect=201,
    ).json()
    r.call("GET", "/1/derived_columns/web", expect=200)
    r.call("GET", "/1/derived_columns/web", params={"alias": "sli_ok"}, expect=200)
    spare = r.call(
        "POST",
        "/1/derived_columns/web",
        json_body={"alias": "slow", "expression": "GT($duration_ms, 20)"},
        expect=201,
    ).json()
    r.call("GET", f"/1/derived_columns/web/{spare['id']}", expect=200)
    r.call(
        "PUT",
        f"/1/derived_columns/web/{spare['id']}",
        json_body={"alias": "slow", "expression": "GT($duration_ms, 25)"},
        expect=200,
    )
    r.call("DELETE", f"/1/derived_columns/web/{spare['id']}", expect=204)
    r.call("GET", "/1/dataset_definitions/web", expect=200)
    r.call(
        "PATCH",
        "/1/dataset_definitions/web",
        json_body={"duration_ms": {"name": "duration_ms"}, "name": {"name": "endpoint"}},
        expect=200,
    )

    # -- queries --------
    spec = {
        "calculations": [{"op": "COUNT"}, {"op": "P99", "column": "duration_ms"}],
        "breakdowns": ["endpoint"],
        "filters": [{"column": "status_code", "op": "<", "value": 500}],
        "orders": [{"op": "COUNT", "order": "descending"}],
        "time_range": 3600,
    }
    query = r.call("POST", "/1/queries/web", json_body=spec, expect=200).json()
    r.call("GET", f"/1/queries/web/{query['id']}", expect=200)
    result = r.call(
        "POST",
        "/1/query_results/web",
        json_body={"query_id": query["id"], "disable_total_by_aggregate": False},
        expect=201,
    ).json()
    r.call("GET", f"/1/query_results/web/{result['id']}", expect=200)  # pending
    r.call("GET", f"/1/query_results/web/{result['id']}", expect=200)  # complete
    heat = r.call(
        "POST",
        "/1/queries/web",
        json_body={
            "calculations": [{"op": "HEATMAP", "column": "duration_ms"}],
            "time_range": 3600,
        },
        expect=200,
    ).json()
    heat_result = r.call(
        "POST", "/1/query_results/web", json_body={"query_id": heat["id"]}, expect=201
    ).json()
    r.call("GET", f"/1/query_results/web/{heat_result['id']}", expect=200)
    r.call("GET", f"/1/query_results/web/{heat_result['id']}", expect=200)
    annotation = r.call(
        "POST",
        "/1/query_annotations/web",
        json_body={"name": "errors by endpoint", "query_id": query["id"]},
        expect=201,
    ).json()
    r.call("GET", "/1/query_annotations/web", expect=200)
    r.call("GET", f"/1/query_annotations/web/{annotation['id']}", expect=200)
    r.call(
        "PUT",
        f"/1/query_annotations/web/{annotation['id']}",
        json_body={"name": "renamed", "query_id": query["id"], "description": "d"},
        expect=200,
    )

    # -- recipients, triggers --------
    recipient = r.call(
        "POST",
        "/1/recipients",
        json_body={"type": "email", "details": {"email_address": "oncall@example.com"}},
        expect=201,
    ).json()
    hook = r.call(
        "POST",
        "/1/recipients",
        json_body={
            "type": "webhook",
            "details": {"webhook_name": "hook", "webhook_url": "https://example.com/hook"},
        },
        expect=201,
    ).json()
    r.call("GET", "/1/recipients", expect=200)
    r.call("GET", f"/1/recipients/{recipient['id']}", expect=200)
    r.call(
        "PUT",
        f"/1/recipients/{hook['id']}",
        json_body={
            "type": "webhook",
            "details": {"webhook_name": "hook2", "webhook_url": "https://example.com/hook2"},
        },
        expect=200,
    )
    trigger_body = {
        "name": "errors",
        "query": {"calculations": [{"op": "COUNT"}], "time_range": 900},
        "threshold": {"op": ">", "value": 5},
        "frequency": 300,
        "recipients": [{"id": recipient["id"]}],
    }
    trigger = r.call("POST", "/1/triggers/web", json_body=trigger_body, expect=201).json()
    r.call("GET", "/1/triggers/web", expect=200)
    r.call("GET", f"/1/triggers/web/{trigger['id']}", expect=200)
    r.call(
        "PUT",
        f"/1/triggers/web/{trigger['id']}",
        json_body={**trigger_body, "disabled": True},
        expect=200,
    )
    r.call("GET", f"/1/recipients/{recipient['id']}/triggers", expect=200)

    # -- SLOs, burn alerts, reporting -----------------------------------------------------
    slo_body = {
        "name": "availability",
        "sli": {"alias": sli["alias"]},
        "time_period_days": 30,
        "target_per_million": 990000,
    }
    slo = r.call("POST", "/1/slos/web", json_body=slo_body, expect=201).json()
    r.call("GET", "/1/slos/web", expect=200)
    r.call("GET", f"/1/slos/web/{slo['id']}", expect=200)
    r.call("GET", f"/1/slos/web/{slo['id']}", params={"detailed": "true"}, expect=200)
    r.call("PUT", f"/1/slos/web/{slo['id']}", json_body={**slo_body, "name": "avail"}, expect=200)
    window = {"start_time": now - 3600, "end_time": now + 60}
    r.call("GET", f"/1/slos/web/{slo['id']}/counts", params=window, expect=200)
    r.call("GET", f"/1/slos/web/{slo['id']}/counts/history", params=window, expect=200)
    r.call(
        "POST",
        "/1/reporting/slos/historical",
        json_body={"ids": [slo["id"]], **window},
        expect=200,
    )
    alert = r.call(
        "POST",
        "/1/burn_alerts/web",
        json_body={
            "alert_type": "exhaustion_time",
            "exhaustion_minutes": 240,
            "slo": {"id": slo["id"]},
            "recipients": [{"id": recipient["id"]}],
        },
        expect=201,
    ).json()
    rate_alert = r.call(
        "POST",
        "/1/burn_alerts/web",
        json_body={
            "alert_type": "budget_rate",
            "budget_rate_window_minutes": 60,
            "budget_rate_decrease_threshold_per_million": 1000,
            "slo": {"id": slo["id"]},
            "recipients": [{"id": recipient["id"]}],
        },
        expect=201,
    ).json()
    r.call("GET", "/1/burn_alerts/web", params={"slo_id": slo["id"]}, expect=200)
    r.call("GET", f"/1/burn_alerts/web/{alert['id']}", expect=200)
    r.call("GET", f"/1/burn_alerts/web/{rate_alert['id']}", expect=200)
    r.call(
        "PUT",
        f"/1/burn_alerts/web/{alert['id']}",
        json_body={
            "alert_type": "exhaustion_time",
            "exhaustion_minutes": 60,
            "recipients": [{"id": recipient["id"]}],
        },
        expect=200,
    )

    # -- boards and views --------
    board = r.call(
        "POST",
        "/1/boards",
        json_body={
            "name": "overview",
            "type": "flexible",
            "panels": [
                {
                    "type": "query",
                    "query_panel": {
                        "query_id": query["id"],
                        "query_annotation_id": annotation["id"],
                    },
                },
                {"type": "slo", "slo_panel": {"slo_id": slo["id"]}},
                {"type": "text", "text_panel": {"content": "# hello"}},
            ],
            "layout_generation": "auto",
            "tags": [{"key": "team", "value": "web"}],
        },
        expect=201,
    ).json()
    r.call("GET", "/1/boards", expect=200)
    r.call("GET", f"/1/boards/{board['id']}", expect=200)
    r.call(
        "PUT",
        f"/1/boards/{board['id']}",
        json_body={"name": "overview 2", "type": "flexible", "panels": []},
        expect=200,
    )
    view_body = {
        "name": "errors",
        "filters": [{"column": "status_code", "operation": ">=", "value": 500}],
    }
    view = r.call("POST", f"/1/boards/{board['id']}/views", json_body=view_body, expect=201).json()
    r.call("GET", f"/1/boards/{board['id']}/views", expect=200)
    r.call("GET", f"/1/boards/{board['id']}/views/{view['id']}", expect=200)
    r.call(
        "PUT",
        f"/1/boards/{board['id']}/views/{view['id']}",
        json_body={**view_body, "name": "5xx"},
        expect=200,
    )

    # -- markers --------
    setting = r.call(
        "POST",
        "/1/marker_settings/web",
        json_body={"type": "deploy", "color": "#F96E11"},
        expect=201,
    ).json()
    r.call("GET", "/1/marker_settings/web", expect=200)
    r.call(
        "PUT",
        f"/1/marker_settings/web/{setting['id']}",
        json_body={"type": "deploy", "color": "#000000"},
        expect=200,
    )
    marker = r.call(
        "POST",
        "/1/markers/web",
        json_body={"message": "v1.2", "type": "deploy", "start_time": now},
        expect=201,
    ).json()
    r.call("GET", "/1/markers/web", expect=200)
    r.call(
        "PUT",
        f"/1/markers/web/{marker['id']}",
        json_body={"message": "v1.3", "type": "deploy", "start_time": now, "end_time": now + 60},
        expect=200,
    )

    # -- service maps --------
    request = r.call(
        "POST", "/1/maps/dependencies/requests", json_body={"time_range": 7200}, expect=201
    ).json()
    r.call("GET", f"/1/maps/dependencies/requests/{request['request_id']}", expect=200)
    r.call(
        "GET",
        f"/1/maps/dependencies/requests/{request['request_id']}",
        params={"page[size]": 1},
        expect=200,
    )

    # -- signals --------
    signal = fake.add_signal("checkout", dataset="web")
    fake.add_signal("cart", dataset="web", status="off")
    fake.add_anomaly(
        signal["id"],
        started_at=now - 600,
        ended_at=now - 300,
        measurement=0.5,
        normal_range=(0.0, 0.1),
    )
    r.call("GET", "/1/signals", params={"page[size]": 1}, expect=200)
    r.call("GET", f"/1/signals/{signal['id']}", expect=200)
    r.call(
        "PUT",
        f"/1/signals/{signal['id']}",
        json_body={
            "enabled": False,
            "sensitivity": "high",
            "recipients": [{"id": recipient["id"]}],
        },
        expect=200,
    )
    r.call(
        "GET",
        f"/1/signals/{signal['id']}/historical_anomalies",
        params={"start_time": now - 3600, "end_time": now},
        expect=200,
    )

    # -- v2: api keys, environments, team markers, pipelines, enhance --------
    envs = r.call("GET", f"/2/teams/{team}/environments", auth="management", expect=200).json()
    env_id = envs["data"][0]["id"]
    new_env = r.call(
        "POST",
        f"/2/teams/{team}/environments",
        json_body={
            "data": {"type": "environments", "attributes": {"name": "Staging", "color": "gold"}}
        },
        auth="management",
        expect=201,
    ).json()["data"]
    r.call("GET", f"/2/teams/{team}/environments/{new_env['id']}", auth="management", expect=200)
    r.call(
        "PATCH",
        f"/2/teams/{team}/environments/{new_env['id']}",
        json_body={
            "data": {
                "id": new_env["id"],
                "type": "environments",
                "attributes": {"description": "pre-prod", "settings": {"delete_protected": False}},
            }
        },
        auth="management",
        expect=200,
    )
    key = r.call(
        "POST",
        f"/2/teams/{team}/api-keys",
        json_body={
            "data": {
                "type": "api-keys",
                "attributes": {
                    "key_type": "configuration",
                    "name": "ci",
                    "permissions": {"create_datasets": True, "run_queries": True},
                },
                "relationships": {"environment": {"data": {"id": env_id, "type": "environments"}}},
            }
        },
        auth="management",
        expect=201,
    ).json()["data"]
    r.call(
        "POST",
        f"/2/teams/{team}/api-keys",
        json_body={
            "data": {
                "type": "api-keys",
                "attributes": {"key_type": "ingest", "name": "otel"},
                "relationships": {"environment": {"data": {"id": env_id, "type": "environments"}}},
            }
        },
        auth="management",
        expect=201,
    )
    r.call(
        "GET", f"/2/teams/{team}/api-keys", params={"page[size]": 2}, auth="management", expect=200
    )
    r.call(
        "GET",
        f"/2/teams/{team}/api-keys",
        params={"filter[type]": "ingest"},
        auth="management",
        expect=200,
    )
    r.call("GET", f"/2/teams/{team}/api-keys/{key['id']}", auth="management", expect=200)
    r.call(
        "PATCH",
        f"/2/teams/{team}/api-keys/{key['id']}",
        json_body={"data": {"id": key["id"], "type": "api-keys", "attributes": {"disabled": True}}},
        auth="management",
        expect=200,
    )
    team_marker = r.call(
        "POST",
        f"/2/teams/{team}/markers",
        json_body={
            "data": {
                "type": "markers",
                "attributes": {"start_time": now, "message": "deploy", "type": "deploy"},
                "relationships": {
                    "environment": {"data": {"id": env_id, "type": "environments"}},
                    "dataset": {"data": {"id": "web", "type": "datasets"}},
                },
            }
        },
        auth="management",
        expect=201,
    ).json()["data"]
    r.call(
        "PATCH",
        f"/2/teams/{team}/markers/{team_marker['id']}",
        json_body={
            "data": {
                "id": team_marker["id"],
                "type": "markers",
                "attributes": {"message": "deploy 2"},
                "relationships": {
                    "environment": {"data": {"id": env_id, "type": "environments"}},
                    "dataset": {"data": {"id": "web", "type": "datasets"}},
                },
            }
        },
        auth="management",
        expect=200,
    )
    fake.add_pipeline(
        "pl1", {"cfg1": [{"kind": "collector", "configData": "receivers: {}"}]}, rollout_id="ro1"
    )
    cfg = r.call(
        "GET", f"/2/teams/{team}/pipelines/pl1/configurations/cfg1", auth="management", expect=200
    )
    r.call(
        "GET",
        f"/2/teams/{team}/pipelines/pl1/configurations/cfg1",
        headers={"If-None-Match": cfg.headers["ETag"]},
        auth="management",
        expect=304,
    )
    r.call(
        "PATCH",
        f"/2/teams/{team}/pipelines/pl1/rollouts/ro1",
        json_body={
            "data": {
                "id": "ro1",
                "type": "pipeline_configuration_rollout",
                "attributes": {"status": "live"},
            }
        },
        auth="management",
        expect=200,
    )
    usage = {"resourceMetrics": [{"scopeMetrics": [{"metrics": [{"name": "bytes"}]}]}]}
    r.call(
        "POST",
        f"/2/teams/{team}/pipelines/pl1/health",
        json_body={
            "data": {"id": "pl1", "type": "pipeline_usage", "attributes": {"usageData": usage}}
        },
        auth="management",
        expect=204,
    )
    r.call(
        "POST",
        f"/2/teams/{team}/enhance_indexer_usage",
        json_body={
            "data": {
                "type": "enhance_indexer_usage",
                "attributes": {"s3Bucket": "bucket", "usageData": usage},
            }
        },
        auth="management",
        expect=204,
    )

    # -- deletes --------
    r.call("DELETE", f"/1/markers/web/{marker['id']}", expect=200)
    r.call("DELETE", f"/1/marker_settings/web/{setting['id']}", expect=200)
    r.call("DELETE", f"/1/boards/{board['id']}/views/{view['id']}", expect=204)
    r.call("DELETE", f"/1/boards/{board['id']}", expect=204)
    r.call("DELETE", f"/1/burn_alerts/web/{rate_alert['id']}", expect=204)
    r.call("DELETE", f"/1/burn_alerts/web/{alert['id']}", expect=204)
    r.call("DELETE", f"/1/triggers/web/{trigger['id']}", expect=204)
    r.call("DELETE", f"/1/recipients/{hook['id']}", expect=204)
    r.call("DELETE", f"/1/slos/web/{slo['id']}", expect=204)
    r.call("DELETE", f"/1/query_annotations/web/{annotation['id']}", expect=204)
    r.call("DELETE", f"/2/teams/{team}/api-keys/{key['id']}", auth="management", expect=204)
    r.call("DELETE", f"/2/teams/{team}/environments/{new_env['id']}", auth="management", expect=204)
    r.call(
        "PUT",
        "/1/datasets/api",
        json_body={
            "description": "",
            "expand_json_depth": 0,
            "settings": {"delete_protected": False},
        },
        expect=200,
    )
    r.call("DELETE", "/1/datasets/api", expect=202)

    # -- errors --------
    _errors(r, recipient_id=recipient["id"], env_id=env_id)


def _errors(r: Recorder, *, recipient_id: str, env_id: str) -> None:
    fake = r.fake
    team = fake.team_slug
    r.call("GET", "/1/datasets", auth="none", expect=401)
    r.call("GET", "/1/auth", headers={"X-Honeycomb-Team": "nope"}, auth="none", expect=401)
    r.call("GET", "/1/datasets/missing", expect=404)
    r.call("GET", "/1/boards/missing", expect=404)
    r.call("GET", "/1/triggers/missing", expect=404)
    r.call("GET", "/1/columns/web/missing", expect=404)
    r.call("GET", "/1/recipients/missing", expect=404)
    r.call("GET", "/1/query_results/web/missing", expect=404)
    r.call("GET", "/1/slos/web/missing", expect=404)
    r.call("POST", "/1/columns/web", json_body={"key_name": "endpoint"}, expect=409)
    r.call("DELETE", "/1/datasets/web", expect=409)
    r.call(
        "POST",
        "/1/recipients",
        json_body={"type": "email", "details": {"email_address": "oncall@example.com"}},
        expect=409,
    )
    r.call("POST", "/1/boards", json_body={"name": ""}, expect=422)
    r.call("POST", "/1/triggers/web", json_body={"name": "t"}, expect=422)
    r.call("POST", "/1/slos/web", json_body={"name": "s"}, expect=422)
    r.call("POST", "/1/recipients", json_body={"type": "carrier-pigeon"}, expect=422)
    r.call("POST", "/1/queries/web", json_body={"calculations": [{"op": "NOPE"}]}, expect=422)
    r.call(
        "POST",
        "/1/datasets",
        content=b"{not json",
        headers={"Content-Type": "application/json"},
        expect=400,
    )
    limited = fake.add_key(permissions={"run_queries"})
    r.call(
        "POST",
        "/1/boards",
        json_body={"name": "b", "type": "flexible"},
        auth="none",
        headers={"X-Honeycomb-Team": limited.value},
        expect=403,
    )
    r.call("GET", f"/2/teams/{team}/environments", auth="none", expect=401)
    reader = fake.add_key("management", scopes={"environments:read"})
    r.call(
        "GET",
        f"/2/teams/{team}/api-keys",
        auth="none",
        headers={"Authorization": f"Bearer {reader.value}"},
        expect=403,
    )
    r.call("GET", f"/2/teams/{team}/environments/missing", auth="management", expect=404)
    r.call("DELETE", f"/2/teams/{team}/environments/{env_id}", auth="management", expect=409)
    r.call(
        "POST",
        f"/2/teams/{team}/environments",
        content=b'{"data": {}}',
        headers={"Content-Type": "application/json"},
        auth="management",
        expect=415,
    )
    r.call(
        "POST",
        f"/2/teams/{team}/environments",
        json_body={"data": {"type": "environments", "attributes": {}}},
        auth="management",
        expect=422,
    )
    fake.inject("listDatasets", status=429, retry_after=3, rate_limit=(100, 0, 3))
    r.call("GET", "/1/datasets", expect=429)
    fake.inject("listEnvironments", status=429)
    r.call("GET", f"/2/teams/{team}/environments", auth="management", expect=429)
    fake.inject("getSloHistory", status=500)
    r.call("POST", "/1/reporting/slos/historical", json_body={}, expect=500)
    assert recipient_id


def test_every_response_matches_the_spec(recorder: Recorder) -> None:
    _scenario(recorder)
    assert recorder.problems == []


def test_every_operation_is_exercised(recorder: Recorder) -> None:
    _scenario(recorder)
    missing = sorted(set(recorder.ops) - recorder.succeeded)
    assert missing == [], f"operations never answered with a success: {missing}"
    assert len(recorder.ops) == 95


def test_sdk_driven_traffic_matches_the_spec(monkeypatch: pytest.MonkeyPatch) -> None:
    """The demo (the SDK's clients, batcher, query builder and polling) against a fake whose
    every answer is checked against the spec."""
    require_specs()
    from scripts import demo

    problems: list[str] = []
    answered: list[str] = []
    original = FakeHoneycomb.handle

    def checked(self: FakeHoneycomb, request: FakeRequest) -> FakeResponse:
        response = original(self, request)
        route, _, _ = self._router.match(request)
        where = f"{request.method} {request.path} -> {response.status}"
        if route is None:
            problems.append(f"{where}: matched no operation")
        elif not response.failure:
            answered.append(route.operation)
            problems.extend(
                response_problems(
                    route.operation,
                    response.status,
                    response.headers.get("Content-Type", ""),
                    response.body,
                    where,
                )
            )
        return response

    monkeypatch.setattr(FakeHoneycomb, "handle", checked)
    assert demo.main(["--events", "1500"]) == 0
    assert problems == []
    assert {"createEvents", "createQueryResult", "getQueryResult", "createBoard"} <= set(answered)


if __name__ == "__main__":  # debugging aid: print every problem
    rec = Recorder(FakeHoneycomb(query_polls=1, seed=7))
    _scenario(rec)
    print("\n".join(rec.problems))
    print(sorted(set(rec.ops) - rec.succeeded))
