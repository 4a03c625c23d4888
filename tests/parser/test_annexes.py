"""Annexes: texts printed after a resolution's closing lines, parsed into clauses of their own."""

from __future__ import annotations

import functools

import pyoxigraph as ox

from graph_builder.emit import emit_document
from graph_builder.model import Document
from graph_builder.parse import parse_file, parse_text
from graph_builder.validate import check_quads, ontology_quads
from tests.conftest import CORPUS, SEEDS

ID = "https://w3id.org/unkg/id/"
ELI = "http://data.europa.eu/eli/ontology#"
UNKG = "https://w3id.org/unkg/ontology#"


@functools.cache
def bangkok() -> Document:
    """A/RES/60/177, whose annex is the Bangkok Declaration."""
    return parse_file(CORPUS / "A-RES-60-177.en.txt")[0]


def test_the_annex_is_found_with_its_title_and_named_instrument() -> None:
    document = bangkok()
    assert len(document.operative) == 6  # the resolution's own paragraphs are untouched
    (annex,) = document.annexes
    assert (annex.ref, annex.label, annex.position) == ("annex", None, 1)
    assert annex.title == (
        "Bangkok Declaration on Synergies and Responses: Strategic Alliances in Crime "
        "Prevention and Criminal Justice"
    )
    assert annex.instrument == "instrument/bangkok-declaration"


def test_the_declaration_has_its_preamble_and_35_numbered_paragraphs() -> None:
    (annex,) = bangkok().annexes
    # "We, the States Members of the United Nations," is the enacting formula, not a clause.
    assert annex.preamble[0].text.startswith("Having assembled at the Eleventh United Nations")
    assert [c.lead for c in annex.preamble[1:4]] == ["Convinced", "Recalling", "Reaffirming"]
    assert len(annex.preamble) == 10
    assert [c.number for c in annex.operative] == list(range(1, 36))
    assert annex.operative[0].text == (
        "We proclaim our political will and commitment to achieve the aspirations and "
        "objectives as set out in the present Declaration."
    )
    # paragraph 14 opens with a participle but is numbered: it is operative
    assert annex.operative[13].lead == "Mindful"
    assert all(c.ref.startswith("annex/") and c.part == "annex" for c in annex.clauses)


def test_footnote_markers_in_the_annex_are_found() -> None:
    document = bangkok()
    assert not any("no marker found" in w for w in document.warnings), document.warnings
    (annex,) = document.annexes
    op4 = annex.operative[3]
    assert op4.footnotes == ("4", "5")
    cited = {(c.symbol, c.via_footnote) for c in document.citations if c.clause == op4.ref}
    assert {("A/RES/55/25", "4"), ("A/RES/58/4", "5")} <= cited


def test_the_annex_in_the_graph() -> None:
    document = bangkok()
    quads = emit_document(document)
    check_quads([*quads, *ontology_quads()], source=document.source.path)
    triples = {(q.subject.value, q.predicate.value, q.object.value) for q in quads}
    resolution = ID + "A/RES/60/177"
    annex = resolution + "/annex"
    assert (annex, ELI + "is_part_of", resolution) in triples
    assert (annex, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", UNKG + "Annex") in triples
    assert (annex + "/op/35", ELI + "is_part_of", annex) in triples
    assert (annex + "/pre/1", ELI + "is_part_of", annex) in triples
    assert (ID + "instrument/bangkok-declaration", UNKG + "realizedBy", annex) in triples
    titles = [q.object for q in quads if q.subject == ox.NamedNode(annex)
              and q.predicate.value == "http://purl.org/dc/terms/title"]
    assert [t.language for t in titles] == ["en"]


def _with_annexes(*annexes: str) -> str:
    seed = (SEEDS / "A-RES-59-159.en.txt").read_text(encoding="utf-8")
    return seed + "".join(annexes)


def test_labelled_annexes_take_their_label_in_the_path() -> None:
    text = _with_annexes(
        "\nAnnex I\nFirst Rules\n1. The first rule applies.\n2. The second rule applies.\n",
        "\nAnnex II\nSecond Rules\nRecalling the first rules,\n1. The rule applies.\n",
    )
    document = parse_text(text, language="en")[0]
    first, second = document.annexes
    assert (first.ref, first.label, first.title) == ("annex/I", "I", "First Rules")
    assert [c.ref for c in first.clauses] == ["annex/I/op/1", "annex/I/op/2"]
    assert (second.ref, second.position) == ("annex/II", 2)
    assert [c.ref for c in second.clauses] == ["annex/II/pre/1", "annex/II/op/1"]
    assert len(document.operative) == 23


def test_an_annex_without_paragraphs_is_reported() -> None:
    document = parse_text(_with_annexes("\nAnnex\n"), language="en")[0]
    (annex,) = document.annexes
    assert annex.clauses == ()
    assert "annex: no paragraphs found under 'Annex'" in document.warnings


def test_a_resolution_without_annex_has_none() -> None:
    document = parse_file(SEEDS / "A-RES-59-159.fr.txt")[0]
    assert document.annexes == ()
    assert document.all_clauses == document.clauses
    assert document.to_json()["annexes"] == []
