"""Calculated-field (derived column) expressions: a parser and an evaluator.

Syntax, as Honeycomb writes it: ``FUNC(arg, ...)``; columns as ``$name`` or
``$"name with spaces"``; string literals in double quotes; numbers; ``true``/``false``/
``null``. Supported functions (evaluated per event):

- conditionals: ``IF``, ``SWITCH``, ``COALESCE``
- comparisons: ``LT``, ``LTE``, ``GT``, ``GTE``, ``EQUALS``, ``IN``
- booleans: ``AND``, ``OR``, ``NOT``, ``EXISTS``
- maths: ``MIN``, ``MAX``, ``SUM``, ``SUB``, ``MUL``, ``DIV``, ``MOD``, ``LOG10``, ``BUCKET``
- casts: ``INT``, ``FLOAT``, ``BOOL``, ``STRING``
- strings: ``CONCAT``, ``STARTS_WITH``, ``ENDS_WITH``, ``CONTAINS``, ``LENGTH``, ``TO_LOWER``,
  ``TO_UPPER``, ``REG_MATCH``, ``REG_VALUE``, ``REG_COUNT``
- time: ``EVENT_TIMESTAMP``, ``INGEST_TIMESTAMP`` (the event time here), ``UNIX_TIMESTAMP``

Any other function name is rejected as invalid, as the API does. Evaluation errors
(a wrong type, a division by zero) give null, as in Honeycomb.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["Call", "Column", "ExpressionError", "Literal", "evaluate", "parse_expression"]


class ExpressionError(ValueError):
    """The expression does not parse."""


@dataclass(frozen=True)
class Literal:
    """A constant."""

    value: Any


@dataclass(frozen=True)
class Column:
    """A column reference."""

    name: str


@dataclass(frozen=True)
class Call:
    """A function call."""

    name: str
    args: tuple[Node, ...]


Node = Literal | Column | Call

_TOKEN = re.compile(
    r"""\s*(?:
        (?P<col>\$"(?:[^"\\]|\\.)*"|\$[A-Za-z0-9_.\-]+)
      | (?P<str>"(?:[^"\\]|\\.)*")
      | (?P<num>-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)
      | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
      | (?P<punct>[(),])
    )""",
    re.VERBOSE,
)


def _unquote(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text[1:-1])


def _tokens(source: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    pos = 0
    source = source.rstrip()
    while pos < len(source):
        match = _TOKEN.match(source, pos)
        if match is None or match.end() == pos:
            raise ExpressionError(
                f"unexpected character at position {pos}: {source[pos : pos + 10]!r}"
            )
        kind = match.lastgroup
        assert kind is not None
        out.append((kind, match.group(kind)))
        pos = match.end()
    return out


def parse_expression(source: str) -> Node:
    """Parse an expression.

    Args:
        source: The expression text.

    Returns:
        Its syntax tree.

    Raises:
        ExpressionError: A syntax error or an unknown function.
    """
    tokens = _tokens(source)
    if not tokens:
        raise ExpressionError("empty expression")
    node, pos = _parse(tokens, 0)
    if pos != len(tokens):
        raise ExpressionError(f"unexpected {tokens[pos][1]!r} after the expression")
    return node


def _parse(tokens: list[tuple[str, str]], pos: int) -> tuple[Node, int]:
    if pos >= len(tokens):
        raise ExpressionError("unexpected end of expression")
    kind, text = tokens[pos]
    if kind == "col":
        name = _unquote(text[1:]) if text.startswith('$"') else text[1:]
        return Column(name), pos + 1
    if kind == "str":
        return Literal(_unquote(text)), pos + 1
    if kind == "num":
        number = float(text)
        return Literal(int(number) if re.fullmatch(r"-?\d+", text) else number), pos + 1
    if kind == "name":
        lowered = text.lower()
        if lowered in ("true", "false"):
            return Literal(lowered == "true"), pos + 1
        if lowered == "null":
            return Literal(None), pos + 1
        name = text.upper()
        if name not in FUNCTIONS:
            raise ExpressionError(f"unknown function {text}")
        if pos + 1 >= len(tokens) or tokens[pos + 1][1] != "(":
            raise ExpressionError(f"expected '(' after {text}")
        pos += 2
        args: list[Node] = []
        if pos < len(tokens) and tokens[pos][1] == ")":
            return Call(name, ()), pos + 1
        while True:
            arg, pos = _parse(tokens, pos)
            args.append(arg)
            if pos >= len(tokens):
                raise ExpressionError(f"missing ')' to close {name}(")
            if tokens[pos][1] == ",":
                pos += 1
                continue
            if tokens[pos][1] == ")":
                return Call(name, tuple(args)), pos + 1
            raise ExpressionError(f"unexpected {tokens[pos][1]!r} in {name}(")
    raise ExpressionError(f"unexpected {text!r}")


# ------------------------------------------------------------------------ evaluation


def _num(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return value
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return None
    return None


def _truthy(value: Any) -> bool:
    if isinstance(value, str):
        return value.lower() == "true"
    return bool(value) if value is not None else False


def _cmp(a: Any, b: Any, op: Callable[[Any, Any], bool]) -> Any:
    if a is None or b is None:
        return None
    if isinstance(a, str) and isinstance(b, str):
        return op(a, b)
    na, nb = _num(a), _num(b)
    if na is None or nb is None:
        return None
    return op(na, nb)


def _equals(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b or a == b
    na, nb = _num(a), _num(b)
    if na is not None and nb is not None and not (isinstance(a, str) and isinstance(b, str)):
        return na == nb
    return bool(a == b)


def _string(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value == int(value):
        return str(int(value))
    return str(value)


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return int(value)
    number = _num(value)
    return None if number is None or math.isnan(number) else int(number)


def _float(value: Any) -> float | None:
    if isinstance(value, bool):
        return float(value)
    number = _num(value)
    return None if number is None else float(number)


def _arith(fn: Callable[[float, float], float]) -> Callable[..., Any]:
    def apply(*args: Any) -> Any:
        numbers = [_num(a) for a in args]
        if not numbers or any(n is None for n in numbers):
            return None
        result = numbers[0]
        assert result is not None
        for n in numbers[1:]:
            assert n is not None
            result = fn(result, n)
        return result

    return apply


def _div(a: float, b: float) -> float:
    return a / b


def _bucket(value: Any, size: Any, low: Any = None, high: Any = None) -> Any:
    n, s = _num(value), _num(size)
    if n is None or s is None or s <= 0:
        return None
    lo, hi = _num(low), _num(high)
    if lo is not None and n < lo:
        return f"< {_string(lo)}"
    if hi is not None and n >= hi:
        return f">= {_string(hi)}"
    start = math.floor(n / s) * s
    return f"{_string(start)} - {_string(start + s)}"


FUNCTIONS: dict[str, Callable[..., Any] | None] = {
    # lazily evaluated (None): IF, SWITCH, COALESCE, AND, OR
    "IF": None,
    "SWITCH": None,
    "COALESCE": None,
    "AND": None,
    "OR": None,
    "NOT": lambda a: None if a is None else not _truthy(a),
    "EXISTS": lambda a: a is not None,
    "LT": lambda a, b: _cmp(a, b, lambda x, y: x < y),
    "LTE": lambda a, b: _cmp(a, b, lambda x, y: x <= y),
    "GT": lambda a, b: _cmp(a, b, lambda x, y: x > y),
    "GTE": lambda a, b: _cmp(a, b, lambda x, y: x >= y),
    "EQUALS": lambda a, b: _equals(a, b),
    "IN": lambda a, *options: any(_equals(a, o) for o in options),
    "MIN": lambda *a: min((n for n in map(_num, a) if n is not None), default=None),
    "MAX": lambda *a: max((n for n in map(_num, a) if n is not None), default=None),
    "SUM": _arith(lambda x, y: x + y),
    "SUB": _arith(lambda x, y: x - y),
    "MUL": _arith(lambda x, y: x * y),
    "DIV": _arith(_div),
    "MOD": _arith(math.fmod),
    "LOG10": lambda a: math.log10(n) if (n := _num(a)) is not None and n > 0 else None,
    "BUCKET": _bucket,
    "INT": _int,
    "FLOAT": _float,
    "BOOL": lambda a: None if a is None else _truthy(a) if isinstance(a, str) else bool(a),
    "STRING": _string,
    "CONCAT": lambda *a: "".join(s for s in map(_string, a) if s is not None),
    "STARTS_WITH": lambda a, b: None if a is None else str(a).startswith(str(b)),
    "ENDS_WITH": lambda a, b: None if a is None else str(a).endswith(str(b)),
    "CONTAINS": lambda a, b: None if a is None else str(b) in str(a),
    "LENGTH": lambda a, *_: None if a is None else len(str(a)),
    "TO_LOWER": lambda a: None if a is None else str(a).lower(),
    "TO_UPPER": lambda a: None if a is None else str(a).upper(),
    "REG_MATCH": lambda a, p: None if a is None else re.search(str(p), str(a)) is not None,
    "REG_VALUE": lambda a, p: (
        None
        if a is None or (m := re.search(str(p), str(a))) is None
        else (m.group(1) if m.groups() else m.group(0))
    ),
    "REG_COUNT": lambda a, p: None if a is None else len(re.findall(str(p), str(a))),
    "EVENT_TIMESTAMP": None,
    "INGEST_TIMESTAMP": None,
    "UNIX_TIMESTAMP": lambda a: _num(a),
}


def evaluate(node: Node, event: Mapping[str, Any], timestamp: float = 0.0) -> Any:
    """Evaluate an expression against one event.

    Args:
        node: A parsed expression.
        event: The event's fields.
        timestamp: The event time (epoch seconds), for ``EVENT_TIMESTAMP()``.

    Returns:
        The value, or None when the expression has no value for this event.
    """
    try:
        return _eval(node, event, timestamp)
    except (TypeError, ValueError, ZeroDivisionError, OverflowError, re.error):
        return None


def _eval(node: Node, event: Mapping[str, Any], timestamp: float) -> Any:
    if isinstance(node, Literal):
        return node.value
    if isinstance(node, Column):
        return event.get(node.name)
    name, args = node.name, node.args
    if name == "IF":
        # IF(cond, then, [cond2, then2, ...], [else])
        index = 0
        while index + 1 < len(args):
            if _truthy(_eval(args[index], event, timestamp)):
                return _eval(args[index + 1], event, timestamp)
            index += 2
        return _eval(args[index], event, timestamp) if index < len(args) else None
    if name == "SWITCH":
        subject = _eval(args[0], event, timestamp)
        index = 1
        while index + 1 < len(args):
            if _equals(subject, _eval(args[index], event, timestamp)):
                return _eval(args[index + 1], event, timestamp)
            index += 2
        return _eval(args[index], event, timestamp) if index < len(args) else None
    if name == "COALESCE":
        for arg in args:
            value = _eval(arg, event, timestamp)
            if value is not None and value != "":
                return value
        return None
    if name == "AND":
        return all(_truthy(_eval(a, event, timestamp)) for a in args)
    if name == "OR":
        return any(_truthy(_eval(a, event, timestamp)) for a in args)
    if name in ("EVENT_TIMESTAMP", "INGEST_TIMESTAMP"):
        return timestamp
    fn = FUNCTIONS[name]
    assert fn is not None
    return fn(*(_eval(a, event, timestamp) for a in args))
