"""The DASH-style cases in ``tests/shapes/*.test.ttl``, run through both validators.

Each file holds a data graph and a ``dash:GraphValidationTestCase`` whose
``dash:expectedResult`` is the report ``ontology/shapes.ttl`` must give: whether the data
conforms, and the focus node, path and severity of every result.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.namespace import RDF, SH

from graph_builder.validate import ValidationReport, compact, validate, validate_quads

CASES = sorted((Path(__file__).resolve().parents[1] / "shapes").glob("*.test.ttl"))
DASH = rdflib.Namespace("http://datashapes.org/dash#")


def test_cases_collected() -> None:
    assert len(CASES) == 17
    assert sum(1 for case in CASES if "conforms true" in case.read_text()) == 2


def _path(graph: rdflib.Graph, node: rdflib.term.Node) -> str:
    inverse = graph.value(node, SH.inversePath)
    return "^" + compact(str(inverse)) if inverse is not None else compact(str(node))


def _load(case: Path) -> tuple[rdflib.Graph, bool, set[tuple[str, str, str]]]:
    graph = rdflib.Graph().parse(case, format="turtle")
    test = graph.value(predicate=RDF.type, object=DASH.GraphValidationTestCase)
    report = graph.value(test, DASH.expectedResult)
    expected = {
        (
            str(graph.value(r, SH.resultSeverity)).rsplit("#", 1)[-1],
            compact(str(graph.value(r, SH.focusNode))),
            _path(graph, graph.value(r, SH.resultPath)),
        )
        for r in graph.objects(report, SH.result)
    }
    conforms = bool(graph.value(report, SH.conforms).toPython())
    # The data is everything but the test case and the report it describes.
    case_nodes, todo = {test}, [test]
    while todo:
        for child in graph.objects(todo.pop(), None):
            if isinstance(child, rdflib.BNode) and child not in case_nodes:
                case_nodes.add(child)
                todo.append(child)
    data = rdflib.Graph()
    for triple in graph:
        if triple[0] not in case_nodes:
            data.add(triple)
    return data, conforms, expected


def _found(report: ValidationReport) -> set[tuple[str, str, str]]:
    return {tuple(line.split(": ", 3)[:3]) for line in report.results}  # type: ignore[misc]


@pytest.mark.parametrize("case", CASES, ids=[c.name.removesuffix(".test.ttl") for c in CASES])
def test_reference_engine(case: Path) -> None:
    data, conforms, expected = _load(case)
    report = validate(data)
    assert report.conforms is conforms, report
    assert _found(report) == expected, report


@pytest.mark.parametrize("case", CASES, ids=[c.name.removesuffix(".test.ttl") for c in CASES])
def test_compiled_engine(case: Path) -> None:
    data, conforms, expected = _load(case)
    quads = ox.parse(data.serialize(format="nt"), format=ox.RdfFormat.N_TRIPLES)
    report = validate_quads(quads)
    assert report.conforms is conforms, report
    assert _found(report) == expected, report
