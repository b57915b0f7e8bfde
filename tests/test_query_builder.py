"""The fluent query builder and the local validation rules (one case per rule at least)."""

from __future__ import annotations

import warnings
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from honeycomb.errors import HoneycombError
from honeycomb.models.queries import (
    CalculationOp,
    Filter,
    FilterOp,
    Order,
    Query,
    QuerySpec,
)
from honeycomb.query import QueryBuilder, QueryValidationError, QueryWarning, validate_query

NOW = 1_760_000_000  # a fixed "now" for the 7-days-back rule
DAY = 86400


def problems_of(spec: Any, **kwargs: Any) -> list[str]:
    with pytest.raises(QueryValidationError) as info:
        validate_query(spec, **kwargs)
    return info.value.problems


# ----------------------------------------------------------------- building


def test_the_fluent_example_builds_the_expected_body() -> None:
    q = (
        QueryBuilder()
        .calculate("P99", "duration_ms")
        .calculate("COUNT")
        .where("status", ">=", 500)
        .group_by("endpoint")
        .order_by("P99", "duration_ms", descending=True)
        .having("COUNT", None, ">", 10)
        .granularity(60)
        .limit(100)
        .last(hours=2)
    )
    assert q.to_dict() == {
        "calculations": [{"op": "P99", "column": "duration_ms"}, {"op": "COUNT"}],
        "filters": [{"column": "status", "op": ">=", "value": 500}],
        "breakdowns": ["endpoint"],
        "orders": [{"op": "P99", "column": "duration_ms", "order": "descending"}],
        "havings": [{"calculate_op": "COUNT", "op": ">", "value": 10}],
        "granularity": 60,
        "limit": 100,
        "time_range": 7200,
    }
    spec = q.build()
    assert isinstance(spec, QuerySpec)
    assert spec.calculations is not None
    assert spec.calculations[0].op is CalculationOp.P99


def test_an_empty_builder_is_an_empty_valid_query() -> None:
    assert QueryBuilder().to_dict() == {}


def test_builders_are_immutable_so_a_base_can_be_reused() -> None:
    base = QueryBuilder().where("service", "=", "api").last(hours=1)
    before = base.to_dict()
    errors = base.calculate("COUNT").where("error", "exists")
    slow = base.calculate("P99", "duration_ms")
    assert base.to_dict() == before
    assert errors.to_dict()["filters"] == [
        {"column": "service", "op": "=", "value": "api"},
        {"column": "error", "op": "exists"},
    ]
    assert slow.to_dict()["filters"] == [{"column": "service", "op": "=", "value": "api"}]
    assert slow.to_dict()["calculations"] == [{"op": "P99", "column": "duration_ms"}]


def test_build_returns_an_independent_spec() -> None:
    q = QueryBuilder().calculate("COUNT").where("a", "in", [1, 2])
    spec = q.build()
    assert spec.filters is not None
    spec.filters[0].value = [3]
    spec.filters.append(Filter(column="b", op=FilterOp.EXISTS))
    assert q.to_dict()["filters"] == [{"column": "a", "op": "in", "value": [1, 2]}]


def test_arguments_are_copied_not_shared() -> None:
    values = [1, 2]
    q = QueryBuilder().where("a", "in", values)
    values.append(3)
    assert q.to_dict()["filters"][0]["value"] == [1, 2]


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda q: q.calculate("p99", "d"), {"op": "P99", "column": "d"}),
        (lambda q: q.calculate(CalculationOp.HEATMAP, "d"), {"op": "HEATMAP", "column": "d"}),
        (lambda q: q.calculate("count"), {"op": "COUNT"}),
    ],
)
def test_calculate_accepts_enum_members_and_any_case(make: Any, expected: Any) -> None:
    assert make(QueryBuilder()).to_dict()["calculations"] == [expected]


def test_calculation_name_filters_and_combination() -> None:
    q = QueryBuilder().calculate(
        "COUNT",
        name="errors",
        filters=[("status", ">=", 500), {"column": "error", "op": "exists"}],
        filter_combination="or",
    )
    assert q.to_dict()["calculations"] == [
        {
            "op": "COUNT",
            "name": "errors",
            "filters": [
                {"column": "status", "op": ">=", "value": 500},
                {"column": "error", "op": "exists"},
            ],
            "filter_combination": "OR",
        }
    ]


