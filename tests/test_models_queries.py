"""The query models: enums against the spec, strict requests, tolerant responses.

The spec's own example responses for createQuery/getQuery/createQueryResult/getQueryResult
must parse into the models, and its request examples must pass local validation.
"""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from honeycomb.errors import RequestValidationError
from honeycomb.models._base import to_request_body
from honeycomb.models.queries import (
    COMPARE_TIME_OFFSETS,
    Calculation,
    CalculationOp,
    Filter,
    FilterCombination,
    FilterOp,
    Having,
    HavingOp,
    Order,
    OrderDirection,
    Query,
    QueryResult,
    QueryResultRequest,
    QuerySpec,
    calculation_label,
)
from honeycomb.query import QueryBuilder, validate_query
from tests._schema_examples import named_examples, schemas


def _response_examples(operation_id: str) -> list[tuple[str, Any]]:
    """The operation's response examples by name; it must have some."""
    found = named_examples(operation_id)
    assert found, f"{operation_id} has no example responses"
    return found


# ------------------------------------------------------------------------ enums


def test_calculation_ops_are_the_spec_query_ops_plus_metrics_extras() -> None:
    spec_ops = schemas()["QueryOp"]["enum"]
    assert [op.value for op in CalculationOp] == [*spec_ops, "COUNT_DATAPOINTS", "HISTOGRAM_COUNT"]


def test_filter_ops_match_the_spec() -> None:
    assert [op.value for op in FilterOp] == schemas()["FilterOp"]["enum"]
    assert len(FilterOp) == 16


def test_having_ops_match_the_spec() -> None:
    assert [op.value for op in HavingOp] == schemas()["HavingOp"]["enum"]


def test_having_calculate_ops_are_calculation_ops_without_heatmap() -> None:
    having_ops = set(schemas()["HavingCalculateOp"]["enum"])
    spec_ops = set(schemas()["QueryOp"]["enum"])
    assert having_ops == spec_ops - {"HEATMAP"}
    assert having_ops <= {op.value for op in CalculationOp}


def test_compare_offsets_match_the_spec() -> None:
    schema = schemas()["Query"]["properties"]
    assert list(COMPARE_TIME_OFFSETS) == schema["compare_time_offset_seconds"]["enum"]


def test_enum_str_is_the_value() -> None:
    assert str(CalculationOp.P99) == "P99"
    assert str(FilterOp.DOES_NOT_EXIST) == "does-not-exist"
    assert str(FilterCombination.OR) == "OR"
    assert str(OrderDirection.DESCENDING) == "descending"


@pytest.mark.parametrize(
    ("op", "column", "label"),
    [("COUNT", None, "COUNT"), ("P99", "duration_ms", "P99(duration_ms)"), ("MAX", "", "MAX")],
)
def test_calculation_label(op: str, column: str | None, label: str) -> None:
    assert calculation_label(op, column) == label


def test_calculation_label_prefers_the_name() -> None:
    assert Calculation(op=CalculationOp.COUNT).label == "COUNT"
    assert Calculation(op=CalculationOp.AVG, column="d").label == "AVG(d)"
    assert Calculation(op=CalculationOp.AVG, column="d", name="avg_d").label == "avg_d"


# -------------------------------------------------------------- spec examples


@pytest.mark.parametrize("operation_id", ["createQuery", "getQuery"])
def test_spec_query_examples_parse_into_query(operation_id: str) -> None:
    for name, example in _response_examples(operation_id):
        query = Query.model_validate(example)
        assert query.id == example["id"], name
        assert query.calculations, name
        assert all(isinstance(c.op, CalculationOp) for c in query.calculations), name
        for order in query.orders or []:
            assert isinstance(order.order, OrderDirection), name
        for flt in query.filters or []:
            assert isinstance(flt.op, FilterOp), name
            assert flt.value == next(
                f["value"] for f in example["filters"] if f["column"] == flt.column
            )
        # every field the example carried is modelled (nothing landed in the extras)
        assert not query.model_extra, name
        # and the specification part round-trips into a strict QuerySpec
        spec = query.to_spec()
        expected = {k: v for k, v in example.items() if k != "id"}
        assert to_request_body(QuerySpec, spec) == expected, name


