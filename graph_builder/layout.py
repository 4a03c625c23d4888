"""Stage 2: page layout → body lines and footnotes.

Drops page furniture (page headers and numbers, job numbers, barcodes, running
titles, anchor residue), lifts footnote blocks out of the running text and
pairs footnote numbers with their texts, keeping every line's offset into the
source so later stages can point back at it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph_builder.model import Span
from graph_builder.parts import Parts
from graph_builder.spans import MappedText

# A footnote rule: a line of underscores.
_RULE = re.compile(r"^\s*_{5,}\s*$")
# A document symbol alone on a line, as page headers print it.
_SYMBOL_LINE = re.compile(
    r"""^\s*
    (?:[ASE]/(?:RES/)?(?:ES-\d+/)?[\d/A-Za-z.-]*\d)   # A/RES/59/159, S/RES/1540, A/RES/ES-10/1
    (?:\s*\(\d{4}\))?                                # SC year: (2004)
    \*?\s*$""",
    re.VERBOSE,
)
# Page numbers: "3", "3/10".
_PAGE_NUMBER = re.compile(r"^\s*\d{1,3}(?:\s*/\s*\d{1,3})?\s*$")
# Job numbers and barcodes: "04-48580", "93-30628 (E)", "12-48994*", "*0947257*", "250593".
_JOB = re.compile(
    r"""^\s*(?:
        \d{2}-\d{5}\*?(?:\s*\([A-Z]\))?(?:\s+\d{6})?   # job number, optional language and date code
      | \*\d{5,}\*                                     # barcode text
      | \d{6}                                          # date code alone
    )\s*$""",
    re.VERBOSE,
)
# Page numbers of the form "2/10" are never text.
_PAGE_OF = re.compile(r"^\s*\d{1,3}\s*/\s*\d{1,3}\s*$")
# Word footnote-anchor and hyperlink residue: "0F", "12H".
_ANCHOR = re.compile(r"^\s*\d{1,3}[FH]\s*$")
# Stray symbols and continuation marks: "♲", "/...", "I • ••", "s", "A".
_STRAY = re.compile(r"^\s*(?:[♲•.·\s/I]*[♲•/][♲•.·\s/I]*|[a-zA-Z])\s*$")
# The four shapes above in one pass, as every line is tested against them.
_FURNITURE = re.compile(
    "|".join(f"(?:{p.pattern})" for p in (_JOB, _PAGE_OF, _ANCHOR, _STRAY)), re.VERBOSE
)
# A footnote line that starts with its number (or "*"): "9 A/59/205.", "* Reissued …".
_NUMBERED_NOTE = re.compile(r"^\s*(?P<number>\d{1,3}|\*)\s+(?P<text>\S.*)$")
_STAR_NOTE = re.compile(r"^\s*\*\s+\S")
_NOTE_NUMBER_ALONE = re.compile(r"^\s*(?P<number>\d{1,3}|\*)\s*$")
_MASTHEAD_LINES = 25


@dataclass(frozen=True)
class Line:
    """One line of the source: ``text`` without its line break, ``start`` its offset."""

    text: str
    start: int
    page: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def indent(self) -> int:
        return len(self.text) - len(self.text.lstrip())

    @property
    def blank(self) -> bool:
        return not self.text or self.text.isspace()  # as "not strip()", without a copy


@dataclass(frozen=True)
class RawFootnote:
    """A footnote as the layout found it, before markers are resolved."""

    number: str
    mapped: MappedText
    span: Span
    page: int

    @property
    def text(self) -> str:
        return self.mapped.text


@dataclass(frozen=True)
class Layout:
    """Body lines in reading order (blank lines kept) and the footnotes lifted out."""

    lines: tuple[Line, ...]
    footnotes: tuple[RawFootnote, ...]
    indented: bool
    warnings: tuple[str, ...]


def split_lines(text: str) -> list[Line]:
    """Cut the source into lines with offsets and page numbers (form feeds start pages).

    >>> [(ln.text, ln.start, ln.page) for ln in split_lines("a\\n\\fb c\\n")]
    [('a', 0, 1), ('b c', 3, 2)]
    """
    lines: list[Line] = []
    page, offset = 1, 0
    for raw in text.split("\n"):
        start = offset
        offset += len(raw) + 1
        body = raw.rstrip("\r")
        while "\f" in body:
            before, _, body = body.partition("\f")
            if before.strip():
                lines.append(Line(before, start, page))
            start += len(before) + 1
            page += 1
        lines.append(Line(body.rstrip(), start, page))
    if lines and lines[-1].blank and lines[-1].start >= len(text):
        lines.pop()
    return lines


def lay_out(text: str, parts: Parts) -> Layout:
    """Separate running text from furniture and footnotes.

    Args:
        text: the whole decoded source.
        parts: document-part vocabulary (footer phrases, …).

    Returns:
        The body lines, the footnotes and any warnings about uncertain layout.
    """
    lines = split_lines(text)
    indented = _is_indented(lines)
    pages: dict[int, list[Line]] = {}
    for line in lines:
        pages.setdefault(line.page, []).append(line)
    masthead = _normalise(" ".join(ln.text for ln in lines[: _MASTHEAD_LINES * 2]))
    body: list[Line] = []
    footnotes: list[RawFootnote] = []
    warnings: list[str] = []
    seen: set[str] = set()
    for page, page_lines in pages.items():
        kept, notes = _page(
            page,
            page_lines,
            indented=indented,
            masthead=masthead,
            parts=parts,
            seen=seen,
            paged=len(pages) > 1,
        )
        body.extend(kept)
        footnotes.extend(notes)
    return Layout(tuple(body), tuple(footnotes), indented, tuple(warnings))


def footnotes_after(lines: list[Line], parts: Parts, seen: set[str]) -> list[RawFootnote]:
    """Footnotes printed after a resolution's closing lines without a rule above them."""
    block: list[Line] = []
    for line in lines:
        if parts.annex.match(line.text):
            break
        block.append(line)
    content = [ln for ln in block if not ln.blank and not is_furniture(ln, parts)]
    if not content or not (
        _NOTE_NUMBER_ALONE.match(content[0].text) or _NUMBERED_NOTE.match(content[0].text)
    ):
        return []
    page = content[0].page
    return _footnotes(block, page, parts, set(seen))


