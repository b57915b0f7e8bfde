"""The builder-flag grammar of ``query run``: operators, value typing, errors naming the flag."""

from __future__ import annotations

import doctest
import re
from typing import Any

import pytest

from honeycomb.cli import query_flags
from honeycomb.cli.query_flags import (
    QueryFlagError,
    QueryFlags,
    apply_flags,
    check_query,
    parse_calculation,
    parse_duration,
    parse_filter,
    parse_having,
    parse_order,
    parse_time,
)
from honeycomb.query import QueryBuilder, QueryValidationError

NOW = 1_767_323_045  # 2026-01-02T03:04:05Z


def test_docstring_examples_run() -> None:
    result = doctest.testmod(query_flags)
    assert result.attempted >= 10
    assert result.failed == 0


# ------------------------------------------------------------------------ --where


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("status_code >= 500", {"column": "status_code", "op": ">=", "value": 500}),
        ("status_code>=500", {"column": "status_code", "op": ">=", "value": 500}),
        ("status_code = 200", {"column": "status_code", "op": "=", "value": 200}),
        ("status_code == 200", {"column": "status_code", "op": "=", "value": 200}),
        ("service != api", {"column": "service", "op": "!=", "value": "api"}),
        ("duration_ms > 1.5", {"column": "duration_ms", "op": ">", "value": 1.5}),
        ("duration_ms < -2", {"column": "duration_ms", "op": "<", "value": -2}),
        ("duration_ms <= 1e3", {"column": "duration_ms", "op": "<=", "value": 1000.0}),
        ("error = true", {"column": "error", "op": "=", "value": True}),
        ("error = FALSE", {"column": "error", "op": "=", "value": False}),
        ("zip = 007", {"column": "zip", "op": "=", "value": "007"}),
        ("code = '500'", {"column": "code", "op": "=", "value": "500"}),
        ('flag = "true"', {"column": "flag", "op": "=", "value": "true"}),
        ("name = hello world", {"column": "name", "op": "=", "value": "hello world"}),
        ("error exists", {"column": "error", "op": "exists"}),
        ("error EXISTS", {"column": "error", "op": "exists"}),
        ("trace.parent_id does-not-exist", {"column": "trace.parent_id", "op": "does-not-exist"}),
        ("route starts-with /api", {"column": "route", "op": "starts-with", "value": "/api"}),
        (
            "route does-not-start-with /v1",
            {"column": "route", "op": "does-not-start-with", "value": "/v1"},
        ),
        ("file ends-with .js", {"column": "file", "op": "ends-with", "value": ".js"}),
        (
            "file does-not-end-with .map",
            {"column": "file", "op": "does-not-end-with", "value": ".map"},
        ),
        ("msg contains timeout", {"column": "msg", "op": "contains", "value": "timeout"}),
        ("msg does-not-contain 'a b'", {"column": "msg", "op": "does-not-contain", "value": "a b"}),
        # The string operators compare strings: a number-like value stays text.
        ("code contains 50", {"column": "code", "op": "contains", "value": "50"}),
        (
            "status_code in 200,201, 204",
            {"column": "status_code", "op": "in", "value": [200, 201, 204]},
        ),
        (
            "status_code not-in [500, 503]",
            {"column": "status_code", "op": "not-in", "value": [500, 503]},
        ),
        (
            "region in (us-east-1, 'eu, west', new york)",
            {"column": "region", "op": "in", "value": ["us-east-1", "eu, west", "new york"]},
        ),
        ("region in x", {"column": "region", "op": "in", "value": ["x"]}),
        ("'http status' >= 500", {"column": "http status", "op": ">=", "value": 500}),
        ('"a>=b" = 1', {"column": "a>=b", "op": "=", "value": 1}),
        (r"'it\'s' = 'say \"hi\"'", {"column": "it's", "op": "=", "value": 'say "hi"'}),
        ("app.user-id = u-1", {"column": "app.user-id", "op": "=", "value": "u-1"}),
    ],
)
def test_filters_parse(text: str, expected: dict[str, Any]) -> None:
    assert parse_filter(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty filter"),
        (">= 500", "no column"),
        ("status_code", "no operator after column 'status_code'"),
        ("status_code >== 500", "unknown operator '>=='"),
        ("status_code is 500", "unknown operator 'is'"),
        ("status_code >=", "'>=' needs a value"),
        ("status_code =", "to test whether a column is set use 'exists'"),
        ("error exists true", "'exists' takes no value, but 'true' follows it"),
        ("region in", "'in' needs a value"),
        ("region in []", "'in' needs at least one value"),
        ("region in a,,b", "'in' has an empty item"),
        ("region in [a, b", "the list is not closed with ']'"),
        ("region in (a) b", "unexpected 'b' after the list"),
        ("name = 'unterminated", "the quote opened at character 8 is never closed"),
        ("name = 'a' b", "unexpected 'b' after the quoted value"),
    ],
)
def test_bad_filters_name_the_flag_and_say_why(text: str, reason: str) -> None:
    with pytest.raises(QueryFlagError) as caught:
        parse_filter(text)
    err = caught.value
    assert err.flag == "--where"
    assert err.value == text
    assert reason in err.reason
    assert str(err).startswith("--where ")
    assert reason in str(err)


