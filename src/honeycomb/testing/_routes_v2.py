"""The v2 (team, JSON:API) endpoints: auth, API keys, environments, team markers, pipelines,
enhance indexer usage."""

from __future__ import annotations

import hashlib
import json
import string
from typing import Any

from honeycomb.testing._core import Checker, Ctx, Route, doc, empty
from honeycomb.testing._http import FakeResponse, conflict, jsonapi_error, not_found, unprocessable
from honeycomb.testing._routes_misc import paginate
from honeycomb.testing._state import (
    ALL,
    CONFIG_PERMISSIONS,
    Environment,
    Key,
    iso,
    slugify,
)

__all__ = ["ROUTES", "key_json", "new_environment"]

ENV_COLORS = (
    "blue", "green", "gold", "red", "purple", "lightBlue", "lightGreen", "lightGold",
    "lightRed", "lightPurple",
)  # fmt: skip


def _data(ctx: Ctx, kind: str, *, need_id: bool = False) -> tuple[dict[str, Any], Checker]:
    body = ctx.object_body()
    check = Checker(body, v2=True)
    data = check.object("data", required=True)
    check.done()
    assert data is not None
    sub = Checker(data, v2=True)
    sub.string("type", required=True, choices=(kind,))
    if need_id:
        found = sub.string("id", required=True, min_length=1)
        if found is not None and "ID" in ctx.params and found != ctx.params["ID"]:
            sub.add("id", "invalid", "must match the id in the path")
    return data, sub


# ------------------------------------------------------------------------------ auth


def get_v2_auth(ctx: Ctx) -> FakeResponse:
    key, team = ctx.key, ctx.team
    return doc(
        {
            "data": {
                "id": key.id,
                "type": "api-keys",
                "attributes": {
                    "name": key.name,
                    "key_type": "management",
                    "disabled": key.disabled,
                    "scopes": list(key.scopes),
                    "timestamps": {"created": key.created_at, "updated": key.updated_at},
                },
                "relationships": {"team": {"data": {"id": team.id, "type": "teams"}}},
            },
            "included": [
                {
                    "id": team.id,
                    "type": "teams",
                    "attributes": {"name": team.name, "slug": team.slug},
                }
            ],
        }
    )


# -------------------------------------------------------------------------- api keys


def key_json(ctx: Ctx, key: Key, *, secret: bool = False) -> dict[str, Any]:
    """A key as a JSON:API resource object."""
    if key.key_type == "ingest":
        permissions = {"create_datasets": bool(key.permissions.get("create_datasets", False))}
    else:
        permissions = {p: bool(key.permissions.get(p, False)) for p in CONFIG_PERMISSIONS}
    attributes: dict[str, Any] = {
        "key_type": key.key_type,
        "name": key.name,
        "disabled": key.disabled,
        "permissions": permissions,
        "timestamps": {"created": key.created_at, "updated": key.updated_at},
    }
    if secret:
        attributes["secret"] = key.secret
    return {
        "id": key.id,
        "type": "api-keys",
        "attributes": attributes,
        "relationships": {
            "environment": {"data": {"id": key.environment_id or "", "type": "environments"}}
        },
        "links": {"self": f"/2/teams/{ctx.team.slug}/api-keys/{key.id}"},
    }


def _check_permissions(check: Checker, attrs: dict[str, Any], key_type: str | None) -> None:
    permissions = check.object("permissions")
    if permissions is None:
        return
    allowed = ("create_datasets",) if key_type == "ingest" else CONFIG_PERMISSIONS
    sub = check.child(permissions, "permissions.")
    if sub is None:
        return
    for name, value in list(permissions.items()):
        if name not in CONFIG_PERMISSIONS:
            # Unknown names are ignored, as the API ignores unknown fields; known
            # configuration permissions on an ingest key are refused (below).
            del permissions[name]
        elif name not in allowed:
            sub.add(name, "invalid", f"is not a permission of a {key_type} key")
        elif not isinstance(value, bool):
            sub.add(name, "incorrect_type", "must be a boolean")


def list_keys(ctx: Ctx) -> FakeResponse:
    kind = ctx.request.param("filter[type]")
    if kind is not None and kind not in ("configuration", "ingest"):
        raise unprocessable(
            [
                {
                    "field": "filter[type]",
                    "code": "invalid",
                    "description": "filter[type]: must be configuration or ingest",
                }
            ],
            v2=True,
        )
    keys = [
        k
        for k in ctx.team.keys.values()
        if k.key_type != "management" and (kind is None or k.key_type == kind)
    ]
    items = [key_json(ctx, k) for k in keys]
    extra = {"filter[type]": kind} if kind else None
    page, next_link = paginate(ctx, items, f"/2/teams/{ctx.team.slug}/api-keys", extra)
    return doc({"data": page, "links": {"next": next_link}})


