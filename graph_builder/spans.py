"""Text joined from source lines that still knows where each character came from.

Clause text is reflowed (one space between words, line breaks joined, footnote
markers removed) but every character keeps its source offset, so any match in
the clean text maps back to a :class:`~graph_builder.model.Span` of the source.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from graph_builder.model import Span

_WORD = re.compile(r"\S+")
_NO_SOURCE = -1


@dataclass(frozen=True)
class MappedText:
    """A string and, for each character, its offset in the source (``-1``: inserted space)."""

    text: str
    offsets: tuple[int, ...]

    @classmethod
    def join(cls, pieces: Iterable[tuple[str, int]]) -> MappedText:
        """Join ``(line text, source offset)`` pieces word by word.

        A line ending in a hyphen joins the next line without a space ("Twenty-" +
        "first"); other line breaks and runs of spaces become one space.

        >>> m = MappedText.join([("Recalling  its", 10), ("resolution", 30)])
        >>> m.text, m.source_span(10, 20)
        ('Recalling its resolution', Span(start=20, end=40))
        """
        chars: list[str] = []
        offsets: list[int] = []
        for line, start in pieces:
            for index, word in enumerate(_WORD.finditer(line)):
                glued = index == 0 and chars and chars[-1] == "-" and word.group()[:1].islower()
                if chars and not glued:
                    chars.append(" ")
                    offsets.append(_NO_SOURCE)
                chars.extend(word.group())
                offsets.extend(range(start + word.start(), start + word.end()))
        return cls("".join(chars), tuple(offsets))

    def __len__(self) -> int:
        return len(self.text)

    def source_span(self, start: int = 0, end: int | None = None) -> Span:
        """The source span of ``text[start:end]`` (inserted spaces take their neighbours')."""
        end = len(self.text) if end is None else end
        if start >= end:
            anchor = self._nearest(min(start, len(self.text) - 1), step=1)
            return Span(anchor, anchor)
        first = self._nearest(start, step=1)
        last = self._nearest(end - 1, step=-1)
        return Span(first, last + 1)

    def slice(self, start: int, end: int | None = None) -> MappedText:
        """The part ``[start:end)``, trimmed of spaces at both ends."""
        end = len(self.text) if end is None else end
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return MappedText(self.text[start:end], self.offsets[start:end])

    def cut(self, ranges: Sequence[tuple[int, int]]) -> MappedText:
        """Remove the ``[start, end)`` ranges, then fold the spaces they leave.

        >>> m = MappedText.join([("Declaration, 1 as well", 0)])
        >>> m.cut([(13, 14)]).text
        'Declaration, as well'
        """
        drop = set()
        for start, end in ranges:
            drop.update(range(start, end))
        chars: list[str] = []
        offsets: list[int] = []
        for index, char in enumerate(self.text):
            if index in drop:
                continue
            if char == " " and (not chars or chars[-1] == " "):
                continue
            chars.append(char)
            offsets.append(self.offsets[index])
        text = "".join(chars)
        # a marker removed before punctuation leaves "word ;": keep the text as printed
        return MappedText(text, tuple(offsets)).slice(0)

    def _nearest(self, index: int, *, step: int) -> int:
        size = len(self.offsets)
        if size == 0:
            return 0
        index = max(0, min(index, size - 1))
        probe = index
        while 0 <= probe < size:
            if self.offsets[probe] != _NO_SOURCE:
                return self.offsets[probe]
            probe += step
        probe = index
        while 0 <= probe < size:
            if self.offsets[probe] != _NO_SOURCE:
                return self.offsets[probe]
            probe -= step
        return 0
