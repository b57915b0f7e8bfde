# GENERATED from tests/_async/test_error_hardening.py by scripts/unasync.py.
# Do not edit: change the async source and run `python scripts/unasync.py`.
"""Regression tests for the hardening of errors, links and keys (issue 10 defects 1, 2, 3,
7, 10, 11, 14, 15 and issue 9 item 3), through the real client.

Each test is named after the defect it pins (``test_defect_NN_...``).
"""

from __future__ import annotations

import gzip
import pickle
import random
import socket
import traceback
from datetime import datetime, timedelta, timezone
from typing import Any

import httpx
import pytest
from pytest_httpx import HTTPXMock

from honeycomb import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    BadRequestError,
    Client,
    HoneycombError,
    InternalServerError,
    InvalidEventError,
    NotFoundError,
    PaginationError,
    RateLimitError,
)
from honeycomb._sync._pagination import Paginator

from .conftest import API_KEY, BASE, KEY_ID, KEY_SECRET

SECRETS = (API_KEY, KEY_SECRET, KEY_ID)
PATH = "/2/teams/test-team/api-keys"


def everything_about(err: BaseException) -> list[str]:
    """Every way an exception can be looked at, printed or shipped."""
    texts = [str(err), repr(err), "".join(traceback.format_exception(err)), repr(err.args)]
    texts.append(pickle.dumps(err).decode("latin-1"))
    for name, value in vars(err).items():
        texts.append(f"{name}={value!r}")
        if isinstance(value, httpx.Request):
            texts += [repr(value.headers), str(value.headers.multi_items()), str(value.url)]
            texts.append(value.content.decode("latin-1"))
        if isinstance(value, httpx.Response):
            texts += [repr(value.headers), str(value.headers.multi_items()), value.text]
            texts += [repr(value.request.headers), str(value.request.headers.multi_items())]
    return texts


def assert_holds_no_key(err: BaseException, *extra: str) -> None:
    for text in everything_about(err):
        for secret in (*SECRETS, *extra):
            assert secret not in text, f"{secret[:8]}… leaked in {text[:300]!r}"


# -- defect 1: links.next is resolved as a URL and must stay on the origin -----------------


def listing(client: Client) -> Paginator[str]:
    return Paginator(
        client._requester,
        PATH,
        parse=lambda page: [item["id"] for item in page["data"]],
        auth="management",
    )


def first_page(httpx_mock: HTTPXMock, link: str) -> None:
    httpx_mock.add_response(
        url=f"{BASE}{PATH}", json={"data": [{"id": "a"}], "links": {"next": link}}
    )


FOREIGN_LINKS = [
    "HTTPS://evil.example/x",
    "//evil.example/x",
    "https://api.honeycomb.io.evil.example/x",
    "https://api.honeycomb.io@evil.example/x",
    "https://api.honeycomb.io:8443/x",
    "http://api.honeycomb.io/x",
    "ftp://api.honeycomb.io/x",
]

# Relative references: appended to the base URL as strings, these named another host or
# port. Resolved as URLs, they are paths on the API's own origin.
RELATIVE_LINKS = ["@evil.example/x", ".evil.example/x", ":8443/x", "?page[after]=a"]


@pytest.mark.parametrize("link", FOREIGN_LINKS)
def test_defect_01_next_link_to_another_origin_raises_pagination_error(
    httpx_mock: HTTPXMock, client: Client, link: str
) -> None:
    first_page(httpx_mock, link)
    with pytest.raises(PaginationError, match="refusing to follow a next link") as info:
        listing(client).to_list()
    assert [str(r.url) for r in httpx_mock.get_requests()] == [f"{BASE}{PATH}"]
    assert_holds_no_key(info.value)


@pytest.mark.parametrize("link", RELATIVE_LINKS)
def test_defect_01_relative_next_link_stays_on_the_origin(
    httpx_mock: HTTPXMock, client: Client, link: str
) -> None:
    first_page(httpx_mock, link)
    httpx_mock.add_response(json={"data": [{"id": "b"}], "links": {"next": None}})
    assert listing(client).to_list() == ["a", "b"]
    second = httpx_mock.get_requests()[1]
    assert (second.url.scheme, second.url.host, second.url.port) == (
        "https",
        "api.honeycomb.io",
        None,
    )
    assert str(second.url).startswith(f"{BASE}/2/teams/test-team/")