def _key(ctx: Ctx) -> Key:
    key = ctx.team.keys.get(ctx.params["ID"])
    if key is None or key.key_type == "management":
        raise not_found("API key", v2=True)
    return key


def get_key(ctx: Ctx) -> FakeResponse:
    return doc({"data": key_json(ctx, _key(ctx))})


def _random(ctx: Ctx, length: int) -> str:
    alphabet = string.ascii_lowercase + string.digits
    return "".join(ctx.state.random.choice(alphabet) for _ in range(length))


def create_key(ctx: Ctx) -> FakeResponse:
    _, check = _data(ctx, "api-keys")
    attrs = check.object("attributes", required=True)
    relationships = check.object("relationships", required=True)
    env_id = None
    key_type = None
    if attrs is not None:
        sub = check.child(attrs, "attributes.")
        if sub is not None:
            key_type = sub.string("key_type", required=True, choices=("ingest", "configuration"))
            sub.string("name", required=True, min_length=1, max_length=100)
            sub.boolean("disabled")
            _check_permissions(sub, attrs, key_type)
    if relationships is not None:
        env_rel = relationships.get("environment")
        env_data = env_rel.get("data") if isinstance(env_rel, dict) else None
        if not isinstance(env_data, dict) or not env_data.get("id"):
            check.add("relationships.environment", "missing", "an environment is required")
        else:
            env_id = str(env_data["id"])
            if env_id not in ctx.team.environments:
                check.add("relationships.environment", "invalid", f"environment {env_id} not found")
    check.done()
    assert attrs is not None and key_type is not None
    now = ctx.state.now_iso()
    prefix = "hcxik_" if key_type == "ingest" else "hcxlk_"
    key = Key(
        id=prefix + _random(ctx, 26),
        secret=_random(ctx, 32),
        key_type=key_type,
        name=attrs["name"],
        team_id=ctx.team.id,
        environment_id=env_id,
        created_at=now,
        updated_at=now,
        disabled=bool(attrs.get("disabled", False)),
        permissions=dict(attrs.get("permissions") or {}),
    )
    ctx.team.keys[key.id] = key
    return doc({"data": key_json(ctx, key, secret=True)}, 201)


def update_key(ctx: Ctx) -> FakeResponse:
    key = _key(ctx)
    _, check = _data(ctx, "api-keys", need_id=True)
    attrs = check.object("attributes", required=True)
    if attrs is not None:
        sub = check.child(attrs, "attributes.")
        if sub is not None:
            sub.string("name", min_length=1, max_length=100)
            sub.boolean("disabled")
            _check_permissions(sub, attrs, key.key_type)
    check.done()
    assert attrs is not None
    if "name" in attrs:
        key.name = attrs["name"]
    if "disabled" in attrs:
        key.disabled = bool(attrs["disabled"])
    if isinstance(attrs.get("permissions"), dict):
        key.permissions.update(attrs["permissions"])
    key.updated_at = ctx.state.now_iso()
    return doc({"data": key_json(ctx, key)})


def delete_key(ctx: Ctx) -> FakeResponse:
    key = _key(ctx)
    del ctx.team.keys[key.id]
    return empty()


# ---------------------------------------------------------------------- environments


def new_environment(
    ctx_state: Any, team_id: str, name: str, description: str = "", color: str = "blue"
) -> Environment:
    """A new, delete-protected environment."""
    now = ctx_state.now_iso()
    return Environment(
        id=ctx_state.new_id(prefix="hcaen_", length=26),
        team_id=team_id,
        name=name,
        slug=slugify(name),
        description=description,
        color=color,
        created_at=now,
        updated_at=now,
    )


def _env_json(ctx: Ctx, env: Environment) -> dict[str, Any]:
    return env.to_json(f"/2/teams/{ctx.team.slug}")


def list_envs(ctx: Ctx) -> FakeResponse:
    items = [_env_json(ctx, e) for e in ctx.team.environments.values()]
    page, next_link = paginate(ctx, items, f"/2/teams/{ctx.team.slug}/environments")
    return doc({"data": page, "links": {"next": next_link}})


def _env(ctx: Ctx) -> Environment:
    env = ctx.team.environments.get(ctx.params["ID"])
    if env is None:
        raise not_found("environment", v2=True)
    return env


def get_env(ctx: Ctx) -> FakeResponse:
    return doc({"data": _env_json(ctx, _env(ctx))})


