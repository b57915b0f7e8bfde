"""Configuration as code: export an environment, plan against another, apply, diff.

This package is pure (no network; files only). The client side is
``client.porting.export()``, ``.plan(snapshot)`` and ``.apply(plan)`` on both clients.

Examples:
    >>> from honeycomb.porting import Snapshot
    >>> files = client.porting.export().write("honeycomb/prod")
    >>> plan = staging.porting.plan(Snapshot.read("honeycomb/prod"))  # another environment
    >>> print(staging.porting.apply(plan).summary())
    Apply complete: 2 created, 0 updated, 0 deleted.
"""

from __future__ import annotations

from honeycomb.porting._bodies import Ids, UnresolvedReferenceError, body_for
from honeycomb.porting._capture import Captured, clean_query, portable_objects
from honeycomb.porting._objects import KINDS, PortableObject
from honeycomb.porting._plan import MISSING, Change, FieldChange, Plan, build_plan, diff_fields
from honeycomb.porting._report import Applied, ApplyError, ApplyReport
from honeycomb.porting._snapshot import FORMAT, FORMAT_VERSION, Snapshot, SnapshotError
from honeycomb.porting._terraform import terraform_files, write_terraform

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "KINDS",
    "MISSING",
    "Applied",
    "ApplyError",
    "ApplyReport",
    "Captured",
    "Change",
    "FieldChange",
    "Ids",
    "Plan",
    "PortableObject",
    "Snapshot",
    "SnapshotError",
    "UnresolvedReferenceError",
    "body_for",
    "build_plan",
    "clean_query",
    "diff_fields",
    "portable_objects",
    "terraform_files",
    "write_terraform",
]