def test_formula_and_calculated_field() -> None:
    q = (
        QueryBuilder()
        .calculate("COUNT", name="total")
        .calculate("COUNT", name="errors", filters=[("error", "exists")])
        .formula("error_rate", "DIV($errors, $total)")
        .calculated_field("is_slow", "GT($duration_ms, 1000)")
        .where("is_slow", "=", True)
    )
    body = q.to_dict()
    assert body["formulas"] == [{"name": "error_rate", "expression": "DIV($errors, $total)"}]
    assert body["calculated_fields"] == [
        {"name": "is_slow", "expression": "GT($duration_ms, 1000)"}
    ]
    assert body["filters"] == [{"column": "is_slow", "op": "=", "value": True}]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("status", "exists"), {"column": "status", "op": "exists"}),
        (("status", "EXISTS"), {"column": "status", "op": "exists"}),
        (
            ("status", FilterOp.NOT_IN, (1, 2)),
            {"column": "status", "op": "not-in", "value": [1, 2]},
        ),
        (("status", "in", {3, 1, 2}), {"column": "status", "op": "in", "value": [1, 2, 3]}),
        (("flag", "=", False), {"column": "flag", "op": "=", "value": False}),
        (("name", "starts-with", "GET"), {"column": "name", "op": "starts-with", "value": "GET"}),
    ],
)
def test_where_builds_filters(args: tuple[Any, ...], expected: dict[str, Any]) -> None:
    assert QueryBuilder().where(*args).to_dict()["filters"] == [expected]


def test_where_any_ors_its_filters() -> None:
    q = QueryBuilder().where_any(
        ("status", ">=", 500),
        Filter(column="error", op=FilterOp.EXISTS),
        {"column": "x", "op": "exists"},
    )
    body = q.to_dict()
    assert body["filter_combination"] == "OR"
    assert [f["column"] for f in body["filters"]] == ["status", "error", "x"]


def test_where_any_refuses_to_turn_earlier_and_filters_into_alternatives() -> None:
    q = QueryBuilder().where("service", "=", "api")
    with pytest.raises(QueryValidationError, match="filter_combination\\('OR'\\)"):
        q.where_any(("status", ">=", 500))
    ok = q.filter_combination("OR").where_any(("status", ">=", 500))
    assert ok.to_dict()["filter_combination"] == "OR"
    assert len(ok.to_dict()["filters"]) == 2


def test_where_any_needs_a_filter() -> None:
    with pytest.raises(TypeError):
        QueryBuilder().where_any()


@pytest.mark.parametrize("bad", [("only-column",), ("a", "=", 1, 2), "a = 1", 42])
def test_filters_in_an_unknown_form_are_a_type_error(bad: Any) -> None:
    with pytest.raises(TypeError):
        QueryBuilder().where_any(bad)


def test_filter_combination() -> None:
    assert QueryBuilder().filter_combination("or").to_dict() == {"filter_combination": "OR"}
    assert QueryBuilder().filter_combination("AND").to_dict() == {"filter_combination": "AND"}


def test_group_by_appends() -> None:
    q = QueryBuilder().group_by("a", "b").group_by("c")
    assert q.to_dict()["breakdowns"] == ["a", "b", "c"]


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (
            lambda q: q.order_by("P99", "d", descending=True),
            {"op": "P99", "column": "d", "order": "descending"},
        ),
        (lambda q: q.order_by("count"), {"op": "COUNT", "order": "ascending"}),
        (lambda q: q.order_by("endpoint"), {"column": "endpoint", "order": "ascending"}),
        (lambda q: q.order_by("slow", descending=True), {"column": "slow", "order": "descending"}),
        (lambda q: q.order_by(Order(column="MAX")), {"column": "MAX"}),
        (
            lambda q: q.order_by({"column": "MAX", "order": "descending"}),
            {"column": "MAX", "order": "descending"},
        ),
    ],
)
def test_order_by_forms(make: Any, expected: dict[str, Any]) -> None:
    q = (
        QueryBuilder()
        .calculate("P99", "d")
        .calculate("COUNT")
        .calculate("AVG", "d", name="slow")
        .group_by("endpoint", "MAX")
    )
    assert make(q).to_dict()["orders"] == [expected]


