"""What every route module shares: the route table entry, the handler context and checks."""

from __future__ import annotations

import copy
import importlib
import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from honeycomb.testing._http import (
    JSONAPI,
    ApiError,
    FakeRequest,
    FakeResponse,
    bad_request,
    json_response,
    not_found,
    unprocessable,
)
from honeycomb.testing._state import Dataset, Environment, Key, State, Team

__all__ = [
    "Auth",
    "Checker",
    "Ctx",
    "Handler",
    "Route",
    "empty",
    "ok",
    "public",
    "strict_loads",
]

Auth = Literal["config", "events", "kinesis", "management"]
"""``config``: configuration key; ``events``: ingest or configuration key; ``kinesis``:
``X-Amz-Firehose-Access-Key``; ``management``: ``Authorization: Bearer id:secret``."""


@dataclass
class Ctx:
    """What a handler receives."""

    state: State
    request: FakeRequest
    params: dict[str, str]
    key: Key
    team: Team
    env: Environment | None
    settings: Any
    v2: bool = False
    _body: Any = field(default=None, repr=False)
    _parsed: bool = False

    @property
    def environment(self) -> Environment:
        """The key's environment (v1 calls)."""
        if self.env is None:
            raise not_found("environment")
        return self.env

    def body(self) -> Any:
        """The decoded JSON body; 400 when it does not parse."""
        if not self._parsed:
            raw = self.request.body
            if not raw.strip():
                self._body = None
            else:
                try:
                    self._body = strict_loads(raw)
                except ValueError as err:
                    raise bad_request(f"request body is not valid JSON: {err}", v2=self.v2) from err
            self._parsed = True
        return self._body

    def object_body(self) -> dict[str, Any]:
        """The body, which must be a JSON object."""
        body = self.body()
        if not isinstance(body, dict):
            raise bad_request("request body must be a JSON object", v2=self.v2)
        return body

    def dataset(self, slug: str | None = None, *, allow_all: bool = False) -> Dataset | None:
        """The dataset named in the path (404 when unknown); None for ``__all__``."""
        slug = slug if slug is not None else self.params["dataset"]
        if slug == "__all__":
            if allow_all:
                return None
            raise not_found("dataset")
        found = self.environment.datasets.get(slug)
        if found is None:
            raise not_found("dataset")
        return found

    def dataset_slug(self, *, allow_all: bool = True) -> str:
        """The path's dataset slug, checked to exist (``__all__`` allowed by default)."""
        self.dataset(allow_all=allow_all)
        return self.params["dataset"]

    def stored(self, kind: str, what: str) -> dict[str, Any]:
        """The ``kind`` object the path's ``id`` names, in the path's dataset.

        Args:
            kind: The per-dataset bucket (``"triggers"``, ``"columns"``...).
            what: The object's name in the 404 message (``"trigger"``).

        Raises:
            ApiError: 404 for an unknown dataset, then for an unknown id.
        """
        item = self.environment.bucket(kind, self.dataset_slug()).get(self.params["id"])
        if item is None:
            raise not_found(what)
        return item

    def store(self, kind: str, slug: str, fields: dict[str, Any]) -> dict[str, Any]:
        """Create a ``kind`` object in dataset ``slug``: a new id, ``fields``, and
        ``created_at``/``updated_at`` now.

        Args:
            kind: The per-dataset bucket (``"columns"``, ``"slos"``...).
            slug: The dataset slug (or ``__all__``).
            fields: The object's own fields.

        Returns:
            The stored object (the same dict: later changes to it are kept).
        """
        now = self.state.now_iso()
        item = {"id": self.state.new_id(), **fields, "created_at": now, "updated_at": now}
        self.environment.bucket(kind, slug)[item["id"]] = item
        return item

    def int_param(self, name: str, *, required: bool = False) -> int | None:
        """An integer query parameter (422 when malformed or missing)."""
        raw = self.request.param(name)
        if raw is None or raw == "":
            if required:
                raise unprocessable(
                    [{"field": name, "code": "missing", "description": f"{name} is required"}],
                    v2=self.v2,
                )
            return None
        try:
            return int(raw)
        except ValueError:
            raise unprocessable(
                [
                    {
                        "field": name,
                        "code": "incorrect_type",
                        "description": f"{name} must be an integer",
                    }
                ],
                v2=self.v2,
            ) from None

    def bool_param(self, name: str) -> bool | None:
        """A boolean query parameter."""
        raw = self.request.param(name)
        if raw is None:
            return None
        return raw.lower() in ("true", "1", "yes")


Handler = Callable[[Ctx], FakeResponse]


