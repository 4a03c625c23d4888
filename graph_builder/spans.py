"""Text joined from source lines that still knows where each character came from.

Clause text is reflowed (one space between words, line breaks joined, footnote
markers removed) but every character keeps its source offset, so any match in
the clean text maps back to a :class:`~graph_builder.model.Span` of the source.

The map is kept as runs: run *i* covers ``text[starts[i]:starts[i] + lengths[i]]``,
copied from the source at ``sources[i]``; characters between runs (the spaces
that join lines) have no source of their own.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from graph_builder.model import Span

_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class MappedText:
    """A string and the runs that map it back to the source."""

    text: str
    starts: tuple[int, ...]
    sources: tuple[int, ...]
    lengths: tuple[int, ...]

    @classmethod
    def join(cls, pieces: Iterable[tuple[str, int]]) -> MappedText:
        """Join ``(line text, source offset)`` pieces word by word.

        A line ending in a hyphen joins the next line without a space ("Twenty-" +
        "first"); other line breaks and runs of spaces become one space.

        >>> m = MappedText.join([("Recalling  its", 10), ("resolution", 30)])
        >>> m.text, m.source_span(10, 20)
        ('Recalling its resolution', Span(start=21, end=36))
        """
        parts: list[str] = []
        size = 0
        starts: list[int] = []
        sources: list[int] = []
        lengths: list[int] = []
        for line, start in pieces:
            stripped = line.strip()
            if not stripped:
                continue
            if "  " not in stripped and "\t" not in stripped:
                # the common case: the whole line is one run
                if parts and not (parts[-1][-1] == "-" and stripped[:1].islower()):
                    parts.append(" ")
                    size += 1
                starts.append(size)
                sources.append(start + line.index(stripped[0]))
                lengths.append(len(stripped))
                parts.append(stripped)
                size += len(stripped)
                continue
            words = [(m.group(), start + m.start()) for m in _WORD.finditer(line)]
            first = True
            for word, source in words:
                if parts and not (first and parts[-1][-1] == "-" and word[:1].islower()):
                    parts.append(" ")
                    size += 1
                first = False
                starts.append(size)
                sources.append(source)
                lengths.append(len(word))
                parts.append(word)
                size += len(word)
        return cls("".join(parts), tuple(starts), tuple(sources), tuple(lengths))

    def __len__(self) -> int:
        return len(self.text)

    def source_at(self, index: int) -> int | None:
        """The source offset of ``text[index]``, or ``None`` for a joining space."""
        run = bisect.bisect_right(self.starts, index) - 1
        if run < 0:
            return None
        inside = index - self.starts[run]
        return self.sources[run] + inside if inside < self.lengths[run] else None

    def source_span(self, start: int = 0, end: int | None = None) -> Span:
        """The source span of ``text[start:end]`` (joining spaces take their neighbours')."""
        end = len(self.text) if end is None else end
        if not self.starts:
            return Span(0, 0)
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
        return self._keep([(start, end)])

    def cut(self, ranges: Sequence[tuple[int, int]]) -> MappedText:
        """Remove the ``[start, end)`` ranges, then fold the double spaces they leave.

        >>> m = MappedText.join([("Declaration, 1 as well", 0)])
        >>> c = m.cut([(13, 15)])
        >>> c.text, c.source_span(13, 15)
        ('Declaration, as well', Span(start=15, end=17))
        """
        keep: list[tuple[int, int]] = []
        position = 0
        for start, end in sorted(ranges):
            if start > position:
                keep.append((position, start))
            position = max(position, end)
        keep.append((position, len(self.text)))
        kept = self._keep(keep)
        folded = kept
        if "  " in kept.text:  # else there is nothing to fold
            doubled = [(m.start(), m.start() + 1) for m in re.finditer(r" (?= )", kept.text)]
            folded = kept._keep(_complement(doubled, len(kept.text)))
        return folded.slice(0)

    def cut_sources(self, spans: Sequence[Span]) -> MappedText:
        """Remove every character copied from inside one of the source ``spans``."""
        ranges = []
        for start, source, length in zip(self.starts, self.sources, self.lengths, strict=True):
            for span in spans:
                low, high = max(source, span.start), min(source + length, span.end)
                if low < high:
                    ranges.append((start + low - source, start + high - source))
        return self.cut(ranges) if ranges else self

    def _keep(self, ranges: Sequence[tuple[int, int]]) -> MappedText:
        """The text made of the given ``[start, end)`` ranges, in order, runs remapped."""
        parts: list[str] = []
        starts: list[int] = []
        sources: list[int] = []
        lengths: list[int] = []
        size = 0
        for start, end in ranges:
            if start >= end:
                continue
            parts.append(self.text[start:end])
            run = max(bisect.bisect_right(self.starts, start) - 1, 0)
            while run < len(self.starts) and self.starts[run] < end:
                low = max(start, self.starts[run])
                high = min(end, self.starts[run] + self.lengths[run])
                if low < high:
                    starts.append(size + low - start)
                    sources.append(self.sources[run] + low - self.starts[run])
                    lengths.append(high - low)
                run += 1
            size += end - start
        return MappedText("".join(parts), tuple(starts), tuple(sources), tuple(lengths))

    def _nearest(self, index: int, *, step: int) -> int:
        size = len(self.text)
        index = max(0, min(index, size - 1))
        # the common case first: the character has a source of its own
        run = bisect.bisect_right(self.starts, index) - 1
        if run >= 0 and index - self.starts[run] < self.lengths[run]:
            return self.sources[run] + index - self.starts[run]
        for direction in (step, -step):
            probe = index
            while 0 <= probe < size:
                source = self.source_at(probe)
                if source is not None:
                    return source
                probe += direction
        return self.sources[0] if self.sources else 0


def _complement(ranges: Sequence[tuple[int, int]], size: int) -> list[tuple[int, int]]:
    keep, position = [], 0
    for start, end in ranges:
        keep.append((position, start))
        position = end
    keep.append((position, size))
    return keep