def test_having_with_a_column_and_by_name() -> None:
    q = (
        QueryBuilder()
        .calculate("P99", "d")
        .calculate("AVG", "d", name="avg_d")
        .having("P99", "d", "<=", 250.5)
        .having("AVG", "avg_d", "!=", 0)
    )
    assert q.to_dict()["havings"] == [
        {"calculate_op": "P99", "column": "d", "op": "<=", "value": 250.5},
        {"calculate_op": "AVG", "column": "avg_d", "op": "!=", "value": 0},
    ]


def test_granularity_limit_usage_mode_compare_to() -> None:
    body = (
        QueryBuilder()
        .last(hours=2)
        .granularity(timedelta(minutes=1))
        .limit(50)
        .usage_mode()
        .compare_to(timedelta(days=1))
        .to_dict()
    )
    assert body == {
        "time_range": 7200,
        "granularity": 60,
        "limit": 50,
        "usage_mode": True,
        "compare_time_offset_seconds": 86400,
    }
    assert QueryBuilder().usage_mode(False).to_dict() == {"usage_mode": False}


# ---------------------------------------------------------------------- time


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda q: q.last(hours=2), 7200),
        (lambda q: q.last(minutes=30, seconds=15), 1815),
        (lambda q: q.last(days=1), 86400),
        (lambda q: q.last(timedelta(minutes=10)), 600),
        (lambda q: q.last(300), 300),
        (lambda q: q.last(60, minutes=1), 120),
    ],
)
def test_last_sets_a_relative_range(make: Any, expected: int) -> None:
    assert make(QueryBuilder()).to_dict() == {"time_range": expected}


def test_time_helpers_replace_each_other() -> None:
    absolute = QueryBuilder().between(1_000_000, 1_003_600)
    assert absolute.to_dict() == {"start_time": 1_000_000, "end_time": 1_003_600}
    assert absolute.last(hours=1).to_dict() == {"time_range": 3600}
    assert QueryBuilder().last(hours=1).between(10, 20).to_dict() == {
        "start_time": 10,
        "end_time": 20,
    }


def test_between_accepts_aware_naive_and_epoch_times() -> None:
    start = datetime(2026, 1, 1, 12, 0, tzinfo=timezone.utc)
    end = datetime(2026, 1, 1, 14, 0, tzinfo=timezone(timedelta(hours=1)))  # 13:00 UTC
    body = QueryBuilder().between(start, end).to_dict()
    assert body == {"start_time": int(start.timestamp()), "end_time": int(start.timestamp()) + 3600}
    naive = QueryBuilder().between(datetime(2026, 1, 1, 12, 0), datetime(2026, 1, 1, 13, 0))
    assert naive.to_dict() == body  # naive datetimes are UTC


def test_between_widens_fractional_epochs_to_whole_seconds() -> None:
    assert QueryBuilder().between(100.7, 200.2).to_dict() == {"start_time": 100, "end_time": 201}


@pytest.mark.parametrize("bad", ["2026-01-01", True, None])
def test_between_rejects_other_types(bad: Any) -> None:
    with pytest.raises(TypeError):
        QueryBuilder().between(bad, 10)


def test_since_and_until() -> None:
    assert QueryBuilder().since(1000, 600).to_dict() == {"start_time": 1000, "time_range": 600}
    assert QueryBuilder().until(5000, timedelta(hours=1)).to_dict() == {
        "end_time": 5000,
        "time_range": 3600,
    }
    assert QueryBuilder().between(1, 2).since(1000, 60).to_dict() == {
        "start_time": 1000,
        "time_range": 60,
    }
    assert QueryBuilder().between(1, 2).until(1000, 60).to_dict() == {
        "end_time": 1000,
        "time_range": 60,
    }


# --------------------------------------------------------------- round trips


