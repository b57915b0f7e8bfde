"""``python -m honeycomb.testing serve --port 8080``: run a fake Honeycomb API locally."""

from __future__ import annotations

import argparse
import sys

from honeycomb.testing._fake import FakeHoneycomb
from honeycomb.testing._server import FakeServer


def main(argv: list[str] | None = None) -> int:
    """Parse arguments and serve until interrupted.

    Args:
        argv: Command-line arguments (default: ``sys.argv[1:]``).

    Returns:
        The exit status.
    """
    parser = argparse.ArgumentParser(
        prog="python -m honeycomb.testing", description="A fake Honeycomb API, in memory."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve the fake API over HTTP")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8080, help="port (default 8080; 0 = any)")
    serve.add_argument("--team", default="fake-team", help="team slug")
    serve.add_argument("--query-polls", type=int, default=1, help="polls before results complete")
    serve.add_argument("--seed", type=int, default=None, help="seed for generated ids")
    args = parser.parse_args(argv)
    fake = FakeHoneycomb(team=args.team, query_polls=args.query_polls, seed=args.seed)
    server = FakeServer(fake.handle, args.host, args.port)
    print(f"Fake Honeycomb API at {server.url}", flush=True)
    print(f"  export HONEYCOMB_API_ENDPOINT={server.url}")
    print(f"  export HONEYCOMB_API_KEY={fake.api_key}")
    key_id, _, secret = fake.management_key.partition(":")
    print(f"  export HONEYCOMB_KEY_ID={key_id}")
    print(f"  export HONEYCOMB_KEY_SECRET={secret}")
    print(f"  ingest key: {fake.ingest_key}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
