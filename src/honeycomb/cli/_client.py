"""Build the sync ``Client`` from resolved CLI credentials, with no environment fallback.

``Client()`` fills a missing key from the environment, which is right for library users
but wrong here: a profile that has only a configuration key must not pick up the
environment's management key (another team, perhaps). So the configuration is resolved
against an empty environment; the CLI has already applied its own precedence.
"""

from __future__ import annotations

import logging
import sys

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
        debug: Log every request and retry to stderr (keys redacted).

    Returns:
        The client.

    Raises:
        CliError: When there are no credentials at all, or they are malformed.
    """
    if debug:
        _log_to_stderr()
    else:
        setup_from_env()
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


def _log_to_stderr() -> None:
    if any(getattr(h, "_honeycomb_cli", False) for h in logger.handlers):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("[%(asctime)s %(levelname)s] %(message)s"))
    handler._honeycomb_cli = True  # type: ignore[attr-defined]
    handler._level_before = logger.level  # type: ignore[attr-defined]
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)


def stop_logging() -> None:
    """Undo ``--debug``'s logging when its command ends, so that the next command run in
    the same process (``honeycomb shell``, tests) is not logged to a stream it never saw."""
    for handler in list(logger.handlers):
        if getattr(handler, "_honeycomb_cli", False):
            logger.removeHandler(handler)
            logger.setLevel(getattr(handler, "_level_before", logging.NOTSET))
