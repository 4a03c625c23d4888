"""The graph store: an RDF dataset with one named graph per source document.

The default store is Oxigraph on disk (``.unkg/store`` under the current folder, or
``$UNKG_STORE``, or ``--store DIR``). Code that wants rdflib's API gets an
``rdflib.Dataset`` over the same on-disk store through oxrdflib
(:meth:`GraphStore.dataset`); bulk work goes to pyoxigraph directly
(:attr:`OxigraphGraphStore.pyoxigraph`). rdflib's in-memory store is available for
small jobs (:func:`open_memory_store`).

Every write of a named graph is atomic: a reader, or a later build after a crash,
sees a document's graph either wholly as it was or wholly as it is now.

>>> with open_memory_store() as store:
...     store.replace_graph("http://example.org/g", [ox.Quad(
...         ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p"),
...         ox.Literal("o"), ox.NamedNode("http://example.org/g"))])
...     store.graphs(), store.quad_count()
(['http://example.org/g'], 1)
"""

from __future__ import annotations

import argparse
import os
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from types import TracebackType
from typing import TypeVar

import pyoxigraph as ox
import rdflib
from rdflib.query import Result
from rdflib.term import Identifier

from graph_builder.errors import StoreError
from graph_builder.terms import serialize_bytes

STORE_ENV = "UNKG_STORE"
DEFAULT_STORE = Path(".unkg") / "store"

# A RocksDB folder always holds this file; a non-empty folder without it is something else.
_MARKER = "CURRENT"

_Store = TypeVar("_Store", bound="GraphStore")


def default_store_path() -> Path:
    """The store folder used when none is given: ``$UNKG_STORE``, else ``.unkg/store``.

    >>> default_store_path() == Path(os.environ.get(STORE_ENV) or ".unkg/store")
    True
    """
    configured = os.environ.get(STORE_ENV)
    return Path(configured) if configured else DEFAULT_STORE


def add_store_argument(parser: argparse.ArgumentParser) -> None:
    """Add the ``--store DIR`` option every command that reads or writes the store shares.

    >>> p = argparse.ArgumentParser(); add_store_argument(p)
    >>> p.parse_args(["--store", "kg"]).store
    PosixPath('kg')
    """
    parser.add_argument(
        "--store",
        type=Path,
        default=None,
        metavar="DIR",
        help=f"the embedded Oxigraph store (default: ${STORE_ENV}, else {DEFAULT_STORE})",
    )


class GraphStore(ABC):
    """What every store offers: SPARQL, named graphs, an rdflib view.

    Graph names are IRIs given as strings. Queries see the union of all named graphs
    as their default graph.
    """

    path: Path | None = None

    @abstractmethod
    def dataset(self) -> rdflib.Dataset:
        """The store as an ``rdflib.Dataset`` (default graph = union of named graphs)."""

    def query(self, sparql: str, *, bindings: Mapping[str, Identifier] | None = None) -> Result:
        """Run a SPARQL query; ``bindings`` pre-binds variables (names without ``?``).

        On the Oxigraph store a bound variable must be projected (listed, or ``SELECT *``).

        Raises:
            StoreError: the query is malformed or the store fails.
        """
        try:
            return self.dataset().query(sparql, initBindings=dict(bindings or {}))
        except (SyntaxError, ValueError, OSError, RuntimeError) as error:
            raise StoreError(f"{self._name}: query failed: {_one_line(error)}") from error
        except Exception as error:
            # rdflib reports SPARQL syntax errors as pyparsing exceptions.
            if type(error).__module__.startswith("pyparsing"):
                raise StoreError(f"{self._name}: query failed: {_one_line(error)}") from error
            raise

    @abstractmethod
    def graphs(self) -> list[str]:
        """The names of the named graphs, sorted."""

    @abstractmethod
    def has_graph(self, graph: str) -> bool:
        """Whether the named graph ``graph`` holds anything."""

    @abstractmethod
    def graph_quads(self, graph: str) -> Iterator[ox.Quad]:
        """The quads of one named graph."""

    @abstractmethod
    def replace_graph(self, graph: str, quads: Iterable[ox.Quad]) -> None:
        """Make the named graph ``graph`` hold exactly ``quads``, in one transaction.

        Args:
            graph: the graph IRI; every quad must be in it.
            quads: the new content.

        Raises:
            StoreError: a quad is in another graph, or the store fails.
        """

    @abstractmethod
    def add_graphs(self, data: bytes, *, format: ox.RdfFormat = ox.RdfFormat.TRIG) -> None:
        """Add serialized named graphs the store does not hold yet, in one transaction.

        The fast path for new documents; graphs already present would be merged, not
        replaced, so use :meth:`replace_graph` for those.
        """

    @abstractmethod
    def remove_graph(self, graph: str) -> None:
        """Delete one named graph."""

    @abstractmethod
    def quad_count(self) -> int:
        """How many quads the store holds (a triple in two graphs counts twice)."""

    def size_on_disk(self) -> int:
        """Bytes the store takes on disk (0 in memory)."""
        return 0

    @abstractmethod
    def flush(self) -> None:
        """Make every write durable."""

    @abstractmethod
    def close(self) -> None:
        """Flush and release the store (and its lock)."""

    @property
    def _name(self) -> str:
        return str(self.path) if self.path is not None else "memory store"

    def __enter__(self: _Store) -> _Store:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


