"""JSON Schemas of the SDK's public models, for ``honeycomb schema export|show``.

Pure: it builds the documents; the command writes them. A public model is a pydantic
model named in the ``__all__`` of a public module of :mod:`honeycomb.models` (request
models such as ``TriggerCreate``, response models such as ``Trigger``, and their parts).
Each schema is the model's validation schema (what the SDK accepts: for a request model
what you may send, for a response model what it reads), in JSON Schema Draft 2020-12,
with field names as they travel on the wire (aliases).
"""

from __future__ import annotations

import difflib
import importlib
import pkgutil
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue, models_json_schema
from pydantic_core import core_schema

__all__ = [
    "COMBINED_FILE",
    "DRAFT",
    "UnknownModelError",
    "combined_schema",
    "model_schema",
    "public_models",
    "schema_files",
]

DRAFT = "https://json-schema.org/draft/2020-12/schema"
COMBINED_FILE = "honeycomb-models.json"


class _Generator(GenerateJsonSchema):
    """pydantic's generator, with one correction for unions chosen by a function.

    A union whose branch a function picks (response panels, burn alerts: the known kinds
    and a catch-all for kinds added later) has branches that overlap, so ``oneOf`` (exactly
    one branch matches) would reject what the model reads. ``anyOf`` says what the model
    does. Unions tagged by a literal field keep ``oneOf``: there the branches exclude each
    other.
    """

    def tagged_union_schema(self, schema: core_schema.TaggedUnionSchema) -> JsonSchemaValue:
        generated = super().tagged_union_schema(schema)
        if callable(schema["discriminator"]) and "oneOf" in generated:
            generated["anyOf"] = generated.pop("oneOf")
            generated.pop("discriminator", None)
        return generated


class UnknownModelError(LookupError):
    """No public model has this name.

    Attributes:
        name: The name asked for.
        suggestions: Close model names, best first.
    """

    def __init__(self, name: str, suggestions: list[str]) -> None:
        """Build the error.

        Args:
            name: The name asked for.
            suggestions: Close model names, best first.
        """
        self.name, self.suggestions = name, suggestions
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"no model named {name!r}{hint} (`honeycomb schema list` names them all)")


def public_models() -> dict[str, type[BaseModel]]:
    """Every public model, by class name, sorted by name.

    Examples:
        >>> models = public_models()
        >>> "Trigger" in models and "TriggerCreate" in models
        True

    Returns:
        ``{name: model}``; a model re-exported by a second module appears once.
    """
    import honeycomb.models as package

    found: dict[str, type[BaseModel]] = {}
    for info in pkgutil.iter_modules(package.__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for name in getattr(module, "__all__", ()):
            value = getattr(module, name)
            if isinstance(value, type) and issubclass(value, BaseModel):
                known = found.setdefault(name, value)
                if known is not value:  # two different models may not share a file name
                    raise RuntimeError(f"two public models are named {name}")
    return dict(sorted(found.items()))


def _find(name: str, models: dict[str, type[BaseModel]]) -> type[BaseModel]:
    if name in models:
        return models[name]
    by_folded = {key.lower(): value for key, value in models.items()}
    if name.lower() in by_folded:
        return by_folded[name.lower()]
    raise UnknownModelError(name, difflib.get_close_matches(name, list(models), n=3))


def model_schema(model: type[BaseModel] | str) -> dict[str, Any]:
    """The JSON Schema (Draft 2020-12) of one model.

    Examples:
        >>> schema = model_schema("triggercreate")
        >>> schema["title"], schema["$schema"]
        ('TriggerCreate', 'https://json-schema.org/draft/2020-12/schema')

    Args:
        model: The model, or its class name (any case).

    Returns:
        A standalone schema: nested models are in its ``$defs``.

    Raises:
        UnknownModelError: No public model has that name.
    """
    if isinstance(model, str):
        model = _find(model, public_models())
    return {
        "$schema": DRAFT,
        **model.model_json_schema(by_alias=True, mode="validation", schema_generator=_Generator),
    }


def combined_schema(models: dict[str, type[BaseModel]] | None = None) -> dict[str, Any]:
    """One schema document holding every model under ``$defs`` (refs are shared).

    Args:
        models: The models to include (default: :func:`public_models`).

    Returns:
        ``{"$schema": ..., "title": ..., "$defs": {name: schema, ...}}``.
    """
    models = public_models() if models is None else models
    _, document = models_json_schema(
        [(model, "validation") for model in models.values()],
        by_alias=True,
        schema_generator=_Generator,
        title="honeycomb-sdk models",
        description="Every public model of the honeycomb-sdk, by name, under $defs.",
    )
    return {"$schema": DRAFT, **document}


def schema_files() -> dict[str, dict[str, Any]]:
    """What ``schema export`` writes: ``{file name: schema}``.

    Returns:
        ``<Model>.json`` for each public model, then :data:`COMBINED_FILE`.
    """
    models = public_models()
    files = {f"{name}.json": model_schema(model) for name, model in models.items()}
    files[COMBINED_FILE] = combined_schema(models)
    return files
