"""Response caching (``cache_ttl``): hits, expiry on the injected clock, eviction by the
writes under a path, the per-call bypass, and what is never cached."""

from __future__ import annotations

import sys

import pytest

pytest.importorskip("hishel", reason="hishel is not installed")

from honeycomb import AsyncClient, InternalServerError, NotFoundError, _io
from honeycomb.query import QueryBuilder
from honeycomb.testing import FakeHoneycomb
from tests._fakes import ManualClock

TRIGGER = {
    "name": "slow",
    "query": {"calculations": [{"op": "COUNT"}], "time_range": 900},
    "threshold": {"op": ">", "value": 1},
    "frequency": 900,
}


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> ManualClock:
    clock = ManualClock(1000.0)
    monkeypatch.setattr(_io, "monotonic", clock)
    return clock


@pytest.fixture
def fake() -> FakeHoneycomb:
    return FakeHoneycomb(seed=5, query_polls=1)


def _gets(fake: FakeHoneycomb, path: str) -> int:
    return sum(1 for r in fake.requests if r.method == "GET" and r.path == path)


async def test_a_repeated_get_is_answered_from_the_cache(fake: FakeHoneycomb) -> None:
    async with fake.async_client(max_retries=0, cache_ttl=60) as client:
        await client.datasets.create({"name": "web"})
        first = await client.datasets.list()
        second = await client.datasets.list()
        third = await client.datasets.list()
    assert _gets(fake, "/1/datasets") == 1
    assert [d.slug for d in first] == [d.slug for d in second] == [d.slug for d in third]
    assert second[0] is not first[0]  # parsed afresh: callers may change what they get


async def test_caching_is_off_by_default(fake: FakeHoneycomb) -> None:
    async with fake.async_client(max_retries=0) as client:
        await client.datasets.list()
        await client.datasets.list()
        assert client._requester.state.cache is None
    assert _gets(fake, "/1/datasets") == 2
    assert "hishel" not in sys.modules or "honeycomb._cache" in sys.modules


async def test_an_entry_expires_after_cache_ttl(fake: FakeHoneycomb, clock: ManualClock) -> None:
    async with fake.async_client(max_retries=0, cache_ttl=60) as client:
        await client.datasets.list()
        clock.now += 59.9
        await client.datasets.list()
        assert _gets(fake, "/1/datasets") == 1
        clock.now += 0.2
        await client.datasets.list()
        assert _gets(fake, "/1/datasets") == 2
        await client.datasets.list()
    assert _gets(fake, "/1/datasets") == 2  # the fresh answer was cached again


async def test_an_update_evicts_the_resource_and_its_collection_only(
    fake: FakeHoneycomb,
) -> None:
    async with fake.async_client(max_retries=0, cache_ttl=60) as client:
        for name in ("web", "api"):
            await client.datasets.create({"name": name})
        web = await client.triggers.create("web", TRIGGER)
        api = await client.triggers.create("api", TRIGGER)
        assert web.id and api.id
        for _ in range(2):
            await client.triggers.get("web", web.id)
            await client.triggers.list("web")
            await client.triggers.list("api")
            await client.triggers.get("api", api.id)
            await client.datasets.list()

        await client.triggers.update("web", web.id, {**TRIGGER, "name": "renamed"})

        assert (await client.triggers.get("web", web.id)).name == "renamed"
        assert [t.name for t in await client.triggers.list("web")] == ["renamed"]
        await client.triggers.list("api")
        await client.triggers.get("api", api.id)
        await client.datasets.list()
    assert _gets(fake, f"/1/triggers/web/{web.id}") == 2
    assert _gets(fake, "/1/triggers/web") == 2
    # Other datasets' triggers, and other resources, stayed cached.
    assert _gets(fake, "/1/triggers/api") == 1
    assert _gets(fake, f"/1/triggers/api/{api.id}") == 1
    assert _gets(fake, "/1/datasets") == 1


async def test_a_delete_and_a_create_evict_the_listing(fake: FakeHoneycomb) -> None:
    async with fake.async_client(max_retries=0, cache_ttl=60) as client:
        await client.datasets.create({"name": "web"})
        assert await client.triggers.list("web") == []
        created = await client.triggers.create("web", TRIGGER)
        assert [t.id for t in await client.triggers.list("web")] == [created.id]
        assert created.id
        await client.triggers.delete("web", created.id)
        assert await client.triggers.list("web") == []
        with pytest.raises(NotFoundError):
            await client.triggers.get("web", created.id)
    assert _gets(fake, "/1/triggers/web") == 3


