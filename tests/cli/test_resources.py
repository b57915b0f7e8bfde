"""Every resource group against FakeHoneycomb: the verbs, export -> create, and no key leaks."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from honeycomb import Client
from honeycomb.cli.resource_specs import RESOURCE_GROUPS
from honeycomb.testing import FakeHoneycomb
from tests.cli._run import Run, run_cli

TRIGGER = {
    "name": "High [red]errors[/red]",
    "description": "d" * 300,
    "query": {"calculations": [{"op": "COUNT"}], "time_range": 900},
    "threshold": {"op": ">", "value": 10},
    "frequency": 900,
}


def cli(env: dict[str, str], *args: str, input: str | None = None) -> Run:
    result = run_cli(["-o", "json", *args], env=env, input=input)
    return result


def ok(result: Run) -> Any:
    assert result.code == 0, result.stderr
    return json.loads(result.stdout) if result.stdout.strip() else None


def secrets(fake: FakeHoneycomb) -> list[str]:
    return [fake.api_key, fake.management_key.partition(":")[2]]


# -- export -> create for each resource group --------------------------------------------


@dataclass(frozen=True)
class RoundTrip:
    """How to make one object, and where its export goes back in."""

    group: str
    make: Callable[[Client, FakeHoneycomb], str]
    """Creates the source object with the SDK; returns its id."""
    source: tuple[str, ...]
    target: tuple[str, ...]
    compare: tuple[str, ...]
    """Fields that must survive the trip."""
    edit: Callable[[dict[str, Any]], None] | None = None
    """Changes a copy needs to be accepted next to its original (a unique name)."""
    verb: str = "create"


def _other_env(fake: FakeHoneycomb) -> str:
    env = fake.add_environment("Prod")
    return fake.add_key("configuration", environment=env.id).value


def _query(hc: Client, _: FakeHoneycomb) -> str:
    return str(hc.queries.create("web", {"calculations": [{"op": "COUNT"}], "time_range": 60}).id)


def _slo(hc: Client, _: FakeHoneycomb) -> str:
    for ds in ("web", "api"):
        hc.calculated_fields.create(ds, {"alias": "ok", "expression": "LT($status, 500)"})
    slo = hc.slos.create(
        "web",
        {
            "name": "avail",
            "sli": {"alias": "ok"},
            "time_period_days": 30,
            "target_per_million": 999000,
        },
    )
    return str(slo.id)


def _burn_alert(hc: Client, fake: FakeHoneycomb) -> str:
    slo_id = _slo(hc, fake)
    recipient = hc.recipients.create({"type": "slack", "details": {"slack_channel": "#ops"}})
    alert = hc.burn_alerts.create(
        "web",
        {
            "alert_type": "exhaustion_time",
            "exhaustion_minutes": 60,
            "slo": {"id": slo_id},
            "recipients": [{"id": recipient.id}],
        },
    )
    return str(alert.id)


def _board(hc: Client, _: FakeHoneycomb) -> str:
    board = hc.boards.create(
        {
            "name": "ops",
            "type": "flexible",
            "panels": [{"type": "text", "text_panel": {"content": "hello [b]x[/b]"}}],
        }
    )
    return str(board.id)


def _board_view(hc: Client, fake: FakeHoneycomb) -> str:
    board = _board(hc, fake)
    view = hc.board_views.create(
        board, {"name": "errors", "filters": [{"column": "status", "operation": "exists"}]}
    )
    return str(view.id)


def _rename(document: dict[str, Any]) -> None:
    document["name"] = document["name"] + " copy"


ROUND_TRIPS = [
    RoundTrip(
        "datasets",
        lambda hc, f: "web",
        (),
        ("--api-key", "OTHER"),
        ("name", "description", "expand_json_depth"),
    ),
    RoundTrip(
        "dataset-definitions",
        lambda hc, f: "",
        ("-d", "web"),
        ("-d", "api"),
        ("duration_ms",),
        verb="update",
    ),
    RoundTrip(
        "columns",
        lambda hc, f: str(
            hc.columns.create(
                "web", {"key_name": "status", "type": "integer", "description": "HTTP"}
            ).id
        ),
        ("-d", "web"),
        ("-d", "api"),
        ("key_name", "type", "description"),
    ),
    RoundTrip(
        "calculated-fields",
        lambda hc, f: str(
            hc.calculated_fields.create(
                "web", {"alias": "is_err", "expression": "GTE($status, 500)"}
            ).id
        ),
        ("-d", "web"),
        ("-d", "api"),
        ("alias", "expression"),
    ),
    RoundTrip("queries", _query, ("-d", "web"), ("-d", "api"), ("calculations", "time_range")),
    RoundTrip(
        "query-annotations",
        lambda hc, f: str(
            hc.query_annotations.create("web", {"name": "q", "query_id": _query(hc, f)}).id
        ),
        ("-d", "web"),
        ("-d", "web"),
        ("query_id", "description"),
        _rename,
    ),
    RoundTrip(
        "triggers",
        lambda hc, f: str(hc.triggers.create("web", TRIGGER).id),
        ("-d", "web"),
        ("-d", "api"),
        ("name", "description", "query", "threshold"),
    ),
    RoundTrip(
        "slos",
        _slo,
        ("-d", "web"),
        ("-d", "api"),
        ("name", "sli", "target_per_million", "time_period_days"),
    ),
    RoundTrip(
        "burn-alerts",
        _burn_alert,
        ("-d", "web"),
        ("-d", "web"),
        ("alert_type", "exhaustion_minutes", "slo", "recipients"),
    ),
    RoundTrip("boards", _board, (), ("--api-key", "OTHER"), ("name", "type", "panels")),
    RoundTrip("board-views", _board_view, ("-b", "BOARD"), ("-b", "BOARD"), ("filters",), _rename),
    RoundTrip(
        "markers",
        lambda hc, f: str(
            hc.markers.create("web", {"message": "v1", "type": "deploy", "url": "https://ci/1"}).id
        ),
        ("-d", "web"),
        ("-d", "api"),
        ("message", "type", "url", "start_time"),
    ),
    RoundTrip(
        "marker-settings",
        lambda hc, f: str(
            hc.marker_settings.create("web", {"type": "deploy", "color": "#ff0000"}).id
        ),
        ("-d", "web"),
        ("-d", "api"),
        ("type", "color"),
    ),
    RoundTrip(
        "recipients",
        lambda hc, f: str(
            hc.recipients.create(
                {"type": "email", "details": {"email_address": "oncall@example.com"}}
            ).id
        ),
        (),
        ("--api-key", "OTHER"),
        ("type", "details"),
    ),
    RoundTrip(
        "api-keys",
        lambda hc, f: str(
            hc.api_keys.create(
                {
                    "name": "collectors",
                    "key_type": "ingest",
                    "environment_id": str(f.environment.id),
                }
            ).id
        ),
        (),
        (),
        ("name", "key_type", "environment_id"),
    ),
    RoundTrip(
        "environments",
        lambda hc, f: str(hc.environments.create({"name": "Staging", "color": "gold"}).id),
        (),
        (),
        ("color", "description"),
        _rename,
    ),
]


def test_every_group_with_export_has_a_round_trip() -> None:
    exportable = {spec.name for spec in RESOURCE_GROUPS if "export" in spec.verbs}
    assert exportable == {trip.group for trip in ROUND_TRIPS}


@pytest.mark.parametrize("trip", ROUND_TRIPS, ids=lambda t: t.group)
def test_export_goes_straight_back_into_create(
    trip: RoundTrip, hc: Client, fake: FakeHoneycomb, env: dict[str, str]
) -> None:
    object_id = trip.make(hc, fake)
    board = hc.boards.list()[0].id if trip.group == "board-views" else ""
    other = _other_env(fake) if "OTHER" in trip.target else ""

    def fill(args: tuple[str, ...]) -> list[str]:
        return [other if a == "OTHER" else str(board) if a == "BOARD" else a for a in args]

    ident = [object_id] if object_id else []
    exported = cli(env, trip.group, "export", *ident, *fill(trip.source))
    document = ok(exported)
    for field in ("id", "created_at", "updated_at", "dataset_slug", "triggered"):
        assert field not in document
    if trip.edit:
        trip.edit(document)
    created = ok(
        cli(env, trip.group, trip.verb, *fill(trip.target), "-f", "-", input=json.dumps(document))
    )
    for field in trip.compare:
        assert created.get(field) == document.get(field), field
    assert not any(s in exported.everything for s in secrets(fake))


def test_export_as_yaml_goes_back_in(hc: Client, env: dict[str, str]) -> None:
    trigger = hc.triggers.create("web", TRIGGER)
    exported = run_cli(["triggers", "export", str(trigger.id), "-d", "web", "-o", "yaml"], env=env)
    assert exported.code == 0
    assert yaml.safe_load(exported.stdout)["name"] == TRIGGER["name"]
    created = ok(cli(env, "triggers", "create", "-d", "api", "-f", "-", input=exported.stdout))
    assert created["description"] == TRIGGER["description"]


# -- the verbs ------------------------------------------------------------------------------


def test_list_get_update_delete_a_trigger(
    hc: Client, fake: FakeHoneycomb, env: dict[str, str]
) -> None:
    trigger = hc.triggers.create("web", TRIGGER)
    listed = ok(cli(env, "triggers", "list", "-d", "web"))
    assert [t["name"] for t in listed] == [TRIGGER["name"]]
    got = ok(cli(env, "triggers", "get", str(trigger.id), "-d", "web"))
    assert got["description"] == TRIGGER["description"]  # 300 characters, byte for byte
    disabled = ok(cli(env, "triggers", "update", str(trigger.id), "-d", "web", "--disable"))
    assert disabled["disabled"] is True
    assert hc.triggers.get("web", str(trigger.id)).disabled is True
    enabled = ok(cli(env, "trigger", "update", str(trigger.id), "-d", "web", "--enable"))
    assert enabled["disabled"] is False
    refused = cli(env, "triggers", "delete", str(trigger.id), "-d", "web")
    assert refused.code == 1
    assert refused.stderr == (
        f"Error: refusing to delete trigger {trigger.id} without --yes (stdin is not a terminal)\n"
    )
    assert len(hc.triggers.list("web")) == 1
    deleted = cli(env, "triggers", "delete", str(trigger.id), "-d", "web", "--yes")
    assert deleted.code == 0 and deleted.stdout == ""
    assert hc.triggers.list("web") == []


def test_delete_asks_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch, hc: Client, env: dict[str, str]
) -> None:
    from honeycomb.cli import context

    marker = hc.markers.create("web", {"message": "m"})
    monkeypatch.setattr(context, "stdin_is_terminal", lambda: True)
    declined = run_cli(["markers", "delete", str(marker.id), "-d", "web"], env=env, input="n\n")
    assert declined.code == 1 and "Delete marker" in declined.stderr
    assert len(hc.markers.list("web")) == 1
    accepted = run_cli(["markers", "delete", str(marker.id), "-d", "web"], env=env, input="y\n")
    assert accepted.code == 0, accepted.stderr
    assert hc.markers.list("web") == []


def test_quiet_prints_ids(hc: Client, env: dict[str, str]) -> None:
    result = run_cli(["datasets", "list", "-q"], env=env)
    assert result.code == 0
    assert sorted(result.stdout.split()) == ["api", "web"]


def test_every_output_format_of_a_list(hc: Client, env: dict[str, str]) -> None:
    hc.triggers.create("web", TRIGGER)
    as_json = ok(cli(env, "triggers", "list", "-d", "web"))
    as_yaml = yaml.safe_load(
        run_cli(["triggers", "list", "-d", "web", "-o", "yaml"], env=env).stdout
    )
    ndjson = run_cli(["triggers", "list", "-d", "web", "-o", "ndjson"], env=env).stdout
    csv_text = run_cli(["triggers", "list", "-d", "web", "-o", "csv"], env=env).stdout
    table = run_cli(["triggers", "list", "-d", "web", "-o", "table"], env=env).stdout
    assert as_yaml == as_json
    assert [json.loads(line) for line in ndjson.splitlines()] == as_json
    assert str(TRIGGER["name"]) in csv_text and str(TRIGGER["description"]) in csv_text
    assert "High [red]errors[/red]" in table


def test_datasets_create_with_flags(hc: Client, env: dict[str, str]) -> None:
    created = ok(cli(env, "datasets", "create", "--name", "checkout", "--description", "shop"))
    assert (created["slug"], created["description"]) == ("checkout", "shop")
    bare = cli(env, "datasets", "create")
    assert bare.code == 2 and "give -f FILE" in bare.stderr


def test_markers_create_for_a_deploy(hc: Client, env: dict[str, str]) -> None:
    created = ok(
        cli(
            env,
            "markers",
            "create",
            "-d",
            "web",
            "--type",
            "deploy",
            "--message",
            "v42",
            "--url",
            "https://ci.example/42",
            "--start",
            "2025-12-01T20:00:00Z",
            "--end",
            "1764619500",
        )
    )
    assert created["start_time"] == 1764619200 and created["end_time"] == 1764619500
    marker = hc.markers.list("web")[0]
    assert (marker.type, marker.message, marker.url) == ("deploy", "v42", "https://ci.example/42")
    bad = cli(env, "markers", "create", "-d", "web", "--start", "yesterday-ish")
    assert bad.code == 1 and "is not a time" in bad.stderr


def test_columns_update_flags(hc: Client, env: dict[str, str]) -> None:
    column = hc.columns.create("web", {"key_name": "status", "type": "integer"})
    hidden = ok(
        cli(
            env,
            "columns",
            "update",
            str(column.id),
            "-d",
            "web",
            "--hidden",
            "--description",
            "HTTP status",
        )
    )
    assert (hidden["hidden"], hidden["description"], hidden["type"]) == (
        True,
        "HTTP status",
        "integer",
    )
    shown = ok(cli(env, "columns", "update", str(column.id), "-d", "web", "--no-hidden"))
    assert (shown["hidden"], shown["description"]) == (False, "HTTP status")


def test_api_keys_create_with_flags(fake: FakeHoneycomb, hc: Client, env: dict[str, str]) -> None:
    created = run_cli(
        [
            "api-keys",
            "create",
            "--name",
            "ci",
            "--type",
            "ingest",
            "--environment",
            fake.environment_slug,
            "-o",
            "json",
        ],
        env=env,
    )
    body = ok(created)
    assert (body["name"], body["key_type"], body["environment_id"]) == (
        "ci",
        "ingest",
        str(fake.environment.id),
    )
    # The one answer that carries the secret shows it in clear, with the ingest token
    # (id + secret) that X-Honeycomb-Team takes, and a note that it is not shown again.
    assert len(body["secret"]) >= 16 and "*" not in body["secret"]
    assert body["token"] == body["id"] + body["secret"]
    assert "Store the secret now: it is shown only once" in created.stderr
    (listed,) = [k for k in hc.api_keys.list() if k.id == body["id"]]
    assert listed.secret is None
    with fake.client(api_key=body["token"], max_retries=0) as ingest:
        ingest.events.send("web", {"from": "the new key"})
    assert fake.events("web")[-1]["data"] == {"from": "the new key"}


def test_environments_create_with_flags(env: dict[str, str]) -> None:
    created = ok(cli(env, "environments", "create", "--name", "Staging", "--color", "gold"))
    assert (created["name"], created["color"]) == ("Staging", "gold")


def test_export_all_never_overwrites_a_namesake(
    hc: Client, env: dict[str, str], tmp_path: Path
) -> None:
    for _ in range(3):
        hc.triggers.create("web", TRIGGER)
    hc.triggers.create("web", {**TRIGGER, "name": "other"})
    result = cli(env, "triggers", "export-all", "-d", "web", "--dir", str(tmp_path / "out"))
    written = ok(result)
    files = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert files == [
        "high-red-errors-red-2.json",
        "high-red-errors-red-3.json",
        "high-red-errors-red.json",
        "other.json",
    ]
    assert len({w["id"] for w in written}) == 4
    for path in (tmp_path / "out").iterdir():
        document = json.loads(path.read_text())
        assert "id" not in document and document["description"] == TRIGGER["description"]
    restored = ok(
        cli(env, "triggers", "create", "-d", "api", "-f", str(tmp_path / "out" / "other.json"))
    )
    assert restored["name"] == "other"


def test_signals_list_get_update(fake: FakeHoneycomb, hc: Client, env: dict[str, str]) -> None:
    signal = fake.add_signal("checkout", dataset="web")
    listed = ok(cli(env, "signals", "list"))
    assert [s["id"] for s in listed] == [signal["id"]]
    assert ok(cli(env, "signals", "get", signal["id"]))["service_name"] == "checkout"
    updated = ok(cli(env, "signals", "update", signal["id"], "-f", "-", input="enabled: false\n"))
    assert updated["enabled"] is False


def test_team_markers_create(fake: FakeHoneycomb, hc: Client, env: dict[str, str]) -> None:
    created = ok(
        cli(
            env,
            "team-markers",
            "create",
            "-f",
            "-",
            input=json.dumps(
                {
                    "environment_id": str(fake.environment.id),
                    "dataset": "web",
                    "type": "deploy",
                    "start_time": 1764619200,
                }
            ),
        )
    )
    assert created["type"] == "deploy"


def test_bad_document_is_one_error_line(env: dict[str, str]) -> None:
    result = cli(env, "triggers", "create", "-d", "web", "-f", "-", input="name: [unclosed")
    assert result.code == 1
    assert result.stderr.startswith("Error: stdin is neither JSON nor YAML")
    assert result.stderr.count("\n") == 1


def test_invalid_body_names_the_field(hc: Client, env: dict[str, str]) -> None:
    result = cli(
        env,
        "triggers",
        "create",
        "-d",
        "web",
        "-f",
        "-",
        input=json.dumps({**TRIGGER, "threshold": {"op": "~", "value": 1}}),
    )
    assert result.code == 1
    assert result.stderr.startswith("Error: ") and "threshold" in result.stderr
    assert result.stderr.count("\n") == 1


def test_api_errors_are_one_line_with_the_request_id(
    fake: FakeHoneycomb, env: dict[str, str]
) -> None:
    missing = cli(env, "triggers", "get", "nope", "-d", "web")
    assert missing.code == 1
    assert missing.stderr.startswith("Error: 404") and missing.stderr.count("\n") == 1
    fake.inject(path="/1/triggers/*", status=403, headers={"X-Request-Id": "req-7f3a"})
    denied = cli(env, "triggers", "list", "-d", "web")
    assert denied.code == 1 and denied.stdout == ""
    assert denied.stderr.startswith("Error: 403")
    assert "request id req-7f3a" in denied.stderr and denied.stderr.count("\n") == 1
