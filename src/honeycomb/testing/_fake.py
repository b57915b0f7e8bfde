"""``FakeHoneycomb``: the whole Honeycomb API, in memory."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

import httpx

from honeycomb.testing._faults import Fault
from honeycomb.testing._http import FakeRequest, FakeResponse
from honeycomb.testing._ratelimits import RateLimits
from honeycomb.testing._router import RecordedRequest, Router, Settings, all_routes
from honeycomb.testing._state import (
    CONFIG_PERMISSIONS,
    MANAGEMENT_SCOPES,
    Environment,
    Key,
    State,
    Team,
    slugify,
)
from honeycomb.testing._transport import FakeAsyncTransport, FakeTransport

if TYPE_CHECKING:
    from honeycomb import AsyncClient, Client

__all__ = ["FakeHoneycomb", "FakeKey"]

BASE_URL = "https://api.honeycomb.io"


@dataclass(frozen=True)
class FakeKey:
    """A key made by ``FakeHoneycomb.add_key``.

    Attributes:
        id: The key id (``hcxlk_…``, ``hcxik_…``, ``hcxmk_…``).
        secret: The secret.
        value: What a client passes: ``api_key=value`` for ingest and configuration keys,
            ``management_key=value`` (``"id:secret"``) for management keys.
        kind: ``configuration``, ``ingest`` or ``management``.
    """

    id: str
    secret: str = ""
    value: str = ""
    kind: str = "configuration"

    def __repr__(self) -> str:
        return f"FakeKey(id={self.id!r}, kind={self.kind!r})"


class FakeHoneycomb:
    """A stateful, in-memory double of the Honeycomb API for tests, demos and notebooks.

    Every operation of the API is implemented over in-memory state, with the real API's
    status codes, error bodies and quirks; the SDK's clients talk to it through an httpx
    transport (no network) or a local HTTP server.

    Examples:
        >>> fake = FakeHoneycomb()
        >>> client = fake.client()          # no network: requests go straight to the fake
        >>> client.datasets.create({"name": "web"}).slug
        'web'
        >>> client.events.send("web", {"route": "/home"})
        >>> [event["data"] for event in fake.events("web")]
        [{'route': '/home'}]

    Args:
        team: The default team's slug.
        environment: The default environment's name.
        query_polls: How many polls of a query result (or service-map request) answer
            ``complete: false`` before the result is complete.
        page_size: The default ``page[size]`` of paginated listings.
        seed: Seed for generated ids (reproducible runs).
        clock: Returns the current time in epoch seconds (default ``time.time``).
        rate_limits: Count requests per resource and action in fixed windows, as the API
            does, and answer with ``RateLimit``/``RateLimit-Policy`` (and 429 past the
            limit with ``enforce=True``); None (the default) sends no such headers.

    Attributes:
        api_key: The configuration key (all permissions) of the default environment.
        ingest_key: An ingest key of the default environment (may create datasets).
        management_key: ``"id:secret"`` of a management key with every scope.
        team_slug: The default team's slug.
        environment_slug: The default environment's slug.
    """

    def __init__(
        self,
        *,
        team: str = "fake-team",
        environment: str = "Test",
        query_polls: int = 1,
        page_size: int = 20,
        seed: int | None = None,
        clock: Callable[[], float] = time.time,
        rate_limits: RateLimits | None = None,
    ) -> None:
        self._state = State(seed=seed, clock=clock)
        self.settings = Settings(
            query_polls=query_polls, page_size=page_size, rate_limits=rate_limits
        )
        self._router = Router(self._state, self.settings, all_routes())
        now = self._state.now_iso()
        team_obj = Team(id=self._state.new_id(prefix="hcatm_", length=26), name=team, slug=team)
        self._state.teams[team_obj.id] = team_obj
        self._team = team_obj
        self._env = self.add_environment(environment)
        self._now = now
        config = self.add_key("configuration", name="fake configuration key")
        ingest = self.add_key("ingest", name="fake ingest key", permissions={"create_datasets"})
        management = self.add_key("management", name="fake management key")
        self.api_key: str = config.value
        self.ingest_key: str = ingest.value
        self.management_key: str = management.value
        self.team_slug: str = team_obj.slug
        self.environment_slug: str = self._env.slug

    def __repr__(self) -> str:
        return f"FakeHoneycomb(team={self.team_slug!r}, environment={self.environment_slug!r})"

    # -- the core ------------------------------------------------------------------------

    def handle(self, request: FakeRequest) -> FakeResponse:
        """Answer one request (the pure core both transports and the server use).

        Args:
            request: The request.

        Returns:
            The response (or a ``failure`` the transport turns into an exception).
        """
        return self._router.handle(request)

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every request received, in order (method, path, params, headers, body, status)."""
        return self._router.requests

    def clear_requests(self) -> None:
        """Forget the recorded requests."""
        self._router.requests.clear()

    @property
    def state(self) -> State:
        """The raw in-memory state (teams, environments, datasets...), for advanced tests."""
        return self._state

    @property
    def environment(self) -> Environment:
        """The default environment."""
        return self._env

    # -- clients and transports ----------------------------------------------------------

    def transport(self) -> httpx.BaseTransport:
        """A sync httpx transport answering from this fake.

        Returns:
            ``httpx.BaseTransport`` for ``httpx.Client(transport=...)``.
        """
        return FakeTransport(self.handle)

    def async_transport(self) -> httpx.AsyncBaseTransport:
        """An async httpx transport answering from this fake.

        Returns:
            ``httpx.AsyncBaseTransport`` for ``httpx.AsyncClient(transport=...)``.
        """
        return FakeAsyncTransport(self.handle)

    def _client_kwargs(self, kwargs: dict[str, Any]) -> dict[str, Any]:
        options: dict[str, Any] = {
            "api_key": self.api_key,
            "management_key": self.management_key,
            "team": self.team_slug,
            "base_url": BASE_URL,
        }
        options.update(kwargs)
        return options

    def client(self, **kwargs: Any) -> Client:
        """A ``honeycomb.Client`` wired to this fake (no network).

        Examples:
            >>> fake = FakeHoneycomb()
            >>> client = fake.client(max_retries=0)
            >>> client.auth.get().team.slug
            'fake-team'

        Args:
            **kwargs: Any ``Client`` keyword, overriding the defaults (the fake's keys, its
                team, ``base_url="https://api.honeycomb.io"``).

        Returns:
            The client.
        """
        from honeycomb import Client

        options = self._client_kwargs(kwargs)
        options.setdefault("http_client", httpx.Client(transport=self.transport()))
        return Client(**options)

    def async_client(self, **kwargs: Any) -> AsyncClient:
        """A ``honeycomb.AsyncClient`` wired to this fake (no network).

        Args:
            **kwargs: Any ``AsyncClient`` keyword, overriding the defaults.

        Returns:
            The client.
        """
        from honeycomb import AsyncClient

        options = self._client_kwargs(kwargs)
        options.setdefault("http_client", httpx.AsyncClient(transport=self.async_transport()))
        return AsyncClient(**options)

    @contextmanager
    def serve(self, port: int = 0, host: str = "127.0.0.1") -> Iterator[str]:
        """Serve this fake over HTTP on the loopback interface while the block runs.

        Examples:
            >>> from honeycomb import Client
            >>> fake = FakeHoneycomb()
            >>> with fake.serve() as url, Client(api_key=fake.api_key, base_url=url) as client:
            ...     print(url.startswith("http://127.0.0.1:"), client.auth.get().team.slug)
            True fake-team

        Args:
            port: The port (0 picks a free one).
            host: The address to bind (loopback only, unless you know better).

        Yields:
            The base URL, e.g. ``http://127.0.0.1:54321``.
        """
        from honeycomb.testing._server import FakeServer

        server = FakeServer(self.handle, host, port)
        url = server.start()
        try:
            yield url
        finally:
            server.stop()

    # -- faults --------------------------------------------------------------------------

    def inject(
        self,
        operation: str | None = None,
        *,
        method: str | None = None,
        path: str | None = None,
        status: int | None = None,
        times: int | None = 1,
        retry_after: float | str | datetime | None = None,
        rate_limit: tuple[int, int, int] | dict[str, int] | str | None = None,
        latency: float = 0.0,
        failure: str | None = None,
        body: Any = None,
        headers: Mapping[str, str] | None = None,
    ) -> Fault:
        """Make the next matching request(s) fail, slow down or drop the connection.

        Examples:
            >>> from honeycomb import RateLimitError
            >>> fake = FakeHoneycomb()
            >>> fault = fake.inject("listDatasets", status=429, times=2, retry_after=1)
            >>> client = fake.client(max_retries=0)
            >>> try:
            ...     client.datasets.list()
            ... except RateLimitError as err:
            ...     print(err.status_code, err.retry_after)
            429 1.0
            >>> fault.hits, fault.remaining
            (1, 1)

        Args:
            operation: An operationId (``"createQueryResult"``) or ``"METHOD /path/glob"``
                (``"POST /1/batch/*"``); None matches by ``method``/``path`` (or everything).
            method: The HTTP method to match.
            path: A glob over the path (``/1/query_results/*``).
            status: The status to answer (429 and 5xx get the API's own error bodies).
            times: How many requests it applies to; None for every one.
            retry_after: ``Retry-After`` in seconds, a datetime or an HTTP-date string.
            rate_limit: ``RateLimit``: ``(limit, remaining, reset)``, a dict or a string.
            latency: Seconds to wait before answering (or failing).
            failure: ``"connect"`` (``httpx.ConnectError``), ``"disconnect"``
                (``httpx.RemoteProtocolError``) or ``"timeout"`` (``httpx.ReadTimeout``);
                the local server closes the socket instead.
            body: A body to answer with (JSON value, or bytes sent as text/html).
            headers: Further response headers.

        Returns:
            The fault (``hits`` and ``remaining`` show how it was used).

        Raises:
            ValueError: Nothing to inject, or an unknown failure kind.
        """
        fault = Fault(
            operation=operation,
            method=method,
            path=path,
            status=status,
            remaining=times,
            retry_after=retry_after,
            rate_limit=rate_limit,
            latency=latency,
            failure=failure,
            body=body,
            headers=dict(headers or {}),
        )
        with self._router.lock:
            self._router.faults.append(fault)
        return fault

    def clear_faults(self) -> None:
        """Remove every injected fault."""
        with self._router.lock:
            self._router.faults.clear()

    # -- seeding -------------------------------------------------------------------------

    def add_environment(
        self,
        name: str,
        *,
        description: str = "",
        color: str = "blue",
        delete_protected: bool = True,
    ) -> Environment:
        """Add an environment to the team.

        Args:
            name: Its name (the slug is derived from it).
            description: Its description.
            color: One of the environment colors.
            delete_protected: Whether deleting it is refused (the default, as in Honeycomb).

        Returns:
            The environment.
        """
        from honeycomb.testing._routes_v2 import new_environment

        env = new_environment(self._state, self._team.id, name, description, color)
        env.delete_protected = delete_protected
        with self._router.lock:
            self._team.environments[env.id] = env
        return env

    def add_key(
        self,
        kind: str = "configuration",
        *,
        name: str | None = None,
        permissions: Iterable[str] | Mapping[str, bool] | None = None,
        scopes: Iterable[str] | None = None,
        environment: str | None = None,
        disabled: bool = False,
    ) -> FakeKey:
        """Add an API key.

        Examples:
            >>> from honeycomb import PermissionDeniedError
            >>> fake = FakeHoneycomb()
            >>> key = fake.add_key(permissions={"run_queries"})
            >>> client = fake.client(api_key=key.value)
            >>> try:
            ...     client.datasets.create({"name": "web"})
            ... except PermissionDeniedError as err:
            ...     print(err.status_code)
            403

        Args:
            kind: ``configuration``, ``ingest`` or ``management``.
            name: Its name.
            permissions: For configuration keys, the permissions it holds (default: all of
                them); for ingest keys, ``{"create_datasets"}`` or nothing.
            scopes: For management keys, the scopes (default: all of them).
            environment: The environment slug or id (default: the default environment).
            disabled: Make a disabled key (answered with 401).

        Returns:
            The key.

        Raises:
            ValueError: Unknown kind, permission, scope or environment.
        """
        if kind not in ("configuration", "ingest", "management"):
            raise ValueError(f"kind must be configuration, ingest or management, not {kind!r}")
        state = self._state
        now = state.now_iso()
        if kind == "management":
            chosen = list(MANAGEMENT_SCOPES if scopes is None else scopes)
            unknown = set(chosen) - set(MANAGEMENT_SCOPES)
            if unknown:
                raise ValueError(f"unknown scopes: {sorted(unknown)}")
            key = Key(
                id="hcxmk_" + state.new_id(26).lower(),
                secret=state.new_id(32).lower(),
                key_type="management",
                name=name or "management key",
                team_id=self._team.id,
                environment_id=None,
                created_at=now,
                updated_at=now,
                disabled=disabled,
                scopes=chosen,
            )
        else:
            env = self._env if environment is None else self._find_env(environment)
            if permissions is None:
                granted = dict.fromkeys(CONFIG_PERMISSIONS, True) if kind == "configuration" else {}
            elif isinstance(permissions, Mapping):
                granted = {k: bool(v) for k, v in permissions.items()}
            else:
                granted = dict.fromkeys(permissions, True)
            allowed = CONFIG_PERMISSIONS if kind == "configuration" else ("create_datasets",)
            unknown = set(granted) - set(allowed)
            if unknown:
                raise ValueError(f"unknown permissions for a {kind} key: {sorted(unknown)}")
            prefix = "hcxlk_" if kind == "configuration" else "hcxik_"
            key = Key(
                id=prefix + state.new_id(26).lower(),
                secret=state.new_id(32).lower(),
                key_type=kind,
                name=name or f"{kind} key",
                team_id=self._team.id,
                environment_id=env.id,
                created_at=now,
                updated_at=now,
                disabled=disabled,
                permissions=granted,
            )
        with self._router.lock:
            self._team.keys[key.id] = key
        return FakeKey(id=key.id, secret=key.secret, value=key.header_value, kind=kind)

    def _find_env(self, ref: str) -> Environment:
        for env in self._team.environments.values():
            if ref in (env.id, env.slug, env.name):
                return env
        raise ValueError(f"no environment {ref!r}")

    def add_signal(
        self,
        service_name: str,
        *,
        dataset: str | None = None,
        measured_signal: str = "error_rate",
        status: str = "active",
        enabled: bool = True,
        sensitivity: str | None = "medium",
        currently_anomalous: bool = False,
        environment: str | None = None,
    ) -> dict[str, Any]:
        """Add an Anomaly Detection signal (the API cannot create them).

        Args:
            service_name: The service it watches.
            dataset: Its dataset slug (default: the service name, slugified).
            measured_signal: ``error_rate`` or ``presence``.
            status: ``onboarding``, ``training``, ``active``, ``off`` or ``ineligible``.
            enabled: Whether it is enabled.
            sensitivity: ``low``, ``medium``, ``high`` or None.
            currently_anomalous: Whether an anomaly is in progress.
            environment: The environment (default: the default one).

        Returns:
            The stored signal (a dict).
        """
        env = self._env if environment is None else self._find_env(environment)
        now = self._state.now_iso()
        signal: dict[str, Any] = {
            "id": self._state.new_id(),
            "service_name": service_name,
            "dataset_slug": dataset or slugify(service_name),
            "environment_slug": env.slug,
            "measured_signal": measured_signal,
            "enabled": enabled,
            "status": status,
            "sensitivity": sensitivity,
            "auto_investigate": False,
            "currently_anomalous": currently_anomalous,
            "last_anomaly_started_at": None,
            "last_anomaly_ended_at": None,
            "created_at": now,
            "updated_at": now,
            "recipients": [],
        }
        with self._router.lock:
            env.signals[signal["id"]] = signal
        return signal

    def add_anomaly(
        self,
        signal_id: str,
        *,
        started_at: int,
        ended_at: int,
        measurement: float,
        normal_range: tuple[float, float] | None = None,
        environment: str | None = None,
    ) -> dict[str, Any]:
        """Record a historical anomaly of a signal.

        Args:
            signal_id: The signal.
            started_at: Epoch seconds.
            ended_at: Epoch seconds.
            measurement: The anomalous value.
            normal_range: ``(lower, upper)`` or None.
            environment: The environment (default: the default one).

        Returns:
            The stored anomaly.

        Raises:
            KeyError: No such signal.
        """
        env = self._env if environment is None else self._find_env(environment)
        signal = env.signals[signal_id]
        anomaly = {
            "id": self._state.new_id(),
            "started_at": started_at,
            "ended_at": ended_at,
            "measurement": measurement,
            "normal_range": (
                {"lower": normal_range[0], "upper": normal_range[1]} if normal_range else None
            ),
        }
        with self._router.lock:
            env.anomalies.setdefault(signal_id, []).append(anomaly)
            signal["last_anomaly_started_at"] = started_at
            signal["last_anomaly_ended_at"] = ended_at
        return anomaly

    def add_pipeline(
        self,
        pipeline_id: str,
        configurations: Mapping[str, Iterable[Mapping[str, str]]],
        *,
        rollout_id: str | None = None,
    ) -> None:
        """Add a pipeline with configurations (the internal pipelines API cannot create them).

        Args:
            pipeline_id: The pipeline id.
            configurations: Configuration id -> ``[{"kind": ..., "configData": ...}]``.
            rollout_id: The rollout the configurations belong to.
        """
        with self._router.lock:
            self._team.pipelines[pipeline_id] = {
                "configurations": {
                    cid: {"configs": [dict(c) for c in configs], "rollout_id": rollout_id}
                    for cid, configs in configurations.items()
                },
                "rollouts": {},
            }

    # -- inspection ----------------------------------------------------------------------

    def events(self, dataset: str, *, environment: str | None = None) -> list[dict[str, Any]]:
        """The events a dataset holds, oldest first: ``{"time", "samplerate", "data"}``.

        Args:
            dataset: The dataset slug.
            environment: The environment (default: the default one).

        Returns:
            Copies of the events.

        Raises:
            KeyError: No such dataset.
        """
        env = self._env if environment is None else self._find_env(environment)
        with self._router.lock:
            return [
                {"time": e.time, "samplerate": e.samplerate, "data": dict(e.data)}
                for e in env.datasets[dataset].events
            ]
