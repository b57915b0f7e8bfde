"""Building URL paths from user-supplied ids and slugs."""

from __future__ import annotations

from urllib.parse import quote

__all__ = ["ENVIRONMENT_WIDE", "segment"]

ENVIRONMENT_WIDE = "__all__"
"""The dataset slug that addresses the whole environment."""


def segment(value: str) -> str:
    """Quote one path segment so an id can never change the path's shape.

    Args:
        value: A dataset slug, id or name.

    Returns:
        The percent-encoded segment (``/`` included).

    Raises:
        TypeError: When ``value`` is not a string.
        ValueError: When it is empty.
    """
    if not isinstance(value, str):
        raise TypeError(f"expected a string id or slug, got {type(value).__name__}")
    if not value:
        raise ValueError("an id or slug cannot be empty")
    return quote(value, safe="")
