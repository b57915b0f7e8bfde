"""Keeping the first raw bytes of an encoded response while httpx decodes it.

A body whose ``Content-Encoding`` does not decode (a corrupt gzip stream from a proxy or a
broken server) fails inside httpx's read with ``httpx.DecodingError``. By then the status
and headers have arrived, but the decoder has consumed the raw bytes, so nothing of the
body would be left for the error to keep. ``AsyncRawPrefix.wrap(response)`` (and its sync
twin) puts a copying stream in front of the decoder for encoded responses only: a plain
body cannot fail to decode, and pays nothing.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import httpx

__all__ = ["RAW_PREFIX", "AsyncRawPrefix", "RawPrefix"]

RAW_PREFIX = 64 * 1024
"""How many raw bytes of an encoded body are kept for an error (the rest only passes)."""


def _encoded(response: httpx.Response) -> bool:
    # get_list, not get: on every response, get's KeyError for the usual absent header
    # cost twice as much.
    encodings = response.headers.get_list("content-encoding", split_commas=True)
    return any(e.strip().lower() not in ("", "identity") for e in encodings)


def _wrap(
    response: httpx.Response, kind: type, make: Callable[[Any, bytearray], Any]
) -> bytearray | None:
    """Put ``make(stream, buffer)`` in place of an encoded body's stream of type ``kind``."""
    stream = response.stream
    if not (_encoded(response) and isinstance(stream, kind)):
        return None
    kept = bytearray()
    response.stream = make(stream, kept)
    return kept


def _keep(kept: bytearray, chunk: bytes) -> None:
    room = RAW_PREFIX - len(kept)
    if room > 0:
        kept += chunk[:room]


class AsyncRawPrefix(httpx.AsyncByteStream):
    """An async response stream that copies the first ``RAW_PREFIX`` bytes passing through."""

    def __init__(self, inner: httpx.AsyncByteStream, kept: bytearray) -> None:
        self._inner = inner
        self._kept = kept

    @classmethod
    def wrap(cls, response: httpx.Response) -> bytearray | None:
        """Copy the start of ``response``'s raw body as it is read, if it is encoded.

        Args:
            response: A streamed response whose body has not been read yet.

        Returns:
            The buffer the raw bytes are copied into, or None for a plain body.
        """
        return _wrap(response, httpx.AsyncByteStream, cls)

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._inner:
            _keep(self._kept, chunk)
            yield chunk

    async def aclose(self) -> None:
        await self._inner.aclose()


class RawPrefix(httpx.SyncByteStream):
    """A response stream that copies the first ``RAW_PREFIX`` bytes passing through."""

    def __init__(self, inner: httpx.SyncByteStream, kept: bytearray) -> None:
        self._inner = inner
        self._kept = kept

    @classmethod
    def wrap(cls, response: httpx.Response) -> bytearray | None:
        """Copy the start of ``response``'s raw body as it is read, if it is encoded.

        Args:
            response: A streamed response whose body has not been read yet.

        Returns:
            The buffer the raw bytes are copied into, or None for a plain body.
        """
        return _wrap(response, httpx.SyncByteStream, cls)

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._inner:
            _keep(self._kept, chunk)
            yield chunk

    def close(self) -> None:
        self._inner.close()
