"""``client.query_results``: run saved queries and read their results (``/1/query_results``).

The Query Data API is asynchronous: ``POST`` creates a result that starts incomplete,
then ``GET`` is polled until ``complete`` is true. :meth:`QueryResults.run` does the whole
dance (save the query, create the result, poll with backoff within one deadline).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from pydantic import ValidationError

from honeycomb import _io, _tracing
from honeycomb._async._polling import INITIAL_POLL_INTERVAL, MAX_POLL_INTERVAL, poll
from honeycomb._async._resource import Resource
from honeycomb._logging import logger
from honeycomb._paths import segment
from honeycomb._retry import retry_reason
from honeycomb.errors import (
    APIError,
    HoneycombError,
    PollTimeoutError,
    QueryFailedError,
    RequestValidationError,
)
from honeycomb.models.queries import (
    MAX_QUERY_LIMIT,
    Query,
    QueryResult,
    QueryResultRequest,
    QuerySpec,
)
from honeycomb.query import QueryBuilder, QueryValidationError, query_body

__all__ = ["QueryResults"]

T = TypeVar("T")

_MIN_REQUEST_TIMEOUT = 1.0
"""The shortest per-request timeout used near the deadline, so a last poll can still land."""


def _request_model(**fields: Any) -> QueryResultRequest:
    try:
        return QueryResultRequest(**fields)
    except ValidationError as err:
        problems = [
            (".".join(str(p) for p in e["loc"]) + ": " if e["loc"] else "") + e["msg"]
            for e in err.errors()
        ]
        raise QueryValidationError(problems) from err


class QueryResults(Resource):
    """Query results (``/1/query_results``): run saved queries and read their output."""

    async def create(
        self, dataset: str, request: QueryResultRequest | Mapping[str, Any]
    ) -> QueryResult:
        """Start running a saved query. The result usually comes back incomplete.

        The API allows about 10 of these per minute (1 per minute with relational fields).
        Prefer :meth:`run`, which also polls and waits out rate limits within a deadline.

        Args:
            dataset: The dataset slug the query was saved under (or ``__all__``).
            request: A :class:`~honeycomb.models.queries.QueryResultRequest` or an
                equivalent dict: ``query_id`` and the ``disable_*``/``limit`` options.

        Returns:
            The new query result (poll :meth:`get` until ``complete``).

        Raises:
            RequestValidationError: The request is invalid (nothing is sent).
            RateLimitError: Too many query results were created recently.
            APIError: On any other failure.
        """
        body = self._body(QueryResultRequest, request)
        result: QueryResult = await self._request(
            "POST", f"/1/query_results/{segment(dataset)}", json=body, cast=QueryResult
        )
        return result

    async def get(self, dataset: str, query_result_id: str) -> QueryResult:
        """Read a query result once (it may still be incomplete).

        A query that failed to run still answers 200: ``complete`` is true and ``error``
        holds the reason.

        Args:
            dataset: The dataset slug the result was created under.
            query_result_id: The result's id.

        Returns:
            The query result as it stands.

        Raises:
            NotFoundError: No such result.
            APIError: On any other failure.
        """
        result: QueryResult = await self._request(
            "GET",
            f"/1/query_results/{segment(dataset)}/{segment(query_result_id)}",
            cast=QueryResult,
        )
        return result

    async def run(
        self,
        dataset: str,
        query: QuerySpec | QueryBuilder | Query | Mapping[str, Any] | str,
        *,
        timeout: float = 60.0,
        limit: int | None = None,
        disable_series: bool = False,
        disable_total_by_aggregate: bool = True,
        disable_other_by_aggregate: bool = True,
        poll_interval: float = INITIAL_POLL_INTERVAL,
        max_poll_interval: float = MAX_POLL_INTERVAL,
    ) -> QueryResult:
        """Run a query and wait for its complete result.

        Given a specification (builder, ``QuerySpec`` or dict), it is validated locally
        with the Query Data API's rules (at most 7 days, ...), then saved with
        ``POST /1/queries``; given a query id (or a saved ``Query``), that query is used.
        Then a result is created and polled, waiting 0.2 s growing toward 2 s, until it is
        complete. Everything, including waiting out 429 rate limits on the two creates,
        happens within one ``timeout``; a 429 whose wait would overrun it is raised at once.

        A query ``limit`` above 1,000 with ``disable_series=True`` is sent the way the API
        wants it: the saved query gets 1,000 and the result request carries the limit.

        Examples:
            >>> from honeycomb.query import QueryBuilder
            >>> sent = await client.events.send_batch("web", [{"data": {"endpoint": "/cart"}}] * 3)
            >>> result = await client.query_results.run(
            ...     "web", QueryBuilder().calculate("COUNT").group_by("endpoint").last(hours=1)
            ... )
            >>> [row.data for row in result.data.results]
            [{'endpoint': '/cart', 'COUNT': 3}]

        Args:
            dataset: The dataset slug, or ``__all__`` for an environment-wide query.
            query: What to run: a :class:`~honeycomb.query.QueryBuilder`, a ``QuerySpec``,
                a dict, a saved ``Query`` or a query id.
            timeout: Overall deadline in seconds for the whole run.
            limit: Rows to return, up to 10,000 with ``disable_series=True`` (up to 1,000
                otherwise); overrides the query's own limit.
            disable_series: Skip the time series; only the results table is returned.
            disable_total_by_aggregate: Skip ``total_by_aggregate`` (the API's default).
            disable_other_by_aggregate: Skip ``other_by_aggregate`` (the API's default).
            poll_interval: The first wait between polls, in seconds.
            max_poll_interval: The longest wait between polls, in seconds.

        Returns:
            The complete result; see ``rows``, ``series``, ``to_pandas()``.

        Raises:
            QueryValidationError: The query or options break the API's rules (nothing sent).
            QueryFailedError: The query ran but failed (carries the result and its id).
            PollTimeoutError: The result was not complete by the deadline; carries the
                result id (``resource_id``) so you can ``get()`` it later.
            RateLimitError: Rate limited, and the wait would overrun the deadline.
            APIError: On any other failure.
            ValueError: ``timeout`` or the poll intervals are not positive.
        """
        if timeout <= 0 or poll_interval <= 0 or max_poll_interval <= 0:
            raise RequestValidationError(
                "timeout, poll_interval and max_poll_interval must be positive"
            )
        deadline = _io.monotonic() + timeout
        options: dict[str, Any] = {
            "disable_series": disable_series,
            "disable_total_by_aggregate": disable_total_by_aggregate,
            "disable_other_by_aggregate": disable_other_by_aggregate,
        }
        if limit is not None:
            options["limit"] = limit
        _request_model(query_id="-", **options)  # check the options before any I/O

        # One parent span: the saving, the creating and every poll are its children.
        with _tracing.internal("honeycomb.query_results.run", dataset=dataset) as span:
            if isinstance(query, str):
                query_id = query
            elif isinstance(query, Query) and query.id:
                query_id = query.id
            else:
                body = query_body(
                    query, for_query_result=True, disable_series=disable_series, stacklevel=3
                )
                spec_limit = body.get("limit")
                if disable_series and isinstance(spec_limit, int) and spec_limit > MAX_QUERY_LIMIT:
                    body["limit"] = MAX_QUERY_LIMIT
                    options.setdefault("limit", spec_limit)
                saved: Query = await self._post_within(
                    f"/1/queries/{segment(dataset)}", body, Query, deadline
                )
                if not saved.id:
                    raise HoneycombError("the API saved the query but returned no id")
                query_id = saved.id

            request = _request_model(query_id=query_id, **options)
            created: QueryResult = await self._post_within(
                f"/1/query_results/{segment(dataset)}",
                request.model_dump(mode="json", exclude_unset=True),
                QueryResult,
                deadline,
            )
            result = created
            if span is not None and created.id:
                span.set_attribute("honeycomb.query_result.id", created.id)
            if not created.complete:
                result = await self._poll(
                    dataset, created, deadline, poll_interval, max_poll_interval
                )
            if result.error is not None:
                raise QueryFailedError(result.id, result.error, result)
            return result

    # -- helpers ---------------------------------------------------------------------

    async def _post_within(
        self, path: str, body: dict[str, Any], cast: type[T], deadline: float
    ) -> T:
        """POST, waiting out 429s (the Query Data API allows ~10 a minute) until the deadline."""
        result: T = await self._request("POST", path, json=body, cast=cast, deadline=deadline)
        return result

    async def _poll(
        self,
        dataset: str,
        created: QueryResult,
        deadline: float,
        initial: float,
        maximum: float,
    ) -> QueryResult:
        if not created.id:
            raise HoneycombError("the API created a query result but returned no id")
        path = f"/1/query_results/{segment(dataset)}/{segment(created.id)}"
        state = created
        fresh = True  # the first "fetch" is the incomplete result we already have
        last_error: APIError | None = None

        async def fetch() -> QueryResult:
            nonlocal state, fresh, last_error
            if fresh:
                fresh = False
                return state
            try:
                state = await self._request(
                    "GET", path, cast=QueryResult, max_retries=0, deadline=deadline
                )
                last_error = None
            except APIError as err:
                reason = retry_reason(err, "GET")
                if reason is None:
                    raise
                last_error = err
                logger.info("Polling %s failed (%s); trying again", path, reason)
            return state

        try:
            return await poll(
                fetch,
                is_done=lambda r: r.complete is True,
                timeout=max(deadline - _io.monotonic(), 0.0),
                what="query result",
                resource_id=created.id,
                initial=initial,
                maximum=maximum,
            )
        except PollTimeoutError as err:
            if last_error is not None:
                raise err from last_error
            raise
