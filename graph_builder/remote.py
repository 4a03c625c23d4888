"""A small SPARQL 1.1 Protocol and Graph Store Protocol client over ``urllib``.

It speaks to any SPARQL 1.1 server (the ``oxigraph`` server, Virtuoso, Fuseki, ``unkg serve``).
Library queries are written against a default graph that is the union of the named graphs, so
queries carry ``union-default-graph`` (the oxigraph server's switch; Virtuoso's default graph is
already the union, and servers ignore parameters they do not know).
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
from rdflib.term import BNode, Node, URIRef

from graph_builder.errors import EndpointError
from graph_builder.query import Result
from graph_builder.terms import make_literal, to_rdflib

JSON_RESULTS = "application/sparql-results+json"
N_TRIPLES = "application/n-triples"


@dataclass
class SparqlClient:
    """A SPARQL endpoint at ``url`` (its query URL), optionally with HTTP authentication.

    >>> SparqlClient("http://127.0.0.1:7878/query").url
    'http://127.0.0.1:7878/query'
    """

    url: str
    user: str | None = None
    password: str | None = None
    timeout: float = 60.0
    union_default_graph: bool = True

    def __post_init__(self) -> None:
        parsed = urllib.parse.urlsplit(self.url)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise EndpointError(f"{self.url}: not an http(s) URL")
        handlers: list[urllib.request.BaseHandler] = []
        if self.user is not None:
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            # The whole server: updates and Graph Store requests may live at other paths.
            root = f"{parsed.scheme}://{parsed.netloc}/"
            passwords.add_password(None, root, self.user, self.password or "")
            handlers += [
                urllib.request.HTTPBasicAuthHandler(passwords),
                urllib.request.HTTPDigestAuthHandler(passwords),
            ]
        self._opener = urllib.request.build_opener(*handlers)

    def query(self, text: str) -> Result:
        """Run a query; SELECT/ASK come back as JSON results, CONSTRUCT/DESCRIBE as N-Triples."""
        form = {"query": text}
        if self.union_default_graph:
            form["union-default-graph"] = ""
        accept = f"{JSON_RESULTS}, {N_TRIPLES};q=0.9, text/plain;q=0.5"
        _, content_type, body = self.request(
            self.url, data=urllib.parse.urlencode(form).encode(),
            headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"},
        )
        if "json" in content_type:
            return parse_json_results(body, source=self.url)
        try:
            triples = ox.parse(body, format=ox.RdfFormat.N_TRIPLES)
            rows: list[tuple[Node | None, ...]] = [
                (to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object))
                for t in triples
            ]
        except SyntaxError as error:
            raise EndpointError(f"{self.url}: unreadable {content_type} answer: {error}") from error
        return Result(("subject", "predicate", "object"), rows)

    def update(self, text: str) -> None:
        """Send a SPARQL Update request to this endpoint."""
        self.request_update(self.url, text)

    def request_update(self, url: str, text: str) -> None:
        """Send a SPARQL Update request to ``url`` (servers may take updates elsewhere)."""
        self.request(
            url, data=urllib.parse.urlencode({"update": text}).encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )

    def request(
        self, url: str, *, data: bytes | None = None, headers: dict[str, str] | None = None,
        method: str | None = None,
    ) -> tuple[int, str, bytes]:
        """One HTTP request; any failure becomes one-line :class:`EndpointError`."""
        request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                return response.status, response.headers.get("Content-Type", ""), response.read()
        except urllib.error.HTTPError as error:
            detail = _first_line(error.read().decode("utf-8", "replace"))
            raise EndpointError(f"{url}: HTTP {error.code} {error.reason}: {detail}") from error
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise EndpointError(f"{url}: cannot reach the server: {reason}") from error


def parse_json_results(body: bytes, *, source: str = "endpoint") -> Result:
    """SPARQL 1.1 Query Results JSON as a :class:`Result`.

    >>> r = parse_json_results(b'{"head":{"vars":["x"]},"results":{"bindings":'
    ...     b'[{"x":{"type":"literal","value":"3","datatype":"http://www.w3.org/2001/XMLSchema#integer"}}]}}')
    >>> r.variables, r.rows[0][0].toPython()
    (('x',), 3)
    """
    try:
        payload = json.loads(body)
    except ValueError as error:
        raise EndpointError(f"{source}: answer is not JSON: {error}") from error
    if "boolean" in payload:
        return Result((), boolean=bool(payload["boolean"]))
    variables = tuple(payload.get("head", {}).get("vars", []))
    rows = [
        tuple(_json_term(b.get(v)) for v in variables)
        for b in payload.get("results", {}).get("bindings", [])
    ]
    return Result(variables, rows)


def _json_term(value: dict[str, Any] | None) -> Node | None:
    if value is None:
        return None
    kind = value.get("type")
    if kind == "uri":
        return URIRef(value["value"])
    if kind == "bnode":
        return BNode(value["value"])
    # "typed-literal" is what older servers (Virtuoso among them) write for typed literals.
    return make_literal(value["value"], value.get("xml:lang"), value.get("datatype"))


def _first_line(text: str) -> str:
    for line in text.splitlines():
        clean = line.strip()
        if clean and not clean.startswith("<") and not clean.lower().startswith("<!doctype"):
            return clean[:300]
    return " ".join(text.split())[:300]
