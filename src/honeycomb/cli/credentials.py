"""Which credentials a command uses. Pure: the caller reads files, keyring and environment.

First match wins: the ``--api-key``/``--management-key``/``--api-url`` flags; the profile
named by ``--profile``; the environment (``HONEYCOMB_API_KEY``, ``HONEYCOMB_KEY_ID`` +
``HONEYCOMB_KEY_SECRET``, ``HONEYCOMB_API_ENDPOINT``); the default profile.

A source supplies its keys as a set: a named profile is never topped up (or silently
overridden) by keys from the environment, and keys in the environment are never mixed with
the default profile's, so one command can never talk to two environments.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

__all__ = ["Credentials", "ProfileKeys", "resolve_credentials"]

ENV_API_KEY = "HONEYCOMB_API_KEY"
ENV_LEGACY_API_KEY = "HONEYCOMBIO_APIKEY"
ENV_KEY_ID = "HONEYCOMB_KEY_ID"
ENV_KEY_SECRET = "HONEYCOMB_KEY_SECRET"
ENV_API_ENDPOINT = "HONEYCOMB_API_ENDPOINT"
# The names match honeycomb._config; they are repeated here so that resolving credentials
# does not import httpx (``--help`` must stay fast).


@dataclass(frozen=True)
class ProfileKeys:
    """What a stored profile supplies.

    Attributes:
        api_key: Its configuration/ingest key.
        management_key: Its management key, ``id:secret``.
        api_url: Its API root.
        region: ``us`` or ``eu``.
    """

    api_key: str | None = field(default=None, repr=False)
    management_key: str | None = field(default=None, repr=False)
    api_url: str | None = None
    region: str | None = None


@dataclass(frozen=True)
class Credentials:
    """The resolved credentials of one command.

    Attributes:
        api_key: The configuration/ingest key, if any.
        management_key: The management key (``id:secret``), if any.
        api_url: The API root, or None for the region's default.
        region: The region, when the source named one instead of a URL.
        source: Where the keys came from, for messages (``profile 'staging'``).
        profile: The profile used, if any.
    """

    api_key: str | None = field(default=None, repr=False)
    management_key: str | None = field(default=None, repr=False)
    api_url: str | None = None
    region: str | None = None
    source: str = "nowhere"
    profile: str | None = None


def _from_environment(env: Mapping[str, str]) -> ProfileKeys | None:
    api_key = env.get(ENV_API_KEY) or env.get(ENV_LEGACY_API_KEY) or None
    key_id, secret = env.get(ENV_KEY_ID), env.get(ENV_KEY_SECRET)
    management = f"{key_id.strip()}:{secret.strip()}" if key_id and secret else None
    if api_key is None and management is None:
        return None
    return ProfileKeys(api_key=api_key, management_key=management)


def resolve_credentials(
    *,
    api_key: str | None,
    management_key: str | None,
    api_url: str | None,
    profile: str | None,
    default_profile: str | None,
    load_profile: Callable[[str], ProfileKeys],
    environ: Mapping[str, str],
) -> Credentials:
    """Apply the precedence rules.

    Examples:
        >>> staging = ProfileKeys(api_key="staging-key", api_url="https://staging.example")
        >>> creds = resolve_credentials(
        ...     api_key=None, management_key=None, api_url=None,
        ...     profile="staging", default_profile=None,
        ...     load_profile=lambda name: staging,
        ...     environ={"HONEYCOMB_API_KEY": "production-key"},
        ... )
        >>> creds.api_key, creds.source
        ('staging-key', "profile 'staging'")

    Args:
        api_key: ``--api-key``.
        management_key: ``--management-key``.
        api_url: ``--api-url``.
        profile: ``--profile``.
        default_profile: The config file's default profile.
        load_profile: Reads a stored profile with its keys (raises when it does not exist).
        environ: The environment.

    Returns:
        The credentials to build the client with (possibly without any key: the client
        then reports what is missing).
    """
    endpoint = environ.get(ENV_API_ENDPOINT) or None
    base: ProfileKeys | None = None
    source = "nowhere"
    used_profile: str | None = None
    url: str | None = None
    region: str | None = None
    if profile is not None:
        base = load_profile(profile)
        source, used_profile = f"profile {profile!r}", profile
        url, region = base.api_url, base.region
    else:
        env_keys = _from_environment(environ)
        if env_keys is not None:
            base, source = env_keys, "the environment"
            url = endpoint
        elif default_profile is not None:
            base = load_profile(default_profile)
            source, used_profile = f"default profile {default_profile!r}", default_profile
            # The environment ranks above the default profile, also for the endpoint.
            url = endpoint or base.api_url
            region = None if endpoint else base.region
        else:
            url = endpoint
    given = (("--api-key", api_key), ("--management-key", management_key))
    flags = [name for name, value in given if value]
    if flags:
        source = " and ".join(flags) if base is None else f"{' and '.join(flags)} over {source}"
    if api_url:
        url, region = api_url, None
    return Credentials(
        api_key=api_key or (base.api_key if base else None),
        management_key=management_key or (base.management_key if base else None),
        api_url=url,
        region=region,
        source=source,
        profile=used_profile,
    )
