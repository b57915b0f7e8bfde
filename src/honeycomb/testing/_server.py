"""Serving a fake over real HTTP on 127.0.0.1 (for other processes, notebooks, the CLI)."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from honeycomb.testing._http import FakeRequest, FakeResponse

__all__ = ["FakeServer"]

Handle = Callable[[FakeRequest], FakeResponse]


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def _handler_class(handle: Handle) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "FakeHoneycomb"
        # TCP_NODELAY: the headers and the body go out as two writes; with Nagle's
        # algorithm the second waits for the client's delayed ACK (about 40 ms).
        disable_nagle_algorithm = True

        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            request = FakeRequest.from_url(
                self.command, self.path, dict(self.headers.items()), body
            )
            response = handle(request)
            if response.delay:
                time.sleep(response.delay)
            if response.failure:
                # No answer at all: the client sees the connection close.
                self.close_connection = True
                with contextlib.suppress(OSError):
                    self.connection.shutdown(socket.SHUT_RDWR)
                return
            # One write for the head and the body: as two, each a system call, the client
            # woke up for the head and waited again for the body (a second thread switch
            # per request, which the in-process client and server share a GIL for).
            self.log_request(response.status)
            head = [
                f"{self.protocol_version} {response.status} {_phrase(response.status)}",
                f"Server: {self.version_string()}",
                f"Date: {self.date_time_string()}",
                *(f"{name}: {value}" for name, value in response.headers.items()),
            ]
            body = b""
            if response.status not in (204, 304):
                head.append(f"Content-Length: {len(response.body)}")
                if self.command != "HEAD":
                    body = response.body
            self.wfile.write("\r\n".join([*head, "", ""]).encode("latin-1") + body)

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = _serve

        def log_message(self, format: str, *args: object) -> None:
            """Quiet: the fake records requests in ``fake.requests``."""

    return Handler


class FakeServer:
    """A threaded HTTP server answering from a fake; ``start()``/``stop()``."""

    def __init__(self, handle: Handle, host: str = "127.0.0.1", port: int = 0) -> None:
        self._server = ThreadingHTTPServer((host, port), _handler_class(handle))
        self._server.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """``http://127.0.0.1:<port>``."""
        host, port = self._server.server_address[:2]
        host_text = host.decode() if isinstance(host, bytes) else str(host)
        return f"http://{host_text}:{port}"

    def start(self) -> str:
        """Serve in a background thread.

        Returns:
            The base URL.
        """
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="fake-honeycomb", daemon=True
        )
        self._thread.start()
        return self.url

    def serve_forever(self) -> None:
        """Serve in this thread until interrupted."""
        self._server.serve_forever()

    def stop(self) -> None:
        """Stop serving and release the port."""
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
