"""The exception tree, and the parser that turns any error body into one of them.

Pure: no I/O. The tree is flat and typed, after the Stainless SDKs::

    HoneycombError
    ├── MissingCredentialError            no key of the needed kind (names the env var)
    ├── ConfigurationError (also ValueError) a client setting that cannot work (a
    │                                     malformed key, a bad URL or region)
    ├── APIError                          something went wrong talking to the API
    │   ├── APIConnectionError            no response arrived
    │   │   └── APITimeoutError
    │   ├── APIResponseValidationError    a 2xx whose body is not what the API promises
    │   │                                     (or does not decode: a corrupt gzip body)
    │   └── APIStatusError                a response that is not 2xx (3xx: redirects
    │       │                                 are not followed)
    │       ├── BadRequestError 400, AuthenticationError 401, PermissionDeniedError 403,
    │       ├── NotFoundError 404, ConflictError 409, RequestTooLargeError 413,
    │       ├── UnprocessableEntityError 422, RateLimitError 429,
    │       └── InternalServerError 5xx
    ├── QueryFailedError                  a query result completed with an error
    ├── PollTimeoutError                  polling ran past its deadline
    ├── PaginationError                   a repeated cursor, too many pages, or a next
    │                                     link to another origin
    └── RequestValidationError (also ValueError) a request rejected locally, nothing sent
        ├── QueryValidationError          a query that breaks the API's rules (honeycomb.query)
        └── InvalidEventError             an event that cannot be sent
            ├── EventTooLargeError        over 1 MB of JSON
            └── TooManyFieldsError        over 2,000 fields

The parser reads Honeycomb's three error formats (``{"error": ...}``, RFC 7807
problem+json with ``type_detail``, JSON:API ``errors[]``) and anything else (HTML from a
proxy, an empty, truncated or absurdly nested body) without raising a second exception.
The message is built from a bounded prefix of the body, so a 200 MB error page costs no
more than the page itself.

Every exception pickles and unpickles to the same class with the same fields, so it
can cross a process boundary (``multiprocessing``, ``ProcessPoolExecutor``). The
pipeline attaches copies of the request and response with the credentials masked
(``honeycomb._redact``), so neither a pickle nor ``repr(e.request.headers)`` carries a key.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from honeycomb._ratelimit import RateLimitInfo, parse_rate_limit, retry_after_seconds

if TYPE_CHECKING:
    import httpx

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConfigurationError",
    "ConflictError",
    "ErrorDetail",
    "EventTooLargeError",
    "HoneycombError",
    "InternalServerError",
    "InvalidEventError",
    "MissingCredentialError",
    "NotFoundError",
    "PaginationError",
    "PermissionDeniedError",
    "PollTimeoutError",
    "QueryFailedError",
    "RateLimitError",
    "RequestTooLargeError",
    "RequestValidationError",
    "TooManyFieldsError",
    "UnprocessableEntityError",
    "make_status_error",
    "parse_error_body",
]

_MAX_MESSAGE_BODY = 300
"""How much of an unparseable body goes into the message; ``.body`` keeps all of it."""

_MESSAGE_SCAN = 64 * 1024
"""How much of a non-JSON body is looked at to build the message."""


def _rebuild(cls: type[HoneycombError], args: tuple[Any, ...], state: dict[str, Any]) -> Any:
    """Unpickle an SDK exception without calling its ``__init__`` (whose signature
    differs from ``args``): the default pickling of exceptions calls ``cls(*args)``."""
    err = cls.__new__(cls)
    BaseException.__init__(err, *args)
    err.__dict__.update(state)
    return err


class HoneycombError(Exception):
    """The root of every exception raised by honeycomb-sdk."""

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), self.args, dict(self.__dict__)))


class MissingCredentialError(HoneycombError):
    """No key of the kind an operation needs was configured.

    Attributes:
        env_vars: The environment variables that would supply it.
    """

    def __init__(self, message: str, *, env_vars: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.env_vars = env_vars


class ConfigurationError(HoneycombError, ValueError):
    """A client setting that cannot work: a malformed key (control or non-ASCII
    characters), an unknown region, a base URL that is not http(s) or would send keys in
    clear text, a bad timeout or retry count. Raised when the client is constructed, before
    anything is sent; the message never contains the key."""


class APIError(HoneycombError):
    """An error talking to the Honeycomb API.

    Attributes:
        message: A one-line description.
        request: The ``httpx.Request`` that failed, when there was one.
        body: The decoded JSON body, or the raw text when it was not JSON, or the raw
            bytes (the first 64 KiB) of a body that did not decode under its
            ``Content-Encoding``, or None.
    """

    def __init__(
        self, message: str, *, request: httpx.Request | None = None, body: object = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.request = request
        self.body = body


class APIConnectionError(APIError):
    """No response arrived: DNS, connection refused or reset, TLS, protocol errors."""

    def __init__(self, message: str = "Connection error", *, request: httpx.Request) -> None:
        super().__init__(message, request=request)


class APITimeoutError(APIConnectionError):
    """The request timed out (connect, write, read or pool timeout)."""

    def __init__(self, message: str = "Request timed out", *, request: httpx.Request) -> None:
        super().__init__(message, request=request)


class APIResponseValidationError(APIError):
    """A successful response whose body could not be decoded into the expected shape, or
    not decoded at all: a body that does not decode under its ``Content-Encoding`` (a
    corrupt gzip stream) arrived with its status, and ``body`` keeps its first raw bytes.

    Attributes:
        response: The ``httpx.Response``.
        status_code: Its HTTP status.
    """

    def __init__(self, message: str, *, response: httpx.Response, body: object) -> None:
        super().__init__(message, request=response.request, body=body)
        self.response = response
        self.status_code = response.status_code


@dataclass(frozen=True)
class ErrorDetail:
    """One field-level problem from a 422 ``type_detail`` or a JSON:API error."""

    field: str | None = None
    code: str | None = None
    description: str | None = None

    def __str__(self) -> str:
        parts = [p for p in (self.field, self.code) if p]
        head = " ".join(parts)
        if head and self.description:
            return f"{head}: {self.description}"
        return head or self.description or ""


class APIStatusError(APIError):
    """The API answered with a status that is not 2xx: 4xx, 5xx, or a 3xx (redirects are
    not followed: a redirect would carry the key to wherever it points).

    ``str(e)`` reads ``404 Dataset not found (GET /1/datasets/nope)``: the status, the
    API's message once (each field problem once, with its field), the method and path,
    and the request id when the API sent one.

    Attributes:
        status_code: The HTTP status.
        message: The API's own message (or the reason phrase).
        request_id: The request id header, when the API sent one.
        body: The decoded JSON body, or the raw text when it was not JSON.
        details: Field-level problems (422 ``type_detail``, JSON:API ``errors``).
        error_type: The problem ``type`` URI or JSON:API ``code``, when given.
        response: The ``httpx.Response``.
        request: The ``httpx.Request`` it answered (credentials masked).
    """

    request: httpx.Request  # always set: a status error answers a request

    def __init__(
        self,
        message: str,
        *,
        response: httpx.Response,
        body: object,
        details: tuple[ErrorDetail, ...] = (),
        error_type: str | None = None,
    ) -> None:
        super().__init__(message, request=response.request, body=body)
        self.response = response
        self.status_code = response.status_code
        self.request_id = _request_id(response)
        self.details = details
        self.error_type = error_type

    def __str__(self) -> str:
        text = f"{self.status_code} {_summary(self.message, self.details)}"
        where = []
        raw_path = self.request.url.raw_path.split(b"?", 1)[0]
        where.append(f"{self.request.method} {raw_path.decode('ascii', 'replace')}")
        if self.request_id:
            where.append(f"request id {self.request_id}")
        if where:
            text += f" ({', '.join(where)})"
        return text

    def __repr__(self) -> str:
        return f"{type(self).__name__}(status_code={self.status_code}, message={self.message!r})"


class BadRequestError(APIStatusError):
    """400: the request was malformed."""


class AuthenticationError(APIStatusError):
    """401: the key is unknown, disabled, or lacks the permission."""


class PermissionDeniedError(APIStatusError):
    """403: the key or team is not allowed to do this."""


class NotFoundError(APIStatusError):
    """404: no such object or dataset."""


class ConflictError(APIStatusError):
    """409: a duplicate, or a delete-protected object."""


class RequestTooLargeError(APIStatusError):
    """413: the request body is over the API's limit."""


