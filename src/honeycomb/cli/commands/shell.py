"""``honeycomb shell``: an interactive prompt with completion (see ``honeycomb.cli.shell``)."""

from __future__ import annotations

from typing import Annotated

import typer

app = typer.Typer(add_completion=False)


@app.command("shell")
def shell(
    dataset: Annotated[
        str | None,
        typer.Option("--dataset", "-d", help="The dataset for commands that take one."),
    ] = None,
) -> None:
    """Run commands interactively: `use dataset NAME`, `use profile NAME`, Tab completes."""
    try:
        from honeycomb.cli.shell import ShellSession
    except ImportError:
        from honeycomb.cli.context import CliError

        raise CliError('the shell needs prompt_toolkit: pip install "honeycomb-sdk[cli]"') from None
    from honeycomb.cli.app import command
    from honeycomb.cli.context import current

    cli = current()
    session = ShellSession(
        command(), profile=cli.options.profile, dataset=dataset, environ=cli.environ
    )
    raise typer.Exit(session.loop())
