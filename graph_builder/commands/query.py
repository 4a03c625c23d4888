"""``unkg query``: run a named query (or a ``.rq`` file) on the store or a SPARQL endpoint."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from graph_builder.errors import QueryError
from graph_builder.query import FORMATS, load_library, load_query, run_query

HELP = "Run a named SPARQL query on the graph store or a SPARQL endpoint."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", nargs="?", help="a library query name or a .rq file")
    parser.add_argument(
        "--param",
        "-p",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a parameter value (repeatable); unset parameters take their defaults",
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--store",
        type=Path,
        metavar="DIR",
        help="the embedded store (default: $UNKG_STORE, else .unkg/store)",
    )
    where.add_argument("--endpoint", help="query URL of a SPARQL 1.1 server instead of the store")
    parser.add_argument("--user", help="user name for an endpoint with HTTP authentication")
    parser.add_argument("--password", help="its password")
    parser.add_argument("--format", "-f", choices=FORMATS, default="table")
    parser.add_argument("--library", help="folder of .rq files (default: queries/)")
    parser.add_argument("--list", action="store_true", help="list the library and exit")


def run(args: argparse.Namespace) -> int:
    if args.list:
        for name, q in load_library(args.library).items():
            defaults = " ".join(f"{p.name}={p.default}" for p in q.params)
            print(f"{name}\t{q.summary}" + (f"\t[{defaults}]" if defaults else ""))
        return 0
    if not args.query:
        raise QueryError("name a query (or use --list)")
    params: dict[str, str] = {}
    for item in args.param:
        name, equals, value = item.partition("=")
        if not equals or not name.strip():
            raise QueryError(f"--param {item!r}: write NAME=VALUE")
        params[name.strip()] = value
    query = load_query(args.query, library=args.library)
    result = run_query(
        query,
        params=params,
        store=args.store,
        endpoint=args.endpoint,
        user=args.user,
        password=args.password,
    )
    text = result.format(args.format)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0
