"""The pure event encoder: limits, timestamps, chunking, compression, per-event results."""

from __future__ import annotations

import gzip
import itertools
import json
import re
import sys
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from types import MappingProxyType
from typing import Any

import pydantic_core
import pytest

from honeycomb import EventTooLargeError, InvalidEventError, TooManyFieldsError
from honeycomb import _events as ev
from honeycomb.models.events import BatchEvent, EventResult


def element_of_size(size: int) -> bytes:
    """A batch element of exactly ``size`` bytes, built by padding one string field."""
    overhead = len(ev.encode_event({"pad": ""}))
    return ev.encode_event({"pad": "x" * (size - overhead)})


# -- one event ---------------------------------------------------------------------------


def test_element_shape_without_time_or_samplerate() -> None:
    element = ev.encode_event({"method": "GET", "ms": 32, "ok": True})
    assert json.loads(element) == {"data": {"method": "GET", "ms": 32, "ok": True}}
    assert element == b'{"data":{"method":"GET","ms":32,"ok":true}}'


def test_element_with_time_and_samplerate() -> None:
    when = datetime(2024, 5, 1, 12, 0, 0, 250000, tzinfo=timezone.utc)
    element = json.loads(ev.encode_event({"a": 1}, when, 10))
    assert element == {"data": {"a": 1}, "time": "2024-05-01T12:00:00.250000Z", "samplerate": 10}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime(2024, 5, 1, 12, 0, 0), "2024-05-01T12:00:00Z"),  # naive means UTC
        (
            datetime(2024, 5, 1, 14, 0, 0, tzinfo=timezone(timedelta(hours=2))),
            "2024-05-01T12:00:00Z",
        ),
        (1714564800, "2024-05-01T12:00:00Z"),
        (1714564800.5, "2024-05-01T12:00:00.500000Z"),
        ("2024-05-01T12:00:00.123Z", "2024-05-01T12:00:00.123Z"),  # passed through
    ],
)
def test_format_time(value: Any, expected: str) -> None:
    assert ev.format_time(value) == expected


@pytest.mark.parametrize("value", [True, float("nan"), float("inf"), 1714564800123, object()])
def test_format_time_rejects(value: Any) -> None:
    with pytest.raises(InvalidEventError):
        ev.format_time(value)


def test_epoch_milliseconds_are_refused_with_a_hint() -> None:
    with pytest.raises(InvalidEventError, match="milliseconds"):
        ev.encode_event({"a": 1}, 1714564800123)


@pytest.mark.parametrize("rate", [0, -1, 1.5, True, "2"])
def test_bad_samplerate(rate: Any) -> None:
    with pytest.raises(InvalidEventError, match="samplerate"):
        ev.encode_event({"a": 1}, None, rate)


def test_event_of_exactly_the_limit_is_accepted_and_one_byte_more_is_not() -> None:
    assert len(element_of_size(ev.MAX_EVENT_BYTES)) == ev.MAX_EVENT_BYTES
    with pytest.raises(EventTooLargeError) as info:
        element_of_size(ev.MAX_EVENT_BYTES + 1)
    assert info.value.size == ev.MAX_EVENT_BYTES + 1
    assert info.value.limit == 1_000_000
    assert isinstance(info.value, InvalidEventError)
    assert isinstance(info.value, ValueError)


def test_the_limit_counts_time_and_samplerate_too() -> None:
    # Fields that fit alone no longer fit once the timestamp is added to the element.
    body = ev.encode_data({"pad": "x" * (ev.MAX_EVENT_BYTES - 20)})
    assert len(ev.wrap(body)) <= ev.MAX_EVENT_BYTES
    with pytest.raises(EventTooLargeError):
        ev.wrap(body, ev.time_fragment_for("2024-05-01T12:00:00Z"))


def test_send_body_limit_is_on_the_fields_json() -> None:
    overhead = len(ev.encode_data({"pad": ""}))
    assert len(ev.encode_data({"pad": "x" * (ev.MAX_EVENT_BYTES - overhead)})) == 1_000_000
    with pytest.raises(EventTooLargeError):
        ev.encode_data({"pad": "x" * (ev.MAX_EVENT_BYTES - overhead + 1)})


