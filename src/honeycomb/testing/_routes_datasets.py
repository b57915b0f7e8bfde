"""Datasets, dataset definitions, columns and calculated fields (derived columns)."""

from __future__ import annotations

from typing import Any

from honeycomb.testing._core import Checker, Ctx, Route, empty, ok, public, sdk_model_check
from honeycomb.testing._http import (
    PROBLEM,
    ApiError,
    FakeResponse,
    conflict,
    json_response,
    not_found,
    unprocessable,
)
from honeycomb.testing._state import ALL, Dataset, Environment, slugify

__all__ = ["ROUTES", "column_for", "ensure_column"]

COLUMN_TYPES = ("string", "float", "integer", "boolean", "histogram")


# ------------------------------------------------------------------------- datasets


def dataset_json(env: Environment, dataset: Dataset) -> dict[str, Any]:
    """A dataset as the API shows it."""
    return dataset.to_json(len(env.bucket("columns", dataset.slug)))


def list_datasets(ctx: Ctx) -> FakeResponse:
    env = ctx.environment
    return ok([dataset_json(env, d) for d in env.datasets.values()])


def get_dataset(ctx: Ctx) -> FakeResponse:
    dataset = ctx.dataset()
    assert dataset is not None
    return ok(dataset_json(ctx.environment, dataset))


def create_dataset(ctx: Ctx) -> FakeResponse:
    body = ctx.object_body()
    check = Checker(body)
    name = check.string("name", required=True, min_length=1, max_length=255)
    check.string("description", max_length=1024)
    check.integer("expand_json_depth", minimum=0, maximum=10)
    check.done()
    sdk_model_check(body, [("datasets", "DatasetCreate")])
    assert name is not None
    env = ctx.environment
    slug = slugify(name)
    if slug == ALL:
        raise conflict("we could not create a dataset with that name")
    existing = env.datasets.get(slug)
    if existing is not None:
        return ok(dataset_json(env, existing), 200)
    dataset = Dataset(
        slug=slug,
        name=name,
        description=str(body.get("description") or ""),
        expand_json_depth=int(body.get("expand_json_depth") or 0),
        created_at=ctx.state.now_iso(),
    )
    env.datasets[slug] = dataset
    return ok(dataset_json(env, dataset), 201)


def update_dataset(ctx: Ctx) -> FakeResponse:
    dataset = ctx.dataset()
    assert dataset is not None
    body = ctx.object_body()
    check = Checker(body)
    description = check.string("description", required=True, max_length=1024)
    depth = check.integer("expand_json_depth", required=True, minimum=0, maximum=10)
    settings = check.object("settings")
    protected = None
    if settings is not None:
        sub = check.child(settings, "settings.")
        if sub is not None:
            protected = sub.boolean("delete_protected")
    check.done()
    sdk_model_check(body, [("datasets", "DatasetUpdate")])
    dataset.description = description or ""
    dataset.expand_json_depth = depth or 0
    if protected is not None:
        dataset.delete_protected = protected
    return ok(dataset_json(ctx.environment, dataset))


def delete_dataset(ctx: Ctx) -> FakeResponse:
    dataset = ctx.dataset()
    assert dataset is not None
    if dataset.delete_protected:
        raise conflict(
            "Dataset is delete protected. Disable delete protection "
            "(settings.delete_protected=false) before deleting it."
        )
    env = ctx.environment
    del env.datasets[dataset.slug]
    for kind in list(env.objects):
        env.objects[kind].pop(dataset.slug, None)
    return ok({}, 202)


# ------------------------------------------------------------------ dataset definitions


def _definition_types() -> tuple[str, ...]:
    """The definition types the API documents: the SDK model's list, imported when first
    needed (the pytest plugin imports the fake at startup, and the models load pydantic)."""
    from honeycomb.models.dataset_definitions import DEFINITION_TYPES

    return DEFINITION_TYPES


