"""``unkg build`` end to end: seeds, corpus, failures, rebuilds and the files it writes."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import shutil
import struct
import subprocess
import termios
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from graph_builder.build import Reporter, build
from graph_builder.store import open_memory_store, open_store
from tests.build.conftest import (
    EPOCH,
    RDF_FORMATS,
    CorpusBuild,
    assert_same,
    file_quads,
    graph_quads,
    has_blank_nodes,
    rdflib_terms,
    run_cli,
    run_unkg,
    store_quads,
    unkg_command,
)
from tests.conftest import CORPUS, SEEDS

AUTHORITY = "https://w3id.org/unkg/id/graph/authority"
LINKS = "https://w3id.org/unkg/id/graph/links"
GENERATED_AT = ox.NamedNode("http://www.w3.org/ns/prov#generatedAtTime")
SEED_GRAPHS = [
    "https://w3id.org/unkg/id/graph/A/RES/59/159/en",
    "https://w3id.org/unkg/id/graph/A/RES/59/159/fr",
]


def copy_seeds(folder: Path) -> Path:
    shutil.copytree(SEEDS, folder, ignore=shutil.ignore_patterns("*.md"))
    return folder


def summary_number(out: str, label: str) -> int:
    match = re.search(rf"^\s+{label}\s+([\d,]+)", out, re.MULTILINE)
    assert match, f"no {label} in:\n{out}"
    return int(match[1].replace(",", ""))


def test_seeds_through_the_cli(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    store, out = tmp_path / "store", tmp_path / "out"
    run = run_cli(["build", str(SEEDS), "--store", str(store), "--out", str(out)], capsys)
    assert run.code == 0, run.err
    assert "built 2 documents from 2 files" in run.out
    assert summary_number(run.out, "clauses") > 40
    assert summary_number(run.out, "citations") > 0
    assert summary_number(run.out, "mentions") > 0
    assert run.problems() == []
    assert "%|" not in run.err  # no progress bar when stderr is not a terminal
    with open_store(store, read_only=True) as opened:
        assert opened.graphs() == sorted([AUTHORITY, LINKS, *SEED_GRAPHS])
        stored = rdflib_terms(opened.dataset())
    assert sorted(p.name for p in out.iterdir()) == ["graph.jsonld", "graph.trig", "graph.ttl"]
    # Each file, read back by rdflib (not the writer's own parser), holds the store's graph.
    for name in ("graph.trig", "graph.jsonld"):
        dataset = rdflib.Dataset()
        dataset.parse(out / name, format=RDF_FORMATS[name])
        assert_same(rdflib_terms(dataset), stored, what=name)
    union = rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    assert_same(
        {(s.n3(), p.n3(), o.n3()) for s, p, o in union},
        {q[:3] for q in stored},
        what="graph.ttl",
    )


def test_seeds_as_a_subprocess_with_the_defaults(tmp_path: Path) -> None:
    copy_seeds(tmp_path / "seeds")
    run = run_unkg(["build"], cwd=tmp_path)
    assert run.code == 0, run.err
    assert "built 2 documents from 2 files" in run.out
    assert "store      .unkg/store" in run.out
    assert (tmp_path / ".unkg" / "store" / "CURRENT").is_file()
    assert all((tmp_path / "out" / name).stat().st_size > 0 for name in RDF_FORMATS)


def test_corpus_builds_every_file_or_says_why(corpus_build: CorpusBuild) -> None:
    run = corpus_build.run
    files = sorted(CORPUS.glob("*.txt"))
    assert len(files) == 30
    problems = run.problems()
    failed = {f for f in files if any(str(f) in line for line in problems)}
    # One line per failure, each naming one of the files; the exit code says whether any failed.
    assert all(sum(str(f) in line for f in files) == 1 for line in problems), problems
    assert run.code == (1 if problems else 0)
    if problems:
        assert summary_number(run.out, "failed") == len(problems)
    quads = store_quads(corpus_build.store)
    graphs = graph_quads(quads)
    documents = summary_number(run.out.replace("built ", "  built "), "built")
    # one graph per document, plus the authority and links graphs
    assert len(graphs) == documents + 2
    assert documents >= len(files) - len(failed)
    # Every file that did not fail is the source of at least one graph.
    sources = {
        q.object.value
        for q in quads
        if q.predicate.value == "http://purl.org/dc/terms/identifier"
        and str(CORPUS) in q.object.value
    }
    assert {str(f) for f in files} - {str(f) for f in failed} <= sources <= {str(f) for f in files}
    assert not has_blank_nodes(quads)
    for name in RDF_FORMATS:
        written = file_quads(corpus_build.out / name)
        if name == "graph.ttl":
            assert_same(
                written, {ox.Quad(q.subject, q.predicate, q.object) for q in quads}, what=name
            )
        else:
            assert_same(written, quads, what=name)


def test_rebuild_gives_the_same_graph(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    store, out = tmp_path / "store", tmp_path / "out"
    args = ["build", str(CORPUS), "--store", str(store), "--out", str(out)]
    first = run_cli([*args, "--jobs", "2"], capsys)  # the whole corpus, in this process
    before = store_quads(store)
    assert len(graph_quads(before)) > 30
    second = run_cli([*args, "--jobs", "1"], capsys)
    assert (second.code, second.out) == (
        first.code,
        first.out.replace(_seconds(first.out), _seconds(second.out)),
    )
    assert_same(store_quads(store), before, what="store after a rebuild")
    assert_same(file_quads(out / "graph.trig"), before, what="graph.trig")


def _seconds(out: str) -> str:
    match = re.search(r"in [\d.]+ s \([\d.,]+ documents/s\)", out)
    assert match, out
    return match[0]


def test_rebuild_at_another_time_replaces_the_provenance(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    store = tmp_path / "store"
    args = ["build", str(SEEDS), "--store", str(store), "--no-out"]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    assert run_cli(args, capsys).code == 0
    first = store_quads(store)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(EPOCH) + 86_400))
    assert run_cli(args, capsys).code == 0
    second = store_quads(store)
    assert len(second) == len(first)
    for graph in SEED_GRAPHS:
        times = [q for q in graph_quads(second)[graph] if q.predicate == GENERATED_AT]
        assert [t.object.value for t in times] == ["2005-01-02T00:00:00Z"]
    # Only time stamps changed.
    changed = {q.predicate.value for q in first ^ second}
    assert changed <= {GENERATED_AT.value, "http://www.w3.org/ns/prov#endedAtTime"}


def test_rebuilding_one_document_replaces_only_its_graph(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    sources = copy_seeds(tmp_path / "seeds")
    store = tmp_path / "store"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    assert run_cli(["build", str(sources), "--store", str(store), "--no-out"], capsys).code == 0
    before = graph_quads(store_quads(store))
    english = sources / "A-RES-59-159.en.txt"
    text = english.read_text(encoding="utf-8")
    assert "common and shared" in text
    english.write_text(text.replace("common and shared", "common and jointly held"), "utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(EPOCH) + 60))
    run = run_cli(["build", str(english), "--store", str(store), "--no-out", "-v"], capsys)
    assert run.code == 0, run.err
    assert "replaced https://w3id.org/unkg/id/graph/A/RES/59/159/en" in run.err
    after = graph_quads(store_quads(store))
    assert after[SEED_GRAPHS[1]] == before[SEED_GRAPHS[1]]  # the French graph, untouched
    assert after[AUTHORITY] == before[AUTHORITY]
    texts = " ".join(
        q.object.value for q in after[SEED_GRAPHS[0]] if isinstance(q.object, ox.Literal)
    )
    assert "jointly held" in texts
    assert "common and shared" not in texts
    assert len([q for q in after[SEED_GRAPHS[0]] if q.predicate == GENERATED_AT]) == 1


def test_failures_are_reported_and_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sources = copy_seeds(tmp_path / "sources")
    (sources / "empty.en.txt").write_bytes(b"")
    (sources / "binary.en.txt").write_bytes(bytes(range(256)) * 16)
    (sources / "letter.en.txt").write_text(
        "Dear colleagues,\n\nThe meeting is moved to Thursday.\n\nRegards\n", "utf-8"
    )
    store = tmp_path / "store"
    run = run_cli(
        ["build", str(sources), "--store", str(store), "--out", str(tmp_path / "o")], capsys
    )
    assert run.code == 1
    problems = run.problems()
    assert len(problems) == 3, run.err
    for name in ("empty.en.txt", "binary.en.txt", "letter.en.txt"):
        assert sum(str(sources / name) in line for line in problems) == 1, problems
    assert "built 2 documents from 5 files" in run.out
    assert "failed     3" in run.out
    with open_store(store, read_only=True) as opened:
        assert opened.graphs() == sorted([AUTHORITY, LINKS, *SEED_GRAPHS])
    assert (tmp_path / "o" / "graph.trig").is_file()


def test_memory_store_builds_the_same_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    disk, memory = tmp_path / "disk", tmp_path / "memory"
    assert (
        run_cli(
            ["build", str(SEEDS), "--store", str(tmp_path / "s"), "--out", str(disk)], capsys
        ).code
        == 0
    )
    run = run_cli(["build", str(SEEDS), "--memory", "--out", str(memory)], capsys)
    assert run.code == 0, run.err
    assert "store " not in run.out
    for name in RDF_FORMATS:
        assert_same(file_quads(memory / name), file_quads(disk / name), what=name)


def test_user_errors_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty").mkdir()
    for args, message in [
        (["build", str(tmp_path / "empty")], "no .txt or .pdf files found"),
        (["build", str(tmp_path / "missing")], "no such file or folder"),
        (["build", str(SEEDS), "--jobs", "0"], "must be at least 1"),
        (["build", str(SEEDS), "--memory"], "cannot be given with it"),
    ]:
        run = run_cli([*args, "--store", str(tmp_path / "s"), "--no-out"], capsys)
        assert run.code == 2
        assert run.err.count("\n") == 1
        assert message in run.err


class Lines(Reporter):
    """Collects what a build reports."""

    def __init__(self) -> None:
        self.files = 0
        self.done = 0
        self.problems: list[str] = []
        self.notes: list[str] = []

    def start(self, files: int) -> None:
        self.files = files

    def advance(self, files: int) -> None:
        self.done += files

    def problem(self, line: str) -> None:
        self.problems.append(line)

    def note(self, line: str) -> None:
        self.notes.append(line)


def test_build_function_reports_duplicates_once(tmp_path: Path) -> None:
    english = SEEDS / "A-RES-59-159.en.txt"
    reporter = Lines()
    with open_memory_store() as store:
        summary = build([SEEDS, english], store, out=tmp_path / "out", reporter=reporter)
        assert store.graphs() == sorted([AUTHORITY, LINKS, *SEED_GRAPHS])
    assert (reporter.files, reporter.done) == (3, 3)
    assert summary.documents == 2
    assert summary.ok
    assert reporter.problems == [
        f"warning: {english}: A/RES/59/159 (en) skipped: already built from {english}"
    ]
    assert summary.warnings == [reporter.problems[0].removeprefix("warning: ")]
    assert reporter.notes == ["stored 2 new documents (" + reporter.notes[0].split("(", 1)[1]]
    assert summary.outputs == [tmp_path / "out" / name for name in RDF_FORMATS]


def test_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    # stderr is a terminal here, as when a user runs the command; stdout stays a pipe.
    primary, secondary = pty.openpty()
    # A terminal of 24 rows by 100 columns (a fresh pseudo-terminal has no size).
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    process = subprocess.Popen(
        [*unkg_command(), "build", str(SEEDS), "--store", str(tmp_path / "s"), "--no-out"],
        stdout=subprocess.PIPE,
        stderr=secondary,
    )
    os.close(secondary)
    err = b""
    try:
        while True:
            try:
                chunk = os.read(primary, 65536)
            except OSError:  # EIO: the command closed the terminal
                break
            if not chunk:
                break
            err += chunk
    finally:
        os.close(primary)
    out, _ = process.communicate(timeout=120)
    assert process.returncode == 0
    assert b"/2 [" in err  # tqdm's count of files done, out of two
    assert b"built 2 documents" in out