def test_field_count_limit() -> None:
    ev.encode_data({f"f{i}": i for i in range(2000)})
    with pytest.raises(TooManyFieldsError) as info:
        ev.encode_data({f"f{i}": i for i in range(2001)})
    assert (info.value.fields, info.value.limit) == (2001, 2000)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "no fields"),
        ([("a", 1)], "mapping"),
        ("a=1", "mapping"),
        ({"a": object()}, "serialisable"),
    ],
)
def test_unsendable_data(data: Any, message: str) -> None:
    with pytest.raises(InvalidEventError, match=message):
        ev.encode_data(data)


def test_values_pydantic_can_serialise_are_accepted() -> None:
    data = {"amount": Decimal("1.50"), "at": datetime(2024, 1, 1, tzinfo=timezone.utc)}
    assert json.loads(ev.encode_data(data)) == {
        "amount": "1.50",
        "at": "2024-01-01T00:00:00Z",
    }
    assert json.loads(ev.encode_data(MappingProxyType({"a": 1}))) == {"a": 1}


def test_without_orjson_pydantic_core_serialises(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ev, "_orjson_dumps", None)
    assert ev.dumps({"a": [1, "b"]}) == b'{"a":[1,"b"]}'
    assert ev.element({"a": 1}) == b'{"data":{"a":1}}'
    with pytest.raises(InvalidEventError, match="serialisable"):
        ev.element({"a": object()})


@pytest.mark.parametrize(
    "data",
    [
        {"a": 1},
        {"when": datetime(2024, 1, 1, tzinfo=timezone.utc), "n": Decimal("2.5"), 3: "x"},
        MappingProxyType({"a": 1}),
    ],
)
def test_element_is_wrap_of_encode_data(data: Any) -> None:
    stamp = b',"time":"2024-05-01T12:00:00.000Z"'
    assert ev.element(data, stamp, 3) == ev.wrap(ev.encode_data(data), stamp, 3)
    assert ev.element(data) == ev.encode_event(data)


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({}, InvalidEventError),
        ({f"f{i}": i for i in range(2001)}, TooManyFieldsError),
        ({"pad": "x" * ev.MAX_EVENT_BYTES}, EventTooLargeError),
        ({"a": object()}, InvalidEventError),
        (["not", "a", "mapping"], InvalidEventError),
    ],
)
def test_element_refuses_what_encode_event_refuses(data: Any, error: type[Exception]) -> None:
    with pytest.raises(error):
        ev.element(data)


# -- send_batch inputs -------------------------------------------------------------------


def test_encode_item_accepts_dicts_models_and_lookalikes() -> None:
    when = datetime(2024, 5, 1, tzinfo=timezone.utc)
    expected = {"data": {"a": 1}, "time": "2024-05-01T00:00:00Z", "samplerate": 3}

    class Lookalike:
        data = {"a": 1}  # noqa: RUF012
        time = when
        samplerate = 3

    for item in (
        {"data": {"a": 1}, "time": when, "samplerate": 3},
        BatchEvent(data={"a": 1}, time=when, samplerate=3),
        Lookalike(),
    ):
        assert json.loads(ev.encode_item(item)) == expected


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ({"a": 1}, "unknown keys"),
        ({"time": 1}, "no 'data'"),
        ({"data": {"a": 1}, "extra": 1}, "unknown keys"),
        (42, "got int"),
    ],
)
def test_encode_item_rejects_other_shapes(item: Any, message: str) -> None:
    with pytest.raises(InvalidEventError, match=message):
        ev.encode_item(item)


def test_batch_event_model_validates_strictly() -> None:
    with pytest.raises(ValueError):
        BatchEvent(data={})
    with pytest.raises(ValueError):
        BatchEvent(data={"a": 1}, samplerate=0)
    with pytest.raises(ValueError):
        BatchEvent.model_validate({"data": {"a": 1}, "extra": True})


# -- bodies and chunks -------------------------------------------------------------------


def test_join_and_body_size_agree() -> None:
    elements = [ev.encode_event({"i": i}) for i in range(5)]
    body = ev.join(elements)
    assert json.loads(body) == [{"data": {"i": i}} for i in range(5)]
    assert len(body) == ev.body_size(sum(map(len, elements)), len(elements))
    assert ev.join([]) == b"[]"
    assert ev.body_size(0, 0) == 2


