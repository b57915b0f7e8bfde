"""The fake's query engine against hand-computed expectations on a fixed set of events.

Events (``now`` = 1,700,000,000; times in seconds before now):

====  =====  ========  ===========  ======  =====  =======
id    time   endpoint  duration_ms  status  user   counter
====  =====  ========  ===========  ======  =====  =======
e1    -100   /a        10           200     alice  100
e2    -90    /a        20           200     bob    110
e3    -80    /b        30           500     alice  130
e4    -70    /b        40           200     (none) 160
e5    -60    /c        50           404     carol  200
====  =====  ========  ===========  ======  =====  =======
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from honeycomb.testing import FakeHoneycomb
from honeycomb.testing._engine import filter_matches, percentile, run_query
from honeycomb.testing._state import Dataset, Environment, Event
from tests._fakes import ident

NOW = 1_700_000_000.0


ROWS = [
    (-100, "/a", 10, 200, "alice", 100),
    (-90, "/a", 20, 200, "bob", 110),
    (-80, "/b", 30, 500, "alice", 130),
    (-70, "/b", 40, 200, None, 160),
    (-60, "/c", 50, 404, "carol", 200),
]


def _env(rows: list[tuple[Any, ...]] = ROWS, rates: list[int] | None = None) -> Environment:
    fake = FakeHoneycomb(seed=1, clock=lambda: NOW)
    env = fake.environment
    dataset = Dataset(slug="web", name="web", description="", created_at="")
    for index, (offset, endpoint, duration, status, user, counter) in enumerate(rows):
        data: dict[str, Any] = {
            "endpoint": endpoint,
            "duration_ms": duration,
            "status": status,
            "counter": counter,
        }
        if user is not None:
            data["user"] = user
        rate = rates[index] if rates else 1
        dataset.events.append(Event(NOW + offset, data, rate))
    env.datasets["web"] = dataset
    return env


def _run(query: dict[str, Any], env: Environment | None = None, **kwargs: Any) -> dict[str, Any]:
    query = {"time_range": 3600, **query}
    return run_query(env or _env(), "web", query, now=NOW, disable_series=True, **kwargs)


def _rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [row["data"] for row in data["results"]]


def _single(query: dict[str, Any], **kwargs: Any) -> Any:
    rows = _rows(_run(query, **kwargs))
    assert len(rows) == 1
    return rows[0]


# --------------------------------------------------------------------- calculations


@pytest.mark.parametrize(
    ("op", "column", "expected"),
    [
        ("COUNT", None, 5),
        ("SUM", "duration_ms", 150),
        ("AVG", "duration_ms", 30),
        ("MIN", "duration_ms", 10),
        ("MAX", "duration_ms", 50),
        ("COUNT_DISTINCT", "user", 3),
        ("P001", "duration_ms", 10.04),
        ("P01", "duration_ms", 10.4),
        ("P05", "duration_ms", 12.0),
        ("P10", "duration_ms", 14.0),
        ("P20", "duration_ms", 18.0),
        ("P25", "duration_ms", 20),
        ("P50", "duration_ms", 30),
        ("P75", "duration_ms", 40),
        ("P80", "duration_ms", 42.0),
        ("P90", "duration_ms", 46.0),
        ("P95", "duration_ms", 48.0),
        ("P99", "duration_ms", 49.6),
        ("P999", "duration_ms", 49.96),
        ("RATE_AVG", "counter", 2.5),  # rates 1, 2, 3, 4 per second
        ("RATE_SUM", "counter", 10.0),
        ("RATE_MAX", "counter", 4.0),
        ("CONCURRENCY", None, 1),  # 10-50 ms spans, 10 s apart: never overlap
    ],
)
def test_each_calculation(op: str, column: str | None, expected: float) -> None:
    calc: dict[str, Any] = {"op": op}
    if column:
        calc["column"] = column
    row = _single({"calculations": [calc]})
    label = f"{op}({column})" if column else op
    assert row[label] == pytest.approx(expected)


def test_count_with_a_column_counts_events_having_it() -> None:
    assert _single({"calculations": [{"op": "COUNT", "column": "user"}]})["COUNT(user)"] == 4


def test_concurrency_counts_overlapping_spans() -> None:
    env = _env(
        [
            (-10.0, "/a", 1000, 200, None, 0),  # [-10, -9)
            (-9.5, "/a", 1000, 200, None, 0),  # [-9.5, -8.5): overlaps the first
            (-9.2, "/a", 100, 200, None, 0),  # [-9.2, -9.1): all three open
            (-5.0, "/a", 100, 200, None, 0),
        ]
    )
    assert _single({"calculations": [{"op": "CONCURRENCY"}]}, env=env)["CONCURRENCY"] == 3


def test_heatmap_is_ten_equal_buckets_as_json_text() -> None:
    row = _single({"calculations": [{"op": "HEATMAP", "column": "duration_ms"}]})
    heatmap = json.loads(row["HEATMAP(duration_ms)"])
    counts = [bucket["count"] for bucket in heatmap["buckets"]]
    assert counts == [1, 0, 1, 0, 0, 1, 0, 1, 0, 1]
    assert heatmap["buckets"][0]["lower"] == 10
    assert heatmap["buckets"][-1]["upper"] == 50


def test_sample_rates_weight_count_sum_and_avg() -> None:
    env = _env(rates=[10, 1, 1, 1, 1])
    row = _single(
        {
            "calculations": [
                {"op": "COUNT"},
                {"op": "SUM", "column": "duration_ms"},
                {"op": "AVG", "column": "duration_ms"},
                {"op": "MAX", "column": "duration_ms"},
            ]
        },
        env=env,
    )
    assert row["COUNT"] == 14
    assert row["SUM(duration_ms)"] == 100 + 20 + 30 + 40 + 50
    assert row["AVG(duration_ms)"] == pytest.approx(240 / 14)
    assert row["MAX(duration_ms)"] == 50


def test_a_named_calculation_with_its_own_filters() -> None:
    row = _single(
        {
            "calculations": [
                {"op": "COUNT"},
                {
                    "op": "COUNT",
                    "name": "errors",
                    "filters": [{"column": "status", "op": ">=", "value": 400}],
                },
            ]
        }
    )
    assert row == {"COUNT": 5, "errors": 2}


def test_percentile_interpolates_linearly_between_ranks() -> None:
    assert percentile([1, 2, 3, 4], 0.5) == 2.5
    assert percentile([5], 0.99) == 5
    assert percentile([], 0.5) is None
    assert percentile([3, 1, 2], 0.0) == 1


# -------------------------------------------------------------------------- filters


@pytest.mark.parametrize(
    ("column", "op", "value", "expected"),
    [
        ("endpoint", "=", "/a", 2),
        ("endpoint", "!=", "/a", 3),
        ("duration_ms", ">", 30, 2),
        ("duration_ms", ">=", 30, 3),
        ("duration_ms", "<", 30, 2),
        ("duration_ms", "<=", 30, 3),
        ("endpoint", "starts-with", "/b", 2),
        ("endpoint", "does-not-start-with", "/b", 3),
        ("user", "ends-with", "ce", 2),
        ("user", "does-not-end-with", "ce", 3),  # bob, carol and the event without a user
        ("user", "exists", None, 4),
        ("user", "does-not-exist", None, 1),
        ("user", "contains", "o", 2),
        ("user", "does-not-contain", "o", 3),
        ("status", "in", [404, 500], 2),
        ("status", "not-in", [404, 500], 3),
        ("status", "=", "200", 3),  # numbers compare numerically, whatever the JSON type
        ("user", "!=", "alice", 3),  # a missing value is "not equal"
    ],
)
def test_each_filter_op(column: str, op: str, value: Any, expected: int) -> None:
    flt: dict[str, Any] = {"column": column, "op": op}
    if value is not None:
        flt["value"] = value
    assert _single({"filters": [flt]})["COUNT"] == expected


def test_filter_combination_or() -> None:
    query = {
        "filters": [
            {"column": "endpoint", "op": "=", "value": "/c"},
            {"column": "status", "op": "=", "value": 500},
        ],
        "filter_combination": "OR",
    }
    assert _single(query)["COUNT"] == 2
    assert _rows(_run({**query, "filter_combination": "AND"})) == []


def test_no_matching_event_gives_no_rows() -> None:
    data = _run(
        {
            "filters": [{"column": "endpoint", "op": "=", "value": "/zzz"}],
            "calculations": [{"op": "COUNT"}, {"op": "AVG", "column": "duration_ms"}],
        },
        disable_total_by_aggregate=False,
    )
    assert data["results"] == []
    assert data["total_by_aggregate"] == {"data": {}}


def test_filter_matches_missing_values() -> None:
    assert not filter_matches(">", None, 1)
    assert filter_matches("does-not-contain", None, "x")
    assert filter_matches("not-in", None, [1])


# ------------------------------------------------- breakdowns, orders, havings, limit


def test_breakdown_default_order_is_first_calculation_descending() -> None:
    rows = _rows(_run({"breakdowns": ["endpoint"]}))
    assert rows == [
        {"endpoint": "/a", "COUNT": 2},
        {"endpoint": "/b", "COUNT": 2},
        {"endpoint": "/c", "COUNT": 1},
    ]


def test_orders_havings_and_limit() -> None:
    query = {
        "breakdowns": ["endpoint"],
        "calculations": [{"op": "COUNT"}, {"op": "AVG", "column": "duration_ms"}],
        "orders": [{"op": "AVG", "column": "duration_ms", "order": "descending"}],
    }
    assert [r["endpoint"] for r in _rows(_run(query))] == ["/c", "/b", "/a"]
    having = {**query, "havings": [{"calculate_op": "COUNT", "op": ">", "value": 1}]}
    assert [r["endpoint"] for r in _rows(_run(having))] == ["/b", "/a"]
    ascending = {**query, "orders": [{"column": "endpoint", "order": "ascending"}], "limit": 2}
    assert [r["endpoint"] for r in _rows(_run(ascending))] == ["/a", "/b"]


def test_missing_breakdown_values_group_together_and_are_left_out() -> None:
    rows = _rows(_run({"breakdowns": ["user"], "orders": [{"column": "user"}]}))
    assert rows == [
        {"user": "alice", "COUNT": 2},
        {"user": "bob", "COUNT": 1},
        {"user": "carol", "COUNT": 1},
        {"COUNT": 1},
    ]


def test_totals_and_other_groups() -> None:
    data = _run(
        {"breakdowns": ["endpoint"], "limit": 1},
        disable_total_by_aggregate=False,
        disable_other_by_aggregate=False,
    )
    assert _rows(data) == [{"endpoint": "/a", "COUNT": 2}]
    assert data["total_by_aggregate"] == {"data": {"COUNT": 5}}
    assert data["other_by_aggregate"] == {"data": {"COUNT": 3}}


def test_query_result_limit_overrides_with_disable_series() -> None:
    data = _run({"breakdowns": ["endpoint"], "limit": 1}, limit=3)
    assert len(data["results"]) == 3


# ----------------------------------------------------------------------------- time


@pytest.mark.parametrize(
    ("window", "expected"),
    [
        ({"time_range": 75}, 2),  # [now-75, now): e4, e5
        ({"start_time": int(NOW) - 95, "end_time": int(NOW) - 65}, 3),  # e2, e3, e4
        ({"start_time": int(NOW) - 100, "time_range": 20}, 2),  # [-100, -80): e1, e2
        ({"end_time": int(NOW) - 60, "time_range": 25}, 2),  # [-85, -60): e3, e4
    ],
)
def test_time_windows(window: dict[str, int], expected: int) -> None:
    query = {"calculations": [{"op": "COUNT"}], **window}
    data = run_query(_env(), "web", query, now=NOW, disable_series=True)
    assert _rows(data)[0]["COUNT"] == expected


def test_series_buckets_by_granularity() -> None:
    query = {"start_time": int(NOW) - 120, "end_time": int(NOW), "granularity": 60}
    data = run_query(_env(), "web", query, now=NOW)
    assert [(p["time"], p["data"]) for p in data["series"]] == [
        ("2023-11-14T22:11:20Z", {"COUNT": 4}),
        ("2023-11-14T22:12:20Z", {"COUNT": 1}),
    ]


def test_series_with_breakdowns_has_one_point_per_group_and_bucket() -> None:
    query = {
        "start_time": int(NOW) - 120,
        "end_time": int(NOW),
        "granularity": 60,
        "breakdowns": ["endpoint"],
    }
    data = run_query(_env(), "web", query, now=NOW, disable_total_by_aggregate=False)
    points = [(p["time"][-3:], p["data"]["endpoint"], p["data"]["COUNT"]) for p in data["series"]]
    assert points == [("20Z", "/a", 2), ("20Z", "/b", 2), ("20Z", "/c", 1)]
    assert [p["data"]["COUNT"] for p in data["total_by_aggregate_series"]] == [4, 1]


# ------------------------------------------------------------------ calculated fields


def test_inline_calculated_field_filters_and_breaks_down() -> None:
    query = {
        "calculated_fields": [{"name": "slow", "expression": "GT($duration_ms, 25)"}],
        "breakdowns": ["slow"],
        "orders": [{"column": "slow", "order": "descending"}],
    }
    assert _rows(_run(query)) == [{"slow": True, "COUNT": 3}, {"slow": False, "COUNT": 2}]


def test_dataset_derived_column_is_queryable() -> None:
    env = _env()
    env.bucket("derived_columns", "web")["d1"] = {
        "id": "d1",
        "alias": "is_error",
        "expression": "IF(GTE($status, 500), true, false)",
    }
    row = _single({"filters": [{"column": "is_error", "op": "=", "value": True}]}, env=env)
    assert row["COUNT"] == 1


# --------------------------------------------------------------- through the API


def test_query_result_through_the_api_polls_then_completes() -> None:
    fake = FakeHoneycomb(query_polls=2, seed=3)
    client = fake.client(max_retries=0)
    client.events.send_batch(
        "web", [{"data": {"endpoint": e, "duration_ms": d}} for e, d in [("/a", 5), ("/b", 7)]]
    )
    query = client.queries.create(
        "web", {"calculations": [{"op": "MAX", "column": "duration_ms"}], "time_range": 600}
    )
    created = client.query_results.create("web", {"query_id": ident(query)})
    assert created.complete is False
    states = [client.query_results.get("web", ident(created)).complete for _ in range(3)]
    assert states == [False, False, True]
    final = client.query_results.get("web", ident(created))
    assert final.rows == [{"MAX(duration_ms)": 7}]
