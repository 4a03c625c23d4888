"""Fixtures of the link tests: a store, a Wikidata-shaped SPARQL server, a misbehaving one.

The Wikidata stand-in is a real ``oxigraph serve`` loaded with ``data/wikidata.ttl``. The
misbehaving server is a real HTTP server on 127.0.0.1 that answers each request with the next
scripted reply (a status, headers, a body, an optional delay before answering).
"""

from __future__ import annotations

import functools
import threading
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from tests.conftest import ONTOLOGY, OxigraphServer, start_oxigraph

DATA = Path(__file__).parent / "data"
ID = "https://w3id.org/unkg/id/"
UNKG = "https://w3id.org/unkg/ontology#"
AUTHORITY = ox.NamedNode("https://w3id.org/unkg/id/graph/authority")
RESULTS = b'{"head": {"vars": ["item", "symbol"]}, "results": {"bindings": []}}'


@functools.cache
def _authority() -> tuple[rdflib.Graph, rdflib.Graph]:
    """The dataset descriptions, and every other authority file, parsed once."""
    datasets = rdflib.Graph().parse(ONTOLOGY / "authority" / "datasets.ttl")
    links = rdflib.Graph()
    for path in sorted((ONTOLOGY / "authority").glob("*.ttl")):
        if path.name != "datasets.ttl":
            links.parse(path)
    return datasets, links


@functools.cache
def authority_links() -> dict[tuple[str, str], int]:
    """(target dataset, link predicate) -> how many links the authority files state.

    Counted here with rdflib, apart from the store's SPARQL, so that the VoID counts and the
    enrichment batches are checked against the files themselves.
    """
    datasets, links = _authority()
    void = rdflib.Namespace("http://rdfs.org/ns/void#")
    spaces = {
        str(d).rsplit("/", 1)[1]: str(space)
        for d, space in datasets.subject_objects(void.uriSpace)
        if not str(d).endswith("/unkg")
    }
    counts: dict[tuple[str, str], int] = {}
    for s, p, o in links:
        if str(s).startswith(ID + "link/") or not str(s).startswith(ID):
            continue
        for name, space in spaces.items():
            if isinstance(o, rdflib.URIRef) and str(o).startswith(space):
                counts[(name, str(p))] = counts.get((name, str(p)), 0) + 1
    return counts


def authority_symbols() -> set[str]:
    """Symbols of the documents the authority files name (the resolutions adopting treaties)."""
    return {str(s) for s in _authority()[1].objects(None, rdflib.URIRef(UNKG + "symbol"))}


@functools.cache
def fixture_symbols() -> frozenset[str]:
    """Symbols of the documents of data/documents.trig that have one of their own."""
    quads = ox.parse(path=DATA / "documents.trig", format=ox.RdfFormat.TRIG)
    return frozenset(q.object.value for q in quads if q.predicate.value == UNKG + "symbol")


def symbol_batch() -> str:
    """How the one symbol batch of the fixture store is named in reports."""
    symbols = sorted(fixture_symbols() | authority_symbols())
    return f"symbol batch 1/1 ({symbols[0]} … {symbols[-1]})"


def wikidata_items() -> int:
    """Distinct Wikidata items the authority files link to."""
    return authority_links()[("wikidata", "http://www.w3.org/2004/02/skos/core#exactMatch")]


def load_authority(store: ox.Store) -> None:
    """The authority files, in ``id:graph/authority`` as the build puts them."""
    for path in sorted((ONTOLOGY / "authority").glob("*.ttl")):
        store.load(path=path, format=ox.RdfFormat.TURTLE, to_graph=AUTHORITY)


@pytest.fixture
def store() -> ox.Store:
    """An in-memory store: the authority records and two language graphs of A/RES/59/159."""
    store = ox.Store()
    load_authority(store)
    store.load(path=DATA / "documents.trig", format=ox.RdfFormat.TRIG)
    return store


@pytest.fixture(scope="session")
def wikidata(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphServer]:
    """A real oxigraph server answering from the Wikidata-shaped fixture."""
    server, process = start_oxigraph(tmp_path_factory.mktemp("wikidata"))
    try:
        request = urllib.request.Request(
            f"{server.store}?default",
            data=(DATA / "wikidata.ttl").read_bytes(),
            headers={"Content-Type": "text/turtle"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=30):
            pass
        yield server
    finally:
        process.terminate()
        process.wait(timeout=10)


@dataclass
class Reply:
    status: int = 200
    body: bytes = RESULTS
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


@dataclass
class Request:
    method: str
    headers: dict[str, str]
    body: bytes


class ScriptedServer:
    """A real HTTP server on 127.0.0.1 answering with ``replies`` in turn (the last repeats)."""

    def __init__(self, replies: list[Reply]) -> None:
        self.replies = list(replies)
        self.requests: list[Request] = []
        self.release = threading.Event()  # ends any delay early at teardown
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self.answer(b"")

            def do_POST(self) -> None:
                self.answer(self.rfile.read(int(self.headers.get("Content-Length", 0))))

            def answer(self, body: bytes) -> None:
                outer.requests.append(Request(self.command, dict(self.headers), body))
                reply = outer.replies[min(len(outer.requests), len(outer.replies)) - 1]
                if reply.delay and outer.release.wait(reply.delay):
                    return
                self.send_response(reply.status)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(reply.body)))
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(reply.body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}/sparql"
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def __enter__(self) -> ScriptedServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)
