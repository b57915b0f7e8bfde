"""Base classes for every model: tolerant responses, strict requests.

Responses keep what they do not know (``extra="allow"``) so a field Honeycomb adds
tomorrow never breaks today's client; enum-like fields on responses are typed
``SomeEnum | str`` so an unknown value is kept as a plain string instead of raising.
Requests are checked before anything is sent: unknown keys, wrong types and the
documented limits are rejected locally, as one :class:`~honeycomb.RequestValidationError`
listing every problem.

Round trips live here, in one place: :func:`to_request_body` accepts, besides the request
model and a dict, the response model of the same resource (declared with
:func:`accepts_response`), its ``model_dump()``/``model_dump(mode="json")``, a raw JSON:API
document for v2 resources and a ``QueryBuilder`` wherever a query specification goes. What
the response has and the request does not take (ids, timestamps, counts) is dropped; what
neither knows is still an error, so typos are caught.
"""

from __future__ import annotations

import types
from collections.abc import Mapping, Sequence
from enum import Enum
from functools import cache
from typing import Annotated, Any, ClassVar, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ConfigDict, ValidationError
from pydantic.fields import FieldInfo

from honeycomb.errors import RequestValidationError

__all__ = [
    "RequestModel",
    "ResponseModel",
    "StrEnum",
    "accepts_response",
    "request_data",
    "request_model",
    "tagged_request_model",
    "to_request_body",
]


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
    """A model sent to the API: validated strictly before any request is made.

    Class attributes (not fields):

    - ``__response_model__``: the response model of the same resource, whose fields are
      dropped silently when a response (or its dump) is sent back; set with
      :func:`accepts_response`.
    - ``__jsonapi_type__``: for v2 bodies, the JSON:API ``type``; a raw JSON:API document
      of that type is accepted and flattened.
    """

    __response_model__: ClassVar[type[BaseModel] | None] = None
    __jsonapi_type__: ClassVar[str | None] = None

    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
        protected_namespaces=(),
        validate_assignment=True,
        str_strip_whitespace=False,
    )

    @classmethod
    def _from_response(cls, data: dict[str, Any]) -> dict[str, Any]:
        """Adjust data read from a response before it is validated (default: unchanged).

        Override where a response carries a choice the request must make (a trigger's
        inline ``query`` and its ``query_id``: the inline query is kept).
        """
        return data


RequestT = TypeVar("RequestT", bound=RequestModel)


def accepts_response(
    response: type[BaseModel], *requests: type[RequestModel], jsonapi_type: str | None = None
) -> None:
    """Declare ``response`` as what ``requests`` accept back (see :func:`to_request_body`).

    Args:
        response: The response model of the resource (``Trigger``).
        requests: Its request models (``TriggerCreate``, ``TriggerUpdate``).
        jsonapi_type: For a v2 resource, its JSON:API ``type``: a raw JSON:API document of
            that type is then accepted too.
    """
    for request in requests:
        request.__response_model__ = response
        request.__jsonapi_type__ = jsonapi_type


# ------------------------------------------------------------------ model structure


def _models_in(annotation: Any) -> tuple[type[BaseModel], ...]:
    """The models an annotation can hold (through Optional, unions, lists, Annotated)."""
    if isinstance(annotation, type):
        return (annotation,) if issubclass(annotation, BaseModel) else ()
    origin = get_origin(annotation)
    args = get_args(annotation)
    if origin is Annotated:
        return _models_in(args[0])
    if origin in (Union, types.UnionType, list, tuple, set, frozenset, Sequence):
        return tuple(m for arg in args for m in _models_in(arg))
    return ()  # dicts and scalars: taken as they are


@cache
def _fields(model: type[BaseModel]) -> dict[str, FieldInfo]:
    """Every key a model reads, by field name and by alias."""
    keys: dict[str, FieldInfo] = {}
    for name, info in model.model_fields.items():
        keys[name] = info
        if isinstance(info.alias, str):
            keys[info.alias] = info
    return keys


def _lookup(models: Sequence[type[BaseModel]], key: str) -> list[FieldInfo]:
    return [info for model in models if (info := _fields(model).get(key)) is not None]


