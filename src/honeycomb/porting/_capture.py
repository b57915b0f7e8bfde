"""Turning what the API returned into portable objects (pure; the reading is done by
``client.porting.export``).

:class:`Captured` holds the raw JSON of one environment, as the list and get operations
returned it; :func:`portable_objects` rewrites every id into a symbolic reference:

- a trigger's or burn alert's recipient ``{"id": ...}`` becomes ``{"type", "target"}``
  (plus its per-alert ``details``);
- a trigger keeps its inline query, never its ``query_id``;
- a burn alert names its SLO by ``{"dataset", "name"}``;
- a board's query panel carries its query inline with its dataset and its annotation's
  name and description; an SLO panel names its SLO by ``{"dataset", "name"}``;
- a query annotation carries its query inline.

Query annotations that a board's query panel uses belong to the board and are not
exported again on their own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from honeycomb.porting._objects import (
    FIELDS,
    PortableObject,
    assign_keys,
    normalize,
    recipient_target,
    without_defaults,
)

__all__ = ["Captured", "clean_query", "portable_objects", "scope_objects"]

JSON = dict[str, Any]

# Query fields the API owns, or that only exist on a saved query.
_QUERY_OWNED = ("id", "query_annotation_id", "dataset_slug", "created_at", "updated_at")


@dataclass
class Captured:
    """The raw configuration of one environment, keyed by dataset slug where scoped.

    Attributes:
        datasets: ``GET /1/datasets`` items (the ones exported).
        columns: Columns per dataset.
        calculated_fields: Calculated fields per dataset (and ``__all__``).
        recipients: Every recipient.
        slos: SLOs per dataset (and ``__all__``).
        burn_alerts: Burn alerts per dataset, each as ``GET /1/burn_alerts/{ds}/{id}``
            returns it (with ``slo.id`` and its recipients).
        triggers: Triggers per dataset (and ``__all__``).
        marker_settings: Marker settings per dataset (and ``__all__``).
        query_annotations: Query annotations per dataset (and ``__all__``).
        queries: Saved queries by ``(dataset, query_id)``.
        annotations: Query annotations by id (those board panels use, from any dataset).
        boards: Every board.
        views: Views per board id.
    """

    datasets: list[JSON] = field(default_factory=list)
    columns: dict[str, list[JSON]] = field(default_factory=dict)
    calculated_fields: dict[str, list[JSON]] = field(default_factory=dict)
    recipients: list[JSON] = field(default_factory=list)
    slos: dict[str, list[JSON]] = field(default_factory=dict)
    burn_alerts: dict[str, list[JSON]] = field(default_factory=dict)
    triggers: dict[str, list[JSON]] = field(default_factory=dict)
    marker_settings: dict[str, list[JSON]] = field(default_factory=dict)
    query_annotations: dict[str, list[JSON]] = field(default_factory=dict)
    queries: dict[tuple[str, str], JSON] = field(default_factory=dict)
    annotations: dict[str, JSON] = field(default_factory=dict)
    boards: list[JSON] = field(default_factory=list)
    views: dict[str, list[JSON]] = field(default_factory=dict)

    def board_annotation_ids(self) -> set[str]:
        """The ids of the query annotations board panels use."""
        return {
            str(panel["query_panel"]["query_annotation_id"])
            for board in self.boards
            for panel in board.get("panels") or []
            if panel.get("type") == "query"
            and (panel.get("query_panel") or {}).get("query_annotation_id")
        }

    def board_query_ids(self) -> set[tuple[str, str]]:
        """``(dataset, query_id)`` of every board query panel."""
        out = set()
        for board in self.boards:
            for panel in board.get("panels") or []:
                inner = panel.get("query_panel") or {}
                if panel.get("type") == "query" and inner.get("query_id"):
                    out.add((str(inner.get("dataset") or ""), str(inner["query_id"])))
        return out


def clean_query(query: Mapping[str, Any] | None) -> JSON:
    """A query specification without the fields the API owns and without its defaults.

    Args:
        query: A query as returned (inline on a trigger, or a saved query).

    Returns:
        The portable specification.
    """
    spec = {k: v for k, v in (query or {}).items() if k not in _QUERY_OWNED}
    cleaned: JSON = normalize(spec)
    if cleaned.get("filter_combination") == "AND":  # the API's default, omitted in responses
        del cleaned["filter_combination"]
    return cleaned


class _References:
    """Id -> symbolic reference lookups for one environment."""

    def __init__(self, captured: Captured) -> None:
        self.captured = captured
        self.recipients = {str(r["id"]): r for r in captured.recipients if r.get("id")}
        self.slos: dict[str, tuple[str, str]] = {}
        for dataset, items in captured.slos.items():
            for slo in items:
                self.slos[str(slo["id"])] = (dataset, str(slo.get("name") or ""))

    def recipient(self, ref: Mapping[str, Any]) -> JSON:
        """A notification recipient as ``{type, target, details?}``."""
        found = self.recipients.get(str(ref.get("id") or ""))
        if found is not None:
            kind = str(found.get("type") or "")
            out: JSON = {"type": kind, "target": recipient_target(kind, found.get("details") or {})}
        else:  # the deprecated inline form, or a recipient this key cannot see
            out = {"type": ref.get("type"), "target": ref.get("target")}
        details = normalize(ref.get("details") or {})
        if details:
            out["details"] = details
        return normalize(out)  # type: ignore[no-any-return]

    def recipients_of(self, items: Iterable[Mapping[str, Any]] | None) -> list[JSON]:
        """Recipient references, sorted so their order never shows as a change."""
        refs = [self.recipient(r) for r in items or []]
        return sorted(refs, key=lambda r: (r.get("type") or "", r.get("target") or ""))

    def slo(self, slo_id: str | None) -> JSON:
        """An SLO reference as ``{dataset, name}``."""
        dataset, name = self.slos.get(str(slo_id or ""), ("", ""))
        return {"dataset": dataset, "name": name}

    def query(self, dataset: str, query_id: str | None) -> JSON:
        """A saved query's portable specification."""
        return clean_query(self.captured.queries.get((dataset, str(query_id or ""))))


