"""The document model every stage after parsing reads.

Plain frozen dataclasses: the parser fills them, ``emit`` turns them into RDF,
``parse --json`` prints them through :func:`Document.to_json`.

Clause references (``ref``) are the language-independent paths that also end
the clause IRIs: ``pre/3``, ``op/5``, ``op/5/a``, ``fn/9`` and ``title``; the
clauses of an annex start with the annex's own path (``annex/op/3``,
``annex/II/pre/1``).
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
    unnumbered sole operative paragraph). ``part`` is the ref of the annex that
    holds the clause, or empty for the resolution's own clauses.
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
    part: str = ""

    @property
    def ref(self) -> str:
        return clause_ref(self.kind, self.position, self.part)


def clause_ref(kind: str, position: int, part: str = "") -> str:
    """The ref of the clause of ``kind`` at ``position`` in the resolution or an annex.

    >>> clause_ref("operative", 3), clause_ref("preambular", 1, "annex/II")
    ('op/3', 'annex/II/pre/1')
    """
    own = f"{'pre' if kind == 'preambular' else 'op'}/{position}"
    return f"{part}/{own}" if part else own


@dataclass(frozen=True)
class Annex:
    """An annex printed after the resolution: a declaration, rules, a convention.

    ``ref`` is ``annex`` for a sole unnumbered annex, else ``annex/`` and its label
    (``annex/II``); its clauses carry it as their ``part``. ``instrument`` is the
    named instrument its title opens with (``instrument/bangkok-declaration``).
    """

    ref: str
    label: str | None
    position: int
    title: str | None
    preamble: tuple[Clause, ...]
    operative: tuple[Clause, ...]
    span: Span
    instrument: str | None = None

    @property
    def clauses(self) -> tuple[Clause, ...]:
        return self.preamble + self.operative


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
    annexes: tuple[Annex, ...] = field(default=())

    @property
    def clauses(self) -> tuple[Clause, ...]:
        """The resolution's own clauses (not those of its annexes)."""
        return self.preamble + self.operative

    @property
    def all_clauses(self) -> tuple[Clause, ...]:
        """The resolution's clauses, then those of each annex."""
        return self.clauses + tuple(c for annex in self.annexes for c in annex.clauses)

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
            "annexes": [
                {
                    "ref": a.ref,
                    "label": a.label,
                    "title": a.title,
                    "instrument": a.instrument,
                    "preamble": [_clause_json(c) for c in a.preamble],
                    "operative": [_clause_json(c) for c in a.operative],
                    "span": a.span.as_list(),
                }
                for a in self.annexes
            ],
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
