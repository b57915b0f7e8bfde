"""The builder-flag grammar of ``honeycomb query run``: command-line flags to a query.

Pure: no I/O and no clock (the caller passes ``now``). Each flag is parsed on its own, so a
mistake is reported against the flag that holds it::

    --calc 'P99(duration_ms)'         OP or OP(column); any case; COUNT needs no column
    --where 'status_code >= 500'      column, operator, value (see below)
    --any                             OR the filters together (default AND)
    --breakdown http.route            one column per flag
    --order 'P99(duration_ms) desc'   a calculation or a breakdown, then asc|desc
    --having 'COUNT > 10'             a calculation, =, !=, >, >=, <, <=, a number
    --limit 100
    --last 2h                         a duration: 90s, 15m, 2h, 1d, 1w, 1h30m, or seconds
    --start/--end                     ISO 8601 (naive means UTC) or epoch seconds
    --granularity 1m                  a duration, like --last

``--where`` reads ``COLUMN OP [VALUE]``. The column is a bare word, or quoted (``'...'`` or
``"..."``, backslash escapes the quote) when it holds spaces or operator characters. The
operators are the query spec's: ``=`` (also ``==``), ``!=``, ``>``, ``>=``, ``<``, ``<=``,
``starts-with``, ``does-not-start-with``, ``ends-with``, ``does-not-end-with``,
``contains``, ``does-not-contain``, ``exists``, ``does-not-exist``, ``in``, ``not-in``
(any case). A bare value is typed as JSON would type it (``500`` and ``1.5`` are numbers,
``true``/``false`` booleans, ``007`` and anything else a string); a quoted value is always a
string. ``exists``/``does-not-exist`` take no value; ``in``/``not-in`` take a comma-separated
list, optionally in ``[...]`` or ``(...)``; the string operators always compare strings.

Rules that relate parts of the query (a having must name a calculation, the granularity
must fit the range, ...) are checked by :func:`honeycomb.query.validate_query`;
:func:`check_query` reports its problems against the flag they come from.
"""

from __future__ import annotations

import math
import re
import shlex
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from honeycomb.models.queries import CalculationOp, FilterOp, HavingOp
from honeycomb.query import DEFAULT_TIME_RANGE, QueryBuilder, QueryValidationError

__all__ = [
    "QueryFlagError",
    "QueryFlags",
    "apply_flags",
    "check_query",
    "parse_calculation",
    "parse_duration",
    "parse_filter",
    "parse_having",
    "parse_order",
    "parse_time",
]

_CALC_OPS = {op.value for op in CalculationOp}
_WORD_OPS = {op.value for op in FilterOp if op.value[0].isalpha()}
_VALUELESS_OPS = {"exists", "does-not-exist"}
_LIST_OPS = {"in", "not-in"}
_STRING_OPS = _WORD_OPS - _VALUELESS_OPS - _LIST_OPS
# Longest first, so ">=" is not read as ">" followed by "=".
_SYMBOL_OPS = ("!=", ">=", "<=", "==", "=", ">", "<")
_SYMBOL_CHARS = frozenset("=!<>")
_QUOTES = frozenset("'\"")
_HAVING_OPS = {op.value for op in HavingOp}

_JSON_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?")
_CALC = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\s*(?:\((.*)\))?", re.DOTALL)
_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)\s*([a-z]+)")
_UNITS = {
    **dict.fromkeys(("s", "sec", "secs", "second", "seconds"), 1),
    **dict.fromkeys(("m", "min", "mins", "minute", "minutes"), 60),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours"), 3600),
    **dict.fromkeys(("d", "day", "days"), 86400),
    **dict.fromkeys(("w", "week", "weeks"), 604800),
}
_MILLISECONDS_FROM = 100_000_000_000  # epoch seconds reach this in the year 5138

_OPERATORS_HELP = ", ".join(sorted(op.value for op in FilterOp))
_CALCS_HELP = ", ".join(op.value for op in CalculationOp)


class QueryFlagError(ValueError):
    """A builder flag could not be read. The CLI reports it as a usage error (exit 2).

    Attributes:
        flag: The flag, e.g. ``--where``.
        value: The text given to it.
        reason: What is wrong and how to write it instead.
    """

    def __init__(self, flag: str, value: str, reason: str) -> None:
        """Build the error.

        Args:
            flag: The flag, e.g. ``--where``.
            value: The text given to it.
            reason: What is wrong and how to write it instead.
        """
        self.flag, self.value, self.reason = flag, value, reason
        super().__init__(f"{flag} {shlex.quote(value)}: {reason}")


