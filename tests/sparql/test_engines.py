"""``unkg push`` and portability: after a push, every library query gives the same rows on the
embedded store, rdflib's in-memory store, a real oxigraph server and a real Virtuoso."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
import rdflib

from graph_builder.errors import EndpointError
from graph_builder.push import push
from graph_builder.query import Result, load_library, run_query
from graph_builder.remote import SparqlClient
from tests.conftest import QUERIES, OxigraphServer
from tests.sparql.conftest import Virtuoso

LIBRARY = {n: q for n, q in load_library(QUERIES).items() if not n.startswith("federated-")}
NAMES = sorted(LIBRARY)
COUNT_PER_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def test_library_collected() -> None:
    assert len(NAMES) == 18


def rows(result: Result) -> list[tuple[str, ...]]:
    """Rows as sortable N-Triples strings: the same multiset whatever the engine's tie order."""
    return sorted(tuple("" if t is None else t.n3() for t in row) for row in result.rows)


def graph_sizes(store: ox.Store) -> dict[str, int]:
    return {
        g.value: sum(1 for _ in store.quads_for_pattern(None, None, None, g))
        for g in store.named_graphs() if isinstance(g, ox.NamedNode)
    }


def server_sizes(url: str) -> dict[str, int]:
    result = SparqlClient(url, union_default_graph=False).query(COUNT_PER_GRAPH)
    return {str(g): int(n.toPython()) for g, n in result.rows if str(g).startswith("https://w3id")}


@pytest.fixture(scope="module")
def rdflib_dataset(seed_store: ox.Store) -> rdflib.Dataset:
    data = seed_store.dump(format=ox.RdfFormat.N_QUADS)
    dataset = rdflib.Dataset(default_union=True)
    dataset.parse(data=data, format="nquads")
    return dataset


@pytest.mark.parametrize("name", NAMES)
def test_same_rows_on_rdflib(name: str, seed_store: ox.Store,
                             rdflib_dataset: rdflib.Dataset) -> None:
    expected = rows(run_query(LIBRARY[name], store=seed_store))
    assert rows(run_query(LIBRARY[name], store=rdflib_dataset)) == expected


@pytest.mark.parametrize("name", NAMES)
def test_same_rows_on_oxigraph_server(name: str, seed_store: ox.Store,
                                      oxigraph_with_seed: OxigraphServer) -> None:
    expected = run_query(LIBRARY[name], store=seed_store)
    there = run_query(LIBRARY[name], endpoint=oxigraph_with_seed.query)
    assert there.variables == expected.variables
    assert there.rows == expected.rows


@pytest.mark.parametrize("name", NAMES)
def test_same_rows_on_virtuoso(name: str, seed_store: ox.Store,
                               virtuoso_with_seed: Virtuoso) -> None:
    expected = run_query(LIBRARY[name], store=seed_store)
    there = run_query(LIBRARY[name], endpoint=virtuoso_with_seed.sparql)
    assert there.variables == expected.variables
    assert rows(there) == rows(expected)


def test_push_counts_match_the_store(seed_store: ox.Store,
                                     oxigraph_server: OxigraphServer) -> None:
    sizes = graph_sizes(seed_store)
    for method in ("gsp", "update", "gsp"):  # pushing again replaces, never duplicates
        counts = push(seed_store, oxigraph_server.query, method=method, chunk=97)
        assert counts == sizes
        assert server_sizes(oxigraph_server.query) == sizes
    assert len(sizes) >= 3


def test_push_gsp_to_virtuoso(seed_store: ox.Store, virtuoso_with_seed: Virtuoso) -> None:
    sizes = graph_sizes(seed_store)
    counts = push(seed_store, virtuoso_with_seed.sparql, method="gsp",
                  graph_store=virtuoso_with_seed.graph_store, chunk=200)
    assert counts == sizes
    assert server_sizes(virtuoso_with_seed.sparql) == sizes


def test_push_with_digest_authentication(seed_store: ox.Store, virtuoso: Virtuoso) -> None:
    with pytest.raises(EndpointError, match=r"sparql-graph-crud-auth.*HTTP 401"):
        push(seed_store, virtuoso.sparql, graph_store=virtuoso.graph_store_auth)
    counts = push(seed_store, virtuoso.sparql, graph_store=virtuoso.graph_store_auth,
                  user="dba", password="dba")
    assert counts == graph_sizes(seed_store)


def test_push_errors_name_the_endpoint(seed_store: ox.Store) -> None:
    with pytest.raises(EndpointError, match=r"^http://127\.0\.0\.1:9/update: cannot reach"):
        push(seed_store, "http://127.0.0.1:9/query", method="update")
    with pytest.raises(EndpointError, match="--graph-store"):
        push(seed_store, "http://127.0.0.1:9/sparql")
    with pytest.raises(EndpointError, match="not an http"):
        push(seed_store, "ftp://example.org/sparql", method="update")


def test_refused_update_is_one_line(seed_store: ox.Store, oxigraph_server: OxigraphServer) -> None:
    with pytest.raises(EndpointError) as caught:
        push(seed_store, oxigraph_server.query, method="update",
             update_endpoint=oxigraph_server.query)
    assert str(caught.value).startswith(oxigraph_server.query)
    assert "\n" not in str(caught.value)


def test_a_query_the_server_rejects_is_one_line(oxigraph_server: OxigraphServer) -> None:
    client = SparqlClient(oxigraph_server.query)
    with pytest.raises(EndpointError) as caught:
        client.query("SELECT * WHERE { ?s ?p }")
    message = str(caught.value)
    assert message.startswith(f"{oxigraph_server.query}: HTTP 400: ")
    assert "\n" not in message


def test_construct_answers_come_back_as_triples(oxigraph_with_seed: OxigraphServer) -> None:
    result = SparqlClient(oxigraph_with_seed.query).query(
        "CONSTRUCT { ?c <urn:x:text> ?t } WHERE { ?c <https://w3id.org/unkg/ontology#text> ?t }"
    )
    assert result.variables == ("subject", "predicate", "object")
    assert len(result.rows) >= 78
    assert {str(p) for _, p, _ in result.rows} == {"urn:x:text"}
