"""``honeycomb mcp``: the tool catalogue, and the server driven over stdio like an agent would.

The catalogue tests need no server. The server tests start ``honeycomb mcp`` as a real
subprocess against a served ``FakeHoneycomb`` and talk to it with the official ``mcp``
client library over stdio, in each safety mode.
"""

from __future__ import annotations

import asyncio
import inspect
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import mcp_types as types
import pytest
from mcp.client.client import Client as MCPClient
from mcp.client.stdio import StdioServerParameters, stdio_client

from honeycomb.mcp import ToolsetError, call_tool, select_tools, toolset_names
from honeycomb.mcp._catalog import compact_schema, resource_tools
from honeycomb.testing import FakeHoneycomb


def _text(result: types.CallToolResult) -> str:
    (block,) = result.content
    assert isinstance(block, types.TextContent)
    return block.text


# -- the catalogue ------------------------------------------------------------------------


def _walk(node: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield f"{path}/{key}", value
            yield from _walk(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _walk(value, f"{path}/{i}")


def test_every_public_resource_method_is_a_tool_named_group_verb() -> None:
    from honeycomb._sync.client import Client

    tools = {tool.name: tool for tool in resource_tools()}
    expected = set()
    for group in ("triggers", "slos", "boards", "datasets", "api_keys", "events"):
        resource = type(getattr(Client(api_key="hcxlk_0123456789abcdefghijklmn"), group))
        for verb, _ in inspect.getmembers(resource, inspect.isfunction):
            if not verb.startswith("_") and verb not in {"iterate", "batcher"}:
                expected.add(f"{group}_{verb}")
    assert expected <= set(tools)
    assert {"triggers_list", "slos_get", "boards_create", "api_keys_delete"} <= set(tools)
    assert tools["triggers_list"].kind == "read"
    assert tools["boards_create"].kind == "write"
    assert tools["events_send_batch"].kind == "write"
    assert tools["api_keys_delete"].kind == "delete"


def test_input_schemas_are_compact_and_come_from_the_request_models() -> None:
    tools = {tool.name: tool for tool in resource_tools()}
    schema = tools["triggers_create"].input_schema
    assert schema["required"] == ["dataset", "trigger"]
    body = schema["properties"]["trigger"]
    assert {"name", "query", "threshold", "frequency"} <= set(body["properties"])
    assert body["additionalProperties"] is False  # the request model is strict
    for tool in tools.values():
        for path, value in _walk(tool.input_schema):
            key = path.rsplit("/", 1)[-1]
            in_properties = path.rsplit("/", 2)[-2] == "properties"
            assert not (key == "title" and not in_properties), (tool.name, path)
            assert not (key == "$defs" and path != "/$defs"), (tool.name, path)
            assert value != {"type": "null"}, (tool.name, path)


def test_compact_schema_drops_titles_and_null_branches_but_keeps_a_property_named_title() -> None:
    schema = {
        "title": "Board",
        "type": "object",
        "properties": {
            "title": {"title": "Title", "type": "string", "description": "One.\n\nTwo."},
            "size": {"anyOf": [{"type": "integer"}, {"type": "null"}], "default": None},
        },
    }
    assert compact_schema(schema) == {
        "type": "object",
        "properties": {
            "title": {"type": "string", "description": "One."},
            "size": {"type": "integer"},
        },
    }


def test_modes_list_only_what_is_allowed() -> None:
    read = {t.name for t in select_tools()}
    writes = {t.name for t in select_tools(allow_writes=True)}
    deletes = {t.name for t in select_tools(allow_deletes=True)}
    assert "triggers_list" in read and "query_run" in read
    assert not any(name.endswith(("_create", "_update", "_delete")) for name in read)
    assert writes - read and all(not n.endswith("_delete") for n in writes)
    assert "triggers_create" in writes and "triggers_delete" not in writes
    assert "triggers_delete" in deletes and "triggers_create" not in deletes
    assert [t.name for t in select_tools(toolsets=["triggers"])] == [
        "triggers_get",
        "triggers_list",
    ]
    assert {t.name for t in select_tools(toolsets=["tasks"])} == {
        "query_run",
        "environment_summary",
        "columns_search",
        "porting_plan",
    }
    with pytest.raises(ToolsetError, match="unknown toolset trigger; choose from"):
        select_tools(toolsets=["trigger"])
    assert "triggers" in toolset_names() and "tasks" in toolset_names()


def _listing_bytes(**modes: Any) -> int:
    tools = [
        {"name": t.name, "description": t.description, "inputSchema": t.input_schema}
        for t in select_tools(**modes)
    ]
    return len(json.dumps({"tools": tools}, separators=(",", ":")))


def test_tools_list_stays_small() -> None:
    # The community server's discovery answer is 385 KB; an agent pays for every byte of it
    # in context. The default (read-only) set must stay a small fraction of that.
    assert _listing_bytes() < 40_000
    assert _listing_bytes(allow_writes=True, allow_deletes=True) < 150_000


def test_a_failing_call_is_one_line_and_never_holds_a_key() -> None:
    fake = FakeHoneycomb()
    client = fake.client(max_retries=0)
    tools = {t.name: t for t in select_tools(allow_writes=True)}
    secrets = [fake.api_key]
    missing = call_tool(tools["datasets_get"], client, {"dataset": "nope"}, secrets)
    assert missing.is_error
    assert _text(missing).startswith("404 Dataset not found")
    invalid = call_tool(tools["columns_create"], client, {"dataset": "x", "column": {}}, secrets)
    assert invalid.is_error and "\n" not in _text(invalid)
    wrong = call_tool(tools["datasets_list"], client, {"nonsense": 1}, secrets)
    assert wrong.is_error and "invalid arguments to datasets_list" in _text(wrong)
    assert all(fake.api_key not in _text(r) for r in (missing, invalid, wrong))


def test_porting_plan_shows_what_a_snapshot_would_change_and_applies_nothing(
    tmp_path: Path,
) -> None:
    source, target = FakeHoneycomb(), FakeHoneycomb()
    src = source.client()
    src.datasets.create({"name": "api"})
    src.triggers.create(
        "api",
        {
            "name": "5xx",
            "query": {"calculations": [{"op": "COUNT"}], "time_range": 900},
            "threshold": {"op": ">", "value": 10},
            "frequency": 300,
        },
    )
    src.porting.export().write(tmp_path / "snapshot")
    client = target.client()
    tools = {t.name: t for t in select_tools()}
    result = call_tool(tools["porting_plan"], client, {"dir": str(tmp_path / "snapshot")}, [])
    assert not result.is_error, _text(result)
    data = json.loads(_text(result))
    assert "5xx" in data["plan"] and "create" in data["summary"]
    assert client.datasets.list() == []  # planned, not applied
    broken = call_tool(tools["porting_plan"], client, {"dir": str(tmp_path / "nowhere")}, [])
    assert broken.is_error and "\n" not in _text(broken)


# -- the server over stdio ------------------------------------------------------------------


@pytest.fixture
def served() -> Iterator[tuple[FakeHoneycomb, str]]:
    fake = FakeHoneycomb()
    setup = fake.client()
    setup.datasets.create({"name": "api"})
    setup.events.send_batch(
        "api", [{"data": {"endpoint": e, "duration_ms": 5}} for e in ["/", "/", "/cart"]]
    )
    setup.close()
    with fake.serve() as url:
        yield fake, url


async def _session(
    fake: FakeHoneycomb, url: str, flags: list[str], errlog: Path, calls: list[tuple[str, Any]]
) -> tuple[list[str], list[Any], int]:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HONEYCOMB_CONFIG_DIR": str(errlog.parent / "config"),
        "HONEYCOMB_API_KEY": fake.api_key,  # credentials exactly as the CLI takes them
        "HONEYCOMB_API_ENDPOINT": url,
    }
    params = StdioServerParameters(
        command=sys.executable, args=["-m", "honeycomb", "mcp", *flags], env=env
    )
    with errlog.open("w") as err:
        async with MCPClient(stdio_client(params, errlog=err)) as session:
            listed = await session.list_tools()
            results = [await session.call_tool(name, args) for name, args in calls]
            size = len(listed.model_dump_json(by_alias=True, exclude_none=True))
    return [t.name for t in listed.tools], results, size


def _run(coro: Any) -> Any:
    return asyncio.run(asyncio.wait_for(coro, timeout=60))


@pytest.mark.slow
def test_read_only_server_answers_reads_and_refuses_writes_and_deletes(
    served: tuple[FakeHoneycomb, str], tmp_path: Path
) -> None:
    fake, url = served
    query = {"calculations": [{"op": "COUNT"}], "breakdowns": ["endpoint"], "time_range": 3600}
    names, results, size = _run(
        _session(
            fake,
            url,
            [],
            tmp_path / "stderr.txt",
            [
                ("datasets_list", {}),
                ("query_run", {"dataset": "api", "query": query}),
                ("triggers_delete", {"dataset": "api", "trigger_id": "x"}),
                ("datasets_create", {"dataset": {"name": "new"}}),
                ("datasets_get", {"dataset": "nope"}),
            ],
        )
    )
    assert "datasets_list" in names and "query_run" in names
    assert not any(n.endswith(("_create", "_update", "_delete")) for n in names)
    assert size < 40_000
    listed, ran, delete, create, missing = results
    assert not listed.is_error and [d["slug"] for d in json.loads(_text(listed))] == ["api"]
    table = json.loads(_text(ran))
    assert table["columns"] == ["endpoint", "COUNT"]
    assert sorted(table["rows"]) == [["/", 2], ["/cart", 1]]
    assert table["row_count"] == 2 and table["query_url"].startswith("https://")
    assert delete.is_error and "not offered, or not allowed" in _text(delete)
    assert create.is_error and "datasets_create" in _text(create)
    assert missing.is_error and _text(missing).startswith("404 Dataset not found")
    assert [d.slug for d in fake.client().datasets.list()] == ["api"]  # nothing was written
    stderr = (tmp_path / "stderr.txt").read_text()
    everything = stderr + json.dumps([r.model_dump(mode="json") for r in results])
    assert fake.api_key not in everything


@pytest.mark.slow
def test_writes_and_deletes_need_their_flags(
    served: tuple[FakeHoneycomb, str], tmp_path: Path
) -> None:
    fake, url = served
    names, results, _ = _run(
        _session(
            fake,
            url,
            ["--allow-writes", "--toolsets", "triggers,datasets"],
            tmp_path / "stderr.txt",
            [
                ("datasets_create", {"dataset": {"name": "checkout"}}),
                ("datasets_delete", {"dataset": "checkout"}),
            ],
        )
    )
    assert "datasets_create" in names and "triggers_update" in names
    assert "datasets_delete" not in names and "slos_list" not in names
    created, refused = results
    assert not created.is_error and json.loads(_text(created))["slug"] == "checkout"
    assert refused.is_error
    names, results, _ = _run(
        _session(
            fake,
            url,
            ["--allow-deletes", "--toolsets", "datasets"],
            tmp_path / "stderr.txt",
            [("datasets_delete", {"dataset": "api", "remove_delete_protection": True})],
        )
    )
    assert "datasets_delete" in names and "datasets_create" not in names
    assert not results[0].is_error
    assert [d.slug for d in fake.client().datasets.list()] == ["checkout"]


def test_mcp_command_names_a_bad_toolset_on_one_error_line(tmp_path: Path) -> None:
    import subprocess

    done = subprocess.run(
        [sys.executable, "-m", "honeycomb", "mcp", "--toolsets", "nope", "--api-key", "hcxlk_x"],
        capture_output=True,
        text=True,
        env={**os.environ, "HONEYCOMB_CONFIG_DIR": str(tmp_path)},
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.strip().splitlines() == [
        f"Error: unknown toolset nope; choose from {', '.join(toolset_names())}"
    ]
