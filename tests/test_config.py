"""Configuration: precedence (argument > environment > default), validation, masking."""

from __future__ import annotations

import httpx
import pytest

from honeycomb._config import (
    DEFAULT_MAX_RETRIES,
    REGIONS,
    ClientConfig,
    ManagementKey,
    mask_secret,
    resolve_config,
)
from honeycomb.errors import ConfigurationError, MissingCredentialError

KEY = "hcxlk_abcdefghijklmnopqrstuvwxyz"
ENV_KEY = "hcxlk_environmentkeyxxxxxxxxxxxx"


def resolve(environ: dict[str, str] | None = None, **overrides: object) -> ClientConfig:
    kwargs: dict[str, object] = {
        "api_key": None,
        "management_key": None,
        "team": None,
        "base_url": None,
        "region": None,
        "timeout": None,
        "max_retries": DEFAULT_MAX_RETRIES,
        "default_headers": None,
        "allow_insecure_http": False,
    }
    kwargs.update(overrides)
    return resolve_config(environ=environ or {}, **kwargs)  # type: ignore[arg-type]


def test_explicit_key_beats_environment() -> None:
    config = resolve({"HONEYCOMB_API_KEY": ENV_KEY}, api_key=KEY)
    assert config.api_key == KEY


def test_environment_key_used_when_no_argument() -> None:
    config = resolve({"HONEYCOMB_API_KEY": ENV_KEY})
    assert config.api_key == ENV_KEY


def test_legacy_terraform_variable_is_read() -> None:
    config = resolve({"HONEYCOMBIO_APIKEY": ENV_KEY})
    assert config.api_key == ENV_KEY


def test_management_key_from_environment_pair() -> None:
    config = resolve({"HONEYCOMB_KEY_ID": "hcxmk_id1234567", "HONEYCOMB_KEY_SECRET": "sekrit123"})
    assert config.management_key == ManagementKey("hcxmk_id1234567", "sekrit123")
    assert config.api_key is None


@pytest.mark.parametrize("value", ["hcxmk_id1234567:sekrit123", ("hcxmk_id1234567", "sekrit123")])
def test_management_key_forms(value: object) -> None:
    config = resolve(management_key=value)
    key = config.management_key
    assert key is not None
    assert (key.key_id, key.secret) == ("hcxmk_id1234567", "sekrit123")
    assert key.bearer == "Bearer hcxmk_id1234567:sekrit123"


def test_management_key_without_separator_is_rejected_without_leaking() -> None:
    with pytest.raises(ValueError, match="key_id:secret") as info:
        resolve(management_key="hcxmk_nosecretseparatorhere")
    assert "nosecretseparator" not in str(info.value)


def test_missing_credentials_name_every_variable() -> None:
    with pytest.raises(MissingCredentialError) as info:
        resolve({})
    message = str(info.value)
    for name in ("HONEYCOMB_API_KEY", "HONEYCOMB_KEY_ID", "HONEYCOMB_KEY_SECRET"):
        assert name in message
    assert info.value.env_vars == ("HONEYCOMB_API_KEY", "HONEYCOMB_KEY_ID", "HONEYCOMB_KEY_SECRET")


def test_wrong_key_type_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="api_key must be a string"):
        resolve(api_key=12345)


def test_management_key_passed_as_api_key_is_explained() -> None:
    with pytest.raises(ValueError, match="management_key"):
        resolve(api_key="hcxmk_01234567890123456789012345")


def test_base_url_precedence() -> None:
    env = {"HONEYCOMB_API_KEY": KEY, "HONEYCOMB_API_ENDPOINT": "https://env.example.com"}
    assert resolve(env).base_url == "https://env.example.com"
    assert resolve(env, region="eu").base_url == REGIONS["eu"]
    explicit = resolve(env, region="eu", base_url="https://mine.example.com/")
    assert explicit.base_url == "https://mine.example.com"
    assert resolve({"HONEYCOMB_API_KEY": KEY}).base_url == REGIONS["us"]


def test_unknown_region() -> None:
    with pytest.raises(ValueError, match="region"):
        resolve(api_key=KEY, region="ap")


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8080", "http://localhost:9000", "http://[::1]:80", "http://127.9.9.9"]
)
def test_plain_http_allowed_to_loopback(url: str) -> None:
    assert resolve(api_key=KEY, base_url=url).base_url == url


def test_plain_http_refused_elsewhere_unless_allowed() -> None:
    with pytest.raises(ValueError, match="allow_insecure_http"):
        resolve(api_key=KEY, base_url="http://proxy.internal:8080")
    config = resolve(api_key=KEY, base_url="http://proxy.internal:8080", allow_insecure_http=True)
    assert config.base_url == "http://proxy.internal:8080"


def test_timeout_forms() -> None:
    assert resolve(api_key=KEY).timeout is None
    assert resolve(api_key=KEY, timeout=10).timeout == httpx.Timeout(10.0, connect=5.0)
    custom = httpx.Timeout(3.0)
    assert resolve(api_key=KEY, timeout=custom).timeout is custom
    with pytest.raises(ValueError):
        resolve(api_key=KEY, timeout=0)


