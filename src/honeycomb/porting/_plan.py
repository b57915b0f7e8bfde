"""``Plan``: what it takes to make a target environment match a snapshot.

A plan pairs each object of the snapshot with the target's object of the same natural
key (see ``_objects.py``): no match is a create, a match with other content an update
(with the changed fields), and with ``prune`` a target object the snapshot lacks is a
delete. Creates and updates come in dependency order, deletes after them in reverse
order. Datasets and columns are never deleted: deleting either loses data.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from honeycomb.porting._objects import (
    KINDS,
    SENSITIVE,
    PortableObject,
    canonical,
    mask,
    redact,
    without_defaults,
)
from honeycomb.porting._snapshot import Snapshot

__all__ = ["MISSING", "Change", "FieldChange", "Plan", "build_plan", "diff_fields"]

Action = Literal["create", "update", "delete"]

NEVER_DELETED = frozenset({"dataset", "column"})
"""Kinds that ``prune`` leaves alone: deleting a dataset or a column deletes data."""


class _Missing:
    """The value of a field that is absent on one side of a change."""

    def __repr__(self) -> str:
        return "(absent)"


MISSING: Any = _Missing()


@dataclass(frozen=True)
class FieldChange:
    """One changed field of an update.

    Attributes:
        path: Dotted path with list indexes: ``threshold.value``, ``panels[0].query``.
        before: The target's value, or :data:`MISSING`.
        after: The snapshot's value, or :data:`MISSING`.
    """

    path: str
    before: Any
    after: Any

    @property
    def secret(self) -> bool:
        """Whether the field holds a secret (its values are masked when shown)."""
        leaf = self.path.rsplit(".", 1)[-1]
        return leaf in SENSITIVE and (leaf != "value" or "webhook_headers" in self.path)

    def shown(self, value: Any) -> Any:
        """``value`` as a plan shows it: secrets masked."""
        if value is MISSING:
            return value
        if self.secret and isinstance(value, str):
            return mask(value)
        return redact(value)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready, secrets masked: absent sides are left out."""
        out: dict[str, Any] = {"path": self.path}
        if self.before is not MISSING:
            out["before"] = self.shown(self.before)
        if self.after is not MISSING:
            out["after"] = self.shown(self.after)
        return out


def diff_fields(before: Any, after: Any, path: str = "") -> list[FieldChange]:
    """The leaf-level differences between two JSON values.

    Objects are compared key by key, lists of the same length item by item; anything
    else that differs is one change.

    Examples:
        >>> [c.path for c in diff_fields({"a": 1, "b": [1, 2]}, {"a": 2, "b": [1, 3]})]
        ['a', 'b[1]']

    Args:
        before: The old value.
        after: The new value.
        path: The path of this value (for recursion).

    Returns:
        The changes, in key order.
    """
    if isinstance(before, dict) and isinstance(after, dict):
        out: list[FieldChange] = []
        for key in sorted(set(before) | set(after)):
            sub = f"{path}.{key}" if path else key
            if key not in before:
                out.append(FieldChange(sub, MISSING, after[key]))
            elif key not in after:
                out.append(FieldChange(sub, before[key], MISSING))
            else:
                out.extend(diff_fields(before[key], after[key], sub))
        return out
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        out = []
        for index, (old, new) in enumerate(zip(before, after, strict=True)):
            out.extend(diff_fields(old, new, f"{path}[{index}]"))
        return out
    if canonical(before) == canonical(after):
        return []
    return [FieldChange(path, before, after)]


