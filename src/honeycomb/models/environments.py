"""Models for environments (``/2/teams/{team}/environments``, JSON:API, management key).

Environments are created delete-protected (this cannot be switched off at creation);
deleting a protected one answers 409 until ``settings.delete_protected`` is set false.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field

from honeycomb.models._base import RequestModel, ResponseModel, StrEnum, accepts_response
from honeycomb.models._jsonapi import JSONAPIModel

__all__ = [
    "ENVIRONMENT_TYPE",
    "Environment",
    "EnvironmentColor",
    "EnvironmentCreate",
    "EnvironmentSettings",
    "EnvironmentSettingsUpdate",
    "EnvironmentUpdate",
]

ENVIRONMENT_TYPE = "environments"
"""The JSON:API resource type."""


class EnvironmentColor(StrEnum):
    """Display colours. ``CLASSIC`` belongs to the auto-created Classic environment only."""

    BLUE = "blue"
    GREEN = "green"
    GOLD = "gold"
    RED = "red"
    PURPLE = "purple"
    LIGHT_BLUE = "lightBlue"
    LIGHT_GREEN = "lightGreen"
    LIGHT_GOLD = "lightGold"
    LIGHT_RED = "lightRed"
    LIGHT_PURPLE = "lightPurple"
    CLASSIC = "classic"


class EnvironmentSettings(ResponseModel):
    """Environment settings as returned."""

    delete_protected: bool | None = None


class Environment(JSONAPIModel):
    """An environment, flattened from JSON:API."""

    id: str
    name: str | None = None
    slug: str | None = None
    description: str | None = None
    color: Annotated[EnvironmentColor | str | None, Field(union_mode="left_to_right")] = None
    settings: EnvironmentSettings | None = None

    @property
    def delete_protected(self) -> bool | None:
        """Whether the environment is protected from deletion."""
        return self.settings.delete_protected if self.settings else None


def _not_classic(value: EnvironmentColor) -> EnvironmentColor:
    if value == EnvironmentColor.CLASSIC:
        raise ValueError("the 'classic' colour is reserved for the Classic environment")
    return value


SettableColor = Annotated[EnvironmentColor, AfterValidator(_not_classic)]
"""Any colour but ``classic``."""


class EnvironmentCreate(RequestModel):
    """A new environment. It is created delete-protected."""

    name: str = Field(min_length=1, max_length=255)
    description: str | None = Field(default=None, max_length=255)
    color: SettableColor | None = None


class EnvironmentSettingsUpdate(RequestModel):
    """Settings that may be changed."""

    delete_protected: bool | None = None


class EnvironmentUpdate(RequestModel):
    """Changes to an environment (its name cannot be changed).

    Examples:
        >>> env = client.environments.create({"name": "scratch"})
        >>> unprotected = EnvironmentUpdate(settings={"delete_protected": False})
        >>> client.environments.update(env.id, unprotected).settings.delete_protected
        False
    """

    description: str | None = Field(default=None, max_length=255)
    color: SettableColor | None = None
    settings: EnvironmentSettingsUpdate | None = None


accepts_response(Environment, EnvironmentCreate, EnvironmentUpdate, jsonapi_type=ENVIRONMENT_TYPE)
