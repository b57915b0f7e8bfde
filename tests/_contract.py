"""Validating what the client sends against Honeycomb's OpenAPI spec.

``validate_request`` finds the operation a request is for (method + path template), then
checks its path parameters, query parameters, credential, ``Accept`` (against the
response media types), content type (against the request media types) and JSON body
against the spec. ``example_bodies`` lists the spec's example success responses, which
the contract tests feed back through the client's models.

Known defects of the spec files are patched in ``_patch_known_defects``, each with the
reason; the live API is the authority (see ../shared/openapi/README.md).
"""

from __future__ import annotations

import copy
import datetime
import gzip
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any
from urllib.parse import parse_qsl, unquote

import httpx
import jsonschema
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from honeycomb.testing._negotiation import accepts, parse_accept
from tests._spec import NEW_SPEC, OLD_SPEC, load

SPEC_URI = "urn:honeycomb-spec:"


@dataclass(frozen=True)
class SpecOperation:
    """An operation with what is needed to check a request against it."""

    operation_id: str
    method: str
    template: str
    pattern: re.Pattern[str]
    spec_name: str
    definition: dict[str, Any]
    parameters: tuple[dict[str, Any], ...] = field(default=())


def _jsonable(value: Any) -> Any:
    """PyYAML reads unquoted timestamps as datetimes; turn them back into strings."""
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.isoformat()
    return value


def _rewrite_refs(value: Any, base: str) -> Any:
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if key == "$ref" and isinstance(item, str) and item.startswith("#/"):
                out[key] = base + item
            else:
                out[key] = _rewrite_refs(item, base)
        return out
    if isinstance(value, list):
        return [_rewrite_refs(v, base) for v in value]
    return value


def _patch_known_defects(spec: dict[str, Any]) -> dict[str, Any]:
    """Fix what is wrong in the files, not in the API (each fix says why)."""

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            enum = value.get("enum")
            # The Signal status `off` was serialised unquoted upstream and reads as the
            # boolean false; the API's value is the string "off".
            if isinstance(enum, list) and False in enum and "active" in enum:
                value["enum"] = ["off" if item is False else item for item in enum]
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(spec)
    _fix_examples(spec)
    # The update of a query annotation shows an id in its request example and none in its
    # response example; the live API returns it (real-api-notes: id, query_id, name,
    # description, source), and the SDK's model requires it.
    update = spec.get("paths", {}).get("/1/query_annotations/{datasetSlug}/{queryAnnotationId}")
    if isinstance(update, dict) and "put" in update:
        answer = update["put"]["responses"]["200"]["content"]["application/json"]
        if isinstance(answer.get("example"), dict):
            answer["example"].setdefault("id", "sGUnkBHgRFN")
    # UpdateColumn is allOf CreateColumn plus `key_name: {readOnly: true}`, but CreateColumn
    # requires key_name, so the read-only field stays required. Inline the parts without it.
    schemas = spec.get("components", {}).get("schemas", {})
    for schema in schemas.values():
        if not (isinstance(schema, dict) and "allOf" in schema and "properties" in schema):
            continue
        read_only = {k for k, v in schema["properties"].items() if v == {"readOnly": True}}
        if not read_only:
            continue
        parts = []
        for part in schema["allOf"]:
            ref = part.get("$ref", "") if isinstance(part, dict) else ""
            if ref.startswith("#/components/schemas/"):
                part = copy.deepcopy(schemas[ref.rsplit("/", 1)[1]])
                part["required"] = [r for r in part.get("required", []) if r not in read_only]
            parts.append(part)
        schema["allOf"] = parts
    # CreateTriggerRequest is a oneOf of "with query_id" and "with inline query", but
    # neither branch forbids the other's field, so every inline-query trigger matches
    # both and fails oneOf. The API's rule (not both) is enforced by the SDK's model.
    for schema in spec.get("components", {}).get("schemas", {}).values():
        if isinstance(schema, dict) and isinstance(schema.get("oneOf"), list):
            refs = [str(o.get("$ref", "")) for o in schema["oneOf"] if isinstance(o, dict)]
            if any(r.endswith("TriggerWithInlineQuery") for r in refs):
                schema["anyOf"] = schema.pop("oneOf")
    return spec


