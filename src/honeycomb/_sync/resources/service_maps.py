# GENERATED from src/honeycomb/_async/resources/service_maps.py by scripts/unasync.py.
# Do not edit: change the async source and run `python scripts/unasync.py`.
"""``client.service_maps``: which services call which (``/1/maps/dependencies``)."""

from __future__ import annotations

import builtins
from collections.abc import Mapping
from typing import Any

from honeycomb import _tracing
from honeycomb._pagination import resolve_link
from honeycomb._paths import segment
from honeycomb._sync._pagination import DEFAULT_MAX_PAGES, Paginator
from honeycomb._sync._polling import poll
from honeycomb._sync._resource import Resource
from honeycomb.errors import HoneycombError, PaginationError
from honeycomb.models._base import request_model
from honeycomb.models._jsonapi import MAX_PAGE_SIZE, check_page_size
from honeycomb.models.service_maps import (
    DependencyRequest,
    DependencyRequestCreate,
    DependencyRequestStatus,
    MapDependency,
)

__all__ = ["ServiceMaps"]

DEFAULT_TIMEOUT = 60.0
"""Seconds ``dependencies()`` waits for a request to become ready."""

_REQUESTS = "/1/maps/dependencies/requests"
_TERMINAL = frozenset({DependencyRequestStatus.READY.value, DependencyRequestStatus.ERROR.value})


def _page_dependencies(page: Any) -> builtins.list[MapDependency]:
    state = DependencyRequest.model_validate(page)
    _raise_unless_ready(state)
    return builtins.list(state.dependencies or [])


def _raise_unless_ready(state: DependencyRequest) -> None:
    status = str(state.status) if state.status is not None else None
    if status == DependencyRequestStatus.READY.value:
        return
    if status == DependencyRequestStatus.ERROR.value:
        raise HoneycombError(
            f"service map dependency request {state.request_id} failed (status 'error'); "
            "create a new request, perhaps with a shorter time range or a lower limit"
        )
    raise HoneycombError(
        f"service map dependency request {state.request_id} is not ready "
        f"(status {status!r}); wait with dependencies() or poll get_request()"
    )


