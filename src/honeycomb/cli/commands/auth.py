"""``honeycomb auth login|status|logout``: store, check and forget credentials."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from honeycomb.cli import context
from honeycomb.cli.commands.config import Region, forget_profile, mask, store_profile
from honeycomb.cli.context import CliError, CliState, current

app = typer.Typer(
    help="Log in, show and forget credentials.", no_args_is_help=True, add_completion=False
)

MANAGEMENT_PREFIXES = ("hcxmk_", "hcamk_", "hcbmk_")


def classify_tokens(text: str) -> tuple[str | None, str | None]:
    """Split what ``--with-token`` read into an API key and a management key.

    One key per line; a management key is ``KEY_ID:SECRET`` (its id starts ``hc?mk_``).

    Examples:
        >>> classify_tokens("hcxlk_abc\\nhcxmk_id:secret\\n")
        ('hcxlk_abc', 'hcxmk_id:secret')

    Args:
        text: The standard input.

    Returns:
        ``(api_key, management_key)``, either may be None.

    Raises:
        CliError: When there is no key, or two of one kind.
    """
    api_key = management_key = None
    for line in text.splitlines():
        token = line.strip()
        if not token:
            continue
        if ":" in token or token.startswith(MANAGEMENT_PREFIXES):
            if management_key is not None:
                raise CliError("--with-token read two management keys; give one per kind")
            management_key = token
        else:
            if api_key is not None:
                raise CliError("--with-token read two API keys; give one per kind")
            api_key = token
    if api_key is None and management_key is None:
        raise CliError("--with-token read no key from stdin")
    return api_key, management_key


def _prompt_keys() -> tuple[str | None, str | None]:
    api_key = typer.prompt(
        "API key (configuration or ingest; Enter to skip)",
        default="",
        hide_input=True,
        show_default=False,
        err=True,
    ).strip()
    management_key = typer.prompt(
        "Management key KEY_ID:SECRET (Enter to skip)",
        default="",
        hide_input=True,
        show_default=False,
        err=True,
    ).strip()
    if not (api_key or management_key):
        raise CliError("no key given")
    return api_key or None, management_key or None


def _verify(
    api_key: str | None, management_key: str | None, api_url: str | None, region: str | None
) -> dict[str, Any]:
    """Ask the API who the keys belong to (fails for a wrong key, before anything is saved)."""
    from honeycomb.cli._client import build_client
    from honeycomb.cli.credentials import Credentials

    client = build_client(
        Credentials(
            api_key=api_key,
            management_key=management_key,
            api_url=api_url,
            region=region,
            source="the login",
        )
    )
    try:
        return _identity(client, api_key is not None, management_key is not None)
    finally:
        client.close()


def _identity(client: Any, has_key: bool, has_management: bool) -> dict[str, Any]:
    info: dict[str, Any] = {}
    if has_key:
        auth = client.auth.get()
        info["team"] = auth.team.slug
        info["environment"] = auth.environment.slug
        info["key_type"] = str(auth.type) if auth.type is not None else None
    if has_management:
        management = client.auth.get_management()
        info["management_team"] = management.team_slug
        info["management_scopes"] = management.scopes
    return info


@app.command("login")
def login(
    profile: Annotated[
        str | None, typer.Option("--profile", "-p", help="Profile to store (default: default).")
    ] = None,
    with_token: Annotated[
        bool, typer.Option("--with-token", help="Read the key(s) from stdin, one per line.")
    ] = False,
    api_url: Annotated[str | None, typer.Option("--api-url", help="API root URL.")] = None,
    region: Annotated[Region | None, typer.Option("--region", help="us or eu.")] = None,
    verify: Annotated[
        bool, typer.Option("--verify/--no-verify", help="Check the keys with the API first.")
    ] = True,
) -> None:
    """Store keys for a profile in the OS keyring (a private file where there is none)."""
    cli = current()
    name = profile or cli.options.profile or "default"
    api_url = api_url or cli.options.api_url
    if with_token:
        api_key, management_key = classify_tokens(sys.stdin.read())
    elif context.stdin_is_terminal():
        api_key, management_key = _prompt_keys()
    else:
        raise CliError("stdin is not a terminal: pipe the key in with --with-token")
    region_value = region.value if region else None
    identity = _verify(api_key, management_key, api_url, region_value) if verify else {}
    where = store_profile(
        cli,
        name,
        api_key=api_key,
        management_key=management_key,
        api_url=api_url,
        region=region_value,
    )
    team = identity.get("team") or identity.get("management_team")
    who = f" to team {team!r}" if team else ""
    env = f", environment {identity['environment']!r}" if identity.get("environment") else ""
    cli.message(f"Logged in{who}{env} as profile {name!r} (keys in {where}).")


def _status(cli: CliState) -> tuple[dict[str, Any], bool]:
    creds = cli.credentials()
    row: dict[str, Any] = {
        "profile": creds.profile,
        "source": creds.source,
        "api_url": cli.client.base_url,
        "api_key": mask(creds.api_key),
        "management_key": mask(creds.management_key),
    }
    from honeycomb.errors import HoneycombError

    healthy = True
    try:
        row.update(
            _identity(cli.client, creds.api_key is not None, creds.management_key is not None)
        )
    except HoneycombError as err:
        row["error"] = " ".join(str(err).split())
        healthy = False
    return row, healthy


@app.command("status")
def status() -> None:
    """Show which credentials commands use: team, environment, key kind, masked keys."""
    cli = current()
    row, healthy = _status(cli)
    cli.emit(row, id_key="profile")
    if not healthy:
        raise CliError(f"the credentials from {row['source']} do not work: {row['error']}")


@app.command("logout")
def logout(
    profile: Annotated[
        str | None, typer.Option("--profile", "-p", help="Profile (default: the default one).")
    ] = None,
) -> None:
    """Forget a profile and its keys."""
    cli = current()
    name = profile or cli.options.profile or cli.config.default
    if name is None:
        raise CliError("no profile to log out of (honeycomb config list)")
    forget_profile(cli, name, f"Logged out of profile {name!r}; its keys are deleted.")
