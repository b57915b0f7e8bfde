"""Every example in the README, the docs pages and the public docstrings runs.

Each page gets a fresh ``FakeHoneycomb`` served on 127.0.0.1 and the ``HONEYCOMB_*``
variables pointing at it, so ``Client()`` in an example works as written; its blocks run in
order in one namespace. A block that reaches for any host but loopback fails. There is no
skip marker: the summary line at the end of the run says how many blocks were found and how
many ran, and the two numbers are the same or a test failed.
"""

from __future__ import annotations

import ast
import asyncio
import doctest
import importlib
import inspect
import os
import re
import shlex
import socket
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from honeycomb.testing import FakeHoneycomb
from tests._doc_examples import ROOT, Block, Page, collect_docstrings, collect_pages

# The README's examples run in tests/test_readme.py (each block in its own interpreter
# against one seeded fake); here they are only linted.
PAGES = collect_pages(readme=False)
LINTED = collect_pages()
DOCSTRINGS = collect_docstrings()
RAN: list[Block] = []


def summary_line() -> str:
    """What the terminal summary reports (see ``tests/conftest.py``)."""
    found = sum(len(page.python) + len(_commands(page)) for page in PAGES) + len(DOCSTRINGS)
    elsewhere = sum(len(_all_commands(page)) for page in PAGES if _tested_by(page))
    return (
        f"docs examples: {len(RAN)} run of {found} found ({len(PAGES)} pages of docs/ and "
        f"the docstrings); {elsewhere} more commands are run by their page's own test, "
        "and the README's by tests/test_readme.py"
    )


_TESTED_BY = re.compile(r"<!--\s*commands-tested-by:\s*(\S+)\s*-->")


def _tested_by(page: Page) -> Path | None:
    """The test that runs a page's commands itself, when the page names one.

    A page whose commands need set-up a hidden Python block cannot give (profiles in a
    config folder, two served fakes) says ``<!-- commands-tested-by: tests/x.py -->``.
    """
    match = _TESTED_BY.search(page.path.read_text(encoding="utf-8"))
    return ROOT / match.group(1) if match else None


@dataclass(frozen=True)
class Command:
    """A ``honeycomb ...`` line of a shell block, and the error its transcript shows."""

    block: Block
    line: str
    error: str | None = None
    """When the transcript's next line is ``Error: ...``: the text before any ``...``."""


# A line that runs the CLI: first, or after a pipe, a ';', '&&', '$(' or 'do'.
_CLI_COMMAND = re.compile(r"(^|[|;&(]\s*|\bdo\s+)(honeycomb|hny)\b")


def _all_commands(page: Page) -> list[Command]:
    found: list[Command] = []
    for block in page.shell:
        # A command continued with a trailing backslash is one command.
        lines = block.code.replace("\\\n", " ").splitlines()
        for i, raw in enumerate(lines):
            line = raw.strip().removeprefix("$ ")
            if not _CLI_COMMAND.search(line):
                continue
            shown = lines[i + 1].strip() if i + 1 < len(lines) else ""
            error = shown.split("...")[0].rstrip() if shown.startswith("Error:") else None
            found.append(Command(block, line, error))
    return found


def _commands(page: Page) -> list[Command]:
    """The ``honeycomb ...`` command lines of a page's shell blocks that this test runs."""
    return [] if _tested_by(page) else _all_commands(page)


@pytest.mark.parametrize("page", [p for p in PAGES if _tested_by(p)], ids=lambda p: p.path.name)
def test_pages_that_test_their_own_commands_name_a_test_that_reads_them(page: Page) -> None:
    test = _tested_by(page)
    assert test is not None and test.is_file(), f"{page.path.name} names no existing test"
    assert page.path.name in test.read_text(encoding="utf-8")


@contextmanager
def _served(fake: FakeHoneycomb, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Serve ``fake`` on loopback with the environment of a reader logged in to it."""
    key_id, secret = fake.management_key.split(":", 1)
    with fake.serve() as url, tempfile.TemporaryDirectory() as config:
        monkeypatch.setenv("HONEYCOMB_API_KEY", fake.api_key)
        monkeypatch.setenv("HONEYCOMB_KEY_ID", key_id)
        monkeypatch.setenv("HONEYCOMB_KEY_SECRET", secret)
        monkeypatch.setenv("HONEYCOMB_API_ENDPOINT", url)
        monkeypatch.setenv("HONEYCOMB_CONFIG_DIR", config)  # CLI examples keep profiles here
        # Profiles a page creates go to a file in that folder, never a real keyring.
        monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
        yield url


@pytest.fixture
def served_fake(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeHoneycomb]:
    """A fresh fake served on loopback, with the environment of a logged-in reader."""
    fake = FakeHoneycomb(seed=7)
    with _served(fake, monkeypatch):
        yield fake


@pytest.fixture
def loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Refuse any connection an example opens to a host that is not loopback."""
    real_connect = socket.socket.connect

    def connect(self: socket.socket, address: Any) -> None:
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and host not in {"127.0.0.1", "::1", "localhost"}:
            raise OSError(f"docs examples may only reach loopback, not {host!r}")
        real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)


