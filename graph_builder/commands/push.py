"""``unkg push``: load the built graph into any SPARQL 1.1 server."""

from __future__ import annotations

import argparse

from graph_builder.push import CHUNK, METHODS, push
from graph_builder.query import open_embedded
from graph_builder.store import add_store_argument

HELP = "Load every named graph of the store into a SPARQL 1.1 server (GSP or SPARQL Update)."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--endpoint", required=True, help="the server's SPARQL query URL")
    add_store_argument(parser)
    parser.add_argument(
        "--method",
        choices=METHODS,
        default="gsp",
        help="Graph Store Protocol PUT per graph (default) or SPARQL Update",
    )
    parser.add_argument(
        "--graph-store",
        help="Graph Store Protocol URL (default: /store beside an endpoint ending in /query)",
    )
    parser.add_argument(
        "--update-endpoint",
        help="SPARQL Update URL (default: /update beside "
        "an endpoint ending in /query, else the endpoint)",
    )
    parser.add_argument("--user", help="user name for HTTP basic or digest authentication")
    parser.add_argument("--password", help="its password")
    parser.add_argument(
        "--chunk",
        type=int,
        default=None,
        help=f"triples per request (default {CHUNK['gsp']} for gsp, {CHUNK['update']} for update)",
    )


def run(args: argparse.Namespace) -> int:
    store = open_embedded(args.store)
    total = 0

    def report(graph: str, count: int) -> None:
        print(f"{count:>9}  {graph}", flush=True)

    counts = push(
        store,
        args.endpoint,
        method=args.method,
        graph_store=args.graph_store,
        update_endpoint=args.update_endpoint,
        user=args.user,
        password=args.password,
        chunk=args.chunk,
        progress=report,
    )
    total = sum(counts.values())
    print(f"{total:>9}  triples in {len(counts)} graphs pushed to {args.endpoint}")
    return 0