def _tags(items: Iterable[Mapping[str, Any]] | None) -> list[JSON]:
    tags = [{"key": t.get("key"), "value": t.get("value")} for t in items or []]
    return sorted(tags, key=lambda t: (str(t["key"]), str(t["value"])))


def _pick(item: Mapping[str, Any], *names: str) -> JSON:
    return {name: item.get(name) for name in names if name in item}


def _dataset(item: JSON) -> PortableObject:
    spec = _pick(item, "name", "description", "expand_json_depth")
    return PortableObject("dataset", None, {"slug": item.get("slug"), **spec})


def _column(dataset: str, item: JSON) -> PortableObject:
    return PortableObject("column", dataset, _pick(item, *FIELDS["column"]))


def _calculated_field(dataset: str, item: JSON) -> PortableObject:
    return PortableObject("calculated_field", dataset, _pick(item, *FIELDS["calculated_field"]))


def _recipient(item: JSON) -> PortableObject:
    return PortableObject("recipient", None, _pick(item, "type", "details"))


def _slo(dataset: str, item: JSON) -> PortableObject:
    spec = _pick(item, *FIELDS["slo"])
    spec["sli"] = {"alias": (item.get("sli") or {}).get("alias")}
    spec["tags"] = _tags(item.get("tags"))
    slugs = item.get("dataset_slugs") or []
    if len(slugs) > 1 or dataset == "__all__":  # a multi-dataset SLO names its datasets
        spec["dataset_slugs"] = sorted(slugs)
    return PortableObject("slo", dataset, spec)


def _burn_alert(dataset: str, item: JSON, refs: _References) -> PortableObject:
    spec = _pick(item, *FIELDS["burn_alert"])
    spec["slo"] = refs.slo((item.get("slo") or {}).get("id"))
    spec["recipients"] = refs.recipients_of(item.get("recipients"))
    return PortableObject("burn_alert", dataset, spec)


def _trigger(dataset: str, item: JSON, refs: _References) -> PortableObject:
    spec = _pick(item, *FIELDS["trigger"])
    if item.get("query"):
        spec["query"] = clean_query(item["query"])
    else:
        spec["query"] = refs.query(dataset, item.get("query_id"))
    spec["tags"] = _tags(item.get("tags"))
    spec["recipients"] = refs.recipients_of(item.get("recipients"))
    return PortableObject("trigger", dataset, spec)


def _marker_setting(dataset: str, item: JSON) -> PortableObject:
    return PortableObject("marker_setting", dataset, _pick(item, *FIELDS["marker_setting"]))


def _query_annotation(dataset: str, item: JSON, refs: _References) -> PortableObject:
    spec = _pick(item, *FIELDS["query_annotation"])
    spec["query"] = refs.query(dataset, item.get("query_id"))
    return PortableObject("query_annotation", dataset, spec)


