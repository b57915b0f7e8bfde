# GENERATED from src/honeycomb/_async/resources/signals.py by scripts/unasync.py.
# Do not edit: change the async source and run `python scripts/unasync.py`.
"""``client.signals``: Anomaly Detection signals (public beta)."""

from __future__ import annotations

import builtins
from collections.abc import Mapping
from typing import Any

from honeycomb._paths import segment
from honeycomb._sync._pagination import DEFAULT_MAX_PAGES, Paginator
from honeycomb._sync._resource import Resource
from honeycomb.errors import RequestValidationError
from honeycomb.models._jsonapi import MAX_PAGE_SIZE, check_page_size
from honeycomb.models._time import TimeLike, to_unix_seconds
from honeycomb.models.signals import (
    MAX_HISTORICAL_ANOMALY_SPAN,
    HistoricalAnomaly,
    MeasuredSignal,
    Signal,
    SignalStatus,
    SignalUpdate,
    status_value,
)

__all__ = ["Signals"]


def _page_items(page: Any, key: str) -> builtins.list[Any]:
    items = page.get(key) if isinstance(page, Mapping) else None
    if not isinstance(items, builtins.list):
        raise ValueError(f"expected a page with a {key!r} list, got {type(items).__name__}")
    return items


def _parse_signals(page: Any) -> builtins.list[Signal]:
    return [Signal.model_validate(item) for item in _page_items(page, "signals")]


def _parse_anomalies(page: Any) -> builtins.list[HistoricalAnomaly]:
    items = _page_items(page, "historical_anomalies")
    return [HistoricalAnomaly.model_validate(item) for item in items]


