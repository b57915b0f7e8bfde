"""Event encoding: serialise, measure, chunk, compress, and read per-event results. No I/O.

The hot path of ``events.send_batch`` and of the batcher lives here. It builds no
pydantic model per event: each event is serialised once (orjson when installed, else
``pydantic_core.to_json``), wrapped as a batch element
(``{"data":...,"time":"...","samplerate":n}``) by joining bytes, and measured once. A
request body is the elements joined with commas inside brackets, so the size of a body
is known from the sizes of its elements without encoding anything again.

Limits (Honeycomb's Events API): an event is at most 1 MB (1,000,000 bytes, as
libhoney-go counts) of uncompressed JSON, measured here on the whole batch element; an
event has at most 2,000 fields; a request body is at most 5 MB (5,000,000 bytes) before
compression.
"""

from __future__ import annotations

import gzip
import math
import time
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Literal

import pydantic_core

from honeycomb._finite import non_finite_path
from honeycomb.errors import (
    EventTooLargeError,
    InvalidEventError,
    RequestValidationError,
    TooManyFieldsError,
)
from honeycomb.models.events import MAX_FIELDS, BatchEvent

__all__ = [
    "MAX_BODY_BYTES",
    "MAX_EVENT_BYTES",
    "MAX_FIELDS",
    "BodyEncoder",
    "ChunkStatus",
    "Compression",
    "Encoding",
    "Stamper",
    "body_size",
    "check_samplerate",
    "compress",
    "dumps",
    "element",
    "encode_data",
    "encode_event",
    "encode_item",
    "format_time",
    "join",
    "parse_batch_response",
    "plan_chunks",
    "resolve_compression",
    "time_fragment_for",
    "wrap",
]

MAX_EVENT_BYTES = 1_000_000
"""The largest event, in bytes of uncompressed JSON (1 MB as libhoney-go counts it)."""

MAX_BODY_BYTES = 5_000_000
"""The largest request body to ``/1/batch``, before compression (5 MB)."""

Compression = Literal["auto", "zstd", "gzip"] | None
"""What the caller asks for: ``"auto"`` is zstd when ``zstandard`` is installed, else gzip."""

Encoding = Literal["zstd", "gzip"] | None
"""What is actually used: the ``Content-Encoding`` header value, or None for plain JSON."""

_KEYS = frozenset({"data", "time", "samplerate"})
_OPEN = b'{"data":'
_TIME = b',"time":"'


# -- serialisation -----------------------------------------------------------------------


try:
    import orjson

    _orjson_dumps: Callable[..., bytes] | None = orjson.dumps
    _UTC_Z = orjson.OPT_UTC_Z  # write UTC as "Z", as pydantic_core does
    _loads: Callable[[bytes], Any] = orjson.loads
except ImportError:  # pragma: no cover - depends on the environment
    _orjson_dumps, _UTC_Z = None, 0
    _loads = pydantic_core.from_json


def _to_json(value: Any) -> bytes:
    # NaN and infinities as null, as orjson writes them, so that one check (below) finds
    # them whichever encoder ran: a bare NaN token would make the whole request invalid.
    return pydantic_core.to_json(value, inf_nan_mode="null")


def _check_finite(data: Any, body: bytes) -> None:
    """Refuse an event whose fields hold NaN or an infinity (each was encoded as null,
    so only an event whose JSON has a null needs searching)."""
    if b"null" in body:
        where = non_finite_path(data)
        if where is not None:
            raise InvalidEventError(
                f"event field {where!r} is NaN or infinite, which JSON cannot carry; "
                "send None or a string instead"
            )


def dumps(value: Any) -> bytes:
    """Serialise to compact JSON bytes: orjson when installed, else ``pydantic_core``.

    What orjson does not know (Decimal, sets, non-string keys, models...) goes to
    ``pydantic_core.to_json``, which raises ``ValueError`` when it cannot either.

    Args:
        value: A JSON-able value.

    Returns:
        The JSON.

    Raises:
        TypeError: orjson is missing and pydantic_core cannot serialise the value.
        ValueError: Not serialisable.
    """
    if _orjson_dumps is not None:
        try:
            return _orjson_dumps(value, option=_UTC_Z)
        except TypeError:
            pass
    return _to_json(value)


