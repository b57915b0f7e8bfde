"""The ``honeycomb`` logger: switched on by ``HONEYCOMB_LOG``, with secrets redacted.

Nothing is printed unless ``HONEYCOMB_LOG=debug|info`` is set or the application
configures the ``honeycomb`` logger itself. We never switch on httpx's own loggers: they
log complete URLs and we cannot redact them.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Mapping

__all__ = [
    "SENSITIVE_HEADERS",
    "SecretFilter",
    "logger",
    "redact_headers",
    "scrub",
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
    argument by any path, it is masked before a handler sees it.
    """

    def __init__(self) -> None:
        super().__init__("honeycomb")
        self._secrets: set[str] = set()

    def add(self, secrets: Iterable[str]) -> None:
        """Register secrets to scrub.

        Args:
            secrets: Key strings (at least five characters each).
        """
        self._secrets.update(s for s in secrets if len(s) > 4)

    def _scrub(self, text: str) -> str:
        return scrub(text, self._secrets)

    def filter(self, record: logging.LogRecord) -> bool:
        """Mask secrets in the record's message and arguments; never drops a record."""
        if not self._secrets:
            return True
        message = record.getMessage()
        scrubbed = self._scrub(message)
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