def full_builder() -> QueryBuilder:
    return (
        QueryBuilder()
        .calculate("P99", "duration_ms")
        .calculate("COUNT", name="errors", filters=[("error", "exists")], filter_combination="OR")
        .calculate("COUNT", name="total")
        .formula("rate", "DIV($errors, $total)")
        .calculated_field("slow", "GT($duration_ms, 100)")
        .filter_combination("OR")
        .where_any(("status", "in", [500, 503]), ("slow", "=", True))
        .group_by("endpoint")
        .order_by("P99", "duration_ms", descending=True)
        .order_by("endpoint")
        .having("P99", "duration_ms", ">", 10)
        .granularity(60)
        .limit(250)
        .last(hours=1)
        .compare_to(3600)
        .usage_mode()
    )


def test_round_trip_through_a_dict() -> None:
    q = full_builder()
    again = QueryBuilder.from_spec(q.to_dict())
    assert again == q
    assert again.to_dict() == q.to_dict()


def test_round_trip_through_a_query_spec() -> None:
    q = full_builder()
    assert QueryBuilder.from_spec(q.build()).to_dict() == q.to_dict()


def test_from_a_saved_query_drops_ids_and_unknown_fields() -> None:
    body = full_builder().to_dict()
    saved = Query.model_validate({**body, "id": "q1", "query_annotation_id": "a1", "new": 1})
    assert QueryBuilder.from_spec(saved).to_dict() == body
    as_dict = {**body, "id": "q1", "query_annotation_id": "a1"}
    assert QueryBuilder.from_spec(as_dict).to_dict() == body


def test_from_spec_then_extend() -> None:
    base = QueryBuilder.from_spec({"calculations": [{"op": "COUNT"}], "time_range": 600})
    assert base.group_by("a").to_dict() == {
        "calculations": [{"op": "COUNT"}],
        "time_range": 600,
        "breakdowns": ["a"],
    }


def test_from_spec_does_not_validate_but_build_does() -> None:
    q = QueryBuilder.from_spec({"calculations": [{"op": "P100"}], "nonsense": 1})
    with pytest.raises(QueryValidationError) as info:
        q.build()
    assert len(info.value.problems) == 2


def test_from_spec_rejects_other_types() -> None:
    with pytest.raises(TypeError):
        QueryBuilder.from_spec([("op", "COUNT")])  # type: ignore[arg-type]


def test_equality_and_repr() -> None:
    a = QueryBuilder().calculate("COUNT").last(hours=1)
    b = QueryBuilder().last(hours=1).calculate("COUNT")
    assert a == b
    assert a != a.limit(5)
    assert a != "COUNT"
    assert repr(a) == (
        "QueryBuilder.from_spec({'calculations': [{'op': 'COUNT'}], 'time_range': 3600})"
    )
    with pytest.raises(TypeError):
        hash(a)


# ---------------------------------------------------------------- validation


def test_validation_error_is_a_honeycomb_error_and_a_value_error() -> None:
    err = QueryValidationError(["a", "b"])
    assert isinstance(err, HoneycombError)
    assert isinstance(err, ValueError)
    assert err.problems == ["a", "b"]
    assert str(err) == "invalid query: 2 problems\n  - a\n  - b"
    assert str(QueryValidationError(["x"])).startswith("invalid query: 1 problem\n")


def test_the_example_message() -> None:
    q = QueryBuilder().calculate("COUNT").having("P99", "duration_ms", ">", 1)
    with pytest.raises(QueryValidationError) as info:
        q.build()
    assert info.value.problems[0].startswith(
        "havings[0] refers to P99(duration_ms), which is not among the calculations"
    )


