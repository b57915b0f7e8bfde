"""``export``, ``plan``, ``apply`` and ``diff``: an environment's configuration as code.

- ``honeycomb export --dir D [--dataset DS ...] [--format yaml|json|terraform]`` writes a
  snapshot (one file per object) or Terraform configuration;
- ``honeycomb plan --dir D [--prune] [--map-dataset SRC=DST ...] [--detailed-exitcode]``
  prints what an apply would change in the profile's environment;
- ``honeycomb apply --dir D [--yes] [--prune] [--map-dataset ...]`` shows the plan, asks on
  a terminal (``--yes`` otherwise), and makes the changes;
- ``honeycomb diff --profile A --compare-profile B [--dataset DS ...]`` shows how B differs
  from A, as the plan that would make B match A.

The plan goes to stdout as text (``-o json`` or ``-o yaml`` for the machine-readable
form); progress and the apply's report go to stderr.
"""

from __future__ import annotations

import dataclasses
import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer

from honeycomb.cli.context import CliError, CliState, current

if TYPE_CHECKING:
    from honeycomb import Client
    from honeycomb.porting import Plan, Snapshot

__all__ = ["apply_app", "diff_app", "export_app", "plan_app"]

export_app = typer.Typer(add_completion=False)
plan_app = typer.Typer(add_completion=False)
apply_app = typer.Typer(add_completion=False)
diff_app = typer.Typer(add_completion=False)

DIR = Annotated[str, typer.Option("--dir", help="The snapshot's folder.")]
DATASETS = Annotated[
    list[str] | None,
    typer.Option(
        "--dataset", "-d", help="Only this dataset (repeatable; __all__ for environment-wide)."
    ),
]
PRUNE = Annotated[
    bool,
    typer.Option(
        "--prune",
        help="Also delete what the snapshot lacks, within the datasets it covers "
        "(never datasets or columns).",
    ),
]
MAP = Annotated[
    list[str] | None,
    typer.Option("--map-dataset", help="SRC=DST: put the snapshot's dataset SRC into DST."),
]
DETAILED = Annotated[
    bool,
    typer.Option(
        "--detailed-exitcode", help="Exit 0 when there is nothing to change, 2 when there is."
    ),
]


def _dataset_map(items: list[str] | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items or []:
        src, sep, dst = item.partition("=")
        if not sep or not src or not dst:
            raise typer.BadParameter(f"{item!r} is not SRC=DST", param_hint="--map-dataset")
        if src in out and out[src] != dst:
            raise typer.BadParameter(f"{src} is mapped twice", param_hint="--map-dataset")
        out[src] = dst
    return out


def _where(client: Client) -> str:
    return client.base_url


def _read(directory: str) -> Snapshot:
    from honeycomb.porting import Snapshot

    return Snapshot.read(directory)


def _print_plan(cli: CliState, plan: Plan, extra: dict[str, Any] | None = None) -> None:
    if cli.options.output in ("json", "yaml"):
        cli.emit({**plan.to_dict(), **(extra or {})})
    else:
        cli.write(str(plan))


def _make_plan(
    cli: CliState, directory: str, prune: bool, map_dataset: list[str] | None
) -> tuple[Snapshot, Plan]:
    mapping = _dataset_map(map_dataset)
    snapshot = _read(directory)
    cli.message(f"Comparing {len(snapshot)} objects from {directory} with {_where(cli.client)}…")
    return snapshot, cli.client.porting.plan(snapshot, prune=prune, dataset_map=mapping or None)


@export_app.command("export")
def export(
    directory: DIR,
    dataset: DATASETS = None,
    format: Annotated[
        str, typer.Option("--format", help="yaml, json, or terraform (.tf files).")
    ] = "yaml",
) -> None:
    """Write the environment's configuration to a folder: one file per object."""
    if format not in ("yaml", "json", "terraform"):
        raise typer.BadParameter(
            f"{format!r} is not yaml, json or terraform", param_hint="--format"
        )
    cli = current()
    cli.message(f"Reading the configuration of {_where(cli.client)}…")
    snapshot = cli.client.porting.export(datasets=dataset or None)
    paths = snapshot.write(directory, format=format)  # type: ignore[arg-type]
    counts = ", ".join(f"{n} {kind}" for kind, n in snapshot.counts().items())
    cli.message(
        f"Wrote {len(snapshot)} objects ({counts or 'none'}) in {len(paths)} files to {directory}."
    )


@plan_app.command("plan")
def plan(
    directory: DIR,
    prune: PRUNE = False,
    map_dataset: MAP = None,
    detailed_exitcode: DETAILED = False,
) -> None:
    """Show what `apply` would change to make the environment match the snapshot."""
    cli = current()
    _, found = _make_plan(cli, directory, prune, map_dataset)
    _print_plan(cli, found)
    if detailed_exitcode and not found.empty:
        raise typer.Exit(2)


@apply_app.command("apply")
def apply(
    directory: DIR,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Apply without asking.")] = False,
    prune: PRUNE = False,
    map_dataset: MAP = None,
) -> None:
    """Make the environment match the snapshot (shows the plan, then asks)."""
    from honeycomb.porting import ApplyError

    cli = current()
    _, found = _make_plan(cli, directory, prune, map_dataset)
    if found.empty:
        _print_plan(cli, found)
        return
    if not yes:
        if not sys.stdin.isatty():
            _print_plan(cli, found)
            raise CliError("refusing to apply without --yes: stdin is not a terminal to ask on")
        _print_plan(cli, found)
        if not typer.confirm("Apply these changes?", default=False, err=True):
            cli.message("Nothing changed.")
            raise typer.Exit(1)
    elif cli.options.output not in ("json", "yaml"):
        _print_plan(cli, found)
    count = f"{len(found)} change{'s' if len(found) != 1 else ''}"
    cli.message(f"Applying {count} to {_where(cli.client)}…")
    try:
        report = cli.client.porting.apply(found)
    except ApplyError as err:
        for line in str(err.report).splitlines():
            cli.err.print(line, markup=False, highlight=False, soft_wrap=True)
        if cli.options.output in ("json", "yaml"):
            cli.emit({"report": err.report.to_dict()})
        raise
    for line in str(report).splitlines()[:-1]:
        cli.message(line)
    if cli.options.output in ("json", "yaml"):
        _print_plan(cli, found, {"report": report.to_dict()})
    else:
        cli.write(report.summary() + "\n")


@diff_app.command("diff")
def diff(
    compare_profile: Annotated[
        str, typer.Option("--compare-profile", help="The profile of the environment to compare.")
    ],
    dataset: DATASETS = None,
    detailed_exitcode: DETAILED = False,
) -> None:
    """Show how the --compare-profile environment differs from the --profile one."""
    cli = current()
    other = _client_for_profile(cli, compare_profile)
    try:
        cli.message(f"Comparing {_where(cli.client)} with {_where(other)} ({compare_profile})…")
        found = cli.client.porting.diff(other, datasets=dataset or None)
    finally:
        other.close()
    _print_plan(cli, found)
    if detailed_exitcode and not found.empty:
        raise typer.Exit(2)


def _client_for_profile(cli: CliState, name: str) -> Client:
    """A client for another profile, by the same rules as ``--profile`` (no flag keys)."""
    from honeycomb.cli._client import build_client

    own = cli.options
    cli.options = dataclasses.replace(
        own, profile=name, api_key=None, management_key=None, api_url=None
    )
    try:
        credentials = cli.credentials()
    finally:
        cli.options = own
    return build_client(credentials)
