# GENERATED from src/honeycomb/_async/resources/environments.py by scripts/unasync.py.
# Do not edit: change the async source and run `python scripts/unasync.py`.
"""``client.environments``: a team's environments (management key, v2)."""

from __future__ import annotations

import builtins
from collections.abc import Mapping
from typing import Any

from honeycomb._sync._pagination import DEFAULT_MAX_PAGES, Paginator
from honeycomb._sync._resource import Resource
from honeycomb.models._jsonapi import (
    MAX_PAGE_SIZE,
    build_document,
    check_page_size,
    collection_parser,
)
from honeycomb.models.environments import (
    ENVIRONMENT_TYPE,
    Environment,
    EnvironmentCreate,
    EnvironmentSettingsUpdate,
    EnvironmentUpdate,
)

__all__ = ["Environments"]


class Environments(Resource):
    """Environments (``/2/teams/{team}/environments``), with the management key.

    Every method takes ``team=`` to override the client's team (which is discovered from
    ``GET /2/auth`` when neither is set).
    """

    def iterate(
        self,
        *,
        page_size: int = MAX_PAGE_SIZE,
        max_pages: int | None = DEFAULT_MAX_PAGES,
        team: str | None = None,
    ) -> Paginator[Environment]:
        """Iterate over the team's environments lazily, a page at a time.

        Examples:
            >>> dev = client.environments.create({"name": "dev"})
            >>> [env.slug for env in client.environments.iterate()]
            ['test', 'staging', 'dev']

        Args:
            page_size: Environments per page, 1 to 100.
            max_pages: Stop with ``PaginationError`` after this many pages (None: no limit).
            team: The team slug, overriding the client's.

        Returns:
            A paginator; nothing is fetched until it is iterated.

        Raises:
            ValueError: ``page_size`` is out of range.
        """
        return self._paginate(
            self._lazy_team_path(team, "environments"),
            params={"page[size]": check_page_size(page_size)},
            parse=collection_parser(Environment),
            auth="management",
            max_pages=max_pages,
        )

    def list(
        self,
        *,
        page_size: int = MAX_PAGE_SIZE,
        max_pages: int | None = DEFAULT_MAX_PAGES,
        team: str | None = None,
    ) -> builtins.list[Environment]:
        """List every environment of the team, following every page.

        Args:
            page_size: Environments per page, 1 to 100.
            max_pages: Stop with ``PaginationError`` after this many pages (None: no limit).
            team: The team slug, overriding the client's.

        Returns:
            All environments.

        Raises:
            PaginationError: A repeated cursor, or more than ``max_pages`` pages.
            APIError: On any failure.
        """
        return self.iterate(page_size=page_size, max_pages=max_pages, team=team).to_list()

    def get(self, env_id: str, *, team: str | None = None) -> Environment:
        """Read one environment.

        Args:
            env_id: The environment id (``hcaen_...``).
            team: The team slug, overriding the client's.

        Returns:
            The environment.

        Raises:
            NotFoundError: No such environment.
            APIError: On any other failure.
        """
        path = self._team_path(team, "environments", env_id)
        result: Environment = self._request("GET", path, auth="management", cast=Environment)
        return result

    def create(
        self, env: EnvironmentCreate | Environment | Mapping[str, Any], *, team: str | None = None
    ) -> Environment:
        """Create an environment. It starts delete-protected.

        Examples:
            >>> env = client.environments.create({"name": "dev", "color": "gold"})
            >>> env.slug, env.color, env.settings.delete_protected
            ('dev', <EnvironmentColor.GOLD: 'gold'>, True)

        Args:
            env: An ``EnvironmentCreate`` or an equivalent dict.
            team: The team slug, overriding the client's.

        Returns:
            The new environment.

        Raises:
            RequestValidationError: The body is invalid (nothing is sent).
            ConflictError: An environment of that name exists.
            APIError: On any other failure.
        """
        body = self._body(EnvironmentCreate, env)
        path = self._team_path(team, "environments")
        result: Environment = self._request(
            "POST",
            path,
            json=build_document(ENVIRONMENT_TYPE, body),
            auth="management",
            cast=Environment,
        )
        return result

    def update(
        self,
        env_id: str,
        update: EnvironmentUpdate | Environment | Mapping[str, Any],
        *,
        team: str | None = None,
    ) -> Environment:
        """Change an environment's description, colour or delete protection.

        Examples:
            >>> env = client.environments.create({"name": "scratch"})
            >>> unprotected = {"settings": {"delete_protected": False}}
            >>> env = client.environments.update(env.id, unprotected)
            >>> client.environments.delete(env.id)  # refused while it is delete-protected

        Args:
            env_id: The environment id.
            update: An ``EnvironmentUpdate`` or an equivalent dict.
            team: The team slug, overriding the client's.

        Returns:
            The updated environment.

        Raises:
            RequestValidationError: The body is invalid (nothing is sent).
            NotFoundError: No such environment.
            APIError: On any other failure.
        """
        body = self._body(EnvironmentUpdate, update)
        path = self._team_path(team, "environments", env_id)
        result: Environment = self._request(
            "PATCH",
            path,
            json=build_document(ENVIRONMENT_TYPE, body, resource_id=env_id),
            auth="management",
            cast=Environment,
        )
        return result

    def delete(
        self,
        env_id: str,
        *,
        remove_delete_protection: bool = False,
        team: str | None = None,
    ) -> None:
        """Delete an environment and everything in it. This cannot be undone.

        Environments are delete-protected by default; a protected one answers 409. Pass
        ``remove_delete_protection=True`` to switch protection off first.

        Args:
            env_id: The environment id.
            remove_delete_protection: Turn delete protection off before deleting.
            team: The team slug, overriding the client's.

        Raises:
            ConflictError: The environment is delete-protected.
            NotFoundError: No such environment.
            APIError: On any other failure.
        """
        if remove_delete_protection:
            self.update(
                env_id,
                EnvironmentUpdate(settings=EnvironmentSettingsUpdate(delete_protected=False)),
                team=team,
            )
        path = self._team_path(team, "environments", env_id)
        self._request("DELETE", path, auth="management")
