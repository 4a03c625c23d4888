"""The graph store: opening, named graphs replaced atomically, the rdflib view."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from graph_builder.errors import StoreError
from graph_builder.store import (
    STORE_ENV,
    GraphStore,
    default_store_path,
    open_memory_store,
    open_store,
)

EX = "http://example.org/"
G1, G2 = EX + "g1", EX + "g2"


def quad(s: str, o: str | ox.Literal | ox.BlankNode, graph: str, p: str = "p") -> ox.Quad:
    obj = ox.NamedNode(EX + o) if isinstance(o, str) else o
    return ox.Quad(ox.NamedNode(EX + s), ox.NamedNode(EX + p), obj, ox.NamedNode(graph))


@pytest.fixture(params=["oxigraph", "memory"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    opened = open_store(tmp_path / "kg") if request.param == "oxigraph" else open_memory_store()
    with opened:
        yield opened


def contents(store: GraphStore, graph: str) -> set[ox.Quad]:
    return set(store.graph_quads(graph))


def test_replace_graph_replaces_only_that_graph(store: GraphStore) -> None:
    store.replace_graph(G1, [quad("a", "b", G1), quad("a", ox.Literal("x", language="en"), G1)])
    store.replace_graph(G2, [quad("a", "b", G2)])
    store.replace_graph(G1, [quad("a", "c", G1)])
    assert contents(store, G1) == {quad("a", "c", G1)}
    assert contents(store, G2) == {quad("a", "b", G2)}
    assert store.graphs() == [G1, G2]
    assert store.quad_count() == 2


def test_replace_graph_twice_gives_no_duplicates(store: GraphStore) -> None:
    quads = [quad("a", "b", G1), quad("a", ox.Literal('say "x"\n\\u0022'), G1)]
    store.replace_graph(G1, quads)
    store.replace_graph(G1, quads)
    assert contents(store, G1) == set(quads)
    assert store.quad_count() == 2


def test_replace_graph_with_blank_nodes(store: GraphStore) -> None:
    store.replace_graph(G1, [quad("a", ox.BlankNode(), G1), quad("a", "b", G1)])
    store.replace_graph(G1, [quad("a", ox.BlankNode(), G1)])
    assert len(contents(store, G1)) == 1
    assert isinstance(next(iter(contents(store, G1))).object, ox.BlankNode)


def test_replace_graph_refuses_a_quad_of_another_graph(store: GraphStore) -> None:
    with pytest.raises(StoreError, match="another graph"):
        store.replace_graph(G1, [quad("a", "b", G2)])
    assert store.graphs() == []


def test_add_graphs_and_remove_graph(store: GraphStore) -> None:
    data = ox.serialize([quad("a", "b", G1), quad("c", "d", G2)], format=ox.RdfFormat.TRIG)
    store.add_graphs(data)
    assert store.has_graph(G1)
    assert store.has_graph(G2)
    store.remove_graph(G1)
    assert not store.has_graph(G1)
    assert store.graphs() == [G2]


def test_query_sees_the_union_and_takes_bindings(store: GraphStore) -> None:
    store.replace_graph(G1, [quad("a", "b", G1)])
    store.replace_graph(G2, [quad("c", "b", G2)])
    rows = store.query(f"SELECT ?s ?o WHERE {{ ?s <{EX}p> ?o }} ORDER BY ?s")
    assert [str(r[0]) for r in rows] == [EX + "a", EX + "c"]
    rows = store.query(
        f"SELECT ?s ?o WHERE {{ ?s <{EX}p> ?o }}", bindings={"s": rdflib.URIRef(EX + "c")}
    )
    assert [str(r[1]) for r in rows] == [EX + "b"]


def test_malformed_query_is_a_store_error(store: GraphStore) -> None:
    with pytest.raises(StoreError):
        store.query("SELECT WHERE nonsense")


def test_rdflib_dataset_is_the_same_store(tmp_path: Path) -> None:
    with open_store(tmp_path / "kg") as store:
        store.replace_graph(G1, [quad("a", "b", G1)])
        dataset = store.dataset()
        graph = dataset.graph(rdflib.URIRef(G1))
        assert set(graph) == {
            (rdflib.URIRef(EX + "a"), rdflib.URIRef(EX + "p"), rdflib.URIRef(EX + "b"))
        }
        # Writes through rdflib land in the same Oxigraph store.
        graph.add((rdflib.URIRef(EX + "x"), rdflib.URIRef(EX + "p"), rdflib.Literal(1)))
        assert store.quad_count() == 2
    with open_store(tmp_path / "kg", read_only=True) as again:
        assert again.quad_count() == 2


def test_store_persists_and_reopens_read_only(tmp_path: Path) -> None:
    with open_store(tmp_path / "kg") as store:
        store.replace_graph(G1, [quad("a", "b", G1)])
    with open_store(tmp_path / "kg", read_only=True) as store:
        assert store.graphs() == [G1]
        with pytest.raises(StoreError, match="read-only"):
            store.replace_graph(G1, [])


def test_default_path_follows_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(STORE_ENV, raising=False)
    assert default_store_path() == Path(".unkg/store")
    monkeypatch.setenv(STORE_ENV, "/somewhere/kg")
    assert default_store_path() == Path("/somewhere/kg")


def test_open_without_path_uses_the_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(STORE_ENV, str(tmp_path / "from-env"))
    with open_store() as store:
        assert store.path == tmp_path / "from-env"
    assert (tmp_path / "from-env" / "CURRENT").is_file()


@pytest.mark.parametrize(
    ("prepare", "read_only", "message"),
    [
        (lambda p: None, True, "no store there"),
        (lambda p: p.write_text("x"), False, "is a file"),
        (lambda p: (p.mkdir(), (p / "notes.txt").write_text("x")), False, "not an Oxigraph store"),
        (lambda p: (p.mkdir(), (p / "notes.txt").write_text("x")), True, "not an Oxigraph store"),
    ],
    ids=["missing-read-only", "a-file", "other-folder", "other-folder-read-only"],
)
def test_bad_store_folders_are_one_line_errors(
    tmp_path: Path, prepare: Callable[[Path], object], read_only: bool, message: str
) -> None:
    folder = tmp_path / "kg"
    prepare(folder)
    with pytest.raises(StoreError, match=message) as caught:
        open_store(folder, read_only=read_only)
    assert str(folder) in str(caught.value)
    assert "\n" not in str(caught.value)
    if folder.is_dir():
        assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]  # left untouched


def test_locked_store_names_the_folder(tmp_path: Path) -> None:
    folder = tmp_path / "kg"
    open_store(folder).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, pyoxigraph; s = pyoxigraph.Store(sys.argv[1]); print('open', flush=True);"
            " sys.stdin.read()",
            str(folder),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreError, match="in use by another process") as caught:
            open_store(folder)
        assert str(folder) in str(caught.value)
    finally:
        holder.communicate("", timeout=30)
    # Once the holder is gone the store opens again.
    deadline = time.monotonic() + 10
    while True:
        try:
            open_store(folder).close()
            break
        except StoreError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
