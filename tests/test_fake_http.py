"""FakeHoneycomb at the HTTP level: the real API's quirks and error bodies, faults, the
request log, the local server and the pytest fixtures (raw httpx, so nothing here relies on
the SDK's own validation: the fake must not trust its client)."""

from __future__ import annotations

import base64
import gzip
import json
import subprocess
import sys
import time
from collections.abc import Iterator
from http.client import HTTPConnection
from typing import Any

import httpx
import pytest

from honeycomb import APIConnectionError, Client
from honeycomb.testing import FakeHoneycomb

BASE = "https://api.honeycomb.io"


@pytest.fixture
def fake() -> FakeHoneycomb:
    return FakeHoneycomb(seed=3, query_polls=0)


@pytest.fixture
def http(fake: FakeHoneycomb) -> Iterator[httpx.Client]:
    with httpx.Client(
        transport=fake.transport(),
        base_url=BASE,
        headers={"X-Honeycomb-Team": fake.api_key},
    ) as client:
        yield client


def _v2(fake: FakeHoneycomb) -> dict[str, str]:
    return {
        "Authorization": f"Bearer {fake.management_key}",
        "Content-Type": "application/vnd.api+json",
    }


# --------------------------------------------------------------------------- quirks


def test_lookup_by_key_name_and_alias_returns_one_object(http: httpx.Client) -> None:
    http.post("/1/datasets", json={"name": "web"})
    http.post("/1/events/web", json={"endpoint": "/"})
    http.post("/1/derived_columns/web", json={"alias": "a", "expression": "1"})
    column = http.get("/1/columns/web", params={"key_name": "endpoint"}).json()
    assert column["key_name"] == "endpoint" and column["type"] == "string"
    assert http.get("/1/derived_columns/web", params={"alias": "a"}).json()["alias"] == "a"
    assert http.get("/1/columns/web", params={"key_name": "zzz"}).status_code == 404


def test_single_event_post_returns_an_empty_200(http: httpx.Client) -> None:
    response = http.post("/1/events/web", json={"a": 1})
    assert (response.status_code, response.content) == (200, b"")


def test_markers_have_no_single_get_and_delete_returns_the_marker(http: httpx.Client) -> None:
    http.post("/1/datasets", json={"name": "web"})
    marker = http.post("/1/markers/web", json={"message": "m"}).json()
    assert http.get(f"/1/markers/web/{marker['id']}").status_code == 405
    deleted = http.delete(f"/1/markers/web/{marker['id']}")
    assert (deleted.status_code, deleted.json()["id"]) == (200, marker["id"])


def test_query_annotations_have_no_timestamps_and_queries_carry_an_annotation_id(
    http: httpx.Client,
) -> None:
    http.post("/1/datasets", json={"name": "web"})
    query = http.post("/1/queries/web", json={"calculations": [{"op": "COUNT"}]}).json()
    assert set(query) == {"id", "query_annotation_id", "calculations"}
    created = http.post("/1/query_annotations/web", json={"name": "n", "query_id": query["id"]})
    assert set(created.json()) == {"id", "name", "description", "query_id", "source"}


def test_created_query_results_start_incomplete_with_a_location(fake: FakeHoneycomb) -> None:
    fake.settings.query_polls = 1
    with httpx.Client(transport=fake.transport(), base_url=BASE) as http:
        http.headers["X-Honeycomb-Team"] = fake.api_key
        http.post("/1/datasets", json={"name": "web"})
        query = http.post("/1/queries/web", json={"time_range": 60}).json()
        created = http.post("/1/query_results/web", json={"query_id": query["id"]})
        assert created.status_code == 201
        body = created.json()
        assert body["complete"] is False and "data" not in body
        assert created.headers["Location"] == f"/1/query_results/web/{body['id']}"
        first = http.get(created.headers["Location"]).json()
        second = http.get(created.headers["Location"]).json()
    assert (first["complete"], second["complete"]) == (False, True)
    assert second["data"]["results"] == []
    assert second["links"]["query_url"].startswith("https://ui.honeycomb.io/")


