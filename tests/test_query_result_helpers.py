"""QueryResult helpers: rows, series, totals, links, tables for people, DataFrames."""

from __future__ import annotations

import sys
from datetime import datetime, timezone
from typing import Any

import pytest

from honeycomb.models.queries import QueryResult

QUERY = {
    "breakdowns": ["endpoint"],
    "calculations": [{"op": "COUNT"}, {"op": "P99", "column": "duration_ms"}],
    "time_range": 7200,
}


def make_result(**overrides: Any) -> QueryResult:
    payload: dict[str, Any] = {
        "id": "res1",
        "complete": True,
        "query": QUERY,
        "data": {
            "series": [
                {"time": "2026-01-01T00:00:00Z", "data": {"COUNT": 3, "endpoint": "/a"}},
                {"time": "2026-01-01T00:01:00Z", "data": {"COUNT": 4.5, "endpoint": None}},
            ],
            "results": [
                {"data": {"COUNT": 2728, "P99(duration_ms)": 857.0309715273646, "endpoint": "/a"}},
                {"data": {"COUNT": 4, "P99(duration_ms)": 12, "endpoint": None}},
            ],
            "total_by_aggregate": {"data": {"COUNT": 2732}},
        },
        "links": {
            "query_url": "https://ui.honeycomb.io/t/datasets/d/result/res1",
            "graph_image_url": "https://ui.honeycomb.io/t/datasets/d/result/res1/snapshot",
        },
    }
    payload.update(overrides)
    return QueryResult.model_validate(payload)


# ------------------------------------------------------------ plain Python


def test_rows_are_plain_dicts_with_exact_values() -> None:
    rows = make_result().rows
    assert rows == [
        {"COUNT": 2728, "P99(duration_ms)": 857.0309715273646, "endpoint": "/a"},
        {"COUNT": 4, "P99(duration_ms)": 12, "endpoint": None},
    ]
    assert type(rows[0]["COUNT"]) is int
    assert type(rows[1]["P99(duration_ms)"]) is int
    assert all(type(r) is dict for r in rows)


def test_rows_are_copies() -> None:
    result = make_result()
    result.rows[0]["COUNT"] = -1
    assert result.rows[0]["COUNT"] == 2728


def test_big_ints_survive() -> None:
    result = QueryResult.model_validate(
        {"data": {"results": [{"data": {"SUM(bytes)": 2**63 + 1}}]}}
    )
    assert result.rows == [{"SUM(bytes)": 2**63 + 1}]


def test_columns_put_breakdowns_first() -> None:
    assert make_result().columns == ["endpoint", "COUNT", "P99(duration_ms)"]


def test_columns_union_keys_of_every_row() -> None:
    result = QueryResult.model_validate(
        {"data": {"results": [{"data": {"a": 1}}, {"data": {"b": 2}}]}}
    )
    assert result.columns == ["a", "b"]


def test_columns_of_an_empty_result_come_from_the_query() -> None:
    result = make_result(data={"results": []})
    assert result.rows == []
    assert result.columns == ["endpoint", "COUNT", "P99(duration_ms)"]
    named = make_result(
        data={"results": []},
        query={"calculations": [{"op": "AVG", "column": "d", "name": "avg"}]},
    )
    assert named.columns == ["avg"]
    formulas = make_result(
        data=None,
        query={
            "breakdowns": ["e"],
            "calculations": [{"op": "COUNT", "name": "n"}],
            "formulas": [{"name": "rate", "expression": "$n"}],
        },
    )
    assert formulas.columns == ["e", "rate"]


def test_series_has_a_datetime_and_the_values() -> None:
    series = make_result().series
    assert series == [
        {"time": datetime(2026, 1, 1, 0, 0, tzinfo=timezone.utc), "COUNT": 3, "endpoint": "/a"},
        {"time": datetime(2026, 1, 1, 0, 1, tzinfo=timezone.utc), "COUNT": 4.5, "endpoint": None},
    ]


def test_series_is_empty_with_disable_series() -> None:
    assert make_result(data={"results": [{"data": {"COUNT": 1}}]}).series == []


@pytest.mark.parametrize(
    ("total", "expected"),
    [
        ({"data": {"COUNT": 5}}, {"COUNT": 5}),  # the spec's shape
        ({"COUNT": 5, "P99(d)": 1.5}, {"COUNT": 5, "P99(d)": 1.5}),  # a flat object
        ({"data": {"COUNT": 5}, "other": 1}, {"data": {"COUNT": 5}, "other": 1}),
        (None, None),
    ],
)
def test_totals(total: Any, expected: Any) -> None:
    result = make_result(data={"results": [], "total_by_aggregate": total})
    assert result.totals == expected