# One row per rule: a spec that breaks it, and text the message must contain.
RULES: list[tuple[str, dict[str, Any], dict[str, Any], list[str]]] = [
    (
        "exists takes no value",
        {"filters": [{"column": "a", "op": "exists", "value": 1}]},
        {},
        ["filters[0]", "'exists' takes no value"],
    ),
    (
        "does-not-exist takes no value",
        {"filters": [{"column": "a", "op": "does-not-exist", "value": "x"}]},
        {},
        ["'does-not-exist' takes no value"],
    ),
    (
        "in takes a list",
        {"filters": [{"column": "a", "op": "in", "value": "x,y"}]},
        {},
        ["'in' takes a list"],
    ),
    (
        "not-in takes a non-empty list",
        {"filters": [{"column": "a", "op": "not-in", "value": []}]},
        {},
        ["'not-in' needs at least one value"],
    ),
    *[
        (
            f"{op} takes a string",
            {"filters": [{"column": "a", "op": op, "value": 5}]},
            {},
            [f"'{op}' compares strings"],
        )
        for op in (
            "starts-with",
            "does-not-start-with",
            "ends-with",
            "does-not-end-with",
            "contains",
            "does-not-contain",
        )
    ],
    (
        "= needs a value",
        {"filters": [{"column": "a", "op": "="}]},
        {},
        ["'=' needs a value", "'does-not-exist'"],
    ),
    (
        ">= takes one value, not a list",
        {"filters": [{"column": "a", "op": ">=", "value": [1]}]},
        {},
        ["'>=' takes a single value"],
    ),
    (
        "!= with a list points at not-in",
        {"filters": [{"column": "a", "op": "!=", "value": [1, 2]}]},
        {},
        ["use 'not-in'"],
    ),
    (
        "calculation filters follow the same rules",
        {
            "calculations": [
                {
                    "op": "COUNT",
                    "name": "n",
                    "filters": [{"column": "a", "op": "exists", "value": 1}],
                }
            ]
        },
        {},
        ["calculations[0].filters[0]", "takes no value"],
    ),
    (
        "an op other than COUNT/CONCURRENCY needs a column",
        {"calculations": [{"op": "P99"}]},
        {},
        ["calculations[0]: P99 needs a column"],
    ),
    (
        "HEATMAP needs a column",
        {"calculations": [{"op": "HEATMAP"}]},
        {},
        ["HEATMAP needs a column"],
    ),
    (
        "CONCURRENCY takes no column",
        {"calculations": [{"op": "CONCURRENCY", "column": "d"}]},
        {},
        ["CONCURRENCY takes no column"],
    ),
    (
        "calculation filters need a name",
        {"calculations": [{"op": "COUNT", "filters": [{"column": "a", "op": "exists"}]}]},
        {},
        ["calculations[0] has its own filters, so it needs a name"],
    ),
    (
        "calculation names are unique",
        {"calculations": [{"op": "COUNT", "name": "n"}, {"op": "MAX", "column": "d", "name": "n"}]},
        {},
        ["calculations[1].name 'n' is already used by calculations[0]"],
    ),
    (
        "formula names do not clash with calculation names",
        {
            "calculations": [{"op": "COUNT", "name": "n"}],
            "formulas": [{"name": "n", "expression": "1"}],
        },
        {},
        ["formulas[0].name 'n' is already used by calculations[0]"],
    ),
    (
        "calculated field names are unique",
        {
            "calculated_fields": [
                {"name": "f", "expression": "1"},
                {"name": "f", "expression": "2"},
            ]
        },
        {},
        ["calculated_fields[1].name 'f' is already defined"],
    ),
    (
        "an order names something",
        {"orders": [{"order": "descending"}]},
        {},
        ["orders[0] names nothing"],
    ),
    (
        "an order by op refers to a calculation",
        {"calculations": [{"op": "COUNT"}], "orders": [{"op": "P99", "column": "d"}]},
        {},
        ["orders[0] refers to P99(d), which is not among the calculations"],
    ),
    (
        "an order by column refers to a breakdown or a name",
        {"breakdowns": ["endpoint"], "orders": [{"column": "status"}]},
        {},
        ["orders[0] refers to 'status', which is neither a breakdown nor", "endpoint"],
    ),
    (
        "HEATMAP cannot be ordered by",
        {
            "calculations": [{"op": "HEATMAP", "column": "d"}],
            "orders": [{"op": "HEATMAP", "column": "d"}],
        },
        {},
        ["orders[0]: HEATMAP calculations cannot be ordered by"],
    ),
    (
        "a having refers to a calculation",
        {
            "calculations": [{"op": "COUNT"}],
            "havings": [{"calculate_op": "AVG", "column": "d", "op": ">", "value": 1}],
        },
        {},
        ["havings[0] refers to AVG(d), which is not among the calculations"],
    ),
    (
        "HEATMAP cannot be used in a having",
        {
            "calculations": [{"op": "HEATMAP", "column": "d"}],
            "havings": [{"calculate_op": "HEATMAP", "column": "d", "op": ">", "value": 1}],
        },
        {},
        ["havings[0]: HEATMAP calculations cannot be used in a having"],
    ),
    (
        "granularity is at least range/1000",
        {"time_range": 7200, "granularity": 7},
        {},
        ["granularity 7 s is too fine", "range/1000 to range/1", "8..7200"],
    ),
    (
        "granularity is at most the range",
        {"time_range": 600, "granularity": 601},
        {},
        ["granularity 601 s is longer than the query's time range 600 s", "1..600"],
    ),
    (
        "granularity uses the API's default range when no time is set",
        {"granularity": 1},
        {},
        ["7200 s (2 hours)"],
    ),
    (
        "granularity fits an absolute window",
        {"start_time": 1000, "end_time": 2000, "granularity": 1001},
        {},
        ["longer than the query's time range 1000 s"],
    ),
    (
        "limit is at most 1000 for a saved query",
        {"limit": 1001},
        {},
        ["limit 1001 is above 1,000, the maximum for a saved query", "disable_series=True"],
    ),
    (
        "limit above 1000 on a query result needs disable_series",
        {"limit": 5000},
        {"for_query_result": True},
        ["limit 5000 is above 1,000", "run it with disable_series=True"],
    ),
    (
        "limit is at most 10,000 even with disable_series",
        {"limit": 10_001},
        {"for_query_result": True, "disable_series": True},
        ["limit: Input should be less than or equal to 10000"],
    ),
    (
        "limit is at least 1",
        {"limit": 0},
        {},
        ["limit: Input should be greater than or equal to 1"],
    ),
    (
        "compare_time_offset_seconds is one of the allowed values",
        {"compare_time_offset_seconds": 900},
        {},
        [
            "compare_time_offset_seconds",
            "1800, 3600, 7200, 28800, 86400, 604800, 2419200 or 15724800",
        ],
    ),
    (
        "compare_time_offset_seconds is at least the range",
        {"time_range": 7200, "compare_time_offset_seconds": 3600},
        {},
        ["compare_time_offset_seconds 3600 is shorter than the query's time range", "e.g. 7200"],
    ),
    (
        "time_range, start_time and end_time are not all set",
        {"time_range": 60, "start_time": 1000, "end_time": 2000},
        {},
        ["time_range, start_time and end_time are all set; give at most two"],
    ),
    (
        "start_time is not after end_time",
        {"start_time": 2000, "end_time": 1000},
        {},
        ["start_time (2000) is after end_time (1000)"],
    ),
    (
        "a query result covers at most 7 days",
        {"time_range": 8 * DAY},
        {"for_query_result": True},
        ["the query covers 691200 s (8 days), but a query result can cover at most 7 days"],
    ),
    (
        "a query result window covers at most 7 days",
        {"start_time": NOW - 9 * DAY, "end_time": NOW},
        {"for_query_result": True, "now": NOW},
        ["at most 7 days"],
    ),
    *[
        (
            f"at most 100 {field}",
            {field: [item] * 101},
            {},
            [f"{field} has 101 items; Honeycomb accepts at most 100"],
        )
        for field, item in [
            ("calculations", {"op": "COUNT"}),
            ("filters", {"column": "a", "op": "exists"}),
            ("breakdowns", "a"),
            ("orders", {"op": "COUNT"}),
            ("havings", {"calculate_op": "COUNT", "op": ">", "value": 1}),
            ("calculated_fields", {"name": "f", "expression": "1"}),
            ("formulas", {"name": "f", "expression": "1"}),
        ]
    ],
    (
        "unknown calculation op",
        {"calculations": [{"op": "P100", "column": "d"}]},
        {},
        ["calculations[0].op: Input should be", "(got 'P100')"],
    ),
    (
        "unknown filter op",
        {"filters": [{"column": "a", "op": "equals", "value": 1}]},
        {},
        ["filters[0].op", "(got 'equals')"],
    ),
    (
        "filter values are scalars or lists",
        {"filters": [{"column": "a", "op": "=", "value": {"x": 1}}]},
        {},
        ["filters[0].value: {'x': 1} is not valid here"],
    ),
    (
        "having needs op and value",
        {"havings": [{"calculate_op": "COUNT"}]},
        {},
        ["havings[0].op is required", "havings[0].value is required"],
    ),
    (
        "unknown fields are refused",
        {"timerange": 3600},
        {},
        ["timerange is not a field of a query specification"],
    ),
]