@dataclass
class Route:
    """One operation: method, path template, operationId, handler and what it needs."""

    method: str
    template: str
    operation: str
    handler: Handler
    auth: Auth = "config"
    permissions: tuple[str, ...] = ()
    """Configuration-key permissions (all required)."""
    scopes: tuple[str, ...] = ()
    """Management-key scopes (all required)."""
    pattern: re.Pattern[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        regex = re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", self.template)
        self.pattern = re.compile(f"^{regex}/?$")


def _not_json(token: str) -> Any:
    raise ValueError(f"{token} is not JSON")


def strict_loads(raw: str | bytes) -> Any:
    """Parse JSON as the API does: the bare ``NaN``, ``Infinity`` and ``-Infinity`` that
    Python's own parser accepts are refused.

    Raises:
        ValueError: Not valid JSON.
    """
    return json.loads(raw, parse_constant=_not_json)


def ok(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> FakeResponse:
    """A v1 JSON answer."""
    return json_response(status, body, headers=headers)


def doc(body: Any, status: int = 200) -> FakeResponse:
    """A v2 JSON:API answer."""
    return json_response(status, body, JSONAPI)


def empty(status: int = 204) -> FakeResponse:
    """An answer without a body."""
    return FakeResponse(status)


def public(obj: Mapping[str, Any]) -> dict[str, Any]:
    """A deep copy without the fake's private (``_``-prefixed) fields."""
    return {k: copy.deepcopy(v) for k, v in obj.items() if not k.startswith("_")}


# ------------------------------------------------------------------------------ checks

_TYPE_NAMES = {
    str: "a string",
    int: "an integer",
    float: "a number",
    bool: "a boolean",
    list: "an array",
    dict: "an object",
}


class Checker:
    """Collects validation problems about one request body, then raises one 422.

    Each check returns the value when it is acceptable, else None (and notes a problem).
    """

    def __init__(self, body: Any, *, v2: bool = False, prefix: str = "") -> None:
        self.v2 = v2
        self.prefix = prefix
        self.problems: list[dict[str, str]] = []
        if not isinstance(body, dict):
            raise bad_request("request body must be a JSON object", v2=v2)
        self.body: dict[str, Any] = body

    def add(self, name: str, code: str, description: str) -> None:
        """Note a problem with field ``name``."""
        full = f"{self.prefix}{name}"
        self.problems.append({"field": full, "code": code, "description": f"{full}: {description}"})

    def _get(self, name: str, required: bool, kind: type | tuple[type, ...]) -> Any:
        if name not in self.body or self.body[name] is None:
            if required:
                self.add(name, "missing", "cannot be blank")
            return None
        value = self.body[name]
        kinds = kind if isinstance(kind, tuple) else (kind,)
        good = isinstance(value, kinds) and not (
            isinstance(value, bool) and bool not in kinds and value is not None
        )
        if not good:
            self.add(name, "incorrect_type", f"must be {_TYPE_NAMES.get(kinds[0], 'valid')}")
            return None
        return value

    def string(
        self,
        name: str,
        *,
        required: bool = False,
        min_length: int | None = None,
        max_length: int | None = None,
        pattern: str | None = None,
        choices: Iterable[str] | None = None,
    ) -> str | None:
        """A string field."""
        value = self._get(name, required, str)
        if value is None:
            return None
        if min_length is not None and len(value) < min_length:
            self.add(name, "missing" if not value else "invalid", "cannot be blank")
            return None
        if max_length is not None and len(value) > max_length:
            self.add(name, "invalid", f"the length must be no more than {max_length}")
            return None
        if pattern is not None and not re.fullmatch(pattern, value):
            self.add(name, "invalid", "must be in a valid format")
            return None
        if choices is not None and value not in set(choices):
            self.add(name, "invalid", "must be a valid value")
            return None
        return str(value)

    def integer(
        self,
        name: str,
        *,
        required: bool = False,
        minimum: int | None = None,
        maximum: int | None = None,
        choices: Iterable[int] | None = None,
    ) -> int | None:
        """An integer field (a float with no fraction is accepted, as Go's decoder does)."""
        value = self._get(name, required, (int, float))
        if value is None:
            return None
        if isinstance(value, float):
            if value != int(value):
                self.add(name, "incorrect_type", "must be an integer")
                return None
            value = int(value)
        if minimum is not None and value < minimum:
            self.add(name, "invalid", f"must be no less than {minimum}")
            return None
        if maximum is not None and value > maximum:
            self.add(name, "invalid", f"must be no greater than {maximum}")
            return None
        if choices is not None and value not in set(choices):
            self.add(name, "invalid", "must be a valid value")
            return None
        return int(value)

    def number(self, name: str, *, required: bool = False) -> float | None:
        """A numeric field."""
        value: float | None = self._get(name, required, (int, float))
        return value

    def boolean(self, name: str, *, required: bool = False) -> bool | None:
        """A boolean field."""
        return self._get(name, required, bool)  # type: ignore[no-any-return]

    def array(
        self,
        name: str,
        *,
        required: bool = False,
        min_items: int | None = None,
        max_items: int | None = None,
    ) -> list[Any] | None:
        """An array field."""
        value = self._get(name, required, list)
        if value is None:
            return None
        if min_items is not None and len(value) < min_items:
            self.add(name, "invalid", f"must contain at least {min_items} item(s)")
            return None
        if max_items is not None and len(value) > max_items:
            self.add(name, "invalid", f"must contain no more than {max_items} items")
            return None
        return list(value)

    def object(self, name: str, *, required: bool = False) -> dict[str, Any] | None:
        """An object field."""
        value: dict[str, Any] | None = self._get(name, required, dict)
        return value

    def child(self, value: Any, prefix: str) -> Checker | None:
        """A checker for a nested object (None, with a problem, when it is not an object)."""
        if not isinstance(value, dict):
            self.problems.append(
                {
                    "field": self.prefix + prefix.rstrip("."),
                    "code": "incorrect_type",
                    "description": f"{self.prefix}{prefix.rstrip('.')}: must be an object",
                }
            )
            return None
        sub = Checker(value, v2=self.v2, prefix=self.prefix + prefix)
        sub.problems = self.problems
        return sub

    def tags(self, name: str = "tags") -> list[dict[str, str]] | None:
        """Tags: at most 10; key lowercase letters ≤32; value ``[a-z][a-z0-9/-]*`` ≤128."""
        items = self.array(name, max_items=10)
        if items is None:
            return None
        for index, item in enumerate(items):
            sub = self.child(item, f"{name}[{index}].")
            if sub is None:
                continue
            sub.string("key", required=True, pattern=r"[a-z]{1,32}")
            sub.string("value", required=True, pattern=r"[a-z][a-z0-9/-]{0,127}")
        return items

    def done(self) -> None:
        """Raise one 422 listing every problem, if there are any."""
        if self.problems:
            raise unprocessable(self.problems, v2=self.v2)


# ------------------------------------------------------------------ SDK request models


def sdk_model_check(body: Any, candidates: Iterable[tuple[str, str]], *, v2: bool = False) -> None:
    """Validate ``body`` with the SDK's own request model, when that model exists.

    The fake does not trust the client: the model is looked up by name at call time
    (``honeycomb.models.<module>.<Class>``), and a body it rejects is answered with a 422
    listing pydantic's errors. When none of the candidates exists, nothing happens (the
    route's own checks still apply).

    Args:
        body: The decoded request body.
        candidates: ``(module, class name)`` pairs, the first found is used.
        v2: Answer in JSON:API form.

    Raises:
        ApiError: 422 when the model rejects the body.
    """
    import pydantic

    for module_name, class_name in candidates:
        try:
            module = importlib.import_module(f"honeycomb.models.{module_name}")
        except ImportError:
            continue
        model = getattr(module, class_name, None)
        if model is None:
            continue
        try:
            _validate_ignoring_unknown(model, body)
        except pydantic.ValidationError as err:
            problems = []
            for item in err.errors():
                loc = _field_path(item["loc"])
                code = {"missing": "missing", "extra_forbidden": "invalid"}.get(
                    item["type"], "incorrect_type" if "type" in item["type"] else "invalid"
                )
                problems.append(
                    {"field": loc, "code": code, "description": f"{loc}: {item['msg']}"}
                )
            raise unprocessable(problems, v2=v2) from None
        except (TypeError, ValueError):
            return
        return


def _validate_ignoring_unknown(model: Any, body: Any) -> None:
    """Validate ``body`` with ``model``, dropping the fields the model does not know.

    The API ignores fields it does not know (a key created with a misspelt permissions
    object got no permissions instead of an error), while the SDK's request models forbid
    them to catch typos before sending. So each field reported as extra is removed from
    ``body`` (in place: handlers store what is left) and the body validated again, until
    nothing but known fields remains or another problem is found.

    Raises:
        pydantic.ValidationError: A problem other than an unknown field.
    """
    import pydantic

    validate = (
        model.model_validate
        if isinstance(model, type) and issubclass(model, pydantic.BaseModel)
        else pydantic.TypeAdapter(model).validate_python
    )
    while True:
        try:
            validate(body)
            return
        except pydantic.ValidationError as err:
            extras = [e["loc"] for e in err.errors() if e["type"] == "extra_forbidden"]
            dropped = [_drop(body, tuple(loc)) for loc in extras]  # every one, not the first
            if not any(dropped):
                raise


def _drop(body: Any, loc: tuple[Any, ...]) -> bool:
    """Remove the field at pydantic's ``loc`` from ``body``; the parts of ``loc`` that are
    not keys or indexes (the names of union members) are skipped. Returns whether a field
    was removed."""
    target = body
    for part in loc[:-1]:
        is_key = isinstance(target, dict) and isinstance(part, str) and part in target
        is_index = isinstance(target, list) and isinstance(part, int) and 0 <= part < len(target)
        if is_key or is_index:
            target = target[part]
    last = loc[-1] if loc else None
    if isinstance(target, dict) and isinstance(last, str) and last in target:
        del target[last]
        return True
    return False


def _field_path(loc: Iterable[Any]) -> str:
    """``("panels", 0, "query_panel")`` -> ``panels[0].query_panel``."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "body"


def error_status(err: ApiError) -> int:
    """The status of an error, for logging."""
    return err.response.status
