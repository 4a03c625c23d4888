"""Time :func:`graph_builder.links.refresh_links` on a synthetic store; prints figures.

Run from the repository: ``.venv/bin/python -m tests.link.benchmark_links 20000`` (the number
of resolutions, each held in English and French and citing five others).
"""

from __future__ import annotations

import sys
import time

import pyoxigraph as ox

from graph_builder.links import refresh_links
from tests.link.conftest import load_authority

ONTOLOGY = "https://w3id.org/unkg/ontology#"
ID = "https://w3id.org/unkg/id/"
CITES = "http://data.europa.eu/eli/ontology#cites"


def synthetic_store(resolutions: int) -> ox.Store:
    """Resolutions A/RES/60/n in two language graphs, each citing five A/RES/59/m."""
    store = ox.Store()
    load_authority(store)
    lines = []
    for i in range(resolutions):
        doc = f"<{ID}A/RES/60/{i}>"
        for lang in ("en", "fr"):
            graph = f"<{ID}graph/A/RES/60/{i}/{lang}>"
            lines.append(f'{doc} <{ONTOLOGY}symbol> "A/RES/60/{i}" {graph} .')
            for k in range(1, 6):
                cited = f"<{ID}A/RES/59/{(i * 7 + k) % resolutions}>"
                lines.append(f"{doc} <{CITES}> {cited} {graph} .")
    store.bulk_load("\n".join(lines).encode(), format=ox.RdfFormat.N_QUADS)
    return store


def main(resolutions: int) -> None:
    store = synthetic_store(resolutions)
    started = time.perf_counter()
    summary = refresh_links(store)
    seconds = time.perf_counter() - started
    print(
        f"{resolutions} resolutions x 2 languages: {summary.documents} documents linked, "
        f"{sum(summary.linksets.values())} link triples counted, {seconds:.2f} s"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
