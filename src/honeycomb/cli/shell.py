"""``honeycomb shell``: an interactive session on the same command tree as the CLI.

Each line is split like a shell would and run by the CLI's own root group (the one the
``honeycomb`` console script runs), without the leading ``honeycomb``. The session keeps:

- a profile and a dataset (``use profile NAME``, ``use dataset NAME``; shown in the
  prompt as ``staging:api> ``): the dataset is passed as ``--dataset`` to every command
  that takes one and was not given one, the profile as ``--profile``;
- one ``Client`` per set of credentials, so its connection pool lives for the session;
- the completion values it fetched (:mod:`honeycomb.cli.shell_completion`);
- a history file in the config folder (0600) into which keys are never written.

An error prints its ``Error:`` line and the prompt comes back; Ctrl-C cancels the running
command (or clears the line being typed); Ctrl-D or ``exit`` leaves.
"""

from __future__ import annotations

import os
import re
import shlex
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from prompt_toolkit import PromptSession
from prompt_toolkit.history import FileHistory, History, InMemoryHistory
from prompt_toolkit.shortcuts import CompleteStyle
from typer.core import TyperGroup

from honeycomb.cli.context import CliError, CliState
from honeycomb.cli.output import Format
from honeycomb.cli.shell_completion import BUILTINS, EnvironmentValues, ShellCompleter

if TYPE_CHECKING:
    from prompt_toolkit.input import Input
    from prompt_toolkit.output import Output

    from honeycomb import Client
    from honeycomb.cli._group import LazyGroup

__all__ = ["HISTORY_FILE", "RedactingHistory", "ShellSession", "redact"]

HISTORY_FILE = "shell_history"
_NO_CONTEXT: Any = None  # typer's groups look commands up without a context

# A key given as an option value, or anything shaped like a Honeycomb key or secret.
_KEY_OPTIONS = re.compile(
    r"(?P<opt>--api-key|--management-key|--with-token|X-Honeycomb-Team:?)(?P<sep>=|\s+)"
    r"(?P<value>'[^']*'|\"[^\"]*\"|\S+)",
    re.IGNORECASE,
)
_KEY_SHAPES = re.compile(r"\bhc[a-z]{2,4}_[A-Za-z0-9]{8,}(?::[A-Za-z0-9]+)?|\b[0-9a-f]{32}\b")


def redact(line: str) -> str:
    """The line with every key replaced by ``***``, as it may be written to history.

    Examples:
        >>> redact("config add-profile s --api-key hcxlk_0123456789abcdef01234567")
        'config add-profile s --api-key ***'

    Args:
        line: A line typed at the prompt.

    Returns:
        The line without keys.
    """
    line = _KEY_OPTIONS.sub(lambda m: f"{m['opt']}{m['sep']}***", line)
    return _KEY_SHAPES.sub("***", line)


class RedactingHistory(FileHistory):
    """prompt_toolkit's file history, minus keys, in a file only the user can read."""

    def __init__(self, path: Path) -> None:
        """Open (or create, 0600 in a 0700 folder) the history file.

        Args:
            path: The history file.
        """
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))
        os.chmod(path, 0o600)
        super().__init__(str(path))

    def append_string(self, string: str) -> None:
        """Remember a line, keys removed (in memory and on disk)."""
        super().append_string(redact(string))


class _SessionState(CliState):
    """The state of one command run by the shell: the session's clients, tables by default."""

    def __init__(self, session: ShellSession) -> None:
        super().__init__(session.environ)
        self._session = session
        self.options.profile = session.profile

    @property
    def format(self) -> Format:
        return self.options.output if self.options.output is not None else "table"

    @property
    def client(self) -> Client:
        opts = self.options
        key = (opts.profile, opts.api_key, opts.management_key, opts.api_url, opts.debug)
        client = self._session.clients.get(key)
        if client is None:
            from honeycomb.cli._client import build_client

            client = build_client(self.credentials(), debug=opts.debug)
            self._session.clients[key] = client
        return client

    def close(self) -> None:
        """Keep the client: the session closes its clients when it ends."""


