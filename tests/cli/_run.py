"""Running the ``honeycomb`` CLI in tests: in-process (typer's runner) and as a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from typer.testing import CliRunner

from honeycomb.cli.app import command

__all__ = ["CAPTURED", "Run", "clean_env", "run_cli", "run_process"]


CAPTURED: list[Run] = []
"""Every run of the current test; the conftest scans them all for keys afterwards."""


@dataclass(frozen=True)
class Run:
    """What one invocation produced."""

    code: int
    stdout: str
    stderr: str
    args: tuple[str, ...] = ()

    @property
    def everything(self) -> str:
        """stdout and stderr together, for scans (no key may appear in either)."""
        return self.stdout + self.stderr


def run_cli(
    args: Sequence[str], *, env: Mapping[str, str] | None = None, input: str | None = None
) -> Run:
    """Run the CLI in this process through typer's runner (isolated stdin/stdout/stderr).

    Args:
        args: The arguments after ``honeycomb``.
        env: Environment variables to set for the run.
        input: What stdin holds.

    Returns:
        The exit status and the captured streams.
    """
    runner = CliRunner()
    with runner.isolation(input=input, env=dict(env or {})) as streams:
        try:
            command().main(args=list(args), prog_name="honeycomb")
            code = 0
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
        sys.stdout.flush()
        sys.stderr.flush()
        stdout, stderr = streams[0].getvalue(), streams[1].getvalue()
    run = Run(code, stdout.decode(), stderr.decode(), tuple(args))
    CAPTURED.append(run)
    return run


def clean_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The current environment without HONEYCOMB_* variables, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HONEYCOMB", "NO_COLOR"))}
    env.update(extra or {})
    return env


def run_process(
    args: Sequence[str], *, env: Mapping[str, str], input: str | None = None, timeout: float = 60
) -> Run:
    """Run ``python -m honeycomb ARGS`` as a real process (stdout is a pipe).

    Args:
        args: The arguments after ``honeycomb``.
        env: The whole environment of the process.
        input: What stdin holds.
        timeout: Seconds before the test fails.

    Returns:
        The exit status and the captured streams.
    """
    result = subprocess.run(
        [sys.executable, "-m", "honeycomb", *args],
        input=input,
        capture_output=True,
        text=True,
        env=dict(env),
        timeout=timeout,
        check=False,
    )
    run = Run(result.returncode, result.stdout, result.stderr, tuple(args))
    CAPTURED.append(run)
    return run
