"""Client configuration: credentials, regions, environment variables and defaults.

Pure: no I/O beyond reading ``os.environ``. Both clients resolve their settings here,
so the sync and async clients can never disagree about precedence, which is:
explicit argument > environment variable > default.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urlsplit

import httpx

from honeycomb.errors import ConfigurationError, MissingCredentialError

__all__ = [
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "ENV_API_ENDPOINT",
    "ENV_API_KEY",
    "ENV_KEY_ID",
    "ENV_KEY_SECRET",
    "REGIONS",
    "AuthKind",
    "ClientConfig",
    "ManagementKey",
    "mask_secret",
    "resolve_config",
]

ENV_API_KEY = "HONEYCOMB_API_KEY"
ENV_LEGACY_API_KEY = "HONEYCOMBIO_APIKEY"
ENV_KEY_ID = "HONEYCOMB_KEY_ID"
ENV_KEY_SECRET = "HONEYCOMB_KEY_SECRET"
ENV_API_ENDPOINT = "HONEYCOMB_API_ENDPOINT"

REGIONS: Mapping[str, str] = {
    "us": "https://api.honeycomb.io",
    "eu": "https://api.eu1.honeycomb.io",
}

DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=5.0)
"""60 s for the whole exchange, 5 s to connect: queries can be slow, dead hosts should not."""

DEFAULT_MAX_RETRIES = 2
"""Three attempts in all, as the Stripe and Stainless SDKs do."""

AuthKind = Literal["config", "management", "firehose", "none"]
"""Which credential a request carries: the API key as ``X-Honeycomb-Team`` (or, for the
Kinesis Firehose endpoint, as ``X-Amz-Firehose-Access-Key``), or the management key as
``Authorization: Bearer``."""

_MANAGEMENT_PREFIX = "hc"
_MASK = "…"


def mask_secret(secret: str) -> str:
    """Return a form of ``secret`` that is safe to print: its prefix and last four characters.

    ``hcxlk_0123456789abcdefghijklmnop`` becomes ``hcxlk_…mnop``; a classic 32-hex key
    becomes ``…cdef``; anything of eight characters or fewer is hidden entirely.

    Args:
        secret: An API key, key id or key secret.

    Returns:
        The masked string.
    """
    if len(secret) <= 8:
        return _MASK
    prefix = ""
    head, sep, _ = secret.partition("_")
    if sep and head.startswith(_MANAGEMENT_PREFIX) and len(head) <= 6:
        prefix = head + sep
    return f"{prefix}{_MASK}{secret[-4:]}"


@dataclass(frozen=True)
class ManagementKey:
    """A management key: an id and a secret, sent as ``Authorization: Bearer id:secret``."""

    key_id: str
    secret: str = field(repr=False)

    def __post_init__(self) -> None:
        if not self.key_id or not self.secret:
            raise ConfigurationError("management_key needs both a key id and a secret")
        check_key_characters(self.key_id, "the management key id")
        check_key_characters(self.secret, "the management key secret")

    @classmethod
    def parse(cls, value: str | tuple[str, str] | ManagementKey) -> ManagementKey:
        """Read a management key given as ``"id:secret"``, ``(id, secret)`` or a ManagementKey.

        Args:
            value: The key in one of the accepted forms.

        Returns:
            The parsed key.

        Raises:
            TypeError: When ``value`` is of another type.
            ConfigurationError: When the string has no ``:`` separating id and secret, or
                the id or secret is not printable ASCII.
        """
        if isinstance(value, ManagementKey):
            return value
        if isinstance(value, tuple):
            if len(value) != 2 or not all(isinstance(part, str) for part in value):
                raise TypeError("management_key tuple must be (key_id, secret), both strings")
            return cls(value[0], value[1])
        if isinstance(value, str):
            key_id, sep, secret = value.partition(":")
            if not sep:
                raise ConfigurationError(
                    "management_key must be 'key_id:secret' (or a (key_id, secret) tuple); "
                    f"got a string without ':' ({mask_secret(value)})"
                )
            return cls(key_id.strip(), secret.strip())
        raise TypeError(
            "management_key must be a 'key_id:secret' string or a tuple, "
            f"not {type(value).__name__}"
        )

    @property
    def bearer(self) -> str:
        """The ``Authorization`` header value."""
        return f"Bearer {self.key_id}:{self.secret}"

    def masked(self) -> str:
        """The key id, masked, followed by a hidden secret."""
        return f"{mask_secret(self.key_id)}:{_MASK}"

    def __repr__(self) -> str:
        return f"ManagementKey({self.masked()!r})"


@dataclass(frozen=True)
class ClientConfig:
    """Resolved, validated settings shared by ``Client`` and ``AsyncClient``."""

    base_url: str
    api_key: str | None = field(repr=False)
    management_key: ManagementKey | None = field(repr=False)
    team: str | None
    timeout: httpx.Timeout | None
    """None: the default, or the injected ``http_client``'s own timeout."""
    max_retries: int
    default_headers: Mapping[str, str]
    allow_insecure_http: bool
    cache_ttl: float = 0.0
    """Seconds GET responses are kept; 0 is no caching (or bypassing a shared cache)."""

    def secrets(self) -> tuple[str, ...]:
        """Every secret string this configuration holds, for redaction."""
        found: list[str] = []
        if self.api_key:
            found.append(self.api_key)
        if self.management_key:
            found.extend([self.management_key.secret, self.management_key.key_id])
        return tuple(s for s in found if len(s) > 4)

    def describe_credentials(self) -> str:
        """A masked summary of the credentials, for ``repr()``."""
        parts = []
        if self.api_key:
            parts.append(f"api_key={mask_secret(self.api_key)!r}")
        if self.management_key:
            parts.append(f"management_key={self.management_key.masked()!r}")
        return ", ".join(parts)

    def auth_headers(self, kind: AuthKind) -> dict[str, str]:
        """The headers that authenticate a request of ``kind``.

        Args:
            kind: ``"config"`` for v1 endpoints, ``"management"`` for v2 endpoints,
                ``"firehose"`` for ``/1/kinesis_events``.

        Returns:
            The header dict (empty for ``"none"``).

        Raises:
            MissingCredentialError: When the needed kind of key was not configured; the
                message names the argument and the environment variable to set.
        """
        if kind in ("config", "firehose"):
            if self.api_key is None:
                raise MissingCredentialError(
                    "This operation needs a configuration or ingest key: pass "
                    f"api_key=... or set the {ENV_API_KEY} environment variable.",
                    env_vars=(ENV_API_KEY,),
                )
            if kind == "firehose":
                return {"X-Amz-Firehose-Access-Key": self.api_key}
            return {"X-Honeycomb-Team": self.api_key}
        if kind == "management":
            if self.management_key is None:
                raise MissingCredentialError(
                    "This operation needs a management key: pass management_key='id:secret' "
                    f"or set the {ENV_KEY_ID} and {ENV_KEY_SECRET} environment variables.",
                    env_vars=(ENV_KEY_ID, ENV_KEY_SECRET),
                )
            return {"Authorization": self.management_key.bearer}
        return {}


