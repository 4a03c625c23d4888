"""The document-part vocabulary (``ontology/vocab/parts.ttl``) compiled to matchers.

Footers, page labels, the closing meeting line and annex headings differ by
language; their words are data, their shapes are here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from graph_builder.errors import VocabularyError
from graph_builder.vocab import phrase_pattern

ONTOLOGY = Path(__file__).resolve().parents[1] / "ontology"
_ID = "https://w3id.org/unkg/id/part/"


@dataclass(frozen=True)
class Parts:
    """Compiled matchers for the parts of a printed resolution."""

    footer: re.Pattern[str]
    page_label: re.Pattern[str]
    meeting: re.Pattern[str]
    annex: re.Pattern[str]
    date: re.Pattern[str]
    adopted: re.Pattern[str]
    council_title: re.Pattern[str]
    ibid: re.Pattern[str]

    def is_footer(self, line: str) -> bool:
        return bool(self.footer.match(line))

    def is_page_label(self, line: str) -> bool:
        return bool(self.page_label.match(line))


@lru_cache(maxsize=4)
def load_parts(root: Path | None = None) -> Parts:
    """Load and compile ``vocab/parts.ttl``.

    >>> parts = load_parts()
    >>> bool(parts.meeting.match("74 e séance plénière"))
    True
    >>> bool(parts.meeting.match("52nd (resumed) plenary meeting"))
    True
    >>> parts.meeting.match("74th plenary meeting").group("number")
    '74'
    """
    import rdflib
    from rdflib.namespace import SKOS

    path = (root or ONTOLOGY) / "vocab" / "parts.ttl"
    graph = rdflib.Graph()
    try:
        graph.parse(path, format="turtle")
    except (OSError, SyntaxError, ValueError) as error:
        raise VocabularyError(f"{path}: cannot be parsed ({error})") from None

    def labels(name: str) -> list[str]:
        node = rdflib.URIRef(_ID + name)
        found = [str(o) for p in (SKOS.prefLabel, SKOS.altLabel) for o in graph.objects(node, p)]
        if not found:
            raise VocabularyError(f"{path}: part/{name} has no labels")
        return sorted(set(found), key=lambda s: (-len(s), s))

    def words(name: str) -> str:
        return "|".join(phrase_pattern(label) for label in labels(name))

    return Parts(
        footer=re.compile(rf"^\s*(?:{words('footer')})\s*$", re.IGNORECASE),
        page_label=re.compile(rf"^\s*(?:{words('page')})\s+\d+(?:\s*/\s*\d+)?\s*$", re.IGNORECASE),
        meeting=re.compile(
            rf"^\s*(?P<number>\d{{1,5}})\s*(?:{words('ordinal-suffix')})?\.?\s+"
            r"(?:\([^()]{1,20}\)\s+)?"  # "52nd (resumed) plenary meeting"
            rf"(?:{words('meeting')})\s*[,.]?\s*$",
            re.IGNORECASE,
        ),
        # "Annex", "ANNEX II", "Annex A": headings are printed in capitals in older volumes.
        annex=re.compile(
            rf"^\s*(?:{words('annex')})(?:\s+(?P<label>[IVX]+|[A-Z]|\d{{1,2}}))?\s*$",
            re.IGNORECASE,
        ),
        # "20 December 2004", "20 décembre 2004", "1er mai 2001": the month is checked later.
        date=re.compile(
            rf"(?P<day>\d{{1,2}})(?:{words('day-suffix')})?\s+(?P<month>[^\W\d_]+)\s+"
            r"(?P<year>\d{4})"
        ),
        ibid=re.compile(rf"^\s*(?:{words('ibid')})", re.IGNORECASE),
        council_title=re.compile(
            rf"^\s*(?:{words('resolution')})\s+(?P<number>\d{{1,5}}\s*\(\s*\d{{4}}\s*\))\s*$"
        ),
        adopted=re.compile(
            rf"(?:{words('adopted-by-security-council')})\s+(?P<number>\d{{1,5}})",
            re.IGNORECASE,
        ),
    )
