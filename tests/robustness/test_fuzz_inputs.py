"""Fuzzing what the caller gives: the event encoder (any data, timestamp and sample rate)
and the query builder (any sequence of calls with values of the documented types, at
their extremes). Bad input is a clear ``HoneycombError``; good input is strict JSON."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from honeycomb._events import element, time_fragment_for
from honeycomb.query import QueryBuilder

from ._leaks import only_typed
from .conftest import examples


def _refuse(token: str) -> Any:
    raise ValueError(f"{token} is not JSON")


def strict_json(data: bytes) -> Any:
    """Parse as a strict JSON parser (the API) would: no NaN or Infinity tokens."""
    return json.loads(data, parse_constant=_refuse)


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(),  # NaN and infinities included
    st.text(max_size=30),
    st.binary(max_size=10),
    st.datetimes(timezones=st.none() | st.timezones()),
    st.decimals(),
)
event_data = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=10), inner, max_size=5)
        | st.sets(st.integers(), max_size=3)
    ),
    max_leaves=25,
)
timestamps = st.one_of(
    st.none(),
    st.datetimes(timezones=st.none() | st.timezones()),
    st.floats(),
    st.integers(min_value=-(2**64), max_value=2**64),
    st.text(max_size=40),
    st.sampled_from(["2026-01-02T03:04:05Z", "2026-13-40T99:99:99Z", "nöw", "1e999"]),
    st.just(datetime.max.replace(tzinfo=timezone(timedelta(hours=-5)))),
)


@settings(max_examples=examples(500))
@given(
    data=st.dictionaries(st.text(max_size=12), event_data, max_size=6) | event_data,
    timestamp=timestamps,
    samplerate=st.none() | st.integers(min_value=-5, max_value=2**65) | st.floats(),
)
def test_the_event_encoder_fails_alone_or_writes_strict_json(
    data: Any, timestamp: Any, samplerate: Any
) -> None:
    def encode() -> bytes:
        return element(data, time_fragment_for(timestamp), samplerate)

    encoded = only_typed(encode)
    if isinstance(encoded, bytes):
        document = strict_json(encoded)
        assert isinstance(document["data"], dict) and document["data"]


columns = st.text(max_size=20) | st.sampled_from(["duration_ms", "name"])
numbers = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(),
    st.sampled_from([0, -1, 1e300, 10**400]).map(lambda v: v),
)
steps = st.one_of(
    st.tuples(
        st.just("calculate"),
        st.sampled_from(["COUNT", "P99", "AVG", "HEATMAP", "SUM", "NOPE"]),
        st.none() | columns,
    ),
    st.tuples(
        st.just("where"),
        columns,
        st.sampled_from(["=", "!=", ">", "in", "exists", "contains", "bogus"]),
        st.none() | scalars | st.lists(scalars, max_size=3),
    ),
    st.tuples(st.just("group_by"), columns),
    st.tuples(st.just("limit"), st.integers(min_value=-10, max_value=10**7)),
    st.tuples(st.just("granularity"), numbers),
    st.tuples(st.just("last"), numbers),
    st.tuples(st.just("compare_to"), numbers),
)


@settings(max_examples=examples(400))
@given(calls=st.lists(steps, max_size=6))
def test_the_query_builder_refuses_clearly_or_builds_strict_json(calls: list[Any]) -> None:
    def build() -> str:
        builder = QueryBuilder()
        for name, *arguments in calls:
            builder = getattr(builder, name)(*arguments)
        spec = builder.build()
        return spec.model_dump_json(exclude_none=True)

    built = only_typed(build)
    if isinstance(built, str):
        strict_json(built.encode())