def _panel(panel: JSON, refs: _References) -> tuple[JSON, JSON]:
    """A portable panel and the ids it had."""
    kind = panel.get("type")
    out: JSON = {"type": kind}
    ids: JSON = {}
    if kind == "query":
        inner = panel.get("query_panel") or {}
        dataset = str(inner.get("dataset") or "")
        annotation = refs.captured.annotations.get(str(inner.get("query_annotation_id") or ""))
        out["dataset"] = dataset
        out["query"] = refs.query(dataset, inner.get("query_id"))
        out["annotation"] = _pick(annotation or {}, "name", "description")
        out.update(_pick(inner, "query_style", "visualization_settings"))
        ids = _pick(inner, "query_id", "query_annotation_id")
    elif kind == "slo":
        inner = panel.get("slo_panel") or {}
        out["slo"] = refs.slo(inner.get("slo_id"))
    else:
        out.update({k: v for k, v in panel.items() if k not in ("type", "position")})
    if panel.get("position"):
        out["position"] = panel["position"]
    return normalize(out), ids


def _board(item: JSON, views: list[JSON], refs: _References) -> PortableObject:
    spec = _pick(item, *FIELDS["board"])
    spec["tags"] = _tags(item.get("tags"))
    panels = [_panel(p, refs) for p in item.get("panels") or []]
    spec["panels"] = [p for p, _ in panels]
    spec["views"] = sorted(
        (normalize(_pick(v, "name", "filters")) for v in views), key=lambda v: str(v.get("name"))
    )
    obj = PortableObject("board", None, spec)
    obj.ids = {
        "id": item.get("id"),
        "panels": [ids for _, ids in panels],
        "views": {str(v.get("name")): v.get("id") for v in views},
    }
    return obj


def _with_ids(obj: PortableObject, item: Mapping[str, Any], **extra: Any) -> PortableObject:
    obj.spec = without_defaults(obj.kind, obj.spec)
    if not obj.ids:
        obj.ids = {"id": item.get("id"), **extra}
    return obj


def portable_objects(captured: Captured) -> list[PortableObject]:
    """Every object of ``captured``, with symbolic references and natural keys.

    Args:
        captured: The raw configuration of one environment.

    Returns:
        The portable objects in dependency order, each with its source ``ids``.
    """
    refs = _References(captured)
    board_annotations = captured.board_annotation_ids()
    out: list[PortableObject] = []
    for item in captured.datasets:
        out.append(_with_ids(_dataset(item), item, id=item.get("slug")))
    for dataset, items in captured.columns.items():
        out.extend(_with_ids(_column(dataset, i), i) for i in items)
    for dataset, items in captured.calculated_fields.items():
        out.extend(_with_ids(_calculated_field(dataset, i), i) for i in items)
    out.extend(_with_ids(_recipient(i), i) for i in captured.recipients)
    for dataset, items in captured.slos.items():
        out.extend(_with_ids(_slo(dataset, i), i) for i in items)
    for dataset, items in captured.burn_alerts.items():
        out.extend(
            _with_ids(_burn_alert(dataset, i, refs), i, slo_id=(i.get("slo") or {}).get("id"))
            for i in items
        )
    for dataset, items in captured.triggers.items():
        out.extend(_with_ids(_trigger(dataset, i, refs), i) for i in items)
    for dataset, items in captured.marker_settings.items():
        out.extend(_with_ids(_marker_setting(dataset, i), i) for i in items)
    for dataset, items in captured.query_annotations.items():
        out.extend(
            _with_ids(_query_annotation(dataset, i, refs), i, query_id=i.get("query_id"))
            for i in items
            if str(i.get("id")) not in board_annotations and i.get("source") != "board"
        )
    for item in captured.boards:
        views = captured.views.get(str(item.get("id")), [])
        out.append(_with_ids(_board(item, views, refs), item))
    return assign_keys(out)


def scope_objects(
    objects: Iterable[PortableObject], datasets: Iterable[str]
) -> list[PortableObject]:
    """The objects an export of some datasets only keeps.

    Objects of those datasets stay, with the recipients they notify and the boards whose
    panels all show those datasets (text-only boards belong to no dataset and are left
    out).

    Args:
        objects: Every object of the environment.
        datasets: The chosen dataset slugs (``"__all__"`` for environment-wide objects).

    Returns:
        The kept objects.
    """
    chosen = set(datasets)
    items = list(objects)
    kept = [
        o
        for o in items
        if (o.kind == "dataset" and o.key in chosen)
        or (o.dataset is not None and o.dataset in chosen)
    ]
    used = {
        f"{r.get('type')}:{r.get('target')}"
        for o in kept
        for r in o.spec.get("recipients") or []
        if isinstance(r, dict)
    }
    kept += [o for o in items if o.kind == "recipient" and o.key in used]
    for board in (o for o in items if o.kind == "board"):
        shown = {
            str(
                p.get("dataset")
                if p.get("type") == "query"
                else (p.get("slo") or {}).get("dataset")
            )
            for p in board.spec.get("panels") or []
            if p.get("type") in ("query", "slo")
        }
        if shown and shown <= chosen:
            kept.append(board)
    return kept
