"""The click API as typer ships it.

typer (since 0.26) vendors its own copy of click as ``typer._click`` and no longer installs
click. The lazy command group, the error handling and shell completion need a few of its
names; they are taken from here only, so a move inside typer is a change to this file.
"""

from __future__ import annotations

from typer._click import shell_completion
from typer._click.core import Command, Context, Parameter
from typer._click.exceptions import ClickException, UsageError
from typer._click.globals import get_current_context

__all__ = [
    "ClickException",
    "Command",
    "Context",
    "Parameter",
    "UsageError",
    "get_current_context",
    "shell_completion",
]