def is_furniture(line: Line, parts: Parts) -> bool:
    """Lines that belong to the page, not the text: job numbers, barcodes, footers.

    >>> from graph_builder.parts import load_parts
    >>> is_furniture(Line("04-48580", 0, 1), load_parts())
    True
    >>> is_furniture(Line("Recalling its resolution", 0, 1), load_parts())
    False
    """
    text = line.text
    return bool(_FURNITURE.match(text) or parts.is_footer(text))


def _page(
    page: int,
    lines: list[Line],
    *,
    indented: bool,
    masthead: str,
    parts: Parts,
    seen: set[str],
    paged: bool,
) -> tuple[list[Line], list[RawFootnote]]:
    kept: list[Line] = []
    block: list[Line] = []
    blocks: list[list[Line]] = []
    in_block = False
    content = [i for i, line in enumerate(lines) if not line.blank]
    edge = set(content[:3] + content[-4:])
    top = set(content[:4])
    header_at = -10
    for index, line in enumerate(lines):
        text = line.text
        # the first printed character rules out most patterns without running them
        head = text.lstrip()[:1]
        if head == "_" and _RULE.match(text):
            if block:
                blocks.append(block)
            block, in_block = [], True
            continue
        if not in_block and head == "*" and _STAR_NOTE.match(text):
            # "* Definitions …": a starred footnote, sometimes printed without a rule
            block, in_block = [], True
        if in_block and _ends_block(line, indented=indented, parts=parts):
            blocks.append(block)
            block, in_block = [], False
        if in_block:
            block.append(line)
            continue
        if not head:  # a blank line
            kept.append(line)
            continue
        if is_furniture(line, parts):
            continue
        if (
            (page > 1 or line.start > 0)
            and head in "ASE"
            and _SYMBOL_LINE.match(text)
            and not _in_masthead(line)
        ):
            header_at = index
            continue
        if (
            head.isdecimal()
            and _PAGE_NUMBER.match(text)
            and ((paged and index in edge) or _near_header(lines, index, header_at))
        ):
            continue
        if index in edge and parts.is_page_label(text):
            continue
        if page > 1 and index in top and _is_running_title(text, masthead):
            continue
        kept.append(line)
    if block:
        blocks.append(block)
    notes = [note for b in blocks for note in _footnotes(b, page, parts, seen)]
    return kept, notes


