"""Models for boards (``/1/boards``).

A board is a grid of panels. Three panel kinds exist, told apart by ``type``: a **query**
panel (a saved query and its annotation), an **SLO** panel and a **text** panel (Markdown).

- Requests (:class:`BoardCreate`, :class:`BoardUpdate`) are a strict discriminated union on
  the panel ``type``, with the documented limits: at most 5 preset filters, at most 10 tags,
  text panels of at most 10,000 characters, panel width and height of at most 24 grid
  units, at most 5 threshold lines per chart.
- Responses (:class:`Board`) keep panels of a ``type`` this SDK does not know as
  :class:`UnknownPanel` instead of failing, so a new panel kind never breaks ``list()``.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, StringConstraints, model_validator
from pydantic import Tag as _Case

from honeycomb.models._base import RequestModel, ResponseModel, StrEnum, accepts_response
from honeycomb.models.common import Tag, Tags
from honeycomb.models.queries import QuerySpec, calculation_label

__all__ = [
    "MAX_GRID_UNITS",
    "MAX_PRESET_FILTERS",
    "MAX_TEXT_PANEL_LENGTH",
    "MAX_THRESHOLDS",
    "Board",
    "BoardCreate",
    "BoardLinks",
    "BoardPanel",
    "BoardPanelIn",
    "BoardQueryVisualizationSettings",
    "BoardType",
    "BoardUpdate",
    "ChartSettings",
    "ChartSettingsIn",
    "ChartType",
    "LayoutGeneration",
    "PanelPosition",
    "PanelPositionIn",
    "PanelType",
    "PresetFilter",
    "PresetFilterIn",
    "QueryPanel",
    "QueryPanelDetails",
    "QueryPanelDetailsIn",
    "QueryPanelIn",
    "QueryStyle",
    "SLOPanel",
    "SLOPanelDetails",
    "SLOPanelDetailsIn",
    "SLOPanelIn",
    "TextPanel",
    "TextPanelDetails",
    "TextPanelDetailsIn",
    "TextPanelIn",
    "Threshold",
    "ThresholdColor",
    "ThresholdIn",
    "ThresholdLineStyle",
    "ThresholdOperation",
    "UnknownPanel",
    "VisualizationSettingsIn",
]

MAX_PRESET_FILTERS = 5
"""A board has at most five preset filters."""

MAX_TEXT_PANEL_LENGTH = 10_000
"""A text panel holds at most 10,000 characters of Markdown."""

MAX_GRID_UNITS = 24
"""Panels are at most 24 grid units wide or high."""

MAX_THRESHOLDS = 5
"""A chart shows at most five threshold lines."""


# --------------------------------------------------------------------------- enums


class BoardType(StrEnum):
    """The kind of board. Only flexible boards exist today."""

    FLEXIBLE = "flexible"


class LayoutGeneration(StrEnum):
    """Whether the API lays the panels out (``auto``) or uses the positions sent (``manual``)."""

    AUTO = "auto"
    MANUAL = "manual"


class PanelType(StrEnum):
    """The panel kinds the API documents."""

    QUERY = "query"
    SLO = "slo"
    TEXT = "text"


class QueryStyle(StrEnum):
    """How a query panel is displayed."""

    GRAPH = "graph"
    TABLE = "table"
    COMBO = "combo"


class ChartType(StrEnum):
    """The chart type of one chart of a query panel."""

    DEFAULT = "default"
    LINE = "line"
    STACKED = "stacked"
    STAT = "stat"
    TSBAR = "tsbar"
    CBAR = "cbar"
    CPIE = "cpie"


class ThresholdColor(StrEnum):
    """The colour of a threshold line."""

    RED = "red"
    YELLOW = "yellow"
    BLUE = "blue"
    GREEN = "green"
    PURPLE = "purple"


class ThresholdOperation(StrEnum):
    """Which side of a threshold line is highlighted: greater than or less than."""

    GT = "gt"
    LT = "lt"


class ThresholdLineStyle(StrEnum):
    """The style of a threshold line (``filled-*`` also shades the area past it)."""

    FILLED_SOLID = "filled-solid"
    FILLED_DOTTED = "filled-dotted"
    SOLID = "solid"
    DOTTED = "dotted"


# ------------------------------------------------------------------- request side

_NonEmpty = Annotated[str, StringConstraints(min_length=1)]
_GridSize = Annotated[int, Field(ge=0, le=MAX_GRID_UNITS)]


class PanelPositionIn(RequestModel):
    """Where a panel sits on the grid.

    When no panel of a board has coordinates, the API lays the board out itself. Width and
    height are 1-24 grid units; 0 (or leaving them out) lets the API size the panel.
    """

    x_coordinate: Annotated[int, Field(ge=0)] | None = None
    y_coordinate: Annotated[int, Field(ge=0)] | None = None
    height: _GridSize | None = None
    width: _GridSize | None = None


class ThresholdIn(RequestModel):
    """A threshold line drawn on a chart."""

    value: float
    label: Annotated[str, StringConstraints(max_length=35)] | None = None
    color: ThresholdColor
    operation: ThresholdOperation
    line_style: ThresholdLineStyle


class ChartSettingsIn(RequestModel):
    """Display settings of one chart (one calculation) of a query panel."""

    chart_index: Annotated[int, Field(ge=0)] | None = None
    chart_type: ChartType | None = None
    hide_other: bool | None = None
    log_scale: bool | None = None
    omit_missing_values: bool | None = None
    thresholds: Annotated[list[ThresholdIn], Field(max_length=MAX_THRESHOLDS)] | None = None


class VisualizationSettingsIn(RequestModel):
    """How a query panel's graph is displayed. Unset booleans mean false."""

    hide_compare: bool | None = None
    hide_hovers: bool | None = None
    hide_markers: bool | None = None
    utc_xaxis: bool | None = None
    overlaid_charts: bool | None = None
    charts: list[ChartSettingsIn] | None = None


