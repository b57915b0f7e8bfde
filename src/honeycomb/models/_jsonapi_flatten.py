"""Flattening JSON:API documents into flat dicts (pure; no pydantic, no models).

Kept apart from ``_jsonapi`` so that ``_base`` can read a JSON:API request document without
importing the models module that builds on ``_base``. See ``_jsonapi`` for the shapes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["flatten_collection", "flatten_document", "flatten_resource"]

_Index = dict[tuple[str, str], Mapping[str, Any]]


def _index(included: Iterable[Any] | None) -> _Index:
    index: _Index = {}
    for item in included or ():
        if isinstance(item, Mapping):
            kind, key = item.get("type"), item.get("id")
            if isinstance(kind, str) and isinstance(key, str):
                index[(kind, key)] = item
    return index


def _flatten(resource: Mapping[str, Any], index: _Index, *, depth: int) -> dict[str, Any]:
    flat: dict[str, Any] = {}
    attributes = resource.get("attributes")
    if isinstance(attributes, Mapping):
        for key, value in attributes.items():
            if key == "timestamps" and isinstance(value, Mapping):
                flat.setdefault("created_at", value.get("created"))
                flat.setdefault("updated_at", value.get("updated"))
            else:
                flat[key] = value
    if "id" in resource:
        flat["id"] = resource["id"]
    relationships = resource.get("relationships")
    if isinstance(relationships, Mapping):
        for name, relationship in relationships.items():
            if not isinstance(relationship, Mapping):
                flat.setdefault(f"{name}_id", None)
                continue
            data = relationship.get("data")
            if isinstance(data, list):
                flat.setdefault(
                    f"{name}_ids",
                    [d.get("id") for d in data if isinstance(d, Mapping)],
                )
                continue
            if not isinstance(data, Mapping):
                flat.setdefault(f"{name}_id", None)
                continue
            flat.setdefault(f"{name}_id", data.get("id"))
            related = index.get((str(data.get("type")), str(data.get("id"))))
            if related is not None and depth == 0 and name not in flat:
                flat[name] = _flatten(related, index, depth=depth + 1)
    return flat


def flatten_resource(
    resource: Mapping[str, Any], included: Iterable[Any] | None = None
) -> dict[str, Any]:
    """Flatten one JSON:API resource object.

    Attributes win over derived keys of the same name; related objects from ``included``
    are flattened one level deep (no cycles).

    Args:
        resource: ``{"id", "type", "attributes", "relationships", "links"}``.
        included: The document's ``included`` array, if any.

    Returns:
        The flat dict.
    """
    return _flatten(resource, _index(included), depth=0)


def flatten_document(document: Any) -> dict[str, Any]:
    """Flatten a single-resource document (``{"data": {...}, "included": [...]}``).

    Args:
        document: The decoded response body.

    Returns:
        The flat dict; empty when the document has no ``data`` object.
    """
    if not isinstance(document, Mapping):
        return {}
    data = document.get("data")
    if not isinstance(data, Mapping):
        return {}
    return flatten_resource(data, document.get("included"))


def flatten_collection(document: Any) -> list[dict[str, Any]]:
    """Flatten every resource of a collection document (one page of a listing).

    Args:
        document: ``{"data": [...], "included": [...], "links": {...}}``.

    Returns:
        One flat dict per resource, in order.

    Raises:
        ValueError: When ``data`` is not a list.
    """
    data = document.get("data") if isinstance(document, Mapping) else None
    if not isinstance(data, list):
        raise ValueError(
            f"expected a JSON:API collection with a 'data' list, got {type(data).__name__}"
        )
    index = _index(document.get("included"))
    return [_flatten(item, index, depth=0) for item in data if isinstance(item, Mapping)]