def create_env(ctx: Ctx) -> FakeResponse:
    _, check = _data(ctx, "environments")
    attrs = check.object("attributes", required=True)
    if attrs is not None:
        sub = check.child(attrs, "attributes.")
        if sub is not None:
            sub.string("name", required=True, min_length=1, max_length=255)
            sub.string("description", max_length=255)
            sub.string("color", choices=ENV_COLORS)
    check.done()
    assert attrs is not None
    slug = slugify(attrs["name"])
    if any(e.slug == slug for e in ctx.team.environments.values()):
        raise conflict(f"an environment named '{attrs['name']}' already exists", v2=True)
    env = new_environment(
        ctx.state,
        ctx.team.id,
        attrs["name"],
        attrs.get("description", ""),
        attrs.get("color") or ENV_COLORS[len(ctx.team.environments) % len(ENV_COLORS)],
    )
    ctx.team.environments[env.id] = env
    return doc({"data": _env_json(ctx, env)}, 201)


def update_env(ctx: Ctx) -> FakeResponse:
    env = _env(ctx)
    _, check = _data(ctx, "environments", need_id=True)
    attrs = check.object("attributes", required=True)
    protected = None
    if attrs is not None:
        sub = check.child(attrs, "attributes.")
        if sub is not None:
            sub.string("description", max_length=255)
            sub.string("color", choices=ENV_COLORS)
            if "name" in attrs:
                sub.add("name", "invalid", "an environment cannot be renamed")
            settings = sub.object("settings")
            if settings is not None:
                inner = sub.child(settings, "settings.")
                if inner is not None:
                    protected = inner.boolean("delete_protected")
    check.done()
    assert attrs is not None
    if "description" in attrs:
        env.description = attrs["description"]
    if attrs.get("color"):
        env.color = attrs["color"]
    if protected is not None:
        env.delete_protected = protected
    env.updated_at = ctx.state.now_iso()
    return doc({"data": _env_json(ctx, env)})


def delete_env(ctx: Ctx) -> FakeResponse:
    env = _env(ctx)
    if env.delete_protected:
        raise conflict(
            "environment is delete protected; set settings.delete_protected=false first", v2=True
        )
    del ctx.team.environments[env.id]
    return empty()


# ---------------------------------------------------------------------- team markers


def _team_marker_json(ctx: Ctx, marker: dict[str, Any]) -> dict[str, Any]:
    attributes: dict[str, Any] = {
        k: marker[k]
        for k in ("start_time", "end_time", "message", "type", "url", "color")
        if k in marker
    }
    attributes["timestamps"] = {"created": marker["created_at"], "updated": marker["updated_at"]}
    dataset = marker["_dataset"]
    return {
        "id": marker["id"],
        "type": "markers",
        "attributes": attributes,
        "relationships": {
            "environment": {"data": {"id": marker["_environment"], "type": "environments"}},
            "dataset": {"data": None if dataset == ALL else {"id": dataset, "type": "datasets"}},
        },
        "links": {"self": f"/2/teams/{ctx.team.slug}/markers/{marker['id']}"},
    }


def _marker_target(ctx: Ctx, check: Checker, data: dict[str, Any]) -> tuple[Environment, str]:
    relationships = data.get("relationships")
    env_id = dataset = None
    if isinstance(relationships, dict):
        env_data = (relationships.get("environment") or {}).get("data") or {}
        ds_data = (relationships.get("dataset") or {}).get("data") or {}
        env_id = env_data.get("id") if isinstance(env_data, dict) else None
        dataset = ds_data.get("id") if isinstance(ds_data, dict) else None
    if not env_id:
        check.add("relationships.environment", "missing", "an environment is required")
    elif env_id not in ctx.team.environments:
        check.add("relationships.environment", "invalid", f"environment {env_id} not found")
    check.done()
    env = ctx.team.environments[str(env_id)]
    dataset = dataset or ALL
    if dataset != ALL and dataset not in env.datasets:
        raise not_found("dataset", v2=True)
    return env, str(dataset)


def _check_marker_attrs(check: Checker, attrs: dict[str, Any] | None, *, create: bool) -> None:
    if attrs is None:
        return
    sub = check.child(attrs, "attributes.")
    if sub is None:
        return
    sub.integer("start_time", required=create)
    sub.integer("end_time")
    for name in ("message", "type", "url"):
        sub.string(name)


