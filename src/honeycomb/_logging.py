"""The ``honeycomb`` logger: switched on by ``HONEYCOMB_LOG``, with secrets redacted.

Nothing is printed unless ``HONEYCOMB_LOG=debug|info`` is set or the application
configures the ``honeycomb`` logger itself. We never switch on httpx's own loggers: they
log complete URLs and we cannot redact them.
"""

from __future__ import annotations

import logging
import os
import threading
import weakref
from collections.abc import Iterable, Mapping

__all__ = [
    "SENSITIVE_HEADERS",
    "SecretFilter",
    "logger",
    "redact_headers",
    "scrub",
    "secret_filter",
    "setup_from_env",
]

logger = logging.getLogger("honeycomb")

SENSITIVE_HEADERS = frozenset(
    {"x-honeycomb-team", "authorization", "proxy-authorization", "x-amz-firehose-access-key"}
)
_REDACTED = "<redacted>"
_configured = False


def redact_headers(headers: Iterable[tuple[str, str]] | Mapping[str, str]) -> dict[str, str]:
    """Copy headers for logging with every credential replaced by ``<redacted>``.

    Args:
        headers: Header pairs or a mapping.

    Returns:
        A new dict that is safe to log.
    """
    items = headers.items() if isinstance(headers, Mapping) else headers
    return {k: (_REDACTED if k.lower() in SENSITIVE_HEADERS else v) for k, v in items}


def scrub(text: str, secrets: Iterable[str]) -> str:
    """Replace every occurrence of each secret in ``text`` with ``<redacted>``.

    Args:
        text: Any text that may have picked up a key (a log line, an error page).
        secrets: The secrets to hide.

    Returns:
        The text without them.
    """
    for secret in secrets:
        if secret in text:
            text = text.replace(secret, _REDACTED)
    return text


class SecretFilter(logging.Filter):
    """Scrubs known secrets from every record of the ``honeycomb`` logger.

    A belt to the braces of ``redact_headers``: should a secret reach a message or an
    argument by any path, it is masked before a handler sees it. Each secret is held for
    as long as some owner (a client's request pipeline) that registered it is alive, so
    the cost per record follows the clients in use, not every client ever made.
    """

    def __init__(self) -> None:
        super().__init__("honeycomb")
        # Reentrant: a garbage collection inside add() may run _forget() in this thread.
        self._lock = threading.RLock()
        self._owners: dict[str, int] = {}  # secret -> how many live owners hold it
        self._secrets: tuple[str, ...] = ()  # replaced whole, so filter() needs no lock

    @property
    def secrets(self) -> tuple[str, ...]:
        """The secrets scrubbed now."""
        return self._secrets

    def add(self, owner: object, secrets: Iterable[str]) -> None:
        """Scrub ``secrets`` while ``owner`` is alive.

        Args:
            owner: What holds the secrets (weakly referenced).
            secrets: Key strings (those under five characters are ignored).
        """
        kept = tuple(s for s in secrets if len(s) > 4)
        if not kept:
            return
        with self._lock:
            for secret in kept:
                self._owners[secret] = self._owners.get(secret, 0) + 1
            self._secrets = tuple(self._owners)
        weakref.finalize(owner, self._forget, kept)

    def _forget(self, secrets: tuple[str, ...]) -> None:
        with self._lock:
            for secret in secrets:
                left = self._owners.get(secret, 0) - 1
                if left > 0:
                    self._owners[secret] = left
                else:
                    self._owners.pop(secret, None)
            self._secrets = tuple(self._owners)

    def filter(self, record: logging.LogRecord) -> bool:
        """Mask secrets in the record's message and arguments; never drops a record."""
        secrets = self._secrets
        if not secrets:
            return True
        message = record.getMessage()
        scrubbed = scrub(message, secrets)
        if scrubbed != message:
            record.msg, record.args = scrubbed, None
        return True


secret_filter = SecretFilter()
logger.addFilter(secret_filter)


def setup_from_env() -> None:
    """Attach a stderr handler when ``HONEYCOMB_LOG`` is ``debug`` or ``info`` (once)."""
    global _configured
    if _configured:
        return
    _configured = True
    level = os.environ.get("HONEYCOMB_LOG", "").strip().lower()
    if level not in ("debug", "info"):
        return
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("[%(asctime)s %(name)s %(levelname)s] %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG if level == "debug" else logging.INFO)