def _definitions(env: Environment, dataset: Dataset) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in _definition_types():
        value = dataset.definitions.get(name)
        out[name] = dict(value) if value else None
    return out


def get_definitions(ctx: Ctx) -> FakeResponse:
    dataset = ctx.dataset()
    assert dataset is not None
    return ok(_definitions(ctx.environment, dataset))


def patch_definitions(ctx: Ctx) -> FakeResponse:
    dataset = ctx.dataset()
    assert dataset is not None
    env = ctx.environment
    body = ctx.object_body()
    check = Checker(body)
    updates: dict[str, dict[str, Any] | None] = {}
    known = _definition_types()
    for name, value in body.items():
        if name not in known:
            continue  # the API ignores fields it does not know
        if value is None:
            updates[name] = None
            continue
        sub = check.child(value, f"{name}.")
        if sub is None:
            continue
        column = sub.string("name", required=True, max_length=255)
        if column is None:
            continue
        if column == "":
            updates[name] = None
            continue
        kind = "column"
        if any(d.get("alias") == column for d in _derived_visible(env, dataset.slug)):
            kind = "derived_column"
        updates[name] = {"name": column, "column_type": kind}
    check.done()
    sdk_model_check(body, [("dataset_definitions", "DatasetDefinitionsUpdate")])
    dataset.definitions.update(updates)
    return ok(_definitions(env, dataset))


# -------------------------------------------------------------------------- columns


def column_for(env: Environment, dataset: str, key_name: str) -> dict[str, Any] | None:
    """The column of that name, if any."""
    for column in env.bucket("columns", dataset).values():
        if column["key_name"] == key_name:
            return column
    return None


def _infer_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "float"
    return "string"


def ensure_column(ctx_state: Any, env: Environment, dataset: str, key: str, value: Any) -> None:
    """Create the column an ingested field implies, and note when it was last written."""
    now = ctx_state.now_iso()
    if not key:
        return  # an event field without a name makes no column
    column = column_for(env, dataset, key)
    if column is None:
        column_id = ctx_state.new_id()
        env.bucket("columns", dataset)[column_id] = {
            "id": column_id,
            "key_name": key,
            "type": _infer_type(value),
            "description": "",
            "hidden": False,
            "last_written": now,
            "created_at": now,
            "updated_at": now,
        }
    else:
        column["last_written"] = now


def _column_ds(ctx: Ctx) -> str:
    return ctx.dataset_slug(allow_all=True)


def _all_columns(ctx: Ctx, slug: str) -> list[dict[str, Any]]:
    env = ctx.environment
    if slug == ALL:
        found: list[dict[str, Any]] = []
        for items in env.objects.get("columns", {}).values():
            found.extend(items.values())
        return found
    return list(env.bucket("columns", slug).values())


def list_columns(ctx: Ctx) -> FakeResponse:
    slug = _column_ds(ctx)
    key_name = ctx.request.param("key_name")
    columns = _all_columns(ctx, slug)
    if key_name is not None:
        for column in columns:
            if column["key_name"] == key_name:
                return ok(public(column))
        raise not_found("column")
    return ok([public(c) for c in columns])


def _get_column(ctx: Ctx) -> dict[str, Any]:
    return ctx.stored("columns", "column")


def get_column(ctx: Ctx) -> FakeResponse:
    return ok(public(_get_column(ctx)))


def _check_column(ctx: Ctx, body: dict[str, Any], *, create: bool) -> Checker:
    check = Checker(body)
    if create:
        check.string("key_name", required=True, min_length=1, max_length=255)
    else:
        check.string("key_name", max_length=255)
    check.string("type", choices=COLUMN_TYPES)
    check.string("description", max_length=255)
    check.boolean("hidden")
    check.done()
    return check


