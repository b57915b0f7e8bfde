"""``client.pipelines``: pipeline configurations and health (management key, v2).

**Experimental.**
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from honeycomb._async._resource import Resource
from honeycomb.models._jsonapi import build_document
from honeycomb.models.pipelines import (
    PIPELINE_HEALTH_TYPE,
    ROLLOUT_TYPE,
    PipelineConfiguration,
    PipelineHealthReport,
    PipelineRollout,
    RolloutUpdate,
)

__all__ = ["Pipelines"]


class Pipelines(Resource):
    """Pipelines (``/2/teams/{team}/pipelines``). **Experimental.**

    These endpoints are marked internal in Honeycomb's December 2025 spec and are not in
    the public 2026 spec: they may change or vanish without notice. Needs a management
    key with the ``pipelines:read`` / ``pipelines:write`` scopes.
    """

    async def get_configuration(
        self,
        pipeline_id: str,
        configuration_id: str,
        *,
        kinds: Sequence[str] | None = None,
        generate_ingest_keys: bool | None = None,
        etag: str | None = None,
        team: str | None = None,
    ) -> PipelineConfiguration | None:
        """Read a pipeline configuration, or None when it has not changed. Experimental.

        Pass the ``etag`` of the configuration you hold: when it is still current the API
        answers 304 Not Modified and this returns **None** (keep using your copy).
        Otherwise the new configuration comes back with its new ``etag``.

        Examples:
            >>> config = await client.pipelines.get_configuration("pl1", "cfg1")
            >>> latest = await client.pipelines.get_configuration("pl1", "cfg1", etag=config.etag)
            >>> latest is None   # 304 Not Modified: keep using config
            True

        Args:
            pipeline_id: The pipeline id.
            configuration_id: The configuration id.
            kinds: Only these kinds (``refinery``, ``refinery_config``, ``refinery_rules``,
                ``primary-collector``, optionally with ``/<version>``); default all.
            generate_ingest_keys: Generate (or reuse) 1-hour ingest keys and put their ids
                in the configuration; needs ``environments:read`` and ``api-keys:write``.
            etag: The ``ETag`` of a cached copy, sent as ``If-None-Match``.
            team: The team slug, overriding the client's.

        Returns:
            The configuration, or None when ``etag`` is still current.

        Raises:
            NotFoundError: No such pipeline or configuration.
            APIError: On any other failure.
        """
        path = await self._team_path(
            team, "pipelines", pipeline_id, "configurations", configuration_id
        )
        params: dict[str, Any] = {
            "filter[kind]": list(kinds) if kinds else None,
            "generate_ingest_keys": generate_ingest_keys,
        }
        headers = {"If-None-Match": etag} if etag else None
        requester = self._requester
        response = await requester.send(
            requester.build("GET", path, params=params, headers=headers, auth="management")
        )
        if response.status_code == 304:
            return None
        result: PipelineConfiguration = requester.decode(response, PipelineConfiguration)
        result.etag = response.headers.get("ETag")
        return result

    async def update_rollout(
        self,
        pipeline_id: str,
        rollout_id: str,
        update: RolloutUpdate | Mapping[str, Any],
        *,
        team: str | None = None,
    ) -> PipelineRollout:
        """Set the status of a configuration rollout. Experimental.

        Examples:
            >>> rollout = await client.pipelines.update_rollout("pl1", "ro1", {"status": "live"})
            >>> rollout.status
            <RolloutStatus.LIVE: 'live'>

        Args:
            pipeline_id: The pipeline id.
            rollout_id: The rollout id.
            update: A ``RolloutUpdate`` or an equivalent dict.
            team: The team slug, overriding the client's.

        Returns:
            The rollout.

        Raises:
            RequestValidationError: The body is invalid (nothing is sent).
            NotFoundError: No such pipeline or rollout.
            APIError: On any other failure.
        """
        body = self._body(RolloutUpdate, update)
        path = await self._team_path(team, "pipelines", pipeline_id, "rollouts", rollout_id)
        result: PipelineRollout = await self._request(
            "PATCH",
            path,
            json=build_document(ROLLOUT_TYPE, body, resource_id=rollout_id),
            auth="management",
            cast=PipelineRollout,
        )
        return result

    async def record_health(
        self,
        pipeline_id: str,
        report: PipelineHealthReport | Mapping[str, Any],
        *,
        team: str | None = None,
    ) -> None:
        """Record a pipeline's health and usage metrics. Experimental.

        The JSON:API ``id`` of the record is the pipeline id. Not retried on a 5xx or a
        read timeout (a retry could count usage twice).

        Args:
            pipeline_id: The pipeline id.
            report: A ``PipelineHealthReport`` or an equivalent dict.
            team: The team slug, overriding the client's.

        Raises:
            RequestValidationError: The body is invalid (nothing is sent).
            NotFoundError: No such pipeline.
            APIError: On any other failure.
        """
        body = self._body(PipelineHealthReport, report)
        path = await self._team_path(team, "pipelines", pipeline_id, "health")
        await self._request(
            "POST",
            path,
            json=build_document(PIPELINE_HEALTH_TYPE, body, resource_id=pipeline_id),
            auth="management",
        )
