"""The fidelity log and ``live-report.json``: shapes, spec differences, the comparison with a
fake-mode run, and the file a run writes (against the served fake, with its real traffic)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from honeycomb import Client
from tests._spec import require_specs
from tests.live._report import (
    FORMAT,
    Difference,
    FidelityLog,
    compare_shapes,
    read_shapes,
    shape_of,
)
from tests.live._target import LiveTarget

TRIGGER = {
    "id": "t1",
    "name": "slow",
    "dataset_slug": "web",
    "threshold": {"op": ">", "value": 1},
    "frequency": 900,
}


def test_a_shape_lists_every_path_and_its_types() -> None:
    assert shape_of({"a": [{"b": 1}, {"b": None, "c": True}], "d": 1.5, "e": "x"}) == {
        "": {"object"},
        "a": {"array"},
        "a[]": {"object"},
        "a[].b": {"integer", "null"},
        "a[].c": {"boolean"},
        "d": {"number"},
        "e": {"string"},
    }


def test_shapes_are_compared_field_by_field_on_what_both_runs_saw() -> None:
    real = {
        "getTrigger 200": {"": {"object"}, "id": {"string"}, "query_id": {"string"}},
        "listBoards 200": {"": {"array"}},
    }
    fake = {
        "getTrigger 200": {"": {"object"}, "id": {"integer"}, "triggered": {"boolean"}},
        "getTrigger 404": {"": {"object"}},
    }
    assert compare_shapes(real, fake) == [
        Difference("getTrigger", 200, "id", "string", "fake", "the fake answers integer"),
        Difference("getTrigger", 200, "query_id", "string", "fake", "the fake omits it"),
        Difference("getTrigger", 200, "triggered", "absent", "fake", "the fake answers boolean"),
    ]
    assert compare_shapes(real, real) == []


def test_a_response_that_breaks_the_spec_is_logged_with_its_field() -> None:
    require_specs()
    log = FidelityLog(check_spec=True)
    body = json.dumps({**TRIGGER, "threshold": {"op": "~"}, "frequency": "often"}).encode()
    found = log.record("GET", "/1/triggers/web/t1", 200, "application/json", body)
    assert {(d.operation, d.field, d.seen) for d in found} == {
        ("getTrigger", "threshold.op", '"~"'),
        ("getTrigger", "threshold.value", "absent"),
        ("getTrigger", "frequency", '"often"'),
    }
    assert all(d.against == "spec" and d.status == 200 for d in found)
    # The same difference again is counted, not repeated.
    log.record("GET", "/1/triggers/web/t1", 200, "application/json", body)
    report = log.to_dict({"mode": "real"})
    assert len(report["differences"]) == 3
    assert {d["count"] for d in report["differences"]} == {2}
    good = json.dumps(TRIGGER).encode()
    assert log.record("GET", "/1/triggers/web/t1", 200, "application/json", good) == []
    assert log.to_dict({})["operations"]["getTrigger"] == {"requests": 3, "statuses": {"200": 3}}


def test_without_the_spec_operations_are_named_by_method_and_path() -> None:
    log = FidelityLog(check_spec=False)
    assert log.record("GET", "/1/boards", 200, "application/json", b"[]") == []
    log.record("POST", "/1/events/web", 200, "", b"")
    report = log.to_dict({"mode": "fake"})
    assert set(report["operations"]) == {"GET /1/boards", "POST /1/events/web"}
    assert report["shapes"]["GET /1/boards 200"] == {"": ["array"]}
    assert report["spec_checked"] is False and report["differences"] == []


def test_the_report_a_run_writes_has_the_documented_shape(
    live: LiveTarget, sync_client: Client, tmp_path: Path
) -> None:
    """Written from this session's log: every request the live tests so far sent, plus
    the two below. Against the fake, the spec comparison finds nothing to report."""
    sync_client.datasets.list()
    sync_client.boards.list()
    path = tmp_path / "live-report.json"
    meta = {"mode": live.mode.kind, "team": live.team, "run_prefix": live.run}
    written = live.log.write(path, meta, fake_shapes=live.log.shapes)
    report = json.loads(path.read_text())
    assert report == json.loads(json.dumps(written))
    assert set(report) == {
        "format",
        "mode",
        "team",
        "run_prefix",
        "spec_checked",
        "compared_with_fake",
        "requests",
        "operations",
        "differences",
        "shapes",
    }
    assert (report["format"], report["compared_with_fake"]) == (FORMAT, True)
    assert report["requests"] == sum(op["requests"] for op in report["operations"].values())
    listing = "listDatasets" if report["spec_checked"] else "GET /1/datasets"
    assert report["operations"][listing]["statuses"]["200"] >= 1
    assert f"{listing} 200" in report["shapes"]
    if live.fake is not None:
        assert report["differences"] == []  # compared with itself, and the fake is faithful
    for difference in report["differences"]:
        assert set(difference) == {
            "operation", "status", "field", "seen", "against", "detail", "count"
        }  # fmt: skip
    assert read_shapes(path) == live.log.shapes


def test_read_shapes_refuses_another_file(tmp_path: Path) -> None:
    path = tmp_path / "other.json"
    path.write_text(json.dumps({"format": 99, "shapes": {}}))
    with pytest.raises(ValueError, match="not a live report"):
        read_shapes(path)
