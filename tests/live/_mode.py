"""What the live suite decides before it sends anything: which Honeycomb it talks to, how
its objects are named (and so which ones it may delete), and how fast it may go.

Pure: the environment is passed in as a mapping and the clock as a number, so every rule
here has its own unit tests (``tests/live/test_mode.py``) and the same code decides in
fake mode and in real mode.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Literal

from honeycomb._config import ENV_API_ENDPOINT, ENV_API_KEY, ENV_KEY_ID, ENV_KEY_SECRET, REGIONS
from honeycomb.testing._ratelimits import bucket

__all__ = [
    "ENV_LIVE",
    "PREFIX",
    "Mode",
    "Pacer",
    "is_leftover",
    "new_run_prefix",
    "pace_key",
    "run_started",
    "select_mode",
]

ENV_LIVE = "HONEYCOMB_LIVE"
"""Must be exactly ``1`` (with a configuration key) for the suite to use the real API."""

PREFIX = "hcsdk-live-"
"""Every object the suite names starts with this, then the run's UTC time and a token."""

# hcsdk-live-20261202-004512-3fa9c1-...: date, time, six hex digits, then the object's label.
_RUN = re.compile(r"^hcsdk-live-(\d{8})-(\d{6})-([0-9a-f]{6})(?:-|$)")

Kind = Literal["fake", "real", "skip"]


@dataclass(frozen=True)
class Mode:
    """Where the suite runs.

    Attributes:
        kind: ``fake`` (a served FakeHoneycomb), ``real`` (the account the keys belong to)
            or ``skip`` (the user asked for real mode without what it needs).
        message: What to tell the user about the choice ("" when nothing needs saying).
        api_key: The configuration key (real mode).
        management_key: ``(key id, secret)`` for the v2 parts (real mode), or None.
        base_url: The API root (real mode): ``HONEYCOMB_API_ENDPOINT`` or the US one.
    """

    kind: Kind
    message: str = ""
    api_key: str | None = field(default=None, repr=False)
    management_key: tuple[str, str] | None = field(default=None, repr=False)
    base_url: str | None = None


def select_mode(environ: Mapping[str, str]) -> Mode:
    """Choose fake or real mode from the environment; real needs the flag AND a key.

    Args:
        environ: The environment variables (``os.environ``).

    Returns:
        The mode, with a message whenever the variables say something the choice ignores.
    """
    flag = environ.get(ENV_LIVE, "").strip()
    api_key = environ.get(ENV_API_KEY, "").strip()
    key_id = environ.get(ENV_KEY_ID, "").strip()
    secret = environ.get(ENV_KEY_SECRET, "").strip()
    if flag not in ("", "0", "1"):
        # A typo for "1" must not quietly pass against the fake as if real had run.
        return Mode("skip", f"{ENV_LIVE}={flag!r}: set {ENV_LIVE}=1 to run against the real API")
    if flag != "1":
        if api_key or key_id:
            return Mode(
                "fake",
                f"Honeycomb keys are set but {ENV_LIVE} is not 1: the live suite runs against "
                f"a local FakeHoneycomb (set {ENV_LIVE}=1 to use the real API)",
            )
        return Mode("fake")
    if not api_key:
        return Mode(
            "skip",
            f"{ENV_LIVE}=1 needs {ENV_API_KEY} (a configuration key; {ENV_KEY_ID} and "
            f"{ENV_KEY_SECRET} add the management parts): not running against the real API",
        )
    management = (key_id, secret) if key_id and secret else None
    message = ""
    if management is None:
        message = (
            f"no management key ({ENV_KEY_ID} and {ENV_KEY_SECRET}): "
            "the API key and environment scenarios are skipped"
        )
    base_url = environ.get(ENV_API_ENDPOINT, "").strip() or REGIONS["us"]
    return Mode("real", message, api_key, management, base_url.rstrip("/"))


def new_run_prefix(now: datetime, token: str) -> str:
    """The run's prefix: ``hcsdk-live-YYYYMMDD-HHMMSS-<token>`` (UTC).

    Args:
        now: When the run started (aware, or naive meaning UTC).
        token: Six lowercase hex digits that tell apart two runs of the same second.

    Returns:
        The prefix (objects are named ``<prefix>-<label>``).

    Raises:
        ValueError: The token is not six lowercase hex digits.
    """
    if not re.fullmatch(r"[0-9a-f]{6}", token):
        raise ValueError(f"token must be six lowercase hex digits, got {token!r}")
    utc = now.astimezone(timezone.utc) if now.tzinfo else now
    return f"{PREFIX}{utc:%Y%m%d-%H%M%S}-{token}"


def run_started(name: str) -> datetime | None:
    """When the run that named ``name`` started, or None when no run of this suite did."""
    match = _RUN.match(name)
    if match is None:
        return None
    try:
        return datetime.strptime(match[1] + match[2], "%Y%m%d%H%M%S").replace(tzinfo=timezone.utc)
    except ValueError:  # 20261399-...: shaped like a prefix, but no run ever had that time
        return None


def is_leftover(
    name: str | None, *, run: str | None = None, before: datetime | None = None
) -> bool:
    """Whether the clean-up may delete an object of this name.

    Only names that start with a run prefix qualify, whatever else they contain.

    Args:
        name: The object's name (a dataset's name, a board's, a webhook's...).
        run: Only objects of this run (its prefix).
        before: Only objects of runs that started before this time.

    Returns:
        True when the object is the suite's and matches the filter.
    """
    if not name:
        return False
    started = run_started(name)
    if started is None:
        return False
    if run is not None and name != run and not name.startswith(run + "-"):
        return False
    return before is None or started < before


def pace_key(method: str, path: str) -> str:
    """What the API counts a request against: its action (read or write) and resource.

    Honeycomb limits each team per resource and action (reads of triggers apart from SLO
    reads; v2 per team-scoped collection), so the pacer spaces requests per key. The
    served fake counts its rate-limit windows by the same key.

    Args:
        method: The HTTP method.
        path: The URL path.

    Returns:
        For example ``read /1/triggers`` or ``write /2/teams/t/api-keys``.
    """
    return bucket(method, path)


# Seconds between two requests. Per key: 0.65 s keeps any one resource and action under
# 100 a minute (the documented default for v2, below the 120 reads a minute reported for
# v1); creating query results is limited to 10 a minute; all requests together stay
# under 5 a second so a run never starves the team's other clients. A CLI invocation
# ("cli") sends a few requests of its own, so invocations start two seconds apart.
SPACING = {"*": 0.2, "write /1/query_results": 6.5, "cli": 2.0}
DEFAULT_SPACING = 0.65


@dataclass
class Pacer:
    """Books a slot for each request so that the suite stays under the rate limits.

    ``scale`` multiplies every spacing: 1 in real mode, 0 (no waiting) in fake mode.
    Safe to share between threads (the sync client's porting runs requests in parallel).
    """

    scale: float = 1.0
    spacing: Mapping[str, float] = field(default_factory=lambda: dict(SPACING))
    _next: dict[str, float] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def reserve(self, key: str, now: float) -> float:
        """Book the next slot for a request of ``key``.

        Args:
            key: ``pace_key(method, path)``.
            now: The current monotonic time.

        Returns:
            How many seconds to wait before sending (0 when it may go now).
        """
        if self.scale <= 0:
            return 0.0
        with self._lock:
            start = max(now, self._next.get("*", now), self._next.get(key, now))
            self._next["*"] = start + self.scale * self.spacing.get("*", 0.0)
            self._next[key] = start + self.scale * self.spacing.get(key, DEFAULT_SPACING)
        return start - now
