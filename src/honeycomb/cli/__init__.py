"""The ``honeycomb`` command line (``hny`` too): a typer + rich application on ``Client``.

Installed with ``pip install "honeycomb-sdk[cli]"``. ``main`` is the console-script entry
point; it imports nothing beyond the standard library until it knows the extra is there,
so a missing extra gives one line telling how to install it, not a traceback.
"""

from __future__ import annotations

import sys

__all__ = ["INSTALL_HINT", "main"]

INSTALL_HINT = 'The honeycomb CLI needs its extra: pip install "honeycomb-sdk[cli]"'


def main(argv: list[str] | None = None) -> None:
    """Run the CLI with ``argv`` (default ``sys.argv[1:]``) and exit with its status.

    Args:
        argv: The arguments after the program name.

    Raises:
        SystemExit: Always: 0 on success, 1 on an error, 2 on a usage error, 130 on Ctrl-C.
    """
    try:
        import rich  # noqa: F401
        import typer  # noqa: F401
    except ImportError:
        print(INSTALL_HINT, file=sys.stderr)
        raise SystemExit(1) from None
    from honeycomb.cli.app import command

    command().main(args=argv, prog_name="honeycomb")
