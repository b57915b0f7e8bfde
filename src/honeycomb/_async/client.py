"""``AsyncClient``: the hand-written client. ``Client`` is generated from this file."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from types import TracebackType
from typing import TYPE_CHECKING

import httpx

from honeycomb._async._requester import Requester, SharedState
from honeycomb._config import DEFAULT_MAX_RETRIES, ManagementKey, resolve_config
from honeycomb._logging import setup_from_env
from honeycomb._ratelimit import RateLimitInfo

if TYPE_CHECKING:
    from honeycomb._async.porting import Porting
    from honeycomb._async.resources.api_keys import ApiKeys
    from honeycomb._async.resources.auth import Auth
    from honeycomb._async.resources.board_views import BoardViews
    from honeycomb._async.resources.boards import Boards
    from honeycomb._async.resources.burn_alerts import BurnAlerts
    from honeycomb._async.resources.calculated_fields import CalculatedFields
    from honeycomb._async.resources.columns import Columns
    from honeycomb._async.resources.dataset_definitions import DatasetDefinitions
    from honeycomb._async.resources.datasets import Datasets
    from honeycomb._async.resources.enhance import Enhance
    from honeycomb._async.resources.environments import Environments
    from honeycomb._async.resources.events import Events
    from honeycomb._async.resources.marker_settings import MarkerSettings
    from honeycomb._async.resources.markers import Markers
    from honeycomb._async.resources.pipelines import Pipelines
    from honeycomb._async.resources.queries import Queries
    from honeycomb._async.resources.query_annotations import QueryAnnotations
    from honeycomb._async.resources.query_results import QueryResults
    from honeycomb._async.resources.recipients import Recipients
    from honeycomb._async.resources.service_maps import ServiceMaps
    from honeycomb._async.resources.signals import Signals
    from honeycomb._async.resources.slos import SLOs
    from honeycomb._async.resources.team_markers import TeamMarkers
    from honeycomb._async.resources.triggers import Triggers

__all__ = ["AsyncClient"]


class AsyncClient:
    """The Honeycomb API client.

    Credentials, region and defaults come from the arguments, then the environment
    (``HONEYCOMB_API_KEY``, ``HONEYCOMB_KEY_ID`` + ``HONEYCOMB_KEY_SECRET``,
    ``HONEYCOMB_API_ENDPOINT``), then the defaults. Reuse one client: it holds a
    connection pool. Use it as a context manager, or call ``aclose()``.

    Examples:
        ```python
        from honeycomb import AsyncClient

        async with AsyncClient() as client:       # keys and endpoint from the environment
            for dataset in await client.datasets.list():
                print(dataset.slug)
        ```

    Args:
        api_key: A configuration or ingest key, sent as ``X-Honeycomb-Team`` (v1 endpoints).
        management_key: ``"key_id:secret"`` or ``(key_id, secret)``, sent as
            ``Authorization: Bearer`` (v2 team endpoints).
        team: The team slug for v2 endpoints; discovered from ``GET /2/auth`` when omitted.
        base_url: The API root; overrides ``region`` and ``HONEYCOMB_API_ENDPOINT``.
        region: ``"us"`` (default) or ``"eu"``.
        timeout: Seconds or an ``httpx.Timeout``. Default: 60 s overall, 5 s to connect.
        max_retries: Retries after the first attempt for what is safe to repeat (default 2;
            0 disables).
        http_client: An ``httpx.AsyncClient`` to use as is (proxies, custom transports).
            It is not closed by ``aclose()``.
        default_headers: Headers added to every request.
        allow_insecure_http: Permit ``http://`` to a host other than loopback.
        cache_ttl: Cache GET responses for this many seconds, in memory, for this client
            and its ``with_options`` copies (needs ``honeycomb-sdk[cache]``). A write
            evicts the cached reads under its path; polled results are never cached.
            Default: no caching.

    Raises:
        MissingCredentialError: Neither kind of key is given or set in the environment.
        ValueError: A malformed key, URL or region.
        TypeError: An argument of the wrong type.
    """

    def __init__(
        self,
        *,
        api_key: str | None = None,
        management_key: str | tuple[str, str] | ManagementKey | None = None,
        team: str | None = None,
        base_url: str | None = None,
        region: str | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int = DEFAULT_MAX_RETRIES,
        http_client: httpx.AsyncClient | None = None,
        default_headers: Mapping[str, str] | None = None,
        allow_insecure_http: bool = False,
        cache_ttl: float | None = None,
    ) -> None:
        setup_from_env()
        if http_client is not None and not isinstance(http_client, httpx.AsyncClient):
            raise TypeError(
                f"http_client must be an httpx.AsyncClient, not {type(http_client).__name__}"
            )
        config = resolve_config(
            api_key=api_key,
            management_key=management_key,
            team=team,
            base_url=base_url,
            region=region,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            allow_insecure_http=allow_insecure_http,
            cache_ttl=cache_ttl,
        )
        self._requester = Requester(config, http_client)

    @classmethod
    def _from_requester(cls, requester: Requester) -> AsyncClient:
        client = cls.__new__(cls)
        client._requester = requester
        return client

    def with_options(
        self,
        *,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
        default_headers: Mapping[str, str] | None = None,
        team: str | None = None,
        cache_ttl: float | None = None,
    ) -> AsyncClient:
        """A copy with other defaults that shares this client's connection pool (and cache).

        Examples:
            ```python
            from honeycomb.query import QueryBuilder

            patient = client.with_options(max_retries=5, timeout=120)  # shares client's connections
            result = await patient.query_results.run("web", QueryBuilder().calculate("COUNT"))
            print(result.complete)
            ```

        Args:
            timeout: A new timeout for calls made through the copy.
            max_retries: A new retry budget.
            default_headers: Headers merged over the current ones.
            team: Another team slug for v2 endpoints.
            cache_ttl: Another lifetime for what the copy caches; 0 bypasses the cache
                (reads go to the API; writes still evict from the shared cache).

        Returns:
            The new client. Closing it does not close the shared pool.
        """
        config = self._requester.config
        changes = resolve_config(
            api_key=config.api_key,
            management_key=config.management_key,
            team=team if team is not None else config.team,
            base_url=config.base_url,
            region=None,
            timeout=timeout if timeout is not None else config.timeout,
            max_retries=max_retries if max_retries is not None else config.max_retries,
            default_headers={**config.default_headers, **(default_headers or {})},
            allow_insecure_http=config.allow_insecure_http,
            cache_ttl=cache_ttl if cache_ttl is not None else config.cache_ttl,
        )
        # Another team means another discovery cache; otherwise share it (and rate limits).
        state = self._requester.state if team is None else SharedState(team)
        requester = Requester(changes, self._requester.http, state=state)
        return type(self)._from_requester(requester)

    @property
    def base_url(self) -> str:
        """The API root this client talks to."""
        return self._requester.config.base_url

    @property
    def rate_limit(self) -> RateLimitInfo | None:
        """The last ``RateLimit``/``RateLimit-Policy`` state any response reported."""
        return self._requester.state.rate_limit

    @property
    def team(self) -> str | None:
        """The team slug, once given or discovered."""
        return self._requester.state.team

    async def aclose(self) -> None:
        """Release the connection pool (not an injected ``http_client``)."""
        await self._requester.aclose()

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        config = self._requester.config
        cache = f", cache_ttl={config.cache_ttl:g}" if config.cache_ttl else ""
        return (
            f"{type(self).__name__}(base_url={config.base_url!r}, "
            f"{config.describe_credentials()}{cache})"
        )

    # -- resources, created on first use ---------------------------------------------

    @cached_property
    def auth(self) -> Auth:
        """GET /1/auth and GET /2/auth: who the keys belong to."""
        from honeycomb._async.resources.auth import Auth

        return Auth(self._requester)

    @cached_property
    def datasets(self) -> Datasets:
        """Datasets (``/1/datasets``)."""
        from honeycomb._async.resources.datasets import Datasets

        return Datasets(self._requester)

    @cached_property
    def dataset_definitions(self) -> DatasetDefinitions:
        """Dataset definitions (``/1/dataset_definitions``)."""
        from honeycomb._async.resources.dataset_definitions import DatasetDefinitions

        return DatasetDefinitions(self._requester)

    @cached_property
    def columns(self) -> Columns:
        """Columns (``/1/columns``)."""
        from honeycomb._async.resources.columns import Columns

        return Columns(self._requester)

    @cached_property
    def calculated_fields(self) -> CalculatedFields:
        """Calculated fields, a.k.a. derived columns (``/1/derived_columns``)."""
        from honeycomb._async.resources.calculated_fields import CalculatedFields

        return CalculatedFields(self._requester)

    @cached_property
    def queries(self) -> Queries:
        """Saved query specifications (``/1/queries``)."""
        from honeycomb._async.resources.queries import Queries

        return Queries(self._requester)

    @cached_property
    def query_results(self) -> QueryResults:
        """Running queries and reading results (``/1/query_results``)."""
        from honeycomb._async.resources.query_results import QueryResults

        return QueryResults(self._requester)

    @cached_property
    def query_annotations(self) -> QueryAnnotations:
        """Query annotations (``/1/query_annotations``)."""
        from honeycomb._async.resources.query_annotations import QueryAnnotations

        return QueryAnnotations(self._requester)

    @cached_property
    def triggers(self) -> Triggers:
        """Triggers (``/1/triggers``)."""
        from honeycomb._async.resources.triggers import Triggers

        return Triggers(self._requester)

    @cached_property
    def slos(self) -> SLOs:
        """SLOs and their reporting (``/1/slos``, ``/1/reporting/slos``)."""
        from honeycomb._async.resources.slos import SLOs

        return SLOs(self._requester)

    @cached_property
    def burn_alerts(self) -> BurnAlerts:
        """SLO burn alerts (``/1/burn_alerts``)."""
        from honeycomb._async.resources.burn_alerts import BurnAlerts

        return BurnAlerts(self._requester)

    @cached_property
    def boards(self) -> Boards:
        """Boards (``/1/boards``)."""
        from honeycomb._async.resources.boards import Boards

        return Boards(self._requester)

    @cached_property
    def board_views(self) -> BoardViews:
        """Board views (``/1/boards/{id}/views``)."""
        from honeycomb._async.resources.board_views import BoardViews

        return BoardViews(self._requester)

    @cached_property
    def markers(self) -> Markers:
        """Markers (``/1/markers``)."""
        from honeycomb._async.resources.markers import Markers

        return Markers(self._requester)

    @cached_property
    def marker_settings(self) -> MarkerSettings:
        """Marker settings (``/1/marker_settings``)."""
        from honeycomb._async.resources.marker_settings import MarkerSettings

        return MarkerSettings(self._requester)

    @cached_property
    def recipients(self) -> Recipients:
        """Notification recipients (``/1/recipients``)."""
        from honeycomb._async.resources.recipients import Recipients

        return Recipients(self._requester)

    @cached_property
    def events(self) -> Events:
        """Sending events (``/1/events``, ``/1/batch``, ``/1/kinesis_events``)."""
        from honeycomb._async.resources.events import Events

        return Events(self._requester)

    @cached_property
    def service_maps(self) -> ServiceMaps:
        """Service map dependencies (``/1/maps/dependencies``)."""
        from honeycomb._async.resources.service_maps import ServiceMaps

        return ServiceMaps(self._requester)

    @cached_property
    def signals(self) -> Signals:
        """Anomaly Detection signals (``/1/signals``)."""
        from honeycomb._async.resources.signals import Signals

        return Signals(self._requester)

    @cached_property
    def api_keys(self) -> ApiKeys:
        """Team API keys (``/2/teams/{team}/api-keys``; management key)."""
        from honeycomb._async.resources.api_keys import ApiKeys

        return ApiKeys(self._requester)

    @cached_property
    def environments(self) -> Environments:
        """Environments (``/2/teams/{team}/environments``; management key)."""
        from honeycomb._async.resources.environments import Environments

        return Environments(self._requester)

    @cached_property
    def team_markers(self) -> TeamMarkers:
        """Team-level markers (``/2/teams/{team}/markers``; experimental)."""
        from honeycomb._async.resources.team_markers import TeamMarkers

        return TeamMarkers(self._requester)

    @cached_property
    def pipelines(self) -> Pipelines:
        """Pipelines (``/2/teams/{team}/pipelines``; experimental)."""
        from honeycomb._async.resources.pipelines import Pipelines

        return Pipelines(self._requester)

    @cached_property
    def enhance(self) -> Enhance:
        """Enhance indexer usage (``/2/teams/{team}/enhance_indexer_usage``; experimental)."""
        from honeycomb._async.resources.enhance import Enhance

        return Enhance(self._requester)

    @cached_property
    def porting(self) -> Porting:
        """Configuration as code: ``export()``, ``plan(snapshot)``, ``apply(plan)``, ``diff``."""
        from honeycomb._async.porting import Porting

        return Porting(self)
