"""``client.porting``: export an environment, plan against another one, apply, diff.

The decisions are pure and live in :mod:`honeycomb.porting` (turning responses into
portable objects, comparing, building request bodies); this module only reads and
writes, with bounded concurrency (``honeycomb._fanout`` says how each client runs the
calls), so the time an export or an apply takes is about requests × latency ÷
concurrency.
"""

from __future__ import annotations

import builtins
import contextlib
import functools
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel

from honeycomb._fanout import DEFAULT_CONCURRENCY, AsyncCall, Outcome, async_fan_out
from honeycomb._io import AsyncThunk
from honeycomb.errors import HoneycombError
from honeycomb.porting._bodies import Ids, body_for, query_body
from honeycomb.porting._capture import Captured, portable_objects, scope_objects
from honeycomb.porting._objects import ENVIRONMENT_WIDE, KINDS, PortableObject, canonical
from honeycomb.porting._plan import Change, Plan, build_plan
from honeycomb.porting._report import Applied, ApplyError, ApplyReport
from honeycomb.porting._snapshot import Snapshot, SnapshotError

if TYPE_CHECKING:
    from honeycomb._async.client import AsyncClient

__all__ = ["Porting"]

T = TypeVar("T")
JSON = dict[str, Any]

# The per-dataset listings an export reads, by the attribute of ``Captured`` they fill.
_LISTED = (
    "calculated_fields",
    "triggers",
    "slos",
    "marker_settings",
    "query_annotations",
)


def _raw(model: BaseModel) -> JSON:
    """A response model as the JSON the API sent (unset and null fields left out)."""
    return model.model_dump(mode="json", by_alias=True, exclude_unset=True, exclude_none=True)


def _raws(models: Iterable[BaseModel]) -> builtins.list[JSON]:
    return [_raw(m) for m in models]


