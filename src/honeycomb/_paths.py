"""Building URL paths from user-supplied ids and slugs."""

from __future__ import annotations

from urllib.parse import quote

from honeycomb.errors import RequestValidationError

__all__ = ["ENVIRONMENT_WIDE", "segment"]

ENVIRONMENT_WIDE = "__all__"
"""The dataset slug that addresses the whole environment."""


# "." and ".." are dot-segments: every URL parser (httpx's included) removes them, so
# `triggers.delete("api", "..")` would send DELETE /1/triggers. Percent-encoded they are
# plain data to the parser (RFC 3986 removes only literal dot-segments) and the path keeps
# its shape: the API then answers about an object named "..", which does not exist.
_DOT_SEGMENTS = {".": "%2E", "..": "%2E%2E"}


def segment(value: str) -> str:
    """Quote one path segment so an id can never change the path's shape.

    Args:
        value: A dataset slug, id or name.

    Returns:
        The percent-encoded segment (``/`` included; ``.`` and ``..`` as ``%2E`` and
        ``%2E%2E``, which no URL normalisation removes).

    Examples:
        >>> segment("a/b"), segment("..")
        ('a%2Fb', '%2E%2E')

    Raises:
        TypeError: When ``value`` is not a string.
        RequestValidationError: When it is empty (a ``ValueError`` too).
    """
    if not isinstance(value, str):
        raise TypeError(f"expected a string id or slug, got {type(value).__name__}")
    if not value:
        raise RequestValidationError("an id or slug cannot be empty")
    return _DOT_SEGMENTS.get(value) or quote(value, safe="")