@pytest.mark.parametrize(
    ("spec", "kwargs", "fragments"),
    [pytest.param(spec, kwargs, fragments, id=rule) for rule, spec, kwargs, fragments in RULES],
)
def test_each_rule_is_enforced_with_a_helpful_message(
    spec: dict[str, Any], kwargs: dict[str, Any], fragments: list[str]
) -> None:
    message = "\n".join(problems_of(spec, **kwargs))
    for fragment in fragments:
        assert fragment in message


def test_the_builder_applies_the_same_rules() -> None:
    for _rule, spec, kwargs, fragments in RULES:
        if "now" in kwargs:
            continue
        with pytest.raises(QueryValidationError) as info:
            QueryBuilder.from_spec(spec).build(**kwargs)
        message = str(info.value)
        assert all(fragment in message for fragment in fragments)


VALID: list[tuple[str, dict[str, Any], dict[str, Any]]] = [
    ("COUNT without column", {"calculations": [{"op": "COUNT"}]}, {}),
    ("COUNT with a column", {"calculations": [{"op": "COUNT", "column": "d"}]}, {}),
    ("CONCURRENCY", {"calculations": [{"op": "CONCURRENCY"}]}, {}),
    ("COUNT_DATAPOINTS", {"calculations": [{"op": "COUNT_DATAPOINTS"}]}, {}),
    ("no calculations orders by the default COUNT", {"orders": [{"op": "COUNT"}]}, {}),
    (
        "order by a breakdown",
        {"breakdowns": ["e"], "orders": [{"column": "e", "order": "descending"}]},
        {},
    ),
    (
        "order and having by calculation name",
        {
            "calculations": [{"op": "AVG", "column": "d", "name": "avg"}],
            "orders": [{"column": "avg"}],
            "havings": [{"calculate_op": "AVG", "column": "avg", "op": ">", "value": 1}],
        },
        {},
    ),
    (
        "order by formula name",
        {
            "calculations": [{"op": "COUNT", "name": "a"}],
            "formulas": [{"name": "f", "expression": "$a"}],
            "orders": [{"column": "f"}],
        },
        {},
    ),
    ("granularity at range/1000", {"time_range": 7200, "granularity": 8}, {}),
    ("granularity at the range", {"time_range": 7200, "granularity": 7200}, {}),
    ("limit 1000", {"limit": 1000}, {}),
    (
        "limit 10000 for disable_series",
        {"limit": 10_000},
        {"for_query_result": True, "disable_series": True},
    ),
    (
        "compare offset equal to the range",
        {"time_range": 3600, "compare_time_offset_seconds": 3600},
        {},
    ),
    ("start equals end", {"start_time": 1000, "end_time": 1000}, {}),
    ("start only", {"start_time": 1000, "granularity": 1}, {}),
    ("7 days for a query result", {"time_range": 7 * DAY}, {"for_query_result": True}),
    ("8 days for a saved query", {"time_range": 8 * DAY}, {}),
    ("in with a list", {"filters": [{"column": "a", "op": "in", "value": ["x"]}]}, {}),
    ("= with a bool", {"filters": [{"column": "a", "op": "=", "value": False}]}, {}),
    ("exists without value", {"filters": [{"column": "a", "op": "exists"}]}, {}),
    (
        "100 of each",
        {"breakdowns": ["a"] * 100, "filters": [{"column": "a", "op": "exists"}] * 100},
        {},
    ),
]


