"""Board models against the spec: its examples parse and validate; enums and limits match."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pydantic import TypeAdapter

from honeycomb.errors import RequestValidationError
from honeycomb.models._base import to_request_body
from honeycomb.models.boards import (
    MAX_PRESET_FILTERS,
    MAX_TEXT_PANEL_LENGTH,
    MAX_THRESHOLDS,
    Board,
    BoardCreate,
    BoardType,
    BoardUpdate,
    ChartType,
    LayoutGeneration,
    PanelType,
    QueryPanel,
    QueryStyle,
    SLOPanel,
    TextPanel,
    ThresholdColor,
    ThresholdLineStyle,
    ThresholdOperation,
    UnknownPanel,
)
from tests._schema_examples import request_examples, response_examples, schemas

# ----------------------------------------------------------------- spec examples


def test_list_example_parses() -> None:
    [example] = response_examples("listBoards")
    boards = TypeAdapter(list[Board]).validate_python(example)
    assert [b.id for b in boards] == ["abc123", "def456"]
    assert [type(p) for p in boards[0].panels or []] == [QueryPanel, TextPanel]
    assert [type(p) for p in boards[1].panels or []] == [SLOPanel, QueryPanel]
    assert boards[0].type is BoardType.FLEXIBLE
    assert boards[1].layout_generation is LayoutGeneration.AUTO


def test_get_example_parses() -> None:
    [example] = response_examples("getBoard")
    board = Board.model_validate(example)
    assert [type(p) for p in board.panels or []] == [QueryPanel, SLOPanel, TextPanel]
    first = board.panels[0] if board.panels else None
    assert isinstance(first, QueryPanel) and first.query_panel is not None
    assert first.query_panel.dataset == "application-logs"
    assert first.position is not None and first.position.width == 8
    # Nothing is lost: the whole example comes back out.
    assert board.model_dump(mode="json", exclude_unset=True) == example


def test_create_examples_validate() -> None:
    examples = request_examples("createBoard")
    assert examples
    for example in examples:
        body = to_request_body(BoardCreate, example)
        # query_panel.dataset is read-only: accepted, never sent; everything else is.
        expected = json.loads(json.dumps(example))
        for panel in expected["panels"]:
            if panel["type"] == "query":
                panel["query_panel"].pop("dataset", None)
        assert body == expected


def test_update_examples_validate_except_a_spec_tag_defect() -> None:
    """Spec defect: one updateBoard example has the tag key ``updated_by``.

    Tag keys are lowercase letters only (``^[a-z]{1,32}$``, spec Tag description and the
    Terraform provider), so that example breaks the spec's own rule. Everything else in
    it is valid, and ``id`` (read-only) is accepted but not sent.
    """
    examples = request_examples("updateBoard")
    defective = [e for e in examples if any(t["key"] == "updated_by" for t in e.get("tags", []))]
    assert len(defective) == 1
    with pytest.raises(RequestValidationError) as caught:
        to_request_body(BoardUpdate, defective[0])
    assert [e["loc"] for e in caught.value.errors()] == [("tags", 1, "key")]
    for example in examples:
        fixed = {
            **example,
            "tags": [t for t in example.get("tags", []) if t["key"] != "updated_by"],
        }
        body = to_request_body(BoardUpdate, fixed)
        assert "id" not in body
        assert body["name"] == example["name"]
        assert len(body["panels"]) == len(example["panels"])


# --------------------------------------------------------------- enums and limits


@pytest.mark.parametrize(
    ("enum", "path"),
    [
        (BoardType, ["BoardType"]),
        (LayoutGeneration, ["Board", "properties", "layout_generation"]),
        (QueryStyle, ["QueryPanel", "properties", "query_panel", "properties", "query_style"]),
        (
            ChartType,
            [
                "BoardQueryVisualizationSettings",
                "properties",
                "charts",
                "items",
                "properties",
                "chart_type",
            ],
        ),
        (ThresholdColor, ["Threshold", "properties", "color"]),
        (ThresholdOperation, ["Threshold", "properties", "operation"]),
        (ThresholdLineStyle, ["Threshold", "properties", "line_style"]),
    ],
)
def test_enums_match_the_spec(enum: Any, path: list[str]) -> None:
    node: Any = schemas()
    for key in path:
        node = node[key]
    assert [m.value for m in enum] == node["enum"]


def test_panel_types_match_the_discriminator() -> None:
    mapping = schemas()["BoardPanel"]["discriminator"]["mapping"]
    assert sorted(p.value for p in PanelType) == sorted(mapping)


def test_limits_match_the_spec() -> None:
    found = schemas()
    assert found["Board"]["properties"]["preset_filters"]["maxItems"] == MAX_PRESET_FILTERS
    text = found["TextPanel"]["properties"]["text_panel"]["properties"]["content"]
    assert text["maxLength"] == MAX_TEXT_PANEL_LENGTH
    charts = found["BoardQueryVisualizationSettings"]["properties"]["charts"]["items"]
    assert charts["properties"]["thresholds"]["maxItems"] == MAX_THRESHOLDS


def test_request_fields_are_the_writable_spec_fields() -> None:
    props = schemas()["Board"]["properties"]
    writable = {name for name, p in props.items() if not p.get("readOnly")}
    read_only = {name for name, p in props.items() if p.get("readOnly")}
    sent = {n for n, f in BoardCreate.model_fields.items() if not f.exclude}
    accepted_not_sent = {n for n, f in BoardCreate.model_fields.items() if f.exclude}
    assert sent == writable
    assert accepted_not_sent == read_only


# ------------------------------------------------------------------- behaviour


def test_unknown_panel_and_enum_values_are_kept() -> None:
    board = Board.model_validate(
        {
            "id": "b1",
            "name": "b",
            "type": "classic",
            "layout_generation": "grid",
            "panels": [
                {"type": "service_map", "service_map_panel": {"service": "api"}},
                {"panels_have_no_type": True},
                {"type": "query", "query_panel": {"query_style": "sparkline"}},
            ],
        }
    )
    assert board.type == "classic" and board.layout_generation == "grid"
    panels = board.panels or []
    assert isinstance(panels[0], UnknownPanel)
    assert panels[0].model_extra == {"service_map_panel": {"service": "api"}}
    assert isinstance(panels[1], UnknownPanel) and panels[1].type is None
    assert isinstance(panels[2], QueryPanel) and panels[2].query_panel is not None
    assert panels[2].query_panel.query_style == "sparkline"


def test_nulls_and_new_fields_are_accepted() -> None:
    board = Board.model_validate(
        {"id": "b", "name": "b", "description": None, "panels": None, "brand_new": [1, 2]}
    )
    assert board.description is None and board.panels is None
    assert board.model_extra == {"brand_new": [1, 2]}


def test_threshold_values_keep_their_type() -> None:
    board = Board.model_validate(
        {
            "id": "b1",
            "panels": [
                {
                    "type": "query",
                    "query_panel": {
                        "visualization_settings": {
                            "charts": [{"thresholds": [{"value": 100}, {"value": 0.5}]}]
                        }
                    },
                }
            ],
        }
    )
    panel = (board.panels or [])[0]
    assert isinstance(panel, QueryPanel) and panel.query_panel is not None
    settings = panel.query_panel.visualization_settings
    assert settings is not None and settings.charts is not None
    values = [t.value for t in settings.charts[0].thresholds or []]
    assert values == [100, 0.5] and isinstance(values[0], int)


def test_zero_width_means_automatic_size() -> None:
    """The spec: width/height 0 (or unset) lets the API size the panel; 1-24 otherwise."""
    body = to_request_body(
        BoardCreate,
        {
            "name": "b",
            "panels": [
                {"type": "text", "text_panel": {"content": ""}, "position": {"width": 0}},
                {"type": "text", "text_panel": {"content": ""}, "position": {"width": 24}},
            ],
        },
    )
    assert [p["position"]["width"] for p in body["panels"]] == [0, 24]


def test_board_update_is_a_full_board() -> None:
    assert set(BoardUpdate.model_fields) == set(BoardCreate.model_fields)