def create_team_marker(ctx: Ctx) -> FakeResponse:
    from honeycomb.testing._routes_markers import marker_color

    data, check = _data(ctx, "markers")
    attrs = check.object("attributes", required=True)
    check.object("relationships", required=True)
    _check_marker_attrs(check, attrs, create=True)
    env, dataset = _marker_target(ctx, check, data)
    assert attrs is not None
    now = ctx.state.now_iso()
    marker: dict[str, Any] = {
        "id": ctx.state.new_id(),
        **{k: attrs[k] for k in ("start_time", "end_time", "message", "type", "url") if k in attrs},
        "color": marker_color(env, dataset, attrs.get("type")) or "",
        "created_at": now,
        "updated_at": now,
    }
    env.bucket("markers", dataset)[marker["id"]] = marker
    ctx.team.team_markers[marker["id"]] = {"_environment": env.id, "_dataset": dataset}
    return doc(
        {"data": _team_marker_json(ctx, {**marker, **ctx.team.team_markers[marker["id"]]})}, 201
    )


def update_team_marker(ctx: Ctx) -> FakeResponse:
    where = ctx.team.team_markers.get(ctx.params["ID"])
    env = ctx.team.environments.get(where["_environment"]) if where else None
    marker = (
        env.bucket("markers", where["_dataset"]).get(ctx.params["ID"]) if env and where else None
    )
    if marker is None or where is None:
        raise not_found("marker", v2=True)
    _, check = _data(ctx, "markers", need_id=True)
    attrs = check.object("attributes", required=True)
    _check_marker_attrs(check, attrs, create=False)
    check.done()
    assert attrs is not None
    for name in ("start_time", "end_time", "message", "type", "url"):
        if name in attrs:
            marker[name] = attrs[name]
    marker["updated_at"] = ctx.state.now_iso()
    return doc({"data": _team_marker_json(ctx, {**marker, **where})})


# ------------------------------------------------------------------------- pipelines


def _pipeline(ctx: Ctx) -> dict[str, Any]:
    pipeline = ctx.team.pipelines.get(ctx.params["pipeline"])
    if pipeline is None:
        raise not_found("pipeline", v2=True)
    return pipeline


def get_pipeline_configuration(ctx: Ctx) -> FakeResponse:
    pipeline = _pipeline(ctx)
    config = pipeline["configurations"].get(ctx.params["configuration"])
    if config is None:
        raise not_found("pipeline configuration", v2=True)
    configs = list(config.get("configs", []))
    kind = ctx.request.param("filter[kind]")
    if kind:
        configs = [c for c in configs if c.get("kind") == kind]
    body: dict[str, Any] = {
        "id": ctx.params["configuration"],
        "type": "pipeline_configuration",
        "links": {
            "self": f"/2/teams/{ctx.team.slug}/pipelines/{ctx.params['pipeline']}"
            f"/configurations/{ctx.params['configuration']}"
        },
        "attributes": {"configs": configs},
    }
    if config.get("rollout_id"):
        body["attributes"]["rolloutID"] = config["rollout_id"]
    etag = '"' + hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()[:32] + '"'
    if ctx.request.header("if-none-match") == etag:
        return FakeResponse(304, {"ETag": etag})
    response = doc(body)
    response.headers["ETag"] = etag
    return response


ROLLOUT_STATUSES = ("pending", "deploying", "live", "removing", "archived", "failed")


def update_rollout(ctx: Ctx) -> FakeResponse:
    pipeline = _pipeline(ctx)
    _, check = _data(ctx, "pipeline_configuration_rollout")
    found = check.string("id", required=True, min_length=1)
    if found is not None and found != ctx.params["rollout"]:
        check.add("id", "invalid", "must match the rollout id in the path")
    attrs = check.object("attributes", required=True)
    if attrs is not None:
        sub = check.child(attrs, "attributes.")
        if sub is not None:
            sub.string("status", required=True, choices=ROLLOUT_STATUSES)
    check.done()
    assert attrs is not None
    rollouts = pipeline.setdefault("rollouts", {})
    rollouts[ctx.params["rollout"]] = {"status": attrs["status"], "updated_at": ctx.state.now_iso()}
    return doc(
        {
            "data": {
                "id": ctx.params["rollout"],
                "type": "pipeline_configuration_rollout",
                "attributes": {"status": attrs["status"]},
            }
        }
    )


def _check_usage(check: Checker, usage: Any, prefix: str) -> None:
    sub = check.child(usage, prefix)
    if sub is None:
        return
    metrics = sub.array("resourceMetrics", required=True)
    for index, item in enumerate(metrics or []):
        inner = sub.child(item, f"resourceMetrics[{index}].")
        if inner is not None:
            inner.array("scopeMetrics", required=True)