async def test_a_failed_write_evicts_too(fake: FakeHoneycomb) -> None:
    # A write that failed (here a 500) may still have been applied.
    async with fake.async_client(max_retries=0, cache_ttl=60) as client:
        await client.datasets.create({"name": "web"})
        await client.datasets.get("web")
        fake.inject("updateDataset", status=500)
        with pytest.raises(InternalServerError):
            await client.datasets.update("web", {"description": "new", "expand_json_depth": 0})
        await client.datasets.get("web")
    assert _gets(fake, "/1/datasets/web") == 2


async def test_with_options_cache_ttl_0_bypasses_and_still_evicts(fake: FakeHoneycomb) -> None:
    async with fake.async_client(max_retries=0, cache_ttl=60) as client:
        await client.datasets.create({"name": "web"})
        fresh = client.with_options(cache_ttl=0)
        await client.datasets.get("web")
        await fresh.datasets.get("web")
        await fresh.datasets.get("web")
        assert _gets(fake, "/1/datasets/web") == 3  # the copy never reads the cache
        await client.datasets.get("web")
        assert _gets(fake, "/1/datasets/web") == 3  # and stored nothing over it

        await fresh.datasets.update("web", {"description": "changed", "expand_json_depth": 0})
        assert (await client.datasets.get("web")).description == "changed"
        assert _gets(fake, "/1/datasets/web") == 4
        assert repr(fresh).endswith("')") and "cache_ttl" not in repr(fresh)
        assert repr(client).endswith(", cache_ttl=60)")


async def test_a_copy_with_its_own_ttl_shares_the_cache(
    fake: FakeHoneycomb, clock: ManualClock
) -> None:
    async with fake.async_client(max_retries=0, cache_ttl=60) as client:
        short = client.with_options(cache_ttl=5)
        await short.datasets.list()
        await client.datasets.list()  # the parent sees the copy's entry
        clock.now += 6
        await client.datasets.list()  # which lived for the copy's 5 s
    assert _gets(fake, "/1/datasets") == 2


async def test_polled_results_and_errors_are_never_cached(fake: FakeHoneycomb) -> None:
    async with fake.async_client(max_retries=0, cache_ttl=60) as client:
        with pytest.raises(NotFoundError):
            await client.datasets.get("web")
        await client.datasets.create({"name": "web"})
        assert (await client.datasets.get("web")).slug == "web"

        await client.events.send_batch("web", [{"data": {"ms": 3}}])
        query = QueryBuilder().calculate("COUNT").last(3600)
        first = await client.query_results.run("web", query, poll_interval=0.001)
        second = await client.query_results.run("web", query, poll_interval=0.001)
    assert first.complete and second.complete
    polls = [r for r in fake.requests if r.method == "GET" and "/1/query_results/" in r.path]
    # query_polls=1: each run polls twice (incomplete, then complete); a cached poll would
    # have answered "incomplete" until the deadline.
    assert len(polls) == 4


def test_cache_ttl_is_checked() -> None:
    fake = FakeHoneycomb()
    with pytest.raises(ValueError, match="cache_ttl must be a finite number of seconds >= 0"):
        fake.async_client(cache_ttl=-1)
    with pytest.raises(ValueError, match="cache_ttl"):
        fake.async_client(cache_ttl=float("nan"))
    with pytest.raises(TypeError, match="cache_ttl must be a number of seconds, not str"):
        fake.async_client(cache_ttl="60")
    with pytest.raises(TypeError, match="not bool"):
        fake.async_client(cache_ttl=True)


def test_without_hishel_a_caching_client_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "hishel", None)  # an import of it fails
    monkeypatch.delitem(sys.modules, "honeycomb._cache", raising=False)
    with pytest.raises(ImportError, match=r'pip install "honeycomb-sdk\[cache\]"'):
        AsyncClient(api_key="hcxlk_0123456789abcdefghijklmn", cache_ttl=60)
    AsyncClient(api_key="hcxlk_0123456789abcdefghijklmn")  # no cache, no hishel needed
