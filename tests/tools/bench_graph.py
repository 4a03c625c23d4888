"""Benchmark emission and validation: documents/s, quads/s and ms per document.

Parses the seeds and the corpus once, then emits and validates every document, and a
synthetic corpus of ``--synthetic`` documents made by giving the real documents new
symbols. Prints one line per measurement (CPU time of this process); asserts nothing.

Usage: ``python tests/tools/bench_graph.py [--synthetic 10000] [--reference 40]``.
"""

from __future__ import annotations

import argparse
import dataclasses
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from graph_builder.emit import emit_document, to_rdflib  # noqa: E402
from graph_builder.errors import InputError  # noqa: E402
from graph_builder.model import Document  # noqa: E402
from graph_builder.parse import parse_file  # noqa: E402
from graph_builder.validate import (  # noqa: E402
    Validator,
    ontology_quads,
    reference_report,
)


def real_documents() -> list[Document]:
    paths = sorted((REPO / "seeds").glob("*.txt"))
    paths += sorted((REPO / "tests" / "data" / "corpus").glob("*.txt"))
    docs: list[Document] = []
    for path in paths:
        try:
            docs += parse_file(path)
        except InputError:
            continue
    return docs


def synthetic(docs: list[Document], count: int) -> list[Document]:
    """``count`` documents cycling through ``docs`` under new symbols A/RES/900/<n>."""
    return [
        dataclasses.replace(docs[n % len(docs)], symbol=f"A/RES/900/{n + 1}") for n in range(count)
    ]


def measure(docs: list[Document], label: str) -> None:
    """Emit and validate each document in turn (streaming: nothing is kept)."""
    validator = Validator.load()
    tree = ontology_quads()
    quads_total = failed = 0
    emit_s = validate_s = 0.0
    for doc in docs:
        start = time.process_time()
        quads = emit_document(doc)
        middle = time.process_time()
        failed += not validator.validate_quads([*quads, *tree]).conforms
        emit_s += middle - start
        validate_s += time.process_time() - middle
        quads_total += len(quads)
    n = len(docs)
    print(
        f"{label}: {n} documents, {quads_total} quads ({quads_total / n:.0f}/document); "
        f"emit {emit_s:.2f} s CPU ({n / emit_s:.0f} documents/s, {quads_total / emit_s:.0f} "
        f"quads/s, {emit_s / n * 1000:.2f} ms/document); compiled SHACL {validate_s:.2f} s CPU "
        f"({validate_s / n * 1000:.2f} ms/document, {failed} not conforming)"
    )


def measure_reference(docs: list[Document], count: int) -> None:
    sample = docs[:count]
    emitted = [emit_document(d) for d in sample]
    start = time.process_time()
    for quads in emitted:
        reference_report(quads)
    reference_s = time.process_time() - start
    start = time.process_time()
    for quads in emitted:
        to_rdflib(quads)
    convert_s = time.process_time() - start
    n = len(sample)
    print(
        f"pySHACL on {n} real documents: {reference_s / n * 1000:.1f} ms/document CPU; "
        f"to_rdflib alone: {convert_s / n * 1000:.1f} ms/document CPU"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synthetic", type=int, default=10_000)
    parser.add_argument("--reference", type=int, default=40, help="documents run through pySHACL")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    docs = real_documents()
    print(f"parsed {len(docs)} real documents in {time.perf_counter() - start:.2f} s")
    measure(docs, "real")
    measure(synthetic(docs, args.synthetic), "synthetic")
    measure_reference(docs, args.reference)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory {peak:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
