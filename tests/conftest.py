"""Suite-wide hooks: each group of tests skipped for want of something outside the
repository (Honeycomb's spec, node, Stoplight Prism) is reported in one summary line.

The skips come from several places (a helper, module fixtures), and pytest's ``-ra``
summary would list one line per place. Giving every skip of a group the location and
reason of its first one folds them into one line, with the total count:

    SKIPPED [468] tests/_spec.py:44: Honeycomb's OpenAPI spec not found: set ...
"""

from __future__ import annotations

import sys

import pytest

from tests._spec import SPEC_MISSING

ENVIRONMENT_SKIPS = (SPEC_MISSING, "node is not installed", "Prism is not installed")
"""How the reasons of each group begin."""


def fold_environment_skips(reports: list[pytest.TestReport]) -> None:
    """Give the skips of each ``ENVIRONMENT_SKIPS`` group one location and reason."""
    first: dict[str, tuple[str, int, str]] = {}
    for report in reports:
        longrepr = report.longrepr
        if not isinstance(longrepr, tuple):
            continue
        reason = longrepr[2].removeprefix("Skipped: ")
        group = next((prefix for prefix in ENVIRONMENT_SKIPS if reason.startswith(prefix)), None)
        if group is not None:
            report.longrepr = first.setdefault(group, longrepr)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Runs before pytest's short summary (``-ra``), which then folds each group; also
    says how many documentation examples ran and what the fuzzing of the fake found, when
    their test modules were collected."""
    fold_environment_skips(terminalreporter.stats.get("skipped", []))
    for name in ("tests.test_docs_examples", "tests.test_fake_fuzz"):
        module = sys.modules.get(name)
        if module is not None:
            terminalreporter.write_line(module.summary_line())