def format_time(value: datetime | float | str) -> str:
    """Format an event timestamp as RFC 3339.

    Args:
        value: A datetime (naive means UTC), epoch seconds (int or float, as
            ``time.time()`` returns), or a string, which is passed through as given.

    Returns:
        The timestamp, e.g. ``2024-05-01T12:00:00.250000Z``.

    Raises:
        InvalidEventError: A bool, a non-finite number, a number out of range (epoch
            milliseconds are out of range as seconds), a datetime that has no UTC form
            (``datetime.max`` east of UTC), a string that is not printable ASCII (it
            travels in a header) or another type.
    """
    if isinstance(value, str):
        if not value.isascii() or not value.isprintable():
            raise InvalidEventError(
                f"event time {value!r} is not an RFC 3339 timestamp (printable ASCII)"
            )
        return value
    if isinstance(value, datetime):
        moment = value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        if not math.isfinite(value):
            raise InvalidEventError(f"event time must be finite epoch seconds, got {value!r}")
        try:
            moment = datetime.fromtimestamp(value, timezone.utc)
        except (OverflowError, OSError, ValueError) as err:
            raise InvalidEventError(
                f"event time {value!r} is out of range for epoch seconds "
                "(epoch milliseconds? divide by 1000)"
            ) from err
    else:
        raise InvalidEventError(
            "event time must be a datetime, epoch seconds or an RFC 3339 string, "
            f"got {type(value).__name__}"
        )
    try:
        text = moment.astimezone(timezone.utc).isoformat()
    except (OverflowError, ValueError) as err:
        raise InvalidEventError(f"event time {value!r} is out of range in UTC") from err
    return text[:-6] + "Z" if text.endswith("+00:00") else text


class Stamper:
    """The current time as a ready-made ``,"time":"..."`` fragment, formatted once per ms.

    Args:
        clock: Nanoseconds since the epoch (``time.time_ns``; tests pass a fake).

    The batcher stamps each event with the time ``add()`` was called, as libhoney does, so
    that time spent queued or retrying does not move events in time. Formatting a datetime
    per event would cost more than serialising a small event, so the fragment is reused
    within a millisecond.
    """

    def __init__(self, clock: Callable[[], int] = time.time_ns) -> None:
        self._clock = clock
        self._millis = -1
        self._fragment = b""

    def fragment(self) -> bytes:
        """Return the fragment for now.

        Returns:
            ``,"time":"<RFC 3339, millisecond precision>"`` as bytes.
        """
        millis = self._clock() // 1_000_000
        fragment = self._fragment
        if millis == self._millis:
            # Another thread may update the pair between these reads; the fragment is
            # then at most a millisecond off, which is harmless.
            return fragment
        moment = datetime.fromtimestamp(millis / 1000, timezone.utc)
        fragment = (
            _TIME + moment.strftime("%Y-%m-%dT%H:%M:%S.").encode() + b'%03dZ"' % (millis % 1000)
        )
        self._fragment = fragment
        self._millis = millis
        return fragment

    __call__ = fragment


# -- one event ---------------------------------------------------------------------------


def encode_data(data: Any) -> bytes:
    """Check and serialise an event's fields: the body of ``POST /1/events``.

    Args:
        data: A mapping of field names to values.

    Returns:
        The compact JSON object.

    Raises:
        InvalidEventError: Not a mapping, no fields, or not serialisable.
        TooManyFieldsError: More than 2,000 fields.
        EventTooLargeError: Over 1 MB of JSON.
    """
    if type(data) is not dict:  # the exact-type test first: isinstance on an ABC is slow
        if not isinstance(data, Mapping):
            raise InvalidEventError(
                f"event data must be a mapping of field names to values, got {type(data).__name__}"
            )
        data = dict(data)
    fields = len(data)
    if fields == 0:
        raise InvalidEventError("event has no fields")
    if fields > MAX_FIELDS:
        raise TooManyFieldsError(fields, MAX_FIELDS)
    try:
        body = dumps(data)
    except (TypeError, ValueError) as err:
        raise InvalidEventError(f"event is not serialisable to JSON: {err}") from err
    _check_finite(data, body)
    if len(body) > MAX_EVENT_BYTES:
        raise EventTooLargeError(len(body), MAX_EVENT_BYTES)
    return body


def check_samplerate(value: Any) -> int:
    """Check a sample rate: an int of at least 1.

    Args:
        value: The caller's sample rate.

    Returns:
        It, unchanged.

    Raises:
        InvalidEventError: Anything else.
    """
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidEventError(f"samplerate must be an integer of at least 1, got {value!r}")
    return value


