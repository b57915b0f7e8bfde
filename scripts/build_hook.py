"""Hatchling build hook: a wheel or sdist is built only from a sync package that matches
its async source.

On every wheel and sdist build, ``scripts/unasync.py`` regenerates ``src/honeycomb/_sync``
and ``tests/_sync`` into a temporary folder (unasync, the rule table, ruff) and compares
them whole-file with the committed copies. Any difference, or a rule of the table that
matched nothing, fails the build with the list of problems. The committed copy is what
is packaged, and what readers, type checkers and tests see; this only guarantees that it
is current. Editable installs (``pip install -e``) are not checked: ``nox -s tests`` runs
the same check on every run, and a half-edited tree must stay installable.

Configured in ``pyproject.toml`` under ``[tool.hatch.build.hooks.custom]``, which also
declares what the check needs in the build environment (unasync, ruff).
"""

from __future__ import annotations

import importlib.util
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class StaleSyncError(RuntimeError):
    """The committed sync trees differ from what their async sources generate."""


def _load_generator(root: Path) -> ModuleType:
    """``scripts/unasync.py`` of ``root``, loaded under a name that cannot shadow the
    unasync library it drives."""
    path = root / "scripts" / "unasync.py"
    if not path.is_file():
        raise StaleSyncError(f"{path} is missing: cannot check the generated sync package")
    spec = importlib.util.spec_from_file_location("honeycomb_unasync_script", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def sync_problems(root: Path) -> list[str]:
    """Regenerate the sync trees of the project at ``root`` and list every problem.

    Args:
        root: The project folder (holding ``scripts/unasync.py`` and the trees).

    Returns:
        The problems: drifted, missing or stale files (with a diff), unused rules,
        generated ``Sync*`` names. Empty when the committed copies are current.

    Raises:
        StaleSyncError: ``scripts/unasync.py`` is missing.
    """
    generator = _load_generator(root)
    with tempfile.TemporaryDirectory(prefix="honeycomb-build-") as tmp:
        out = Path(tmp)
        uses = generator.generate(out)
        problems: list[str] = [
            f"rule never used: {name!r}" for name in generator.check_unused(uses)
        ]
        problems += [f"Sync* name generated: {n}" for n in generator.check_sync_names(out)]
        problems += generator.compare(out)
    return problems


def check(root: Path) -> None:
    """Fail when the committed sync trees of ``root`` are not what the sources generate.

    Args:
        root: The project folder.

    Raises:
        StaleSyncError: With every problem, and how to fix them.
    """
    problems = sync_problems(root)
    if problems:
        listing = "\n".join(problems)
        raise StaleSyncError(
            "the committed sync package differs from what its async source generates; "
            f"run `python scripts/unasync.py` and commit the result:\n{listing}"
        )


class SyncCheckHook(BuildHookInterface):  # type: ignore[type-arg]
    """Runs ``check`` before a wheel or an sdist is built (not for editable installs)."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        """Check the sync package; hatchling calls this before it collects the files.

        Args:
            version: ``"standard"`` (or ``"editable"`` for ``pip install -e``).
            build_data: Hatchling's build data (unchanged).
        """
        if self.target_name == "wheel" and version == "editable":
            return
        check(Path(self.root))
