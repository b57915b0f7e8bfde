"""The generated sync package reads as sync code: no async-only words in its docstrings,
messages or comments, and ``help(Client)`` talks about ``httpx.Client``.

unasync rewrites names, not prose; prose that compares the two flavours lives in
``honeycomb/_workers.py`` (not rewritten) or is handled by the rules in
``scripts/unasync.py``.
"""

from __future__ import annotations

import asyncio
import io
import pydoc
import re
import tokenize
from pathlib import Path

import httpx
import pytest

import honeycomb
from honeycomb import AsyncClient, Client

SRC = Path(honeycomb.__file__).resolve().parent

ASYNC_ONLY = re.compile(
    r"\b(?:async|await\w*|asyncio|coroutines?|event loop|running loop|aclose|anyio"
    r"|__aenter__|__aexit__|__aiter__|__anext__|(?-i:Async[A-Z]\w*))\b",
    re.IGNORECASE,
)
"""Words that have no business in the sync client's text ("asynchronous", as in the Query
Data API being asynchronous, is fine: it is about the API, not the client)."""


def async_only_words(tree: Path) -> list[str]:
    """Every string or comment in ``tree`` that contains an async-only word, as
    ``file:line: word``; the "GENERATED ... change the async source" header is skipped."""
    found = []
    for path in sorted(tree.rglob("*.py")):
        source = path.read_text()
        for tok in tokenize.generate_tokens(io.StringIO(source).readline):
            if tok.type not in (tokenize.STRING, tokenize.COMMENT):
                continue
            if tok.type == tokenize.COMMENT and tok.start[0] <= 2:
                continue  # the generated-file header
            for match in ASYNC_ONLY.finditer(tok.string):
                line = tok.start[0] + tok.string[: match.start()].count("\n")
                found.append(f"{path.relative_to(SRC)}:{line}: {match.group(0)}")
    return found


def help_text(thing: object) -> str:
    """What ``help(thing)`` prints, without the terminal's bold."""
    return re.sub(".\b", "", pydoc.render_doc(thing, renderer=pydoc.TextDoc()))


def test_generated_sync_text_has_no_async_only_words() -> None:
    assert async_only_words(SRC / "_sync") == []


def test_the_scan_finds_the_words_in_the_async_tree() -> None:
    # The same scan over the hand-written async tree must find plenty, or it checks nothing.
    found = async_only_words(SRC / "_async")
    assert any(hit.endswith(": AsyncClient") for hit in found)
    assert any(hit.lower().endswith(": await") for hit in found)


def test_help_of_client_names_httpx_client_and_no_async_word() -> None:
    text = help_text(Client)
    assert "``httpx.Client``" in text
    assert ASYNC_ONLY.findall(text) == []


def test_help_of_the_sync_batcher_reads_as_sync() -> None:
    from honeycomb._sync.batcher import Batcher
    from honeycomb._sync.resources.events import Events

    text = help_text(Batcher) + str(Events.batcher.__doc__)
    assert ASYNC_ONLY.findall(text) == []
    assert "``Worker``" in text and "``Pool``" in text and "``ExitGuard``" in text
    assert "on ``Client``" not in text


def test_http_client_of_the_other_flavour_is_refused_by_name() -> None:
    async_http = httpx.AsyncClient()
    try:
        with pytest.raises(TypeError) as sync_error:
            Client(api_key="hcxlk_abcdefghijklmnopqrstuvwxyz", http_client=async_http)  # type: ignore[arg-type]
    finally:
        asyncio.run(async_http.aclose())
    assert str(sync_error.value) == "http_client must be an httpx.Client, not AsyncClient"
    with httpx.Client() as http, pytest.raises(TypeError) as async_error:
        AsyncClient(api_key="hcxlk_abcdefghijklmnopqrstuvwxyz", http_client=http)  # type: ignore[arg-type]
    assert str(async_error.value) == "http_client must be an httpx.AsyncClient, not Client"
