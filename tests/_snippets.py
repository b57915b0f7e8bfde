"""Running the Python code blocks of a Markdown page, as written, against a FakeHoneycomb.

``python_blocks(page)`` finds every fenced ``python`` block; ``run_against(fake, block)``
runs one in a fresh interpreter whose environment points ``Client()`` and
``AsyncClient()`` at the fake served on 127.0.0.1 (``HONEYCOMB_API_KEY``,
``HONEYCOMB_KEY_ID``/``HONEYCOMB_KEY_SECRET``, ``HONEYCOMB_API_ENDPOINT``). ``client``
is already defined as ``Client()``, as it is for a reader who ran the page's first
example; a block that makes its own simply replaces it. A fresh interpreter per block
keeps process-wide set-ups (a tracer provider, logging) from leaking between blocks or
into the tests.

A block that should not run is preceded by ``<!-- no-run: the reason -->``.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from honeycomb.testing import FakeHoneycomb

ROOT = Path(__file__).resolve().parents[1]

_FENCE = re.compile(
    r"(?P<skip><!--\s*no-run:[^>]*-->\s*\n)?^```python[ \t]*\n(?P<code>.*?)^```[ \t]*$",
    re.MULTILINE | re.DOTALL,
)

# Runs in the child: compile under the page's name and line so tracebacks point there.
_RUNNER = """\
import sys
name, line = sys.argv[1], int(sys.argv[2])
code = sys.stdin.read()
from honeycomb import Client
namespace = {"__name__": "__main__", "client": Client()}
exec(compile("\\n" * (line - 1) + code, name, "exec"), namespace)
"""


@dataclass(frozen=True)
class Block:
    """One fenced Python block of a page."""

    page: Path
    line: int
    """The line of the block's first line of code."""
    code: str
    skip: str | None
    """Why it is not run (from a ``no-run`` comment), or None."""

    @property
    def name(self) -> str:
        """``README.md:42``, for test ids and tracebacks."""
        return f"{self.page.relative_to(ROOT).as_posix()}:{self.line}"


def python_blocks(page: Path) -> list[Block]:
    """Every fenced ``python`` block of a Markdown page, in order.

    Args:
        page: The Markdown file.

    Returns:
        The blocks.
    """
    text = page.read_text()
    blocks = []
    for match in _FENCE.finditer(text):
        line = text.count("\n", 0, match.start("code")) + 1
        skip = match.group("skip")
        reason = skip.split(":", 1)[1].rstrip(" ->\n") if skip else None
        blocks.append(Block(page, line, match.group("code"), reason and reason.strip()))
    return blocks


def run_against(fake: FakeHoneycomb, url: str, block: Block, timeout: float = 120) -> str:
    """Run ``block`` in a fresh interpreter against ``fake`` served at ``url``.

    Args:
        fake: The fake (for its keys).
        url: Where it is served (``fake.serve()``).
        block: The block.
        timeout: Seconds before the run is stopped.

    Returns:
        What the block printed.

    Raises:
        AssertionError: The block failed; the message holds its output and traceback.
    """
    key_id, secret = fake.management_key.split(":", 1)
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("HONEYCOMB_") or key == "HONEYCOMB_OPENAPI_SPEC"
    }
    env.update(
        HONEYCOMB_API_KEY=fake.api_key,
        HONEYCOMB_KEY_ID=key_id,
        HONEYCOMB_KEY_SECRET=secret,
        HONEYCOMB_API_ENDPOINT=url,
    )
    done = subprocess.run(
        [sys.executable, "-c", _RUNNER, block.name, str(block.line)],
        input=block.code,
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, f"{block.name} failed:\n{done.stdout}{done.stderr}"
    return done.stdout