class ShellSession:
    """One interactive session.

    Args:
        group: The CLI's root group (``honeycomb.cli.app.command()``).
        profile: The profile to start with (None: the CLI's usual precedence).
        dataset: The dataset to start with.
        environ: The environment (default ``os.environ``).
        history: Where lines are remembered (default: ``shell_history`` in the config
            folder; ``InMemoryHistory()`` for none on disk).
    """

    def __init__(
        self,
        group: LazyGroup,
        *,
        profile: str | None = None,
        dataset: str | None = None,
        environ: dict[str, str] | None = None,
        history: History | None = None,
    ) -> None:
        self.group = group
        self.profile = profile
        self.dataset = dataset
        self.environ = dict(os.environ) if environ is None else environ
        self.clients: dict[tuple[Any, ...], Client] = {}
        self.values = EnvironmentValues(self._client, self._profile_names)
        self.completer = ShellCompleter(group, self.values, lambda: self.dataset)
        self._history = history
        self.last_status = 0

    # -- state -------------------------------------------------------------------------

    def _state(self) -> _SessionState:
        return _SessionState(self)

    def _client(self) -> Client:
        return self._state().client

    def _profile_names(self) -> Iterable[str]:
        return list(self._state().config.profiles)

    @property
    def prompt(self) -> str:
        """``profile:dataset> `` (``honeycomb`` stands for no profile, ``-`` for no dataset)."""
        head = self.profile or "honeycomb"
        return f"{head}:{self.dataset}> " if self.dataset else f"{head}> "

    def history(self) -> History:
        """The history: the configured one, else the file in the config folder."""
        if self._history is None:
            from honeycomb.cli.profiles import config_dir

            try:
                self._history = RedactingHistory(config_dir(self.environ) / HISTORY_FILE)
            except OSError as err:
                sys.stderr.write(f"Warning: no history file ({err}); keeping it in memory\n")
                self._history = InMemoryHistory()
        return self._history

    def close(self) -> None:
        """Close every client the session opened."""
        for client in self.clients.values():
            client.close()
        self.clients.clear()

    # -- running lines -----------------------------------------------------------------

    def run_line(self, line: str) -> bool:
        """Run one line; False when the session should end.

        Args:
            line: What was typed.

        Returns:
            Whether to keep going.
        """
        try:
            words = shlex.split(line)
        except ValueError as err:
            self._error(f"cannot read the line: {err}")
            return True
        if not words:
            return True
        if words[0] in ("exit", "quit"):
            return False
        if words[0] == "use":
            self._use(words[1:])
            return True
        if words[0] == "refresh":
            self.values.clear()
            return True
        if words[0] == "help":
            words = [*words[1:], "--help"]
        self.last_status = self._run(self._with_defaults(words))
        return True

    def _error(self, text: str) -> None:
        sys.stderr.write(f"Error: {text}\n")
        self.last_status = 1

    def _use(self, args: list[str]) -> None:
        if len(args) != 2 or args[0] not in ("dataset", "profile"):
            self._error(f"usage: {BUILTINS['use']}")
            return
        kind, name = args
        if kind == "dataset":
            self.dataset = name
            return
        try:
            self._state().config.get(name)
        except CliError as err:
            self._error(str(err))
            return
        self.profile = name
        self.values.clear()  # another profile, another environment

    def _with_defaults(self, words: list[str]) -> list[str]:
        """``words`` with ``--dataset`` added where the command takes one and has none."""
        if self.dataset is None:
            return words
        command: Any = self.group.load(words[0])
        depth = 1
        while isinstance(command, TyperGroup) and depth < len(words):
            sub = command.get_command(_NO_CONTEXT, words[depth])
            if sub is None:
                break
            command, depth = sub, depth + 1
        if command is None or isinstance(command, TyperGroup):
            return words
        takes = any(p.name == "dataset" for p in command.params)
        given = any(w in ("-d", "--dataset") or w.startswith("--dataset=") for w in words)
        if not takes or given:
            return words
        return [*words[:depth], "--dataset", self.dataset, *words[depth:]]

    def _run(self, args: list[str]) -> int:
        try:
            status = self.group.main(
                args=args, prog_name="honeycomb", standalone_mode=False, obj=self._state()
            )
        except SystemExit as exit_:  # a command that exits on its own
            code = exit_.code
            return code if isinstance(code, int) else 1
        return int(status)

    # -- the prompt loop ---------------------------------------------------------------

    def loop(self, *, input: Input | None = None, output: Output | None = None) -> int:
        """Prompt and run lines until Ctrl-D or ``exit``.

        Args:
            input: prompt_toolkit input (tests pass a pipe input).
            output: prompt_toolkit output (tests pass a ``DummyOutput``).

        Returns:
            The status of the last command run.
        """
        session: PromptSession[str] = PromptSession(
            history=self.history(),
            completer=self.completer,
            complete_while_typing=False,
            # Tab lists the candidates under the prompt, as bash does.
            complete_style=CompleteStyle.READLINE_LIKE,
            input=input,
            output=output,
        )
        try:
            while True:
                try:
                    line = session.prompt(self.prompt)
                except KeyboardInterrupt:
                    continue  # Ctrl-C at the prompt clears the line
                except EOFError:
                    break
                if not self.run_line(line):
                    break
        finally:
            self.close()
        return self.last_status
