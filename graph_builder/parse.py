"""The parser: a source file → one :class:`~graph_builder.model.Document` per resolution it holds.

Runs the stages in order — read, layout, structure, footnote markers,
mentions — and assembles the model. Nothing here knows a language: words come
from the vocabularies under ``ontology/``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from graph_builder import __version__
from graph_builder.annexes import find_annexes
from graph_builder.errors import InputError
from graph_builder.layout import Layout, Line, RawFootnote, footnotes_after, lay_out
from graph_builder.markers import Marker, MarkerFinder, page_finder
from graph_builder.mentions import (
    Found,
    find_addressees,
    find_citations,
    find_dates,
    find_entities,
    find_report_session,
)
from graph_builder.model import (
    Annex,
    Citation,
    Clause,
    DateMention,
    Document,
    Footnote,
    Mention,
    SourceInfo,
    Span,
    SubParagraph,
    clause_ref,
)
from graph_builder.parts import Parts, load_parts
from graph_builder.read import SourceText, read_source
from graph_builder.spans import MappedText
from graph_builder.structure import (
    SUBPARAGRAPH_LABEL,
    RawClause,
    Skeleton,
    find_resolutions,
    join_lines,
    session_of,
)
from graph_builder.vocab import Vocabulary, load_vocabulary

__all__ = ["PARSER_VERSION", "parse_file", "parse_source", "parse_text"]

PARSER_VERSION = __version__
# Words OCR garbled: digits or stray symbols inside words ("1%7", "Jes~", "!'inquietude").
# (The first odd character is read before the look-behinds, so re can skip ahead fast.)
_GARBLED = re.compile(
    r"[\d!~{}|\\](?:(?<=[^\W\d_].)[\d!~{}|\\]*(?=[^\W\d_])|(?<=[~{}|\\])|(?<=!)')"
)
_GARBLED_SHARE = 0.002
# How far a marker may stand after the name it annotates ("Declaration, 1").
_MARKER_REACH = 3


def parse_file(path: str | Path, *, language: str | None = None) -> list[Document]:
    """Parse one source file.

    Args:
        path: a ``.txt`` or ``.pdf`` file.
        language: ISO 639-1 code, overriding the one the file name declares.

    Returns:
        The resolutions the file holds, in reading order.

    Raises:
        InputError: the file cannot be read, or holds no complete resolution.
    """
    return parse_source(read_source(path), language=language)


def parse_text(text: str, *, path: str = "<text>", language: str | None = None) -> list[Document]:
    """Parse text already in memory (as :func:`parse_file` does a file).

    >>> docs = parse_text(open("seeds/A-RES-59-159.en.txt", encoding="utf-8").read(), language="en")
    >>> docs[0].symbol, len(docs[0].preamble), len(docs[0].operative)
    ('A/RES/59/159', 16, 23)
    """
    import hashlib

    source = SourceText(
        text=text,
        path=path,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        encoding="utf-8",
        language=language,
    )
    return parse_source(source)


def parse_source(
    source: SourceText,
    *,
    language: str | None = None,
    vocab: Vocabulary | None = None,
    parts: Parts | None = None,
) -> list[Document]:
    """Parse a decoded source (see :func:`parse_file`)."""
    vocab = vocab or load_vocabulary()
    parts = parts or load_parts()
    if language is not None and language not in vocab.languages:
        known = ", ".join(sorted(vocab.languages))
        raise InputError(
            source.path, f"unknown language {language!r} (the vocabularies hold {known})"
        )
    language = language or source.language
    layout = lay_out(source.text, parts)
    skeletons = find_resolutions(layout.lines, vocab=vocab, parts=parts, language=language)
    if not skeletons and language is not None:
        skeletons = find_resolutions(layout.lines, vocab=vocab, parts=parts)
        for skeleton in skeletons:
            skeleton.warnings.append(
                f"declared language {language!r}, but the text reads as {skeleton.language!r}"
            )
    if not skeletons:
        raise InputError(
            source.path,
            "not a UN resolution: no adopting-organ line (such as 'The General Assembly,') found",
        )
    documents: list[Document] = []
    problems: list[str] = []
    bounds = [s.first.start for s in skeletons[1:]] + [len(source.text)]
    for skeleton, limit in zip(skeletons, bounds, strict=True):
        problem = _incomplete(skeleton)
        if problem:
            problems.append(problem)
            continue
        documents.append(_assemble(skeleton, layout, source, vocab, parts, limit=limit))
    if not documents:
        raise InputError(source.path, problems[0])
    if problems and len(skeletons) > 1:
        documents = [
            _with_warning(
                d, f"{len(problems)} partial resolution(s) on the same pages skipped: {problems[0]}"
            )
            for d in documents
        ]
    return documents


def _incomplete(skeleton: Skeleton) -> str | None:
    if skeleton.symbol is None:
        return "no resolution symbol or number found above the organ line"
    if not skeleton.operative:
        return f"{skeleton.symbol}: truncated or not a resolution: no operative paragraph"
    last = skeleton.operative[-1].text().text.rstrip()
    if skeleton.meeting is None and not last.endswith((".", "»", "”")):
        return (
            f"{skeleton.symbol}: truncated: the last paragraph ends mid-sentence ({last[-30:]!r})"
        )
    return None


def _with_warning(document: Document, warning: str) -> Document:
    from dataclasses import replace

    return replace(document, warnings=(*document.warnings, warning))


def _assemble(
    skeleton: Skeleton,
    layout: Layout,
    source: SourceText,
    vocab: Vocabulary,
    parts: Parts,
    *,
    limit: int,
) -> Document:
    lang = skeleton.language
    warnings = list(layout.warnings) + skeleton.warnings
    raw_notes = [
        n for n in layout.footnotes if skeleton.first.start <= n.span.start < limit
    ] + footnotes_after(skeleton.trailing, parts, {n.number for n in layout.footnotes})
    page_starts = _page_starts(layout.lines)
    finder = MarkerFinder(
        {n.number: n.page for n in raw_notes},
        page_finder(page_starts),
        lambda word: vocab.month(word, lang) is not None,
    )
    footnotes = tuple(Footnote(n.number, n.text, n.span) for n in raw_notes)
    note_citations = _footnote_citations(raw_notes, lang, vocab, parts)

    citations: list[Citation] = []
    mentions: list[Mention] = []
    dates: list[DateMention] = []

    def numbered(raws: Sequence[RawClause], part: str = "") -> dict[str, list[Clause]]:
        """The clauses of the resolution or of one annex, each kind counted from 1."""
        found: dict[str, list[Clause]] = {"preambular": [], "operative": []}
        for raw in raws:
            position = len(found[raw.kind or "operative"]) + 1
            clause = _clause(
                raw, position, finder, note_citations, lang, vocab, citations, mentions, dates,
                part=part,
            )
            found[clause.kind].append(clause)
        return found

    clauses = numbered((*skeleton.preamble, *skeleton.operative))
    raw_annexes = find_annexes(skeleton.trailing, lang, vocab, parts, warnings)
    annexes: list[Annex] = []
    for index, raw_annex in enumerate(raw_annexes):
        if raw_annex.label:
            part = f"annex/{raw_annex.label}"
        else:
            part = "annex" if len(raw_annexes) == 1 else f"annex/{index + 1}"
        own = numbered((*raw_annex.preamble, *raw_annex.operative), part)
        annexes.append(
            Annex(
                ref=part,
                label=raw_annex.label,
                position=index + 1,
                title=raw_annex.title.text if raw_annex.title else None,
                instrument=_opening_instrument(raw_annex.title, lang, vocab),
                preamble=tuple(own["preambular"]),
                operative=tuple(own["operative"]),
                span=Span(raw_annex.first.start, raw_annex.last.end),
            )
        )
    for note, raw_note in zip(footnotes, raw_notes, strict=True):
        for found in note_citations.get(note.number, []):
            citations.append(Citation(found.symbol, note.ref, found.span))
        _footnote_mentions(note.ref, raw_note.mapped, lang, vocab, mentions, dates)
    noise = _garbled_words(source.text[skeleton.first.start : skeleton.last.end])
    if noise:
        warnings.append(
            f"reading order uncertain: the text looks like OCR of a printed page ({noise} garbled "
            f"words; source characters {skeleton.first.start}-{skeleton.last.end})"
        )
    missing = finder.missing()
    if missing:
        warnings.append(f"no marker found in the text for footnote(s) {', '.join(missing)}")
    title = skeleton.title.text if skeleton.title else None
    return Document(
        symbol=skeleton.symbol or "",
        organ=skeleton.organ,
        language=lang,
        title=title,
        adopted_on=skeleton.adopted_on,
        meeting=skeleton.meeting,
        session=session_of(skeleton.symbol or ""),
        preamble=tuple(clauses["preambular"]),
        operative=tuple(clauses["operative"]),
        footnotes=footnotes,
        citations=tuple(citations),
        mentions=tuple(mentions),
        dates=tuple(dates),
        source=SourceInfo(source.path, source.sha256, source.encoding, lang),
        span=Span(skeleton.first.start, max([skeleton.last.end] + [a.span.end for a in annexes])),
        warnings=tuple(dict.fromkeys(warnings)),
        subjects=_subjects(title, clauses["operative"], mentions, lang, vocab),
        annexes=tuple(annexes),
    )


def _subjects(
    title: str | None,
    operative: Sequence[Clause],
    mentions: Sequence[Mention],
    lang: str,
    vocab: Vocabulary,
) -> tuple[str, ...]:
    """Topics the title names; with no title (Security Council), those operative clauses name."""
    if title:
        return vocab.find_topics(title, lang)
    refs = {clause.ref for clause in operative}
    named = (m.entity for m in mentions if m.kind == "topic" and m.clause in refs)
    return tuple(dict.fromkeys(named))


def _opening_instrument(title: MappedText | None, lang: str, vocab: Vocabulary) -> str | None:
    """The named instrument an annex's title opens with ("Bangkok Declaration on …")."""
    if title is None:
        return None
    found = find_entities(title.text, lang, vocab)
    if found and found[0].start == 0 and found[0].kind == "instrument":
        return found[0].value
    return None


