"""Build speed and memory, on the real corpus and a synthetic corpus of resolutions.

Run with ``make benchmark`` (``python tests/benchmark.py``); ``--documents N`` sets the size
of the synthetic corpus (default 10,000), ``--jobs N`` the build's worker processes.

For each corpus it prints:

- stage throughput in one process (read + parse, emit, validate, serialize);
- the whole ``unkg build`` as a user runs it: wall time, documents/s, triples/s, peak
  memory of the build process and of its largest worker, store size on disk;
- loading the same graph (the build's ``graph.trig``) into Oxigraph on disk and into
  rdflib's in-memory store, each in its own process: triples/s and peak memory.

Peak memory is the maximum resident set size the kernel reports for each process.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "tests" / "data" / "corpus"
STAGE_SAMPLE = 200


@dataclass(frozen=True)
class Measured:
    """One process run: wall seconds, peak resident memory (bytes) and what it printed."""

    seconds: float
    cpu: float
    peak: int
    peak_children: int
    output: str
    code: int


def measure(command: list[str], *, env: dict[str, str] | None = None) -> Measured:
    """Run ``command`` and read its own peak memory from the kernel (``wait4``)."""
    with tempfile.TemporaryFile("w+") as output:
        started = time.perf_counter()
        process = subprocess.Popen(
            command,
            cwd=REPO,
            stdout=output,
            stderr=subprocess.DEVNULL,
            env={**os.environ, **(env or {})},
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        output.seek(0)
        text = output.read()
    process.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    children = int(_reported(text, "children-peak"))
    return Measured(seconds, cpu, usage.ru_maxrss * 1024, children, text, process.returncode)


def _reported(text: str, key: str) -> float:
    """A figure a child process printed as ``key value``; 0 when it printed none."""
    for line in text.splitlines():
        if line.startswith(key + " "):
            return float(line.split()[1])
    return 0.0


def stage_figures(files: list[Path]) -> dict[str, float]:
    """Per-stage throughput in this process, on ``files``."""
    import pyoxigraph as ox

    from graph_builder.emit import emit_document
    from graph_builder.errors import UnkgError
    from graph_builder.parse import parse_file
    from graph_builder.validate import document_report

    documents, timings = [], {"parse": 0.0, "emit": 0.0, "validate": 0.0, "serialize": 0.0}
    parse_file(files[0])  # vocabularies are compiled once per process; not part of a rate
    started = time.perf_counter()
    for path in files:
        try:
            documents += parse_file(path)
        except UnkgError:
            continue
    timings["parse"] = time.perf_counter() - started
    quads_total = invalid = 0
    for doc in documents:
        started = time.perf_counter()
        quads = emit_document(doc)
        timings["emit"] += time.perf_counter() - started
        started = time.perf_counter()
        invalid += not document_report(quads).conforms
        timings["validate"] += time.perf_counter() - started
        started = time.perf_counter()
        ox.serialize(quads, format=ox.RdfFormat.TRIG)
        ox.serialize([q.triple for q in quads], format=ox.RdfFormat.TURTLE)
        ox.serialize(quads, format=ox.RdfFormat.JSON_LD)
        timings["serialize"] += time.perf_counter() - started
        quads_total += len(quads)
    return {
        "files": len(files),
        "documents": len(documents),
        "quads": quads_total,
        "invalid documents": invalid,
        "parse documents/s": len(documents) / timings["parse"],
        "emit triples/s": quads_total / timings["emit"],
        "validate triples/s": quads_total / timings["validate"],
        "serialize triples/s (3 formats)": quads_total / timings["serialize"],
    }


def load_only(engine: str, source: Path, target: Path) -> None:
    """Child process: load ``source`` (TriG) into one engine and print what it took."""
    started = time.perf_counter()
    if engine == "oxigraph":
        import pyoxigraph as ox

        store = ox.Store(str(target))
        store.bulk_load(path=source, format=ox.RdfFormat.TRIG)
        store.flush()
        quads = len(store)
        size = sum(f.stat().st_size for f in target.rglob("*") if f.is_file())
    else:
        import rdflib

        dataset = rdflib.Dataset()
        dataset.parse(source, format="trig")
        quads = sum(1 for _ in dataset.quads((None, None, None, None)))
        size = 0
    seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "quads": quads, "size": size}))


def build_figures(sources: Path, work: Path, *, jobs: int) -> dict[str, float]:
    """``unkg build`` as a subprocess, then the same graph loaded by each engine."""
    store, out = work / "store", work / "out"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    run = measure(
        [sys.executable, __file__, "--build-only", str(sources), str(store), str(out), str(jobs)]
    )
    summary = json.loads(run.output.splitlines()[-1])
    return {
        "documents": summary["documents"],
        "failed files": summary["failures"],
        "triples": summary["triples"],
        "build seconds": run.seconds,
        "build documents/s": summary["documents"] / run.seconds,
        "build triples/s": summary["triples"] / run.seconds,
        "build CPU seconds (main process)": run.cpu,
        "build CPU seconds (workers)": _reported(run.output, "children-cpu"),
        "build peak MiB (main)": run.peak / 2**20,
        "build peak MiB (largest worker)": run.peak_children / 2**20,
        "store MiB on disk": summary["store_bytes"] / 2**20,
        "graph.trig MiB": (out / "graph.trig").stat().st_size / 2**20,
    }


def build_only(sources: Path, store_path: Path, out: Path, jobs: int) -> None:
    """Child process: one build, as ``unkg build`` runs it; prints its summary as JSON."""
    import resource

    from graph_builder.build import build
    from graph_builder.store import open_store

    sampler = _DescendantsPeak()
    sampler.start()
    with open_store(store_path) as store:
        summary = build([sources], store, out=out, jobs=jobs)
        size = store.size_on_disk()
    sampler.stop()
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    print(f"children-peak {max(children, sampler.peak)}")
    print(f"children-cpu {sampler.cpu_seconds}")
    print(
        json.dumps(
            {
                "documents": summary.documents,
                "failures": len(summary.failures),
                "triples": summary.triples,
                "store_bytes": size,
            }
        )
    )


class _DescendantsPeak(threading.Thread):
    """Samples the peak memory (``VmHWM``) of every process below this one.

    Build workers are started by a fork server, so they are not this process's
    children and ``RUSAGE_CHILDREN`` never sees them.
    """

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak = 0
        self.ticks: dict[int, int] = {}  # CPU time each descendant had used when last seen
        self.done = threading.Event()

    @property
    def cpu_seconds(self) -> float:
        return sum(self.ticks.values()) / os.sysconf("SC_CLK_TCK")

    def run(self) -> None:
        while not self.done.wait(0.2):
            for pid in _descendants(os.getpid()):
                self.peak = max(self.peak, _peak_rss(pid))
                self.ticks[pid] = max(self.ticks.get(pid, 0), _cpu_ticks(pid))

    def stop(self) -> None:
        self.done.set()
        self.join()


def _descendants(root: int) -> list[int]:
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue  # the process ended while we looked
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = [], [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent]
        found += children
        frontier += children
    return found


def _cpu_ticks(pid: int) -> int:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0  # the process ended while we looked
    return int(fields[11]) + int(fields[12])  # utime + stime


def _peak_rss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        return 0  # the process ended while we looked
    return 0


def load_figures(trig: Path, work: Path, *, rdflib_too: bool) -> dict[str, float]:
    figures: dict[str, float] = {}
    engines = ["oxigraph", "rdflib"] if rdflib_too else ["oxigraph"]
    for engine in engines:
        target = work / f"load-{engine}"
        shutil.rmtree(target, ignore_errors=True)
        run = measure([sys.executable, __file__, "--load-only", engine, str(trig), str(target)])
        if run.code != 0:
            figures[f"{engine} load failed (exit code)"] = run.code
            continue
        result = json.loads(run.output.splitlines()[-1])
        figures[f"{engine} load triples/s"] = result["quads"] / result["seconds"]
        figures[f"{engine} load CPU seconds"] = run.cpu
        figures[f"{engine} load peak MiB"] = run.peak / 2**20
        if result["size"]:
            figures[f"{engine} store MiB on disk"] = result["size"] / 2**20
        shutil.rmtree(target, ignore_errors=True)
    return figures


def show(title: str, figures: dict[str, float]) -> None:
    print(f"\n## {title}")
    width = max(len(k) for k in figures)
    for key, value in figures.items():
        shown = (
            f"{value:,.0f}" if abs(value) >= 100 or float(value).is_integer() else f"{value:,.2f}"
        )
        print(f"{key:<{width}}  {shown:>14}")
    sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000, help="synthetic corpus size")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-rdflib", action="store_true", help="skip rdflib's memory store")
    parser.add_argument("--work", type=Path, help="keep the work files in this folder")
    parser.add_argument("--build-only", nargs=4, help=argparse.SUPPRESS)
    parser.add_argument("--load-only", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build_only:
        sources, store, out, jobs = args.build_only
        build_only(Path(sources), Path(store), Path(out), int(jobs))
        return
    if args.load_only:
        engine, source, target = args.load_only
        load_only(engine, Path(source), Path(target))
        return

    import pyoxigraph
    import rdflib

    sys.path.insert(0, str(REPO))
    from tests.synthetic import write_corpus

    work = args.work or Path(tempfile.mkdtemp(prefix="unkg-benchmark-"))
    print(
        f"# unkg build benchmark: {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"pyoxigraph {pyoxigraph.__version__}, rdflib {rdflib.__version__}, jobs {args.jobs}"
    )
    synthetic = work / "synthetic"
    started = time.perf_counter()
    shutil.rmtree(synthetic, ignore_errors=True)
    size = write_corpus(synthetic, args.documents, seed=args.seed)
    print(
        f"synthetic corpus: {args.documents:,} resolutions, {size / 2**20:,.1f} MiB, "
        f"written in {time.perf_counter() - started:.1f} s (seed {args.seed})"
    )
    corpora = [("real corpus", CORPUS), (f"synthetic corpus ({args.documents:,})", synthetic)]
    for index, (name, folder) in enumerate(corpora):
        files = sorted(folder.glob("*.txt"))
        show(
            f"{name}: stages in one process ({min(len(files), STAGE_SAMPLE)} files)",
            stage_figures(files[:STAGE_SAMPLE]),
        )
        place = work / f"build-{index}"
        show(f"{name}: unkg build --jobs {args.jobs}", build_figures(folder, place, jobs=args.jobs))
        show(
            f"{name}: loading the same graph.trig",
            load_figures(place / "out" / "graph.trig", place, rdflib_too=not args.no_rdflib),
        )
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
