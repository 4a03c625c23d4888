"""The document model every stage after parsing reads.

Plain frozen dataclasses: the parser fills them, ``emit`` turns them into RDF,
``parse --json`` prints them through :func:`Document.to_json`.

Clause references (``ref``) are the language-independent paths that also end
the clause IRIs: ``pre/3``, ``op/5``, ``op/5/a``, ``fn/9`` and ``title``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

ClauseKind = Literal["preambular", "operative"]


@dataclass(frozen=True, order=True)
class Span:
    """Half-open character offsets ``[start, end)`` into the source text.

    >>> Span(3, 9).as_list()
    [3, 9]
    """

    start: int
    end: int

    def as_list(self) -> list[int]:
        return [self.start, self.end]


@dataclass(frozen=True)
class SourceInfo:
    """Where a document came from, for provenance."""

    path: str
    sha256: str
    encoding: str
    language: str


@dataclass(frozen=True)
class SubParagraph:
    """A lettered or numbered sub-paragraph: ``(a)``, ``(ii)``."""

    label: str
    text: str
    span: Span
    ref: str


@dataclass(frozen=True)
class Clause:
    """A preambular or operative paragraph.

    ``position`` counts clauses of one kind from 1 in reading order; ``number``
    is the printed operative number (``None`` for preambular clauses and for an
    unnumbered sole operative paragraph).
    """

    kind: ClauseKind
    position: int
    number: int | None
    lead: str | None
    action: str | None
    text: str
    span: Span
    subparagraphs: tuple[SubParagraph, ...] = ()
    addressees: tuple[str, ...] = ()
    report_due_session: int | None = None
    footnotes: tuple[str, ...] = ()

    @property
    def ref(self) -> str:
        return f"{'pre' if self.kind == 'preambular' else 'op'}/{self.position}"


@dataclass(frozen=True)
class Footnote:
    """A footnote; ``number`` is a string because some are ``*``."""

    number: str
    text: str
    span: Span

    @property
    def ref(self) -> str:
        return "fn/star" if self.number == "*" else f"fn/{self.number}"


@dataclass(frozen=True)
class Citation:
    """A cited document symbol, normalised (``A/RES/46/152``, ``E/2004/30``).

    ``clause`` is the ref of the clause or footnote where the symbol is written;
    ``via_footnote`` is set when a clause cites it through a footnote marker.
    """

    symbol: str
    clause: str
    span: Span
    via_footnote: str | None = None


@dataclass(frozen=True)
class Mention:
    """A body, named instrument, event, place, group or topic named in a clause.

    ``entity`` is the id of an authority record in ``ontology/`` (``body/unodc``);
    ``symbol`` is the document a footnote says the named thing is in
    ("Millennium Declaration¹" with footnote "See resolution 55/2." → A/RES/55/2).
    """

    entity: str
    kind: str
    clause: str
    span: Span
    text: str
    symbol: str | None = None


@dataclass(frozen=True)
class DateMention:
    """A calendar date or year written in a clause."""

    value: str
    clause: str
    span: Span
    text: str


@dataclass(frozen=True)
class Document:
    """One parsed resolution in one language.

    ``subjects`` are the topics (``topic/corruption``) the resolution deals with: those
    its title names, or, for a resolution without a title, those its operative
    paragraphs name.
    """

    symbol: str
    organ: str | None
    language: str
    title: str | None
    adopted_on: date | None
    meeting: int | None
    session: int | None
    preamble: tuple[Clause, ...]
    operative: tuple[Clause, ...]
    footnotes: tuple[Footnote, ...]
    citations: tuple[Citation, ...]
    mentions: tuple[Mention, ...]
    dates: tuple[DateMention, ...]
    source: SourceInfo
    span: Span
    warnings: tuple[str, ...] = field(default=())
    subjects: tuple[str, ...] = field(default=())

    @property
    def clauses(self) -> tuple[Clause, ...]:
        return self.preamble + self.operative

    def to_json(self) -> dict[str, Any]:
        """The ``unkg parse --json`` shape (key names are a public interface)."""
        return {
            "symbol": self.symbol,
            "organ": self.organ,
            "language": self.language,
            "title": self.title,
            "subjects": list(self.subjects),
            "adopted_on": self.adopted_on.isoformat() if self.adopted_on else None,
            "meeting": self.meeting,
            "session": self.session,
            "preamble": [_clause_json(c) for c in self.preamble],
            "operative": [_clause_json(c) for c in self.operative],
            "footnotes": [
                {"number": f.number, "text": f.text, "span": f.span.as_list()}
                for f in self.footnotes
            ],
            "citations": [
                {
                    "symbol": c.symbol,
                    "clause": c.clause,
                    "span": c.span.as_list(),
                    "via_footnote": c.via_footnote,
                }
                for c in self.citations
            ],
            "mentions": [
                {
                    "entity": m.entity,
                    "kind": m.kind,
                    "clause": m.clause,
                    "span": m.span.as_list(),
                    "text": m.text,
                    "symbol": m.symbol,
                }
                for m in self.mentions
            ],
            "dates": [
                {"date": d.value, "clause": d.clause, "span": d.span.as_list(), "text": d.text}
                for d in self.dates
            ],
            "source": {
                "path": self.source.path,
                "sha256": self.source.sha256,
                "encoding": self.source.encoding,
                "span": self.span.as_list(),
            },
            "warnings": list(self.warnings),
        }


def _clause_json(clause: Clause) -> dict[str, Any]:
    data: dict[str, Any] = {
        "ref": clause.ref,
        "lead": clause.lead,
        "action": clause.action,
        "text": clause.text,
        "span": clause.span.as_list(),
        "footnotes": list(clause.footnotes),
    }
    if clause.kind == "operative":
        data = {"number": clause.number, **data}
        data["subparagraphs"] = [
            {"label": s.label, "text": s.text, "span": s.span.as_list()}
            for s in clause.subparagraphs
        ]
        data["addressees"] = list(clause.addressees)
        data["report_due_session"] = clause.report_due_session
    return data