def wrap(body: bytes, time_fragment: bytes = b"", samplerate: int | None = None) -> bytes:
    """Make a batch element from serialised fields; check its size.

    Args:
        body: The fields, from ``encode_data``.
        time_fragment: ``,"time":"..."`` (from ``Stamper`` or ``time_fragment_for``), or b"".
        samplerate: The sample rate, or None to leave it out (the API's default is 1).

    Returns:
        ``{"data":...,"time":"...","samplerate":n}`` as bytes.

    Raises:
        InvalidEventError: A bad samplerate.
        EventTooLargeError: The element is over 1 MB.
    """
    if samplerate is None:
        element = _OPEN + body + time_fragment + b"}"
    else:
        element = _OPEN + body + time_fragment + b',"samplerate":%d}' % check_samplerate(samplerate)
    if len(element) > MAX_EVENT_BYTES:
        raise EventTooLargeError(len(element), MAX_EVENT_BYTES)
    return element


def element(data: Any, time_fragment: bytes = b"", samplerate: int | None = None) -> bytes:
    """``wrap(encode_data(data), time_fragment, samplerate)`` in one call: the batcher's
    hot path, where each function call counts.

    Args:
        data: The fields.
        time_fragment: ``,"time":"..."`` or b"".
        samplerate: The sample rate, or None.

    Returns:
        The batch element.

    Raises:
        InvalidEventError: The event cannot be sent (a subclass says why).
    """
    if type(data) is not dict or not 0 < len(data) <= MAX_FIELDS:
        return wrap(encode_data(data), time_fragment, samplerate)  # the slow path, or raise
    body: bytes | None = None
    if _orjson_dumps is not None:
        try:  # noqa: SIM105 - contextlib.suppress costs more than the serialisation
            body = _orjson_dumps(data, option=_UTC_Z)
        except TypeError:
            pass
    if body is None:
        try:
            body = _to_json(data)
        except (TypeError, ValueError) as err:
            raise InvalidEventError(f"event is not serialisable to JSON: {err}") from err
    if b"null" in body:
        _check_finite(data, body)
    if samplerate is None:
        result = _OPEN + body + time_fragment + b"}"
    else:
        result = _OPEN + body + time_fragment + b',"samplerate":%d}' % check_samplerate(samplerate)
    if len(result) > MAX_EVENT_BYTES:
        raise EventTooLargeError(len(result), MAX_EVENT_BYTES)
    return result


def time_fragment_for(value: datetime | float | str | None) -> bytes:
    """The ``,"time":"..."`` fragment for a caller's timestamp (b"" for None).

    Args:
        value: See ``format_time``.

    Returns:
        The fragment.

    Raises:
        InvalidEventError: An unusable timestamp.
    """
    if value is None:
        return b""
    return b',"time":' + dumps(format_time(value))


def encode_event(
    data: Any, timestamp: datetime | float | str | None = None, samplerate: int | None = None
) -> bytes:
    """Encode one event as a batch element.

    Args:
        data: The fields.
        timestamp: When it happened (see ``format_time``); None leaves it to the API.
        samplerate: The sample rate; None leaves it out.

    Returns:
        The element's bytes.

    Raises:
        InvalidEventError: The event cannot be sent (a subclass says why).
    """
    return element(data, time_fragment_for(timestamp), samplerate)


def encode_item(item: Any) -> bytes:
    """Encode one input of ``send_batch``: a ``BatchEvent``, an equivalent dict, or any
    object with ``data``/``time``/``samplerate`` attributes.

    Args:
        item: The event.

    Returns:
        The element's bytes.

    Raises:
        InvalidEventError: The event cannot be sent (a subclass says why).
    """
    if isinstance(item, BatchEvent):
        return encode_event(item.data, item.time, item.samplerate)
    if isinstance(item, Mapping):
        unknown = item.keys() - _KEYS
        if unknown or "data" not in item:
            raise InvalidEventError(
                'each event must look like {"data": {...}, "time": ..., "samplerate": n}; '
                + (
                    f"unknown keys {sorted(map(str, unknown))}"
                    if unknown
                    else "this one has no 'data'"
                )
            )
        return encode_event(item["data"], item.get("time"), item.get("samplerate"))
    if hasattr(item, "data"):
        return encode_event(
            item.data, getattr(item, "time", None), getattr(item, "samplerate", None)
        )
    raise InvalidEventError(
        f"expected a BatchEvent or a dict with 'data', got {type(item).__name__}"
    )


# -- bodies ------------------------------------------------------------------------------


