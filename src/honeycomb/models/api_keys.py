"""Models for team API keys (``/2/teams/{team}/api-keys``, JSON:API, management key).

The API speaks JSON:API; these models are flat. ``ApiKey.environment_id`` is the
``environment`` relationship, ``created_at``/``updated_at`` come from
``attributes.timestamps``, and ``secret`` is present only in the answer to ``create``.

Two kinds of key: **ingest** keys (send events; their only permission is
``create_datasets``) and **configuration** keys (manage resources; the permissions below,
snake_case as the v2 API wants them: a create using ``/1/auth``'s camelCase names is
silently ignored by the API and yields a key with no permissions).
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, Field, SecretStr, model_validator

from honeycomb.errors import RequestValidationError
from honeycomb.models._base import RequestModel, ResponseModel, accepts_response
from honeycomb.models._jsonapi import JSONAPIModel, Relationship
from honeycomb.models.auth import KeyType

__all__ = [
    "API_KEY_TYPE",
    "INGEST_KEY_PERMISSIONS",
    "RELATIONSHIPS",
    "ApiKey",
    "ApiKeyCreate",
    "ApiKeyPermissions",
    "ApiKeyPermissionsIn",
    "ApiKeyUpdate",
    "KeyType",
    "is_ingest_key_id",
]

API_KEY_TYPE = "api-keys"
"""The JSON:API resource type."""

RELATIONSHIPS: dict[str, Relationship] = {"environment_id": ("environment", "environments")}
"""Flat request fields that are JSON:API relationships."""

INGEST_KEY_PERMISSIONS = frozenset({"create_datasets"})
"""The only permission an ingest key can hold."""

_INGEST_ID = re.compile(r"^hc[a-z]ik_")


def is_ingest_key_id(key_id: str) -> bool:
    """True when a key id has the ingest prefix (``hcxik_``...).

    Args:
        key_id: An API key id.

    Returns:
        Whether it names an ingest key.
    """
    return bool(_INGEST_ID.match(key_id))


class _PermissionFields(BaseModel):
    """Every permission a key can hold, as read and as written (no config of its own:
    each subclass takes its base's, tolerant or strict)."""

    create_datasets: bool | None = None
    send_events: bool | None = None
    manage_markers: bool | None = None
    manage_triggers: bool | None = None
    manage_boards: bool | None = None
    run_queries: bool | None = None
    manage_columns: bool | None = None
    manage_slos: bool | None = None
    manage_recipients: bool | None = None
    manage_signals: bool | None = None
    manage_private_boards: bool | None = Field(default=None, alias="manage_privateBoards")
    read_service_maps: bool | None = None
    visible_team_members: bool | None = None


class ApiKeyPermissions(ResponseModel, _PermissionFields):
    """What a key may do. Ingest keys carry only ``create_datasets``."""


class ApiKey(JSONAPIModel):
    """An API key, flattened from JSON:API.

    ``secret`` is only returned by ``create``: store it then, it cannot be read again.
    It is a ``SecretStr`` so that it never shows in ``repr()`` or logs; ``token`` gives
    the value to send as ``X-Honeycomb-Team``.
    """

    id: str
    name: str | None = None
    key_type: Annotated[KeyType | str | None, Field(union_mode="left_to_right")] = None
    disabled: bool | None = None
    permissions: ApiKeyPermissions | None = None
    environment_id: str | None = None
    creator_id: str | None = None
    editor_id: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    secret: SecretStr | None = None

    @property
    def token(self) -> str | None:
        """The credential for ``X-Honeycomb-Team``, when the secret is known (after create).

        An ingest key is its id and secret concatenated with no separator; a
        configuration key is its secret.
        """
        if self.secret is None:
            return None
        secret = self.secret.get_secret_value()
        return f"{self.id}{secret}" if self.key_type == KeyType.INGEST else secret


class ApiKeyPermissionsIn(RequestModel, _PermissionFields):
    """Permissions to grant. Omitted ones keep their current value on update.

    ``manage_private_boards`` is sent as the API's ``manage_privateBoards``.
    """

    def granted_names(self) -> set[str]:
        """The API names of the permissions that were given (true or false).

        Returns:
            Names such as ``create_datasets``, ``manage_privateBoards``.
        """
        return set(self.model_dump(by_alias=True, exclude_unset=True))


def _check_ingest_permissions(permissions: ApiKeyPermissionsIn | None) -> None:
    extra = (permissions.granted_names() if permissions else set()) - INGEST_KEY_PERMISSIONS
    if extra:
        raise RequestValidationError(
            f"ingest keys only take the create_datasets permission, not {sorted(extra)}"
        )


class ApiKeyCreate(RequestModel):
    """A new key, sent as JSON:API with ``environment_id`` as its relationship.

    Examples:
        >>> env, *others = client.environments.list()
        >>> request = ApiKeyCreate(name="collectors", key_type="ingest", environment_id=env.id,
        ...                        permissions={"create_datasets": True})
        >>> key = client.api_keys.create(request)
        >>> key.name, key.key_type, key.permissions.create_datasets
        ('collectors', <KeyType.INGEST: 'ingest'>, True)
    """

    name: str = Field(min_length=1, max_length=100)
    key_type: KeyType
    environment_id: str = Field(min_length=1)
    """The environment the key belongs to."""
    disabled: bool | None = None
    permissions: ApiKeyPermissionsIn | None = None

    @model_validator(mode="after")
    def _ingest_permissions(self) -> ApiKeyCreate:
        if self.key_type == KeyType.INGEST:
            _check_ingest_permissions(self.permissions)
        return self


class ApiKeyUpdate(RequestModel):
    """Changes to a key. Ingest keys take ``name`` and ``disabled`` (and ``create_datasets``);
    configuration keys also take ``permissions``.
    """

    name: str | None = Field(default=None, min_length=1, max_length=100)
    disabled: bool | None = None
    permissions: ApiKeyPermissionsIn | None = None

    def check_for(self, key_id: str) -> None:
        """Refuse configuration-only permissions on an ingest key, before sending.

        Args:
            key_id: The id of the key being updated.

        Raises:
            RequestValidationError: When an ingest key is given configuration permissions.
        """
        if is_ingest_key_id(key_id):
            _check_ingest_permissions(self.permissions)


accepts_response(ApiKey, ApiKeyCreate, ApiKeyUpdate, jsonapi_type=API_KEY_TYPE)
