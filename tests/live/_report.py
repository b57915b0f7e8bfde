"""The fidelity log: where responses differed from the spec's schema or from the fake.

Every response the suite's clients receive is recorded (``FidelityLog.record``): the
operation it answered, its status, the shape of its JSON body (each field path and the JSON
types seen there) and, when Honeycomb's spec is available, every way it breaks the schema
the spec declares for that operation and status (``tests/_contract.py``). A real-mode run
can also be compared with the shapes a fake-mode run recorded (``compare_shapes``), which
says where the fake answers otherwise than the API. ``write`` produces ``live-report.json``.

Pure apart from ``write``: no I/O, no clock (times are passed in).
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

__all__ = ["FORMAT", "Difference", "FidelityLog", "compare_shapes", "read_shapes", "shape_of"]

FORMAT = 1
"""The version of the report's layout."""

Shapes = dict[str, dict[str, set[str]]]
"""``"operation status"`` -> field path -> the JSON types seen there."""

_MAX_DEPTH = 8
_MAX_PATHS = 400


@dataclass(frozen=True)
class Difference:
    """One place a response differed from what was expected of it.

    Attributes:
        operation: The operationId (``getTrigger``), or ``METHOD /path`` without a spec.
        status: The HTTP status of the response.
        field: A dotted path into the body (``""``: the response as a whole).
        seen: What the response had there (``"absent"`` for a missing field).
        against: ``spec`` (the spec's schema) or ``fake`` (a fake-mode run's answers).
        detail: What was expected instead.
    """

    operation: str
    status: int
    field: str
    seen: str
    against: Literal["spec", "fake"]
    detail: str


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def shape_of(value: Any) -> dict[str, set[str]]:
    """Every field path of a JSON value and the types found there (list items as ``[]``).

    Example: ``shape_of({"a": [{"b": 1}]})`` is
    ``{"": {"object"}, "a": {"array"}, "a[]": {"object"}, "a[].b": {"integer"}}``.
    """
    found: dict[str, set[str]] = {}

    def walk(item: Any, path: str, depth: int) -> None:
        if len(found) >= _MAX_PATHS and path not in found:
            return
        found.setdefault(path, set()).add(_json_type(item))
        if depth >= _MAX_DEPTH:
            return
        if isinstance(item, dict):
            for key, child in item.items():
                walk(child, f"{path}.{key}" if path else str(key), depth + 1)
        elif isinstance(item, list):
            for child in item:
                walk(child, f"{path}[]", depth + 1)

    walk(value, "", 0)
    return found


def _types(types: set[str]) -> str:
    return "|".join(sorted(types))


def compare_shapes(seen: Shapes, fake: Shapes) -> list[Difference]:
    """Where the responses of a real run differ from a fake run's, operation by operation.

    Only operations and statuses both runs saw are compared; for each, a field only one
    side answered, or answered with other JSON types, is a difference.

    Args:
        seen: The shapes of this (real) run.
        fake: The shapes of a fake-mode run of the same scenarios.

    Returns:
        The differences, ``against="fake"``, in a stable order.
    """
    found = []
    for key in sorted(set(seen) & set(fake)):
        operation, _, status_text = key.rpartition(" ")
        status = int(status_text)
        real_fields, fake_fields = seen[key], fake[key]
        for path in sorted(set(real_fields) | set(fake_fields)):
            mine, theirs = real_fields.get(path), fake_fields.get(path)
            if theirs is None:
                assert mine is not None
                found.append(
                    Difference(operation, status, path, _types(mine), "fake", "the fake omits it")
                )
            elif mine is None:
                detail = f"the fake answers {_types(theirs)}"
                found.append(Difference(operation, status, path, "absent", "fake", detail))
            elif mine != theirs:
                detail = f"the fake answers {_types(theirs)}"
                found.append(Difference(operation, status, path, _types(mine), "fake", detail))
    return found