# ----------------------------------------------------------------------- scanning


class _Scanner:
    """Reads one flag's text left to right; every failure names the flag."""

    def __init__(self, flag: str, text: str, shown: str | None = None) -> None:
        self.flag, self.text, self.pos = flag, text, 0
        self.shown = text if shown is None else shown  # the flag's whole value

    def fail(self, reason: str) -> QueryFlagError:
        return QueryFlagError(self.flag, self.shown, reason)

    def skip_space(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos].isspace():
            self.pos += 1

    def at_end(self) -> bool:
        self.skip_space()
        return self.pos >= len(self.text)

    def peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def rest(self) -> str:
        return self.text[self.pos :].strip()

    def quoted(self) -> str:
        """A quoted string starting at the current position, without its quotes."""
        quote = self.text[self.pos]
        start = self.pos
        self.pos += 1
        out = []
        while self.pos < len(self.text):
            char = self.text[self.pos]
            if char == "\\" and self.pos + 1 < len(self.text):
                out.append(self.text[self.pos + 1])
                self.pos += 2
                continue
            if char == quote:
                self.pos += 1
                return "".join(out)
            out.append(char)
            self.pos += 1
        raise self.fail(f"the quote opened at character {start + 1} is never closed")

    def word(self, stop: frozenset[str] = frozenset()) -> str:
        start = self.pos
        while (
            self.pos < len(self.text)
            and not self.text[self.pos].isspace()
            and self.text[self.pos] not in stop
        ):
            self.pos += 1
        return self.text[start : self.pos]


def _unquote(flag: str, shown: str, fragment: str, trailing: str) -> str:
    """The content of a fragment that is one quoted string (``shown`` is the flag's value)."""
    scan = _Scanner(flag, fragment, shown)
    content = scan.quoted()
    if not scan.at_end():
        raise scan.fail(trailing)
    return content


def _typed(text: str) -> bool | int | float | str:
    """A bare value as JSON would type it; anything that is not JSON stays a string."""
    if _JSON_NUMBER.fullmatch(text):
        number = float(text)
        if text.lstrip("-").isdigit():
            return int(text)
        return number
    lowered = text.lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    return text


# ------------------------------------------------------------------------- filters


def parse_filter(text: str, *, flag: str = "--where") -> dict[str, Any]:
    """Read one ``--where`` flag: ``COLUMN OP [VALUE]``.

    Examples:
        >>> parse_filter("status_code >= 500")
        {'column': 'status_code', 'op': '>=', 'value': 500}
        >>> parse_filter("region in us-east-1, 'eu west'")
        {'column': 'region', 'op': 'in', 'value': ['us-east-1', 'eu west']}
        >>> parse_filter("error exists")
        {'column': 'error', 'op': 'exists'}

    Args:
        text: The flag's value.
        flag: The flag's name, for error messages.

    Returns:
        The filter as a query spec dict (``column``, ``op`` and, unless the operator takes
        none, ``value``).

    Raises:
        QueryFlagError: The text is not a filter; the message says why.
    """
    scan = _Scanner(flag, text)
    if scan.at_end():
        raise scan.fail("empty filter; write COLUMN OP [VALUE], e.g. 'status_code >= 500'")
    column = scan.quoted() if scan.peek() in _QUOTES else scan.word(_SYMBOL_CHARS)
    if not column:
        raise scan.fail("the filter has no column before its operator")
    if scan.at_end():
        raise scan.fail(f"no operator after column {column!r}; expected one of {_OPERATORS_HELP}")
    op = _filter_operator(scan)
    filter_: dict[str, Any] = {"column": column, "op": op}
    if op in _VALUELESS_OPS:
        if not scan.at_end():
            raise scan.fail(f"'{op}' takes no value, but {scan.rest()!r} follows it")
        return filter_
    if scan.at_end():
        hint = "; to test whether a column is set use 'exists'" if op in ("=", "!=") else ""
        raise scan.fail(f"'{op}' needs a value after it{hint}")
    if op in _LIST_OPS:
        filter_["value"] = _value_list(scan, op)
    elif scan.peek() in _QUOTES:
        filter_["value"] = scan.quoted()
        if not scan.at_end():
            raise scan.fail(f"unexpected {scan.rest()!r} after the quoted value")
    else:
        rest = scan.rest()
        filter_["value"] = rest if op in _STRING_OPS else _typed(rest)
    return filter_


