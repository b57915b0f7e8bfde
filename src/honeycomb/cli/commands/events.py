"""``honeycomb events send``: NDJSON or a JSON array from a file or stdin, through the batcher.

The input is streamed (:mod:`honeycomb.cli.event_reader`), so its size does not matter.
Each event goes to ``client.events.batcher``, which sends batches in the background with
bounded memory. On a terminal a progress bar runs on stderr. The summary (sent, failed,
unreadable, seconds, events per second) is printed in the ``-o`` format; the command
exits 1 when any event was not delivered, naming the first lines that failed.
"""

from __future__ import annotations

import os
import stat
import sys
import time
from typing import TYPE_CHECKING, Annotated, Any, BinaryIO

import typer

from honeycomb.cli.context import CliError, current

if TYPE_CHECKING:
    from rich.progress import Progress

    from honeycomb.cli.context import CliState

app = typer.Typer(add_completion=False, help="Send events.", no_args_is_help=True)


@app.callback()
def _group() -> None:
    """Send events."""


MAX_REPORTED = 10
"""How many bad lines and failed events are named on stderr (the counts include all)."""

_PROGRESS_EVERY = 1000  # events between progress-bar updates (a redraw costs more than an add)


@app.command("send")
def send(
    dataset: Annotated[str, typer.Option("--dataset", "-d", help="Dataset slug.")],
    file: Annotated[
        str,
        typer.Option(
            "--file", "-f", help="NDJSON or a JSON array of events; - (the default) for stdin."
        ),
    ] = "-",
) -> None:
    """Send events from NDJSON or a JSON array; exit 1 if any event failed."""
    from honeycomb.cli.event_reader import EventReader, EventReadError

    cli = current()
    stream, size, name = _open(file)
    reader = EventReader(stream)
    lines: dict[int, int] = {}  # batcher index -> input line, until the event's fate is known
    unreadable: list[str] = []
    unreadable_count = 0
    stopped: EventReadError | None = None

    def settle(result: Any) -> None:
        if result.ok:
            lines.pop(result.index, None)

    started = time.monotonic()
    batcher = cli.client.events.batcher(dataset, on_result=settle)
    progress = _progress(cli, size)
    task = progress.add_task(f"Sending {name}", total=size) if progress else None
    added = 0
    try:
        if progress:
            progress.start()
        try:
            for record in reader:
                if record.data is None:
                    unreadable_count += 1
                    if len(unreadable) < MAX_REPORTED:
                        unreadable.append(f"line {record.line}: {record.error}")
                    continue
                lines[added] = record.line  # before add(): the result may come back at once
                batcher.add(record.data)
                added += 1
                if progress and task is not None and added % _PROGRESS_EVERY == 0:
                    progress.update(
                        task, completed=reader.bytes_read, description=f"{added:,} events"
                    )
        except EventReadError as err:
            stopped = err
        batcher.close()  # delivers everything added
        if progress and task is not None:
            progress.update(task, completed=reader.bytes_read, description=f"{added:,} events")
    finally:
        if progress:
            progress.stop()
        if stream is not sys.stdin.buffer:
            stream.close()
    seconds = time.monotonic() - started

    failures = [
        f"line {lines.get(r.index, '?')}: {r.error}" for r in batcher.failures[:MAX_REPORTED]
    ]
    summary = {
        "dataset": dataset,
        "sent": batcher.sent,
        "failed": batcher.failed,
        "unreadable": unreadable_count,
        "seconds": round(seconds, 3),
        "events_per_second": round(batcher.sent / seconds) if seconds > 0 else None,
    }
    cli.emit(summary, id_key="dataset")
    for text in unreadable + failures:
        cli.warn(text)
    problems = []
    if batcher.failed:
        problems.append(f"{batcher.failed:,} of {added:,} events failed")
    if unreadable_count:
        problems.append(
            "1 line was not an event"
            if unreadable_count == 1
            else f"{unreadable_count:,} lines were not events"
        )
    if stopped is not None:
        problems.append(f"reading stopped at {stopped} (the events before it were sent)")
    if problems:
        raise CliError("; ".join(problems))


def _open(file: str) -> tuple[BinaryIO, int | None, str]:
    """The input stream, its size when it is a regular file, and a name for it."""
    if file == "-":
        if sys.stdin.isatty():
            raise CliError("no events: pipe NDJSON or a JSON array into stdin, or give -f FILE")
        return sys.stdin.buffer, _size(sys.stdin.buffer), "stdin"
    try:
        stream = open(file, "rb")  # noqa: SIM115 (closed by the caller)
    except OSError as err:
        raise CliError(f"cannot read {file}: {err.strerror or err}") from None
    return stream, _size(stream), os.path.basename(file)


def _size(stream: BinaryIO) -> int | None:
    try:
        info = os.fstat(stream.fileno())
    except (OSError, ValueError, AttributeError):
        return None
    return info.st_size if stat.S_ISREG(info.st_mode) else None


def _progress(cli: CliState, size: int | None) -> Progress | None:
    """A progress bar on stderr when it is a terminal (none with --quiet)."""
    if cli.options.quiet or not cli.err.is_terminal:
        return None
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TransferSpeedColumn,
    )

    columns: list[Any] = [SpinnerColumn(), TextColumn("{task.description}")]
    if size is not None:
        columns += [BarColumn(), DownloadColumn(), TransferSpeedColumn()]
    columns.append(TimeElapsedColumn())
    return Progress(*columns, console=cli.err, transient=True)