def _is_loopback(host: str) -> bool:
    """Loopback by definition only: an IP literal or ``localhost``. ``*.localhost`` and
    ``localhost.localdomain`` are usually loopback too, but reach DNS (or /etc/hosts) on
    some systems, so plain http:// to them needs ``allow_insecure_http``."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _check_base_url(url: str, allow_insecure_http: bool) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigurationError(f"base_url must be an http(s) URL with a host, got {url!r}")
    if parts.scheme == "http" and not allow_insecure_http and not _is_loopback(parts.hostname):
        raise ConfigurationError(
            f"Refusing plain http:// to {parts.hostname}: keys would travel unencrypted. "
            "Use https://, or pass allow_insecure_http=True if you really mean it "
            "(loopback addresses are always allowed)."
        )
    return url.rstrip("/")


def check_key_characters(key: str, what: str) -> str:
    """Refuse a key that cannot be a header value: keys are printable ASCII.

    A stray newline or a pasted typographic quote would otherwise reach httpx, whose error
    message prints the whole header value. The key itself is never put in the message.

    Args:
        key: The key, already stripped.
        what: Its name for the message (``api_key``, ``management key secret``).

    Returns:
        The key.

    Raises:
        ConfigurationError: When a character is a control character, a space or not ASCII.
    """
    for position, char in enumerate(key):
        if not "!" <= char <= "~":
            kind = "a non-ASCII character" if ord(char) > 0x7F else "a control character or space"
            raise ConfigurationError(
                f"{what} contains {kind} at position {position} (of {len(key)}); keys are "
                "printable ASCII: check for a stray newline, space or pasted quote"
            )
    return key


def _check_api_key(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"api_key must be a string, not {type(value).__name__}")
    key = value.strip()
    if not key:
        raise ConfigurationError("api_key is empty")
    check_key_characters(key, "api_key")
    if key.startswith(("hcxmk_", "hcamk_", "hcbmk_")) or (":" in key and key.startswith("hc")):
        raise ConfigurationError(
            "api_key looks like a management key (hc?mk_...); pass it as "
            "management_key='id:secret' instead"
        )
    return key


def _resolve_timeout(timeout: float | httpx.Timeout | None) -> httpx.Timeout | None:
    if timeout is None:
        return None
    if isinstance(timeout, httpx.Timeout):
        return timeout
    if isinstance(timeout, (int, float)) and not isinstance(timeout, bool):
        if timeout <= 0:
            raise ConfigurationError("timeout must be positive")
        return httpx.Timeout(float(timeout), connect=min(5.0, float(timeout)))
    raise TypeError(f"timeout must be a number or httpx.Timeout, not {type(timeout).__name__}")


def _resolve_max_retries(max_retries: object) -> int:
    if max_retries is None:
        raise TypeError("max_retries cannot be None; pass 0 to disable retries")
    if not isinstance(max_retries, int) or isinstance(max_retries, bool) or max_retries < 0:
        raise ConfigurationError(f"max_retries must be an integer >= 0, got {max_retries!r}")
    return max_retries


def _resolve_cache_ttl(cache_ttl: object) -> float:
    if cache_ttl is None:
        return 0.0
    if not isinstance(cache_ttl, (int, float)) or isinstance(cache_ttl, bool):
        raise TypeError(f"cache_ttl must be a number of seconds, not {type(cache_ttl).__name__}")
    if not cache_ttl >= 0 or cache_ttl == float("inf"):
        raise ValueError(f"cache_ttl must be a finite number of seconds >= 0, got {cache_ttl!r}")
    return float(cache_ttl)


def resolve_config(
    *,
    api_key: str | None,
    management_key: str | tuple[str, str] | ManagementKey | None,
    team: str | None,
    base_url: str | None,
    region: str | None,
    timeout: float | httpx.Timeout | None,
    max_retries: int,
    default_headers: Mapping[str, str] | None,
    allow_insecure_http: bool,
    cache_ttl: float | None = None,
    environ: Mapping[str, str] | None = None,
) -> ClientConfig:
    """Combine explicit arguments, the environment and defaults into a ``ClientConfig``.

    Args:
        api_key: Configuration or ingest key, or None to read ``HONEYCOMB_API_KEY``.
        management_key: ``"id:secret"`` or ``(id, secret)``, or None to read
            ``HONEYCOMB_KEY_ID`` and ``HONEYCOMB_KEY_SECRET``.
        team: Team slug for /2 endpoints, or None to discover it from ``GET /2/auth``.
        base_url: API root, or None for the region's (or ``HONEYCOMB_API_ENDPOINT``).
        region: ``"us"`` or ``"eu"``.
        timeout: Seconds or an ``httpx.Timeout``; None for the default.
        max_retries: Retries after the first attempt; 0 disables them.
        default_headers: Headers added to every request.
        allow_insecure_http: Allow ``http://`` to a host other than loopback.
        cache_ttl: Seconds to cache GET responses; None or 0 for no caching.
        environ: The environment to read (``os.environ`` when None).

    Returns:
        The resolved configuration.

    Raises:
        MissingCredentialError: When neither kind of key is given or set in the environment.
        ConfigurationError: For an unknown region, a bad URL, or a malformed key (also a
            ``ValueError``; the message never contains the key).
        TypeError: For arguments of the wrong type.
    """
    env = os.environ if environ is None else environ

    key = api_key if api_key is not None else env.get(ENV_API_KEY) or env.get(ENV_LEGACY_API_KEY)
    resolved_key = _check_api_key(key) if key is not None else None

    mgmt: ManagementKey | None
    if management_key is not None:
        mgmt = ManagementKey.parse(management_key)
    elif env.get(ENV_KEY_ID) and env.get(ENV_KEY_SECRET):
        mgmt = ManagementKey(env[ENV_KEY_ID].strip(), env[ENV_KEY_SECRET].strip())
    else:
        mgmt = None

    if resolved_key is None and mgmt is None:
        raise MissingCredentialError(
            "No Honeycomb credentials found: pass api_key=... (a configuration or ingest key) "
            f"or set {ENV_API_KEY}; for team-level (v2) endpoints pass management_key='id:secret' "
            f"or set {ENV_KEY_ID} and {ENV_KEY_SECRET}.",
            env_vars=(ENV_API_KEY, ENV_KEY_ID, ENV_KEY_SECRET),
        )

    if region is not None and region not in REGIONS:
        raise ConfigurationError(f"region must be one of {sorted(REGIONS)}, got {region!r}")
    if base_url is not None:
        url = base_url
    elif region is not None:
        url = REGIONS[region]
    else:
        url = env.get(ENV_API_ENDPOINT) or REGIONS["us"]

    return ClientConfig(
        base_url=_check_base_url(url, allow_insecure_http),
        api_key=resolved_key,
        management_key=mgmt,
        team=team,
        timeout=_resolve_timeout(timeout),
        max_retries=_resolve_max_retries(max_retries),
        default_headers=dict(default_headers or {}),
        allow_insecure_http=allow_insecure_http,
        cache_ttl=_resolve_cache_ttl(cache_ttl),
    )
