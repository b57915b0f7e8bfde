# GENERATED from tests/live/_async/harness.py by scripts/unasync.py.
# Do not edit: change the async source and run `python scripts/unasync.py`.
"""Clients on the live target, and the clean-up that deletes what the suite made.

Written for ``Client``; ``scripts/unasync.py`` generates the ``Client`` twin in
``tests/live/_sync``. The session's set-up and final sweep use the sync twin.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import httpx

from honeycomb import Client, HoneycombError, NotFoundError, _io
from honeycomb._io import Thunk
from tests.live._mode import pace_key
from tests.live._target import LiveTarget

__all__ = ["open_client", "recipient_name", "sweep"]

OnResponse = Callable[[httpx.Response], None]


def open_client(
    target: LiveTarget,
    *,
    api_key: str | None = None,
    management_key: tuple[str, str] | None = None,
    max_retries: int = 2,
    on_response: OnResponse | None = None,
) -> Client:
    """A client of the target whose every request is paced and every response logged.

    Args:
        target: Where to.
        api_key: Another key than the target's (the errors scenario's wrong key).
        management_key: Another management key than the target's.
        max_retries: As for the client.
        on_response: Also called with each response (after it is read).

    Returns:
        The client; close it and its ``http_client`` (``close_client``).
    """

    def pace(request: httpx.Request) -> None:
        delay = target.pacer.reserve(pace_key(request.method, request.url.path), _io.monotonic())
        if delay > 0:
            _io.sleep(delay)

    def record(response: httpx.Response) -> None:
        response.read()
        request = response.request
        target.log.record(
            request.method,
            request.url.path,
            response.status_code,
            response.headers.get("content-type", ""),
            response.content,
        )
        if on_response is not None:
            on_response(response)

    http = httpx.Client(
        timeout=httpx.Timeout(60.0, connect=5.0),
        event_hooks={"request": [pace], "response": [record]},
    )
    return Client(
        api_key=api_key or target.api_key,
        management_key=management_key or target.management_key,
        team=target.team or None,
        base_url=target.base_url,
        http_client=http,
        max_retries=max_retries,
    )


def close_client(client: Client) -> None:
    """Close a client of ``open_client`` and the ``http_client`` it was given."""
    http = client._requester.http
    client.close()
    http.close()


def recipient_name(recipient: Any) -> str | None:
    """What names a recipient: a webhook's name, else its address or channel."""
    details = getattr(recipient, "details", None)
    for attribute in ("webhook_name", "email_address", "slack_channel"):
        value = getattr(details, attribute, None)
        if isinstance(value, str):
            return value
    return None


def _attempt(done: list[str], failed: list[str], label: str, call: Thunk[Any]) -> None:
    try:
        call()
    except NotFoundError:
        pass  # gone already: what a clean-up wants
    except HoneycombError as err:
        failed.append(f"{label}: {err}")
    else:
        done.append(label)


def sweep(
    client: Client, matches: Callable[[str | None], bool], *, management: bool
) -> tuple[list[str], list[str]]:
    """Delete every object whose name ``matches``, dependents first.

    Boards, then in each matching dataset its triggers, burn alerts and SLOs, then
    recipients, then the datasets (delete protection switched off first), then, with a
    management key, API keys and environments (unprotected too). Objects inside a
    matching dataset (columns, calculated fields, markers...) go with it. Nothing whose
    name does not match is touched.

    Args:
        client: A client of the target.
        matches: The filter (``tests.live._mode.is_leftover`` with a run or a time).
        management: Also sweep API keys and environments.

    Returns:
        ``(deleted, failures)``: a label per object deleted, a message per failure.
    """
    done: list[str] = []
    failed: list[str] = []
    for board in client.boards.list():
        if matches(board.name):
            _attempt(done, failed, f"board {board.name}", partial(client.boards.delete, board.id))
    datasets = [d for d in client.datasets.list() if matches(d.name)]
    for dataset in datasets:
        slug = dataset.slug
        for trigger in client.triggers.list(slug):
            label = f"trigger {slug}/{trigger.name}"
            _attempt(done, failed, label, partial(client.triggers.delete, slug, trigger.id))
        for slo in client.slos.list(slug):
            for alert in client.burn_alerts.list(slug, slo.id):
                label = f"burn alert {slug}/{slo.name}/{alert.id}"
                _attempt(done, failed, label, partial(client.burn_alerts.delete, slug, alert.id))
            _attempt(
                done, failed, f"slo {slug}/{slo.name}", partial(client.slos.delete, slug, slo.id)
            )
    for recipient in client.recipients.list():
        name = recipient_name(recipient)
        if matches(name):
            label = f"recipient {name}"
            _attempt(done, failed, label, partial(client.recipients.delete, recipient.id))
    for dataset in datasets:
        if dataset.settings is None or dataset.settings.delete_protected is not False:
            _attempt(
                [],
                failed,
                f"unprotect dataset {dataset.slug}",
                partial(
                    client.datasets.update,
                    dataset.slug,
                    {
                        "description": dataset.description or "",
                        "expand_json_depth": dataset.expand_json_depth or 0,
                        "settings": {"delete_protected": False},
                    },
                ),
            )
        label = f"dataset {dataset.slug}"
        _attempt(done, failed, label, partial(client.datasets.delete, dataset.slug))
    if management:
        for key in client.api_keys.list():
            if matches(key.name):
                _attempt(
                    done, failed, f"api key {key.name}", partial(client.api_keys.delete, key.id)
                )
        for env in client.environments.list():
            if not matches(env.name):
                continue
            if env.delete_protected is not False:
                _attempt(
                    [],
                    failed,
                    f"unprotect environment {env.name}",
                    partial(
                        client.environments.update,
                        env.id,
                        {"settings": {"delete_protected": False}},
                    ),
                )
            label = f"environment {env.name}"
            _attempt(done, failed, label, partial(client.environments.delete, env.id))
    return done, failed
