"""Request bodies from portable objects, with symbolic references resolved (pure).

``client.porting.apply`` calls these with the target's ids: an :class:`Ids` table filled
from the plan (objects the target already has) and from each create as it happens.
Every body holds only fields the SDK's request models take, and the API's defaults for
the fields the spec leaves out, so an update resets what a file no longer sets.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from honeycomb.porting._objects import DEFAULTS, FIELDS, PortableObject
from honeycomb.porting._snapshot import SnapshotError

__all__ = ["Ids", "UnresolvedReferenceError", "body_for", "query_body"]

JSON = dict[str, Any]


class UnresolvedReferenceError(SnapshotError):
    """An object refers to one that is neither in the snapshot nor in the target."""


class Ids:
    """Target ids by object address, for resolving symbolic references.

    Args:
        objects: Objects read from the target (their ``ids["id"]`` is used).
    """

    def __init__(self, objects: Iterable[PortableObject] = ()) -> None:
        self._ids: dict[tuple[str, str | None, str], str] = {}
        self._slos: dict[tuple[str, str], str] = {}
        for obj in objects:
            if obj.ids.get("id") is not None:
                self.add(obj, str(obj.ids["id"]))

    def add(self, obj: PortableObject, object_id: str) -> None:
        """Record what the target calls ``obj``."""
        self._ids[obj.address] = object_id
        if obj.kind == "slo" and obj.dataset is not None:
            self._slos[(obj.dataset, str(obj.spec.get("name") or ""))] = object_id

    def get(self, obj: PortableObject) -> str | None:
        """The target's id for ``obj``, if known."""
        return self._ids.get(obj.address)

    def recipient(self, ref: Mapping[str, Any], owner: str) -> str:
        """The id of the recipient ``{type, target}`` in the target.

        Raises:
            UnresolvedReferenceError: The target has no such recipient.
        """
        kind, target = str(ref.get("type") or ""), str(ref.get("target") or "")
        found = self._ids.get(("recipient", None, f"{kind}:{target}"))
        if found is None:
            raise UnresolvedReferenceError(
                f"{owner}: recipient {kind}:{target} is neither in the snapshot nor in the target"
            )
        return found

    def slo(self, ref: Mapping[str, Any], owner: str) -> str:
        """The id of the SLO ``{dataset, name}`` in the target.

        Raises:
            UnresolvedReferenceError: The target has no such SLO.
        """
        dataset, name = str(ref.get("dataset") or ""), str(ref.get("name") or "")
        found = self._slos.get((dataset, name))
        if found is None:
            raise UnresolvedReferenceError(
                f'{owner}: SLO {dataset}/"{name}" is neither in the snapshot nor in the target'
            )
        return found


def _with_defaults(obj: PortableObject, names: Sequence[str]) -> JSON:
    defaults = DEFAULTS[obj.kind]
    out: JSON = {}
    for name in names:
        if name in obj.spec:
            out[name] = obj.spec[name]
        elif name in defaults:
            out[name] = defaults[name]
    return out


def _recipients(refs: Iterable[Mapping[str, Any]], ids: Ids, owner: str) -> list[JSON]:
    out = []
    for ref in refs:
        item: JSON = {"id": ids.recipient(ref, owner)}
        if ref.get("details"):
            item["details"] = dict(ref["details"])
        out.append(item)
    return out


def query_body(spec: Mapping[str, Any]) -> JSON:
    """A query specification ready for ``POST /1/queries`` (a copy)."""
    return dict(spec)


def body_for(
    obj: PortableObject,
    ids: Ids,
    *,
    update: bool = False,
    panel_ids: Sequence[Mapping[str, str]] | None = None,
) -> JSON:
    """The create (or update) body for ``obj`` in the target.

    Args:
        obj: The snapshot's object.
        ids: The target's ids, for references.
        update: Build the ``PUT`` body (datasets and burn alerts differ from their create).
        panel_ids: For a board, each panel's ``query_id`` and ``query_annotation_id`` in
            the target (``{}`` for panels that are not query panels).

    Returns:
        The JSON body.

    Raises:
        UnresolvedReferenceError: A reference the target cannot satisfy.
    """
    spec = obj.spec
    owner = obj.label
    kind = obj.kind
    if kind == "dataset":
        names = ("description", "expand_json_depth")
        return _with_defaults(obj, names if update else ("name", *names))
    if kind in ("column", "calculated_field", "marker_setting", "query_annotation"):
        return _with_defaults(obj, FIELDS[kind])
    if kind == "recipient":
        return {"type": spec.get("type"), "details": dict(spec.get("details") or {})}
    if kind == "slo":
        body = _with_defaults(obj, (*FIELDS["slo"], "sli", "tags"))
        if spec.get("dataset_slugs"):
            body["dataset_slugs"] = list(spec["dataset_slugs"])
        return body
    if kind == "burn_alert":
        body = _with_defaults(obj, FIELDS["burn_alert"])
        body["recipients"] = _recipients(spec.get("recipients") or [], ids, owner)
        if not update:
            body["slo"] = {"id": ids.slo(spec.get("slo") or {}, owner)}
        return body
    if kind == "trigger":
        body = _with_defaults(obj, (*FIELDS["trigger"], "tags"))
        body["query"] = query_body(spec.get("query") or {})
        body["recipients"] = _recipients(spec.get("recipients") or [], ids, owner)
        if update and "baseline_details" not in body:
            body["baseline_details"] = {}  # an empty object removes a baseline
        return body
    if kind == "board":
        body = _with_defaults(obj, (*FIELDS["board"], "tags"))
        body.setdefault("type", "flexible")
        body["panels"] = _panels(obj, ids, panel_ids or [])
        return body
    raise SnapshotError(f"unknown kind {kind!r}")  # pragma: no cover - checked on creation


def _panels(obj: PortableObject, ids: Ids, panel_ids: Sequence[Mapping[str, str]]) -> list[JSON]:
    out = []
    for index, panel in enumerate(obj.spec.get("panels") or []):
        kind = panel.get("type")
        item: JSON = {"type": kind}
        if panel.get("position"):
            item["position"] = dict(panel["position"])
        if kind == "query":
            found = panel_ids[index] if index < len(panel_ids) else {}
            inner: JSON = {
                "query_id": found.get("query_id"),
                "query_annotation_id": found.get("query_annotation_id"),
            }
            for name in ("query_style", "visualization_settings"):
                if name in panel:
                    inner[name] = panel[name]
            item["query_panel"] = inner
        elif kind == "slo":
            item["slo_panel"] = {"slo_id": ids.slo(panel.get("slo") or {}, obj.label)}
        else:
            item.update({k: v for k, v in panel.items() if k not in ("type", "position")})
        out.append(item)
    return out
