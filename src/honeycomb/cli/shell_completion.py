"""Completion for ``honeycomb shell``: names from the command tree, values from the environment.

Command, subcommand and option names come from the same click tree the CLI runs (so
they can never drift from it). Values come from the environment the session talks to:
dataset slugs after ``--dataset`` and ``use dataset``, column names after ``--where``,
``--breakdown``, ``--calc`` (inside ``OP(``) and ``--order``, trigger, SLO and board ids
(shown with their names, and matched by either) where a command takes one, profile names
after ``--profile`` and ``use profile``, and the choices of options such as ``-o``. They
are fetched on first use and cached for the session; a failed fetch completes nothing
rather than interrupting the typing.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from prompt_toolkit.completion import CompleteEvent, Completer, Completion
from prompt_toolkit.document import Document
from typer.core import TyperGroup

from honeycomb.cli import _click as click

if TYPE_CHECKING:
    from honeycomb import Client
    from honeycomb.cli._group import LazyGroup

__all__ = ["BUILTINS", "EnvironmentValues", "ShellCompleter", "Value", "split_line"]

BUILTINS = {
    "use": "use dataset NAME | use profile NAME",
    "refresh": "forget the cached datasets, columns, triggers... (fetched again on use)",
    "help": "list the commands",
    "exit": "leave the shell (Ctrl-D too)",
}

COLUMN_OPTIONS = frozenset({"where", "breakdown", "calc", "order", "having"})
"""Options whose values start with (or hold) a column name of the dataset."""

# Verbs whose first argument is the id of an object of their group.
_ID_VERBS = frozenset({"get", "update", "delete", "export"})


@dataclass(frozen=True)
class Value:
    """A completion value: what is inserted, and what is shown beside it."""

    text: str
    meta: str = ""


class EnvironmentValues:
    """Values fetched from the environment on first use and kept for the session.

    Args:
        client: Returns the session's client (called only when a value is first needed).
        profiles: Returns the stored profile names.
    """

    def __init__(self, client: Callable[[], Client], profiles: Callable[[], Iterable[str]]):
        self._client = client
        self._profiles = profiles
        self._cache: dict[tuple[str, str], list[Value]] = {}

    def clear(self) -> None:
        """Forget everything fetched (after ``use profile``, or ``refresh``)."""
        self._cache.clear()

    def _cached(self, kind: str, scope: str, fetch: Callable[[], Iterable[Value]]) -> list[Value]:
        key = (kind, scope)
        if key not in self._cache:
            try:
                self._cache[key] = list(fetch())
            except Exception:  # completing must never break the prompt; nothing to offer
                self._cache[key] = []
        return self._cache[key]

    def datasets(self) -> list[Value]:
        """Dataset slugs, with their names."""
        return self._cached(
            "datasets",
            "",
            lambda: (Value(d.slug, d.name or "") for d in self._client().datasets.list() if d.slug),
        )

    def columns(self, dataset: str) -> list[Value]:
        """Column names of a dataset, with their types."""
        return self._cached(
            "columns",
            dataset,
            lambda: (
                Value(c.key_name, str(c.type or ""))
                for c in self._client().columns.list(dataset)
                if c.key_name
            ),
        )

    def objects(self, group: str, dataset: str | None) -> list[Value]:
        """Ids of a group's objects (``triggers``, ``slos``, ``boards``), with their names."""

        def fetch() -> Iterator[Value]:
            client = self._client()
            if group == "boards":
                items: Iterable[Any] = client.boards.list()
            elif group == "datasets":
                return iter(self.datasets())
            elif dataset is None:
                return iter(())
            elif group == "triggers":
                items = client.triggers.list(dataset)
            elif group == "slos":
                items = client.slos.list(dataset)
            else:
                return iter(())
            return (Value(item.id, item.name or "") for item in items if item.id)

        return self._cached(group, dataset or "", fetch)

    def profiles(self) -> list[Value]:
        """Stored profile names."""
        return self._cached("profiles", "", lambda: (Value(n) for n in sorted(self._profiles())))


