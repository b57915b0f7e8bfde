# GENERATED from tests/_async/test_fake_team.py by scripts/unasync.py.
# Do not edit: change the async source and run `python scripts/unasync.py`.
"""The v2 (team, management-key) groups against FakeHoneycomb, and how the fake treats
keys, permissions, faults and retries, through the SDK client."""

from __future__ import annotations

import time

import pytest

from honeycomb import (
    APIConnectionError,
    AuthenticationError,
    Client,
    ConflictError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
)
from honeycomb.testing import FakeHoneycomb
from tests._fakes import ident

NOW = int(time.time())


@pytest.fixture
def fake() -> FakeHoneycomb:
    return FakeHoneycomb(query_polls=0, seed=5)


# ------------------------------------------------------------------- environments, keys


def test_environments(hc: Client, fake: FakeHoneycomb) -> None:
    env = hc.environments.create({"name": "Staging", "color": "gold"})
    assert (env.slug, env.color) == ("staging", "gold")
    assert fake.requests[-1].headers["content-type"] == "application/vnd.api+json"
    assert fake.requests[-1].headers["authorization"].startswith("Bearer hcxmk_")
    with pytest.raises(ConflictError):
        hc.environments.create({"name": "Staging"})
    assert sorted(str(e.slug) for e in hc.environments.list(page_size=1)) == [
        "staging",
        "test",
    ]
    assert len([r for r in fake.requests if r.operation == "listEnvironments"]) == 2
    changed = hc.environments.update(ident(env), {"description": "pre-prod"})
    assert changed.description == "pre-prod"
    with pytest.raises(ConflictError):
        hc.environments.delete(ident(env))
    hc.environments.delete(ident(env), remove_delete_protection=True)
    with pytest.raises(NotFoundError):
        hc.environments.get(ident(env))


def test_api_keys_and_their_permissions(hc: Client, fake: FakeHoneycomb) -> None:
    env_id = ident(fake.environment)
    key = hc.api_keys.create(
        {
            "name": "readonly",
            "key_type": "configuration",
            "environment_id": env_id,
            "permissions": {"run_queries": True},
        }
    )
    secret = key.token
    assert secret and key.secret is not None
    listed = hc.api_keys.list(type="configuration")
    assert ident(key) in [ident(k) for k in listed]
    assert fake.requests[-1].params.get("filter[type]") == "configuration"
    # The new key works, within its permissions only.
    with fake.client(api_key=secret, max_retries=0) as limited:
        assert (limited.auth.get()).api_key_access.queries is True
        with pytest.raises(PermissionDeniedError):
            limited.boards.list()
    hc.api_keys.update(ident(key), {"disabled": True})
    assert (hc.api_keys.get(ident(key))).model_dump().get("disabled") is True
    with fake.client(api_key=secret, max_retries=0) as disabled:
        with pytest.raises(AuthenticationError):
            disabled.auth.get()
    hc.api_keys.delete(ident(key))
    with pytest.raises(NotFoundError):
        hc.api_keys.get(ident(key))


def test_management_scopes_are_checked(fake: FakeHoneycomb) -> None:
    reader = fake.add_key("management", scopes=["environments:read"])
    with fake.client(management_key=reader.value, max_retries=0) as c:
        assert c.environments.list()
        with pytest.raises(PermissionDeniedError):
            c.api_keys.list()


def test_team_is_discovered_from_v2_auth(fake: FakeHoneycomb) -> None:
    with fake.client(team=None, max_retries=0) as c:
        c.environments.list()
    assert [r.operation for r in fake.requests] == ["getV2Auth", "listEnvironments"]
    assert fake.requests[-1].path == f"/2/teams/{fake.team_slug}/environments"


def test_ingest_key_only_sends_events(fake: FakeHoneycomb) -> None:
    with fake.client(api_key=fake.ingest_key, max_retries=0) as c:
        c.events.send("new-ds", {"a": 1})
        assert (c.auth.get()).type == "ingest"
        with pytest.raises(AuthenticationError):
            c.datasets.list()


# ------------------------------------------------------- team markers, pipelines, enhance


