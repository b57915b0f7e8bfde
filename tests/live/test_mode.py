"""The live suite's decisions, as pure functions: which mode, which names may be deleted,
how requests are spaced."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from tests.live._mode import (
    Pacer,
    is_leftover,
    new_run_prefix,
    pace_key,
    run_started,
    select_mode,
)

KEY = "hcxlk_abcdefghijklmnopqrstuvwxyz"
WHEN = datetime(2026, 12, 2, 0, 45, 12, tzinfo=timezone.utc)
RUN = "hcsdk-live-20261202-004512-3fa9c1"


# ------------------------------------------------------------------------------ modes


def test_nothing_set_is_fake_mode_without_a_word() -> None:
    assert select_mode({}) == select_mode({"HONEYCOMB_LIVE": "0"})
    mode = select_mode({})
    assert (mode.kind, mode.message, mode.api_key) == ("fake", "", None)


@pytest.mark.parametrize(
    "environ",
    [
        {"HONEYCOMB_API_KEY": KEY},
        {"HONEYCOMB_API_KEY": KEY, "HONEYCOMB_LIVE": "0"},
        {"HONEYCOMB_KEY_ID": "hcxmk_x", "HONEYCOMB_KEY_SECRET": "s"},
    ],
)
def test_a_key_without_the_flag_stays_on_the_fake_and_says_so(environ: dict[str, str]) -> None:
    mode = select_mode(environ)
    assert mode.kind == "fake" and mode.api_key is None and mode.base_url is None
    assert "HONEYCOMB_LIVE is not 1" in mode.message


def test_the_flag_without_a_key_skips_rather_than_pretend() -> None:
    mode = select_mode(
        {"HONEYCOMB_LIVE": "1", "HONEYCOMB_KEY_ID": "id", "HONEYCOMB_KEY_SECRET": "s"}
    )
    assert mode.kind == "skip"
    assert "HONEYCOMB_LIVE=1 needs HONEYCOMB_API_KEY" in mode.message


@pytest.mark.parametrize("flag", ["true", "yes", "2", " on "])
def test_a_flag_other_than_1_skips_with_the_value(flag: str) -> None:
    mode = select_mode({"HONEYCOMB_LIVE": flag, "HONEYCOMB_API_KEY": KEY})
    assert mode.kind == "skip" and "set HONEYCOMB_LIVE=1" in mode.message
    assert mode.api_key is None


def test_flag_and_key_are_real_mode_on_the_us_api() -> None:
    mode = select_mode({"HONEYCOMB_LIVE": "1", "HONEYCOMB_API_KEY": f" {KEY}\n"})
    assert (mode.kind, mode.api_key, mode.base_url) == ("real", KEY, "https://api.honeycomb.io")
    assert mode.management_key is None
    assert "no management key" in mode.message
    assert KEY not in repr(mode)


def test_the_endpoint_variable_selects_eu_and_both_halves_give_a_management_key() -> None:
    mode = select_mode(
        {
            "HONEYCOMB_LIVE": "1",
            "HONEYCOMB_API_KEY": KEY,
            "HONEYCOMB_API_ENDPOINT": "https://api.eu1.honeycomb.io/",
            "HONEYCOMB_KEY_ID": "hcxmk_id",
            "HONEYCOMB_KEY_SECRET": "secret",
        }
    )
    assert (mode.kind, mode.base_url, mode.message) == ("real", "https://api.eu1.honeycomb.io", "")
    assert mode.management_key == ("hcxmk_id", "secret")
    half = select_mode({"HONEYCOMB_LIVE": "1", "HONEYCOMB_API_KEY": KEY, "HONEYCOMB_KEY_ID": "x"})
    assert half.management_key is None


# ------------------------------------------------------------------------- names


def test_the_run_prefix_is_the_utc_time_and_a_token() -> None:
    assert new_run_prefix(WHEN, "3fa9c1") == RUN
    local = WHEN.astimezone(timezone(timedelta(hours=5)))
    assert new_run_prefix(local, "3fa9c1") == RUN
    assert run_started(f"{RUN}-001-board") == WHEN
    with pytest.raises(ValueError, match="six lowercase hex"):
        new_run_prefix(WHEN, "XYZ")


@pytest.mark.parametrize(
    "name",
    [
        None,
        "",
        "production",
        "hcsdk-live",
        "hcsdk-live-board",
        "hcsdk-live-20261202-004512",
        "hcsdk-live-20261202-004512-3FA9C1-x",
        "hcsdk-live-20261399-004512-3fa9c1-x",  # not a time any run had
        "x-hcsdk-live-20261202-004512-3fa9c1-x",
        "hcsdk-live-20261202-004512-3fa9c1x",
    ],
)
def test_only_names_that_start_with_a_run_prefix_are_leftovers(name: str | None) -> None:
    assert not is_leftover(name)


def test_the_clean_up_filter_by_run_and_by_age() -> None:
    mine = f"{RUN}-007-trigger"
    other_run = "hcsdk-live-20261202-004512-000000-007-trigger"
    earlier = "hcsdk-live-20261201-230000-aaaaaa-001-board"
    assert is_leftover(mine) and is_leftover(RUN)
    assert is_leftover(mine, run=RUN) and is_leftover(RUN, run=RUN)
    assert not is_leftover(other_run, run=RUN)
    assert not is_leftover(f"{RUN}0-x", run=RUN)  # a longer token is another run
    assert is_leftover(f"{RUN}-007-x", run=f"{RUN}-007")
    assert not is_leftover(f"{RUN}-0071-x", run=f"{RUN}-007")
    assert is_leftover(earlier, before=WHEN)
    assert not is_leftover(mine, before=WHEN)  # this run started at WHEN, not before it
    assert not is_leftover(earlier, run=RUN, before=WHEN)


# ------------------------------------------------------------------------ pacing


@pytest.mark.parametrize(
    ("method", "path", "key"),
    [
        ("GET", "/1/triggers/web/abc", "read /1/triggers"),
        ("PUT", "/1/triggers/web/abc", "write /1/triggers"),
        ("HEAD", "/1/auth", "read /1/auth"),
        ("POST", "/1/query_results/web", "write /1/query_results"),
        ("GET", "/2/teams/acme/api-keys/hcxlk_1", "read /2/teams/acme/api-keys"),
        ("PATCH", "/2/teams/acme/environments/e1", "write /2/teams/acme/environments"),
        ("GET", "/2/auth", "read /2/auth"),
    ],
)
def test_requests_are_counted_per_action_and_resource(method: str, path: str, key: str) -> None:
    assert pace_key(method, path) == key


def test_the_pacer_spaces_requests_per_key_and_overall() -> None:
    pacer = Pacer(spacing={"*": 0.2, "write /1/query_results": 6.5})
    assert pacer.reserve("read /1/boards", 100.0) == 0.0
    assert pacer.reserve("read /1/triggers", 100.0) == pytest.approx(0.2)  # overall spacing
    assert pacer.reserve("read /1/boards", 100.0) == pytest.approx(0.65)  # per-key default
    assert pacer.reserve("write /1/query_results", 110.0) == 0.0
    assert pacer.reserve("write /1/query_results", 111.0) == pytest.approx(5.5)
    assert pacer.reserve("read /1/boards", 200.0) == 0.0  # slots in the past do not wait


def test_a_pacer_at_scale_zero_never_waits_and_scale_multiplies() -> None:
    idle = Pacer(scale=0.0)
    assert [idle.reserve("read /1/boards", 5.0) for _ in range(3)] == [0.0, 0.0, 0.0]
    fast = Pacer(scale=0.01)
    fast.reserve("read /1/boards", 0.0)
    assert fast.reserve("read /1/boards", 0.0) == pytest.approx(0.0065)


def test_at_full_scale_no_key_exceeds_100_a_minute_nor_query_results_10() -> None:
    pacer = Pacer()
    now, sent = 0.0, 0
    while now < 60.0:
        now += pacer.reserve("read /1/datasets", now)
        sent += now < 60.0
    assert sent <= 100
    now, sent = 0.0, 0
    while now < 60.0:
        now += pacer.reserve("write /1/query_results", now)
        sent += now < 60.0
    assert sent <= 10
