"""The output formats: raw, parseable, markup-safe, byte for byte."""

from __future__ import annotations

import csv
import io
import json

import pytest
import yaml

from honeycomb.cli.output import FORMATS, ids_of, render, render_table

TRICKY = 'High [red]errors[/red] \\ "quoted" ünïcode'
LONG = "x" * 120 + " [bold]not markup[/bold] " + "y" * 155
ROWS = [
    {"id": "t1", "name": TRICKY, "description": LONG, "settings": {"on": True}, "tags": ["a"]},
    {"id": "t2", "name": "plain", "description": None, "settings": {"on": False}, "tags": []},
]


def test_long_description_is_300_characters() -> None:
    assert len(LONG) == 300


def test_json_is_exact() -> None:
    text = render(ROWS, "json")
    assert json.loads(text) == ROWS
    assert TRICKY.replace("\\", "\\\\").replace('"', '\\"') in text
    assert LONG in text  # one line, never wrapped


def test_yaml_is_exact() -> None:
    text = render(ROWS, "yaml")
    assert yaml.safe_load(text) == ROWS
    assert LONG in text  # not folded


def test_ndjson_is_one_object_per_line() -> None:
    lines = render(ROWS, "ndjson").splitlines()
    assert [json.loads(line) for line in lines] == ROWS
    assert render({"id": "one"}, "ndjson") == '{"id": "one"}\n'
    assert render([], "ndjson") == ""


def test_csv_flattens_and_keeps_every_byte() -> None:
    text = render(ROWS, "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == ["id", "name", "description", "settings.on", "tags"]
    assert rows[0]["name"] == TRICKY
    assert rows[0]["description"] == LONG
    assert (rows[0]["settings.on"], rows[1]["settings.on"]) == ("true", "false")
    assert (rows[0]["tags"], rows[1]["description"]) == ('["a"]', "")


def test_quiet_prints_ids_in_every_format() -> None:
    for fmt in FORMATS:
        assert render(ROWS, fmt, quiet=True) == "t1\nt2\n"
    assert ids_of({"slug": "web"}, "slug") == ["web"]


def test_table_shows_markup_literally_and_fits_the_width() -> None:
    text = render_table(ROWS, ["id", "name", "description"], width=60)
    assert "[red]errors[/red]" in text
    assert all(len(line) <= 60 for line in text.splitlines())
    assert "…" in text  # the long description is cut, not wrapped
    assert "\x1b[" not in text  # no colour unless asked


def test_table_of_one_object_lists_fields() -> None:
    text = render_table(ROWS[0], width=80)
    assert "settings.on" in text and "FIELD" in text


def test_table_colour_only_when_asked() -> None:
    assert "\x1b[" in render_table(ROWS, ["id"], width=40, color=True)


def test_empty_list_table() -> None:
    assert render([], "table") == "(none)\n"


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown output format"):
        render(ROWS, "xml")  # type: ignore[arg-type]
