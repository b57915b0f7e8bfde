"""Small helpers shared by the tests that drive FakeHoneycomb (both client trees and the
engine tests), and a clock to patch ``honeycomb._io.monotonic`` with."""

from __future__ import annotations

from typing import Any

__all__ = ["ManualClock", "body_of", "ident"]


def ident(model: Any) -> str:
    """The id of a created object (the response models type it as optional)."""
    assert model.id, f"{type(model).__name__} has no id"
    return str(model.id)


def body_of(error: Any) -> dict[str, Any]:
    """The decoded error body of an APIStatusError."""
    body = error.body
    assert isinstance(body, dict)
    return body


class ManualClock:
    """A monotonic clock that only moves when a test moves ``now``."""

    def __init__(self, now: float = 0.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now
