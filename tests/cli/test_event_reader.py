"""The events reader of ``events send``: NDJSON and JSON arrays, streamed, with line numbers."""

from __future__ import annotations

import doctest
import io
import json
import tracemalloc
from collections.abc import Iterator
from typing import Any

import pytest

from honeycomb.cli import event_reader
from honeycomb.cli.event_reader import EventReader, EventReadError, EventRecord


def read(data: bytes, **options: Any) -> list[EventRecord]:
    return list(EventReader(io.BytesIO(data), **options))


def events(records: list[EventRecord]) -> list[tuple[int, Any]]:
    return [(r.line, r.data) for r in records]


def test_docstring_examples_run() -> None:
    result = doctest.testmod(event_reader)
    assert result.attempted >= 2
    assert result.failed == 0


# --------------------------------------------------------------------------- NDJSON


@pytest.mark.parametrize("chunk_size", [1, 2, 3, 7, 64, 65536])
def test_ndjson_lines_with_their_numbers(chunk_size: int) -> None:
    data = b'\n{"a": 1}\r\n\n  \n{"b": "x\\ny"}\n{"c": [1, 2]}'
    reader = EventReader(io.BytesIO(data), chunk_size=chunk_size)
    assert events(list(reader)) == [(2, {"a": 1}), (5, {"b": "x\ny"}), (6, {"c": [1, 2]})]
    assert reader.format == "ndjson"
    assert reader.bytes_read == len(data)


def test_a_byte_order_mark_is_ignored() -> None:
    assert events(read(b'\xef\xbb\xbf{"a": 1}\n', chunk_size=1)) == [(1, {"a": 1})]
    assert events(read(b'\xef\xbb\xbf[{"a": 1}]')) == [(1, {"a": 1})]


def test_bad_lines_are_reported_and_reading_goes_on() -> None:
    data = b"\n".join(
        [
            b'{"ok": 1}',
            b'{"broken": ',
            b"42",
            b"[1, 2]",
            b'"text"',
            b"null",
            b'{"n": NaN}',
            b'{"s": "\xff"}',
            b'{"ok": 2}',
        ]
    )
    records = read(data)
    assert [(r.line, r.error) for r in records] == [
        (1, None),
        (2, "invalid JSON: Expecting value (column 12)"),
        (3, "an event must be a JSON object, got a number"),
        (4, "an event must be a JSON object, got an array"),
        (5, "an event must be a JSON object, got a string"),
        (6, "an event must be a JSON object, got null"),
        (7, "invalid JSON: NaN is not valid JSON"),
        (8, "not UTF-8 (byte 8 of the line)"),
        (9, None),
    ]
    assert records[0].data == {"ok": 1}
    assert records[-1].data == {"ok": 2}
    assert all(r.data is None for r in records[1:-1])


@pytest.mark.parametrize("chunk_size", [3, 10, 4096])
def test_an_over_long_line_is_rejected_without_being_held(chunk_size: int) -> None:
    long_line = b'{"big": "' + b"x" * 500 + b'"}'
    data = b'{"a": 1}\n' + long_line + b'\n{"b": 2}\n' + long_line
    records = read(data, chunk_size=chunk_size, max_event_text=100)
    assert [(r.line, r.data) for r in records] == [
        (1, {"a": 1}),
        (2, None),
        (3, {"b": 2}),
        (4, None),
    ]
    assert records[1].error == "longer than 100 bytes; an event may be at most 1,000,000 bytes"
    assert records[3].error == records[1].error


@pytest.mark.parametrize("data", [b"", b"   \n\t\n", b"\xef\xbb\xbf"])
def test_no_events(data: bytes) -> None:
    reader = EventReader(io.BytesIO(data))
    assert list(reader) == []
    assert reader.format is None


# ----------------------------------------------------------------------- JSON array

ARRAY = b"""
[
  {"a": 1},
  {"b": {"nested": [1, 2, 3]},
   "c": "with, commas ] and brackets"},
  42,

  {"d": 1.5e3}
]
"""


@pytest.mark.parametrize("chunk_size", [1, 2, 5, 13, 65536])
def test_array_elements_with_their_lines(chunk_size: int) -> None:
    reader = EventReader(io.BytesIO(ARRAY), chunk_size=chunk_size)
    records = list(reader)
    assert reader.format == "json-array"
    assert [(r.line, r.data, r.error) for r in records] == [
        (3, {"a": 1}, None),
        (4, {"b": {"nested": [1, 2, 3]}, "c": "with, commas ] and brackets"}, None),
        (6, None, "an event must be a JSON object, got a number"),
        (8, {"d": 1500.0}, None),
    ]
    assert reader.bytes_read == len(ARRAY)


