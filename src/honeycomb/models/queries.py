"""Queries and query results: the query specification, saved queries and their results.

Pure pydantic, no I/O. Three groups of models live here:

- **Request side** (strict, :class:`~honeycomb.models._base.RequestModel`): :class:`QuerySpec`
  and its parts (:class:`Calculation`, :class:`Filter`, :class:`Order`, :class:`Having`,
  :class:`Formula`, :class:`InlineCalculatedField`), and :class:`QueryResultRequest`. They
  enforce the schema-level limits (types, enums, at most 100 items per list, ``limit``
  1..10,000). The rules that relate fields to each other (a having must name a calculation,
  granularity must fit the time range, ...) are checked by
  :func:`honeycomb.query.validate_query`, which reports all problems at once.
- **Response side** (tolerant, :class:`~honeycomb.models._base.ResponseModel`): :class:`Query`
  as ``/1/queries`` returns it, with ``query_annotation_id`` (returned by the real API, absent
  from the spec) and unknown ops kept as plain strings.
- **Results**: :class:`QueryResult` with helpers for people: :attr:`QueryResult.rows`,
  :attr:`QueryResult.series`, :attr:`QueryResult.totals`, :meth:`QueryResult.to_pandas`,
  :meth:`QueryResult.to_polars`, an HTML table for Jupyter and a text table for ``print``.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal

from pydantic import Field, StringConstraints, model_validator

from honeycomb.models._base import (
    RequestModel,
    ResponseModel,
    StrEnum,
    accepts_response,
    request_model,
)

if TYPE_CHECKING:
    import pandas
    import polars

__all__ = [
    "COMPARE_TIME_OFFSETS",
    "MAX_QUERY_ITEMS",
    "MAX_QUERY_LIMIT",
    "MAX_QUERY_RESULT_LIMIT",
    "Calculation",
    "CalculationOp",
    "Filter",
    "FilterCombination",
    "FilterOp",
    "FilterValue",
    "Formula",
    "Having",
    "HavingOp",
    "InlineCalculatedField",
    "Order",
    "OrderDirection",
    "Query",
    "QueryCalculatedField",
    "QueryCalculation",
    "QueryFilter",
    "QueryFormula",
    "QueryHaving",
    "QueryOrder",
    "QueryResult",
    "QueryResultData",
    "QueryResultLinks",
    "QueryResultRequest",
    "QueryResultRow",
    "QueryResultSeriesPoint",
    "QuerySpec",
    "calculation_label",
]

MAX_QUERY_ITEMS = 100
"""At most 100 calculations, filters, breakdowns, orders, havings, formulas, calculated fields."""

MAX_QUERY_LIMIT = 1_000
"""The largest ``limit`` a saved query accepts."""

MAX_QUERY_RESULT_LIMIT = 10_000
"""The largest ``limit`` of a query result, honoured only with ``disable_series=True``."""

COMPARE_TIME_OFFSETS: tuple[int, ...] = (1800, 3600, 7200, 28800, 86400, 604800, 2419200, 15724800)
"""Allowed ``compare_time_offset_seconds``: 30 min, 1 h, 2 h, 8 h, 1 d, 7 d, 28 d, 6 months."""


# --------------------------------------------------------------------------- enums


class CalculationOp(StrEnum):
    """A calculation (aggregate) operator: every ``QueryOp`` plus the metrics-only extras."""

    COUNT = "COUNT"
    CONCURRENCY = "CONCURRENCY"
    SUM = "SUM"
    AVG = "AVG"
    COUNT_DISTINCT = "COUNT_DISTINCT"
    HEATMAP = "HEATMAP"
    MAX = "MAX"
    MIN = "MIN"
    P001 = "P001"
    P01 = "P01"
    P05 = "P05"
    P10 = "P10"
    P20 = "P20"
    P25 = "P25"
    P50 = "P50"
    P75 = "P75"
    P80 = "P80"
    P90 = "P90"
    P95 = "P95"
    P99 = "P99"
    P999 = "P999"
    RATE_AVG = "RATE_AVG"
    RATE_SUM = "RATE_SUM"
    RATE_MAX = "RATE_MAX"
    # Accepted by the API on metrics datasets (used by the Terraform provider), not in the spec.
    COUNT_DATAPOINTS = "COUNT_DATAPOINTS"
    HISTOGRAM_COUNT = "HISTOGRAM_COUNT"


class FilterOp(StrEnum):
    """A filter (where-clause) operator."""

    EQUALS = "="
    NOT_EQUALS = "!="
    GREATER_THAN = ">"
    GREATER_THAN_OR_EQUAL = ">="
    LESS_THAN = "<"
    LESS_THAN_OR_EQUAL = "<="
    STARTS_WITH = "starts-with"
    DOES_NOT_START_WITH = "does-not-start-with"
    ENDS_WITH = "ends-with"
    DOES_NOT_END_WITH = "does-not-end-with"
    EXISTS = "exists"
    DOES_NOT_EXIST = "does-not-exist"
    CONTAINS = "contains"
    DOES_NOT_CONTAIN = "does-not-contain"
    IN = "in"
    NOT_IN = "not-in"


class HavingOp(StrEnum):
    """A comparison operator of a having clause."""

    EQUALS = "="
    NOT_EQUALS = "!="
    GREATER_THAN = ">"
    GREATER_THAN_OR_EQUAL = ">="
    LESS_THAN = "<"
    LESS_THAN_OR_EQUAL = "<="


class FilterCombination(StrEnum):
    """How the filters of a query (or of one calculation) combine. The API default is AND."""

    AND = "AND"
    OR = "OR"


class OrderDirection(StrEnum):
    """The direction of an order term. The API default is ascending."""

    ASCENDING = "ascending"
    DESCENDING = "descending"


def calculation_label(op: str, column: str | None = None) -> str:
    """The key a calculation has in query results, e.g. ``COUNT`` or ``P99(duration_ms)``.

    Args:
        op: The calculation operator.
        column: The column it aggregates, if any.

    Returns:
        ``OP`` without a column, ``OP(column)`` with one.
    """
    return f"{op}({column})" if column else str(op)


# ------------------------------------------------------------------- request side

_NonEmpty = Annotated[str, StringConstraints(min_length=1)]
_FilterScalar = bool | int | float | str
FilterValue = _FilterScalar | list[_FilterScalar] | None
"""What a filter compares against: a scalar, a list (for ``in``/``not-in``) or nothing."""


class Filter(RequestModel):
    """One where-clause: ``column op value``.

    ``exists``/``does-not-exist`` take no value; ``in``/``not-in`` take a list; the string
    operators take a string (checked by :func:`honeycomb.query.validate_query`).
    """

    column: _NonEmpty
    op: FilterOp
    value: FilterValue = None


class Calculation(RequestModel):
    """One aggregate to compute, e.g. ``P99`` of ``duration_ms``.

    ``name``, ``filters`` and ``filter_combination`` are Metrics Beta features: a name is
    required when the calculation has its own filters, and lets orders, havings and formulas
    refer to it.
    """

    op: CalculationOp
    column: _NonEmpty | None = None
    name: _NonEmpty | None = None
    filters: Annotated[list[Filter], Field(max_length=MAX_QUERY_ITEMS)] | None = None
    filter_combination: FilterCombination | None = None

    @property
    def label(self) -> str:
        """The key of this calculation in query results (its name when it has one)."""
        return self.name or calculation_label(self.op.value, self.column)


class Order(RequestModel):
    """One ordering term: a calculation (``op`` + ``column``) or a breakdown/name (``column``)."""

    column: _NonEmpty | None = None
    op: CalculationOp | None = None
    order: OrderDirection = OrderDirection.ASCENDING


class Having(RequestModel):
    """A filter on the results table, e.g. ``COUNT > 10``.

    ``calculate_op`` + ``column`` must be one of the query's calculations, or ``column`` the
    name of a calculation or formula.
    """

    calculate_op: CalculationOp
    column: _NonEmpty | None = None
    op: HavingOp
    value: int | float


class Formula(RequestModel):
    """A formula over named calculations (Metrics Beta), returned instead of calculations."""

    name: _NonEmpty
    expression: _NonEmpty


class InlineCalculatedField(RequestModel):
    """A calculated field that exists only for this query."""

    name: _NonEmpty
    expression: _NonEmpty


class QuerySpec(RequestModel):
    """A query specification, as sent to ``POST /1/queries/{dataset}``.

    Only the fields you set are sent. The schema-level limits are enforced here; use
    :func:`honeycomb.query.validate_query` (which :class:`honeycomb.query.QueryBuilder`
    and the client call for you) for the rules that relate fields to each other.
    """

    calculations: Annotated[list[Calculation], Field(max_length=MAX_QUERY_ITEMS)] | None = None
    filters: Annotated[list[Filter], Field(max_length=MAX_QUERY_ITEMS)] | None = None
    filter_combination: FilterCombination | None = None
    breakdowns: Annotated[list[_NonEmpty], Field(max_length=MAX_QUERY_ITEMS)] | None = None
    orders: Annotated[list[Order], Field(max_length=MAX_QUERY_ITEMS)] | None = None
    havings: Annotated[list[Having], Field(max_length=MAX_QUERY_ITEMS)] | None = None
    granularity: Annotated[int, Field(ge=1)] | None = None
    limit: Annotated[int, Field(ge=1, le=MAX_QUERY_RESULT_LIMIT)] | None = None
    time_range: Annotated[int, Field(ge=1)] | None = None
    start_time: Annotated[int, Field(ge=1)] | None = None
    end_time: Annotated[int, Field(ge=1)] | None = None
    calculated_fields: (
        Annotated[list[InlineCalculatedField], Field(max_length=MAX_QUERY_ITEMS)] | None
    ) = None
    compare_time_offset_seconds: (
        Literal[1800, 3600, 7200, 28800, 86400, 604800, 2419200, 15724800] | None
    ) = None
    formulas: Annotated[list[Formula], Field(max_length=MAX_QUERY_ITEMS)] | None = None
    usage_mode: bool | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_builder(cls, value: Any) -> Any:
        # A QueryBuilder goes wherever a query specification does (a trigger's query...).
        # It is recognised by its __query_spec__ hook: query.py imports this module, so
        # this one does not import it back.
        hook = getattr(type(value), "__query_spec__", None)
        return hook(value) if callable(hook) else value


class QueryResultRequest(RequestModel):
    """The body of ``POST /1/query_results/{dataset}``: run a saved query.

    ``limit`` (1..10,000) is honoured only with ``disable_series=True``; without it the API
    returns at most 1,000 groups, so a larger limit is rejected here.
    """

    query_id: _NonEmpty
    disable_series: bool = False
    disable_total_by_aggregate: bool = True
    disable_other_by_aggregate: bool = True
    limit: Annotated[int, Field(ge=1, le=MAX_QUERY_RESULT_LIMIT)] | None = None

    @model_validator(mode="after")
    def _limit_needs_disable_series(self) -> QueryResultRequest:
        if self.limit is not None and self.limit > MAX_QUERY_LIMIT and not self.disable_series:
            raise ValueError(
                f"limit {self.limit} is above {MAX_QUERY_LIMIT}: a query result returns more "
                "than 1,000 groups only with disable_series=True (set it, or lower the limit)"
            )
        return self


# ------------------------------------------------------------------ response side


_CalcOpOrStr = Annotated[CalculationOp | str, Field(union_mode="left_to_right")]
_FilterOpOrStr = Annotated[FilterOp | str, Field(union_mode="left_to_right")]
_HavingOpOrStr = Annotated[HavingOp | str, Field(union_mode="left_to_right")]
_CombinationOrStr = Annotated[FilterCombination | str, Field(union_mode="left_to_right")]
_DirectionOrStr = Annotated[OrderDirection | str, Field(union_mode="left_to_right")]


class QueryFilter(ResponseModel):
    """A filter as the API returns it (unknown ops kept as strings)."""

    column: str | None = None
    op: _FilterOpOrStr | None = None
    value: Any = None


class QueryCalculation(ResponseModel):
    """A calculation as the API returns it."""

    op: _CalcOpOrStr | None = None
    column: str | None = None
    name: str | None = None
    filters: list[QueryFilter] | None = None
    filter_combination: _CombinationOrStr | None = None


class QueryOrder(ResponseModel):
    """An order term as the API returns it."""

    column: str | None = None
    op: _CalcOpOrStr | None = None
    order: _DirectionOrStr | None = None


class QueryHaving(ResponseModel):
    """A having clause as the API returns it."""

    calculate_op: _CalcOpOrStr | None = None
    column: str | None = None
    op: _HavingOpOrStr | None = None
    value: int | float | None = None


class QueryFormula(ResponseModel):
    """A formula as the API returns it."""

    name: str | None = None
    expression: str | None = None


class QueryCalculatedField(ResponseModel):
    """An inline calculated field as the API returns it."""

    name: str | None = None
    expression: str | None = None


class Query(ResponseModel):
    """A saved query, as ``POST``/``GET /1/queries/{dataset}`` return it.

    Queries are immutable on the server: they can be created and read, never listed,
    updated or deleted. ``query_annotation_id`` is returned by the real API although the
    spec does not document it.
    """

    id: str | None = None
    query_annotation_id: str | None = None
    calculations: list[QueryCalculation] | None = None
    filters: list[QueryFilter] | None = None
    filter_combination: _CombinationOrStr | None = None
    breakdowns: list[str] | None = None
    orders: list[QueryOrder] | None = None
    havings: list[QueryHaving] | None = None
    granularity: int | None = None
    limit: int | None = None
    time_range: int | None = None
    start_time: int | None = None
    end_time: int | None = None
    calculated_fields: list[QueryCalculatedField] | None = None
    compare_time_offset_seconds: int | None = None
    formulas: list[QueryFormula] | None = None
    usage_mode: bool | None = None

    def to_spec(self) -> QuerySpec:
        """The specification part of this query, as a strict :class:`QuerySpec`.

        ``id``, ``query_annotation_id`` and fields unknown to this SDK are dropped.

        Returns:
            A :class:`QuerySpec` with the fields the API returned.

        Raises:
            RequestValidationError: When the query uses an op this SDK does not know,
                or otherwise does not fit :class:`QuerySpec`.
        """
        return request_model(QuerySpec, self)


# ------------------------------------------------------------------------ results


class QueryResultRow(ResponseModel):
    """One row of the results table: ``{"data": {"COUNT": 5, "endpoint": "/"}}``."""

    data: dict[str, Any] | None = None


class QueryResultSeriesPoint(ResponseModel):
    """One point of a time series: a time and the row of values at that time."""

    time: Annotated[datetime | str, Field(union_mode="left_to_right")] | None = None
    data: dict[str, Any] | None = None


class QueryResultData(ResponseModel):
    """The ``data`` object of a completed query result."""

    series: list[QueryResultSeriesPoint] | None = None
    results: list[QueryResultRow] | None = None
    total_by_aggregate: dict[str, Any] | None = None
    total_by_aggregate_series: list[QueryResultSeriesPoint] | None = None
    other_by_aggregate: dict[str, Any] | None = None


class QueryResultLinks(ResponseModel):
    """Links to the result in the Honeycomb UI."""

    query_url: str | None = None
    graph_image_url: str | None = None


def _unwrap_data(value: dict[str, Any] | None) -> dict[str, Any] | None:
    """``{"data": {...}}`` (the spec's shape) or a flat ``{...}``: return the inner values."""
    if value is None:
        return None
    inner = value.get("data")
    if isinstance(inner, dict) and len(value) == 1:
        return dict(inner)
    return dict(value)


def _format_cell(value: Any, width: int | None = None) -> str:
    if value is None:
        text = ""
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, float):
        if math.isfinite(value) and value == int(value) and abs(value) < 1e15:
            text = repr(value)
        elif math.isfinite(value):
            text = repr(round(value, 6))
        else:
            text = str(value)
    elif isinstance(value, datetime):
        text = value.isoformat()
    else:
        text = str(value)
    text = text.replace("\r", " ").replace("\n", " ")
    if width is not None and len(text) > width:
        text = text[: width - 1] + "…"
    return text


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _safe_href(url: str | None) -> str | None:
    if url and url.lower().startswith(("https://", "http://")):
        return url
    return None