def test_max_retries_validation() -> None:
    with pytest.raises(TypeError, match="pass 0 to disable"):
        resolve(api_key=KEY, max_retries=None)
    with pytest.raises(ValueError):
        resolve(api_key=KEY, max_retries=-1)
    assert resolve(api_key=KEY, max_retries=0).max_retries == 0


@pytest.mark.parametrize(
    ("secret", "masked"),
    [
        ("hcxlk_abcdefghijklmnopqrstuvwxyz", "hcxlk_…wxyz"),
        ("hcaik_0123456789012345678901234567", "hcaik_…4567"),
        ("0123456789abcdef0123456789abcdef", "…cdef"),
        ("short", "…"),
    ],
)
def test_mask_secret(secret: str, masked: str) -> None:
    assert mask_secret(secret) == masked


def test_config_repr_hides_keys() -> None:
    config = resolve(api_key=KEY, management_key="hcxmk_id1234567:topsecretvalue")
    for text in (repr(config), str(config), config.describe_credentials()):
        assert KEY not in text
        assert "topsecretvalue" not in text
    assert "topsecretvalue" not in repr(config.management_key)


def test_auth_headers_by_kind() -> None:
    config = resolve(api_key=KEY, management_key="hcxmk_id1234567:sekrit123")
    assert config.auth_headers("config") == {"X-Honeycomb-Team": KEY}
    assert config.auth_headers("firehose") == {"X-Amz-Firehose-Access-Key": KEY}
    assert config.auth_headers("management") == {
        "Authorization": "Bearer hcxmk_id1234567:sekrit123"
    }
    assert config.auth_headers("none") == {}
    only_management = resolve(management_key="hcxmk_id1234567:sekrit123")
    with pytest.raises(MissingCredentialError, match="HONEYCOMB_API_KEY"):
        only_management.auth_headers("config")
    with pytest.raises(MissingCredentialError, match="HONEYCOMB_API_KEY"):
        only_management.auth_headers("firehose")


# -- issue 10 defect 14: only IP literals and `localhost` are loopback -------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://evil.localhost:8080",
        "http://api.localhost",
        "http://localhost.localdomain",
        "http://localhost.evil.example",
        "http://127.0.0.1.nip.io",
    ],
)
def test_defect_14_names_that_resolve_through_dns_are_not_loopback(url: str) -> None:
    with pytest.raises(ConfigurationError, match="allow_insecure_http"):
        resolve(api_key=KEY, base_url=url)


@pytest.mark.parametrize("url", ["http://LOCALHOST:1", "http://127.0.0.2", "http://[::1]"])
def test_defect_14_loopback_by_definition_is_allowed(url: str) -> None:
    assert resolve(api_key=KEY, base_url=url).base_url == url


# -- issue 10 defect 7: malformed keys are refused at construction, without printing them --

MALFORMED = [
    "hcxlk_abcdefgh\nijklmnopqrstuvwxyz",
    "hcxlk_abcdefgh\rX-Evil: 1",
    "hcxlk_abcdefgh\x00ijklmnop",
    "hcxlk_abcdefgh\x7fijklmnop",
    "hcxlk_abcdefgh ijklmnop",
    "hcxlk_abcdéfghijklmnopqrstuvwxyz",
    "“hcxlk_abcdefghijklmnopqrstuvwxyz”",
]


@pytest.mark.parametrize("key", MALFORMED)
def test_defect_07_malformed_api_key_is_refused_without_printing_it(key: str) -> None:
    with pytest.raises(ConfigurationError) as info:
        resolve(api_key=key)
    assert isinstance(info.value, ValueError)
    assert "api_key contains" in str(info.value)
    for fragment in ("abcdefgh", "ijklmnop", key):
        assert fragment not in str(info.value)
        assert fragment not in repr(info.value.args)


@pytest.mark.parametrize("key", MALFORMED)
def test_defect_07_malformed_key_from_the_environment_is_refused(key: str) -> None:
    with pytest.raises(ConfigurationError) as info:
        resolve({"HONEYCOMB_API_KEY": key})
    assert "abcdefgh" not in str(info.value)


@pytest.mark.parametrize("secret", ["s3cr3t\nmanagementsecret", "s3cr3tmanagementsecrét"])
def test_defect_07_malformed_management_key_is_refused(secret: str) -> None:
    for value in (("hcxmk_0123456789", secret), f"hcxmk_0123456789:{secret}"):
        with pytest.raises(ConfigurationError, match="management key secret contains") as info:
            resolve(management_key=value)
        assert "s3cr3t" not in str(info.value)
    with pytest.raises(ConfigurationError, match="management key secret"):
        resolve({"HONEYCOMB_KEY_ID": "hcxmk_0123456789", "HONEYCOMB_KEY_SECRET": secret})


def test_defect_07_client_construction_refuses_a_key_with_a_newline() -> None:
    from honeycomb import Client

    with pytest.raises(ConfigurationError) as info:
        Client(api_key="hcxlk_abcdefgh\nijklmnopqrstuvwxyz")
    assert "ijklmnop" not in str(info.value)
