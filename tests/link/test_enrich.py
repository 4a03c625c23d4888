"""Enrichment end to end against a real SPARQL server holding a Wikidata-shaped fixture."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph_builder.endpoint import SparqlClient
from graph_builder.enrich import enrich, enrichment_graph, symbols_query
from graph_builder.links import select
from tests.conftest import OxigraphServer, free_port
from tests.link.conftest import (
    Reply,
    ScriptedServer,
    authority_symbols,
    fixture_symbols,
    symbol_batch,
    wikidata_items,
)

GRAPH = enrichment_graph().n3()
WD = "http://www.wikidata.org/entity/"
ID = "https://w3id.org/unkg/id/"


def enrichment(store: ox.Store) -> set[tuple[str, str, str]]:
    """The enrichment triples that are not provenance, as plain strings."""
    rows = select(
        store,
        f"""SELECT ?s ?p ?o WHERE {{ GRAPH {GRAPH} {{ ?s ?p ?o }}
              FILTER(!isBlank(?s) && ?s != {GRAPH}) }}""",
    )
    return {(str(s), str(p), o.n3()) for s, p, o in rows}  # type: ignore[union-attr]


def test_enrichment_end_to_end(store: ox.Store, wikidata: OxigraphServer, tmp_path: Path) -> None:
    report = enrich(store, SparqlClient(wikidata.query, cache=tmp_path, retries=0))
    assert report.failures == []
    assert report.written
    assert (report.symbols, report.matched) == (len(fixture_symbols() | authority_symbols()), 2)
    assert report.items == wikidata_items() + 2  # and the 2 found by symbol
    found = enrichment(store)
    label = "http://www.w3.org/2000/01/rdf-schema#label"
    ga = {o for s, p, o in found if s == WD + "Q47423" and p == label}
    assert {o.rsplit("@", 1)[1] for o in ga} == {"ar", "zh", "en", "fr", "ru", "es"}
    assert '"联合国大会"@zh' in ga
    exact = "http://www.w3.org/2004/02/skos/core#exactMatch"
    assert (ID + "A/RES/59/159", exact, f"<{WD}Q999999901>") in found
    # Wikidata writes the symbol without the space the graph's normalised symbol has
    assert (ID + "S/RES/1373(2001)", exact, f"<{WD}Q999999902>") in found
    sg = {p.rsplit("/", 1)[1]: o for s, p, o in found if s == WD + "Q81066"}
    assert sg["P856"] == "<http://www.un.org/sg>"
    assert sg["P571"].startswith('"1945-06-26T00:00:00')


def test_every_query_is_recorded_with_endpoint_text_and_time(
    store: ox.Store, wikidata: OxigraphServer, tmp_path: Path
) -> None:
    report = enrich(store, SparqlClient(wikidata.query, cache=tmp_path), batch_size=10)
    rows = select(
        store,
        f"""PREFIX prov: <http://www.w3.org/ns/prov#>
            SELECT ?endpoint ?text ?time WHERE {{ GRAPH {GRAPH} {{
              {GRAPH} a prov:Entity ; prov:generatedAtTime ?stamp ; prov:wasGeneratedBy ?run .
              ?run a prov:Activity ; prov:used ?endpoint, ?query ; prov:endedAtTime ?time .
              ?query a prov:Entity ; prov:value ?text }} FILTER(isIRI(?endpoint)) }}""",
    )
    assert report.answers == 1 + -(-wikidata_items() // 10)  # symbols, items 10 at a time
    assert len(rows) == report.answers
    assert {str(endpoint) for endpoint, _, _ in rows} == {wikidata.query}
    texts = sorted(str(text) for _, text, _ in rows)
    assert texts[0].startswith("SELECT ?item ?property ?value")
    assert "VALUES ?item" in texts[0]
    assert any("wdt:P3069" in t or "P3069>" in t for t in texts)


def test_offline_rebuilds_the_same_enrichment_from_the_cache(
    store: ox.Store, wikidata: OxigraphServer, tmp_path: Path
) -> None:
    enrich(store, SparqlClient(wikidata.query, cache=tmp_path))
    online = enrichment(store)
    store.remove_graph(ox.NamedNode(str(enrichment_graph())))
    report = enrich(store, SparqlClient(wikidata.query, cache=tmp_path, offline=True))
    assert report.failures == []
    assert report.from_cache == report.answers > 0
    assert enrichment(store) == online


def test_nothing_cached_offline_keeps_the_previous_enrichment(
    store: ox.Store, tmp_path: Path
) -> None:
    previous = "<urn:x:s> <urn:x:p> <urn:x:o>"
    store.update(f"INSERT DATA {{ GRAPH {GRAPH} {{ {previous} }} }}")
    client = SparqlClient("http://127.0.0.1:9/sparql", cache=tmp_path / "empty", offline=True)
    report = enrich(store, client)
    assert not report.written
    symbols, items = (line.split(": ", 1)[0] for line in report.failures)
    assert symbols == symbol_batch()
    assert items.startswith("item batch 1/1 (wd:Q104842946, wd:Q1065, ")
    assert items.count("wd:Q") == wikidata_items()
    assert all("nothing cached" in line and "\n" not in line for line in report.failures)
    assert enrichment(store) == {("urn:x:s", "urn:x:p", "<urn:x:o>")}


def test_partial_writes_what_was_answered(
    store: ox.Store, wikidata: OxigraphServer, tmp_path: Path
) -> None:
    # Cache only the symbol look-up, then go offline: the item batch has no answer.
    online = SparqlClient(wikidata.query, cache=tmp_path)
    online.select(symbols_query(sorted(fixture_symbols() | authority_symbols())))
    offline = SparqlClient(wikidata.query, cache=tmp_path, offline=True)
    report = enrich(store, offline, partial=True)
    assert report.written
    assert len(report.failures) == 1
    assert report.failures[0].startswith("item batch 1/1")
    found = enrichment(store)
    assert (
        ID + "A/RES/59/159",
        "http://www.w3.org/2004/02/skos/core#exactMatch",
        f"<{WD}Q999999901>",
    ) in found


def test_an_item_the_endpoint_does_not_know_is_reported(
    store: ox.Store, wikidata: OxigraphServer, tmp_path: Path
) -> None:
    store.update(
        """INSERT DATA { GRAPH <urn:x:g> {
             <https://w3id.org/unkg/id/body/nowhere>
               <http://www.w3.org/2004/02/skos/core#exactMatch>
               <http://www.wikidata.org/entity/Q999999999> } }"""
    )
    report = enrich(store, SparqlClient(wikidata.query, cache=tmp_path))
    assert report.failures == [f"wd:Q999999999 (body/nowhere): no data at {wikidata.query}"]
    assert report.written  # the others were answered


def test_a_failing_batch_falls_back_to_its_stale_cached_answer(
    store: ox.Store, wikidata: OxigraphServer, tmp_path: Path
) -> None:
    real = SparqlClient(wikidata.query, cache=tmp_path / "real")
    enrich(store, real, batch_size=100)
    with ScriptedServer([Reply(500, b"down")]) as server:
        failing = SparqlClient(
            server.url, cache=tmp_path / "failing", retries=0, max_age=timedelta(0)
        )
        # The failing endpoint once gave the answers the real one gives now.
        assert real.cache is not None
        assert failing.cache is not None
        for entry in (tmp_path / "real").glob("*.json"):
            answer = json.loads(entry.read_text(encoding="utf-8"))
            when = datetime.fromisoformat(answer["fetched_at"])
            failing.cache.put(server.url, answer["query"], when, answer["body"].encode())
        report = enrich(store, failing, batch_size=100)
    assert report.written
    assert len(report.failures) == 2
    assert all("HTTP 500" in f and "used the answer cached" in f for f in report.failures)
    assert report.from_cache == 2


def test_no_server_reports_a_connection_failure(store: ox.Store, tmp_path: Path) -> None:
    client = SparqlClient(f"http://127.0.0.1:{free_port()}/sparql", retries=0, cache=tmp_path)
    report = enrich(store, client)
    assert not report.written
    assert report.failures
    assert all("cannot connect" in f for f in report.failures)


@pytest.mark.parametrize("size", [1, 3])
def test_batches_cover_every_symbol(
    store: ox.Store, wikidata: OxigraphServer, tmp_path: Path, size: int
) -> None:
    report = enrich(store, SparqlClient(wikidata.query, cache=tmp_path), batch_size=size)
    assert report.matched == 2
    assert report.failures == []