def body_size(total: int, count: int) -> int:
    """The size of the body ``join`` makes from ``count`` elements of ``total`` bytes."""
    return total + count + 1 if count else 2


def join(elements: Sequence[bytes]) -> bytes:
    """Join batch elements into a JSON array body.

    Args:
        elements: Encoded elements.

    Returns:
        ``[e1,e2,...]``.
    """
    return b"[" + b",".join(elements) + b"]"


def plan_chunks(
    sizes: Sequence[int], *, max_body: int = MAX_BODY_BYTES, max_events: int | None = None
) -> list[range]:
    """Split a run of elements into requests whose bodies stay within ``max_body`` bytes.

    Args:
        sizes: The size of each element, in order (each at most ``MAX_EVENT_BYTES``).
        max_body: The largest body, in bytes.
        max_events: The most events in one request, or None for no count limit.

    Returns:
        Consecutive ranges of indices into ``sizes``, covering all of them in order.
    """
    chunks: list[range] = []
    start, total = 0, 0
    for i, size in enumerate(sizes):
        count = i - start
        if count and (
            body_size(total + size, count + 1) > max_body
            or (max_events is not None and count >= max_events)
        ):
            chunks.append(range(start, i))
            start, total = i, 0
        total += size
    if start < len(sizes):
        chunks.append(range(start, len(sizes)))
    return chunks


def resolve_compression(choice: Compression) -> Encoding:
    """Decide the ``Content-Encoding`` for a caller's choice.

    Args:
        choice: ``"auto"`` (zstd when ``zstandard`` is importable, else gzip), ``"zstd"``,
            ``"gzip"`` or None (plain JSON).

    Returns:
        The encoding to use.

    Raises:
        ValueError: An unknown choice, or ``"zstd"`` without ``zstandard`` installed.
    """
    if choice is None or choice == "gzip":
        return choice
    if choice not in ("auto", "zstd"):
        raise RequestValidationError(
            f"compression must be 'auto', 'zstd', 'gzip' or None, not {choice!r}"
        )
    try:
        import zstandard  # noqa: F401
    except ImportError:
        if choice == "zstd":
            raise RequestValidationError(
                "compression='zstd' needs the zstandard package: pip install 'honeycomb-sdk[zstd]'"
            ) from None
        return "gzip"
    return "zstd"


ZSTD_LEVEL = 1
GZIP_LEVEL = 1
"""Fast levels: event bodies are repetitive, so even level 1 shrinks them 5-10x."""


_GROUP = 256
"""Elements joined at a time into a streaming compressor (about 30 KB of small events)."""


class BodyEncoder:
    """Builds a batch's request body, compressed, without the whole uncompressed body.

    ``compress(join(elements))`` held the body twice (the join, then its brackets) and
    zstandard's worst-case output buffer besides, and made a zstd context (about 1.3 MB)
    per request: several MB allocated and freed per request, in whichever sender thread
    ran it, which the C allocator's per-thread arenas then kept. Here elements are fed to
    a streaming compressor a group at a time, and one zstd compressor is reused.

    Not thread-safe: a batcher's worker has its own, and so does each ``send_batch``.

    Args:
        encoding: ``"zstd"``, ``"gzip"`` or None (plain JSON).

    Examples:
        >>> import gzip
        >>> gzip.decompress(BodyEncoder("gzip").encode([b'{"data":{"a":1}}', b'{"data":{}}']))
        b'[{"data":{"a":1}},{"data":{}}]'
    """

    def __init__(self, encoding: Encoding) -> None:
        self.encoding = encoding
        self._zstd: Any = None

    def encode(self, elements: Sequence[bytes]) -> bytes:
        """The body ``[e1,e2,...]``, compressed for ``encoding``.

        Args:
            elements: Encoded elements.

        Returns:
            The bytes to send.
        """
        if self.encoding is None or not elements:
            return compress(join(elements), self.encoding)
        if self.encoding == "gzip":
            stream: Any = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, 31)  # 31: gzip framing
        else:
            if self._zstd is None:
                import zstandard

                self._zstd = zstandard.ZstdCompressor(level=ZSTD_LEVEL)
            # The size goes into the frame header, as a one-shot compress() writes it.
            size = body_size(sum(map(len, elements)), len(elements))
            stream = self._zstd.compressobj(size=size)
        parts = [stream.compress(b"[")]
        for start in range(0, len(elements), _GROUP):
            if start:
                parts.append(stream.compress(b","))
            parts.append(stream.compress(b",".join(elements[start : start + _GROUP])))
        parts.append(stream.compress(b"]"))
        parts.append(stream.flush())
        return b"".join(parts)


