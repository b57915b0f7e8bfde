"""pytest fixtures for code that uses honeycomb-sdk (registered through the ``pytest11``
entry point, so they are available wherever the package is installed).

- ``honeycomb_fake``: a fresh :class:`~honeycomb.testing.FakeHoneycomb` per test
  (``query_polls=0``: query results complete at the first poll, so tests do not wait).
- ``honeycomb_fake_url``: the same fake served over HTTP on 127.0.0.1; the base URL.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from honeycomb.testing._fake import FakeHoneycomb


@pytest.fixture
def honeycomb_fake() -> FakeHoneycomb:
    """A fresh in-memory Honeycomb API.

    Examples:
        >>> def test_starts_empty(honeycomb_fake):
        ...     assert honeycomb_fake.client().datasets.list() == []
        >>> test_starts_empty(FakeHoneycomb(query_polls=0))   # what pytest does with the fixture
    """
    return FakeHoneycomb(query_polls=0)


@pytest.fixture
def honeycomb_fake_url(honeycomb_fake: FakeHoneycomb) -> Iterator[str]:
    """``honeycomb_fake`` served on 127.0.0.1; yields its base URL."""
    with honeycomb_fake.serve() as url:
        yield url
