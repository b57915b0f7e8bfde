"""Each operation's method and path template, from Honeycomb's OpenAPI descriptions.

Data and one pure function: ``match`` maps a request (method and concrete path) back to its
operation, for span names (``GET /1/triggers/{datasetSlug}/{triggerId}``) and attributes.
The templates are the specs' own (``tests/test_routes.py`` compares them with both files),
keyed like ``honeycomb._operations.OPERATIONS``.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import unquote

__all__ = ["ROUTES", "Route", "match"]

ROUTES: dict[str, str] = {
    "getAuth": "GET /1/auth",
    "getV2Auth": "GET /2/auth",
    "listDatasets": "GET /1/datasets",
    "getDataset": "GET /1/datasets/{datasetSlug}",
    "createDataset": "POST /1/datasets",
    "updateDataset": "PUT /1/datasets/{datasetSlug}",
    "deleteDataset": "DELETE /1/datasets/{datasetSlug}",
    "listDatasetDefinitions": "GET /1/dataset_definitions/{datasetSlug}",
    "patchDatasetDefinitions": "PATCH /1/dataset_definitions/{datasetSlug}",
    "listColumns": "GET /1/columns/{datasetSlug}",
    "getColumn": "GET /1/columns/{datasetSlug}/{columnId}",
    "createColumn": "POST /1/columns/{datasetSlug}",
    "updateColumn": "PUT /1/columns/{datasetSlug}/{columnId}",
    "deleteColumn": "DELETE /1/columns/{datasetSlug}/{columnId}",
    "listCalculatedFields": "GET /1/derived_columns/{datasetSlug}",
    "getCalculatedField": "GET /1/derived_columns/{datasetSlug}/{derivedColumnId}",
    "createCalculatedField": "POST /1/derived_columns/{datasetSlug}",
    "updateCalculatedField": "PUT /1/derived_columns/{datasetSlug}/{derivedColumnId}",
    "deleteCalculatedField": "DELETE /1/derived_columns/{datasetSlug}/{derivedColumnId}",
    "createQuery": "POST /1/queries/{datasetSlug}",
    "getQuery": "GET /1/queries/{datasetSlug}/{queryId}",
    "createQueryResult": "POST /1/query_results/{datasetSlug}",
    "getQueryResult": "GET /1/query_results/{datasetSlug}/{queryResultId}",
    "listQueryAnnotations": "GET /1/query_annotations/{datasetSlug}",
    "getQueryAnnotation": "GET /1/query_annotations/{datasetSlug}/{queryAnnotationId}",
    "createQueryAnnotation": "POST /1/query_annotations/{datasetSlug}",
    "updateQueryAnnotation": "PUT /1/query_annotations/{datasetSlug}/{queryAnnotationId}",
    "deleteQueryAnnotation": "DELETE /1/query_annotations/{datasetSlug}/{queryAnnotationId}",
    "listTriggers": "GET /1/triggers/{datasetSlug}",
    "getTrigger": "GET /1/triggers/{datasetSlug}/{triggerId}",
    "createTrigger": "POST /1/triggers/{datasetSlug}",
    "updateTrigger": "PUT /1/triggers/{datasetSlug}/{triggerId}",
    "deleteTrigger": "DELETE /1/triggers/{datasetSlug}/{triggerId}",
    "listSlos": "GET /1/slos/{datasetSlug}",
    "getSlo": "GET /1/slos/{datasetSlug}/{sloId}",
    "createSlo": "POST /1/slos/{datasetSlug}",
    "updateSlo": "PUT /1/slos/{datasetSlug}/{sloId}",
    "deleteSlo": "DELETE /1/slos/{datasetSlug}/{sloId}",
    "getSloHistory": "POST /1/reporting/slos/historical",
    "getSloRealtimeCounts": "GET /1/slos/{datasetSlug}/{sloId}/counts",
    "getSloHourlyCountsHistory": "GET /1/slos/{datasetSlug}/{sloId}/counts/history",
    "listBurnAlertsBySlo": "GET /1/burn_alerts/{datasetSlug}",
    "getBurnAlert": "GET /1/burn_alerts/{datasetSlug}/{burnAlertId}",
    "createBurnAlert": "POST /1/burn_alerts/{datasetSlug}",
    "updateBurnAlert": "PUT /1/burn_alerts/{datasetSlug}/{burnAlertId}",
    "deleteBurnAlert": "DELETE /1/burn_alerts/{datasetSlug}/{burnAlertId}",
    "listBoards": "GET /1/boards",
    "getBoard": "GET /1/boards/{boardId}",
    "createBoard": "POST /1/boards",
    "updateBoard": "PUT /1/boards/{boardId}",
    "deleteBoard": "DELETE /1/boards/{boardId}",
    "listBoardViews": "GET /1/boards/{boardId}/views",
    "getBoardView": "GET /1/boards/{boardId}/views/{viewId}",
    "createBoardView": "POST /1/boards/{boardId}/views",
    "updateBoardView": "PUT /1/boards/{boardId}/views/{viewId}",
    "deleteBoardView": "DELETE /1/boards/{boardId}/views/{viewId}",
    "getMarker": "GET /1/markers/{datasetSlug}",
    "createMarker": "POST /1/markers/{datasetSlug}",
    "updateMarker": "PUT /1/markers/{datasetSlug}/{markerId}",
    "deleteMarker": "DELETE /1/markers/{datasetSlug}/{markerId}",
    "listMarkerSettings": "GET /1/marker_settings/{datasetSlug}",
    "createMarkerSetting": "POST /1/marker_settings/{datasetSlug}",
    "updateMarkerSettings": "PUT /1/marker_settings/{datasetSlug}/{markerSettingId}",
    "deleteMarkerSettings": "DELETE /1/marker_settings/{datasetSlug}/{markerSettingId}",
    "listRecipients": "GET /1/recipients",
    "getRecipient": "GET /1/recipients/{recipientId}",
    "createRecipient": "POST /1/recipients",
    "updateRecipient": "PUT /1/recipients/{recipientId}",
    "deleteRecipient": "DELETE /1/recipients/{recipientId}",
    "listTriggersWithRecipient": "GET /1/recipients/{recipientId}/triggers",
    "createEvent": "POST /1/events/{datasetSlug}",
    "createEvents": "POST /1/batch/{datasetSlug}",
    "createKinesisEvents": "POST /1/kinesis_events/{datasetSlug}",
    "createMapDependencyRequest": "POST /1/maps/dependencies/requests",
    "getMapDependencies": "GET /1/maps/dependencies/requests/{requestId}",
    "listSignals": "GET /1/signals",
    "getSignal": "GET /1/signals/{id}",
    "updateSignal": "PUT /1/signals/{id}",
    "listSignalHistoricalAnomalies": "GET /1/signals/{id}/historical_anomalies",
    "listApiKeys": "GET /2/teams/{teamSlug}/api-keys",
    "getApiKey": "GET /2/teams/{teamSlug}/api-keys/{ID}",
    "createApiKey": "POST /2/teams/{teamSlug}/api-keys",
    "updateApiKey": "PATCH /2/teams/{teamSlug}/api-keys/{ID}",
    "deleteApiKey": "DELETE /2/teams/{teamSlug}/api-keys/{ID}",
    "listEnvironments": "GET /2/teams/{teamSlug}/environments",
    "getEnvironment": "GET /2/teams/{teamSlug}/environments/{ID}",
    "createEnvironment": "POST /2/teams/{teamSlug}/environments",
    "updateEnvironment": "PATCH /2/teams/{teamSlug}/environments/{ID}",
    "deleteEnvironment": "DELETE /2/teams/{teamSlug}/environments/{ID}",
    "createMarkerV2": "POST /2/teams/{teamSlug}/markers",
    "updateMarkerV2": "PATCH /2/teams/{teamSlug}/markers/{ID}",
    "getPipelineConfiguration": (
        "GET /2/teams/{teamSlug}/pipelines/{pipelineId}/configurations/{configurationId}"
    ),
    "updatePipelineConfigurationRollout": (
        "PATCH /2/teams/{teamSlug}/pipelines/{pipelineId}/rollouts/{rolloutId}"
    ),
    "recordPipelineUsage": "POST /2/teams/{teamSlug}/pipelines/{pipelineId}/health",
    "recordEnhanceIndexerUsage": "POST /2/teams/{teamSlug}/enhance_indexer_usage",
}


@dataclass(frozen=True)
class Route:
    """The operation a request belongs to."""

    operation_id: str
    method: str
    template: str
    params: dict[str, str]
    """The path parameters by their spec names (``datasetSlug``), percent-decoded."""


# (method, number of segments) -> [(segments, operation id)], the templates with the most
# literal segments first, so that ``/1/slos/{d}/{id}/counts`` is not read as a parameter.
_Compiled = tuple[tuple[str, ...], str]
_INDEX: dict[tuple[str, int], list[_Compiled]] = {}


def _compile() -> None:
    for operation_id, route in ROUTES.items():
        method, template = route.split(" ", 1)
        segments = tuple(template.strip("/").split("/"))
        _INDEX.setdefault((method, len(segments)), []).append((segments, operation_id))
    for candidates in _INDEX.values():
        candidates.sort(key=lambda c: -sum(not s.startswith("{") for s in c[0]))


_compile()


def match(method: str, path: str) -> Route | None:
    """The operation for a request, or None for a path no spec describes.

    Examples:
        >>> route = match("GET", "/1/triggers/my%20app/t1")
        >>> route.template, route.operation_id, route.params["datasetSlug"]
        ('/1/triggers/{datasetSlug}/{triggerId}', 'getTrigger', 'my app')

    Args:
        method: The HTTP method.
        path: The URL path below the API root (no query string).

    Returns:
        The route, or None.
    """
    method = method.upper()
    parts = path.strip("/").split("/")
    for segments, operation_id in _INDEX.get((method, len(parts)), ()):
        params: dict[str, str] = {}
        for expected, actual in zip(segments, parts, strict=True):
            if expected.startswith("{"):
                if not actual:
                    break
                params[expected[1:-1]] = unquote(actual)
            elif expected != actual:
                break
        else:
            return Route(operation_id, method, "/" + "/".join(segments), params)
    return None
