"""Generate the sync client and its tests from the async sources.

    python scripts/unasync.py          # regenerate every _sync tree (package, tests, live tests)
    python scripts/unasync.py --check  # fail if the committed copies have drifted

Both modes generate into a temporary folder with the unasync library and the explicit
table below, rewrite the same names inside docstrings and comments (so the sync
client's examples read as sync code), format with ruff, then either replace the
committed trees or compare them whole-file. Either mode fails when a rule in the table
was never used: a stale rule hides a rename that went wrong.
"""

from __future__ import annotations

import argparse
import difflib
import filecmp
import io
import re
import shutil
import subprocess
import sys
import tempfile
import tokenize
from collections import Counter
from pathlib import Path

# This file is named like the library it drives: drop its own folder from the path so
# that `import unasync` finds the library, not this script.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

try:
    import unasync
except ImportError:  # one line that says how, not a traceback
    sys.exit(
        "scripts/unasync.py needs unasync and ruff: pip install unasync ruff "
        "(or run nox -s unasync / nox -s unasync_check, which install them)"
    )

ROOT = Path(__file__).resolve().parent.parent

# (async tree, sync tree), relative to the repository root.
TREES = [
    (Path("src/honeycomb/_async"), Path("src/honeycomb/_sync")),
    (Path("tests/_async"), Path("tests/_sync")),
    (Path("tests/live/_async"), Path("tests/live/_sync")),
]

# Every async name and its sync twin. Keep it short: resource classes share one name in
# both trees, and the seams live in honeycomb/_io.py.
RULES = {
    "_async": "_sync",
    "AsyncCall": "Call",
    "AsyncClient": "Client",
    "AsyncExitGuard": "ExitGuard",
    "AsyncGauge": "Gauge",
    "AsyncIterator": "Iterator",
    "AsyncLock": "Lock",
    "AsyncPaginator": "Paginator",
    "AsyncPool": "Pool",
    "AsyncQueue": "Queue",
    "AsyncRawPrefix": "RawPrefix",
    "AsyncRetrying": "Retrying",
    "AsyncThunk": "Thunk",
    "AsyncWorker": "Worker",
    "__aenter__": "__enter__",
    "__aexit__": "__exit__",
    "__aiter__": "__iter__",
    "aclose": "close",
    "aread": "read",
    "async_call_back": "call_back",
    "async_client": "client",
    "async_fan_out": "fan_out",
    "async_sleep": "sleep",
    "async_within": "within",
}

HEADER = (
    "# GENERATED from {source} by scripts/unasync.py.\n"
    "# Do not edit: change the async source and run `python scripts/unasync.py`.\n"
)

# In prose a name after a dot is someone else's attribute and stays, except httpx's own
# twins: "an ``httpx.AsyncClient``" must read "an ``httpx.Client``" in the sync client.
_NAME_IN_TEXT = re.compile(
    r"(?:(?<=httpx\.)|(?<![\w.]))("
    + "|".join(re.escape(k) for k in sorted(RULES, key=len, reverse=True))
    + r")(?!\w)"
)
_ASYNC_KEYWORD_IN_TEXT = re.compile(r"\b(?:await\s+|async\s+(?=(?:with|for|def)\b))")


def _rewrite_text(text: str) -> str:
    text = _ASYNC_KEYWORD_IN_TEXT.sub("", text)
    return _NAME_IN_TEXT.sub(lambda m: RULES[m.group(1)], text)


def _rewrite_docs(source: str) -> str:
    """Apply the table inside docstrings, strings and comments, which unasync leaves alone."""
    lines = source.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    spans = []
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type in (tokenize.STRING, tokenize.COMMENT):
            start = offsets[tok.start[0] - 1] + tok.start[1]
            end = offsets[tok.end[0] - 1] + tok.end[1]
            spans.append((start, end))
    for start, end in reversed(spans):
        source = source[:start] + _rewrite_text(source[start:end]) + source[end:]
    return source


def _count_uses(paths: list[Path]) -> Counter[str]:
    """Count the rules unasync itself applies: NAME tokens and whole-string matches."""
    uses: Counter[str] = Counter()
    for path in paths:
        with path.open("rb") as handle:
            for tok in tokenize.tokenize(handle.readline):
                if tok.type == tokenize.NAME and tok.string in RULES:
                    uses[tok.string] += 1
                elif tok.type == tokenize.STRING and tok.string[1:-1] in RULES:
                    uses[tok.string[1:-1]] += 1
    return uses


