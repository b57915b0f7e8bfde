"""The documentation site builds with ``mkdocs build --strict`` and its links hold.

``nox -s docs`` does the same for a reader; this keeps CI from landing a page with a broken
link, a missing API reference target or a page that loads from another host.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.check_site import check_site

ROOT = Path(__file__).resolve().parent.parent


def _write(site: Path, name: str, html: str) -> None:
    path = site / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")


def test_check_site_finds_missing_pages_anchors_and_outside_loads(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "index.html",
        '<h2 id="top">x</h2><a href="guide/a.html#usage">a</a>'
        '<a href="gone.html">b</a><a href="#top">c</a><a href="guide/a.html#nope">d</a>'
        '<script src="https://cdn.example.com/x.js"></script>'
        '<a href="https://docs.honeycomb.io/">fine: a link out</a>',
    )
    _write(tmp_path, "guide/a.html", '<h2 id="usage">u</h2><img src="../img/logo.png">')
    assert check_site(tmp_path) == [
        "guide/a.html: ../img/logo.png does not exist",
        "index.html: gone.html does not exist",
        "index.html: guide/a.html#nope names no anchor of its page",
        "index.html: loads https://cdn.example.com/x.js from another host",
    ]
    _write(tmp_path, "img/logo.png", "")
    _write(tmp_path, "index.html", '<a href="guide/a.html#usage">a</a>')
    assert check_site(tmp_path) == []


@pytest.mark.slow
def test_site_builds_strict_and_every_internal_link_resolves(tmp_path: Path) -> None:
    if shutil.which("mkdocs", path=str(Path(sys.executable).parent)) is None:
        pytest.fail("mkdocs is not installed: install the docs extra (nox does)")
    site = tmp_path / "site"
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": str(Path(sys.executable).parent)},
        check=False,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    assert check_site(site) == []
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert "reference/resources.html" in pages and "resources/triggers.html" in pages
    # The API reference is generated from the docstrings, not left empty.
    reference = (site / "reference" / "resources.html").read_text(encoding="utf-8")
    assert "Triggers" in reference and "trigger_id" in reference
