"""Rendering command results: json, yaml, ndjson, csv, tables and ids. Pure: no I/O.

Machine formats are built with the standard serialisers and returned as plain text, so
what reaches stdout always parses: nothing here wraps lines or reads ``[red]`` as markup.
Only tables go through rich, and every cell is a ``rich.text.Text`` (never markup).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from typing import Any, Literal

__all__ = [
    "FORMATS",
    "Format",
    "cell_text",
    "flatten",
    "ids_of",
    "render",
    "render_csv",
    "render_json",
    "render_ndjson",
    "render_table",
    "render_yaml",
]

Format = Literal["table", "json", "yaml", "ndjson", "csv"]
FORMATS: tuple[Format, ...] = ("table", "json", "yaml", "ndjson", "csv")

_CELL_LIMIT = 200
"""A table cell longer than this is cut (tables are for reading; -o json has it all)."""


def _rows(data: Any) -> list[Any]:
    return list(data) if isinstance(data, list) else [data]


def render_json(data: Any) -> str:
    """Pretty JSON with a final newline; non-ASCII kept as is.

    Examples:
        >>> render_json({"name": "High [red]errors[/red]"})
        '{\\n  "name": "High [red]errors[/red]"\\n}\\n'

    Args:
        data: JSON-ready data (dicts, lists, strings, numbers, booleans, None).

    Returns:
        The text to write.
    """
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def render_ndjson(data: Any) -> str:
    """One compact JSON document per line: each item of a list, or the single object.

    Examples:
        >>> render_ndjson([{"id": "a"}, {"id": "b"}])
        '{"id": "a"}\\n{"id": "b"}\\n'

    Args:
        data: A list of JSON-ready items, or one item.

    Returns:
        The text to write (empty for an empty list).
    """
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in _rows(data))


def render_yaml(data: Any) -> str:
    """Block-style YAML in the data's own key order; long strings are never folded.

    Examples:
        >>> render_yaml({"name": "web", "tags": ["a"]})
        'name: web\\ntags:\\n- a\\n'

    Args:
        data: JSON-ready data.

    Returns:
        The text to write.
    """
    import yaml

    text: str = yaml.safe_dump(
        data, sort_keys=False, allow_unicode=True, default_flow_style=False, width=2**31 - 1
    )
    return text


def flatten(row: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """Flatten nested objects into dotted keys; lists stay whole (as JSON in a cell).

    Examples:
        >>> flatten({"id": "a", "settings": {"delete_protected": True}, "tags": [1]})
        {'id': 'a', 'settings.delete_protected': True, 'tags': [1]}

    Args:
        row: One JSON object.
        prefix: Key prefix used by the recursion.

    Returns:
        A flat dict.
    """
    flat: dict[str, Any] = {}
    for key, value in row.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping) and value:
            flat.update(flatten(value, name + "."))
        else:
            flat[name] = value
    return flat


def cell_text(value: Any) -> str:
    """How one value reads in a CSV or table cell.

    Examples:
        >>> [cell_text(v) for v in (None, True, 3, "x", ["a", 1], {})]
        ['', 'true', '3', 'x', '["a", 1]', '{}']

    Args:
        value: A JSON value.

    Returns:
        Its text: empty for null, JSON for booleans, lists and objects.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (bool, list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _columns(rows: Sequence[Mapping[str, Any]]) -> list[str]:
    seen: dict[str, None] = {}
    for row in rows:
        seen.update(dict.fromkeys(row))
    return list(seen)


def render_csv(data: Any, columns: Sequence[str] | None = None) -> str:
    """CSV with a header row; nested objects flattened to dotted columns.

    Examples:
        >>> render_csv([{"id": "a", "name": "x, y"}])
        'id,name\\r\\na,"x, y"\\r\\n'

    Args:
        data: A list of JSON objects, or one object. Scalars become a ``value`` column.
        columns: The columns to write, in order (default: every key seen, in order).

    Returns:
        The text to write (RFC 4180 line endings).
    """
    rows = [flatten(r) if isinstance(r, Mapping) else {"value": r} for r in _rows(data)]
    names = list(columns) if columns is not None else _columns(rows)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(names)
    for row in rows:
        writer.writerow([cell_text(row.get(name)) for name in names])
    return out.getvalue()


def ids_of(data: Any, id_key: str = "id") -> list[str]:
    """The ids of a result, for ``--quiet``.

    Examples:
        >>> ids_of([{"id": "a"}, {"id": "b"}, {"name": "no id"}])
        ['a', 'b']

    Args:
        data: A list of objects, or one object.
        id_key: The field holding the id (``slug`` for datasets, ``key_name`` for columns).

    Returns:
        The ids found, in order.
    """
    return [
        cell_text(row[id_key])
        for row in _rows(data)
        if isinstance(row, Mapping) and row.get(id_key) is not None
    ]


def render_table(
    data: Any,
    columns: Sequence[str] | None = None,
    *,
    width: int = 100,
    color: bool = False,
) -> str:
    """A table that fits ``width``: the chosen columns, cells cut with an ellipsis.

    A single object is shown as a two-column field/value table.

    Examples:
        >>> print(render_table([{"id": "a", "name": "web"}], ["id", "name"], width=30), end="")
        ┏━━━━┳━━━━━━┓
        ┃ ID ┃ NAME ┃
        ┡━━━━╇━━━━━━┩
        │ a  │ web  │
        └────┴──────┘

    Args:
        data: A list of JSON objects, or one object.
        columns: Dotted column names for a list (default: every key seen).
        width: The terminal width to fit.
        color: Style the header (terminal output only).

    Returns:
        The rendered table, or ``(none)`` for an empty list.
    """
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    if isinstance(data, list) and not data:
        return "(none)\n"
    header_style = "bold" if color else ""
    if isinstance(data, Mapping):
        table = Table(header_style=header_style, show_header=True)
        table.add_column("FIELD", no_wrap=True)
        table.add_column("VALUE", overflow="fold")
        for key, value in flatten(data).items():
            table.add_row(Text(key), Text(_cut(cell_text(value))))
    else:
        rows = [flatten(r) if isinstance(r, Mapping) else {"value": r} for r in _rows(data)]
        names = list(columns) if columns else _columns(rows)
        table = Table(header_style=header_style)
        cells = [[_cut(cell_text(row.get(n))) for n in names] for row in rows]
        natural = [
            min(max([len(name), *(len(c[i]) for c in cells)]), 60) for i, name in enumerate(names)
        ]
        for name, size in zip(names, fit_widths(natural, width - 3 * len(names) - 1), strict=True):
            table.add_column(name.upper(), overflow="ellipsis", no_wrap=True, width=size)
        for row_cells in cells:
            table.add_row(*(Text(c) for c in row_cells))
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        highlight=False,
        markup=False,
        emoji=False,
    )
    console.print(table)
    return buffer.getvalue()