def _garbled_words(text: str) -> int:
    """How many words look garbled by OCR, if enough to say so (else 0)."""
    garbled = len(_GARBLED.findall(text))
    if garbled < 3:
        return 0
    return garbled if garbled >= _GARBLED_SHARE * len(text.split()) else 0


def _page_starts(lines: Sequence[Line]) -> list[int]:
    starts: dict[int, int] = {}
    for line in lines:
        starts.setdefault(line.page, line.start)
    pages = max(starts, default=1)
    result, last = [], 0
    for page in range(1, pages + 1):
        last = starts.get(page, last)
        result.append(last)
    result[0] = 0
    return result


class _NoteCitation:
    """A citation found in a footnote: its symbol and its source span."""

    __slots__ = ("span", "symbol")

    def __init__(self, symbol: str, span: Span) -> None:
        self.symbol = symbol
        self.span = span


def _footnote_citations(
    notes: Sequence[RawFootnote], lang: str, vocab: Vocabulary, parts: Parts
) -> dict[str, list[_NoteCitation]]:
    result: dict[str, list[_NoteCitation]] = {}
    previous: list[_NoteCitation] = []
    for note in notes:
        text = note.mapped
        found = [
            _NoteCitation(f.value, text.source_span(f.start, f.end))
            for f in find_citations(text.text, lang, vocab)
        ]
        ibid = parts.ibid.match(text.text)
        if not found and ibid:
            # "Ibid., annex III.": the document of the footnote before, cited where "Ibid" stands
            span = text.source_span(ibid.start(), ibid.end())
            found = [_NoteCitation(c.symbol, span) for c in previous]
        result[note.number] = found
        # "Ibid." is the footnote just before, even when that one cites no symbol.
        previous = found
    return result


