"""``honeycomb.mcp``: the SDK as tools for agents, over the Model Context Protocol.

Run it as ``honeycomb mcp`` (the ``mcp`` extra). Tools are generated from the SDK's
resources (``triggers_list``, ``slos_get``, ``boards_create``...) plus task tools
(``query_run``, ``environment_summary``, ``columns_search``); write and delete tools are
offered only when allowed. See ``docs/mcp.md``.
"""

from __future__ import annotations

from honeycomb.mcp._catalog import ToolSpec
from honeycomb.mcp._server import (
    ToolsetError,
    build_server,
    call_tool,
    select_tools,
    serve_stdio,
    toolset_names,
)

__all__ = [
    "ToolSpec",
    "ToolsetError",
    "build_server",
    "call_tool",
    "select_tools",
    "serve_stdio",
    "toolset_names",
]
