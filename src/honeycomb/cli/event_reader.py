"""Events from a file or stdin for ``honeycomb events send``: NDJSON or one JSON array.

Pure: it reads a binary stream it is given and opens nothing. Reading is streamed in
chunks, so a gigabyte file is never held in memory: NDJSON line by line, a JSON array
value by value (``json.JSONDecoder.raw_decode`` over a sliding window of decoded text).
What is kept at any time is one chunk plus at most one event's text, and an event's text
is capped (:data:`MAX_EVENT_TEXT`), so a file without newlines cannot exhaust memory.

The format is told from the first character that is not whitespace: ``[`` starts a JSON
array, anything else is NDJSON (one JSON object per line, blank lines skipped). A UTF-8
byte order mark is ignored.

Every record carries the line it starts on. A line of NDJSON that is not a JSON object is
reported as a record with an ``error`` and reading goes on (each line stands alone); an
element of an array that is not an object is reported the same way. A break in the array's
own syntax leaves nothing sensible to read after it: :class:`EventReadError` is raised,
after every event before it has been yielded.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO, Literal

from honeycomb._events import MAX_EVENT_BYTES

__all__ = ["MAX_EVENT_TEXT", "EventReadError", "EventReader", "EventRecord"]

MAX_EVENT_TEXT = 4 * MAX_EVENT_BYTES
"""The longest text one event may take in the input (Honeycomb takes 1 MB per event; the
slack allows for indentation and escapes). Longer lines or array elements are rejected
without being held whole."""

CHUNK_SIZE = 1 << 16

_BOM = codecs.BOM_UTF8
_WHITESPACE = " \t\r\n"
_WHITESPACE_BYTES = _WHITESPACE.encode()


class EventReadError(ValueError):
    """The input is not NDJSON or a JSON array, and cannot be read past this point.

    Attributes:
        line: The line (1-based) where reading stopped.
        reason: What is wrong there.
    """

    def __init__(self, line: int, reason: str) -> None:
        """Build the error.

        Args:
            line: The line (1-based) where reading stopped.
            reason: What is wrong there.
        """
        self.line, self.reason = line, reason
        super().__init__(f"line {line}: {reason}")


@dataclass(frozen=True)
class EventRecord:
    """One event read from the input, or one that could not be read.

    Attributes:
        line: The line (1-based) the event starts on.
        data: The event's fields; None when ``error`` is set.
        error: Why this line or element is not an event, e.g. ``invalid JSON: ...``.
    """

    line: int
    data: dict[str, Any] | None
    error: str | None = None


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if value is None:
        return "null"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "an array"


def _record(line: int, value: Any) -> EventRecord:
    if isinstance(value, dict):
        return EventRecord(line, value)
    return EventRecord(line, None, f"an event must be a JSON object, got {_kind(value)}")


class EventReader:
    """Iterate the events of a binary stream (a file opened ``"rb"``, ``sys.stdin.buffer``).

    Examples:
        >>> import io
        >>> reader = EventReader(io.BytesIO(b'{"a": 1}\\n\\n{"b": 2}\\n'))
        >>> [(r.line, r.data) for r in reader]
        [(1, {'a': 1}), (3, {'b': 2})]
        >>> reader.format, reader.bytes_read
        ('ndjson', 19)

    Attributes:
        format: ``"ndjson"`` or ``"json-array"`` once known (None before the first read,
            and for an input with nothing but whitespace).
        bytes_read: Bytes taken from the stream so far (for a progress bar).
    """

    def __init__(
        self,
        stream: BinaryIO,
        *,
        chunk_size: int = CHUNK_SIZE,
        max_event_text: int = MAX_EVENT_TEXT,
    ) -> None:
        """Wrap a stream; nothing is read until iteration starts.

        Args:
            stream: The input, opened in binary mode.
            chunk_size: Bytes per read.
            max_event_text: The longest text of one event, in bytes (NDJSON) or
                characters (array).
        """
        self._stream = stream
        self._chunk_size = chunk_size
        self._max = max_event_text
        self._decoder = json.JSONDecoder(parse_constant=_reject_constant)
        self.format: Literal["ndjson", "json-array"] | None = None
        self.bytes_read = 0

    def _read(self) -> bytes:
        chunk = self._stream.read(self._chunk_size)
        self.bytes_read += len(chunk)
        return chunk

    def __iter__(self) -> Iterator[EventRecord]:
        """Yield every event (or unreadable line) in input order.

        Raises:
            EventReadError: A JSON array's syntax is broken (after yielding what came
                before), or the input is not valid UTF-8 where an array needs it.
        """
        head = b""
        first_line = 1  # leading blank lines are dropped as they are read, but counted
        while True:
            chunk = self._read()
            if not chunk:
                return  # nothing but whitespace: no events
            head += chunk
            if head.startswith(_BOM):
                head = head[len(_BOM) :]
            elif _BOM.startswith(head):
                continue  # could still be the start of a byte order mark
            stripped = head.lstrip(_WHITESPACE_BYTES)
            first_line += head.count(b"\n", 0, len(head) - len(stripped))
            head = stripped
            if head:
                break
        if head.startswith(b"["):
            self.format = "json-array"
            yield from self._array(head, first_line)
        else:
            self.format = "ndjson"
            yield from self._lines(head, first_line)

    # -- NDJSON ----------------------------------------------------------------------

    def _lines(self, pending: bytes, first_line: int) -> Iterator[EventRecord]:
        line = first_line - 1  # the number of the last complete line
        skipping = False  # inside an over-long line, dropping bytes until its newline
        while True:
            parts = pending.split(b"\n")
            pending = parts.pop()
            for part in parts:
                line += 1
                if skipping:
                    skipping = False
                    continue
                record = self._line(line, part)
                if record is not None:
                    yield record
            if len(pending) > self._max:
                if not skipping:
                    yield EventRecord(line + 1, None, self._too_long())
                skipping, pending = True, b""
            while True:
                chunk = self._read()
                pending += chunk
                # Split only when a line ended: a long line is not re-split per chunk.
                if not chunk or b"\n" in chunk or len(pending) > self._max:
                    break
            if not chunk:
                break
        if pending and not skipping:
            record = self._line(line + 1, pending)
            if record is not None:
                yield record

    def _too_long(self) -> str:
        return f"longer than {self._max:,} bytes; an event may be at most {MAX_EVENT_BYTES:,} bytes"

    def _line(self, line: int, raw: bytes) -> EventRecord | None:
        if len(raw) > self._max:
            return EventRecord(line, None, self._too_long())
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as err:
            return EventRecord(line, None, f"not UTF-8 (byte {err.start + 1} of the line)")
        if not text.strip():
            return None
        try:
            value = self._decoder.decode(text)
        except json.JSONDecodeError as err:
            return EventRecord(line, None, f"invalid JSON: {err.msg} (column {err.colno})")
        except ValueError as err:  # NaN, Infinity
            return EventRecord(line, None, f"invalid JSON: {err}")
        return _record(line, value)

    # -- JSON array ------------------------------------------------------------------

    def _array(self, head: bytes, first_line: int) -> Iterator[EventRecord]:
        window = _Window(self, head, first_line)
        window.pos += 1  # the "["
        window.skip_space()
        if window.peek() == "]":
            window.pos += 1
            window.expect_end()
            return
        while True:
            start_line = window.line_at(window.pos)
            value = window.value()
            yield _record(start_line, value)
            window.skip_space()
            char = window.peek()
            if char == ",":
                window.pos += 1
                window.skip_space()
                if window.peek() == "]":
                    raise window.error(
                        window.pos, "a comma before ']' (trailing commas are not JSON)"
                    )
                continue
            if char == "]":
                window.pos += 1
                window.expect_end()
                return
            if not char:
                raise window.error(window.pos, "the array is not closed with ']'")
            raise window.error(window.pos, f"expected ',' or ']' after an event, got {char!r}")


class _Window:
    """Decoded text of the array, from the first unread character on, refilled on demand.

    ``pos`` indexes ``text``; ``line`` is the line number at ``text[0]``. Consumed text is
    dropped before each refill, so the window holds at most one value plus one chunk.
    """

    def __init__(self, reader: EventReader, head: bytes, first_line: int) -> None:
        self.reader = reader
        self.decode = codecs.getincrementaldecoder("utf-8")()
        self.text = ""
        self.pos = 0
        self.line = first_line
        self.eof = False
        self.broken: int | None = None  # where the text stops being UTF-8, once seen
        self.feed(head)

    def feed(self, raw: bytes, final: bool = False) -> None:
        try:
            self.text += self.decode.decode(raw, final)
        except UnicodeDecodeError as err:
            # Keep the valid text before the bad bytes: the events in it are still read,
            # and the error is raised when the parser needs what lies beyond.
            self.text += err.object[: err.start].decode("utf-8")
            self.broken = len(self.text)

    def fill(self) -> bool:
        """Read one more chunk; False at the end of the input."""
        if self.broken is not None:
            raise self.error(self.broken, "the input is not valid UTF-8")
        if self.eof:
            return False
        self.line = self.line_at(self.pos)
        self.text = self.text[self.pos :]
        self.pos = 0
        chunk = self.reader._read()
        if not chunk:
            self.eof = True
            self.feed(b"", final=True)
            return False
        self.feed(chunk)
        return True

    def line_at(self, index: int) -> int:
        return self.line + self.text.count("\n", 0, index)

    def error(self, index: int, reason: str) -> EventReadError:
        return EventReadError(self.line_at(index), reason)

    def peek(self) -> str:
        while self.pos >= len(self.text):
            if not self.fill():
                return ""
        return self.text[self.pos]

    def skip_space(self) -> None:
        while True:
            while self.pos < len(self.text) and self.text[self.pos] in _WHITESPACE:
                self.pos += 1
            if self.pos < len(self.text) or not self.fill():
                return

    def value(self) -> Any:
        decoder = self.reader._decoder
        limit = self.reader._max
        while True:
            try:
                value, end = decoder.raw_decode(self.text, self.pos)
            except json.JSONDecodeError as err:
                if self._more(limit):
                    continue
                raise self.error(err.pos, f"invalid JSON: {err.msg}") from None
            except ValueError as err:  # NaN, Infinity
                raise self.error(self.pos, f"invalid JSON: {err}") from None
            # A value that ends exactly at the window's edge may continue in the next chunk
            # (a number, say); read on before trusting it.
            if end == len(self.text) and self._more(limit):
                continue
            if end - self.pos > limit:
                raise self.error(self.pos, self.reader._too_long())
            self.pos = end
            return value

    def _more(self, limit: int) -> bool:
        if len(self.text) - self.pos > limit:
            raise self.error(self.pos, self.reader._too_long())
        return self.fill()

    def expect_end(self) -> None:
        self.skip_space()
        if self.peek():
            raise self.error(self.pos, "unexpected data after the closing ']'")
