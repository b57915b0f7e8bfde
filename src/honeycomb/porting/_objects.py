"""Portable objects: one piece of an environment's configuration, with no ids.

A :class:`PortableObject` is a kind, the dataset it lives in (``None`` for objects of the
whole team environment such as recipients and boards, ``"__all__"`` for
environment-wide triggers, SLOs and calculated fields), its natural key and its
``spec``: the fields a create request takes, with every reference to another object
written symbolically (a recipient as ``{type, target}``, an SLO as ``{dataset, name}``,
a saved query as its inline specification).

The kinds, in the order an apply creates them, and the natural key of each:

==================== =============================== =====================================
kind                 scope                           natural key
==================== =============================== =====================================
``dataset``          the environment                 slug
``column``           a dataset                       ``key_name``
``calculated_field`` a dataset or ``__all__``        ``alias``
``recipient``        the environment                 ``type:target``
``slo``              a dataset or ``__all__``        ``name``
``burn_alert``       the SLO's dataset               SLO name, alert type and threshold
``trigger``          a dataset or ``__all__``        ``name``
``marker_setting``   a dataset or ``__all__``        ``type``
``query_annotation`` a dataset or ``__all__``        ``name``
``board``            the environment                 ``name`` (views and panels inside)
==================== =============================== =====================================
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "DATASET_KINDS",
    "ENVIRONMENT_KINDS",
    "ENVIRONMENT_WIDE",
    "FIELDS",
    "KINDS",
    "PortableObject",
    "assign_keys",
    "canonical",
    "mask",
    "natural_name",
    "normalize",
    "recipient_target",
    "redact",
    "sort_objects",
    "without_defaults",
]

ENVIRONMENT_WIDE = "__all__"

KINDS: tuple[str, ...] = (
    "dataset",
    "column",
    "calculated_field",
    "recipient",
    "slo",
    "burn_alert",
    "trigger",
    "marker_setting",
    "query_annotation",
    "board",
)
"""Every kind, in dependency order: each may refer only to kinds before it."""

ENVIRONMENT_KINDS = frozenset({"dataset", "recipient", "board"})
"""Kinds that belong to no dataset."""

DATASET_KINDS = frozenset(KINDS) - ENVIRONMENT_KINDS

# The detail that identifies a recipient of each type (what Honeycomb calls its target).
RECIPIENT_TARGET_FIELDS = {
    "email": "email_address",
    "slack": "slack_channel",
    "pagerduty": "pagerduty_integration_key",
    "webhook": "webhook_url",
    "msteams": "webhook_url",
    "msteams_workflow": "webhook_url",
}

# The plain fields of each kind: copied from a response into a spec, and from a spec into
# a request body. References (recipients, SLOs, queries, panels) are handled apart.
FIELDS: dict[str, tuple[str, ...]] = {
    "column": ("key_name", "type", "description", "hidden"),
    "calculated_field": ("alias", "expression", "description"),
    "slo": ("name", "description", "time_period_days", "target_per_million"),
    "burn_alert": (
        "alert_type",
        "description",
        "exhaustion_minutes",
        "budget_rate_window_minutes",
        "budget_rate_decrease_threshold_per_million",
    ),
    "trigger": (
        "name",
        "description",
        "threshold",
        "frequency",
        "alert_type",
        "disabled",
        "evaluation_schedule_type",
        "evaluation_schedule",
        "baseline_details",
    ),
    "marker_setting": ("type", "color"),
    "query_annotation": ("name", "description"),
    "board": ("name", "description", "type", "layout_generation", "preset_filters"),
}

# Field values the API fills in when a field is left out. A spec never records them, so
# an object exported from one environment compares equal to its copy in another however
# each was created; building a request puts them back (see ``_bodies.py``), so removing
# a field from a file resets it instead of leaving the old value in place.
DEFAULTS: dict[str, dict[str, Any]] = {
    "dataset": {"description": "", "expand_json_depth": 0},
    "column": {"description": "", "hidden": False},
    "calculated_field": {"description": ""},
    "recipient": {},
    "slo": {"description": "", "tags": []},
    "burn_alert": {"description": ""},
    "trigger": {
        "description": "",
        "tags": [],
        "disabled": False,
        "alert_type": "on_change",
        "frequency": 900,
        "evaluation_schedule_type": "frequency",
        "recipients": [],
    },
    "marker_setting": {},
    "query_annotation": {"description": ""},
    "board": {"description": "", "tags": [], "preset_filters": [], "panels": [], "views": []},
}


SENSITIVE = frozenset({"pagerduty_integration_key", "webhook_secret", "value"})
"""Fields never shown in a plan (``value`` only inside ``webhook_headers``)."""


def mask(secret: str) -> str:
    """``…cdef``: enough to tell two secrets apart, never the secret."""
    return "…" + secret[-4:] if len(secret) > 8 else "…"


def redact(value: Any, *, in_headers: bool = False) -> Any:
    """A copy of a JSON value with recipient secrets masked, for showing in a plan.

    Args:
        value: A spec or part of one.
        in_headers: Whether ``value`` is a webhook header (its ``value`` is secret).

    Returns:
        The masked copy.
    """
    if isinstance(value, Mapping):
        out = {}
        for key, item in value.items():
            secret = key in SENSITIVE and (key != "value" or in_headers)
            if secret and isinstance(item, str):
                out[key] = mask(item)
            else:
                out[key] = redact(item, in_headers=key == "webhook_headers")
        return out
    if isinstance(value, list):
        return [redact(item, in_headers=in_headers) for item in value]
    return value


def _empty(value: Any) -> bool:
    return value is None or value == [] or value == {}


def normalize(value: Any) -> Any:
    """A JSON value with every ``None``, empty list and empty object removed, recursively.

    Args:
        value: Any JSON-ready value.

    Returns:
        The cleaned copy. List order is kept.
    """
    if isinstance(value, Mapping):
        out = {}
        for key, item in value.items():
            cleaned = normalize(item)
            if not _empty(cleaned):
                out[str(key)] = cleaned
        return out
    if isinstance(value, (list, tuple)):
        return [normalize(item) for item in value]
    return value


def without_defaults(kind: str, spec: Mapping[str, Any]) -> dict[str, Any]:
    """``spec`` normalised, minus the top-level fields that hold the API's default.

    Args:
        kind: The object's kind.
        spec: Its specification.

    Returns:
        The spec as a portable object records it.
    """
    defaults = DEFAULTS[kind]
    cleaned: dict[str, Any] = normalize(spec)
    threshold = cleaned.get("threshold")
    if kind == "trigger" and isinstance(threshold, dict) and threshold.get("exceeded_limit") == 1:
        cleaned["threshold"] = {k: v for k, v in threshold.items() if k != "exceeded_limit"}
    if kind == "board":
        cleaned["panels"] = [_without_panel_defaults(p) for p in cleaned.get("panels") or []]
    return {k: v for k, v in cleaned.items() if not (k in defaults and defaults[k] == v)}


def _without_panel_defaults(panel: Any) -> Any:
    if not isinstance(panel, dict):
        return panel
    out = {k: v for k, v in panel.items() if not (k == "query_style" and v == "graph")}
    annotation = out.get("annotation")
    if isinstance(annotation, dict) and annotation.get("description") == "":
        out["annotation"] = {k: v for k, v in annotation.items() if k != "description"}
    return out


def canonical(value: Any) -> str:
    """A stable text form of a JSON value (sorted keys), for comparing and hashing."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def recipient_target(recipient_type: str, details: Mapping[str, Any]) -> str:
    """What identifies a recipient of this type: its address, channel, key or URL.

    Args:
        recipient_type: ``email``, ``slack``, ``pagerduty``, ``webhook``, ``msteams``...
        details: The recipient's ``details``.

    Returns:
        The target (empty when the details lack it).
    """
    name = RECIPIENT_TARGET_FIELDS.get(recipient_type)
    value = details.get(name) if name else None
    return str(value) if value is not None else ""