class QueryResult(ResponseModel):
    """A query result, as ``POST``/``GET /1/query_results/{dataset}`` return it.

    ``complete`` is false while the query runs (partial ``data`` may already be present). A
    failed query still returns HTTP 200: ``complete`` is true and ``error`` replaces
    ``data``. The raw payload is in :attr:`data`; the helpers below give plain Python:

    - :attr:`rows`: the results table, one dict per group (ints stay ints, nulls stay None);
    - :attr:`series`: the time series, one dict per point with a ``time`` key;
    - :attr:`totals`: each aggregate over all groups (when not disabled);
    - :meth:`to_pandas` / :meth:`to_polars`: DataFrames (optional extras);
    - an HTML table in Jupyter and an aligned text table for ``print(result)``.
    """

    id: str | None = None
    complete: bool | None = None
    error: str | None = None
    query: Query | None = None
    data: QueryResultData | None = None
    links: QueryResultLinks | None = None

    display_max_rows: ClassVar[int] = 50
    """How many rows the HTML and text tables show before "… N more rows"."""

    display_max_width: ClassVar[int] = 60
    """How many characters of a cell the text table shows."""

    # -- plain-Python views --------------------------------------------------------

    @property
    def rows(self) -> list[dict[str, Any]]:
        """The results table: one dict per group, e.g. ``{"endpoint": "/", "COUNT": 5}``.

        Values are kept exactly as the API sent them (ints stay ints, nulls stay ``None``).
        Empty when the result has no data (still running, failed, or no matching events).
        """
        if self.data is None or not self.data.results:
            return []
        return [dict(row.data or {}) for row in self.data.results]

    @property
    def series(self) -> list[dict[str, Any]]:
        """The time series: one dict per point, ``{"time": datetime, "COUNT": 5, ...}``.

        Empty when the query ran with ``disable_series=True``.
        """
        if self.data is None or not self.data.series:
            return []
        return [{"time": point.time, **(point.data or {})} for point in self.data.series]

    @property
    def totals(self) -> dict[str, Any] | None:
        """Each aggregate's value over all groups, e.g. ``{"COUNT": 20769}``.

        ``None`` unless the result was created with ``disable_total_by_aggregate=False``.
        """
        if self.data is None:
            return None
        return _unwrap_data(self.data.total_by_aggregate)

    @property
    def query_url(self) -> str | None:
        """The link to this result in the Honeycomb UI."""
        return self.links.query_url if self.links else None

    @property
    def graph_image_url(self) -> str | None:
        """The link to the graph image of this result."""
        return self.links.graph_image_url if self.links else None

    @property
    def columns(self) -> list[str]:
        """The column names of :attr:`rows`: breakdowns first, then the aggregates.

        When there are no rows, the columns the query asks for (breakdowns, then
        calculations or formulas).
        """
        return _ordered_columns(self.rows, self._breakdowns(), self._expected_columns())

    def _breakdowns(self) -> list[str]:
        return list(self.query.breakdowns or []) if self.query else []

    def _expected_columns(self) -> list[str]:
        if self.query is None:
            return []
        columns = self._breakdowns()
        if self.query.formulas:
            columns += [f.name for f in self.query.formulas if f.name]
        else:
            for calc in self.query.calculations or []:
                if calc.name:
                    columns.append(calc.name)
                elif calc.op is not None:
                    columns.append(calculation_label(str(calc.op), calc.column))
        return columns

    # -- DataFrames ----------------------------------------------------------------

    def to_pandas(self, *, series: bool = False) -> pandas.DataFrame:
        """The results table (or the time series) as a pandas DataFrame.

        Args:
            series: Return the time series (a ``time`` column, then the values) instead of
                the results table.

        Returns:
            A ``pandas.DataFrame`` with one row per group (or per point).

        Raises:
            ImportError: When pandas is not installed (``pip install "honeycomb-sdk[pandas]"``).
        """
        try:
            import pandas as pd
        except ImportError as err:
            raise ImportError(
                'QueryResult.to_pandas() needs pandas: pip install "honeycomb-sdk[pandas]"'
            ) from err
        records, columns = self._records(series=series)
        frame = pd.DataFrame.from_records(records, columns=columns)
        if series and "time" in frame.columns:
            frame["time"] = pd.to_datetime(frame["time"], utc=True)
        return frame

    def to_polars(self, *, series: bool = False) -> polars.DataFrame:
        """The results table (or the time series) as a polars DataFrame.

        Args:
            series: Return the time series (a ``time`` column, then the values) instead of
                the results table.

        Returns:
            A ``polars.DataFrame`` with one row per group (or per point).

        Raises:
            ImportError: When polars is not installed (``pip install "honeycomb-sdk[polars]"``).
        """
        try:
            import polars as pl
        except ImportError as err:
            raise ImportError(
                'QueryResult.to_polars() needs polars: pip install "honeycomb-sdk[polars]"'
            ) from err
        records, columns = self._records(series=series)
        if not records:
            return pl.DataFrame({name: [] for name in columns})
        data = {name: [record.get(name) for record in records] for name in columns}
        return pl.DataFrame(data, strict=False)

    def _records(self, *, series: bool) -> tuple[list[dict[str, Any]], list[str]]:
        if series:
            points = self.series
            rest = _ordered_columns(
                [{k: v for k, v in p.items() if k != "time"} for p in points],
                self._breakdowns(),
                self._expected_columns(),
            )
            return points, ["time", *rest]
        return self.rows, self.columns

    # -- display -------------------------------------------------------------------

    def _status(self) -> str:
        parts = [f"QueryResult {self.id}" if self.id else "QueryResult"]
        if self.error is not None:
            parts.append(f"failed: {self.error}")
        elif not self.complete:
            parts.append("incomplete (still running; partial data)")
        n = len(self.rows)
        parts.append(f"{n} row" + ("" if n == 1 else "s"))
        return " · ".join(parts)

    def to_string(self, max_rows: int | None = None) -> str:
        """An aligned plain-text table of the rows (what ``print(result)`` shows).

        Args:
            max_rows: Show at most this many rows, then "… N more rows" (default
                :attr:`display_max_rows`).

        Returns:
            The status line, then the table.
        """
        limit = self.display_max_rows if max_rows is None else max(0, max_rows)
        rows, columns = self.rows, self.columns
        lines = [self._status()]
        if columns:
            shown = rows[:limit]
            width = self.display_max_width
            cells = [[_format_cell(row.get(c), width) for c in columns] for row in shown]
            widths = [
                max([len(c[:width])] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)
            ]
            numeric = [
                bool(shown) and all(row.get(c) is None or _is_number(row.get(c)) for row in shown)
                for c in columns
            ]

            def line(values: Sequence[str]) -> str:
                return "  ".join(
                    v.rjust(w) if num else v.ljust(w)
                    for v, w, num in zip(values, widths, numeric, strict=True)
                ).rstrip()

            lines.append(line([c[:width] for c in columns]))
            lines.append("  ".join("-" * w for w in widths))
            lines.extend(line(r) for r in cells)
            if len(rows) > len(shown):
                lines.append(f"… {len(rows) - len(shown)} more rows")
        return "\n".join(lines)

    def __str__(self) -> str:
        """The aligned text table of :meth:`to_string`."""
        return self.to_string()

    def to_html(self, max_rows: int | None = None) -> str:
        """An HTML table of the rows, every value escaped (what Jupyter shows).

        Args:
            max_rows: Show at most this many rows, then "… N more rows" (default
                :attr:`display_max_rows`).

        Returns:
            An HTML fragment: a status line (with a link to the UI), then the table.
        """
        limit = self.display_max_rows if max_rows is None else max(0, max_rows)
        rows, columns = self.rows, self.columns
        esc = html.escape
        status = esc(self._status())
        href = _safe_href(self.query_url)
        if href:
            status += f' · <a href="{esc(href)}" target="_blank">open in Honeycomb</a>'
        out = ['<div class="honeycomb-query-result">', f"<p>{status}</p>"]
        if columns:
            shown = rows[:limit]
            out.append("<table><thead><tr>")
            out.extend(f"<th>{esc(c)}</th>" for c in columns)
            out.append("</tr></thead><tbody>")
            for row in shown:
                out.append("<tr>")
                for c in columns:
                    value = row.get(c)
                    align = ' style="text-align:right"' if _is_number(value) else ""
                    out.append(f"<td{align}>{esc(_format_cell(value))}</td>")
                out.append("</tr>")
            out.append("</tbody></table>")
            if len(rows) > len(shown):
                out.append(f"<p>… {len(rows) - len(shown)} more rows</p>")
        out.append("</div>")
        return "".join(out)

    def _repr_html_(self) -> str:
        return self.to_html()

    repr_max_rows: ClassVar[int] = 3
    """How many rows ``repr()`` previews."""

    def __repr_args__(self) -> Iterator[tuple[str | None, Any]]:
        """A summary instead of every field: a result can hold thousands of rows and
        points. Drives ``repr()``, rich and devtools alike; ``print()`` shows the table."""
        rows, columns = self.rows, self.columns
        yield "id", self.id
        yield "complete", self.complete
        if self.error is not None:
            yield "error", self.error
        yield "shape", (len(rows), len(columns))
        yield "columns", _Summary(_preview_items([repr(c) for c in columns], 8, "[", "]"))
        if rows:
            shown = [_preview_row(row) for row in rows[: self.repr_max_rows]]
            yield "rows", _Summary(_preview_items(shown, len(shown), "[", "]", total=len(rows)))
        if self.data is not None and self.data.series:
            yield "series", _Summary(f"<{len(self.data.series)} points>")
        if self.query_url:
            yield "query_url", self.query_url


