# GENERATED from tests/live/_async/test_errors.py by scripts/unasync.py.
# Do not edit: change the async source and run `python scripts/unasync.py`.
"""Errors against the target: an unknown dataset, an invalid trigger (refused locally, and
one only the API can refuse) and a wrong key each raise the documented type, with a
message that names the status and the request and never the key."""

from __future__ import annotations

import pytest

from honeycomb import (
    APIStatusError,
    AuthenticationError,
    Client,
    NotFoundError,
    RequestValidationError,
)
from honeycomb.models.datasets import DatasetSettings
from tests.live._sync.harness import close_client, open_client
from tests.live._target import LiveTarget, Scratch


def test_an_unknown_dataset_is_not_found(client: Client, scratch: Scratch) -> None:
    missing = scratch.name("missing")
    with pytest.raises(NotFoundError) as info:
        client.datasets.get(missing)
    err = info.value
    assert err.status_code == 404
    assert "404" in str(err) and f"GET /1/datasets/{missing}" in str(err)
    assert "not found" in err.message.lower()
    with pytest.raises(NotFoundError, match=f"/1/triggers/{missing}"):
        client.triggers.list(missing)


def test_an_invalid_trigger_is_refused(client: Client, live: LiveTarget, scratch: Scratch) -> None:
    ds = (client.datasets.create({"name": scratch.name("errors")})).slug
    sent = live.log.requests
    with pytest.raises(RequestValidationError) as local:
        client.triggers.create(ds, scratch.trigger("bad", threshold={"op": "~", "value": 1}))
    assert "threshold.op" in str(local.value)
    assert live.log.requests == sent  # refused before anything was sent

    # Valid in shape; only the API knows that this recipient does not exist.
    with pytest.raises(APIStatusError) as remote:
        client.triggers.create(
            ds,
            scratch.trigger("bad", recipients=[{"id": "hcsdknosuch1"}]),
        )
    err = remote.value
    assert err.status_code in (400, 404, 422), err
    assert f"POST /1/triggers/{ds}" in str(err) and err.message
    assert client.triggers.list(ds) == []

    dataset = client.datasets.get(ds)
    dataset.settings = DatasetSettings(delete_protected=False)
    client.datasets.update(ds, dataset)
    client.datasets.delete(ds)


def test_a_wrong_key_is_refused_without_showing_it(live: LiveTarget) -> None:
    wrong = "hcxlk_" + "live0suite0wrong0key000000"
    client = open_client(live, api_key=wrong, management_key=("hcxmk_wrong0id", "wrong0secret0"))
    try:
        with pytest.raises(AuthenticationError) as info:
            client.datasets.list()
        err = info.value
        assert err.status_code == 401 and "GET /1/datasets" in str(err)
        assert wrong not in str(err) and wrong not in repr(err)
        if live.management_key is not None:
            with pytest.raises(AuthenticationError) as v2:
                client.auth.get_management()
            assert v2.value.status_code == 401 and "wrong0secret0" not in str(v2.value)
    finally:
        close_client(client)
