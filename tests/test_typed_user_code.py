"""Typed user code: the common flows written as a user would, with no casts or asserts to
please the type checker. ``mypy --strict`` checks this file in CI (a typing regression
fails the build), and it runs as a test against FakeHoneycomb."""

from __future__ import annotations

from typing import Any

import pandas
import polars
import pytest
from typing_extensions import assert_type

from honeycomb import Client, RequestValidationError
from honeycomb.models import Trigger, TriggerCreate
from honeycomb.query import QueryBuilder
from honeycomb.testing import FakeHoneycomb


def provision(client: Client) -> tuple[Trigger, Trigger]:
    """Create a trigger, rename it (get -> modify -> update) and copy it to staging."""
    for name in ("web", "staging"):
        client.datasets.create({"name": name})
        client.events.send(name, {"endpoint": "/", "duration_ms": 12})
    slow = QueryBuilder().calculate("P99", "duration_ms").last(minutes=15)
    created = client.triggers.create(
        "web",
        TriggerCreate(
            name="slow",
            query=slow.build(),
            threshold={"op": ">", "value": 500},
            frequency=300,
        ),
    )
    trigger = client.triggers.get("web", created.id)
    trigger.name = "slow (paged)"
    updated = client.triggers.update("web", trigger.id, trigger)
    copy = client.triggers.create("staging", trigger.model_dump(mode="json"))
    return updated, copy


def busiest(client: Client) -> list[dict[str, Any]]:
    """Run a builder query and read its rows."""
    query = QueryBuilder().calculate("COUNT").group_by("endpoint").last(hours=1)
    return client.query_results.run("web", query, poll_interval=0.01).rows


def frames(client: Client) -> tuple[int, int]:
    """The results as DataFrames, typed as the libraries' own (mypy checks the types)."""
    result = client.query_results.run("web", QueryBuilder().calculate("COUNT").last(hours=1))
    table = assert_type(result.to_pandas(), pandas.DataFrame)
    other = assert_type(result.to_polars(), polars.DataFrame)
    return len(table.index), other.height


def dashboard(client: Client) -> str:
    """A board whose query panel is a builder, and an annotation renamed through its id."""
    latency = QueryBuilder().calculate("P99", "duration_ms").last(hours=1)
    board = client.boards.create(
        {"name": "web", "panels": [{"type": "query", "query_panel": {"query": latency}}]}
    )
    note = client.query_annotations.create("web", {"name": "p99", "query": latency})
    note.name = "p99 latency"
    renamed = client.query_annotations.update("web", note.id, note)
    return f"{board.name}: {renamed.name}"


def test_typed_user_code_runs() -> None:
    fake = FakeHoneycomb(query_polls=0, seed=2)
    with fake.client(max_retries=0) as client:
        updated, copy = provision(client)
        assert (updated.name, copy.name, copy.dataset_slug) == (
            "slow (paged)",
            "slow (paged)",
            "staging",
        )
        assert busiest(client) == [{"endpoint": "/", "COUNT": 1}]
        assert dashboard(client) == "web: p99 latency"
        assert frames(client) == (1, 1)
        with pytest.raises(RequestValidationError, match="name"):
            client.triggers.update("web", updated.id, {"name": ""})
