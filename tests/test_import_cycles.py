"""No import cycles between honeycomb modules, found statically from the source.

Every import that runs counts: at module level and inside functions (a lazy import only
hides a cycle until the day it runs first). Imports under ``if TYPE_CHECKING:`` never run
and are left out: annotations may name each other freely.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterable
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = SRC / "honeycomb"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def is_type_checking(node: ast.AST) -> bool:
    if not isinstance(node, ast.If):
        return False
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def runtime_nodes(tree: ast.AST) -> list[ast.AST]:
    """Every node of ``tree`` except the bodies of ``if TYPE_CHECKING:`` blocks."""
    found: list[ast.AST] = []
    stack = [tree]
    while stack:
        node = stack.pop()
        found.append(node)
        if is_type_checking(node):
            assert isinstance(node, ast.If)
            stack.extend(node.orelse)
            continue
        stack.extend(ast.iter_child_nodes(node))
    return found


def imported_modules(path: Path, modules: set[str]) -> set[str]:
    """The honeycomb modules that ``path`` imports (``import a.b`` counts as ``a.b``,
    not as ``a`` too: a parent package's ``__init__`` running first is not a cycle)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            # `from pkg import sub` depends on the submodule; `from pkg import name` on
            # the package itself.
            targets = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                for alias in node.names
            ]
        else:
            continue
        for target in targets:
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


@functools.cache
def parsed_graph() -> dict[str, frozenset[str]]:
    paths = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    modules = set(paths)
    return {name: frozenset(imported_modules(path, modules)) for name, path in paths.items()}


def import_graph() -> dict[str, set[str]]:
    """Module -> the honeycomb modules it imports at run time (parsed once per session)."""
    return {name: set(targets) for name, targets in parsed_graph().items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """A cycle as a list of modules (first == last), or None. Iterative DFS."""
    state: dict[str, int] = {}  # 1 = on the stack, 2 = done
    for root in sorted(graph):
        if state.get(root):
            continue
        stack: list[tuple[str, list[str]]] = [(root, sorted(graph[root]))]
        path = [root]
        state[root] = 1
        while stack:
            node, pending = stack[-1]
            if not pending:
                stack.pop()
                path.pop()
                state[node] = 2
                continue
            nxt = pending.pop()
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if not state.get(nxt):
                state[nxt] = 1
                path.append(nxt)
                stack.append((nxt, sorted(graph.get(nxt, ()))))
    return None


# Cycles that exist on purpose or are someone else's to untangle, each with its reason.
# The test fails on any other cycle, and on an entry here that no longer is one.
KNOWN_CYCLES: dict[frozenset[str], str] = {
    frozenset({"honeycomb.cli.context", "honeycomb.cli.profiles"}): (
        "the CLI's: profiles imports CliError from context, which imports profiles lazily"
    ),
    frozenset({"honeycomb.cli.context", "honeycomb.cli._client"}): (
        "the CLI's: _client imports CliError from context, which imports _client lazily"
    ),
    frozenset({"honeycomb.porting._snapshot", "honeycomb.porting._terraform"}): (
        "porting's: _terraform imports Snapshot, whose write() imports _terraform lazily"
    ),
}


def without_edges_inside(
    graph: dict[str, set[str]], groups: Iterable[frozenset[str]]
) -> dict[str, set[str]]:
    """The graph with the edges between members of each group removed."""
    pruned = {name: set(targets) for name, targets in graph.items()}
    for group in groups:
        for name in group:
            pruned.get(name, set()).difference_update(group)
    return pruned


def test_no_import_cycles_between_honeycomb_modules() -> None:
    graph = import_graph()
    assert "honeycomb.errors" in graph and "honeycomb._retry" in graph
    cycle = find_cycle(without_edges_inside(graph, KNOWN_CYCLES))
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


@pytest.mark.parametrize("group", [sorted(g) for g in KNOWN_CYCLES], ids="+".join)
def test_known_cycles_are_still_cycles(group: list[str]) -> None:
    graph = import_graph()
    inside = {name: graph.get(name, set()) & set(group) for name in group}
    assert find_cycle(inside) is not None, f"no longer a cycle, drop it: {sorted(group)}"


def test_type_checking_imports_are_left_out() -> None:
    tree = ast.parse(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import a\nelse:\n    import b\n"
        "def f():\n    import c\n"
    )
    names = {
        alias.name for n in runtime_nodes(tree) if isinstance(n, ast.Import) for alias in n.names
    }
    assert names == {"b", "c"}


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert find_cycle(graph) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


@pytest.mark.parametrize(
    ("importer", "imported"),
    [("honeycomb.errors", "honeycomb._retry"), ("honeycomb._retry", "honeycomb._ratelimit")],
)
def test_rate_limit_parsing_is_its_own_module(importer: str, imported: str) -> None:
    graph = import_graph()
    if importer == "honeycomb.errors":
        assert imported not in graph[importer]
        assert "honeycomb._ratelimit" in graph[importer]
    else:
        assert imported in graph[importer]
        assert "honeycomb.errors" not in graph["honeycomb._ratelimit"]
