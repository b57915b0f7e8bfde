# GENERATED from tests/_async/test_tracing.py by scripts/unasync.py.
# Do not edit: change the async source and run `python scripts/unasync.py`.
"""OpenTelemetry spans: one client span per operation, retries as events, parent spans for
query runs and batch deliveries, and never a key, header value or body in a span."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator

import pytest

pytest.importorskip("opentelemetry.sdk.trace", reason="opentelemetry-sdk is not installed")

from opentelemetry import trace
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind, StatusCode

from honeycomb import Client, NotFoundError, QueryFailedError, _tracing
from honeycomb.query import QueryBuilder
from honeycomb.testing import FakeHoneycomb
from tests._fakes import ident


@pytest.fixture
def exporter(monkeypatch: pytest.MonkeyPatch) -> Iterator[InMemorySpanExporter]:
    """A tracer provider with the in-memory exporter, as the application's global one."""
    memory = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(memory))
    # The API lets a process set its provider once; tests swap the global for a while.
    monkeypatch.setattr(trace, "_TRACER_PROVIDER", provider)
    yield memory
    provider.shutdown()


@pytest.fixture
def fake() -> FakeHoneycomb:
    return FakeHoneycomb(seed=7, query_polls=2)


def _one(spans: tuple[ReadableSpan, ...], name: str) -> ReadableSpan:
    found = [s for s in spans if s.name == name]
    assert len(found) == 1, [s.name for s in spans]
    return found[0]


def test_an_operation_is_one_client_span_with_the_semantic_attributes(
    hc: Client, fake: FakeHoneycomb, exporter: InMemorySpanExporter
) -> None:
    hc.datasets.create({"name": "web app"})
    trigger = hc.triggers.create(
        "web-app",
        {
            "name": "slow",
            "query": {"calculations": [{"op": "COUNT"}], "time_range": 900},
            "threshold": {"op": ">", "value": 1},
            "frequency": 900,
        },
    )
    exporter.clear()
    assert trigger.id
    hc.triggers.get("web-app", trigger.id)

    (span,) = exporter.get_finished_spans()
    assert span.name == "GET /1/triggers/{datasetSlug}/{triggerId}"
    assert span.kind is SpanKind.CLIENT
    assert dict(span.attributes or {}) == {
        "http.request.method": "GET",
        "url.template": "/1/triggers/{datasetSlug}/{triggerId}",
        "server.address": "api.honeycomb.io",
        "server.port": 443,
        "honeycomb.operation": "getTrigger",
        "honeycomb.dataset": "web-app",
        "http.response.status_code": 200,
    }
    assert span.status.status_code is StatusCode.UNSET
    assert span.events == ()


def test_operations_without_a_dataset_have_no_dataset_attribute(
    hc: Client, exporter: InMemorySpanExporter
) -> None:
    hc.datasets.list()
    hc.boards.list()

    names = [s.name for s in exporter.get_finished_spans()]
    assert names == ["GET /1/datasets", "GET /1/boards"]
    for span in exporter.get_finished_spans():
        assert "honeycomb.dataset" not in (span.attributes or {})
    assert [(s.attributes or {})["honeycomb.operation"] for s in exporter.get_finished_spans()] == [
        "listDatasets",
        "listBoards",
    ]


def test_an_error_status_is_the_error_type_and_never_the_message(
    hc: Client, exporter: InMemorySpanExporter
) -> None:
    with pytest.raises(NotFoundError) as caught:
        hc.triggers.get("nowhere", "t1")

    (span,) = exporter.get_finished_spans()
    attributes = dict(span.attributes or {})
    assert attributes["error.type"] == "404"
    assert attributes["http.response.status_code"] == 404
    assert span.status.status_code is StatusCode.ERROR
    assert span.status.description == "404"
    assert caught.value.message not in span.to_json()


def test_each_retry_is_an_event_with_its_reason_and_wait(
    hc: Client,
    fake: FakeHoneycomb,
    exporter: InMemorySpanExporter,
    sleeps: list[float],
) -> None:
    fake.inject("listDatasets", status=429, times=1, retry_after=3)
    fake.inject("listDatasets", status=503, times=1)

    hc.with_options(max_retries=2).datasets.list()

    assert len([r for r in fake.requests if r.path == "/1/datasets"]) == 3
    (span,) = exporter.get_finished_spans()
    assert [e.name for e in span.events] == ["retry", "retry"]
    first, second = (dict(e.attributes or {}) for e in span.events)
    assert first == {
        "honeycomb.retry.reason": "429 rate limited",
        "honeycomb.retry.wait_seconds": 3.0,
        "http.request.resend_count": 1,
    }
    assert second["honeycomb.retry.reason"] == "503 Service Unavailable"
    assert second["honeycomb.retry.wait_seconds"] == round(sleeps[1], 3)
    assert second["http.request.resend_count"] == 2
    assert (span.attributes or {})["http.request.resend_count"] == 2
    assert (span.attributes or {})["http.response.status_code"] == 200


def test_a_connection_failure_is_typed(
    hc: Client, fake: FakeHoneycomb, exporter: InMemorySpanExporter
) -> None:
    fake.inject("listDatasets", failure="connect")
    with pytest.raises(Exception, match="ConnectError"):
        hc.datasets.list()

    (span,) = exporter.get_finished_spans()
    assert (span.attributes or {})["error.type"] == "APIConnectionError"
    assert "http.response.status_code" not in (span.attributes or {})


