"""The fake's query engine: runs a query specification over the events sent to the fake.

What is exact and what is approximated (also in ``docs/testing.md``):

- **Time**: ``start_time``+``end_time`` select ``[start, end)``; ``start_time``+``time_range``
  ``[start, start+range)``; ``end_time``+``time_range`` ``[end-range, end)``; ``time_range``
  alone (default 7200) ``[now-range, now)``. Honeycomb's rounding of the range to 1-, 5- or
  30-minute boundaries is not applied.
- **Sample rates**: ``COUNT``, ``SUM``, ``AVG``, ``RATE_*`` and the ``HEATMAP`` counts weight
  each event by its sample rate, as Honeycomb does. ``MIN``, ``MAX``, ``COUNT_DISTINCT`` and
  the percentiles use the raw values (Honeycomb weights percentiles too).
- **Percentiles** (``P001`` … ``P999``) are exact, with linear interpolation between the two
  closest ranks (rank ``p × (n − 1)``, numpy's default "linear" method). Honeycomb's are
  approximate (a few percent off on large sets).
- **COUNT_DISTINCT** is exact (Honeycomb uses HyperLogLog, within about 1 %).
- **CONCURRENCY** (approximate): each event is the interval ``[time, time + duration_ms)``
  (the column named by the dataset definition ``duration_ms``, else ``duration_ms``); the
  value is the largest number of intervals open at once, in the group (and time bucket).
- **RATE_AVG / RATE_SUM / RATE_MAX**: the per-second change of the column between
  consecutive events of a group (in time order); the average, sum or maximum of those rates.
- **HEATMAP**: values are not scalar, so the cell holds a JSON string
  ``{"buckets": [{"lower": …, "upper": …, "count": …}, …]}`` with ten equal-width buckets.
- **Filters**: all 16 operators. ``=``/``!=``/``in``/``not-in`` compare numbers numerically
  (``"5"`` equals ``5``) and everything else exactly; ``>``…``<=`` compare numbers, or two
  strings lexically; a missing value fails every positive operator and passes ``!=``,
  ``does-not-*``, ``not-in`` and ``does-not-exist``. ``contains``/``starts-with``/… test the
  value's text.
- **Calculated fields**: the dataset's (and environment-wide) derived columns and the query's
  ``calculated_fields`` are evaluated per event; see ``honeycomb.testing._expr`` for the
  functions supported.
- **Series**: one point per bucket of ``granularity`` seconds (default: the range / 60,
  at least 1 s) and per group with events in that bucket; without breakdowns every bucket
  has a point. Values that are null are left out of a row (the API schema has no nulls).
- **Orders**: as given; the default is the first calculation, descending. **Limit**: the
  query's ``limit`` (default 1000), or the query result's ``limit`` with ``disable_series``.
- Not computed: ``formulas`` (Metrics), ``compare_time_offset_seconds`` (never returned by
  the API either) and ``usage_mode``.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from honeycomb.testing._expr import ExpressionError, Node, evaluate, parse_expression
from honeycomb.testing._state import ALL, Environment, Event, iso

__all__ = ["EngineError", "filter_matches", "percentile", "query_window", "run_query"]

PERCENTILES = {
    "P001": 0.001,
    "P01": 0.01,
    "P05": 0.05,
    "P10": 0.10,
    "P20": 0.20,
    "P25": 0.25,
    "P50": 0.50,
    "P75": 0.75,
    "P80": 0.80,
    "P90": 0.90,
    "P95": 0.95,
    "P99": 0.99,
    "P999": 0.999,
}
DEFAULT_LIMIT = 1000
HEATMAP_BUCKETS = 10


class EngineError(Exception):
    """The query cannot run (the result completes with this error)."""


def percentile(values: Sequence[float], fraction: float) -> float | None:
    """The exact percentile with linear interpolation between the closest ranks.

    Args:
        values: The values (any order).
        fraction: 0..1 (``0.99`` for P99).

    Returns:
        The percentile, or None for no values.
    """
    if not values:
        return None
    ordered = sorted(values)
    rank = fraction * (len(ordered) - 1)
    low = math.floor(rank)
    high = math.ceil(rank)
    if low == high:
        return ordered[low]
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def _number(value: Any) -> float | int | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return None if isinstance(value, float) and math.isnan(value) else value
    return None


def _clean(value: float | int | None) -> Any:
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return value
    return value


# ------------------------------------------------------------------------------ rows


class _Row:
    """An event with lazily evaluated calculated fields."""

    __slots__ = ("cache", "event", "fields")

    def __init__(self, event: Event, fields: Mapping[str, Node]) -> None:
        self.event = event
        self.fields = fields
        self.cache: dict[str, Any] = {}

    def get(self, column: str) -> Any:
        data = self.event.data
        if column in data:
            return data[column]
        node = self.fields.get(column)
        if node is None:
            return None
        if column not in self.cache:
            self.cache[column] = evaluate(node, data, self.event.time)
        return self.cache[column]


# --------------------------------------------------------------------------- filters


def _equal(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        if isinstance(a, str) or isinstance(b, str):
            return str(a).lower() == str(b).lower()
        return a is b or a == b
    na, nb = _as_number(a), _as_number(b)
    if na is not None and nb is not None:
        return na == nb
    return bool(a == b)


def _as_number(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return None
    return None


def _order(a: Any, b: Any, op: Callable[[Any, Any], bool]) -> bool:
    if a is None or b is None:
        return False
    na, nb = _as_number(a), _as_number(b)
    if isinstance(a, int | float) and not isinstance(a, bool) and nb is not None:
        return op(float(a), nb)
    if isinstance(a, str) and isinstance(b, str):
        return op(a, b)
    if na is not None and nb is not None:
        return op(na, nb)
    return False


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def filter_matches(op: str, actual: Any, expected: Any) -> bool:
    """Whether one event value passes one filter.

    Args:
        op: The filter operator.
        actual: The event's value (None when missing).
        expected: The filter's value.

    Returns:
        True when the value passes.
    """
    missing = actual is None
    if op == "exists":
        return not missing
    if op == "does-not-exist":
        return missing
    if op == "=":
        return not missing and _equal(actual, expected)
    if op == "!=":
        return missing or not _equal(actual, expected)
    if op == ">":
        return _order(actual, expected, lambda x, y: x > y)
    if op == ">=":
        return _order(actual, expected, lambda x, y: x >= y)
    if op == "<":
        return _order(actual, expected, lambda x, y: x < y)
    if op == "<=":
        return _order(actual, expected, lambda x, y: x <= y)
    options = expected if isinstance(expected, list) else [expected]
    if op == "in":
        return not missing and any(_equal(actual, o) for o in options)
    if op == "not-in":
        return missing or not any(_equal(actual, o) for o in options)
    text, needle = ("" if missing else _text(actual)), _text(expected)
    if op == "starts-with":
        return not missing and text.startswith(needle)
    if op == "does-not-start-with":
        return missing or not text.startswith(needle)
    if op == "ends-with":
        return not missing and text.endswith(needle)
    if op == "does-not-end-with":
        return missing or not text.endswith(needle)
    if op == "contains":
        return not missing and needle in text
    if op == "does-not-contain":
        return missing or needle not in text
    raise EngineError(f"unknown filter op {op!r}")


def _passes(row: _Row, filters: Sequence[Mapping[str, Any]], combination: str) -> bool:
    if not filters:
        return True
    results = (
        filter_matches(str(f.get("op")), row.get(str(f.get("column"))), f.get("value"))
        for f in filters
    )
    return any(results) if combination == "OR" else all(results)


# ------------------------------------------------------------------------ aggregates


@dataclass(frozen=True)
class _Calc:
    op: str
    column: str | None
    label: str
    filters: tuple[Mapping[str, Any], ...]
    combination: str


def _label(op: str, column: str | None) -> str:
    return f"{op}({column})" if column else op


def _concurrency(rows: Sequence[_Row], duration_column: str) -> int:
    edges: list[tuple[float, int]] = []
    for row in rows:
        duration = _number(row.get(duration_column)) or 0
        start = row.event.time
        edges.append((start, 1))
        edges.append((start + max(float(duration), 0.0) / 1000.0, -1))
    # ends before starts at the same instant: touching intervals do not overlap
    edges.sort(key=lambda e: (e[0], e[1]))
    best = current = 0
    for _, delta in edges:
        current += delta
        best = max(best, current)
    return best


def _rates(rows: Sequence[_Row], column: str) -> list[float]:
    points = sorted(
        ((row.event.time, float(n)) for row in rows if (n := _number(row.get(column))) is not None),
        key=lambda p: p[0],
    )
    rates = []
    for (t0, v0), (t1, v1) in itertools.pairwise(points):
        if t1 > t0:
            rates.append((v1 - v0) / (t1 - t0))
    return rates


def _heatmap(pairs: Sequence[tuple[float, int]]) -> str | None:
    if not pairs:
        return None
    low = min(v for v, _ in pairs)
    high = max(v for v, _ in pairs)
    width = (high - low) / HEATMAP_BUCKETS or 1.0
    counts = [0] * HEATMAP_BUCKETS
    for value, weight in pairs:
        index = min(int((value - low) / width), HEATMAP_BUCKETS - 1)
        counts[index] += weight
    buckets = [
        {"lower": low + i * width, "upper": low + (i + 1) * width, "count": c}
        for i, c in enumerate(counts)
    ]
    return json.dumps({"buckets": buckets}, separators=(",", ":"))


def aggregate(calc: _Calc, rows: Sequence[_Row], duration_column: str) -> Any:
    """One calculation over the rows of a group.

    Args:
        calc: The calculation.
        rows: The group's events (already filtered by the query's filters).
        duration_column: The column CONCURRENCY reads.

    Returns:
        The value, or None when there is none.
    """
    if calc.filters:
        rows = [r for r in rows if _passes(r, calc.filters, calc.combination)]
    op, column = calc.op, calc.column
    if op == "COUNT":
        if column:
            return sum(r.event.samplerate for r in rows if r.get(column) is not None)
        return sum(r.event.samplerate for r in rows)
    if op == "CONCURRENCY":
        return _concurrency(rows, duration_column) if rows else 0
    if column is None:
        raise EngineError(f"{op} needs a column")
    if op == "COUNT_DISTINCT":
        return len(
            {json.dumps(v, sort_keys=True) for r in rows if (v := r.get(column)) is not None}
        )
    weighted = [(n, r.event.samplerate) for r in rows if (n := _number(r.get(column))) is not None]
    values = [n for n, _ in weighted]
    if op == "SUM":
        return sum(n * w for n, w in weighted) if weighted else None
    if op == "AVG":
        total = sum(w for _, w in weighted)
        return sum(n * w for n, w in weighted) / total if total else None
    if op == "MIN":
        return min(values) if values else None
    if op == "MAX":
        return max(values) if values else None
    if op in PERCENTILES:
        return percentile(values, PERCENTILES[op])
    if op == "HEATMAP":
        return _heatmap([(float(n), w) for n, w in weighted])
    if op in ("RATE_AVG", "RATE_SUM", "RATE_MAX"):
        rates = _rates(rows, column)
        if not rates:
            return None
        if op == "RATE_AVG":
            return sum(rates) / len(rates)
        if op == "RATE_SUM":
            return sum(rates)
        return max(rates)
    raise EngineError(f"unsupported calculation {op}")


# ----------------------------------------------------------------------------- query


def query_window(query: Mapping[str, Any], now: float) -> tuple[float, float]:
    """The ``[start, end)`` a query covers, in epoch seconds (see the module docstring)."""
    start, end, length = query.get("start_time"), query.get("end_time"), query.get("time_range")
    if start is not None and end is not None:
        return float(start), float(end)
    span = float(length or 7200)
    if start is not None:
        return float(start), float(start) + span
    if end is not None:
        return float(end) - span, float(end)
    return now - span, now


def _fields(env: Environment, dataset: str, query: Mapping[str, Any]) -> dict[str, Node]:
    fields: dict[str, Node] = {}
    slugs = [ALL] if dataset == ALL else [ALL, dataset]
    for slug in slugs:
        for item in env.bucket("derived_columns", slug).values():
            try:
                fields[item["alias"]] = parse_expression(item["expression"])
            except ExpressionError:
                continue
    for item in query.get("calculated_fields") or []:
        try:
            fields[str(item["name"])] = parse_expression(str(item["expression"]))
        except (ExpressionError, KeyError) as err:
            raise EngineError(f"invalid calculated field: {err}") from None
    return fields


def _events(env: Environment, dataset: str) -> Iterable[Event]:
    if dataset == ALL:
        for ds in env.datasets.values():
            yield from ds.events
    else:
        found = env.datasets.get(dataset)
        if found is not None:
            yield from found.events


def _duration_column(env: Environment, dataset: str) -> str:
    ds = env.datasets.get(dataset)
    if ds is not None:
        definition = ds.definitions.get("duration_ms")
        if definition and definition.get("name"):
            return str(definition["name"])
    return "duration_ms"


def _present(row: Mapping[str, Any]) -> dict[str, Any]:
    return {k: _clean(v) for k, v in row.items() if v is not None}


def run_query(
    env: Environment,
    dataset: str,
    query: Mapping[str, Any],
    *,
    now: float,
    disable_series: bool = False,
    disable_total_by_aggregate: bool = True,
    disable_other_by_aggregate: bool = True,
    limit: int | None = None,
) -> dict[str, Any]:
    """Run a query over the environment's events.

    Args:
        env: The environment.
        dataset: A dataset slug or ``__all__``.
        query: The query specification.
        now: The current time (epoch seconds).
        disable_series: Leave out the time series.
        disable_total_by_aggregate: Leave out the totals over all groups.
        disable_other_by_aggregate: Leave out the totals of the groups past the limit.
        limit: The query result's limit (honoured with ``disable_series``).

    Returns:
        The ``data`` object of a query result.

    Raises:
        EngineError: The query cannot run.
    """
    start, end = query_window(query, now)
    fields = _fields(env, dataset, query)
    filters = [f for f in query.get("filters") or [] if isinstance(f, Mapping)]
    combination = str(query.get("filter_combination") or "AND").upper()
    rows = [
        row
        for event in _events(env, dataset)
        if start <= event.time < end and _passes(row := _Row(event, fields), filters, combination)
    ]
    breakdowns = [str(b) for b in query.get("breakdowns") or []]
    calcs = [
        _Calc(
            op=str(c.get("op") or "COUNT"),
            column=c.get("column") or None,
            label=str(c.get("name") or _label(str(c.get("op") or "COUNT"), c.get("column"))),
            filters=tuple(c.get("filters") or ()),
            combination=str(c.get("filter_combination") or "AND").upper(),
        )
        for c in (query.get("calculations") or [{"op": "COUNT"}])
    ]
    duration = _duration_column(env, dataset)

    def key_of(row: _Row) -> tuple[Any, ...]:
        return tuple(row.get(b) for b in breakdowns)

    groups: dict[tuple[Any, ...], list[_Row]] = {}
    for row in rows:
        groups.setdefault(key_of(row), []).append(row)

    def compute(key: tuple[Any, ...], members: Sequence[_Row]) -> dict[str, Any]:
        out: dict[str, Any] = dict(zip(breakdowns, key, strict=False))
        for calc in calcs:
            out[calc.label] = aggregate(calc, members, duration)
        return out

    table = [(key, compute(key, members)) for key, members in groups.items()]
    table = [(k, r) for k, r in table if _having(r, query.get("havings") or [], calcs)]
    _sort_table(table, query.get("orders") or [], calcs, breakdowns)
    if disable_series and limit is not None:
        cap = limit
    else:
        cap = int(query.get("limit") or DEFAULT_LIMIT)
    kept, dropped = table[:cap], table[cap:]
    data: dict[str, Any] = {"results": [{"data": _present(r)} for _, r in kept]}
    if not disable_total_by_aggregate:
        data["total_by_aggregate"] = {"data": _present(compute((), rows)) if rows else {}}
        data["total_by_aggregate"]["data"] = {
            k: v for k, v in data["total_by_aggregate"]["data"].items() if k not in breakdowns
        }
    if not disable_other_by_aggregate:
        other_rows = [r for key, _ in dropped for r in groups[key]]
        other = _present(compute((), other_rows)) if other_rows else {}
        data["other_by_aggregate"] = {
            "data": {k: v for k, v in other.items() if k not in breakdowns}
        }
    if not disable_series:
        granularity = int(query.get("granularity") or max(1, math.ceil((end - start) / 60)))
        kept_keys = {k for k, _ in kept}
        series: list[dict[str, Any]] = []
        totals: list[dict[str, Any]] = []
        bucket_start = start
        while bucket_start < end:
            bucket_end = bucket_start + granularity
            in_bucket = [r for r in rows if bucket_start <= r.event.time < bucket_end]
            by_group: dict[tuple[Any, ...], list[_Row]] = {}
            for row in in_bucket:
                if key_of(row) in kept_keys:
                    by_group.setdefault(key_of(row), []).append(row)
            stamp = iso(bucket_start)
            if not breakdowns:
                series.append({"time": stamp, "data": _present(compute((), in_bucket))})
            else:
                for key, _ in kept:
                    if key in by_group:
                        series.append(
                            {"time": stamp, "data": _present(compute(key, by_group[key]))}
                        )
            if not disable_total_by_aggregate:
                totals.append({"time": stamp, "data": _present(compute((), in_bucket))})
            bucket_start = bucket_end
        data["series"] = series
        if not disable_total_by_aggregate:
            data["total_by_aggregate_series"] = totals
    return data


_HAVING_OPS: dict[str, Callable[[float, float], bool]] = {
    "=": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
}


def _having(
    row: Mapping[str, Any], havings: Sequence[Mapping[str, Any]], calcs: Sequence[_Calc]
) -> bool:
    for having in havings:
        op = str(having.get("calculate_op"))
        column = having.get("column")
        label = _label(op, column)
        if label not in row:
            named = [c.label for c in calcs if c.label == column]
            if not named:
                continue
            label = named[0]
        value = _as_number(row.get(label))
        if value is None:
            return False
        compare = _HAVING_OPS.get(str(having.get("op")))
        if compare is None or not compare(value, float(having.get("value") or 0)):
            return False
    return True


def _sort_table(
    table: list[tuple[tuple[Any, ...], dict[str, Any]]],
    orders: Sequence[Mapping[str, Any]],
    calcs: Sequence[_Calc],
    breakdowns: Sequence[str],
) -> None:
    """Sort in place: the orders given (default: first calculation, descending), then the
    breakdowns; nulls last in either direction."""
    terms: list[tuple[str, bool]] = []
    for order in orders:
        descending = order.get("order") == "descending"
        op, column = order.get("op"), order.get("column")
        if op:
            terms.append((_label(str(op), column), descending))
        elif column:
            terms.append((str(column), descending))
    if not terms and calcs:
        terms.append((calcs[0].label, True))
    terms.extend((b, False) for b in breakdowns)
    for name, descending in reversed(terms):

        def key(item: tuple[tuple[Any, ...], dict[str, Any]], name: str = name) -> tuple[Any, ...]:
            value = item[1].get(name)
            if value is None:
                return (0, 0, 0.0, "")
            number = None if isinstance(value, str) else _as_number(value)
            if number is not None:
                return (1, 0, number, "")
            return (1, 1, 0.0, _text(value))

        if descending:
            table.sort(key=key, reverse=True)
        else:

            def ascending(
                item: tuple[tuple[Any, ...], dict[str, Any]], key: Any = key
            ) -> tuple[Any, ...]:
                first, *rest = key(item)
                return (1 - first, *rest)

            table.sort(key=ascending)
