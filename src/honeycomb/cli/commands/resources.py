"""The resource command groups, generated from ``honeycomb.cli.resource_specs``.

Every group gets the verbs its row lists, with the same shapes: parent options first
(``--dataset/-d``, ``--board/-b``), then the id, then ``-f FILE|-`` for bodies. The few
convenience flags people expect (``markers create --type --message``, ``triggers update
--disable``...) are declared in ``FLAGS`` and laid over the body from ``-f`` (or, for an
update without ``-f``, over the object as it is now).

Module attributes are built on first access: ``resources.triggers`` is the ``triggers``
typer app (``honeycomb.cli.app`` registers them by name).
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Annotated, Any

import typer

from honeycomb.cli import _click as click
from honeycomb.cli import context
from honeycomb.cli.context import CliError, CliState, current, to_data
from honeycomb.cli.resource_specs import RESOURCE_GROUPS, ResourceSpec

__all__ = ["FLAGS", "Flag", "build_group"]

KW = inspect.Parameter.KEYWORD_ONLY

SCOPE_OPTIONS: dict[str, Any] = {
    "dataset": typer.Option(
        "--dataset", "-d", help="Dataset slug (__all__ for environment-wide).", show_default=False
    ),
    "board": typer.Option("--board", "-b", help="Board id.", show_default=False),
    "slo": typer.Option("--slo", help="SLO id.", show_default=False),
}


@dataclass(frozen=True)
class Flag:
    """A convenience option that sets one field of the request body.

    Attributes:
        param: The Python parameter name.
        decls: The option's names (``"--disable/--enable"`` for a switch pair).
        key: The body field it sets.
        annotation: The value type (``str | None``, ``bool | None``...).
        help: Help text.
        convert: Turns the option's value into the field's value.
    """

    param: str
    decls: tuple[str, ...]
    key: str
    annotation: Any
    help: str
    convert: Callable[[Any], Any] | None = None


def _epoch(value: str) -> int:
    """Unix seconds from ``1700000000``, ``2026-12-01T20:00:00Z`` or ``now``."""
    if value == "now":
        return int(datetime.now(timezone.utc).timestamp())
    if value.lstrip("-").isdigit():
        return int(value)
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise CliError(f"{value!r} is not a time: use Unix seconds, ISO 8601 or now") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return int(moment.timestamp())


def _environment_id(value: str) -> str:
    """An environment id, from an id, a slug or a name."""
    if value.startswith("hcaen_"):
        return value
    for env in current().client.environments.list():
        if value in (env.slug, env.name):
            return str(env.id)
    raise CliError(f"no environment with the id, slug or name {value!r}")


S = str | None
B = bool | None
FLAGS: dict[tuple[str, str], tuple[Flag, ...]] = {
    ("datasets", "create"): (
        Flag("name", ("--name",), "name", S, "Dataset name."),
        Flag("description", ("--description",), "description", S, "Description."),
        Flag(
            "expand_json_depth",
            ("--expand-json-depth",),
            "expand_json_depth",
            int | None,
            "Unpack nested JSON this many levels (0-10).",
        ),
    ),
    ("markers", "create"): (
        Flag("type", ("--type",), "type", S, "Marker type, e.g. deploy (one colour per type)."),
        Flag("message", ("--message", "-m"), "message", S, "What happened."),
        Flag("url", ("--url",), "url", S, "Link from the marker (a build, a PR)."),
        Flag(
            "start",
            ("--start",),
            "start_time",
            S,
            "Start: Unix seconds, ISO 8601 or now (default: now).",
            _epoch,
        ),
        Flag("end", ("--end",), "end_time", S, "End, for a range (same forms).", _epoch),
    ),
    ("columns", "update"): (
        Flag("hidden", ("--hidden/--no-hidden",), "hidden", B, "Hide it from autocomplete."),
        Flag("description", ("--description",), "description", S, "Description."),
    ),
    ("triggers", "update"): (
        Flag("disabled", ("--disable/--enable",), "disabled", B, "Switch the trigger off or on."),
    ),
    ("api-keys", "create"): (
        Flag("name", ("--name",), "name", S, "Key name."),
        Flag("type", ("--type",), "key_type", S, "ingest or configuration."),
        Flag(
            "environment",
            ("--environment", "-e"),
            "environment_id",
            S,
            "Environment id, slug or name.",
            _environment_id,
        ),
    ),
    ("environments", "create"): (
        Flag("name", ("--name",), "name", S, "Environment name."),
        Flag("color", ("--color",), "color", S, "blue, green, gold, red, purple, lightBlue..."),
        Flag("description", ("--description",), "description", S, "Description."),
    ),
}

LIST_FILTERS: dict[str, tuple[Flag, ...]] = {
    "columns": (Flag("key_name", ("--key-name",), "key_name", S, "Only this column."),),
    "calculated-fields": (Flag("alias", ("--alias",), "alias", S, "Only this alias."),),
    "api-keys": (Flag("type", ("--type",), "type", S, "ingest or configuration."),),
    "query-annotations": (
        Flag(
            "include_board_annotations",
            ("--include-board-annotations",),
            "include_board_annotations",
            bool,
            "Also those made on boards.",
        ),
    ),
}


# -- signature building -------------------------------------------------------------------


def _param(name: str, annotation: Any, default: Any = inspect.Parameter.empty) -> inspect.Parameter:
    return inspect.Parameter(name, KW, annotation=annotation, default=default)


def _scope_params(names: tuple[str, ...]) -> list[inspect.Parameter]:
    return [_param(n, Annotated[str, SCOPE_OPTIONS[n]]) for n in names]


def _id_param(spec: ResourceSpec) -> inspect.Parameter:
    what = "slug" if spec.id_key == "slug" else "id"
    return _param(
        "object_id",
        Annotated[str, typer.Argument(metavar="ID", help=f"The {spec.singular}'s {what}.")],
    )


def _flag_params(flags: tuple[Flag, ...]) -> list[inspect.Parameter]:
    params = []
    for flag in flags:
        default = False if flag.annotation is bool else None
        params.append(
            _param(
                flag.param,
                Annotated[flag.annotation, typer.Option(*flag.decls, help=flag.help)],
                default,
            )
        )
    return params


def _file_param(required: bool) -> inspect.Parameter:
    help_ = "JSON or YAML file with the body; - reads stdin."
    option = typer.Option("--file", "-f", help=help_, show_default=False)
    if required:
        return _param("file", Annotated[str, option])
    return _param("file", Annotated[str | None, option], None)


def _command(
    run: Callable[..., None], params: list[inspect.Parameter], doc: str
) -> Callable[..., None]:
    def command(**kwargs: Any) -> None:
        run(**kwargs)

    command.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    command.__annotations__ = {p.name: p.annotation for p in params}
    command.__doc__ = doc
    return command


# -- the verbs ------------------------------------------------------------------------------


def _resource(spec: ResourceSpec) -> Any:
    return getattr(current().client, spec.attr)


def _model(spec: ResourceSpec, name: str | None) -> Any:
    if name is None:
        return None
    return getattr(importlib.import_module(f"honeycomb.models.{spec.models}"), name)


def _accepted(spec: ResourceSpec, *, update: bool = False) -> set[str]:
    from honeycomb.cli.portable import request_fields

    names = (
        (spec.update_model, spec.create_model) if update else (spec.create_model, spec.update_model)
    )
    model = _model(spec, next((n for n in names if n), None))
    return request_fields(model) if model is not None else set()


def _scope(spec: ResourceSpec, kwargs: dict[str, Any], extra: tuple[str, ...] = ()) -> list[str]:
    return [kwargs.pop(name) for name in (*spec.scope, *extra)]


def _fetch(spec: ResourceSpec, scope: list[str], object_id: str | None) -> Any:
    """One object as JSON-ready data: ``get``, or a search of ``list`` where there is no get."""
    res = _resource(spec)
    if spec.singleton:
        return to_data(res.get(*scope))
    if "get" in spec.verbs:
        return to_data(res.get(*scope, object_id))
    for item in to_data(res.list(*scope)):
        if str(item.get(spec.id_key)) == object_id:
            return item
    raise CliError(f"no {spec.singular} with id {object_id!r}")


def _overlay(body: Any, flags: tuple[Flag, ...], kwargs: dict[str, Any]) -> Any:
    """Set the body fields of the convenience flags that were given."""
    values = {f: kwargs.pop(f.param) for f in flags}
    given = {f: v for f, v in values.items() if v is not None}
    if not given:
        return body
    if not isinstance(body, dict):
        raise CliError("convenience flags need the -f document to be one object")
    for flag, value in given.items():
        body[flag.key] = flag.convert(value) if flag.convert else value
    return body


def _body(file: str | None) -> Any:
    from honeycomb.cli.inputs import read_document

    return read_document(file) if file is not None else None


def _emit(cli: CliState, spec: ResourceSpec, value: Any) -> None:
    cli.emit(value, columns=spec.columns, id_key=spec.id_key)


def _list(spec: ResourceSpec, **kwargs: Any) -> None:
    cli = current()
    scope = _scope(spec, kwargs, spec.list_scope)
    filters = {f.key: kwargs.pop(f.param) for f in LIST_FILTERS.get(spec.name, ())}
    filters = {k: v for k, v in filters.items() if v not in (None, False)}
    _emit(cli, spec, _resource(spec).list(*scope, **filters))


def _get(spec: ResourceSpec, **kwargs: Any) -> None:
    cli = current()
    scope = _scope(spec, kwargs)
    if spec.singleton:
        _emit(cli, spec, _resource(spec).get(*scope))
        return
    extra = {"detailed": True} if kwargs.pop("detailed", False) else {}
    _emit(cli, spec, _resource(spec).get(*scope, kwargs.pop("object_id"), **extra))


def _create(spec: ResourceSpec, **kwargs: Any) -> None:
    cli = current()
    scope = _scope(spec, kwargs)
    flags = FLAGS.get((spec.name, "create"), ())
    file = kwargs.pop("file")
    body = _body(file)
    if body is None:
        if not any(kwargs.get(f.param) is not None for f in flags):
            names = " ".join(f.decls[0] for f in flags)
            raise click.UsageError(f"give -f FILE (- for stdin){' or ' + names if names else ''}")
        body = {}
    documents = body if isinstance(body, list) else [body]
    created = []
    for document in documents:
        document = _overlay(document, flags, dict(kwargs))
        created.append(_resource(spec).create(*scope, document))
    for item in created:
        cli.message(f"Created {spec.singular} {_ident(spec, item)}.")
    shown = [_revealed(cli, item) for item in created]
    _emit(cli, spec, shown if isinstance(body, list) else shown[0])


def _revealed(cli: CliState, item: Any) -> Any:
    """``item`` with the secret it was created with in clear (an API key's): the answer to
    create is the only time the API returns it, so hiding it here would lose it."""
    from pydantic import SecretStr

    secret = getattr(item, "secret", None)
    if not isinstance(secret, SecretStr):
        return item
    data = to_data(item)
    data["secret"] = secret.get_secret_value()
    token = getattr(item, "token", None)
    if isinstance(token, str):
        data["token"] = token  # what X-Honeycomb-Team takes
    cli.message("Store the secret now: it is shown only once and cannot be read again.")
    return data


def _update(spec: ResourceSpec, **kwargs: Any) -> None:
    cli = current()
    scope = _scope(spec, kwargs)
    object_id = None if spec.singleton else kwargs.pop("object_id")
    flags = FLAGS.get((spec.name, "update"), ())
    body = _body(kwargs.pop("file"))
    if body is None:
        if not any(kwargs.get(f.param) is not None for f in flags):
            names = " ".join(f.decls[0].split("/")[0] for f in flags)
            raise click.UsageError(f"give -f FILE (- for stdin){' or ' + names if names else ''}")
        # The API replaces the object (PUT): start from what it is now.
        from honeycomb.cli.portable import portable

        body = portable(_fetch(spec, scope, object_id), _accepted(spec, update=True))
    body = _overlay(body, flags, kwargs)
    args = scope if spec.singleton else [*scope, object_id]
    updated = _resource(spec).update(*args, body)
    cli.message(f"Updated {spec.singular} {object_id or scope[0]}.")
    _emit(cli, spec, updated)


def _delete(spec: ResourceSpec, **kwargs: Any) -> None:
    cli = current()
    scope = _scope(spec, kwargs)
    object_id = kwargs.pop("object_id")
    if not kwargs.pop("yes"):
        if not context.stdin_is_terminal():
            raise CliError(
                f"refusing to delete {spec.singular} {object_id} without --yes "
                "(stdin is not a terminal)"
            )
        if not typer.confirm(f"Delete {spec.singular} {object_id}?", default=False, err=True):
            raise CliError("not deleted")
    extra = {}
    if kwargs.pop("remove_delete_protection", False):
        extra["remove_delete_protection"] = True
    _resource(spec).delete(*scope, object_id, **extra)
    cli.message(f"Deleted {spec.singular} {object_id}.")


def _export_format(cli: CliState) -> Any:
    return "yaml" if cli.options.output == "yaml" else "json"


def _export(spec: ResourceSpec, **kwargs: Any) -> None:
    from honeycomb.cli.output import render
    from honeycomb.cli.portable import portable

    cli = current()
    scope = _scope(spec, kwargs)
    data = _fetch(spec, scope, None if spec.singleton else kwargs.pop("object_id"))
    cli.write(render(portable(data, _accepted(spec)), _export_format(cli)))


def _export_all(spec: ResourceSpec, **kwargs: Any) -> None:
    from honeycomb.cli.inputs import unique_stems
    from honeycomb.cli.output import render
    from honeycomb.cli.portable import portable

    cli = current()
    folder = Path(kwargs.pop("dir"))
    scope = _scope(spec, kwargs, spec.list_scope)
    items = sorted(
        to_data(_resource(spec).list(*scope)),
        key=lambda o: (str(o.get(spec.name_key) or ""), str(o.get(spec.id_key) or "")),
    )
    fmt = _export_format(cli)
    accepted = _accepted(spec)
    stems = unique_stems(str(o.get(spec.name_key) or o.get(spec.id_key) or "") for o in items)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for item, stem in zip(items, stems, strict=True):
        path = folder / f"{stem}.{fmt}"
        path.write_text(render(portable(item, accepted), fmt), encoding="utf-8")
        written.append(
            {"id": item.get(spec.id_key), "name": item.get(spec.name_key), "file": str(path)}
        )
    cli.message(f"Wrote {len(written)} {spec.name} to {folder}.")
    cli.emit(written, columns=("id", "name", "file"))


def _ident(spec: ResourceSpec, item: Any) -> str:
    data = to_data(item)
    return str(data.get(spec.id_key)) if isinstance(data, dict) else ""


# -- assembling a group ---------------------------------------------------------------------


def build_group(spec: ResourceSpec) -> typer.Typer:
    """The typer app of one resource group.

    Args:
        spec: The group's row.

    Returns:
        The app, with one command per verb.
    """
    app = typer.Typer(help=spec.help, no_args_is_help=True, add_completion=False)
    scope = _scope_params(spec.scope)
    one = [] if spec.singleton else [_id_param(spec)]
    kind = spec.singular

    def add(verb: str, run: Callable[..., None], params: list[inspect.Parameter], doc: str) -> None:
        if verb in spec.verbs:
            app.command(verb)(_command(lambda **kw: run(spec, **kw), params, doc))

    list_params = (
        scope + _scope_params(spec.list_scope) + _flag_params(LIST_FILTERS.get(spec.name, ()))
    )
    add("list", _list, list_params, f"List {spec.name}.")
    get_params = scope + one
    if spec.name == "slos":
        get_params = [
            *get_params,
            _param(
                "detailed",
                Annotated[bool, typer.Option("--detailed", help="Include compliance and budget.")],
                False,
            ),
        ]
    add("get", _get, get_params, f"Show one {kind}.")
    create_flags = FLAGS.get((spec.name, "create"), ())
    add(
        "create",
        _create,
        [*scope, _file_param(not create_flags), *_flag_params(create_flags)],
        f"Create a {kind} from a JSON or YAML document (an `export` goes straight back in).",
    )
    update_flags = FLAGS.get((spec.name, "update"), ())
    add(
        "update",
        _update,
        [*scope, *one, _file_param(not update_flags), *_flag_params(update_flags)],
        f"Replace a {kind} with a JSON or YAML document.",
    )
    delete_params = [
        *scope,
        *one,
        _param(
            "yes",
            Annotated[
                bool,
                typer.Option(
                    "--yes", "-y", help="Do not ask (needed when stdin is not a terminal)."
                ),
            ],
            False,
        ),
    ]
    if spec.name == "datasets":
        delete_params.append(
            _param(
                "remove_delete_protection",
                Annotated[
                    bool,
                    typer.Option(
                        "--remove-delete-protection", help="Switch delete protection off first."
                    ),
                ],
                False,
            )
        )
    add("delete", _delete, delete_params, f"Delete a {kind}.")
    add(
        "export",
        _export,
        scope + one,
        f"Print a {kind} without ids or timestamps, ready for `create` (-o yaml for YAML).",
    )
    dir_param = _param("dir", Annotated[str, typer.Option("--dir", help="Folder to write to.")])
    add(
        "export-all",
        _export_all,
        [*scope, *_scope_params(spec.list_scope), dir_param],
        f"Write every {kind} to its own file in --dir (same-named ones never share a file).",
    )
    return app


_BY_ATTR = {spec.attr: spec for spec in RESOURCE_GROUPS}


def __getattr__(name: str) -> typer.Typer:
    spec = _BY_ATTR.get(name)
    if spec is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    app = build_group(spec)
    globals()[name] = app
    return app
