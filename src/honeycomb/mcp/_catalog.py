"""The MCP tools, generated from the SDK's resources rather than written one by one.

Every public method of every resource of the sync ``Client`` becomes a tool named
``<group>_<verb>`` (``triggers_list``, ``slos_get``, ``boards_create``). Its input schema is
built from the method's signature: a request body parameter gets its request model's JSON
Schema, compacted (no titles, no ``null`` branches, ``$defs`` once, descriptions cut to their
first paragraph), and a plain parameter its type. Each tool has a kind, ``read``, ``write``
or ``delete``, that decides whether a server lists it at all.

Nothing here does I/O: a `ToolSpec` calls the client it is given.
"""

from __future__ import annotations

import enum
import importlib
import importlib.util
import inspect
import types
import typing
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import Any, Literal, Union

from pydantic import BaseModel, ConfigDict, TypeAdapter

from honeycomb.models._base import RequestModel

__all__ = ["Kind", "ToolSpec", "compact_schema", "resource_tools"]

Kind = Literal["read", "write", "delete"]

# Verbs that change nothing. Everything else that is not a delete writes; a method unknown
# to this table is a write, so a new SDK method is never exposed read-only by mistake.
_READ_VERBS = {
    "list",
    "get",
    "get_management",
    "history",
    "counts",
    "counts_history",
    "list_triggers",
    "list_historical_anomalies",
    "get_configuration",
    "get_request",
    "dependencies",
}
# Not tools: lazy iterators and background senders have no JSON form (``list`` covers the
# former), and a query run with polling is the ``query_run`` task tool.
_SKIP = {"iterate", "batcher", "run", "with_options"}
_SKIP_PARAMS = {"self", "max_pages"}


@dataclass(frozen=True)
class ToolSpec:
    """One tool: its name, what it is for, its input schema, and how to call it."""

    name: str
    group: str
    description: str
    input_schema: dict[str, Any]
    kind: Kind
    call: Callable[[Any, Mapping[str, Any]], Any]


def _is_request_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, RequestModel)


def _union_args(tp: Any) -> tuple[Any, ...]:
    origin = typing.get_origin(tp)
    if origin is Union or origin is types.UnionType:
        return typing.get_args(tp)
    if origin is typing.Annotated:
        return _union_args(typing.get_args(tp)[0])
    return (tp,)


def _flatten(tp: Any) -> list[Any]:
    """The members of a (possibly nested, possibly annotated) union."""
    out: list[Any] = []
    for arg in _union_args(tp):
        members = _union_args(arg)
        out.extend(members if members != (arg,) else [arg])
    return out


def _plain_schema(tp: Any) -> dict[str, Any]:
    """The JSON Schema of a simple parameter type (str, int, bool, datetime, literals...)."""
    members = [m for m in _flatten(tp) if m is not type(None)]
    if len(members) > 1:
        return {"anyOf": [_plain_schema(m) for m in members]}
    member = members[0] if members else Any
    if typing.get_origin(member) is Literal:
        return {"enum": list(typing.get_args(member))}
    if isinstance(member, type) and issubclass(member, enum.Enum):
        return {"enum": [item.value for item in member]}
    if member is bool:
        return {"type": "boolean"}
    if member is int:
        return {"type": "integer"}
    if member is float:
        return {"type": "number"}
    if member is str:
        return {"type": "string"}
    if member is datetime:
        return {"type": "string", "format": "date-time"}
    if isinstance(member, type) and issubclass(member, BaseModel):
        return compact_schema(member.model_json_schema(by_alias=True))
    return {"type": "object"}


def _first_paragraph(text: str | None) -> str:
    return inspect.cleandoc(text or "").split("\n\n")[0].replace("\n", " ").strip()


def compact_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """A JSON Schema with what an agent does not need taken out.

    Titles go (the property names say as much), ``anyOf [X, null]`` becomes ``X`` (an
    omitted field is the null), ``default: null`` goes, and descriptions keep their first
    paragraph. ``$defs`` stay, once, at the top.

    Args:
        schema: A schema as pydantic writes it.

    Returns:
        The compacted schema (a new dict).

    Examples:
        ```python
        from honeycomb.mcp._catalog import compact_schema
        from honeycomb.models import ColumnCreate

        schema = compact_schema(ColumnCreate.model_json_schema())
        assert "title" not in schema and "key_name" in schema["properties"]
        ```
    """
    compacted: dict[str, Any] = _compact(schema, in_properties=False)
    return compacted


def _compact(node: Any, *, in_properties: bool) -> Any:
    if isinstance(node, list):
        return [_compact(item, in_properties=False) for item in node]
    if not isinstance(node, dict):
        return node
    if in_properties:  # keys are property names, values are schemas
        return {key: _compact(value, in_properties=False) for key, value in node.items()}
    branches = node.get("anyOf")
    if isinstance(branches, list):
        kept = [b for b in branches if b != {"type": "null"}]
        if len(kept) == 1 and len(kept) < len(branches):
            merged = {k: v for k, v in node.items() if k != "anyOf"}
            merged.update(kept[0])
            return _compact(merged, in_properties=False)
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key == "title" or (key == "default" and value is None):
            continue
        if key == "description" and isinstance(value, str):
            out[key] = _first_paragraph(value)
        elif key in {"properties", "$defs", "patternProperties"}:
            out[key] = _compact(value, in_properties=True)
        else:
            out[key] = _compact(value, in_properties=False)
    return out


