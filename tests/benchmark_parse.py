"""Parse throughput over the corpus: documents/s, MB/s and peak memory (run on demand).

    .venv/bin/python tests/benchmark_parse.py [--rounds N]

Runs in one process on one core; the vocabulary is loaded once before timing, as in a build.
Not collected by pytest: speed is reported, never asserted.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from graph_builder.parse import parse_source  # noqa: E402
from graph_builder.parts import load_parts  # noqa: E402
from graph_builder.read import read_source  # noqa: E402
from graph_builder.vocab import load_vocabulary  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="passes over the corpus (default 5)")
    args = parser.parse_args()
    files = sorted((REPO / "tests/data/corpus").glob("*.txt")) + sorted(
        (REPO / "seeds").glob("*.txt")
    )
    started = time.perf_counter()
    vocab, parts = load_vocabulary(), load_parts()
    sources = [read_source(path) for path in files]
    warm = time.perf_counter() - started
    size = sum(len(s.text.encode("utf-8")) for s in sources)
    for source in sources:  # compile every matcher once
        parse_source(source, vocab=vocab, parts=parts)
    documents = 0
    started = time.perf_counter()
    for _ in range(args.rounds):
        for source in sources:
            documents += len(parse_source(source, vocab=vocab, parts=parts))
    elapsed = time.perf_counter() - started
    # memory in a pass of its own: tracing slows parsing several times over
    tracemalloc.start()
    for source in sources:
        parse_source(source, vocab=vocab, parts=parts)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    files_parsed = len(sources) * args.rounds
    print(f"files: {len(sources)} ({size / 1e6:.2f} MB), rounds: {args.rounds}")
    print(f"vocabulary load + read: {warm * 1000:.0f} ms")
    print(f"parsed {files_parsed} files, {documents} resolutions in {elapsed:.2f} s")
    print(
        f"throughput: {files_parsed / elapsed:.1f} files/s, "
        f"{documents / elapsed:.1f} resolutions/s, "
        f"{size * args.rounds / elapsed / 1e6:.2f} MB/s"
    )
    print(
        f"peak traced memory while parsing: {peak / 1e6:.1f} MB; "
        f"max RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )


if __name__ == "__main__":
    main()
