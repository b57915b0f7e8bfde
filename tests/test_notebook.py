"""Run a notebook in a real Jupyter kernel: blocking Client and top-level-await AsyncClient.

The kernel's event loop is already running while cells execute, which is exactly where
SDKs that call ``asyncio.run()`` fail with "event loop is already running". The notebook
talks to a tiny threaded HTTP server on 127.0.0.1 that this test starts, serving canned
query and query-result responses (the first poll incomplete, the second complete).
"""

from __future__ import annotations

import importlib.util
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

NOTEBOOK = Path(__file__).parent / "notebooks" / "query_results.ipynb"

ROWS = [
    {"endpoint": "/api", "COUNT": 42, "P99(duration_ms)": 12.5},
    {"endpoint": "/<b>", "COUNT": 7, "P99(duration_ms)": None},
]


class FakeQueryData:
    """What the loopback server knows: saved queries, result poll counts, requests seen."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.requests: list[tuple[str, str, str | None]] = []
        self.queries: dict[str, dict[str, Any]] = {}
        self.polls: dict[str, int] = {}

    def handle(
        self, method: str, path: str, body: Any, team: str | None
    ) -> tuple[int, dict[str, Any]]:
        with self.lock:
            self.requests.append((method, path, team))
            parts = path.strip("/").split("/")
            if method == "POST" and parts[:2] == ["1", "queries"] and len(parts) == 3:
                query_id = f"q{len(self.queries) + 1}"
                self.queries[query_id] = body
                return 200, {**body, "id": query_id, "query_annotation_id": "qa-" + query_id}
            if method == "POST" and parts[:2] == ["1", "query_results"] and len(parts) == 3:
                result_id = f"r{len(self.polls) + 1}"
                self.polls[result_id] = 0
                return 201, self._result(result_id, body["query_id"], complete=False)
            if method == "GET" and parts[:2] == ["1", "query_results"] and len(parts) == 4:
                result_id = parts[3]
                if result_id not in self.polls:
                    return 404, {"error": "Query result not found"}
                self.polls[result_id] += 1
                return 200, self._result(result_id, "q1", complete=self.polls[result_id] >= 2)
            return 404, {"error": f"no route for {method} {path}"}

    def _result(self, result_id: str, query_id: str, *, complete: bool) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "id": result_id,
            "complete": complete,
            "query": self.queries.get(query_id, {}),
            "links": {"query_url": f"https://ui.honeycomb.io/t/datasets/web/result/{result_id}"},
        }
        if complete:
            payload["data"] = {"series": [], "results": [{"data": row} for row in ROWS]}
        return payload


@pytest.fixture
def server() -> Iterator[tuple[str, FakeQueryData]]:
    state = FakeQueryData()

    class Handler(BaseHTTPRequestHandler):
        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            body = json.loads(raw) if raw else None
            status, payload = state.handle(
                self.command, self.path, body, self.headers.get("X-Honeycomb-Team")
            )
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = _serve
        do_POST = _serve

        def log_message(self, format: str, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def _texts(cell: Any) -> str:
    chunks = []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream":
            chunks.append(output.get("text", ""))
        elif output.get("output_type") in ("execute_result", "display_data"):
            chunks.extend(str(v) for v in output.get("data", {}).values())
        elif output.get("output_type") == "error":
            chunks.append("\n".join(output.get("traceback", [])))
    return "".join(chunks)


@pytest.mark.slow
def test_notebook_runs_both_clients_in_a_real_kernel(
    server: tuple[str, FakeQueryData], monkeypatch: pytest.MonkeyPatch
) -> None:
    nbformat = pytest.importorskip("nbformat", reason="nbformat is needed to run notebooks")
    nbclient = pytest.importorskip("nbclient", reason="nbclient is needed to run notebooks")
    pytest.importorskip("ipykernel", reason="ipykernel is needed for a Python kernel")
    base_url, state = server
    # The kernel is a child process: it inherits the environment, hence the server URL.
    monkeypatch.setenv("HONEYCOMB_NOTEBOOK_BASE_URL", base_url)
    monkeypatch.setenv("JUPYTER_PLATFORM_DIRS", "1")  # silences jupyter_core's migration warning
    for name in ("HONEYCOMB_API_KEY", "HONEYCOMB_KEY_ID", "HONEYCOMB_KEY_SECRET"):
        monkeypatch.delenv(name, raising=False)

    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": "."}}
    )
    client.execute()

    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    everything = "\n".join(_texts(cell) for cell in code)
    assert "event loop is already running" not in everything
    assert "Traceback" not in everything

    _params, build, sync_cell, async_cell, text_cell, frame_cell = code
    assert "'breakdowns': ['endpoint']" in _texts(build)

    sync_out = _texts(sync_cell)
    assert "loop running: True" in sync_out  # the blocking client ran inside the kernel's loop
    assert "sync rows: [{'endpoint': '/api', 'COUNT': 42" in sync_out
    rich = [o for o in sync_cell.outputs if o.get("output_type") == "execute_result"]
    assert rich, "the result should be displayed"
    html = rich[0]["data"]["text/html"]
    assert "<table>" in html
    assert "&lt;b&gt;" in html and "/<b>" not in html

    async_out = _texts(async_cell)
    assert "async rows: [{'endpoint': '/api'" in async_out
    assert "same rows: True" in async_out

    table = _texts(text_cell).splitlines()
    assert table[1].split() == ["endpoint", "COUNT", "P99(duration_ms)"]
    assert table[3].split() == ["/api", "42", "12.5"]

    if importlib.util.find_spec("pandas") is not None:
        assert "frame: ['endpoint', 'COUNT', 'P99(duration_ms)'] 2" in _texts(frame_cell)
    else:
        assert "pandas: not installed" in _texts(frame_cell)

    # Both clients did the whole dance: save, create, then poll until complete (2 GETs).
    methods = [(m, p.rsplit("/", 1)[0] if m == "GET" else p) for m, p, _ in state.requests]
    assert (
        methods
        == [
            ("POST", "/1/queries/web"),
            ("POST", "/1/query_results/web"),
            ("GET", "/1/query_results/web"),
            ("GET", "/1/query_results/web"),
        ]
        * 2
    )
    assert {team for _, _, team in state.requests} == {"hcxlk_abcdefghijklmnopqrstuvwxyz"}
