"""The hatchling build hook refuses to build a wheel or sdist from a stale sync package."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from scripts.build_hook import StaleSyncError, SyncCheckHook, sync_problems

ROOT = Path(__file__).resolve().parents[1]
COPIED = [
    "pyproject.toml",
    "scripts",
    "src/honeycomb/_async",
    "src/honeycomb/_sync",
    "tests/_async",
    "tests/_sync",
    "tests/live/_async",
    "tests/live/_sync",
]


def hook(root: Path, target: str = "wheel") -> SyncCheckHook:
    # The hook reads only its root and target; hatchling's config objects are not needed.
    config: Any = None
    return SyncCheckHook(str(root), {"path": "scripts/build_hook.py"}, config, config, "", target)


def project_copy(tmp_path: Path) -> Path:
    for rel in COPIED:
        source, target = ROOT / rel, tmp_path / rel
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return tmp_path


def test_the_committed_sync_package_is_current() -> None:
    assert sync_problems(ROOT) == []


def test_a_hand_edit_of_the_sync_package_fails_the_build(tmp_path: Path) -> None:
    root = project_copy(tmp_path)
    edited = root / "src/honeycomb/_sync/client.py"
    edited.write_text(edited.read_text().replace("class Client:", "class Client:  # edited", 1))
    (root / "tests/_sync/test_stale.py").write_text("# no async source\n")

    with pytest.raises(StaleSyncError) as failure:
        hook(root).initialize("standard", {})
    message = str(failure.value)
    assert "run `python scripts/unasync.py` and commit the result" in message
    assert "committed/src/honeycomb/_sync/client.py" in message
    assert "-class Client:  # edited" in message
    assert "stale in tests/_sync (no async source): test_stale.py" in message
    # Editable installs are not checked (nox -s tests is), so a half-edited tree installs.
    hook(root).initialize("editable", {})


def test_without_the_generator_the_build_says_why(tmp_path: Path) -> None:
    with pytest.raises(StaleSyncError, match=r"scripts/unasync\.py is missing"):
        hook(tmp_path, target="sdist").initialize("standard", {})
