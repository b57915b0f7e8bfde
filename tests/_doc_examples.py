"""Find the runnable examples in the README, the docs pages and the public docstrings.

A page's examples run in order in one namespace, as a reader would type them. What a reader
need not see (creating the dataset a page uses, say) goes in a hidden block, an HTML comment
that opens with ``<!-- python`` and is not rendered:

    <!-- python
    client.datasets.create({"name": "api"})
    -->

A hidden block may use ``honeycomb_fake``, the page's `FakeHoneycomb`, to seed what the
API cannot create (signals, pipelines).

Every fenced block whose info string starts with ``python`` or ``py`` is an example: there is
no way to skip one, so a block that cannot run is a block that must be fixed. ``bash``
blocks are collected for their ``honeycomb ...`` command lines, which run against a served
fake once the CLI exists.
"""

from __future__ import annotations

import ast
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Block", "Page", "collect_docstrings", "collect_pages", "parse_page"]

ROOT = Path(__file__).resolve().parent.parent

_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>[^`\n]*)$")
_HIDDEN = re.compile(r"<!--\s*python\s*\n(?P<code>.*?)-->", re.DOTALL)


@dataclass(frozen=True)
class Block:
    """One example: where it is, its language, and its code."""

    source: str
    line: int
    lang: str
    code: str
    hidden: bool = False

    @property
    def where(self) -> str:
        return f"{self.source}:{self.line}"


@dataclass
class Page:
    """The examples of one Markdown file, in reading order."""

    path: Path
    blocks: list[Block] = field(default_factory=list)

    @property
    def python(self) -> list[Block]:
        return [b for b in self.blocks if b.lang == "python"]

    @property
    def shell(self) -> list[Block]:
        return [b for b in self.blocks if b.lang == "shell"]


def _lang(info: str) -> str | None:
    word = info.strip().split(" ")[0].lstrip("{.").rstrip("}").lower() if info.strip() else ""
    if word in {"python", "py", "python3", "pycon"}:
        return "python"
    if word in {"bash", "sh", "shell", "console"}:
        return "shell"
    return None


def parse_page(text: str, source: str) -> list[Block]:
    """The fenced and hidden blocks of one Markdown text, in order.

    Args:
        text: The Markdown source.
        source: A name for messages (the file's path relative to the repository).

    Returns:
        The blocks, hidden set-up blocks included, ordered by position.
    """
    found: list[tuple[int, Block]] = []
    for match in _HIDDEN.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        code = textwrap.dedent(match.group("code"))
        found.append((match.start(), Block(source, line, "python", code, hidden=True)))

    lines = text.splitlines(keepends=True)
    offsets = [0]
    for chunk in lines:
        offsets.append(offsets[-1] + len(chunk))
    i = 0
    while i < len(lines):
        opening = _FENCE.match(lines[i].rstrip("\n"))
        if opening is None:
            i += 1
            continue
        fence, indent = opening.group("fence"), opening.group("indent")
        body: list[str] = []
        j = i + 1
        while j < len(lines) and not lines[j].strip().startswith(fence):
            body.append(lines[j][len(indent) :] if lines[j].startswith(indent) else lines[j])
            j += 1
        lang = _lang(opening.group("info"))
        if lang is not None:
            found.append((offsets[i], Block(source, i + 1, lang, "".join(body))))
        i = j + 1
    return [block for _, block in sorted(found, key=lambda item: item[0])]


def collect_pages(root: Path = ROOT, *, readme: bool = True) -> list[Page]:
    """Every Markdown page with examples: the README, then ``docs/`` in path order.

    Args:
        root: The repository's root folder.
        readme: Include ``README.md``.

    Returns:
        One `Page` per file that has at least one block.
    """
    paths = [root / "README.md"] if readme else []
    paths += sorted((root / "docs").rglob("*.md"))
    pages = []
    for path in paths:
        blocks = parse_page(path.read_text(encoding="utf-8"), str(path.relative_to(root)))
        if blocks:
            pages.append(Page(path, blocks))
    return pages


def _docstring_blocks(source: str, docstring: str, line: int) -> list[Block]:
    """The examples of one docstring: its fenced python blocks, and its ``>>>`` session
    (one block from the first prompt on, whose printed output is checked too)."""
    text = textwrap.dedent(docstring)
    blocks = [
        Block(source, line + block.line - 1, block.lang, block.code)
        for block in parse_page(text, source)
        if block.lang == "python"
    ]
    lines = text.splitlines(keepends=True)
    first = next((i for i, row in enumerate(lines) if row.lstrip().startswith(">>>")), None)
    if first is not None and "```" not in text:
        blocks.append(
            Block(source, line + first, "python", textwrap.dedent("".join(lines[first:])))
        )
    return blocks


def collect_docstrings(package: Path = ROOT / "src" / "honeycomb") -> list[Block]:
    """The fenced python examples in the public docstrings of the hand-written package.

    The ``_async`` tree is left out: the API reference shows the generated ``_sync`` tree,
    whose docstrings are the ``_async`` ones rewritten for the blocking client, so each
    example is collected once, as a reader of the reference sees it.

    Args:
        package: The package's folder.

    Returns:
        Every fenced python block of every docstring, with its file and line.
    """
    blocks: list[Block] = []
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(package.parent)
        if "_async" in rel.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(
                node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef
            ):
                continue
            doc = ast.get_docstring(node, clean=False)
            if not doc or ("```" not in doc and ">>>" not in doc):
                continue
            line = 1 if isinstance(node, ast.Module) else node.body[0].lineno
            blocks.extend(_docstring_blocks(str(rel), doc, line))
    return blocks
