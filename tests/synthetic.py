"""A seeded synthetic corpus of resolutions recombined from the real ones.

Real General Assembly resolutions are parsed once; their headers (symbol, session,
title, adopting organ), closings (meeting, date), preambular and operative clauses
become the parts. Each synthetic resolution takes one real header and closing, gives
it a new symbol, and fills it with real clauses drawn at random, their cited symbols
and years varied. The same seed gives the same files.

Run ``python tests/synthetic.py OUT --documents 100`` to write a corpus.
"""

from __future__ import annotations

import argparse
import random
import re
import textwrap
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "tests" / "data" / "corpus"
SEEDS = REPO / "seeds"

# A modern General Assembly symbol as it is printed in headers: "59/159".
_GA_SYMBOL = re.compile(r"^A/RES/(?P<session>\d+)/(?P<number>\d+)$")
# A resolution number cited in a clause ("resolution 58/140", "decision 2004/28").
_CITED = re.compile(r"\b(?P<session>[1-7]\d)/(?P<number>\d{1,3})\b")
# A year written in a clause.
_YEAR = re.compile(r"\b(?:19[6-9]\d|20[0-2]\d)\b")
_ENDING = ",;.:"


@dataclass(frozen=True)
class Frame:
    """The parts of one real resolution around its clauses."""

    session: str
    number: str
    head: str  # from the document start up to the first clause
    tail: str  # from the end of the last clause to the document end


@dataclass(frozen=True)
class Parts:
    """What synthetic resolutions are made of."""

    frames: tuple[Frame, ...]
    preambular: tuple[str, ...]
    operative: tuple[tuple[str, tuple[str, ...]], ...]  # text, sub-paragraph texts


def real_parts(sources: Sequence[Path] | None = None) -> Parts:
    """Parse the real English resolutions and keep their headers, closings and clauses."""
    from graph_builder.errors import InputError
    from graph_builder.parse import parse_file
    from graph_builder.read import read_source

    files = sources or sorted(CORPUS.glob("*.en.txt")) + sorted(SEEDS.glob("*.en.txt"))
    frames: list[Frame] = []
    preambular: list[str] = []
    operative: list[tuple[str, tuple[str, ...]]] = []
    for path in files:
        try:
            documents = parse_file(path)
        except InputError:
            continue
        text = read_source(path).text
        for doc in documents:
            if doc.warnings:  # OCR'd pages: their clauses are not what a clean text holds
                continue
            preambular += [c.text for c in doc.preamble if c.text]
            operative += [
                (c.text, tuple(s.text for s in c.subparagraphs)) for c in doc.operative if c.text
            ]
            match = _GA_SYMBOL.match(doc.symbol)
            if match and doc.preamble and doc.operative:
                frames.append(
                    Frame(
                        session=match["session"],
                        number=match["number"],
                        head=text[doc.span.start : doc.preamble[0].span.start],
                        tail=text[doc.operative[-1].span.end : doc.span.end],
                    )
                )
    if not frames or not preambular or not operative:
        raise RuntimeError("no parsable General Assembly resolution to recombine")
    return Parts(tuple(frames), tuple(preambular), tuple(operative))


def resolutions(parts: Parts, count: int, *, seed: int = 1) -> Iterator[tuple[str, str]]:
    """``count`` synthetic resolutions as ``(file name, text)``, one at a time."""
    rng = random.Random(seed)
    for index in range(count):
        frame = rng.choice(parts.frames)
        number = str(10_000 + index)  # above any real number, so symbols never collide
        head = frame.head.replace(f"{frame.session}/{frame.number}", f"{frame.session}/{number}")
        lines = [head.rstrip("\n")]
        for text in rng.sample(parts.preambular, k=min(len(parts.preambular), rng.randint(3, 18))):
            lines.append(_wrap(_vary(text, rng), ","))
        chosen = rng.sample(parts.operative, k=min(len(parts.operative), rng.randint(3, 24)))
        for position, (text, subs) in enumerate(chosen, start=1):
            last = position == len(chosen)
            if subs:
                lines.append(_wrap(f"{position}. {_vary(text, rng)}", ":"))
                for order, sub in enumerate(subs[:26]):
                    end = "." if last and order == min(len(subs), 26) - 1 else ";"
                    lines.append(_wrap(f"({chr(ord('a') + order)}) {_vary(sub, rng)}", end))
            else:
                lines.append(_wrap(f"{position}. {_vary(text, rng)}", "." if last else ";"))
        lines.append(frame.tail.lstrip("\n"))
        yield f"A-RES-{frame.session}-{number}.en.txt", "\n".join(lines) + "\n"


def write_corpus(folder: Path, count: int, *, seed: int = 1, parts: Parts | None = None) -> int:
    """Write ``count`` synthetic resolutions into ``folder``; returns the bytes written."""
    folder.mkdir(parents=True, exist_ok=True)
    size = 0
    for name, text in resolutions(parts or real_parts(), count, seed=seed):
        data = text.encode("utf-8")
        (folder / name).write_bytes(data)
        size += len(data)
    return size


def _vary(text: str, rng: random.Random) -> str:
    text = _CITED.sub(lambda m: f"{rng.randint(40, 79)}/{rng.randint(1, 299)}", text)
    return _YEAR.sub(lambda m: str(rng.randint(1990, 2024)), text)


def _wrap(text: str, ending: str) -> str:
    return "\n".join(textwrap.wrap(text.rstrip().rstrip(_ENDING) + ending, width=84))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--documents", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    size = write_corpus(args.folder, args.documents, seed=args.seed)
    print(f"wrote {args.documents} resolutions ({size:,} bytes) to {args.folder}")


if __name__ == "__main__":
    main()