def test_validation_errors_are_problem_json_with_type_detail(http: httpx.Client) -> None:
    http.post("/1/datasets", json={"name": "web"})
    response = http.post(
        "/1/triggers/web",
        json={
            "name": "",
            "query": {"calculations": [{"op": "COUNT"}], "time_range": 7200},
            "threshold": {"op": "~", "value": 1},
            "frequency": 90,
        },
    )
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 422
    assert body["type"] == "https://api.honeycomb.io/problems/validation-failed"
    assert body["title"] and body["error"]
    assert [(d["field"], d["code"]) for d in body["type_detail"]] == [
        ("name", "missing"),
        ("threshold.op", "invalid"),
        ("frequency", "invalid"),
        ("query.time_range", "invalid"),
    ]


def test_model_errors_name_the_field_path(http: httpx.Client) -> None:
    http.post("/1/datasets", json={"name": "web"})
    body = http.post("/1/queries/web", json={"calculations": [{"op": "NOPE"}]}).json()
    assert [d["field"] for d in body["type_detail"]] == ["calculations[0].op"]


def test_query_results_cover_at_most_seven_days(http: httpx.Client) -> None:
    http.post("/1/datasets", json={"name": "web"})
    query = http.post("/1/queries/web", json={"time_range": 8 * 86400}).json()
    response = http.post("/1/query_results/web", json={"query_id": query["id"]})
    assert response.status_code == 400
    assert "7 days" in response.json()["error"]


def test_missing_fields_are_reported_as_missing(http: httpx.Client) -> None:
    body = http.post("/1/recipients", json={}).json()
    assert body["type_detail"] == [
        {"field": "type", "code": "missing", "description": "type: cannot be blank"},
        {"field": "details", "code": "missing", "description": "details: cannot be blank"},
    ]


def test_unknown_dataset_and_unknown_route(http: httpx.Client) -> None:
    missing = http.get("/1/triggers/nope")
    assert (missing.status_code, missing.json()) == (404, {"error": "Dataset not found"})
    assert http.get("/1/nothing-here").status_code == 404


def test_unknown_fields_are_ignored_and_not_stored(fake: FakeHoneycomb, http: httpx.Client) -> None:
    created = http.post("/1/datasets", json={"name": "web", "descripton": "typo"})
    assert created.status_code == 201 and "descripton" not in created.json()
    recipient = http.post(
        "/1/recipients",
        json={"type": "email", "details": {"email_address": "a@example.com", "cc": "b"}},
    )
    assert recipient.status_code == 201
    assert recipient.json()["details"] == {"email_address": "a@example.com"}
    definitions = http.patch("/1/dataset_definitions/web", json={"nonsense": {"name": "x"}})
    assert definitions.status_code == 200 and "nonsense" not in definitions.json()
    env_id = fake.environment.id
    key = http.post(
        f"/2/teams/{fake.team_slug}/api-keys",
        json={
            "data": {
                "type": "api-keys",
                "attributes": {
                    "key_type": "configuration",
                    "name": "k",
                    "permissions": {"run_queries": True, "runQueries": True},
                },
                "relationships": {"environment": {"data": {"id": env_id, "type": "environments"}}},
            }
        },
        headers=_v2(fake),
    )
    assert key.status_code == 201
    permissions = key.json()["data"]["attributes"]["permissions"]
    assert permissions["run_queries"] is True and "runQueries" not in permissions


def test_an_ingest_key_refuses_configuration_permissions(
    fake: FakeHoneycomb, http: httpx.Client
) -> None:
    env = {"data": {"id": fake.environment.id, "type": "environments"}}
    response = http.post(
        f"/2/teams/{fake.team_slug}/api-keys",
        json={
            "data": {
                "type": "api-keys",
                "attributes": {
                    "key_type": "ingest",
                    "name": "k",
                    "permissions": {"send_events": True},
                },
                "relationships": {"environment": env},
            }
        },
        headers=_v2(fake),
    )
    assert response.status_code == 422
    assert "send_events" in response.json()["errors"][0]["detail"]


