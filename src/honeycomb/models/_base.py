"""Base classes for every model: tolerant responses, strict requests.

Responses keep what they do not know (``extra="allow"``) so a field Honeycomb adds
tomorrow never breaks today's client; enum-like fields on responses are typed
``SomeEnum | str`` so an unknown value is kept as a plain string instead of raising.
Requests are checked before anything is sent: unknown keys, wrong types and the
documented limits are rejected locally with pydantic's field-level messages.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict

__all__ = ["RequestModel", "ResponseModel", "StrEnum", "to_request_body"]


class StrEnum(str, Enum):
    """A string enum whose ``str()`` is its value (Python 3.10 has no enum.StrEnum)."""

    def __str__(self) -> str:
        return str(self.value)


class ResponseModel(BaseModel):
    """A model parsed from an API response: extra fields are kept, never rejected."""

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
        protected_namespaces=(),
        use_enum_values=False,
    )


class RequestModel(BaseModel):
    """A model sent to the API: validated strictly before any request is made."""

    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
        protected_namespaces=(),
        validate_assignment=True,
        str_strip_whitespace=False,
    )


RequestT = TypeVar("RequestT", bound=RequestModel)


def to_request_body(
    model: type[RequestT], value: RequestT | Mapping[str, Any] | BaseModel
) -> dict[str, Any]:
    """Validate ``value`` as ``model`` and return the JSON-ready body to send.

    Only the fields the caller set are sent (``exclude_unset``), so an update never
    resets a field the caller did not mention, and a field set explicitly to ``None``
    is sent as ``null``.

    Args:
        model: The request model class to validate against.
        value: An instance of ``model``, another model with the same fields, or a dict.

    Returns:
        A dict ready to be serialised as the JSON request body.

    Raises:
        pydantic.ValidationError: When ``value`` does not satisfy the model.
    """
    if isinstance(value, model):
        instance = value
    elif isinstance(value, BaseModel):
        instance = model.model_validate(value.model_dump(exclude_unset=True, by_alias=True))
    else:
        instance = model.model_validate(value)
    return instance.model_dump(mode="json", by_alias=True, exclude_unset=True)