def test_totals_without_data() -> None:
    assert make_result(data=None).totals is None


def test_links() -> None:
    result = make_result()
    assert result.query_url == "https://ui.honeycomb.io/t/datasets/d/result/res1"
    assert result.graph_image_url == "https://ui.honeycomb.io/t/datasets/d/result/res1/snapshot"
    bare = make_result(links=None)
    assert bare.query_url is None
    assert bare.graph_image_url is None


def test_a_failed_result_has_no_rows() -> None:
    failed = make_result(data=None, error="boom")
    assert failed.rows == []
    assert failed.series == []


# ------------------------------------------------------------- text table


def test_str_is_an_aligned_text_table() -> None:
    text = str(make_result())
    assert text.splitlines() == [
        "QueryResult res1 · 2 rows",
        "endpoint  COUNT  P99(duration_ms)",
        "--------  -----  ----------------",
        "/a         2728        857.030972",
        "              4                12",
    ]


def test_text_table_caps_rows_and_says_how_many_more() -> None:
    rows = [{"data": {"n": i}} for i in range(60)]
    result = make_result(data={"results": rows}, query={})
    lines = str(result).splitlines()
    assert lines[0] == "QueryResult res1 · 60 rows"
    assert len(lines) == 3 + 50 + 1
    assert lines[-1] == "… 10 more rows"
    assert result.to_string(max_rows=2).splitlines()[-1] == "… 58 more rows"


def test_text_table_truncates_long_cells_and_flattens_newlines() -> None:
    result = make_result(data={"results": [{"data": {"ua": "x" * 100 + "\nnext"}}]}, query={})
    line = str(result).splitlines()[3]
    assert len(line) == 60
    assert line.endswith("…")
    assert "\n" not in line


def test_text_table_formats_values() -> None:
    result = make_result(
        data={"results": [{"data": {"b": True, "f": 2.0, "n": None, "s": "x"}}]}, query={}
    )
    assert str(result).splitlines()[3].split() == ["true", "2.0", "x"]


def test_str_of_failed_and_running_results() -> None:
    assert str(make_result(data=None, error="timed out")).splitlines() == [
        "QueryResult res1 · failed: timed out · 0 rows",
        "endpoint  COUNT  P99(duration_ms)",
        "--------  -----  ----------------",
    ]
    assert "incomplete" in str(make_result(complete=False)).splitlines()[0]


def test_str_without_any_column() -> None:
    assert str(QueryResult.model_validate({"id": "r", "complete": True})) == (
        "QueryResult r · 0 rows"
    )


# ------------------------------------------------------------------- HTML


def test_html_table_escapes_everything() -> None:
    result = make_result(
        id="<id>",
        data={"results": [{"data": {"<b>col</b>": "<script>alert(1)</script>", "n": 1}}]},
        query={},
        error=None,
    )
    out = result._repr_html_()
    assert "<script>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "<th>&lt;b&gt;col&lt;/b&gt;</th>" in out
    assert "QueryResult &lt;id&gt;" in out
    assert '<td style="text-align:right">1</td>' in out


def test_html_table_caps_rows() -> None:
    rows = [{"data": {"n": i}} for i in range(51)]
    out = make_result(data={"results": rows}, query={}).to_html()
    assert out.count("<tr>") == 1 + 50
    assert "<p>… 1 more rows</p>" in out
    assert make_result(data={"results": rows}, query={}).to_html(max_rows=0).count("<tr>") == 1


def test_html_links_to_the_ui_only_over_http() -> None:
    out = make_result().to_html()
    assert '<a href="https://ui.honeycomb.io/t/datasets/d/result/res1" target="_blank">' in out
    evil = make_result(links={"query_url": "javascript:alert(1)"}).to_html()
    assert "<a " not in evil
    assert "javascript" not in evil


def test_html_of_a_failed_result_shows_the_error_escaped() -> None:
    out = make_result(data=None, error="bad <thing>").to_html()
    assert "failed: bad &lt;thing&gt;" in out


# ------------------------------------------------------------- DataFrames


def test_to_pandas() -> None:
    pd = pytest.importorskip("pandas")
    frame = make_result().to_pandas()
    assert list(frame.columns) == ["endpoint", "COUNT", "P99(duration_ms)"]
    assert frame["COUNT"].tolist() == [2728, 4]
    assert str(frame["COUNT"].dtype) == "int64"
    assert frame["endpoint"].tolist()[0] == "/a"
    assert pd.isna(frame["endpoint"].tolist()[1])