def test_unknown_operator_lists_the_valid_ones() -> None:
    with pytest.raises(QueryFlagError, match=r"expected one of .*does-not-exist.*starts-with"):
        parse_filter("a like b")


# --------------------------------------------------------------- --calc, --order, --having


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("COUNT", {"op": "COUNT"}),
        ("count", {"op": "COUNT"}),
        ("COUNT()", {"op": "COUNT"}),
        ("P99(duration_ms)", {"op": "P99", "column": "duration_ms"}),
        ("p99( duration_ms )", {"op": "P99", "column": "duration_ms"}),
        ("COUNT_DISTINCT(user.id)", {"op": "COUNT_DISTINCT", "column": "user.id"}),
        ("HEATMAP('odd (col)')", {"op": "HEATMAP", "column": "odd (col)"}),
    ],
)
def test_calculations_parse(text: str, expected: dict[str, Any]) -> None:
    assert parse_calculation(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("P98(duration_ms)", "unknown calculation 'P98'; expected one of COUNT"),
        ("P99(duration_ms", "expected OP or OP(column)"),
        ("", "expected OP or OP(column)"),
        ("SUM('a' b)", "unexpected text after the quoted column"),
    ],
)
def test_bad_calculations(text: str, reason: str) -> None:
    with pytest.raises(QueryFlagError) as caught:
        parse_calculation(text)
    assert caught.value.flag == "--calc"
    assert reason in str(caught.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("P99(duration_ms) desc", {"op": "P99", "column": "duration_ms", "order": "descending"}),
        ("COUNT DESCENDING", {"op": "COUNT", "order": "descending"}),
        ("count", {"op": "COUNT", "order": "ascending"}),
        ("http.route asc", {"column": "http.route", "order": "ascending"}),
        ("http.route", {"column": "http.route", "order": "ascending"}),
        ('"MAX" desc', {"column": "MAX", "order": "descending"}),
        ("desc", {"column": "desc", "order": "ascending"}),
    ],
)
def test_orders_parse(text: str, expected: dict[str, Any]) -> None:
    assert parse_order(text) == expected


def test_bad_orders() -> None:
    with pytest.raises(QueryFlagError, match=r"--order 'P98\(x\) desc': unknown calculation"):
        parse_order("P98(x) desc")
    with pytest.raises(QueryFlagError, match="nothing to order by"):
        parse_order("  ")
    with pytest.raises(QueryFlagError, match="expected asc or desc after the column"):
        parse_order("'a' b desc")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("COUNT > 10", {"calculate_op": "COUNT", "op": ">", "value": 10}),
        ("count>=10", {"calculate_op": "COUNT", "op": ">=", "value": 10}),
        (
            "P99(duration_ms) < 2.5",
            {"calculate_op": "P99", "column": "duration_ms", "op": "<", "value": 2.5},
        ),
        ("AVG('a>b') != 0", {"calculate_op": "AVG", "column": "a>b", "op": "!=", "value": 0}),
        ("SUM(x) == -1", {"calculate_op": "SUM", "column": "x", "op": "=", "value": -1}),
    ],
)
def test_havings_parse(text: str, expected: dict[str, Any]) -> None:
    assert parse_having(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("COUNT 10", "expected CALCULATION OP NUMBER"),
        ("COUNT > many", "a having compares with a number, not 'many'"),
        ("COUNT > true", "a having compares with a number, not 'true'"),
        ("COUNT >", "a having compares with a number, not ''"),
        ("P98(x) > 1", "unknown calculation 'P98'"),
    ],
)
def test_bad_havings(text: str, reason: str) -> None:
    with pytest.raises(QueryFlagError) as caught:
        parse_having(text)
    assert caught.value.flag == "--having"
    assert reason in str(caught.value)