def _fix_examples(value: Any) -> None:
    """Examples that are themselves wrong: ``SLO.reset_at`` "2022-011-11T09:53:04Z" is not a
    date; ``evaluation_schedule.window`` times are given as integers (840, 1260) although
    the type is an ``HH:mm`` string."""
    if isinstance(value, dict):
        if value.get("example") == "2022-011-11T09:53:04Z":
            value["example"] = "2022-11-11T09:53:04Z"
        if value.get("example") in (840, 1260) and value.get("type") == "string":
            value["example"] = "14:00" if value["example"] == 840 else "21:00"
        for item in value.values():
            _fix_examples(item)
    elif isinstance(value, list):
        for item in value:
            _fix_examples(item)


def _drop_read_only_required(value: Any) -> None:
    """A request need not carry what the server sets: ``required`` lists in the spec name
    read-only properties too (``id``, ``created_at``), which apply to responses only."""
    if isinstance(value, dict):
        properties = value.get("properties")
        if isinstance(properties, dict) and isinstance(value.get("required"), list):
            value["required"] = [
                name
                for name in value["required"]
                if not (isinstance(properties.get(name), dict) and properties[name].get("readOnly"))
            ]
        for item in value.values():
            _drop_read_only_required(item)
    elif isinstance(value, list):
        for item in value:
            _drop_read_only_required(item)


@cache
def patched_spec(name: str) -> dict[str, Any]:
    """The spec ``name`` with YAML dates restored and known defects patched (refs local,
    as in the file: what Prism is served)."""
    return _patch_known_defects(_jsonable(copy.deepcopy(load(name))))


@cache
def prepared(name: str) -> dict[str, Any]:
    """The spec ``name`` with refs made absolute, YAML dates restored and defects patched."""
    rewritten: dict[str, Any] = _rewrite_refs(patched_spec(name), SPEC_URI + name)
    return rewritten


@cache
def prepared_for_requests(name: str) -> dict[str, Any]:
    """``prepared(name)`` with read-only properties no longer required."""
    spec = copy.deepcopy(prepared(name))
    _drop_read_only_required(spec)
    return spec


@cache
def registry() -> Registry[Any]:
    """A registry holding both specs as requests see them, so any ``$ref`` resolves."""
    resources = [
        (
            SPEC_URI + name,
            Resource.from_contents(prepared_for_requests(name), default_specification=DRAFT202012),
        )
        for name in (NEW_SPEC, OLD_SPEC)
    ]
    return Registry().with_resources(resources)


def _deref(value: Any) -> Any:
    while isinstance(value, dict) and "$ref" in value and len(value) == 1:
        value = registry().resolver().lookup(value["$ref"]).contents
    return value


@cache
def spec_operations() -> tuple[SpecOperation, ...]:
    """Every operation of both specs (2026-08 wins where both define one)."""
    found: dict[str, SpecOperation] = {}
    for name in (OLD_SPEC, NEW_SPEC):
        spec = prepared(name)
        for template, item in spec["paths"].items():
            shared = item.get("parameters", [])
            for method in ("get", "put", "post", "patch", "delete"):
                definition = item.get(method)
                if not isinstance(definition, dict) or "operationId" not in definition:
                    continue
                regex = re.sub(r"\\\{[^}]+\\\}", r"([^/]+)", re.escape(template))
                params = tuple(_deref(p) for p in [*shared, *definition.get("parameters", [])])
                found[definition["operationId"]] = SpecOperation(
                    definition["operationId"],
                    method.upper(),
                    template,
                    re.compile(f"^{regex}$"),
                    name,
                    definition,
                    params,
                )
    return tuple(found.values())


def find_operation(method: str, path: str) -> SpecOperation | None:
    """The operation whose method and path template match; the most literal one wins."""
    matches = [op for op in spec_operations() if op.method == method and op.pattern.match(path)]
    matches.sort(key=lambda op: op.template.count("{"))
    return matches[0] if matches else None


def _validate(instance: Any, schema: Any, where: str) -> list[str]:
    validator = jsonschema.Draft202012Validator(schema, registry=registry())
    return [
        f"{where}: {error.message} at {list(error.absolute_path)}"
        for error in validator.iter_errors(instance)
    ]


def _coerce(value: str, schema: dict[str, Any]) -> Any:
    schema = _deref(schema)
    kind = schema.get("type")
    kinds = kind if isinstance(kind, list) else [kind]
    if "integer" in kinds:
        try:
            return int(value)
        except ValueError:
            return value
    if "number" in kinds:
        try:
            return float(value)
        except ValueError:
            return value
    if "boolean" in kinds:
        return {"true": True, "false": False}.get(value, value)
    if "array" in kinds:
        return value.split(",")
    return value


