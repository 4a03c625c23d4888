"""Real documents: golden graphs of the seeds, the French+English merge, corpus conformance."""

from __future__ import annotations

import dataclasses
import functools
from datetime import datetime, timezone
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import DCTERMS, RDF

from graph_builder.emit import emit_document, to_rdflib
from graph_builder.errors import InputError
from graph_builder.model import Document
from graph_builder.namespaces import ELI, PREFIXES, UNKG
from graph_builder.parse import parse_file
from graph_builder.validate import document_report, reference_report
from tests.graph.rdfdiff import assert_isomorphic, union

REPO = Path(__file__).resolve().parents[2]
SEEDS = sorted((REPO / "seeds").glob("*.txt"))
CORPUS = sorted((REPO / "tests" / "data" / "corpus").glob("*.txt"))
GOLDEN = REPO / "tests" / "golden"
BUILT = datetime(2026, 1, 1, tzinfo=timezone.utc)
VERSION = "golden"  # a fixed parser version, so a release does not change golden graphs
RES = rdflib.URIRef("https://w3id.org/unkg/id/A/RES/59/159")
# Documents the parser currently gets wrong; strict, so a fix shows up as a failure here.
KNOWN_BAD: dict[str, str] = {}


@functools.cache
def _parsed(path: Path) -> tuple[Document, ...]:
    docs = parse_file(path)
    relative = path.relative_to(REPO).as_posix()
    return tuple(
        dataclasses.replace(d, source=dataclasses.replace(d.source, path=relative)) for d in docs
    )


def parse(path: Path) -> list[Document]:
    """Parsed documents with their source path relative to the repository."""
    return list(_parsed(path))


def graph_of(doc: Document) -> rdflib.Graph:
    graph = union(to_rdflib(emit_document(doc, built_at=BUILT, parser_version=VERSION)))
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace._NS if isinstance(namespace, type) else namespace)
    return graph


def test_seeds_collected() -> None:
    assert [p.name for p in SEEDS] == ["A-RES-59-159.en.txt", "A-RES-59-159.fr.txt"]
    assert len(CORPUS) == 30


@pytest.mark.parametrize("seed", SEEDS, ids=[p.stem for p in SEEDS])
def test_golden_graph(seed: Path, update_golden: bool) -> None:
    (doc,) = parse(seed)
    graph = graph_of(doc)
    doc_id, lang = seed.stem.rsplit(".", 1)
    golden = GOLDEN / f"{doc_id}.{lang}" / "graph.ttl"
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(graph.serialize(format="longturtle", canon=True), encoding="utf-8")
    expected = rdflib.Graph().parse(golden, format="turtle")
    assert_isomorphic(expected, graph, what=str(golden.relative_to(REPO)))


@pytest.mark.parametrize("seed", SEEDS, ids=[p.stem for p in SEEDS])
def test_seed_conforms(seed: Path) -> None:
    (doc,) = parse(seed)
    quads = emit_document(doc, built_at=BUILT)
    report = document_report(quads)
    assert report.conforms, report
    assert report == reference_report(quads)


@pytest.fixture(scope="module")
def merged() -> rdflib.Graph:
    docs = [d for seed in SEEDS for d in parse(seed)]
    assert sorted(d.language for d in docs) == ["en", "fr"]
    return union(to_rdflib([q for d in docs for q in emit_document(d, built_at=BUILT)]))


def test_french_and_english_are_one_resolution(merged: rdflib.Graph) -> None:
    assert len(list(merged.objects(RES, UNKG.symbol))) == 1
    assert {t.language for t in merged.objects(RES, DCTERMS.title)} == {"en", "fr"}
    operative = set(merged.subjects(RDF.type, UNKG.OperativeClause))
    assert len(operative) == 23
    for clause in operative:
        assert {t.language for t in merged.objects(clause, UNKG.text)} == {"en", "fr"}, clause
        assert len(list(merged.objects(clause, UNKG.number))) == 1, clause
    for prop in (ELI.passed_by, ELI.date_document, UNKG.meeting, UNKG.session, UNKG.aknWork):
        assert len(list(merged.objects(RES, prop))) == 1, prop


def test_merge_conforms() -> None:
    docs = [d for seed in SEEDS for d in parse(seed)]
    quads = [q for d in docs for q in emit_document(d, built_at=BUILT)]
    report = document_report(quads)
    assert report.conforms, report


def _corpus_documents() -> list[Document]:
    docs = []
    for path in CORPUS:
        try:
            docs += parse(path)
        except InputError:
            continue  # a file the parser refuses (truncated extracts) is not emitted
    return docs


def test_corpus_documents_conform() -> None:
    """Every corpus document the parser accepts gives a conforming graph, in both engines."""
    docs = _corpus_documents()
    assert len(docs) >= 30
    failures = {}
    for doc in docs:
        quads = emit_document(doc, built_at=BUILT)
        report = document_report(quads)
        assert report == reference_report(quads), doc.symbol
        if not report.conforms:
            failures[doc.symbol] = report.results
    assert set(failures) == set(KNOWN_BAD), failures


def test_seeds_with_the_authority_graph_conform() -> None:
    """With the vocabularies loaded, every action concept the seeds use has its labels."""
    from graph_builder.emit import authority_quads
    from graph_builder.validate import validate_quads

    docs = [d for seed in SEEDS for d in parse(seed)]
    quads = [q for d in docs for q in emit_document(d, built_at=BUILT)] + authority_quads()
    report = validate_quads(quads)
    assert report.conforms, report