# ----------------------------------------------------------------------------- time


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("90", 90),
        ("90s", 90),
        ("15m", 900),
        ("15 min", 900),
        ("2h", 7200),
        ("2 hours", 7200),
        ("1d", 86400),
        ("1w", 604800),
        ("1h30m", 5400),
        ("1.5h", 5400),
        ("1H", 3600),
    ],
)
def test_durations(text: str, seconds: int) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "expected a duration"),
        ("2x", "expected a duration"),
        ("h2", "expected a duration"),
        ("2h junk", "expected a duration"),
        ("1.5s", "whole number of seconds"),
        ("0", "at least one second"),
        ("0m", "at least one second"),
    ],
)
def test_bad_durations_name_their_flag(text: str, reason: str) -> None:
    with pytest.raises(QueryFlagError) as caught:
        parse_duration(text, flag="--granularity")
    assert caught.value.flag == "--granularity"
    assert reason in caught.value.reason


@pytest.mark.parametrize(
    ("text", "epoch"),
    [
        ("2026-01-02T03:04:05Z", NOW),
        ("2026-01-02T03:04:05", NOW),
        ("2026-01-02 03:04:05", NOW),
        ("2026-01-02T04:04:05+01:00", NOW),
        ("2026-01-02", NOW - 3 * 3600 - 4 * 60 - 5),
        (str(NOW), NOW),
        (f"{NOW}.9", NOW),
    ],
)
def test_times(text: str, epoch: int) -> None:
    assert parse_time(text) == epoch


def test_bad_times() -> None:
    with pytest.raises(QueryFlagError, match="--end yesterday: expected an ISO 8601 time"):
        parse_time("yesterday", flag="--end")
    with pytest.raises(QueryFlagError, match="looks like milliseconds"):
        parse_time(str(NOW * 1000))


# --------------------------------------------------------------------- whole query


def test_every_flag_lands_in_the_query() -> None:
    flags = QueryFlags(
        calculations=["P99(duration_ms)", "COUNT"],
        filters=["status_code >= 500", "service = api"],
        breakdowns=["http.route"],
        orders=["P99(duration_ms) desc"],
        havings=["COUNT > 10"],
        limit=50,
        last="2h",
        granularity="1m",
    )
    body = check_query(apply_flags(flags, now=NOW), flags)
    assert body == {
        "calculations": [{"op": "P99", "column": "duration_ms"}, {"op": "COUNT"}],
        "filters": [
            {"column": "status_code", "op": ">=", "value": 500},
            {"column": "service", "op": "=", "value": "api"},
        ],
        "breakdowns": ["http.route"],
        "orders": [{"op": "P99", "column": "duration_ms", "order": "descending"}],
        "havings": [{"calculate_op": "COUNT", "op": ">", "value": 10}],
        "granularity": 60,
        "limit": 50,
        "time_range": 7200,
    }


def test_any_ors_the_filters() -> None:
    flags = QueryFlags(filters=["a exists", "b = 1"], any=True)
    body = check_query(apply_flags(flags, now=NOW), flags)
    assert body["filter_combination"] == "OR"
    assert len(body["filters"]) == 2


def test_no_flags_is_the_apis_default_query() -> None:
    assert QueryFlags().is_empty()
    assert not QueryFlags(any=True).is_empty()
    assert check_query(apply_flags(QueryFlags(), now=NOW), QueryFlags()) == {}