def compress(body: bytes, encoding: Encoding) -> bytes:
    """Compress a body for the given ``Content-Encoding``.

    Args:
        body: The JSON body.
        encoding: ``"zstd"``, ``"gzip"`` or None (returned unchanged).

    Returns:
        The bytes to send.
    """
    if encoding is None:
        return body
    if encoding == "gzip":
        return gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)
    import zstandard

    # A compressor is not safe to share between threads; making one is cheap.
    out = zstandard.ZstdCompressor(level=ZSTD_LEVEL).compress(body)
    # zstandard allocates the worst-case size and shrinks the bytes object in place,
    # which keeps the whole allocation (about the input's size) alive: copy to the size.
    return bytes(memoryview(out))


# -- results -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ChunkStatus:
    """What the API said about the events of one request.

    Events are accepted unless listed in ``failures``, so the common case (all accepted)
    allocates nothing per event.

    Attributes:
        ok_status: The status of the accepted events (202 normally).
        failures: Position in the request -> (status, error) for each event not accepted.
        exception: The exception that failed the whole request, if one did.
    """

    ok_status: int
    failures: dict[int, tuple[int, str]]
    exception: BaseException | None = None


_QUEUED = {"status": 202}


_QUEUED_ITEM = b'{"status":202}'
_ALL_QUEUED: dict[int, bytes] = {}


def _all_queued(content: bytes, count: int) -> bool:
    """Whether ``content`` is, byte for byte, the API's answer when all ``count`` events
    were queued: recognised without parsing it into ``count`` dicts (most answers are
    this one). The expected answers are kept for a few batch sizes."""
    if len(content) != (len(_QUEUED_ITEM) + 1) * count + 1:
        return False
    answer = _ALL_QUEUED.get(count)
    if answer is None:
        if len(_ALL_QUEUED) >= 8:
            _ALL_QUEUED.clear()
        answer = _ALL_QUEUED[count] = b"[" + b",".join([_QUEUED_ITEM] * count) + b"]"
    return content == answer


def _item_status(item: Any, default: int) -> tuple[int, str | None]:
    if not isinstance(item, dict):
        return default, f"unreadable per-event status {item!r}"
    raw = item.get("status")
    # Only an HTTP status is used; anything else (a string, NaN, 1e999, which int() would
    # raise on) leaves the request's own status standing, as a missing one does.
    if (
        isinstance(raw, (int, float))
        and not isinstance(raw, bool)
        and math.isfinite(raw)
        and 100 <= raw < 600
    ):
        status = int(raw)
    else:
        status = default
    raw_error = item.get("error")
    error = None if raw_error is None else str(raw_error)
    if error or not 200 <= status < 300:
        return status, error or f"status {status}"
    return status, None


def parse_batch_response(content: bytes, count: int, http_status: int) -> ChunkStatus:
    """Read the per-event statuses of a successful ``POST /1/batch`` response.

    The API answers 200 with ``[{"status": 202}, {"status": 400, "error": "..."}, ...]``,
    one per event in order; an empty body means every event was queued.

    Args:
        content: The response body.
        count: How many events the request carried.
        http_status: The response's HTTP status.

    Returns:
        The accepted status and the failures. An event the response does not mention,
        or a body that cannot be read, counts as failed: it may or may not have been
        accepted, and the caller should know.
    """
    if not content.strip():
        return ChunkStatus(http_status, {})
    if _all_queued(content, count):
        return ChunkStatus(202, {})
    try:
        items = _loads(content)
    except ValueError:  # orjson.JSONDecodeError is a ValueError too
        items = None
    if not isinstance(items, list):
        text = content[:200].decode("utf-8", errors="replace")
        unreadable = f"unreadable response to the batch (the events may have been accepted): {text}"
        return ChunkStatus(http_status, dict.fromkeys(range(count), (http_status, unreadable)))
    if len(items) == count and items.count(_QUEUED) == count:
        return ChunkStatus(202, {})  # the usual answer, checked without a Python loop
    ok_status = 0
    failures: dict[int, tuple[int, str]] = {}
    for i, item in enumerate(items[:count]):
        status, error = _item_status(item, http_status)
        if error is None:
            ok_status = ok_status or status
        else:
            failures[i] = (status, error)
    for i in range(len(items), count):
        failures[i] = (http_status, "the response to the batch did not mention this event")
    return ChunkStatus(ok_status or http_status, failures)