def test_body_of_exactly_5_mb_is_one_request_and_one_byte_more_is_two() -> None:
    # Five elements fill a body to exactly 5,000,000 bytes: 2 brackets, 4 commas.
    sizes = [1_000_000, 1_000_000, 1_000_000, 1_000_000, 5_000_000 - 4_000_000 - 6]
    assert ev.body_size(sum(sizes), len(sizes)) == ev.MAX_BODY_BYTES
    assert ev.plan_chunks(sizes) == [range(0, 5)]
    sizes[-1] += 1
    assert ev.plan_chunks(sizes) == [range(0, 4), range(4, 5)]


def test_real_bodies_stay_within_the_limit() -> None:
    elements = [element_of_size(999_999 - i) for i in range(12)]
    chunks = ev.plan_chunks([len(e) for e in elements])
    assert [i for chunk in chunks for i in chunk] == list(range(12))
    for chunk in chunks:
        assert len(ev.join([elements[i] for i in chunk])) <= ev.MAX_BODY_BYTES
    # Each body is as full as it can be: adding the next element would overflow it.
    for chunk, following in itertools.pairwise(chunks):
        grown = [elements[i] for i in chunk] + [elements[following[0]]]
        assert len(ev.join(grown)) > ev.MAX_BODY_BYTES


def test_plan_chunks_by_count_and_empty() -> None:
    assert ev.plan_chunks([10] * 5, max_events=2) == [range(0, 2), range(2, 4), range(4, 5)]
    assert ev.plan_chunks([]) == []


# -- compression -------------------------------------------------------------------------


def test_compression_round_trips() -> None:
    import zstandard

    body = ev.join([ev.encode_event({"i": i, "s": "same text"}) for i in range(500)])
    assert gzip.decompress(ev.compress(body, "gzip")) == body
    zipped = ev.compress(body, "zstd")
    assert zstandard.ZstdDecompressor().decompress(zipped) == body
    assert len(zipped) < len(body) / 5
    assert ev.compress(body, None) is body


@pytest.mark.parametrize("encoding", ["zstd", "gzip"])
def test_body_encoder_streams_groups_without_the_whole_body(
    encoding: ev.Encoding, monkeypatch: pytest.MonkeyPatch
) -> None:
    import zstandard

    elements = [ev.encode_event({"i": i, "s": "same text"}) for i in range(1000)]
    expected = ev.join(elements)
    encoder = ev.BodyEncoder(encoding)
    # The uncompressed body is never built whole (it was, twice, per request).
    monkeypatch.setattr(ev, "join", lambda _: pytest.fail("the whole body was joined"))
    for part in (elements, elements[:1], elements[: ev._GROUP], elements[: ev._GROUP + 1]):
        body = encoder.encode(part)  # one encoder, reused
        if encoding == "gzip":
            assert gzip.decompress(body) == b"[" + b",".join(part) + b"]"
        else:
            assert zstandard.ZstdDecompressor().decompress(body) == b"[" + b",".join(part) + b"]"
            # The frame says its size, as a one-shot compress() does.
            assert zstandard.frame_content_size(body) == len(b"[" + b",".join(part) + b"]")
    assert len(encoder.encode(elements)) < len(expected) / 5


def test_body_encoder_without_compression_and_empty() -> None:
    elements = [ev.encode_event({"i": i}) for i in range(300)]
    assert ev.BodyEncoder(None).encode(elements) == ev.join(elements)
    assert gzip.decompress(ev.BodyEncoder("gzip").encode([])) == b"[]"


def test_resolve_compression(monkeypatch: pytest.MonkeyPatch) -> None:
    assert ev.resolve_compression("auto") == "zstd"
    assert ev.resolve_compression("gzip") == "gzip"
    assert ev.resolve_compression(None) is None
    with pytest.raises(ValueError, match="compression must be"):
        ev.resolve_compression("brotli")  # type: ignore[arg-type]
    monkeypatch.setitem(sys.modules, "zstandard", None)  # as if not installed
    assert ev.resolve_compression("auto") == "gzip"
    with pytest.raises(ValueError, match="zstandard"):
        ev.resolve_compression("zstd")


# -- responses ---------------------------------------------------------------------------


