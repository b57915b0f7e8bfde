"""The route table behind span names: the specs' own templates, and matching paths to them."""

from __future__ import annotations

import pytest

from honeycomb._operations import OPERATIONS
from honeycomb._routes import ROUTES, match
from tests._spec import all_operations


def test_every_operation_has_its_spec_method_and_template() -> None:
    spec = {op_id: f"{op.method} {op.path}" for op_id, op in all_operations().items()}
    assert set(ROUTES) == set(OPERATIONS)
    assert {op_id: spec[op_id] for op_id in ROUTES} == ROUTES


def test_every_template_matches_itself_back_to_its_operation() -> None:
    for operation_id, route in ROUTES.items():
        method, template = route.split(" ", 1)
        found = match(method, template.replace("{", "x").replace("}", ""))
        assert found is not None and found.operation_id == operation_id, route


@pytest.mark.parametrize(
    ("method", "path", "operation", "params"),
    [
        (
            "GET",
            "/1/triggers/my%20app/t1",
            "getTrigger",
            {"datasetSlug": "my app", "triggerId": "t1"},
        ),
        ("get", "/1/triggers/web", "listTriggers", {"datasetSlug": "web"}),
        (
            "GET",
            "/1/slos/web/s1/counts",
            "getSloRealtimeCounts",
            {"datasetSlug": "web", "sloId": "s1"},
        ),
        ("POST", "/1/reporting/slos/historical", "getSloHistory", {}),
        ("GET", "/1/recipients/r1/triggers", "listTriggersWithRecipient", {"recipientId": "r1"}),
        ("PATCH", "/2/teams/t/api-keys/k1", "updateApiKey", {"teamSlug": "t", "ID": "k1"}),
    ],
)
def test_a_concrete_path_maps_to_its_operation(
    method: str, path: str, operation: str, params: dict[str, str]
) -> None:
    route = match(method, path)
    assert route is not None
    assert (route.operation_id, route.params) == (operation, params)


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/1/nothing"), ("PATCH", "/1/datasets"), ("GET", "/1/triggers//t1"), ("GET", "/")],
)
def test_unknown_paths_have_no_route(method: str, path: str) -> None:
    assert match(method, path) is None