def fit_widths(natural: Sequence[int], available: int) -> list[int]:
    """Column widths that fit ``available``: the first column (the id, what people copy)
    keeps its width up to 40; the others share the rest fairly, narrow ones whole.

    Examples:
        >>> fit_widths([10, 50, 50], 60)
        [10, 25, 25]

    Args:
        natural: Each column's widest cell (header included).
        available: Characters left for cells once borders and padding are counted.

    Returns:
        One width per column, each at least 1.
    """
    if sum(natural) <= available or not natural:
        return list(natural)
    first = min(natural[0], 40, max(available - len(natural) + 1, 1))
    widths = [first]
    rest = list(natural[1:])
    budget = max(available - first, len(rest))
    # Water-filling: columns narrower than the fair share keep their width.
    order = sorted(range(len(rest)), key=lambda i: rest[i])
    sized = [0] * len(rest)
    for position, index in enumerate(order):
        share = budget // (len(rest) - position)
        sized[index] = max(min(rest[index], share), 1)
        budget -= sized[index]
    return widths + sized


def _cut(text: str) -> str:
    text = text.replace("\r", " ").replace("\n", " ")
    return text if len(text) <= _CELL_LIMIT else text[: _CELL_LIMIT - 1] + "…"


def render(
    data: Any,
    fmt: Format,
    *,
    columns: Sequence[str] | None = None,
    quiet: bool = False,
    id_key: str = "id",
    width: int = 100,
    color: bool = False,
) -> str:
    """Render a command's result in the chosen format.

    Examples:
        >>> render([{"id": "a"}], "json", quiet=True)
        'a\\n'

    Args:
        data: JSON-ready data: a list of objects or one object.
        fmt: One of ``FORMATS``.
        columns: Table columns (tables only; csv writes every field).
        quiet: Print only the ids, one per line.
        id_key: The id field, for ``quiet``.
        width: Terminal width (tables only).
        color: Colour tables.

    Returns:
        The text to write to stdout.

    Raises:
        ValueError: For an unknown format.
    """
    if quiet:
        return "".join(f"{i}\n" for i in ids_of(data, id_key))
    if fmt == "json":
        return render_json(data)
    if fmt == "yaml":
        return render_yaml(data)
    if fmt == "ndjson":
        return render_ndjson(data)
    if fmt == "csv":
        return render_csv(data)
    if fmt == "table":
        return render_table(data, columns, width=width, color=color)
    raise ValueError(f"unknown output format {fmt!r}; choose one of {', '.join(FORMATS)}")
