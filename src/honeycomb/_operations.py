"""Every Honeycomb API operation, by OpenAPI ``operationId``, the client method for it,
and the media type each API version speaks.

Data only. ``scripts/coverage.py`` renders it next to both spec files, and the tests
fail when an operation in a spec has no entry here, or an entry names a method that
``Client`` or ``AsyncClient`` lacks. The contract tests check, operation by operation,
that the ``Accept`` and ``Content-Type`` that ``MEDIA_TYPES`` gives are the ones the spec
declares.
"""

from __future__ import annotations

__all__ = ["EXPERIMENTAL", "JSON", "JSONAPI", "MEDIA_TYPES", "OPERATIONS", "media_type"]

JSON = "application/json"
JSONAPI = "application/vnd.api+json"

MEDIA_TYPES: dict[str, str] = {
    "/1/": JSON,
    "/2/": JSONAPI,  # JSON:API: a strict server answers 406/415 to application/json
}
"""What a request accepts and (with a body) carries, by API version (the path prefix).
Both specs declare exactly one media type per version for every request body and every
success response; the pipeline sends it as ``Accept`` and ``Content-Type``."""


def media_type(path: str) -> str:
    """The media type of the operation at ``path``.

    Args:
        path: The API path (``/2/teams/my-team/environments``), without the base URL.

    Returns:
        ``application/vnd.api+json`` under ``/2/``, else ``application/json``.

    Examples:
        >>> media_type("/2/teams/t/api-keys")
        'application/vnd.api+json'
        >>> media_type("/1/datasets")
        'application/json'
    """
    return MEDIA_TYPES.get(path[:3], JSON)


OPERATIONS: dict[str, str] = {
    # auth
    "getAuth": "auth.get",
    "getV2Auth": "auth.get_management",
    # datasets
    "listDatasets": "datasets.list",
    "getDataset": "datasets.get",
    "createDataset": "datasets.create",
    "updateDataset": "datasets.update",
    "deleteDataset": "datasets.delete",
    # dataset definitions
    "listDatasetDefinitions": "dataset_definitions.get",
    "patchDatasetDefinitions": "dataset_definitions.update",
    # columns
    "listColumns": "columns.list",
    "getColumn": "columns.get",
    "createColumn": "columns.create",
    "updateColumn": "columns.update",
    "deleteColumn": "columns.delete",
    # calculated fields (derived columns)
    "listCalculatedFields": "calculated_fields.list",
    "getCalculatedField": "calculated_fields.get",
    "createCalculatedField": "calculated_fields.create",
    "updateCalculatedField": "calculated_fields.update",
    "deleteCalculatedField": "calculated_fields.delete",
    # queries and results
    "createQuery": "queries.create",
    "getQuery": "queries.get",
    "createQueryResult": "query_results.create",
    "getQueryResult": "query_results.get",
    # query annotations
    "listQueryAnnotations": "query_annotations.list",
    "getQueryAnnotation": "query_annotations.get",
    "createQueryAnnotation": "query_annotations.create",
    "updateQueryAnnotation": "query_annotations.update",
    "deleteQueryAnnotation": "query_annotations.delete",
    # triggers
    "listTriggers": "triggers.list",
    "getTrigger": "triggers.get",
    "createTrigger": "triggers.create",
    "updateTrigger": "triggers.update",
    "deleteTrigger": "triggers.delete",
    # SLOs and reporting
    "listSlos": "slos.list",
    "getSlo": "slos.get",
    "createSlo": "slos.create",
    "updateSlo": "slos.update",
    "deleteSlo": "slos.delete",
    "getSloHistory": "slos.history",
    "getSloRealtimeCounts": "slos.counts",
    "getSloHourlyCountsHistory": "slos.counts_history",
    # burn alerts
    "listBurnAlertsBySlo": "burn_alerts.list",
    "getBurnAlert": "burn_alerts.get",
    "createBurnAlert": "burn_alerts.create",
    "updateBurnAlert": "burn_alerts.update",
    "deleteBurnAlert": "burn_alerts.delete",
    # boards and views
    "listBoards": "boards.list",
    "getBoard": "boards.get",
    "createBoard": "boards.create",
    "updateBoard": "boards.update",
    "deleteBoard": "boards.delete",
    "listBoardViews": "board_views.list",
    "getBoardView": "board_views.get",
    "createBoardView": "board_views.create",
    "updateBoardView": "board_views.update",
    "deleteBoardView": "board_views.delete",
    # markers and marker settings
    "getMarker": "markers.list",
    "createMarker": "markers.create",
    "updateMarker": "markers.update",
    "deleteMarker": "markers.delete",
    "listMarkerSettings": "marker_settings.list",
    "createMarkerSetting": "marker_settings.create",
    "updateMarkerSettings": "marker_settings.update",
    "deleteMarkerSettings": "marker_settings.delete",
    # recipients
    "listRecipients": "recipients.list",
    "getRecipient": "recipients.get",
    "createRecipient": "recipients.create",
    "updateRecipient": "recipients.update",
    "deleteRecipient": "recipients.delete",
    "listTriggersWithRecipient": "recipients.list_triggers",
    # events
    "createEvent": "events.send",
    "createEvents": "events.send_batch",
    "createKinesisEvents": "events.send_kinesis",
    # service maps
    "createMapDependencyRequest": "service_maps.create_request",
    "getMapDependencies": "service_maps.get_request",
    # signals (Anomaly Detection)
    "listSignals": "signals.list",
    "getSignal": "signals.get",
    "updateSignal": "signals.update",
    "listSignalHistoricalAnomalies": "signals.list_historical_anomalies",
    # v2: API keys and environments
    "listApiKeys": "api_keys.list",
    "getApiKey": "api_keys.get",
    "createApiKey": "api_keys.create",
    "updateApiKey": "api_keys.update",
    "deleteApiKey": "api_keys.delete",
    "listEnvironments": "environments.list",
    "getEnvironment": "environments.get",
    "createEnvironment": "environments.create",
    "updateEnvironment": "environments.update",
    "deleteEnvironment": "environments.delete",
    # v2, internal in 2025-12 and gone from the 2026 public spec
    "createMarkerV2": "team_markers.create",
    "updateMarkerV2": "team_markers.update",
    "getPipelineConfiguration": "pipelines.get_configuration",
    "updatePipelineConfigurationRollout": "pipelines.update_rollout",
    "recordPipelineUsage": "pipelines.record_health",
    "recordEnhanceIndexerUsage": "enhance.record_indexer_usage",
}

EXPERIMENTAL = frozenset(
    {
        "createMarkerV2",
        "updateMarkerV2",
        "getPipelineConfiguration",
        "updatePipelineConfigurationRollout",
        "recordPipelineUsage",
        "recordEnhanceIndexerUsage",
    }
)
"""Operations only in the 2025-12 spec (marked ``x-internal`` there)."""
