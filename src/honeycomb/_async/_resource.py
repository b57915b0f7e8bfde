"""The base of every resource class: thin helpers over the one request pipeline."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from pydantic import BaseModel

from honeycomb._async._pagination import DEFAULT_MAX_PAGES, AsyncPaginator
from honeycomb._async._requester import Requester
from honeycomb._config import AuthKind
from honeycomb._io import AsyncThunk
from honeycomb._paths import segment
from honeycomb.models._base import RequestModel, ResponseModel, to_request_body

__all__ = ["Resource", "Saved"]

T = TypeVar("T")
RequestT = TypeVar("RequestT", bound=RequestModel)


class Saved(ResponseModel):
    """The part of a create's answer needed to refer to what it made: the id, required (an
    answer without one is an ``APIResponseValidationError``, not a reference to None)."""

    id: str


class Resource:
    """A group of operations (``client.triggers``, ``client.datasets``...)."""

    def __init__(self, requester: Requester) -> None:
        self._requester = requester
        # The pipeline's own method, not a copy of its signature: every keyword of
        # ``Requester.request`` (cast, auth, deadline, retry options...) is available.
        self._request = requester.request

    @staticmethod
    def _body(
        model: type[RequestT], value: RequestT | Mapping[str, Any] | BaseModel
    ) -> dict[str, Any]:
        return to_request_body(model, value)

    async def _save_query(self, dataset: str, body: Mapping[str, Any]) -> str:
        """Save a query body (from ``query_body``) in ``dataset``, as ``client.queries.create``
        does; return its id."""
        saved: Saved = await self._request(
            "POST", f"/1/queries/{segment(dataset)}", json=body, cast=Saved
        )
        return saved.id

    async def _team_path(self, team: str | None, *parts: str) -> str:
        slug = await self._requester.team_slug(team)
        tail = "".join(f"/{segment(p)}" for p in parts)
        return f"/2/teams/{segment(slug)}{tail}"

    def _lazy_team_path(self, team: str | None, *parts: str) -> AsyncThunk[str]:
        """A team path resolved on first use, for paginators built before any I/O."""

        async def resolve() -> str:
            return await self._team_path(team, *parts)

        return resolve

    def _paginate(
        self,
        path: str | AsyncThunk[str],
        *,
        parse: Callable[[Any], Iterable[T]],
        params: Mapping[str, Any] | None = None,
        auth: AuthKind = "config",
        max_pages: int | None = DEFAULT_MAX_PAGES,
    ) -> AsyncPaginator[T]:
        return AsyncPaginator(
            self._requester, path, parse=parse, params=params, auth=auth, max_pages=max_pages
        )