def _footnote_mentions(
    ref: str,
    text: MappedText,
    lang: str,
    vocab: Vocabulary,
    mentions: list[Mention],
    dates: list[DateMention],
) -> None:
    """Bodies, instruments, events, places and dates a footnote names ("… Bali Process")."""
    for found in find_entities(text.text, lang, vocab):
        span = text.source_span(found.start, found.end)
        mentions.append(Mention(found.value, found.kind, ref, span, found.text))
    for found in find_dates(text.text, lang, vocab):
        span = text.source_span(found.start, found.end)
        dates.append(DateMention(found.value, ref, span, found.text))


def _clause(
    raw: RawClause,
    position: int,
    finder: MarkerFinder,
    note_citations: dict[str, list[_NoteCitation]],
    lang: str,
    vocab: Vocabulary,
    citations: list[Citation],
    mentions: list[Mention],
    dates: list[DateMention],
    *,
    part: str = "",
) -> Clause:
    kind = raw.kind or "operative"
    ref = clause_ref(kind, position, part)
    text, markers, removed = finder.take(raw.text())
    subparagraphs = tuple(
        SubParagraph(label, sub.text, sub.source_span(), f"{ref}/{label}")
        for label, sub in (
            (label, _strip_label(join_lines(lines).cut_sources(removed)))
            for label, lines in raw.subparagraphs
        )
    )
    lead = vocab.match_lead(text.text, lang, kind=kind) or vocab.match_lead(text.text, lang)
    if lead is None and kind == "operative" and not part:
        # Only the organ's own paragraphs: in an annex "The Committee, …, requests" is a rule.
        lead = vocab.match_inner_lead(text.text, lang)
    entities = find_entities(text.text, lang, vocab)
    for found in find_citations(text.text, lang, vocab):
        citations.append(Citation(found.value, ref, text.source_span(found.start, found.end)))
    for marker in markers:
        span = text.source_span(max(marker.start - 1, 0), marker.start)
        for note in note_citations.get(marker.number, []):
            citations.append(Citation(note.symbol, ref, span, via_footnote=marker.number))
    for found in entities:
        mentions.append(
            Mention(
                entity=found.value,
                kind=found.kind,
                clause=ref,
                span=text.source_span(found.start, found.end),
                text=found.text,
                symbol=_named_in(found, markers, note_citations),
            )
        )
    for found in find_dates(text.text, lang, vocab):
        dates.append(
            DateMention(found.value, ref, text.source_span(found.start, found.end), found.text)
        )
    addressees: tuple[str, ...] = ()
    report_due = None
    if kind == "operative":
        addressees = tuple(find_addressees(text.text, lang, vocab, lead=lead, entities=entities))
        report_due = find_report_session(text.text, lang, vocab)
    return Clause(
        kind=kind,
        position=position,
        number=raw.number,
        lead=lead.lead if lead else None,
        action=lead.action if lead else None,
        text=text.text,
        span=text.source_span(),
        subparagraphs=subparagraphs,
        addressees=addressees,
        report_due_session=report_due,
        footnotes=tuple(dict.fromkeys(m.number for m in markers)),
        part=part,
    )


def _named_in(
    found: Found, markers: Sequence[Marker], note_citations: dict[str, list[_NoteCitation]]
) -> str | None:
    """The document a footnote says a named instrument is in ("Millennium Declaration¹").

    Only a footnote's first marker says so: later ones may annotate a neighbouring name.
    """
    if found.kind != "instrument":
        return None
    for marker in markers:
        if marker.first and 0 <= marker.start - found.end <= _MARKER_REACH:
            symbols = {c.symbol for c in note_citations.get(marker.number, [])}
            if len(symbols) == 1:
                return symbols.pop()
    return None


def _strip_label(text: MappedText) -> MappedText:
    match = SUBPARAGRAPH_LABEL.match(text.text)
    return text.slice(match.end()) if match else text
