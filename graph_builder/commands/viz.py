"""``unkg viz``: draw a view of the graph as one self-contained, offline HTML page."""

from __future__ import annotations

import argparse
from pathlib import Path

from graph_builder.commands._numbers import positive
from graph_builder.errors import InputError
from graph_builder.projections import VIEWS, build_view
from graph_builder.store import add_store_argument, open_store
from graph_builder.viz import DEFAULT_MAX_NODES, write_html

HELP = "Draw the graph as one interactive HTML page that works offline."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_store_argument(parser)
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="HTML file to write (default: out/<view>.html)"
    )
    parser.add_argument(
        "--view",
        choices=VIEWS,
        default="resolution",
        help="one resolution with its clauses (default), the citation network, or bodies",
    )
    parser.add_argument(
        "--instrument",
        metavar="SYMBOL_OR_IRI",
        help="instrument of the resolution view, e.g. A/RES/59/159 (needed when the store "
        "holds several)",
    )
    parser.add_argument("--lang", default="en", help="language of labels and texts (default: en)")
    parser.add_argument(
        "--max-nodes",
        type=positive(),
        default=DEFAULT_MAX_NODES,
        metavar="N",
        help=f"keep the N most central nodes (default: {DEFAULT_MAX_NODES})",
    )


def run(args: argparse.Namespace) -> int:
    with open_store(args.store, read_only=True) as store:
        view = build_view(store.pyoxigraph, args.view, instrument=args.instrument, lang=args.lang)
    output = Path(args.output) if args.output else Path("out") / f"{args.view}.html"
    try:
        page = write_html(view, output, max_nodes=args.max_nodes)
    except OSError as error:
        raise InputError(output, f"cannot write the page: {error.strerror}") from error
    left = page.trimmed.omitted_nodes
    note = f"; {left} less central nodes left out" if left else ""
    print(f"{output}: {page.nodes} nodes, {page.edges} edges ({args.view} view{note})")
    return 0
