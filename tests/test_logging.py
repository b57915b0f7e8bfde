"""``HONEYCOMB_LOG`` switches on the ``honeycomb`` logger; secrets never reach its output."""

from __future__ import annotations

import gc
import logging
import os
import subprocess
import sys

import pytest

from honeycomb._logging import redact_headers

KEY = "hcxlk_loggingloggingloggingxy"
SECRET = "managementsecretvalue42"

SCRIPT = f"""
import httpx
from honeycomb import Client

def handler(request):
    if request.url.path == "/1/datasets":
        return httpx.Response(503 if handler.calls == 0 else 200, json=[])
    return httpx.Response(200, json={{"data": {{"id": "k", "type": "api-keys"}}}})
handler.calls = 0

def counting(request):
    response = handler(request)
    handler.calls += 1
    return response

http = httpx.Client(transport=httpx.MockTransport(counting))
import honeycomb._io as io
io.sleep = lambda seconds: None
with Client(api_key={KEY!r}, management_key="hcxmk_keyid1234567:{SECRET}", http_client=http) as c:
    c.datasets.list()
    c.auth.get_management()
"""


def run(level: str | None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HONEYCOMB_")}
    if level is not None:
        env["HONEYCOMB_LOG"] = level
    return subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, check=True
    )


def test_debug_logs_requests_and_retries_with_credentials_redacted() -> None:
    result = run("debug")
    output = result.stdout + result.stderr
    assert "GET https://api.honeycomb.io/1/datasets -> 503" in result.stderr
    assert "Retrying GET /1/datasets" in result.stderr
    assert "GET https://api.honeycomb.io/2/auth -> 200" in result.stderr
    assert "<redacted>" in result.stderr
    assert KEY not in output
    assert SECRET not in output


def test_info_logs_retries_only() -> None:
    result = run("info")
    assert "Retrying GET /1/datasets" in result.stderr
    assert "-> 200" not in result.stderr


@pytest.mark.parametrize("level", [None, "", "verbose"])
def test_silent_unless_switched_on(level: str | None) -> None:
    assert run(level).stderr == ""


def test_redact_headers() -> None:
    headers = {"X-Honeycomb-Team": KEY, "Authorization": "Bearer a:b", "Accept": "json"}
    assert redact_headers(headers) == {
        "X-Honeycomb-Team": "<redacted>",
        "Authorization": "<redacted>",
        "Accept": "json",
    }
    assert redact_headers([("x-amz-firehose-access-key", KEY)]) == {
        "x-amz-firehose-access-key": "<redacted>"
    }


def test_the_secret_filter_forgets_the_keys_of_clients_that_are_gone(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from honeycomb import Client
    from honeycomb._logging import logger, secret_filter

    gc.collect()
    before = len(secret_filter.secrets)
    kept = Client(api_key="hcxlk_keptkeptkeptkeptkeptkept")
    clients = [Client(api_key=f"hcxlk_gone{n:020d}") for n in range(200)]
    copies = [c.with_options(max_retries=1) for c in clients[:10]]  # share their keys
    assert len(secret_filter.secrets) == before + 201
    del clients
    gc.collect()
    assert len(secret_filter.secrets) == before + 11  # the copies still hold ten keys
    del copies
    gc.collect()
    assert len(secret_filter.secrets) == before + 1
    with caplog.at_level(logging.INFO, logger="honeycomb"):
        logger.info("oops %s", "hcxlk_keptkeptkeptkeptkeptkept")
    assert "hcxlk_kept" not in caplog.text and "<redacted>" in caplog.text
    kept.close()
