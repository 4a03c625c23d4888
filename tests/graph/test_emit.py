"""Emission of hand-built documents: IRIs, statements, languages and provenance."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timezone

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.namespace import DCTERMS, PROV, RDF, XSD

from graph_builder.emit import (
    authority_quads,
    document_graph,
    emit_document,
    to_rdflib,
)
from graph_builder.errors import InputError
from graph_builder.model import Citation
from graph_builder.namespaces import ELI, UNKG
from tests.graph.rdfdiff import union
from tests.graph.sample import sample_document

BUILT = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
ID = rdflib.Namespace("https://w3id.org/unkg/id/")
RES = ID["A/RES/59/159"]


def emitted(language: str = "en", **changes: object) -> rdflib.Graph:
    doc = dataclasses.replace(sample_document(language), **changes)
    return union(to_rdflib(emit_document(doc, built_at=BUILT)))


def test_every_quad_is_in_the_document_graph() -> None:
    doc = sample_document("fr")
    quads = emit_document(doc, built_at=BUILT)
    graph = document_graph(doc)
    assert graph.value == "https://w3id.org/unkg/id/graph/A/RES/59/159/fr"
    assert {q.graph_name for q in quads} == {graph}
    assert len(quads) == len(set(quads))


def test_instrument() -> None:
    g = emitted()
    assert (RES, RDF.type, UNKG.Resolution) in g
    assert g.value(RES, UNKG.symbol) == rdflib.Literal("A/RES/59/159")
    assert g.value(RES, ELI.passed_by) == ID["body/general-assembly"]
    assert (ID["body/general-assembly"], RDF.type, UNKG.Body) in g
    assert g.value(RES, ELI.date_document) == rdflib.Literal("2004-12-20", datatype=XSD.date)
    assert g.value(RES, UNKG.meeting).toPython() == 74
    assert g.value(RES, UNKG.session).toPython() == 59
    assert (
        str(g.value(RES, UNKG.aknWork)) == "/akn/un/statement/deliberation/un-ga/2004-12-20/59-159"
    )
    assert g.value(RES, UNKG.aknWork).datatype == XSD.anyURI
    assert g.value(RES, DCTERMS.title).language == "en"


def test_security_council_resolution() -> None:
    g = emitted(symbol="S/RES/1540 (2004)", organ=None, adopted_on=date(2004, 4, 28))
    res = ID["S/RES/1540(2004)"]
    assert g.value(res, UNKG.symbol) == rdflib.Literal("S/RES/1540 (2004)")
    assert g.value(res, ELI.passed_by) == ID["body/security-council"]
    assert str(g.value(res, UNKG.aknWork)).startswith(
        "/akn/un/statement/deliberation/un-sc/2004-04-28/1540-2004"
    )


def test_clauses() -> None:
    g = emitted()
    pre1, op1, op2 = RES + "/pre/1", RES + "/op/1", RES + "/op/2"
    assert (rdflib.URIRef(pre1), RDF.type, UNKG.PreambularClause) in g
    op1, op2, pre1 = rdflib.URIRef(op1), rdflib.URIRef(op2), rdflib.URIRef(pre1)
    assert (op1, RDF.type, UNKG.OperativeClause) in g
    assert g.value(op1, ELI.is_part_of) == RES
    assert g.value(op1, UNKG.position).toPython() == 1
    assert g.value(op1, UNKG.number).toPython() == 1
    assert g.value(op1, UNKG.leadingPhrase) == rdflib.Literal("Requests", lang="en")
    assert g.value(op1, UNKG.action) == ID["action/request"]
    assert g.value(op1, UNKG.addresses) == ID["body/secretary-general"]
    assert g.value(op1, UNKG.reportDueSession).toPython() == 60
    assert g.value(op1, UNKG.text).startswith("Requests the Secretary-General")
    assert g.value(pre1, UNKG.number) is None
    assert g.value(pre1, UNKG.mentionsDate) == rdflib.Literal("1991-12-18", datatype=XSD.date)


def test_subparagraphs_are_parts_of_their_clause() -> None:
    g = emitted()
    a = rdflib.URIRef(RES + "/op/2/a")
    b = rdflib.URIRef(RES + "/op/2/b")
    assert (a, RDF.type, UNKG.SubParagraph) in g
    assert g.value(a, ELI.is_part_of) == rdflib.URIRef(RES + "/op/2")
    assert [g.value(x, UNKG.position).toPython() for x in (a, b)] == [1, 2]
    assert [str(g.value(x, UNKG.label)) for x in (a, b)] == ["a", "b"]
    assert g.value(b, UNKG.text) == rdflib.Literal("to implement it;", lang="en")


def test_footnotes_and_citations() -> None:
    g = emitted()
    fn1, pre2 = rdflib.URIRef(RES + "/fn/1"), rdflib.URIRef(RES + "/pre/2")
    cited = ID["A/RES/55/2"]
    assert (fn1, RDF.type, UNKG.Footnote) in g
    assert g.value(fn1, UNKG.label) == rdflib.Literal("1")
    assert g.value(pre2, UNKG.hasFootnote) == fn1
    # clause level, through the footnote, and instrument level
    assert (pre2, ELI.cites, cited) in g
    assert (fn1, ELI.cites, cited) in g
    assert set(g.objects(RES, ELI.cites)) == {ID["A/RES/46/152"], cited, ID["A/59/205"]}
    # cited documents become typed nodes with their symbol
    assert (cited, RDF.type, UNKG.Resolution) in g
    assert (ID["A/59/205"], RDF.type, UNKG.Document) in g
    assert g.value(ID["A/59/205"], UNKG.symbol) == rdflib.Literal("A/59/205")


def test_own_symbol_is_not_a_citation() -> None:
    doc = sample_document()
    doc = dataclasses.replace(doc, citations=(Citation(doc.symbol, "title", doc.span),))
    g = union(to_rdflib(emit_document(doc, built_at=BUILT)))
    assert g.value(RES, ELI.cites) is None


def test_mentions_and_realization() -> None:
    g = emitted()
    declaration = ID["instrument/millennium-declaration"]
    assert (rdflib.URIRef(RES + "/pre/2"), UNKG.mentions, declaration) in g
    assert (declaration, RDF.type, UNKG.Instrument) in g
    assert g.value(declaration, UNKG.realizedBy) == ID["A/RES/55/2"]


def test_provenance() -> None:
    doc = sample_document("fr")
    g = union(to_rdflib(emit_document(doc, built_at=BUILT, parser_version="9.9")))
    graph = rdflib.URIRef(document_graph(doc).value)
    assert (graph, RDF.type, PROV.Entity) in g
    assert g.value(graph, PROV.generatedAtTime).toPython() == BUILT
    source = g.value(graph, PROV.wasDerivedFrom)
    assert str(g.value(source, UNKG.sha256)) == doc.source.sha256
    assert str(g.value(source, DCTERMS.identifier)) == doc.source.path
    activity = g.value(graph, PROV.wasGeneratedBy)
    agent = g.value(activity, PROV.wasAssociatedWith)
    assert str(agent).endswith("/software/unkg/9.9")


def test_build_time_defaults_to_now() -> None:
    before = datetime.now(timezone.utc)
    g = union(to_rdflib(emit_document(sample_document())))
    stamp = g.value(rdflib.URIRef(document_graph(sample_document()).value), PROV.generatedAtTime)
    assert stamp.toPython() >= before.replace(microsecond=0)


def test_base_is_configurable() -> None:
    doc = sample_document()
    quads = emit_document(doc, base="http://example.org/kg/", built_at=BUILT)
    subjects = {q.subject.value for q in quads}
    assert "http://example.org/kg/id/A/RES/59/159/op/1" in subjects
    assert not any(s.startswith("https://w3id.org/unkg/id/") for s in subjects)


def test_clause_iris_do_not_depend_on_language() -> None:
    en, fr = emitted("en"), emitted("fr")
    clauses = lambda g: set(g.subjects(ELI.is_part_of, None))  # noqa: E731
    assert clauses(en) == clauses(fr)


def test_language_neutral_statements_are_the_same_in_both_languages() -> None:
    """Everything about the instrument that carries no language tag is stated identically."""

    def neutral(g: rdflib.Graph) -> set[tuple[rdflib.term.Node, ...]]:
        return {
            (s, p, o)
            for s, p, o in g
            if str(s).startswith(str(RES)) and not (isinstance(o, rdflib.Literal) and o.language)
        }

    en, fr = emitted("en"), emitted("fr")
    assert neutral(en) == neutral(fr)
    assert len(neutral(en)) > 40


def test_french_and_english_meet_on_one_instrument() -> None:
    quads = emit_document(sample_document("en"), built_at=BUILT) + emit_document(
        sample_document("fr"), built_at=BUILT
    )
    dataset = to_rdflib(quads)
    assert len(list(dataset.graphs())) >= 3  # default graph and one per language
    g = union(dataset)
    assert (
        len(set(g.subjects(RDF.type, UNKG.Resolution))) == 3
    )  # itself and the two resolutions it cites
    op1 = rdflib.URIRef(RES + "/op/1")
    assert {t.language for t in g.objects(op1, UNKG.text)} == {"en", "fr"}
    assert {t.language for t in g.objects(RES, DCTERMS.title)} == {"en", "fr"}
    assert len(list(g.objects(op1, UNKG.position))) == 1


def test_bad_date_mention_names_the_file() -> None:
    doc = sample_document()
    bad = dataclasses.replace(doc.dates[0], value="18/12/1991")
    with pytest.raises(InputError, match=r"sample\.en\.txt"):
        emit_document(dataclasses.replace(doc, dates=(bad,)), built_at=BUILT)


def test_authority_quads_hold_the_ontology_and_vocabularies() -> None:
    quads = authority_quads()
    graphs = {q.graph_name.value for q in quads}
    assert graphs == {"https://w3id.org/unkg/id/graph/authority"}
    subjects = {q.subject.value for q in quads}
    assert str(UNKG.Resolution) in subjects
    assert "https://w3id.org/unkg/id/body/general-assembly" in subjects


def test_authority_quads_are_rebased() -> None:
    quads = authority_quads(base="http://example.org/kg/")
    subjects = {q.subject.value for q in quads if isinstance(q.subject, ox.NamedNode)}
    assert "http://example.org/kg/id/body/general-assembly" in subjects
    assert not any(s.startswith("https://w3id.org/unkg/id/") for s in subjects)
    assert str(UNKG.Resolution) in subjects  # the ontology keeps its own IRIs


def test_to_rdflib_keeps_terms() -> None:
    g = ox.NamedNode("http://e/g")
    quads = [
        ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal("x"), g),
        ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal(3), g),
        ox.Quad(ox.BlankNode("b"), ox.NamedNode("http://e/p"), ox.Literal("y", language="fr")),
    ]
    dataset = to_rdflib(quads)
    named = dataset.graph(rdflib.URIRef("http://e/g"))
    assert set(named.objects()) == {rdflib.Literal("x"), rdflib.Literal(3)}
    assert list(dataset.default_graph.objects()) == [rdflib.Literal("y", lang="fr")]


def test_build_time_is_written_in_canonical_utc() -> None:
    """Oxigraph gives dateTimes back with "Z"; emitting that form keeps files and store equal."""
    quads = emit_document(sample_document(), built_at=BUILT)
    stamps = {q.object.value for q in quads if q.predicate.value == str(PROV.generatedAtTime)}
    assert stamps == {"2026-01-02T03:04:05Z"}
