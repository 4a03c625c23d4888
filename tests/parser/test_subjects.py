"""A resolution's subjects: the topics its title names, or its operative paragraphs without one."""

from __future__ import annotations

import functools

import pytest

from graph_builder.model import Document
from graph_builder.parse import parse_file
from tests.conftest import CORPUS, SEEDS


@functools.cache
def _by_symbol() -> dict[str, Document]:
    documents = [d for path in sorted(CORPUS.glob("*.txt")) for d in parse_file(path)]
    return {d.symbol: d for d in documents}


# Read off each title by hand.
TITLED = {
    "A/RES/59/159": ("crime-prevention", "criminal-justice", "technical-cooperation"),
    "A/RES/59/151": ("crime-prevention", "criminal-justice"),
    "A/RES/59/153": ("technical-cooperation", "terrorism"),
    "A/RES/59/154": ("kidnapping",),
    "A/RES/59/155": ("corruption",),
    "A/RES/59/156": ("human-organ-trafficking",),
    "A/RES/40/34": ("victims-of-crime",),
    "A/RES/40/35": ("juvenile-delinquency",),
    "A/RES/74/247": ("cybercrime",),
    "A/RES/75/282": ("cybercrime",),
    "A/RES/76/300": ("healthy-environment",),
    "A/RES/77/276": ("advisory-opinions", "climate-change"),
    "A/RES/1514 (XV)": ("decolonization",),
    "A/RES/96 (I)": ("genocide",),
    "A/RES/ES-10/1": ("credentials",),
    "A/RES/1492 (XV)": (),
}


@pytest.mark.parametrize(("symbol", "topics"), sorted(TITLED.items()))
def test_subjects_are_the_topics_the_title_names(symbol: str, topics: tuple[str, ...]) -> None:
    document = _by_symbol()[symbol]
    assert document.title
    assert document.subjects == tuple(f"topic/{t}" for t in topics)


def test_both_languages_of_the_seed_have_the_same_subjects() -> None:
    english, french = (parse_file(SEEDS / f"A-RES-59-159.{lang}.txt")[0] for lang in ("en", "fr"))
    assert english.subjects == french.subjects == tuple(
        f"topic/{t}" for t in TITLED["A/RES/59/159"]
    )


def test_a_resolution_without_a_title_takes_the_topics_of_its_operative_paragraphs() -> None:
    # Read off S/RES/2195 (2014): terrorism and transnational organized crime (op 1), corruption
    # and money-laundering (op 5), technical assistance (op 15), in that order.
    document = _by_symbol()["S/RES/2195 (2014)"]
    assert document.title is None
    assert document.subjects == tuple(
        f"topic/{t}"
        for t in (
            "terrorism", "organized-crime", "corruption", "money-laundering",
            "technical-cooperation",
        )
    )
    # The preamble names human rights; the operative paragraphs do not, so it is no subject.
    assert any(m.entity == "topic/human-rights" and m.clause.startswith("pre/")
               for m in document.mentions)
    assert "topic/human-rights" not in document.subjects


def test_subjects_are_in_the_json() -> None:
    document = _by_symbol()["A/RES/59/155"]
    assert document.to_json()["subjects"] == ["topic/corruption"]