class FidelityLog:
    """What the suite's clients received, and where it differed from the spec.

    Args:
        check_spec: Validate each response against the spec (needs the spec files).
    """

    def __init__(self, *, check_spec: bool) -> None:
        self.check_spec = check_spec
        self.requests = 0
        self.statuses: dict[str, Counter[int]] = {}
        self.shapes: Shapes = {}
        self.differences: list[Difference] = []
        self._counts: Counter[Difference] = Counter()
        self._lock = threading.Lock()

    def operation(self, method: str, path: str) -> str:
        """The operationId of a request (``METHOD /path`` when the spec is not checked)."""
        if self.check_spec:
            from tests._contract import find_operation

            op = find_operation(method, path)
            if op is not None:
                return op.operation_id
        return f"{method} {path}"

    def record(
        self, method: str, path: str, status: int, content_type: str, body: bytes
    ) -> list[Difference]:
        """Record one response.

        Args:
            method: The request's method.
            path: The request's URL path.
            status: The response's status.
            content_type: Its ``Content-Type``.
            body: Its body (decoded from any content encoding).

        Returns:
            The differences from the spec this response showed (also kept in the log).
        """
        operation = self.operation(method, path)
        new: list[Difference] = []
        if self.check_spec:
            from tests._contract import response_mismatches

            for mismatch in response_mismatches(operation, status, content_type, body):
                new.append(
                    Difference(
                        operation, status, mismatch.field, mismatch.seen, "spec", mismatch.detail
                    )
                )
        shape: dict[str, set[str]] = {}
        if body and "json" in content_type:
            try:
                shape = shape_of(json.loads(body))
            except ValueError:
                shape = {}
        with self._lock:
            self.requests += 1
            self.statuses.setdefault(operation, Counter())[status] += 1
            merged = self.shapes.setdefault(f"{operation} {status}", {})
            for path_, types in shape.items():
                merged.setdefault(path_, set()).update(types)
            for difference in new:
                if not self._counts[difference]:
                    self.differences.append(difference)
                self._counts[difference] += 1
        return new

    def to_dict(self, meta: dict[str, Any], *, fake_shapes: Shapes | None = None) -> dict[str, Any]:
        """The report as JSON-ready data.

        Args:
            meta: What the run was (mode, base URL, team, environment, run prefix, times).
            fake_shapes: The shapes of a fake-mode run to compare with, if any.

        Returns:
            ``live-report.json``'s content.
        """
        with self._lock:
            differences = [{**asdict(d), "count": self._counts[d]} for d in self.differences]
            if fake_shapes is not None:
                differences += [
                    {**asdict(d), "count": 1} for d in compare_shapes(self.shapes, fake_shapes)
                ]
            return {
                "format": FORMAT,
                **meta,
                "spec_checked": self.check_spec,
                "compared_with_fake": fake_shapes is not None,
                "requests": self.requests,
                "operations": {
                    op: {
                        "requests": sum(counts.values()),
                        "statuses": {str(s): n for s, n in sorted(counts.items())},
                    }
                    for op, counts in sorted(self.statuses.items())
                },
                "differences": differences,
                "shapes": {
                    key: {path: sorted(types) for path, types in sorted(fields.items())}
                    for key, fields in sorted(self.shapes.items())
                },
            }

    def write(
        self, path: Path, meta: dict[str, Any], *, fake_shapes: Shapes | None = None
    ) -> dict[str, Any]:
        """Write the report to ``path`` (see ``to_dict``); return what was written."""
        report = self.to_dict(meta, fake_shapes=fake_shapes)
        path.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        return report


def read_shapes(path: Path) -> Shapes:
    """The shapes of an earlier report (a fake-mode run's), for ``compare_shapes``.

    Raises:
        ValueError: The file is not a live report of this format.
    """
    report = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(report, dict) or report.get("format") != FORMAT:
        raise ValueError(f"{path} is not a live report of format {FORMAT}")
    return {
        key: {field_: set(types) for field_, types in fields.items()}
        for key, fields in report["shapes"].items()
    }