@pytest.mark.parametrize(
    ("flags", "expected"),
    [
        (QueryFlags(last="1h"), {"time_range": 3600}),
        (
            QueryFlags(start="2026-01-02T01:04:05Z", end="2026-01-02T03:04:05Z"),
            {"start_time": NOW - 7200, "end_time": NOW},
        ),
        (QueryFlags(start=str(NOW - 60), last="30s"), {"start_time": NOW - 60, "time_range": 30}),
        (QueryFlags(end=str(NOW), last="1h"), {"end_time": NOW, "time_range": 3600}),
        (QueryFlags(end=str(NOW)), {"end_time": NOW, "time_range": 7200}),
        (QueryFlags(start=str(NOW - 600)), {"start_time": NOW - 600, "end_time": NOW}),
    ],
)
def test_time_flags_combine(flags: QueryFlags, expected: dict[str, int]) -> None:
    assert apply_flags(flags, now=NOW).to_dict() == expected


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (
            QueryFlags(last="1h", start=str(NOW - 10), end=str(NOW)),
            "--last 1h: give at most two of --last, --start and --end",
        ),
        (
            QueryFlags(start=str(NOW), end=str(NOW - 10)),
            "--start 1767323045: --start is after --end",
        ),
        (QueryFlags(start=str(NOW + 100)), "--start 1767323145: --start is in the future"),
        (QueryFlags(filters=["x ~ 1"]), "--where 'x ~ 1': unknown operator '~'"),
        (QueryFlags(breakdowns=[" "]), "--breakdown ' ': the column name is empty"),
    ],
)
def test_flags_that_do_not_combine(flags: QueryFlags, message: str) -> None:
    with pytest.raises(QueryFlagError, match="^" + re.escape(message)):
        apply_flags(flags, now=NOW)


def test_query_rules_are_reported_against_their_flags() -> None:
    flags = QueryFlags(
        calculations=["P99"],
        havings=["P95(duration_ms) > 1"],
        orders=["nope desc"],
        granularity="1s",
        last="2h",
        limit=20_000,
    )
    with pytest.raises(QueryValidationError) as caught:
        check_query(apply_flags(flags, now=NOW), flags)
    problems = caught.value.problems
    assert any(p.startswith("--calc P99: calculations[0]: P99 needs a column") for p in problems)
    assert any(
        p.startswith("--having 'P95(duration_ms) > 1': havings[0] refers to P95(duration_ms)")
        for p in problems
    )
    assert any(p.startswith("--order 'nope desc': orders[0] refers to 'nope'") for p in problems)
    assert any(p.startswith("--granularity 1s: granularity 1 s is too fine") for p in problems)
    assert any(p.startswith("--limit 20000: limit: Input should be less than") for p in problems)
    assert len(problems) == 5


def test_the_seven_day_limit_names_the_time_flag() -> None:
    flags = QueryFlags(last="8d")
    with pytest.raises(QueryValidationError) as caught:
        check_query(apply_flags(flags, now=NOW), flags)
    assert caught.value.problems == [
        "--last 8d: the query covers 691200 s (8 days), but a query result can cover at "
        "most 7 days (604800 s)"
    ]


def test_flags_extend_a_query_file() -> None:
    base_spec = {
        "calculations": [{"op": "COUNT"}],
        "filters": [{"column": "a", "op": "exists"}],
        "time_range": 600,
        "limit": 5,
    }
    flags = QueryFlags(calculations=["MAX(duration_ms)"], filters=["b = 1"], last="1h")
    base = QueryBuilder.from_spec(base_spec)
    body = check_query(apply_flags(flags, base, now=NOW), flags, base=base_spec)
    assert body["calculations"] == [{"op": "COUNT"}, {"op": "MAX", "column": "duration_ms"}]
    assert [f["column"] for f in body["filters"]] == ["a", "b"]
    assert body["time_range"] == 3600
    assert body["limit"] == 5


def test_problems_in_the_query_file_are_attributed_to_it() -> None:
    base_spec: dict[str, Any] = {"calculations": [{"op": "AVG"}], "granularity": 1}
    flags = QueryFlags(calculations=["SUM"])
    base = QueryBuilder.from_spec(base_spec)
    with pytest.raises(QueryValidationError) as caught:
        check_query(apply_flags(flags, base, now=NOW), flags, base=base_spec)
    problems = caught.value.problems
    assert problems[0].startswith("the query file: calculations[0]: AVG needs a column")
    assert problems[1].startswith("--calc SUM: calculations[1]: SUM needs a column")
    assert problems[2].startswith("the query file: granularity 1 s is too fine")
