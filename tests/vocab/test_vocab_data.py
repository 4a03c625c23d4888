"""The vocabulary files: valid Turtle, one scheme each, one prefLabel per language, no clashes."""

from __future__ import annotations

import shutil
from collections import defaultdict
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, SKOS

from graph_builder.errors import VocabularyError
from graph_builder.vocab import ID_BASE, load_vocabulary

REPO = Path(__file__).resolve().parents[2]
VOCAB = REPO / "ontology" / "vocab"
UNKG = Namespace("https://w3id.org/unkg/ontology#")
FILES = sorted(VOCAB.glob("*.ttl"))
LANGUAGES = ("en", "fr")
OWN_FILES = {
    "actions.ttl",
    "bodies.ttl",
    "events.ttl",
    "groups.ttl",
    "instruments.ttl",
    "months.ttl",
    "ordinals.ttl",
    "places.ttl",
    "syntax.ttl",
}
REQUIRED_IDS = [
    "body/general-assembly",
    "body/security-council",
    "body/ecosoc",
    "body/secretary-general",
    "body/unodc",
    "body/ccpcj",
    "body/undp",
    "body/world-bank",
    "body/unicri",
    "body/ctc",
    "instrument/untoc",
    "instrument/untoc-trafficking-protocol",
    "instrument/untoc-migrants-protocol",
    "instrument/untoc-firearms-protocol",
    "instrument/uncac",
    "instrument/millennium-declaration",
    "group/states",
    "group/member-states",
]


def test_collected_files() -> None:
    assert {p.name for p in FILES} >= OWN_FILES
    assert len(FILES) >= len(OWN_FILES) == 9
    assert len(REQUIRED_IDS) == 18


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_file_is_one_scheme_with_one_label_per_language(path: Path) -> None:
    graph = Graph().parse(path, format="turtle")
    schemes = list(graph.subjects(RDF.type, SKOS.ConceptScheme))
    assert len(schemes) == 1, f"{path.name}: {len(schemes)} concept schemes"
    scheme = schemes[0]
    assert graph.value(scheme, DCTERMS.title) is not None
    assert graph.value(scheme, DCTERMS.description) is not None
    concepts = set(graph.subjects(SKOS.inScheme, scheme))
    assert concepts, f"{path.name}: no concepts"
    assert set(graph.subjects(SKOS.inScheme, None)) == concepts
    for concept in concepts:
        assert (concept, RDF.type, SKOS.Concept) in graph, concept
        langs = [label.language for label in graph.objects(concept, SKOS.prefLabel)]
        assert sorted(langs) == sorted(set(langs)), f"{concept}: two prefLabels in one language"
        assert set(langs) >= set(LANGUAGES), f"{concept}: prefLabel languages {langs}"
        for label in graph.objects(concept, SKOS.altLabel):
            assert isinstance(label, Literal)
            assert label.language, f"{concept}: untagged altLabel"


def _graph(name: str) -> Graph:
    return Graph().parse(VOCAB / name, format="turtle")


def test_every_action_has_phrases_in_every_language_and_a_flag() -> None:
    graph = _graph("actions.ttl")
    actions = set(graph.subjects(RDF.type, UNKG.Action))
    assert len(actions) >= 40
    for action in actions:
        phrases = list(graph.objects(action, UNKG.preambularPhrase)) + list(
            graph.objects(action, UNKG.operativePhrase)
        )
        assert {p.language for p in phrases} >= set(LANGUAGES), action
        assert isinstance(graph.value(action, UNKG.addressing), Literal), action


@pytest.mark.parametrize(("name", "count"), [("months.ttl", 12), ("ordinals.ttl", 99)])
def test_numbered_schemes_are_complete(name: str, count: int) -> None:
    graph = _graph(name)
    numbers = sorted(int(n) for n in graph.objects(None, SKOS.notation))
    assert numbers == list(range(1, count + 1))


def test_no_label_names_two_records_in_one_language() -> None:
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    for name in ("bodies.ttl", "groups.ttl", "instruments.ttl", "events.ttl", "places.ttl"):
        graph = _graph(name)
        for prop in (SKOS.prefLabel, SKOS.altLabel):
            for subject, label in graph.subject_objects(prop):
                owners[(str(label), label.language)].add(str(subject))
    clashes = {k: v for k, v in owners.items() if len(v) > 1}
    assert clashes == {}


def test_required_records_exist_with_kind_and_labels() -> None:
    vocab = load_vocabulary()
    for entity_id in REQUIRED_IDS:
        entity = vocab.entity(entity_id)
        assert entity.kind == entity_id.split("/")[0] or entity.kind == "instrument"
        assert set(entity.labels) >= set(LANGUAGES)


def test_unodc_labels_as_specified() -> None:
    graph = _graph("bodies.ttl")
    unodc = URIRef(ID_BASE + "body/unodc")
    assert set(graph.objects(unodc, SKOS.prefLabel)) == {
        Literal("United Nations Office on Drugs and Crime", lang="en"),
        Literal("Office des Nations Unies contre la drogue et le crime", lang="fr"),
    }
    assert {Literal("UNODC", lang="en"), Literal("ONUDC", lang="fr")} <= set(
        graph.objects(unodc, SKOS.altLabel)
    )


def test_unknown_entity_names_the_id() -> None:
    with pytest.raises(VocabularyError, match="body/nowhere"):
        load_vocabulary().entity("body/nowhere")


def test_unknown_action_names_the_action() -> None:
    with pytest.raises(VocabularyError, match="action/nothing"):
        load_vocabulary().is_addressing("action/nothing")


def test_malformed_file_is_named(tmp_path: Path) -> None:
    shutil.copytree(VOCAB, tmp_path / "vocab")
    broken = tmp_path / "vocab" / "months.ttl"
    broken.write_text(broken.read_text(encoding="utf-8")[:-40], encoding="utf-8")
    with pytest.raises(VocabularyError, match=r"months\.ttl"):
        load_vocabulary(tmp_path)


def test_second_preflabel_in_one_language_is_refused(tmp_path: Path) -> None:
    shutil.copytree(VOCAB, tmp_path / "vocab")
    extra = tmp_path / "vocab" / "zz-extra.ttl"
    extra.write_text(
        "@base <https://w3id.org/unkg/id/> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        '<month/1> skos:inScheme <scheme/months> ; skos:prefLabel "Jan"@en .\n',
        encoding="utf-8",
    )
    with pytest.raises(VocabularyError, match="two skos:prefLabel"):
        load_vocabulary(tmp_path)


def test_same_phrase_for_two_actions_is_refused(tmp_path: Path) -> None:
    shutil.copytree(VOCAB, tmp_path / "vocab")
    extra = tmp_path / "vocab" / "zz-extra.ttl"
    extra.write_text(
        "@base <https://w3id.org/unkg/id/> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "@prefix unkg: <https://w3id.org/unkg/ontology#> .\n"
        "<action/other> a unkg:Action ; skos:inScheme <scheme/actions> ; "
        'unkg:operativePhrase "Requests"@en .\n',
        encoding="utf-8",
    )
    with pytest.raises(VocabularyError, match="Requests"):
        load_vocabulary(tmp_path)


def test_languages() -> None:
    assert load_vocabulary().languages == frozenset(LANGUAGES)