def _with_default(data: Any, key: str, value: str) -> Any:
    """Put ``key`` in the input so it counts as set and is sent (the API requires it)."""
    if isinstance(data, dict) and key not in data:
        return {**data, key: value}
    return data


class _PanelIn(RequestModel):
    """A panel to send. ``type`` is filled in from the class, so it is always sent."""

    @model_validator(mode="before")
    @classmethod
    def _set_type(cls, data: Any) -> Any:
        return _with_default(data, "type", cls.model_fields["type"].default)


class QueryPanelDetailsIn(RequestModel):
    """The query shown by a query panel: a saved query and the annotation that names it.

    Either refer to a saved query by ``query_id`` and ``query_annotation_id``, or give a
    ``query`` (a :class:`~honeycomb.query.QueryBuilder`, a
    :class:`~honeycomb.models.queries.QuerySpec` or an equivalent dict) and let
    ``client.boards.create``/``update`` save it in ``dataset`` (``__all__``, environment-wide,
    when left out) with an annotation named ``name`` (a summary of the query when left out)
    and ``description``.

    ``dataset`` is read-only otherwise: it is accepted (so a panel read from the API can be
    sent back) but never sent. ``query``, ``name`` and ``description`` are never sent either.
    """

    query_id: _NonEmpty | None = None
    query_annotation_id: _NonEmpty | None = None
    query_style: QueryStyle | None = None
    visualization_settings: VisualizationSettingsIn | None = None
    dataset: str | None = Field(default=None, exclude=True)
    query: QuerySpec | None = Field(default=None, exclude=True)
    name: Annotated[str, StringConstraints(min_length=1, max_length=320)] | None = Field(
        default=None, exclude=True
    )
    description: Annotated[str, StringConstraints(max_length=1023)] | None = Field(
        default=None, exclude=True
    )

    @model_validator(mode="after")
    def _saved_or_inline(self) -> QueryPanelDetailsIn:
        if self.query is None:
            missing = [
                key for key in ("query_id", "query_annotation_id") if getattr(self, key) is None
            ]
            if missing:
                raise ValueError(
                    f"{' and '.join(missing)} required (or give a query to save instead)"
                )
            if self.name is not None or self.description is not None:
                raise ValueError("name and description name a query given inline; give query")
        elif self.query_id is not None or self.query_annotation_id is not None:
            raise ValueError(
                "give a saved query (query_id, query_annotation_id) or query, not both"
            )
        return self

    def annotation_name(self) -> str:
        """The name of the annotation saved with an inline ``query``: ``name``, or a
        summary of the query (``P99(duration_ms), COUNT by service``).

        Returns:
            At most 320 characters, the API's limit for an annotation's name.
        """
        if self.name is not None:
            return self.name
        if self.query is None:
            return "Board query"
        spec = self.query
        parts = [calculation_label(c.op, c.column) for c in spec.calculations or []] or ["COUNT"]
        label = ", ".join(parts)
        if spec.breakdowns:
            label += " by " + ", ".join(spec.breakdowns)
        return label[:320]


