"""A fluent, typed query builder and the local validation of query specifications.

Pure: no I/O. Build a query step by step; every call returns a **new** builder, so a base
query can be shared and specialised::

    from honeycomb.query import QueryBuilder

    base = QueryBuilder().where("service.name", "=", "api").last(hours=2)
    slow = (
        base.calculate("P99", "duration_ms")
        .calculate("COUNT")
        .where("http.status_code", ">=", 500)
        .group_by("http.route")
        .order_by("P99", "duration_ms", descending=True)
        .having("COUNT", None, ">", 10)
        .granularity(60)
        .limit(100)
    )
    spec = slow.build()       # a validated honeycomb.models.queries.QuerySpec
    body = slow.to_dict()     # the JSON body sent to POST /1/queries/{dataset}
    again = QueryBuilder.from_spec(body)

:meth:`QueryBuilder.build` checks the whole query locally with :func:`validate_query` and
raises one :class:`QueryValidationError` that lists **every** problem, each saying what to
fix, e.g. ``havings[0] refers to P99(duration_ms), which is not among the calculations``.

Naming: the builder is ``QueryBuilder``. There is deliberately no ``Query`` alias here,
because :class:`honeycomb.models.queries.Query` already names the saved query that
``client.queries.create()``/``get()`` return; one name for two different things invites
``isinstance`` mistakes. Alias it yourself if you like short names
(``from honeycomb.query import QueryBuilder as Q``).

Validation rules (from the API reference and observed API behaviour):

- at most 100 calculations, filters, breakdowns, orders, havings, formulas and calculated
  fields (and calculation filters per calculation);
- only ``COUNT``, ``CONCURRENCY`` and ``COUNT_DATAPOINTS`` may omit ``column``;
  ``CONCURRENCY`` takes none; a calculation with its own filters needs a ``name``;
  calculation and formula names are unique;
- ``exists``/``does-not-exist`` take no value; ``in``/``not-in`` take a non-empty list;
  the string operators (``starts-with``, ``contains``, ...) take a string; ``=``, ``!=``,
  ``>``, ``>=``, ``<``, ``<=`` take one value;
- orders and havings refer to a calculation (op + column), a calculation or formula name,
  or (orders only) a breakdown; ``HEATMAP`` can be neither ordered by nor used in a having;
- ``time_range``, ``start_time`` and ``end_time`` are not all three set; ``start_time`` is
  not after ``end_time``;
- ``granularity`` fits the time range: from range/1000 to range/1 seconds (the spec's
  wording; a graph has at most 1,000 buckets);
- ``limit`` is 1..1,000 for a saved query; up to 10,000 only for a query result created with
  ``disable_series=True``;
- ``compare_time_offset_seconds`` is one of 1800, 3600, 7200, 28800, 86400, 604800,
  2419200, 15724800 and at least the query's time range;
- for a query result (``for_query_result=True``): the time range is at most 7 days (the API
  answers 400 otherwise). A window that *starts* more than 7 days ago, and a
  ``compare_time_offset_seconds`` (whose comparison the Query Data API does not return), only
  emit a :class:`QueryWarning`: the API accepts them but the result will be empty/partial or
  lack the comparison.

The time range is known when ``time_range`` is set, when both ``start_time`` and
``end_time`` are, or when none of the three is (the API's default of 7,200 s). With only a
``start_time`` or only an ``end_time`` the range-dependent checks are skipped.
"""

from __future__ import annotations

import math
import time
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from enum import Enum
from typing import Any, TypeGuard

from pydantic import BaseModel, ValidationError

from honeycomb._finite import non_finite_path
from honeycomb.errors import RequestValidationError
from honeycomb.models._base import request_data
from honeycomb.models.queries import (
    COMPARE_TIME_OFFSETS,
    MAX_QUERY_LIMIT,
    MAX_QUERY_RESULT_LIMIT,
    Calculation,
    CalculationOp,
    Filter,
    FilterOp,
    Formula,
    Having,
    InlineCalculatedField,
    Order,
    QuerySpec,
    calculation_label,
)
from honeycomb.models.queries import Query as SavedQuery

__all__ = [
    "QueryBuilder",
    "QueryValidationError",
    "QueryWarning",
    "query_body",
    "validate_query",
]

SEVEN_DAYS = 7 * 86400
"""The longest time range (and the furthest back) the Query Data API serves."""

DEFAULT_TIME_RANGE = 7200
"""The API's ``time_range`` when a query sets no time at all."""

_NO_COLUMN_OPS = frozenset({"COUNT", "CONCURRENCY", "COUNT_DATAPOINTS"})
_VALUELESS_FILTER_OPS = frozenset({"exists", "does-not-exist"})
_LIST_FILTER_OPS = frozenset({"in", "not-in"})
_STRING_FILTER_OPS = frozenset(
    {
        "starts-with",
        "does-not-start-with",
        "ends-with",
        "does-not-end-with",
        "contains",
        "does-not-contain",
    }
)
_SINGLE_VALUE_FILTER_OPS = frozenset({"=", "!=", ">", ">=", "<", "<="})
_CALC_OPS = frozenset(op.value for op in CalculationOp)
_FILTER_OPS = frozenset(op.value for op in FilterOp)

_KNOWN_FIELDS = frozenset(
    name
    for model in (QuerySpec, Calculation, Filter, Order, Having, Formula, InlineCalculatedField)
    for name in model.model_fields
)