def test_invalid_calculated_fields_are_answered_400_as_documented(http: httpx.Client) -> None:
    http.post("/1/datasets", json={"name": "web"})
    response = http.post("/1/derived_columns/web", json={"alias": "a", "expression": "NOPE($x)"})
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 400 and body["type_detail"][0]["field"] == "expression"


def test_slo_history_over_centuries_is_bounded(http: httpx.Client) -> None:
    http.post("/1/datasets", json={"name": "web"})
    http.post("/1/derived_columns/web", json={"alias": "ok", "expression": "INT(1)"})
    slo = http.post(
        "/1/slos/web",
        json={
            "name": "s",
            "sli": {"alias": "ok"},
            "time_period_days": 30,
            "target_per_million": 990000,
        },
    ).json()
    end = int(time.time())
    started = time.perf_counter()
    history = http.post(
        "/1/reporting/slos/historical",
        json={"ids": [slo["id"]], "start_time": end - 400 * 365 * 86400, "end_time": end},
    )
    assert time.perf_counter() - started < 5
    points = history.json()[slo["id"]]
    assert len(points) == 522  # ten years of weeks, the latest ones
    assert points[-1]["timestamp"] > end - 7 * 86400


def test_v2_errors_are_json_api(fake: FakeHoneycomb, http: httpx.Client) -> None:
    url = f"/2/teams/{fake.team_slug}/environments/nope"
    response = http.get(url, headers=_v2(fake))
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/vnd.api+json"
    assert response.json()["errors"][0]["code"] == "not-found"
    wrong_type = http.post(
        f"/2/teams/{fake.team_slug}/environments",
        content=b"{}",
        headers={**_v2(fake), "Content-Type": "application/json"},
    )
    assert wrong_type.status_code == 415
    other_team = http.get("/2/teams/other-team/environments", headers=_v2(fake))
    assert other_team.status_code == 404


@pytest.mark.parametrize(
    ("accept", "status"),
    [
        ("application/json", 406),
        ("text/html", 406),
        ("application/vnd.api+json;q=0, */*", 406),
        ("*/*;q=0", 406),
        ("application/vnd.api+json", 200),
        ("application/json, application/vnd.api+json;q=0.5", 200),
        ("application/*", 200),
        ("*/*", 200),
        (None, 200),
    ],
)
def test_v2_negotiates_accept_like_a_strict_json_api_server(
    fake: FakeHoneycomb, accept: str | None, status: int
) -> None:
    headers = {"Authorization": f"Bearer {fake.management_key}"}
    if accept is not None:
        headers["Accept"] = accept
    with httpx.Client(transport=fake.transport(), base_url=BASE) as http:
        if accept is None:
            del http.headers["Accept"]  # httpx sends */* unless told not to
        response = http.get(f"/2/teams/{fake.team_slug}/environments", headers=headers)
    assert response.status_code == status, response.text
    if status == 406:
        assert response.headers["content-type"] == "application/vnd.api+json"
        (error,) = response.json()["errors"]
        assert error["code"] == "not-acceptable"
        assert repr(accept) in error["detail"]
        assert fake.requests[-1].status == 406


def test_v1_accepts_plain_json_and_ignores_accept(http: httpx.Client) -> None:
    listing = http.get("/1/datasets", headers={"Accept": "application/json"})
    assert listing.status_code == 200
    assert http.get("/1/datasets", headers={"Accept": "text/html"}).status_code == 200


def test_v1_needs_the_team_header_and_v2_the_bearer(fake: FakeHoneycomb) -> None:
    with httpx.Client(transport=fake.transport(), base_url=BASE) as http:
        assert http.get("/1/datasets").json() == {"error": "missing 'X-Honeycomb-Team' header"}
        assert http.get("/1/datasets", headers={"X-Honeycomb-Team": "x" * 32}).status_code == 401
        bearer = http.get("/1/datasets", headers={"Authorization": f"Bearer {fake.management_key}"})
        assert bearer.status_code == 401
        assert http.get("/2/auth", headers={"X-Honeycomb-Team": fake.api_key}).status_code == 401
        assert http.get("/2/auth", headers=_v2(fake)).status_code == 200


