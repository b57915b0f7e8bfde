"""Terraform export: the files parse (python-hcl2), and every resource type, attribute and
block is one the honeycombio provider's schema has.

``SCHEMA`` is written from the provider's documented schema (docs/resources/*.md of
honeycombio/terraform-provider-honeycombio, v0.51): for each resource, its arguments, which
of them are required, and its nested blocks with theirs. Read-only attributes (``id``,
``board_url``, timestamps) are not arguments and must never be written.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import hcl2
import pytest

from honeycomb.porting import PortableObject, Snapshot
from honeycomb.porting._terraform import terraform_files
from honeycomb.testing import FakeHoneycomb

from ._sync.porting_graph import seed

Schema = dict[str, Any]


def block(attributes: set[str], required: set[str] = frozenset(), **blocks: Schema) -> Schema:  # type: ignore[assignment]
    return {"attributes": attributes, "required": required, "blocks": blocks}


_NOTIFICATION = block({"pagerduty_severity"}, variable=block({"name", "value"}, {"name"}))
_RECIPIENT = block({"id", "type", "target"}, notification_details=_NOTIFICATION)

SCHEMA: dict[str, Schema] = {
    "honeycombio_dataset": block(
        {"name", "description", "expand_json_depth", "delete_protected"}, {"name"}
    ),
    "honeycombio_column": block(
        {"dataset", "name", "description", "hidden", "type"}, {"dataset", "name"}
    ),
    "honeycombio_derived_column": block(
        {"alias", "expression", "dataset", "description"}, {"alias", "expression"}
    ),
    "honeycombio_email_recipient": block({"address"}, {"address"}),
    "honeycombio_slack_recipient": block({"channel"}, {"channel"}),
    "honeycombio_pagerduty_recipient": block(
        {"integration_key", "integration_name"}, {"integration_key", "integration_name"}
    ),
    "honeycombio_webhook_recipient": block(
        {"name", "url", "secret"},
        {"name", "url"},
        header=block({"name", "value"}, {"name"}),
        template=block({"type", "body"}, {"type", "body"}),
        variable=block({"name", "default_value"}, {"name"}),
    ),
    "honeycombio_msteams_recipient": block({"name", "url"}, {"name", "url"}),
    "honeycombio_msteams_workflow_recipient": block({"name", "url"}, {"name", "url"}),
    "honeycombio_slo": block(
        {
            "name",
            "sli",
            "target_percentage",
            "time_period",
            "dataset",
            "datasets",
            "description",
            "tags",
        },
        {"name", "sli", "target_percentage", "time_period"},
    ),
    "honeycombio_burn_alert": block(
        {
            "slo_id",
            "alert_type",
            "auto_investigate",
            "budget_rate_decrease_percent",
            "budget_rate_window_minutes",
            "dataset",
            "description",
            "exhaustion_minutes",
        },
        {"slo_id"},
        recipient=_RECIPIENT,
    ),
    "honeycombio_trigger": block(
        {
            "name",
            "alert_type",
            "auto_investigate",
            "dataset",
            "description",
            "disabled",
            "frequency",
            "query_id",
            "query_json",
            "tags",
        },
        {"name"},
        baseline_details=block({"offset_minutes", "type"}, {"offset_minutes", "type"}),
        evaluation_schedule=block(
            {"days_of_week", "end_time", "start_time"}, {"days_of_week", "end_time", "start_time"}
        ),
        recipient=_RECIPIENT,
        threshold=block({"op", "value", "exceeded_limit"}, {"op", "value"}),
    ),
    "honeycombio_marker_setting": block({"color", "type", "dataset"}, {"color", "type"}),
    "honeycombio_query": block({"query_json", "dataset"}, {"query_json"}),
    "honeycombio_query_annotation": block(
        {"name", "query_id", "dataset", "description"}, {"name", "query_id"}
    ),
    "honeycombio_flexible_board": block(
        {"name", "description", "tags"},
        {"name"},
        panel=block(
            {"type"},
            {"type"},
            position=block({"height", "width", "x_coordinate", "y_coordinate"}),
            query_panel=block(
                {"query_annotation_id", "query_id", "query_style"},
                {"query_annotation_id", "query_id"},
                visualization_settings=block(
                    {
                        "hide_compare",
                        "hide_hovers",
                        "hide_markers",
                        "prefer_overlaid_charts",
                        "use_utc_xaxis",
                    },
                    chart=block(
                        {"chart_index", "chart_type", "omit_missing_values", "use_log_scale"}
                    ),
                ),
            ),
            slo_panel=block({"slo_id"}, {"slo_id"}),
            text_panel=block({"content"}, {"content"}),
        ),
        preset_filter=block({"alias", "column"}, {"alias", "column"}),
    ),
    "honeycombio_board_view": block(
        {"board_id", "name"},
        {"board_id", "name"},
        filter=block({"column", "operation", "value"}, {"column", "operation"}),
    ),
}


def unquote(text: str) -> str:
    return text[1:-1] if text.startswith('"') and text.endswith('"') else text


def is_block(value: Any) -> bool:
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(v, dict) and v.get("__is_block__") for v in value)
    )


def check_body(where: str, body: dict[str, Any], schema: Schema) -> list[str]:
    problems = []
    names = {k for k in body if k != "__is_block__"}
    for name in sorted(names):
        value = body[name]
        if is_block(value):
            if name not in schema["blocks"]:
                problems.append(f"{where}: unknown block {name!r}")
                continue
            for index, item in enumerate(value):
                problems += check_body(f"{where}.{name}[{index}]", item, schema["blocks"][name])
        elif name not in schema["attributes"]:
            problems.append(f"{where}: unknown attribute {name!r}")
    for name in sorted(schema["required"] - names):
        problems.append(f"{where}: required attribute {name!r} missing")
    return problems


@pytest.fixture(scope="module")
def exported() -> Snapshot:
    fake = FakeHoneycomb()
    with fake.client(max_retries=0) as client:
        client.recipients.create(
            {
                "type": "msteams_workflow",
                "details": {"webhook_name": "teams", "webhook_url": "https://teams.example/x"},
            }
        )
        seed(client)
        client.slos.create(
            "__all__",
            {
                "name": "Everywhere",
                "sli": {"alias": "is_error"},
                "time_period_days": 7,
                "target_per_million": 990000,
                "dataset_slugs": ["api", "web"],
            },
        )
        return client.porting.export()


@pytest.fixture(scope="module")
def parsed(exported: Snapshot) -> dict[str, dict[str, Any]]:
    return {name: hcl2.loads(text) for name, text in terraform_files(exported).items()}


def resources(parsed: dict[str, dict[str, Any]]) -> list[tuple[str, str, dict[str, Any]]]:
    out = []
    for document in parsed.values():
        for item in document.get("resource", []):
            for rtype, labelled in item.items():
                for label, body in labelled.items():
                    out.append((unquote(rtype), unquote(label), body))
    return out


def test_every_file_parses_and_the_provider_is_declared(parsed: dict[str, Any]) -> None:
    assert sorted(parsed) == [
        "boards.tf",
        "burn_alerts.tf",
        "columns.tf",
        "datasets.tf",
        "derived_columns.tf",
        "marker_settings.tf",
        "query_annotations.tf",
        "recipients.tf",
        "slos.tf",
        "triggers.tf",
        "versions.tf",
    ]
    (terraform,) = parsed["versions.tf"]["terraform"]
    (providers,) = terraform["required_providers"]
    assert unquote(providers["honeycombio"]["source"]) == "honeycombio/honeycombio"


def test_resource_types_and_attributes_match_the_provider_schema(parsed: dict[str, Any]) -> None:
    found = resources(parsed)
    problems = [
        p
        for rtype, label, body in found
        for p in (
            check_body(f"{rtype}.{label}", body, SCHEMA[rtype])
            if rtype in SCHEMA
            else [f"unknown resource type {rtype}"]
        )
    ]

    assert problems == []
    counts: dict[str, int] = {}
    for rtype, _, _ in found:
        counts[rtype] = counts.get(rtype, 0) + 1
    assert counts == {
        "honeycombio_dataset": 2,
        "honeycombio_column": 4,
        "honeycombio_derived_column": 2,
        "honeycombio_email_recipient": 1,
        "honeycombio_slack_recipient": 1,
        "honeycombio_pagerduty_recipient": 1,
        "honeycombio_webhook_recipient": 1,
        "honeycombio_msteams_workflow_recipient": 1,
        "honeycombio_slo": 2,
        "honeycombio_burn_alert": 2,
        "honeycombio_trigger": 3,
        "honeycombio_marker_setting": 2,
        "honeycombio_query": 2,
        "honeycombio_query_annotation": 2,
        "honeycombio_flexible_board": 1,
        "honeycombio_board_view": 1,
    }


def test_references_are_terraform_references_to_declared_resources(
    parsed: dict[str, Any],
) -> None:
    found = resources(parsed)
    declared = {f"{rtype}.{label}" for rtype, label, _ in found}
    text = "\n".join(str(body) for _, _, body in found)
    used = set(re.findall(r"\$\{(honeycombio_[a-z_]+\.[a-z0-9_]+)\.[a-z_]+\}", text))

    assert used and used <= declared
    bodies = {f"{rtype}.{label}": body for rtype, label, body in found}
    slo = bodies["honeycombio_slo.api_checkout_latency"]
    assert slo["sli"] == "${honeycombio_derived_column.api_is_good.alias}"
    assert slo["dataset"] == "${honeycombio_dataset.api.slug}"
    assert slo["target_percentage"] == 99.9
    everywhere = bodies["honeycombio_slo.all_everywhere"]
    assert everywhere["datasets"] == [
        "${honeycombio_dataset.api.slug}",
        "${honeycombio_dataset.web.slug}",
    ]
    assert "dataset" not in everywhere
    alert = bodies["honeycombio_burn_alert.api_checkout_latency_budget_rate_60m_1000ppm"]
    assert alert["slo_id"] == "${honeycombio_slo.api_checkout_latency.id}"
    assert alert["budget_rate_decrease_percent"] == 0.1
    trigger = bodies["honeycombio_trigger.api_slow_checkout"]
    assert trigger["query_json"].startswith("${jsonencode(")
    assert "query_id" not in trigger
    assert [r["id"] for r in trigger["recipient"]] == [
        "${honeycombio_email_recipient.oncall_example_com.id}",
        "${honeycombio_pagerduty_recipient.r_0123456789abcdef0123456789abcdef.id}",
    ]
    (details,) = trigger["recipient"][1]["notification_details"]
    assert unquote(details["pagerduty_severity"]) == "critical"
    assert trigger["tags"] == {"team": '"payments"'}
    assert "dataset" not in bodies["honeycombio_trigger.all_errors_everywhere"]
    board = bodies["honeycombio_flexible_board.checkout_health"]
    query_panel = board["panel"][0]["query_panel"][0]
    assert query_panel["query_id"] == "${honeycombio_query.api_checkout_health_panel_1.id}"
    assert board["panel"][1]["slo_panel"][0]["slo_id"] == (
        "${honeycombio_slo.api_checkout_latency.id}"
    )
    view = bodies["honeycombio_board_view.checkout_health_errors_only"]
    assert view["board_id"] == "${honeycombio_flexible_board.checkout_health.id}"
    assert unquote(view["filter"][0]["value"]) == "500"


def test_an_import_block_per_object_with_the_source_id(
    parsed: dict[str, Any], exported: Snapshot
) -> None:
    imports = {
        unquote(item["to"])[2:-1]: unquote(item["id"])
        for document in parsed.values()
        for item in document.get("import", [])
    }
    found = resources(parsed)

    not_imported = sorted(
        f"{rtype}.{label}" for rtype, label, _ in found if f"{rtype}.{label}" not in imports
    )
    assert not_imported == [
        "honeycombio_marker_setting.api_deploy",
        "honeycombio_marker_setting.web_feature_flag",
    ]
    trigger = exported.get("trigger", "api", "Slow checkout")
    wide = exported.get("trigger", "__all__", "Errors everywhere")
    board = exported.get("board", None, "Checkout health")
    assert trigger is not None and wide is not None and board is not None
    assert imports["honeycombio_trigger.api_slow_checkout"] == f"api/{trigger.ids['id']}"
    assert imports["honeycombio_trigger.all_errors_everywhere"] == wide.ids["id"]
    assert imports["honeycombio_dataset.api"] == "api"
    assert imports["honeycombio_column.api_duration_ms"] == "api/duration_ms"
    assert imports["honeycombio_derived_column.all_is_error"] == "is_error"
    assert imports["honeycombio_flexible_board.checkout_health"] == board.ids["id"]
    view_id = board.ids["views"]["Errors only"]
    assert imports["honeycombio_board_view.checkout_health_errors_only"] == (
        f"{board.ids['id']}/{view_id}"
    )
    panel = board.ids["panels"][0]
    assert imports["honeycombio_query.api_checkout_health_panel_1"] == f"api/{panel['query_id']}"
    text = terraform_files(exported)["marker_settings.tf"]
    assert "the provider cannot import marker settings" in text


def test_a_snapshot_read_from_files_has_no_ids_so_no_import_blocks(
    exported: Snapshot, tmp_path: Path
) -> None:
    exported.write(tmp_path / "snap")
    files = terraform_files(Snapshot.read(tmp_path / "snap"))

    assert all("import {" not in text for text in files.values())
    assert all(hcl2.loads(text) is not None for text in files.values())


def test_strings_that_look_like_templates_are_escaped(tmp_path: Path) -> None:
    snap = Snapshot(
        [
            PortableObject(
                "calculated_field",
                "api",
                {"alias": "x", "expression": 'CONCAT("${a}", "%{b}", "\\"q\\"")'},
            )
        ]
    )

    paths = snap.write(tmp_path, format="terraform")

    text = (tmp_path / "derived_columns.tf").read_text()
    assert "$${a}" in text and "%%{b}" in text
    (item,) = hcl2.loads(text)["resource"]
    assert sorted(p.name for p in paths) == ["derived_columns.tf", "versions.tf"]
    body = item['"honeycombio_derived_column"']['"api_x"']
    assert body["dataset"] == '"api"'


def test_the_schema_check_catches_unknown_and_missing_attributes() -> None:
    body = {"name": '"x"', "bogus": 1, "threshold": [{"__is_block__": True, "value": 1}]}

    assert check_body("t", body, SCHEMA["honeycombio_trigger"]) == [
        "t: unknown attribute 'bogus'",
        "t.threshold[0]: required attribute 'op' missing",
    ]
    assert check_body("c", {"name": '"x"'}, SCHEMA["honeycombio_column"]) == [
        "c: required attribute 'dataset' missing"
    ]


def test_rewriting_removes_the_files_of_kinds_that_are_gone(
    exported: Snapshot, tmp_path: Path
) -> None:
    (tmp_path / "main.tf").write_text("# ours\n")
    exported.write(tmp_path, format="terraform")
    assert (tmp_path / "boards.tf").exists()

    Snapshot([o for o in exported if o.kind != "board"]).write(tmp_path, format="terraform")

    assert not (tmp_path / "boards.tf").exists()
    assert (tmp_path / "triggers.tf").exists()
    assert (tmp_path / "main.tf").read_text() == "# ours\n"
