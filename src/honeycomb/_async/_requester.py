"""The one request pipeline: build -> send (with retries) -> raise -> decode.

Every operation of every resource goes through ``Requester.request``, so retries,
timeouts, credentials, rate-limit tracking, logging and error mapping are written once.
"""

from __future__ import annotations

import logging
import platform
import socket
import threading
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar, overload
from urllib.parse import urlsplit

import httpx
import pydantic
import pydantic_core
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception

from honeycomb import _io, _tracing
from honeycomb._config import DEFAULT_TIMEOUT, AuthKind, ClientConfig
from honeycomb._deadline import bound_by_deadlines
from honeycomb._deadline import deadline as call_deadline
from honeycomb._gc import LARGE_BODY, paused_gc
from honeycomb._logging import logger, redact_headers, secret_filter
from honeycomb._operations import media_type
from honeycomb._pagination import origin
from honeycomb._ratelimit import RateLimitInfo, parse_rate_limit
from honeycomb._rawbody import AsyncRawPrefix
from honeycomb._redact import without_secrets
from honeycomb._retry import retry_reason, wait_seconds
from honeycomb._version import __version__
from honeycomb.errors import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APITimeoutError,
    HoneycombError,
    NotFoundError,
    RateLimitError,
    make_status_error,
)

if TYPE_CHECKING:
    from honeycomb._cache import ResponseCache

__all__ = ["Requester", "adapter_for"]

T = TypeVar("T")
E = TypeVar("E", bound=APIError)

USER_AGENT = (
    f"honeycomb-sdk/{__version__} python/{platform.python_version()} httpx/{httpx.__version__}"
)

# TypeAdapters are costly to build and cheap to reuse; a module-level cache (not
# lru_cache on a method) keeps one per target type for the life of the process.
_ADAPTERS: dict[Any, pydantic.TypeAdapter[Any]] = {}


def adapter_for(cast: Any) -> pydantic.TypeAdapter[Any]:
    """The cached ``TypeAdapter`` for a response type.

    Args:
        cast: A model class, ``list[Model]``, ``Any`` or any type pydantic understands.

    Returns:
        The adapter.
    """
    adapter = _ADAPTERS.get(cast)
    if adapter is None:
        adapter = _ADAPTERS[cast] = pydantic.TypeAdapter(cast)
    return adapter


class SharedState:
    """State that copies made by ``with_options`` share with their parent client."""

    def __init__(self, team: str | None) -> None:
        self.team = team
        self.team_lock = _io.AsyncLock()
        self.rate_limit: RateLimitInfo | None = None
        self.cache: ResponseCache | None = None