def record_health(ctx: Ctx) -> FakeResponse:
    _pipeline(ctx)
    data, check = _data(ctx, "pipeline_usage")
    check.string("id")
    attrs = check.object("attributes")
    if attrs is not None:
        sub = check.child(attrs, "attributes.")
        if sub is not None and "usageData" in attrs:
            _check_usage(sub, attrs["usageData"], "usageData.")
    check.done()
    ctx.team.pipeline_health.append(
        {"pipeline_id": ctx.params["pipeline"], "received_at": iso(ctx.state.now()), **data}
    )
    return empty()


def record_enhance(ctx: Ctx) -> FakeResponse:
    data, check = _data(ctx, "enhance_indexer_usage")
    attrs = check.object("attributes", required=True)
    if attrs is not None:
        sub = check.child(attrs, "attributes.")
        if sub is not None:
            sub.string("s3Bucket", required=True, min_length=1)
            sub.string("s3FilePrefix")
            usage = sub.object("usageData", required=True)
            if usage is not None:
                _check_usage(sub, usage, "usageData.")
    check.done()
    ctx.team.enhance_usage.append({"received_at": iso(ctx.state.now()), **data})
    return empty()


def unsupported(ctx: Ctx) -> FakeResponse:  # pragma: no cover - defensive
    raise jsonapi_error(405, "method-not-allowed", "Method Not Allowed")


_KR, _KW = ("api-keys:read",), ("api-keys:write",)
_ER, _EW = ("environments:read",), ("environments:write",)
_TEAM = "/2/teams/{team}"

ROUTES = [
    Route("GET", "/2/auth", "getV2Auth", get_v2_auth, auth="management"),
    Route("GET", f"{_TEAM}/api-keys", "listApiKeys", list_keys, auth="management", scopes=_KR),
    Route("POST", f"{_TEAM}/api-keys", "createApiKey", create_key, auth="management", scopes=_KW),
    Route("GET", f"{_TEAM}/api-keys/{{ID}}", "getApiKey", get_key, auth="management", scopes=_KR),
    Route(
        "PATCH",
        f"{_TEAM}/api-keys/{{ID}}",
        "updateApiKey",
        update_key,
        auth="management",
        scopes=_KW,
    ),
    Route(
        "DELETE",
        f"{_TEAM}/api-keys/{{ID}}",
        "deleteApiKey",
        delete_key,
        auth="management",
        scopes=_KW,
    ),
    Route(
        "GET", f"{_TEAM}/environments", "listEnvironments", list_envs, auth="management", scopes=_ER
    ),
    Route(
        "POST",
        f"{_TEAM}/environments",
        "createEnvironment",
        create_env,
        auth="management",
        scopes=_EW,
    ),
    Route(
        "GET",
        f"{_TEAM}/environments/{{ID}}",
        "getEnvironment",
        get_env,
        auth="management",
        scopes=_ER,
    ),
    Route(
        "PATCH",
        f"{_TEAM}/environments/{{ID}}",
        "updateEnvironment",
        update_env,
        auth="management",
        scopes=_EW,
    ),
    Route(
        "DELETE",
        f"{_TEAM}/environments/{{ID}}",
        "deleteEnvironment",
        delete_env,
        auth="management",
        scopes=_EW,
    ),
    Route(
        "POST",
        f"{_TEAM}/markers",
        "createMarkerV2",
        create_team_marker,
        auth="management",
        scopes=("environments:read", "markers:write"),
    ),
    Route(
        "PATCH",
        f"{_TEAM}/markers/{{ID}}",
        "updateMarkerV2",
        update_team_marker,
        auth="management",
        scopes=("environments:read", "markers:write"),
    ),
    Route(
        "GET",
        f"{_TEAM}/pipelines/{{pipeline}}/configurations/{{configuration}}",
        "getPipelineConfiguration",
        get_pipeline_configuration,
        auth="management",
        scopes=("pipelines:read",),
    ),
    Route(
        "PATCH",
        f"{_TEAM}/pipelines/{{pipeline}}/rollouts/{{rollout}}",
        "updatePipelineConfigurationRollout",
        update_rollout,
        auth="management",
        scopes=("pipelines:write",),
    ),
    Route(
        "POST",
        f"{_TEAM}/pipelines/{{pipeline}}/health",
        "recordPipelineUsage",
        record_health,
        auth="management",
        scopes=("pipelines:write",),
    ),
    Route(
        "POST",
        f"{_TEAM}/enhance_indexer_usage",
        "recordEnhanceIndexerUsage",
        record_enhance,
        auth="management",
        scopes=("enhance:write",),
    ),
]
