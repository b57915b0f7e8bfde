"""What every command gets: the global options, the sync ``Client``, output and stderr.

A command calls ``current()`` and uses what it needs; nothing is built before it is used
(the client, the keyring, rich), so commands that need none of it stay fast::

    from honeycomb.cli.context import current

    @app.command("list")
    def list_things(dataset: str = DATASET) -> None:
        cli = current()
        cli.emit(cli.client.triggers.list(dataset), columns=("id", "name"))
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from honeycomb.cli.output import Format, render

if TYPE_CHECKING:
    from rich.console import Console

    from honeycomb import Client
    from honeycomb.cli.credentials import Credentials
    from honeycomb.cli.profiles import ConfigStore, SecretStore

__all__ = ["CliError", "CliState", "GlobalOptions", "current", "stdin_is_terminal", "to_data"]


class CliError(Exception):
    """A problem with the user's input or setup: one ``Error:`` line, exit status 1."""


@dataclass
class GlobalOptions:
    """The global options, wherever on the command line they were given."""

    profile: str | None = None
    api_key: str | None = field(default=None, repr=False)
    management_key: str | None = field(default=None, repr=False)
    api_url: str | None = None
    output: Format | None = None
    quiet: bool = False
    no_color: bool = False
    debug: bool = False


def to_data(value: Any) -> Any:
    """Turn SDK results (models, lists of models) into JSON-ready data.

    Only what the API sent is kept (``exclude_unset``), under the API's own field names.

    Args:
        value: A pydantic model, a list or dict of them, or plain data.

    Returns:
        Plain dicts, lists and scalars.
    """
    dump = getattr(value, "model_dump", None)
    if dump is not None:
        return dump(mode="json", by_alias=True, exclude_unset=True)
    if isinstance(value, (list, tuple)):
        return [to_data(v) for v in value]
    if isinstance(value, dict):
        return {k: to_data(v) for k, v in value.items()}
    return value


class CliState:
    """The root context object (``ctx.obj``) of one invocation."""

    def __init__(self, environ: dict[str, str] | None = None) -> None:
        self.options = GlobalOptions()
        self.environ = dict(os.environ) if environ is None else environ
        self._client: Client | None = None
        self._err: Console | None = None
        self._config: ConfigStore | None = None
        self._secrets: SecretStore | None = None
        self._undo_logging: Callable[[], None] | None = None

    # -- output ---------------------------------------------------------------------

    @property
    def color(self) -> bool:
        """Colour on stdout: a terminal, no ``--no-color``, no ``NO_COLOR``."""
        return not self.options.no_color and "NO_COLOR" not in self.environ and _isatty(sys.stdout)

    @property
    def format(self) -> Format:
        """``-o``, else ``table`` on a terminal and ``json`` in a pipe."""
        if self.options.output is not None:
            return self.options.output
        return "table" if _isatty(sys.stdout) else "json"

    @property
    def err(self) -> Console:
        """A rich console on stderr for messages, warnings and progress."""
        if self._err is None:
            from rich.console import Console

            no_color = self.options.no_color or "NO_COLOR" in self.environ
            self._err = Console(stderr=True, no_color=no_color, highlight=False)
        return self._err

    def message(self, text: str) -> None:
        """Print a message to stderr (suppressed by ``--quiet``); never markup."""
        if not self.options.quiet:
            self.err.print(text, markup=False, highlight=False, soft_wrap=True)

    def warn(self, text: str) -> None:
        """Print a warning to stderr, even with ``--quiet``."""
        from rich.text import Text

        self.err.print(Text("Warning: ", style="yellow") + Text(text), soft_wrap=True)

    def write(self, text: str) -> None:
        """Write raw text to stdout (no wrapping, no markup)."""
        sys.stdout.write(text)
        sys.stdout.flush()

    def emit(
        self,
        value: Any,
        *,
        columns: Sequence[str] | None = None,
        id_key: str = "id",
        fmt: Format | None = None,
    ) -> None:
        """Print a result in the chosen output format.

        Args:
            value: A model, a list of models, or JSON-ready data.
            columns: Table columns for lists (other formats print every field).
            id_key: The id field, for ``--quiet``.
            fmt: Force a format (default: the global ``--output`` choice).
        """
        import shutil

        width = shutil.get_terminal_size((100, 24)).columns
        self.write(
            render(
                to_data(value),
                fmt or self.format,
                columns=columns,
                quiet=self.options.quiet,
                id_key=id_key,
                width=width,
                color=self.color,
            )
        )

    # -- configuration and credentials -----------------------------------------------

    @property
    def config(self) -> ConfigStore:
        """The profiles (``config.yaml``)."""
        if self._config is None:
            from honeycomb.cli.profiles import ConfigStore, config_dir

            self._config = ConfigStore(config_dir(self.environ))
        return self._config

    @property
    def secrets(self) -> SecretStore:
        """The keys of the profiles (keyring, or the private file)."""
        if self._secrets is None:
            from honeycomb.cli.profiles import SecretStore

            self._secrets = SecretStore(self.config.folder, warn=self.warn)
        return self._secrets

    def credentials(self) -> Credentials:
        """The credentials this command uses (see ``honeycomb.cli.credentials``)."""
        from honeycomb.cli.credentials import ProfileKeys, resolve_credentials

        def load(name: str) -> ProfileKeys:
            profile = self.config.get(name)
            keys = self.secrets.load(name, profile.storage)
            return ProfileKeys(
                api_key=keys.get("api_key"),
                management_key=keys.get("management_key"),
                api_url=profile.api_url,
                region=profile.region,
            )

        opts = self.options
        return resolve_credentials(
            api_key=opts.api_key,
            management_key=opts.management_key,
            api_url=opts.api_url,
            profile=opts.profile,
            default_profile=self.config.default,
            load_profile=load,
            environ=self.environ,
        )

    @property
    def client(self) -> Client:
        """The sync ``Client`` for these credentials (built on first use, closed at exit)."""
        if self._client is None:
            from honeycomb.cli._client import build_client, log_requests

            if self.options.debug and self._undo_logging is None:
                self._undo_logging = log_requests()
            self._client = build_client(self.credentials())
        return self._client

    def close(self) -> None:
        """Release the client's connections and stop request logging."""
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._undo_logging is not None:
            self._undo_logging()
            self._undo_logging = None


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def stdin_is_terminal() -> bool:
    """Whether a person may be typing: prompts and confirmations only happen then."""
    return _isatty(sys.stdin)


def current() -> CliState:
    """The state of the running command.

    Returns:
        The root context's ``CliState``.

    Raises:
        RuntimeError: Outside a running ``honeycomb`` command.
    """
    from honeycomb.cli import _click as click

    obj = click.get_current_context().find_root().obj
    if not isinstance(obj, CliState):
        raise RuntimeError("honeycomb.cli.context.current() called outside the honeycomb CLI")
    return obj
