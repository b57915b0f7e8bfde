"""Stoplight Prism, a strict OpenAPI mock server, as a second and independent contract check.

Prism validates each request against the spec with its own engine (path, query, headers,
security, ``Accept`` negotiation, ``Content-Type``, body) and, started with ``--errors``,
answers a violation with a 4xx problem document instead of a mocked response.

Nothing is installed here: ``nox -s tests`` installs the version pinned in ``noxfile.py``
into ``.nox/prism`` when npm is available and points ``HONEYCOMB_PRISM`` at it. Without node
or Prism the tests skip with the reason.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

_LOCAL = Path(__file__).resolve().parents[1] / ".nox" / "prism" / "node_modules" / ".bin" / "prism"


# Node loading and checking the 2 MB spec takes seconds on a quiet machine and much longer
# on a loaded one; failing a loaded CI run for it would say nothing about the SDK.
START_TIMEOUT = 240


def find_prism() -> tuple[str | None, str]:
    """The Prism executable, or None and why it cannot be used.

    Looked for in ``HONEYCOMB_PRISM``, then on ``PATH``, then in ``.nox/prism``.

    Returns:
        (path, "") or (None, the reason to skip).
    """
    if shutil.which("node") is None:
        return None, "node is not installed: the Prism contract check needs node and Prism"
    configured = os.environ.get("HONEYCOMB_PRISM")
    if configured:
        if Path(configured).is_file():
            return configured, ""
        return None, f"HONEYCOMB_PRISM={configured} does not exist"
    found = shutil.which("prism") or (str(_LOCAL) if _LOCAL.is_file() else None)
    if found is None:
        return None, (
            "Prism is not installed: run `nox -s tests` (installs it into .nox/prism), or "
            "`npm install` the @stoplight/prism-cli version pinned in noxfile.py (PRISM) and "
            "set HONEYCOMB_PRISM to its bin/prism"
        )
    return found, ""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def prism_servers(executable: str, specs: dict[str, Path], logs: Path) -> Iterator[dict[str, str]]:
    """Run ``prism mock --errors`` for each spec on a free loopback port, for the block.

    The servers start together (each takes seconds to read its spec) and are stopped,
    by their process handles, when the block ends.

    Args:
        executable: The ``prism`` executable.
        specs: The OpenAPI file to serve, by a name of your choice.
        logs: A folder for Prism's output (``<name>.log``, for a failing test to point at).

    Yields:
        The base URL of each server (``http://127.0.0.1:<port>``), by name.

    Raises:
        RuntimeError: A server exited or did not listen within ``START_TIMEOUT`` (its log
            says why).
    """
    started: dict[str, tuple[subprocess.Popen[bytes], int, Path]] = {}
    try:
        for name, spec in specs.items():
            port = _free_port()
            log = logs / f"{name}.log"
            with log.open("wb") as out:
                command = [executable, "mock", "--host", "127.0.0.1", "--port", str(port)]
                process = subprocess.Popen(
                    [*command, "--errors", str(spec)], stdout=out, stderr=subprocess.STDOUT
                )
            started[name] = (process, port, log)
        deadline = time.monotonic() + START_TIMEOUT
        for process, port, log in started.values():
            _wait_listening(process, port, log, deadline)
        yield {name: f"http://127.0.0.1:{port}" for name, (_, port, _) in started.items()}
    finally:
        for process, _, _ in started.values():
            process.terminate()
        for process, _, _ in started.values():
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_listening(
    process: subprocess.Popen[bytes], port: int, log: Path, deadline: float
) -> None:
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"Prism exited with {process.returncode}; see {log}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"Prism did not listen on port {port} in {START_TIMEOUT} s; see {log}"
                ) from None
            time.sleep(0.2)


@dataclass
class Exchange:
    """One request and what Prism said about it."""

    request: httpx.Request
    status: int
    problem: str
    """Prism's problem document for a 4xx/5xx, else ""."""
    violations: list[dict[str, Any]]
    """The request violations Prism reported in ``sl-violations`` (warnings included)."""


class RecordingTransport(httpx.BaseTransport):
    """Records every exchange with Prism, and ends pagination after the first page.

    Prism answers with the spec's examples, whose ``links.next`` point at other pages
    (one at another operation altogether); following them would test the examples, not
    the client, so ``links.next`` is cleared as in ``tests._contract.response_body``.
    """

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.exchanges: list[Exchange] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        try:
            content = response.read()
        finally:
            response.close()
        violations = [
            v
            for v in json.loads(response.headers.get("sl-violations") or "[]")
            if v.get("location", [""])[0] == "request"
        ]
        problem = content.decode(errors="replace") if response.status_code >= 400 else ""
        self.exchanges.append(Exchange(request, response.status_code, problem, violations))
        headers = {
            k: v
            for k, v in response.headers.items()
            if k not in ("content-length", "content-encoding")
        }
        if "json" in response.headers.get("content-type", "") and content:
            body = json.loads(content)
            if isinstance(body, dict) and isinstance(body.get("links"), dict):
                body["links"]["next"] = None
                content = json.dumps(body).encode()
        return httpx.Response(
            response.status_code, headers=headers, content=content, request=request
        )

    def close(self) -> None:
        self.inner.close()