def test_per_event_statuses_are_read_in_order() -> None:
    content = json.dumps(
        [
            {"status": 202},
            {"status": 400, "error": "Event has too many columns."},
            {"status": 202},
            {"status": 429},
        ]
    ).encode()
    status = ev.parse_batch_response(content, 4, 200)
    assert status.ok_status == 202
    assert status.failures == {1: (400, "Event has too many columns."), 3: (429, "status 429")}


def test_the_usual_all_queued_answer_is_recognised_without_parsing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(ev, "_loads", lambda _: pytest.fail("parsed"))
    answer = b"[" + b",".join([b'{"status":202}'] * 5000) + b"]"
    assert ev.parse_batch_response(answer, 5000, 200) == ev.ChunkStatus(202, {})


@pytest.mark.parametrize(
    "content",
    [
        b'[{"status":202},{"status":400},{"status":202}]',  # the same length
        b'[{"status":202} ,{"status":202},{"status":202}]',
        b'[{"status":202},{"status":202}]',  # one short
    ],
)
def test_any_other_answer_is_parsed(content: bytes) -> None:
    status = ev.parse_batch_response(content, 3, 200)
    expected = json.loads(content)
    assert [i in status.failures for i in range(3)] == [
        i >= len(expected) or expected[i]["status"] != 202 for i in range(3)
    ]


def test_empty_response_means_all_queued() -> None:
    assert ev.parse_batch_response(b"", 3, 202) == ev.ChunkStatus(202, {})


def test_events_missing_from_the_response_are_failures() -> None:
    status = ev.parse_batch_response(b'[{"status":202}]', 3, 200)
    assert sorted(status.failures) == [1, 2]
    assert "did not mention" in status.failures[1][1]


@pytest.mark.parametrize("content", [b"<html>oops</html>", b'{"error":"x"}', b"[1, 2"])
def test_unreadable_response_fails_every_event(content: bytes) -> None:
    status = ev.parse_batch_response(content, 2, 200)
    assert sorted(status.failures) == [0, 1]
    assert "may have been accepted" in status.failures[0][1]


def test_odd_items_in_the_response() -> None:
    status = ev.parse_batch_response(b'[7, {"error": 5}, {"status": "x"}]', 3, 200)
    assert status.failures[0][1].startswith("unreadable per-event status")
    assert status.failures[1] == (200, "5")
    assert 2 not in status.failures  # no usable status: the request's own (200) stands


# -- stamping and results ----------------------------------------------------------------


def test_stamper_formats_once_per_millisecond() -> None:
    now = [1714564800_000_400_000]  # nanoseconds
    stamp = ev.Stamper(clock=lambda: now[0])
    first = stamp()
    assert first == b',"time":"2024-05-01T12:00:00.000Z"'
    now[0] = 1714564800_000_900_000
    assert stamp() is first
    now[0] = 1714564801_250_000_000
    assert stamp() == b',"time":"2024-05-01T12:00:01.250Z"'


def test_event_result_ok() -> None:
    assert EventResult(0, 202).ok
    assert not EventResult(1, 400, "Event has too many columns.").ok
    assert not EventResult(2, 0, "not sent").ok
    assert not EventResult(3, 200, "odd").ok


def _like_orjson(value: Any, option: int = 0) -> bytes:
    """What orjson writes for NaN and infinities: null."""
    return pydantic_core.to_json(value, inf_nan_mode="null")


@pytest.mark.parametrize("encoder", ["pydantic_core", "orjson-like"])
@pytest.mark.parametrize(
    ("data", "where"),
    [
        ({"n": float("nan")}, "n"),
        ({"ok": 1, "n": float("inf")}, "n"),
        ({"deep": {"list": [1.0, None, float("-inf")]}}, "deep.list[2]"),
    ],
)
def test_nan_and_infinity_fail_the_event_naming_the_field(
    monkeypatch: pytest.MonkeyPatch, encoder: str, data: dict[str, Any], where: str
) -> None:
    monkeypatch.setattr(ev, "_orjson_dumps", _like_orjson if encoder != "pydantic_core" else None)
    for encode in (ev.element, ev.encode_data):
        with pytest.raises(InvalidEventError, match=re.escape(f"event field {where!r} is NaN")):
            encode(data)


def test_none_is_still_null_and_finite_floats_are_kept() -> None:
    assert (
        ev.element({"a": None, "b": 1.5, "c": [None]}) == b'{"data":{"a":null,"b":1.5,"c":[null]}}'
    )
