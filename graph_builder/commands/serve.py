"""``unkg serve``: a SPARQL 1.1 Protocol endpoint over the graph store."""

from __future__ import annotations

import argparse
from pathlib import Path

from graph_builder.commands._numbers import port, positive
from graph_builder.errors import EndpointError
from graph_builder.query import open_embedded
from graph_builder.serve import Endpoint, make_server
from graph_builder.store import add_store_argument

HELP = "Serve the graph store as a SPARQL 1.1 endpoint with a query page (read-only by default)."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_store_argument(parser)
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=port, default=7878, help="port (default 7878)")
    parser.add_argument(
        "--allow-update",
        action="store_true",
        help="accept SPARQL Update (refused with 403 otherwise)",
    )
    parser.add_argument(
        "--timeout", type=positive(float), default=30.0, help="seconds a query may run (default 30)"
    )
    parser.add_argument(
        "--max-rows",
        type=positive(int),
        default=10_000,
        help="most rows or triples in one answer (default 10000)",
    )
    parser.add_argument("--cors", action="store_true", help="allow cross-origin requests")
    parser.add_argument(
        "--allow-service",
        action="store_true",
        help="evaluate federated SERVICE clauses (refused by default: the server would fetch "
        "any address a query names)",
    )
    parser.add_argument("--library", type=Path, help="folder of example queries (default queries/)")
    parser.add_argument("--verbose", action="store_true", help="log every request")


def run(args: argparse.Namespace) -> int:
    store = open_embedded(args.store, read_only=not args.allow_update)
    endpoint = Endpoint(
        store,
        allow_update=args.allow_update,
        timeout=args.timeout,
        max_rows=args.max_rows,
        cors=args.cors,
        library=args.library,
        allow_service=args.allow_service,
    )
    try:
        server = make_server(endpoint, host=args.host, port=args.port)
    except OSError as error:
        where = f"{args.host}:{args.port}"
        raise EndpointError(f"cannot listen on {where}: {error.strerror}") from error
    server.httpd.verbose = args.verbose  # type: ignore[attr-defined]
    mode = "read-write" if args.allow_update else "read-only"
    print(
        f"SPARQL endpoint at {server.url} ({mode}); query page at {server.url[: -len('sparql')]}",
        flush=True,
    )
    try:
        server.httpd.serve_forever()
    finally:
        server.httpd.server_close()
        endpoint.close()
    return 0