@pytest.mark.parametrize("operation_id", ["createQueryResult", "getQueryResult"])
def test_spec_query_result_examples_parse_into_query_result(operation_id: str) -> None:
    for name, example in _response_examples(operation_id):
        result = QueryResult.model_validate(example)
        assert result.id == example["id"], name
        assert result.complete is example["complete"], name
        assert result.query is not None, name
        assert result.query.limit == example["query"]["limit"], name
        assert result.query_url == example["links"]["query_url"], name
        assert result.graph_image_url == example["links"]["graph_image_url"], name
        assert result.error == example.get("error"), name
        expected_rows = [r["data"] for r in example.get("data", {}).get("results", [])]
        assert result.rows == expected_rows, name
        assert not result.model_extra, name


def test_spec_failed_query_example_has_an_error_and_no_rows() -> None:
    examples = dict(_response_examples("getQueryResult"))
    failed = QueryResult.model_validate(examples["Failed Query"])
    assert failed.complete is True
    assert failed.error == "we had trouble fetching your results! try again?"
    assert failed.data is None
    assert failed.rows == []
    assert failed.series == []


def test_spec_partial_result_example_is_incomplete_with_rows() -> None:
    examples = dict(_response_examples("getQueryResult"))
    partial = QueryResult.model_validate(examples["Query with Filter and Group By"])
    assert partial.complete is False
    assert [row["COUNT"] for row in partial.rows] == [2728, 4, 7]
    assert all(isinstance(row["COUNT"], int) for row in partial.rows)
    assert partial.columns == ["user_agent", "COUNT"]


def test_spec_create_query_request_examples_are_valid_specs() -> None:
    examples = named_examples("createQuery", request=True)
    assert len(examples) == 4
    for name, example in examples:
        spec = QuerySpec.model_validate(example)
        validate_query(spec)
        assert to_request_body(QuerySpec, spec) == example, name
        assert QueryBuilder.from_spec(example).to_dict() == example, name


# ------------------------------------------------------------------ requests


def test_query_spec_sends_only_the_fields_that_were_set() -> None:
    body = to_request_body(
        QuerySpec,
        {"calculations": [{"op": "COUNT"}], "orders": [{"op": "COUNT", "order": "descending"}]},
    )
    assert body == {
        "calculations": [{"op": "COUNT"}],
        "orders": [{"op": "COUNT", "order": "descending"}],
    }


@pytest.mark.parametrize(
    "value", [True, False, 0, 1, 400, 1.5, "400", "", ["a", 1, 2.5, True], None]
)
def test_filter_values_keep_their_json_type(value: Any) -> None:
    body = to_request_body(QuerySpec, {"filters": [{"column": "c", "op": "=", "value": value}]})
    sent = body["filters"][0]["value"]
    assert sent == value
    assert type(sent) is type(value)
    if isinstance(value, list):
        assert [type(v) for v in sent] == [type(v) for v in value]


def test_filter_without_value_sends_no_value_key() -> None:
    body = to_request_body(QuerySpec, {"filters": [{"column": "error", "op": "exists"}]})
    assert body == {"filters": [{"column": "error", "op": "exists"}]}


@pytest.mark.parametrize(
    "field",
    ["calculations", "filters", "breakdowns", "orders", "havings", "calculated_fields", "formulas"],
)
def test_query_spec_lists_hold_at_most_100_items(field: str) -> None:
    item: Any = {
        "calculations": {"op": "COUNT"},
        "filters": {"column": "a", "op": "exists"},
        "breakdowns": "a",
        "orders": {"op": "COUNT"},
        "havings": {"calculate_op": "COUNT", "op": ">", "value": 1},
        "calculated_fields": {"name": "f", "expression": "1"},
        "formulas": {"name": "f", "expression": "1"},
    }[field]
    QuerySpec.model_validate({field: [item] * 100})
    with pytest.raises(ValidationError, match="at most 100 items"):
        QuerySpec.model_validate({field: [item] * 101})


