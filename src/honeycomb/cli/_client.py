"""Build the sync ``Client`` from resolved CLI credentials, with no environment fallback.

``Client()`` fills a missing key from the environment, which is right for library users
but wrong here: a profile that has only a configuration key must not pick up the
environment's management key (another team, perhaps). So the configuration is resolved
against an empty environment; the CLI has already applied its own precedence.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import Any

from honeycomb._config import DEFAULT_MAX_RETRIES, resolve_config
from honeycomb._logging import logger, setup_from_env
from honeycomb._sync._requester import Requester
from honeycomb._sync.client import Client
from honeycomb.cli.context import CliError
from honeycomb.cli.credentials import Credentials
from honeycomb.errors import MissingCredentialError

__all__ = ["build_client"]


def build_client(credentials: Credentials, *, debug: bool = False) -> Client:
    """A ``Client`` for exactly these credentials.

    Args:
        credentials: The result of ``resolve_credentials``.
        debug: Also log requests to stderr until ``stop_logging()`` (the shell's clients).

    Returns:
        The client.

    Raises:
        CliError: When there are no credentials at all, or they are malformed.
    """
    setup_from_env()
    if debug:
        log_requests()
    try:
        config = resolve_config(
            api_key=credentials.api_key,
            management_key=credentials.management_key,
            team=None,
            base_url=credentials.api_url,
            region=credentials.region,
            timeout=None,
            max_retries=DEFAULT_MAX_RETRIES,
            default_headers=None,
            allow_insecure_http=False,
            environ={},
        )
    except MissingCredentialError:
        raise CliError(
            "No Honeycomb credentials: run `honeycomb auth login`, pass --api-key or "
            "--profile, or set HONEYCOMB_API_KEY (and HONEYCOMB_KEY_ID + HONEYCOMB_KEY_SECRET "
            "for team-level commands)."
        ) from None
    except (TypeError, ValueError) as err:
        raise CliError(f"{err} (credentials from {credentials.source})") from None
    return Client._from_requester(Requester(config, None))


class _CurrentStderr(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever ``sys.stderr`` is when a record is emitted (tests swap it)."""

    @property
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, value: Any) -> None:
        pass


def log_requests() -> Callable[[], None]:
    """Log every request and retry of the ``honeycomb`` logger to stderr (keys redacted).

    Returns:
        A function that undoes it (the CLI calls it when the command ends).
    """
    handler = _CurrentStderr()
    handler.setFormatter(logging.Formatter("[%(asctime)s %(levelname)s] %(message)s"))
    previous = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)

    def undo() -> None:
        logger.removeHandler(handler)
        logger.setLevel(previous)

    return undo


def stop_logging() -> None:
    """Remove any ``--debug`` handler still attached (the shell and tests run many commands
    in one process; ``CliState.close`` normally undoes its own)."""
    for handler in list(logger.handlers):
        if isinstance(handler, _CurrentStderr):
            logger.removeHandler(handler)
