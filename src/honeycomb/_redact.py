"""Keeping our keys out of exceptions. Pure: no I/O.

An exception outlives the call that raised it: it is logged, printed, pickled to another
process, attached to a bug report. So every ``APIError`` the pipeline raises goes through
``without_secrets`` first:

- the message, and the kept body (text, raw bytes, or every string inside a JSON body),
  have each key of the client replaced by ``<redacted>`` (a debugging proxy may echo the
  request's headers into its error page);
- JSON fields that hold a credential by their name (``secret``, ``*_secret``,
  ``password``...) are masked, whatever their value: a failed ``api_keys.create`` must not
  keep the secret it just minted;
- the request and response are replaced by copies whose credential headers are masked
  (httpx's own ``repr`` masks only ``Authorization``), with no connection attached, so they
  also pickle.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable
from typing import Any, TypeVar

import httpx

from honeycomb._logging import SENSITIVE_HEADERS, scrub
from honeycomb.errors import APIError, APIResponseValidationError, APIStatusError

__all__ = ["REDACTED", "redact_json", "safe_request", "safe_response", "without_secrets"]

REDACTED = "<redacted>"

_SECRET_NAMES = ("secret", "password", "api_key", "apikey", "integration_key", "access_key")

E = TypeVar("E", bound=APIError)


def _secret_name(name: str) -> bool:
    lowered = name.lower()
    return any(part in lowered for part in _SECRET_NAMES)


def redact_json(value: Any, secrets: Collection[str]) -> Any:
    """A copy of a decoded JSON value with the secrets scrubbed and credential fields masked.

    Args:
        value: What ``json.loads`` returned (dicts, lists, strings, numbers).
        secrets: The strings to hide wherever they appear.

    Returns:
        The value itself when nothing needed hiding, else a redacted copy.

    Examples:
        >>> redact_json({"data": {"secret": "s3cr3t", "note": "key k3y-123"}}, ["k3y-123"])
        {'data': {'secret': '<redacted>', 'note': 'key <redacted>'}}
    """
    # Iterative, not recursive: the body came from a server and may be nested deeply.
    root: list[Any] = [value]
    stack: list[tuple[Any, Any]] = [(root, 0)]
    while stack:
        parent, slot = stack.pop()
        item = parent[slot]
        if isinstance(item, str):
            if secrets and any(secret in item for secret in secrets):
                parent[slot] = scrub(item, secrets)
        elif isinstance(item, dict):
            copy = dict(item)
            parent[slot] = copy
            for key in list(copy):
                if isinstance(key, str) and _secret_name(key) and copy[key] is not None:
                    copy[key] = REDACTED
                elif isinstance(copy[key], (str, dict, list)):
                    stack.append((copy, key))
        elif isinstance(item, list):
            copy_list = list(item)
            parent[slot] = copy_list
            stack.extend(
                (copy_list, i) for i, v in enumerate(copy_list) if isinstance(v, (str, dict, list))
            )
    return root[0]


def _safe_headers(headers: httpx.Headers, secrets: Collection[str]) -> list[tuple[str, str]]:
    return [
        (name, REDACTED if name.lower() in SENSITIVE_HEADERS else scrub(value, secrets))
        for name, value in headers.multi_items()
    ]


def safe_request(request: httpx.Request, secrets: Collection[str]) -> httpx.Request:
    """A copy of ``request`` with every credential header masked (same method, URL, body).

    Args:
        request: The request as it was sent.
        secrets: The client's keys, also scrubbed from any other header.

    Returns:
        The copy.
    """
    try:
        content = request.content
    except httpx.RequestNotRead:  # a streamed body: there is nothing to keep
        content = b""
    return httpx.Request(
        request.method,
        request.url,
        headers=_safe_headers(request.headers, secrets),
        content=content,
        extensions={k: v for k, v in request.extensions.items() if k == "timeout"},
    )


def safe_response(
    response: httpx.Response,
    request: httpx.Request,
    secrets: Collection[str],
    content: bytes | None = None,
) -> httpx.Response:
    """A detached copy of ``response`` (status, headers, body) attached to ``request``.

    Args:
        response: A response whose body has been read.
        request: The (safe) request to attach.
        secrets: The client's keys, scrubbed from headers and from the body.
        content: The body to give the copy, when the caller has already redacted it.

    Returns:
        The copy, with no connection or stream behind it.
    """
    if content is None:
        content = response.content
    if secrets and any(secret.encode() in content for secret in secrets):
        content = scrub(content.decode("utf-8", "replace"), secrets).encode()
    extensions = {
        key: value
        for key, value in response.extensions.items()
        if key in ("http_version", "reason_phrase")
    }
    return httpx.Response(
        response.status_code,
        headers=_safe_headers(response.headers, secrets),
        content=content,
        request=request,
        extensions=extensions,
    )


def without_secrets(err: E, secrets: Iterable[str]) -> E:
    """Make an exception safe to keep, print and pickle (see the module docstring).

    Args:
        err: An exception built by the pipeline.
        secrets: The client's keys.

    Returns:
        The same exception, changed in place.
    """
    keys = tuple(secrets)
    if any(secret in err.message for secret in keys):
        err.message = scrub(err.message, keys)
        err.args = (err.message, *err.args[1:])
    content = None
    if isinstance(err.body, bytes):
        # The raw bytes of a body that did not decode: replaced byte-wise, nothing parsed.
        raw = err.body
        if any(secret.encode() in raw for secret in keys):
            for secret in keys:
                raw = raw.replace(secret.encode(), REDACTED.encode())
            content = err.body = raw
    elif err.body is not None:
        body = redact_json(err.body, keys)
        if body is not err.body:
            # The raw bytes held what was redacted: the copy carries the redacted body.
            content = body.encode() if isinstance(body, str) else json.dumps(body).encode()
        err.body = body
    if err.request is not None:
        err.request = safe_request(err.request, keys)
    if isinstance(err, (APIStatusError, APIResponseValidationError)):
        err.response = safe_response(
            err.response, err.request or err.response.request, keys, content
        )
    return err
