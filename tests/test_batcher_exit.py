"""A sync batcher left open is closed, so delivered, when the interpreter exits.

libhoney-py flushes at exit only for its global client; here every ``Client`` batcher
still open at exit is closed by ``honeycomb._workers.ExitGuard``. (An ``AsyncClient``
batcher cannot be: no event loop runs at exit; use ``async with``.)
"""

from __future__ import annotations

import subprocess
import sys

from honeycomb.testing import FakeHoneycomb


def run_and_exit(fake: FakeHoneycomb, url: str, body: str) -> subprocess.CompletedProcess[str]:
    script = (
        "from honeycomb import Client\n"
        f"client = Client(api_key={fake.api_key!r}, base_url={url!r})\n" + body
    )
    return subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True
    )


def test_buffered_events_are_delivered_at_exit() -> None:
    fake = FakeHoneycomb()
    with fake.serve() as url:
        run_and_exit(
            fake,
            url,
            # A flush interval of an hour: nothing would be sent before exit but for the guard.
            "batcher = client.events.batcher('web', flush_interval=3600)\n"
            "for n in range(2500):\n"
            "    batcher.add({'n': n})\n",
        )
        numbers = sorted(event["data"]["n"] for event in fake.events("web"))
    assert numbers == list(range(2500))


def test_a_closed_batcher_is_not_sent_twice() -> None:
    fake = FakeHoneycomb()
    with fake.serve() as url:
        result = run_and_exit(
            fake,
            url,
            "with client.events.batcher('web', flush_interval=3600) as batcher:\n"
            "    for n in range(10):\n"
            "        batcher.add({'n': n})\n"
            "print(batcher.sent)\n",
        )
        numbers = sorted(event["data"]["n"] for event in fake.events("web"))
    assert result.stdout.strip() == "10"
    assert numbers == list(range(10))