def test_defect_01_absolute_link_in_other_case_on_the_origin_is_followed(
    httpx_mock: HTTPXMock, client: Client
) -> None:
    first_page(httpx_mock, f"HTTPS://API.Honeycomb.io:443{PATH}?n=2")
    httpx_mock.add_response(url=f"{BASE}{PATH}?n=2", json={"data": [{"id": "b"}]})
    assert listing(client).to_list() == ["a", "b"]


@pytest.mark.parametrize("path", ["@evil.example/x", ".evil.example/x", ":8443/x", "evil"])
def test_defect_01_request_paths_must_start_at_the_root(client: Client, path: str) -> None:
    with pytest.raises(HoneycombError, match="refusing to send credentials"):
        client._requester.url_for(path)


def test_defect_01_service_map_next_link_is_checked(httpx_mock: HTTPXMock, client: Client) -> None:
    requests_path = f"{BASE}/1/maps/dependencies/requests/r1"
    httpx_mock.add_response(method="POST", json={"request_id": "r1", "status": "pending"})
    httpx_mock.add_response(
        url=f"{requests_path}?page%5Bsize%5D=100",
        json={
            "request_id": "r1",
            "status": "ready",
            "dependencies": [],
            "links": {"next": "@evil.example/x"},
        },
    )
    httpx_mock.add_response(
        url=f"{BASE}/1/maps/dependencies/requests/@evil.example/x",
        json={"request_id": "r1", "status": "ready", "dependencies": [], "links": {}},
    )
    assert client.service_maps.dependencies(page_size=100) == []
    followed = httpx_mock.get_requests()[-1].url
    assert followed.host == "api.honeycomb.io"
    assert followed.path == "/1/maps/dependencies/requests/@evil.example/x"


# -- defect 2: exceptions raised by the client cross a process boundary, without the key --


def test_defect_02_client_errors_pickle_to_the_same_fields_without_the_key(
    httpx_mock: HTTPXMock, client: Client
) -> None:
    httpx_mock.add_response(
        url=f"{BASE}/1/datasets/nope",
        status_code=404,
        json={"error": "Dataset not found"},
        headers={"X-Request-Id": "req-9"},
    )
    with pytest.raises(NotFoundError) as info:
        client.datasets.get("nope")
    err = info.value
    data = pickle.dumps(err)
    for secret in SECRETS:
        assert secret.encode() not in data
    copy = pickle.loads(data)
    assert type(copy) is NotFoundError
    assert str(copy) == str(err) == "404 Dataset not found (GET /1/datasets/nope, request id req-9)"
    assert (copy.status_code, copy.message, copy.body, copy.request_id, copy.details) == (
        404,
        "Dataset not found",
        {"error": "Dataset not found"},
        "req-9",
        (),
    )
    assert copy.response.status_code == 404
    assert copy.request.url == err.request.url
    assert copy.request.headers["X-Honeycomb-Team"] == "<redacted>"


def test_defect_02_connection_errors_pickle_without_the_key(
    httpx_mock: HTTPXMock, client: Client
) -> None:
    httpx_mock.add_exception(httpx.ConnectError("connection refused"))
    with pytest.raises(APIConnectionError) as info:
        client.datasets.list()
    copy = pickle.loads(pickle.dumps(info.value))
    assert type(copy) is APIConnectionError
    assert copy.message == info.value.message
    assert "api.honeycomb.io" in copy.message
    assert_holds_no_key(info.value)


# -- defect 3: a 3xx is an error; redirects are not followed -------------------------------


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_defect_03_redirect_is_an_error_and_not_followed(
    httpx_mock: HTTPXMock, client: Client, status: int
) -> None:
    httpx_mock.add_response(
        url=f"{BASE}/1/markers/ds/m1",
        status_code=status,
        headers={"Location": "https://evil.example/1/markers/ds/m1"},
    )
    with pytest.raises(APIStatusError) as info:
        client.markers.delete("ds", "m1")
    err = info.value
    assert type(err) is APIStatusError
    assert err.status_code == status
    assert "redirects are not followed" in str(err)
    assert "https://evil.example/1/markers/ds/m1" in str(err)
    assert str(err).endswith("(DELETE /1/markers/ds/m1)")
    assert len(httpx_mock.get_requests()) == 1


