"""A minimal keep-alive HTTP/1.1 server on 127.0.0.1 for benchmarks, run in its own process.

It answers every request with one canned response, as fast as asyncio allows, so the
client side dominates what is measured. Not a general server: benchmarks only.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import socket
from collections.abc import Iterator
from contextlib import contextmanager


def _serve(port: int, body: bytes, ready: multiprocessing.synchronize.Event) -> None:
    head = (
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
        b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n"
    )
    response = head + body

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                headers = await reader.readuntil(b"\r\n\r\n")
                length = 0
                for line in headers.split(b"\r\n"):
                    if line[:15].lower() == b"content-length:":
                        length = int(line[15:])
                if length:
                    await reader.readexactly(length)
                writer.write(response)
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    async def main() -> None:
        server = await asyncio.start_server(handle, "127.0.0.1", port)
        ready.set()
        async with server:
            await server.serve_forever()

    asyncio.run(main())


def free_port() -> int:
    """An unused TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def canned_server(body: bytes) -> Iterator[str]:
    """Serve ``body`` from another process; yield the base URL; stop the process after."""
    port = free_port()
    ready = multiprocessing.Event()
    process = multiprocessing.Process(target=_serve, args=(port, body, ready), daemon=True)
    process.start()
    try:
        if not ready.wait(10):
            raise RuntimeError("benchmark server did not start")
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.join(5)