class Requester:
    """Sends requests for one client: credentials, retries, errors and decoding."""

    def __init__(
        self,
        config: ClientConfig,
        http_client: httpx.AsyncClient | None,
        *,
        state: SharedState | None = None,
    ) -> None:
        self.config = config
        secret_filter.add(self, config.secrets())  # for as long as this pipeline lives
        self.state = state or SharedState(config.team)
        # An injected client is used as is: its own timeout applies unless the caller
        # also passed timeout= to us. Our own is made on first use (see ``http``).
        self._http = http_client
        self._http_lock = threading.Lock()
        self.owns_http = http_client is None
        self._timeout: Any = config.timeout or httpx.USE_CLIENT_DEFAULT
        self._prefix = config.base_url  # no trailing slash; may carry a path (a proxy)
        self._origin = origin(httpx.URL(config.base_url))
        self._base_path = urlsplit(config.base_url).path.rstrip("/")
        if config.cache_ttl and self.state.cache is None:
            self.state.cache = _new_cache(self._base_path)
        self._merged: dict[tuple[AuthKind, str], dict[str, str]] = {}

    @property
    def http(self) -> httpx.AsyncClient:
        """The httpx client. Ours is made on first use: its SSL context (the system's CA
        certificates) costs tens of milliseconds, which a client built but never used,
        or used over ``http://``, should not pay at construction."""
        http = self._http
        if http is None:
            with self._http_lock:
                http = self._http
                if http is None:
                    http = httpx.AsyncClient(
                        timeout=self.config.timeout or DEFAULT_TIMEOUT,
                        limits=httpx.Limits(max_connections=100, max_keepalive_connections=20),
                        follow_redirects=False,
                    )
                    bound_by_deadlines(http)
                    self._http = http
        return http

    # -- building ------------------------------------------------------------------

    def _base_headers(self, auth: AuthKind, media: str) -> dict[str, str]:
        """User-Agent, ``Accept: media``, the default headers and the credential for
        ``auth``, merged once per (kind, media type). ``default_headers`` may override
        ``Accept``; nothing overrides the credential.

        Raises:
            MissingCredentialError: That kind of key is not configured.
        """
        key = (auth, media)
        headers = self._merged.get(key)
        if headers is None:
            headers = self._merged[key] = {
                "User-Agent": USER_AGENT,
                "Accept": media,
                **self.config.default_headers,
                **self.config.auth_headers(auth),
            }
        return headers

    def _api_path(self, path: str) -> str:
        """The API path of ``path`` (``/2/...``), for an absolute URL without the base
        URL's own path (a proxy prefix)."""
        if path[:1] == "/":
            return path
        full = urlsplit(path).path
        return full[len(self._base_path) :] if full.startswith(self._base_path) else full

    def url_for(self, path: str) -> str:
        """Resolve ``path`` against the base URL, refusing to leave its origin.

        A ``links.next`` from a paginated response may be absolute; our keys must never
        follow it to another host. Anything that is not a path from the root (``/1/...``)
        must be an absolute URL on the configured scheme, host and port: appended to the
        base URL, ``@evil.example/x`` would name another host.

        Args:
            path: ``/1/datasets`` or an absolute URL on the same origin.

        Returns:
            The absolute URL.

        Raises:
            HoneycombError: When ``path`` is neither, or points to another origin.
        """
        if path.startswith("/"):
            # A plain join: httpx parses the URL once, in build_request.
            return self._prefix + path
        try:
            target = httpx.URL(path)
        except httpx.InvalidURL:
            target = None
        if target is None or not target.is_absolute_url or origin(target) != self._origin:
            shown = f"{target.scheme}://{target.host}" if target and target.host else "it"
            raise HoneycombError(
                f"refusing to send credentials to {shown}: a request URL must be a path "
                "from the root or an absolute URL on the configured API origin"
            )
        return path

    def build(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        content: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        auth: AuthKind = "config",
        timeout: float | httpx.Timeout | None = None,
    ) -> httpx.Request:
        """Build the request (no I/O). Credentials are checked here, before anything is sent.

        ``Accept`` and, with a body, ``Content-Type`` are the media type of the path's API
        version (``honeycomb._operations.MEDIA_TYPES``): JSON:API on ``/2``.

        Returns:
            The request, ready to send.
        """
        media = media_type(self._api_path(path))
        merged = dict(self._base_headers(auth, media))
        if json is not None:
            content = pydantic_core.to_json(json)
        if content is not None:
            merged["Content-Type"] = media
        if headers:
            merged.update(headers)
        clean_params = (
            {k: _param(v) for k, v in params.items() if v is not None} if params else None
        )
        return self.http.build_request(
            method,
            self.url_for(path),
            params=clean_params,
            headers=merged,
            content=content,
            timeout=self._timeout if timeout is None else timeout,
        )

    # -- sending -------------------------------------------------------------------

    async def send_once(
        self, request: httpx.Request, deadline: float | None = None, *, cut: bool = True
    ) -> httpx.Response:
        """Send one attempt and map every failure to the exception tree.

        Args:
            request: The request.
            deadline: When set, the attempt ends by then: every socket operation of a
                client we made is cut to the time left, and with ``cut`` so are the
                request's timeouts (for an injected ``http_client`` too).
            cut: Cut the request's timeouts (needless when none is longer than the time
                left: a first attempt bounded by its own timeout).

        Returns:
            A 2xx response whose body has been read (or a 304 to a conditional request).

        Raises:
            HoneycombError: The client was closed.
            APITimeoutError: The request timed out.
            APIConnectionError: No response arrived.
            APIResponseValidationError: A 2xx arrived whose body does not decode under its
                ``Content-Encoding`` (the first raw bytes are kept on ``.body``).
            APIStatusError: The response status was not 2xx (a typed subclass; a 3xx too:
                redirects are not followed).
        """
        if self.http.is_closed:
            raise HoneycombError(
                "this client is closed: create a new one (or use it in a `with` block "
                "and make calls inside it)"
            )
        token = None
        if deadline is not None:
            left = deadline - _io.monotonic()
            if cut:
                timeouts = request.extensions.get("timeout")
                request.extensions["timeout"] = _timeout_within(timeouts, left)
            # Every socket operation of this attempt ends by then (see _deadline.py).
            token = call_deadline.set(time.monotonic() + max(left, _MIN_ATTEMPT_TIMEOUT))
        debug = logger.isEnabledFor(logging.DEBUG)
        started = time.perf_counter() if debug else 0.0
        try:
            response = await self._receive(request)
        except httpx.TimeoutException as err:
            raise self._without_secrets(
                APITimeoutError(_connection_message(err, request), request=request)
            ) from err
        except httpx.HTTPError as err:
            raise self._without_secrets(
                APIConnectionError(_connection_message(err, request), request=request)
            ) from err
        finally:
            if token is not None:
                call_deadline.reset(token)
        if debug:
            logger.debug(
                "%s %s -> %d in %.1f ms; request headers %s",
                request.method,
                request.url,
                response.status_code,
                (time.perf_counter() - started) * 1000,
                redact_headers(request.headers.multi_items()),
            )
        # The body is read and the connection released: drop the stream, which points
        # back at the response (a reference cycle only the collector would free).
        response.stream = _DRAINED
        info = parse_rate_limit(response.headers)
        if info is not None:
            self.state.rate_limit = info
        status = response.status_code
        # A 304 answers a conditional request (If-None-Match) and means "yours is current";
        # any other 3xx is an error: redirects are not followed, they would carry the key.
        if not (200 <= status < 300 or (status == 304 and _is_conditional(request))):
            raise self._without_secrets(make_status_error(response))
        return response

    async def _receive(self, request: httpx.Request) -> httpx.Response:
        """Send ``request`` and read the body, as ``http.send`` does, except that a body
        which arrived but does not decode under its ``Content-Encoding`` raises an error
        keeping the status and the first raw bytes (httpx would report a ``DecodingError``,
        which reads like a failed connection, and drop the body).

        Raises:
            APIResponseValidationError: A 2xx whose body does not decode.
            APIStatusError: Any other status whose body does not decode.
            httpx.HTTPError: Whatever else httpx raises.
        """
        response = await self.http.send(request, stream=True)
        kept = AsyncRawPrefix.wrap(response)
        try:
            await response.aread()
        except httpx.DecodingError as err:
            await response.aclose()
            raise self._without_secrets(_undecodable(response, bytes(kept or b""), err)) from err
        except BaseException:
            await response.aclose()
            raise
        return response

    async def send(
        self,
        request: httpx.Request,
        *,
        max_retries: int | None = None,
        retry_unsafe: bool = False,
        retry_statuses: frozenset[int] = frozenset(),
        on_retry: Callable[[BaseException], object] | None = None,
        deadline: float | None = None,
    ) -> httpx.Response:
        """Send with retries for what is safe to repeat (see ``honeycomb._retry``), as one
        OpenTelemetry client span when the application traces (see ``honeycomb._tracing``);
        a GET is answered from the client's cache when it has one (``cache_ttl``), and a
        write evicts the cached reads it may have changed (see ``honeycomb._cache``).

        A DELETE whose retry answers 404 succeeds: the earlier attempt, whose answer was
        lost or was a 5xx, most likely deleted it, and either way it is gone. The 404
        response is returned (the resources ignore a DELETE's body).

        Args:
            request: The request.
            max_retries: Overrides the client's setting for this call.
            retry_unsafe: Treat a POST/PATCH as safe to repeat on 5xx and timeouts.
            retry_statuses: Further statuses that mean "rejected, nothing was done".
            on_retry: Called with the failure before each retry (the batcher counts them).
            deadline: A ``_io.monotonic()`` time by which the call must be over. Each
                attempt's timeout is cut to what is left; 429s are waited out (beyond
                ``max_retries``) while the wait fits; a wait that would pass the deadline
                is not started and the last error is raised instead. Without it, the
                request's timeout (the longest of its phases) bounds the whole call,
                retries and their waits included, within ``max_retries``.

        Returns:
            The successful response.

        Raises:
            APIError: The last failure, once retries are spent or not allowed.
        """
        cache = self.state.cache
        if cache is not None:
            hit = cache.lookup(request, self.config.cache_ttl)
            if hit is not None:
                return hit
        span = _tracing.start(request, self._base_path)
        try:
            response = await self._send(
                request, max_retries, retry_unsafe, retry_statuses, on_retry, deadline, span
            )
        except BaseException as exc:
            if span is not None:
                span.failed(exc)
            if cache is not None:
                cache.record(request, None, self.config.cache_ttl)
            raise
        if span is not None:
            span.succeeded(response)
        if cache is not None:
            cache.record(request, response, self.config.cache_ttl)
        return response

    async def _send(
        self,
        request: httpx.Request,
        max_retries: int | None,
        retry_unsafe: bool,
        retry_statuses: frozenset[int],
        on_retry: Callable[[BaseException], object] | None,
        deadline: float | None,
        span: _tracing.RequestSpan | None,
    ) -> httpx.Response:
        retries = self.config.max_retries if max_retries is None else max_retries
        method = request.method
        waits_out_429s = deadline is not None
        if deadline is None:
            overall = _overall(request.extensions.get("timeout"))
            if overall is not None:
                deadline = _io.monotonic() + overall

        # The first attempt runs bare: building a retry loop (or even a closure) for every
        # call that succeeds first time would cost more than the rest of the pipeline.
        try:
            return await self.send_once(request, deadline, cut=waits_out_429s)
        except APIError as exc:
            if retries == 0 and not waits_out_429s:
                raise
            if (
                retry_reason(exc, method, retry_unsafe=retry_unsafe, retry_statuses=retry_statuses)
                is None
            ):
                raise
            replay: list[APIError] = [exc]

        def reason(exc: BaseException) -> str | None:
            return retry_reason(
                exc, method, retry_unsafe=retry_unsafe, retry_statuses=retry_statuses
            )

        async def attempt() -> httpx.Response:
            # Attempt 1 replays the failure already seen, so tenacity numbers the attempts,
            # computes the waits and logs exactly as if it had sent the first one itself.
            if replay:
                raise replay.pop()
            try:
                return await self.send_once(request, deadline)
            except NotFoundError as exc:
                # A DELETE is only retried after a failure that may hide its success (a
                # 5xx, a lost answer). A 404 now most likely means the first attempt did
                # delete it; either way what the caller asked for holds: it is gone.
                if method != "DELETE":
                    raise
                logger.info(
                    "%s %s: 404 on a retry; an earlier attempt deleted it, taken as success",
                    method,
                    request.url.path,
                )
                return exc.response

        def stop(state: RetryCallState) -> bool:
            # tenacity (>= 9) computes the wait before asking whether to stop.
            if deadline is not None and _io.monotonic() + state.upcoming_sleep >= deadline:
                return True
            if waits_out_429s:
                exc = state.outcome.exception() if state.outcome else None
                if isinstance(exc, RateLimitError):
                    return False
            return state.attempt_number > retries

        def wait(state: RetryCallState) -> float:
            exc = state.outcome.exception() if state.outcome else None
            return wait_seconds(exc, state.attempt_number)

        def log_retry(state: RetryCallState) -> None:
            exc = state.outcome.exception() if state.outcome else None
            logger.info(
                "Retrying %s %s in %.2fs (attempt %d of %d): %s",
                method,
                request.url.path,
                state.upcoming_sleep,
                state.attempt_number + 1,
                retries + 1,
                exc and reason(exc),
            )
            if on_retry is not None and exc is not None:
                on_retry(exc)
            if span is not None:
                span.retry(state.attempt_number, reason(exc) if exc else None, state.upcoming_sleep)

        retrying = AsyncRetrying(
            stop=stop,
            retry=retry_if_exception(lambda exc: reason(exc) is not None),
            wait=wait,
            sleep=_io.async_sleep,
            before_sleep=log_retry,
            reraise=True,
        )
        response: httpx.Response = await retrying(attempt)
        return response

    def _without_secrets(self, err: E) -> E:
        """Hide our keys everywhere in an error (message, body, request, response): see
        ``honeycomb._redact``."""
        return without_secrets(err, self.config.secrets())

    # -- decoding ------------------------------------------------------------------

    @overload
    def decode(self, response: httpx.Response, cast: None) -> None: ...
    @overload
    def decode(self, response: httpx.Response, cast: type[T]) -> T: ...
    @overload
    def decode(self, response: httpx.Response, cast: Any) -> Any: ...

    def decode(self, response: httpx.Response, cast: Any) -> Any:
        """Validate the body as ``cast``; a bad body raises, keeping the raw text.

        Args:
            response: A successful response.
            cast: The expected type, or None to ignore the body.

        Returns:
            The decoded value.

        Raises:
            APIResponseValidationError: The body is empty, not JSON (an HTML page from a
                proxy, a truncated body) or not of the expected shape.
        """
        if cast is None:
            return None
        content = response.content
        if not content or content.isspace():  # (strip() would copy the whole body)
            raise APIResponseValidationError(
                f"expected a JSON body from {response.request.method} "
                f"{response.request.url.path} but the response ({response.status_code}) "
                "was empty",
                response=response,
                body=None,
            )
        try:
            if len(content) < LARGE_BODY:
                return adapter_for(cast).validate_json(content)
            with paused_gc(keep=True):
                return adapter_for(cast).validate_json(content)
        except pydantic.ValidationError as err:
            text = content.decode("utf-8", errors="replace")
            if any(e["type"] == "json_invalid" for e in err.errors()):
                ctype = response.headers.get("content-type", "no content type")
                kind = "an HTML page" if text.lstrip()[:1] == "<" else "not valid JSON"
                raise self._without_secrets(
                    APIResponseValidationError(
                        f"the response to {response.request.method} {response.request.url.path} "
                        f"is {kind} ({ctype}, {len(content)} bytes); a proxy or a truncated "
                        "body? The raw text is kept on .body",
                        response=response,
                        body=text,
                    )
                ) from err
            raise self._without_secrets(
                APIResponseValidationError(
                    f"the response to {response.request.method} {response.request.url.path} "
                    f"did not match {getattr(cast, '__name__', cast)}: {_problems(err)}",
                    response=response,
                    body=_loads_or_text(text),
                )
            ) from err

    # -- the whole pipeline ---------------------------------------------------------

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        content: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        cast: Any = None,
        auth: AuthKind = "config",
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
        retry_unsafe: bool = False,
        retry_statuses: frozenset[int] = frozenset(),
        deadline: float | None = None,
        parse: Callable[[Any], Any] | None = None,
    ) -> Any:
        """Build, send with retries, raise on error status, and decode.

        See ``send`` for ``max_retries``, ``retry_unsafe``, ``retry_statuses`` and
        ``deadline``. ``parse`` post-processes the decoded body (a JSON:API document, a
        listing page); whatever it raises about the body's shape becomes an
        ``APIResponseValidationError`` that keeps the body.

        Returns:
            The body decoded as ``cast`` (None when ``cast`` is None), passed through
            ``parse`` when given.

        Raises:
            MissingCredentialError: The needed kind of key is not configured (nothing sent).
            APIError: A subclass for every failure (see ``honeycomb.errors``).
        """
        request = self.build(
            method,
            path,
            params=params,
            json=json,
            content=content,
            headers=headers,
            auth=auth,
            timeout=timeout,
        )
        response = await self.send(
            request,
            max_retries=max_retries,
            retry_unsafe=retry_unsafe,
            retry_statuses=retry_statuses,
            deadline=deadline,
        )
        value = self.decode(response, cast)
        return value if parse is None else self._parsed(response, value, parse)

    def _parsed(self, response: httpx.Response, value: Any, parse: Callable[[Any], Any]) -> Any:
        try:
            return parse(value)
        # What reading an unexpected shape raises: a missing key, a list for a dict, None,
        # a model that does not validate (pydantic's ValidationError is a ValueError).
        except (ValueError, TypeError, AttributeError, LookupError) as err:
            reason = (
                _problems(err) if isinstance(err, pydantic.ValidationError) else repr(err)[:300]
            )
            raise self._without_secrets(
                APIResponseValidationError(
                    f"the response to {response.request.method} {response.request.url.path} "
                    f"does not have the expected shape ({reason}); the body is kept on .body",
                    response=response,
                    body=value,
                )
            ) from err

    async def team_slug(self, team: str | None = None) -> str:
        """The team slug for /2 paths: the argument, the client's, or ``GET /2/auth`` (cached).

        Args:
            team: An explicit slug for this call.

        Returns:
            The slug.

        Raises:
            MissingCredentialError: No management key to discover it with.
            APIError: Discovery failed.
        """
        if team:
            return team
        if self.state.team:
            return self.state.team
        async with self.state.team_lock:
            if not self.state.team:
                from honeycomb.models.auth import team_slug_from_v2_auth

                self.state.team = await self.request(
                    "GET", "/2/auth", auth="management", cast=Any, parse=team_slug_from_v2_auth
                )
        return self.state.team

    async def aclose(self) -> None:
        """Close the connection pool, if this requester created it."""
        if self.owns_http:
            await self.http.aclose()


