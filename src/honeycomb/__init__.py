"""honeycomb-sdk: the Python SDK for the Honeycomb.io REST API.

``from honeycomb import Client, AsyncClient``. The clients load on first use, so
``import honeycomb`` stays cheap; the exceptions are importable from here directly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from honeycomb._version import __version__
from honeycomb.errors import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConfigurationError,
    ConflictError,
    EventTooLargeError,
    HoneycombError,
    InternalServerError,
    InvalidEventError,
    MissingCredentialError,
    NotFoundError,
    PaginationError,
    PermissionDeniedError,
    PollTimeoutError,
    QueryFailedError,
    RateLimitError,
    RequestTooLargeError,
    RequestValidationError,
    TooManyFieldsError,
    UnprocessableEntityError,
)

if TYPE_CHECKING:
    from honeycomb._async.client import AsyncClient
    from honeycomb._sync.client import Client
    from honeycomb.query import QueryValidationError

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncClient",
    "AuthenticationError",
    "BadRequestError",
    "Client",
    "ConfigurationError",
    "ConflictError",
    "EventTooLargeError",
    "HoneycombError",
    "InternalServerError",
    "InvalidEventError",
    "MissingCredentialError",
    "NotFoundError",
    "PaginationError",
    "PermissionDeniedError",
    "PollTimeoutError",
    "QueryFailedError",
    "QueryValidationError",
    "RateLimitError",
    "RequestTooLargeError",
    "RequestValidationError",
    "TooManyFieldsError",
    "UnprocessableEntityError",
    "__version__",
]

_LAZY = {
    "Client": "honeycomb._sync.client",
    "AsyncClient": "honeycomb._async.client",
    "QueryValidationError": "honeycomb.query",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'honeycomb' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
