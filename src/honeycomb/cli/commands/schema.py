"""``honeycomb schema export|show|list``: the JSON Schemas of the SDK's models.

``export DIR`` writes ``<Model>.json`` for every public model and ``honeycomb-models.json``
with all of them under ``$defs`` (see :mod:`honeycomb.cli.model_schemas`), for editors,
code generators and validation in CI.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from honeycomb.cli.context import CliError, current

app = typer.Typer(add_completion=False, help="JSON Schemas of the models.", no_args_is_help=True)


@app.command("export")
def export(
    directory: Annotated[Path, typer.Argument(help="Folder to write into (created if missing).")],
) -> None:
    """Write one JSON Schema file per public model, plus honeycomb-models.json."""
    from honeycomb.cli.model_schemas import schema_files

    cli = current()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        files = schema_files()
        for name, schema in files.items():
            (directory / name).write_text(json.dumps(schema, indent=2) + "\n", encoding="utf-8")
    except OSError as err:
        raise CliError(f"cannot write to {directory}: {err.strerror or err}") from None
    if cli.options.quiet:
        cli.write("".join(f"{directory / name}\n" for name in files))
    cli.message(f"Wrote {len(files) - 1} model schemas and honeycomb-models.json to {directory}")


@app.command("show")
def show(model: Annotated[str, typer.Argument(help="A model name, e.g. TriggerCreate.")]) -> None:
    """Print the JSON Schema of one model (JSON unless -o yaml)."""
    from honeycomb.cli.model_schemas import UnknownModelError, model_schema

    cli = current()
    try:
        schema = model_schema(model)
    except UnknownModelError as err:
        raise CliError(str(err)) from None
    cli.emit(schema, fmt="yaml" if cli.options.output == "yaml" else "json")


@app.command("list")
def list_models() -> None:
    """List the public models: name, kind (request or response) and module."""
    from honeycomb.cli.model_schemas import public_models
    from honeycomb.models._base import RequestModel

    rows = [
        {
            "model": name,
            "kind": "request" if issubclass(model, RequestModel) else "response",
            "module": model.__module__,
        }
        for name, model in public_models().items()
    ]
    current().emit(rows, columns=("model", "kind", "module"), id_key="model")