class QueryPanelIn(_PanelIn):
    """A panel showing a saved query."""

    type: Literal["query"] = "query"
    position: PanelPositionIn | None = None
    query_panel: QueryPanelDetailsIn


class SLOPanelDetailsIn(RequestModel):
    """The SLO shown by an SLO panel."""

    slo_id: _NonEmpty


class SLOPanelIn(_PanelIn):
    """A panel showing an SLO."""

    type: Literal["slo"] = "slo"
    position: PanelPositionIn | None = None
    slo_panel: SLOPanelDetailsIn


class TextPanelDetailsIn(RequestModel):
    """The Markdown content of a text panel (at most 10,000 characters)."""

    content: Annotated[str, StringConstraints(max_length=MAX_TEXT_PANEL_LENGTH)]


class TextPanelIn(_PanelIn):
    """A panel showing Markdown text."""

    type: Literal["text"] = "text"
    position: PanelPositionIn | None = None
    text_panel: TextPanelDetailsIn


BoardPanelIn = Annotated[QueryPanelIn | SLOPanelIn | TextPanelIn, Field(discriminator="type")]
"""A panel to send: the ``type`` key (``query``, ``slo`` or ``text``) selects the model."""


class PresetFilterIn(RequestModel):
    """A column offered as a filter on the board, under a display alias (≤ 50 characters)."""

    column: _NonEmpty
    alias: Annotated[str, StringConstraints(min_length=1, max_length=50)]


class BoardCreate(RequestModel):
    """The body of ``POST /1/boards``.

    ``type`` is always ``flexible`` and is filled in for you. ``id`` and ``links`` are
    read-only: accepted (so a board read from the API can be sent back) but never sent.
    """

    name: Annotated[str, StringConstraints(min_length=1, max_length=255)]
    description: Annotated[str, StringConstraints(max_length=1024)] | None = None
    type: Literal["flexible"] = "flexible"
    panels: list[BoardPanelIn] | None = None
    layout_generation: LayoutGeneration | None = None
    tags: Tags | None = None
    preset_filters: Annotated[list[PresetFilterIn], Field(max_length=MAX_PRESET_FILTERS)] | None = (
        None
    )
    id: str | None = Field(default=None, exclude=True)
    links: dict[str, Any] | None = Field(default=None, exclude=True)

    @model_validator(mode="before")
    @classmethod
    def _set_type(cls, data: Any) -> Any:
        return _with_default(data, "type", BoardType.FLEXIBLE.value)


class BoardUpdate(BoardCreate):
    """The body of ``PUT /1/boards/{boardId}``: a full replacement of the board.

    Panels, tags and the layout mode are replaced by what you send. ``preset_filters`` is
    the exception: leave it out to keep the current ones, send ``[]`` to remove them all.
    """


# ------------------------------------------------------------------ response side

_PanelTypeOrStr = Annotated[PanelType | str, Field(union_mode="left_to_right")]
_BoardTypeOrStr = Annotated[BoardType | str, Field(union_mode="left_to_right")]
_LayoutOrStr = Annotated[LayoutGeneration | str, Field(union_mode="left_to_right")]
_StyleOrStr = Annotated[QueryStyle | str, Field(union_mode="left_to_right")]
_ChartTypeOrStr = Annotated[ChartType | str, Field(union_mode="left_to_right")]
_ColorOrStr = Annotated[ThresholdColor | str, Field(union_mode="left_to_right")]
_OperationOrStr = Annotated[ThresholdOperation | str, Field(union_mode="left_to_right")]
_LineStyleOrStr = Annotated[ThresholdLineStyle | str, Field(union_mode="left_to_right")]