def _near_header(lines: list[Line], index: int, header_at: int) -> bool:
    """A page number printed next to a page header (pages may lack form feeds)."""
    between = [ln for ln in lines[header_at + 1 : index] if not ln.blank]
    if header_at >= 0 and not between and index - header_at <= 3:
        return True
    following = next((ln for ln in lines[index + 1 : index + 4] if not ln.blank), None)
    return following is not None and bool(_SYMBOL_LINE.match(following.text))


def _in_masthead(line: Line) -> bool:
    # The first page's masthead prints the symbol the structure stage reads.
    return line.page == 1 and line.start < 600


def _ends_block(line: Line, *, indented: bool, parts: Parts) -> bool:
    # Without form feeds the block ends where the body resumes: an indented line
    # in a document whose paragraphs are indented, or the next page's header.
    if line.blank:
        return False
    if _SYMBOL_LINE.match(line.text):
        return True
    return indented and line.indent > 0


def _is_running_title(text: str, masthead: str) -> bool:
    norm = _normalise(text)
    return len(norm) >= 12 and norm in masthead


def _normalise(text: str) -> str:
    return " ".join(text.split()).casefold()


def _is_indented(lines: list[Line]) -> bool:
    content = indented = 0
    for line in lines:
        text = line.text
        if text and not text.isspace():
            content += 1
            indented += text[0].isspace()  # indent > 0
    if not content:
        return False
    return indented / content > 0.2


def _footnotes(block: list[Line], page: int, parts: Parts, seen: set[str]) -> list[RawFootnote]:
    """Pair footnote numbers with their texts.

    pdftotext may print the numbers apart from the texts, out of order, or mixed
    with the page number; the texts keep their order. So: numbers sorted, texts
    in reading order, paired one to one. Footnotes are numbered in sequence
    through the document, which tells a footnote "21 May 2004 …" from a wrapped line.
    """
    numbers: list[str] = []
    segments: list[list[Line]] = []
    fresh = True
    for line in block:
        if line.blank or is_furniture(line, parts) or parts.is_page_label(line.text):
            continue
        alone = _NOTE_NUMBER_ALONE.match(line.text)
        if alone:
            number = alone.group("number")
            if not (number in seen and number == str(page)):
                numbers.append(number)
            fresh = True
            continue
        numbered = _NUMBERED_NOTE.match(line.text)
        if numbered and numbered.group("number") in {"*", _next_number(seen, numbers)}:
            numbers.append(numbered.group("number"))
            offset = line.text.index(numbered.group("text"))
            segments.append([Line(numbered.group("text"), line.start + offset, line.page)])
            fresh = False
            continue
        if fresh or not segments:
            segments.append([line])
            fresh = False
        else:
            segments[-1].append(line)
    if len(numbers) > len(segments) and numbers.count(str(page)) > 1:
        numbers.remove(str(page))
    if len(segments) < len(numbers):
        segments = _split_sentences(segments, len(numbers))
    numbers = _drop_page_number(numbers, page, len(segments))
    numbers.sort(key=_note_order)
    notes = []
    for number, segment in zip(numbers, segments, strict=False):
        mapped = MappedText.join((line.text, line.start) for line in segment)
        notes.append(RawFootnote(number, mapped, Span(segment[0].start, segment[-1].end), page))
        seen.add(number)
    return notes


def _next_number(seen: set[str], pending: list[str]) -> str:
    numbers = [int(n) for n in (*seen, *pending) if n.isdigit()]
    return str(max(numbers, default=0) + 1)


def _drop_page_number(numbers: list[str], page: int, texts: int) -> list[str]:
    """Remove the page number that pdftotext printed among the footnote numbers."""
    if len(numbers) <= texts:
        return numbers
    page_labels = {str(page)}
    for index in range(len(numbers) - 1, -1, -1):
        if numbers[index] in page_labels:
            return numbers[:index] + numbers[index + 1 :]
    return numbers


def _split_sentences(segments: list[list[Line]], wanted: int) -> list[list[Line]]:
    """Split text runs at sentence ends until there is one per footnote number."""
    result: list[list[Line]] = []
    spare = wanted - len(segments)
    for segment in segments:
        current = [segment[0]]
        for line in segment[1:]:
            previous = current[-1].text.rstrip()
            starts = line.text.lstrip()[:1]
            if spare > 0 and previous.endswith(".") and (starts.isupper() or starts.isdigit()):
                result.append(current)
                current = [line]
                spare -= 1
            else:
                current.append(line)
        result.append(current)
    return result


def _note_order(number: str) -> tuple[int, int]:
    return (0, 0) if number == "*" else (1, int(number))


