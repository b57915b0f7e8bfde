"""Terraform configuration for the ``honeycombio`` provider from a snapshot (pure).

``terraform_files(snapshot)`` returns ``.tf`` files: one resource block per object (a
query annotation also gets its ``honeycombio_query``, a board one query and one
annotation per query panel and one ``honeycombio_board_view`` per view), references
written as Terraform references (``honeycombio_slo.api_checkout_latency.id``), and, when
the snapshot was just exported (its objects still carry the source's ids), an
``import {}`` block per object with the id in the provider's import format, so that
``terraform plan`` adopts what exists instead of creating it again.

Where the provider differs from the API it follows the provider: an SLO's target is a
percentage (``target_per_million`` ÷ 10 000), a budget-rate alert's threshold too, tags
are a map, a board view filter's list value is one comma-separated string, and a few
visualisation settings have other names (``use_utc_xaxis``, ``prefer_overlaid_charts``,
``use_log_scale``). Marker settings have no importer in the provider: their blocks say so.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from honeycomb.porting._objects import ENVIRONMENT_WIDE, PortableObject
from honeycomb.porting._snapshot import Snapshot

__all__ = ["PROVIDER_SOURCE", "terraform_files", "write_terraform"]

PROVIDER_SOURCE = "honeycombio/honeycombio"

_FILES = {
    "dataset": "datasets.tf",
    "column": "columns.tf",
    "calculated_field": "derived_columns.tf",
    "recipient": "recipients.tf",
    "slo": "slos.tf",
    "burn_alert": "burn_alerts.tf",
    "trigger": "triggers.tf",
    "marker_setting": "marker_settings.tf",
    "query_annotation": "query_annotations.tf",
    "board": "boards.tf",
}

_RECIPIENTS: dict[str, tuple[str, dict[str, str]]] = {
    "email": ("honeycombio_email_recipient", {"address": "email_address"}),
    "slack": ("honeycombio_slack_recipient", {"channel": "slack_channel"}),
    "pagerduty": (
        "honeycombio_pagerduty_recipient",
        {
            "integration_key": "pagerduty_integration_key",
            "integration_name": "pagerduty_integration_name",
        },
    ),
    "webhook": (
        "honeycombio_webhook_recipient",
        {"name": "webhook_name", "url": "webhook_url", "secret": "webhook_secret"},
    ),
    "msteams": ("honeycombio_msteams_recipient", {"name": "webhook_name", "url": "webhook_url"}),
    "msteams_workflow": (
        "honeycombio_msteams_workflow_recipient",
        {"name": "webhook_name", "url": "webhook_url"},
    ),
}

_VISUALIZATION = {
    "hide_compare": "hide_compare",
    "hide_hovers": "hide_hovers",
    "hide_markers": "hide_markers",
    "utc_xaxis": "use_utc_xaxis",
    "overlaid_charts": "prefer_overlaid_charts",
}
_CHART = {
    "chart_index": "chart_index",
    "chart_type": "chart_type",
    "omit_missing_values": "omit_missing_values",
    "log_scale": "use_log_scale",
}


# ------------------------------------------------------------------------ writing HCL


@dataclass(frozen=True)
class Ref:
    """A Terraform expression written as is: ``honeycombio_slo.x.id``."""

    expression: str


@dataclass
class Block:
    """A block: ``type "label" ... { attributes and nested blocks }``.

    Attributes:
        type: ``resource``, ``import``, ``threshold``...
        labels: The quoted labels after the type.
        attributes: Name -> value, in order (None values are left out).
        blocks: Nested blocks, in order.
        comment: A comment line written above the block.
    """

    type: str
    labels: tuple[str, ...] = ()
    attributes: dict[str, Any] = field(default_factory=dict)
    blocks: list[Block] = field(default_factory=list)
    comment: str | None = None


def _string(text: str) -> str:
    # JSON escapes are valid HCL escapes; ${ and %{ would start a template.
    return json.dumps(text, ensure_ascii=False).replace("${", "$${").replace("%{", "%%{")


class _QuotedKey(str):
    """An object key written quoted, as a JSON document's keys are."""