class Signals(Resource):
    """Anomaly Detection signals (``/1/signals``, public beta).

    The key needs the Manage Signals permission. Listings are cursor-paginated.
    """

    def iterate(
        self,
        *,
        service_name: str | None = None,
        dataset_slug: str | None = None,
        measured_signal: MeasuredSignal | str | None = None,
        status: SignalStatus | str | None = None,
        currently_anomalous: bool | None = None,
        page_size: int = MAX_PAGE_SIZE,
        max_pages: int | None = DEFAULT_MAX_PAGES,
    ) -> Paginator[Signal]:
        """Iterate over the environment's signals lazily, filtered, a page at a time.

        Examples:
            >>> anomalous = client.signals.iterate(currently_anomalous=True)
            >>> [signal.service_name for signal in anomalous]
            ['cart']

        Args:
            service_name: Only this service's signals.
            dataset_slug: Only signals of this dataset.
            measured_signal: ``"error_rate"`` or ``"presence"``.
            status: ``"onboarding"``, ``"training"``, ``"active"``, ``"off"`` or
                ``"ineligible"`` (``False`` is read as ``"off"``, as the spec writes it).
            currently_anomalous: Only signals that are (True) or are not (False) anomalous.
            page_size: Signals per page, 1 to 100.
            max_pages: Stop with ``PaginationError`` after this many pages (None: no limit).

        Returns:
            A paginator; nothing is fetched until it is iterated.

        Raises:
            ValueError: ``page_size`` is out of range.
        """
        params = {
            "service_name": service_name,
            "dataset_slug": dataset_slug,
            "measured_signal": None if measured_signal is None else str(measured_signal),
            "status": None if status is None else str(status_value(status)),
            "currently_anomalous": currently_anomalous,
            "page[size]": check_page_size(page_size),
        }
        return self._paginate(
            "/1/signals", params=params, parse=_parse_signals, max_pages=max_pages
        )

    def list(
        self,
        *,
        service_name: str | None = None,
        dataset_slug: str | None = None,
        measured_signal: MeasuredSignal | str | None = None,
        status: SignalStatus | str | None = None,
        currently_anomalous: bool | None = None,
        page_size: int = MAX_PAGE_SIZE,
        max_pages: int | None = DEFAULT_MAX_PAGES,
    ) -> builtins.list[Signal]:
        """List the environment's signals, filtered, following every page.

        Examples:
            >>> found = client.signals.list(service_name="checkout", status="active")
            >>> [(signal.service_name, signal.measured_signal) for signal in found]
            [('checkout', <MeasuredSignal.ERROR_RATE: 'error_rate'>)]

        Args:
            service_name: Only this service's signals.
            dataset_slug: Only signals of this dataset.
            measured_signal: ``"error_rate"`` or ``"presence"``.
            status: ``"onboarding"``, ``"training"``, ``"active"``, ``"off"`` or
                ``"ineligible"``.
            currently_anomalous: Only signals that are (True) or are not (False) anomalous.
            page_size: Signals per page, 1 to 100.
            max_pages: Stop with ``PaginationError`` after this many pages (None: no limit).

        Returns:
            The matching signals (without recipients: read one signal for those).

        Raises:
            PaginationError: A repeated cursor, or more than ``max_pages`` pages.
            APIError: On any failure.
        """
        return self.iterate(
            service_name=service_name,
            dataset_slug=dataset_slug,
            measured_signal=measured_signal,
            status=status,
            currently_anomalous=currently_anomalous,
            page_size=page_size,
            max_pages=max_pages,
        ).to_list()

    def get(self, signal_id: str) -> Signal:
        """Read one signal, with its recipients.

        Args:
            signal_id: The signal id (``hcasp_...``).

        Returns:
            The signal.

        Raises:
            NotFoundError: No such signal.
            APIError: On any other failure.
        """
        result: Signal = self._request("GET", f"/1/signals/{segment(signal_id)}", cast=Signal)
        return result

    def update(self, signal_id: str, update: SignalUpdate | Signal | Mapping[str, Any]) -> Signal:
        """Switch a signal on or off, set its sensitivity, or replace its recipients.

        Only the fields given are changed. ``recipients`` replaces the whole set (an empty
        list removes all) and needs the Manage Recipients permission too.

        Examples:
            >>> [checkout] = client.signals.list(service_name="checkout")
            >>> checkout = client.signals.update(checkout.id, {"enabled": False})
            >>> checkout.enabled
            False

        Args:
            signal_id: The signal id.
            update: A ``SignalUpdate`` or an equivalent dict.

        Returns:
            The updated signal.

        Raises:
            RequestValidationError: The body is invalid (nothing is sent).
            NotFoundError: No such signal.
            APIError: On any other failure.
        """
        body = self._body(SignalUpdate, update)
        result: Signal = self._request(
            "PUT", f"/1/signals/{segment(signal_id)}", json=body, cast=Signal
        )
        return result

    def list_historical_anomalies(
        self,
        signal_id: str,
        start_time: TimeLike,
        end_time: TimeLike,
        *,
        page_size: int = MAX_PAGE_SIZE,
        max_pages: int | None = DEFAULT_MAX_PAGES,
    ) -> builtins.list[HistoricalAnomaly]:
        """List the resolved anomalies of a signal in a window of at most 30 days.

        Examples:
            >>> from datetime import datetime, timedelta, timezone
            >>> [checkout] = client.signals.list(service_name="checkout")
            >>> now = datetime.now(timezone.utc)
            >>> anomalies = client.signals.list_historical_anomalies(
            ...     checkout.id, now - timedelta(days=7), now
            ... )
            >>> [anomaly.measurement for anomaly in anomalies]
            [0.2]

        Args:
            signal_id: The signal id.
            start_time: Epoch seconds or a datetime.
            end_time: Epoch seconds or a datetime, after ``start_time`` and at most 30
                days later.
            page_size: Anomalies per page, 1 to 100.
            max_pages: Stop with ``PaginationError`` after this many pages (None: no limit).

        Returns:
            The anomalies, most recent first.

        Raises:
            ValueError: The window is empty, reversed or longer than 30 days (nothing is
                sent).
            PaginationError: A repeated cursor, or more than ``max_pages`` pages.
            NotFoundError: No such signal.
            APIError: On any other failure.
        """
        start, end = to_unix_seconds(start_time), to_unix_seconds(end_time)
        if end <= start:
            raise RequestValidationError(f"end_time ({end}) must be after start_time ({start})")
        if end - start > MAX_HISTORICAL_ANOMALY_SPAN:
            raise RequestValidationError(
                f"the window spans {(end - start) / 86400:.1f} days; the API allows at most 30"
            )
        params = {"start_time": start, "end_time": end, "page[size]": check_page_size(page_size)}
        paginator = self._paginate(
            f"/1/signals/{segment(signal_id)}/historical_anomalies",
            params=params,
            parse=_parse_anomalies,
            max_pages=max_pages,
        )
        return paginator.to_list()