def _run(block: Block, namespace: dict[str, Any], loop: asyncio.AbstractEventLoop) -> None:
    if block.code.lstrip().startswith(">>>"):
        _run_doctest(block, namespace)
        return
    code = compile(block.code, block.where, "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
    try:
        if code.co_flags & inspect.CO_COROUTINE:
            loop.run_until_complete(eval(code, namespace))
        else:
            exec(code, namespace)
    except Exception as exc:
        detail = "".join(traceback.format_exception(exc)[-12:])
        pytest.fail(f"example at {block.where} raised:\n{block.code}\n{detail}", pytrace=False)
    RAN.append(block)


def _run_doctest(block: Block, namespace: dict[str, Any]) -> None:
    """A ``>>>`` block: its output is part of the example, so it is checked too."""
    flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    test = doctest.DocTestParser().get_doctest(block.code, namespace, block.where, None, 0)
    out: list[str] = []
    runner = doctest.DocTestRunner(optionflags=flags)
    runner.run(test, out=out.append, clear_globs=False)
    if runner.failures:
        pytest.fail(f"example at {block.where} printed otherwise:\n{''.join(out)}", pytrace=False)
    RAN.append(block)


@pytest.mark.usefixtures("loopback_only")
@pytest.mark.parametrize("page", PAGES, ids=[str(p.path.relative_to(ROOT)) for p in PAGES])
def test_page_examples_run(page: Page, served_fake: FakeHoneycomb, tmp_path: Path) -> None:
    # Hidden set-up blocks may seed what the API cannot create (signals, pipelines) through
    # the page's fake, under a name no visible example uses.
    namespace: dict[str, Any] = {"__name__": "__docs__", "honeycomb_fake": served_fake}
    loop = asyncio.new_event_loop()
    cwd = os.getcwd()
    environ = dict(os.environ)  # a page's set-up may export variables for its commands
    os.chdir(tmp_path)  # examples that write files write them here
    try:
        for block in page.python:
            _run(block, namespace, loop)
        for command in _commands(page):
            _run_command(command, tmp_path)
    finally:
        os.chdir(cwd)
        os.environ.clear()
        os.environ.update(environ)
        _close_clients(namespace, loop)
        loop.close()


def _close_clients(namespace: dict[str, Any], loop: asyncio.AbstractEventLoop) -> None:
    """Close what a reader leaves open at the end of a page, as a kernel shutdown would."""
    from honeycomb import AsyncClient, Client

    for value in list(namespace.values()):
        if isinstance(value, Client | httpx.Client):
            value.close()
        elif isinstance(value, AsyncClient | httpx.AsyncClient):
            loop.run_until_complete(value.aclose())


def _run_command(command: Command, cwd: Path) -> None:
    """Run a command line in bash; it succeeds, or fails as its transcript shows."""
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command.line],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    where = f"command at {command.block.where}: {shlex.quote(command.line)}"
    output = f"{done.stdout[-2000:]}{done.stderr[-2000:]}"
    if command.error is None and done.returncode != 0:
        pytest.fail(f"{where} exited {done.returncode}\n{output}", pytrace=False)
    if command.error is not None and not (
        done.returncode == 1 and done.stderr.startswith(command.error)
    ):
        pytest.fail(f"{where} should fail with {command.error!r}\n{output}", pytrace=False)
    RAN.append(command.block)


def _docstring_namespace(block: Block, fake: FakeHoneycomb) -> dict[str, Any]:
    """What every docstring example may take as given (said in ``docs/CONTRIBUTING.md``):
    its module's globals, as doctest gives them; ``client``, a ``Client`` of an
    environment with the datasets ``api`` and ``web``, the Anomaly Detection signals of
    the services ``checkout`` (with one anomaly an hour ago) and ``cart`` (anomalous now),
    and the pipeline ``pl1`` with the configuration ``cfg1`` of the rollout ``ro1`` (what
    the API cannot create); and ``staging``, a ``Client`` of a second, empty environment
    of the same team, for the porting examples."""
    from honeycomb import Client

    module = block.source.removesuffix(".py").replace("/", ".").removesuffix(".__init__")
    namespace = dict(vars(importlib.import_module(module)))
    client = Client()
    for name in ("api", "web"):
        client.datasets.create({"name": name})
    checkout = fake.add_signal("checkout")
    hour_ago = int(time.time()) - 3600
    fake.add_anomaly(checkout["id"], started_at=hour_ago, ended_at=hour_ago + 600, measurement=0.2)
    fake.add_signal("cart", currently_anomalous=True)
    collector = [{"kind": "collector", "configData": "receivers: {}"}]
    fake.add_pipeline("pl1", {"cfg1": collector}, rollout_id="ro1")
    fake.add_environment("staging")
    staging = Client(api_key=fake.add_key("configuration", environment="staging").value)
    namespace.update(__name__="__docs__", client=client, staging=staging, honeycomb_fake=fake)
    return namespace


