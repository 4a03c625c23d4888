"""Footnote markers in running text: find them, take them out, remember where they were.

pdftotext leaves markers as plain digits: apart ("Declaration, 1 as well"),
glued to a word ("Millénaire1"), after punctuation ("thereto;8") or glued to a
number ("résolution 58/1409" is resolution 58/140 with footnote 9). Footnotes
are numbered in sequence through a document and printed on the page of their
first marker, so a candidate is accepted as the first marker of footnote *n*
only when *n* is the next number due and its footnote sits on that page; later
references to earlier footnotes must be glued or stand before punctuation.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from graph_builder.model import Span
from graph_builder.spans import MappedText

# A marker candidate: digits (or "*") after a word or punctuation, before a space,
# punctuation or the end of the text.
_CANDIDATE = re.compile(
    r"""(?P<number>[\d*]                      # opening on a character class lets re skip ahead fast
      (?:(?<=[^\W\d_][\d*])|(?<=[,;.:)\]”’"»][\d*])      # glued to a letter or closing punctuation
        |(?<=[^\W\d_]\s[\d*])|(?<=[,;.:)\]”’"»]\s[\d*]))  # or printed one space apart
      (?:(?<=\*)|(?<=\d)\d{0,2}))               # "*" alone, or up to three digits
    (?=[\s,;.:)\]]|$)                         # then a space, punctuation or the end""",
    re.VERBOSE,
)
# A marker after a year: "resolution 50/9 of 7 July 2022 1 and all previous resolutions".
# (The year's first digits open the pattern, so re can skip ahead fast.)
_AFTER_YEAR = re.compile(
    r"[12][089](?<=1[89]|20)(?<![\d/]..)\d\d\s(?P<number>\d{1,3})(?=[\s,;.:)]|$)"
)
# How many footnotes a lost marker may be skipped over.
_SKIP = 2
# A number glued to the end of a symbol-like token: "58/1409".
# Only before punctuation or the end: "58/1409 ;" but never "57/53 of".
_GLUED_TO_NUMBER = re.compile(r"\d(?<![\w/]\d)\d{0,3}/(?P<digits>\d{2,6})(?=\s*[,;.:)]|\s*$)")


@dataclass(frozen=True)
class Marker:
    """An accepted marker: footnote ``number`` at ``[start, end)`` of the clause text.

    ``first`` is true for the first reference to the footnote in the document.
    """

    number: str
    start: int
    end: int
    first: bool = False


