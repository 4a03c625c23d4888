"""Resolvable links for every symbol in the store, and the VoID link sets that count them."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import URIRef

from graph_builder.links import (
    digital_library_url,
    document_links,
    links_graph,
    refresh_links,
    select,
    undocs_url,
)
from tests.link.conftest import authority_links, authority_symbols

UNDOCS = [
    ("A/RES/59/159", "fr", "https://undocs.org/fr/A/RES/59/159"),
    ("S/RES/1373 (2001)", "en", "https://undocs.org/en/S/RES/1373(2001)"),
    ("A/RES/1514 (XV)", "ar", "https://undocs.org/ar/A/RES/1514(XV)"),
    ("A/RES/ES-10/1", "zh", "https://undocs.org/zh/A/RES/ES-10/1"),
    ("E/2004/30", "ru", "https://undocs.org/ru/E/2004/30"),
    ("A/C.3/59/L.1", "es", "https://undocs.org/es/A/C.3/59/L.1"),
]


@pytest.mark.parametrize(("symbol", "language", "url"), UNDOCS)
def test_undocs_url(symbol: str, language: str, url: str) -> None:
    assert undocs_url(symbol, language) == url


def test_undocs_knows_only_the_six_languages() -> None:
    with pytest.raises(ValueError, match="not a UN language"):
        undocs_url("A/RES/59/159", "de")


@pytest.mark.parametrize(
    ("symbol", "url"),
    [
        ("A/RES/59/159", "https://digitallibrary.un.org/search?p=A%2FRES%2F59%2F159"),
        ("S/RES/1373 (2001)", "https://digitallibrary.un.org/search?p=S%2FRES%2F1373%20%282001%29"),
    ],
)
def test_digital_library_url(symbol: str, url: str) -> None:
    assert digital_library_url(symbol) == url


def test_document_links_name_the_language_of_each_page() -> None:
    triples = document_links("S/RES/1373 (2001)", ["en", "fr", "xx"])
    pages = {str(o) for _, p, o in triples if p.endswith("seeAlso")}
    assert pages == {
        "https://undocs.org/en/S/RES/1373(2001)",
        "https://undocs.org/fr/S/RES/1373(2001)",
        digital_library_url("S/RES/1373 (2001)"),
    }
    assert {str(s) for s, p, _ in triples if p.endswith("seeAlso")} == {
        "https://w3id.org/unkg/id/S/RES/1373(2001)"
    }
    languages = {(str(s), str(o)) for s, p, o in triples if p.endswith("language")}
    assert ("https://undocs.org/fr/S/RES/1373(2001)", "fr") in languages


def links_of(store: ox.Store) -> set[tuple[str, str]]:
    rows = select(
        store,
        f"""SELECT ?s ?o WHERE {{ GRAPH {links_graph().n3()} {{
              ?s <http://www.w3.org/2000/01/rdf-schema#seeAlso> ?o }} }}""",
    )
    return {(str(s).rsplit("/id/", 1)[1], str(o)) for s, o in rows}


def test_every_symbol_held_or_cited_gets_its_links(store: ox.Store) -> None:
    summary = refresh_links(store)
    # Named only by the authority files (the resolution adopting a treaty): no language held,
    # so the undocs.org page that serves the reader's language.
    named = {
        (sym.replace(" ", ""), page)
        for sym in authority_symbols()
        for page in (f"https://undocs.org/{sym.replace(' ', '')}", digital_library_url(sym))
    }
    assert ("A/RES/58/4", "https://undocs.org/A/RES/58/4") in named
    assert links_of(store) == named | {
        ("A/RES/59/159", "https://undocs.org/en/A/RES/59/159"),
        ("A/RES/59/159", "https://undocs.org/fr/A/RES/59/159"),
        ("A/RES/59/159", digital_library_url("A/RES/59/159")),
        # cited in the French text only, so the French page
        ("S/RES/1373(2001)", "https://undocs.org/fr/S/RES/1373(2001)"),
        ("S/RES/1373(2001)", digital_library_url("S/RES/1373 (2001)")),
        # cited in both texts without a symbol of its own: the IRI gives it
        ("A/RES/46/152", "https://undocs.org/en/A/RES/46/152"),
        ("A/RES/46/152", "https://undocs.org/fr/A/RES/46/152"),
        ("A/RES/46/152", digital_library_url("A/RES/46/152")),
    }
    assert summary.documents == 3 + len(authority_symbols())


def void_counts(store: ox.Store) -> dict[tuple[str, str], int]:
    rows = select(
        store,
        """PREFIX void: <http://rdfs.org/ns/void#>
           SELECT ?target ?predicate ?n WHERE { GRAPH ?g {
             <https://w3id.org/unkg/id/dataset/unkg> void:subset ?set .
             ?set a void:Linkset ; void:objectsTarget ?target ; void:linkPredicate ?predicate ;
                  void:triples ?n ;
                  void:subjectsTarget <https://w3id.org/unkg/id/dataset/unkg> } }""",
    )
    return {(str(t).rsplit("/", 1)[1], str(p).rsplit("#", 1)[1]): int(str(n)) for t, p, n in rows}


def test_void_linksets_count_the_links_into_each_dataset(store: ox.Store) -> None:
    summary = refresh_links(store)
    # The seed's document pages, and the links of the authority files counted in Python.
    named = len(authority_symbols())
    expected = {("undocs", "seeAlso"): 5 + named, ("digital-library", "seeAlso"): 3 + named}
    expected |= {(name, p.rsplit("#", 1)[1]): n for (name, p), n in authority_links().items()}
    assert ("unbis", "exactMatch") in expected
    assert void_counts(store) == expected
    prefixes = {"seeAlso": "rdfs:"}
    assert summary.linksets == {
        f"{name} {prefixes.get(p, 'skos:')}{p}": n for (name, p), n in expected.items()
    }


def test_refreshing_twice_changes_nothing(store: ox.Store) -> None:
    refresh_links(store)
    first = set(store.quads_for_pattern(None, None, None, ox.NamedNode(str(links_graph()))))
    refresh_links(store)
    again = set(store.quads_for_pattern(None, None, None, ox.NamedNode(str(links_graph()))))
    assert first == again
    assert void_counts(store)[("undocs", "seeAlso")] == 5 + len(authority_symbols())


def test_links_follow_the_graph_when_a_text_goes(store: ox.Store) -> None:
    refresh_links(store)
    store.remove_graph(ox.NamedNode("https://w3id.org/unkg/id/graph/A/RES/59/159/en"))
    refresh_links(store)
    assert not {o for _, o in links_of(store) if "/en/" in o}
    assert void_counts(store)[("undocs", "seeAlso")] == 3 + len(authority_symbols())


def test_links_land_in_their_own_graph_only(store: ox.Store) -> None:
    before = {q for q in store if q.graph_name != ox.NamedNode(str(links_graph()))}
    refresh_links(store)
    after = {q for q in store if q.graph_name != ox.NamedNode(str(links_graph()))}
    assert before == after
    assert URIRef(str(links_graph())).endswith("/graph/links")


# rdflib's SPARQL engine warns about its own use of deprecated Dataset attributes.
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_rdflib_memory_store_gets_the_same_links(store: ox.Store) -> None:
    from graph_builder.store import open_memory_store

    data = store.dump(format=ox.RdfFormat.N_QUADS)
    with open_memory_store() as memory:
        memory.add_graphs(data, format=ox.RdfFormat.N_QUADS)
        expected = refresh_links(store)
        assert refresh_links(memory) == expected
        rows = select(memory, f"SELECT ?s ?o WHERE {{ GRAPH {links_graph().n3()} {{ ?s ?p ?o }} }}")
        assert len(rows) == len(
            set(store.quads_for_pattern(None, None, None, ox.NamedNode(str(links_graph()))))
        )