class UnprocessableEntityError(APIStatusError):
    """422: the request was understood but failed validation (see ``details``)."""


class RateLimitError(APIStatusError):
    """429: rate limited.

    Attributes:
        retry_after: Seconds the API asked us to wait, when it said.
        rate_limit: The ``RateLimit``/``RateLimit-Policy`` state from this response.
    """

    def __init__(
        self,
        message: str,
        *,
        response: httpx.Response,
        body: object,
        details: tuple[ErrorDetail, ...] = (),
        error_type: str | None = None,
    ) -> None:
        super().__init__(
            message, response=response, body=body, details=details, error_type=error_type
        )
        self.retry_after: float | None = retry_after_seconds(response.headers)
        self.rate_limit: RateLimitInfo | None = parse_rate_limit(response.headers)


def _summary(message: str, details: tuple[ErrorDetail, ...]) -> str:
    """The message and the field problems, each said once.

    Honeycomb's 422 repeats a problem's description as the ``error`` and again in
    ``type_detail``; JSON:API errors give it as ``detail`` with a pointer. When the message
    is made only of the details' descriptions, the details (which add the field) replace
    it; otherwise details the message already contains are left out.
    """
    shown = [text for text in (str(d) for d in details) if text]
    if not shown:
        return message
    descriptions = {d.description for d in details if d.description}
    if all(part in descriptions for part in message.split("; ")):
        return "; ".join(dict.fromkeys(shown))
    extra = [text for text in dict.fromkeys(shown) if text not in message]
    return f"{message}: {'; '.join(extra)}" if extra else message


