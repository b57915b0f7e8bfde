"""``honeycomb query run``: run a query from a spec, a file, or builder flags, print its rows.

The query is assembled by :mod:`honeycomb.cli.query_flags` (flags extend a ``--spec`` or
``-f`` query), validated locally with the Query Data API's rules, saved once, then run
with polling. ``--watch N`` runs the saved query again every N seconds; on a terminal
the output is redrawn in place, in a pipe each run is printed after the last.
"""

from __future__ import annotations

import sys
import time
import warnings
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any

import typer

from honeycomb.cli.context import CliError, current

if TYPE_CHECKING:
    from honeycomb.cli.context import CliState
    from honeycomb.models.queries import QueryResult

app = typer.Typer(add_completion=False, help="Run queries.", no_args_is_help=True)


@app.callback()
def _group() -> None:
    """Run queries."""


_BUILDER = "Query builder"
_CLEAR = "\x1b[H\x1b[2J"  # cursor home, clear screen


@app.command("run")
def run(
    dataset: Annotated[
        str,
        typer.Option("--dataset", "-d", help="Dataset slug, or __all__ for the whole environment."),
    ],
    spec: Annotated[
        str | None,
        typer.Option("--spec", help="The query as JSON (builder flags extend it)."),
    ] = None,
    file: Annotated[
        str | None,
        typer.Option("--file", "-f", help="The query from a JSON or YAML file, or - for stdin."),
    ] = None,
    calc: Annotated[
        list[str] | None,
        typer.Option(
            "--calc",
            help="A calculation: COUNT, P99(duration_ms)... (repeatable).",
            rich_help_panel=_BUILDER,
        ),
    ] = None,
    where: Annotated[
        list[str] | None,
        typer.Option(
            "--where",
            help="A filter: 'status_code >= 500', 'error exists', 'region in a,b' (repeatable).",
            rich_help_panel=_BUILDER,
        ),
    ] = None,
    any_: Annotated[
        bool,
        typer.Option(
            "--any", help="Match any filter (OR) instead of all.", rich_help_panel=_BUILDER
        ),
    ] = False,
    breakdown: Annotated[
        list[str] | None,
        typer.Option(
            "--breakdown", help="Group by this column (repeatable).", rich_help_panel=_BUILDER
        ),
    ] = None,
    order: Annotated[
        list[str] | None,
        typer.Option(
            "--order",
            help="Order: 'P99(duration_ms) desc', 'endpoint' (repeatable).",
            rich_help_panel=_BUILDER,
        ),
    ] = None,
    having: Annotated[
        list[str] | None,
        typer.Option(
            "--having",
            help="Keep groups where: 'COUNT > 10' (repeatable).",
            rich_help_panel=_BUILDER,
        ),
    ] = None,
    limit: Annotated[
        int | None,
        typer.Option("--limit", min=1, help="Most rows (up to 10,000).", rich_help_panel=_BUILDER),
    ] = None,
    last: Annotated[
        str | None,
        typer.Option(
            "--last", help="Time window ending now: 30m, 2h, 1d.", rich_help_panel=_BUILDER
        ),
    ] = None,
    start: Annotated[
        str | None,
        typer.Option(
            "--start",
            help="Start: ISO 8601 (UTC if no offset) or epoch seconds.",
            rich_help_panel=_BUILDER,
        ),
    ] = None,
    end: Annotated[
        str | None,
        typer.Option(
            "--end",
            help="End: ISO 8601 (UTC if no offset) or epoch seconds.",
            rich_help_panel=_BUILDER,
        ),
    ] = None,
    granularity: Annotated[
        str | None,
        typer.Option("--granularity", help="Time bucket: 60, 1m, 5m.", rich_help_panel=_BUILDER),
    ] = None,
    watch: Annotated[
        float | None,
        typer.Option("--watch", min=1, help="Run again every SECONDS until Ctrl-C."),
    ] = None,
    timeout: Annotated[
        float, typer.Option("--timeout", min=1, help="Seconds to wait for one result.")
    ] = 60.0,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the validated query; run nothing.")
    ] = False,
) -> None:
    """Run a query and print its rows."""
    from honeycomb.cli.query_flags import QueryFlagError, QueryFlags, apply_flags, check_query
    from honeycomb.query import QueryBuilder, QueryWarning

    cli = current()
    flags = QueryFlags(
        calculations=calc or (),
        filters=where or (),
        any=any_,
        breakdowns=breakdown or (),
        orders=order or (),
        havings=having or (),
        limit=limit,
        last=last,
        start=start,
        end=end,
        granularity=granularity,
    )
    base_spec = _base_spec(spec, file)
    try:
        base = QueryBuilder.from_spec(base_spec) if base_spec is not None else None
        builder = apply_flags(flags, base, now=time.time())
    except QueryFlagError as err:
        raise typer.BadParameter(err.reason, param_hint=f"{err.flag} {err.value!r}") from None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", QueryWarning)
        body = check_query(builder, flags, base=base_spec, disable_series=True)
    for warning in caught:
        cli.warn(str(warning.message))
    if dry_run:
        cli.emit(body, fmt=cli.options.output or "json")
        return

    client = cli.client
    # A saved query takes at most 1,000 rows; a result run without series takes 10,000.
    rows_limit = body.get("limit")
    if isinstance(rows_limit, int) and rows_limit > 1000:
        body["limit"] = 1000
    else:
        rows_limit = None
    saved = client.queries.create(dataset, body)
    if not saved.id:
        raise CliError("the API saved the query but returned no id")

    def once() -> QueryResult:
        return client.query_results.run(
            dataset, saved.id or "", timeout=timeout, disable_series=True, limit=rows_limit
        )

    if watch is None:
        result = once()
        _show(cli, result)
        return
    _watch(cli, once, watch, f"{dataset}: {_describe(body)}")