def _new_cache(base_path: str) -> ResponseCache:
    """A response cache; hishel is imported only by clients that cache."""
    try:
        from honeycomb._cache import ResponseCache
    except ImportError as err:
        raise ImportError(
            'cache_ttl needs hishel: pip install "honeycomb-sdk[cache]"', name=err.name
        ) from err
    return ResponseCache(base_path)


_MIN_ATTEMPT_TIMEOUT = 0.05
_DRAINED = httpx.ByteStream(b"")


def _undecodable(response: httpx.Response, raw: bytes, err: httpx.DecodingError) -> APIError:
    """The error for a response whose body arrived but did not decode: a detached copy of
    the response holds the raw bytes received (at most ``RAW_PREFIX``), without the
    ``Content-Encoding`` they failed to decode under, so that reading it cannot fail again.
    """
    encoding = response.headers.get("content-encoding", "")
    copy = httpx.Response(
        response.status_code,
        headers=[
            (name, value)
            for name, value in response.headers.multi_items()
            if name.lower() != "content-encoding"
        ],
        content=raw,
        request=response.request,
        extensions={
            k: v for k, v in response.extensions.items() if k in ("http_version", "reason_phrase")
        },
    )
    if not 200 <= response.status_code < 300:
        return make_status_error(copy)
    request = response.request
    return APIResponseValidationError(
        f"the response to {request.method} {request.url.path} arrived "
        f"({response.status_code} {response.reason_phrase}, Content-Encoding: {encoding}) "
        f"but its body could not be decoded ({err}); the first {len(raw):,} raw bytes "
        "received are kept on .body",
        response=copy,
        body=raw,
    )