def _nested(infos: Sequence[FieldInfo]) -> tuple[type[BaseModel], ...]:
    return tuple(dict.fromkeys(m for info in infos for m in _models_in(info.annotation)))


# ------------------------------------------------------------------------ input


def _plain(value: Any) -> Any:
    """Models -> dicts of the fields they hold, recursively; everything else unchanged.

    A response keeps what the API sent beyond its declared fields as extras; those are not
    sent back (this SDK cannot know whether the API takes them).
    """
    if isinstance(value, ResponseModel):
        known = type(value).model_fields
        return {
            (known[name].alias or name): _plain(getattr(value, name))
            for name in value.model_fields_set
            if name in known
        }
    if isinstance(value, BaseModel):
        return value.model_dump(by_alias=True, exclude_unset=True)
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def _prune(
    data: Any, requests: Sequence[type[BaseModel]], responses: Sequence[type[BaseModel]]
) -> Any:
    """Drop the keys the response models have and the request models do not take.

    A None the response holds for an optional request field is dropped too: in a
    response it means "not set", not "send null".
    """
    if isinstance(data, list):
        return [_prune(item, requests, responses) for item in data]
    if not isinstance(data, dict) or not requests:
        return data
    out: dict[str, Any] = {}
    for key, value in data.items():
        taken = _lookup(requests, key)
        known = _lookup(responses, key) if isinstance(key, str) else []
        if not taken:
            if not known:
                out[key] = value  # neither knows it: left for validation to reject
            continue
        if value is None and known and not any(i.is_required() for i in taken):
            continue
        out[key] = _prune(value, _nested(taken), _nested(known))
    return out


def _is_response(data: Mapping[str, Any], model: type[RequestModel]) -> bool:
    """Whether ``data`` is a response (or its dump) rather than a request written by hand.

    A response carries what only the server sets and the API always returns (a required
    field of the response model that the request does not take, such as ``id``), or, for
    a response model without one, every field of a ``model_dump()``.
    """
    response = model.__response_model__
    if response is None:
        return False
    taken = _fields(model)
    marks = [
        name
        for name, info in response.model_fields.items()
        if info.is_required() and name not in taken
    ]
    if marks:
        return any(name in data for name in marks)
    return set(response.model_fields) <= data.keys()


def _jsonapi(model: type[RequestModel], value: Mapping[str, Any]) -> Mapping[str, Any]:
    """A raw JSON:API document (``{"data": {"type", "attributes", ...}}``) -> a flat dict."""
    data = value.get("data")
    if model.__jsonapi_type__ is None or not isinstance(data, Mapping):
        return value
    if not ({"attributes", "relationships", "type"} & data.keys()):
        return value
    kind = data.get("type")
    if kind is not None and kind != model.__jsonapi_type__:
        raise RequestValidationError(
            [f"data.type: expected {model.__jsonapi_type__!r} (got {kind!r})"],
            subject=model.__name__,
        )
    from honeycomb.models._jsonapi_flatten import flatten_document

    return flatten_document(value)


def request_data(model: type[RequestModel], value: Any) -> Any:
    """What ``model`` will validate, from any accepted form of a request (see below).

    Args:
        model: The request model.
        value: A response model, another model, a dict or a JSON:API document.

    Returns:
        The dict to validate (or ``value`` unchanged when it is not a model or mapping).
    """
    response = model.__response_model__
    from_response = response is not None and isinstance(value, response)
    data = _plain(value)
    if isinstance(data, Mapping):
        data = dict(_jsonapi(model, data))
        from_response = from_response or _is_response(data, model)
        if from_response and response is not None:
            data = model._from_response(_prune(data, (model,), (response,)))
    return data


# ----------------------------------------------------------------------- errors