def test_pagination_links_follow_page_after(fake: FakeHoneycomb, http: httpx.Client) -> None:
    for name in ("a", "b", "c"):
        fake.add_environment(name)
    seen: list[str] = []
    url: str | None = f"/2/teams/{fake.team_slug}/environments?page[size]=2"
    while url:
        page = http.get(url, headers=_v2(fake)).json()
        seen += [e["attributes"]["slug"] for e in page["data"]]
        url = page["links"]["next"]
    assert seen == ["test", "a", "b", "c"]
    bad = http.get(
        f"/2/teams/{fake.team_slug}/environments", params={"page[size]": 0}, headers=_v2(fake)
    )
    assert bad.status_code == 422


# ------------------------------------------------------------------------- events


def test_batch_accepts_gzip_and_zstd_and_reports_per_event(
    fake: FakeHoneycomb, http: httpx.Client
) -> None:
    zstandard = pytest.importorskip("zstandard")
    events = [{"data": {"n": 1}, "time": "2024-05-01T00:00:00Z", "samplerate": 2}, {"data": {}}]
    body = json.dumps(events).encode()
    gz = http.post(
        "/1/batch/web", content=gzip.compress(body), headers={"Content-Encoding": "gzip"}
    )
    assert gz.json() == [{"status": 202}, {"status": 400, "error": "event has no fields"}]
    zs = http.post(
        "/1/batch/web",
        content=zstandard.ZstdCompressor().compress(body),
        headers={"Content-Encoding": "zstd"},
    )
    assert zs.status_code == 200
    stored = fake.events("web")
    assert [(e["time"], e["samplerate"]) for e in stored] == [(1714521600.0, 2)] * 2
    corrupt = http.post("/1/batch/web", content=b"nope", headers={"Content-Encoding": "gzip"})
    assert (corrupt.status_code, corrupt.json()) == (400, {"error": "invalid gzip data"})
    assert fake.requests[-1].body == b""


def test_a_field_without_a_name_makes_no_column(http: httpx.Client) -> None:
    http.post("/1/datasets", json={"name": "web"})
    http.post("/1/events/web", json={"": 1, "endpoint": "/"})
    assert [c["key_name"] for c in http.get("/1/columns/web").json()] == ["endpoint"]


def test_kinesis_request_id_comes_from_the_body_without_the_header(fake: FakeHoneycomb) -> None:
    record = base64.b64encode(json.dumps({"endpoint": "/k"}).encode()).decode()
    with httpx.Client(transport=fake.transport(), base_url=BASE) as http:
        response = http.post(
            "/1/kinesis_events/web",
            json={"requestId": "r7", "timestamp": 1, "records": [{"data": record}]},
            headers={"X-Amz-Firehose-Access-Key": fake.ingest_key},
        )
    assert (response.status_code, response.json()["requestId"]) == (200, "r7")
    assert [e["data"] for e in fake.events("web")] == [{"endpoint": "/k"}]


def test_oversized_batches_and_events_are_refused(http: httpx.Client) -> None:
    big = json.dumps([{"data": {"x": "y" * 1_000_001}}] * 5).encode()
    assert http.post("/1/batch/web", content=big).status_code == 413
    one = http.post("/1/batch/web", json=[{"data": {"x": "y" * 1_000_001}}]).json()
    assert one[0]["status"] == 400


def test_nested_json_is_flattened_to_the_dataset_depth(
    fake: FakeHoneycomb, http: httpx.Client
) -> None:
    http.post("/1/datasets", json={"name": "deep", "expand_json_depth": 1})
    http.post("/1/events/deep", json={"a": {"b": 1, "c": {"d": 2}}})
    assert fake.events("deep")[0]["data"] == {"a.b": 1, "a.c": '{"d":2}'}


# -------------------------------------------------------------------------- faults