class QueryValidationError(RequestValidationError):
    """A query specification breaks one or more of the API's rules.

    Raised before anything is sent. The message lists every problem found, one per line.
    A :class:`~honeycomb.RequestValidationError`, so a bad query raises the same kind of
    error whether it is a trigger's or ``query_results.run``'s.

    Attributes:
        problems: One human-readable sentence per problem, each naming the offending
            field (``havings[0]``, ``granularity``, ...) and what to change.
    """

    def __init__(
        self, problems: Sequence[str], *, errors: Sequence[Mapping[str, Any]] = ()
    ) -> None:
        """Build the error from its list of problems.

        Args:
            problems: One sentence per problem.
            errors: pydantic's ``errors()`` list, when pydantic found some of them.
        """
        super().__init__(list(problems), errors=errors, subject="query")


class QueryWarning(UserWarning):
    """A query the API accepts, but whose result will probably not be what you expect."""


# ---------------------------------------------------------------- validation core


@dataclass(frozen=True)
class _Problem:
    loc: tuple[str | int, ...]
    message: str


def _path(loc: Sequence[str | int]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "query"


def _short_repr(value: Any, limit: int = 80) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _plain(value: Any) -> Any:
    """Models, enums, tuples -> JSON-like dicts/lists/scalars (None values dropped)."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", exclude_none=True)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _pydantic_problems(err: ValidationError) -> list[_Problem]:
    groups: dict[tuple[str | int, ...], list[Any]] = {}
    for detail in err.errors():
        parts: list[str | int] = []
        for part in detail["loc"]:
            if (
                isinstance(part, str)
                and part not in _KNOWN_FIELDS
                and detail["type"] != "extra_forbidden"
            ):
                break  # a union-member tag such as 'int' or 'list[str]'
            parts.append(part)
        groups.setdefault(tuple(parts), []).append(detail)
    problems = []
    for loc, details in groups.items():
        path = _path(loc)
        first = details[0]
        kind = first["type"]
        if len(details) > 1:
            message = (
                f"{path}: {_short_repr(first.get('input'))} is not valid here "
                "(expected a string, number, boolean, or a list of them)"
                if loc and loc[-1] == "value"
                else f"{path}: " + "; ".join(dict.fromkeys(d["msg"] for d in details))
            )
        elif kind == "missing":
            message = f"{path} is required"
        elif kind == "too_long":
            ctx = first.get("ctx") or {}
            message = (
                f"{path} has {ctx.get('actual_length', 'too many')} items; "
                f"Honeycomb accepts at most {ctx.get('max_length')}"
            )
        elif kind == "extra_forbidden":
            message = f"{path} is not a field of a query specification; remove it"
        else:
            message = f"{path}: {first['msg']} (got {_short_repr(first.get('input'))})"
        problems.append(_Problem(loc, message))
    return problems


def _as_list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else []


def _as_dict(value: Any) -> dict[str, Any]:
    return dict(value) if isinstance(value, Mapping) else {}


def _is_int(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _human(seconds: int) -> str:
    for unit, size in (("days", 86400), ("hours", 3600), ("minutes", 60)):
        if seconds >= size and seconds % size == 0:
            amount = seconds // size
            return f"{seconds} s ({amount} {unit[:-1] if amount == 1 else unit})"
    return f"{seconds} s"


def _time_range(data: Mapping[str, Any]) -> int | None:
    """The query's duration in seconds, when it can be known without a clock."""
    tr, start, end = data.get("time_range"), data.get("start_time"), data.get("end_time")
    if tr is not None:
        return tr if _is_int(tr) else None
    if start is not None and end is not None:
        return end - start if _is_int(start) and _is_int(end) else None
    if start is None and end is None:
        return DEFAULT_TIME_RANGE
    return None


def _check_filter(loc: tuple[str | int, ...], item: Mapping[str, Any]) -> list[_Problem]:
    op = item.get("op")
    if not isinstance(op, str) or op not in _FILTER_OPS:
        return []
    has_value = item.get("value") is not None
    value = item.get("value")
    where = _path(loc)
    bad_number = non_finite_path(value)
    if bad_number is not None:
        at = f" (at {bad_number})" if bad_number else ""
        return [
            _Problem(loc, f"{where}: value {_short_repr(value)}{at} is NaN or infinite, not JSON")
        ]
    if op in _VALUELESS_FILTER_OPS:
        if has_value:
            return [
                _Problem(loc, f"{where}: '{op}' takes no value; remove value {_short_repr(value)}")
            ]
    elif op in _LIST_FILTER_OPS:
        if not isinstance(value, list | tuple):
            return [
                _Problem(
                    loc,
                    f"{where}: '{op}' takes a list of values, e.g. ['a', 'b'] "
                    f"(got {_short_repr(value)})",
                )
            ]
        if not value:
            return [_Problem(loc, f"{where}: '{op}' needs at least one value in its list")]
    elif op in _STRING_FILTER_OPS:
        if not isinstance(value, str):
            return [
                _Problem(
                    loc,
                    f"{where}: '{op}' compares strings, so value must be a string "
                    f"(got {_short_repr(value)})",
                )
            ]
    elif op in _SINGLE_VALUE_FILTER_OPS:
        if not has_value:
            hint = (
                "; to test whether the column is set use 'exists' or 'does-not-exist'"
                if op in ("=", "!=")
                else ""
            )
            return [_Problem(loc, f"{where}: '{op}' needs a value{hint}")]
        if isinstance(value, list | tuple):
            alt = "in" if op == "=" else "not-in" if op == "!=" else None
            hint = f"; use '{alt}' to match any of a list" if alt else ""
            return [_Problem(loc, f"{where}: '{op}' takes a single value, not a list{hint}")]
    return []


def _check_filters(loc: tuple[str | int, ...], filters: Any) -> list[_Problem]:
    problems = []
    for j, item in enumerate(_as_list(filters)):
        if isinstance(item, Mapping):
            problems += _check_filter((*loc, j), item)
    return problems


@dataclass
class _Terms:
    """What orders and havings may refer to."""

    pairs: set[tuple[str, str | None]]
    names: set[str]
    breakdowns: set[str]
    labels: list[str]

    def describe(self, *, with_breakdowns: bool) -> str:
        parts = []
        if self.labels:
            parts.append("calculations: " + ", ".join(self.labels))
        if self.names:
            parts.append("names: " + ", ".join(sorted(self.names)))
        if with_breakdowns and self.breakdowns:
            parts.append("breakdowns: " + ", ".join(sorted(self.breakdowns)))
        return "; ".join(parts) if parts else "nothing"


def _collect_terms(data: Mapping[str, Any]) -> _Terms:
    calcs = [_as_dict(c) for c in _as_list(data.get("calculations"))]
    if not calcs:
        calcs = [{"op": "COUNT"}]  # the API's default calculation
    pairs: set[tuple[str, str | None]] = set()
    labels: list[str] = []
    names: set[str] = set()
    for calc in calcs:
        op, column, name = calc.get("op"), calc.get("column"), calc.get("name")
        if isinstance(op, str):
            pairs.add((op, column if isinstance(column, str) else None))
            labels.append(calculation_label(op, column if isinstance(column, str) else None))
        if isinstance(name, str):
            names.add(name)
    for formula in _as_list(data.get("formulas")):
        name = _as_dict(formula).get("name")
        if isinstance(name, str):
            names.add(name)
    breakdowns = {b for b in _as_list(data.get("breakdowns")) if isinstance(b, str)}
    return _Terms(pairs, names, breakdowns, list(dict.fromkeys(labels)))


def _check_calculations(data: Mapping[str, Any]) -> list[_Problem]:
    problems = []
    seen_names: dict[str, str] = {}
    for i, raw in enumerate(_as_list(data.get("calculations"))):
        calc = _as_dict(raw)
        loc: tuple[str | int, ...] = ("calculations", i)
        where = _path(loc)
        op, column, name = calc.get("op"), calc.get("column"), calc.get("name")
        if isinstance(op, str) and op in _CALC_OPS:
            if op == "CONCURRENCY" and column is not None:
                problems.append(
                    _Problem(loc, f"{where}: CONCURRENCY takes no column; remove column {column!r}")
                )
            elif op not in _NO_COLUMN_OPS and column is None:
                problems.append(
                    _Problem(
                        loc,
                        f"{where}: {op} needs a column (only COUNT, CONCURRENCY and "
                        "COUNT_DATAPOINTS may omit it)",
                    )
                )
        if calc.get("filters") and name is None:
            problems.append(
                _Problem(
                    loc,
                    f"{where} has its own filters, so it needs a name "
                    "(Honeycomb requires one for calculation filters)",
                )
            )
        problems += _check_filters((*loc, "filters"), calc.get("filters"))
        if isinstance(name, str):
            if name in seen_names:
                problems.append(
                    _Problem(
                        (*loc, "name"),
                        f"{where}.name {name!r} is already used by {seen_names[name]}; "
                        "names must be unique",
                    )
                )
            else:
                seen_names[name] = where
    for i, raw in enumerate(_as_list(data.get("formulas"))):
        name = _as_dict(raw).get("name")
        where = _path(("formulas", i))
        if isinstance(name, str):
            if name in seen_names:
                problems.append(
                    _Problem(
                        ("formulas", i, "name"),
                        f"{where}.name {name!r} is already used by {seen_names[name]}; "
                        "names must be unique",
                    )
                )
            else:
                seen_names[name] = where
    fields_seen: dict[str, str] = {}
    for i, raw in enumerate(_as_list(data.get("calculated_fields"))):
        name = _as_dict(raw).get("name")
        where = _path(("calculated_fields", i))
        if isinstance(name, str):
            if name in fields_seen:
                problems.append(
                    _Problem(
                        ("calculated_fields", i, "name"),
                        f"{where}.name {name!r} is already defined by {fields_seen[name]}",
                    )
                )
            else:
                fields_seen[name] = where
    return problems


def _check_orders_and_havings(data: Mapping[str, Any]) -> list[_Problem]:
    problems = []
    terms = _collect_terms(data)
    for i, raw in enumerate(_as_list(data.get("orders"))):
        order = _as_dict(raw)
        loc: tuple[str | int, ...] = ("orders", i)
        where = _path(loc)
        op, column = order.get("op"), order.get("column")
        if op is None and column is None:
            problems.append(
                _Problem(
                    loc,
                    f"{where} names nothing: give op (and column) to order by a calculation, "
                    "or column to order by a breakdown or a calculation/formula name",
                )
            )
        elif op == "HEATMAP":
            problems.append(_Problem(loc, f"{where}: HEATMAP calculations cannot be ordered by"))
        elif isinstance(op, str):
            if op in _CALC_OPS and (op, column) not in terms.pairs and column not in terms.names:
                label = calculation_label(op, column)
                problems.append(
                    _Problem(
                        loc,
                        f"{where} refers to {label}, which is not among the calculations "
                        f"(add it with calculate(), or order by one of "
                        f"{terms.describe(with_breakdowns=True)})",
                    )
                )
        elif isinstance(column, str) and column not in terms.breakdowns | terms.names:
            problems.append(
                _Problem(
                    loc,
                    f"{where} refers to {column!r}, which is neither a breakdown nor a "
                    f"calculation or formula name (available: "
                    f"{terms.describe(with_breakdowns=True)})",
                )
            )
    for i, raw in enumerate(_as_list(data.get("havings"))):
        having = _as_dict(raw)
        loc = ("havings", i)
        where = _path(loc)
        op, column = having.get("calculate_op"), having.get("column")
        if op == "HEATMAP":
            problems.append(
                _Problem(loc, f"{where}: HEATMAP calculations cannot be used in a having")
            )
        elif (
            isinstance(op, str)
            and op in _CALC_OPS
            and (op, column) not in terms.pairs
            and column not in terms.names
        ):
            label = calculation_label(op, column)
            problems.append(
                _Problem(
                    loc,
                    f"{where} refers to {label}, which is not among the calculations "
                    f"(add it with calculate(), or use one of "
                    f"{terms.describe(with_breakdowns=False)})",
                )
            )
    return problems


def _check_time(
    data: Mapping[str, Any],
    *,
    for_query_result: bool,
    disable_series: bool,
    now: float | None,
) -> tuple[list[_Problem], list[str]]:
    problems: list[_Problem] = []
    notes: list[str] = []
    tr, start, end = data.get("time_range"), data.get("start_time"), data.get("end_time")
    if tr is not None and start is not None and end is not None:
        problems.append(
            _Problem(
                ("time_range",),
                "time_range, start_time and end_time are all set; give at most two: "
                "time_range with start_time (counts forward), time_range with end_time "
                "(counts back), or start_time with end_time",
            )
        )
    if _is_int(start) and _is_int(end) and start > end:
        problems.append(
            _Problem(
                ("start_time",),
                f"start_time ({start}) is after end_time ({end}); start_time must be <= end_time",
            )
        )
    span = _time_range(data) if not problems else None

    granularity = data.get("granularity")
    if _is_int(granularity) and granularity < 1:
        problems.append(
            _Problem(("granularity",), f"granularity must be at least 1 second, got {granularity}")
        )
    elif span is not None and span > 0 and _is_int(granularity):
        lowest = math.ceil(span / 1000)
        if granularity > span:
            problems.append(
                _Problem(
                    ("granularity",),
                    f"granularity {granularity} s is longer than the query's time range "
                    f"{_human(span)}; Honeycomb accepts range/1000 to range/1, "
                    f"here {lowest}..{span} seconds",
                )
            )
        elif granularity < lowest:
            problems.append(
                _Problem(
                    ("granularity",),
                    f"granularity {granularity} s is too fine for the query's time range "
                    f"{_human(span)}: it would make {math.ceil(span / granularity)} buckets, "
                    f"over the 1000 allowed; Honeycomb accepts range/1000 to range/1, "
                    f"here {lowest}..{span} seconds",
                )
            )

    limit = data.get("limit")
    if _is_int(limit):
        allowed = MAX_QUERY_RESULT_LIMIT if for_query_result and disable_series else MAX_QUERY_LIMIT
        if limit > allowed:
            if for_query_result and not disable_series:
                hint = "run it with disable_series=True to get up to 10,000 rows"
            elif for_query_result:
                hint = "lower it"
            else:
                hint = (
                    "lower it, or run the query with "
                    "query_results.run(..., disable_series=True) to get up to 10,000 rows"
                )
            problems.append(
                _Problem(
                    ("limit",),
                    f"limit {limit} is above {allowed:,}, the maximum "
                    + (
                        "for a query result"
                        if for_query_result and disable_series
                        else "for a saved query"
                    )
                    + f"; {hint}",
                )
            )

    offset = data.get("compare_time_offset_seconds")
    if _is_int(offset) and offset in COMPARE_TIME_OFFSETS and span is not None and offset < span:
        fitting = [o for o in COMPARE_TIME_OFFSETS if o >= span]
        hint = f" (e.g. {fitting[0]})" if fitting else ""
        problems.append(
            _Problem(
                ("compare_time_offset_seconds",),
                f"compare_time_offset_seconds {offset} is shorter than the query's time range "
                f"{_human(span)}; the offset must be at least the range{hint}",
            )
        )

    if for_query_result:
        if span is not None and span > SEVEN_DAYS:
            problems.append(
                _Problem(
                    ("time_range",),
                    f"the query covers {_human(span)}, but a query result can cover at most "
                    f"7 days ({SEVEN_DAYS} s); shorten time_range or the start_time..end_time "
                    "window",
                )
            )
        else:
            earliest = (
                start
                if _is_int(start)
                else end - span
                if _is_int(end) and span is not None
                else None
            )
            clock = time.time() if now is None else now
            if earliest is not None and earliest < clock - SEVEN_DAYS:
                notes.append(
                    f"the query starts at {earliest}, more than 7 days ago: the Query Data API "
                    "only returns events from the past 7 days, so the result will be empty "
                    "or partial"
                )
        if offset is not None:
            notes.append(
                "compare_time_offset_seconds is set, but query results never include the "
                "comparison series; only the Honeycomb UI shows it"
            )
    return problems, notes


def _normalise(spec: Any) -> tuple[dict[str, Any], list[_Problem], ValidationError | None]:
    """Any accepted spec form -> (JSON-like dict, schema-level problems, pydantic's error)."""
    if isinstance(spec, QueryBuilder):
        spec = spec._raw()
    if isinstance(spec, QuerySpec):
        return spec.model_dump(mode="json", exclude_none=True), [], None
    if isinstance(spec, SavedQuery | Mapping):
        spec = request_data(QuerySpec, spec)  # a saved query, or its dump, loses its ids
    if not isinstance(spec, Mapping):
        raise TypeError(
            f"expected a QuerySpec, a QueryBuilder, a Query or a dict, got {type(spec).__name__}"
        )
    try:
        model = QuerySpec.model_validate(spec)
    except ValidationError as err:
        return _plain(spec), _pydantic_problems(err), err
    return model.model_dump(mode="json", exclude_none=True), [], None


def _overlaps(a: tuple[str | int, ...], b: tuple[str | int, ...]) -> bool:
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def _collect(
    spec: Any, *, for_query_result: bool, disable_series: bool, now: float | None
) -> tuple[list[str], list[str], ValidationError | None]:
    data, schema, cause = _normalise(spec)
    semantic = (
        _check_calculations(data)
        + _check_filters(("filters",), data.get("filters"))
        + _check_orders_and_havings(data)
    )
    time_problems, notes = _check_time(
        data, for_query_result=for_query_result, disable_series=disable_series, now=now
    )
    semantic += time_problems
    # A rule about a part pydantic already rejected would only repeat the same complaint.
    schema_locs = [p.loc for p in schema if p.loc]
    kept = [p for p in semantic if not any(_overlaps(p.loc, loc) for loc in schema_locs)]
    ordered = sorted(schema + kept, key=lambda p: _field_rank(p.loc))
    return [p.message for p in ordered], notes, cause


_FIELD_ORDER = {name: i for i, name in enumerate(QuerySpec.model_fields)}


def _field_rank(loc: tuple[str | int, ...]) -> tuple[int, int]:
    if not loc:
        return (-1, 0)
    head = loc[0]
    index = loc[1] if len(loc) > 1 and isinstance(loc[1], int) else -1
    return (_FIELD_ORDER.get(str(head), len(_FIELD_ORDER)), index)


def validate_query(
    spec: QuerySpec | Mapping[str, Any] | QueryBuilder | SavedQuery,
    *,
    for_query_result: bool = False,
    disable_series: bool = False,
    now: float | None = None,
) -> None:
    """Check a query specification locally against the API's rules, before sending it.

    Every problem is collected (the schema-level ones pydantic finds and the rules that
    relate fields to each other) and reported together.

    Args:
        spec: The query: a :class:`~honeycomb.models.queries.QuerySpec`, a dict, a
            :class:`QueryBuilder` or a saved :class:`~honeycomb.models.queries.Query`.
        for_query_result: Also apply the Query Data API's rules (at most 7 days; a limit
            above 1,000 only with ``disable_series``).
        disable_series: The query result will be created with ``disable_series=True``,
            which allows a ``limit`` up to 10,000.
        now: The current time in epoch seconds, for the "starts more than 7 days ago"
            warning (default: the system clock). Only used with ``for_query_result``.

    Raises:
        QueryValidationError: Listing every problem found.
        TypeError: When ``spec`` is none of the accepted types.

    Warns:
        QueryWarning: For a valid query result whose output will be empty, partial, or
            lack the comparison series.
    """
    _validate(
        spec,
        for_query_result=for_query_result,
        disable_series=disable_series,
        now=now,
        stacklevel=3,
    )


def _validate(
    spec: Any, *, for_query_result: bool, disable_series: bool, now: float | None, stacklevel: int
) -> None:
    problems, notes, cause = _collect(
        spec, for_query_result=for_query_result, disable_series=disable_series, now=now
    )
    if problems:
        errors = cause.errors(include_url=False) if cause is not None else ()
        raise QueryValidationError(problems, errors=errors) from cause
    for note in notes:
        warnings.warn(note, QueryWarning, stacklevel=stacklevel)


def query_body(
    query: QuerySpec | Mapping[str, Any] | QueryBuilder | SavedQuery,
    *,
    for_query_result: bool = False,
    disable_series: bool = False,
    stacklevel: int = 2,
) -> dict[str, Any]:
    """Validate a query in any accepted form and return the JSON body to send.

    Used by ``client.queries.create`` and ``client.query_results.run``.

    Args:
        query: A ``QuerySpec``, a dict, a :class:`QueryBuilder`, or a saved ``Query``
            (whose ``id``, ``query_annotation_id`` and unknown fields are dropped).
        for_query_result: Also apply the Query Data API's rules.
        disable_series: The result will be created with ``disable_series=True``.
        stacklevel: Which frame above this function a :class:`QueryWarning` is
            attributed to (as for ``warnings.warn``; 2 is the caller).

    Returns:
        The body: only the fields that were set, JSON-ready.

    Raises:
        QueryValidationError: Listing every problem found (nothing should be sent).
        TypeError: When ``query`` is none of the accepted types.
    """
    if isinstance(query, QueryBuilder):
        query = query._raw()
    elif isinstance(query, SavedQuery | Mapping):
        query = request_data(QuerySpec, query)
    _validate(
        query,
        for_query_result=for_query_result,
        disable_series=disable_series,
        now=None,
        stacklevel=stacklevel + 1,
    )
    spec = query if isinstance(query, QuerySpec) else QuerySpec.model_validate(query)
    return spec.model_dump(mode="json", by_alias=True, exclude_unset=True)


# ----------------------------------------------------------------------- builder

_MISSING: Any = object()

_Timestamp = datetime | int | float
_Seconds = int | float | timedelta
_FilterLike = Filter | Mapping[str, Any] | Sequence[Any]


def _enum_text(value: Any, *, upper: bool = False, lower: bool = False) -> Any:
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, str):
        if upper:
            return value.upper()
        if lower and value.lower() in _FILTER_OPS:
            return value.lower()
    return value