def _base_spec(spec: str | None, file: str | None) -> dict[str, Any] | None:
    from honeycomb.cli.inputs import parse_document, read_document

    if spec is not None and file is not None:
        raise typer.BadParameter(
            "give the query with --spec or with -f, not both", param_hint="--spec"
        )
    if spec is None and file is None:
        return None
    document = parse_document(spec, "--spec") if spec is not None else read_document(file or "-")
    if not isinstance(document, dict):
        raise CliError("the query must be a JSON object (a query specification)")
    return document


def _describe(body: dict[str, Any]) -> str:
    from honeycomb.models.queries import calculation_label

    calcs = [calculation_label(c["op"], c.get("column")) for c in body.get("calculations", [])]
    text = ", ".join(calcs) or "COUNT"
    if body.get("breakdowns"):
        text += " by " + ", ".join(body["breakdowns"])
    return text


def _show(cli: CliState, result: QueryResult) -> None:
    if result.query_url:
        cli.message(f"Query: {result.query_url}")
    cli.emit(result.rows, columns=result.columns or None)


def _pause(seconds: float) -> None:
    """Wait between watch runs (the seam tests replace)."""
    time.sleep(seconds)


def _watch(cli: CliState, once: Callable[[], QueryResult], every: float, title: str) -> None:
    """Run ``once`` every ``every`` seconds until Ctrl-C (which ends it with status 0).

    A failed run (a rate limit, a timeout) is reported on stderr and the next run goes
    ahead: a dashboard left open should survive a bad minute.
    """
    from honeycomb.cli._group import describe_error
    from honeycomb.errors import HoneycombError

    redraw = cli.format == "table" and sys.stdout.isatty()
    try:
        while True:
            started = time.monotonic()
            try:
                result = once()
            except HoneycombError as err:
                cli.err.print(f"Error: {describe_error(err)}", markup=False, highlight=False)
            else:
                if redraw:
                    cli.write(_CLEAR)
                    cli.write(f"Every {every:g}s: {title}    {time.strftime('%H:%M:%S')}\n\n")
                cli.emit(result.rows, columns=result.columns or None)
            _pause(max(every - (time.monotonic() - started), 0.0))
    except KeyboardInterrupt:
        cli.message("Stopped watching.")
