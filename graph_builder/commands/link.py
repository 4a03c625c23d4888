"""``unkg link``: resolvable links for every symbol, and enrichment from Wikidata."""

from __future__ import annotations

import argparse
import sys
from datetime import timedelta
from pathlib import Path

from graph_builder.commands._numbers import at_least, positive
from graph_builder.endpoint import USER_AGENT, WIKIDATA
from graph_builder.link import DEFAULT_CACHE, LinkReport, link
from graph_builder.store import add_store_argument, open_store

HELP = "Link every document symbol to undocs.org and the UN Digital Library; enrich from Wikidata."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_store_argument(parser)
    parser.add_argument(
        "--endpoint",
        default=WIKIDATA,
        metavar="URL",
        help=f"SPARQL endpoint to enrich from (default: {WIKIDATA})",
    )
    parser.add_argument(
        "--cache",
        type=Path,
        default=DEFAULT_CACHE,
        metavar="DIR",
        help=f"folder of cached answers (default: {DEFAULT_CACHE})",
    )
    parser.add_argument(
        "--offline", action="store_true", help="use cached answers only, never the network"
    )
    parser.add_argument(
        "--no-enrich", action="store_true", help="write the links only, ask no endpoint"
    )
    parser.add_argument(
        "--timeout",
        type=positive(float),
        default=60.0,
        metavar="S",
        help="seconds to wait for each answer (default: 60)",
    )
    parser.add_argument(
        "--retries",
        type=at_least(0),
        default=3,
        metavar="N",
        help="further tries after a timeout, 429 or 5xx (default: 3)",
    )
    parser.add_argument(
        "--max-age",
        type=positive(float),
        default=24.0,
        metavar="HOURS",
        help="reuse cached answers younger than this without asking (default: 24)",
    )
    parser.add_argument(
        "--batch-size",
        type=positive(int),
        default=50,
        metavar="N",
        help="items or symbols per query (default: 50)",
    )
    parser.add_argument(
        "--partial",
        action="store_true",
        help="write the enrichment even if some batch got no answer (default: keep the old one)",
    )
    parser.add_argument(
        "--user-agent", default=USER_AGENT, metavar="TEXT", help="the User-Agent header to send"
    )


def run(args: argparse.Namespace) -> int:
    with open_store(args.store, create=False) as store:
        report = link(
            store,
            endpoint=None if args.no_enrich else args.endpoint,
            cache=args.cache,
            offline=args.offline,
            timeout=args.timeout,
            retries=args.retries,
            max_age=timedelta(hours=args.max_age),
            batch_size=args.batch_size,
            partial=args.partial,
            user_agent=args.user_agent,
        )
    print(summary(report))
    for failure in report.failures:
        print(f"unkg link: error: {failure}", file=sys.stderr)
    return 1 if report.failures else 0


def summary(report: LinkReport) -> str:
    """The lines ``unkg link`` prints on success."""
    sets = ", ".join(f"{name} {n}" for name, n in sorted(report.links.linksets.items()))
    lines = [f"links: {report.links.documents} documents; link sets: {sets or 'none'}"]
    e = report.enrichment
    if e is not None:
        state = f"{e.triples} triples written" if e.written else "previous enrichment kept"
        lines.append(
            f"enrichment: {e.items} items, {e.symbols} symbols ({e.matched} matched), "
            f"{e.answers} answers ({e.from_cache} from cache); {state}"
        )
    return "\n".join(lines)