def natural_name(kind: str, spec: Mapping[str, Any]) -> str:
    """The natural key of an object of ``kind`` before duplicates are numbered.

    Args:
        kind: The object's kind.
        spec: Its specification.

    Returns:
        The name, alias, key name, type, slug or ``type:target`` that identifies it.
    """
    if kind == "dataset":
        return str(spec.get("slug") or spec.get("name") or "")
    if kind == "column":
        return str(spec.get("key_name") or "")
    if kind == "calculated_field":
        return str(spec.get("alias") or "")
    if kind == "marker_setting":
        return str(spec.get("type") or "")
    if kind == "recipient":
        kind_name = str(spec.get("type") or "")
        return f"{kind_name}:{recipient_target(kind_name, spec.get('details') or {})}"
    if kind == "burn_alert":
        slo = spec.get("slo") or {}
        alert_type = spec.get("alert_type")
        if alert_type == "budget_rate":
            detail = (
                f"budget_rate:{spec.get('budget_rate_window_minutes')}m:"
                f"{spec.get('budget_rate_decrease_threshold_per_million')}ppm"
            )
        else:
            detail = f"exhaustion_time:{spec.get('exhaustion_minutes')}m"
        return f"{slo.get('name', '')}/{detail}"
    return str(spec.get("name") or "")


