"""Compare RDF graphs by isomorphism, with a readable diff of sorted N-Triples."""

from __future__ import annotations

import difflib

import rdflib
from rdflib.compare import graph_diff, isomorphic, to_isomorphic


def union(graph: rdflib.Graph | rdflib.Dataset) -> rdflib.Graph:
    """All triples of ``graph`` (every named graph of a dataset) in one graph."""
    if not isinstance(graph, rdflib.Dataset):
        return graph
    merged = rdflib.Graph()
    for s, p, o, _ in graph.quads((None, None, None, None)):
        merged.add((s, p, o))
    return merged


def ntriples(graph: rdflib.Graph) -> list[str]:
    """The graph's triples as sorted N-Triples lines."""
    return sorted(line for line in graph.serialize(format="nt").splitlines() if line.strip())


def assert_isomorphic(expected: rdflib.Graph, actual: rdflib.Graph, *, what: str) -> None:
    """Fail with the triples only one side has, unless the graphs are isomorphic."""
    if isomorphic(expected, actual):
        return
    _, only_expected, only_actual = graph_diff(to_isomorphic(expected), to_isomorphic(actual))
    diff = difflib.unified_diff(
        ntriples(only_expected), ntriples(only_actual), "expected", "actual", lineterm="", n=0
    )
    raise AssertionError(f"{what}: graphs differ\n" + "\n".join(diff))