class InternalServerError(APIStatusError):
    """5xx: the server failed."""


class QueryFailedError(HoneycombError):
    """A query result completed, but with an ``error`` instead of data.

    Attributes:
        query_result_id: The id of the failed result.
        error: The API's error text.
        result: The completed result object.
    """

    def __init__(self, query_result_id: str | None, error: str, result: object = None) -> None:
        super().__init__(f"query result {query_result_id} failed: {error}")
        self.query_result_id = query_result_id
        self.error = error
        self.result = result


class PollTimeoutError(HoneycombError):
    """Polling ran past its deadline; resume later with the id.

    Attributes:
        resource_id: The id of what was being polled (query result, map request).
        elapsed: Seconds spent polling.
        last: The last object seen, when there was one.
    """

    def __init__(
        self, what: str, resource_id: str | None, elapsed: float, last: object = None
    ) -> None:
        super().__init__(
            f"{what} {resource_id} was not ready after {elapsed:.1f}s; "
            "poll it again later with its id"
        )
        self.resource_id = resource_id
        self.elapsed = elapsed
        self.last = last


class PaginationError(HoneycombError):
    """The API repeated a cursor, a listing exceeded ``max_pages``, or a ``links.next``
    pointed to another scheme, host or port (it is not followed: it would carry the key)."""


