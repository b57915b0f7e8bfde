"""``client.auth``: which keys are in use, and what they may do."""

from __future__ import annotations

from typing import Any

from honeycomb._async._resource import Resource
from honeycomb.models.auth import Auth as AuthInfo
from honeycomb.models.auth import ManagementAuth

__all__ = ["Auth"]


class Auth(Resource):
    """``GET /1/auth`` and ``GET /2/auth``."""

    async def get(self) -> AuthInfo:
        """Describe the configuration or ingest key: team, environment and permissions.

        Returns:
            The key's details.

        Raises:
            MissingCredentialError: No ``api_key`` is configured.
            AuthenticationError: The key is unknown or disabled.
            APIError: Any other failure.
        """
        result: AuthInfo = await self._request("GET", "/1/auth", cast=AuthInfo)
        return result

    async def get_management(self) -> ManagementAuth:
        """Describe the management key: its scopes and team. Caches the team slug.

        Returns:
            The key's details, flattened from JSON:API.

        Raises:
            MissingCredentialError: No ``management_key`` is configured.
            AuthenticationError: The key is unknown or disabled.
            APIError: Any other failure.
        """
        auth: ManagementAuth = await self._request(
            "GET", "/2/auth", auth="management", cast=Any, parse=ManagementAuth.from_document
        )
        if auth.team_slug and not self._requester.state.team:
            self._requester.state.team = auth.team_slug
        return auth