@pytest.mark.usefixtures("loopback_only")
@pytest.mark.parametrize("block", DOCSTRINGS, ids=[block.where for block in DOCSTRINGS])
def test_docstring_examples_run(block: Block, served_fake: FakeHoneycomb, tmp_path: Path) -> None:
    """Each docstring example runs alone, in a fresh environment, as the reference shows it;
    in a temporary folder, so that an example that writes files leaves none behind."""
    namespace = _docstring_namespace(block, served_fake)
    # An example may bind these names to clients of its own.
    given = {"given client": namespace["client"], "given staging": namespace["staging"]}
    loop = asyncio.new_event_loop()
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        _run(block, namespace, loop)
    finally:
        os.chdir(cwd)
        _close_clients({**namespace, **given}, loop)
        loop.close()


def _as_script(block: Block) -> str:
    if block.code.lstrip().startswith(">>>"):
        return doctest.script_from_examples(block.code)
    return block.code


def _ruff_problems(code: str, filename: str, given: list[str]) -> str:
    """What ruff finds in examples, read as one script; ``given`` are the names the
    examples may use without defining them."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "ruff",
            "check",
            "--no-cache",
            "--isolated",
            "--select",
            "E,F,W,B,UP,SIM,C4",
            # Blocks of one page are one script: imports come where a reader needs
            # them, and a block may import again what an earlier one did so that it
            # copies alone; top-level await and a bare expression (or comparison)
            # that displays a value are what notebooks and >>> sessions allow.
            "--ignore",
            "E402,F704,E501,B015,B018,F811",
            "--config",
            f"builtins = {sorted(given)!r}",
            "--target-version",
            "py310",
            "--stdin-filename",
            filename,
            "-",
        ],
        input=code,
        capture_output=True,
        text=True,
        check=False,
    )
    return "" if done.returncode == 0 else f"{done.stdout}{done.stderr}"


def test_examples_are_linted() -> None:
    """Examples read as idiomatic code: ruff finds nothing in any page's blocks."""
    problems = []
    for page in LINTED:
        code = "\n\n".join(_as_script(block) for block in page.python)
        # The name hidden set-up blocks are given for the page's fake.
        found = _ruff_problems(code, f"{page.path.name}.py", ["honeycomb_fake"])
        if found:
            problems.append(f"{page.path.relative_to(ROOT)}:\n{found}")
    assert not problems, "\n".join(problems)


def test_docstring_examples_are_linted() -> None:
    """The docstring examples too, each module's together, given what they are given:
    their module's globals, ``client`` and ``staging``."""
    by_module: dict[str, list[Block]] = {}
    for block in DOCSTRINGS:
        by_module.setdefault(block.source, []).append(block)
    problems = []
    for source, blocks in by_module.items():
        module = source.removesuffix(".py").replace("/", ".").removesuffix(".__init__")
        given = [*vars(importlib.import_module(module)), "client", "staging"]
        code = "\n\n".join(_as_script(block) for block in blocks)
        found = _ruff_problems(code, Path(source).name, given)
        if found:
            problems.append(f"{source}:\n{found}")
    assert not problems, "\n".join(problems)


def test_the_collector_finds_fenced_and_hidden_blocks() -> None:
    from tests._doc_examples import parse_page

    text = (
        "Intro\n\n<!-- python\nx = 1\n-->\n\n```python\ny = x + 1\n```\n\n"
        "```bash\nhoneycomb datasets list\n```\n\n```json\n{}\n```\n"
        "- item\n\n    ```py\n    z = y\n    ```\n"
    )
    blocks = parse_page(text, "page.md")
    assert [(b.lang, b.code, b.hidden, b.line) for b in blocks] == [
        ("python", "x = 1\n", True, 3),
        ("python", "y = x + 1\n", False, 7),
        ("shell", "honeycomb datasets list\n", False, 11),
        ("python", "z = y\n", False, 20),
    ]
