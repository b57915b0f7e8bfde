"""OpenTelemetry spans for SDK operations, when the application uses OpenTelemetry.

Pure: the pipeline calls ``start`` once per operation and ``RequestSpan`` methods on what
happens; the polling helpers and the batcher open ``internal`` parent spans.

Costs nothing measurable when tracing is off. The SDK never imports ``opentelemetry``
itself (that import takes about 70 ms): an application that traces has imported
``opentelemetry.trace`` to configure its tracer provider, so a look in ``sys.modules``
says whether there is anything to do, and a ``ProxyTracerProvider`` (the API's
placeholder until a provider is set) or a ``NoOpTracerProvider`` means there is not.

What a span may hold: the method, the path template, the server's host and port, the
status code, an error type (a status code or an exception class name), the operation id,
the dataset slug, retry reasons and waits. Never a header value, a key, a query string,
a body or an error message (those can echo a request body).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from honeycomb._routes import match
from honeycomb._version import __version__

if TYPE_CHECKING:
    import httpx
    from opentelemetry.trace import Span, Tracer

__all__ = ["RequestSpan", "error_type", "internal", "start"]

TRACER_NAME = "honeycomb-sdk"
_DEFAULT_PORTS = {"https": 443, "http": 80}
_DATASET_PARAM = "datasetSlug"

# The provider a tracer was last made from, and that tracer.
_cached: tuple[object, Tracer] | None = None


def _tracer() -> Tracer | None:
    """The SDK's tracer, or None when no tracer provider is configured."""
    global _cached
    trace = sys.modules.get("opentelemetry.trace")
    if trace is None:
        return None
    provider = trace.get_tracer_provider()
    if isinstance(provider, (trace.ProxyTracerProvider, trace.NoOpTracerProvider)):
        return None
    cached = _cached
    if cached is not None and cached[0] is provider:
        return cached[1]
    tracer: Tracer = provider.get_tracer(TRACER_NAME, __version__)
    _cached = (provider, tracer)
    return tracer


def error_type(exc: BaseException) -> str:
    """The ``error.type`` of a failure: the status code of an HTTP error, else the class.

    Args:
        exc: What the operation raised.

    Returns:
        ``"404"`` for an ``APIStatusError``, else the exception's class name.
    """
    status = getattr(exc, "status_code", None)
    if isinstance(status, int):
        return str(status)
    return type(exc).__qualname__


class RequestSpan:
    """The client span of one operation (all its attempts), current while it is open."""

    __slots__ = ("_span", "_token")

    def __init__(self, span: Span, token: object) -> None:
        self._span = span
        self._token = token

    def retry(self, resend: int, reason: str | None, wait: float) -> None:
        """Record that the operation will be sent again.

        Args:
            resend: How many times it will have been resent, this one included.
            reason: Why (``"429 rate limited"``, ``"ConnectError before the request was sent"``).
            wait: The wait before it, in seconds.
        """
        self._span.add_event(
            "retry",
            {
                "honeycomb.retry.reason": reason or "",
                "honeycomb.retry.wait_seconds": round(wait, 3),
                "http.request.resend_count": resend,
            },
        )
        self._span.set_attribute("http.request.resend_count", resend)

    def succeeded(self, response: httpx.Response) -> None:
        """End the span with the response's status code.

        Args:
            response: The final response.
        """
        self._span.set_attribute("http.response.status_code", response.status_code)
        self._end()

    def failed(self, exc: BaseException) -> None:
        """End the span as an error: its type and status code, never its message.

        Args:
            exc: What the operation raised.
        """
        from opentelemetry.trace import Status, StatusCode

        status = getattr(exc, "status_code", None)
        if isinstance(status, int):
            self._span.set_attribute("http.response.status_code", status)
        kind = error_type(exc)
        self._span.set_attribute("error.type", kind)
        self._span.set_status(Status(StatusCode.ERROR, kind))
        self._end()

    def _end(self) -> None:
        from opentelemetry import context

        self._span.end()
        context.detach(self._token)  # type: ignore[arg-type]


def start(request: httpx.Request, base_path: str) -> RequestSpan | None:
    """Open the client span of one operation, or return None when tracing is off.

    Args:
        request: The built request (its method and URL are read, nothing else).
        base_path: The path of the API root (``""``, or a proxy's prefix) to strip.

    Returns:
        The open span, made current so that spans of the HTTP layer nest under it.
    """
    tracer = _tracer()
    if tracer is None:
        return None
    from opentelemetry import context, trace

    method = request.method
    path = request.url.path
    if base_path and path.startswith(base_path):
        path = path[len(base_path) :]
    route = match(method, path)
    url = request.url
    attributes: dict[str, Any] = {
        "http.request.method": method,
        "server.address": url.host,
        "server.port": url.port or _DEFAULT_PORTS.get(url.scheme, 443),
    }
    name = method
    if route is not None:
        name = f"{method} {route.template}"
        attributes["url.template"] = route.template
        attributes["honeycomb.operation"] = route.operation_id
        dataset = route.params.get(_DATASET_PARAM)
        if dataset is not None:
            attributes["honeycomb.dataset"] = dataset
    span = tracer.start_span(name, kind=trace.SpanKind.CLIENT, attributes=attributes)
    token = context.attach(trace.set_span_in_context(span))
    return RequestSpan(span, token)


@contextmanager
def internal(
    name: str, *, dataset: str | None = None, root: bool = False, **attributes: str | int
) -> Iterator[Span | None]:
    """A parent span around several operations (a query run, a batch delivery).

    Examples:
        >>> with internal("honeycomb.query_results.run", dataset="web") as span:
        ...     pass

    Args:
        name: The span name.
        dataset: The dataset slug (``honeycomb.dataset``), if there is one.
        root: Start a trace of its own instead of joining the current one (background
            work such as the batcher's deliveries belongs to no caller's trace).
        **attributes: Further ``honeycomb.*`` attributes by their last part
            (``event_count=5`` is ``honeycomb.event_count``); no secrets, no bodies.

    Yields:
        The span, current within the block (None when tracing is off), to add attributes
        learnt on the way. A failure is recorded by its type only.
    """
    tracer = _tracer()
    if tracer is None:
        yield None
        return
    from opentelemetry.context import Context
    from opentelemetry.trace import SpanKind, Status, StatusCode

    named: dict[str, str | int] = {f"honeycomb.{key}": value for key, value in attributes.items()}
    if dataset is not None:
        named["honeycomb.dataset"] = dataset
    with tracer.start_as_current_span(
        name,
        context=Context() if root else None,
        kind=SpanKind.INTERNAL,
        attributes=named,
        record_exception=False,  # the message and traceback could carry a body
        set_status_on_exception=False,
    ) as span:
        try:
            yield span
        except BaseException as exc:
            kind = error_type(exc)
            span.set_attribute("error.type", kind)
            span.set_status(Status(StatusCode.ERROR, kind))
            raise
