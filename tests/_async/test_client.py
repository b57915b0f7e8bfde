"""AsyncClient construction, headers, lifecycle and secrecy."""

from __future__ import annotations

import logging
import re
import traceback

import httpx
import pytest
from pytest_httpx import HTTPXMock

from honeycomb import APIError, AsyncClient, AuthenticationError, __version__

from .conftest import API_KEY, BASE, KEY_ID, KEY_SECRET


async def test_headers_and_user_agent(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(url=f"{BASE}/1/datasets", json=[])
    await client.datasets.list()
    request = httpx_mock.get_requests()[0]
    assert request.headers["X-Honeycomb-Team"] == API_KEY
    assert "authorization" not in request.headers
    assert request.headers["Accept"] == "application/json"
    user_agent = request.headers["User-Agent"]
    assert user_agent.startswith(f"honeycomb-sdk/{__version__} python/")
    assert f"httpx/{httpx.__version__}" in user_agent


JSONAPI = "application/vnd.api+json"


async def test_v2_speaks_json_api_and_v1_plain_json(
    httpx_mock: HTTPXMock, client: AsyncClient
) -> None:
    environments = f"{BASE}/2/teams/test-team/environments"
    env = {"id": "hcaen_1", "type": "environments", "attributes": {"name": "x", "slug": "x"}}
    empty_page = {"data": [], "links": {"next": None}}
    httpx_mock.add_response(url=re.compile(re.escape(environments) + r"\?.*"), json=empty_page)
    httpx_mock.add_response(url=environments, method="POST", status_code=201, json={"data": env})
    httpx_mock.add_response(url=f"{BASE}/1/markers/web", method="POST", json={"id": "m1"})
    await client.environments.list()
    await client.environments.create({"name": "x"})
    await client.markers.create("web", {"message": "deploy"})
    listing, created, marker = httpx_mock.get_requests()
    assert listing.headers["Accept"] == JSONAPI
    assert "Content-Type" not in listing.headers  # no body, no content type
    assert (created.headers["Accept"], created.headers["Content-Type"]) == (JSONAPI, JSONAPI)
    assert marker.headers["Accept"] == "application/json"
    assert marker.headers["Content-Type"] == "application/json"


async def test_absolute_next_link_behind_a_proxy_path_keeps_json_api(
    httpx_mock: HTTPXMock,
) -> None:
    base = "https://proxy.example.com/honeycomb"
    first = f"{base}/2/teams/t/environments?page%5Bsize%5D=100"
    second = f"{base}/2/teams/t/environments?page%5Bafter%5D=c1"
    httpx_mock.add_response(url=first, json={"data": [], "links": {"next": second}})
    httpx_mock.add_response(url=second, json={"data": [], "links": {"next": None}})
    async with AsyncClient(
        management_key=(KEY_ID, KEY_SECRET), team="t", base_url=base, max_retries=0
    ) as client:
        assert await client.environments.list() == []
    assert [r.headers["Accept"] for r in httpx_mock.get_requests()] == [JSONAPI, JSONAPI]


async def test_default_headers_may_override_accept(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=f"{BASE}/1/datasets", json=[])
    async with AsyncClient(
        api_key=API_KEY, default_headers={"Accept": "application/json; q=1"}, max_retries=0
    ) as client:
        await client.datasets.list()
    assert httpx_mock.get_requests()[0].headers["Accept"] == "application/json; q=1"


async def test_management_calls_use_bearer(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(
        url=f"{BASE}/2/auth",
        json={
            "data": {
                "id": KEY_ID,
                "type": "api-keys",
                "attributes": {"name": "m", "key_type": "management", "scopes": ["api-keys:read"]},
            }
        },
    )
    await client.auth.get_management()
    request = httpx_mock.get_requests()[0]
    assert request.headers["Authorization"] == f"Bearer {KEY_ID}:{KEY_SECRET}"
    assert "x-honeycomb-team" not in request.headers


async def test_environment_configuration(
    monkeypatch: pytest.MonkeyPatch, httpx_mock: HTTPXMock
) -> None:
    monkeypatch.setenv("HONEYCOMB_API_KEY", API_KEY)
    monkeypatch.setenv("HONEYCOMB_API_ENDPOINT", "https://api.eu1.honeycomb.io")
    httpx_mock.add_response(url="https://api.eu1.honeycomb.io/1/datasets", json=[])
    async with AsyncClient(max_retries=0) as client:
        assert client.base_url == "https://api.eu1.honeycomb.io"
        await client.datasets.list()
    assert httpx_mock.get_requests()[0].headers["X-Honeycomb-Team"] == API_KEY


async def test_region_eu(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url="https://api.eu1.honeycomb.io/1/datasets", json=[])
    async with AsyncClient(api_key=API_KEY, region="eu") as client:
        await client.datasets.list()


async def test_default_headers_and_base_path(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url="https://proxy.example.com/honeycomb/1/datasets", json=[])
    async with AsyncClient(
        api_key=API_KEY,
        base_url="https://proxy.example.com/honeycomb/",
        default_headers={"X-Trace": "abc"},
    ) as client:
        await client.datasets.list()
    assert httpx_mock.get_requests()[0].headers["X-Trace"] == "abc"


async def test_injected_http_client_is_used_and_not_closed() -> None:
    seen: list[httpx.Request] = []

    async def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=[{"name": "a", "slug": "a"}])

    http = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    async with AsyncClient(api_key=API_KEY, http_client=http) as client:
        datasets = await client.datasets.list()
    assert [d.name for d in datasets] == ["a"]
    assert len(seen) == 1
    assert not http.is_closed
    await http.aclose()


async def test_wrong_http_client_type() -> None:
    with pytest.raises(TypeError, match="http_client"):
        AsyncClient(api_key=API_KEY, http_client=object())  # type: ignore[arg-type]


async def test_close_releases_pool() -> None:
    client = AsyncClient(api_key=API_KEY)
    await client.aclose()
    assert client._requester.http.is_closed


async def test_with_options_shares_pool_and_state(
    httpx_mock: HTTPXMock, client: AsyncClient
) -> None:
    copy = client.with_options(timeout=5)
    assert copy._requester.http is client._requester.http
    await copy.aclose()
    assert not client._requester.http.is_closed
    httpx_mock.add_response(
        url=f"{BASE}/1/datasets", json=[], headers={"RateLimit": "limit=5, remaining=4, reset=1"}
    )
    await copy.datasets.list()
    assert client.rate_limit is not None and client.rate_limit.remaining == 4


async def test_per_client_timeout_reaches_the_request(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=f"{BASE}/1/datasets", json=[])
    async with AsyncClient(api_key=API_KEY, timeout=httpx.Timeout(7.0)) as client:
        await client.datasets.list()
    assert httpx_mock.get_requests()[0].extensions["timeout"]["read"] == 7.0


async def test_default_timeout(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(url=f"{BASE}/1/datasets", json=[])
    await client.datasets.list()
    timeout = httpx_mock.get_requests()[0].extensions["timeout"]
    assert (timeout["connect"], timeout["read"]) == (5.0, 60.0)


async def test_resources_are_cached(client: AsyncClient) -> None:
    assert client.datasets is client.datasets


async def test_next_link_to_another_host_is_refused(client: AsyncClient) -> None:
    with pytest.raises(Exception, match="refusing to send credentials"):
        client._requester.url_for("https://evil.example.com/2/teams/x/api-keys")


# -- secrecy: the key must appear nowhere ------------------------------------------------


def assert_no_secret(text: str) -> None:
    for secret in (API_KEY, KEY_SECRET, KEY_ID):
        assert secret not in text, f"secret leaked: {text[:200]}"


async def test_repr_and_str_hide_keys(client: AsyncClient) -> None:
    for text in (repr(client), str(client), repr(client._requester.config), str(client.__dict__)):
        assert_no_secret(text)
    assert "hcxlk_…wxyz" in repr(client)


async def test_errors_hide_keys(httpx_mock: HTTPXMock, client: AsyncClient) -> None:
    httpx_mock.add_response(
        url=f"{BASE}/1/datasets", status_code=401, json={"error": "unknown API key"}
    )
    with pytest.raises(AuthenticationError) as info:
        await client.datasets.list()
    err = info.value
    rendered = "".join(traceback.format_exception(err))
    for text in (str(err), repr(err), rendered, str(err.args)):
        assert_no_secret(text)


async def test_logs_hide_keys(
    httpx_mock: HTTPXMock, client: AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="honeycomb")
    httpx_mock.add_response(url=f"{BASE}/1/datasets", json=[])
    httpx_mock.add_response(
        url=f"{BASE}/2/auth", json={"data": {"id": "k", "type": "api-keys", "attributes": {}}}
    )
    await client.datasets.list()
    await client.auth.get_management()
    assert caplog.records, "debug logging produced nothing"
    assert "<redacted>" in caplog.text
    assert_no_secret(caplog.text)


async def test_secret_filter_scrubs_stray_secrets(
    client: AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="honeycomb")
    logging.getLogger("honeycomb").info("oops %s", API_KEY)
    assert_no_secret(caplog.text)


async def test_missing_credential_error_hides_other_key() -> None:
    client = AsyncClient(api_key=API_KEY)
    try:
        with pytest.raises(Exception) as info:
            await client.auth.get_management()
        assert_no_secret(str(info.value))
    finally:
        await client.aclose()


def test_construction_without_keys_names_env_vars(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (
        "HONEYCOMB_API_KEY",
        "HONEYCOMBIO_APIKEY",
        "HONEYCOMB_KEY_ID",
        "HONEYCOMB_KEY_SECRET",
    ):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(Exception, match="HONEYCOMB_API_KEY") as info:
        AsyncClient()
    assert type(info.value).__name__ == "MissingCredentialError"


def test_insecure_http_refused() -> None:
    with pytest.raises(ValueError, match="allow_insecure_http"):
        AsyncClient(api_key=API_KEY, base_url="http://honeycomb.internal")
    AsyncClient(api_key=API_KEY, base_url="http://127.0.0.1:8080")


@pytest.mark.parametrize("status", [502, 200])
async def test_a_proxy_echoing_the_key_does_not_leak_it(
    httpx_mock: HTTPXMock, client: AsyncClient, status: int
) -> None:
    page = f"<html><body>Bad gateway. Request headers: X-Honeycomb-Team: {API_KEY}</body></html>"
    httpx_mock.add_response(url=f"{BASE}/1/datasets", status_code=status, text=page)
    with pytest.raises(APIError) as info:
        await client.datasets.list()
    err = info.value
    rendered = "".join(traceback.format_exception(err))
    for text in (str(err), repr(err), rendered, str(err.body), str(err.args)):
        assert_no_secret(text)
    assert isinstance(err.body, str)
    assert "X-Honeycomb-Team: <redacted>" in err.body