def _security_headers(op: SpecOperation) -> list[set[str]]:
    spec = prepared(op.spec_name)
    schemes = spec["components"]["securitySchemes"]
    options = []
    for requirement in op.definition.get("security", spec.get("security") or []):
        headers = set()
        for name in requirement:
            scheme = schemes[name]
            if scheme.get("type") == "apiKey" and scheme.get("in") == "header":
                headers.add(scheme["name"].lower())
            elif scheme.get("type") == "http":
                headers.add("authorization")
        options.append(headers)
    return options


def decoded_body(request: httpx.Request) -> bytes:
    """The request body, decompressed when it was sent compressed."""
    content = request.content
    encoding = request.headers.get("content-encoding", "")
    if encoding == "gzip":
        return gzip.decompress(content)
    if encoding == "zstd":
        import zstandard

        return bytes(zstandard.ZstdDecompressor().decompressobj().decompress(content))
    return content


def validate_request(request: httpx.Request) -> tuple[SpecOperation | None, list[str]]:
    """Check one request against the spec.

    Returns:
        The operation it matched (or None) and every problem found.
    """
    path = unquote(request.url.path)
    op = find_operation(request.method, request.url.path) or find_operation(request.method, path)
    if op is None:
        return None, [f"no operation for {request.method} {path}"]
    problems: list[str] = []

    # Path parameters: present and non-empty (the pattern guarantees the shape).
    match = op.pattern.match(request.url.path)
    if match and any(not part for part in match.groups()):
        problems.append("empty path parameter")

    # Query parameters: declared, required ones present, values of the declared type.
    declared = {p["name"]: p for p in op.parameters if p.get("in") == "query"}
    sent = parse_qsl(
        request.url.query.decode()
        if isinstance(request.url.query, bytes)
        else str(request.url.query)
    )
    for name, value in sent:
        if name not in declared:
            problems.append(f"query parameter {name!r} is not in the spec")
            continue
        schema = declared[name].get("schema", {})
        problems += _validate(_coerce(value, schema), schema, f"query {name}")
    for name, param in declared.items():
        if param.get("required") and name not in dict(sent):
            problems.append(f"required query parameter {name!r} missing")
    for param in op.parameters:
        required_header = param.get("in") == "header" and param.get("required")
        if required_header and param["name"].lower() not in request.headers:
            problems.append(f"required header {param['name']!r} missing")

    # Credentials: one of the operation's security requirements is met, and no other
    # credential rides along.
    options = _security_headers(op)
    present = {
        h
        for h in ("x-honeycomb-team", "authorization", "x-amz-firehose-access-key")
        if h in request.headers
    }
    if options and not any(option <= present and present <= option for option in options):
        problems.append(
            f"credentials {sorted(present)} do not match the spec's {[sorted(o) for o in options]}"
        )

    problems += _accept_problems(op, request.headers.get("accept"))

    # Body: content type declared, JSON valid against the schema.
    body_spec = op.definition.get("requestBody")
    content = decoded_body(request)
    if body_spec:
        media = request.headers.get("content-type", "").split(";")[0].strip()
        declared_media = body_spec.get("content", {})
        if media not in declared_media:
            problems.append(f"content type {media!r} not in {sorted(declared_media)}")
        elif "json" in media:
            try:
                body = json.loads(content)
            except ValueError:
                problems.append("body is not JSON")
            else:
                schema = declared_media[media].get("schema")
                if schema:
                    problems += _validate(body, schema, "body")
    elif content:
        problems.append("a body was sent to an operation that takes none")
    return op, problems


def response_media_types(op: SpecOperation, *, success: bool) -> set[str]:
    """The media types the operation's responses declare (2xx only, or every status)."""
    found: set[str] = set()
    for status, response in op.definition.get("responses", {}).items():
        if not success or str(status).startswith("2"):
            found |= set(_deref(response).get("content") or {})
    return found


def _accept_problems(op: SpecOperation, accept: str | None) -> list[str]:
    """``Accept`` must be sent, admit a media type the operation succeeds with (or, when
    success has no body, one its errors use), and name no concrete type the operation
    never produces. jsonschema never sees headers, so this is checked here."""
    if accept is None:
        return ["no Accept header"]
    declared = response_media_types(op, success=True) or response_media_types(op, success=False)
    if not declared:
        return []
    problems = []
    if not any(accepts(accept, media) for media in declared):
        problems.append(f"Accept {accept!r} admits none of {sorted(declared)}")
    produced = response_media_types(op, success=False)
    for media_range in parse_accept(accept):
        name = f"{media_range.type}/{media_range.subtype}"
        if media_range.quality > 0 and media_range.specificity == 2 and name not in produced:
            problems.append(f"Accept names {name!r}, which the operation never produces")
    return problems


