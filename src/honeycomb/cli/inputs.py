"""Reading what users give the CLI: JSON or YAML documents, ``key=value`` fields, names.

Pure apart from reading the named file (or the given stdin stream).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from honeycomb.cli.context import CliError

__all__ = ["file_stem", "parse_document", "parse_fields", "read_document", "unique_stems"]


def parse_document(text: str, source: str = "input") -> Any:
    """Parse JSON, or else YAML (a superset of JSON, so any valid input is accepted).

    Examples:
        >>> parse_document('{"name": "a"}'), parse_document("name: a")
        ({'name': 'a'}, {'name': 'a'})

    Args:
        text: The document.
        source: Its name, for error messages.

    Returns:
        The parsed data.

    Raises:
        CliError: When it is neither valid JSON nor valid YAML, or empty.
    """
    if not text.strip():
        raise CliError(f"{source} is empty")
    try:
        return json.loads(text)
    except ValueError:
        pass
    import yaml

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as err:
        where = getattr(err, "problem_mark", None)
        position = f" at line {where.line + 1}, column {where.column + 1}" if where else ""
        problem = getattr(err, "problem", None) or str(err)
        raise CliError(f"{source} is neither JSON nor YAML{position}: {problem}") from None


def read_document(path: str, stdin: IO[str] | None = None) -> Any:
    """Read a JSON or YAML document from a file, or from stdin when ``path`` is ``-``.

    Args:
        path: A file path, or ``-``.
        stdin: The stream to read for ``-`` (default ``sys.stdin``).

    Returns:
        The parsed data.

    Raises:
        CliError: When the file cannot be read or parsed.
    """
    if path == "-":
        stream = stdin or sys.stdin
        return parse_document(stream.read(), "stdin")
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as err:
        raise CliError(f"cannot read {path}: {err.strerror or err}") from None
    return parse_document(text, path)


def _typed(value: str) -> Any:
    try:
        return json.loads(value)
    except ValueError:
        return value


def parse_fields(fields: Iterable[str]) -> dict[str, Any]:
    """Turn ``key=value`` pairs into a dict; values that are JSON are typed.

    ``count=3`` gives ``3``, ``on=true`` gives ``True``, ``tags=["a"]`` a list, and
    ``name=web`` the string ``"web"``. A dotted key nests: ``settings.x=1``.

    Examples:
        >>> parse_fields(["name=web", "count=3", "settings.delete_protected=true"])
        {'name': 'web', 'count': 3, 'settings': {'delete_protected': True}}

    Args:
        fields: The ``--field`` values.

    Returns:
        The body.

    Raises:
        CliError: For a field without ``=`` or a key that is both a value and an object.
    """
    body: dict[str, Any] = {}
    for field in fields:
        key, sep, raw = field.partition("=")
        if not sep or not key:
            raise CliError(f"--field {field!r} is not key=value")
        *parents, leaf = key.split(".")
        target = body
        for part in parents:
            child = target.setdefault(part, {})
            if not isinstance(child, dict):
                raise CliError(f"--field {field!r}: {part!r} already has a value")
            target = child
        target[leaf] = _typed(raw)
    return body


def file_stem(name: str) -> str:
    """A safe file name stem for an object's name.

    Examples:
        >>> file_stem("High [red]errors[/red] / 5xx")
        'high-red-errors-red-5xx'

    Args:
        name: Any object name.

    Returns:
        Lowercase letters, digits, dots, dashes and underscores; ``unnamed`` when empty.
    """
    stem = re.sub(r"[^a-z0-9._-]+", "-", name.lower()).strip("-.")
    return stem[:100] or "unnamed"


def unique_stems(names: Iterable[str]) -> list[str]:
    """File stems for objects, in order, never two alike (``web``, ``web-2``, ``web-3``).

    Examples:
        >>> unique_stems(["Web", "web", "WEB", "web-2"])
        ['web', 'web-2', 'web-3', 'web-2-2']

    Args:
        names: The objects' names.

    Returns:
        One distinct stem per name.
    """
    taken: set[str] = set()
    stems: list[str] = []
    for name in names:
        base = file_stem(name)
        stem, n = base, 1
        while stem in taken:
            n += 1
            stem = f"{base}-{n}"
        taken.add(stem)
        stems.append(stem)
    return stems
