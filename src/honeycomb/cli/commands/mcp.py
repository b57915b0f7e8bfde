"""``honeycomb mcp``: the SDK as tools for agents, over stdio (Model Context Protocol).

Credentials and region come exactly as for every other command (``--profile``, the key
flags, the environment, the default profile). Read-only unless ``--allow-writes`` /
``--allow-deletes``; tools that are not allowed are not listed. stdout carries the protocol,
so everything else (``--debug`` logs included) goes to stderr.
"""

from __future__ import annotations

from typing import Annotated

import typer

from honeycomb.cli.context import CliError, current

app = typer.Typer(add_completion=False)


@app.command("mcp")
def mcp(
    allow_writes: Annotated[
        bool, typer.Option("--allow-writes", help="Also offer the create/update/send tools.")
    ] = False,
    allow_deletes: Annotated[
        bool, typer.Option("--allow-deletes", help="Also offer the delete tools.")
    ] = False,
    toolsets: Annotated[
        str | None,
        typer.Option(
            "--toolsets",
            help="Only these groups, comma-separated (triggers,slos,tasks...); default: all.",
        ),
    ] = None,
) -> None:
    """Serve the SDK as MCP tools over stdio, read-only unless allowed."""
    try:
        from honeycomb.mcp import select_tools, serve_stdio
    except ImportError as err:
        raise CliError(
            f"honeycomb mcp needs the mcp extra ({err.name} is missing): "
            'pip install "honeycomb-sdk[mcp]"'
        ) from None
    tools = select_tools(
        allow_writes=allow_writes,
        allow_deletes=allow_deletes,
        toolsets=None if toolsets is None else toolsets.split(","),
    )
    cli = current()
    cli.message(f"honeycomb mcp: {len(tools)} tools on stdio")
    serve_stdio(cli.client, tools)
