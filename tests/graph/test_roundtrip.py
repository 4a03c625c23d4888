"""Serialising the graph and reading it back gives the same graph."""

from __future__ import annotations

from datetime import datetime, timezone

import pyoxigraph as ox
import pytest
import rdflib

from graph_builder.emit import emit_document, to_rdflib
from tests.graph.rdfdiff import assert_isomorphic, union
from tests.graph.sample import sample_document

BUILT = datetime(2026, 1, 2, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def quads() -> list[ox.Quad]:
    return [
        q for lang in ("en", "fr") for q in emit_document(sample_document(lang), built_at=BUILT)
    ]


def _named(dataset: rdflib.Dataset) -> dict[str, rdflib.Graph]:
    graphs = {}
    for context in dataset.graphs():
        if len(context):
            graphs[str(context.identifier)] = context
    return graphs


@pytest.mark.parametrize("fmt", ["trig", "json-ld", "nquads"])
def test_dataset_round_trip(quads: list[ox.Quad], fmt: str) -> None:
    dataset = to_rdflib(quads)
    text = dataset.serialize(format=fmt)
    back = rdflib.Dataset().parse(data=text, format=fmt)
    expected, actual = _named(dataset), _named(back)
    assert sorted(expected) == sorted(actual)
    assert len(expected) == 2
    for name, graph in expected.items():
        assert_isomorphic(graph, actual[name], what=f"{fmt} {name}")


@pytest.mark.parametrize("fmt", ["turtle", "longturtle", "json-ld", "nt"])
def test_graph_round_trip(quads: list[ox.Quad], fmt: str) -> None:
    graph = union(to_rdflib(quads))
    text = graph.serialize(format=fmt)
    back = rdflib.Graph().parse(data=text, format="turtle" if fmt == "longturtle" else fmt)
    assert_isomorphic(graph, back, what=fmt)


@pytest.mark.parametrize(
    ("fmt", "name"), [(ox.RdfFormat.TRIG, "trig"), (ox.RdfFormat.N_QUADS, "nquads")]
)
def test_oxigraph_writer_agrees_with_the_conversion(
    quads: list[ox.Quad], fmt: ox.RdfFormat, name: str
) -> None:
    """Files written by Oxigraph read back into rdflib as the converted dataset."""
    text = ox.serialize(quads, format=fmt).decode("utf-8")
    back = rdflib.Dataset().parse(data=text, format=name)
    expected = _named(to_rdflib(quads))
    actual = _named(back)
    assert sorted(expected) == sorted(actual)
    for graph_name, graph in expected.items():
        assert_isomorphic(graph, actual[graph_name], what=f"oxigraph {name} {graph_name}")