def _timeout_within(current: Any, left: float) -> dict[str, float | None]:
    """Timeout extension values cut so that one attempt cannot take more than ``left``."""
    remaining = max(left, _MIN_ATTEMPT_TIMEOUT)
    values = dict(current) if isinstance(current, dict) else {}
    return {
        phase: remaining if values.get(phase) is None else min(values[phase], remaining)
        for phase in ("connect", "read", "write", "pool")
    }


def _overall(timeout: Any) -> float | None:
    """The longest phase of a timeout extension: how long the whole call may take."""
    if not isinstance(timeout, dict):
        return None
    phases = [v for v in timeout.values() if v is not None]
    return max(phases) if phases else None


def _connection_message(err: httpx.HTTPError, request: httpx.Request) -> str:
    """``ConnectError on GET /1/auth (https://api.honeycomb.io): ...``, naming the host
    that could not be resolved when that is what happened."""
    url = request.url
    port = f":{url.port}" if url.port else ""
    text = f"{type(err).__name__} on {request.method} {url.path} ({url.scheme}://{url.host}{port})"
    cause: BaseException | None = err
    while cause is not None:
        if isinstance(cause, socket.gaierror):
            return f"{text}: cannot resolve host {url.host!r} ({cause})"
        cause = cause.__cause__ or cause.__context__
    detail = str(err)
    return f"{text}: {detail}" if detail else text


def _problems(err: pydantic.ValidationError, limit: int = 5) -> str:
    """Where the body did not match and why, without the values: a body may hold a
    secret (the answer to ``api_keys.create``), and pydantic's message quotes inputs."""
    found = err.errors(include_url=False, include_input=False, include_context=False)
    text = "; ".join(
        f"{'.'.join(str(part) for part in e['loc']) or 'body'}: {e['msg']}" for e in found[:limit]
    )
    more = len(found) - limit
    return f"{text} (and {more} more)" if more > 0 else text


def _is_conditional(request: httpx.Request) -> bool:
    return "if-none-match" in request.headers or "if-modified-since" in request.headers


def _param(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _loads_or_text(text: str) -> Any:
    try:
        return pydantic_core.from_json(text)
    except ValueError:
        return text
