"""Every operation in both spec files has a method on Client and AsyncClient."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from honeycomb._operations import OPERATIONS
from tests._spec import NEW_SPEC, OLD_SPEC, operations, require_specs

ROOT = Path(__file__).resolve().parents[1]


def load_coverage_script() -> object:
    spec = importlib.util.spec_from_file_location(
        "coverage_script", ROOT / "scripts" / "coverage.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["coverage_script"] = module
    spec.loader.exec_module(module)
    return module


def test_specs_hold_the_expected_operations() -> None:
    require_specs()
    new = {op.operation_id for op in operations(NEW_SPEC)}
    old = {op.operation_id for op in operations(OLD_SPEC)}
    assert len(new) == 89
    assert len(old) == 89
    assert len(new | old) == 95


def test_every_operation_has_a_method_on_both_clients() -> None:
    require_specs()
    module = load_coverage_script()
    table, problems = module.rows()  # type: ignore[attr-defined]
    assert problems == []
    assert len(table) == 95
    assert all(status.startswith("ok") for *_, status in table)


def test_mapping_has_no_stale_entries() -> None:
    require_specs()
    known = {op.operation_id for op in operations(NEW_SPEC)} | {
        op.operation_id for op in operations(OLD_SPEC)
    }
    assert set(OPERATIONS) == known