def test_calculation_filters_hold_at_most_100_items() -> None:
    flt = {"column": "a", "op": "exists"}
    Calculation.model_validate({"op": "COUNT", "name": "n", "filters": [flt] * 100})
    with pytest.raises(ValidationError, match="at most 100 items"):
        Calculation.model_validate({"op": "COUNT", "name": "n", "filters": [flt] * 101})


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"calculations": [{"op": "P100", "column": "x"}]}, "op"),
        ({"filters": [{"column": "a", "op": "equals", "value": 1}]}, "op"),
        ({"filters": [{"op": "exists"}]}, "column"),
        ({"havings": [{"calculate_op": "COUNT", "op": "~", "value": 1}]}, "op"),
        ({"orders": [{"op": "COUNT", "order": "down"}]}, "order"),
        ({"filter_combination": "XOR"}, "filter_combination"),
        ({"limit": 0}, "limit"),
        ({"limit": 10_001}, "limit"),
        ({"granularity": 0}, "granularity"),
        ({"time_range": 0}, "time_range"),
        ({"compare_time_offset_seconds": 60}, "compare_time_offset_seconds"),
        ({"breakdowns": [""]}, "breakdowns"),
        ({"timerange": 60}, "timerange"),
        ({"calculations": [{"op": "COUNT", "alias": "n"}]}, "alias"),
    ],
)
def test_query_spec_rejects_schema_violations(payload: dict[str, Any], field: str) -> None:
    with pytest.raises(ValidationError) as info:
        QuerySpec.model_validate(payload)
    assert any(field in err["loc"] for err in info.value.errors())


def test_model_parts_accept_enum_members_and_strings() -> None:
    spec = QuerySpec(
        calculations=[Calculation(op=CalculationOp.P99, column="d")],
        filters=[Filter(column="a", op=FilterOp.IN, value=[1, 2])],
        orders=[Order(op=CalculationOp.P99, column="d", order=OrderDirection.DESCENDING)],
        havings=[
            Having(calculate_op=CalculationOp.P99, column="d", op=HavingOp.LESS_THAN, value=5)
        ],
    )
    assert to_request_body(QuerySpec, spec) == {
        "calculations": [{"op": "P99", "column": "d"}],
        "filters": [{"column": "a", "op": "in", "value": [1, 2]}],
        "orders": [{"op": "P99", "column": "d", "order": "descending"}],
        "havings": [{"calculate_op": "P99", "column": "d", "op": "<", "value": 5}],
    }


def test_query_result_request_sends_only_what_was_set() -> None:
    assert to_request_body(QueryResultRequest, {"query_id": "q1"}) == {"query_id": "q1"}
    body = to_request_body(
        QueryResultRequest,
        {"query_id": "q1", "disable_series": True, "disable_total_by_aggregate": False},
    )
    assert body == {"query_id": "q1", "disable_series": True, "disable_total_by_aggregate": False}


def test_query_result_request_defaults_follow_the_spec() -> None:
    request = QueryResultRequest(query_id="q")
    assert request.disable_series is False
    assert request.disable_total_by_aggregate is True
    assert request.disable_other_by_aggregate is True
    assert request.limit is None


@pytest.mark.parametrize("limit", [1, 1000])
def test_query_result_request_limit_up_to_1000_without_disable_series(limit: int) -> None:
    assert QueryResultRequest(query_id="q", limit=limit).limit == limit


@pytest.mark.parametrize("limit", [1001, 10_000])
def test_query_result_request_limit_above_1000_needs_disable_series(limit: int) -> None:
    with pytest.raises(ValidationError, match="disable_series=True"):
        QueryResultRequest(query_id="q", limit=limit)
    assert QueryResultRequest(query_id="q", limit=limit, disable_series=True).limit == limit