def _ruff(*args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "ruff", *args, "--config", str(ROOT / "pyproject.toml")],
        check=True,
        capture_output=True,
        text=True,
    )


def generate(out: Path) -> Counter[str]:
    """Generate every sync tree under ``out``; return how often each rule was used."""
    uses: Counter[str] = Counter()
    for src_rel, dst_rel in TREES:
        src = ROOT / src_rel
        dst = out / dst_rel
        files = sorted(src.rglob("*.py"))
        rule = unasync.Rule(
            fromdir=str(src) + "/", todir=str(dst) + "/", additional_replacements=RULES
        )
        unasync.unasync_files([str(f) for f in files], [rule])
        uses += _count_uses(files)
        for file in files:
            target = dst / file.relative_to(src)
            body = _rewrite_docs(target.read_text())
            header = HEADER.format(source=(src_rel / file.relative_to(src)).as_posix())
            target.write_text(header + body)
    generated = [str(out / dst_rel) for _, dst_rel in TREES if (out / dst_rel).exists()]
    _ruff("check", "--fix-only", "--select", "I", "--quiet", *generated)
    _ruff("format", "--quiet", *generated)
    return uses


def _files(tree: Path) -> set[Path]:
    return {p.relative_to(tree) for p in tree.rglob("*.py")} if tree.exists() else set()


def check_unused(uses: Counter[str]) -> list[str]:
    """Rules that matched nothing."""
    return sorted(name for name in RULES if uses[name] == 0)


def check_sync_names(out: Path) -> list[str]:
    """Generated names beginning with ``Sync``: a rule is missing from the table."""
    found = []
    for _, dst_rel in TREES:
        for path in sorted((out / dst_rel).rglob("*.py")):
            for match in re.finditer(r"\bSync[A-Z]\w*", path.read_text()):
                found.append(f"{dst_rel / path.relative_to(out / dst_rel)}: {match.group(0)}")
    return found


def compare(out: Path) -> list[str]:
    """Every difference between the generated and the committed trees, whole-file."""
    problems = []
    for _, dst_rel in TREES:
        fresh, committed = out / dst_rel, ROOT / dst_rel
        fresh_files, committed_files = _files(fresh), _files(committed)
        for rel in sorted(fresh_files - committed_files):
            problems.append(f"missing from {dst_rel}: {rel}")
        for rel in sorted(committed_files - fresh_files):
            problems.append(f"stale in {dst_rel} (no async source): {rel}")
        for rel in sorted(fresh_files & committed_files):
            if not filecmp.cmp(fresh / rel, committed / rel, shallow=False):
                diff = difflib.unified_diff(
                    (committed / rel).read_text().splitlines(),
                    (fresh / rel).read_text().splitlines(),
                    f"committed/{dst_rel / rel}",
                    f"generated/{dst_rel / rel}",
                    lineterm="",
                    n=1,
                )
                problems.append("\n".join(list(diff)[:40]))
    return problems


def install(out: Path) -> None:
    """Replace the committed sync trees with the generated ones."""
    for _, dst_rel in TREES:
        target = ROOT / dst_rel
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(out / dst_rel, target)


def main(argv: list[str] | None = None) -> int:
    """Run the generator.

    Args:
        argv: Command-line arguments (``--check``).

    Returns:
        The exit status: 0 when everything is in order.
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail on drift; change nothing")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="unasync-") as tmp:
        out = Path(tmp)
        uses = generate(out)
        errors = [f"rule never used: {name!r} -> {RULES[name]!r}" for name in check_unused(uses)]
        errors += [f"Sync* name generated (add a rule): {n}" for n in check_sync_names(out)]
        if args.check:
            errors += compare(out)
        elif not errors:
            install(out)
    for error in errors:
        print(error, file=sys.stderr)
    if errors:
        print(f"unasync: {len(errors)} problem(s)", file=sys.stderr)
        return 1
    print("unasync: the sync trees match" if args.check else "unasync: regenerated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
