"""The root command group: lazy subcommands, global options everywhere, one error policy.

- Subcommands are registered by import path and imported only when invoked, so
  ``honeycomb --help`` and ``--version`` load no resource, model, keyring or httpx. The
  listing in ``--help`` uses the help text given at registration.
- The global options are added to every loaded command as well as the root, so
  ``honeycomb -o json triggers list`` and ``honeycomb triggers list -o json`` are the same.
- ``main`` turns every failure into an exit status: 1 with one ``Error: ...`` line for API
  and input errors, 2 for usage errors, 130 for Ctrl-C; a traceback only with ``--debug``.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from difflib import get_close_matches
from enum import Enum
from typing import Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

from honeycomb.cli import _click as click
from honeycomb.cli.context import CliError, CliState

__all__ = ["GLOBAL_PANEL", "Lazy", "LazyGroup", "global_params"]

GLOBAL_PANEL = "Global options"
COMPLETE_VAR = "_HONEYCOMB_COMPLETE"


@dataclass(frozen=True)
class Lazy:
    """A subcommand registered by import path.

    Attributes:
        target: ``"package.module:attribute"``; the attribute is a ``typer.Typer``, a click
            command, or a function of no arguments returning either.
        help: The one-line help shown in ``honeycomb --help`` (without importing ``target``).
        panel: The help panel it is listed under.
        hidden: Not listed (aliases, experimental groups).
    """

    target: str
    help: str
    panel: str | None = None
    hidden: bool = False


class OutputFormat(str, Enum):
    """Values of ``--output``."""

    table = "table"
    json = "json"
    yaml = "yaml"
    ndjson = "ndjson"
    csv = "csv"


def _store(ctx: typer.Context, param: typer.CallbackParam, value: Any) -> Any:
    """Record a global option on the invocation's state, wherever it was given."""
    if value is None or value is False or ctx.resilient_parsing:
        return value
    state = ctx.find_root().obj
    if isinstance(state, CliState) and param.name:
        setattr(state.options, param.name, value.value if isinstance(value, Enum) else value)
    return value


def _version(ctx: typer.Context, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        from honeycomb._version import __version__

        sys.stdout.write(f"honeycomb-sdk {__version__}\n")
        raise typer.Exit(0)


def _global_options(
    profile: Annotated[
        str | None,
        typer.Option(
            "--profile",
            "-p",
            help="Stored profile to use.",
            callback=_store,
            expose_value=False,
            rich_help_panel=GLOBAL_PANEL,
            metavar="NAME",
        ),
    ] = None,
    api_key: Annotated[
        str | None,
        typer.Option(
            "--api-key",
            help="Configuration/ingest key.",
            callback=_store,
            expose_value=False,
            rich_help_panel=GLOBAL_PANEL,
            metavar="KEY",
        ),
    ] = None,
    management_key: Annotated[
        str | None,
        typer.Option(
            "--management-key",
            help="Management key.",
            callback=_store,
            expose_value=False,
            rich_help_panel=GLOBAL_PANEL,
            metavar="ID:SECRET",
        ),
    ] = None,
    api_url: Annotated[
        str | None,
        typer.Option(
            "--api-url",
            help="API root.",
            callback=_store,
            expose_value=False,
            rich_help_panel=GLOBAL_PANEL,
            metavar="URL",
        ),
    ] = None,
    output: Annotated[
        OutputFormat | None,
        typer.Option(
            "--output",
            "-o",
            help="table|json|yaml|ndjson|csv; default: table on a terminal, else json.",
            metavar="FORMAT",
            callback=_store,
            expose_value=False,
            rich_help_panel=GLOBAL_PANEL,
            case_sensitive=False,
        ),
    ] = None,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet",
            "-q",
            help="Only ids, no messages.",
            callback=_store,
            expose_value=False,
            rich_help_panel=GLOBAL_PANEL,
        ),
    ] = False,
    no_color: Annotated[
        bool,
        typer.Option(
            "--no-color",
            help="No colour (or NO_COLOR=1).",
            callback=_store,
            expose_value=False,
            rich_help_panel=GLOBAL_PANEL,
        ),
    ] = False,
    debug: Annotated[
        bool,
        typer.Option(
            "--debug",
            help="Log requests, show tracebacks.",
            callback=_store,
            expose_value=False,
            rich_help_panel=GLOBAL_PANEL,
        ),
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            help="Print the version.",
            callback=_version,
            is_eager=True,
            expose_value=False,
            rich_help_panel=GLOBAL_PANEL,
        ),
    ] = False,
) -> None:
    """Declares the global options; typer turns the signature into click parameters."""


_GLOBALS: list[click.Parameter] = []


def global_params() -> list[click.Parameter]:
    """The global options as click parameters (built once, shared by every command).

    Returns:
        The parameters, in declaration order.
    """
    if not _GLOBALS:
        holder = typer.Typer(add_completion=False)
        holder.command()(_global_options)
        _GLOBALS.extend(typer.main.get_command(holder).params)
    return list(_GLOBALS)


def _option_names(command: click.Command) -> set[str]:
    names: set[str] = set()
    for param in command.params:
        names.update(getattr(param, "opts", ()))
        names.update(getattr(param, "secondary_opts", ()))
    return names


def _add_globals(command: click.Command) -> None:
    """Give ``command`` (and its subcommands) every global option it does not define."""
    taken = _option_names(command)
    for param in global_params():
        if not taken & set(param.opts):
            command.params.append(param)
    for sub in getattr(command, "commands", {}).values():
        _add_globals(sub)


