"""Stage 3b: the annexes printed after a resolution's closing lines.

An annex opens with its heading ("Annex", "Annex II"), then its title: the
lines before the first one that ends with punctuation or opens a paragraph.
An enacting formula may follow ("We, the States Members of the United
Nations,"); then come preambular and operative paragraphs, found as in the
resolution itself (:func:`graph_builder.structure.find_clauses`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from graph_builder.layout import Line
from graph_builder.parts import Parts
from graph_builder.spans import MappedText
from graph_builder.structure import RawClause, find_clauses, join_lines, opens_with_number
from graph_builder.vocab import Vocabulary

# A title is a few lines at most; a longer run without punctuation is text, not a title.
_TITLE_LINES = 4
# "We, the States Members of the United Nations," fits on a line; a paragraph's first line is full.
_FORMULA_CHARACTERS = 60


@dataclass
class RawAnnex:
    """An annex as found: its label ("II", or ``None``), title and paragraphs."""

    label: str | None
    title: MappedText | None
    preamble: list[RawClause]
    operative: list[RawClause]
    first: Line
    last: Line


def find_annexes(
    trailing: Sequence[Line], lang: str, vocab: Vocabulary, parts: Parts, warnings: list[str]
) -> list[RawAnnex]:
    """The annexes in the lines after a resolution's closing lines, in order.

    Warnings about an annex's paragraphs are added to ``warnings``, prefixed with
    the annex they are about.
    """
    starts = [i for i, line in enumerate(trailing) if parts.annex.match(line.text)]
    annexes = []
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else len(trailing)
        heading = trailing[start]
        match = parts.annex.match(heading.text)
        label = match.group("label") if match else None
        content = [line for line in trailing[start + 1 : end] if not line.blank]
        title = _title(content, lang, vocab)
        body = content[len(title) :]
        if body and _is_formula(body[0], lang, vocab):
            body = body[1:]
        found: list[str] = []
        preamble, operative = find_clauses(body, lang, vocab, found)
        name = f"annex {label}" if label else "annex"
        warnings.extend(f"{name}: {warning}" for warning in found)
        if not preamble and not operative:
            warnings.append(f"{name}: no paragraphs found under {heading.text.strip()!r}")
        annexes.append(
            RawAnnex(
                label=label,
                title=join_lines(title) if title else None,
                preamble=preamble,
                operative=operative,
                first=heading,
                last=content[-1] if content else heading,
            )
        )
    return annexes


def _title(content: Sequence[Line], lang: str, vocab: Vocabulary) -> list[Line]:
    title: list[Line] = []
    for line in content[:_TITLE_LINES]:
        text = line.text.strip()
        if _opens_paragraph(text, lang, vocab) or text.endswith((",", ";", ":", ".")):
            break
        title.append(line)
    return title if len(title) < len(content) else []


def _opens_paragraph(text: str, lang: str, vocab: Vocabulary) -> bool:
    return opens_with_number(text) or vocab.match_lead(text, lang) is not None


def _is_formula(line: Line, lang: str, vocab: Vocabulary) -> bool:
    """A one-line enacting formula: short, ends with a comma, opens no paragraph."""
    text = line.text.strip()
    return (
        len(text) <= _FORMULA_CHARACTERS
        and text.endswith(",")
        and not _opens_paragraph(text, lang, vocab)
    )