@pytest.mark.parametrize(
    ("spec", "kwargs"),
    [pytest.param(spec, kwargs, id=name) for name, spec, kwargs in VALID],
)
def test_valid_queries_pass(spec: dict[str, Any], kwargs: dict[str, Any]) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        validate_query(spec, now=NOW, **kwargs)
        validate_query(QuerySpec.model_validate(spec), now=NOW, **kwargs)


def test_all_problems_are_collected_in_one_error() -> None:
    q = (
        QueryBuilder()
        .calculate("P99")
        .calculate("P100", "d")
        .where("a", "exists", 1)
        .where("b", "in", "x")
        .order_by("MAX", "d")
        .having("AVG", "d", ">", 1)
        .granularity(1)
        .limit(5000)
        .compare_to(1800)
    )
    with pytest.raises(QueryValidationError) as info:
        q.build()
    problems = info.value.problems
    assert len(problems) == 9
    # reported in the order of the query's fields
    assert problems[0].startswith("calculations[0]")
    assert problems[1].startswith("calculations[1].op")
    assert problems[-1].startswith("compare_time_offset_seconds 1800")


def test_a_rule_is_not_repeated_for_a_field_the_schema_already_rejected() -> None:
    problems = problems_of({"limit": 20_000})
    assert len(problems) == 1
    assert problems[0].startswith("limit: Input should be less than or equal to 10000")