def _load(name: str, lazy: Lazy) -> click.Command:
    module_name, _, attribute = lazy.target.partition(":")
    obj: Any = getattr(importlib.import_module(module_name), attribute)
    if not isinstance(obj, (typer.Typer, click.Command)) and callable(obj):
        obj = obj()
    command: click.Command = typer.main.get_command(obj) if isinstance(obj, typer.Typer) else obj
    command.name = name
    _add_globals(command)
    return command


class LazyGroup(TyperGroup):
    """A typer group whose subcommands are imported on first use.

    Args:
        lazy: The subcommands by name.
        aliases: Hidden alternative names (``trigger`` for ``triggers``).
        **attrs: Passed to ``TyperGroup``.
    """

    def __init__(
        self, *, lazy: Mapping[str, Lazy], aliases: Mapping[str, str], **attrs: Any
    ) -> None:
        super().__init__(**attrs)
        self.lazy = dict(lazy)
        self.aliases = dict(aliases)
        self._loaded: dict[str, click.Command] = {}
        self.params.extend(global_params())

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name, entry in self.lazy.items() if not entry.hidden]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        # Listing (help, completion of names) needs only names and help: a placeholder.
        name = self.aliases.get(cmd_name, cmd_name)
        if name in self._loaded:
            return self._loaded[name]
        entry = self.lazy.get(name)
        if entry is None:
            return None
        return TyperCommand(name, help=entry.help, hidden=entry.hidden, rich_help_panel=entry.panel)

    def load(self, cmd_name: str) -> click.Command | None:
        """The real command (imported now), or None for an unknown name.

        Args:
            cmd_name: A command name or alias.

        Returns:
            The command.
        """
        name = self.aliases.get(cmd_name, cmd_name)
        if name not in self._loaded:
            entry = self.lazy.get(name)
            if entry is None:
                return None
            self._loaded[name] = _load(name, entry)
        return self._loaded[name]

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        cmd_name = args[0]
        command = self.load(cmd_name)
        if command is None:
            if ctx.resilient_parsing:
                return None, None, args[1:]
            if cmd_name.startswith("-"):
                self.parse_args(ctx, args)
            message = f"No such command {cmd_name!r}."
            matches = get_close_matches(cmd_name, [*self.lazy, *self.aliases])
            if matches:
                message = f"{message[:-1]}. Did you mean {', '.join(map(repr, matches))}?"
            ctx.fail(message)
        return command.name, command, args[1:]

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            # typer would turn it into a silent exit 130; run_guarded says "Interrupted.".
            raise typer.Abort() from None

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        state = extra.pop("obj", None)
        if not isinstance(state, CliState):
            state = CliState()
        complete_var = complete_var or COMPLETE_VAR
        if state.environ.get(complete_var):
            from typer._completion_classes import completion_init

            completion_init()  # typer registers its shell classes on demand
        code = run_guarded(
            lambda: super(LazyGroup, self).main(
                args=args,
                prog_name=prog_name or "honeycomb",
                complete_var=complete_var,
                standalone_mode=False,
                obj=state,
                **extra,
            ),
            state,
        )
        if standalone_mode:
            sys.exit(code)
        return code


def run_guarded(invoke: Callable[[], Any], state: CliState) -> int:
    """Run the command line and map every outcome to an exit status.

    Args:
        invoke: Runs click's ``main`` in non-standalone mode.
        state: The invocation's state (for ``--debug``, and to close the client).

    Returns:
        0 success, 1 API or input error, 2 usage error, 130 interrupted.
    """
    try:
        try:
            result = invoke()
        finally:
            state.close()
            built = sys.modules.get("honeycomb.cli._client")  # only if a client was made
            if built is not None:
                built.stop_logging()
    except click.ClickException as err:
        # Usage errors (2) and click's own file errors (1): click's plain rendering.
        err.show()
        return err.exit_code
    except typer.Exit as err:
        return err.exit_code
    except (typer.Abort, KeyboardInterrupt):
        sys.stderr.write("Interrupted.\n")
        return 130
    except BrokenPipeError:
        _silence_stdout()
        return 0
    except Exception as err:  # every failure becomes one line; --debug adds the traceback
        if state.options.debug:
            import traceback

            traceback.print_exc()
        sys.stderr.write(f"Error: {describe_error(err)}\n")
        return 1
    return result if isinstance(result, int) and not isinstance(result, bool) else 0


def _silence_stdout() -> None:
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def describe_error(err: BaseException) -> str:
    """One line for an error: the SDK's message (with its request id), or a summary.

    Examples:
        >>> describe_error(ValueError("bad\\nthing"))
        'bad thing'

    Args:
        err: The exception.

    Returns:
        The text after ``Error: ``.
    """
    from honeycomb.errors import HoneycombError

    if isinstance(err, (HoneycombError, CliError)):
        text = str(err)
    elif isinstance(err, ValueError) and callable(getattr(err, "errors", None)):
        # pydantic's ValidationError: every problem with its field path, on one line.
        problems = [
            f"{'.'.join(str(p) for p in e.get('loc', ())) or 'body'}: {e.get('msg')}"
            for e in getattr(err, "errors")()  # noqa: B009
        ]
        text = "invalid input: " + "; ".join(problems)
    elif isinstance(err, (OSError, ValueError, TypeError, LookupError)):
        text = str(err) or type(err).__name__
    else:
        text = f"unexpected {type(err).__name__}: {err} (run with --debug for the traceback)"
    return " ".join(text.split())