def _filter_operator(scan: _Scanner) -> str:
    if scan.peek() in _SYMBOL_CHARS:
        for symbol in _SYMBOL_OPS:
            if scan.text.startswith(symbol, scan.pos):
                scan.pos += len(symbol)
                if scan.peek() in _SYMBOL_CHARS:
                    bad = symbol + scan.word()
                    raise scan.fail(f"unknown operator {bad!r}; expected one of {_OPERATORS_HELP}")
                return "=" if symbol == "==" else symbol
        raise scan.fail(f"unknown operator {scan.word()!r}; expected one of {_OPERATORS_HELP}")
    word = scan.word()
    if word.lower() in _WORD_OPS:
        return word.lower()
    raise scan.fail(
        f"unknown operator {word!r}; expected one of {_OPERATORS_HELP} "
        "(quote a column name that holds spaces)"
    )


def _value_list(scan: _Scanner, op: str) -> list[bool | int | float | str]:
    closing = {"[": "]", "(": ")"}.get(scan.peek())
    if closing:
        scan.pos += 1
    stops = frozenset({",", closing or ","})
    values: list[bool | int | float | str] = []
    while True:
        scan.skip_space()
        if closing and scan.peek() == closing:
            break
        if scan.peek() in _QUOTES:
            values.append(scan.quoted())
        else:
            # A bare item runs to the next separator, so it may hold spaces ("new york").
            start = scan.pos
            while scan.pos < len(scan.text) and scan.text[scan.pos] not in stops:
                scan.pos += 1
            item = scan.text[start : scan.pos].strip()
            if not item:
                raise scan.fail(f"'{op}' has an empty item in its list")
            values.append(_typed(item))
        scan.skip_space()
        if scan.peek() == ",":
            scan.pos += 1
            continue
        break
    if closing:
        if scan.peek() != closing:
            raise scan.fail(f"the list is not closed with {closing!r}")
        scan.pos += 1
    if not scan.at_end():
        raise scan.fail(f"unexpected {scan.rest()!r} after the list; separate values with commas")
    if not values:
        raise scan.fail(f"'{op}' needs at least one value, e.g. {op} 200,201")
    return values


# -------------------------------------------------------------- calculations etc.


def parse_calculation(text: str, *, flag: str = "--calc") -> dict[str, Any]:
    """Read one calculation: ``OP`` or ``OP(column)``.

    Examples:
        >>> parse_calculation("p99(duration_ms)")
        {'op': 'P99', 'column': 'duration_ms'}
        >>> parse_calculation("COUNT")
        {'op': 'COUNT'}

    Args:
        text: The flag's value. A column holding parentheses or spaces may be quoted.
        flag: The flag's name, for error messages.

    Returns:
        The calculation as a query spec dict.

    Raises:
        QueryFlagError: Not a calculation, or an unknown operator.
    """
    match = _CALC.fullmatch(text.strip())
    if not match:
        raise QueryFlagError(
            flag, text, "expected OP or OP(column), e.g. COUNT or P99(duration_ms)"
        )
    op = match.group(1).upper()
    if op not in _CALC_OPS:
        raise QueryFlagError(
            flag, text, f"unknown calculation {match.group(1)!r}; expected one of {_CALCS_HELP}"
        )
    calc: dict[str, Any] = {"op": op}
    inner = (match.group(2) or "").strip()
    if inner:
        if inner[0] in _QUOTES:
            inner = _unquote(flag, text, inner, "unexpected text after the quoted column")
        calc["column"] = inner
    return calc


def _split_direction(text: str) -> tuple[str, bool]:
    head, _, last = text.strip().rpartition(" ")
    direction = last.lower()
    if head and direction in ("asc", "ascending", "desc", "descending"):
        return head.strip(), direction.startswith("desc")
    return text.strip(), False