def test_validate_query_accepts_every_spec_form() -> None:
    body = {"calculations": [{"op": "P99"}]}
    for form in (
        body,
        QueryBuilder.from_spec(body),
        Query.model_validate({**body, "id": "q"}),
    ):
        with pytest.raises(QueryValidationError, match="P99 needs a column"):
            validate_query(form)
    with pytest.raises(QueryValidationError, match="P99 needs a column"):
        validate_query(QuerySpec.model_validate(body))


def test_validate_query_rejects_other_types() -> None:
    with pytest.raises(TypeError):
        validate_query(["COUNT"])  # type: ignore[arg-type]


# ------------------------------------------------------------------- warnings


def test_a_query_result_starting_more_than_7_days_ago_warns() -> None:
    spec = {"start_time": NOW - 8 * DAY, "time_range": 3600}
    with pytest.warns(QueryWarning, match="more than 7 days ago"):
        validate_query(spec, for_query_result=True, now=NOW)
    spec = {"end_time": NOW - 8 * DAY, "time_range": 3600}
    with pytest.warns(QueryWarning, match="more than 7 days ago"):
        validate_query(spec, for_query_result=True, now=NOW)


def test_a_recent_window_and_a_saved_query_do_not_warn() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        validate_query(
            {"start_time": NOW - DAY, "time_range": 3600}, for_query_result=True, now=NOW
        )
        validate_query({"start_time": NOW - 30 * DAY, "time_range": 3600}, now=NOW)
        validate_query({"time_range": 3600, "compare_time_offset_seconds": 3600})


def test_compare_offset_on_a_query_result_warns() -> None:
    with pytest.warns(QueryWarning, match="never include the comparison"):
        validate_query(
            {"time_range": 3600, "compare_time_offset_seconds": 86400}, for_query_result=True
        )


def test_warnings_point_at_the_caller() -> None:
    with pytest.warns(QueryWarning) as record:
        QueryBuilder().last(hours=1).compare_to(3600).build(for_query_result=True)
    assert record[0].filename == __file__


def test_no_warning_when_the_query_is_invalid() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(QueryValidationError):
            validate_query(
                {"time_range": 3600, "compare_time_offset_seconds": 86400, "limit": 0},
                for_query_result=True,
            )


@pytest.mark.parametrize(
    ("op", "value", "at"),
    [(">", float("nan"), ""), ("=", float("inf"), ""), ("in", [1, float("-inf")], " (at [1])")],
)
def test_nan_and_infinity_in_a_filter_are_refused(op: str, value: Any, at: str) -> None:
    builder = QueryBuilder().calculate("COUNT").where("duration_ms", op, value)
    with pytest.raises(QueryValidationError) as info:
        builder.build()
    assert f"{at} is NaN or infinite" in str(info.value)