def test_a_query_run_is_one_parent_span_with_a_child_per_poll(
    hc: Client, fake: FakeHoneycomb, exporter: InMemorySpanExporter, sleeps: list[float]
) -> None:
    hc.datasets.create({"name": "web"})
    hc.events.send_batch("web", [{"duration_ms": 5}, {"duration_ms": 7}])
    exporter.clear()

    result = hc.query_results.run("web", QueryBuilder().calculate("COUNT").last(3600))

    assert result.complete
    spans = exporter.get_finished_spans()
    parent = _one(spans, "honeycomb.query_results.run")
    assert parent.kind is SpanKind.INTERNAL
    assert dict(parent.attributes or {}) == {
        "honeycomb.dataset": "web",
        "honeycomb.query_result.id": result.id,
    }
    children = [s for s in spans if s.parent is not None]
    assert all(s.parent and s.parent.span_id == parent.context.span_id for s in children)
    assert [s.name for s in children] == [
        "POST /1/queries/{datasetSlug}",
        "POST /1/query_results/{datasetSlug}",
        # query_polls=2: the created result and two polls are incomplete, the third is not.
        "GET /1/query_results/{datasetSlug}/{queryResultId}",
        "GET /1/query_results/{datasetSlug}/{queryResultId}",
        "GET /1/query_results/{datasetSlug}/{queryResultId}",
    ]
    assert len(sleeps) == 3
    assert {s.context.trace_id for s in spans} == {parent.context.trace_id}


def test_a_failed_query_run_marks_the_parent_span_by_error_type_only(
    hc: Client, fake: FakeHoneycomb, exporter: InMemorySpanExporter, sleeps: list[float]
) -> None:
    hc.datasets.create({"name": "web"})
    fake.inject(
        "getQueryResult",
        status=200,
        body={"id": "x", "complete": True, "error": "secret column body text"},
    )
    with pytest.raises(QueryFailedError):
        hc.query_results.run("web", QueryBuilder().calculate("COUNT").last(3600))

    parent = _one(exporter.get_finished_spans(), "honeycomb.query_results.run")
    assert (parent.attributes or {})["error.type"] == "QueryFailedError"
    assert parent.status.status_code is StatusCode.ERROR
    assert "secret column body text" not in parent.to_json()
    assert parent.events == ()  # no recorded exception (its message is the body's)


def test_a_batch_delivery_is_a_span_with_the_event_count(
    hc: Client, exporter: InMemorySpanExporter
) -> None:
    hc.datasets.create({"name": "web"})
    exporter.clear()
    with hc.events.batcher("web") as batcher:
        for i in range(7):
            batcher.add({"i": i})

    spans = exporter.get_finished_spans()
    flush = _one(spans, "honeycomb.batcher.flush")
    assert dict(flush.attributes or {}) == {
        "honeycomb.dataset": "web",
        "honeycomb.event_count": 7,
        "honeycomb.failed_count": 0,
    }
    post = _one(spans, "POST /1/batch/{datasetSlug}")
    assert post.parent is not None and post.parent.span_id == flush.context.span_id


def test_no_key_header_value_or_body_reaches_a_span(
    fake: FakeHoneycomb, exporter: InMemorySpanExporter
) -> None:
    # A proxy page that echoes the request headers into an error body, a created key
    # whose secret is in the response body, and a body we send: none is in any span.
    with fake.client(max_retries=0, default_headers={"X-Trace-Me": "hdr-value"}) as c:
        fake.inject("listDatasets", status=502, body=f"echo X-Honeycomb-Team: {fake.api_key}")
        with pytest.raises(Exception, match="502"):
            c.datasets.list()
        c.datasets.create({"name": "web"})
        c.markers.create("web", {"message": "deploy body text"})
        created = c.api_keys.create(
            {"name": "ci", "key_type": "ingest", "environment_id": ident(fake.environment)}
        )
    dumped = json.dumps([json.loads(s.to_json()) for s in exporter.get_finished_spans()])
    assert len(exporter.get_finished_spans()) == 4
    secrets = [fake.api_key, fake.management_key, *fake.management_key.split(":")]
    secrets += [created.token or "absent", "hdr-value", "deploy body text", "echo"]
    for secret in secrets:
        assert secret not in dumped


def test_without_a_tracer_provider_nothing_is_recorded(
    fake: FakeHoneycomb, monkeypatch: pytest.MonkeyPatch
) -> None:
    memory = InMemorySpanExporter()
    monkeypatch.setattr(trace, "_TRACER_PROVIDER", None)  # the API's placeholder answers
    with fake.client(max_retries=0) as c:
        c.datasets.list()
    assert memory.get_finished_spans() == ()
    assert isinstance(trace.get_tracer_provider(), trace.ProxyTracerProvider)
    assert _tracing._tracer() is None


def test_an_application_that_never_imported_opentelemetry_gets_no_spans(
    hc: Client, exporter: InMemorySpanExporter, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What the SDK sees when the package is absent or unused: no opentelemetry.trace.
    monkeypatch.delitem(sys.modules, "opentelemetry.trace")
    hc.datasets.list()
    assert exporter.get_finished_spans() == ()