def test_defect_03_events_send_raises_on_307(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(url=f"{BASE}/1/events/ds", status_code=307)
    with pytest.raises(APIStatusError) as info:
        client.events.send("ds", {"a": 1})
    assert info.value.status_code == 307
    assert len(httpx_mock.get_requests()) == 1


def test_defect_03_send_batch_reports_every_event_of_a_307_failed(
    httpx_mock: HTTPXMock, client: Client
) -> None:
    httpx_mock.add_response(url=f"{BASE}/1/batch/ds", status_code=307)
    results = client.events.send_batch("ds", [{"data": {"n": i}} for i in range(100)])
    assert len(results) == 100
    assert all(not r.ok for r in results)
    assert {r.status for r in results} == {307}
    assert all(isinstance(r.exception, APIStatusError) for r in results)


def test_defect_03_batcher_counts_a_307_as_failed(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(url=f"{BASE}/1/batch/ds", status_code=307, is_reusable=True)
    with client.events.batcher("ds", max_batch_events=50, flush_interval=60) as batcher:
        for i in range(100):
            batcher.add({"n": i})
    assert (batcher.sent, batcher.failed) == (0, 100)
    assert {r.status for r in batcher.failures} == {307}


def test_defect_03_304_to_a_conditional_get_is_not_an_error(
    httpx_mock: HTTPXMock, client: Client
) -> None:
    httpx_mock.add_response(status_code=304)
    request = client._requester.build("GET", "/1/x", headers={"If-None-Match": '"e1"'})
    response = client._requester.send(request)
    assert response.status_code == 304
    httpx_mock.add_response(status_code=304)
    with pytest.raises(APIStatusError):
        client._requester.send(client._requester.build("GET", "/1/x"))


# -- defect 7: no raw key in any field of any exception -------------------------------------


def test_defect_07_json_body_echoing_the_key_is_scrubbed_everywhere(
    httpx_mock: HTTPXMock, client: Client
) -> None:
    body = {
        "error": f"bad key {API_KEY}",
        "echo": {"headers": {"X-Honeycomb-Team": API_KEY}, "list": [[f"k={API_KEY}"]]},
    }
    httpx_mock.add_response(url=f"{BASE}/1/datasets", status_code=400, json=body)
    with pytest.raises(BadRequestError) as info:
        client.datasets.list()
    err = info.value
    assert err.body == {
        "error": "bad key <redacted>",
        "echo": {"headers": {"X-Honeycomb-Team": "<redacted>"}, "list": [["k=<redacted>"]]},
    }
    assert str(err) == "400 bad key <redacted> (GET /1/datasets)"
    assert_holds_no_key(err)


def test_defect_07_request_headers_repr_is_masked(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(url=f"{BASE}/1/datasets", status_code=500, json={"error": "boom"})
    httpx_mock.add_response(url=f"{BASE}/2/auth", status_code=500, json={"error": "boom"})
    for call in (client.datasets.list, client.auth.get_management):
        with pytest.raises(APIStatusError) as info:
            call()
        headers = info.value.request.headers
        sent = [name for name in ("X-Honeycomb-Team", "Authorization") if name in headers]
        assert len(sent) == 1
        assert headers[sent[0]] == "<redacted>"
        assert info.value.response.request is info.value.request
        assert_holds_no_key(info.value)


MINTED = "hcxik_minted0000000000000000secretvalue"


def test_defect_07_failed_api_keys_create_does_not_keep_the_minted_secret(
    httpx_mock: HTTPXMock, client: Client
) -> None:
    answer: dict[str, Any] = {
        "data": {
            "type": "api-keys",
            "attributes": {"secret": MINTED, "key_type": "ingest", "name": ["not", "a", "name"]},
        }
    }
    httpx_mock.add_response(url=f"{BASE}{PATH}", status_code=201, json=answer)
    with pytest.raises(APIResponseValidationError) as info:
        client.api_keys.create(
            {"name": "collectors", "key_type": "ingest", "environment_id": "hcaen_1"}
        )
    err = info.value
    assert isinstance(err.body, dict)
    assert err.body["data"]["attributes"]["secret"] == "<redacted>"
    assert err.body["data"]["attributes"]["key_type"] == "ingest"
    assert "did not match ApiKey" in str(err)
    assert_holds_no_key(err, MINTED)


def test_defect_07_server_error_echoing_a_minted_secret_field_is_masked(
    httpx_mock: HTTPXMock, client: Client
) -> None:
    answer = {"errors": [{"title": "partial failure"}], "data": {"attributes": {"secret": MINTED}}}
    httpx_mock.add_response(url=f"{BASE}{PATH}", status_code=500, json=answer)
    with pytest.raises(APIStatusError) as info:
        client.api_keys.create(
            {"name": "collectors", "key_type": "ingest", "environment_id": "hcaen_1"}
        )
    assert_holds_no_key(info.value, MINTED)


def test_defect_07_rate_limit_error_holds_no_key(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(
        url=f"{BASE}/1/datasets",
        status_code=429,
        text=f"slow down {API_KEY}",
        headers={"Retry-After": "3", "X-Echo": API_KEY},
    )
    with pytest.raises(RateLimitError) as info:
        client.datasets.list()
    assert info.value.retry_after == 3.0
    assert info.value.response.headers["X-Echo"] == "<redacted>"
    copy = pickle.loads(pickle.dumps(info.value))
    assert (type(copy), copy.retry_after) == (RateLimitError, 3.0)
    assert_holds_no_key(info.value)


# -- item 3 (issue 9): messages with context -----------------------------------------------


def test_item_3_status_error_names_the_method_path_and_request_id(
    httpx_mock: HTTPXMock, client: Client
) -> None:
    httpx_mock.add_response(
        url=f"{BASE}/1/datasets/nope", status_code=404, json={"error": "Dataset not found"}
    )
    with pytest.raises(NotFoundError) as info:
        client.datasets.get("nope")
    assert str(info.value) == "404 Dataset not found (GET /1/datasets/nope)"


def test_item_3_422_detail_is_said_once(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(
        url=f"{BASE}/1/datasets",
        status_code=422,
        json={
            "status": 422,
            "type": "https://api.honeycomb.io/problems/validation-failed",
            "title": "The provided input is invalid.",
            "error": "cannot be blank",
            "type_detail": [{"field": "name", "code": "missing", "description": "cannot be blank"}],
        },
    )
    with pytest.raises(APIStatusError) as info:
        client.datasets.create({"name": "x"})
    text = str(info.value)
    assert text == "422 name missing: cannot be blank (POST /1/datasets)"
    assert text.count("cannot be blank") == 1


def test_item_3_dns_failure_names_the_host(httpx_mock: HTTPXMock, client: Client) -> None:
    # What httpcore raises when getaddrinfo fails (no real DNS lookup in tests).
    failure = httpx.ConnectError("[Errno -2] Name or service not known")
    failure.__cause__ = socket.gaierror(-2, "Name or service not known")
    httpx_mock.add_exception(failure)
    with pytest.raises(APIConnectionError) as info:
        client.datasets.list()
    assert str(info.value) == (
        "ConnectError on GET /1/datasets (https://api.honeycomb.io): cannot resolve host "
        "'api.honeycomb.io' ([Errno -2] Name or service not known)"
    )
    assert_holds_no_key(info.value)


# -- defect 15: a call after close() ------------------------------------------------------


def test_defect_15_call_after_close_is_a_clear_honeycomb_error() -> None:
    client = Client(api_key=API_KEY)
    client.close()
    with pytest.raises(HoneycombError, match="this client is closed"):
        client.datasets.list()


def test_defect_15_call_after_closing_an_injected_http_client() -> None:
    http = httpx.Client()
    client = Client(api_key=API_KEY, http_client=http)
    http.close()
    with pytest.raises(HoneycombError, match="this client is closed"):
        client.datasets.list()


# -- defect 6: only HoneycombErrors escape, the body is kept, a bad event fails alone -------


@pytest.mark.parametrize(
    "body",
    [
        {"data": "not a list", "links": {}},
        {"data": [{"no": "id"}], "links": {}},
        [1, 2, 3],
        {"data": None},
    ],
)
def test_defect_06_malformed_listing_page_is_a_typed_error_keeping_the_body(
    httpx_mock: HTTPXMock, client: Client, body: Any
) -> None:
    httpx_mock.add_response(url=f"{BASE}{PATH}?page%5Bsize%5D=100", json=body)
    with pytest.raises(APIResponseValidationError) as info:
        client.api_keys.list()
    err = info.value
    assert err.body == body
    assert err.status_code == 200
    assert f"the response to GET {PATH} does not have the expected shape" in str(err)
    assert_holds_no_key(err)


@pytest.mark.parametrize(
    "body",
    [
        [],
        {"data": {"id": "k", "attributes": "x"}},
        {"data": {"id": "k", "attributes": {"timestamps": 5}}},
        {"data": {"id": "k"}, "included": 5},
        {"data": None},
    ],
)
def test_defect_06_malformed_v2_auth_is_a_typed_error(
    httpx_mock: HTTPXMock, client: Client, body: Any
) -> None:
    httpx_mock.add_response(url=f"{BASE}/2/auth", json=body)
    with pytest.raises(HoneycombError) as info:
        client.auth.get_management()
    if isinstance(info.value, APIResponseValidationError):
        assert info.value.body == body


@pytest.mark.parametrize(
    "body",
    [
        {"included": 5},
        {"included": [{"type": "teams", "attributes": "x"}]},
        {"included": [{"type": "teams", "attributes": {"slug": 5}}]},
        [],
    ],
)
def test_defect_06_malformed_team_discovery_is_a_typed_error(
    httpx_mock: HTTPXMock, body: Any
) -> None:
    httpx_mock.add_response(url=f"{BASE}/2/auth", json=body)
    with Client(management_key=(KEY_ID, KEY_SECRET), max_retries=0) as client:
        with pytest.raises(HoneycombError) as info:
            client.environments.list()
    assert len(httpx_mock.get_requests()) == 1
    assert_holds_no_key(info.value)


def test_defect_06_thousand_deep_error_body_is_kept(httpx_mock: HTTPXMock, client: Client) -> None:
    httpx_mock.add_response(url=f"{BASE}/1/datasets", status_code=500, content=b"[" * 1000)
    with pytest.raises(APIStatusError) as info:
        client.datasets.list()
    assert info.value.body == "[" * 1000


def test_defect_06_huge_rate_limit_window_on_a_200_is_ignored(
    httpx_mock: HTTPXMock, client: Client
) -> None:
    huge = {"RateLimit-Policy": "100;w=" + "9" * 5000, "RateLimit": "limit=100, remaining=5"}
    httpx_mock.add_response(url=f"{BASE}/1/datasets", json=[], headers=huge)
    assert client.datasets.list() == []
    assert client.rate_limit is not None
    assert (client.rate_limit.window, client.rate_limit.remaining) == (None, 5)


def test_defect_06_huge_rate_limit_window_does_not_kill_a_batcher_flush(
    httpx_mock: HTTPXMock, client: Client
) -> None:
    httpx_mock.add_response(
        url=f"{BASE}/1/batch/ds",
        json=[{"status": 202}] * 3,
        headers={"RateLimit-Policy": "100;w=" + "9" * 5000},
    )
    with client.events.batcher("ds", flush_interval=60) as batcher:
        for i in range(3):
            batcher.add({"n": i})
    assert (batcher.sent, batcher.failed) == (3, 0)


@pytest.mark.parametrize(
    "answer",
    [
        b'[{"status": 202}, {"status": NaN}, {"status": 202}]',
        b'[{"status": 202}, {"status": 1e999}, {"status": 202}]',
        b'[{"status": 202}, {"status": -1e999}, {"status": 202}]',
        b'[{"status": 202}, {"status": "202"}, {"status": 202}]',
        b'[{"status": 202}, {"status": 99999999999999999999}, {"status": 202}]',
    ],
)
def test_defect_06_unreadable_batch_statuses_do_not_raise(
    httpx_mock: HTTPXMock, client: Client, answer: bytes
) -> None:
    httpx_mock.add_response(url=f"{BASE}/1/batch/ds", content=answer)
    results = client.events.send_batch("ds", [{"data": {"n": i}} for i in range(3)])
    # No usable status for the middle event: the request's own success stands, as for a
    # missing one (the batch was answered 200 and did not say the event failed).
    assert [(r.ok, r.error) for r in results] == [(True, None)] * 3


@pytest.mark.parametrize(
    "when",
    [
        datetime.max.replace(tzinfo=timezone(timedelta(hours=-5))),
        datetime.min.replace(tzinfo=timezone(timedelta(hours=5))),
        "2024-05-01T12:00:00Z\u2003",
        "2024-05-01T12:00:00\u00a0Z",
        "2024-05-01\nT12:00:00Z",
    ],
    ids=["max-west", "min-east", "em-space", "nbsp", "newline"],
)
def test_defect_06_bad_event_time_fails_that_event_alone(
    httpx_mock: HTTPXMock, client: Client, when: Any
) -> None:
    with pytest.raises(InvalidEventError, match="event time"):
        client.events.send("ds", {"a": 1}, timestamp=when)
    assert httpx_mock.get_requests() == []
    httpx_mock.add_response(url=f"{BASE}/1/batch/ds", json=[{"status": 202}] * 2)
    events = [{"data": {"n": 0}}, {"data": {"n": 1}, "time": when}, {"data": {"n": 2}}]
    results = client.events.send_batch("ds", events)
    assert [r.ok for r in results] == [True, False, True]
    assert isinstance(results[1].exception, InvalidEventError)


# -- defect 6: a body that arrived but cannot be decoded (a corrupt Content-Encoding) -------


def corrupt_gzip(size: int = 0) -> bytes:
    """A gzip stream whose data does not check out: garbage after a valid header, or (with
    ``size``) ``size`` bytes of compressed data ending in a wrong CRC, so that the decoder
    only fails once it has consumed all of them."""
    if not size:
        return b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03not deflate data " + API_KEY.encode()
    whole = gzip.compress(random.Random(6).randbytes(size), mtime=0)
    return whole[:-8] + b"\x00" * 8


def test_defect_06_corrupt_gzip_on_a_200_is_an_undecodable_response_keeping_the_bytes(
    httpx_mock: HTTPXMock, client: Client
) -> None:
    raw = corrupt_gzip()
    httpx_mock.add_response(
        url=f"{BASE}/1/datasets", headers={"Content-Encoding": "gzip"}, stream=httpx.ByteStream(raw)
    )
    with pytest.raises(APIResponseValidationError) as info:
        client.datasets.list()
    err = info.value
    assert not isinstance(err, APIConnectionError)
    assert err.status_code == 200
    assert "the response to GET /1/datasets arrived (200 OK, Content-Encoding: gzip)" in str(err)
    assert "but its body could not be decoded" in str(err)
    # The raw bytes as received, with the key the server echoed masked.
    assert err.body == raw.replace(API_KEY.encode(), b"<redacted>")
    assert err.response.content == err.body
    assert_holds_no_key(err)


def test_defect_06_undecodable_body_keeps_a_bounded_prefix(
    httpx_mock: HTTPXMock, client: Client
) -> None:
    raw = corrupt_gzip(size=300_000)
    httpx_mock.add_response(
        url=f"{BASE}/1/datasets", headers={"Content-Encoding": "gzip"}, stream=httpx.ByteStream(raw)
    )
    with pytest.raises(APIResponseValidationError, match="could not be decoded") as info:
        client.datasets.list()
    assert isinstance(info.value.body, bytes)
    assert info.value.body == raw[: len(info.value.body)]
    assert 0 < len(info.value.body) <= 64 * 1024 < len(raw)


def test_defect_06_undecodable_error_response_keeps_its_status_and_is_retried(
    httpx_mock: HTTPXMock, sleeps: list[float]
) -> None:
    url = f"{BASE}/1/datasets"
    for _ in range(2):
        httpx_mock.add_response(
            url=url,
            status_code=503,
            headers={"Content-Encoding": "gzip"},
            stream=httpx.ByteStream(corrupt_gzip()),
        )
    with Client(api_key=API_KEY, max_retries=1) as client:
        with pytest.raises(InternalServerError) as info:
            client.datasets.list()
    assert info.value.status_code == 503
    assert len(httpx_mock.get_requests()) == 2
    assert_holds_no_key(info.value)


def test_defect_06_undecodable_batch_answer_reports_every_event_failed(
    httpx_mock: HTTPXMock, client: Client
) -> None:
    httpx_mock.add_response(
        url=f"{BASE}/1/batch/ds",
        headers={"Content-Encoding": "gzip"},
        stream=httpx.ByteStream(corrupt_gzip()),
    )
    results = client.events.send_batch("ds", [{"data": {"n": i}} for i in range(3)])
    assert [(r.ok, r.status) for r in results] == [(False, 200)] * 3
    assert all(isinstance(r.exception, APIResponseValidationError) for r in results)
    assert "could not be decoded" in (results[0].error or "")
    assert "may have been accepted" in (results[0].error or "")


# -- defect 11: a DELETE whose answer was lost, retried, then 404 --------------------------


@pytest.mark.parametrize("first", ["lost", 503])
def test_defect_11_delete_404_on_a_retry_is_success(
    httpx_mock: HTTPXMock, sleeps: list[float], first: str | int
) -> None:
    url = f"{BASE}/1/triggers/ds/t1"
    if first == "lost":
        httpx_mock.add_exception(httpx.ReadError("connection reset"), url=url)
    else:
        httpx_mock.add_response(url=url, status_code=503, json={"error": "unavailable"})
    httpx_mock.add_response(url=url, status_code=404, json={"error": "Trigger not found"})
    with Client(api_key=API_KEY, max_retries=2) as client:
        client.triggers.delete("ds", "t1")
    assert [r.method for r in httpx_mock.get_requests()] == ["DELETE", "DELETE"]
    assert len(sleeps) == 1


def test_defect_11_delete_404_on_the_first_attempt_is_still_not_found(
    httpx_mock: HTTPXMock, client: Client
) -> None:
    httpx_mock.add_response(
        url=f"{BASE}/1/triggers/ds/t1", status_code=404, json={"error": "Trigger not found"}
    )
    with pytest.raises(NotFoundError, match="404 Trigger not found"):
        client.triggers.delete("ds", "t1")


def test_defect_11_get_404_on_a_retry_is_still_not_found(
    httpx_mock: HTTPXMock, sleeps: list[float]
) -> None:
    url = f"{BASE}/1/triggers/ds/t1"
    httpx_mock.add_response(url=url, status_code=503, json={"error": "unavailable"})
    httpx_mock.add_response(url=url, status_code=404, json={"error": "Trigger not found"})
    with Client(api_key=API_KEY, max_retries=2) as client:
        with pytest.raises(NotFoundError):
            client.triggers.get("ds", "t1")
    assert len(httpx_mock.get_requests()) == 2


# -- defect 10: ids "." and ".." keep the path's shape -------------------------------------


@pytest.mark.parametrize(
    ("call", "path"),
    [
        (lambda c: c.triggers.delete("api", ".."), "/1/triggers/api/%2E%2E"),
        (lambda c: c.triggers.delete("api", "."), "/1/triggers/api/%2E"),
        (lambda c: c.markers.delete("..", ".."), "/1/markers/%2E%2E/%2E%2E"),
        (lambda c: c.datasets.get(".."), "/1/datasets/%2E%2E"),
        (lambda c: c.boards.delete("..."), "/1/boards/..."),
    ],
)
def test_defect_10_dot_segment_ids_keep_the_path_shape(
    httpx_mock: HTTPXMock, client: Client, call: Any, path: str
) -> None:
    httpx_mock.add_response(status_code=404, json={"error": "not found"})
    with pytest.raises(NotFoundError):
        call(client)
    sent = httpx_mock.get_requests()
    assert len(sent) == 1
    assert sent[0].url.raw_path.decode() == path