def test_inject_by_method_and_path_glob(fake: FakeHoneycomb, http: httpx.Client) -> None:
    fault = fake.inject("POST /1/batch/*", status=503, times=None)
    assert http.post("/1/batch/web", json=[]).status_code == 503
    assert http.post("/1/batch/other", json=[]).status_code == 503
    assert http.post("/1/events/web", json={"a": 1}).status_code == 200
    assert fault.hits == 2 and fault.remaining is None
    fake.clear_faults()
    assert http.post("/1/batch/web", json=[]).status_code == 200


def test_inject_rate_limit_headers_and_bodies(fake: FakeHoneycomb, http: httpx.Client) -> None:
    fake.inject(path="/1/datasets", status=429, retry_after=30, rate_limit=(100, 0, 30))
    response = http.get("/1/datasets")
    assert response.headers["Retry-After"] == "30"
    assert response.headers["RateLimit"] == "limit=100, remaining=0, reset=30"
    assert response.headers["RateLimit-Policy"] == "100;w=60"
    assert response.json()["type"] == "https://api.honeycomb.io/problems/rate-limited"
    fake.inject("getAuth", status=502, body=b"<html>bad gateway</html>")
    html = http.get("/1/auth")
    assert (html.status_code, html.headers["content-type"]) == (502, "text/html")


@pytest.mark.parametrize(
    ("failure", "error"),
    [
        ("connect", httpx.ConnectError),
        ("disconnect", httpx.RemoteProtocolError),
        ("timeout", httpx.ReadTimeout),
    ],
)
def test_transport_failures(
    fake: FakeHoneycomb, http: httpx.Client, failure: str, error: type[Exception]
) -> None:
    fake.inject("listDatasets", failure=failure)
    with pytest.raises(error):
        http.get("/1/datasets")
    assert http.get("/1/datasets").status_code == 200
    assert [r.status for r in fake.requests] == [0, 200]


def test_inject_rejects_nonsense() -> None:
    fake = FakeHoneycomb()
    with pytest.raises(ValueError):
        fake.inject("listDatasets")
    with pytest.raises(ValueError):
        fake.inject("listDatasets", failure="explode")


# ---------------------------------------------------------------------- request log


def test_request_log(fake: FakeHoneycomb, http: httpx.Client) -> None:
    http.post("/1/datasets", json={"name": "web"}, params={"x": "1"})
    record = fake.requests[-1]
    assert (record.method, record.path, record.operation, record.status) == (
        "POST",
        "/1/datasets",
        "createDataset",
        201,
    )
    assert record.params == {"x": "1"}
    assert record.json == {"name": "web"}
    assert record.headers["x-honeycomb-team"] == fake.api_key
    fake.clear_requests()
    assert fake.requests == []


def test_seeded_fakes_generate_the_same_ids() -> None:
    ids = []
    for _ in range(2):
        fake = FakeHoneycomb(seed=42)
        with fake.client(max_retries=0) as client:
            client.datasets.create({"name": "web"})
            ids.append((fake.api_key, client.markers.create("web", {"message": "m"}).id))
    assert ids[0] == ids[1]


# ----------------------------------------------------------------------- keys


def test_add_key_with_limited_permissions(fake: FakeHoneycomb) -> None:
    key = fake.add_key(permissions={"send_events"})
    with httpx.Client(transport=fake.transport(), base_url=BASE) as http:
        headers = {"X-Honeycomb-Team": key.value}
        assert http.post("/1/events/web", json={"a": 1}, headers=headers).status_code == 404
        forbidden = http.post("/1/datasets", json={"name": "x"}, headers=headers)
        assert forbidden.status_code == 403
        assert "Create Datasets" in forbidden.json()["error"]
    with pytest.raises(ValueError):
        fake.add_key(permissions={"fly"})
    with pytest.raises(ValueError):
        fake.add_key("root")


def test_keys_of_another_environment_see_other_data(fake: FakeHoneycomb) -> None:
    fake.add_environment("Prod")
    prod_key = fake.add_key(environment="prod")
    with (
        fake.client(max_retries=0) as test_client,
        fake.client(api_key=prod_key.value, max_retries=0) as prod_client,
    ):
        test_client.datasets.create({"name": "only-in-test"})
        assert prod_client.datasets.list() == []
        assert prod_client.auth.get().environment.slug == "prod"


