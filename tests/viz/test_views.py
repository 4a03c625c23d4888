"""The networkx views of the graph match what the triples say, counted independently."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graph_builder.errors import QueryError
from graph_builder.projections import (
    RELATION_PROPERTIES,
    bodies_view,
    build_view,
    citation_view,
    resolution_view,
    resolve_instrument,
)
from graph_builder.store import open_store

SEED = "A/RES/59/159"
ID = "https://w3id.org/unkg/id/"


@pytest.fixture(scope="module")
def seed(seed_store: Path) -> Any:
    with open_store(seed_store, read_only=True) as store:
        yield store.pyoxigraph


def test_resolution_view_holds_exactly_the_expected_nodes_and_edges(
    seed: Any, seed_store: Path, expected_view: Any
) -> None:
    view = resolution_view(seed, ID + SEED)
    nodes, edges = expected_view(seed_store, ID + SEED)
    drawn = {(s, RELATION_PROPERTIES[r], o) for s, o, r in view.edges(keys=True)}
    assert set(view.nodes) == nodes
    assert drawn == edges
    assert len(nodes) > 15
    assert len(edges) > 15


def test_every_node_is_described_in_the_chosen_language(seed: Any) -> None:
    english = resolution_view(seed, ID + SEED, lang="en")
    french = resolution_view(seed, ID + SEED, lang="fr")
    assert all(data["kind"] and data["label"] for _, data in english.nodes(data=True))
    leads = {
        lang: {data.get("lead") for _, data in view.nodes(data=True)
               if data["kind"] == "operative"}
        for lang, view in (("en", english), ("fr", french))
    }
    assert "Requests" in leads["en"]
    assert "Prie" in leads["fr"]
    clause = next(n for n, d in english.nodes(data=True) if d["kind"] == "operative")
    assert english.nodes[clause]["text"] != french.nodes[clause]["text"]
    assert english.graph["kind_labels"]["operative"] != french.graph["kind_labels"]["operative"]


def test_clause_labels_carry_number_and_leading_phrase(seed: Any) -> None:
    view = resolution_view(seed, ID + SEED)
    first = view.nodes[ID + SEED + "/op/1"]
    assert first["kind"] == "operative"
    assert first["number"] == 1
    assert first["label"] == f"op 1 · {first['lead']}"
    assert first["text"].startswith(first["lead"])


def test_citation_view_has_instrument_level_citations(seed: Any) -> None:
    view = citation_view(seed)
    assert ID + SEED in view
    cited = {o for s, o, r in view.edges(keys=True) if r == "cites" and s == ID + SEED}
    assert ID + "A/RES/46/152" in cited
    assert all(view.nodes[n]["kind"] != "operative" for n in view)


def test_bodies_view_links_the_general_assembly(seed: Any) -> None:
    view = bodies_view(seed)
    assert view.has_edge(ID + SEED, ID + "body/general-assembly", key="passed_by")
    assert any(r == "addresses" for *_, r in view.edges(keys=True))
    assert {view.nodes[n]["kind"] for n in view} >= {"body", "resolution"}


@pytest.mark.parametrize(
    ("name", "found"),
    [(SEED, ID + SEED), ("a/res/59/159", ID + SEED), (ID + SEED, ID + SEED), (None, ID + SEED)],
)
def test_instrument_is_resolved_from_symbol_or_iri(seed: Any, name: str | None, found: str) -> None:
    assert resolve_instrument(seed, name) == found


def test_unknown_instrument_names_what_the_store_holds(seed: Any) -> None:
    with pytest.raises(QueryError, match=r"A/RES/1/1.*the store holds A/RES/59/159"):
        build_view(seed, "resolution", instrument="A/RES/1/1")


def test_unknown_view_is_refused(seed: Any) -> None:
    with pytest.raises(QueryError, match="choose one of resolution, citations, bodies"):
        build_view(seed, "everything")
