"""Invariants over every corpus file: the parser copes with real layouts, not one file."""

from __future__ import annotations

import functools
import re

import pytest

from graph_builder.model import Document
from graph_builder.parse import parse_file
from tests.conftest import CORPUS

# Scans of printed volumes (OCR): neighbouring resolutions, French columns, noise.
OCR = {
    "A-RES-96-I.en.txt": "A/RES/96 (I)",
    "A-RES-1514-XV.en.txt": "A/RES/1514 (XV)",
    "A-RES-3314-XXIX.en.txt": "A/RES/3314 (XXIX)",
    "A-RES-40-34.en.txt": "A/RES/40/34",
    "S-RES-82-1950.en.txt": "S/RES/82 (1950)",
    "S-RES-242-1967.en.txt": "S/RES/242 (1967)",
}
FILES = sorted(p.name for p in CORPUS.glob("*.txt"))
BORN_DIGITAL = [f for f in FILES if f not in OCR]

# Page furniture that must never end up inside a clause.
FURNITURE = re.compile(
    r"""\b\d{2}-\d{5}\b            # job number
      | \*\d{6,}\*                 # barcode
      | Please\s+rec               # footer
      | ♲
      | _{5,}                      # footnote rule
      | (?<![\w/])\d{1,2}/\d{1,2}(?=\s+[A-Z]/RES)  # "2/10" page number before a header
      | \b[0-9]{1,2}[FH]\b(?=\s|$) # Word anchor residue
    """,
    re.VERBOSE,
)


def test_the_corpus_is_all_there() -> None:
    assert len(FILES) == 30
    assert len(BORN_DIGITAL) == 24
    assert all(name in FILES for name in OCR)


@functools.cache
def parsed(name: str) -> list[Document]:
    return parse_file(CORPUS / name)


@pytest.mark.parametrize("name", BORN_DIGITAL)
def test_born_digital_invariants(name: str) -> None:
    documents = parsed(name)
    assert len(documents) == 1
    document = documents[0]
    expected = _symbol_from_name(name)
    assert document.symbol == expected
    assert document.operative, "no operative paragraphs"
    for operative in (document.operative, *(a.operative for a in document.annexes)):
        numbers = [c.number for c in operative]
        if numbers != [None]:
            assert numbers == list(range(1, len(numbers) + 1))
    for clause in document.all_clauses:
        labels = [s.label for s in clause.subparagraphs]
        assert _in_order(labels), (clause.ref, labels)
        assert not FURNITURE.search(clause.text), (clause.ref, FURNITURE.search(clause.text))
        for note in document.footnotes:
            if len(note.text) > 25:
                assert note.text not in clause.text, (clause.ref, note.number)
        assert document.symbol not in clause.text or "resolution" in clause.text.lower()
    for note in document.footnotes:
        assert not FURNITURE.search(note.text), (note.number, note.text)


@pytest.mark.parametrize("name", sorted(OCR))
def test_scanned_volumes_find_their_resolution(name: str) -> None:
    documents = parsed(name)
    symbols = [d.symbol for d in documents]
    assert OCR[name] in symbols, symbols
    assert any("reading order" in w for d in documents for w in d.warnings)


def _symbol_from_name(name: str) -> str:
    stem = name.split(".")[0]
    organ, _res, *rest = stem.split("-")
    if organ == "S":
        return f"S/RES/{rest[0]} ({rest[1]})"
    if rest[0] == "ES":
        return f"A/RES/ES-{rest[1]}/{rest[2]}"
    return f"A/RES/{rest[0]}/{rest[1]}"


_ROMANS = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"]


def _in_order(labels: list[str]) -> bool:
    """Runs of (a), (b), … or (i), (ii), …, each starting afresh at (a) or (i)."""
    previous = None
    for label in labels:
        starts = label in ("a", "i")
        follows = previous is not None and (
            (len(previous) == 1 and label == chr(ord(previous) + 1))
            or (previous in _ROMANS[:-1] and label == _ROMANS[_ROMANS.index(previous) + 1])
        )
        if not (starts or follows):
            return False
        previous = label
    return True
