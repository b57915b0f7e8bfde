"""``Accept`` header parsing (RFC 9110, section 12.5.1), for content negotiation.

Pure: the fake uses it to answer 406 as a strict JSON:API server does, and the contract
tests use it to check what the client accepts against what the spec says it produces.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["MediaRange", "accepts", "parse_accept"]

# JSON:API 1.1 lets a client name extensions and profiles on its media type; a server
# that supports none may ignore a profile, so it does not make a range more specific.
_IGNORED_PARAMETERS = frozenset({"q", "profile"})


@dataclass(frozen=True)
class MediaRange:
    """One element of an ``Accept`` header: ``type/subtype;param=value;q=0.5``.

    Attributes:
        type: The top-level type, lower-cased (``*`` for any).
        subtype: The subtype, lower-cased (``*`` for any).
        parameters: The media type parameters other than ``q``, names lower-cased.
        quality: The ``q`` weight, 0 to 1 (0 means "not acceptable").
    """

    type: str
    subtype: str
    parameters: dict[str, str] = field(default_factory=dict)
    quality: float = 1.0

    def matches(self, media_type: str) -> bool:
        """Whether this range covers ``media_type`` (a plain ``type/subtype``).

        A range with parameters (other than ``profile``) covers only a media type
        offered with the same parameters, and the types offered here have none.

        Args:
            media_type: The offered type, e.g. ``application/vnd.api+json``.

        Returns:
            True when it matches.
        """
        if any(name not in _IGNORED_PARAMETERS for name in self.parameters):
            return False
        kind, _, sub = media_type.lower().partition("/")
        if self.type == "*":
            return self.subtype == "*"
        return self.type == kind and self.subtype in ("*", sub)

    @property
    def specificity(self) -> int:
        """2 for ``type/subtype``, 1 for ``type/*``, 0 for ``*/*``."""
        return (self.type != "*") + (self.subtype != "*")


def _split(text: str, separator: str) -> list[str]:
    """Split on ``separator`` outside double-quoted strings."""
    parts: list[str] = []
    current: list[str] = []
    quoted = escaped = False
    for char in text:
        if escaped:
            escaped = False
        elif char == "\\" and quoted:
            escaped = True
        elif char == '"':
            quoted = not quoted
        elif char == separator and not quoted:
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    parts.append("".join(current))
    return parts


def parse_accept(header: str) -> list[MediaRange]:
    """Parse an ``Accept`` header into its media ranges, in the order given.

    Malformed elements (no ``/``, an unreadable or out-of-range ``q``) are left out,
    as a lenient server does.

    Args:
        header: The header value.

    Returns:
        The media ranges.

    Examples:
        >>> [(r.type, r.subtype, r.quality) for r in parse_accept("text/*;q=0.5, */*;q=0")]
        [('text', '*', 0.5), ('*', '*', 0.0)]
    """
    ranges: list[MediaRange] = []
    for element in _split(header, ","):
        pieces = _split(element, ";")
        kind, slash, sub = pieces[0].strip().lower().partition("/")
        if not slash or not kind or not sub or (kind == "*" and sub != "*"):
            continue
        parameters: dict[str, str] = {}
        for piece in pieces[1:]:
            name, equals, value = piece.strip().partition("=")
            if equals:
                parameters[name.strip().lower()] = value.strip().strip('"')
        quality = 1.0
        if "q" in parameters:
            try:
                quality = float(parameters.pop("q"))
            except ValueError:
                continue
            if not 0.0 <= quality <= 1.0:
                continue
        ranges.append(MediaRange(kind, sub, parameters, quality))
    return ranges


def accepts(header: str | None, media_type: str) -> bool:
    """Whether a request with this ``Accept`` takes a response of ``media_type``.

    No header (or an empty one) accepts anything. Otherwise the most specific range that
    covers the type decides, so ``application/vnd.api+json;q=0, */*`` refuses JSON:API.

    Args:
        header: The ``Accept`` value, or None when absent.
        media_type: The type the server would answer with.

    Returns:
        True when the type is acceptable (a matching range with ``q`` above 0).

    Examples:
        >>> accepts("application/json", "application/vnd.api+json")
        False
        >>> accepts("application/*;q=0.1", "application/vnd.api+json")
        True
    """
    if header is None or not header.strip():
        return True
    matching = [r for r in parse_accept(header) if r.matches(media_type)]
    if not matching:
        return False
    best = max(matching, key=lambda r: r.specificity)
    return best.quality > 0
