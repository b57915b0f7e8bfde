# GENERATED from src/honeycomb/_async/resources/burn_alerts.py by scripts/unasync.py.
# Do not edit: change the async source and run `python scripts/unasync.py`.
"""``client.burn_alerts``: alerts on how fast an SLO burns its error budget."""

from __future__ import annotations

import builtins
from collections.abc import Mapping
from typing import Any

from honeycomb._paths import segment
from honeycomb._sync._resource import Resource
from honeycomb.errors import RequestValidationError
from honeycomb.models.burn_alerts import (
    AnyBurnAlert,
    BudgetRateBurnAlertCreate,
    BudgetRateBurnAlertUpdate,
    BurnAlert,
    ExhaustionTimeBurnAlertCreate,
    ExhaustionTimeBurnAlertUpdate,
    burn_alert_body,
)

__all__ = ["BurnAlerts"]

BurnAlertCreateLike = (
    ExhaustionTimeBurnAlertCreate | BudgetRateBurnAlertCreate | BurnAlert | Mapping[str, Any]
)
BurnAlertUpdateLike = (
    ExhaustionTimeBurnAlertUpdate | BudgetRateBurnAlertUpdate | BurnAlert | Mapping[str, Any]
)


class BurnAlerts(Resource):
    """Burn alerts (``/1/burn_alerts``).

    Each alert parses as ``ExhaustionTimeBurnAlert`` or ``BudgetRateBurnAlert`` by its
    ``alert_type`` (an unknown type as the base ``BurnAlert``). For a multi-dataset SLO,
    use the SLO's first dataset (or ``"__all__"``) as ``dataset``.
    """

    def _path(self, dataset: str, alert_id: str | None = None) -> str:
        path = f"/1/burn_alerts/{segment(dataset)}"
        return path if alert_id is None else f"{path}/{segment(alert_id)}"

    def list(self, dataset: str, slo_id: str) -> builtins.list[BurnAlert]:
        """List the burn alerts of one SLO (the API cannot list all of a dataset's).

        Args:
            dataset: The dataset slug.
            slo_id: The SLO id.

        Returns:
            The alerts (without recipients: read one alert for those).

        Raises:
            NotFoundError: No such dataset or SLO.
            APIError: On any other failure.
        """
        if not slo_id:
            raise RequestValidationError("slo_id cannot be empty")
        result: builtins.list[BurnAlert] = self._request(
            "GET",
            self._path(dataset),
            params={"slo_id": slo_id},
            cast=builtins.list[AnyBurnAlert],
        )
        return result

    def get(self, dataset: str, burn_alert_id: str) -> BurnAlert:
        """Read one burn alert, with its recipients.

        Args:
            dataset: The dataset slug.
            burn_alert_id: The burn alert id.

        Returns:
            The alert.

        Raises:
            NotFoundError: No such alert.
            APIError: On any other failure.
        """
        result: BurnAlert = self._request(
            "GET", self._path(dataset, burn_alert_id), cast=AnyBurnAlert
        )
        return result

    def create(self, dataset: str, burn_alert: BurnAlertCreateLike) -> BurnAlert:
        """Create a burn alert on an SLO.

        Examples:
            >>> sli = client.calculated_fields.create(
            ...     "web", {"alias": "sli_ok", "expression": "LT($status_code, 500)"}
            ... )
            >>> slo = client.slos.create("web", {
            ...     "name": "availability", "sli": {"alias": sli.alias},
            ...     "time_period_days": 30, "target_per_million": 999000,
            ... })
            >>> oncall = client.recipients.create(
            ...     {"type": "email", "details": {"email_address": "oncall@example.com"}}
            ... )
            >>> alert = client.burn_alerts.create("web", {
            ...     "alert_type": "budget_rate",
            ...     "budget_rate_window_minutes": 60,
            ...     "budget_rate_decrease_threshold_per_million": 10000,
            ...     "slo": {"id": slo.id},
            ...     "recipients": [{"id": oncall.id}],
            ... })
            >>> [a.alert_type for a in client.burn_alerts.list("web", slo.id)]
            [<BurnAlertType.BUDGET_RATE: 'budget_rate'>]

        Args:
            dataset: The dataset slug.
            burn_alert: An ``ExhaustionTimeBurnAlertCreate``, a ``BudgetRateBurnAlertCreate``
                or an equivalent dict (``alert_type`` defaults to ``exhaustion_time``).

        Returns:
            The created alert.

        Raises:
            RequestValidationError: The body is invalid (nothing is sent).
            APIError: On any failure.
        """
        body = burn_alert_body(burn_alert, update=False)
        result: BurnAlert = self._request("POST", self._path(dataset), json=body, cast=AnyBurnAlert)
        return result

    def update(
        self, dataset: str, burn_alert_id: str, burn_alert: BurnAlertUpdateLike
    ) -> BurnAlert:
        """Replace a burn alert. At least one recipient is required.

        Args:
            dataset: The dataset slug.
            burn_alert_id: The burn alert id.
            burn_alert: An ``ExhaustionTimeBurnAlertUpdate``, a ``BudgetRateBurnAlertUpdate``
                or an equivalent dict.

        Returns:
            The updated alert.

        Raises:
            RequestValidationError: The body is invalid (nothing is sent).
            NotFoundError: No such alert.
            APIError: On any other failure.
        """
        body = burn_alert_body(burn_alert, update=True)
        result: BurnAlert = self._request(
            "PUT", self._path(dataset, burn_alert_id), json=body, cast=AnyBurnAlert
        )
        return result

    def delete(self, dataset: str, burn_alert_id: str) -> None:
        """Delete a burn alert.

        Args:
            dataset: The dataset slug.
            burn_alert_id: The burn alert id.

        Raises:
            NotFoundError: No such alert.
            APIError: On any other failure.
        """
        self._request("DELETE", self._path(dataset, burn_alert_id))
