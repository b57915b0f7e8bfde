"""``ApplyReport``: what an apply did, what failed and what it did not get to."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from honeycomb.errors import HoneycombError
from honeycomb.porting._plan import Change

__all__ = ["Applied", "ApplyError", "ApplyReport"]

_PAST = {"create": "created", "update": "updated", "delete": "deleted"}


@dataclass(frozen=True)
class Applied:
    """One change that was made.

    Attributes:
        change: The plan's change.
        id: The target object's id (for a delete, the id it had).
    """

    change: Change
    id: str | None


@dataclass
class ApplyReport:
    """The outcome of ``client.porting.apply(plan)``.

    Attributes:
        done: The changes made, in the order they were made.
        failed: The change that failed and why (empty when the apply succeeded).
        not_done: The changes never attempted because an earlier one failed.
    """

    done: list[Applied] = field(default_factory=list)
    failed: list[tuple[Change, str]] = field(default_factory=list)
    not_done: list[Change] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every change was made."""
        return not self.failed and not self.not_done

    def counts(self) -> dict[str, int]:
        """Changes made by action, plus ``failed`` and ``not_done``."""
        out = {"create": 0, "update": 0, "delete": 0}
        for item in self.done:
            out[item.change.action] += 1
        return {**out, "failed": len(self.failed), "not_done": len(self.not_done)}

    def summary(self) -> str:
        """``Apply complete: 3 created, 1 updated, 0 deleted.`` (or what stopped it)."""
        c = self.counts()
        made = f"{c['create']} created, {c['update']} updated, {c['delete']} deleted"
        if self.ok:
            return f"Apply complete: {made}."
        return (
            f"Apply stopped: {made}; {c['failed']} failed, {c['not_done']} not attempted. "
            "Run it again to finish: what was done is found and not repeated."
        )

    def __str__(self) -> str:
        lines = []
        for item in self.done:
            suffix = f" (id {item.id})" if item.id else ""
            lines.append(f"  {_PAST[item.change.action]} {item.change.label}{suffix}")
        for change, reason in self.failed:
            lines.append(f"  failed to {change.action} {change.label}: {reason}")
        for change in self.not_done:
            lines.append(f"  not attempted: {change.action} {change.label}")
        lines.append(self.summary())
        return "\n".join(lines) + "\n"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return {
            "summary": self.counts(),
            "done": [{**item.change.to_dict(), "id": item.id} for item in self.done],
            "failed": [{**c.to_dict(), "error": reason} for c, reason in self.failed],
            "not_done": [c.to_dict() for c in self.not_done],
        }


class ApplyError(HoneycombError):
    """An apply stopped on a failure. ``report`` says what was done and what was not; the
    API's error is the ``__cause__``.

    Args:
        report: The partial report.
    """

    def __init__(self, report: ApplyReport) -> None:
        self.report = report
        first = report.failed[0] if report.failed else None
        reason = f"{first[0].action} {first[0].label} failed: {first[1]}" if first else "failed"
        super().__init__(f"{reason}. {report.summary()}")
