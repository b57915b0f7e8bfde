"""Every operation through the sync ``Client`` against Stoplight Prism serving the spec.

A second, independent contract check beside ``tests/_async/test_contract.py``: Prism's own
validator judges each request (security, ``Accept`` negotiation, ``Content-Type``,
parameters, body). Started with ``--errors``, it answers a violation with a 4xx, where
the client would see 406 for a wrong ``Accept`` or 415 for a wrong ``Content-Type``.
Prism is served the same spec files, with the same known defects patched
(``tests._contract.patched_spec``). Skips with the reason when node, Prism or the
spec is missing. The sync client is enough: both clients build requests with the same
generated code, which ``tests/_async/test_contract.py`` checks on both.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from honeycomb import APIResponseValidationError, APIStatusError, Client
from honeycomb._operations import EXPERIMENTAL, OPERATIONS
from tests._contract import patched_spec
from tests._prism import RecordingTransport, find_prism, prism_servers
from tests._spec import NEW_SPEC, OLD_SPEC, require_specs
from tests._sync.conftest import API_KEY, KEY_ID, KEY_SECRET
from tests._sync.test_contract import CALLS, DS


@pytest.fixture(scope="module")
def prism_urls(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """A Prism server per spec file: the 2025-12 one serves the experimental operations."""
    require_specs()
    executable, reason = find_prism()
    if executable is None:
        pytest.skip(reason)
    folder = tmp_path_factory.mktemp("prism")
    specs = {}
    for name in (NEW_SPEC, OLD_SPEC):
        path = folder / (Path(name).stem + ".json")
        path.write_text(json.dumps(patched_spec(name)))
        specs[name] = path
    with prism_servers(executable, specs, folder) as urls:
        yield urls


def _send_batch_uncompressed(c: Client) -> object:
    return c.events.send_batch(
        DS, [{"data": {"endpoint": "/"}}, {"endpoint": "/a"}], compression=None
    )


# Prism does not decode Content-Encoding, so it reads a compressed batch as invalid JSON;
# the compressed form is checked by test_contract (which decompresses) and the fake.
PRISM_CALLS = {**CALLS, "createEvents": _send_batch_uncompressed}


@pytest.mark.parametrize("operation_id", sorted(OPERATIONS))
def test_prism_accepts_every_request(prism_urls: dict[str, str], operation_id: str) -> None:
    base_url = prism_urls[OLD_SPEC if operation_id in EXPERIMENTAL else NEW_SPEC]
    transport = RecordingTransport()
    with (
        httpx.Client(transport=transport) as http,
        Client(
            api_key=API_KEY,
            management_key=(KEY_ID, KEY_SECRET),
            team="test-team",
            base_url=base_url,
            max_retries=0,
            http_client=http,
        ) as client,
    ):
        try:
            PRISM_CALLS[operation_id](client)
        except APIStatusError:
            pass  # Prism refused a request: the exchanges below say which and why
        except APIResponseValidationError:
            # Prism fills fields without an example with placeholders ("string" for a
            # date-time); the responses are checked against the spec's own examples in
            # test_contract. Here only Prism's verdict on the requests counts.
            pass
    assert transport.exchanges, "the call sent no request"
    for exchange in transport.exchanges:
        where = f"{exchange.request.method} {exchange.request.url.path}"
        assert exchange.status < 400, (
            f"{where}: Prism answered {exchange.status}: {exchange.problem}"
        )
        assert exchange.violations == [], f"{where}: {exchange.violations}"
