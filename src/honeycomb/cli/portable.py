"""Portable copies of API objects: what ``export`` prints and ``create`` takes back.

Pure. An exported object keeps only the top-level fields its request model accepts, so
ids, timestamps, ``dataset_slug``, ``triggered`` and other read-only fields are gone and
the document goes straight into ``create`` in another dataset or environment. Nulls are
left out (they mean "not set"), and a trigger's inline ``query`` wins over its
dataset-bound ``query_id``.
"""

from __future__ import annotations

import typing
from collections.abc import Mapping
from typing import Any

__all__ = ["portable", "request_fields"]

_NEVER = frozenset({"id", "created_at", "updated_at"})
"""Never portable at the top level, whatever a request model tolerates."""


def request_fields(model: Any) -> set[str]:
    """The field names (and aliases) a request model, or a union of them, accepts.

    Examples:
        >>> from honeycomb.models.markers import MarkerCreate
        >>> sorted(request_fields(MarkerCreate))[:3]
        ['end_time', 'message', 'start_time']

    Args:
        model: A pydantic model class, or a (possibly ``Annotated``) union of them.

    Returns:
        The accepted top-level keys.
    """
    fields = getattr(model, "model_fields", None)
    if isinstance(fields, Mapping):
        names: set[str] = set()
        for name, info in fields.items():
            if info.exclude is True:  # accepted from a response, never sent (a board's id)
                continue
            names.add(name)
            if info.alias:
                names.add(info.alias)
        return names
    names = set()
    for arg in typing.get_args(model):
        names |= request_fields(arg)
    return names


def portable(data: Mapping[str, Any], accepted: set[str]) -> dict[str, Any]:
    """Keep what ``create`` takes: accepted, non-null fields (inline query over query_id).

    Examples:
        >>> portable({"id": "t1", "name": "x", "query_id": "q", "query": {}, "note": None},
        ...          {"name", "query", "query_id", "note"})
        {'name': 'x', 'query': {}}

    Args:
        data: One object as the API returned it (JSON-ready).
        accepted: The request model's fields (``request_fields``).

    Returns:
        The portable document.
    """
    kept = {k: v for k, v in data.items() if k in accepted and k not in _NEVER and v is not None}
    if "query" in kept and "query_id" in kept:
        del kept["query_id"]
    return kept
