"""``client.enhance``: Enhance indexer usage (management key, v2). **Experimental.**"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from honeycomb._async._resource import Resource
from honeycomb.models._jsonapi import build_document
from honeycomb.models.enhance import ENHANCE_USAGE_TYPE, EnhanceIndexerUsage

__all__ = ["Enhance"]


class Enhance(Resource):
    """Enhance indexer usage (``/2/teams/{team}/enhance_indexer_usage``). **Experimental.**

    This endpoint is marked internal in Honeycomb's December 2025 spec and is not in the
    public 2026 spec: it may change or vanish without notice. Needs a management key with
    ``enhance:write``.
    """

    async def record_indexer_usage(
        self, usage: EnhanceIndexerUsage | Mapping[str, Any], *, team: str | None = None
    ) -> None:
        """Record a usage report of the Enhance indexer. Experimental.

        Not retried on a 5xx or a read timeout (a retry could count usage twice).

        Examples:
            >>> await client.enhance.record_indexer_usage({
            ...     "s3Bucket": "telemetry-archive",
            ...     "usageData": {"resourceMetrics": []},
            ... })

        Args:
            usage: An ``EnhanceIndexerUsage`` or an equivalent dict.
            team: The team slug, overriding the client's.

        Raises:
            RequestValidationError: The body is invalid (nothing is sent).
            APIError: On any failure.
        """
        body = self._body(EnhanceIndexerUsage, usage)
        path = await self._team_path(team, "enhance_indexer_usage")
        await self._request(
            "POST",
            path,
            json=build_document(ENHANCE_USAGE_TYPE, body),
            auth="management",
        )
