"""Load every named graph of the built store into a SPARQL 1.1 server.

Two ways, both standard: the Graph Store Protocol (``PUT`` each named graph's first chunk, then
``POST`` the rest, so a graph is replaced and no request grows without bound) or SPARQL Update
(``DROP SILENT GRAPH`` then ``INSERT DATA`` in chunks). Terms are written by pyoxigraph's
N-Triples serializer, which SPARQL reads unchanged.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice

import pyoxigraph as ox

from graph_builder.errors import EndpointError
from graph_builder.remote import SparqlClient

METHODS = ("gsp", "update")
# Triples per request. Virtuoso 7.2 compiles INSERT DATA to SQL and refuses beyond 10,000 lines
# of it (about 1,500 triples); a Graph Store body has no such limit.
CHUNK = {"gsp": 10_000, "update": 1_000}


@dataclass(frozen=True)
class Targets:
    """Where queries, updates and Graph Store requests go on one server."""

    query: str
    update: str
    graph_store: str | None


def targets(endpoint: str, *, graph_store: str | None = None,
            update: str | None = None) -> Targets:
    """Derive the update and Graph Store URLs of a server from its query URL.

    A URL ending in ``/query`` (the oxigraph server's layout) has ``/update`` and ``/store``
    beside it; any other URL takes updates itself and needs ``graph_store`` for GSP.

    >>> targets("http://127.0.0.1:7878/query")
    Targets(query='http://127.0.0.1:7878/query', update='http://127.0.0.1:7878/update', graph_store='http://127.0.0.1:7878/store')
    >>> targets("http://127.0.0.1:8890/sparql").graph_store is None
    True
    """
    parts = urllib.parse.urlsplit(endpoint)
    if parts.path.endswith("/query"):
        base = endpoint[: -len("/query")] if not parts.query else None
        if base is not None:
            return Targets(endpoint, update or base + "/update", graph_store or base + "/store")
    return Targets(endpoint, update or endpoint, graph_store)


def graph_chunks(store: ox.Store, graph: ox.NamedNode | ox.DefaultGraph,
                 size: int) -> Iterator[list[ox.Triple]]:
    """The triples of one graph of ``store`` in lists of at most ``size``."""
    quads = store.quads_for_pattern(None, None, None, graph)
    triples = (ox.Triple(q.subject, q.predicate, q.object) for q in quads)
    while chunk := list(islice(triples, size)):
        yield chunk


def push(
    store: ox.Store,
    endpoint: str,
    *,
    method: str = "gsp",
    graph_store: str | None = None,
    update_endpoint: str | None = None,
    user: str | None = None,
    password: str | None = None,
    chunk: int | None = None,
    timeout: float = 300.0,
    progress: Callable[[str, int], None] | None = None,
) -> dict[str, int]:
    """Replace each named graph of ``store`` on the server; return triples pushed per graph.

    Args:
        store: the source store.
        endpoint: the server's SPARQL query URL.
        method: ``gsp`` (Graph Store Protocol) or ``update`` (SPARQL Update).
        graph_store: the Graph Store Protocol URL, when it cannot be derived from ``endpoint``.
        update_endpoint: the SPARQL Update URL, when it is not ``endpoint`` (or ``/update``).
        user: user name for HTTP (basic or digest) authentication.
        password: its password.
        chunk: triples per request (default :data:`CHUNK` of the method).
        timeout: seconds to wait for each request.
        progress: called with each graph IRI and its triple count once it is pushed.

    Raises:
        EndpointError: the server refused or failed; the message names the URL.
    """
    if method not in METHODS:
        raise EndpointError(f"{endpoint}: unknown push method {method!r} (methods: gsp, update)")
    chunk = chunk if chunk is not None else CHUNK.get(method, 1_000)
    if chunk <= 0:
        raise EndpointError(f"{endpoint}: chunk size must be positive")
    where = targets(endpoint, graph_store=graph_store, update=update_endpoint)
    if method == "gsp" and where.graph_store is None:
        raise EndpointError(f"{endpoint}: give the Graph Store Protocol URL (--graph-store) "
                            "or push with --method update")
    client = SparqlClient(endpoint, user=user, password=password, timeout=timeout)
    named = sorted(
        (g for g in store.named_graphs() if isinstance(g, ox.NamedNode)), key=lambda g: g.value
    )
    graphs: list[ox.NamedNode | ox.DefaultGraph] = list(named)
    if next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None):
        graphs.append(ox.DefaultGraph())
    counts: dict[str, int] = {}
    for graph in graphs:
        name = graph.value if isinstance(graph, ox.NamedNode) else "default"
        sent = 0
        if method == "update":
            target = f"GRAPH {graph}" if isinstance(graph, ox.NamedNode) else "DEFAULT"
            client.request_update(where.update, f"DROP SILENT {target}")
        for index, triples in enumerate(graph_chunks(store, graph, chunk)):
            body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
            if method == "gsp":
                assert where.graph_store is not None
                url = gsp_url(where.graph_store, graph)
                client.request(url, data=body, method="PUT" if index == 0 else "POST",
                               headers={"Content-Type": "application/n-triples"})
            else:
                data = body.decode("utf-8")
                text = (f"INSERT DATA {{ GRAPH {graph} {{\n{data}}} }}"
                        if isinstance(graph, ox.NamedNode) else f"INSERT DATA {{\n{data}}}")
                client.request_update(where.update, text)
            sent += len(triples)
        counts[name] = sent
        if progress is not None:
            progress(name, sent)
    return counts


def gsp_url(base: str, graph: ox.NamedNode | ox.DefaultGraph) -> str:
    """The Graph Store Protocol URL of one graph (``?graph=…`` or ``?default``).

    >>> gsp_url("http://h/store", ox.NamedNode("https://w3id.org/unkg/id/graph/A/RES/1/en"))
    'http://h/store?graph=https%3A%2F%2Fw3id.org%2Funkg%2Fid%2Fgraph%2FA%2FRES%2F1%2Fen'
    """
    joiner = "&" if "?" in base else "?"
    if isinstance(graph, ox.DefaultGraph):
        return f"{base}{joiner}default"
    return f"{base}{joiner}{urllib.parse.urlencode({'graph': graph.value})}"
