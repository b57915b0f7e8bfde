"""The v2 management API against the target: ``/2/auth``, then an environment and an API
key in it, each listed, round-tripped and deleted. Needs a management key (in fake mode
the fake provides one); without one the scenario is skipped.
"""

from __future__ import annotations

import pytest

from honeycomb import AsyncClient, AuthenticationError, NotFoundError, _io
from tests.live._async.harness import close_client, open_client
from tests.live._target import LiveTarget, Scratch


async def test_an_environment_and_a_key_in_it_round_trip(
    client: AsyncClient, live: LiveTarget, scratch: Scratch
) -> None:
    if live.management_key is None:
        pytest.skip("no management key (HONEYCOMB_KEY_ID and HONEYCOMB_KEY_SECRET)")
    auth = await client.auth.get_management()
    assert (auth.key_type, auth.team_slug) == ("management", live.team)

    env = await client.environments.create(
        {"name": scratch.name("env"), "description": "live suite", "color": "blue"}
    )
    got_env = await client.environments.get(env.id)
    assert got_env.delete_protected is True  # environments are protected when created
    got_env.description = "live suite, updated"
    assert (await client.environments.update(env.id, got_env)).description == (
        "live suite, updated"
    )
    assert env.id in [e.id for e in await client.environments.list()]

    key = await client.api_keys.create(
        {
            "name": scratch.name("key"),
            "key_type": "configuration",
            "environment_id": env.id,
            "permissions": {"manage_markers": True},
        }
    )
    assert key.token is not None  # the secret comes with the answer to create, only there
    # The new key works (bounded: a real account may take a moment to know it).
    keyed = open_client(live, api_key=key.token, max_retries=0)
    try:
        deadline = _io.monotonic() + live.queryable_within
        while True:
            try:
                key_auth = await keyed.auth.get()
                break
            except AuthenticationError:
                if _io.monotonic() > deadline:
                    raise
                await _io.async_sleep(live.poll_every)
    finally:
        await close_client(keyed)
    assert key_auth.environment.slug == env.slug
    assert key_auth.api_key_access.markers is True and key_auth.api_key_access.triggers is False

    got_key = await client.api_keys.get(key.id)
    assert got_key.secret is None
    got_key.name = scratch.name("key-2")
    assert (await client.api_keys.update(key.id, got_key)).name == scratch.name("key-2")
    assert key.id in [k.id for k in await client.api_keys.list(type="configuration")]
    await client.api_keys.delete(key.id)
    with pytest.raises(NotFoundError):
        await client.api_keys.get(key.id)

    await client.environments.update(env.id, {"settings": {"delete_protected": False}})
    await client.environments.delete(env.id)
    with pytest.raises(NotFoundError):
        await client.environments.get(env.id)
