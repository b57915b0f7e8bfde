"""httpx transports that answer from a fake instead of the network (sync and async)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

import httpx

from honeycomb.testing._http import FakeRequest, FakeResponse

__all__ = ["FakeAsyncTransport", "FakeTransport"]

Handle = Callable[[FakeRequest], FakeResponse]


def _to_fake(request: httpx.Request, body: bytes) -> FakeRequest:
    return FakeRequest.from_url(
        request.method,
        str(request.url),
        {k.decode("latin-1"): v.decode("latin-1") for k, v in request.headers.raw},
        body,
    )


def _failure(request: httpx.Request, kind: str) -> httpx.TransportError:
    if kind == "connect":
        return httpx.ConnectError("[fake] connection refused", request=request)
    if kind == "timeout":
        return httpx.ReadTimeout("[fake] timed out waiting for the response", request=request)
    return httpx.RemoteProtocolError(
        "[fake] server disconnected without sending a response", request=request
    )


def _to_httpx(request: httpx.Request, response: FakeResponse) -> httpx.Response:
    return httpx.Response(
        response.status,
        headers=response.headers,
        content=response.body,
        request=request,
    )


class FakeTransport(httpx.BaseTransport):
    """A sync transport: ``httpx.Client(transport=FakeTransport(fake.handle))``."""

    def __init__(self, handle: Handle) -> None:
        self._handle = handle

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Answer from the fake (waiting for any injected latency first)."""
        body = request.read()
        response = self._handle(_to_fake(request, body))
        if response.delay:
            time.sleep(response.delay)
        if response.failure:
            raise _failure(request, response.failure)
        return _to_httpx(request, response)


class FakeAsyncTransport(httpx.AsyncBaseTransport):
    """An async transport: ``httpx.AsyncClient(transport=FakeAsyncTransport(fake.handle))``."""

    def __init__(self, handle: Handle) -> None:
        self._handle = handle

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Answer from the fake (awaiting any injected latency first)."""
        body = await request.aread()
        response = self._handle(_to_fake(request, body))
        if response.delay:
            await asyncio.sleep(response.delay)
        if response.failure:
            raise _failure(request, response.failure)
        return _to_httpx(request, response)