class RequestValidationError(HoneycombError, ValueError):
    """A request rejected locally, before anything was sent.

    Every problem is listed, each with its field path (``threshold.op``,
    ``panels[0].query_panel.query_id``) and the offending value. When the check was
    pydantic's, its ``ValidationError`` is the ``__cause__`` and :meth:`errors` returns its
    list.

    Attributes:
        problems: One sentence per problem.
    """

    def __init__(
        self,
        problems: str | Sequence[str],
        *,
        errors: Sequence[Mapping[str, Any]] = (),
        subject: str = "request",
    ) -> None:
        """Build the error.

        Args:
            problems: One sentence per problem; a single string is the whole message.
            errors: pydantic's ``errors()`` list, when pydantic found the problems.
            subject: What was invalid (``"TriggerCreate"``, ``"query"``), for the message.
        """
        self.problems: list[str] = [problems] if isinstance(problems, str) else list(problems)
        self._errors = [dict(e) for e in errors]
        if isinstance(problems, str):
            message = problems
        else:
            count = len(self.problems)
            message = f"invalid {subject}: {count} problem{'' if count == 1 else 's'}" + "".join(
                f"\n  - {p}" for p in self.problems
            )
        super().__init__(message)

    def errors(self) -> list[dict[str, Any]]:
        """pydantic's list of errors (``loc``, ``msg``, ``type``, ``input``...), or ``[]``."""
        return [dict(e) for e in self._errors]


class InvalidEventError(RequestValidationError):
    """An event that cannot be sent: not a mapping, no fields, or not serialisable to JSON.

    Raised by ``events.send`` before anything is sent; ``send_batch`` and the batcher turn
    it into an error result for that event alone.
    """


class EventTooLargeError(InvalidEventError):
    """An event over the 1 MB limit of uncompressed JSON.

    Attributes:
        size: The event's size in bytes, as it would be sent.
        limit: The limit in bytes.
    """

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"event is {size} bytes of JSON; the limit is {limit} bytes")
        self.size = size
        self.limit = limit


class TooManyFieldsError(InvalidEventError):
    """An event with more fields than the API accepts (2,000).

    Attributes:
        fields: How many fields the event has.
        limit: The limit.
    """

    def __init__(self, fields: int, limit: int) -> None:
        super().__init__(f"event has {fields} fields; the limit is {limit}")
        self.fields = fields
        self.limit = limit


_STATUS_ERRORS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    413: RequestTooLargeError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def _request_id(response: httpx.Response) -> str | None:
    for name in ("x-request-id", "request-id", "x-honeycomb-request-id"):
        value: str | None = response.headers.get(name)
        if value:
            return value
    return None


@dataclass(frozen=True)
class ParsedError:
    """What ``parse_error_body`` could read from an error response."""

    message: str
    body: object
    details: tuple[ErrorDetail, ...] = ()
    error_type: str | None = None


def _text(value: object) -> str | None:
    if isinstance(value, str) and value.strip():
        return value
    return None


def _short(text: str) -> str:
    """The start of ``text`` on one line, for a message. Only a bounded prefix is split:
    splitting a whole 200 MB page to show 300 characters of it once took 5 GB."""
    flat = " ".join(text[:_MESSAGE_SCAN].split())
    if len(flat) > _MAX_MESSAGE_BODY or len(text) > _MESSAGE_SCAN:
        return flat[:_MAX_MESSAGE_BODY] + "…"
    return flat


def _from_json_api(errors: list[Any]) -> tuple[str | None, tuple[ErrorDetail, ...], str | None]:
    details = []
    messages = []
    code = None
    for item in errors:
        if not isinstance(item, dict):
            continue
        code = code or _text(item.get("code"))
        text = _text(item.get("detail")) or _text(item.get("title"))
        if text:
            messages.append(text)
        raw_source = item.get("source")
        source: dict[str, Any] = raw_source if isinstance(raw_source, dict) else {}
        parameter, header = _text(source.get("parameter")), _text(source.get("header"))
        where = (
            _text(source.get("pointer"))
            or (f"parameter {parameter}" if parameter else None)
            or (f"{header} header" if header else None)
        )
        details.append(ErrorDetail(field=where, code=_text(item.get("code")), description=text))
    message = "; ".join(dict.fromkeys(messages)) or None
    # A single error's text is already the message; repeat it as a detail only if it adds
    # a location.
    if len(details) == 1 and details[0].field is None:
        details = []
    return message, tuple(details), code


