"""Loading Honeycomb's OpenAPI descriptions for the contract and coverage tests.

The files are found through ``HONEYCOMB_OPENAPI_SPEC`` (a folder, or one of the files)
or in ``../shared/openapi`` beside the repository. Tests that need them skip with a
clear reason when neither exists, so a bare clone still passes.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest

NEW_SPEC = "honeycomb-2026-08.json"
OLD_SPEC = "honeycomb-2025-12.yaml"
SPEC_MISSING = "Honeycomb's OpenAPI spec not found"
"""How every skip for want of the spec begins (the test summary counts them in one line)."""
METHODS = ("get", "put", "post", "patch", "delete", "head", "options")


def spec_dir() -> Path | None:
    """The folder holding the spec files, or None."""
    configured = os.environ.get("HONEYCOMB_OPENAPI_SPEC")
    candidates = []
    if configured:
        path = Path(configured)
        candidates.append(path if path.is_dir() else path.parent)
    candidates.append(Path(__file__).resolve().parents[2] / "shared" / "openapi")
    for candidate in candidates:
        if (candidate / NEW_SPEC).is_file():
            return candidate
    return None


def spec_missing_reason() -> str:
    """Why a test that needs the spec is skipped."""
    return (
        f"{SPEC_MISSING}: set HONEYCOMB_OPENAPI_SPEC to the folder holding {NEW_SPEC} "
        f"and {OLD_SPEC}, or place them at ../shared/openapi (README: Contract tests)"
    )


def require_specs() -> Path:
    """The spec folder, or skip the calling test with the reason."""
    folder = spec_dir()
    if folder is None:
        pytest.skip(spec_missing_reason())
    return folder


@cache
def load(name: str) -> dict[str, Any]:
    """Load one spec file (JSON, or YAML via PyYAML)."""
    path = require_specs() / name
    if name.endswith(".json"):
        data: dict[str, Any] = json.loads(path.read_text())
        return data
    yaml = pytest.importorskip("yaml", reason="PyYAML is needed to read the 2025-12 spec")
    loaded: dict[str, Any] = yaml.safe_load(path.read_text())
    return loaded


@dataclass(frozen=True)
class Operation:
    """One operation of a spec."""

    operation_id: str
    method: str
    path: str
    spec_name: str
    definition: dict[str, Any]


def operations(name: str) -> list[Operation]:
    """Every operation of the spec file ``name``."""
    spec = load(name)
    found = []
    for path, item in spec["paths"].items():
        for method in METHODS:
            definition = item.get(method)
            if isinstance(definition, dict) and "operationId" in definition:
                found.append(
                    Operation(definition["operationId"], method.upper(), path, name, definition)
                )
    return found


def all_operations() -> dict[str, Operation]:
    """The union of both specs' operations; the 2026-08 definition wins where both have one."""
    merged = {op.operation_id: op for op in operations(OLD_SPEC)}
    merged.update({op.operation_id: op for op in operations(NEW_SPEC)})
    return merged
