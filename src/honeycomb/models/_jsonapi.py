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

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from pydantic import model_validator

from honeycomb.errors import RequestValidationError
from honeycomb.models._base import ResponseModel
from honeycomb.models._jsonapi_flatten import (
    flatten_collection,
    flatten_document,
    flatten_resource,
)

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

    Examples:
        >>> build_document("api-keys", {"name": "k", "environment_id": "hcaen_1"},
        ...                relationships={"environment_id": ("environment", "environments")})
        {'data': {'type': 'api-keys', 'attributes': {'name': 'k'},
                  'relationships': {'environment': {'data': {'type': 'environments',
                                                             'id': 'hcaen_1'}}}}}

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

    Examples:
        >>> from honeycomb.models.api_keys import ApiKey
        >>> parse = collection_parser(ApiKey)
        >>> parse({"data": [{"type": "api-keys", "id": "hcxik_1", "attributes": {"name": "k"}}]})
        [ApiKey(id='hcxik_1', name='k', ...)]

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
