"""Validation of emitted graphs: both engines agree, failures name their source."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timezone
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph_builder.emit import emit_document, to_rdflib
from graph_builder.errors import ValidationError
from graph_builder.validate import (
    Validator,
    check,
    check_quads,
    document_report,
    ontology_quads,
    reference_report,
    validate,
)
from tests.graph.sample import sample_document

BUILT = datetime(2026, 1, 2, tzinfo=timezone.utc)
UNKG = "https://w3id.org/unkg/ontology#"


def quads(language: str = "en", **changes: object) -> list[ox.Quad]:
    doc = dataclasses.replace(sample_document(language), **changes)
    return emit_document(doc, built_at=BUILT)


def test_emitted_documents_conform_in_both_engines() -> None:
    for data in (quads("en"), quads("fr"), quads("en") + quads("fr")):
        fast, reference = document_report(data), reference_report(data)
        assert fast.conforms, fast
        assert reference.conforms, reference


def test_broken_document_fails_alike_in_both_engines() -> None:
    doc = sample_document()
    broken = dataclasses.replace(doc, title=None, operative=())
    data = emit_document(broken, built_at=BUILT)
    fast, reference = document_report(data), reference_report(data)
    assert not fast.conforms
    assert fast.results == reference.results
    assert any("dcterms:title" in line for line in fast.results)
    assert any("^eli:is_part_of" in line for line in fast.results)


def test_dataset_is_validated_as_one_graph() -> None:
    # The same clause given two English texts in two named graphs breaks sh:uniqueLang.
    en = quads("en")
    other = [
        ox.Quad(q.subject, q.predicate, ox.Literal("Other text.", language="en"), q.graph_name)
        for q in en
        if q.predicate.value == UNKG + "text" and q.subject.value.endswith("/op/1")
    ]
    renamed = [ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode("http://e/g")) for q in other]
    report = validate(to_rdflib([*en, *renamed, *ontology_quads()]))
    assert not report.conforms
    assert any("op/1: unkg:text" in line for line in report.results)


def test_check_names_the_source() -> None:
    data = emit_document(dataclasses.replace(sample_document(), operative=()), built_at=BUILT)
    with pytest.raises(ValidationError, match=r"^seeds/x\.txt: .*\^eli:is_part_of"):
        check_quads([*data, *ontology_quads()], source="seeds/x.txt")
    with pytest.raises(ValidationError, match=r"^seeds/x\.txt: "):
        check(to_rdflib([*data, *ontology_quads()]), source="seeds/x.txt")


def test_check_accepts_a_conforming_graph() -> None:
    check_quads([*quads(), *ontology_quads()], source="sample")
    check(to_rdflib([*quads(), *ontology_quads()]), source="sample")


def test_compiled_engine_refuses_constraints_it_does_not_implement(tmp_path: Path) -> None:
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(
        """
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix unkg: <https://w3id.org/unkg/ontology#> .
        unkg:XShape a sh:NodeShape ; sh:targetClass unkg:Clause ;
            sh:property [ sh:path unkg:text ; sh:minLength 3 ] .
        """,
        encoding="utf-8",
    )
    with pytest.raises(ValidationError, match="minLength"):
        Validator.load(shapes)


def test_ontology_quads_are_the_own_class_tree() -> None:
    tree = ontology_quads()
    assert tree
    assert all(q.object.value.startswith(UNKG) for q in tree)
    assert any(
        q.subject.value == UNKG + "Resolution" and q.object.value == UNKG + "Instrument"
        for q in tree
    )


def test_authority_graph_conforms_in_both_engines() -> None:
    from graph_builder.emit import authority_quads

    data = authority_quads()
    fast = Validator.load().validate_quads(data)
    assert fast.conforms, fast
    assert fast == validate(to_rdflib(data))
