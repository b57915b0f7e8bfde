"""``honeycomb.testing``: an in-memory fake of the Honeycomb API.

``FakeHoneycomb`` implements every operation of the API (the 89 public ones, the SLO counts
and Anomaly Detection signals, and the experimental team markers, pipelines and enhance
endpoints) over in-memory state, with the real API's status codes, error bodies and quirks.
Use it three ways:

- ``fake.client()`` / ``fake.async_client()``: SDK clients wired through an httpx transport
  (``fake.transport()`` / ``fake.async_transport()`` for your own httpx clients);
- ``with fake.serve() as url: ...`` or ``python -m honeycomb.testing serve --port 8080``:
  a real HTTP server on 127.0.0.1;
- the ``honeycomb_fake`` pytest fixture (installed with the package).

Faults on demand (``fake.inject(...)``), a request log (``fake.requests``) and a query
engine over the events you send make retry, polling and query code testable offline.
See ``docs/testing.md`` and ``honeycomb.testing._engine`` for what the engine approximates.
"""

from __future__ import annotations

from honeycomb.testing._fake import FakeHoneycomb, FakeKey
from honeycomb.testing._faults import Fault
from honeycomb.testing._http import FakeRequest, FakeResponse
from honeycomb.testing._ratelimits import RateLimits
from honeycomb.testing._recording import vcr_config
from honeycomb.testing._router import RecordedRequest

__all__ = [
    "FakeHoneycomb",
    "FakeKey",
    "FakeRequest",
    "FakeResponse",
    "Fault",
    "RateLimits",
    "RecordedRequest",
    "vcr_config",
]