def _seconds(value: _Seconds) -> Any:
    if isinstance(value, timedelta):
        value = value.total_seconds()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _epoch(value: _Timestamp, *, round_up: bool) -> Any:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        value = value.timestamp()
    if isinstance(value, bool):
        raise TypeError("a time must be a datetime or epoch seconds, not a bool")
    if isinstance(value, float):
        return math.ceil(value) if round_up else math.floor(value)
    if isinstance(value, int):
        return value
    raise TypeError(f"a time must be a datetime or epoch seconds, got {type(value).__name__}")


def _filter_value(value: Any) -> Any:
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, set | frozenset):
        try:
            return sorted(value)
        except TypeError:
            return list(value)
    return value


def _filter_dict(item: _FilterLike) -> dict[str, Any]:
    if isinstance(item, BaseModel):
        return item.model_dump(mode="json", exclude_unset=True)
    if isinstance(item, Mapping):
        out = dict(item)
        if "op" in out:
            out["op"] = _enum_text(out["op"], lower=True)
        if "value" in out:
            out["value"] = _filter_value(out["value"])
        return out
    if isinstance(item, Sequence) and not isinstance(item, str) and len(item) in (2, 3):
        column, op = item[0], item[1]
        out = {"column": column, "op": _enum_text(op, lower=True)}
        if len(item) == 3:
            out["value"] = _filter_value(item[2])
        return out
    raise TypeError(
        "a filter is a Filter, a dict, or a (column, op) / (column, op, value) tuple; "
        f"got {_short_repr(item)}"
    )