@dataclass
class PortableObject:
    """One object of a snapshot.

    Attributes:
        kind: One of :data:`KINDS`.
        dataset: Its dataset slug, ``"__all__"`` for environment-wide objects, or None for
            kinds that belong to no dataset (datasets, recipients, boards).
        spec: Its portable specification (see the module docstring).
        key: Its natural key, unique among objects of the same kind and dataset (by
            default the natural name; :func:`assign_keys` numbers duplicates ``#2``...).
        ids: What the environment it was read from calls it and its parts (``{"id": ...}``,
            a board's panel query ids, its views' ids). Never written to files.
    """

    kind: str
    dataset: str | None
    spec: dict[str, Any]
    key: str = ""
    ids: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not self.key and isinstance(self.spec, Mapping):
            self.key = natural_name(self.kind, self.spec)

    @property
    def address(self) -> tuple[str, str | None, str]:
        """``(kind, dataset, key)``: what plans match objects by."""
        return (self.kind, self.dataset, self.key)

    @property
    def shown_key(self) -> str:
        """The key as shown to people: a PagerDuty integration key is masked."""
        if self.kind == "recipient" and self.key.startswith("pagerduty:"):
            return "pagerduty:" + mask(self.key.partition(":")[2])
        return self.key

    @property
    def label(self) -> str:
        """A short human name: ``trigger api/"High latency"`` (secrets masked)."""
        where = f"{self.dataset}/" if self.dataset is not None else ""
        return f'{self.kind} {where}"{self.shown_key}"'

    @property
    def name(self) -> str:
        """The object's own name (what a user sees in Honeycomb)."""
        return natural_name(self.kind, self.spec)


def assign_keys(objects: Iterable[PortableObject]) -> list[PortableObject]:
    """Give every object its natural key, numbering duplicates in a stable order.

    Two triggers of one dataset may share a name. They are told apart by content: the
    one whose canonical spec sorts first keeps the plain name, the next gets ``name#2``,
    and so on. The same rule on both sides of a plan pairs them up.

    Args:
        objects: The objects (their ``key`` is overwritten).

    Returns:
        The objects sorted by kind order, dataset and key.
    """
    groups: dict[tuple[str, str | None, str], list[PortableObject]] = {}
    for obj in objects:
        groups.setdefault((obj.kind, obj.dataset, natural_name(obj.kind, obj.spec)), []).append(obj)
    out: list[PortableObject] = []
    for (_, _, name), members in groups.items():
        members.sort(key=lambda o: canonical(o.spec))
        for index, obj in enumerate(members):
            obj.key = name if index == 0 else f"{name}#{index + 1}"
            out.append(obj)
    return sort_objects(out)


def sort_objects(objects: Iterable[PortableObject]) -> list[PortableObject]:
    """Objects in dependency order, then by dataset and key (a stable order)."""
    order = {kind: index for index, kind in enumerate(KINDS)}
    return sorted(objects, key=lambda o: (order[o.kind], o.dataset or "", o.key))
