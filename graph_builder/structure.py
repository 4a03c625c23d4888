"""Stage 3: body lines → the parts of a resolution.

Finds the adopting organ line ("The General Assembly,"), the title and symbol
above it, the preambular and operative paragraphs below it (with their printed
numbers, wherever pdftotext put them, and their sub-paragraphs) and the closing
meeting line and date. A file that holds several resolutions (scanned volumes)
yields one :class:`Skeleton` for each organ line.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from graph_builder.layout import Line
from graph_builder.model import ClauseKind
from graph_builder.parts import Parts
from graph_builder.spans import MappedText
from graph_builder.symbols import normalize_symbol, organ_of, resolution_symbol, series_of_number
from graph_builder.vocab import LeadMatch, Vocabulary

# "1. Takes note …" — an operative number that opens its line.
_INLINE_NUMBER = re.compile(r"^\s*(?P<number>\d{1,3})\s*\.\s+(?=\S)")
# "1." alone on its line (pdftotext often prints it before or after the first line).
_NUMBER_ALONE = re.compile(r"^\s*(?P<number>\d{1,3})\s*\.\s*$")
# "(a) …", "(ii) …": a sub-paragraph label opening its line.
SUBPARAGRAPH_LABEL = re.compile(r"^\s*\((?P<label>[a-z]{1,2}|[ivxl]{1,5})\)\s*")
# The resolution number opening the title: "59/159.", "ES-10/1.", "1514 (XV).", OCR "96 (1)".
_TITLE_NUMBER = re.compile(
    r"""^\s*
    (?P<number>
        ES-\d{1,2}/\d{1,3}                   # emergency special session
      | \d{1,3}/\d{1,4}                      # session/number (1976 onwards)
      | \d{1,4}\s*\(\s*[IVXLl1]{1,6}\s*\)    # number (roman session), OCR may read I as 1 or l
      | \d{1,4}\s*\(\s*\d{4}\s*\)           # Security Council number (year)
    )
    \s*(?:\.|,(?=\s+[A-Z]))                 # a full stop (OCR: a comma) ends the number
    \s*(?P<rest>(?:[A-Z“"].*)?)$               # then the title, capitalised, or nothing""",
    re.VERBOSE,
)
# A symbol printed alone in the masthead.
_MASTHEAD_SYMBOL = re.compile(r"^\s*(?P<symbol>[ASE]/RES/\S+(?:\s*\(\d{4}\))?)\*?\s*$")
_TERMINAL = (",", ";", ":", ".")
# A footnote marker ending a line ("… for its implementation, 3") hides its punctuation.
_TRAILING_MARKER = re.compile(r"(?<=[,;:.])\s*(?:\d{1,3}|\*)$")


@dataclass
class RawClause:
    """A paragraph as found, before footnote markers and mentions."""

    kind: ClauseKind | None
    number: int | None
    lead: LeadMatch | None
    lines: list[Line]
    subparagraphs: list[tuple[str, list[Line]]] = field(default_factory=list)

    def text(self) -> MappedText:
        return join_lines(self.lines)


@dataclass
class Skeleton:
    """The parts of one resolution, still as source lines."""

    organ: str
    language: str
    symbol: str | None
    title: MappedText | None
    adopted_on: date | None
    meeting: int | None
    preamble: list[RawClause]
    operative: list[RawClause]
    trailing: list[Line]
    first: Line
    last: Line
    warnings: list[str]


def opens_with_number(text: str) -> bool:
    """Whether a line opens with a paragraph number ("1. Takes note", or "1." alone).

    >>> opens_with_number("12. Decides"), opens_with_number("12."), opens_with_number("2004 was")
    (True, True, False)
    """
    return bool(_INLINE_NUMBER.match(text) or _NUMBER_ALONE.match(text))


def join_lines(lines: Sequence[Line]) -> MappedText:
    return MappedText.join((line.text, line.start) for line in lines)


def find_resolutions(
    lines: Sequence[Line], *, vocab: Vocabulary, parts: Parts, language: str | None = None
) -> list[Skeleton]:
    """Split the body lines into resolutions and their parts.

    Args:
        lines: body lines from :func:`graph_builder.layout.lay_out`.
        vocab: the compiled vocabulary.
        parts: the document-part vocabulary.
        language: the language the file name declares, if any; organ lines in
            another language (the French column of a bilingual volume) are skipped.

    Returns:
        One skeleton per resolution, in reading order (empty if none is found).
        A page of a printed volume (several numbered titles) gives one per title.
    """
    organs = []
    for index, line in enumerate(lines):
        found = _match_organ(line.text.strip(), vocab)
        if found and (language is None or found[1] == language):
            organs.append((index, found))
    titles = _titles(lines, parts)
    if len({number for _, number in titles}) >= 2:
        return _volume(lines, titles, organs, vocab, parts, language)
    skeletons = []
    start = 0
    for number, (index, (organ, lang)) in enumerate(organs):
        end = organs[number + 1][0] if number + 1 < len(organs) else len(lines)
        body, trailing, closing = _split_closing(lines[index + 1 : end], parts)
        skeletons.append(
            _skeleton(
                lines[start:index], lines[index], body, trailing, closing, organ, lang, vocab, parts
            )
        )
        # the next resolution's header starts after this one's closing lines
        start = index + 1 + len(body) + len(closing)
    return skeletons


def _titles(lines: Sequence[Line], parts: Parts) -> list[tuple[int, str]]:
    """Numbered title lines, the same number printed twice (two languages) kept once."""
    found: list[tuple[int, str]] = []
    for index, line in enumerate(lines):
        head = line.text.lstrip()[:1]
        title = _TITLE_NUMBER.match(line.text) if head == "E" or head.isdecimal() else None
        match = title or parts.council_title.match(line.text)
        if match:
            number = re.sub(r"\s+", "", match.group("number")).replace("l", "I")
            if not found or found[-1][1] != number:
                found.append((index, number))
    return found


def _volume(
    lines: Sequence[Line],
    titles: list[tuple[int, str]],
    organs: list[tuple[int, tuple[str, str]]],
    vocab: Vocabulary,
    parts: Parts,
    language: str | None,
) -> list[Skeleton]:
    """Resolutions printed one after another in a volume (scanned, columns interleaved)."""
    skeletons = []
    for position, (start, number) in enumerate(titles):
        end = titles[position + 1][0] if position + 1 < len(titles) else len(lines)
        organ_at = next(((i, o) for i, o in organs if start < i < end), None)
        if organ_at is not None:
            index, (organ, lang) = organ_at
            header, organ_line, rest = lines[start:index], lines[index], lines[index + 1 : end]
        else:
            organ = organ_of(series_of_number(number))
            lang = language or "en"
            title_end = start + 1
            while title_end < end and not lines[title_end].blank:
                title_end += 1
            # the same title printed again in the page's other language
            while title_end < end and (
                lines[title_end].blank or _TITLE_NUMBER.match(lines[title_end].text)
            ):
                title_end += 1
            header, organ_line, rest = (
                lines[start:title_end],
                lines[title_end - 1],
                lines[title_end:end],
            )
        body, trailing, closing = _split_closing(rest, parts)
        skeleton = _skeleton(
            header, organ_line, body, trailing, closing, organ, lang, vocab, parts, volume=True
        )
        first, last = lines[start], lines[end - 1]
        skeleton.warnings.append(
            "reading order uncertain: a page of a printed volume whose columns and neighbouring "
            f"resolutions may be interleaved (source characters {first.start}-{last.end})"
        )
        skeletons.append(skeleton)
    return skeletons


def _title_goes_on(lang: str, vocab: Vocabulary) -> Callable[[Line], bool]:
    """Whether a line still belongs to a title printed in a volume."""

    def continues(line: Line) -> bool:
        text = line.text.strip()
        return bool(
            text
            and not _TITLE_NUMBER.match(text)
            and vocab.match_lead(text, lang) is None
            and not (len(text) < 40 and text.endswith(","))
        )

    return continues


# OCR of printed volumes reads "l" as "J", "1" or "I" after a lower-case letter and
# scatters commas: "The GeneraJ, Assembly,".
_OCR_L = re.compile(r"(?<=[a-z])[J1I|](?=[a-z,\s]|$)")
_OCR_COMMA = re.compile(r",(?=\s+[A-Za-z])")


def _match_organ(text: str, vocab: Vocabulary) -> tuple[str, str] | None:
    # "… relevant resolutions of\nthe General Assembly," is running text, not the organ line
    if len(text) > 60 or not text[:1].isupper():
        return None
    found = vocab.match_organ(text)
    if found is None and text[:1].isupper():
        folded = _OCR_COMMA.sub("", _OCR_L.sub("l", text))
        if folded != text:
            found = vocab.match_organ(folded)
    return found


def _skeleton(
    header: Sequence[Line],
    organ_line: Line,
    body: Sequence[Line],
    trailing: list[Line],
    closing: Sequence[Line],
    organ: str,
    lang: str,
    vocab: Vocabulary,
    parts: Parts,
    *,
    volume: bool = False,
) -> Skeleton:
    warnings: list[str] = []
    continues = _title_goes_on(lang, vocab) if volume else None
    symbol, title = _header(header, vocab.resolution_series(organ), parts, continues)
    adopted_on, meeting = _closing(closing, lang, vocab, parts)
    if meeting is None:
        adopted_on, meeting = _adoption_line(header, lang, vocab, parts)
    preamble, operative = find_clauses(body, lang, vocab, warnings)
    content = [ln for ln in (*header, organ_line, *body, *closing) if not ln.blank]
    return Skeleton(
        organ=organ,
        language=lang,
        symbol=symbol,
        title=title,
        adopted_on=adopted_on,
        meeting=meeting,
        preamble=preamble,
        operative=operative,
        trailing=trailing,
        first=content[0],
        last=content[-1],
        warnings=warnings,
    )


def _header(
    header: Sequence[Line],
    series: str | None,
    parts: Parts,
    continues: Callable[[Line], bool] | None,
) -> tuple[str | None, MappedText | None]:
    """Symbol and title from the lines above the organ line.

    ``continues`` is given for pages of printed volumes: the first numbered title
    is taken and runs on while ``continues`` accepts the next line. Otherwise the
    last numbered title runs on to the organ line.
    """
    symbol = None
    for line in header:
        match = _MASTHEAD_SYMBOL.match(line.text)
        if match:
            symbol = normalize_symbol(match.group("symbol"))
    title_lines: list[Line] = []
    number = None
    order = range(len(header)) if continues else range(len(header) - 1, -1, -1)
    for index in order:
        council = parts.council_title.match(header[index].text)
        if council and symbol is None:
            number = council.group("number")
            break
        match = _TITLE_NUMBER.match(header[index].text)
        if match:
            number = match.group("number")
            rest = match.group("rest")
            first = header[index]
            if rest:
                offset = first.text.index(rest)
                title_lines.append(Line(rest, first.start + offset, first.page))
            for line in header[index + 1 :]:
                if continues is not None and not continues(line):
                    break
                if not line.blank:
                    title_lines.append(line)
            break
    if symbol is None and number is not None:
        symbol = symbol_from_number(number, series)
    title = join_lines(title_lines) if title_lines else None
    return symbol, title if title and title.text else None


def symbol_from_number(number: str, series: str | None) -> str | None:
    """The full symbol of a resolution printed by number only, in its organ's series.

    >>> symbol_from_number("59/159", "A/RES")
    'A/RES/59/159'
    >>> symbol_from_number("96 (1)", "A/RES")
    'A/RES/96 (I)'
    """
    if series is None:
        return None
    roman = re.match(r"(\d+)\s*\(\s*([IVXLl1]+)\s*\)", number)
    if roman:
        session = roman.group(2).replace("l", "I").replace("1", "I")
        number = f"{roman.group(1)} ({session})"
    return resolution_symbol(series, number)


def session_of(symbol: str) -> int | None:
    """The General Assembly session of a resolution symbol.

    >>> session_of("A/RES/59/159"), session_of("A/RES/1514 (XV)"), session_of("S/RES/1540 (2004)")
    (59, 15, None)
    """
    match = re.match(r"A/RES/(?:ES-\d+/)?(\d+)/", symbol)
    if match and not symbol.startswith("A/RES/ES-"):
        return int(match.group(1))
    roman = re.match(r"A/RES/\d+ \(([IVXL]+)\)", symbol)
    return _roman(roman.group(1)) if roman else None


def _roman(text: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50}
    total = 0
    for char, following in zip(text, [*text[1:], ""], strict=True):
        value = values[char]
        total += -value if following and values[following] > value else value
    return total


def _split_closing(
    lines: Sequence[Line], parts: Parts
) -> tuple[list[Line], list[Line], list[Line]]:
    """Body lines, lines after the resolution (footnotes, annexes), closing lines."""
    for index, line in enumerate(lines):
        if parts.meeting.match(line.text):
            closing = [line]
            rest = list(lines[index + 1 :])
            while rest and (rest[0].blank or parts.date.search(rest[0].text)) and len(closing) < 3:
                line = rest.pop(0)
                if not line.blank:
                    closing.append(line)
                    if parts.date.search(line.text):
                        break
            return list(lines[:index]), rest, closing
        if parts.annex.match(line.text):
            return list(lines[:index]), list(lines[index:]), []
    return list(lines), [], []


def parse_date(text: str, lang: str, vocab: Vocabulary, parts: Parts) -> date | None:
    """The first date written in words in ``text``, or ``None``."""
    for match in parts.date.finditer(text):
        month = vocab.month(match.group("month"), lang)
        if month is None:
            continue
        try:
            return date(int(match.group("year")), month, int(match.group("day")))
        except ValueError:
            continue
    return None


def _closing(
    closing: Sequence[Line], lang: str, vocab: Vocabulary, parts: Parts
) -> tuple[date | None, int | None]:
    if not closing:
        return None, None
    match = parts.meeting.match(closing[0].text)
    meeting = int(match.group("number")) if match else None
    when = parse_date(" ".join(ln.text for ln in closing[1:]), lang, vocab, parts)
    return when, meeting


def _adoption_line(
    header: Sequence[Line], lang: str, vocab: Vocabulary, parts: Parts
) -> tuple[date | None, int | None]:
    text = " ".join(ln.text.strip() for ln in header)
    match = parts.adopted.search(text)
    if not match:
        return None, None
    return parse_date(text[match.end() :], lang, vocab, parts), int(match.group("number"))


def _paragraphs(
    body: Sequence[Line], lang: str, vocab: Vocabulary, warnings: list[str]
) -> list[RawClause]:
    content = [ln for ln in body if not ln.blank]
    widths = [len(ln.text.strip()) for ln in content]
    full = statistics.median(widths) if widths else 0
    # a content line is indented when it opens with whitespace (indent > 0)
    indented = bool(content) and sum(ln.text[0].isspace() for ln in content) / len(content) > 0.2
    clauses: list[RawClause] = []
    pending: int | None = None
    previous: Line | None = None
    held: Line | None = None
    for position, line in enumerate(content):
        text = line.text
        # the first printed character rules out the number and label patterns without running them
        head = text.lstrip()[:1]
        number_first = head.isdecimal()
        alone = _NUMBER_ALONE.match(text) if number_first else None
        if alone:
            number = int(alone.group("number"))
            following = content[position + 1] if position + 1 < len(content) else None
            current = clauses[-1] if clauses else None
            continues = following is not None and following.text.strip()[:1].islower()
            if (
                current is not None
                and current.number is None
                and current.kind != "preambular"
                and len(current.lines) == 1
                and following is not None
                and (continues or current.lead is not None)
                and not _opens_paragraph(following, previous, lang, vocab, indented, full)
            ):
                current.number = number
            else:
                pending = number
            continue
        inline = _INLINE_NUMBER.match(text) if number_first else None
        if (inline or pending is not None) and held is not None and clauses:
            _release(held, clauses[-1])
            held = None
        if inline:
            number = int(inline.group("number"))
            rest = Line(text[inline.end() :], line.start + inline.end(), line.page)
            lead = vocab.match_lead(rest.text, lang)
            clauses.append(RawClause(_kind(lead) or "operative", number, lead, [rest]))
            pending, previous = None, line
            continue
        if pending is not None:
            lead = vocab.match_lead(text, lang)
            clauses.append(RawClause(_kind(lead) or "operative", pending, lead, [line]))
            pending, previous = None, line
            continue
        label = SUBPARAGRAPH_LABEL.match(text) if head == "(" else None
        if label and clauses and label.group("label") in dict(clauses[-1].subparagraphs):
            # a label printed twice (OCR) would give two parts one identifier
            warnings.append(
                f"sub-paragraph ({label.group('label')}) repeated; read as running text"
            )
            label = None
        if label and clauses:
            _release(held, clauses[-1])
            held = None
            clauses[-1].subparagraphs.append((label.group("label"), [line]))
            clauses[-1].lines.append(line)
            previous = line
            continue
        if held is None and _misplaced_tail(line, previous, clauses):
            # pdftotext printed the last line of "(a)" right after the label: put it back last
            held = line
            continue
        if not clauses or _opens_paragraph(line, previous, lang, vocab, indented, full):
            if held is not None and clauses:
                clauses[-1].lines.append(held)
                clauses[-1].subparagraphs[-1][1].append(held)
                held = None
            lead = vocab.match_lead(text, lang)
            if lead is None:
                warnings.append(f"unknown leading phrase: {' '.join(text.split()[:4])!r}")
            clauses.append(RawClause(_kind(lead), None, lead, [line]))
        else:
            clauses[-1].lines.append(line)
            if clauses[-1].subparagraphs:
                clauses[-1].subparagraphs[-1][1].append(line)
        previous = line
    if held is not None and clauses:
        _release(held, clauses[-1])
    return [
        c
        for c in clauses
        if not _is_heading(c, warnings) and not _other_language(c, lang, vocab, warnings)
    ]


def _misplaced_tail(line: Line, previous: Line | None, clauses: list[RawClause]) -> bool:
    """A lowercase line ending a sentence right after a label printed alone."""
    if not clauses or not clauses[-1].subparagraphs or previous is None:
        return False
    text = line.text.strip()
    label_alone = SUBPARAGRAPH_LABEL.fullmatch(previous.text.strip() + " ") is not None
    return label_alone and text[:1].islower() and text.endswith((";", ".", ":"))


def _release(held: Line | None, clause: RawClause) -> None:
    if held is not None:
        clause.lines.append(held)
        clause.subparagraphs[-1][1].append(held)


def _kind(lead: LeadMatch | None) -> ClauseKind | None:
    return lead.kind if lead else None


def _opens_paragraph(
    line: Line,
    previous: Line | None,
    lang: str,
    vocab: Vocabulary,
    indented: bool,
    full: float,
) -> bool:
    """Whether ``line`` starts a new paragraph rather than continuing one."""
    text = line.text.strip()
    if not text or not text[0].isupper():
        return False
    if indented and line.indent > 0:
        return True
    before = previous.text.rstrip() if previous else ""
    if before[-1:] == "*" or before[-1:].isdecimal():  # else no marker can end the line
        before = _TRAILING_MARKER.sub("", before)
    ended = not before or before.endswith(_TERMINAL) or bool(_NUMBER_ALONE.match(before))
    if not ended:
        return False
    if vocab.match_lead(text, lang) is not None:
        return True
    # An unknown opening word: a new paragraph only after a short (last) line.
    return len(before.strip()) < 0.8 * full


def _other_language(clause: RawClause, lang: str, vocab: Vocabulary, warnings: list[str]) -> bool:
    """A paragraph of another language's column (bilingual printed volumes), left out."""
    if clause.lead is not None:
        return False
    first = clause.lines[0].text.strip()
    for other in sorted(vocab.languages - {lang}):
        organ = _match_organ(first.rstrip(",") + ",", vocab)
        if vocab.match_lead(first, other) is not None or (organ and organ[1] == other):
            words = " ".join(first.split()[:4])
            warnings.append(
                f"reading order uncertain: a paragraph in {other!r} ({words!r}…) left out"
            )
            return True
    return False


def _is_heading(clause: RawClause, warnings: list[str]) -> bool:
    # Unnumbered sub-headings between operative paragraphs ("Reporting").
    text = " ".join(ln.text.strip() for ln in clause.lines)
    heading = (
        clause.lead is None
        and clause.number is None
        and len(clause.lines) == 1
        and not text.endswith(_TERMINAL)
        and len(text) < 80
    )
    if heading:
        warnings[:] = [w for w in warnings if text.split()[0] not in w]
        warnings.append(f"heading {text!r} kept out of the clauses")
    return heading


def find_clauses(
    body: Sequence[Line], lang: str, vocab: Vocabulary, warnings: list[str]
) -> tuple[list[RawClause], list[RawClause]]:
    """The preambular and the operative paragraphs of a body of lines.

    Paragraphs open with a leading phrase or a printed number; everything before
    the first numbered or operative paragraph is preamble.
    """
    return _split_kinds(_paragraphs(body, lang, vocab, warnings), warnings)


def _split_kinds(
    clauses: list[RawClause], warnings: list[str]
) -> tuple[list[RawClause], list[RawClause]]:
    first_operative = next(
        (i for i, c in enumerate(clauses) if c.number is not None or c.kind == "operative"),
        len(clauses),
    )
    preamble = clauses[:first_operative]
    operative = clauses[first_operative:]
    for clause in preamble:
        clause.kind = "preambular"
    for clause in operative:
        clause.kind = "operative"
    numbers = [c.number for c in operative]
    if len(operative) > 1 or any(n is not None for n in numbers):
        expected = list(range(1, len(operative) + 1))
        if numbers != expected:
            warnings.append(f"operative numbers {numbers} are not 1..{len(operative)}")
    return preamble, operative
