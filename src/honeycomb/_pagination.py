"""Reading and checking ``links.next`` of a paginated listing. Pure: no I/O.

A next link comes from the server and our key follows it, so it is resolved as a URL
against the URL of the page that carried it (RFC 3986, as a browser would), and followed
only on the same scheme, host and port. Comparing strings is not enough:
``@evil.example/x`` appended to ``https://api.honeycomb.io`` is a URL whose host is
``evil.example``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx

from honeycomb.errors import PaginationError

__all__ = ["next_link", "origin", "resolve_link"]

_DEFAULT_PORTS = {"http": 80, "https": 443}


def next_link(page: Any) -> str | None:
    """The ``links.next`` of a page, or None at the end.

    Args:
        page: A decoded page body.

    Returns:
        The next URL or path, as the server wrote it, or None.

    Examples:
        >>> next_link({"data": [], "links": {"next": "/2/x?page[after]=a"}})
        '/2/x?page[after]=a'
    """
    if isinstance(page, Mapping):
        links = page.get("links")
        if isinstance(links, Mapping):
            link = links.get("next")
            if isinstance(link, str) and link:
                return link
    return None


def origin(url: httpx.URL) -> tuple[str, str, int | None]:
    """A URL's scheme, host and port, with the scheme's default port made explicit.

    Args:
        url: An absolute URL.

    Returns:
        ``(scheme, host, port)``; httpx has already lower-cased the scheme and host.
    """
    return url.scheme, url.host, url.port or _DEFAULT_PORTS.get(url.scheme)


def resolve_link(page_url: str | httpx.URL, link: str) -> httpx.URL:
    """Resolve a next link against the URL of the page that carried it, refusing any
    that leaves its origin.

    Args:
        page_url: The absolute URL the page was fetched from.
        link: The ``links.next`` value.

    Returns:
        The absolute URL to fetch next.

    Raises:
        PaginationError: The link is not a URL, or resolves to another scheme, host or
            port (it is not followed: the request would carry the key there).

    Examples:
        >>> str(resolve_link("https://api.honeycomb.io/2/x", "/2/x?page[after]=a"))
        'https://api.honeycomb.io/2/x?page[after]=a'
    """
    base = httpx.URL(page_url)
    try:
        target = base.join(link)
    except (httpx.InvalidURL, ValueError, TypeError) as err:
        raise PaginationError(f"the API returned a next link that is not a URL: {err}") from err
    if origin(target) != origin(base):
        scheme, host, port = origin(target)
        raise PaginationError(
            f"refusing to follow a next link to {scheme}://{host}:{port}: it is not the "
            f"origin of the listing ({base.scheme}://{base.host}), and the request would "
            "carry the key there"
        )
    return target