class ServiceMaps(Resource):
    """Service map dependencies (``/1/maps/dependencies/requests``).

    ``dependencies(request)`` does everything: create, wait, collect every page. The
    steps are also available: ``create_request``, ``get_request`` (one page) and
    ``iterate`` (every page of a ready request).
    """

    def create_request(
        self, request: DependencyRequestCreate | Mapping[str, Any] | None = None
    ) -> DependencyRequest:
        """Ask for the dependencies of a time window; the answer is computed in the background.

        Examples:
            >>> request = client.service_maps.create_request({
            ...     "time_range": 3600,
            ...     "filters": [{"name": "checkout"}],
            ...     "limit": 5000,
            ... })
            >>> request = client.service_maps.get_request(request.request_id)
            >>> request.status
            <DependencyRequestStatus.PENDING: 'pending'>

        Args:
            request: A ``DependencyRequestCreate`` or an equivalent dict; None for the
                last 2 hours of everything. ``limit`` (up to 64,000) is sent as a query
                parameter.

        Returns:
            The request: its ``request_id`` and ``status`` (usually ``pending``).

        Raises:
            RequestValidationError: The request is invalid (nothing is sent).
            APIError: On any failure.
        """
        spec = request_model(DependencyRequestCreate, request or {})
        body = self._body(DependencyRequestCreate, spec)
        result: DependencyRequest = self._request(
            "POST",
            _REQUESTS,
            params={"limit": spec.limit},
            json=body,
            cast=DependencyRequest,
        )
        return result

    def get_request(self, request_id: str, *, page_size: int | None = None) -> DependencyRequest:
        """Read a request's status and, once ready, the first page of its dependencies.

        Args:
            request_id: The request id.
            page_size: Dependencies per page, 1 to 100 (the API's default is 20).

        Returns:
            The request with one page of ``dependencies`` (None until ready) and ``links``.

        Raises:
            ValueError: ``page_size`` is out of range.
            NotFoundError: No such request.
            APIError: On any other failure.
        """
        params = {"page[size]": None if page_size is None else check_page_size(page_size)}
        result: DependencyRequest = self._request(
            "GET", f"{_REQUESTS}/{segment(request_id)}", params=params, cast=DependencyRequest
        )
        return result

    def iterate(
        self,
        request_id: str,
        *,
        page_size: int = MAX_PAGE_SIZE,
        max_pages: int | None = DEFAULT_MAX_PAGES,
    ) -> Paginator[MapDependency]:
        """Iterate over every dependency of a ready request, a page at a time.

        Examples:
            >>> from honeycomb import PollTimeoutError
            >>> sent = client.events.send_batch("web", [
            ...     {"data": {"service.name": "checkout", "trace.span_id": "s1"}},
            ...     {"data": {"service.name": "payments", "trace.span_id": "s2",
            ...               "trace.parent_id": "s1"}},  # checkout called payments
            ... ])
            >>> try:
            ...     deps = client.service_maps.dependencies({"time_range": 3600}, timeout=0)
            ... except PollTimeoutError as err:
            ...     request_id = err.resource_id  # not ready yet: come back for it later
            >>> [(d.parent_node.name, d.child_node.name)
            ...  for d in client.service_maps.iterate(request_id)]
            [('checkout', 'payments')]

        Args:
            request_id: The id of a request whose status is ``ready``.
            page_size: Dependencies per page, 1 to 100.
            max_pages: Stop with ``PaginationError`` after this many pages (None: no limit).

        Returns:
            A paginator; nothing is fetched until it is iterated. Iterating raises
            ``HoneycombError`` if the request is still pending or failed.

        Raises:
            ValueError: ``page_size`` is out of range.
        """
        return self._paginate(
            f"{_REQUESTS}/{segment(request_id)}",
            params={"page[size]": check_page_size(page_size)},
            parse=_page_dependencies,
            max_pages=max_pages,
        )

    def dependencies(
        self,
        request: DependencyRequestCreate | Mapping[str, Any] | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        *,
        page_size: int = MAX_PAGE_SIZE,
        max_pages: int | None = DEFAULT_MAX_PAGES,
    ) -> builtins.list[MapDependency]:
        """Create a request, wait until it is ready, and return every dependency.

        Polls every 0.2 s, backing off to 2 s, until the status is ``ready``. The first
        ready poll already carries the first page, so nothing is fetched twice.

        Examples:
            >>> sent = client.events.send_batch("web", [
            ...     {"data": {"service.name": "checkout", "trace.span_id": "s1"}},
            ...     {"data": {"service.name": "payments", "trace.span_id": "s2",
            ...               "trace.parent_id": "s1"}},  # checkout called payments
            ... ])
            >>> deps = client.service_maps.dependencies({"time_range": 7200})
            >>> [(d.parent_node.name, d.child_node.name, d.call_count) for d in deps]
            [('checkout', 'payments', 1)]

        Args:
            request: A ``DependencyRequestCreate`` or an equivalent dict; None for the
                last 2 hours of everything.
            timeout: Seconds to wait for the request to become ready.
            page_size: Dependencies per page, 1 to 100.
            max_pages: Stop with ``PaginationError`` after this many pages (None: no limit).

        Returns:
            All dependencies, in API order.

        Raises:
            RequestValidationError: The request is invalid (nothing is sent).
            PollTimeoutError: Not ready within ``timeout``; carries the request id, so
                ``iterate(error.resource_id)`` can resume later.
            HoneycombError: The request ended with status ``error``.
            PaginationError: A repeated cursor, or more than ``max_pages`` pages.
            APIError: On any other failure.
        """
        check_page_size(page_size)
        with _tracing.internal("honeycomb.service_maps.dependencies"):
            created = self.create_request(request)
            request_id = created.request_id
            if not request_id:
                raise HoneycombError(
                    "the API did not return a request_id for the dependency request"
                )

            def fetch() -> DependencyRequest:
                return self.get_request(request_id, page_size=page_size)

            state = poll(
                fetch,
                is_done=lambda s: str(s.status) in _TERMINAL,
                timeout=timeout,
                what="service map dependency request",
                resource_id=request_id,
            )
            _raise_unless_ready(state)
            found = builtins.list(state.dependencies or [])
            if state.next_link is not None:
                if max_pages is not None and max_pages <= 1:
                    raise PaginationError(
                        f"stopped after max_pages={max_pages} pages of dependency request "
                        f"{request_id}; pass a larger max_pages to fetch more"
                    )
                # The link came from the server: resolved and checked like any next link.
                link = resolve_link(
                    self._requester.url_for(f"{_REQUESTS}/{segment(request_id)}"),
                    state.next_link,
                )
                rest = self._paginate(
                    str(link),
                    parse=_page_dependencies,
                    # The first page came with the last poll.
                    max_pages=None if max_pages is None else max_pages - 1,
                )
                found.extend(rest.to_list())
            return found