@dataclass
class Change:
    """One step of a plan.

    Attributes:
        action: ``create``, ``update`` or ``delete``.
        desired: The snapshot's object (None for a delete).
        current: The target's object, with its ids (None for a create).
        fields: For an update, the changed fields.
    """

    action: Action
    desired: PortableObject | None
    current: PortableObject | None
    fields: list[FieldChange] = field(default_factory=list)

    @property
    def obj(self) -> PortableObject:
        """The object this change is about (the snapshot's, else the target's)."""
        found = self.desired or self.current
        assert found is not None
        return found

    @property
    def kind(self) -> str:
        """The object's kind."""
        return self.obj.kind

    @property
    def dataset(self) -> str | None:
        """The object's dataset (None for environment objects)."""
        return self.obj.dataset

    @property
    def key(self) -> str:
        """The object's natural key."""
        return self.obj.key

    @property
    def label(self) -> str:
        """``trigger api/"High latency"``."""
        return self.obj.label

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready, for ``-o json`` (recipient secrets masked)."""
        out: dict[str, Any] = {
            "action": self.action,
            "kind": self.kind,
            "dataset": self.dataset,
            "key": self.obj.shown_key,
        }
        if self.action == "create" and self.desired is not None:
            out["after"] = redact(self.desired.spec)
        if self.action == "update":
            out["fields"] = [f.to_dict() for f in self.fields]
        if self.current is not None and self.current.ids.get("id") is not None:
            out["target_id"] = self.current.ids["id"]
        return out


_SYMBOL = {"create": "+", "update": "~", "delete": "-"}


def _short(value: Any, width: int = 72) -> str:
    if value is MISSING:
        return "(absent)"
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= width else text[: width - 1] + "…"


class Plan:
    """The changes that make a target match a snapshot; ``str(plan)`` reads like
    ``terraform plan``.

    Examples:
        >>> from honeycomb.porting import PortableObject, Snapshot, build_plan
        >>> want = Snapshot([PortableObject("marker_setting", "api",
        ...                                 {"type": "deploy", "color": "#00ff00"})])
        >>> plan = build_plan(want, Snapshot())
        >>> plan.counts()
        {'create': 1, 'update': 0, 'delete': 0}

    Args:
        changes: The changes, in the order they are to be applied.
        current: Every object the target had when the plan was made (with their ids),
            so that apply can resolve references to objects that do not change.
        source: Where the snapshot came from (its manifest's ``source``).
        target: What the target is (``team``, ``environment``, ``api_url``).
        compared: How many objects of the snapshot were compared.
    """

    def __init__(
        self,
        changes: Iterable[Change],
        *,
        current: Iterable[PortableObject] = (),
        source: dict[str, Any] | None = None,
        target: dict[str, Any] | None = None,
        compared: int = 0,
    ) -> None:
        self.changes = list(changes)
        self.current = list(current)
        self.source = dict(source or {})
        self.target = dict(target or {})
        self.compared = compared

    def __iter__(self) -> Iterator[Change]:
        return iter(self.changes)

    def __len__(self) -> int:
        return len(self.changes)

    def __bool__(self) -> bool:
        return bool(self.changes)

    def __repr__(self) -> str:
        counts = self.counts()
        return (
            f"Plan(create={counts['create']}, update={counts['update']}, delete={counts['delete']})"
        )

    @property
    def empty(self) -> bool:
        """True when the target already matches."""
        return not self.changes

    def counts(self) -> dict[str, int]:
        """``{"create": n, "update": n, "delete": n}``."""
        out = {"create": 0, "update": 0, "delete": 0}
        for change in self.changes:
            out[change.action] += 1
        return out

    def summary(self) -> str:
        """``Plan: 2 to create, 1 to update, 0 to delete.`` (or ``No changes.``)."""
        if self.empty:
            return "No changes."
        c = self.counts()
        return f"Plan: {c['create']} to create, {c['update']} to update, {c['delete']} to delete."

    def to_dict(self) -> dict[str, Any]:
        """The plan as JSON-ready data (what ``honeycomb plan -o json`` prints)."""
        return {
            "summary": self.counts(),
            "source": self.source,
            "target": self.target,
            "changes": [c.to_dict() for c in self.changes],
        }

    def __str__(self) -> str:
        if self.empty:
            return (
                f"No changes. The target matches the snapshot ({self.compared} objects compared).\n"
            )
        lines = ["Honeycomb will perform the following actions:", ""]
        for change in self.changes:
            lines.append(f"  {_SYMBOL[change.action]} {change.action} {change.label}")
            if change.action == "update":
                for item in change.fields:
                    before, after = item.shown(item.before), item.shown(item.after)
                    lines.append(f"      ~ {item.path}: {_short(before)} -> {_short(after)}")
            elif change.action == "create" and change.desired is not None:
                for name, value in redact(change.desired.spec).items():
                    lines.append(f"      + {name}: {_short(value)}")
            lines.append("")
        lines.append(self.summary())
        return "\n".join(lines) + "\n"


def build_plan(
    desired: Snapshot,
    current: Snapshot,
    *,
    prune: bool = False,
    target: dict[str, Any] | None = None,
) -> Plan:
    """Compare a snapshot (already remapped) with what a target holds.

    Args:
        desired: The snapshot to reach.
        current: The target's configuration, as exported (objects carry their ids).
        prune: Also delete target objects the snapshot lacks, within what it covers
            (never datasets or columns).
        target: What the target is, for the plan's header.

    Returns:
        The plan.
    """
    have = {obj.address: obj for obj in current}
    want = {obj.address: obj for obj in desired}
    changes: list[Change] = []
    for obj in desired:
        existing = have.get(obj.address)
        if existing is None:
            changes.append(Change("create", obj, None))
            continue
        fields = diff_fields(existing.spec, without_defaults(obj.kind, obj.spec))
        if fields:
            changes.append(Change("update", obj, existing, fields))
    if prune:
        order = {kind: index for index, kind in enumerate(KINDS)}
        stale = [
            obj
            for obj in current
            if obj.address not in want
            and obj.kind not in NEVER_DELETED
            and desired.covers(obj.dataset)
        ]
        stale.sort(key=lambda o: (-order[o.kind], o.dataset or "", o.key))
        changes.extend(Change("delete", None, obj) for obj in stale)
    return Plan(
        changes,
        current=current.objects,
        source=desired.source,
        target=target,
        compared=len(desired),
    )