class Porting:
    """Configuration as code between environments (DESIGN section 11).

    Examples:
        >>> field = await client.calculated_fields.create(
        ...     "api", {"alias": "is_error", "expression": "GTE($status_code, 500)"}
        ... )
        >>> snapshot = await client.porting.export(datasets=["api"])   # this environment's
        >>> plan = await staging.porting.plan(snapshot)                # staging: another one
        >>> plan.summary()
        'Plan: 2 to create, 0 to update, 0 to delete.'
        >>> report = await staging.porting.apply(plan)
        >>> report.summary()
        'Apply complete: 2 created, 0 updated, 0 deleted.'

    Args:
        client: The client whose environment is read or changed.
        concurrency: Requests in flight at once (default 8).
    """

    def __init__(self, client: AsyncClient, concurrency: int = DEFAULT_CONCURRENCY) -> None:
        self._client = client
        self.concurrency = concurrency

    async def _all(
        self, calls: Sequence[AsyncThunk[T]], *, stop_on_error: bool = False
    ) -> builtins.list[Outcome[T]]:
        return await async_fan_out(calls, self.concurrency, stop_on_error=stop_on_error)

    async def _values(self, calls: Sequence[AsyncThunk[T]]) -> builtins.list[T]:
        """Run every read; the first failure is raised (reads have nothing to undo)."""
        outcomes = await self._all(calls, stop_on_error=True)
        for outcome in outcomes:
            if outcome.error is not None:
                raise outcome.error
        return [o.value for o in outcomes]  # type: ignore[misc]

    # -- reading -------------------------------------------------------------------------

    async def export(self, datasets: Iterable[str] | None = None) -> Snapshot:
        """Read the environment's configuration as a snapshot.

        Datasets (settings), columns, calculated fields, recipients, triggers, SLOs with
        their burn alerts, marker settings, query annotations, and boards with their views
        and panels (each query panel's saved query fetched and inlined).

        Examples:
            >>> field = await client.calculated_fields.create(
            ...     "api", {"alias": "is_error", "expression": "GTE($status_code, 500)"}
            ... )
            >>> snapshot = await client.porting.export(datasets=["api"])
            >>> snapshot
            Snapshot(dataset=1, calculated_field=1)
            >>> [path.as_posix() for path in snapshot.write("honeycomb/prod")]
            ['honeycomb/prod/manifest.yaml', 'honeycomb/prod/datasets/api.yaml',
             'honeycomb/prod/calculated_fields/api/is_error.yaml']

        Args:
            datasets: Export only these datasets (``"__all__"`` for the environment-wide
                objects), with the recipients they use and the boards whose panels all
                show them. None exports everything.

        Returns:
            The snapshot. Its objects carry this environment's ids in ``ids`` (never
            written to files).

        Raises:
            SnapshotError: A dataset that the environment does not have.
            APIError: A read failed.
        """
        chosen = None if datasets is None else list(datasets)
        captured, source = await self._capture(chosen, missing_ok=False)
        objects = portable_objects(captured)
        if chosen is not None:
            objects = scope_objects(objects, chosen)
        return Snapshot(objects, source=source, datasets=chosen)

    async def _capture(
        self, datasets: builtins.list[str] | None, *, missing_ok: bool
    ) -> tuple[Captured, JSON]:
        client = self._client
        first: builtins.list[AsyncThunk[Any]] = [
            client.auth.get,
            client.datasets.list,
            client.recipients.list,
            client.boards.list,
        ]
        auth, listed, recipients, boards = await self._values(first)
        source = {
            "team": auth.team.slug,
            "environment": auth.environment.slug or auth.environment.name,
        }
        by_slug = {d.slug or d.name: d for d in listed}
        if datasets is None:
            slugs = sorted(by_slug)
        else:
            unknown = [d for d in datasets if d != ENVIRONMENT_WIDE and d not in by_slug]
            if unknown and not missing_ok:
                raise SnapshotError(
                    f"the environment has no dataset {', '.join(sorted(unknown))} "
                    f"(it has: {', '.join(sorted(by_slug)) or 'none'})"
                )
            slugs = sorted(d for d in set(datasets) if d in by_slug)
        captured = Captured(
            datasets=[_raw(by_slug[s]) for s in slugs],
            recipients=_raws(recipients),
            boards=_raws(boards),
        )
        await self._capture_datasets(captured, slugs, datasets)
        await self._capture_details(captured)
        return captured, {k: v for k, v in source.items() if v}

    async def _capture_datasets(
        self, captured: Captured, slugs: builtins.list[str], chosen: builtins.list[str] | None
    ) -> None:
        client = self._client
        readers: dict[str, AsyncCall[Sequence[BaseModel]]] = {
            "calculated_fields": client.calculated_fields.list,
            "triggers": client.triggers.list,
            "slos": client.slos.list,
            "marker_settings": client.marker_settings.list,
            "query_annotations": client.query_annotations.list,
        }
        jobs: builtins.list[tuple[str, str]] = [("columns", s) for s in slugs]
        # Environment-wide objects are read even when not exported: a dataset's listing
        # may include them, and they must not be taken for the dataset's own.
        jobs += [(attr, s) for s in [*slugs, ENVIRONMENT_WIDE] for attr in _LISTED]

        readers["columns"] = client.columns.list
        results = await self._values([_bind(readers[attr], slug) for attr, slug in jobs])
        wide_ids: dict[str, set[Any]] = {}
        for (attr, slug), items in zip(jobs, results, strict=True):
            if slug == ENVIRONMENT_WIDE:
                wide_ids[attr] = {getattr(i, "id", None) for i in items}
        keep_wide = chosen is None or ENVIRONMENT_WIDE in chosen
        for (attr, slug), items in zip(jobs, results, strict=True):
            if slug == ENVIRONMENT_WIDE and not keep_wide:
                continue
            own = [
                i
                for i in items
                if slug == ENVIRONMENT_WIDE or getattr(i, "id", None) not in wide_ids.get(attr, ())
            ]
            getattr(captured, attr)[slug] = _raws(own)

    async def _capture_details(self, captured: Captured) -> None:
        """Burn alerts, board views, and the saved queries and annotations referred to."""
        client = self._client
        calls: builtins.list[AsyncThunk[Any]] = []
        slo_jobs = [(ds, str(s["id"])) for ds, items in captured.slos.items() for s in items]
        calls += [_bind(client.burn_alerts.list, ds, slo_id) for ds, slo_id in slo_jobs]
        board_ids = [str(b["id"]) for b in captured.boards]
        calls += [_bind(client.board_views.list, board_id) for board_id in board_ids]
        query_jobs = sorted(
            {
                (ds, str(a["query_id"]))
                for ds, items in captured.query_annotations.items()
                for a in items
                if a.get("query_id")
            }
            | captured.board_query_ids()
        )
        calls += [_bind(client.queries.get, ds, qid) for ds, qid in query_jobs]
        annotation_jobs = sorted(
            {
                (str(p["query_panel"].get("dataset") or ""), str(p["query_panel"][key]))
                for b in captured.boards
                for p in b.get("panels") or []
                if p.get("type") == "query"
                for key in ("query_annotation_id",)
                if (p.get("query_panel") or {}).get(key)
            }
        )
        calls += [_bind(client.query_annotations.get, ds, aid) for ds, aid in annotation_jobs]
        results = await self._values(calls)
        alerts_listed = results[: len(slo_jobs)]
        rest = results[len(slo_jobs) :]
        for board_id, views in zip(board_ids, rest[: len(board_ids)], strict=True):
            captured.views[board_id] = _raws(views)
        rest = rest[len(board_ids) :]
        for job, query in zip(query_jobs, rest[: len(query_jobs)], strict=True):
            captured.queries[job] = _raw(query)
        for (_, aid), annotation in zip(annotation_jobs, rest[len(query_jobs) :], strict=True):
            captured.annotations[aid] = _raw(annotation)
        # A burn alert's listing may leave out its recipients: read each one in full.
        alert_jobs = [
            (ds, str(alert.id))
            for (ds, _), alerts in zip(slo_jobs, alerts_listed, strict=True)
            for alert in alerts
        ]
        full = await self._values(
            [_bind(client.burn_alerts.get, ds, aid) for ds, aid in alert_jobs]
        )
        for (ds, _), alert in zip(alert_jobs, full, strict=True):
            captured.burn_alerts.setdefault(ds, []).append(_raw(alert))
        for ds in captured.slos:
            captured.burn_alerts.setdefault(ds, [])

    async def plan(
        self,
        snapshot: Snapshot,
        prune: bool = False,
        dataset_map: Mapping[str, str] | None = None,
    ) -> Plan:
        """Compare a snapshot with this environment.

        Examples:
            >>> from honeycomb.porting import Snapshot
            >>> field = await client.calculated_fields.create(
            ...     "api", {"alias": "is_error", "expression": "GTE($status_code, 500)"}
            ... )
            >>> snapshot = await client.porting.export(datasets=["api"])
            >>> files = snapshot.write("honeycomb/prod")
            >>> plan = await staging.porting.plan(
            ...     Snapshot.read("honeycomb/prod"), dataset_map={"api": "api-staging"}
            ... )
            >>> [change.label for change in plan]
            ['dataset "api-staging"', 'calculated_field api-staging/"is_error"']

        Args:
            snapshot: What the environment should hold.
            prune: Also plan to delete what the snapshot lacks, within the datasets it
                covers (never datasets or columns).
            dataset_map: Source dataset slug -> this environment's slug.

        Returns:
            The plan (``str(plan)`` reads like ``terraform plan``).

        Raises:
            SnapshotError: ``dataset_map`` names a dataset the snapshot lacks.
            APIError: A read failed.
        """
        desired = snapshot.remap(dataset_map)
        captured, target = await self._capture(desired.datasets, missing_ok=True)
        current = Snapshot(portable_objects(captured), source=target, datasets=desired.datasets)
        return build_plan(desired, current, prune=prune, target=target)

    async def diff(self, other: AsyncClient, datasets: Iterable[str] | None = None) -> Plan:
        """How ``other``'s environment differs from this one, as a plan from this one to it.

        Examples:
            >>> field = await staging.calculated_fields.create(
            ...     "__all__", {"alias": "is_slow", "expression": "GT($duration_ms, 1000)"}
            ... )
            >>> plan = await client.porting.diff(staging)   # what would make staging match client
            >>> [(change.action, change.label) for change in plan]
            [('create', 'dataset "api"'), ('create', 'dataset "web"'),
             ('delete', 'calculated_field __all__/"is_slow"')]

        Args:
            other: A client of the environment to compare with.
            datasets: Compare only these datasets (None: everything).

        Returns:
            The plan that would make ``other`` match this environment (deletes included).

        Raises:
            SnapshotError: A dataset this environment does not have.
            APIError: A read failed.
        """
        snapshot = await self.export(datasets)
        return await other.porting.plan(snapshot, prune=True)

    # -- writing -------------------------------------------------------------------------

    async def apply(self, plan: Plan) -> ApplyReport:
        """Make the changes of ``plan``, in dependency order, resolving every reference.

        Creates and updates run kind by kind (datasets, columns, calculated fields,
        recipients, SLOs, burn alerts, triggers, marker settings, query annotations,
        boards and their views), several at once within a kind; deletes follow in reverse
        order. Updates change the target's objects in place (their ids stay). Saved
        queries are created for query annotations and board panels.

        Examples:
            >>> field = await client.calculated_fields.create(
            ...     "api", {"alias": "is_error", "expression": "GTE($status_code, 500)"}
            ... )
            >>> plan = await staging.porting.plan(await client.porting.export(datasets=["api"]))
            >>> report = await staging.porting.apply(plan)
            >>> print(report, end="")
              created dataset "api" (id api)
              created calculated_field api/"is_error" (id ...)
            Apply complete: 2 created, 0 updated, 0 deleted.

        Args:
            plan: A plan made by ``plan()`` against this environment.

        Returns:
            What was done.

        Raises:
            ApplyError: A change failed. Nothing further was started; ``err.report``
                lists what was done and what was not, and running plan and apply again
                finishes the job without duplicating anything.
        """
        ids = Ids(plan.current)
        report = ApplyReport()
        stages = _stages(plan.changes)
        for index, stage in enumerate(stages):
            calls = [_bind(self._apply_one, change, ids) for change in stage]
            outcomes = await self._all(calls, stop_on_error=True)
            first_error: BaseException | None = None
            for change, outcome in zip(stage, outcomes, strict=True):
                if outcome.skipped:
                    report.not_done.append(change)
                elif outcome.error is not None:
                    report.failed.append((change, _reason(outcome.error)))
                    first_error = first_error or outcome.error
                else:
                    report.done.append(Applied(change, outcome.value))
            if first_error is not None:
                report.not_done.extend(c for later in stages[index + 1 :] for c in later)
                raise ApplyError(report) from first_error
        return report

    async def _apply_one(self, change: Change, ids: Ids) -> str | None:
        if change.action == "delete":
            assert change.current is not None
            await self._delete(change.current)
            return _text(change.current.ids.get("id"))
        desired = change.desired
        assert desired is not None
        current = change.current
        if desired.kind == "query_annotation":
            new_id = await self._put_annotation(change, ids)
        elif desired.kind == "board":
            new_id = await self._put_board(desired, current, ids)
        else:
            body = body_for(desired, ids, update=current is not None)
            new_id = await self._put(desired, current, body)
        ids.add(desired, new_id)
        return new_id

    async def _put(self, obj: PortableObject, current: PortableObject | None, body: JSON) -> str:
        """Create ``obj`` (no ``current``) or update ``current`` in place; its id."""
        c = self._client
        ds = obj.dataset or ""
        target_id = _text(current.ids.get("id")) if current is not None else None
        result: Any
        if obj.kind == "dataset":
            if target_id is None:
                result = await c.datasets.create(body)
                return str(result.slug or obj.key)
            await c.datasets.update(target_id, body)
            return target_id
        if target_id is None:
            if obj.kind == "recipient":
                result = await c.recipients.create(body)
            else:
                result = await _group(c, obj.kind).create(ds, body)
            return str(result.id)
        if obj.kind == "recipient":
            await c.recipients.update(target_id, body)
        else:
            await _group(c, obj.kind).update(ds, target_id, body)
        return target_id

    async def _new_query(self, dataset: str, spec: Mapping[str, Any]) -> str:
        query = await self._client.queries.create(dataset, query_body(spec))
        return str(query.id)

    async def _put_annotation(self, change: Change, ids: Ids) -> str:
        desired, current = change.desired, change.current
        assert desired is not None
        ds = desired.dataset or ""
        body = body_for(desired, ids, update=current is not None)
        query_changed = current is None or any(
            f.path == "query" or f.path.startswith(("query.", "query[")) for f in change.fields
        )
        query_id = (
            await self._new_query(ds, desired.spec.get("query") or {})
            if query_changed or current is None or not current.ids.get("query_id")
            else str(current.ids["query_id"])
        )
        body["query_id"] = query_id
        annotations = self._client.query_annotations
        if current is None:
            created = await annotations.create(ds, body)
            return str(created.id)
        target_id = str(current.ids["id"])
        await annotations.update(ds, target_id, body)
        return target_id

    async def _put_board(
        self, desired: PortableObject, current: PortableObject | None, ids: Ids
    ) -> str:
        """Create or update a board: saved queries and annotations for its query panels
        (reusing the target's own where a panel is unchanged), the board, then its views."""
        c = self._client
        reusable = _reusable_panels(current)
        panel_ids: builtins.list[dict[str, str]] = []
        created: builtins.list[tuple[str, str]] = []
        try:
            for panel in desired.spec.get("panels") or []:
                if panel.get("type") != "query":
                    panel_ids.append({})
                    continue
                found = reusable.pop(_panel_identity(panel), None)
                if found is None:
                    found = await self._panel_query(panel)
                    created.append((str(panel.get("dataset") or ""), found["query_annotation_id"]))
                panel_ids.append(found)
            body = body_for(desired, ids, update=current is not None, panel_ids=panel_ids)
            if current is None:
                board = await c.boards.create(body)
                board_id = str(board.id)
            else:
                board_id = str(current.ids["id"])
                await c.boards.update(board_id, body)
        except (HoneycombError, ValueError):
            # The board was not written: its new annotations would be left orphaned.
            await self._forget_annotations(created)
            raise
        # Annotations of panels the board no longer has belonged to it alone.
        await self._forget_annotations(
            [(found["dataset"], found["query_annotation_id"]) for found in reusable.values()]
        )
        await self._sync_views(board_id, desired, current)
        return board_id

    async def _panel_query(self, panel: Mapping[str, Any]) -> dict[str, str]:
        dataset = str(panel.get("dataset") or ENVIRONMENT_WIDE)
        query_id = await self._new_query(dataset, panel.get("query") or {})
        annotation = dict(panel.get("annotation") or {})
        annotation.setdefault("name", "Board query")
        annotation["query_id"] = query_id
        created = await self._client.query_annotations.create(dataset, annotation)
        return {"query_id": query_id, "query_annotation_id": str(created.id)}

    async def _forget_annotations(self, annotations: Sequence[tuple[str, str]]) -> None:
        for dataset, annotation_id in annotations:
            # Best effort: a leftover annotation is harmless, and a plan shows it.
            with contextlib.suppress(HoneycombError):
                await self._client.query_annotations.delete(dataset, annotation_id)

    async def _sync_views(
        self, board_id: str, desired: PortableObject, current: PortableObject | None
    ) -> None:
        views = self._client.board_views
        have_ids: dict[str, Any] = dict(current.ids.get("views") or {}) if current else {}
        have = {str(v.get("name")): v for v in (current.spec.get("views") or [])} if current else {}
        for view in desired.spec.get("views") or []:
            name = str(view.get("name"))
            body = {"name": name, "filters": list(view.get("filters") or [])}
            view_id = have_ids.pop(name, None)
            if view_id is None:
                await views.create(board_id, body)
            elif have.get(name) != view:
                await views.update(board_id, str(view_id), body)
        for view_id in have_ids.values():
            await views.delete(board_id, str(view_id))

    async def _delete(self, obj: PortableObject) -> None:
        c = self._client
        target_id = str(obj.ids.get("id"))
        ds = obj.dataset or ""
        if obj.kind == "recipient":
            await c.recipients.delete(target_id)
        elif obj.kind == "board":
            await c.boards.delete(target_id)
            annotations = [
                (str(p.get("dataset") or ""), str(found["query_annotation_id"]))
                for p, found in zip(
                    obj.spec.get("panels") or [], obj.ids.get("panels") or [], strict=False
                )
                if found.get("query_annotation_id")
            ]
            await self._forget_annotations(annotations)
        else:
            await _group(c, obj.kind).delete(ds, target_id)


