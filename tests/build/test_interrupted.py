"""A build killed half-way leaves a usable store: each document graph whole or absent."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from datetime import datetime, timezone
from pathlib import Path

import pyoxigraph as ox

from graph_builder.store import open_store
from tests.build.conftest import (
    EPOCH,
    CorpusBuild,
    assert_same,
    graph_quads,
    run_unkg,
    store_quads,
    unkg_command,
)
from tests.conftest import CORPUS, REPO


def start_build(store: Path, out: Path, *, epoch: str = EPOCH) -> subprocess.Popen[str]:
    """A verbose corpus build that stores one document per transaction."""
    return subprocess.Popen(
        [
            *unkg_command(),
            "build",
            str(CORPUS),
            "--store",
            str(store),
            "--out",
            str(out),
            "--jobs",
            "1",
            "--batch",
            "1",
            "--verbose",
        ],
        cwd=REPO,
        env={**os.environ, "SOURCE_DATE_EPOCH": epoch},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def stop_after_stored(process: subprocess.Popen[str], count: int, sig: signal.Signals) -> str:
    """Send ``sig`` once ``count`` transactions are reported; return all of stderr."""
    assert process.stderr is not None
    stored, seen = 0, []
    for line in process.stderr:
        seen.append(line)
        if line.startswith(("unkg build: stored", "unkg build: replaced")):
            stored += 1
            if stored == count:
                process.send_signal(sig)
                break
    seen.append(process.stderr.read())
    process.wait(timeout=60)
    err = "".join(seen)
    assert stored == count, err
    return err


def test_killed_build_leaves_whole_graphs_and_resumes(
    corpus_build: CorpusBuild, tmp_path: Path
) -> None:
    reference = graph_quads(store_quads(corpus_build.store))
    store, out = tmp_path / "store", tmp_path / "out"
    process = start_build(store, out)
    err = stop_after_stored(process, 3, signal.SIGKILL)
    assert process.returncode == -signal.SIGKILL, err
    # The store opens (the lock died with the process) and holds only whole graphs.
    partial = graph_quads(store_quads(store))
    assert 4 <= len(partial) < len(reference)  # the authority graph and three or more
    for graph, quads in partial.items():
        assert_same(quads, reference[graph], what=graph)
    assert not (out / "graph.trig").exists()  # files appear only when a build ends
    # Building again completes the store: the same graph as one uninterrupted build.
    run = run_unkg(
        ["build", str(CORPUS), "--store", str(store), "--out", str(out), "--jobs", "2"],
        cwd=REPO,
        env={"SOURCE_DATE_EPOCH": EPOCH},
    )
    assert run.code == corpus_build.run.code, run.err
    assert_same(store_quads(store), store_quads(corpus_build.store), what="store after resuming")
    assert sorted(p.name for p in out.iterdir()) == ["graph.jsonld", "graph.trig", "graph.ttl"]


def test_killed_rebuild_keeps_every_graph(corpus_build: CorpusBuild, tmp_path: Path) -> None:
    store = tmp_path / "store"
    reference = graph_quads(store_quads(corpus_build.store))
    # A rebuild at a later time rewrites every graph in place; a kill must leave each
    # one wholly old or wholly new.
    shutil.copytree(corpus_build.store, store)
    later = str(int(EPOCH) + 86_400)
    process = start_build(store, tmp_path / "out", epoch=later)
    stop_after_stored(process, 5, signal.SIGKILL)
    after = graph_quads(store_quads(store))
    assert sorted(after) == sorted(reference)
    old_time, new_time = _utc(EPOCH), _utc(later)
    renewed = 0
    for graph, quads in reference.items():
        new = {_retimed(q, old_time, new_time) for q in quads}
        assert after[graph] in (quads, new), graph
        renewed += after[graph] == new and new != quads
    assert renewed >= 4  # the transactions reported before the kill hold


def _utc(epoch: str) -> str:
    return datetime.fromtimestamp(int(epoch), tz=timezone.utc).isoformat().replace("+00:00", "Z")


def _retimed(quad: ox.Quad, old: str, new: str) -> ox.Quad:
    if isinstance(quad.object, ox.Literal) and quad.object.value == old:
        literal = ox.Literal(new, datatype=quad.object.datatype)
        return ox.Quad(quad.subject, quad.predicate, literal, quad.graph_name)
    return quad


def test_terminated_build_cleans_up(corpus_build: CorpusBuild, tmp_path: Path) -> None:
    store, out = tmp_path / "store", tmp_path / "out"
    out.mkdir()
    previous = {name: f"previous {name}\n" for name in ("graph.ttl", "graph.trig", "graph.jsonld")}
    for name, text in previous.items():
        (out / name).write_text(text)
    process = start_build(store, out)
    err = stop_after_stored(process, 2, signal.SIGTERM)
    assert process.returncode == 130, err  # stopped like an interrupt, through the CLI
    # The previous files are intact, no temporary file is left, the store opens.
    assert sorted(p.name for p in out.iterdir()) == sorted(previous), err
    assert all((out / name).read_text() == text for name, text in previous.items())
    with open_store(store) as opened:
        assert len(opened.graphs()) >= 3
