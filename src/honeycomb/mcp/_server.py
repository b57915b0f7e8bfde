"""The MCP server: the SDK's tools over stdio, on the official ``mcp`` package.

Read-only by default: write tools are listed only with ``allow_writes``, delete tools only
with ``allow_deletes``; a tool that is not listed cannot be called either. Every failure is
a tool result with ``isError`` and one line of text, never a crash of the server, and the
client's keys are scrubbed from every message. Logs go to stderr: stdout is the protocol.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import anyio
import mcp_types as types
import pydantic
import pydantic_core
from mcp.server.lowlevel import Server

from honeycomb._logging import scrub
from honeycomb._version import __version__
from honeycomb.errors import HoneycombError
from honeycomb.mcp._catalog import ToolSpec, resource_tools
from honeycomb.mcp._tasks import TASKS, task_tools

__all__ = ["ToolsetError", "build_server", "select_tools", "serve_stdio", "toolset_names"]

log = logging.getLogger("honeycomb.mcp")


class ToolsetError(HoneycombError, ValueError):
    """A ``--toolsets`` name that is no group of tools."""


def toolset_names() -> list[str]:
    """Every name ``--toolsets`` accepts: the resource groups, and ``tasks``.

    Returns:
        The names, sorted.
    """
    return sorted({tool.group for tool in resource_tools()} | {TASKS})


def select_tools(
    *,
    allow_writes: bool = False,
    allow_deletes: bool = False,
    toolsets: Iterable[str] | None = None,
) -> list[ToolSpec]:
    """The tools a server with these settings offers.

    Args:
        allow_writes: Include the create/update (and send) tools.
        allow_deletes: Include the delete tools.
        toolsets: Only these groups (``triggers``, ``slos``, ``tasks``...); None: all.

    Returns:
        The tools, task tools first, then by name.

    Raises:
        ToolsetError: A name in ``toolsets`` is no group.

    Examples:
        ```python
        from honeycomb.mcp import select_tools

        names = [t.name for t in select_tools(toolsets=["triggers"])]
        assert names == ["triggers_get", "triggers_list"]
        ```
    """
    wanted = None if toolsets is None else {name.strip() for name in toolsets if name.strip()}
    if wanted is not None:
        unknown = sorted(wanted - set(toolset_names()))
        if unknown:
            raise ToolsetError(
                f"unknown toolset {', '.join(unknown)}; choose from {', '.join(toolset_names())}"
            )
    allowed = {"read"} | ({"write"} if allow_writes else set())
    allowed |= {"delete"} if allow_deletes else set()
    tools = [tool for tool in task_tools() if wanted is None or tool.group in wanted]
    tools += [
        tool
        for tool in resource_tools()
        if tool.kind in allowed and (wanted is None or tool.group in wanted)
    ]
    return tools


def _as_json(value: Any) -> Any:
    # SecretStr values (a minted key's secret) serialise masked: a tool result is text an
    # agent may repeat anywhere.
    return pydantic_core.to_jsonable_python(value, by_alias=True, exclude_none=True)


def _error(message: str) -> types.CallToolResult:
    first = message.strip().splitlines()[0] if message.strip() else "error"
    return types.CallToolResult(content=[types.TextContent(text=first)], is_error=True)


def call_tool(
    tool: ToolSpec, client: Any, arguments: Mapping[str, Any], secrets: Sequence[str]
) -> types.CallToolResult:
    """Run one tool and turn what happens into a tool result (no exception escapes).

    Args:
        tool: The tool.
        client: The sync ``Client`` it calls.
        arguments: The arguments the agent sent.
        secrets: Keys to scrub from any message.

    Returns:
        The JSON of the result, or an ``isError`` result with a one-line message.
    """
    try:
        value = tool.call(client, arguments)
    except HoneycombError as err:
        return _error(scrub(str(err), secrets))
    except pydantic.ValidationError as err:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'arguments'}: {e['msg']}" for e in err.errors()
        )
        return _error(scrub(f"invalid arguments to {tool.name}: {problems}", secrets))
    except TypeError as err:
        return _error(scrub(f"invalid arguments to {tool.name}: {err}", secrets))
    except Exception as err:
        log.exception("tool %s failed", tool.name)
        return _error(f"{tool.name} failed unexpectedly ({type(err).__name__}); see the log")
    data = _as_json(value)
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    structured = data if isinstance(data, dict) else {"result": data}
    return types.CallToolResult(
        content=[types.TextContent(text=scrub(text, secrets))], structured_content=structured
    )


def build_server(client: Any, tools: Sequence[ToolSpec]) -> Server[Any]:
    """An MCP server offering ``tools`` on ``client``.

    Args:
        client: The sync ``honeycomb.Client`` every tool calls.
        tools: What to offer (see `select_tools`).

    Returns:
        The server, ready for ``serve_stdio`` or any MCP transport.
    """
    by_name = {tool.name: tool for tool in tools}
    listed = types.ListToolsResult(
        tools=[
            types.Tool(
                name=tool.name,
                description=tool.description,
                input_schema=tool.input_schema,
                annotations=types.ToolAnnotations(
                    read_only_hint=tool.kind == "read",
                    destructive_hint=tool.kind == "delete",
                ),
            )
            for tool in tools
        ]
    )
    secrets = tuple(client._requester.config.secrets())

    async def on_list_tools(
        ctx: Any, params: types.PaginatedRequestParams | None
    ) -> types.ListToolsResult:
        return listed

    async def on_call_tool(ctx: Any, params: types.CallToolRequestParams) -> types.CallToolResult:
        tool = by_name.get(params.name)
        if tool is None:
            return _error(f"no tool named {params.name!r} (not offered, or not allowed)")
        arguments = dict(params.arguments or {})
        # The sync client blocks: run it off the event loop so the session stays responsive.
        return await anyio.to_thread.run_sync(call_tool, tool, client, arguments, secrets)

    return Server(
        "honeycomb",
        version=__version__,
        instructions=(
            "Tools for the Honeycomb.io API of one environment. Names are <group>_<verb>; "
            "query_run runs a query, environment_summary gives an overview."
        ),
        on_list_tools=on_list_tools,
        on_call_tool=on_call_tool,
    )


def serve_stdio(client: Any, tools: Sequence[ToolSpec]) -> None:
    """Serve ``tools`` on ``client`` over stdin/stdout until the other side closes.

    Args:
        client: The sync ``honeycomb.Client`` every tool calls.
        tools: What to offer (see `select_tools`).
    """
    from mcp.server.stdio import stdio_server

    server = build_server(client, tools)

    async def main() -> None:
        async with stdio_server() as (read_stream, write_stream):
            await server.run(read_stream, write_stream, server.create_initialization_options())

    anyio.run(main)
