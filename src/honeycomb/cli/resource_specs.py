"""The resource command groups, as data: one row per group of DESIGN section 4.

``honeycomb.cli.commands.resources`` turns each row into a typer group with the verbs the
API has (``list``, ``get``, ``create``, ``update``, ``delete``, ``export``, ``export-all``).
This module is pure data so that ``honeycomb --help`` can list the groups without
importing models; model names are strings, resolved when a command runs.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["RESOURCE_GROUPS", "ResourceSpec", "Scope"]

Scope = tuple[str, ...]
"""Parent options before the id, in SDK argument order: ``dataset``, ``board``."""

CRUD = ("list", "get", "create", "update", "delete", "export", "export-all")


@dataclass(frozen=True)
class ResourceSpec:
    """How one resource group maps onto the SDK.

    Attributes:
        name: The command group (``burn-alerts``).
        singular: Its hidden alias (``burn-alert``).
        attr: The ``Client`` attribute (``burn_alerts``).
        help: One line for ``honeycomb --help``.
        models: Module under ``honeycomb.models`` holding the models.
        create_model: Request model of ``create`` (a class or union name in ``models``).
        update_model: Request model of ``update``.
        scope: Parent options every verb takes (``("dataset",)``).
        verbs: The verbs the API offers.
        columns: Table columns for ``list``.
        id_key: The field that identifies an object (``slug`` for datasets).
        name_key: The field naming an object, for ``export-all`` file names.
        list_scope: Extra required options of ``list`` only (burn alerts by ``slo``).
        singleton: One object per scope, no id (dataset definitions).
    """

    name: str
    singular: str
    attr: str
    help: str
    models: str
    create_model: str | None
    update_model: str | None
    scope: Scope = ()
    verbs: tuple[str, ...] = CRUD
    columns: tuple[str, ...] = ("id", "name")
    id_key: str = "id"
    name_key: str = "name"
    list_scope: Scope = ()
    singleton: bool = False


DS: Scope = ("dataset",)

RESOURCE_GROUPS: tuple[ResourceSpec, ...] = (
    ResourceSpec(
        "datasets",
        "dataset",
        "datasets",
        "Datasets: list, create, update, delete.",
        "datasets",
        "DatasetCreate",
        "DatasetUpdate",
        columns=("slug", "name", "description", "regular_columns_count", "last_written_at"),
        id_key="slug",
    ),
    ResourceSpec(
        "dataset-definitions",
        "dataset-definition",
        "dataset_definitions",
        "Which columns mean trace id, duration, service name...",
        "dataset_definitions",
        None,
        "DatasetDefinitionsUpdate",
        scope=DS,
        verbs=("get", "update", "export"),
        singleton=True,
    ),
    ResourceSpec(
        "columns",
        "column",
        "columns",
        "Columns of a dataset: types, descriptions, hidden.",
        "columns",
        "ColumnCreate",
        "ColumnUpdate",
        scope=DS,
        columns=("id", "key_name", "type", "hidden", "description", "last_written"),
        name_key="key_name",
    ),
    ResourceSpec(
        "calculated-fields",
        "calculated-field",
        "calculated_fields",
        "Calculated fields (derived columns).",
        "calculated_fields",
        "CalculatedFieldCreate",
        "CalculatedFieldUpdate",
        scope=DS,
        columns=("id", "alias", "expression", "description"),
        name_key="alias",
    ),
    ResourceSpec(
        "queries",
        "query-spec",
        "queries",
        "Saved query specifications (create, get).",
        "queries",
        "QuerySpec",
        None,
        scope=DS,
        verbs=("get", "create", "export"),
        columns=("id", "calculations", "breakdowns", "time_range"),
    ),
    ResourceSpec(
        "query-annotations",
        "query-annotation",
        "query_annotations",
        "Names and descriptions attached to queries.",
        "query_annotations",
        "QueryAnnotationCreate",
        "QueryAnnotationUpdate",
        scope=DS,
        columns=("id", "name", "query_id", "source"),
    ),
    ResourceSpec(
        "triggers",
        "trigger",
        "triggers",
        "Triggers: alerts on query results.",
        "triggers",
        "TriggerCreate",
        "TriggerUpdate",
        scope=DS,
        columns=("id", "name", "disabled", "triggered", "frequency", "alert_type"),
    ),
    ResourceSpec(
        "slos",
        "slo",
        "slos",
        "Service level objectives.",
        "slos",
        "SLOCreate",
        "SLOUpdate",
        scope=DS,
        columns=("id", "name", "target_per_million", "time_period_days", "sli.alias"),
    ),
    ResourceSpec(
        "burn-alerts",
        "burn-alert",
        "burn_alerts",
        "Burn alerts of an SLO.",
        "burn_alerts",
        "BurnAlertCreate",
        "BurnAlertUpdate",
        scope=DS,
        list_scope=("slo",),
        columns=(
            "id",
            "alert_type",
            "exhaustion_minutes",
            "budget_rate_decrease_threshold_per_million",
            "slo.id",
        ),
        name_key="description",
    ),
    ResourceSpec(
        "boards",
        "board",
        "boards",
        "Boards and their panels.",
        "boards",
        "BoardCreate",
        "BoardUpdate",
        columns=("id", "name", "type", "description"),
    ),
    ResourceSpec(
        "board-views",
        "board-view",
        "board_views",
        "Saved views (filters) of a board.",
        "board_views",
        "BoardViewCreate",
        "BoardViewUpdate",
        scope=("board",),
        columns=("id", "name"),
    ),
    ResourceSpec(
        "markers",
        "marker",
        "markers",
        "Markers: deploys and other events on graphs.",
        "markers",
        "MarkerCreate",
        "MarkerUpdate",
        scope=DS,
        verbs=("list", "create", "update", "delete", "export", "export-all"),
        columns=("id", "type", "message", "start_time", "end_time", "url"),
        name_key="message",
    ),
    ResourceSpec(
        "marker-settings",
        "marker-setting",
        "marker_settings",
        "Colours of marker types.",
        "marker_settings",
        "MarkerSettingCreate",
        "MarkerSettingUpdate",
        scope=DS,
        verbs=("list", "create", "update", "delete", "export", "export-all"),
        columns=("id", "type", "color"),
        name_key="type",
    ),
    ResourceSpec(
        "recipients",
        "recipient",
        "recipients",
        "Notification recipients.",
        "recipients",
        "RecipientCreate",
        "RecipientCreate",
        columns=("id", "type", "details"),
        name_key="type",
    ),
    ResourceSpec(
        "api-keys",
        "api-key",
        "api_keys",
        "API keys of the team (management key).",
        "api_keys",
        "ApiKeyCreate",
        "ApiKeyUpdate",
        columns=("id", "name", "key_type", "disabled", "environment_id"),
    ),
    ResourceSpec(
        "environments",
        "environment",
        "environments",
        "Environments of the team (management key).",
        "environments",
        "EnvironmentCreate",
        "EnvironmentUpdate",
        columns=("id", "name", "slug", "color", "settings.delete_protected"),
    ),
    ResourceSpec(
        "signals",
        "signal",
        "signals",
        "Anomaly detection signals.",
        "signals",
        None,
        "SignalUpdate",
        verbs=("list", "get", "update"),
        columns=("id", "service_name", "measured_signal", "status", "enabled", "dataset_slug"),
    ),
    ResourceSpec(
        "team-markers",
        "team-marker",
        "team_markers",
        "Team-wide markers (experimental, management key).",
        "team_markers",
        "TeamMarkerCreate",
        "TeamMarkerUpdate",
        verbs=("create", "update"),
        columns=("id", "type", "message"),
    ),
)