class OxigraphGraphStore(GraphStore):
    """An Oxigraph store, on disk (``path``) or in memory (``path=None``)."""

    def __init__(self, inner: ox.Store, *, path: Path | None, read_only: bool) -> None:
        self._inner: ox.Store | None = inner
        self.path = path
        self.read_only = read_only
        self._dataset: rdflib.Dataset | None = None

    @property
    def pyoxigraph(self) -> ox.Store:
        """The ``pyoxigraph.Store`` itself, for bulk work and fast queries."""
        if self._inner is None:
            raise StoreError(f"{self._name}: the store is closed")
        return self._inner

    def dataset(self) -> rdflib.Dataset:
        if self._dataset is None:
            from oxrdflib import OxigraphStore

            self._dataset = rdflib.Dataset(
                store=OxigraphStore(store=self.pyoxigraph), default_union=True
            )
        return self._dataset

    def graphs(self) -> list[str]:
        return sorted(
            g.value for g in self.pyoxigraph.named_graphs() if isinstance(g, ox.NamedNode)
        )

    def has_graph(self, graph: str) -> bool:
        node = ox.NamedNode(graph)
        found = self.pyoxigraph.quads_for_pattern(None, None, None, node)
        return next(iter(found), None) is not None

    def graph_quads(self, graph: str) -> Iterator[ox.Quad]:
        return iter(self.pyoxigraph.quads_for_pattern(None, None, None, ox.NamedNode(graph)))

    def replace_graph(self, graph: str, quads: Iterable[ox.Quad]) -> None:
        node = ox.NamedNode(graph)
        new = set(quads)
        _check_graph(node, new)
        old = set(self.pyoxigraph.quads_for_pattern(None, None, None, node))
        if any(_has_blank(q) for q in old | new):
            # Blank nodes cannot be matched across two emissions: rewrite the whole graph.
            update = f"DROP SILENT GRAPH {node} ;\nINSERT DATA {{ {_graph_block(node, new)} }}"
        else:
            # Rewrite only what changed: a rebuild of an unchanged document touches a few quads.
            removed, added = old - new, new - old
            if not removed and not added:
                return
            update = (
                f"DELETE DATA {{ {_graph_block(node, removed)} }} ;\n"
                f"INSERT DATA {{ {_graph_block(node, added)} }}"
            )
        self._write(lambda store: store.update(update))

    def add_graphs(self, data: bytes, *, format: ox.RdfFormat = ox.RdfFormat.TRIG) -> None:
        # One bulk load below a million quads is one atomic ingestion of sorted files.
        self._write(lambda store: store.bulk_load(data, format=format))

    def remove_graph(self, graph: str) -> None:
        self._write(lambda store: store.remove_graph(ox.NamedNode(graph)))

    def quad_count(self) -> int:
        return len(self.pyoxigraph)

    def size_on_disk(self) -> int:
        if self.path is None:
            return 0
        return sum(f.stat().st_size for f in self.path.rglob("*") if f.is_file())

    def flush(self) -> None:
        if self._inner is not None and not self.read_only and self.path is not None:
            self._write(lambda store: store.flush())

    def optimize(self) -> None:
        """Compact the on-disk files; worth doing after a large build, before serving."""
        self._write(lambda store: store.optimize())

    def close(self) -> None:
        if self._inner is None:
            return
        self.flush()
        self._dataset = None
        self._inner = None

    def _write(self, action: Callable[[ox.Store], object]) -> None:
        if self.read_only:
            raise StoreError(f"{self._name}: the store is open read-only")
        try:
            action(self.pyoxigraph)
        except (OSError, SyntaxError, ValueError) as error:
            raise StoreError(f"{self._name}: write failed: {_one_line(error)}") from error


