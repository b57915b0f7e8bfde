"""``honeycomb export|plan|apply|diff`` against two served fakes: exit codes, stdout, stderr."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import hcl2
import pytest

from honeycomb.testing import FakeHoneycomb
from tests._sync.porting_graph import seed

from ._run import Run, clean_env, run_cli, run_process


def _env(fake: FakeHoneycomb, url: str) -> dict[str, str]:
    key_id, _, secret = fake.management_key.partition(":")
    return {
        "HONEYCOMB_API_ENDPOINT": url,
        "HONEYCOMB_API_KEY": fake.api_key,
        "HONEYCOMB_KEY_ID": key_id,
        "HONEYCOMB_KEY_SECRET": secret,
    }


@pytest.fixture
def source() -> FakeHoneycomb:
    fake = FakeHoneycomb(environment="Production", seed=1)
    with fake.client(max_retries=0) as client:
        seed(client)
    return fake


@pytest.fixture
def target() -> FakeHoneycomb:
    return FakeHoneycomb(environment="Staging", seed=2)


@pytest.fixture
def src_env(source: FakeHoneycomb) -> Iterator[dict[str, str]]:
    with source.serve() as url:
        yield _env(source, url)


@pytest.fixture
def dst_env(target: FakeHoneycomb) -> Iterator[dict[str, str]]:
    with target.serve() as url:
        yield _env(target, url)


def no_keys(run: Run, *fakes: FakeHoneycomb) -> None:
    for fake in fakes:
        assert fake.api_key not in run.everything
        assert fake.management_key.partition(":")[2] not in run.everything


def test_export_plan_apply_and_an_empty_second_plan(
    tmp_path: Path,
    source: FakeHoneycomb,
    target: FakeHoneycomb,
    src_env: dict[str, str],
    dst_env: dict[str, str],
) -> None:
    snap = str(tmp_path / "snap")

    # the first as a real process (stdout a pipe), the rest in-process
    exported = run_process(["export", "--dir", snap], env=clean_env(src_env))
    assert exported.code == 0, exported.stderr
    assert exported.stdout == ""
    assert "Wrote 22 objects" in exported.stderr
    assert (tmp_path / "snap" / "triggers" / "api" / "slow-checkout.yaml").exists()

    planned = run_cli(["plan", "--dir", snap, "--detailed-exitcode"], env=dst_env)
    assert planned.code == 2, planned.stderr
    assert planned.stdout.startswith("Honeycomb will perform the following actions:")
    assert '  + create trigger api/"Slow checkout"' in planned.stdout
    assert planned.stdout.endswith("Plan: 22 to create, 0 to update, 0 to delete.\n")
    assert "Comparing 22 objects" in planned.stderr
    assert not any(r.method != "GET" for r in target.requests)

    applied = run_cli(["apply", "--dir", snap, "--yes"], env=dst_env)
    assert applied.code == 0, applied.stderr
    assert applied.stdout.endswith("Apply complete: 22 created, 0 updated, 0 deleted.\n")
    assert 'created trigger api/"Slow checkout"' in applied.stderr

    again = run_cli(["plan", "--dir", snap, "--detailed-exitcode"], env=dst_env)
    assert again.code == 0, again.stderr
    assert again.stdout == "No changes. The target matches the snapshot (22 objects compared).\n"
    no_keys(exported, source)
    no_keys(applied, target)


def test_apply_without_yes_off_a_terminal_changes_nothing(
    tmp_path: Path, target: FakeHoneycomb, src_env: dict[str, str], dst_env: dict[str, str]
) -> None:
    snap = str(tmp_path / "snap")
    assert run_cli(["export", "--dir", snap], env=src_env).code == 0

    result = run_cli(["apply", "--dir", snap], env=dst_env)

    assert result.code == 1
    assert "Plan: 22 to create" in result.stdout
    assert result.stderr.endswith(
        "Error: refusing to apply without --yes: stdin is not a terminal to ask on\n"
    )
    assert not any(r.method != "GET" for r in target.requests)


def test_one_changed_trigger_is_one_update_and_json_plans_parse(
    tmp_path: Path, source: FakeHoneycomb, src_env: dict[str, str], dst_env: dict[str, str]
) -> None:
    snap = tmp_path / "snap"
    assert run_cli(["export", "--dir", str(snap)], env=src_env).code == 0
    assert run_cli(["apply", "--dir", str(snap), "--yes"], env=dst_env).code == 0
    path = snap / "triggers" / "api" / "slow-checkout.yaml"
    path.write_text(path.read_text().replace("value: 300", "value: 450"))

    text = run_cli(["plan", "--dir", str(snap), "--detailed-exitcode"], env=dst_env)
    as_json = run_cli(["plan", "--dir", str(snap), "-o", "json"], env=dst_env)
    applied = run_cli(["apply", "--dir", str(snap), "--yes", "-o", "json"], env=dst_env)

    assert text.code == 2
    assert text.stdout == (
        "Honeycomb will perform the following actions:\n\n"
        '  ~ update trigger api/"Slow checkout"\n'
        "      ~ threshold.value: 300 -> 450\n\n"
        "Plan: 0 to create, 1 to update, 0 to delete.\n"
    )
    data = json.loads(as_json.stdout)
    assert data["summary"] == {"create": 0, "update": 1, "delete": 0}
    (change,) = data["changes"]
    assert change["fields"] == [{"path": "threshold.value", "before": 300, "after": 450}]
    report = json.loads(applied.stdout)["report"]
    assert report["summary"] == {
        "create": 0,
        "update": 1,
        "delete": 0,
        "failed": 0,
        "not_done": 0,
    }
    assert report["done"][0]["id"] == change["target_id"]


def test_map_dataset_and_its_usage_errors(
    tmp_path: Path, target: FakeHoneycomb, src_env: dict[str, str], dst_env: dict[str, str]
) -> None:
    snap = str(tmp_path / "snap")
    assert run_cli(["export", "--dir", snap, "--dataset", "api"], env=src_env).code == 0

    applied = run_cli(
        ["apply", "--dir", snap, "--yes", "--map-dataset", "api=api-staging"], env=dst_env
    )
    bad = run_cli(["plan", "--dir", snap, "--map-dataset", "api"], env=dst_env)
    unknown = run_cli(["plan", "--dir", snap, "--map-dataset", "nope=x"], env=dst_env)

    assert applied.code == 0, applied.stderr
    assert sorted(target.environment.datasets) == ["api-staging"]
    assert bad.code == 2
    assert "'api' is not SRC=DST" in bad.stderr
    assert unknown.code == 1
    assert unknown.stderr.endswith(
        "Error: --map-dataset names datasets the snapshot does not have: nope\n"
    )


def test_diff_compares_two_profiles(
    cli_env: Path,
    source: FakeHoneycomb,
    target: FakeHoneycomb,
    src_env: dict[str, str],
    dst_env: dict[str, str],
) -> None:
    from honeycomb.cli.profiles import ConfigStore, Profile, SecretStore

    config = ConfigStore(cli_env)
    secrets = SecretStore(config.folder, warn=lambda _: None)
    for name, fake, env in (("prod", source, src_env), ("staging", target, dst_env)):
        storage = secrets.store(name, {"api_key": fake.api_key})
        config.profiles[name] = Profile(
            name, api_url=env["HONEYCOMB_API_ENDPOINT"], storage=storage
        )
    config.save()
    with target.client(max_retries=0) as client:
        client.datasets.create({"name": "api"})
        client.marker_settings.create("api", {"type": "incident", "color": "#ff0000"})

    result = run_cli(
        [
            "diff",
            "--profile",
            "prod",
            "--compare-profile",
            "staging",
            "--dataset",
            "api",
            "--detailed-exitcode",
        ],
        env={},
    )

    assert result.code == 2, result.stderr
    assert '  ~ update dataset "api"' in result.stdout
    assert '  + create trigger api/"Slow checkout"' in result.stdout
    assert '  - delete marker_setting api/"incident"' in result.stdout
    assert "(staging)" in result.stderr
    missing = run_cli(["diff", "--profile", "prod", "--compare-profile", "nope"], env={})
    assert missing.code == 1
    assert "Error: no profile named 'nope'" in missing.stderr
    no_keys(result, source, target)


def test_export_as_terraform(tmp_path: Path, src_env: dict[str, str]) -> None:
    out = tmp_path / "tf"

    result = run_cli(["export", "--dir", str(out), "--format", "terraform"], env=src_env)
    bad = run_cli(["export", "--dir", str(out), "--format", "xml"], env=src_env)

    assert result.code == 0, result.stderr
    files = sorted(p.name for p in out.iterdir())
    assert "triggers.tf" in files and "versions.tf" in files
    for path in out.iterdir():
        hcl2.loads(path.read_text())
    assert bad.code == 2
    assert "'xml' is not yaml, json or terraform" in bad.stderr


def test_a_failed_apply_reports_and_a_rerun_finishes(
    tmp_path: Path, target: FakeHoneycomb, src_env: dict[str, str], dst_env: dict[str, str]
) -> None:
    snap = str(tmp_path / "snap")
    assert run_cli(["export", "--dir", snap], env=src_env).code == 0
    target.inject("createTrigger", status=500)

    failed = run_cli(["apply", "--dir", snap, "--yes"], env=dst_env)
    rerun = run_cli(["apply", "--dir", snap, "--yes"], env=dst_env)
    final = run_cli(["plan", "--dir", snap, "--detailed-exitcode"], env=dst_env)

    assert failed.code == 1
    assert "failed to create trigger" in failed.stderr
    assert "not attempted: create board" in failed.stderr
    assert failed.stderr.splitlines()[-1].startswith("Error: create trigger")
    assert "Run it again to finish" in failed.stderr
    # Triggers are created concurrently, so how many of the failed one's siblings finished
    # before the stop varies: the rerun creates exactly what the first run did not.
    stopped = re.search(r"(\d+) created, .*; 1 failed, (\d+) not attempted", failed.stderr)
    assert stopped is not None, failed.stderr
    created, left = int(stopped[1]), 1 + int(stopped[2])
    assert created + left == 22
    assert rerun.code == 0, rerun.stderr
    assert f"Plan: {left} to create, 0 to update, 0 to delete." in rerun.stdout
    assert final.code == 0


def test_plan_of_a_folder_that_is_no_snapshot(tmp_path: Path, dst_env: dict[str, str]) -> None:
    result = run_cli(["plan", "--dir", str(tmp_path)], env=dst_env)

    assert result.code == 1
    assert result.stdout == ""
    assert (
        result.stderr == f"Error: {tmp_path}: no manifest.yaml or manifest.json (not a snapshot)\n"
    )
