"""Per-client caching of GET responses for ``cache_ttl`` seconds, on hishel's storage model.

Why not hishel's ``CacheTransport``: it keys each entry by a hash of method and URL, and
its storages (SQLite, Redis) find entries only by that key, so "evict every cached read
under ``/1/triggers/web``" after a write cannot be said; it must sit inside the
``httpx`` client, which a user may inject (``http_client=``) and which ``with_options``
copies share; and it always reads the cache for a GET, so a per-call bypass is not
expressible either. So the pipeline consults the cache (one hook in ``Requester.send``)
and the entries live in ``MemoryStorage``, a ``hishel.BaseStorage`` (hishel's storage
contract, ``Entry``/``Request``/``Response`` models and TTL rules) that also keeps the
path of every entry, so that a write evicts what it may have changed, and reads its clock
through ``honeycomb._io.monotonic`` (tests move time without sleeping).

The storage never blocks (a dict behind a thread lock held for microseconds), so both
clients use it as is: there is no async/sync difference to put in a seam.

Pure apart from hishel: imported only by a client made with ``cache_ttl``.
"""

from __future__ import annotations

import hashlib
import threading
import uuid
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

import hishel
import httpx

from honeycomb import _io
from honeycomb._routes import match

__all__ = ["MemoryStorage", "ResponseCache", "evicted_by"]

DEFAULT_MAX_ENTRIES = 1024
"""Entries one client keeps; the least recently used go first beyond this."""


@dataclass
class _Stored:
    entry: hishel.Entry
    body: bytes
    path: str
    expires_at: float | None


def _path_of(url: str) -> str:
    return urlsplit(url).path.rstrip("/") or "/"


def evicted_by(path: str) -> tuple[str, str]:
    """What a write to ``path`` makes stale: everything under it, and its collection.

    Examples:
        >>> evicted_by("/1/triggers/web/t1")
        ('/1/triggers/web/t1', '/1/triggers/web')

    Args:
        path: The written path (no query string).

    Returns:
        ``(subtree, collection)``: reads of ``subtree`` or below, and of ``collection``
        itself (its listing, any query), are evicted.
    """
    subtree = path.rstrip("/") or "/"
    collection = subtree.rsplit("/", 1)[0] or "/"
    return subtree, collection


def _single(body: bytes) -> Iterator[bytes]:
    yield body


class MemoryStorage(hishel.BaseStorage):
    """A hishel storage in memory that can also evict by path.

    Args:
        default_ttl: Seconds an entry lives unless ``create_entry`` says otherwise.
        max_entries: Entries kept; the least recently used are dropped beyond it.
    """

    def __init__(
        self, *, default_ttl: float | None = None, max_entries: int = DEFAULT_MAX_ENTRIES
    ) -> None:
        super().__init__(default_ttl=default_ttl)
        self.max_entries = max_entries
        self._by_key: OrderedDict[str, list[_Stored]] = OrderedDict()
        self._lock = threading.Lock()

    def create_entry(
        self,
        request: hishel.Request,
        response: hishel.Response,
        key: str,
        *,
        ttl: float | None = None,
        tti: float | None = None,
    ) -> hishel.Entry:
        """Store a response (its stream is read whole here) under ``key``.

        Returns:
            The entry, with a stream of the stored body.
        """
        stream = response.stream
        if stream is not None and not isinstance(stream, Iterator):
            raise TypeError("MemoryStorage stores bodies from synchronous streams")
        body = b"".join(stream) if stream is not None else b""
        now = _io.monotonic()
        deadline, _ = self._limits(ttl, tti, now)
        entry = hishel.Entry(id=uuid.uuid4(), request=request, response=replace(response))
        stored = _Stored(entry, body, _path_of(request.url), deadline)
        with self._lock:
            self._by_key.setdefault(key, []).append(stored)
            self._by_key.move_to_end(key)
            while len(self._by_key) > self.max_entries:
                self._by_key.popitem(last=False)
        return self._with_stream(stored)

    def get_entries(self, key: str) -> list[hishel.Entry]:
        """The unexpired entries stored under ``key`` (expired ones are dropped)."""
        now = _io.monotonic()
        with self._lock:
            found = self._by_key.get(key)
            if not found:
                return []
            live = [s for s in found if s.expires_at is None or s.expires_at > now]
            if len(live) != len(found):
                if live:
                    self._by_key[key] = live
                else:
                    del self._by_key[key]
                    return []
            self._by_key.move_to_end(key)
        return [self._with_stream(s) for s in live]

    def update_headers(self, id: uuid.UUID, headers: hishel.Headers) -> None:
        """Replace an entry's stored response headers (nothing if it is gone)."""
        with self._lock:
            for stored in (s for group in self._by_key.values() for s in group):
                if stored.entry.id == id:
                    response = replace(stored.entry.response, headers=headers)
                    stored.entry = replace(stored.entry, response=response)

    def remove_entry(self, id: uuid.UUID) -> None:
        """Forget one entry (nothing if it is gone)."""
        with self._lock:
            for key, group in list(self._by_key.items()):
                kept = [s for s in group if s.entry.id != id]
                if len(kept) != len(group):
                    if kept:
                        self._by_key[key] = kept
                    else:
                        del self._by_key[key]

    def evict_under(self, path: str) -> int:
        """Forget every entry a write to ``path`` may have made stale (see ``evicted_by``).

        Args:
            path: The written path.

        Returns:
            How many entries were dropped.
        """
        subtree, collection = evicted_by(path)
        below = subtree + "/" if subtree != "/" else "/"
        dropped = 0
        with self._lock:
            for key, group in list(self._by_key.items()):
                kept = [
                    s
                    for s in group
                    if not (s.path == subtree or s.path.startswith(below) or s.path == collection)
                ]
                dropped += len(group) - len(kept)
                if not kept:
                    del self._by_key[key]
                elif len(kept) != len(group):
                    self._by_key[key] = kept
        return dropped

    def clear(self) -> None:
        """Forget everything."""
        with self._lock:
            self._by_key.clear()

    def count(self) -> int:
        """How many entries are stored (expired ones included until looked up).

        Not ``__len__``: an empty storage must stay truthy, since hishel's transport
        replaces a falsy ``storage`` with its SQLite default.
        """
        with self._lock:
            return sum(len(group) for group in self._by_key.values())

    @staticmethod
    def _with_stream(stored: _Stored) -> hishel.Entry:
        response = replace(stored.entry.response, stream=_single(stored.body))
        return replace(stored.entry, response=response)

    @staticmethod
    def body_of(entry: hishel.Entry) -> bytes:
        """The whole body of an entry this storage returned."""
        stream = entry.response.stream
        assert isinstance(stream, Iterator)
        return b"".join(stream)