def _bind(func: AsyncCall[T], *args: Any) -> AsyncThunk[T]:
    """``func`` with its arguments, called later (a loop variable is bound now)."""
    return functools.partial(func, *args)


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _reason(error: BaseException) -> str:
    return str(error).splitlines()[0] if str(error) else type(error).__name__


def _stages(changes: Sequence[Change]) -> builtins.list[builtins.list[Change]]:
    """Changes grouped into stages that may run concurrently, in the plan's order."""
    stages: builtins.list[builtins.list[Change]] = []
    last: tuple[bool, str] | None = None
    for change in changes:
        marker = (change.action == "delete", change.kind)
        if marker != last:
            stages.append([])
            last = marker
        stages[-1].append(change)
    order = {kind: i for i, kind in enumerate(KINDS)}
    for stage in stages:
        stage.sort(key=lambda c: (order[c.kind], c.dataset or "", c.key))
    return stages


def _panel_identity(panel: Mapping[str, Any]) -> str:
    return canonical({k: panel.get(k) for k in ("dataset", "query", "annotation")})


def _reusable_panels(current: PortableObject | None) -> dict[str, dict[str, str]]:
    """The target board's query panels by content, with their query and annotation ids."""
    if current is None:
        return {}
    out: dict[str, dict[str, str]] = {}
    panels = current.spec.get("panels") or []
    for panel, found in zip(panels, current.ids.get("panels") or [], strict=False):
        if panel.get("type") == "query" and found.get("query_id"):
            out.setdefault(
                _panel_identity(panel),
                {
                    "dataset": str(panel.get("dataset") or ""),
                    "query_id": str(found["query_id"]),
                    "query_annotation_id": str(found.get("query_annotation_id") or ""),
                },
            )
    return out


# The resource group of each kind written through ``create(dataset, body)``,
# ``update(dataset, id, body)`` and ``delete(dataset, id)``.
_GROUPS = {
    "column": "columns",
    "calculated_field": "calculated_fields",
    "slo": "slos",
    "burn_alert": "burn_alerts",
    "trigger": "triggers",
    "marker_setting": "marker_settings",
    "query_annotation": "query_annotations",
}


def _group(c: AsyncClient, kind: str) -> Any:
    return getattr(c, _GROUPS[kind])