@pytest.mark.parametrize("limit", [0, 10_001])
def test_query_result_request_limit_bounds(limit: int) -> None:
    with pytest.raises(ValidationError):
        QueryResultRequest(query_id="q", limit=limit, disable_series=True)


def test_query_result_request_needs_a_query_id() -> None:
    with pytest.raises(ValidationError):
        QueryResultRequest.model_validate({})
    with pytest.raises(ValidationError):
        QueryResultRequest(query_id="")


# ----------------------------------------------------------------- responses


def test_query_keeps_query_annotation_id_and_unknown_fields() -> None:
    query = Query.model_validate(
        {
            "id": "q1",
            "query_annotation_id": "qa1",
            "calculations": [{"op": "COUNT", "future": 1}],
            "brand_new_field": {"x": 1},
        }
    )
    assert query.query_annotation_id == "qa1"
    assert query.model_extra == {"brand_new_field": {"x": 1}}
    assert query.calculations is not None
    assert query.calculations[0].model_extra == {"future": 1}


def test_query_keeps_unknown_ops_as_strings() -> None:
    query = Query.model_validate(
        {
            "calculations": [{"op": "P9999", "column": "d"}, {"op": "COUNT"}],
            "filters": [{"column": "a", "op": "matches-regex", "value": "x.*"}],
            "orders": [{"op": "P9999", "column": "d", "order": "sideways"}],
            "havings": [{"calculate_op": "P9999", "column": "d", "op": "~=", "value": 1}],
            "filter_combination": "XOR",
        }
    )
    assert query.calculations is not None and query.filters is not None
    assert query.calculations[0].op == "P9999"
    assert type(query.calculations[0].op) is str
    assert query.calculations[1].op is CalculationOp.COUNT
    assert type(query.filters[0].op) is str
    assert query.orders is not None and query.orders[0].order == "sideways"
    assert query.havings is not None and query.havings[0].op == "~="
    assert query.filter_combination == "XOR"


def test_query_to_spec_drops_ids_and_extras() -> None:
    query = Query.model_validate(
        {
            "id": "q1",
            "query_annotation_id": "qa1",
            "calculations": [{"op": "P99", "column": "d", "future": True}],
            "time_range": 3600,
            "brand_new_field": 1,
        }
    )
    spec = query.to_spec()
    assert to_request_body(QuerySpec, spec) == {
        "calculations": [{"op": "P99", "column": "d"}],
        "time_range": 3600,
    }


def test_query_to_spec_rejects_unknown_ops() -> None:
    query = Query.model_validate({"calculations": [{"op": "P9999", "column": "d"}]})
    with pytest.raises(RequestValidationError):
        query.to_spec()


def test_query_result_parses_series_times_and_keeps_exact_values() -> None:
    result = QueryResult.model_validate(
        {
            "id": "r",
            "complete": True,
            "data": {
                "series": [{"time": "2021-04-09T14:16:00Z", "data": {"COUNT": 3}}],
                "results": [{"data": {"COUNT": 9007199254740993, "P99(d)": 0.1, "ua": None}}],
                "total_by_aggregate": {"data": {"COUNT": 3}},
            },
        }
    )
    assert result.data is not None and result.data.series is not None
    point_time = result.data.series[0].time
    assert not isinstance(point_time, str)
    assert point_time is not None and point_time.isoformat() == "2021-04-09T14:16:00+00:00"
    assert result.rows == [{"COUNT": 9007199254740993, "P99(d)": 0.1, "ua": None}]


def test_query_result_keeps_an_unparseable_time_as_text() -> None:
    result = QueryResult.model_validate(
        {"data": {"series": [{"time": "yesterday-ish", "data": {"COUNT": 1}}]}}
    )
    assert result.series == [{"time": "yesterday-ish", "COUNT": 1}]


def test_query_result_fields_named_like_helpers_stay_in_the_extras() -> None:
    result = QueryResult.model_validate(
        {"id": "r", "rows": "server-field", "data": {"results": [{"data": {"COUNT": 1}}]}}
    )
    assert result.rows == [{"COUNT": 1}]
    assert result.model_extra == {"rows": "server-field"}
