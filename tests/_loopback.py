"""A real HTTP server on 127.0.0.1 that plays the Events API, for delivery tests.

It counts every event it accepts by its ``id`` field, answers ``/1/batch`` with one status
per event (400 for an event whose data has ``"reject": true``), and fails requests on
demand, in arrival order, from a plan:

- ``"ok"``: accept (the default once the plan is used up);
- ``"503"`` / ``"429"``: refuse the request with that status, accepting nothing;
- ``"reset"``: read the request, accept nothing, and drop the connection (RST) unanswered;
- ``"reset_after_accept"``: accept the events, then drop the connection unanswered: the
  client cannot tell this from ``"reset"``.

Tests start and stop it themselves: ``with LoopbackServer(plan) as server: ...``.
"""

from __future__ import annotations

import gzip
import json
import socket
import struct
import threading
from collections import Counter
from collections.abc import Iterable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

import httpx
import zstandard

__all__ = ["CORRUPT_GZIP", "FAULTS", "FaultServer", "LoopbackServer", "decode_body", "decoded"]


def decode_body(body: bytes, encoding: str | None) -> bytes:
    """Undo a request's ``Content-Encoding`` (zstd, gzip or none)."""
    if encoding == "zstd":
        return zstandard.ZstdDecompressor().decompressobj().decompress(body)
    if encoding == "gzip":
        return gzip.decompress(body)
    if encoding is not None:
        raise AssertionError(f"unexpected Content-Encoding {encoding}")
    return body


def decoded(request: httpx.Request) -> list[dict[str, Any]]:
    """The events of a ``/1/batch`` request, decompressed and parsed."""
    body = decode_body(request.content, request.headers.get("Content-Encoding"))
    result: list[dict[str, Any]] = json.loads(body)
    return result


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep test output clean

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        body = decode_body(body, self.headers.get("Content-Encoding"))
        action = self.server.next_action()
        if action in ("503", "429"):
            self._reply(int(action), {"error": "try again later"})
            return
        if action == "reset":
            self._reset()
            return
        if self.path.startswith("/1/events/"):
            self.server.accept([json.loads(body)])
            self._reply(200, None)
            return
        events = [item["data"] for item in json.loads(body)]
        self.server.accept(e for e in events if not e.get("reject"))
        if action == "reset_after_accept":
            self._reset()
            return
        statuses = [
            {"status": 400, "error": "rejected by the test"} if e.get("reject") else {"status": 202}
            for e in events
        ]
        self._reply(200, statuses)

    def _reply(self, status: int, payload: Any) -> None:
        data = b"" if payload is None else json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _reset(self) -> None:
        # Linger 0: closing sends a TCP RST, as a crashed proxy would.
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, plan: Iterable[str]) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.lock = threading.Lock()
        self.plan = list(plan)
        self.accepted: Counter[Any] = Counter()
        self.requests = 0

    def next_action(self) -> str:
        with self.lock:
            self.requests += 1
            return self.plan.pop(0) if self.plan else "ok"

    def accept(self, events: Iterable[dict[str, Any]]) -> None:
        with self.lock:
            for event in events:
                self.accepted[event.get("id")] += 1


class LoopbackServer:
    """The server, run in a thread for the length of a ``with`` block.

    Args:
        plan: Actions for the first requests, in arrival order (see the module doc).

    Attributes:
        url: ``http://127.0.0.1:<port>``.
    """

    def __init__(self, plan: Iterable[str] = ()) -> None:
        self._server = _Server(plan)
        host, port = self._server.server_address[:2]
        self.url = f"http://{host!s}:{port}"
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def accepted(self) -> Counter[Any]:
        """How many times each event id was accepted."""
        with self._server.lock:
            return Counter(self._server.accepted)

    @property
    def requests(self) -> int:
        """Requests received so far."""
        return self._server.requests

    def __enter__(self) -> LoopbackServer:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()


FAULTS = (
    "hang",
    "drip",
    "drip_body",
    "reset",
    "short_body",
    "garbage_chunks",
    "corrupt_gzip",
    "redirect",
)
"""What ``FaultServer`` can do to a request (see there)."""


CORRUPT_GZIP = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + b"\xff not deflate data" * 4
"""A gzip member header followed by bytes that are not a deflate stream."""


