"""Models for ``GET /1/auth`` and ``GET /2/auth``."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from honeycomb.errors import HoneycombError
from honeycomb.models._base import ResponseModel, StrEnum

__all__ = [
    "ApiKeyAccess",
    "Auth",
    "AuthEnvironment",
    "AuthTeam",
    "KeyType",
    "ManagementAuth",
    "team_slug_from_v2_auth",
]


class KeyType(StrEnum):
    """The kind of key ``GET /1/auth`` reports."""

    CONFIGURATION = "configuration"
    INGEST = "ingest"


class ApiKeyAccess(ResponseModel):
    """What a v1 key may do (camelCase, as ``/1/auth`` reports it)."""

    events: bool = False
    markers: bool = False
    triggers: bool = False
    boards: bool = False
    queries: bool = False
    columns: bool = False
    create_datasets: bool = Field(default=False, alias="createDatasets")
    slos: bool = False
    recipients: bool = False
    private_boards: bool = Field(default=False, alias="privateBoards")


class AuthEnvironment(ResponseModel):
    """The environment a key belongs to; name and slug are empty for Classic."""

    name: str | None = None
    slug: str | None = None


class AuthTeam(ResponseModel):
    """The team a key belongs to."""

    name: str | None = None
    slug: str | None = None


class Auth(ResponseModel):
    """``GET /1/auth``: the configuration or ingest key in use."""

    id: str
    type: KeyType | str | None = None
    api_key_access: ApiKeyAccess = Field(default_factory=ApiKeyAccess)
    environment: AuthEnvironment = Field(default_factory=AuthEnvironment)
    team: AuthTeam = Field(default_factory=AuthTeam)

    @property
    def is_classic(self) -> bool:
        """True for a Classic environment (no environment slug)."""
        return not self.environment.slug


class ManagementAuth(ResponseModel):
    """``GET /2/auth`` flattened: the management key in use and its team."""

    id: str
    name: str | None = None
    key_type: str | None = None
    disabled: bool = False
    scopes: list[str] = Field(default_factory=list)
    created_at: datetime | None = None
    updated_at: datetime | None = None
    team_id: str | None = None
    team_name: str | None = None
    team_slug: str | None = None

    @classmethod
    def from_document(cls, document: Any) -> ManagementAuth:
        """Flatten the JSON:API document of ``GET /2/auth``.

        Args:
            document: The decoded response body.

        Returns:
            The flat model.

        Raises:
            pydantic.ValidationError: When the document lacks ``data.id``.
        """
        data = document.get("data") if isinstance(document, dict) else None
        data = data if isinstance(data, dict) else {}
        attributes = data.get("attributes") or {}
        timestamps = attributes.get("timestamps") or {}
        team = _included_team(document)
        relationship = ((data.get("relationships") or {}).get("team") or {}).get("data") or {}
        return cls.model_validate(
            {
                "id": data.get("id"),
                "name": attributes.get("name"),
                "key_type": attributes.get("key_type"),
                "disabled": attributes.get("disabled", False),
                "scopes": attributes.get("scopes") or [],
                "created_at": timestamps.get("created"),
                "updated_at": timestamps.get("updated"),
                "team_id": relationship.get("id") or team.get("id"),
                "team_name": (team.get("attributes") or {}).get("name"),
                "team_slug": (team.get("attributes") or {}).get("slug"),
            }
        )


def _included_team(document: Any) -> dict[str, Any]:
    included = document.get("included") if isinstance(document, dict) else None
    for item in included or []:
        if isinstance(item, dict) and item.get("type") == "teams":
            return item
    return {}


def team_slug_from_v2_auth(document: Any) -> str:
    """The team slug from a ``GET /2/auth`` document.

    Args:
        document: The decoded response body.

    Returns:
        The slug of the included team.

    Raises:
        HoneycombError: When the document carries no team slug; pass ``team=`` instead.
    """
    slug = (_included_team(document).get("attributes") or {}).get("slug")
    if not isinstance(slug, str) or not slug:
        raise HoneycombError(
            "GET /2/auth did not name the team; pass team='your-team-slug' to the client"
        )
    return slug
