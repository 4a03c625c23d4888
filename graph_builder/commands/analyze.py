"""``unkg analyze``: network analytics (central bodies and instruments, citations,
communities), as text, CSV, or a GraphML/GEXF file for Gephi."""

from __future__ import annotations

import argparse
from pathlib import Path

from graph_builder.analyze import (
    EXPORT_FORMATS,
    analyze,
    entity_network,
    export,
    to_text,
    write_csv,
)
from graph_builder.errors import InputError
from graph_builder.store import add_store_argument, open_store

HELP = "Network analytics: central bodies and instruments, most cited, communities."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_store_argument(parser)
    parser.add_argument("--lang", default="en", help="language of labels (default: en)")
    parser.add_argument(
        "--top", type=int, default=10, metavar="N", help="rows per ranking (default: 10)"
    )
    parser.add_argument("--csv", metavar="DIR", help="also write one CSV per table into DIR")
    parser.add_argument(
        "--export", choices=EXPORT_FORMATS, help="write the network for Gephi in this format"
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="file for --export (default: out/network.<format>; the format follows a "
        ".graphml or .gexf suffix when --export is not given)",
    )


def run(args: argparse.Namespace) -> int:
    fmt = args.export
    if args.output and not fmt:
        fmt = Path(args.output).suffix.lstrip(".").lower()
        if fmt not in EXPORT_FORMATS:
            raise InputError(args.output, "name a .graphml or .gexf file, or give --export")
    with open_store(args.store, read_only=True) as store:
        network = entity_network(store.pyoxigraph, lang=args.lang)
    result = analyze(network, top=args.top)
    print(to_text(result), end="")
    if args.csv:
        for path in write_csv(result, args.csv):
            print(f"wrote {path}")
    if fmt:
        target = Path(args.output) if args.output else Path("out") / f"network.{fmt}"
        try:
            path = export(network, target, fmt=fmt)
        except OSError as error:
            raise InputError(target, f"cannot write: {error.strerror}") from error
        size = f"{network.number_of_nodes()} nodes, {network.number_of_edges()} edges"
        print(f"wrote {path} ({size})")
    return 0
