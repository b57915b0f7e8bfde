"""Task tools: what an agent needs beyond one call per operation.

- ``query_run``: a query in, a compact table out (columns, rows, the row count and the
  result's link), polled to completion within a deadline;
- ``environment_summary``: datasets with their column counts, triggers, SLOs and boards, in
  one call;
- ``columns_search``: columns whose name matches a pattern, across datasets;
- ``porting_plan``: what applying a snapshot directory would change (read-only: it plans,
  it never applies).

They take the sync ``Client`` and return plain JSON-ready values.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from honeycomb.mcp._catalog import ToolSpec, compact_schema

__all__ = ["TASKS", "task_tools"]

# The toolset name of the task tools.
TASKS = "tasks"

# Bounded fan-out for the per-dataset reads: fast on a large environment, gentle on the
# API's per-operation rate limits.
_WORKERS = 4


def _query_run(client: Any, arguments: Mapping[str, Any]) -> dict[str, Any]:
    result = client.query_results.run(
        arguments["dataset"],
        arguments["query"],
        timeout=float(arguments.get("timeout", 60)),
    )
    limit = int(arguments.get("max_rows", 50))
    columns = list(result.columns)
    rows = result.rows
    return {
        "columns": columns,
        "rows": [[row.get(column) for column in columns] for row in rows[:limit]],
        "row_count": len(rows),
        "truncated": len(rows) > limit,
        "query_url": result.query_url,
    }


def _summary(client: Any, dataset: Any) -> dict[str, Any]:
    slug = dataset.slug
    return {
        "slug": slug,
        "description": dataset.description or None,
        "last_written_at": dataset.last_written_at.isoformat() if dataset.last_written_at else None,
        "columns": len(client.columns.list(slug)),
        "triggers": [t.name for t in client.triggers.list(slug)],
        "slos": [s.name for s in client.slos.list(slug)],
    }


def _environment_summary(client: Any, arguments: Mapping[str, Any]) -> dict[str, Any]:
    auth = client.auth.get()
    datasets = client.datasets.list()
    with ThreadPoolExecutor(max_workers=_WORKERS) as pool:
        summaries = list(pool.map(lambda d: _summary(client, d), datasets))
    return {
        "team": auth.team.slug,
        "environment": auth.environment.slug,
        "datasets": summaries,
        "environment_wide_triggers": [t.name for t in client.triggers.list("__all__")],
        "boards": [b.name for b in client.boards.list()],
    }


def _matcher(pattern: str) -> re.Pattern[str]:
    """A glob (``*latency*``) or, between slashes, a regular expression (``/^http\\./``)."""
    if len(pattern) > 1 and pattern.startswith("/") and pattern.endswith("/"):
        return re.compile(pattern[1:-1], re.IGNORECASE)
    return re.compile(fnmatch.translate(pattern), re.IGNORECASE)


def _columns_search(client: Any, arguments: Mapping[str, Any]) -> list[dict[str, Any]]:
    matcher = _matcher(str(arguments["pattern"]))
    slugs = arguments.get("datasets") or [d.slug for d in client.datasets.list()]
    with ThreadPoolExecutor(max_workers=_WORKERS) as pool:
        listings = list(pool.map(client.columns.list, slugs))
    return [
        {
            "dataset": slug,
            "key_name": column.key_name,
            "type": str(column.type) if column.type is not None else None,
            "description": column.description or None,
            "hidden": column.hidden,
        }
        for slug, columns in zip(slugs, listings, strict=True)
        for column in columns
        if column.key_name and matcher.search(column.key_name)
    ]


def _porting_plan(client: Any, arguments: Mapping[str, Any]) -> dict[str, Any]:
    from honeycomb.porting import Snapshot

    plan = client.porting.plan(
        Snapshot.read(str(arguments["dir"])),
        prune=bool(arguments.get("prune", False)),
        dataset_map=arguments.get("dataset_map") or None,
    )
    return {"summary": plan.summary(), "plan": str(plan), "changes": plan.to_dict()}


def task_tools() -> list[ToolSpec]:
    """The task tools, all read-only.

    Returns:
        ``query_run``, ``environment_summary``, ``columns_search`` and ``porting_plan``.
    """
    from honeycomb.models.queries import QuerySpec

    query_schema = compact_schema(QuerySpec.model_json_schema(by_alias=True))
    defs = query_schema.pop("$defs", {})
    run_schema: dict[str, Any] = {
        "type": "object",
        "properties": {
            "dataset": {"type": "string", "description": "Dataset slug, or __all__."},
            "query": query_schema,
            "max_rows": {"type": "integer", "minimum": 1, "description": "Rows to return."},
            "timeout": {"type": "number", "description": "Seconds to wait for the result."},
        },
        "required": ["dataset", "query"],
        "additionalProperties": False,
    }
    if defs:
        run_schema["$defs"] = defs
    return [
        ToolSpec(
            name="query_run",
            group=TASKS,
            description=(
                "Run a query (a Honeycomb query spec) and return the result as a compact "
                "table: columns, rows, row_count and query_url."
            ),
            input_schema=run_schema,
            kind="read",
            call=_query_run,
        ),
        ToolSpec(
            name="environment_summary",
            group=TASKS,
            description=(
                "The environment at a glance: team, environment, each dataset with its "
                "column count, triggers and SLOs, and the boards."
            ),
            input_schema={"type": "object", "properties": {}, "additionalProperties": False},
            kind="read",
            call=_environment_summary,
        ),
        ToolSpec(
            name="columns_search",
            group=TASKS,
            description=(
                "Find columns by name across datasets: a glob (*latency*) or a regular "
                "expression between slashes (/^http\\./), case-insensitive."
            ),
            input_schema={
                "type": "object",
                "properties": {
                    "pattern": {"type": "string"},
                    "datasets": {"type": "array", "items": {"type": "string"}},
                },
                "required": ["pattern"],
                "additionalProperties": False,
            },
            kind="read",
            call=_columns_search,
        ),
        ToolSpec(
            name="porting_plan",
            group=TASKS,
            description=(
                "Show what would change if a snapshot directory (from honeycomb export) were "
                "applied to this environment. Read-only: nothing is applied."
            ),
            input_schema={
                "type": "object",
                "properties": {
                    "dir": {"type": "string", "description": "The snapshot directory."},
                    "prune": {"type": "boolean", "description": "Also plan deletes."},
                    "dataset_map": {
                        "type": "object",
                        "additionalProperties": {"type": "string"},
                        "description": "Source dataset slug -> target dataset slug.",
                    },
                },
                "required": ["dir"],
                "additionalProperties": False,
            },
            kind="read",
            call=_porting_plan,
        ),
    ]