@pytest.mark.parametrize("chunk_size", [1, 4, 65536])
def test_multibyte_text_split_across_chunks(chunk_size: int) -> None:
    data = json.dumps([{"name": "café ☕ 日本"}], ensure_ascii=False).encode()
    assert events(read(data, chunk_size=chunk_size)) == [(1, {"name": "café ☕ 日本"})]


def test_a_number_at_a_chunk_edge_is_read_whole() -> None:
    records = read(b'[{"a": 12345}, 67890, {"b": 1}]', chunk_size=3)
    assert [(r.data, r.error) for r in records] == [
        ({"a": 12345}, None),
        (None, "an event must be a JSON object, got a number"),
        ({"b": 1}, None),
    ]


def test_empty_array() -> None:
    assert read(b"  [ \n ]  \n") == []


@pytest.mark.parametrize(
    ("data", "line", "reason"),
    [
        (b'[{"a": 1}\n {"b": 2}]', 2, "expected ',' or ']' after an event, got '{'"),
        (b'[{"a": 1},\n]', 2, "a comma before ']' (trailing commas are not JSON)"),
        (b'[{"a": 1},\n {"b": 2}', 2, "the array is not closed with ']'"),
        (b'[{"a": 1}] {"b": 2}', 1, "unexpected data after the closing ']'"),
        (b'[{"a": 1},\n\n {"b": }]', 3, "invalid JSON: Expecting value"),
        (b'[{"a": 1},\n {"b": "unterminated', 2, "invalid JSON: Unterminated string"),
        (b'[{"a": 1}, {"b": NaN}]', 1, "invalid JSON: NaN is not valid JSON"),
        (b'[{"a": 1},\n{"b": "\xff"}]', 2, "the input is not valid UTF-8"),
    ],
)
@pytest.mark.parametrize("chunk_size", [1, 65536])
def test_broken_arrays_stop_with_the_line(
    data: bytes, line: int, reason: str, chunk_size: int
) -> None:
    reader = iter(EventReader(io.BytesIO(data), chunk_size=chunk_size))
    first = next(reader)
    assert first.data == {"a": 1}  # what came before the break is delivered
    with pytest.raises(EventReadError) as caught:
        list(reader)
    assert caught.value.line == line
    assert caught.value.reason.startswith(reason)
    assert str(caught.value).startswith(f"line {line}: {reason}")


def test_an_over_long_array_element_stops_reading() -> None:
    data = b'[{"a": 1},\n{"big": "' + b"x" * 1000 + b'"}]'
    reader = iter(EventReader(io.BytesIO(data), chunk_size=16, max_event_text=100))
    assert next(reader).data == {"a": 1}
    with pytest.raises(EventReadError, match=r"^line 2: longer than 100 bytes"):
        next(reader)


# ---------------------------------------------------------------------------- memory


class Generated(io.RawIOBase):
    """A stream of ``count`` events made on the fly: the whole input never exists at once."""

    def __init__(self, count: int, *, array: bool) -> None:
        self._parts = self._generate(count, array)
        self._buffer = b""

    @staticmethod
    def _generate(count: int, array: bool) -> Iterator[bytes]:
        if array:
            yield b"[\n"
        for i in range(count):
            event = json.dumps({"i": i, "service": "api", "pad": "x" * 200}).encode()
            separator = (b",\n" if i < count - 1 else b"\n") if array else b"\n"
            yield event + separator
        if array:
            yield b"]\n"

    def readable(self) -> bool:
        return True

    def readinto(self, target: Any) -> int:
        while len(self._buffer) < len(target):
            part = next(self._parts, None)
            if part is None:
                break
            self._buffer += part
        size = min(len(target), len(self._buffer))
        target[:size] = self._buffer[:size]
        self._buffer = self._buffer[size:]
        return size


@pytest.mark.parametrize("array", [False, True], ids=["ndjson", "array"])
def test_a_large_input_is_streamed_in_bounded_memory(array: bool) -> None:
    count = 12_000  # about 2.7 MB of input
    stream = io.BufferedReader(Generated(count, array=array))
    reader = EventReader(stream)
    tracemalloc.start()
    try:
        seen = 0
        for record in reader:
            assert record.data is not None
            assert record.data["i"] == seen
            seen += 1
            if seen == 1:
                assert reader.bytes_read <= 2 * event_reader.CHUNK_SIZE  # read lazily
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert seen == count
    assert reader.bytes_read > 2_500_000
    assert peak < 1_000_000, f"peak {peak:,} bytes"  # a fraction of the input
