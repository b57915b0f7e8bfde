"""``honeycomb api METHOD PATH``: any request with the profile's credentials, like ``gh api``.

The response body is written to stdout exactly as it came. ``/2/...`` paths carry the
management key, others the configuration key; ``{team}`` in the path becomes the team's
slug. A status of 400 or more prints the body all the same and exits 1.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from honeycomb.cli.context import CliError, current

app = typer.Typer(add_completion=False)

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD")


@app.command("api")
def api(
    method: Annotated[str, typer.Argument(help="GET, POST, PUT, PATCH, DELETE or HEAD.")],
    path: Annotated[
        str, typer.Argument(help="e.g. /1/auth, /1/triggers/web, /2/teams/{team}/environments.")
    ],
    file: Annotated[
        str | None,
        typer.Option("--file", "-f", help="Request body: a JSON or YAML file, or - for stdin."),
    ] = None,
    field: Annotated[
        list[str] | None,
        typer.Option(
            "--field",
            "-F",
            help="key=value (repeatable): the JSON body, or query parameters for GET/DELETE. "
            "JSON values are typed (3, true, null); dotted keys nest.",
        ),
    ] = None,
    header: Annotated[
        list[str] | None, typer.Option("--header", "-H", help="Extra header 'Name: value'.")
    ] = None,
    include: Annotated[
        bool, typer.Option("--include", "-i", help="Print the status line and headers first.")
    ] = False,
) -> None:
    """Send a request to the Honeycomb API and print the raw response."""
    from honeycomb._config import AuthKind
    from honeycomb.cli.inputs import parse_fields, read_document

    verb = method.upper()
    if verb not in METHODS:
        raise typer.BadParameter(
            f"{method!r} is not one of {', '.join(METHODS)}", param_hint="METHOD"
        )
    if not path.startswith("/"):
        path = "/" + path
    fields = parse_fields(field or [])
    body: Any = read_document(file) if file is not None else None
    params: dict[str, Any] | None = None
    if fields:
        if verb in ("GET", "DELETE", "HEAD"):
            params = {k: v if isinstance(v, str) else json.dumps(v) for k, v in fields.items()}
        elif body is None:
            body = fields
        elif isinstance(body, dict):
            body = {**body, **fields}
        else:
            raise CliError("--field needs the -f body to be a JSON object")
    headers: dict[str, str] = {}
    for line in header or []:
        name, sep, value = line.partition(":")
        if not sep or not name.strip():
            raise CliError(f"--header {line!r} is not 'Name: value'")
        headers[name.strip()] = value.strip()

    cli = current()
    requester = cli.client._requester
    if "{team}" in path:
        path = path.replace("{team}", requester.team_slug())
    auth: AuthKind = "management" if path.startswith("/2/") else "config"
    # The pipeline picks the media types by path (JSON:API for /2), as for every call.
    request = requester.build(verb, path, params=params, json=body, headers=headers, auth=auth)
    import httpx

    try:
        response = requester.http.send(request)
    except httpx.HTTPError as err:
        raise CliError(f"{verb} {path}: no response ({type(err).__name__}: {err})") from None
    from honeycomb._logging import logger, redact_headers

    logger.debug(
        "%s %s -> %d; request headers %s",
        request.method,
        request.url,
        response.status_code,
        redact_headers(request.headers.multi_items()),
    )
    if include:
        cli.write(f"HTTP/1.1 {response.status_code} {response.reason_phrase}\n")
        for name, value in redact_headers(response.headers.multi_items()).items():
            cli.write(f"{name}: {value}\n")
        cli.write("\n")
    text = response.text
    if text:
        cli.write(text if text.endswith("\n") else text + "\n")
    if response.status_code >= 400:
        raise typer.Exit(1)
