"""Models for board views (``/1/boards/{boardId}/views``).

A view is a named set of filters applied to every query panel of a board; a board has at
most 50 views. Unlike a query filter, a view filter names its operator ``operation``, not
``op`` (the Terraform provider notes the same). ``op`` is accepted on input as a
convenience and always sent as ``operation``.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AliasChoices, Field, StringConstraints, model_validator

from honeycomb.models._base import RequestModel, ResponseModel, accepts_response
from honeycomb.models.queries import FilterOp

__all__ = [
    "MAX_VIEWS_PER_BOARD",
    "BoardView",
    "BoardViewCreate",
    "BoardViewFilter",
    "BoardViewFilterIn",
    "BoardViewUpdate",
]

MAX_VIEWS_PER_BOARD = 50
"""A board has at most 50 views; creating one more is rejected by the API."""

_NO_VALUE_OPS = frozenset({FilterOp.EXISTS, FilterOp.DOES_NOT_EXIST})
_LIST_VALUE_OPS = frozenset({FilterOp.IN, FilterOp.NOT_IN})
_STRING_OPS = frozenset(
    {
        FilterOp.STARTS_WITH,
        FilterOp.DOES_NOT_START_WITH,
        FilterOp.ENDS_WITH,
        FilterOp.DOES_NOT_END_WITH,
        FilterOp.CONTAINS,
        FilterOp.DOES_NOT_CONTAIN,
    }
)

_Scalar = bool | int | float | str


class BoardViewFilterIn(RequestModel):
    """One filter of a view: ``column operation value``.

    ``exists``/``does-not-exist`` take no value; ``in``/``not-in`` take a list; the string
    operators (``contains``, ``starts-with``...) take a string; the others take one value.
    """

    column: Annotated[str, StringConstraints(min_length=1)]
    operation: FilterOp = Field(validation_alias=AliasChoices("operation", "op"))
    value: _Scalar | list[_Scalar] | None = None

    @model_validator(mode="after")
    def _value_fits_operation(self) -> BoardViewFilterIn:
        if self.operation in _NO_VALUE_OPS:
            if self.value is not None:
                raise ValueError(f"operation {self.operation.value!r} takes no value")
        elif self.operation in _LIST_VALUE_OPS:
            if not isinstance(self.value, list):
                raise ValueError(f"operation {self.operation.value!r} takes a list of values")
        elif self.operation in _STRING_OPS:
            if not isinstance(self.value, str):
                raise ValueError(f"operation {self.operation.value!r} takes a string value")
        elif self.value is None or isinstance(self.value, list):
            raise ValueError(f"operation {self.operation.value!r} takes a single value")
        return self


_Filters = Annotated[list[BoardViewFilterIn], Field(min_length=1)]
_Name = Annotated[str, StringConstraints(min_length=1, max_length=255)]


class BoardViewCreate(RequestModel):
    """The body of ``POST /1/boards/{boardId}/views``: a name and at least one filter."""

    name: _Name
    filters: _Filters


class BoardViewUpdate(RequestModel):
    """The body of ``PUT /1/boards/{boardId}/views/{viewId}``: a full replacement."""

    id: str | None = None
    name: _Name
    filters: _Filters


_FilterOpOrStr = Annotated[FilterOp | str, Field(union_mode="left_to_right")]


class BoardViewFilter(ResponseModel):
    """A view filter as returned (unknown operations kept as strings)."""

    column: str | None = None
    operation: _FilterOpOrStr | None = None
    value: Any = None


class BoardView(ResponseModel):
    """A saved view of a board."""

    id: str
    name: str | None = None
    filters: list[BoardViewFilter] | None = None


accepts_response(BoardView, BoardViewCreate, BoardViewUpdate)
