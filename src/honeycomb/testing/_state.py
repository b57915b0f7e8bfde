"""The fake's in-memory world: teams, environments, keys, datasets and every stored object.

Objects are kept as the JSON dicts the API returns, so a handler's answer is a copy of
what it stored. Everything here is plain data; behaviour lives in the route modules.
"""

from __future__ import annotations

import random
import re
import string
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

__all__ = [
    "ALL",
    "CONFIG_PERMISSIONS",
    "MANAGEMENT_SCOPES",
    "Dataset",
    "Environment",
    "Event",
    "Key",
    "QueryResultRecord",
    "State",
    "Team",
    "iso",
    "slugify",
]

ALL = "__all__"
"""The environment-wide dataset slug."""

CONFIG_PERMISSIONS: tuple[str, ...] = (
    "create_datasets",
    "send_events",
    "manage_markers",
    "manage_triggers",
    "manage_boards",
    "run_queries",
    "manage_columns",
    "manage_slos",
    "manage_recipients",
    "manage_signals",
    "manage_privateBoards",
    "read_service_maps",
    "visible_team_members",
)
"""The permissions of a configuration key (snake_case, as ``/2`` reports them)."""

MANAGEMENT_SCOPES: tuple[str, ...] = (
    "api-keys:read",
    "api-keys:write",
    "environments:read",
    "environments:write",
    "markers:write",
    "pipelines:read",
    "pipelines:write",
    "enhance:write",
)
"""The scopes a management key may hold."""

_ALNUM = string.ascii_letters + string.digits


