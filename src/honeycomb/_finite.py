"""Finding NaN and infinities, which JSON cannot carry.

Python's encoders write them as the bare tokens ``NaN`` and ``Infinity`` (not JSON: a
strict parser rejects the whole body), or, like orjson, as ``null`` (the value silently
lost). The SDK refuses them instead: an event holding one fails alone, a query filter
holding one fails validation.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

__all__ = ["non_finite_path"]


def non_finite_path(value: Any, path: str = "") -> str | None:
    """Where the first NaN or infinity in ``value`` is, searching mappings and lists.

    Args:
        value: A JSON-like value.
        path: The path of ``value`` itself, prefixed to what is found.

    Returns:
        A path such as ``latency.p99`` or ``[2]`` (``""`` for ``value`` itself), or None
        when every number is finite.

    Examples:
        >>> non_finite_path({"a": [1.0, float("nan")]})
        'a[1]'
        >>> non_finite_path({"a": [1.0, 2.5]}) is None
        True
    """
    if isinstance(value, float):
        return None if math.isfinite(value) else path
    if isinstance(value, Mapping):
        for key, item in value.items():
            found = non_finite_path(item, f"{path}.{key}" if path else str(key))
            if found is not None:
                return found
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            found = non_finite_path(item, f"{path}[{i}]")
            if found is not None:
                return found
    return None
