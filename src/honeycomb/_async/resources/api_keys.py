"""``client.api_keys``: ingest and configuration keys of a team (management key, v2)."""

from __future__ import annotations

import builtins
from collections.abc import Mapping
from typing import Any

from honeycomb._async._pagination import DEFAULT_MAX_PAGES, AsyncPaginator
from honeycomb._async._resource import Resource
from honeycomb.models._base import request_model
from honeycomb.models._jsonapi import (
    MAX_PAGE_SIZE,
    build_document,
    check_page_size,
    collection_parser,
)
from honeycomb.models.api_keys import (
    API_KEY_TYPE,
    RELATIONSHIPS,
    ApiKey,
    ApiKeyCreate,
    ApiKeyUpdate,
    KeyType,
)

__all__ = ["ApiKeys"]

DEFAULT_PAGE_SIZE = MAX_PAGE_SIZE
"""The largest page: fewer requests against the 100-per-minute limit."""


class ApiKeys(Resource):
    """Team API keys (``/2/teams/{team}/api-keys``), with the management key.

    Every method takes ``team=`` to override the client's team (which is discovered from
    ``GET /2/auth`` when neither is set). Keys come back flat (see ``ApiKey``).
    """

    def iterate(
        self,
        type: KeyType | str | None = None,
        *,
        page_size: int = DEFAULT_PAGE_SIZE,
        max_pages: int | None = DEFAULT_MAX_PAGES,
        team: str | None = None,
    ) -> AsyncPaginator[ApiKey]:
        """Iterate over the team's keys lazily, a page at a time.

        Examples:
            >>> env, *others = await client.environments.list()
            >>> key = await client.api_keys.create(
            ...     {"name": "collectors", "key_type": "ingest", "environment_id": env.id}
            ... )
            >>> "collectors" in [k.name async for k in client.api_keys.iterate("ingest")]
            True

        Args:
            type: ``"ingest"`` or ``"configuration"`` to list only that kind.
            page_size: Keys per page, 1 to 100.
            max_pages: Stop with ``PaginationError`` after this many pages (None: no limit).
            team: The team slug, overriding the client's.

        Returns:
            A paginator; nothing is fetched until it is iterated.

        Raises:
            ValueError: ``page_size`` is out of range.
        """
        check_page_size(page_size)
        params = {"filter[type]": str(type) if type is not None else None, "page[size]": page_size}
        return self._paginate(
            self._lazy_team_path(team, "api-keys"),
            params=params,
            parse=collection_parser(ApiKey),
            auth="management",
            max_pages=max_pages,
        )

    async def list(
        self,
        type: KeyType | str | None = None,
        *,
        page_size: int = DEFAULT_PAGE_SIZE,
        max_pages: int | None = DEFAULT_MAX_PAGES,
        team: str | None = None,
    ) -> builtins.list[ApiKey]:
        """List every key of the team, following every page.

        Args:
            type: ``"ingest"`` or ``"configuration"`` to list only that kind.
            page_size: Keys per page, 1 to 100.
            max_pages: Stop with ``PaginationError`` after this many pages (None: no limit).
            team: The team slug, overriding the client's.

        Returns:
            All matching keys (secrets are never included).

        Raises:
            PaginationError: A repeated cursor, or more than ``max_pages`` pages.
            APIError: On any failure.
        """
        return await self.iterate(
            type, page_size=page_size, max_pages=max_pages, team=team
        ).to_list()

    async def get(self, key_id: str, *, team: str | None = None) -> ApiKey:
        """Read one key (without its secret).

        Args:
            key_id: The key id (``hcxik_...`` or ``hcxlk_...``).
            team: The team slug, overriding the client's.

        Returns:
            The key.

        Raises:
            NotFoundError: No such key.
            APIError: On any other failure.
        """
        path = await self._team_path(team, "api-keys", key_id)
        result: ApiKey = await self._request("GET", path, auth="management", cast=ApiKey)
        return result

    async def create(
        self, key: ApiKeyCreate | ApiKey | Mapping[str, Any], *, team: str | None = None
    ) -> ApiKey:
        """Create a key. Its ``secret`` is returned now and never again: store it.

        Examples:
            >>> env, *others = await client.environments.list()
            >>> key = await client.api_keys.create({
            ...     "name": "collectors",
            ...     "key_type": "ingest",
            ...     "environment_id": env.id,
            ...     "permissions": {"create_datasets": True},
            ... })
            >>> key.token.startswith(key.id)   # an ingest key's token: its id, then its secret
            True

        Args:
            key: An ``ApiKeyCreate`` or an equivalent dict.
            team: The team slug, overriding the client's.

        Returns:
            The new key, with ``secret`` (and ``token``, the value for ``X-Honeycomb-Team``).

        Raises:
            RequestValidationError: The body is invalid, e.g. configuration permissions
                on an ingest key (nothing is sent).
            APIError: On any failure.
        """
        body = self._body(ApiKeyCreate, key)
        document = build_document(API_KEY_TYPE, body, relationships=RELATIONSHIPS)
        path = await self._team_path(team, "api-keys")
        result: ApiKey = await self._request(
            "POST", path, json=document, auth="management", cast=ApiKey
        )
        return result

    async def update(
        self,
        key_id: str,
        update: ApiKeyUpdate | ApiKey | Mapping[str, Any],
        *,
        team: str | None = None,
    ) -> ApiKey:
        """Change a key's name, disabled state or (configuration keys) permissions.

        Permissions left out keep their current values.

        Examples:
            >>> env, *others = await client.environments.list()
            >>> key = await client.api_keys.create(
            ...     {"name": "collectors", "key_type": "ingest", "environment_id": env.id}
            ... )
            >>> key = await client.api_keys.update(key.id, {"disabled": True})
            >>> key.disabled
            True

        Args:
            key_id: The key id.
            update: An ``ApiKeyUpdate`` or an equivalent dict.
            team: The team slug, overriding the client's.

        Returns:
            The updated key.

        Raises:
            RequestValidationError: The body is invalid, e.g. configuration permissions
                for an ingest key (nothing is sent).
            NotFoundError: No such key.
            APIError: On any other failure.
        """
        model = request_model(ApiKeyUpdate, update)
        model.check_for(key_id)
        body = self._body(ApiKeyUpdate, model)
        document = build_document(API_KEY_TYPE, body, resource_id=key_id)
        path = await self._team_path(team, "api-keys", key_id)
        result: ApiKey = await self._request(
            "PATCH", path, json=document, auth="management", cast=ApiKey
        )
        return result

    async def delete(self, key_id: str, *, team: str | None = None) -> None:
        """Delete and immediately deactivate a key. This cannot be undone.

        Args:
            key_id: The key id.
            team: The team slug, overriding the client's.

        Raises:
            NotFoundError: No such key.
            APIError: On any other failure.
        """
        path = await self._team_path(team, "api-keys", key_id)
        await self._request("DELETE", path, auth="management")
