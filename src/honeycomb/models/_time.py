"""Unix-time fields: the API speaks epoch seconds, callers may hold datetimes.

Pure: no I/O, no clock. Naive datetimes are taken as UTC (as in ``honeycomb.query``).
"""

from __future__ import annotations

import math
from datetime import datetime, timezone
from typing import Annotated, Any

from pydantic import BeforeValidator

__all__ = ["TimeLike", "UnixTime", "to_unix_seconds"]

TimeLike = datetime | int | float
"""What a caller may pass where the API wants epoch seconds."""


def to_unix_seconds(value: TimeLike) -> int:
    """Convert a datetime or epoch seconds to whole epoch seconds.

    Args:
        value: A datetime (naive means UTC) or seconds since the epoch. Fractions of a
            second are dropped (floored).

    Returns:
        Whole seconds since the epoch.

    Raises:
        TypeError: For a bool or any other type.
    """
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return math.floor(value.timestamp())
    if isinstance(value, bool):
        raise TypeError("a time must be a datetime or epoch seconds, not a bool")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return math.floor(value)
    raise TypeError(f"a time must be a datetime or epoch seconds, got {type(value).__name__}")


def _coerce(value: Any) -> Any:
    # Leave anything unexpected to pydantic's int validator, for its usual message.
    if isinstance(value, datetime) or (isinstance(value, float) and math.isfinite(value)):
        return to_unix_seconds(value)
    return value


UnixTime = Annotated[int, BeforeValidator(_coerce)]
"""An epoch-seconds field on a request model that also accepts a datetime."""