def split_line(text: str) -> tuple[list[str], str]:
    """Split the text before the cursor into complete words and the word being typed.

    Examples:
        >>> split_line("query run --where 'a b")
        (['query', 'run', '--where'], 'a b')
        >>> split_line("triggers list ")
        (['triggers', 'list'], '')

    Args:
        text: The line up to the cursor.

    Returns:
        ``(words, current)``; an open quote is taken as closed at the cursor.
    """
    for closing in ("", '"', "'"):
        try:
            words = shlex.split(text + closing)
            break
        except ValueError:
            continue
    else:
        return [], ""
    if not text or (text[-1].isspace() and not closing):
        return words, ""
    return words[:-1], words[-1] if words else ""


def _matches(values: Iterable[Value], typed: str, *, by_meta: bool = False) -> Iterator[Value]:
    """Values starting with ``typed`` (any case); ``by_meta`` also matches their names."""
    folded = typed.lower()
    for value in values:
        if value.text.lower().startswith(folded) or (
            by_meta and folded and value.meta.lower().startswith(folded)
        ):
            yield value


class ShellCompleter(Completer):
    """Completes a shell line against the CLI's command tree and the environment.

    Args:
        group: The root command group (the one the shell runs lines with).
        values: The environment's values.
        dataset: Returns the session's dataset (for columns when the line has no ``-d``).
    """

    def __init__(
        self, group: LazyGroup, values: EnvironmentValues, dataset: Callable[[], str | None]
    ) -> None:
        self.group = group
        self.values = values
        self.dataset = dataset

    def get_completions(
        self, document: Document, complete_event: CompleteEvent
    ) -> Iterable[Completion]:
        """prompt_toolkit's hook: the candidates at the cursor."""
        words, current = split_line(document.text_before_cursor)
        for value in self.candidates(words, current):
            yield Completion(
                value.text, start_position=-len(current), display_meta=value.meta or None
            )

    # -- the candidates ----------------------------------------------------------------

    def candidates(self, words: list[str], current: str) -> list[Value]:
        """What may follow ``words`` when the word being typed starts with ``current``.

        Args:
            words: The complete words before the cursor.
            current: The word being typed ("" right after a space).

        Returns:
            The matching values, in the order they are offered.
        """
        if not words:
            names = [Value(n, self._help(n)) for n in self.group.list_commands(_CONTEXT)]
            names += [Value(n, help_) for n, help_ in BUILTINS.items()]
            return list(_matches(names, current))
        if words[0] == "use":
            return list(_matches(self._use(words[1:]), current))
        path, command, rest = self._resolve(words)
        if command is None:
            return []
        if isinstance(command, TyperGroup) and not any(w for w in rest if not w.startswith("-")):
            subcommands = [
                Value(name, (command.get_command(_CONTEXT, name) or command).get_short_help_str())
                for name in command.list_commands(_CONTEXT)
            ]
            if not current.startswith("-"):
                return list(_matches(subcommands, current))
        pending = self._option_awaiting_value(command, rest)
        if pending is not None:
            return self._option_values(command, pending, words, current)
        if current.startswith("-"):
            return list(_matches(self._option_names(command), current))
        return list(_matches(self._arguments(path, command, rest, words), current, by_meta=True))

    def _help(self, name: str) -> str:
        entry = self.group.lazy.get(name)
        return entry.help if entry is not None else ""

    def _use(self, args: list[str]) -> list[Value]:
        if not args:
            return [Value("dataset", "set the dataset"), Value("profile", "set the profile")]
        if len(args) == 1 and args[0] == "dataset":
            return self.values.datasets()
        if len(args) == 1 and args[0] == "profile":
            return self.values.profiles()
        return []

    def _resolve(self, words: list[str]) -> tuple[list[str], click.Command | None, list[str]]:
        """The command path of ``words``, its command, and the words after the path."""
        command: click.Command | None = self.group.load(words[0])
        path = [words[0]]
        index = 1
        while isinstance(command, TyperGroup) and index < len(words):
            sub = command.get_command(_CONTEXT, words[index])
            if sub is None:
                break
            command, index = sub, index + 1
            path.append(words[index - 1])
        return path, command, words[index:]

    @staticmethod
    def _find_option(command: click.Command, word: str) -> click.Parameter | None:
        for param in command.params:
            if word in getattr(param, "opts", ()) or word in getattr(param, "secondary_opts", ()):
                return param
        return None

    def _option_awaiting_value(self, command: click.Command, rest: list[str]) -> Any:
        if not rest:
            return None
        param = self._find_option(command, rest[-1])
        if param is None or getattr(param, "is_flag", False) or getattr(param, "count", False):
            return None
        return param

    def _positionals(self, command: click.Command, rest: list[str]) -> list[str]:
        """The words of ``rest`` that are arguments (not options, not option values)."""
        found, skip = [], False
        for word in rest:
            if skip:
                skip = False
            elif word.startswith("-"):
                param = self._find_option(command, word)
                skip = param is not None and not (
                    getattr(param, "is_flag", False) or getattr(param, "count", False)
                )
            else:
                found.append(word)
        return found

    def _option_names(self, command: click.Command) -> list[Value]:
        names = []
        for param in command.params:
            if getattr(param, "hidden", False):
                continue
            for opt in [*getattr(param, "opts", ()), *getattr(param, "secondary_opts", ())]:
                if opt.startswith("-"):
                    names.append(Value(opt, (getattr(param, "help", None) or "").split(".")[0]))
        return sorted(names, key=lambda v: (v.text.startswith("--") is False, v.text))

    def _dataset_of(self, words: list[str]) -> str | None:
        for i, word in enumerate(words):
            if word in ("-d", "--dataset") and i + 1 < len(words):
                return words[i + 1]
            if word.startswith("--dataset="):
                return word.split("=", 1)[1]
        return self.dataset()

    def _option_values(
        self, command: click.Command, param: Any, words: list[str], current: str
    ) -> list[Value]:
        name = param.name or ""
        if name == "dataset":
            return list(_matches(self.values.datasets(), current))
        if name == "profile":
            return list(_matches(self.values.profiles(), current))
        if name in COLUMN_OPTIONS:
            dataset = self._dataset_of(words)
            columns = self.values.columns(dataset) if dataset else []
            if name == "calc":
                return self._calculations(columns, current)
            return list(_matches(columns, current))
        # Anything else completes as the CLI's own shell completion would (choices, enums).
        try:
            items = param.shell_complete(click.Context(command), current)
        except Exception:  # completing must never break the prompt
            return []
        return [Value(str(item.value), str(getattr(item, "help", None) or "")) for item in items]

    @staticmethod
    def _calculations(columns: list[Value], current: str) -> list[Value]:
        from honeycomb.models.queries import CalculationOp

        op, paren, column = current.partition("(")
        if paren:
            return [Value(f"{op}({c.text})", c.meta) for c in _matches(columns, column.rstrip(")"))]
        ops = [Value(o.value if o.value == "COUNT" else f"{o.value}(") for o in CalculationOp]
        return list(_matches(ops, current))

    def _arguments(
        self, path: list[str], command: click.Command, rest: list[str], words: list[str]
    ) -> list[Value]:
        if len(path) < 2 or path[-1] not in _ID_VERBS:
            return []
        if self._positionals(command, rest):
            return []  # the id is given already
        group = self.group.aliases.get(path[0], path[0])
        return self.values.objects(group, self._dataset_of(words))


_CONTEXT: Any = None  # the lazy group and typer's groups list their commands without one
