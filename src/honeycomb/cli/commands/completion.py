"""``honeycomb completion bash|zsh|fish``: print a shell completion script."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

app = typer.Typer(add_completion=False)


class Shell(str, Enum):
    """Shells with completion support."""

    bash = "bash"
    zsh = "zsh"
    fish = "fish"


INSTALL = {
    "bash": 'eval "$(honeycomb completion bash)"   # in ~/.bashrc',
    "zsh": 'eval "$(honeycomb completion zsh)"    # in ~/.zshrc',
    "fish": "honeycomb completion fish > ~/.config/fish/completions/honeycomb.fish",
}


@app.command("completion")
def completion(shell: Annotated[Shell, typer.Argument(help="bash, zsh or fish.")]) -> None:
    """Print the completion script for SHELL (bash: eval "$(honeycomb completion bash)")."""
    from typer._completion_classes import completion_init

    from honeycomb.cli import _click as click
    from honeycomb.cli._group import COMPLETE_VAR
    from honeycomb.cli.context import current

    completion_init()  # typer registers its bash/zsh/fish script classes on demand
    cli = current()
    root = click.get_current_context().find_root()
    script_class = click.shell_completion.get_completion_class(shell.value)
    if script_class is None:  # pragma: no cover - the three shells are built in
        raise typer.BadParameter(f"no completion for {shell.value}")
    script = script_class(root.command, {}, root.info_name or "honeycomb", COMPLETE_VAR)
    cli.write(script.source().rstrip("\n") + "\n")
    cli.message(f"Install: {INSTALL[shell.value]}")
