"""The ontology, its shapes and the closed Python namespace agree with each other."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD

from graph_builder.namespaces import UNKG, VANN

REPO = Path(__file__).resolve().parents[2]
ONTOLOGY = REPO / "ontology"
NS = str(UNKG._NS)
HEADER = rdflib.URIRef("https://w3id.org/unkg/ontology")
# Own terms for which no standard term is close enough to align with.
UNALIGNED = {"meeting", "session", "leadingPhrase", "reportDueSession"}


def _tool(name: str):
    spec = importlib.util.spec_from_file_location(name, REPO / "tests" / "tools" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY / "unkg.ttl")


def _terms(graph: rdflib.Graph) -> set[str]:
    return {
        str(s)[len(NS) :]
        for s in graph.subjects()
        if isinstance(s, rdflib.URIRef) and s.startswith(NS)
    }


def test_header(ontology: rdflib.Graph) -> None:
    assert (HEADER, RDF.type, OWL.Ontology) in ontology
    for prop in (DCTERMS.title, DCTERMS.description, DCTERMS.creator, DCTERMS.license):
        assert ontology.value(HEADER, prop) is not None, prop
    assert ontology.value(HEADER, DCTERMS.modified).datatype == XSD.date
    assert ontology.value(HEADER, OWL.versionIRI) is not None
    assert ontology.value(HEADER, OWL.versionInfo) is not None
    assert str(ontology.value(HEADER, VANN.preferredNamespacePrefix)) == "unkg"
    assert str(ontology.value(HEADER, VANN.preferredNamespaceUri)) == NS


def test_every_term_is_documented_and_aligned(ontology: rdflib.Graph) -> None:
    terms = _terms(ontology)
    assert len(terms) == 43
    for name in sorted(terms):
        term = UNKG[name]
        langs = {label.language for label in ontology.objects(term, RDFS.label)}
        assert langs == {"en", "fr"}, name
        assert any(d.language == "en" for d in ontology.objects(term, SKOS.definition)), name
        assert ontology.value(term, RDFS.isDefinedBy) == HEADER, name
        aligned = [
            ontology.value(term, p)
            for p in (RDFS.subClassOf, RDFS.subPropertyOf, SKOS.exactMatch, SKOS.closeMatch)
        ]
        assert any(aligned) or name in UNALIGNED, f"{name} is aligned with nothing"


def test_python_terms_are_the_turtle_terms(ontology: rdflib.Graph) -> None:
    python = {name for name in UNKG.__annotations__ if not name.startswith("_")}
    assert python == _terms(ontology)


def test_namespace_module_is_generated_from_the_ontology() -> None:
    make = _tool("make_namespaces")
    assert make.render() == (REPO / "graph_builder" / "namespaces.py").read_text(encoding="utf-8")


def test_namespace_is_closed() -> None:
    with pytest.raises(AttributeError):
        _ = UNKG.resolution  # the class is Resolution


@pytest.mark.parametrize("name", ["unkg.ttl", "shapes.ttl"])
def test_files_are_canonical(name: str) -> None:
    canonical = _tool("canonical_turtle").canonical
    text = (ONTOLOGY / name).read_text(encoding="utf-8")
    assert canonical(text) == text, f"run python tests/tools/canonical_turtle.py ({name})"


def test_every_unkg_term_used_in_ontology_files_is_declared(ontology: rdflib.Graph) -> None:
    declared = _terms(ontology)
    files = sorted(ONTOLOGY.glob("vocab/*.ttl")) + sorted(ONTOLOGY.glob("authority/*.ttl"))
    files.append(ONTOLOGY / "shapes.ttl")
    assert len(files) >= 2
    used: dict[str, Path] = {}
    for path in files:
        graph = rdflib.Graph().parse(path)
        for triple in graph:
            for term in triple:
                if isinstance(term, rdflib.URIRef) and term.startswith(NS):
                    name = str(term)[len(NS) :]
                    if not name.endswith("Shape"):
                        used.setdefault(name, path)
    missing = {name: str(path) for name, path in used.items() if name not in declared}
    assert not missing


def test_shapes_name_their_terms() -> None:
    shapes = rdflib.Graph().parse(ONTOLOGY / "shapes.ttl")
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    properties = list(shapes.objects(None, sh.property))
    assert len(properties) >= 30
    for prop in properties:
        for key in (sh.name, sh.description, sh.message, sh.severity, RDFS.seeAlso):
            assert shapes.value(prop, key) is not None, (prop, key)
    for node in shapes.subjects(RDF.type, sh.NodeShape):
        assert str(node).startswith(NS)
        assert str(node).endswith("Shape")
