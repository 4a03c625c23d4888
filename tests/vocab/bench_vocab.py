"""Print how fast the vocabulary loads and how fast its matchers run (not part of the test suite).

Run: ``.venv/bin/python tests/vocab/bench_vocab.py``. The texts are the lines and paragraphs of
the seeds and the corpus; figures are wall-clock on the machine that runs it.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SOURCES = sorted((REPO / "seeds").glob("*.txt")) + sorted(
    (REPO / "tests" / "data" / "corpus").glob("*.txt")
)
LOAD = (
    "import time; t = time.perf_counter(); "
    "from graph_builder.vocab import load_vocabulary; v = load_vocabulary(); "
    "t1 = time.perf_counter(); v.match_lead('Recalling', 'en'); v.match_lead('Rappelant', 'fr'); "
    "print(f'{t1 - t:.3f} {time.perf_counter() - t1:.3f}')"
)


def main() -> int:
    out = subprocess.run(
        [sys.executable, "-c", LOAD], capture_output=True, text=True, check=True, cwd=REPO
    )
    load, compile_leads = (float(x) for x in out.stdout.split())
    print(
        f"import + load (fresh process): {load:.3f} s; "
        f"first lead match en+fr: {compile_leads:.3f} s"
    )

    from graph_builder.mentions import (
        find_addressees,
        find_citations,
        find_dates,
        find_entities,
        find_report_session,
    )
    from graph_builder.vocab import load_vocabulary

    vocab = load_vocabulary()
    paragraphs: list[tuple[str, str]] = []
    lines: list[tuple[str, str]] = []
    for path in SOURCES:
        lang = path.name.split(".")[-2]
        text = path.read_text(encoding="utf-8")
        lines += [(line, lang) for line in text.splitlines() if line.strip()]
        paragraphs += [(" ".join(p.split()), lang) for p in re.split(r"\n\s*\n", text) if p.strip()]
    for _, lang in paragraphs[:2]:
        find_entities("warm up", lang, vocab)

    start = time.perf_counter()
    for line, lang in lines:
        vocab.match_lead(line, lang)
    elapsed = time.perf_counter() - start
    print(
        f"match_lead: {len(lines)} lines in {elapsed:.3f} s = {len(lines) / elapsed:,.0f} lines/s"
    )

    characters = sum(len(p) for p, _ in paragraphs)
    start = time.perf_counter()
    for text, lang in paragraphs:
        lead = vocab.match_lead(text, lang)
        entities = find_entities(text, lang, vocab)
        find_citations(text, lang, vocab)
        find_dates(text, lang, vocab)
        find_addressees(text, lang, vocab, lead=lead, entities=entities)
        find_report_session(text, lang, vocab)
    elapsed = time.perf_counter() - start
    print(
        f"all recognisers: {len(paragraphs)} paragraphs ({characters / 1e6:.2f} MB) "
        f"in {elapsed:.3f} s = {len(paragraphs) / elapsed:,.0f} paragraphs/s, "
        f"{characters / 1e6 / elapsed:.2f} MB/s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
