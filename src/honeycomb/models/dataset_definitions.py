"""Models for dataset definitions (``/1/dataset_definitions``).

Dataset definitions tell Honeycomb which column plays which role in a dataset: which
one holds the trace id, the span duration, the service name, and so on. Each role maps
to the name of a column or of a calculated field.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, field_validator

from honeycomb.models._base import (
    RequestModel,
    ResponseModel,
    StrEnum,
    accepts_response,
    request_model,
)

__all__ = [
    "DEFINITION_TYPES",
    "DatasetDefinition",
    "DatasetDefinitionColumnType",
    "DatasetDefinitionIn",
    "DatasetDefinitions",
    "DatasetDefinitionsUpdate",
]

DEFINITION_TYPES: tuple[str, ...] = (
    "span_id",
    "trace_id",
    "parent_id",
    "name",
    "service_name",
    "duration_ms",
    "span_kind",
    "annotation_type",
    "link_span_id",
    "link_trace_id",
    "error",
    "status",
    "route",
    "user",
    "log_severity",
    "log_message",
)
"""Every definition type the API documents, in the spec's order."""


class DatasetDefinitionColumnType(StrEnum):
    """Whether a definition points at a regular column or at a calculated field."""

    COLUMN = "column"
    DERIVED_COLUMN = "derived_column"


_DatasetDefinitionColumnTypeOrStr = Annotated[
    DatasetDefinitionColumnType | str, Field(union_mode="left_to_right")
]
"""A known member, or the raw string for a value this version does not know."""


class DatasetDefinition(ResponseModel):
    """One definition as returned: the mapped column's name and its kind."""

    name: str | None = None
    column_type: _DatasetDefinitionColumnTypeOrStr | None = None


class DatasetDefinitions(ResponseModel):
    """All definitions of a dataset. A type that is not set is ``None``."""

    span_id: DatasetDefinition | None = None
    trace_id: DatasetDefinition | None = None
    parent_id: DatasetDefinition | None = None
    name: DatasetDefinition | None = None
    service_name: DatasetDefinition | None = None
    duration_ms: DatasetDefinition | None = None
    span_kind: DatasetDefinition | None = None
    annotation_type: DatasetDefinition | None = None
    link_span_id: DatasetDefinition | None = None
    link_trace_id: DatasetDefinition | None = None
    error: DatasetDefinition | None = None
    status: DatasetDefinition | None = None
    route: DatasetDefinition | None = None
    user: DatasetDefinition | None = None
    log_severity: DatasetDefinition | None = None
    log_message: DatasetDefinition | None = None


class DatasetDefinitionIn(RequestModel):
    """One definition to set: the column or calculated-field name (``""`` clears it).

    ``column_type`` may be sent but Honeycomb ignores it when updating definitions (the
    spec marks it read-only); definitions read back have it dropped.
    """

    name: str = Field(max_length=255)
    column_type: Literal["column", "derived_column"] | None = None


_Definition = DatasetDefinitionIn | None


class DatasetDefinitionsUpdate(RequestModel):
    """Body of ``PATCH /1/dataset_definitions/{dataset}``.

    Only the definition types you set are sent, and the others stay as they are. A
    definition whose ``name`` is the empty string is cleared (Honeycomb may fall back to
    its default mapping). A plain string is accepted as shorthand for ``{"name": ...}``.

    Examples:
        >>> column = client.columns.create("web", {"key_name": "elapsed_ms"})
        >>> update = DatasetDefinitionsUpdate(duration_ms="elapsed_ms")
        >>> update.model_dump(exclude_unset=True)        # only this definition is sent
        {'duration_ms': {'name': 'elapsed_ms'}}
        >>> client.dataset_definitions.update("web", update).duration_ms.name
        'elapsed_ms'
        >>> DatasetDefinitionsUpdate.clear("error").model_dump(exclude_unset=True)
        {'error': {'name': ''}}
    """

    span_id: _Definition = None
    trace_id: _Definition = None
    parent_id: _Definition = None
    name: _Definition = None
    service_name: _Definition = None
    duration_ms: _Definition = None
    span_kind: _Definition = None
    annotation_type: _Definition = None
    link_span_id: _Definition = None
    link_trace_id: _Definition = None
    error: _Definition = None
    status: _Definition = None
    route: _Definition = None
    user: _Definition = None
    log_severity: _Definition = None
    log_message: _Definition = None

    @classmethod
    def _from_response(cls, data: dict[str, Any]) -> dict[str, Any]:
        return {
            key: {k: v for k, v in value.items() if k != "column_type"}
            if isinstance(value, dict)
            else value
            for key, value in data.items()
        }

    @field_validator("*", mode="before")
    @classmethod
    def _name_shorthand(cls, value: Any) -> Any:
        return {"name": value} if isinstance(value, str) else value

    @classmethod
    def clear(cls, *definition_types: str) -> DatasetDefinitionsUpdate:
        """Build an update that clears the given definition types.

        Args:
            *definition_types: Names from ``DEFINITION_TYPES``, e.g. ``"error"``.

        Returns:
            An update setting each of them to ``{"name": ""}``.

        Raises:
            RequestValidationError: A name is not a definition type.
        """
        return request_model(cls, {t: {"name": ""} for t in definition_types})


accepts_response(DatasetDefinitions, DatasetDefinitionsUpdate)
