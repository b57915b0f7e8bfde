"""The spec, as the model tests read it: operations, examples, schemas and their properties.

Everything here reads the spec files as they are (``tests._spec.load``, which skips the
calling test with a reason when they are absent), not ``tests._contract.prepared``: that
one patches the files' known defects and makes every ``$ref`` absolute for the request
validator, while the model tests assert on the defects as the files have them (the SLO
``reset_at`` and trigger window examples, the Signal status ``off`` read as false). So
``resolve`` follows local refs in the raw file instead of ``_contract._deref``; the walk
over a response's examples is ``_contract.content_examples``, given ``resolve``.

Where an operation has no example response, ``build_example`` makes one from the schema:
each property's own ``example`` (or ``examples[0]``, first enum value, default, or a
placeholder of its type), merging ``allOf`` and taking one branch of ``oneOf``/``anyOf``.
"""

from __future__ import annotations

import copy
from functools import partial
from typing import Any

import httpx

from honeycomb._operations import media_type
from tests._contract import content_examples, validate_request
from tests._spec import NEW_SPEC, OLD_SPEC, load, operations

__all__ = [
    "NEW_SPEC",
    "OLD_SPEC",
    "build_example",
    "named_examples",
    "operation",
    "properties",
    "request_examples",
    "request_problems",
    "resolve",
    "response_examples",
    "response_schema",
    "schemas",
    "writable",
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


def schemas(spec_name: str = NEW_SPEC) -> dict[str, Any]:
    """The spec's component schemas, by name."""
    found: dict[str, Any] = load(spec_name)["components"]["schemas"]
    return found


def operation(operation_id: str, spec_name: str = NEW_SPEC) -> dict[str, Any]:
    """The definition of one operation (skips when the spec is absent)."""
    for op in operations(spec_name):
        if op.operation_id == operation_id:
            return op.definition
    raise AssertionError(f"{operation_id} is not in {spec_name}")


def named_examples(
    operation_id: str, spec_name: str = NEW_SPEC, *, request: bool = False
) -> list[tuple[str, Any]]:
    """The authored examples of an operation's 2xx JSON responses, or of its request body.

    Args:
        operation_id: The operation.
        spec_name: The spec file.
        request: The request body's examples instead of the responses'.

    Returns:
        (name, value) pairs, copies the test may change; a lone ``example`` is named
        "example" and comes before the named ``examples``.
    """
    spec = load(spec_name)
    definition = operation(operation_id, spec_name)
    if request:
        bodies = [definition.get("requestBody") or {}]
    else:
        bodies = [r for s, r in definition["responses"].items() if str(s).startswith("2")]
    found: list[tuple[str, Any]] = []
    for body in bodies:
        content = resolve(spec, body).get("content")
        found += content_examples(content, partial(resolve, spec))
    return copy.deepcopy(found)


# The model tests' former in-file copies read only `application/json`, only the 200
# response (boards, board views), or named `examples` before a lone `example`; for every
# operation they read these functions give the same examples in the same order (no media
# type in either spec has both an `example` and `examples`).
def response_examples(operation_id: str, spec_name: str = NEW_SPEC) -> list[Any]:
    """Every authored example of the operation's 2xx JSON responses (content or schema).

    The content examples come first (see ``named_examples``), then a response schema's own
    ``example``.
    """
    spec = load(spec_name)
    found = [value for _, value in named_examples(operation_id, spec_name)]
    for status, response in operation(operation_id, spec_name)["responses"].items():
        if not str(status).startswith("2"):
            continue
        for media, content in (resolve(spec, response).get("content") or {}).items():
            schema = resolve(spec, content.get("schema"))
            if "json" in media and isinstance(schema, dict) and "example" in schema:
                found.append(copy.deepcopy(schema["example"]))
    return found


def request_examples(operation_id: str, spec_name: str = NEW_SPEC) -> list[Any]:
    """Every authored example of the operation's JSON request body."""
    return [value for _, value in named_examples(operation_id, spec_name, request=True)]


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


def properties(schema: str | dict[str, Any], spec_name: str = NEW_SPEC) -> dict[str, Any]:
    """A schema's properties, merged through its ``allOf`` parts.

    Args:
        schema: A component schema's name, or a schema or ``$ref``.
        spec_name: The spec file.

    Returns:
        Each property's definition. Where a schema names a property its ``allOf`` parts
        also have, the keywords are merged, the schema's own winning.
    """
    spec = load(spec_name)
    if isinstance(schema, str):
        schema = {"$ref": f"#/components/schemas/{schema}"}
    node = resolve(spec, schema)
    merged: dict[str, Any] = {}
    for part in node.get("allOf", []):
        merged.update(properties(part, spec_name))
    for name, value in (node.get("properties") or {}).items():
        merged[name] = {**merged.get(name, {}), **value}
    return merged


def writable(schema: str | dict[str, Any], spec_name: str = NEW_SPEC) -> set[str]:
    """The names of a schema's properties that are not ``readOnly``."""
    found = properties(schema, spec_name)
    return {name for name, value in found.items() if not value.get("readOnly")}


def _merge(target: dict[str, Any], extra: Any) -> None:
    if isinstance(extra, dict):
        target.update(extra)


def build_example(
    spec: dict[str, Any], schema: Any, *, branch: int = 0, writable: bool = False
) -> Any:
    """An instance of ``schema`` made of the examples its properties carry.

    Args:
        spec: The spec the schema belongs to.
        schema: A schema or ``$ref``.
        branch: Which ``oneOf``/``anyOf`` branch to take at the top level.
        writable: Leave out ``readOnly`` properties (a request body).

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
    parts = [build_example(spec, part, writable=writable) for part in schema.get("allOf", [])]
    if parts and "properties" not in schema and not any(isinstance(p, dict) for p in parts):
        return parts[0]  # an allOf that only wraps a scalar $ref (to add a description)
    if parts or "properties" in schema:
        result = {}
        for part in parts:
            _merge(result, part)
        for name, prop in (schema.get("properties") or {}).items():
            if not (writable and resolve(spec, prop).get("readOnly")):
                result[name] = build_example(spec, prop, writable=writable)
    if options:
        real = [o for o in options if resolve(spec, o).get("type") != "null"] or options
        chosen = build_example(spec, real[min(branch, len(real) - 1)], writable=writable)
        if result is None:
            return chosen
        _merge(result, chosen)
    if result is not None:
        return result
    kind = schema.get("type")
    kinds = kind if isinstance(kind, list) else [kind]
    if "array" in kinds:
        items = schema.get("items")
        return [build_example(spec, items, writable=writable)] if items else []
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
    """What the spec finds wrong with a request (empty when it conforms), sent with the
    media types the client uses for ``path``."""
    media = media_type(path)
    headers = {"Accept": media} if body is None else {"Accept": media, "Content-Type": media}
    if management:
        headers["Authorization"] = "Bearer hcxmk_0123:secret"
    else:
        headers["X-Honeycomb-Team"] = "hcxlk_0123"
    request = httpx.Request(
        method,
        f"https://api.honeycomb.io{path}",
        params=params,
        json=body,
        headers=headers,
    )
    _, problems = validate_request(request)
    return problems
