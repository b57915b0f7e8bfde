"""The suite's summary folds each group of environment skips into one line."""

from __future__ import annotations

import pytest

from tests._spec import spec_missing_reason
from tests.conftest import fold_environment_skips


def skipped(path: str, line: int, reason: str) -> pytest.TestReport:
    return pytest.TestReport(
        f"{path}::t{line}", (path, line, "t"), {}, "skipped", (path, line, reason), "setup"
    )


def test_environment_skips_fold_to_one_location_per_group() -> None:
    spec = f"Skipped: {spec_missing_reason()}"
    prism = "Skipped: Prism is not installed: run `nox -s tests`"
    reports = [
        skipped("tests/_spec.py", 52, spec),
        skipped("tests/test_fake_contract.py", 807, spec),
        skipped("tests/test_prism_contract.py", 59, spec),
        skipped("tests/test_prism_contract.py", 59, prism),
        skipped("tests/test_other.py", 3, "Skipped: needs windows"),
    ]
    fold_environment_skips(reports)
    assert [r.longrepr for r in reports] == [
        ("tests/_spec.py", 52, spec),
        ("tests/_spec.py", 52, spec),
        ("tests/_spec.py", 52, spec),
        ("tests/test_prism_contract.py", 59, prism),
        ("tests/test_other.py", 3, "Skipped: needs windows"),  # other skips keep theirs
    ]
