"""The link stage on a graph built from the seeds by the real pipeline."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from graph_builder.build import build
from graph_builder.link import link
from graph_builder.links import digital_library_url, links_graph, select, undocs_url
from graph_builder.store import OxigraphGraphStore, open_store
from tests.conftest import SEEDS, OxigraphServer
from tests.link.conftest import authority_symbols


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphGraphStore]:
    with open_store(tmp_path_factory.mktemp("seeds") / "store") as store:
        summary = build([SEEDS], store)
        assert summary.documents == 2
        yield store


def test_every_symbol_of_the_seeds_gets_a_page_per_language(
    built: OxigraphGraphStore, wikidata: OxigraphServer, tmp_path: Path
) -> None:
    report = link(built, endpoint=wikidata.query, cache=tmp_path)
    symbols = {
        str(s)
        for (s,) in select(
            built,
            """SELECT DISTINCT ?s WHERE { GRAPH ?g {
                 ?d <https://w3id.org/unkg/ontology#symbol> ?s } }""",
        )
    }
    assert "A/RES/59/159" in symbols
    assert len(symbols) > 5  # the resolution and what it cites
    pages = {
        str(o)
        for (o,) in select(
            built,
            f"""SELECT ?o WHERE {{ GRAPH {links_graph().n3()} {{
                  ?s <http://www.w3.org/2000/01/rdf-schema#seeAlso> ?o }} }}""",
        )
    }
    named = authority_symbols()
    for symbol in symbols:
        assert digital_library_url(symbol) in pages
        if symbol in named and undocs_url(symbol, None) in pages:
            continue  # named by the authority data only: the page in the reader's language
        # both seed texts cite what the resolution cites, so both languages are held
        assert undocs_url(symbol, "en") in pages or undocs_url(symbol, "fr") in pages
    assert undocs_url("A/RES/59/159", "fr") in pages
    assert undocs_url("A/RES/59/159", "en") in pages
    assert report.links.documents >= len(symbols)
    assert report.enrichment is not None
    assert report.enrichment.failures == []
    # A/RES/59/159 and the S/RES/1373 (2001) it cites are in the Wikidata-shaped fixture
    assert report.enrichment.matched == 2