class FaultServer:
    """A raw TCP server on 127.0.0.1 that misbehaves, for timeout and robustness tests.

    It reads each request (headers and ``Content-Length`` body), then, by ``fault``:

    - ``"ok"``: answers ``status`` with ``body`` at once;
    - ``"hang"``: never answers (until the server stops);
    - ``"drip"``: sends that answer one byte every ``interval`` seconds, headers included;
    - ``"drip_body"``: sends the headers at once, then the body one byte per ``interval``;
    - ``"reset"``: drops the connection with a TCP RST;
    - ``"short_body"``: announces ``Content-Length: 1000`` and sends ``body`` only;
    - ``"garbage_chunks"``: a chunked answer whose chunk sizes are not hexadecimal;
    - ``"corrupt_gzip"``: answers ``status`` marked ``Content-Encoding: gzip`` with a gzip
      header followed by bytes that do not inflate (``CORRUPT_GZIP``);
    - ``"redirect"``: ``307`` to ``https://elsewhere.example/`` with an empty body.

    Attributes:
        url: ``http://127.0.0.1:<port>``.
        requests: How many requests it has read.
    """

    def __init__(
        self,
        fault: str = "ok",
        *,
        status: int = 200,
        body: bytes = b"[]",
        content_type: str = "application/json",
        interval: float = 0.5,
    ) -> None:
        self.fault = fault
        self.status = status
        self.body = body
        self.content_type = content_type
        self.interval = interval
        self.requests = 0
        self._stop = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.05)
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._lock = threading.Lock()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except OSError:  # the accept timeout, or the listener closed
                continue
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _read_request(self, reader: Any) -> bool:
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = reader.recv(65536)
            if not chunk:
                return False
            head += chunk
        headers, _, rest = head.partition(b"\r\n\r\n")
        length = 0
        for line in headers.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        while len(rest) < length:
            chunk = reader.recv(65536)
            if not chunk:
                return False
            rest += chunk
        with self._lock:
            self.requests += 1
        return True

    def _answer(self, content_length: int | None = None) -> bytes:
        length = len(self.body) if content_length is None else content_length
        return (
            f"HTTP/1.1 {self.status} Whatever\r\nContent-Type: {self.content_type}\r\n"
            f"Content-Length: {length}\r\n\r\n"
        ).encode() + self.body

    def _serve(self, conn: socket.socket) -> None:
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            while not self._stop.is_set() and self._read_request(conn):
                if not self._fault(conn):
                    break
        except OSError:
            pass
        finally:
            conn.close()

    def _fault(self, conn: socket.socket) -> bool:
        """Play the fault on one request; False when the connection is to be closed."""
        fault = self.fault
        if fault == "ok":
            conn.sendall(self._answer())
            return True
        if fault == "hang":
            self._stop.wait()
            return False
        if fault in ("drip", "drip_body"):
            answer = self._answer()
            start = 0 if fault == "drip" else len(answer) - len(self.body)
            conn.sendall(answer[:start])
            for i in range(start, len(answer)):
                if self._stop.wait(self.interval):
                    return False
                conn.sendall(answer[i : i + 1])
            return True
        if fault == "reset":
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            return False
        if fault == "short_body":
            conn.sendall(self._answer(content_length=1000))
            return False
        if fault == "garbage_chunks":
            conn.sendall(
                f"HTTP/1.1 {self.status} OK\r\nContent-Type: {self.content_type}\r\n"
                "Transfer-Encoding: chunked\r\n\r\nzz\r\n[]\r\n-1\r\n\r\n".encode()
            )
            return False
        if fault == "corrupt_gzip":
            conn.sendall(
                f"HTTP/1.1 {self.status} OK\r\nContent-Type: {self.content_type}\r\n"
                f"Content-Encoding: gzip\r\nContent-Length: {len(CORRUPT_GZIP)}\r\n\r\n".encode()
                + CORRUPT_GZIP
            )
            return True
        if fault == "redirect":
            conn.sendall(
                b"HTTP/1.1 307 Temporary Redirect\r\nLocation: https://elsewhere.example/\r\n"
                b"Content-Length: 0\r\n\r\n"
            )
            return True
        raise AssertionError(f"unknown fault {fault!r}")

    def __enter__(self) -> FaultServer:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stop.set()
        self._thread.join()
        self._listener.close()
