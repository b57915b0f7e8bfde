"""Spec examples for the model tests: the authored ones, or ones built from a schema.

Where an operation has no example response, ``build_example`` makes one from the schema:
each property's own ``example`` (or ``examples[0]``, first enum value, default, or a
placeholder of its type), merging ``allOf`` and taking one branch of ``oneOf``/``anyOf``.
The spec files are found by ``tests._spec`` (skipping with a reason when absent).
"""

from __future__ import annotations

from typing import Any

import httpx

from tests._contract import validate_request
from tests._spec import NEW_SPEC, OLD_SPEC, load

__all__ = [
    "NEW_SPEC",
    "OLD_SPEC",
    "build_example",
    "operation",
    "request_problems",
    "resolve",
    "response_examples",
    "response_schema",
]

_PLACEHOLDERS: dict[str, Any] = {
    "string": "text",
    "integer": 1,
    "number": 1.5,
    "boolean": False,
    "null": None,
}


def resolve(spec: dict[str, Any], value: Any) -> Any:
    """Follow local ``$ref``s until a definition is reached."""
    while isinstance(value, dict) and "$ref" in value:
        node: Any = spec
        for part in value["$ref"].lstrip("#/").split("/"):
            node = node[part]
        value = node
    return value


def operation(operation_id: str, spec_name: str = NEW_SPEC) -> dict[str, Any]:
    """The definition of one operation (skips when the spec is absent)."""
    spec = load(spec_name)
    for item in spec["paths"].values():
        for definition in item.values():
            if isinstance(definition, dict) and definition.get("operationId") == operation_id:
                return definition
    raise AssertionError(f"{operation_id} is not in {spec_name}")


def response_schema(
    operation_id: str, status: str, spec_name: str = NEW_SPEC
) -> tuple[dict[str, Any], Any]:
    """The spec and the (resolved) schema of one JSON response of an operation."""
    spec = load(spec_name)
    response = resolve(spec, operation(operation_id, spec_name)["responses"][status])
    for media, content in response["content"].items():
        if "json" in media:
            return spec, resolve(spec, content["schema"])
    raise AssertionError(f"{operation_id} {status} has no JSON response")


def response_examples(operation_id: str, spec_name: str = NEW_SPEC) -> list[Any]:
    """Every authored example of the operation's 2xx JSON responses (content or schema)."""
    spec = load(spec_name)
    found: list[Any] = []
    for status, response in operation(operation_id, spec_name)["responses"].items():
        if not str(status).startswith("2"):
            continue
        for media, content in (resolve(spec, response).get("content") or {}).items():
            if "json" not in media:
                continue
            if "example" in content:
                found.append(content["example"])
            for example in (content.get("examples") or {}).values():
                found.append(resolve(spec, example)["value"])
            schema = resolve(spec, content.get("schema"))
            if isinstance(schema, dict) and "example" in schema:
                found.append(schema["example"])
    return found


def _merge(target: dict[str, Any], extra: Any) -> None:
    if isinstance(extra, dict):
        target.update(extra)


def build_example(spec: dict[str, Any], schema: Any, *, branch: int = 0) -> Any:
    """An instance of ``schema`` made of the examples its properties carry.

    Args:
        spec: The spec the schema belongs to.
        schema: A schema or ``$ref``.
        branch: Which ``oneOf``/``anyOf`` branch to take at the top level.

    Returns:
        The example.
    """
    schema = resolve(spec, schema)
    if not isinstance(schema, dict):
        return None
    if "example" in schema:
        return schema["example"]
    if "default" in schema and "properties" not in schema:
        return schema["default"]
    if schema.get("examples"):
        return schema["examples"][0]
    if "enum" in schema:
        return schema["enum"][0]
    options = schema.get("oneOf") or schema.get("anyOf")
    result: dict[str, Any] | None = None
    parts = [build_example(spec, part) for part in schema.get("allOf", [])]
    if parts and "properties" not in schema and not any(isinstance(p, dict) for p in parts):
        return parts[0]  # an allOf that only wraps a scalar $ref (to add a description)
    if parts or "properties" in schema:
        result = {}
        for part in parts:
            _merge(result, part)
        for name, prop in (schema.get("properties") or {}).items():
            result[name] = build_example(spec, prop)
    if options:
        real = [o for o in options if resolve(spec, o).get("type") != "null"] or options
        chosen = build_example(spec, real[min(branch, len(real) - 1)])
        if result is None:
            return chosen
        _merge(result, chosen)
    if result is not None:
        return result
    kind = schema.get("type")
    kinds = kind if isinstance(kind, list) else [kind]
    if "array" in kinds:
        items = schema.get("items")
        return [build_example(spec, items)] if items else []
    if schema.get("format") == "date-time":
        return "2022-07-26T22:38:04Z"
    for name in kinds:
        if name in _PLACEHOLDERS and name != "null":
            return _PLACEHOLDERS[name]
    return None


def request_problems(
    method: str,
    path: str,
    *,
    body: Any = None,
    params: dict[str, Any] | None = None,
    management: bool = False,
) -> list[str]:
    """What the spec finds wrong with a request (empty when it conforms)."""
    headers = (
        {"Authorization": "Bearer hcxmk_0123:secret", "Content-Type": "application/vnd.api+json"}
        if management
        else {"X-Honeycomb-Team": "hcxlk_0123", "Content-Type": "application/json"}
    )
    request = httpx.Request(
        method,
        f"https://api.honeycomb.io{path}",
        params=params,
        json=body,
        headers=headers,
    )
    _, problems = validate_request(request)
    return problems