def create_column(ctx: Ctx) -> FakeResponse:
    slug = _column_ds(ctx)
    body = ctx.object_body()
    _check_column(ctx, body, create=True)
    sdk_model_check(body, [("columns", "ColumnCreate")])
    env = ctx.environment
    if column_for(env, slug, body["key_name"]) is not None:
        raise conflict(f"column '{body['key_name']}' already exists")
    column = ctx.store(
        "columns",
        slug,
        {
            "key_name": body["key_name"],
            "type": body.get("type") or "string",
            "description": body.get("description") or "",
            "hidden": bool(body.get("hidden", False)),
        },
    )
    return ok(public(column), 201)


def update_column(ctx: Ctx) -> FakeResponse:
    column = _get_column(ctx)
    body = ctx.object_body()
    _check_column(ctx, body, create=False)
    sdk_model_check(body, [("columns", "ColumnUpdate")])
    if "key_name" in body and body["key_name"] != column["key_name"]:
        raise unprocessable(
            [{"field": "key_name", "code": "invalid", "description": "key_name cannot be changed"}]
        )
    for name in ("type", "description", "hidden"):
        if name in body and body[name] is not None:
            column[name] = body[name]
    column["updated_at"] = ctx.state.now_iso()
    return ok(public(column))


def delete_column(ctx: Ctx) -> FakeResponse:
    column = _get_column(ctx)
    slug = _column_ds(ctx)
    del ctx.environment.bucket("columns", slug)[column["id"]]
    return empty()


# --------------------------------------------------------------- calculated fields


def _derived_visible(env: Environment, slug: str) -> list[dict[str, Any]]:
    items = list(env.bucket("derived_columns", slug).values())
    if slug != ALL:
        items += list(env.bucket("derived_columns", ALL).values())
    return items


def list_derived(ctx: Ctx) -> FakeResponse:
    slug = ctx.dataset_slug()
    alias = ctx.request.param("alias")
    items = list(ctx.environment.bucket("derived_columns", slug).values())
    if alias is not None:
        for item in items:
            if item["alias"] == alias:
                return ok(public(item))
        raise not_found("derived column")
    return ok([public(i) for i in items])


def _get_derived(ctx: Ctx) -> dict[str, Any]:
    return ctx.stored("derived_columns", "derived column")


def get_derived(ctx: Ctx) -> FakeResponse:
    return ok(public(_get_derived(ctx)))


def _check_derived(body: dict[str, Any], models: tuple[str, ...]) -> None:
    """Validate a calculated field; an invalid one is answered with 400, the status these
    operations document for an invalid body (they document no 422)."""
    try:
        _check_derived_fields(body)
        sdk_model_check(body, [("calculated_fields", name) for name in models])
    except ApiError as err:
        if err.response.status != 422:
            raise
        problem = {**err.response.json(), "status": 400}
        raise ApiError(json_response(400, problem, PROBLEM)) from None


def _check_derived_fields(body: dict[str, Any]) -> None:
    check = Checker(body)
    check.string("alias", required=True, min_length=1, max_length=255)
    expression = check.string("expression", required=True, min_length=1, max_length=4095)
    check.string("description", max_length=255)
    if expression is not None:
        from honeycomb.testing._expr import ExpressionError, parse_expression

        try:
            parse_expression(expression)
        except ExpressionError as err:
            check.add("expression", "invalid", str(err))
    check.done()


def create_derived(ctx: Ctx) -> FakeResponse:
    slug = ctx.dataset_slug()
    body = ctx.object_body()
    _check_derived(body, ("CalculatedFieldCreate", "CalculatedFieldIn"))
    env = ctx.environment
    if any(d["alias"] == body["alias"] for d in env.bucket("derived_columns", slug).values()):
        raise conflict(f"a derived column with alias '{body['alias']}' already exists")
    item = ctx.store(
        "derived_columns",
        slug,
        {
            "alias": body["alias"],
            "expression": body["expression"],
            "description": body.get("description") or "",
        },
    )
    return ok(public(item), 201)


