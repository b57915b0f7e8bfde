"""Recording real API traffic for replay in CI: the vcrpy / pytest-recording configuration.

Record once against the real API, commit the cassettes, replay them in CI without keys.
What is filtered before anything reaches a cassette, in requests and responses alike:

- the credential headers (``X-Honeycomb-Team``, ``Authorization``, the Kinesis Firehose
  ``X-Amz-Firehose-Access-Key``) and cookies, replaced by ``REDACTED``;
- anything shaped like a Honeycomb key with its secret (``hcxik_``/``hcxlk_``/``hcaic_``...
  followed by an id and a secret), in URLs, header values and bodies;
- the values of the key variables in the environment (``HONEYCOMB_API_KEY``,
  ``HONEYCOMB_KEY_ID`` + ``HONEYCOMB_KEY_SECRET``...) and of any ``secrets=`` you pass,
  wherever they appear (a classic 32-hex key looks like a trace id, so only a known one is
  replaced);
- in JSON bodies, the values of fields that hold secrets (``secret``, ``token``,
  ``integration_key``, ``password``...): a minted API key's secret, a webhook's secret.

Requests match on method, path, query and body (not host or port), so a cassette
recorded against ``https://api.honeycomb.io`` replays against any base URL.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable
from typing import Any

__all__ = ["REDACTED", "scrub_secrets", "vcr_config"]

REDACTED = "REDACTED"

CREDENTIAL_HEADERS = (
    "X-Honeycomb-Team",
    "Authorization",
    "X-Amz-Firehose-Access-Key",
    "Cookie",
    "Set-Cookie",
)
_CREDENTIAL_HEADERS_LOWER = frozenset(h.lower() for h in CREDENTIAL_HEADERS)

SECRET_FIELDS = frozenset(
    {
        "secret",
        "token",
        "api_key",
        "apikey",
        "access_key",
        "integration_key",
        "password",
        "private_key",
        "webhook_secret",
        "key_secret",
    }
)
"""JSON field names whose values are replaced wherever they are in a body."""

# A modern key id (hc + three letters + _ + 26) followed by its secret, as ingest keys are
# sent; a classic ingest key (hc?ic_ + 58). A bare key id (26) is an identifier in URLs
# and listings, not a secret, and is kept so that replays see the same ids.
_KEY_PATTERN = re.compile(r"\bhc[a-z]{3}_[A-Za-z0-9]{58,}")

_ENV_SECRETS = (
    "HONEYCOMB_API_KEY",
    "HONEYCOMBIO_APIKEY",
    "HONEYCOMB_KEY_SECRET",
    "HONEYCOMB_INGEST_KEY",
)
_MIN_SECRET_LENGTH = 8  # shorter values would replace ordinary words


def _known_secrets(extra: Iterable[str]) -> list[str]:
    found = {os.environ.get(name, "") for name in _ENV_SECRETS} | set(extra)
    # Longest first, so a key is replaced whole before any part of it.
    return sorted((s for s in found if len(s) >= _MIN_SECRET_LENGTH), key=len, reverse=True)


def scrub_secrets(text: str, secrets: Iterable[str] = ()) -> str:
    """Replace key-shaped values and the given secrets in ``text``.

    Examples:
        >>> scrub_secrets("key=hcxik_" + "a" * 58 + " and s3cr3t-value", ["s3cr3t-value"])
        'key=REDACTED and REDACTED'

    Args:
        text: Any text (a URL, a header value, a body).
        secrets: Exact values to replace as well.

    Returns:
        The text with each of them replaced by ``REDACTED``.
    """
    for secret in secrets:
        if secret in text:
            text = text.replace(secret, REDACTED)
    return _KEY_PATTERN.sub(REDACTED, text)


def _scrub_json(value: Any) -> tuple[Any, bool]:
    """The value with every secret field replaced, and whether anything was."""
    if isinstance(value, dict):
        changed = False
        out: dict[str, Any] = {}
        for key, item in value.items():
            if isinstance(key, str) and key.lower() in SECRET_FIELDS and item not in (None, ""):
                out[key] = REDACTED
                changed = True
            else:
                out[key], sub = _scrub_json(item)
                changed = changed or sub
        return out, changed
    if isinstance(value, list):
        items = [_scrub_json(item) for item in value]
        return [item for item, _ in items], any(sub for _, sub in items)
    return value, False


def _scrub_body(body: bytes | str | None, secrets: list[str]) -> bytes | str | None:
    if not body:
        return body
    if isinstance(body, bytes):
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return body  # compressed event batches: no text to scrub
    else:
        text = body
    scrubbed = scrub_secrets(text, secrets)
    try:
        document = json.loads(scrubbed)
    except ValueError:
        pass
    else:
        document, changed = _scrub_json(document)
        if changed:
            scrubbed = json.dumps(document, separators=(",", ":"))
    if scrubbed == text:
        return body
    return scrubbed.encode("utf-8") if isinstance(body, bytes) else scrubbed


def _request_filter(secrets: list[str]) -> Callable[[Any], Any]:
    def before_record_request(request: Any) -> Any:
        # Applied by vcrpy both when recording and before matching a live request, so
        # the scrubbed forms are what is compared.
        request.uri = scrub_secrets(request.uri, secrets)
        for name in list(request.headers):
            if name.lower() in _CREDENTIAL_HEADERS_LOWER:
                request.headers[name] = REDACTED
            else:
                request.headers[name] = scrub_secrets(str(request.headers[name]), secrets)
        request.body = _scrub_body(request.body, secrets)
        return request

    return before_record_request


def _response_filter(secrets: list[str]) -> Callable[[dict[str, Any]], dict[str, Any]]:
    def before_record_response(response: dict[str, Any]) -> dict[str, Any]:
        headers: dict[str, list[str]] = response.get("headers") or {}
        for name, values in list(headers.items()):
            if name.lower() in _CREDENTIAL_HEADERS_LOWER:
                headers[name] = [REDACTED]
            else:
                headers[name] = [scrub_secrets(str(v), secrets) for v in values]
        body = response.get("body") or {}
        if "string" in body:
            body["string"] = _scrub_body(body["string"], secrets)
        return response

    return before_record_response


def vcr_config(*, secrets: Iterable[str] = (), **overrides: Any) -> dict[str, Any]:
    """The vcrpy configuration for cassettes of Honeycomb API traffic, with no credentials.

    Use it as pytest-recording's ``vcr_config`` fixture, or as ``vcr.VCR(**vcr_config())``.

    Examples:
        >>> import vcr
        >>> config = vcr_config(record_mode="none")
        >>> ("X-Honeycomb-Team", "REDACTED") in config["filter_headers"]
        True
        >>> recorder = vcr.VCR(**config)   # or return it from pytest-recording's vcr_config fixture

    Args:
        secrets: Further exact values to filter (keys the environment does not hold).
        **overrides: vcrpy options to set or replace (``record_mode``, ``match_on``...).

    Returns:
        Keyword arguments for ``vcr.VCR`` (and pytest-recording): filtered headers,
        request and response scrubbers, ``match_on`` method, path, query and body, and
        decompressed response bodies (so that they can be scrubbed and read).
    """
    known = _known_secrets(secrets)
    config: dict[str, Any] = {
        "filter_headers": [(name, REDACTED) for name in CREDENTIAL_HEADERS],
        "before_record_request": _request_filter(known),
        "before_record_response": _response_filter(known),
        "match_on": ["method", "path", "query", "body"],
        "decode_compressed_response": True,
    }
    config.update(overrides)
    return config