def _body_schema(models: list[type[RequestModel]]) -> dict[str, Any]:
    schemas = [compact_schema(m.model_json_schema(by_alias=True)) for m in models]
    if len(schemas) == 1:
        return schemas[0]
    defs: dict[str, Any] = {}
    for schema in schemas:
        defs.update(schema.pop("$defs", {}))
    merged: dict[str, Any] = {"anyOf": schemas}
    if defs:
        merged["$defs"] = defs
    return merged


class _Method:
    """What a tool needs to know about one resource method."""

    def __init__(self, group: str, verb: str, func: Callable[..., Any]) -> None:
        self.group, self.verb, self.func = group, verb, func
        self.signature = inspect.signature(func)
        self.hints = typing.get_type_hints(func, include_extras=True)

    @cached_property
    def adapters(self) -> dict[str, TypeAdapter[Any]]:
        """Validators that turn JSON arguments into the Python values the method takes."""
        config = ConfigDict(arbitrary_types_allowed=True)
        return {
            name: TypeAdapter(self.hints[name], config=config)
            for name in self.parameters
            if not self._request_models(name)
        }

    @property
    def parameters(self) -> list[str]:
        return [
            name
            for name, param in self.signature.parameters.items()
            if name not in _SKIP_PARAMS and param.kind is not param.VAR_KEYWORD
        ]

    def _request_models(self, name: str) -> list[type[RequestModel]]:
        return [m for m in _flatten(self.hints.get(name, Any)) if _is_request_model(m)]

    def schema(self) -> dict[str, Any]:
        properties: dict[str, Any] = {}
        required: list[str] = []
        defs: dict[str, Any] = {}
        for name in self.parameters:
            param = self.signature.parameters[name]
            models = self._request_models(name)
            schema = _body_schema(models) if models else _plain_schema(self.hints.get(name))
            defs.update(schema.pop("$defs", {}))
            properties[name] = schema
            if param.default is param.empty:
                required.append(name)
        out: dict[str, Any] = {"type": "object", "properties": properties}
        if required:
            out["required"] = required
        out["additionalProperties"] = False
        if defs:
            out["$defs"] = defs
        return out

    def kind(self) -> Kind:
        if self.verb == "delete":
            return "delete"
        return "read" if self.verb in _READ_VERBS else "write"

    def call(self, client: Any, arguments: Mapping[str, Any]) -> Any:
        kwargs: dict[str, Any] = {}
        for name, value in arguments.items():
            adapter = self.adapters.get(name)
            kwargs[name] = adapter.validate_python(value) if adapter is not None else value
        return getattr(getattr(client, self.group), self.verb)(**kwargs)

    def spec(self) -> ToolSpec:
        return ToolSpec(
            name=f"{self.group}_{self.verb}",
            group=self.group,
            description=_first_paragraph(self.func.__doc__),
            input_schema=self.schema(),
            kind=self.kind(),
            call=self.call,
        )


def _resource_class(group: str) -> type | None:
    """The resource class behind ``client.<group>`` (its module is named after the group),
    or None for an attribute that is no resource group (``client.porting``, a workflow)."""
    from honeycomb._sync._resource import Resource

    name = f"honeycomb._sync.resources.{group}"
    if importlib.util.find_spec(name) is None:
        return None
    module = importlib.import_module(name)
    (found,) = (
        value
        for value in vars(module).values()
        if isinstance(value, type)
        and issubclass(value, Resource)
        and value is not Resource
        and value.__module__ == module.__name__
    )
    return found


def _methods(client_class: type) -> Iterator[_Method]:
    for group, attr in vars(client_class).items():
        if not isinstance(attr, cached_property):
            continue
        resource_class = _resource_class(group)
        if resource_class is None:
            continue
        for verb, func in inspect.getmembers(resource_class, inspect.isfunction):
            if verb.startswith("_") or verb in _SKIP:
                continue
            yield _Method(group, verb, func)


def resource_tools() -> list[ToolSpec]:
    """A tool per public method of every resource of the sync `Client`, in a stable order.

    Returns:
        The tools, sorted by name.

    Examples:
        ```python
        from honeycomb.mcp._catalog import resource_tools

        tools = {tool.name: tool for tool in resource_tools()}
        assert tools["triggers_list"].kind == "read"
        assert tools["triggers_delete"].kind == "delete"
        ```
    """
    global _TOOLS
    if _TOOLS is None:
        from honeycomb._sync.client import Client

        _TOOLS = sorted((method.spec() for method in _methods(Client)), key=lambda t: t.name)
    return list(_TOOLS)


# Built once per process: the catalogue is a pure function of the installed SDK, and
# building it (pydantic JSON Schemas for every request model) is the slow part of start-up.
_TOOLS: list[ToolSpec] | None = None
