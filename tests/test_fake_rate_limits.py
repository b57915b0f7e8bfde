"""FakeHoneycomb(rate_limits=...): fixed windows per resource and action, reported in
``RateLimit``/``RateLimit-Policy`` on the operations that carry them, enforced on request."""

from __future__ import annotations

import httpx
import pytest

from honeycomb import RateLimitError
from honeycomb.testing import FakeHoneycomb, RateLimits
from honeycomb.testing._ratelimits import bucket


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


def test_without_rate_limits_no_header_is_sent(clock: Clock) -> None:
    fake = FakeHoneycomb(clock=clock)
    with httpx.Client(transport=fake.transport(), base_url="https://api.honeycomb.io") as http:
        answer = http.get("/1/datasets", headers={"X-Honeycomb-Team": fake.api_key})
    assert answer.status_code == 200
    assert "ratelimit" not in answer.headers and "ratelimit-policy" not in answer.headers


def test_counts_per_resource_and_action_within_the_window(clock: Clock) -> None:
    fake = FakeHoneycomb(clock=clock, rate_limits=RateLimits(limit=5, window=60))
    team = {"X-Honeycomb-Team": fake.api_key}
    with httpx.Client(transport=fake.transport(), base_url="https://api.honeycomb.io") as http:
        first = http.get("/1/datasets", headers=team)
        clock.now += 20
        second = http.get("/1/datasets", headers=team)
        write = http.post("/1/datasets", headers=team, json={"name": "web"})
        triggers = http.get("/1/triggers/web", headers=team)
    assert first.headers["RateLimit"] == "limit=5, remaining=4, reset=60"
    assert first.headers["RateLimit-Policy"] == "5;w=60"
    assert second.headers["RateLimit"] == "limit=5, remaining=3, reset=40"
    # Writes of datasets and reads of triggers have windows of their own.
    assert write.status_code == 201 and write.headers["RateLimit"].startswith(
        "limit=5, remaining=4"
    )
    assert triggers.headers["RateLimit"] == "limit=5, remaining=4, reset=60"


def test_a_new_window_starts_full(clock: Clock) -> None:
    fake = FakeHoneycomb(clock=clock, rate_limits=RateLimits(limit=2, window=10, enforce=True))
    with fake.client(max_retries=0) as client:
        client.datasets.list()
        client.datasets.list()
        with pytest.raises(RateLimitError):
            client.datasets.list()
        clock.now += 10
        client.datasets.list()
        assert client.rate_limit is not None
        assert (client.rate_limit.limit, client.rate_limit.remaining) == (2, 1)
        assert client.rate_limit.window == 10


def test_enforced_limit_answers_the_apis_429_and_changes_nothing(clock: Clock) -> None:
    fake = FakeHoneycomb(clock=clock, rate_limits=RateLimits(limit=1, window=60, enforce=True))
    with fake.client(max_retries=0) as client:
        client.datasets.create({"name": "web"})
        with pytest.raises(RateLimitError) as caught:
            client.datasets.create({"name": "api"})
        assert [d.slug for d in client.datasets.list()] == ["web"]
    err = caught.value
    assert err.status_code == 429
    assert isinstance(err.body, dict)
    assert err.body["title"] == "You have exceeded your rate limit."
    assert str(err) == "429 You have exceeded your rate limit. (POST /1/datasets)"
    assert err.body["detail"] == "Please try again in 60 seconds."
    assert err.response.headers["RateLimit"] == "limit=1, remaining=0, reset=60"
    assert [r.status for r in fake.requests if r.method == "POST"] == [201, 429]


def test_v2_answers_in_json_api_and_counts_per_team(clock: Clock) -> None:
    fake = FakeHoneycomb(clock=clock, rate_limits=RateLimits(limit=1, window=60, enforce=True))
    with fake.client(max_retries=0) as client:
        client.environments.list()
        with pytest.raises(RateLimitError) as caught:
            client.environments.list()
    body = caught.value.body
    assert isinstance(body, dict) and body["errors"][0]["code"] == "rate-limited/may-retry"
    assert bucket("GET", f"/2/teams/{fake.team_slug}/environments/x") == (
        f"read /2/teams/{fake.team_slug}/environments"
    )


def test_event_ingestion_and_query_results_carry_no_headers(clock: Clock) -> None:
    fake = FakeHoneycomb(clock=clock, rate_limits=RateLimits(limit=1, window=60, enforce=True))
    team = {"X-Honeycomb-Team": fake.api_key}
    with httpx.Client(transport=fake.transport(), base_url="https://api.honeycomb.io") as http:
        http.post("/1/datasets", headers=team, json={"name": "web"})
        answers = [http.post("/1/events/web", headers=team, json={"a": i}) for i in range(3)]
    assert [a.status_code for a in answers] == [200, 200, 200]
    assert all("ratelimit" not in a.headers for a in answers)


def test_an_injected_fault_says_what_it_wants_said(clock: Clock) -> None:
    fake = FakeHoneycomb(clock=clock, rate_limits=RateLimits(limit=100, window=60))
    fake.inject("listDatasets", status=429, rate_limit=(100, 0, 7))
    with fake.client(max_retries=0) as client, pytest.raises(RateLimitError) as caught:
        client.datasets.list()
    assert caught.value.response.headers["RateLimit"] == "limit=100, remaining=0, reset=7"


@pytest.mark.parametrize(("limit", "window"), [(0, 60), (1, 0), (1, float("nan"))])
def test_a_rate_limit_needs_a_positive_limit_and_window(limit: int, window: float) -> None:
    with pytest.raises(ValueError, match="limit >= 1 and window > 0"):
        RateLimits(limit=limit, window=window)
