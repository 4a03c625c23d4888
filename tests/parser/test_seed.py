"""A/RES/59/159 in French and English: what the parser must get right on the seed."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from graph_builder.model import Document
from graph_builder.parse import parse_file
from tests.conftest import SEEDS

LANGUAGES = ("fr", "en")


@pytest.fixture(scope="module", params=LANGUAGES)
def seed(request: pytest.FixtureRequest) -> Document:
    documents = parse_file(SEEDS / f"A-RES-59-159.{request.param}.txt")
    assert len(documents) == 1
    return documents[0]


@pytest.fixture(scope="module")
def both() -> dict[str, Document]:
    return {lang: parse_file(SEEDS / f"A-RES-59-159.{lang}.txt")[0] for lang in LANGUAGES}


def test_identity(seed: Document) -> None:
    assert seed.symbol == "A/RES/59/159"
    assert seed.organ == "body/general-assembly"
    assert seed.adopted_on == date(2004, 12, 20)
    assert seed.meeting == 74
    assert seed.session == 59
    assert seed.title is not None
    assert seed.title.startswith(("Renforcement du Programme", "Strengthening the United Nations"))


def test_clause_counts_and_numbers(seed: Document) -> None:
    assert len(seed.preamble) == 16
    assert len(seed.operative) == 23
    assert [c.number for c in seed.operative] == list(range(1, 24))
    assert [c.position for c in seed.preamble] == list(range(1, 17))


def test_footnotes(seed: Document) -> None:
    assert [f.number for f in seed.footnotes] == [str(n) for n in range(1, 11)]
    assert "55/2" in seed.footnotes[0].text
    assert seed.footnotes[8].text == "A/59/205."


def test_no_footnote_or_header_text_inside_clauses(seed: Document) -> None:
    for clause in seed.clauses:
        for note in seed.footnotes:
            assert note.text not in clause.text, (clause.ref, note.number)
        assert "_____" not in clause.text
        assert not re.search(r"A/RES/59/159|04-48580", clause.text), clause.ref
    op5 = seed.operative[4].text
    assert op5.rstrip().endswith(";")
    assert "A/59/205" not in op5
    op22 = seed.operative[21].text
    assert (
        "de la Convention des Nations Unies contre la corruption, par l’intermédiaire" in op22
        or "United Nations Convention against Corruption, through the United Nations" in op22
    ), op22


def test_glued_marker_is_a_footnote_not_a_resolution_number(seed: Document) -> None:
    op1 = seed.operative[0]
    assert op1.footnotes == ("9",)
    assert "58/140" in op1.text
    assert "58/1409" not in op1.text
    assert not op1.text.rstrip(" ;").endswith("9")
    cited = {c.symbol for c in seed.citations if c.clause == "op/1"}
    assert "A/RES/58/140" in cited
    assert "A/RES/58/1409" not in {c.symbol for c in seed.citations}
    via = {c.symbol for c in seed.citations if c.clause == "op/1" and c.via_footnote == "9"}
    assert via == {"A/59/205"}


def test_markers_are_removed_and_remembered(seed: Document) -> None:
    pre3 = seed.preamble[2]
    assert pre3.footnotes == ("1", "2", "3")
    assert not re.search(r"\d\b", pre3.text.replace("XXIe", "")), pre3.text
    assert not re.search(r"[^\W\d]\d", seed.operative[16].text)  # "additionnels8"


CITED = {
    "A/RES/46/152",
    "A/RES/58/140",
    "A/RES/55/2",
    "A/RES/55/59",
    "A/RES/56/261",
    "A/RES/55/25",
    "A/RES/58/4",
    "A/RES/55/255",
    "E/RES/2004/28",
    "S/RES/1373 (2001)",
    "A/59/205",
    "E/2004/30",
}


def test_citations(seed: Document) -> None:
    assert {c.symbol for c in seed.citations} >= CITED
    for citation in seed.citations:
        assert citation.span.start < citation.span.end


def test_millennium_declaration_resolves_through_its_footnote(seed: Document) -> None:
    declared = [m for m in seed.mentions if m.entity == "instrument/millennium-declaration"]
    assert declared, "Millennium Declaration not mentioned"
    assert declared[0].clause == "pre/3"
    assert declared[0].symbol == "A/RES/55/2"


MENTIONED = {
    "body/unodc",
    "body/ccpcj",
    "body/undp",
    "body/world-bank",
    "body/secretary-general",
    "body/ecosoc",
    "body/ctc",
    "body/unicri",
    "instrument/untoc",
    "instrument/untoc-trafficking-protocol",
    "instrument/untoc-migrants-protocol",
    "instrument/untoc-firearms-protocol",
    "instrument/uncac",
}


def test_mentions(seed: Document) -> None:
    assert {m.entity for m in seed.mentions} >= MENTIONED
    text = Path(seed.source.path).read_text(encoding="utf-8")
    for mention in seed.mentions:
        # the span runs from the first to the last word of the name as printed, across any
        # paragraph number, page header or footnote block the page put in between
        printed = text[mention.span.start : mention.span.end].split()
        words = mention.text.split()
        assert printed[0] == words[0], (mention, printed)
        assert printed[-1] == words[-1], (mention, printed)
        remaining = iter(printed)
        assert all(word in remaining for word in words), (mention, printed)


def test_addressees_and_report(seed: Document) -> None:
    last = seed.operative[22]
    assert last.addressees == ("body/secretary-general",)
    assert last.report_due_session == 60
    assert "group/states" in seed.operative[6].addressees
    assert "body/secretary-general" in seed.operative[15].addressees
    assert {"body/undp", "body/world-bank"} <= set(seed.operative[8].addressees)


def test_both_languages_address_the_commission_in_operative_12(both: dict[str, Document]) -> None:
    # "and calls upon the Commission" in English, "et lui demande" in French
    assert both["en"].operative[11].addressees == ("body/ccpcj",)
    assert both["fr"].operative[11].addressees == ("body/ccpcj",)


def test_french_and_english_paragraphs_carry_the_same_action(both: dict[str, Document]) -> None:
    fr, en = both["fr"], both["en"]
    for kind in ("preamble", "operative"):
        for french, english in zip(getattr(fr, kind), getattr(en, kind), strict=True):
            assert french.action is not None, french.ref
            assert french.action == english.action, (french.ref, french.lead, english.lead)


def test_spans_point_into_the_source(seed: Document) -> None:
    text = Path(seed.source.path).read_text(encoding="utf-8")
    for clause in seed.clauses:
        source = " ".join(text[clause.span.start : clause.span.end].split())
        assert source.startswith(clause.text[:20]), clause.ref
        if clause.lead:
            assert source.startswith(clause.lead.split()[0])
