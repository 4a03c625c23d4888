"""Every external identifier in ontology/authority has a recorded source and a known record."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from tests.conftest import ONTOLOGY

ID = "https://w3id.org/unkg/id/"
#: How records point outside: identity or mapping, a page, a notation of another scheme.
MAPPINGS = (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch)
REALIZED_BY = URIRef("https://w3id.org/unkg/ontology#realizedBy")
EXTERNAL = (OWL.sameAs, *MAPPINGS, RDFS.seeAlso, SKOS.notation, REALIZED_BY)
WIKIDATA = "http://www.wikidata.org/entity/Q"
UNBIS = "http://metadata.un.org/thesaurus/"
#: The files of datasets described with VoID, not identifiers of records.
NOT_IDENTIFIERS = {"datasets.ttl"}


def authority_files() -> list[Path]:
    return sorted(
        p for p in (ONTOLOGY / "authority").glob("*.ttl") if p.name not in NOT_IDENTIFIERS
    )


def parse(paths: list[Path]) -> Graph:
    graph = Graph()
    for path in paths:
        graph.parse(path, format="turtle")
    return graph


def external_links(graph: Graph) -> set[tuple[URIRef, URIRef, object]]:
    return {
        (s, p, o)
        for p in EXTERNAL
        for s, o in graph.subject_objects(p)
        if isinstance(s, URIRef) and str(s).startswith(ID) and not str(s).startswith(ID + "link/")
    }


def test_the_authority_files_are_found() -> None:
    assert [p.name for p in authority_files()] == [
        "adoption.ttl", "treaties.ttl", "unbis.ttl", "wikidata.ttl"
    ]


def test_every_identifier_has_a_recorded_source() -> None:
    graph = parse(authority_files())
    links = external_links(graph)
    # 32 Wikidata items, 14 UNTC pages with their 14 MTDSG numbers, 33 UNBIS concepts,
    # 7 adopting resolutions
    assert len(links) == 100
    sourced = set()
    for statement in graph.subjects(RDF.type, RDF.Statement):
        source = graph.value(statement, DCTERMS.source)
        assert isinstance(source, URIRef), statement
        assert str(source).startswith("https://"), statement
        assert graph.value(statement, RDFS.comment), f"{statement}: say what the source shows"
        triple = (
            graph.value(statement, RDF.subject),
            graph.value(statement, RDF.predicate),
            graph.value(statement, RDF.object),
        )
        assert triple in graph, f"{statement} describes a link the file does not state"
        sourced.add(triple)
        identifier = graph.value(statement, DCTERMS.identifier)
        if identifier is not None:  # a notation is sourced through its page's statement
            notations = set(graph.objects(triple[0], SKOS.notation))
            assert any(str(n) == str(identifier) for n in notations), statement
            sourced |= {(triple[0], SKOS.notation, n) for n in notations}
    unsourced = links - sourced
    assert not unsourced, f"identifiers without a recorded source: {sorted(unsourced)}"


def test_each_file_links_to_one_scheme_by_skos_mappings() -> None:
    graph = parse(authority_files())
    assert not list(graph.subject_objects(OWL.sameAs))
    wikidata = parse([ONTOLOGY / "authority" / "wikidata.ttl"])
    assert {p for p in MAPPINGS if list(wikidata.subject_objects(p))} == {SKOS.exactMatch}
    for _, item in wikidata.subject_objects(SKOS.exactMatch):
        assert str(item).startswith(WIKIDATA)
    unbis = parse([ONTOLOGY / "authority" / "unbis.ttl"])
    for predicate in MAPPINGS:
        for topic, concept in unbis.subject_objects(predicate):
            assert str(topic).startswith(ID + "topic/")
            assert str(concept).startswith(UNBIS)
            assert str(concept)[len(UNBIS):].isdigit()
    # A topic maps to one concept, by one relation.
    topics = [t for p in MAPPINGS for t, _ in unbis.subject_objects(p)]
    assert len(topics) == len(set(topics)) > 0


def vocabulary_records() -> set[URIRef]:
    files = sorted((ONTOLOGY / "vocab").glob("*.ttl"))
    assert files, "ontology/vocab has no vocabulary"
    graph = parse(files)
    return {s for s in graph.subjects(SKOS.prefLabel) if isinstance(s, URIRef)}


def test_every_record_named_exists_in_the_vocabulary() -> None:
    records = {s for s, _, _ in external_links(parse(authority_files()))}
    known = vocabulary_records()
    missing = sorted(str(r) for r in records - known)
    assert not missing, f"records not in ontology/vocab: {missing}"


@pytest.mark.parametrize("path", authority_files(), ids=lambda p: p.name)
def test_authority_files_hold_no_labels(path: Path) -> None:
    graph = parse([path])
    for label in (SKOS.prefLabel, SKOS.altLabel, RDFS.label):
        assert not list(graph.subject_objects(label)), f"{path.name}: labels live in ontology/vocab"


def test_every_target_dataset_has_a_uri_space() -> None:
    graph = parse([ONTOLOGY / "authority" / "datasets.ttl"])
    void = "http://rdfs.org/ns/void#"
    datasets = set(graph.subjects(RDF.type, URIRef(void + "Dataset")))
    assert len(datasets) == 6
    for dataset in datasets:
        assert graph.value(dataset, URIRef(void + "uriSpace")), dataset


def test_adopting_resolutions_are_typed_with_their_symbol() -> None:
    graph = parse([ONTOLOGY / "authority" / "adoption.ttl"])
    resolution = URIRef("https://w3id.org/unkg/ontology#Resolution")
    symbol = URIRef("https://w3id.org/unkg/ontology#symbol")
    adopted = set(graph.objects(None, REALIZED_BY))
    assert URIRef(ID + "A/RES/58/4") in adopted
    for node in adopted:
        assert (node, RDF.type, resolution) in graph
        assert ID + str(graph.value(node, symbol)) == str(node)
