"""Cursor pagination for JSON:API-style listings (``links.next``, ``page[size]``).

``AsyncPaginator`` is lazy: nothing is fetched until it is iterated, and each page is
fetched only when the previous one is used up. ``to_list()`` collects everything.
"""

from __future__ import annotations

import builtins
from collections.abc import AsyncIterator, Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from honeycomb._config import AuthKind
from honeycomb._io import AsyncThunk
from honeycomb._pagination import next_link, resolve_link
from honeycomb.errors import PaginationError

if TYPE_CHECKING:
    from honeycomb._async._requester import Requester

__all__ = ["DEFAULT_MAX_PAGES", "AsyncPaginator"]

T = TypeVar("T")

DEFAULT_MAX_PAGES = 1000
"""With 100 items a page, a listing may hold 100,000 items before it is stopped."""


class AsyncPaginator(Generic[T]):
    """Iterates every item of a paginated listing, fetching pages as needed.

    Stops when a page has no ``links.next``; an empty page with a next link is followed,
    not taken as the end. A repeated cursor or more than ``max_pages`` pages raise
    ``PaginationError`` instead of looping forever or truncating silently, and so does a
    next link that resolves to another scheme, host or port than the page it came from.
    """

    def __init__(
        self,
        requester: Requester,
        path: str | AsyncThunk[str],
        *,
        parse: Callable[[Any], Iterable[T]],
        params: Mapping[str, Any] | None = None,
        auth: AuthKind = "config",
        max_pages: int | None = DEFAULT_MAX_PAGES,
    ) -> None:
        self._requester = requester
        self._path = path
        self._parse = parse
        self._params = params
        self._auth = auth
        self._max_pages = max_pages
        self.pages_fetched = 0

    def __aiter__(self) -> AsyncIterator[T]:
        return self._items()

    async def _items(self) -> AsyncIterator[T]:
        url: str | None = self._path if isinstance(self._path, str) else await self._path()
        first = url
        params = self._params
        seen: set[str] = {self._requester.url_for(url)} if url is not None else set()
        while url is not None:
            if self._max_pages is not None and self.pages_fetched >= self._max_pages:
                raise PaginationError(
                    f"stopped after max_pages={self._max_pages} pages of {first}; "
                    "pass a larger max_pages to fetch more"
                )
            page, items = await self._requester.request(
                "GET", url, params=params, cast=Any, auth=self._auth, parse=self._read
            )
            self.pages_fetched += 1
            for item in items:
                yield item
            link = next_link(page)
            if link is None:
                return
            target = str(resolve_link(self._requester.url_for(url), link))
            if target in seen:
                raise PaginationError(
                    f"the API returned the same next link twice ({link}); stopping instead "
                    "of looping forever"
                )
            seen.add(target)
            url, params = target, None

    def _read(self, page: Any) -> tuple[Any, builtins.list[T]]:
        """The page and its items, read whole so that a malformed page fails here, inside
        the pipeline, as an ``APIResponseValidationError`` that keeps the body."""
        return page, builtins.list(self._parse(page))

    async def to_list(self) -> builtins.list[T]:
        """Fetch every page and return all items.

        Returns:
            The items, in API order.

        Raises:
            PaginationError: A repeated cursor, or more than ``max_pages`` pages.
            APIError: A page request failed.
        """
        return [item async for item in self]