def iso(ts: float) -> str:
    """Format epoch seconds as the API does: ``2024-05-01T12:00:00Z``."""
    return datetime.fromtimestamp(ts, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def slugify(name: str) -> str:
    """A dataset or environment slug from its name, as Honeycomb derives it."""
    slug = re.sub(r"[^a-z0-9_.-]+", "-", name.strip().lower()).strip("-")
    return slug or "dataset"


@dataclass
class Key:
    """An API key: ingest, configuration or management."""

    id: str
    secret: str
    key_type: str
    name: str
    team_id: str
    environment_id: str | None
    created_at: str
    updated_at: str
    disabled: bool = False
    permissions: dict[str, bool] = field(default_factory=dict)
    scopes: list[str] = field(default_factory=list)

    @property
    def header_value(self) -> str:
        """What a client sends: ``X-Honeycomb-Team`` value, or the ``id:secret`` bearer."""
        if self.key_type == "ingest":
            return self.id + self.secret
        if self.key_type == "management":
            return f"{self.id}:{self.secret}"
        return self.secret

    def can(self, permission: str) -> bool:
        """Whether a configuration/ingest key holds ``permission``."""
        if self.key_type == "ingest":
            return permission in ("send_events",) or (
                permission == "create_datasets" and self.permissions.get("create_datasets", False)
            )
        return bool(self.permissions.get(permission, False))


@dataclass
class Event:
    """One ingested event."""

    time: float
    data: dict[str, Any]
    samplerate: int = 1


@dataclass
class Dataset:
    """A dataset and its events (columns live in ``Environment.objects["columns"]``)."""

    slug: str
    name: str
    description: str
    created_at: str
    expand_json_depth: int = 0
    delete_protected: bool = True
    last_written_at: str | None = None
    events: list[Event] = field(default_factory=list)
    definitions: dict[str, dict[str, Any] | None] = field(default_factory=dict)

    def to_json(self, columns_count: int | None = None) -> dict[str, Any]:
        """The API representation."""
        return {
            "name": self.name,
            "description": self.description,
            "slug": self.slug,
            "expand_json_depth": self.expand_json_depth,
            "settings": {"delete_protected": self.delete_protected},
            "regular_columns_count": columns_count,
            "last_written_at": self.last_written_at,
            "created_at": self.created_at,
        }


@dataclass
class QueryResultRecord:
    """A query result and how many more polls it takes to complete."""

    id: str
    dataset: str
    body: dict[str, Any]
    polls_left: int


@dataclass
class Environment:
    """An environment and everything that lives in it."""

    id: str
    team_id: str
    name: str
    slug: str
    description: str
    color: str
    created_at: str
    updated_at: str
    delete_protected: bool = True
    datasets: dict[str, Dataset] = field(default_factory=dict)
    objects: dict[str, dict[str, dict[str, dict[str, Any]]]] = field(default_factory=dict)
    """``objects[kind][dataset_slug][id]`` for dataset-scoped objects."""
    boards: dict[str, dict[str, Any]] = field(default_factory=dict)
    board_views: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    recipients: dict[str, dict[str, Any]] = field(default_factory=dict)
    signals: dict[str, dict[str, Any]] = field(default_factory=dict)
    anomalies: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    query_results: dict[str, QueryResultRecord] = field(default_factory=dict)
    map_requests: dict[str, dict[str, Any]] = field(default_factory=dict)

    def bucket(self, kind: str, dataset: str) -> dict[str, dict[str, Any]]:
        """The store of one kind of object for one dataset (or ``__all__``)."""
        return self.objects.setdefault(kind, {}).setdefault(dataset, {})

    def all_of(self, kind: str) -> list[tuple[str, dict[str, Any]]]:
        """Every object of a kind with its dataset slug."""
        return [
            (ds, obj) for ds, items in self.objects.get(kind, {}).items() for obj in items.values()
        ]

    def to_json(self, base: str = "") -> dict[str, Any]:
        """The JSON:API resource object."""
        return {
            "id": self.id,
            "type": "environments",
            "attributes": {
                "name": self.name,
                "description": self.description,
                "color": self.color,
                "slug": self.slug,
                "settings": {"delete_protected": self.delete_protected},
            },
            "links": {"self": f"{base}/environments/{self.id}"},
        }


@dataclass
class Team:
    """A team: environments and keys."""

    id: str
    name: str
    slug: str
    environments: dict[str, Environment] = field(default_factory=dict)
    keys: dict[str, Key] = field(default_factory=dict)
    pipelines: dict[str, dict[str, Any]] = field(default_factory=dict)
    pipeline_health: list[dict[str, Any]] = field(default_factory=list)
    enhance_usage: list[dict[str, Any]] = field(default_factory=list)
    team_markers: dict[str, dict[str, Any]] = field(default_factory=dict)


class State:
    """All teams, plus the id generator and the clock."""

    def __init__(self, *, seed: int | None = None, clock: Callable[[], float] = time.time):
        self.teams: dict[str, Team] = {}
        self.random = random.Random(seed)
        self.clock = clock

    def now(self) -> float:
        """The fake's current time in epoch seconds."""
        return self.clock()

    def now_iso(self) -> str:
        """The current time, formatted."""
        return iso(self.now())

    def new_id(self, length: int = 11, prefix: str = "") -> str:
        """A fresh random id such as ``2LBq6gxo3R7``."""
        return prefix + "".join(self.random.choice(_ALNUM) for _ in range(length))

    def find_key(self, header_value: str) -> Key | None:
        """The key a ``X-Honeycomb-Team`` or bearer value refers to."""
        for team in self.teams.values():
            for key in team.keys.values():
                if header_value in (key.header_value, key.secret) and key.key_type != "management":
                    return key
                if key.key_type == "management" and header_value == key.header_value:
                    return key
        return None

    def team_of(self, key: Key) -> Team:
        """The team a key belongs to."""
        return self.teams[key.team_id]

    def environment_of(self, key: Key) -> Environment | None:
        """The environment a v1 key belongs to (None once it is deleted)."""
        if key.environment_id is None:
            return None
        return self.teams[key.team_id].environments.get(key.environment_id)

    def team_by_slug(self, slug: str) -> Team | None:
        """A team by slug."""
        for team in self.teams.values():
            if team.slug == slug:
                return team
        return None
