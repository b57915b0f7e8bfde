"""The ``honeycomb`` application: the registry of command groups.

Adding a command group
----------------------
Write ``src/honeycomb/cli/commands/<name>.py`` with a ``typer.Typer`` called ``app`` (a
group of commands, or a single command), then add ONE line to ``COMMANDS`` below::

    "query": Lazy("honeycomb.cli.commands.query:app", "Run queries.", WORKFLOWS),

The module is imported only when its command runs, so ``honeycomb --help`` stays fast:
import the SDK's resources and models inside your command functions, not at the top of
the module. Every global option (``-o``, ``-q``, ``--profile``...) is added to your
commands automatically. In a command, ``cli = current()`` (``honeycomb.cli.context``)
gives ``cli.client`` (the sync ``Client`` for the chosen credentials), ``cli.emit(result,
columns=...)`` (prints in the ``-o`` format), ``cli.message()``/``cli.warn()`` (stderr)
and ``cli.err`` (a rich console on stderr, for progress bars). Raise ``CliError`` for bad
input; SDK errors need no handling: the group prints one ``Error:`` line and exits 1.
Hidden singular aliases go in ``ALIASES``.
"""

from __future__ import annotations

from honeycomb.cli._group import Lazy, LazyGroup
from honeycomb.cli.resource_specs import RESOURCE_GROUPS

__all__ = ["ALIASES", "COMMANDS", "command"]

SETUP = "Setup"
RESOURCE_PANEL = "Resources"
WORKFLOWS = "Workflows"

COMMANDS: dict[str, Lazy] = {
    "auth": Lazy("honeycomb.cli.commands.auth:app", "Log in, show and forget credentials.", SETUP),
    "config": Lazy("honeycomb.cli.commands.config:app", "Manage profiles.", SETUP),
    # One group per resource of DESIGN section 4, generated from resource_specs.
    **{
        spec.name: Lazy(f"honeycomb.cli.commands.resources:{spec.attr}", spec.help, RESOURCE_PANEL)
        for spec in RESOURCE_GROUPS
    },
    "api": Lazy("honeycomb.cli.commands.api:app", "Send any request, like `gh api`.", WORKFLOWS),
    "mcp": Lazy(
        "honeycomb.cli.commands.mcp:app", "Serve the SDK to agents over MCP (stdio).", WORKFLOWS
    ),
    "query": Lazy("honeycomb.cli.commands.query:app", "Run a query, print its rows.", WORKFLOWS),
    "events": Lazy(
        "honeycomb.cli.commands.events:app", "Send events from NDJSON or JSON.", WORKFLOWS
    ),
    "schema": Lazy("honeycomb.cli.commands.schema:app", "JSON Schemas of the models.", WORKFLOWS),
    "shell": Lazy("honeycomb.cli.commands.shell:app", "An interactive session.", WORKFLOWS),
    "completion": Lazy(
        "honeycomb.cli.commands.completion:app", "Print a shell completion script.", SETUP
    ),
    "export": Lazy(
        "honeycomb.cli.commands.porting:export_app",
        "Write an environment's configuration to files (YAML, JSON or Terraform).",
        WORKFLOWS,
    ),
    "plan": Lazy(
        "honeycomb.cli.commands.porting:plan_app",
        "Show what apply would change to match a snapshot.",
        WORKFLOWS,
    ),
    "apply": Lazy(
        "honeycomb.cli.commands.porting:apply_app",
        "Make an environment match a snapshot.",
        WORKFLOWS,
    ),
    "diff": Lazy(
        "honeycomb.cli.commands.porting:diff_app",
        "Show how two environments differ.",
        WORKFLOWS,
    ),
}

ALIASES: dict[str, str] = {spec.singular: spec.name for spec in RESOURCE_GROUPS}

HELP = """Manage Honeycomb from the terminal and from CI.

Credentials, first match wins: --api-key/--management-key, --profile, the environment
(HONEYCOMB_API_KEY, HONEYCOMB_KEY_ID + HONEYCOMB_KEY_SECRET), the default profile."""


def command() -> LazyGroup:
    """The root click command of ``honeycomb`` (what the console scripts run).

    Returns:
        A fresh group (tests build one per invocation).
    """
    return LazyGroup(
        name="honeycomb",
        lazy=COMMANDS,
        aliases=ALIASES,
        help=HELP,
        no_args_is_help=True,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