def success_response(op: SpecOperation) -> tuple[int, dict[str, Any]]:
    """The first 2xx response of an operation, dereferenced."""
    for status, response in op.definition.get("responses", {}).items():
        if str(status).startswith("2"):
            return int(status), _deref(response)
    return 200, {}


def content_examples(
    content: dict[str, Any] | None, deref: Callable[[Any], Any] = _deref
) -> list[tuple[str, Any]]:
    """Every example of a ``content`` map's JSON media types: (example name, body).

    A media type's single ``example`` is named "example"; ``deref`` follows ``$ref``s
    (by default into this module's prepared specs; the model tests pass one for the raw file).
    """
    found = []
    for media, media_type in (content or {}).items():
        if "json" not in media:
            continue
        if "example" in media_type:
            found.append(("example", media_type["example"]))
        for name, example in (media_type.get("examples") or {}).items():
            example = deref(example)
            if isinstance(example, dict) and "value" in example:
                found.append((name, example["value"]))
    return found


def example_bodies(op: SpecOperation) -> list[tuple[int, str, Any]]:
    """Every example of every 2xx JSON response: (status, example name, body)."""
    found = []
    for status, response in op.definition.get("responses", {}).items():
        if str(status).startswith("2"):
            content = _deref(response).get("content")
            found += [(int(status), name, body) for name, body in content_examples(content)]
    return found


def synthesize(schema: Any, depth: int = 0, name: str = "") -> Any:
    """A value that fits ``schema``, built from its examples, enums and formats.

    Used as the response body for operations whose spec gives no example, so every
    documented field reaches the client's models.
    """
    schema = _deref(schema)
    if not isinstance(schema, dict) or depth > 12:
        return None
    if "$ref" in schema:
        merged = {
            **_deref({"$ref": schema["$ref"]}),
            **{k: v for k, v in schema.items() if k != "$ref"},
        }
        return synthesize(merged, depth + 1, name)
    if "example" in schema and not isinstance(schema["example"], (dict, list)):
        return schema["example"]
    if "allOf" in schema:
        result: dict[str, Any] = {}
        for part in schema["allOf"]:
            value = synthesize(part, depth + 1, name)
            if not isinstance(value, dict):
                return value  # allOf around a lone scalar $ref (the spec's way to add a default)
            result.update(value)
        extra = synthesize({k: v for k, v in schema.items() if k != "allOf"}, depth + 1)
        if isinstance(extra, dict):
            result.update(extra)
        return result
    for key in ("oneOf", "anyOf"):
        if key in schema:
            options = [o for o in schema[key] if _deref(o).get("type") != "null"]
            return synthesize(options[0] if options else schema[key][0], depth + 1, name)
    if "enum" in schema:
        return next((e for e in schema["enum"] if e is not None), None)
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), None)
    if kind == "object" or "properties" in schema:
        return {
            key: synthesize(prop, depth + 1, key)
            for key, prop in schema.get("properties", {}).items()
        }
    if kind == "array":
        item = synthesize(schema.get("items", {"type": "string"}), depth + 1)
        return [] if item is None else [item]
    if kind == "string":
        fmt = schema.get("format")
        if fmt == "date-time" or name.endswith("_at"):
            return "2026-01-02T03:04:05Z"
        if fmt == "date":
            return "2026-01-02"
        return "x" * max(int(schema.get("minLength", 1)), 1)
    if kind == "integer":
        return int(schema.get("minimum", 1))
    if kind == "number":
        return float(schema.get("minimum", 1))
    if kind == "boolean":
        return False
    return None


def _end_pagination(body: Any) -> Any:
    if isinstance(body, dict) and isinstance(body.get("links"), dict):
        body["links"]["next"] = None
    return body


def response_body(op: SpecOperation) -> tuple[int, Any]:
    """The status and body to answer ``op`` with: its first example, else a synthesized one."""
    status, response = success_response(op)
    examples = [e for e in example_bodies(op) if e[0] == status]
    if examples:
        return status, _end_pagination(copy.deepcopy(examples[0][2]))
    for media, content in (response.get("content") or {}).items():
        if "json" in media and "schema" in content:
            return status, _end_pagination(synthesize(content["schema"]))
    return status, None


def _resolve(schema: Any) -> Any:
    """``schema`` with its ``$ref`` followed (siblings of the ``$ref`` kept)."""
    while isinstance(schema, dict) and "$ref" in schema:
        target = registry().resolver().lookup(schema["$ref"]).contents
        schema = {**{k: v for k, v in schema.items() if k != "$ref"}, **target}
    return schema


