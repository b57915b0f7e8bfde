"""The robustness suite: fuzzing (hypothesis) and fault injection (loopback servers).

Deterministic and bounded: the ``robustness`` hypothesis profile derandomises (the same
examples every run, no example database), has no per-example deadline (a loaded CI
machine must not make a test flaky) and caps the examples per target; ``HYPOTHESIS_EXAMPLES``
scales every target (0.1 for a smoke run, 10 for a long hunt).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, Phase, settings

SCALE = float(os.environ.get("HYPOTHESIS_EXAMPLES", "1"))

settings.register_profile(
    "robustness",
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=False,
    # No shrinking: a failure is reported with the example found, at once, rather than
    # after minutes of minimising it on a loaded machine.
    phases=(Phase.explicit, Phase.reuse, Phase.generate),
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
        HealthCheck.function_scoped_fixture,
    ],
)
settings.load_profile("robustness")


def examples(n: int) -> int:
    """``n`` examples, scaled by ``HYPOTHESIS_EXAMPLES`` (at least one)."""
    return max(1, int(n * SCALE))


class Collected(logging.Handler):
    """Every record of the ``honeycomb`` logger, formatted as a handler would."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@pytest.fixture
def logs() -> Iterator[Collected]:
    """The SDK's log output at DEBUG for the test (checked for keys by ``_leaks``)."""
    logger = logging.getLogger("honeycomb")
    handler = Collected()
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