# ----------------------------------------------------------------------- server


def test_served_over_http(fake: FakeHoneycomb) -> None:
    with fake.serve() as url:
        assert url.startswith("http://127.0.0.1:")
        with Client(api_key=fake.api_key, base_url=url, max_retries=0) as client:
            client.datasets.create({"name": "web"})
            client.events.send_batch("web", [{"data": {"n": i}} for i in range(5)])
            assert [d.slug for d in client.datasets.list()] == ["web"]
            fake.inject("listDatasets", failure="disconnect")
            with pytest.raises(APIConnectionError):
                client.datasets.list()
    assert len(fake.events("web")) == 5


def test_served_answers_keep_their_framing_on_one_connection(fake: FakeHoneycomb) -> None:
    """Head and body go out as one write: status line, Server and Date, the fake's headers,
    Content-Length except for 204/304, no body for HEAD; the connection stays open."""
    fake.client().datasets.create({"name": "web"})
    headers = {"X-Honeycomb-Team": fake.api_key}
    with fake.serve() as url:
        conn = HTTPConnection(url.removeprefix("http://"))
        conn.connect()
        sock = conn.sock
        conn.request("GET", "/1/datasets/web", headers=headers)
        got = conn.getresponse()
        body = got.read()
        assert (got.status, got.reason, got.version) == (200, "OK", 11)
        assert json.loads(body)["slug"] == "web"
        assert got.headers["Content-Length"] == str(len(body))
        assert got.headers["Server"].startswith("FakeHoneycomb") and got.headers["Date"]
        assert got.headers["Content-Type"].startswith("application/json")
        conn.request("HEAD", "/1/datasets/web", headers=headers)
        head = conn.getresponse()
        assert head.read() == b""  # however long the body it announces
        assert int(head.headers["Content-Length"]) > 0
        conn.request("GET", "/1/datasets/nope", headers=headers)
        missing = conn.getresponse()
        assert (missing.status, missing.reason) == (404, "Not Found")
        assert json.loads(missing.read())
        assert conn.sock is sock  # all three on one keep-alive connection
        conn.close()


def test_pytest_fixtures(honeycomb_fake: FakeHoneycomb, honeycomb_fake_url: str) -> None:
    with Client(api_key=honeycomb_fake.api_key, base_url=honeycomb_fake_url) as client:
        assert client.auth.get().team.slug == honeycomb_fake.team_slug
    assert honeycomb_fake.settings.query_polls == 0


@pytest.mark.slow
def test_module_serves_from_the_command_line() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "honeycomb.testing", "serve", "--port", "0", "--seed", "1"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        url = first.rsplit(" ", 1)[-1].strip()
        lines: dict[str, Any] = {}
        for _ in range(4):
            name, _, value = (
                process.stdout.readline().strip().removeprefix("export ").partition("=")
            )
            lines[name] = value
        deadline = time.monotonic() + 10
        while True:
            try:
                response = httpx.get(
                    f"{url}/1/auth", headers={"X-Honeycomb-Team": lines["HONEYCOMB_API_KEY"]}
                )
                break
            except httpx.ConnectError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        assert response.json()["team"]["slug"] == "fake-team"
        assert lines["HONEYCOMB_API_ENDPOINT"] == url
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stdout is not None:
            process.stdout.close()


@pytest.mark.parametrize("token", ["NaN", "Infinity", "-Infinity"])
def test_bare_nan_and_infinity_are_not_json_to_the_fake(http: httpx.Client, token: str) -> None:
    body = f'[{{"data": {{"ok": 1}}}}, {{"data": {{"n": {token}}}}}]'
    response = http.post("/1/batch/web", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert "not valid JSON" in response.text
    single = http.post(
        "/1/events/web", content=f'{{"n": {token}}}', headers={"Content-Type": "application/json"}
    )
    assert single.status_code == 400