def _from_problem(body: dict[str, Any]) -> tuple[str | None, tuple[ErrorDetail, ...], str | None]:
    message = _text(body.get("error")) or _text(body.get("detail")) or _text(body.get("title"))
    details = []
    raw = body.get("type_detail")
    if isinstance(raw, list):
        for item in raw:
            if isinstance(item, dict):
                details.append(
                    ErrorDetail(
                        field=_text(item.get("field")),
                        code=_text(item.get("code")),
                        description=_text(item.get("description")),
                    )
                )
    return message, tuple(details), _text(body.get("type"))


def parse_error_body(status_code: int, reason: str, content: bytes) -> ParsedError:
    """Read whatever an error response carries, never raising.

    Args:
        status_code: The HTTP status.
        reason: The reason phrase, used when the body says nothing useful.
        content: The raw body bytes.

    Returns:
        The message, the kept body (JSON when it parsed, else text), field details and
        the problem type or JSON:API code.
    """
    fallback = reason or "HTTP error"
    if not content or content.isspace():  # (strip() would copy the whole body)
        return ParsedError(message=f"{fallback} (empty response body)", body=None)
    text = content.decode("utf-8", errors="replace")
    head = text[:_MESSAGE_SCAN].lstrip()[:1]
    try:
        # Only what could start JSON is parsed: an HTML page fails at once anyway, but
        # this keeps a huge one from being scanned twice.
        if head not in ("{", "[", '"'):
            raise ValueError("not JSON")
        data = json.loads(text)
    except (ValueError, RecursionError):  # RecursionError: `[[[[...` a thousand deep
        kind = "HTML page" if head == "<" else "non-JSON body"
        return ParsedError(message=f"{fallback} ({kind}: {_short(text)})", body=text)

    message: str | None = None
    details: tuple[ErrorDetail, ...] = ()
    error_type: str | None = None
    if isinstance(data, dict):
        errors = data.get("errors")
        if isinstance(errors, list) and errors:
            message, details, error_type = _from_json_api(errors)
        else:
            message, details, error_type = _from_problem(data)
    elif isinstance(data, str):
        message = _text(data)
    if message is None:
        message = f"{fallback} ({_short(text)})"
    return ParsedError(message=message, body=data, details=details, error_type=error_type)


def make_status_error(response: httpx.Response) -> APIStatusError:
    """Build the typed exception for a response that is not 2xx (reads the body; never
    raises).

    Args:
        response: A response whose body has been read.

    Returns:
        The matching ``APIStatusError`` subclass instance (``APIStatusError`` itself for
        a 3xx or a status without a subclass).

    Examples:
        >>> import httpx
        >>> request = httpx.Request("GET", "https://api.honeycomb.io/1/datasets/nope")
        >>> answer = httpx.Response(404, json={"error": "Dataset not found"}, request=request)
        >>> str(make_status_error(answer))
        '404 Dataset not found (GET /1/datasets/nope)'
    """
    parsed = parse_error_body(response.status_code, response.reason_phrase, response.content)
    if 300 <= response.status_code < 400 and response.status_code != 304:
        location = response.headers.get("location")
        parsed = ParsedError(
            message=(
                f"{response.reason_phrase or 'redirect'}: the API answered with a redirect"
                + (f" to {_short(location)}" if location else "")
                + "; redirects are not followed (check base_url)"
            ),
            body=parsed.body,
        )
    if response.status_code >= 500:
        cls: type[APIStatusError] = InternalServerError
    else:
        cls = _STATUS_ERRORS.get(response.status_code, APIStatusError)
    return cls(
        parsed.message,
        response=response,
        body=parsed.body,
        details=parsed.details,
        error_type=parsed.error_type,
    )
