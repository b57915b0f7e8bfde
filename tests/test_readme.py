"""Every Python example in README.md runs as written against a FakeHoneycomb.

The fake is served on 127.0.0.1 with what the examples name: an ``api`` dataset with
events carrying ``endpoint``, ``duration_ms`` and ``status_code`` and one trigger, an
``api-staging`` dataset, and a delete-protected ``old`` dataset. Each block runs in its
own interpreter (see ``tests._snippets``).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from honeycomb.testing import FakeHoneycomb
from tests._snippets import ROOT, Block, python_blocks, run_against

BLOCKS = python_blocks(ROOT / "README.md")


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[FakeHoneycomb, str]]:
    fake = FakeHoneycomb(query_polls=0)
    with fake.client() as client:
        client.datasets.create({"name": "api"})
        client.datasets.create({"name": "old"})
        client.datasets.create({"name": "api-staging"})
        oncall = client.recipients.create(
            {"type": "email", "details": {"email_address": "sre@example.com"}}
        )
        client.triggers.create(
            "api",
            {
                "name": "5xx rate",
                "query": {"calculations": [{"op": "COUNT"}], "time_range": 900},
                "threshold": {"op": ">", "value": 100},
                "frequency": 300,
                "recipients": [{"id": oncall.id}],
            },
        )
        client.events.send_batch(
            "api",
            [
                {"endpoint": path, "duration_ms": ms, "status_code": status}
                for path, ms, status in [("/", 12, 200), ("/pay", 340, 502), ("/pay", 80, 500)]
            ],
        )
    with fake.serve() as url:
        yield fake, url


def test_the_readme_has_examples() -> None:
    assert len(BLOCKS) >= 5
    assert sum(block.skip is None for block in BLOCKS) >= 7


@pytest.mark.parametrize("block", BLOCKS, ids=[block.name for block in BLOCKS])
def test_readme_example_runs(served: tuple[FakeHoneycomb, str], block: Block) -> None:
    if block.skip is not None:
        pytest.skip(f"marked no-run: {block.skip}")
    fake, url = served
    run_against(fake, url, block)
