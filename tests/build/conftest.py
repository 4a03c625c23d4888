"""Helpers for the store and build tests: run the CLI, read stores and files back as quads."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from graph_builder.cli import main
from graph_builder.store import open_store
from tests.conftest import CORPUS, REPO

#: A fixed build time, so two builds give identical graphs (reproducible builds).
EPOCH = "1104537600"  # 2005-01-01T00:00:00Z
RDF_FORMATS = {"graph.ttl": "turtle", "graph.trig": "trig", "graph.jsonld": "json-ld"}


@dataclass(frozen=True)
class Run:
    """What one ``unkg`` invocation did."""

    code: int
    out: str
    err: str

    def problems(self) -> list[str]:
        """The stderr lines reporting a failed file (not warnings, not progress notes)."""
        return [line for line in self.err.splitlines() if line.startswith("unkg build: error: ")]


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> Run:
    """Run ``unkg`` in this process through its real entry point."""
    capsys.readouterr()
    code = main(args)
    captured = capsys.readouterr()
    return Run(code, captured.out, captured.err)


def unkg_command() -> list[str]:
    """The installed ``unkg`` script, as a user runs it."""
    return [str(Path(sys.executable).parent / "unkg")]


def run_unkg(args: list[str], *, cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run ``unkg`` as a subprocess."""
    done = subprocess.run(
        [*unkg_command(), *args],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return Run(done.returncode, done.stdout, done.stderr)


def store_quads(path: Path) -> set[ox.Quad]:
    """Every quad of the store in ``path``."""
    with open_store(path, read_only=True) as store:
        return set(store.pyoxigraph.quads_for_pattern(None, None, None, None))


def graph_quads(quads: Iterable[ox.Quad]) -> dict[str, set[ox.Quad]]:
    """Quads grouped by named graph IRI."""
    graphs: dict[str, set[ox.Quad]] = {}
    for quad in quads:
        graphs.setdefault(getattr(quad.graph_name, "value", ""), set()).add(quad)
    return graphs


def file_quads(path: Path) -> set[ox.Quad]:
    """The quads of an output file, read by Oxigraph."""
    fmt = ox.RdfFormat.from_extension(path.suffix.lstrip("."))
    assert fmt is not None, path
    return set(ox.parse(path=path, format=fmt))


def rdflib_terms(dataset: rdflib.Dataset) -> set[tuple[str, str, str, str]]:
    """The quads of an rdflib dataset as N-Triples terms (graph name last, '' for default)."""
    found = set()
    for s, p, o, g in dataset.quads((None, None, None, None)):
        name = getattr(g, "identifier", g)
        graph = "" if name is None or name == rdflib.graph.DATASET_DEFAULT_GRAPH_ID else name.n3()
        found.add((s.n3(), p.n3(), _plain(o).n3(), graph))
    return found


def _plain(term: rdflib.term.Node) -> rdflib.term.Node:
    # RDF 1.1: "x" and "x"^^xsd:string are one literal; rdflib spells them apart.
    if isinstance(term, rdflib.Literal) and term.datatype == rdflib.XSD.string:
        return rdflib.Literal(str(term))
    return term


def assert_same(left: set[object], right: set[object], *, what: str) -> None:
    """Equal sets, or a readable diff of the first differences."""
    if left == right:
        return
    only_left = sorted(map(str, left - right))[:5]
    only_right = sorted(map(str, right - left))[:5]
    raise AssertionError(
        f"{what}: {len(left - right)} only left, {len(right - left)} only right\n"
        + "\n".join(f"- {q}" for q in only_left)
        + "\n"
        + "\n".join(f"+ {q}" for q in only_right)
    )


def has_blank_nodes(quads: Iterable[ox.Quad]) -> bool:
    return any(
        isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode) for q in quads
    )


@dataclass(frozen=True)
class CorpusBuild:
    """The corpus built once, with a fixed build time, as the reference for other tests."""

    store: Path
    out: Path
    run: Run


@pytest.fixture(scope="session")
def corpus_build(tmp_path_factory: pytest.TempPathFactory) -> CorpusBuild:
    """``unkg build tests/data/corpus --jobs 2`` run once as a subprocess."""
    root = tmp_path_factory.mktemp("corpus-build")
    run = run_unkg(
        [
            "build",
            str(CORPUS),
            "--store",
            str(root / "store"),
            "--out",
            str(root / "out"),
            "--jobs",
            "2",
        ],
        cwd=REPO,
        env={"SOURCE_DATE_EPOCH": EPOCH},
    )
    assert run.code in (0, 1), run.err
    return CorpusBuild(root / "store", root / "out", run)