def _read_only(value: Any, schema: Any, path: str, found: list[str]) -> None:
    schema = _resolve(schema)
    if not isinstance(schema, dict):
        return
    for key in ("allOf", "oneOf", "anyOf"):
        for branch in schema.get(key, []):
            _read_only(value, branch, path, found)
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        for name, item in value.items():
            prop = _resolve(properties.get(name))
            if not isinstance(prop, dict):
                continue
            where = f"{path}.{name}" if path else name
            if prop.get("readOnly"):
                found.append(where)
            _read_only(item, prop, where, found)
    elif isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            _read_only(item, schema["items"], f"{path}[{i}]", found)


def read_only_fields(request: httpx.Request) -> list[str]:
    """The properties of a request's JSON body that the spec marks ``readOnly``.

    Args:
        request: A request the client sent, with a JSON body.

    Returns:
        Their paths (``id``, ``panels[0].query_panel.dataset``), once each, in order.
    """
    op = find_operation(request.method, unquote(request.url.path))
    body_spec = op.definition.get("requestBody") if op else None
    if not body_spec:
        return []
    media = request.headers.get("content-type", "").split(";")[0].strip()
    schema = body_spec.get("content", {}).get(media, {}).get("schema")
    found: list[str] = []
    _read_only(json.loads(decoded_body(request)), schema, "", found)
    return list(dict.fromkeys(found))


@cache
def response_registry() -> Registry[Any]:
    """A registry holding both specs as responses see them (read-only fields required)."""
    return Registry().with_resources(
        (SPEC_URI + name, Resource.from_contents(prepared(name), default_specification=DRAFT202012))
        for name in (NEW_SPEC, OLD_SPEC)
    )


def operations_by_id() -> dict[str, SpecOperation]:
    """Every operation of both specs, by operationId."""
    return {op.operation_id: op for op in spec_operations()}


@dataclass(frozen=True)
class ResponseMismatch:
    """One way a response differs from what the spec declares for it.

    Attributes:
        field: Where: a dotted path into the body (``data.attributes.name``,
            ``triggers[0].threshold``), or ``""`` for the response as a whole.
        seen: What the response had there: ``"absent"`` for a missing required field, a
            short JSON rendering of the value otherwise.
        detail: What the spec wanted.
    """

    field: str
    seen: str
    detail: str


def _field_path(parts: Any) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _seen(value: Any) -> str:
    text = json.dumps(value, default=str, sort_keys=True)
    return text if len(text) <= 80 else text[:77] + "..."


def response_mismatches(
    operation: str, status: int, content_type: str, body: bytes
) -> list[ResponseMismatch]:
    """How a response differs from the schema the spec declares for its operation, status
    and content type (empty when it matches).

    Args:
        operation: The operationId.
        status: The HTTP status answered.
        content_type: The response's ``Content-Type``.
        body: The raw body.

    Returns:
        One entry per problem; a required field that is missing names that field.
    """
    op = operations_by_id().get(operation)
    if op is None:
        return [ResponseMismatch("", operation, "an operation in neither spec")]
    responses = op.definition.get("responses", {})
    declared = responses.get(str(status)) or responses.get(status)
    if declared is None:
        declared = responses.get("default")
        if declared is None or 200 <= status < 300:
            return [ResponseMismatch("", f"status {status}", "a status the spec documents")]
    declared = _deref(declared)
    media = content_type.split(";")[0].strip()
    content = declared.get("content") or {}
    if not body:
        if content and status not in (204, 304) and operation != "createEvent":
            return [ResponseMismatch("", "an empty body", f"a body of {sorted(content)}")]
        return []
    if not content:
        return []
    if media not in content:
        return [ResponseMismatch("", f"content type {media!r}", f"one of {sorted(content)}")]
    schema = content[media].get("schema")
    if not schema:
        return []
    try:
        instance = json.loads(body)
    except ValueError:
        return [ResponseMismatch("", "a body that is not JSON", f"{media} per the schema")]
    validator = jsonschema.Draft202012Validator(schema, registry=response_registry())
    found = []
    for error in validator.iter_errors(instance):
        path = list(error.absolute_path)
        if error.validator == "required" and isinstance(error.instance, dict):
            for name in error.validator_value:
                if name not in error.instance:
                    where = _field_path([*path, name])
                    found.append(ResponseMismatch(where, "absent", "required"))
            continue
        seen = _seen(error.instance)
        found.append(ResponseMismatch(_field_path(path), seen, error.message[:200]))
    # A schema reached through several branches (allOf, oneOf) reports the same error twice.
    return list(dict.fromkeys(found))
