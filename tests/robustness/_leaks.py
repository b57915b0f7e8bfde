"""What every robustness target asserts: only ``HoneycombError``s escape, and no key
appears in anything the caller can see (the message, ``repr``, every field, the pickle,
the logs)."""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import httpx

from honeycomb import Client
from honeycomb.errors import HoneycombError

T = TypeVar("T")

API_KEY = "hcxlk_robustrobustrobustrobust01"
KEY_ID = "hcxmk_robust0123456789012345678"
KEY_SECRET = "robustmanagementsecret0123456789abcd"
SECRETS = (API_KEY, KEY_ID, KEY_SECRET)


def client_over(handler: Callable[[httpx.Request], httpx.Response], **options: Any) -> Client:
    """A sync ``Client`` with both kinds of key, answered by ``handler``."""
    return Client(
        api_key=API_KEY,
        management_key=(KEY_ID, KEY_SECRET),
        team="robust-team",
        max_retries=options.pop("max_retries", 0),
        http_client=httpx.Client(transport=httpx.MockTransport(handler)),
        **options,
    )


def assert_no_secret(texts: Iterable[str | bytes], where: str) -> None:
    """No key (nor its bytes) in any of ``texts``."""
    for text in texts:
        for secret in SECRETS:
            if isinstance(text, bytes):
                assert secret.encode() not in text, f"a key appears in {where}: {text[:300]!r}"
            else:
                assert secret not in text, f"a key appears in {where}: {text[:300]!r}"


def _fields(err: BaseException) -> list[str]:
    found = [str(err), repr(err), repr(err.args)]
    for name, value in vars(err).items():
        if name not in ("request", "response"):  # checked by assert_request_hides_keys
            found.append(f"{name}={value!r}")
    return found


def assert_clean_error(err: HoneycombError) -> None:
    """No key in the message, ``repr``, arguments or any field (the body included) of
    ``err``. (Its request's headers and its pickle: see below.)"""
    assert_no_secret(_fields(err), f"{type(err).__name__}")


def assert_request_hides_keys(err: HoneycombError) -> None:
    """No key in the ``repr`` of the request or response an error carries, nor in their
    headers' ``repr``."""
    for name in ("request", "response"):
        value = getattr(err, name, None)
        if value is not None:
            assert_no_secret([repr(value), repr(value.headers)], f"{type(err).__name__}.{name}")


def assert_pickles_without_keys(err: HoneycombError) -> None:
    """``err`` unpickles to its class and message, and its pickle holds no key."""
    data = pickle.dumps(err)
    assert_no_secret([data], f"the pickle of {type(err).__name__}")
    copy = pickle.loads(data)
    assert type(copy) is type(err) and str(copy) == str(err)


def only_typed(call: Callable[[], T]) -> T | HoneycombError:
    """Run ``call``; let only a ``HoneycombError`` through (returned, after checking it
    for keys). Anything else propagates and fails the test with hypothesis' example."""
    try:
        return call()
    except HoneycombError as err:
        assert_clean_error(err)
        return err