def _freeze(value: Any) -> Any:
    """Deep-copy JSON-like data so the builder never shares mutable state with callers."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", exclude_unset=True)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Mapping):
        return {k: _freeze(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_freeze(v) for v in value]
    return value


class QueryBuilder:
    """An immutable, fluent builder for a query specification.

    Every method returns a new builder; the original is unchanged, so a base query can be
    reused. Nothing is checked until :meth:`build` (or :meth:`to_dict`), which reports every
    problem at once as a :class:`QueryValidationError`.

    Examples:
        >>> q = QueryBuilder().calculate("COUNT").group_by("endpoint").last(hours=1)
        >>> q.to_dict()
        {'calculations': [{'op': 'COUNT'}], 'breakdowns': ['endpoint'], 'time_range': 3600}
    """

    __slots__ = ("_fields",)

    def __init__(self) -> None:
        """Start an empty query (the API then counts events over the last two hours)."""
        self._fields: dict[str, Any] = {}

    # -- internals -------------------------------------------------------------------

    @classmethod
    def _from_fields(cls, fields: dict[str, Any]) -> QueryBuilder:
        builder = cls.__new__(cls)
        builder._fields = fields
        return builder

    def _set(self, **changes: Any) -> QueryBuilder:
        fields = dict(self._fields)
        for key, value in changes.items():
            if value is _MISSING:
                fields.pop(key, None)
            else:
                fields[key] = _freeze(value)
        return self._from_fields(fields)

    def _append(self, key: str, *items: Any) -> QueryBuilder:
        return self._set(**{key: (*self._fields.get(key, ()), *items)})

    def _raw(self) -> dict[str, Any]:
        return {k: _freeze(v) for k, v in self._fields.items()}

    def __query_spec__(self) -> dict[str, Any]:
        """The fields set so far, unvalidated: how ``QuerySpec`` reads a builder given
        where a query specification goes (the models cannot import this module back)."""
        return self._raw()

    # -- calculations ----------------------------------------------------------------

    def calculate(
        self,
        op: CalculationOp | str,
        column: str | None = None,
        *,
        name: str | None = None,
        filters: Iterable[_FilterLike] | None = None,
        filter_combination: str | None = None,
    ) -> QueryBuilder:
        """Add a calculation, e.g. ``calculate("P99", "duration_ms")`` or ``calculate("COUNT")``.

        Args:
            op: The aggregate (:class:`~honeycomb.models.queries.CalculationOp`, any case).
            column: The column to aggregate; omit for ``COUNT`` and ``CONCURRENCY``.
            name: A name for the calculation (Metrics Beta), needed with ``filters`` and
                usable from orders, havings and formulas.
            filters: Filters for this calculation only (Metrics Beta): ``Filter`` objects,
                dicts, or ``(column, op[, value])`` tuples.
            filter_combination: ``"AND"`` (default) or ``"OR"`` for ``filters``.

        Returns:
            A new builder with the calculation appended.

        Raises:
            TypeError: When a filter is not in one of the accepted forms.
        """
        calc: dict[str, Any] = {"op": _enum_text(op, upper=True)}
        if column is not None:
            calc["column"] = column
        if name is not None:
            calc["name"] = name
        if filters is not None:
            calc["filters"] = [_filter_dict(f) for f in filters]
        if filter_combination is not None:
            calc["filter_combination"] = _enum_text(filter_combination, upper=True)
        return self._append("calculations", calc)

    def formula(self, name: str, expression: str) -> QueryBuilder:
        """Add a formula over named calculations (Metrics Beta).

        Args:
            name: The formula's name (the column it gets in the results).
            expression: A calculated-field-style expression using calculation names, e.g.
                ``"DIV($errors, $total)"``.

        Returns:
            A new builder with the formula appended.
        """
        return self._append("formulas", {"name": name, "expression": expression})

    def calculated_field(self, name: str, expression: str) -> QueryBuilder:
        """Define a calculated field that exists only for this query.

        Args:
            name: The field's name, usable as a column in this query.
            expression: The calculated field formula, e.g. ``"GT($status_code, 499)"``.

        Returns:
            A new builder with the calculated field appended.
        """
        return self._append("calculated_fields", {"name": name, "expression": expression})

    # -- filters ---------------------------------------------------------------------

    def where(self, column: str, op: FilterOp | str, value: Any = _MISSING) -> QueryBuilder:
        """Add a filter on the events, e.g. ``where("status", ">=", 500)``.

        Filters are combined with AND unless :meth:`filter_combination` (or
        :meth:`where_any`) set OR; Honeycomb has one combination for all of a query's filters.

        Args:
            column: The column to test.
            op: The operator (:class:`~honeycomb.models.queries.FilterOp`): ``=``, ``!=``,
                ``>``, ``>=``, ``<``, ``<=``, ``starts-with``, ``contains``, ``exists``,
                ``in``, ... (``exists``/``does-not-exist`` take no value).
            value: What to compare with; a list (or tuple/set) for ``in``/``not-in``.

        Returns:
            A new builder with the filter appended.
        """
        item: dict[str, Any] = {"column": column, "op": _enum_text(op, lower=True)}
        if value is not _MISSING:
            item["value"] = _filter_value(value)
        return self._append("filters", item)

    def where_any(self, *filters: _FilterLike) -> QueryBuilder:
        """Add filters OR-ed together: ``where_any(("a", "exists"), ("b", "=", 1))``.

        This sets the query's ``filter_combination`` to OR. Because Honeycomb has a single
        combination per query, it refuses to silently turn filters added earlier with
        :meth:`where` into alternatives: call ``filter_combination("OR")`` first if you mean it.

        Args:
            *filters: ``Filter`` objects, dicts, or ``(column, op[, value])`` tuples.

        Returns:
            A new builder with the filters appended and ``filter_combination="OR"``.

        Raises:
            TypeError: When no filter is given, or one is not in an accepted form.
            QueryValidationError: When AND-combined filters already exist.
        """
        if not filters:
            raise TypeError("where_any() needs at least one filter")
        existing = self._fields.get("filters", ())
        if existing and self._fields.get("filter_combination") != "OR":
            raise QueryValidationError(
                [
                    f"where_any() would OR together the {len(existing)} filter(s) added "
                    "earlier with where(): Honeycomb has one filter_combination per query. "
                    "Call filter_combination('OR') first if that is what you mean, or pass "
                    "all the alternatives to a single where_any()"
                ]
            )
        items = [_filter_dict(f) for f in filters]
        return self._append("filters", *items)._set(filter_combination="OR")

    def filter_combination(self, combination: str) -> QueryBuilder:
        """Set how the query's filters combine: ``"AND"`` (the default) or ``"OR"``.

        Args:
            combination: ``"AND"`` or ``"OR"`` (any case, or a ``FilterCombination``).

        Returns:
            A new builder.
        """
        return self._set(filter_combination=_enum_text(combination, upper=True))

    # -- grouping, ordering, havings -------------------------------------------------

    def group_by(self, *columns: str) -> QueryBuilder:
        """Break the results down by one or more columns.

        Args:
            *columns: Column names, appended to any earlier breakdowns.

        Returns:
            A new builder.
        """
        return self._append("breakdowns", *columns)

    def order_by(
        self,
        term: str | CalculationOp | Order | Mapping[str, Any],
        column: str | None = None,
        *,
        descending: bool = False,
    ) -> QueryBuilder:
        """Order the results by a calculation, a breakdown, or a calculation/formula name.

        ``order_by("P99", "duration_ms", descending=True)`` orders by a calculation (the
        first argument is a calculation op); ``order_by("endpoint")`` by a breakdown or name.
        For a breakdown column whose name looks like an op, pass
        ``Order(column="MAX")`` or ``{"column": "MAX"}``.

        Args:
            term: A calculation op, a column/name, or a complete ``Order``/dict.
            column: The calculation's column when ``term`` is an op.
            descending: Largest first (default ascending).

        Returns:
            A new builder with the order term appended.
        """
        if isinstance(term, BaseModel | Mapping):
            return self._append("orders", _freeze(term))
        text = _enum_text(term)
        direction = "descending" if descending else "ascending"
        is_op = isinstance(text, str) and text.upper() in _CALC_OPS
        if is_op or column is not None:
            item: dict[str, Any] = {"op": text.upper() if is_op else text}
            if column is not None:
                item["column"] = column
        else:
            item = {"column": text}
        item["order"] = direction
        return self._append("orders", item)

    def having(
        self,
        calculate_op: CalculationOp | str,
        column: str | None,
        op: str,
        value: float,
    ) -> QueryBuilder:
        """Keep only result groups whose calculation passes a test, e.g. ``COUNT > 10``.

        Args:
            calculate_op: The calculation's op; it must be one of the query's calculations.
            column: The calculation's column (``None`` for ``COUNT``), or the name of a
                calculation or formula.
            op: ``=``, ``!=``, ``>``, ``>=``, ``<`` or ``<=``.
            value: The number to compare with.

        Returns:
            A new builder with the having appended.
        """
        item: dict[str, Any] = {"calculate_op": _enum_text(calculate_op, upper=True)}
        if column is not None:
            item["column"] = column
        item["op"] = _enum_text(op)
        item["value"] = value
        return self._append("havings", item)

    # -- shape of the output ---------------------------------------------------------

    def granularity(self, seconds: _Seconds) -> QueryBuilder:
        """Set the time resolution of the graph (between range/1000 and the range).

        Args:
            seconds: Bucket width in seconds (or a ``timedelta``).

        Returns:
            A new builder.
        """
        return self._set(granularity=_seconds(seconds))

    def limit(self, limit: int) -> QueryBuilder:
        """Set the maximum number of result groups.

        1..1,000 for a saved query; up to 10,000 for a query result run with
        ``disable_series=True``.

        Args:
            limit: The maximum number of rows in ``results``.

        Returns:
            A new builder.
        """
        return self._set(limit=limit)

    def usage_mode(self, enabled: bool = True) -> QueryBuilder:
        """Return aggregates without correcting for sample rates (stored volume).

        Args:
            enabled: True to turn usage mode on, False to send ``usage_mode: false``.

        Returns:
            A new builder.
        """
        return self._set(usage_mode=enabled)

    def compare_to(self, offset: _Seconds) -> QueryBuilder:
        """Compare with the same query shifted back in time (``compare_time_offset_seconds``).

        Args:
            offset: 1800, 3600, 7200, 28800, 86400, 604800, 2419200 or 15724800 seconds (or a
                ``timedelta``), at least the query's time range.

        Returns:
            A new builder.
        """
        return self._set(compare_time_offset_seconds=_seconds(offset))

    # -- time ------------------------------------------------------------------------

    def last(
        self,
        duration: _Seconds | None = None,
        *,
        seconds: float = 0,
        minutes: float = 0,
        hours: float = 0,
        days: float = 0,
    ) -> QueryBuilder:
        """Query a window ending now, e.g. ``last(hours=2)`` or ``last(timedelta(days=1))``.

        Clears ``start_time`` and ``end_time``.

        Args:
            duration: The window as seconds or a ``timedelta`` (added to the keywords).
            seconds: Seconds in the window.
            minutes: Minutes in the window.
            hours: Hours in the window.
            days: Days in the window.

        Returns:
            A new builder with ``time_range`` set.
        """
        try:
            total = timedelta(seconds=seconds, minutes=minutes, hours=hours, days=days)
            if duration is not None:
                total += (
                    duration if isinstance(duration, timedelta) else timedelta(seconds=duration)
                )
        except (OverflowError, ValueError) as err:  # 1e300 s, or NaN
            raise QueryValidationError(
                [f"time_range: last() needs a finite window that fits in a timedelta ({err})"]
            ) from err
        return self._set(time_range=_seconds(total), start_time=_MISSING, end_time=_MISSING)

    def between(self, start: _Timestamp, end: _Timestamp) -> QueryBuilder:
        """Query an absolute window. Naive datetimes are taken as UTC.

        Clears ``time_range``. Fractional epoch seconds are widened to whole seconds.

        Args:
            start: The start, as a datetime or epoch seconds.
            end: The end, as a datetime or epoch seconds.

        Returns:
            A new builder with ``start_time`` and ``end_time`` set.

        Raises:
            TypeError: When a time is neither a datetime nor a number.
        """
        return self._set(
            start_time=_epoch(start, round_up=False),
            end_time=_epoch(end, round_up=True),
            time_range=_MISSING,
        )

    def since(self, start: _Timestamp, seconds: _Seconds) -> QueryBuilder:
        """Query ``seconds`` forward from ``start`` (``start_time`` + ``time_range``).

        Args:
            start: The start, as a datetime (naive = UTC) or epoch seconds.
            seconds: The window length, in seconds or as a ``timedelta``.

        Returns:
            A new builder; ``end_time`` is cleared.

        Raises:
            TypeError: When ``start`` is neither a datetime nor a number.
        """
        return self._set(
            start_time=_epoch(start, round_up=False),
            time_range=_seconds(seconds),
            end_time=_MISSING,
        )

    def until(self, end: _Timestamp, seconds: _Seconds) -> QueryBuilder:
        """Query ``seconds`` back from ``end`` (``end_time`` + ``time_range``).

        Args:
            end: The end, as a datetime (naive = UTC) or epoch seconds.
            seconds: The window length, in seconds or as a ``timedelta``.

        Returns:
            A new builder; ``start_time`` is cleared.

        Raises:
            TypeError: When ``end`` is neither a datetime nor a number.
        """
        return self._set(
            end_time=_epoch(end, round_up=True),
            time_range=_seconds(seconds),
            start_time=_MISSING,
        )

    # -- output ----------------------------------------------------------------------

    def build(self, *, for_query_result: bool = False, disable_series: bool = False) -> QuerySpec:
        """Validate the query and return it as a :class:`~honeycomb.models.queries.QuerySpec`.

        Args:
            for_query_result: Also apply the Query Data API's rules (see
                :func:`validate_query`).
            disable_series: The result will be created with ``disable_series=True``
                (allows a ``limit`` up to 10,000).

        Returns:
            A new, independent ``QuerySpec`` holding only the fields that were set.

        Raises:
            QueryValidationError: Listing every problem found.
        """
        raw = self._raw()
        _validate(
            raw,
            for_query_result=for_query_result,
            disable_series=disable_series,
            now=None,
            stacklevel=3,
        )
        return QuerySpec.model_validate(raw)

    def to_dict(
        self, *, for_query_result: bool = False, disable_series: bool = False
    ) -> dict[str, Any]:
        """Validate the query and return the JSON body ``POST /1/queries`` would receive.

        Args:
            for_query_result: Also apply the Query Data API's rules.
            disable_series: The result will be created with ``disable_series=True``.

        Returns:
            A JSON-ready dict with only the fields that were set.

        Raises:
            QueryValidationError: Listing every problem found.
        """
        spec = self.build(for_query_result=for_query_result, disable_series=disable_series)
        return spec.model_dump(mode="json", by_alias=True, exclude_unset=True)

    @classmethod
    def from_spec(cls, spec: QuerySpec | SavedQuery | Mapping[str, Any]) -> QueryBuilder:
        """Start a builder from an existing specification, to change or reuse it.

        Nothing is validated here; :meth:`build` reports problems.

        Args:
            spec: A ``QuerySpec``, a saved ``Query`` (its ``id``, ``query_annotation_id``
                and unknown fields are dropped), or a dict such as :meth:`to_dict` returns
                (``id`` and ``query_annotation_id`` are dropped).

        Returns:
            A builder holding the same fields.

        Raises:
            TypeError: When ``spec`` is none of the accepted types.
        """
        if isinstance(spec, QuerySpec):
            fields = spec.model_dump(mode="json", exclude_unset=True)
        elif isinstance(spec, SavedQuery):
            fields = spec.model_dump(
                mode="json", exclude_none=True, include=set(QuerySpec.model_fields)
            )
        elif isinstance(spec, Mapping):
            fields = {
                k: _freeze(v) for k, v in spec.items() if k not in ("id", "query_annotation_id")
            }
        else:
            raise TypeError(f"expected a QuerySpec, a Query or a dict, got {type(spec).__name__}")
        return cls._from_fields(fields)

    # -- value semantics -------------------------------------------------------------

    def __eq__(self, other: object) -> bool:
        """Builders are equal when they would build the same specification."""
        if not isinstance(other, QueryBuilder):
            return NotImplemented
        return self._raw() == other._raw()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        """An expression that rebuilds this builder."""
        return f"QueryBuilder.from_spec({self._raw()!r})"
