"""Queries, query results (with polling) and query annotations."""

from __future__ import annotations

import warnings
from typing import Any

from honeycomb.testing._core import Checker, Ctx, Route, empty, ok, public, sdk_model_check
from honeycomb.testing._http import FakeResponse, bad_request, not_found, unprocessable
from honeycomb.testing._state import QueryResultRecord

__all__ = ["MAX_QUERY_DAYS", "ROUTES", "check_query_spec", "store_query"]

MAX_QUERY_DAYS = 7
"""Query results cover at most this many days (a longer range is answered with 400)."""


def check_query_spec(spec: Any, *, prefix: str = "") -> None:
    """Validate a query specification with the SDK's own rules (422 listing every problem).

    Args:
        spec: The decoded query specification.
        prefix: Field-name prefix for nested specs (``query.``).

    Raises:
        ApiError: 422 when the specification is invalid.
    """
    if not isinstance(spec, dict):
        raise unprocessable(
            [
                {
                    "field": prefix.rstrip(".") or "query",
                    "code": "incorrect_type",
                    "description": "query must be an object",
                }
            ]
        )
    sdk_model_check(spec, [("queries", "QuerySpec")])
    try:
        from honeycomb.query import QueryValidationError, validate_query
    except ImportError:  # pragma: no cover - the query module ships with the SDK
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            validate_query(spec)
        except QueryValidationError as err:
            problems = [
                {
                    "field": prefix + p.split(":", 1)[0].split(" ", 1)[0],
                    "code": "invalid",
                    "description": p,
                }
                for p in err.problems
            ]
            raise unprocessable(problems) from None
        except (TypeError, ValueError) as err:
            raise unprocessable(
                [
                    {
                        "field": prefix.rstrip(".") or "query",
                        "code": "invalid",
                        "description": str(err),
                    }
                ]
            ) from None


def store_query(ctx: Ctx, dataset: str, spec: dict[str, Any]) -> dict[str, Any]:
    """Store a query specification and return it as the API shows it."""
    query = {k: v for k, v in spec.items() if k not in ("id", "query_annotation_id")}
    if query.get("filter_combination") == "AND":
        del query["filter_combination"]  # the API omits the default
    query["id"] = ctx.state.new_id()
    query["query_annotation_id"] = ctx.state.new_id()
    ctx.environment.bucket("queries", dataset)[query["id"]] = query
    return query


def create_query(ctx: Ctx) -> FakeResponse:
    slug = ctx.dataset_slug()
    body = ctx.object_body()
    check_query_spec(body)
    return ok(public(store_query(ctx, slug, body)))


def _query(ctx: Ctx, query_id: str) -> dict[str, Any]:
    query = ctx.environment.bucket("queries", ctx.params["dataset"]).get(query_id)
    if query is None:
        raise not_found("query")
    return query


def get_query(ctx: Ctx) -> FakeResponse:
    ctx.dataset_slug()
    return ok(public(_query(ctx, ctx.params["id"])))


# ---------------------------------------------------------------------- query results


def _links(ctx: Ctx, dataset: str, result_id: str) -> dict[str, str]:
    env = ctx.environment
    base = f"https://ui.honeycomb.io/{ctx.team.slug}/environments/{env.slug}/datasets/{dataset}"
    return {
        "query_url": f"{base}/result/{result_id}",
        "graph_image_url": f"{base}/result/{result_id}/snapshot",
    }


def _query_for_result(query: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in public(query).items() if k != "query_annotation_id"}


def create_query_result(ctx: Ctx) -> FakeResponse:
    slug = ctx.dataset_slug()
    body = ctx.object_body()
    check = Checker(body)
    query_id = check.string("query_id", required=True, min_length=1)
    disable_series = check.boolean("disable_series")
    check.boolean("disable_total_by_aggregate")
    check.boolean("disable_other_by_aggregate")
    limit = check.integer("limit", minimum=1, maximum=10_000)
    if limit is not None and limit > 1000 and not disable_series:
        check.add("limit", "invalid", "must be no greater than 1000 unless disable_series is true")
    check.done()
    sdk_model_check(body, [("queries", "QueryResultRequest")])
    assert query_id is not None
    query = _query(ctx, query_id)
    from honeycomb.testing._engine import EngineError, query_window, run_query

    start, end = query_window(query, ctx.state.now())
    if end - start > MAX_QUERY_DAYS * 86400:
        raise bad_request(
            f"the Query Data API only queries the last {MAX_QUERY_DAYS} days; "
            f"this query covers {int(end - start)} seconds"
        )

    result_id = ctx.state.new_id()
    record_body: dict[str, Any] = {
        "id": result_id,
        "complete": True,
        "query": _query_for_result(query),
        "links": _links(ctx, slug, result_id),
    }
    try:
        record_body["data"] = run_query(
            ctx.environment,
            slug,
            query,
            now=ctx.state.now(),
            disable_series=bool(disable_series),
            disable_total_by_aggregate=body.get("disable_total_by_aggregate", True) is not False,
            disable_other_by_aggregate=body.get("disable_other_by_aggregate", True) is not False,
            limit=limit,
        )
    except EngineError as err:
        record_body["error"] = str(err)
    polls = max(0, int(ctx.settings.query_polls))
    record = QueryResultRecord(result_id, slug, record_body, polls)
    ctx.environment.query_results[result_id] = record
    first = {k: v for k, v in record_body.items() if k not in ("data", "error")}
    first["complete"] = False
    return ok(first, 201, headers={"Location": f"/1/query_results/{slug}/{result_id}"})