class MemoryGraphStore(GraphStore):
    """rdflib's in-memory store: no files, no lock, slow beyond small jobs."""

    def __init__(self) -> None:
        self._dataset = rdflib.Dataset(default_union=True)

    def dataset(self) -> rdflib.Dataset:
        return self._dataset

    def graphs(self) -> list[str]:
        return sorted(
            str(g.identifier)
            for g in self._dataset.graphs()
            if isinstance(g.identifier, rdflib.URIRef)
            and g.identifier != rdflib.graph.DATASET_DEFAULT_GRAPH_ID
            and len(g) > 0
        )

    def has_graph(self, graph: str) -> bool:
        return next(iter(self._dataset.graph(rdflib.URIRef(graph))), None) is not None

    def graph_quads(self, graph: str) -> Iterator[ox.Quad]:
        data = self._dataset.graph(rdflib.URIRef(graph)).serialize(format="nt", encoding="utf-8")
        node = ox.NamedNode(graph)
        return (
            ox.Quad(t.subject, t.predicate, t.object, node)
            for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)
        )

    def replace_graph(self, graph: str, quads: Iterable[ox.Quad]) -> None:
        node = ox.NamedNode(graph)
        new = list(quads)
        _check_graph(node, new)
        self._dataset.remove_graph(rdflib.URIRef(graph))
        self.add_graphs(serialize_bytes(new, ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS)

    def add_graphs(self, data: bytes, *, format: ox.RdfFormat = ox.RdfFormat.TRIG) -> None:
        self._dataset.parse(data=data, format=_RDFLIB_FORMATS[format])

    def remove_graph(self, graph: str) -> None:
        self._dataset.remove_graph(rdflib.URIRef(graph))

    def quad_count(self) -> int:
        return sum(1 for _ in self._dataset.quads((None, None, None, None)))

    def flush(self) -> None:
        return  # nothing in memory is durable

    def close(self) -> None:
        self._dataset.close()


_RDFLIB_FORMATS = {ox.RdfFormat.TRIG: "trig", ox.RdfFormat.N_QUADS: "nquads"}


def open_store(
    path: Path | str | None = None, *, read_only: bool = False, create: bool = True
) -> OxigraphGraphStore:
    """Open (or, writable, create) the Oxigraph store in folder ``path``.

    Args:
        path: the store folder; ``None`` means :func:`default_store_path`.
        read_only: open without taking the write lock (several readers may share it,
            but not while a writer is running).
        create: whether a writable open may create a new store (commands that add to
            a built store say ``False``, so a mistyped path is an error).

    Returns:
        The open store; close it (or use ``with``) to release the lock.

    Raises:
        StoreError: one line naming the folder when it is missing (read-only), is a
            file or a folder of something else, or is locked by another process.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d, open_store(Path(d) / "kg") as s:
    ...     s.quad_count()
    0
    """
    folder = Path(path) if path is not None else default_store_path()
    if folder.exists() and not folder.is_dir():
        raise StoreError(f"{folder}: is a file, not a store folder")
    holds_store = (folder / _MARKER).is_file()
    if folder.is_dir() and not holds_store and any(folder.iterdir()):
        raise StoreError(f"{folder}: not an Oxigraph store (the folder holds other files)")
    if (read_only or not create) and not holds_store:
        raise StoreError(f"{folder}: no store there; build one with `unkg build --store {folder}`")
    try:
        if not read_only:
            folder.parent.mkdir(parents=True, exist_ok=True)
        inner = ox.Store.read_only(str(folder)) if read_only else ox.Store(str(folder))
    except OSError as error:
        message = str(error)
        if "lock" in message.lower():
            raise StoreError(f"{folder}: the store is in use by another process") from error
        raise StoreError(f"{folder}: cannot open the store: {_one_line(error)}") from error
    return OxigraphGraphStore(inner, path=folder, read_only=read_only)


def open_memory_store() -> MemoryGraphStore:
    """An empty rdflib in-memory store, for small jobs and comparisons."""
    return MemoryGraphStore()


def _check_graph(node: ox.NamedNode, quads: Iterable[ox.Quad]) -> None:
    for quad in quads:
        if quad.graph_name != node:
            raise StoreError(f"{node.value}: a quad belongs to another graph: {quad}")


def _has_blank(quad: ox.Quad) -> bool:
    return isinstance(quad.subject, ox.BlankNode) or isinstance(quad.object, ox.BlankNode)


def _graph_block(node: ox.NamedNode, quads: Iterable[ox.Quad]) -> str:
    # N-Triples is valid SPARQL quad data and pyoxigraph escapes it exactly.
    triples = serialize_bytes([q.triple for q in quads], ox.RdfFormat.N_TRIPLES)
    return f"GRAPH {node} {{\n{triples.decode('utf-8')}}}"


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split())
