"""``honeycomb schema export|show|list``: the files, their content, errors."""

from __future__ import annotations

import json
from pathlib import Path

from jsonschema import Draft202012Validator

from honeycomb.cli.model_schemas import COMBINED_FILE, public_models
from tests.cli._run import clean_env, run_cli, run_process


def test_export_writes_one_file_per_model_and_the_combined_file(tmp_path: Path) -> None:
    target = tmp_path / "schemas" / "nested"
    result = run_cli(["schema", "export", str(target)])
    assert result.code == 0, result.stderr
    names = {p.name for p in target.iterdir()}
    assert names == {f"{m}.json" for m in public_models()} | {COMBINED_FILE}
    trigger = json.loads((target / "TriggerCreate.json").read_text())
    assert trigger["title"] == "TriggerCreate"
    Draft202012Validator.check_schema(trigger)
    combined = json.loads((target / COMBINED_FILE).read_text())
    assert "Trigger" in combined["$defs"]
    assert result.stdout == ""
    assert (
        result.stderr == f"Wrote {len(names) - 1} model schemas and {COMBINED_FILE} to {target}\n"
    )


def test_export_quiet_prints_the_paths(tmp_path: Path) -> None:
    result = run_cli(["schema", "export", str(tmp_path), "-q"])
    assert result.code == 0
    assert str(tmp_path / "Trigger.json") in result.stdout.splitlines()
    assert result.stderr == ""


def test_export_into_a_file_is_one_error_line(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run_cli(["schema", "export", str(blocker)])
    assert result.code == 1
    assert result.stderr.startswith(f"Error: cannot write to {blocker}")
    assert result.stderr.count("\n") == 1


def test_show_prints_one_schema() -> None:
    result = run_cli(["schema", "show", "querySpec"])
    assert result.code == 0, result.stderr
    schema = json.loads(result.stdout)
    assert schema["title"] == "QuerySpec"
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    yaml_out = run_cli(["schema", "show", "QuerySpec", "-o", "yaml"])
    assert yaml_out.stdout.startswith("$schema:") or "title: QuerySpec" in yaml_out.stdout


def test_show_an_unknown_model_suggests_names() -> None:
    result = run_cli(["schema", "show", "Triger"])
    assert result.code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("Error: no model named 'Triger'; did you mean Trigger")


def test_list_names_every_model_with_its_kind() -> None:
    result = run_cli(["schema", "list", "-o", "json"])
    assert result.code == 0
    listed = {row["model"]: row["kind"] for row in json.loads(result.stdout)}
    assert listed["TriggerCreate"] == "request"
    assert listed["Trigger"] == "response"
    assert set(listed) == set(public_models())


def test_export_as_a_process(tmp_path: Path) -> None:
    result = run_process(["schema", "export", str(tmp_path)], env=clean_env())
    assert result.code == 0, result.stderr
    assert (tmp_path / COMBINED_FILE).is_file()
    assert json.loads((tmp_path / "SLO.json").read_text())["title"] == "SLO"