def get_query_result(ctx: Ctx) -> FakeResponse:
    ctx.dataset_slug()
    record = ctx.environment.query_results.get(ctx.params["id"])
    if record is None or record.dataset != ctx.params["dataset"]:
        raise not_found("query result")
    if record.polls_left > 0:
        record.polls_left -= 1
        pending = {k: v for k, v in record.body.items() if k not in ("data", "error")}
        pending["complete"] = False
        return ok(pending)
    return ok(public(record.body))


# ------------------------------------------------------------------ query annotations


def _check_annotation(ctx: Ctx, body: dict[str, Any]) -> None:
    check = Checker(body)
    check.string("name", required=True, min_length=1, max_length=320)
    check.string("description", max_length=1023)
    query_id = check.string("query_id", required=True, min_length=1)
    check.done()
    assert query_id is not None
    if query_id not in ctx.environment.bucket("queries", ctx.params["dataset"]):
        raise unprocessable(
            [
                {
                    "field": "query_id",
                    "code": "invalid",
                    "description": f"query_id: query {query_id} not found in this dataset",
                }
            ]
        )


def list_annotations(ctx: Ctx) -> FakeResponse:
    slug = ctx.dataset_slug()
    include_boards = ctx.bool_param("include_board_annotations") or False
    items = [
        public(a)
        for a in ctx.environment.bucket("query_annotations", slug).values()
        if include_boards or a.get("source") != "board"
    ]
    return ok(items)


def _annotation(ctx: Ctx) -> dict[str, Any]:
    return ctx.stored("query_annotations", "query annotation")


def get_annotation(ctx: Ctx) -> FakeResponse:
    return ok(public(_annotation(ctx)))


def create_annotation(ctx: Ctx) -> FakeResponse:
    slug = ctx.dataset_slug()
    body = ctx.object_body()
    _check_annotation(ctx, body)
    sdk_model_check(body, [("query_annotations", "QueryAnnotationCreate")])
    item = {
        "id": ctx.state.new_id(),
        "name": body["name"],
        "description": body.get("description", ""),
        "query_id": body["query_id"],
        "source": "query",
    }
    ctx.environment.bucket("query_annotations", slug)[item["id"]] = item
    return ok(public(item), 201)


def update_annotation(ctx: Ctx) -> FakeResponse:
    item = _annotation(ctx)
    body = ctx.object_body()
    _check_annotation(ctx, body)
    sdk_model_check(
        body,
        [
            ("query_annotations", "QueryAnnotationUpdate"),
            ("query_annotations", "QueryAnnotationCreate"),
        ],
    )
    item.update(
        name=body["name"], description=body.get("description", ""), query_id=body["query_id"]
    )
    return ok(public(item))


def delete_annotation(ctx: Ctx) -> FakeResponse:
    item = _annotation(ctx)
    del ctx.environment.bucket("query_annotations", ctx.params["dataset"])[item["id"]]
    return empty()


_Q = ("manage_columns",)
_RUN = ("manage_columns", "run_queries")

ROUTES = [
    Route("POST", "/1/queries/{dataset}", "createQuery", create_query, permissions=_Q),
    Route("GET", "/1/queries/{dataset}/{id}", "getQuery", get_query, permissions=_Q),
    Route(
        "POST",
        "/1/query_results/{dataset}",
        "createQueryResult",
        create_query_result,
        permissions=_RUN,
    ),
    Route(
        "GET",
        "/1/query_results/{dataset}/{id}",
        "getQueryResult",
        get_query_result,
        permissions=_RUN,
    ),
    Route(
        "GET",
        "/1/query_annotations/{dataset}",
        "listQueryAnnotations",
        list_annotations,
        permissions=_Q,
    ),
    Route(
        "POST",
        "/1/query_annotations/{dataset}",
        "createQueryAnnotation",
        create_annotation,
        permissions=_Q,
    ),
    Route(
        "GET",
        "/1/query_annotations/{dataset}/{id}",
        "getQueryAnnotation",
        get_annotation,
        permissions=_Q,
    ),
    Route(
        "PUT",
        "/1/query_annotations/{dataset}/{id}",
        "updateQueryAnnotation",
        update_annotation,
        permissions=_Q,
    ),
    Route(
        "DELETE",
        "/1/query_annotations/{dataset}/{id}",
        "deleteQueryAnnotation",
        delete_annotation,
        permissions=_Q,
    ),
]