class PanelPosition(ResponseModel):
    """Where a panel sits on the grid, as returned."""

    x_coordinate: int | None = None
    y_coordinate: int | None = None
    height: int | None = None
    width: int | None = None


class Threshold(ResponseModel):
    """A threshold line on a chart, as returned."""

    value: int | float | None = None
    label: str | None = None
    color: _ColorOrStr | None = None
    operation: _OperationOrStr | None = None
    line_style: _LineStyleOrStr | None = None


class ChartSettings(ResponseModel):
    """Display settings of one chart, as returned."""

    chart_index: int | None = None
    chart_type: _ChartTypeOrStr | None = None
    hide_other: bool | None = None
    log_scale: bool | None = None
    omit_missing_values: bool | None = None
    thresholds: list[Threshold] | None = None


class BoardQueryVisualizationSettings(ResponseModel):
    """How a query panel's graph is displayed, as returned."""

    hide_compare: bool | None = None
    hide_hovers: bool | None = None
    hide_markers: bool | None = None
    utc_xaxis: bool | None = None
    overlaid_charts: bool | None = None
    charts: list[ChartSettings] | None = None


class QueryPanelDetails(ResponseModel):
    """The query of a query panel. ``dataset`` is empty for environment-wide queries."""

    query_id: str | None = None
    query_annotation_id: str | None = None
    query_style: _StyleOrStr | None = None
    dataset: str | None = None
    visualization_settings: BoardQueryVisualizationSettings | None = None


class QueryPanel(ResponseModel):
    """A panel showing a saved query."""

    type: Literal["query"] = "query"
    position: PanelPosition | None = None
    query_panel: QueryPanelDetails | None = None


class SLOPanelDetails(ResponseModel):
    """The SLO of an SLO panel."""

    slo_id: str | None = None


class SLOPanel(ResponseModel):
    """A panel showing an SLO."""

    type: Literal["slo"] = "slo"
    position: PanelPosition | None = None
    slo_panel: SLOPanelDetails | None = None


class TextPanelDetails(ResponseModel):
    """The Markdown content of a text panel."""

    content: str | None = None


class TextPanel(ResponseModel):
    """A panel showing Markdown text."""

    type: Literal["text"] = "text"
    position: PanelPosition | None = None
    text_panel: TextPanelDetails | None = None


class UnknownPanel(ResponseModel):
    """A panel of a kind this SDK does not know: every field the API sent is kept as extra."""

    type: str | None = None
    position: PanelPosition | None = None


_KNOWN_PANELS = frozenset(t.value for t in PanelType)


def _panel_kind(value: Any) -> str:
    kind = value.get("type") if isinstance(value, dict) else getattr(value, "type", None)
    kind = str(kind) if kind is not None else None
    return kind if kind in _KNOWN_PANELS else "unknown"


BoardPanel = Annotated[
    Annotated[QueryPanel, _Case("query")]
    | Annotated[SLOPanel, _Case("slo")]
    | Annotated[TextPanel, _Case("text")]
    | Annotated[UnknownPanel, _Case("unknown")],
    Discriminator(_panel_kind),
]
"""A panel as returned: the ``type`` key selects the model; unknown kinds are kept."""


class PresetFilter(ResponseModel):
    """A preset filter of a board, as returned."""

    column: str | None = None
    alias: str | None = None


class BoardLinks(ResponseModel):
    """Links of a board."""

    board_url: str | None = None


class Board(ResponseModel):
    """A board. The API returns no creation or update time for boards."""

    id: str
    name: str | None = None
    description: str | None = None
    type: _BoardTypeOrStr | None = None
    links: BoardLinks | None = None
    panels: list[BoardPanel] | None = None
    layout_generation: _LayoutOrStr | None = None
    tags: list[Tag] | None = None
    preset_filters: list[PresetFilter] | None = None

    @property
    def url(self) -> str | None:
        """The board's address in the Honeycomb UI."""
        return self.links.board_url if self.links else None


accepts_response(Board, BoardCreate, BoardUpdate)