def _key(request: httpx.Request) -> str:
    # hishel's own identity for a cached GET: the method and the full URL (query included).
    return hashlib.sha256(f"{request.method} {request.url}".encode()).hexdigest()


_VOLATILE_HEADERS = frozenset({"content-encoding", "content-length", "transfer-encoding"})


_WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})
_POLLED = frozenset({"getQueryResult", "getMapDependencies"})
"""GETs that are polled until a job is done: a cached answer would never change."""


class ResponseCache:
    """The cache of one client, shared by its ``with_options`` copies.

    Args:
        base_path: The path of the API root (a proxy's prefix, or ``""``).
        max_entries: Entries kept (least recently used dropped first).
    """

    def __init__(self, base_path: str = "", max_entries: int = DEFAULT_MAX_ENTRIES) -> None:
        self.storage = MemoryStorage(max_entries=max_entries)
        self._base_path = base_path

    def _cacheable(self, request: httpx.Request) -> bool:
        if request.method != "GET":
            return False
        path = request.url.path
        if self._base_path and path.startswith(self._base_path):
            path = path[len(self._base_path) :]
        route = match("GET", path)
        return route is None or route.operation_id not in _POLLED

    def lookup(self, request: httpx.Request, ttl: float) -> httpx.Response | None:
        """A fresh cached response to a GET, or None.

        Args:
            request: The request about to be sent.
            ttl: The calling client's ``cache_ttl``; 0 bypasses the cache.

        Returns:
            A response built from the entry (``extensions["caching"]`` says it came from
            the cache), or None: not a GET, bypassed, polled, or nothing fresh.
        """
        if not ttl or not self._cacheable(request):
            return None
        entries = self.storage.get_entries(_key(request))
        if not entries:
            return None
        cached = entries[0].response
        headers = cached.headers
        return httpx.Response(
            cached.status_code,
            headers=[(name, value) for name in headers for value in headers.get_list(name) or []],
            content=MemoryStorage.body_of(entries[0]),
            request=request,
            extensions={
                "caching": hishel.CacheStatus(from_cache=True, revalidated=False, stored=False)
            },
        )

    def record(self, request: httpx.Request, response: httpx.Response | None, ttl: float) -> None:
        """After a request: keep a successful GET, or evict what a write made stale.

        Args:
            request: The request that was sent.
            response: Its successful response, or None when it failed (a write that
                failed may still have been applied, so it evicts all the same).
            ttl: The calling client's ``cache_ttl``; 0 stores nothing.
        """
        if request.method in _WRITES:
            self.storage.evict_under(request.url.path)
            return
        if (
            response is None
            or not ttl
            or not response.is_success
            or response.status_code == 206
            or not self._cacheable(request)
        ):
            return
        grouped: dict[str, list[str]] = {}
        for name, value in response.headers.multi_items():
            # The body is kept decoded, so the encoding headers no longer describe it.
            if name.lower() not in _VOLATILE_HEADERS:
                grouped.setdefault(name, []).append(value)
        self.storage.create_entry(
            hishel.Request(method=request.method, url=str(request.url)),
            hishel.Response(
                status_code=response.status_code,
                headers=hishel.Headers(grouped),
                stream=_single(response.content),
            ),
            _key(request),
            ttl=ttl,
        )