class MarkerFinder:
    """Finds markers clause by clause, in document order.

    Args:
        footnotes: footnote number → page it is printed on.
        page_of: the page of a source offset.
        is_month: whether a word is a month name (a day number is not a marker).
    """

    def __init__(
        self,
        footnotes: dict[str, int],
        page_of: Callable[[int], int],
        is_month: Callable[[str], bool],
    ) -> None:
        self._pages = footnotes
        self._due = sorted((n for n in footnotes if n.isdigit()), key=int)
        self._next = 0
        self._page_of = page_of
        self._is_month = is_month
        self.found: set[str] = set()

    def take(self, text: MappedText) -> tuple[MappedText, list[Marker], list[Span]]:
        """Remove the markers of one clause.

        Returns:
            The clean text, the markers (positioned where they stood in the clean
            text) and the source spans that were removed.
        """
        markers = self._find(text)
        if not markers:
            return text, [], []
        cut = [_marker_range(text.text, m) for m in markers]
        removed = [text.source_span(m.start, m.end) for m in markers]
        return text.cut(cut), _relocate(cut, markers), removed

    def _find(self, text: MappedText) -> list[Marker]:
        found: list[Marker] = []
        body = text.text
        if not self._pages:
            return found
        candidates = sorted(
            [*_CANDIDATE.finditer(body), *_AFTER_YEAR.finditer(body)],
            key=lambda m: m.start("number"),
        )
        for match in candidates:
            number = match.group("number")
            start, end = match.start("number"), match.end("number")
            if number == "*":
                if "*" in self._pages:
                    found.append(Marker("*", start, end))
                continue
            apart = body[start - 1 : start].isspace()
            if apart and self._followed_by_month(body, end):
                continue
            if match.re is _AFTER_YEAR and not self._is_due(number, _source(text, start), skip=0):
                continue
            if match.re is _AFTER_YEAR:
                found.append(Marker(number, start, end, True))
                continue
            first = self._is_due(number, _source(text, start))
            if first or self._repeat(number, repeat_ok=not apart or _before_punct(body, end)):
                found.append(Marker(number, start, end, first))
        due = self._due[self._next] if self._next < len(self._due) else None
        if due is not None and not any(m.number == due for m in found):
            for match in _GLUED_TO_NUMBER.finditer(body):
                digits = match.group("digits")
                if digits.endswith(due) and len(digits) > len(due):
                    end = match.end("digits")
                    start = end - len(due)
                    if self._is_due(due, _source(text, start)):
                        found.append(Marker(due, start, end, True))
                        break
        return sorted(found, key=lambda m: m.start)

    def _is_due(self, number: str, offset: int, *, skip: int = _SKIP) -> bool:
        """The first marker of the next footnote, on the page the footnote is printed on.

        A marker lost in the text (or printed in an annex) would stop every later one
        from being found, so the next few footnotes are also accepted, skipping it.
        """
        upcoming = self._due[self._next : self._next + 1 + skip]
        if number not in upcoming:
            return False
        page, printed = self._page_of(offset), self._pages[number]
        # the marker may sit at the foot of the page before its footnote, but never when skipping
        if page != printed and (page != printed - 1 or number != upcoming[0]):
            return False
        self._next += upcoming.index(number) + 1
        self.found.add(number)
        return True

    def _repeat(self, number: str, *, repeat_ok: bool) -> bool:
        return repeat_ok and number in self.found

    def _followed_by_month(self, text: str, end: int) -> bool:
        # "20 December", "9 to 11 December", "20 et 21 mai": a day, not a marker
        tokens = [t.strip(",;.") for t in text[end : end + 40].split()[:3]]
        if tokens and self._is_month(tokens[0]):
            return True
        return len(tokens) == 3 and tokens[1].isdigit() and self._is_month(tokens[2])

    def missing(self) -> list[str]:
        """Footnotes whose marker was never found."""
        return [n for n in self._pages if n not in self.found and n != "*"]


def _before_punct(text: str, end: int) -> bool:
    rest = text[end:].lstrip()
    return not rest or rest[0] in ",;.:)"


def _marker_range(text: str, marker: Marker) -> tuple[int, int]:
    """The characters to remove: the marker, the space before it, and a space left before
    a comma or full stop ("siècle 2 , ainsi" → "siècle, ainsi")."""
    start = marker.start - (text[marker.start - 1 : marker.start] == " ")
    end = marker.end
    if text[end : end + 1] == " " and text[end + 1 : end + 2] in (",", "."):
        end += 1
    return start, end


def _relocate(cut: Sequence[tuple[int, int]], markers: Sequence[Marker]) -> list[Marker]:
    """Where each removed marker stood in the clean text."""
    result = []
    for marker, (start, _end) in zip(markers, cut, strict=True):
        removed = sum(e - s for s, e in cut if e <= start)
        result.append(Marker(marker.number, start - removed, start - removed, marker.first))
    return result


def _source(text: MappedText, index: int) -> int:
    return text.source_span(index, index + 1).start


def page_finder(page_starts: Sequence[int]) -> Callable[[int], int]:
    """``page_of(offset)`` from the source offsets where pages 1, 2, … start.

    >>> page_of = page_finder([0, 100, 250])
    >>> page_of(0), page_of(120), page_of(999)
    (1, 2, 3)
    """
    starts = list(page_starts)

    def page_of(offset: int) -> int:
        return bisect.bisect_right(starts, offset)

    return page_of