def test_to_pandas_series() -> None:
    pd = pytest.importorskip("pandas")
    frame = make_result().to_pandas(series=True)
    assert list(frame.columns) == ["time", "endpoint", "COUNT"]
    assert frame["time"].tolist() == [
        pd.Timestamp("2026-01-01T00:00:00Z"),
        pd.Timestamp("2026-01-01T00:01:00Z"),
    ]
    assert frame["COUNT"].tolist() == [3.0, 4.5]


def test_to_pandas_empty_keeps_the_columns() -> None:
    pytest.importorskip("pandas")
    frame = make_result(data={"results": []}).to_pandas()
    assert len(frame) == 0
    assert list(frame.columns) == ["endpoint", "COUNT", "P99(duration_ms)"]


def test_to_polars() -> None:
    pl = pytest.importorskip("polars")
    frame = make_result().to_polars()
    assert frame.columns == ["endpoint", "COUNT", "P99(duration_ms)"]
    assert frame["COUNT"].to_list() == [2728, 4]
    assert frame["COUNT"].dtype == pl.Int64
    assert frame["endpoint"].to_list() == ["/a", None]


def test_to_polars_series_and_mixed_types() -> None:
    pytest.importorskip("polars")
    frame = make_result().to_polars(series=True)
    assert frame.columns == ["time", "endpoint", "COUNT"]
    assert frame["COUNT"].to_list() == [3.0, 4.5]
    mixed = make_result(
        data={"results": [{"data": {"v": 1}}, {"data": {"v": "x"}}, {"data": {"v": 2.5}}]},
        query={},
    ).to_polars()
    assert mixed.height == 3


def test_to_polars_empty_keeps_the_columns() -> None:
    pytest.importorskip("polars")
    frame = make_result(data={"results": []}).to_polars()
    assert frame.height == 0
    assert frame.columns == ["endpoint", "COUNT", "P99(duration_ms)"]


@pytest.mark.parametrize(
    ("module", "method", "extra"),
    [("pandas", "to_pandas", "pandas"), ("polars", "to_polars", "polars")],
)
def test_missing_dataframe_library_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, module: str, method: str, extra: str
) -> None:
    monkeypatch.setitem(sys.modules, module, None)  # makes `import module` fail
    with pytest.raises(ImportError) as info:
        getattr(make_result(), method)()
    assert f'pip install "honeycomb-sdk[{extra}]"' in str(info.value)


def test_repr_is_a_short_summary_of_a_big_result() -> None:
    columns = ["endpoint", "status", "COUNT", "P99(duration_ms)", "SUM(bytes)"]
    big = QueryResult.model_validate(
        {
            "id": "big",
            "complete": True,
            "data": {
                "results": [
                    {
                        "data": {
                            "endpoint": f"/p{i}",
                            "status": 200 + i % 3,
                            "COUNT": i,
                            "P99(duration_ms)": i * 1.5,
                            "SUM(bytes)": i * 10,
                        }
                    }
                    for i in range(1000)
                ],
                "series": [
                    {"time": "2026-01-01T00:00:00Z", "data": {"COUNT": i}} for i in range(500)
                ],
            },
        }
    )
    text = repr(big)
    assert len(text) < 600, len(text)
    assert text.startswith("QueryResult(id='big', complete=True, shape=(1000, 5), ")
    assert f"columns={columns!r}" in text
    assert "rows=[{'endpoint': '/p0', 'status': 200, 'COUNT': 0," in text
    assert "'/p2'" in text and "'/p3'" not in text  # the first three rows only
    assert "…+997]" in text
    assert "series=<500 points>" in text


def test_repr_cuts_long_values_and_wide_rows() -> None:
    wide = {f"c{i}": "x" * 100 for i in range(20)}
    result = QueryResult.model_validate({"complete": True, "data": {"results": [{"data": wide}]}})
    text = repr(result)
    assert "shape=(1, 20)" in text
    assert "'c0': '" + "x" * 38 + "…" in text and "x" * 41 not in text
    assert text.count("…+12") == 2  # twelve more columns, in the list and in the row


def test_repr_of_failed_and_running_results() -> None:
    failed = QueryResult(id="q1", complete=True, error="column not found: nope")
    assert repr(failed) == (
        "QueryResult(id='q1', complete=True, error='column not found: nope', shape=(0, 0), "
        "columns=[])"
    )
    running = make_result(complete=False)
    assert repr(running).startswith("QueryResult(id='res1', complete=False, shape=(2, 3), ")
    assert "query_url='https://ui.honeycomb.io/t/datasets/d/result/res1'" in repr(running)