class _Summary(str):
    """Text that ``repr()`` shows as is (inside a model's repr)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return str(self)


_REPR_VALUE_WIDTH = 40


def _preview_items(
    items: Sequence[str], limit: int, open_: str, close: str, *, total: int | None = None
) -> str:
    """``[a, b, …+N]``: the first ``limit`` items and how many more (of ``total``)."""
    more = (len(items) if total is None else total) - min(limit, len(items))
    shown = list(items[:limit]) + ([f"…+{more}"] if more > 0 else [])
    return open_ + ", ".join(shown) + close


def _preview_row(row: Mapping[str, Any]) -> str:
    def short(value: Any) -> str:
        text = repr(value)
        return text if len(text) <= _REPR_VALUE_WIDTH else text[: _REPR_VALUE_WIDTH - 1] + "…"

    return _preview_items([f"{k!r}: {short(v)}" for k, v in row.items()], 8, "{", "}")


def _ordered_columns(
    rows: Iterable[Mapping[str, Any]], breakdowns: Sequence[str], expected: Sequence[str]
) -> list[str]:
    """Union of the row keys in first-seen order, breakdowns first; ``expected`` if no rows."""
    seen: dict[str, None] = {}
    for row in rows:
        for key in row:
            seen.setdefault(key, None)
    if not seen:
        return list(dict.fromkeys(expected))
    first = [b for b in breakdowns if b in seen]
    return first + [k for k in seen if k not in first]


accepts_response(Query, QuerySpec)
