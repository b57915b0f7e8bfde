"""Check a built documentation site: every internal link resolves, nothing loads from outside.

``python scripts/check_site.py site`` reads every HTML page of the built site and fails
(exit 1, one line per problem) when:

- a relative ``href`` or ``src`` names a file that is not in the site, or an ``#anchor``
  that the target page does not define;
- a page loads a script, stylesheet, font, image or frame from another host, so the site
  would need the network (or phone home) when read offline.

Links *to* other sites (``<a href="https://...">``) are fine: a reader follows them on
purpose.
"""

from __future__ import annotations

import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

__all__ = ["check_site", "main"]

# Attributes through which a page loads something by itself (as opposed to a link).
_LOADING = {("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")}
_LOADING |= {("source", "src"), ("audio", "src"), ("video", "src"), ("embed", "src")}


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.refs: list[tuple[str, str, str]] = []  # (tag, attribute, value)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in {"id", "name"}:
                self.ids.add(value)
            if name in {"href", "src"}:
                if tag == "link" and ("rel", "canonical") in attrs:
                    continue  # names the published address; never loaded
                self.refs.append((tag, name, value))


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8", errors="replace"))
    return page


def check_site(site: Path) -> list[str]:
    """Every problem found in a built site, as ``page: message`` lines.

    Args:
        site: The folder ``mkdocs build`` wrote.

    Returns:
        The problems; empty when every link resolves and nothing loads from outside.
    """
    pages = {path: _parse(path) for path in sorted(site.rglob("*.html"))}
    problems: list[str] = []
    for path, page in pages.items():
        if path.name == "404.html" and path.parent == site:
            # Served for any missing address, so its links are absolute from the site's
            # root on purpose; it is checked for outside loads only.
            problems += [
                f"404.html: loads {value} from another host"
                for tag, attr, value in page.refs
                if (tag, attr) in _LOADING and urlsplit(value).scheme in {"http", "https"}
            ]
            continue
        where = path.relative_to(site)
        for tag, attr, value in page.refs:
            parts = urlsplit(value)
            if parts.scheme in {"http", "https"} or value.startswith("//"):
                if (tag, attr) in _LOADING:
                    problems.append(f"{where}: loads {value} from another host")
                continue
            if parts.scheme:  # mailto:, data:, javascript: ...
                continue
            target = path if not parts.path else (path.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                problems.append(f"{where}: {value} does not exist")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else _parse(target).ids
                if unquote(parts.fragment) not in ids:
                    problems.append(f"{where}: {value} names no anchor of its page")
    return problems


def main(argv: list[str]) -> int:
    """Run the check on the folder named on the command line (default ``site``)."""
    site = Path(argv[1] if len(argv) > 1 else "site").resolve()
    if not (site / "index.html").exists():
        print(f"{site} holds no built site (run mkdocs build first)", file=sys.stderr)
        return 2
    problems = check_site(site)
    for line in problems:
        print(line, file=sys.stderr)
    pages = sum(1 for _ in site.rglob("*.html"))
    print(f"{pages} pages checked: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
