"""The public surface: every exported name resolves, and ``import honeycomb`` stays light."""

from __future__ import annotations

import subprocess
import sys

import pytest

import honeycomb


@pytest.mark.parametrize("name", honeycomb.__all__)
def test_every_exported_name_resolves(name: str) -> None:
    assert getattr(honeycomb, name) is not None


def test_unknown_attribute_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'Nope'"):
        honeycomb.Nope  # noqa: B018


def test_errors_share_one_root() -> None:
    for name in honeycomb.__all__:
        value = getattr(honeycomb, name)
        if isinstance(value, type) and issubclass(value, Exception):
            assert issubclass(value, honeycomb.HoneycombError), name


def test_import_is_lazy() -> None:
    code = (
        "import sys, honeycomb\n"
        "heavy = [m for m in ('httpx', 'pydantic', 'tenacity', 'honeycomb._sync.client',"
        " 'honeycomb._async.client', 'honeycomb.models', 'opentelemetry', 'hishel', 'vcr')"
        " if m in sys.modules]\n"
        "print(heavy)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_clients_are_importable_from_the_top() -> None:
    from honeycomb import AsyncClient, Client

    assert Client.__module__ == "honeycomb._sync.client"
    assert AsyncClient.__module__ == "honeycomb._async.client"


def test_every_public_model_is_importable_from_honeycomb_models() -> None:
    import importlib
    import inspect
    import pkgutil

    import honeycomb.models as models

    for info in pkgutil.iter_modules(models.__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"honeycomb.models.{info.name}")
        for name in module.__all__:
            value = getattr(module, name)
            if name.isupper() or inspect.isfunction(value):
                continue
            assert getattr(models, name) is value, f"{info.name}.{name}"


def test_models_import_lazily() -> None:
    code = (
        "import sys\n"
        "import honeycomb.models\n"
        "print(sorted(m for m in sys.modules if m.startswith('honeycomb.models.')))\n"
        "from honeycomb.models import Trigger\n"
        "print('pydantic' in sys.modules, 'honeycomb.models.boards' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split("\n")[:2] == ["[]", "True False"]