def _path(loc: Sequence[str | int], known: frozenset[str]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in known:
            out += f".{part}" if out else part
        # else: a union member's tag ("function-after[...]", "QueryPanelIn"), not a field
    return out


@cache
def _known_keys(model: type[BaseModel]) -> frozenset[str]:
    """Every field name and alias reachable from ``model``."""
    seen: set[type[BaseModel]] = set()
    keys: set[str] = set()
    todo = [model]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        keys.update(_fields(current))
        todo.extend(_nested(list(current.model_fields.values())))
    return frozenset(keys)


def _short(value: Any, limit: int = 80) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def request_validation_error(
    model: type[BaseModel], err: ValidationError
) -> RequestValidationError:
    """pydantic's error for ``model`` as a :class:`~honeycomb.RequestValidationError`.

    Args:
        model: The model that was validated.
        err: pydantic's exception (raise the result ``from`` it).

    Returns:
        The error, one problem per pydantic error: path, message and offending value.
    """
    known = _known_keys(model)
    problems = []
    for detail in err.errors(include_url=False):
        loc = detail["loc"]
        if detail["type"] == "extra_forbidden" and loc:
            *parent, last = loc
            where = _path(parent, known)
            field = f"{where}.{last}" if where else str(last)
            problems.append(f"{field}: not a field of this request (got {_short(detail['input'])})")
            continue
        where = _path(loc, known)
        message = detail["msg"].removeprefix("Value error, ")
        if detail["type"] == "missing":
            problems.append(f"{where}: required")
        elif where:
            problems.append(f"{where}: {message} (got {_short(detail['input'])})")
        else:
            problems.append(message)
    return RequestValidationError(
        problems, errors=err.errors(include_url=False), subject=model.__name__
    )


# ----------------------------------------------------------------------- entry


def request_model(model: type[RequestT], value: Any) -> RequestT:
    """Validate any accepted form of a request as ``model``.

    Accepted: an instance of ``model``; the response model of the same resource (what
    ``get``/``list`` returned) or its ``model_dump()``/``model_dump(mode="json")``, whose
    read-only fields (ids, timestamps, counts...) are dropped; another model or a dict with
    the same fields; for v2 resources, a JSON:API document. Fields neither the request nor
    the response model has are errors.

    Examples:
        >>> from honeycomb.models.columns import ColumnUpdate, Column
        >>> column = Column(id="c1", key_name="region", description="cloud", hidden=False)
        >>> request_model(ColumnUpdate, column).description
        'cloud'

    Args:
        model: The request model class.
        value: The request in any accepted form.

    Returns:
        A validated ``model``.

    Raises:
        RequestValidationError: Listing every problem, with pydantic's error as the cause.
    """
    if isinstance(value, model):
        return value
    data = request_data(model, value)
    try:
        return model.model_validate(data)
    except ValidationError as err:
        raise request_validation_error(model, err) from err


def tagged_request_model(
    value: Any,
    key: str,
    choices: Mapping[str, type[RequestModel]],
    *,
    default: str | None = None,
    subject: str = "request",
) -> RequestModel:
    """Validate a request whose model is chosen by a tag field (``type``, ``alert_type``).

    Args:
        value: The request in any form :func:`request_model` accepts.
        key: The tag field.
        choices: Tag value -> request model.
        default: The tag when ``value`` has none (the API's default kind).
        subject: What the request is, for the error message.

    Returns:
        The validated model of the chosen kind.

    Raises:
        RequestValidationError: An unknown or missing tag, or an invalid request.
    """
    if isinstance(value, RequestModel) and type(value) in choices.values():
        return value
    tag = value.get(key) if isinstance(value, Mapping) else getattr(value, key, None)
    tag = default if tag is None else tag
    tag = tag.value if isinstance(tag, Enum) else tag
    model = choices.get(tag) if isinstance(tag, str) else None
    if model is None:
        raise RequestValidationError(
            [f"{key}: expected one of {', '.join(map(repr, choices))} (got {_short(tag)})"],
            subject=subject,
        )
    return request_model(model, value)


def to_request_body(model: type[RequestT], value: Any) -> dict[str, Any]:
    """Validate ``value`` as ``model`` and return the JSON-ready body to send.

    ``value`` may be any form :func:`request_model` accepts. Only the fields that are set
    are sent (``exclude_unset``), so an update never resets a field the caller did not
    mention, and a field set explicitly to ``None`` is sent as ``null`` (a None read from
    a response means "not set" and is not sent).

    Args:
        model: The request model class to validate against.
        value: The request: a ``model``, its response model, a dump of either, a dict.

    Returns:
        A dict ready to be serialised as the JSON request body.

    Raises:
        RequestValidationError: When ``value`` does not satisfy the model.
    """
    return request_model(model, value).model_dump(mode="json", by_alias=True, exclude_unset=True)
