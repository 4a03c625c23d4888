"""Median latency of every library query, on the seed graph and a large synthetic corpus.

Engines side by side: the embedded store (pyoxigraph on disk), rdflib's in-memory store (seed
only: loading millions of triples into rdflib takes minutes and gigabytes) and an external
``oxigraph`` server reading the same store (``oxigraph serve-read-only``, queried over HTTP as
``unkg query --endpoint`` does). Aim: every library query under 100 ms median on the large
corpus in the embedded store. Prints figures; asserts nothing.

Run: ``.venv/bin/python tests/benchmark_queries.py [--documents 10000] [--work DIR]``
(``--large-store DIR`` reuses a store already built from a synthetic corpus).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import pyoxigraph as ox  # noqa: E402
import rdflib  # noqa: E402

from graph_builder.query import NamedQuery, load_library, run_query  # noqa: E402
from graph_builder.store import open_store  # noqa: E402
from tests.conftest import SEEDS, oxigraph_binary, wait_for_http  # noqa: E402


def build(sources: Path, store: Path, *, jobs: int) -> None:
    """``unkg build`` the sources into ``store`` unless it is already there."""
    if (store / "CURRENT").is_file():
        return
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "graph_builder", "build", str(sources), "--store", str(store),
         "--jobs", str(jobs)],
        check=True, stdout=subprocess.DEVNULL,
    )
    print(f"built {store} in {time.perf_counter() - started:.0f} s", flush=True)


def median_ms(run: Callable[[], object], repeat: int) -> float:
    run()  # warm caches
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def start_server(store: Path) -> tuple[str, subprocess.Popen[bytes]]:
    from tests.conftest import free_port

    binary = oxigraph_binary()
    if binary is None:
        raise SystemExit("the oxigraph server (pip package 'oxigraph') is not installed")
    port = free_port()
    process = subprocess.Popen(
        [binary, "serve-read-only", "--location", str(store), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/query"
    wait_for_http(f"{url}?query=ASK%7B%7D", process)
    return url, process


# One operative clause of the store and its resolution: the per-resolution queries then look at
# a document that is there (the library's defaults name A/RES/59/159, absent from a synthetic
# corpus).
SAMPLE = """
PREFIX unkg: <https://w3id.org/unkg/ontology#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
SELECT ?clause ?instrument WHERE {
  ?clause unkg:number 1 ; unkg:addresses ?someone ; eli:is_part_of ?instrument .
} LIMIT 1
"""


def sample_params(store: ox.Store) -> dict[str, str]:
    for row in store.query(SAMPLE, use_default_graph_as_union=True):
        return {"instrument": row["instrument"].value, "clause": row["clause"].value}
    return {}


def measure(label: str, store_path: Path, queries: dict[str, NamedQuery], *, repeat: int,
            with_rdflib: bool) -> dict[str, dict[str, float | None]]:
    figures: dict[str, dict[str, float | None]] = {n: {} for n in queries}
    params: dict[str, dict[str, str]] = {}
    with open_store(store_path, read_only=True) as handle:
        store = handle.pyoxigraph
        quads = sum(1 for _ in store.quads_for_pattern(None, None, None, None))
        sample = sample_params(store)
        params = {n: {k: v for k, v in sample.items() if k in {p.name for p in q.params}}
                  for n, q in queries.items()}
        print(f"{label}: {quads:,} quads; per-resolution queries on {sample}", flush=True)
        for name, query in queries.items():
            figures[name]["embedded"] = median_ms(
                lambda q=query, n=name: run_query(q, params=params[n], store=store), repeat)
        dataset = None
        if with_rdflib:
            dataset = rdflib.Dataset(default_union=True)
            dataset.parse(data=store.dump(format=ox.RdfFormat.N_QUADS), format="nquads")
        for name, query in queries.items():
            figures[name]["rdflib"] = (
                median_ms(lambda q=query, n=name: run_query(q, params=params[n], store=dataset),
                          max(1, repeat // 3))
                if dataset is not None else None
            )
    url, process = start_server(store_path)
    try:
        for name, query in queries.items():
            figures[name]["server"] = median_ms(
                lambda q=query, n=name: run_query(q, params=params[n], endpoint=url), repeat)
    finally:
        process.terminate()
        process.wait(timeout=10)
    return figures


def show(columns: list[tuple[str, dict[str, dict[str, float | None]]]]) -> None:
    names = sorted(columns[0][1])
    engines = ("embedded", "rdflib", "server")
    header = ["query"] + [f"{label} {engine}" for label, _ in columns for engine in engines]
    width = max(len(n) for n in names)
    print("\nmedian latency, ms")
    print(" | ".join([header[0].ljust(width), *(h.rjust(12) for h in header[1:])]))
    for name in names:
        cells = []
        for _, figures in columns:
            for engine in engines:
                value = figures[name].get(engine)
                cells.append(("n/a" if value is None else f"{value:,.1f}").rjust(12))
        print(" | ".join([name.ljust(width), *cells]))
    large = columns[-1][1]
    slow = [n for n in names if (large[n]["embedded"] or 0) >= 100]
    print(f"\nqueries at or over 100 ms median on {columns[-1][0]} (embedded): "
          f"{', '.join(slow) if slow else 'none'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000, help="synthetic corpus size")
    parser.add_argument("--work", type=Path, help="folder for corpora and stores (kept)")
    parser.add_argument("--large-store", type=Path, help="an already built large store")
    parser.add_argument("--repeat", type=int, default=7, help="runs per query (median)")
    parser.add_argument("--jobs", type=int, default=2, help="build worker processes")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="unkg-bench-queries-"))
    work.mkdir(parents=True, exist_ok=True)
    queries = {n: q for n, q in load_library().items() if not n.startswith("federated-")}

    seed_store = work / "seed-store"
    build(SEEDS, seed_store, jobs=1)
    large_store = args.large_store
    if large_store is None:
        from tests.synthetic import write_corpus

        corpus = work / f"synthetic-{args.documents}"
        large_store = work / f"synthetic-{args.documents}-store"
        if not (large_store / "CURRENT").is_file():
            write_corpus(corpus, args.documents, seed=1)
        build(corpus, large_store, jobs=args.jobs)

    columns = [
        ("seed", measure("seed", seed_store, queries, repeat=args.repeat, with_rdflib=True)),
        ("large", measure("large", large_store, queries, repeat=args.repeat, with_rdflib=False)),
    ]
    show(columns)


if __name__ == "__main__":
    main()
