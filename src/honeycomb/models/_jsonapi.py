"""JSON:API plumbing for the v2 (team) endpoints, so the public models can stay flat.

Pure: no I/O. Two directions:

- ``build_document`` turns a flat request body (``{"name": ..., "environment_id": ...}``)
  into the JSON:API document the API wants (``{"data": {"type", "id", "attributes",
  "relationships"}}``).
- ``flatten_resource`` / ``flatten_document`` / ``flatten_collection`` turn a JSON:API
  resource object back into one flat dict: its ``id``, its attributes (with
  ``timestamps.created``/``updated`` as ``created_at``/``updated_at``), ``<name>_id`` for
  each to-one relationship (``<name>_ids`` for to-many), and ``<name>`` holding the flattened
  related object when the document ``included`` it. The JSON:API ``type`` is dropped: it
  is fixed per endpoint, and some resources have an attribute called ``type`` (markers).

``JSONAPIModel`` is a response model that accepts either shape: a flat dict, a whole
document (``{"data": {...}, "included": [...]}``) or a bare resource object;
``collection_parser(Model)`` reads one page of a listing into such models.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from pydantic import model_validator

from honeycomb.errors import RequestValidationError
from honeycomb.models._base import ResponseModel

__all__ = [
    "MAX_PAGE_SIZE",
    "JSONAPIModel",
    "Relationship",
    "build_document",
    "check_page_size",
    "collection_parser",
    "flatten_collection",
    "flatten_document",
    "flatten_resource",
]

Relationship = tuple[str, str]
"""``(relationship name, related resource type)``, e.g. ``("environment", "environments")``."""

_Index = dict[tuple[str, str], Mapping[str, Any]]

MAX_PAGE_SIZE = 100
"""The largest ``page[size]`` any cursor-paginated endpoint accepts (the default is 20)."""


def check_page_size(page_size: int) -> int:
    """Check a ``page[size]`` before any request is sent.

    Args:
        page_size: Items per page.

    Returns:
        The same value.

    Raises:
        RequestValidationError: Unless it is between 1 and 100 (a ``ValueError`` too).
    """
    if isinstance(page_size, bool) or not 1 <= page_size <= MAX_PAGE_SIZE:
        raise RequestValidationError(
            f"page_size must be between 1 and {MAX_PAGE_SIZE}, got {page_size!r}"
        )
    return page_size


def build_document(
    resource_type: str,
    fields: Mapping[str, Any],
    *,
    resource_id: str | None = None,
    relationships: Mapping[str, Relationship] | None = None,
) -> dict[str, Any]:
    """Build a JSON:API request document from a flat body.

    Example:
        ``build_document("api-keys", {"name": "k", "environment_id": "hcaen_1"},
        relationships={"environment_id": ("environment", "environments")})``

    Args:
        resource_type: The JSON:API ``type`` (``"api-keys"``).
        fields: The flat body: attributes, plus the relationship fields named in
            ``relationships``.
        resource_id: The ``id`` for an update; omitted for a create.
        relationships: Maps a flat field name to the relationship it becomes. A field
            whose value is None becomes ``{"data": null}``; a missing field is left out.

    Returns:
        ``{"data": {"type", ["id"], "attributes", ["relationships"]}}``.
    """
    relationships = relationships or {}
    attributes = {k: v for k, v in fields.items() if k not in relationships}
    data: dict[str, Any] = {"type": resource_type}
    if resource_id is not None:
        data["id"] = resource_id
    data["attributes"] = attributes
    related: dict[str, Any] = {}
    for field, (name, related_type) in relationships.items():
        if field not in fields:
            continue
        value = fields[field]
        related[name] = {"data": None if value is None else {"type": related_type, "id": value}}
    if related:
        data["relationships"] = related
    return {"data": data}


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


def _is_document(value: Mapping[str, Any]) -> bool:
    return isinstance(value.get("data"), Mapping)


def _is_resource(value: Mapping[str, Any]) -> bool:
    return isinstance(value.get("attributes"), Mapping) and isinstance(value.get("type"), str)


class JSONAPIModel(ResponseModel):
    """A flat response model that also validates straight from JSON:API.

    ``Model.model_validate(document)`` flattens ``{"data": {...}, "included": [...]}`` or a
    bare resource object first; a flat dict is taken as is.
    """

    @model_validator(mode="before")
    @classmethod
    def _flatten_jsonapi(cls, value: Any) -> Any:
        if isinstance(value, Mapping):
            if _is_document(value):
                return flatten_document(value)
            if _is_resource(value):
                return flatten_resource(value)
        return value


ModelT = TypeVar("ModelT", bound=JSONAPIModel)


def collection_parser(model: type[ModelT]) -> Callable[[Any], list[ModelT]]:
    """The ``parse`` for a paginator over a JSON:API listing of ``model``.

    Example:
        ``self._paginate(path, parse=collection_parser(ApiKey), auth="management")``

    Args:
        model: The flat response model of one resource.

    Returns:
        A function from one page (a collection document) to its resources as ``model``,
        in order (see ``flatten_collection``, which raises ``ValueError`` on a page
        without a ``data`` list).
    """

    def parse(page: Any) -> list[ModelT]:
        return [model.model_validate(item) for item in flatten_collection(page)]

    return parse