def _key(name: str) -> str:
    if isinstance(name, _QuotedKey) or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", name):
        return _string(name)
    return name


def _value(value: Any, indent: int) -> str:
    pad = "  " * indent
    if isinstance(value, Ref):
        return value.expression
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return json.dumps(value)
    if isinstance(value, str):
        return _string(value)
    if value is None:
        return "null"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        items = [f"{pad}  {_value(v, indent + 1)}," for v in value]
        return "[\n" + "\n".join(items) + f"\n{pad}]"
    if isinstance(value, Mapping):
        if not value:
            return "{}"
        keys = [k if isinstance(k, str) else str(k) for k in value]
        width = max(len(_key(k)) for k in keys)
        items = [
            f"{pad}  {_key(k).ljust(width)} = {_value(v, indent + 1)}"
            for k, v in zip(keys, value.values(), strict=True)
        ]
        return "{\n" + "\n".join(items) + f"\n{pad}}}"
    raise TypeError(f"cannot write {type(value).__name__} as HCL")


def _jsonencode(value: Any, indent: int) -> Ref:
    """``jsonencode({...})``: the provider normalises the JSON it compares."""
    return Ref(f"jsonencode({_value(_quoted_keys(value), indent)})")


def _quoted_keys(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {_QuotedKey(str(k)): _quoted_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_quoted_keys(v) for v in value]
    return value


def render(block: Block, indent: int = 0) -> str:
    """One block as HCL text.

    Args:
        block: The block.
        indent: Its nesting depth.

    Returns:
        The text, ending with a newline.
    """
    pad = "  " * indent
    head = " ".join([block.type, *(_string(label) for label in block.labels)])
    lines = [f"{pad}# {block.comment}"] if block.comment else []
    lines.append(f"{pad}{head} {{")
    attributes = {k: v for k, v in block.attributes.items() if v is not None}
    if attributes:
        width = max(len(k) for k in attributes)
        for name, value in attributes.items():
            lines.append(f"{pad}  {name.ljust(width)} = {_value(value, indent + 1)}")
    for child in block.blocks:
        if attributes or child is not block.blocks[0]:
            lines.append("")
        lines.append(render(child, indent + 1).rstrip("\n"))
    lines.append(f"{pad}}}")
    return "\n".join(lines) + "\n"


# ----------------------------------------------------------------------- the resources


def _label(text: str) -> str:
    label = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")
    return label if label and not label[0].isdigit() else f"r_{label}"


class _Labels:
    """Unique resource labels per resource type, stable for a given snapshot."""

    def __init__(self) -> None:
        self._used: set[tuple[str, str]] = set()

    def make(self, resource_type: str, text: str) -> str:
        base = _label(text)
        label, n = base, 2
        while (resource_type, label) in self._used:
            label, n = f"{base}_{n}", n + 1
        self._used.add((resource_type, label))
        return label


def _tags(items: Iterable[Mapping[str, Any]] | None) -> dict[str, str] | None:
    tags = {str(t["key"]): str(t["value"]) for t in items or []}
    return tags or None


def _import(resource_type: str, label: str, import_id: str | None) -> Block | None:
    if not import_id:
        return None
    return Block("import", attributes={"to": Ref(f"{resource_type}.{label}"), "id": import_id})


def _scoped_id(dataset: str | None, object_id: Any) -> str | None:
    """The provider's import id: ``dataset/id``, or the bare id for environment-wide ones."""
    if object_id is None:
        return None
    if dataset in (None, ENVIRONMENT_WIDE):
        return str(object_id)
    return f"{dataset}/{object_id}"


class _Writer:
    def __init__(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        self.labels = _Labels()
        self.refs: dict[tuple[str, str | None, str], str] = {}
        self.slos: dict[tuple[str, str], str] = {}
        self.files: dict[str, list[Block | str]] = {}

    def add(self, kind: str, *blocks: Block | str | None) -> None:
        self.files.setdefault(_FILES[kind], []).extend(b for b in blocks if b is not None)

    def resource(
        self,
        kind: str,
        resource_type: str,
        text: str,
        attributes: dict[str, Any],
        blocks: list[Block] | None = None,
        import_id: str | None = None,
        comment: str | None = None,
    ) -> str:
        label = self.labels.make(resource_type, text)
        self.add(
            kind,
            Block(
                "resource",
                (resource_type, label),
                attributes,
                blocks or [],
                comment=comment,
            ),
            _import(resource_type, label, import_id),
        )
        return f"{resource_type}.{label}"

    def dataset_attr(self, dataset: str | None) -> Any:
        if dataset in (None, ENVIRONMENT_WIDE):
            return None
        address = self.refs.get(("dataset", None, dataset))
        return Ref(f"{address}.slug") if address else dataset

    def recipient_blocks(self, refs: Iterable[Mapping[str, Any]]) -> list[Block]:
        out = []
        for ref in refs:
            kind, target = str(ref.get("type") or ""), str(ref.get("target") or "")
            address = self.refs.get(("recipient", None, f"{kind}:{target}"))
            attributes: dict[str, Any] = (
                {"id": Ref(f"{address}.id")} if address else {"type": kind, "target": target}
            )
            details = ref.get("details") or {}
            inner: dict[str, Any] = {}
            if details.get("pagerduty_severity"):
                inner["pagerduty_severity"] = details["pagerduty_severity"]
            variables = [
                Block("variable", attributes={"name": v.get("name"), "value": v.get("value")})
                for v in details.get("variables") or []
            ]
            blocks = [Block("notification_details", attributes=inner, blocks=variables)]
            out.append(Block("recipient", attributes=attributes, blocks=blocks if details else []))
        return out

    def slo_ref(self, ref: Mapping[str, Any]) -> Any:
        address = self.slos.get((str(ref.get("dataset")), str(ref.get("name"))))
        return Ref(f"{address}.id") if address else None

    # -- one method per kind -----------------------------------------------------------

    def dataset(self, obj: PortableObject) -> None:
        spec = obj.spec
        address = self.resource(
            "dataset",
            "honeycombio_dataset",
            obj.key,
            {
                "name": spec.get("name"),
                "description": spec.get("description"),
                "expand_json_depth": spec.get("expand_json_depth"),
            },
            import_id=obj.ids.get("id"),
        )
        self.refs[obj.address] = address

    def column(self, obj: PortableObject) -> None:
        spec = obj.spec
        self.resource(
            "column",
            "honeycombio_column",
            f"{obj.dataset}_{obj.key}",
            {
                "dataset": self.dataset_attr(obj.dataset),
                "name": spec.get("key_name"),
                "type": spec.get("type"),
                "description": spec.get("description"),
                "hidden": spec.get("hidden"),
            },
            import_id=_scoped_id(obj.dataset, spec.get("key_name")) if obj.ids else None,
        )

    def calculated_field(self, obj: PortableObject) -> None:
        spec = obj.spec
        address = self.resource(
            "calculated_field",
            "honeycombio_derived_column",
            f"{obj.dataset}_{obj.key}",
            {
                "dataset": self.dataset_attr(obj.dataset),
                "alias": spec.get("alias"),
                "expression": spec.get("expression"),
                "description": spec.get("description"),
            },
            import_id=_scoped_id(obj.dataset, spec.get("alias")) if obj.ids else None,
        )
        self.refs[obj.address] = address

    def recipient(self, obj: PortableObject) -> None:
        kind = str(obj.spec.get("type"))
        details = obj.spec.get("details") or {}
        found = _RECIPIENTS.get(kind)
        if found is None:
            self.add("recipient", f"# recipient {obj.key}: the provider has no {kind} recipient\n")
            return
        resource_type, names = found
        attributes = {tf: details.get(api) for tf, api in names.items()}
        blocks = []
        if kind == "webhook":
            blocks += [
                Block("header", attributes={"name": h.get("header"), "value": h.get("value")})
                for h in details.get("webhook_headers") or []
            ]
            payloads = details.get("webhook_payloads") or {}
            for template_type, template in sorted(
                (payloads.get("payload_templates") or {}).items()
            ):
                if isinstance(template, dict) and template.get("body"):
                    blocks.append(
                        Block(
                            "template", attributes={"type": template_type, "body": template["body"]}
                        )
                    )
            blocks += [
                Block(
                    "variable",
                    attributes={"name": v.get("name"), "default_value": v.get("default_value")},
                )
                for v in payloads.get("template_variables") or []
            ]
        address = self.resource(
            "recipient",
            resource_type,
            obj.key.split(":", 1)[-1],
            attributes,
            blocks,
            import_id=obj.ids.get("id"),
        )
        self.refs[obj.address] = address

    def slo(self, obj: PortableObject) -> None:
        spec = obj.spec
        alias = str((spec.get("sli") or {}).get("alias") or "")
        field_address = self.refs.get(("calculated_field", obj.dataset, alias)) or self.refs.get(
            ("calculated_field", ENVIRONMENT_WIDE, alias)
        )
        slugs = spec.get("dataset_slugs")
        attributes: dict[str, Any] = {
            "name": spec.get("name"),
            "description": spec.get("description"),
        }
        if obj.dataset == ENVIRONMENT_WIDE:
            attributes["datasets"] = [self.dataset_attr(s) for s in slugs or []]
        else:
            attributes["dataset"] = self.dataset_attr(obj.dataset)
        attributes["sli"] = Ref(f"{field_address}.alias") if field_address else alias
        target = spec.get("target_per_million")
        attributes["target_percentage"] = _percent(target)
        attributes["time_period"] = spec.get("time_period_days")
        attributes["tags"] = _tags(spec.get("tags"))
        address = self.resource(
            "slo",
            "honeycombio_slo",
            f"{obj.dataset}_{obj.key}",
            attributes,
            import_id=_scoped_id(obj.dataset, obj.ids.get("id")),
        )
        self.slos[(str(obj.dataset), str(spec.get("name")))] = address

    def burn_alert(self, obj: PortableObject) -> None:
        spec = obj.spec
        attributes: dict[str, Any] = {
            "dataset": self.dataset_attr(obj.dataset),
            "slo_id": self.slo_ref(spec.get("slo") or {}),
            "alert_type": spec.get("alert_type"),
            "description": spec.get("description"),
        }
        if spec.get("alert_type") == "budget_rate":
            attributes["budget_rate_window_minutes"] = spec.get("budget_rate_window_minutes")
            attributes["budget_rate_decrease_percent"] = _percent(
                spec.get("budget_rate_decrease_threshold_per_million")
            )
        else:
            attributes["exhaustion_minutes"] = spec.get("exhaustion_minutes")
        self.resource(
            "burn_alert",
            "honeycombio_burn_alert",
            f"{obj.dataset}_{obj.key}",
            attributes,
            self.recipient_blocks(spec.get("recipients") or []),
            import_id=_scoped_id(obj.dataset, obj.ids.get("id")),
        )

    def trigger(self, obj: PortableObject) -> None:
        spec = obj.spec
        attributes: dict[str, Any] = {
            "name": spec.get("name"),
            "description": spec.get("description"),
            "dataset": self.dataset_attr(obj.dataset),
            "query_json": _jsonencode(spec.get("query") or {}, 1),
            "frequency": spec.get("frequency"),
            "alert_type": spec.get("alert_type"),
            "disabled": spec.get("disabled"),
            "tags": _tags(spec.get("tags")),
        }
        threshold = spec.get("threshold") or {}
        blocks = [
            Block(
                "threshold",
                attributes={
                    "op": threshold.get("op"),
                    "value": threshold.get("value"),
                    "exceeded_limit": threshold.get("exceeded_limit"),
                },
            )
        ]
        window = (spec.get("evaluation_schedule") or {}).get("window")
        if window:
            blocks.append(
                Block(
                    "evaluation_schedule",
                    attributes={
                        "start_time": window.get("start_time"),
                        "end_time": window.get("end_time"),
                        "days_of_week": window.get("days_of_week"),
                    },
                )
            )
        baseline = spec.get("baseline_details")
        if baseline:
            blocks.append(Block("baseline_details", attributes=dict(baseline)))
        blocks += self.recipient_blocks(spec.get("recipients") or [])
        self.resource(
            "trigger",
            "honeycombio_trigger",
            f"{obj.dataset}_{obj.key}",
            attributes,
            blocks,
            import_id=_scoped_id(obj.dataset, obj.ids.get("id")),
        )

    def marker_setting(self, obj: PortableObject) -> None:
        self.resource(
            "marker_setting",
            "honeycombio_marker_setting",
            f"{obj.dataset}_{obj.key}",
            {
                "dataset": self.dataset_attr(obj.dataset),
                "type": obj.spec.get("type"),
                "color": obj.spec.get("color"),
            },
            comment=(
                "the provider cannot import marker settings: remove this one from Honeycomb "
                "or from this file before the first apply"
                if obj.ids.get("id")
                else None
            ),
        )

    def query(self, kind: str, dataset: str | None, text: str, spec: Any, query_id: Any) -> str:
        return self.resource(
            kind,
            "honeycombio_query",
            f"{dataset}_{text}",
            {"dataset": self.dataset_attr(dataset), "query_json": _jsonencode(spec or {}, 1)},
            import_id=_scoped_id(dataset, query_id),
        )

    def annotation(
        self,
        kind: str,
        dataset: str | None,
        text: str,
        query: str,
        annotation: Mapping[str, Any],
        annotation_id: Any,
    ) -> str:
        return self.resource(
            kind,
            "honeycombio_query_annotation",
            f"{dataset}_{text}",
            {
                "dataset": self.dataset_attr(dataset),
                "query_id": Ref(f"{query}.id"),
                "name": annotation.get("name"),
                "description": annotation.get("description"),
            },
            import_id=_scoped_id(dataset, annotation_id),
        )

    def query_annotation(self, obj: PortableObject) -> None:
        query = self.query(
            "query_annotation", obj.dataset, obj.key, obj.spec.get("query"), obj.ids.get("query_id")
        )
        self.annotation(
            "query_annotation", obj.dataset, obj.key, query, obj.spec, obj.ids.get("id")
        )

    def board(self, obj: PortableObject) -> None:
        spec = obj.spec
        panel_ids = obj.ids.get("panels") or []
        panels = []
        for index, panel in enumerate(spec.get("panels") or []):
            found = panel_ids[index] if index < len(panel_ids) else {}
            kind = panel.get("type")
            blocks = []
            if panel.get("position"):
                blocks.append(Block("position", attributes=dict(panel["position"])))
            if kind == "query":
                dataset = panel.get("dataset")
                text = f"{obj.key}_panel_{index + 1}"
                query = self.query(
                    "board", dataset, text, panel.get("query"), found.get("query_id")
                )
                annotation = self.annotation(
                    "board",
                    dataset,
                    text,
                    query,
                    panel.get("annotation") or {"name": text},
                    found.get("query_annotation_id"),
                )
                blocks.append(
                    Block(
                        "query_panel",
                        attributes={
                            "query_id": Ref(f"{query}.id"),
                            "query_annotation_id": Ref(f"{annotation}.id"),
                            "query_style": panel.get("query_style"),
                        },
                        blocks=_visualization(panel.get("visualization_settings")),
                    )
                )
            elif kind == "slo":
                blocks.append(
                    Block("slo_panel", attributes={"slo_id": self.slo_ref(panel.get("slo") or {})})
                )
            elif kind == "text":
                content = (panel.get("text_panel") or {}).get("content")
                blocks.append(Block("text_panel", attributes={"content": content}))
            panels.append(Block("panel", attributes={"type": kind}, blocks=blocks))
        presets = [
            Block("preset_filter", attributes={"column": p.get("column"), "alias": p.get("alias")})
            for p in spec.get("preset_filters") or []
        ]
        address = self.resource(
            "board",
            "honeycombio_flexible_board",
            obj.key,
            {
                "name": spec.get("name"),
                "description": spec.get("description"),
                "tags": _tags(spec.get("tags")),
            },
            presets + panels,
            import_id=obj.ids.get("id"),
        )
        view_ids = obj.ids.get("views") or {}
        for view in spec.get("views") or []:
            filters = [
                Block(
                    "filter",
                    attributes={
                        "column": f.get("column"),
                        "operation": f.get("operation"),
                        "value": _filter_value(f.get("value")),
                    },
                )
                for f in view.get("filters") or []
            ]
            view_id = view_ids.get(view.get("name"))
            self.resource(
                "board",
                "honeycombio_board_view",
                f"{obj.key}_{view.get('name')}",
                {"board_id": Ref(f"{address}.id"), "name": view.get("name")},
                filters,
                import_id=f"{obj.ids['id']}/{view_id}" if view_id and obj.ids.get("id") else None,
            )


def _percent(per_million: Any) -> Any:
    if not isinstance(per_million, (int, float)):
        return per_million
    value = per_million / 10_000
    return int(value) if float(value).is_integer() else value


def _filter_value(value: Any) -> Any:
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value)


def _visualization(settings: Mapping[str, Any] | None) -> list[Block]:
    if not settings:
        return []
    attributes = {tf: settings.get(api) for api, tf in _VISUALIZATION.items()}
    charts = [
        Block("chart", attributes={tf: c.get(api) for api, tf in _CHART.items()})
        for c in settings.get("charts") or []
    ]
    return [Block("visualization_settings", attributes=attributes, blocks=charts)]


_HEADER = (
    "# Generated by honeycomb-sdk from a snapshot of {where}.\n"
    "# Review, then `terraform plan`: the import blocks adopt the existing objects.\n\n"
)

_VERSIONS = (
    "terraform {\n"
    '  required_version = ">= 1.5" # import blocks\n'
    "  required_providers {\n"
    "    honeycombio = {\n"
    f'      source = "{PROVIDER_SOURCE}"\n'
    "    }\n"
    "  }\n"
    "}\n"
)


def terraform_files(snapshot: Snapshot) -> dict[str, str]:
    """The snapshot as Terraform configuration for the ``honeycombio`` provider.

    Examples:
        >>> from honeycomb.porting import PortableObject, Snapshot
        >>> files = terraform_files(Snapshot([PortableObject(
        ...     "marker_setting", "api", {"type": "deploy", "color": "#00ff00"})]))
        >>> sorted(files)
        ['marker_settings.tf', 'versions.tf']

    Args:
        snapshot: The snapshot (import blocks need the ids an export leaves on objects).

    Returns:
        File name -> content, in a stable order.
    """
    writer = _Writer(snapshot)
    for obj in snapshot:
        getattr(writer, obj.kind)(obj)
    source = snapshot.source
    where = "/".join(str(source[k]) for k in ("team", "environment") if source.get(k))
    header = _HEADER.format(where=where or "an environment")
    files = {"versions.tf": _VERSIONS}
    for name, blocks in sorted(writer.files.items()):
        files[name] = header + "\n".join(b if isinstance(b, str) else render(b) for b in blocks)
    return files


def write_terraform(snapshot: Snapshot, directory: str | os.PathLike[str]) -> list[Path]:
    """Write :func:`terraform_files` under ``directory``, removing the files of kinds the
    snapshot no longer has (other ``.tf`` files are left alone).

    Args:
        snapshot: The snapshot.
        directory: The folder (created when missing).

    Returns:
        The paths written.
    """
    root = Path(directory)
    root.mkdir(parents=True, exist_ok=True)
    files = terraform_files(snapshot)
    out = []
    for name, text in files.items():
        path = root / name
        path.write_text(text, encoding="utf-8")
        out.append(path)
    # A kind that is gone would leave its old file, and Terraform would keep its resources.
    for name in sorted(set(_FILES.values()) - set(files)):
        (root / name).unlink(missing_ok=True)
    return out
