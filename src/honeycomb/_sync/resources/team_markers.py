# GENERATED from src/honeycomb/_async/resources/team_markers.py by scripts/unasync.py.
# Do not edit: change the async source and run `python scripts/unasync.py`.
"""``client.team_markers``: team-level markers (management key, v2). **Experimental.**"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from honeycomb._sync._resource import Resource
from honeycomb.models._jsonapi import build_document
from honeycomb.models.team_markers import (
    RELATIONSHIPS,
    TEAM_MARKER_TYPE,
    TeamMarker,
    TeamMarkerCreate,
    TeamMarkerUpdate,
)

__all__ = ["TeamMarkers"]


class TeamMarkers(Resource):
    """Team-level markers (``/2/teams/{team}/markers``). **Experimental.**

    These endpoints are marked internal in Honeycomb's December 2025 spec and are not in
    the public 2026 spec: they may change or vanish without notice. ``client.markers``
    (v1, per dataset) is the stable API. Needs a management key with ``markers:write``
    and ``environments:read``.
    """

    def create(
        self, marker: TeamMarkerCreate | TeamMarker | Mapping[str, Any], *, team: str | None = None
    ) -> TeamMarker:
        """Create a marker in an environment (one dataset, or ``"__all__"``). Experimental.

        Examples:
            >>> from datetime import datetime, timezone
            >>> env, *others = client.environments.list()
            >>> marker = client.team_markers.create({
            ...     "environment_id": env.id,
            ...     "dataset": "web",
            ...     "start_time": datetime.now(timezone.utc),
            ...     "type": "deploy",
            ...     "message": "v1.2.3",
            ... })
            >>> [m.message for m in client.markers.list("web")]
            ['v1.2.3']

        Args:
            marker: A ``TeamMarkerCreate`` or an equivalent dict.
            team: The team slug, overriding the client's.

        Returns:
            The new marker.

        Raises:
            RequestValidationError: The body is invalid (nothing is sent).
            APIError: On any failure.
        """
        body = self._body(TeamMarkerCreate, marker)
        path = self._team_path(team, "markers")
        result: TeamMarker = self._request(
            "POST",
            path,
            json=build_document(TEAM_MARKER_TYPE, body, relationships=RELATIONSHIPS),
            auth="management",
            cast=TeamMarker,
        )
        return result

    def update(
        self,
        marker_id: str,
        marker: TeamMarkerUpdate | TeamMarker | Mapping[str, Any],
        *,
        team: str | None = None,
    ) -> TeamMarker:
        """Change a marker; fields left out keep their values. Experimental.

        Args:
            marker_id: The marker id.
            marker: A ``TeamMarkerUpdate`` or an equivalent dict (it must name the
                environment and dataset).
            team: The team slug, overriding the client's.

        Returns:
            The updated marker.

        Raises:
            RequestValidationError: The body is invalid (nothing is sent).
            NotFoundError: No such marker.
            APIError: On any other failure.
        """
        body = self._body(TeamMarkerUpdate, marker)
        path = self._team_path(team, "markers", marker_id)
        result: TeamMarker = self._request(
            "PATCH",
            path,
            json=build_document(
                TEAM_MARKER_TYPE, body, resource_id=marker_id, relationships=RELATIONSHIPS
            ),
            auth="management",
            cast=TeamMarker,
        )
        return result