def parse_order(text: str, *, flag: str = "--order") -> dict[str, Any]:
    """Read one ordering term: a calculation or a column, then ``asc`` or ``desc``.

    ``COUNT``, ``P99(duration_ms)`` (any case) order by a calculation; anything else by a
    breakdown (or a calculation name). Quote a breakdown named like an operator (``'"MAX"'``).

    Examples:
        >>> parse_order("P99(duration_ms) desc")
        {'op': 'P99', 'column': 'duration_ms', 'order': 'descending'}
        >>> parse_order("http.route")
        {'column': 'http.route', 'order': 'ascending'}

    Args:
        text: The flag's value.
        flag: The flag's name, for error messages.

    Returns:
        The order as a query spec dict.

    Raises:
        QueryFlagError: Nothing to order by.
    """
    term, descending = _split_direction(text)
    if not term:
        raise QueryFlagError(flag, text, "nothing to order by; e.g. 'COUNT desc' or 'endpoint'")
    order: dict[str, Any]
    match = _CALC.fullmatch(term)
    if term[0] in _QUOTES:
        order = {"column": _unquote(flag, text, term, "expected asc or desc after the column")}
    elif match and match.group(1).upper() in _CALC_OPS:
        order = parse_calculation(term, flag=flag)
    elif match and match.group(2) is not None:
        raise QueryFlagError(
            flag, text, f"unknown calculation {match.group(1)!r}; expected one of {_CALCS_HELP}"
        )
    else:
        order = {"column": term}
    order["order"] = "descending" if descending else "ascending"
    return order


def parse_having(text: str, *, flag: str = "--having") -> dict[str, Any]:
    """Read one having clause: ``CALCULATION OP NUMBER``.

    Examples:
        >>> parse_having("COUNT > 10")
        {'calculate_op': 'COUNT', 'op': '>', 'value': 10}
        >>> parse_having("p99(duration_ms)>=250.5")
        {'calculate_op': 'P99', 'column': 'duration_ms', 'op': '>=', 'value': 250.5}

    Args:
        text: The flag's value.
        flag: The flag's name, for error messages.

    Returns:
        The having as a query spec dict.

    Raises:
        QueryFlagError: Not of that form, or the value is not a number.
    """
    depth, quote, at = 0, "", -1
    for i, char in enumerate(text):
        if quote:
            quote = "" if char == quote else quote
        elif char in _QUOTES:
            quote = char
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif depth == 0 and char in _SYMBOL_CHARS:
            at = i
            break
    if at < 0:
        raise QueryFlagError(flag, text, "expected CALCULATION OP NUMBER, e.g. 'COUNT > 10'")
    scan = _Scanner(flag, text)
    scan.pos = at
    op = _filter_operator(scan)
    if op not in _HAVING_OPS:
        raise QueryFlagError(
            flag, text, f"a having compares with one of {', '.join(sorted(_HAVING_OPS))}"
        )
    calc = parse_calculation(text[:at], flag=flag)
    raw = scan.rest()
    value = _typed(raw) if raw else None
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise QueryFlagError(flag, text, f"a having compares with a number, not {raw!r}")
    having: dict[str, Any] = {"calculate_op": calc["op"]}
    if "column" in calc:
        having["column"] = calc["column"]
    having.update(op=op, value=value)
    return having


# ---------------------------------------------------------------------------- time


def parse_duration(text: str, *, flag: str = "--last") -> int:
    """Read a duration as whole seconds: ``90``, ``90s``, ``15m``, ``2h``, ``1d``, ``1h30m``.

    Examples:
        >>> parse_duration("1h30m")
        5400

    Args:
        text: The flag's value: seconds, or amounts with units (s, m, h, d, w; also
            ``min``, ``hours``, ``days``...).
        flag: The flag's name, for error messages.

    Returns:
        The duration in seconds, at least 1.

    Raises:
        QueryFlagError: Not a duration, not whole seconds, or not positive.
    """
    cleaned = text.strip().lower()
    total = 0.0
    if re.fullmatch(r"\d+(?:\.\d+)?", cleaned):
        total = float(cleaned)
    else:
        pos = 0
        for match in _DURATION_PART.finditer(cleaned):
            if cleaned[pos : match.start()].strip() or match.group(2) not in _UNITS:
                break
            total += float(match.group(1)) * _UNITS[match.group(2)]
            pos = match.end()
        if not cleaned or pos == 0 or cleaned[pos:].strip():
            raise QueryFlagError(
                flag, text, "expected a duration such as 90s, 15m, 2h, 1d or 1h30m"
            )
    if not total.is_integer():
        raise QueryFlagError(flag, text, "the duration must be a whole number of seconds")
    if total < 1:
        raise QueryFlagError(flag, text, "the duration must be at least one second")
    return int(total)


