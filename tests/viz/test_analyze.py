"""``unkg analyze`` on the corpus: rankings, communities, CSV and Gephi exports."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from graph_builder.analyze import analyze, entity_network, export, write_csv
from graph_builder.store import open_store

ID = "https://w3id.org/unkg/id/"


@pytest.fixture(scope="module")
def network(corpus_store: Path) -> nx.MultiDiGraph:
    with open_store(corpus_store, read_only=True) as store:
        return entity_network(store.pyoxigraph)


def cited_by(corpus_store: Path) -> dict[str, set[str]]:
    """Which parsed instruments cite each instrument, read quad by quad (no SPARQL)."""
    import pyoxigraph as ox

    inner = ox.Store.read_only(str(corpus_store))
    cites = ox.NamedNode("http://data.europa.eu/eli/ontology#cites")
    part_of = ox.NamedNode("http://data.europa.eu/eli/ontology#is_part_of")
    parts = {q.subject for q in inner.quads_for_pattern(None, part_of, None, None)}
    found: dict[str, set[str]] = {}
    for q in inner.quads_for_pattern(None, cites, None, None):
        if q.subject not in parts and q.subject != q.object:
            found.setdefault(q.object.value, set()).add(q.subject.value)
    return found


def test_most_cited_resolutions_match_the_triples(
    network: nx.MultiDiGraph, corpus_store: Path
) -> None:
    result = analyze(network, top=5)
    expected = cited_by(corpus_store)
    assert len(result.most_cited) == 5
    for row in result.most_cited:
        assert row.cited_by == len(expected[row.iri])
        assert row.citing_clauses >= row.cited_by
    counts = [r.cited_by for r in result.most_cited]
    assert counts == sorted(counts, reverse=True)
    top_resolutions = max(
        len(v) for k, v in expected.items() if network.nodes.get(k, {}).get("kind") == "resolution"
    )
    assert counts[0] == top_resolutions


def test_rankings_hold_bodies_and_instruments(network: nx.MultiDiGraph) -> None:
    result = analyze(network, top=10)
    assert {r.kind for r in result.central_bodies} <= {"body", "group"}
    assert result.central_bodies[0].degree >= result.central_bodies[-1].degree
    assert ID + "body/general-assembly" in {r.iri for r in result.central_bodies}
    assert len(result.central_instruments) == 10
    assert all(r.kind != "body" for r in result.central_instruments)


def test_communities_cover_the_network_once(network: nx.MultiDiGraph) -> None:
    result = analyze(network)
    members = [m for c in result.communities for m in c.members]
    assert sorted(members) == sorted(network.nodes)
    assert len(result.communities) > 1
    sizes = [len(c.members) for c in result.communities]
    assert sizes == sorted(sizes, reverse=True)
    assert analyze(network).communities == result.communities  # seeded: runs repeat


def test_csv_tables_are_written(network: nx.MultiDiGraph, tmp_path: Path) -> None:
    files = write_csv(analyze(network, top=3), tmp_path / "csv")
    assert sorted(f.name for f in files) == [
        "central-bodies.csv", "central-instruments.csv", "communities.csv", "most-cited.csv"
    ]
    with (tmp_path / "csv" / "communities.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == network.number_of_nodes()
    with (tmp_path / "csv" / "most-cited.csv").open(encoding="utf-8") as handle:
        assert len(list(csv.DictReader(handle))) == 3


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_export_reads_back(network: nx.MultiDiGraph, tmp_path: Path, fmt: str) -> None:
    path = export(network, tmp_path / f"network.{fmt}", fmt=fmt)
    read: Any = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert read.number_of_nodes() == network.number_of_nodes()
    assert read.number_of_edges() == network.number_of_edges()
    some = next(iter(network.nodes))
    assert read.nodes[some]["label"] == network.nodes[some]["label"]
