# GENERATED from src/honeycomb/_async/resources/slos.py by scripts/unasync.py.
# Do not edit: change the async source and run `python scripts/unasync.py`.
"""``client.slos``: SLOs, their reporting and their event counts."""

from __future__ import annotations

import builtins
import time
from collections.abc import Mapping
from typing import Any

from honeycomb._paths import ENVIRONMENT_WIDE, segment
from honeycomb._sync._resource import Resource
from honeycomb.errors import RequestValidationError
from honeycomb.models._time import TimeLike, to_unix_seconds
from honeycomb.models.slos import (
    SLO,
    SLOCounts,
    SLOCreate,
    SLOHistory,
    SLOHistoryRequest,
    SLOHourlyCounts,
    SLOUpdate,
    default_counts_history_window,
    default_counts_window,
)

__all__ = ["SLOs"]


def _window(
    start_time: TimeLike | None,
    end_time: TimeLike | None,
    default: tuple[int, int],
) -> dict[str, int]:
    start = default[0] if start_time is None else to_unix_seconds(start_time)
    end = default[1] if end_time is None else to_unix_seconds(end_time)
    if end <= start:
        raise RequestValidationError(f"end_time ({end}) must be after start_time ({start})")
    return {"start_time": start, "end_time": end}


class SLOs(Resource):
    """SLOs (``/1/slos``) and SLO reporting (``/1/reporting/slos/historical``)."""

    def _path(self, dataset: str, slo_id: str | None = None) -> str:
        path = f"/1/slos/{segment(dataset)}"
        return path if slo_id is None else f"{path}/{segment(slo_id)}"

    def list(self, dataset: str) -> builtins.list[SLO]:
        """List the SLOs of a dataset, or of the environment with ``"__all__"``.

        The environment-wide listing includes multi-dataset SLOs. A new SLO may take a
        moment to appear (eventual consistency).

        Args:
            dataset: The dataset slug, or ``"__all__"``.

        Returns:
            The SLOs.

        Raises:
            NotFoundError: No such dataset.
            APIError: On any other failure.
        """
        result: builtins.list[SLO] = self._request(
            "GET", self._path(dataset), cast=builtins.list[SLO]
        )
        return result

    def get(self, dataset: str, slo_id: str, detailed: bool = False) -> SLO:
        """Read one SLO, optionally with its reporting data.

        Examples:
            >>> sli = client.calculated_fields.create(
            ...     "web", {"alias": "sli_ok", "expression": "LT($status_code, 500)"}
            ... )
            >>> slo = client.slos.create("web", {
            ...     "name": "availability", "sli": {"alias": sli.alias},
            ...     "time_period_days": 30, "target_per_million": 999000,
            ... })
            >>> detailed = client.slos.get("web", slo.id, detailed=True)
            >>> detailed.name, detailed.budget_remaining is not None
            ('availability', True)

        Args:
            dataset: The dataset slug, or ``"__all__"``.
            slo_id: The SLO id.
            detailed: Also return ``compliance``, ``budget_remaining``, ``status`` and
                ``burn_rate`` (last 4 hours). Enterprise plan.

        Returns:
            The SLO.

        Raises:
            NotFoundError: No such SLO or dataset.
            APIError: On any other failure.
        """
        params = {"detailed": True} if detailed else None
        result: SLO = self._request("GET", self._path(dataset, slo_id), params=params, cast=SLO)
        return result

    def create(self, dataset: str, slo: SLOCreate | SLO | Mapping[str, Any]) -> SLO:
        """Create an SLO.

        For a multi-dataset SLO, pass ``"__all__"`` as the dataset and list 1-10 datasets
        in ``dataset_slugs``; its SLI must be an environment-wide calculated field.

        Examples:
            >>> sli = client.calculated_fields.create(
            ...     "web", {"alias": "sli_ok", "expression": "LT($status_code, 500)"}
            ... )
            >>> slo = client.slos.create("web", {
            ...     "name": "availability",
            ...     "sli": {"alias": sli.alias},     # a calculated field, true for a good event
            ...     "time_period_days": 30,
            ...     "target_per_million": 999000,    # 99.9%
            ... })
            >>> [s.name for s in client.slos.list("web")]
            ['availability']

        Args:
            dataset: The dataset slug, or ``"__all__"``.
            slo: An ``SLOCreate`` or an equivalent dict.

        Returns:
            The created SLO.

        Raises:
            RequestValidationError: The body is invalid (nothing is sent).
            ValueError: ``"__all__"`` without ``dataset_slugs`` (nothing is sent).
            APIError: On any failure.
        """
        body = self._body(SLOCreate, slo)
        if dataset == ENVIRONMENT_WIDE and not body.get("dataset_slugs"):
            raise RequestValidationError(
                "an SLO created at '__all__' needs dataset_slugs (1 to 10 datasets)"
            )
        result: SLO = self._request("POST", self._path(dataset), json=body, cast=SLO)
        return result

    def update(self, dataset: str, slo_id: str, slo: SLOUpdate | SLO | Mapping[str, Any]) -> SLO:
        """Replace an SLO. Partial updates are not supported: send every field.

        Examples:
            >>> sli = client.calculated_fields.create(
            ...     "web", {"alias": "sli_ok", "expression": "LT($status_code, 500)"}
            ... )
            >>> current = client.slos.create("web", {
            ...     "name": "availability", "sli": {"alias": sli.alias},
            ...     "time_period_days": 30, "target_per_million": 999000,
            ... })
            >>> current.target_per_million = 995000
            >>> slo = client.slos.update("web", current.id, current)
            >>> slo.target_per_million
            995000

        Args:
            dataset: The dataset slug, or ``"__all__"``.
            slo_id: The SLO id.
            slo: An ``SLOUpdate`` or an equivalent dict.

        Returns:
            The updated SLO.

        Raises:
            RequestValidationError: The body is invalid (nothing is sent).
            NotFoundError: No such SLO.
            APIError: On any other failure.
        """
        body = self._body(SLOUpdate, slo)
        result: SLO = self._request("PUT", self._path(dataset, slo_id), json=body, cast=SLO)
        return result

    def delete(self, dataset: str, slo_id: str) -> None:
        """Delete an SLO (and its burn alerts).

        Args:
            dataset: The dataset slug, or ``"__all__"``.
            slo_id: The SLO id.

        Raises:
            NotFoundError: No such SLO.
            APIError: On any other failure.
        """
        self._request("DELETE", self._path(dataset, slo_id))

    def history(
        self, request: SLOHistoryRequest | Mapping[str, Any]
    ) -> dict[str, builtins.list[SLOHistory]]:
        """Weekly compliance and budget history for up to 24 SLOs.

        Examples:
            >>> from datetime import datetime, timedelta, timezone
            >>> sli = client.calculated_fields.create(
            ...     "web", {"alias": "sli_ok", "expression": "LT($status_code, 500)"}
            ... )
            >>> slo = client.slos.create("web", {
            ...     "name": "availability", "sli": {"alias": sli.alias},
            ...     "time_period_days": 30, "target_per_million": 999000,
            ... })
            >>> now = datetime.now(timezone.utc)
            >>> history = client.slos.history(
            ...     {"ids": [slo.id], "start_time": now - timedelta(days=7), "end_time": now}
            ... )
            >>> list(history) == [slo.id]
            True

        Args:
            request: An ``SLOHistoryRequest`` or an equivalent dict (times as epoch
                seconds or datetimes).

        Returns:
            For each SLO id, its intervals (empty when there is no data in the range).

        Raises:
            RequestValidationError: The request is invalid (nothing is sent).
            APIError: On any failure.
        """
        body = self._body(SLOHistoryRequest, request)
        result: dict[str, builtins.list[SLOHistory]] = self._request(
            "POST",
            "/1/reporting/slos/historical",
            json=body,
            cast=dict[str, builtins.list[SLOHistory]],
        )
        return result

    def counts(
        self,
        dataset: str,
        slo_id: str,
        start_time: TimeLike | None = None,
        end_time: TimeLike | None = None,
    ) -> SLOCounts:
        """Per-minute good/bad event counts from the rolling 24 hours (Enterprise).

        Both ends must lie within the last 24 hours and in the same clock hour: counts
        accumulate from each hour boundary. By default the range is the current hour so
        far. The feature must be enabled for the team.

        Args:
            dataset: The dataset slug, or ``"__all__"``.
            slo_id: The SLO id.
            start_time: Epoch seconds or a datetime; default the start of this hour.
            end_time: Epoch seconds or a datetime; default now.

        Returns:
            The counts, one window per minute with data.

        Raises:
            ValueError: ``end_time`` is not after ``start_time`` (nothing is sent).
            NotFoundError: No such SLO.
            APIError: On any other failure.
        """
        params = _window(start_time, end_time, default_counts_window(time.time()))
        result: SLOCounts = self._request(
            "GET", f"{self._path(dataset, slo_id)}/counts", params=params, cast=SLOCounts
        )
        return result

    def counts_history(
        self,
        dataset: str,
        slo_id: str,
        start_time: TimeLike | None = None,
        end_time: TimeLike | None = None,
    ) -> SLOHourlyCounts:
        """Hourly good/bad event counts from the historical store (Enterprise).

        The last bucket may be ``is_partial`` when it covers the current hour. Pair with
        ``counts`` for minute resolution within the current hour.

        Args:
            dataset: The dataset slug, or ``"__all__"``.
            slo_id: The SLO id.
            start_time: Epoch seconds or a datetime; default 24 hours ago.
            end_time: Epoch seconds or a datetime; default now.

        Returns:
            The hourly buckets.

        Raises:
            ValueError: ``end_time`` is not after ``start_time`` (nothing is sent).
            NotFoundError: No such SLO.
            APIError: On any other failure.
        """
        params = _window(start_time, end_time, default_counts_history_window(time.time()))
        result: SLOHourlyCounts = self._request(
            "GET",
            f"{self._path(dataset, slo_id)}/counts/history",
            params=params,
            cast=SLOHourlyCounts,
        )
        return result
