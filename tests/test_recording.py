"""Record -> replay with honeycomb.testing.vcr_config against a served fake: the replay
needs no server, and no credential is in the cassette file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

vcr = pytest.importorskip("vcr", reason="vcrpy is not installed")
from vcr.errors import CannotOverwriteExistingCassetteException  # noqa: E402

from honeycomb import Client  # noqa: E402
from honeycomb.testing import FakeHoneycomb, vcr_config  # noqa: E402
from honeycomb.testing._recording import REDACTED, scrub_secrets  # noqa: E402
from tests._fakes import ident  # noqa: E402

KEY_SECRET_FIELD = "secret"


def _scenario(client: Client, environment_id: str) -> dict[str, Any]:
    """What a user's integration test might do: create, list, mint a key, send events."""
    client.datasets.create({"name": "web"})
    client.events.send_batch("web", [{"data": {"ms": 1}}, {"data": {"ms": 2}}])
    listed = [d.slug for d in client.datasets.list()]
    key = client.api_keys.create(
        {"name": "ci", "key_type": "ingest", "environment_id": environment_id}
    )
    board = client.boards.create({"name": "overview", "type": "flexible"})
    return {"datasets": listed, "key_id": key.id, "token": key.token, "board": board.name}


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeHoneycomb:
    fake = FakeHoneycomb(seed=3)
    # What someone recording has in the environment: the real keys.
    monkeypatch.setenv("HONEYCOMB_API_KEY", fake.api_key)
    monkeypatch.setenv("HONEYCOMB_KEY_SECRET", fake.management_key.split(":")[1])
    return fake


def test_record_then_replay_without_the_server_and_without_keys(
    fake: FakeHoneycomb, tmp_path: Path
) -> None:
    cassette = tmp_path / "scenario.yaml"
    with fake.serve() as url:
        recorder = vcr.VCR(**vcr_config(record_mode="once"))
        with (
            recorder.use_cassette(str(cassette)),
            Client(
                base_url=url,
                api_key=fake.api_key,
                management_key=fake.management_key,
                max_retries=0,
            ) as client,
        ):
            recorded = _scenario(client, ident(fake.environment))
    served = len(fake.requests)
    assert served == 6  # and GET /2/auth, discovering the team

    text = cassette.read_text()
    minted = recorded["token"]
    assert minted and minted.startswith("hcxik_")
    secrets = [fake.api_key, fake.management_key, *fake.management_key.split(":")[1:], minted]
    for secret in secrets:
        assert secret not in text
    assert text.count(REDACTED) >= 6 + 1  # a credential header per request, the minted key
    assert f"X-Honeycomb-Team:\n      - {REDACTED}" in text
    assert f"Authorization:\n      - {REDACTED}" in text

    # Replay: the server is gone, another port, and keys that are not the recorded ones.
    player = vcr.VCR(**vcr_config(record_mode="none"))
    with (
        player.use_cassette(str(cassette)) as played,
        Client(
            base_url="http://127.0.0.1:9",
            api_key="hcxlk_" + "0" * 26,
            management_key="hcxmk_" + "1" * 26 + ":" + "x" * 32,
            max_retries=0,
        ) as client,
    ):
        replayed = _scenario(client, ident(fake.environment))
    assert played.play_count == 6
    assert len(fake.requests) == served
    # The minted key's secret came back filtered: its token is the id and the placeholder.
    assert replayed == {**recorded, "token": f"{recorded['key_id']}{REDACTED}"}


def test_a_request_with_another_body_does_not_match(fake: FakeHoneycomb, tmp_path: Path) -> None:
    cassette = tmp_path / "create.yaml"
    with (
        fake.serve() as url,
        vcr.VCR(**vcr_config(record_mode="once")).use_cassette(str(cassette)),
        Client(base_url=url, api_key=fake.api_key, max_retries=0) as client,
    ):
        client.datasets.create({"name": "web"})
    with (
        vcr.VCR(**vcr_config(record_mode="none")).use_cassette(str(cassette)),
        Client(base_url="http://127.0.0.1:9", api_key=fake.api_key, max_retries=0) as client,
    ):
        with pytest.raises(CannotOverwriteExistingCassetteException):
            client.datasets.create({"name": "api"})
        with pytest.raises(CannotOverwriteExistingCassetteException):
            client.datasets.list()  # another method and path
        assert client.datasets.create({"name": "web"}).slug == "web"


def test_key_shaped_values_and_secret_fields_are_scrubbed() -> None:
    ingest = "hcxik_" + "a1" * 29
    assert scrub_secrets(f"/1/x?k={ingest}&n=1") == f"/1/x?k={REDACTED}&n=1"
    assert scrub_secrets("hcxik_0123456789abcdefghijklmnop") == "hcxik_0123456789abcdefghijklmnop"
    assert scrub_secrets("trace 0af7651916cd43dd8448eb211c80319c") == (
        "trace 0af7651916cd43dd8448eb211c80319c"  # a 32-hex value is scrubbed only if known
    )
    assert scrub_secrets("a 0af7651916cd43dd8448eb211c80319c", ["0af7651916cd43dd8448eb211c80319c"])


def test_json_secret_fields_are_replaced_at_any_depth() -> None:
    config = vcr_config()
    response = {
        "status": {"code": 201, "message": "Created"},
        "headers": {"Set-Cookie": ["session=abc"], "Content-Type": ["application/json"]},
        "body": {
            "string": b'{"data":{"attributes":{"name":"ci","secret":"plain-secret-value"}},'
            b'"details":{"integration_key":"pd-key-123456"},"tags":[{"key":"team"}]}'
        },
    }
    scrubbed = config["before_record_response"](response)
    body = scrubbed["body"]["string"].decode()
    assert "plain-secret-value" not in body and "pd-key-123456" not in body
    assert '"name":"ci"' in body and '"key":"team"' in body  # ordinary fields are kept
    assert scrubbed["headers"]["Set-Cookie"] == [REDACTED]
    assert scrubbed["headers"]["Content-Type"] == ["application/json"]


def test_the_configuration_matches_on_method_path_query_and_body() -> None:
    config = vcr_config(record_mode="new_episodes")
    assert config["match_on"] == ["method", "path", "query", "body"]
    assert config["record_mode"] == "new_episodes"
    assert ("X-Honeycomb-Team", REDACTED) in config["filter_headers"]
    assert ("Authorization", REDACTED) in config["filter_headers"]
