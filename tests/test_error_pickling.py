"""Issue 10 defect 2: every SDK exception pickles and unpickles to the same class with the
same fields, in this process and through a real process pool, and holds no key."""

from __future__ import annotations

import multiprocessing
import pickle
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import httpx
import pytest

import honeycomb
from honeycomb import errors
from honeycomb._redact import without_secrets
from honeycomb.errors import make_status_error
from honeycomb.query import QueryValidationError

KEY = "hcxlk_pickledkeyvalue0123456789"
SECRETS = (KEY,)
URL = "https://api.honeycomb.io/1/datasets/nope"


def request() -> httpx.Request:
    return httpx.Request("GET", URL, headers={"X-Honeycomb-Team": KEY})


def response(status: int, body: Any, headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.Response(status, json=body, headers=headers, request=request())


def status_error(status: int, **headers: str) -> errors.APIStatusError:
    answer = response(status, {"error": f"failed with {status}"}, headers)
    return without_secrets(make_status_error(answer), SECRETS)


def every_exception() -> list[BaseException]:
    """One instance of every exception class the SDK exports, built as the SDK builds it."""
    found: list[BaseException] = [
        errors.HoneycombError("plain"),
        errors.MissingCredentialError("no key", env_vars=("HONEYCOMB_API_KEY",)),
        errors.ConfigurationError("bad region"),
        without_secrets(errors.APIError("api", request=request(), body={"a": 1}), SECRETS),
        without_secrets(errors.APIConnectionError("refused", request=request()), SECRETS),
        without_secrets(errors.APITimeoutError(request=request()), SECRETS),
        without_secrets(
            errors.APIResponseValidationError(
                "bad body", response=response(200, {"x": 1}), body={"x": 1}
            ),
            SECRETS,
        ),
        status_error(400),
        status_error(401),
        status_error(403),
        status_error(404, **{"X-Request-Id": "req-1"}),
        status_error(409),
        status_error(413),
        status_error(418),
        status_error(307, Location="https://elsewhere.example/"),
        status_error(429, **{"Retry-After": "5", "RateLimit": "limit=10, remaining=0, reset=5"}),
        status_error(503),
        without_secrets(
            make_status_error(
                response(
                    422,
                    {
                        "error": "cannot be blank",
                        "type": "https://api.honeycomb.io/problems/validation-failed",
                        "type_detail": [
                            {"field": "name", "code": "missing", "description": "cannot be blank"}
                        ],
                    },
                )
            ),
            SECRETS,
        ),
        errors.QueryFailedError("qr-1", "the query timed out", {"id": "qr-1", "complete": True}),
        errors.PollTimeoutError("query result", "qr-2", 12.5, last={"complete": False}),
        errors.PaginationError("same next link twice"),
        errors.InvalidEventError("event has no fields"),
        errors.EventTooLargeError(2_000_000, 1_000_000),
        errors.TooManyFieldsError(2001, 2000),
        QueryValidationError(["granularity must be positive", "limit must be at most 1000"]),
        errors.RequestValidationError(
            ["threshold.op: Input should be '>' (got 'more than')"],
            errors=[{"loc": ("threshold", "op"), "msg": "Input should be '>'", "type": "enum"}],
            subject="TriggerCreate",
        ),
    ]
    return found


def comparable(value: Any) -> Any:
    """A value made comparable: httpx objects by what they carry."""
    if isinstance(value, httpx.Request):
        return ("request", value.method, str(value.url), value.headers.multi_items(), value.content)
    if isinstance(value, httpx.Response):
        return (
            "response",
            value.status_code,
            value.headers.multi_items(),
            value.content,
            comparable(value.request),
        )
    if isinstance(value, dict):
        return {k: comparable(v) for k, v in value.items() if k != "observed_at"}
    if isinstance(value, (list, tuple)):
        return [comparable(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return comparable(vars(value))
    return value


def fields(err: BaseException) -> tuple[Any, ...]:
    return (type(err), err.args, str(err), comparable(vars(err)))


def test_defect_02_the_list_covers_every_exported_exception() -> None:
    exported = {
        value
        for name in honeycomb.__all__
        if isinstance(value := getattr(honeycomb, name), type) and issubclass(value, Exception)
    }
    built = {type(err) for err in every_exception()}
    assert exported <= built, sorted(cls.__name__ for cls in exported - built)


@pytest.mark.parametrize("err", every_exception(), ids=lambda e: type(e).__name__)
def test_defect_02_exception_pickles_to_the_same_class_and_fields(err: BaseException) -> None:
    data = pickle.dumps(err)
    assert KEY.encode() not in data
    copy = pickle.loads(data)
    assert fields(copy) == fields(err)


def test_defect_02_query_validation_error_keeps_its_problems() -> None:
    err = QueryValidationError(["granularity must be positive", "limit must be at most 1000"])
    copy = pickle.loads(pickle.dumps(err))
    assert copy.problems == ["granularity must be positive", "limit must be at most 1000"]
    assert isinstance(copy, ValueError)


def test_defect_02_request_validation_error_keeps_pydantics_errors() -> None:
    err = errors.RequestValidationError(
        ["name: Field required"],
        errors=[{"loc": ("name",), "msg": "Field required", "type": "missing"}],
        subject="TriggerCreate",
    )
    copy = pickle.loads(pickle.dumps(err))
    assert type(copy) is errors.RequestValidationError and isinstance(copy, ValueError)
    assert copy.problems == ["name: Field required"]
    assert copy.errors() == [{"loc": ("name",), "msg": "Field required", "type": "missing"}]
    assert str(copy) == "invalid TriggerCreate: 1 problem\n  - name: Field required"


def test_defect_02_rate_limit_fields_survive() -> None:
    copy = pickle.loads(pickle.dumps(status_error(429, **{"Retry-After": "5"})))
    assert isinstance(copy, errors.RateLimitError)
    assert copy.retry_after == 5.0
    assert copy.request.headers["X-Honeycomb-Team"] == "<redacted>"


def raise_in_child(index: int) -> None:
    """Runs in a worker process: raise the SDK's exception number ``index``."""
    raise every_exception()[index]


def test_defect_02_exceptions_cross_a_real_process_pool() -> None:
    expected = every_exception()
    # fork: the worker needs no re-import of the test module (and spawn costs seconds).
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("fork")) as pool:
        futures = [pool.submit(raise_in_child, i) for i in range(len(expected))]
        for want, future in zip(expected, futures, strict=True):
            got = future.exception(timeout=60)
            assert got is not None
            assert fields(got) == fields(want)
            assert KEY not in repr(vars(got))


def test_defect_02_exceptions_cross_a_multiprocessing_pool() -> None:
    with (
        multiprocessing.get_context("fork").Pool(1) as pool,
        pytest.raises(errors.NotFoundError) as info,
    ):
        pool.apply(raise_in_child, (10,))
    assert info.value.status_code == 404
    assert info.value.request_id == "req-1"
