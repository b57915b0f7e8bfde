"""The table-driven router: request -> route -> faults -> credentials -> handler -> response."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from honeycomb.testing._core import Ctx, Route
from honeycomb.testing._faults import Fault
from honeycomb.testing._http import (
    JSONAPI,
    ApiError,
    FakeRequest,
    FakeResponse,
    bad_request,
    forbidden,
    json_response,
    jsonapi_error,
    not_found,
    rate_limited,
    unauthorized,
)
from honeycomb.testing._negotiation import accepts
from honeycomb.testing._ratelimits import UNCOUNTED, RateLimits, Windows, bucket
from honeycomb.testing._state import State

__all__ = ["RecordedRequest", "Router", "Settings", "all_routes"]

_PERMISSION_NAMES = {
    "create_datasets": "Create Datasets",
    "send_events": "Send Events",
    "manage_markers": "Manage Markers",
    "manage_triggers": "Manage Triggers",
    "manage_boards": "Manage Public Boards",
    "run_queries": "Run Queries",
    "manage_columns": "Manage Queries and Columns",
    "manage_slos": "Manage SLOs",
    "manage_recipients": "Manage Recipients",
    "manage_signals": "Manage Signals",
    "manage_privateBoards": "Manage Private Boards",
    "read_service_maps": "Read Service Maps",
    "visible_team_members": "View Team Members",
}


@dataclass
class Settings:
    """Behaviour switches of one fake.

    Attributes:
        query_polls: How many ``GET`` of a query result (or service-map request) answer
            ``complete: false`` before the complete result (0: complete at once).
        page_size: Default ``page[size]`` of paginated listings.
        rate_limits: Count requests and report (or enforce) Honeycomb's rate limits;
            None: no ``RateLimit`` headers, no 429 but injected ones.
    """

    query_polls: int = 1
    page_size: int = 20
    rate_limits: RateLimits | None = None


@dataclass
class RecordedRequest:
    """One request the fake received, for assertions in tests.

    Attributes:
        method: The HTTP method.
        path: The URL path.
        params: The query parameters (first value of each).
        headers: The headers, lower-cased names.
        body: The raw body (decompressed when it was gzip/zstd encoded).
        operation: The operationId it matched, or None.
        status: The status answered (0 for a dropped connection).
    """

    method: str
    path: str
    params: dict[str, str]
    headers: dict[str, str]
    body: bytes
    operation: str | None = None
    status: int = 0
    fault: Fault | None = field(default=None, repr=False)

    @property
    def json(self) -> Any:
        """The body decoded as JSON (None when empty or not JSON)."""
        try:
            return json.loads(self.body) if self.body else None
        except ValueError:
            return None


def all_routes() -> list[Route]:
    """Every route, from every route module."""
    from honeycomb.testing import (
        _routes_alerts,
        _routes_boards,
        _routes_datasets,
        _routes_events,
        _routes_markers,
        _routes_misc,
        _routes_queries,
        _routes_v2,
    )

    routes: list[Route] = []
    for module in (
        _routes_misc,
        _routes_datasets,
        _routes_events,
        _routes_queries,
        _routes_alerts,
        _routes_boards,
        _routes_markers,
        _routes_v2,
    ):
        routes.extend(module.ROUTES)
    return routes


class Router:
    """Routes requests over one ``State``; thread-safe (one lock around each request)."""

    def __init__(self, state: State, settings: Settings, routes: Iterable[Route]) -> None:
        self.state = state
        self.settings = settings
        self.routes = list(routes)
        self.faults: list[Fault] = []
        self.requests: list[RecordedRequest] = []
        self.lock = threading.RLock()
        self.windows = Windows(settings.rate_limits) if settings.rate_limits else None

    def match(self, request: FakeRequest) -> tuple[Route | None, dict[str, str], bool]:
        """The route for a request, its path parameters, and whether the path exists at all."""
        path_known = False
        for route in self.routes:
            found = route.pattern.match(request.path)
            if found is None:
                continue
            path_known = True
            if route.method == request.method:
                from urllib.parse import unquote

                return route, {k: unquote(v) for k, v in found.groupdict().items()}, True
        return None, {}, path_known

    def handle(self, request: FakeRequest) -> FakeResponse:
        """Answer one request (never raises)."""
        with self.lock:
            request = _decompress(request)
            route, params, path_known = self.match(request)
            operation = route.operation if route else None
            record = RecordedRequest(
                method=request.method,
                path=request.path,
                params={k: v[0] for k, v in request.query.items() if v},
                headers=dict(request.headers),
                body=request.body,
                operation=operation,
            )
            self.requests.append(record)
            v2 = request.path.startswith("/2/")
            delay = 0.0
            response: FakeResponse | None = None
            for fault in self.faults:
                if fault.matches(operation, request):
                    fault.consume()
                    record.fault = fault
                    response = fault.response(v2=v2, now=self.state.now())
                    delay = fault.latency
                    break
            if response is None:
                response = self._limited(route, params, path_known, request, v2)
                response.delay = max(response.delay, delay)
            record.status = response.status
            return response

    def _limited(
        self,
        route: Route | None,
        params: dict[str, str],
        path_known: bool,
        request: FakeRequest,
        v2: bool,
    ) -> FakeResponse:
        """Dispatch, counting the request against its rate-limit window when asked to."""
        if self.windows is None or route is None or route.operation in UNCOUNTED:
            return self._dispatch(route, params, path_known, request, v2)
        over, headers = self.windows.count(bucket(request.method, request.path), self.state.now())
        if over and self.windows.limits.enforce:
            reset = headers["RateLimit"].rsplit("=", 1)[1]
            response = rate_limited(f"Please try again in {reset} seconds.", v2=v2).response
        else:
            response = self._dispatch(route, params, path_known, request, v2)
        response.headers.update(headers)
        return response

    def _dispatch(
        self,
        route: Route | None,
        params: dict[str, str],
        path_known: bool,
        request: FakeRequest,
        v2: bool,
    ) -> FakeResponse:
        if route is None:
            if path_known:
                if v2:
                    return jsonapi_error(405, "method-not-allowed", "Method Not Allowed").response
                return json_response(405, {"error": "method not allowed"})
            return not_found("route", v2=v2).response
        try:
            if v2 and not accepts(request.header("accept"), JSONAPI):
                # A strict JSON:API server negotiates before anything else.
                raise jsonapi_error(
                    406,
                    "not-acceptable",
                    "Not Acceptable",
                    f"Accept must admit {JSONAPI} (it was {request.header('accept')!r})",
                )
            ctx = self._authenticate(route, request, params)
            invalid = request.header("x-fake-invalid-encoding")
            if invalid:
                raise bad_request(f"invalid {invalid} data", v2=v2)
            return route.handler(ctx)
        except ApiError as err:
            return err.response

    def _authenticate(self, route: Route, request: FakeRequest, params: dict[str, str]) -> Ctx:
        state = self.state
        if route.auth == "management":
            header = request.header("authorization") or ""
            if not header.lower().startswith("bearer "):
                raise unauthorized("missing or malformed Authorization header", v2=True)
            manager = state.find_key(header[7:].strip())
            if manager is None or manager.key_type != "management" or manager.disabled:
                raise unauthorized("unknown API key - check your credentials", v2=True)
            missing = [s for s in route.scopes if s not in manager.scopes]
            if missing:
                raise forbidden(
                    f"this management key lacks the scope(s): {', '.join(missing)}", v2=True
                )
            team = state.team_of(manager)
            if "team" in params and params["team"] != team.slug:
                raise not_found("team", v2=True)
            if request.method in ("POST", "PATCH", "PUT") and request.body:
                ctype = (request.header("content-type") or "").split(";")[0].strip().lower()
                if ctype != JSONAPI:
                    raise jsonapi_error(
                        415,
                        "unsupported-media-type",
                        "Unsupported Media Type",
                        f"Content-Type must be {JSONAPI}",
                    )
            return Ctx(state, request, params, manager, team, None, self.settings, v2=True)
        header_name = "x-amz-firehose-access-key" if route.auth == "kinesis" else "x-honeycomb-team"
        value = request.header(header_name)
        if not value:
            if request.header("authorization"):
                raise unauthorized(
                    "this endpoint takes a configuration or ingest key in X-Honeycomb-Team, "
                    "not a management key"
                )
            shown = "X-Amz-Firehose-Access-Key" if route.auth == "kinesis" else "X-Honeycomb-Team"
            raise unauthorized(f"missing '{shown}' header")
        found = state.find_key(value.strip())
        if found is None or found.key_type == "management" or found.disabled:
            raise unauthorized()
        key = found
        if key.key_type == "ingest" and route.auth == "config" and route.operation != "getAuth":
            raise unauthorized("ingest keys can only send events; use a configuration key")
        missing = [p for p in route.permissions if not key.can(p)]
        if missing:
            names = ", ".join(_PERMISSION_NAMES.get(p, p) for p in missing)
            raise forbidden(f"this API key lacks the {names} permission")
        env = state.environment_of(key)
        if env is None:
            raise unauthorized("the environment of this API key no longer exists")
        return Ctx(state, request, params, key, state.team_of(key), env, self.settings)


def _decompress(request: FakeRequest) -> FakeRequest:
    encoding = (request.header("content-encoding") or "").lower().strip()
    if not encoding or encoding == "identity" or not request.body:
        return request
    try:
        if encoding == "gzip":
            import gzip

            body = gzip.decompress(request.body)
        elif encoding == "zstd":
            import zstandard

            body = zstandard.ZstdDecompressor().decompressobj().decompress(request.body)
        else:
            return request
    except Exception:  # a corrupt body: answered with 400 "invalid gzip data"
        headers = {**request.headers, "x-fake-invalid-encoding": encoding}
        return FakeRequest(request.method, request.path, request.query, headers, b"")
    headers = {k: v for k, v in request.headers.items() if k != "content-encoding"}
    headers["x-fake-content-encoding"] = encoding
    return FakeRequest(request.method, request.path, request.query, headers, body)