def parse_time(text: str, *, flag: str = "--start") -> int:
    """Read an absolute time as epoch seconds: ISO 8601 or epoch seconds.

    Examples:
        >>> parse_time("2026-01-02T03:04:05Z")
        1767323045
        >>> parse_time("1767323045")
        1767323045

    Args:
        text: The flag's value. An ISO time without an offset is UTC; a date alone is its
            midnight, UTC.
        flag: The flag's name, for error messages.

    Returns:
        Whole epoch seconds (fractions are dropped).

    Raises:
        QueryFlagError: Neither form, or a number that looks like milliseconds.
    """
    cleaned = text.strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", cleaned):
        seconds = float(cleaned)
        if seconds >= _MILLISECONDS_FROM:
            raise QueryFlagError(flag, text, "this looks like milliseconds; give epoch seconds")
        return math.floor(seconds)
    iso = cleaned[:-1] + "+00:00" if cleaned[-1:] in ("Z", "z") else cleaned
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        raise QueryFlagError(
            flag, text, "expected an ISO 8601 time (2026-01-02T03:04:05Z) or epoch seconds"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return math.floor(moment.timestamp())


# ---------------------------------------------------------------------- the query


@dataclass(frozen=True)
class QueryFlags:
    """The builder flags of ``query run``, as given (text, not yet parsed).

    Attributes:
        calculations: ``--calc`` values.
        filters: ``--where`` values.
        any: ``--any``: OR the filters together.
        breakdowns: ``--breakdown`` columns.
        orders: ``--order`` values.
        havings: ``--having`` values.
        limit: ``--limit``.
        last: ``--last``, a duration.
        start: ``--start``, an absolute time.
        end: ``--end``, an absolute time.
        granularity: ``--granularity``, a duration.
    """

    calculations: Sequence[str] = ()
    filters: Sequence[str] = ()
    any: bool = False
    breakdowns: Sequence[str] = ()
    orders: Sequence[str] = ()
    havings: Sequence[str] = ()
    limit: int | None = None
    last: str | None = None
    start: str | None = None
    end: str | None = None
    granularity: str | None = None

    def is_empty(self) -> bool:
        """True when no builder flag was given."""
        return not any(
            (
                self.calculations,
                self.filters,
                self.any,
                self.breakdowns,
                self.orders,
                self.havings,
                self.limit is not None,
                self.last,
                self.start,
                self.end,
                self.granularity,
            )
        )


def apply_flags(flags: QueryFlags, base: QueryBuilder | None = None, *, now: float) -> QueryBuilder:
    """Turn the flags into a query, on top of ``base`` (a ``--spec`` or ``-f`` query).

    Lists (calculations, filters, breakdowns, orders, havings) are appended to the base's;
    ``--limit``, ``--granularity`` and the time flags replace the base's values.

    Time: ``--last`` alone is a window ending now; ``--start --end`` an absolute window;
    ``--start --last`` counts forward from the start, ``--end --last`` back from the end;
    ``--start`` alone runs until ``now``; ``--end`` alone covers the two hours before it.

    Examples:
        >>> flags = QueryFlags(calculations=["COUNT"], last="1h")
        >>> apply_flags(flags, now=0).to_dict()
        {'calculations': [{'op': 'COUNT'}], 'time_range': 3600}

    Args:
        flags: The flags.
        base: The query to extend, if any.
        now: The current time in epoch seconds (for ``--start`` alone).

    Returns:
        The builder (not validated yet; see :func:`check_query`).

    Raises:
        QueryFlagError: A flag could not be read, or the time flags do not combine.
    """
    builder = base or QueryBuilder()
    for text in flags.calculations:
        calc = parse_calculation(text)
        builder = builder.calculate(calc["op"], calc.get("column"))
    if flags.any:
        builder = builder.filter_combination("OR")
    for text in flags.filters:
        filter_ = parse_filter(text)
        if "value" in filter_:
            builder = builder.where(filter_["column"], filter_["op"], filter_["value"])
        else:
            builder = builder.where(filter_["column"], filter_["op"])
    for column in flags.breakdowns:
        if not column.strip():
            raise QueryFlagError("--breakdown", column, "the column name is empty")
        builder = builder.group_by(column)
    for text in flags.orders:
        builder = builder.order_by(parse_order(text))
    for text in flags.havings:
        having = parse_having(text)
        builder = builder.having(
            having["calculate_op"], having.get("column"), having["op"], having["value"]
        )
    if flags.granularity is not None:
        builder = builder.granularity(parse_duration(flags.granularity, flag="--granularity"))
    if flags.limit is not None:
        builder = builder.limit(flags.limit)
    return _apply_time(builder, flags, now)


def _apply_time(builder: QueryBuilder, flags: QueryFlags, now: float) -> QueryBuilder:
    last = parse_duration(flags.last, flag="--last") if flags.last is not None else None
    start = parse_time(flags.start, flag="--start") if flags.start is not None else None
    end = parse_time(flags.end, flag="--end") if flags.end is not None else None
    if last is not None and start is not None and end is not None:
        raise QueryFlagError(
            "--last", flags.last or "", "give at most two of --last, --start and --end"
        )
    if start is not None and end is not None:
        if start > end:
            raise QueryFlagError("--start", flags.start or "", "--start is after --end")
        return builder.between(start, end)
    if start is not None:
        if last is not None:
            return builder.since(start, last)
        if start > now:
            raise QueryFlagError("--start", flags.start or "", "--start is in the future")
        return builder.between(start, now)
    if end is not None:
        return builder.until(end, last if last is not None else DEFAULT_TIME_RANGE)
    if last is not None:
        return builder.last(last)
    return builder


_LIST_FLAGS = {  # query spec field -> the flag that adds to it (a QueryFlags attribute too)
    "calculations": "--calc",
    "filters": "--where",
    "orders": "--order",
    "havings": "--having",
}
_SCALAR_FLAGS = {
    "granularity": "--granularity",
    "limit": "--limit",
    "time_range": "--last",
    "start_time": "--start",
    "end_time": "--end",
}
_PROBLEM_HEAD = re.compile(r"(calculations|filters|orders|havings)\[(\d+)\]")


def check_query(
    builder: QueryBuilder,
    flags: QueryFlags,
    *,
    base: Mapping[str, Any] | None = None,
    disable_series: bool = False,
) -> dict[str, Any]:
    """Validate the query as a query result would be, naming the flag behind each problem.

    Args:
        builder: What :func:`apply_flags` returned.
        flags: The flags it was built from.
        base: The ``--spec``/``-f`` query it extends, if any (its items come first).
        disable_series: The result will be run with ``disable_series=True``.

    Returns:
        The query's JSON body.

    Raises:
        QueryValidationError: Every problem; each starts with the flag and its value
            (``--having 'P99(duration_ms) > 1': havings[0] refers to ...``), or with
            ``the query file`` for a problem in the base query.
    """
    try:
        return builder.to_dict(for_query_result=True, disable_series=disable_series)
    except QueryValidationError as err:
        raise QueryValidationError(
            [_name_flag(p, flags, base or {}) for p in err.problems]
        ) from err


def _name_flag(problem: str, flags: QueryFlags, base: Mapping[str, Any]) -> str:
    problem = problem.replace("add it with calculate()", "add it with --calc")
    match = _PROBLEM_HEAD.match(problem)
    if match:
        field, index = match.group(1), int(match.group(2))
        flag = _LIST_FLAGS[field]
        offset = len(base.get(field) or ())
        given: Sequence[str] = getattr(flags, field)
        if index < offset:
            return f"the query file: {problem}"
        if index - offset < len(given):
            return f"{flag} {shlex.quote(given[index - offset])}: {problem}"
        return problem
    given_values = {
        "--granularity": flags.granularity,
        "--limit": None if flags.limit is None else str(flags.limit),
        "--last": flags.last,
        "--start": flags.start,
        "--end": flags.end,
    }
    if problem.startswith("the query covers"):  # the 7-day limit of query results
        # Its hint speaks of the SDK's fields; the flag named in front says what to change.
        problem = problem.split(";")[0]
        for flag in ("--last", "--start", "--end"):
            value = given_values[flag]
            if value is not None:
                return f"{flag} {shlex.quote(value)}: {problem}"
        return problem
    head = problem.split(" ", 1)[0].rstrip(":")
    scalar_flag = _SCALAR_FLAGS.get(head)
    if scalar_flag is not None:
        value = given_values[scalar_flag]
        if value is not None:
            return f"{scalar_flag} {shlex.quote(value)}: {problem}"
        if head in base:
            return f"the query file: {problem}"
    return problem