def update_derived(ctx: Ctx) -> FakeResponse:
    item = _get_derived(ctx)
    slug = ctx.dataset_slug()
    body = ctx.object_body()
    _check_derived(body, ("CalculatedFieldUpdate", "CalculatedFieldIn"))
    env = ctx.environment
    if body["alias"] != item["alias"]:
        if any(d["alias"] == body["alias"] for d in env.bucket("derived_columns", slug).values()):
            raise conflict(f"a derived column with alias '{body['alias']}' already exists")
        if _derived_in_use(env, slug, item["alias"]):
            raise conflict(f"derived column '{item['alias']}' is used by an SLO; cannot rename")
    item.update(
        alias=body["alias"],
        expression=body["expression"],
        description=body.get("description", item.get("description", "")) or "",
        updated_at=ctx.state.now_iso(),
    )
    return ok(public(item))


def _derived_in_use(env: Environment, slug: str, alias: str) -> bool:
    for ds, slo in env.all_of("slos"):
        if slo["sli"]["alias"] == alias and (ds == slug or slug == ALL):
            return True
    return False


def delete_derived(ctx: Ctx) -> FakeResponse:
    item = _get_derived(ctx)
    slug = ctx.dataset_slug()
    env = ctx.environment
    if _derived_in_use(env, slug, item["alias"]):
        raise conflict(f"derived column '{item['alias']}' is used as an SLI and cannot be deleted")
    del env.bucket("derived_columns", slug)[item["id"]]
    return empty()


_COLS = ("manage_columns",)

ROUTES = [
    Route("GET", "/1/datasets", "listDatasets", list_datasets),
    Route("POST", "/1/datasets", "createDataset", create_dataset, permissions=("create_datasets",)),
    Route("GET", "/1/datasets/{dataset}", "getDataset", get_dataset),
    Route(
        "PUT",
        "/1/datasets/{dataset}",
        "updateDataset",
        update_dataset,
        permissions=("create_datasets",),
    ),
    Route(
        "DELETE",
        "/1/datasets/{dataset}",
        "deleteDataset",
        delete_dataset,
        permissions=("create_datasets",),
    ),
    Route(
        "GET",
        "/1/dataset_definitions/{dataset}",
        "listDatasetDefinitions",
        get_definitions,
        permissions=_COLS,
    ),
    Route(
        "PATCH",
        "/1/dataset_definitions/{dataset}",
        "patchDatasetDefinitions",
        patch_definitions,
        permissions=_COLS,
    ),
    Route("GET", "/1/columns/{dataset}", "listColumns", list_columns, permissions=_COLS),
    Route("POST", "/1/columns/{dataset}", "createColumn", create_column, permissions=_COLS),
    Route("GET", "/1/columns/{dataset}/{id}", "getColumn", get_column, permissions=_COLS),
    Route("PUT", "/1/columns/{dataset}/{id}", "updateColumn", update_column, permissions=_COLS),
    Route("DELETE", "/1/columns/{dataset}/{id}", "deleteColumn", delete_column, permissions=_COLS),
    Route(
        "GET",
        "/1/derived_columns/{dataset}",
        "listCalculatedFields",
        list_derived,
        permissions=_COLS,
    ),
    Route(
        "POST",
        "/1/derived_columns/{dataset}",
        "createCalculatedField",
        create_derived,
        permissions=_COLS,
    ),
    Route(
        "GET",
        "/1/derived_columns/{dataset}/{id}",
        "getCalculatedField",
        get_derived,
        permissions=_COLS,
    ),
    Route(
        "PUT",
        "/1/derived_columns/{dataset}/{id}",
        "updateCalculatedField",
        update_derived,
        permissions=_COLS,
    ),
    Route(
        "DELETE",
        "/1/derived_columns/{dataset}/{id}",
        "deleteCalculatedField",
        delete_derived,
        permissions=_COLS,
    ),
]
