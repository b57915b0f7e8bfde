"""The cache's storage on its own: a hishel storage (hishel's transport can use it) with
the clock seam, a bound on entries and eviction by path."""

from __future__ import annotations

import pytest

hishel = pytest.importorskip("hishel", reason="hishel is not installed")

from pathlib import Path  # noqa: E402

import httpx  # noqa: E402
from hishel.httpx import CacheTransport  # noqa: E402

from honeycomb import _io  # noqa: E402
from honeycomb._cache import MemoryStorage, ResponseCache, evicted_by  # noqa: E402


def _store(storage: MemoryStorage, url: str, body: bytes = b"{}", ttl: float = 60) -> None:
    storage.create_entry(
        hishel.Request(method="GET", url=url),
        hishel.Response(status_code=200, headers=hishel.Headers({}), stream=iter([body])),
        f"GET {url}",
        ttl=ttl,
    )


def test_it_is_a_storage_hishels_own_transport_can_use(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # where hishel's SQLite default would appear, were it used
    calls: list[str] = []

    def upstream(request: httpx.Request) -> httpx.Response:
        calls.append(str(request.url))
        return httpx.Response(200, json={"n": len(calls)})

    transport = CacheTransport(httpx.MockTransport(upstream), storage=MemoryStorage(default_ttl=60))
    with httpx.Client(transport=transport) as client:
        first = client.get("https://api.example/1/datasets")
        second = client.get("https://api.example/1/datasets")
    assert calls == ["https://api.example/1/datasets"]
    assert first.json() == second.json() == {"n": 1}
    assert second.extensions["caching"]["from_cache"] is True
    assert list(tmp_path.iterdir()) == []


def test_entries_expire_on_the_clock_seam(monkeypatch: pytest.MonkeyPatch) -> None:
    now = [50.0]
    monkeypatch.setattr(_io, "monotonic", lambda: now[0])
    storage = MemoryStorage()
    _store(storage, "https://h/1/datasets", ttl=10)
    now[0] = 59.9
    assert len(storage.get_entries("GET https://h/1/datasets")) == 1
    now[0] = 60.0
    assert storage.get_entries("GET https://h/1/datasets") == []
    assert storage.count() == 0  # expired entries are dropped, not kept


def test_the_least_recently_used_key_goes_first() -> None:
    storage = MemoryStorage(max_entries=2)
    _store(storage, "https://h/a")
    _store(storage, "https://h/b")
    storage.get_entries("GET https://h/a")  # a is now the most recent
    _store(storage, "https://h/c")
    assert storage.get_entries("GET https://h/b") == []
    assert [MemoryStorage.body_of(e) for e in storage.get_entries("GET https://h/a")] == [b"{}"]
    assert storage.count() == 2


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/1/triggers/web/t1", ("/1/triggers/web/t1", "/1/triggers/web")),
        ("/1/triggers/web", ("/1/triggers/web", "/1/triggers")),
        ("/1/datasets/", ("/1/datasets", "/1")),
        ("/", ("/", "/")),
    ],
)
def test_what_a_write_makes_stale(path: str, expected: tuple[str, str]) -> None:
    assert evicted_by(path) == expected


def test_eviction_takes_the_subtree_and_the_collection_and_nothing_else() -> None:
    storage = MemoryStorage()
    urls = [
        "https://h/1/triggers/web",
        "https://h/1/triggers/web?page=2",
        "https://h/1/triggers/web/t1",
        "https://h/1/triggers/web/t1/extra",
        "https://h/1/triggers/web/t10",
        "https://h/1/triggers/webshop",
        "https://h/1/triggers/api/t1",
        "https://h/1/datasets",
    ]
    for url in urls:
        _store(storage, url)
    assert storage.evict_under("/1/triggers/web/t1") == 4
    left = sorted(
        e.request.url for key in [f"GET {u}" for u in urls] for e in storage.get_entries(key)
    )
    assert left == [
        "https://h/1/datasets",
        "https://h/1/triggers/api/t1",
        "https://h/1/triggers/web/t10",
        "https://h/1/triggers/webshop",
    ]


def test_remove_and_update_headers_address_one_entry() -> None:
    storage = MemoryStorage()
    _store(storage, "https://h/x")
    (entry,) = storage.get_entries("GET https://h/x")
    storage.update_headers(entry.id, hishel.Headers({"etag": ["v2"]}))
    (updated,) = storage.get_entries("GET https://h/x")
    assert updated.response.headers.get_list("etag") == ["v2"]
    storage.remove_entry(entry.id)
    assert storage.get_entries("GET https://h/x") == []
    storage.remove_entry(entry.id)  # gone already: nothing happens


def test_only_successful_gets_are_stored_and_bodies_come_back_whole() -> None:
    cache = ResponseCache()
    get = httpx.Request("GET", "https://h/1/boards")
    cache.record(get, httpx.Response(404, json={"error": "no"}, request=get), ttl=60)
    assert cache.lookup(get, ttl=60) is None
    cache.record(get, httpx.Response(206, content=b"part", request=get), ttl=60)
    assert cache.lookup(get, ttl=60) is None
    body = b'{"boards": [' + b'{"id": "b"},' * 1000 + b'{"id": "z"}]}'
    cache.record(get, httpx.Response(200, content=body, headers={"x-a": "1"}, request=get), 60)
    hit = cache.lookup(get, ttl=60)
    assert hit is not None and hit.content == body and hit.headers["x-a"] == "1"
    assert hit.extensions["caching"]["from_cache"] is True
    assert cache.lookup(get, ttl=0) is None  # bypassed
    cache.record(get, httpx.Response(200, content=b"[]", request=get), ttl=0)
    assert (
        cache.lookup(get, ttl=60) is not None and cache.storage.count() == 1
    )  # ttl 0 stores nothing
