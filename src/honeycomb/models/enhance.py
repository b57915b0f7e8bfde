"""Models for Enhance indexer usage (``/2/teams/{team}/enhance_indexer_usage``). **Experimental.**

This operation is marked internal in Honeycomb's December 2025 spec and absent from the
public 2026 spec; it may change or disappear.
"""

from __future__ import annotations

from pydantic import Field

from honeycomb.models._base import RequestModel
from honeycomb.models.pipelines import UsageData

__all__ = ["ENHANCE_USAGE_TYPE", "EnhanceIndexerUsage", "UsageData"]

ENHANCE_USAGE_TYPE = "enhance_indexer_usage"
"""The JSON:API resource type."""


class EnhanceIndexerUsage(RequestModel):
    """A usage record of the Enhance indexer for one S3 location.

    Fields are sent with the API's camelCase names (``s3Bucket``, ``s3FilePrefix``,
    ``usageData``); either spelling is accepted on input.
    """

    s3_bucket: str = Field(alias="s3Bucket", min_length=1)
    s3_file_prefix: str | None = Field(default=None, alias="s3FilePrefix")
    usage_data: UsageData = Field(alias="usageData")
