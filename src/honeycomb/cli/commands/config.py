"""``honeycomb config list|show|add-profile|remove-profile|set-default``: the profiles.

Profiles live in ``config.yaml`` in the config folder (``$HONEYCOMB_CONFIG_DIR``, else
the platform's user config folder); their keys live in the OS keyring, or in a private
file where no keyring works. Keys are only ever shown masked.
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Any

import typer

from honeycomb.cli.context import CliError, CliState, current

app = typer.Typer(help="Manage profiles.", no_args_is_help=True, add_completion=False)


class Region(str, Enum):
    """Honeycomb regions."""

    us = "us"
    eu = "eu"


def mask(value: str | None) -> str | None:
    """A key as it may be shown: ``hcxlk_…abcd``; management keys as ``hcxmk_…wxyz:…``."""
    if not value:
        return None
    from honeycomb._config import mask_secret

    key_id, sep, _ = value.partition(":")
    return f"{mask_secret(key_id)}:…" if sep else mask_secret(value)


def store_profile(
    cli: CliState,
    name: str,
    *,
    api_key: str | None,
    management_key: str | None,
    api_url: str | None,
    region: str | None,
    make_default: bool = False,
) -> str:
    """Save a profile and its keys; the first profile becomes the default.

    Args:
        cli: The invocation's state.
        name: The profile name.
        api_key: Its configuration/ingest key.
        management_key: Its management key, ``id:secret``.
        api_url: Its API root.
        region: ``us`` or ``eu``.
        make_default: Make it the default profile.

    Returns:
        Where the keys went, for a message (``the keyring`` or the fallback file's path).

    Raises:
        CliError: For a malformed key or URL.
    """
    from honeycomb.cli.profiles import Profile

    _check(api_key, management_key, api_url, region)
    secrets: dict[Any, str] = {}
    if api_key:
        secrets["api_key"] = api_key
    if management_key:
        secrets["management_key"] = management_key
    storage = cli.secrets.store(name, secrets) if secrets else "keyring"
    config = cli.config
    config.profiles[name] = Profile(
        name=name,
        api_url=api_url,
        region=region,
        storage=storage if secrets else None,
        api_key_hint=mask(api_key),
        management_key_hint=mask(management_key),
    )
    if make_default or config.default is None:
        config.default = name
    config.save()
    return "the keyring" if storage == "keyring" else str(cli.secrets.path)


def forget_profile(cli: CliState, name: str, done: str) -> None:
    """Remove a profile and its keys; removing the default clears the default.

    Args:
        cli: The invocation's state.
        name: The profile.
        done: The message to print once it is gone.

    Raises:
        ProfileError: When there is no such profile.
    """
    was_default = cli.config.remove(name)
    cli.secrets.forget(name)
    cli.config.save()
    cli.message(done)
    if was_default:
        cli.warn(
            f"{name!r} was the default profile; there is no default now "
            "(honeycomb config set-default NAME)."
        )


def _check(
    api_key: str | None, management_key: str | None, api_url: str | None, region: str | None
) -> None:
    """Validate keys and URL with the SDK's own rules, before anything is stored."""
    from honeycomb._config import resolve_config

    if not (api_key or management_key):
        return
    try:
        resolve_config(
            api_key=api_key,
            management_key=management_key,
            team=None,
            base_url=api_url,
            region=region,
            timeout=None,
            max_retries=0,
            default_headers=None,
            allow_insecure_http=False,
            environ={},
        )
    except (TypeError, ValueError) as err:
        raise CliError(str(err)) from None


def _row(cli: CliState, name: str) -> dict[str, Any]:
    profile = cli.config.get(name)
    return {
        "name": name,
        "default": cli.config.default == name,
        "api_url": profile.api_url,
        "region": profile.region,
        "api_key": profile.api_key_hint,
        "management_key": profile.management_key_hint,
        "storage": profile.storage,
    }


@app.command("list")
def list_profiles() -> None:
    """List the profiles (keys masked)."""
    cli = current()
    rows = [_row(cli, name) for name in sorted(cli.config.profiles)]
    cli.emit(
        rows,
        columns=("name", "default", "api_url", "region", "api_key", "management_key", "storage"),
        id_key="name",
    )


@app.command("show")
def show(
    name: Annotated[str | None, typer.Argument(help="Profile (default: the default).")] = None,
) -> None:
    """Show one profile (keys masked) and where the configuration is kept."""
    cli = current()
    chosen = name or cli.options.profile or cli.config.default
    if chosen is None:
        raise CliError("no default profile; name one, or run: honeycomb auth login")
    cli.emit({**_row(cli, chosen), "config_file": str(cli.config.path)}, id_key="name")


@app.command("add-profile")
def add_profile(
    name: Annotated[str, typer.Argument(help="The new profile's name.")],
    api_key: Annotated[
        str | None,
        typer.Option(
            "--api-key",
            help="Configuration or ingest key (prefer `auth login`: "
            "a flag lands in the shell history).",
        ),
    ] = None,
    management_key: Annotated[
        str | None, typer.Option("--management-key", help="Management key, KEY_ID:SECRET.")
    ] = None,
    api_url: Annotated[str | None, typer.Option("--api-url", help="API root URL.")] = None,
    region: Annotated[Region | None, typer.Option("--region", help="us or eu.")] = None,
    default: Annotated[bool, typer.Option("--default", help="Make it the default.")] = False,
) -> None:
    """Add (or replace) a profile."""
    cli = current()
    # These options share their names with the global ones, which also record them.
    api_key = api_key or cli.options.api_key
    management_key = management_key or cli.options.management_key
    api_url = api_url or cli.options.api_url
    where = store_profile(
        cli,
        name,
        api_key=api_key,
        management_key=management_key,
        api_url=api_url,
        region=region.value if region else None,
        make_default=default,
    )
    cli.message(f"Saved profile {name!r} (keys in {where}).")


@app.command("remove-profile")
def remove_profile(name: Annotated[str, typer.Argument(help="The profile to remove.")]) -> None:
    """Remove a profile and its keys. Removing the default profile clears the default."""
    forget_profile(current(), name, f"Removed profile {name!r}.")


@app.command("set-default")
def set_default(
    name: Annotated[str, typer.Argument(help="The profile to use by default.")],
) -> None:
    """Make a profile the default."""
    cli = current()
    cli.config.get(name)
    cli.config.default = name
    cli.config.save()
    cli.message(f"Default profile: {name!r}.")