def test_team_markers(hc: Client, fake: FakeHoneycomb) -> None:
    hc.datasets.create({"name": "web"})
    marker = hc.team_markers.create(
        {
            "environment_id": ident(fake.environment),
            "dataset": "web",
            "start_time": NOW,
            "type": "deploy",
        }
    )
    assert [ident(m) for m in hc.markers.list("web")] == [ident(marker)]
    updated = hc.team_markers.update(
        ident(marker),
        {"environment_id": ident(fake.environment), "dataset": "web", "message": "v2"},
    )
    assert updated.message == "v2"


def test_pipelines_and_enhance(hc: Client, fake: FakeHoneycomb) -> None:
    fake.add_pipeline("pl", {"cfg": [{"kind": "collector", "configData": "a: 1"}]}, rollout_id="r1")
    config = hc.pipelines.get_configuration("pl", "cfg")
    assert config is not None and config.etag
    assert hc.pipelines.get_configuration("pl", "cfg", etag=config.etag) is None
    assert fake.requests[-1].status == 304
    rollout = hc.pipelines.update_rollout("pl", "r1", {"status": "live"})
    assert str(rollout.model_dump().get("status")).endswith("live")
    usage = {"resourceMetrics": [{"scopeMetrics": [{"metrics": [{"name": "bytes"}]}]}]}
    hc.pipelines.record_health("pl", {"usageData": usage})
    hc.enhance.record_indexer_usage({"s3Bucket": "b", "usageData": usage})
    team = fake.state.team_by_slug(fake.team_slug)
    assert team is not None
    assert (len(team.pipeline_health), len(team.enhance_usage)) == (1, 1)
    with pytest.raises(NotFoundError):
        hc.pipelines.get_configuration("missing", "cfg")


# ------------------------------------------------------------------- faults and retries


def test_rate_limit_is_retried_honouring_retry_after(
    fake: FakeHoneycomb, sleeps: list[float]
) -> None:
    fault = fake.inject("listDatasets", status=429, times=2, retry_after=1, rate_limit=(10, 0, 1))
    with fake.client(max_retries=2) as c:
        assert c.datasets.list() == []
        assert c.rate_limit is not None
    assert (fault.hits, fault.remaining) == (2, 0)
    assert [r.status for r in fake.requests] == [429, 429, 200]
    assert sleeps == [1.0, 1.0]


def test_rate_limit_error_when_retries_run_out(fake: FakeHoneycomb) -> None:
    fake.inject("createQueryResult", status=429, times=None, retry_after=7)
    with fake.client(max_retries=0) as c:
        c.datasets.create({"name": "web"})
        query = c.queries.create("web", {"calculations": [{"op": "COUNT"}]})
        with pytest.raises(RateLimitError) as info:
            c.query_results.create("web", {"query_id": ident(query)})
    assert info.value.retry_after == 7


def test_server_errors_are_retried_for_gets_only(fake: FakeHoneycomb, sleeps: list[float]) -> None:
    fake.inject("GET /1/boards", status=503, times=1)
    fake.inject("createBoard", status=502, times=1)
    with fake.client(max_retries=2) as c:
        assert c.boards.list() == []
        with pytest.raises(InternalServerError):
            c.boards.create({"name": "b", "type": "flexible"})
    assert [(r.operation, r.status) for r in fake.requests] == [
        ("listBoards", 503),
        ("listBoards", 200),
        ("createBoard", 502),
    ]


def test_connection_drops(fake: FakeHoneycomb, sleeps: list[float]) -> None:
    fake.inject("getAuth", failure="connect", times=1)
    fake.inject("listRecipients", failure="disconnect", times=None)
    with fake.client(max_retries=1) as c:
        assert (c.auth.get()).team.slug == fake.team_slug  # retried after connect error
        with pytest.raises(APIConnectionError):
            c.recipients.list()
    assert [r.operation for r in fake.requests].count("listRecipients") == 2


def test_latency_is_applied(fake: FakeHoneycomb) -> None:
    fake.inject("listDatasets", latency=0.05)
    with fake.client(max_retries=0) as c:
        started = time.perf_counter()
        c.datasets.list()
        assert time.perf_counter() - started >= 0.05
