"""A SPARQL 1.1 client: Protocol and Update through SPARQLWrapper, Graph Store over ``urllib``.

It speaks to any SPARQL 1.1 server (the ``oxigraph`` server, Virtuoso, Fuseki, ``unkg serve``).
SPARQLWrapper has no Graph Store Protocol, so :meth:`SparqlClient.request` sends those requests
itself, with the same authentication.
Library queries are written against a default graph that is the union of the named graphs, so
queries carry ``union-default-graph`` (the oxigraph server's switch; Virtuoso's default graph is
already the union, and servers ignore parameters they do not know).
"""

from __future__ import annotations

import json
import math
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib.term import Node
from SPARQLWrapper import BASIC, CONSTRUCT, DESCRIBE, DIGEST, JSON, POST, TURTLE, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import (
    EndPointInternalError,
    EndPointNotFound,
    QueryBadFormed,
    SPARQLWrapperException,
    Unauthorized,
    URITooLong,
)

from graph_builder.endpoint import USER_AGENT
from graph_builder.errors import EndpointError
from graph_builder.query import Result
from graph_builder.terms import json_term, to_rdflib


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
        """Run a query; SELECT/ASK come back as JSON results, CONSTRUCT/DESCRIBE as RDF."""
        wrapper = self._wrapper(self.url)
        wrapper.setQuery(text)
        if self.union_default_graph:
            wrapper.addParameter("union-default-graph", "")
        if wrapper.queryType in (CONSTRUCT, DESCRIBE):
            wrapper.setReturnFormat(TURTLE)  # servers answer Turtle or N-Triples (a subset)
        else:
            wrapper.setReturnFormat(JSON)
        content_type, body = self._send(wrapper, self.url)
        if "json" in content_type:
            return parse_json_results(body, source=self.url)
        try:
            triples = ox.parse(body, format=ox.RdfFormat.TURTLE)
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
        wrapper = self._wrapper(url)
        wrapper.setQuery(text)
        if not wrapper.isSparqlUpdateRequest():
            raise EndpointError(f"{url}: not a SPARQL Update request: {_first_line(text)}")
        self._send(wrapper, url)

    def _wrapper(self, url: str) -> SPARQLWrapper:
        wrapper = SPARQLWrapper(url, updateEndpoint=url, agent=USER_AGENT)
        wrapper.setMethod(POST)  # library queries with VALUES blocks outgrow a URL
        # SPARQLWrapper takes whole seconds; never round a short timeout down to "none".
        wrapper.setTimeout(max(1, math.ceil(self.timeout)))
        if self.user is not None:
            wrapper.setCredentials(self.user, self.password or "")
        return wrapper

    def _send(self, wrapper: SPARQLWrapper, url: str) -> tuple[str, bytes]:
        """Send through SPARQLWrapper; with credentials, Digest if the server refuses Basic."""
        schemes = (BASIC, DIGEST) if self.user is not None else (BASIC,)
        for scheme in schemes:
            wrapper.setHTTPAuth(scheme)
            try:
                response = wrapper.query().response
                return response.headers.get("Content-Type", ""), bytes(response.read())
            except Unauthorized as error:
                if scheme == schemes[-1]:
                    raise EndpointError(f"{url}: HTTP 401: {_detail(error)}") from error
            except SPARQLWrapperException as error:
                status = _STATUS.get(type(error), "")
                raise EndpointError(f"{url}: HTTP {status}: {_detail(error)}") from error
            except OSError as error:  # urllib's HTTPError and URLError among them
                raise _http_failure(url, error) from error
        raise AssertionError("unreachable")  # pragma: no cover

    def request(
        self, url: str, *, data: bytes | None = None, headers: dict[str, str] | None = None,
        method: str | None = None,
    ) -> tuple[int, str, bytes]:
        """One HTTP request; any failure becomes one-line :class:`EndpointError`."""
        request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                return response.status, response.headers.get("Content-Type", ""), response.read()
        except OSError as error:  # urllib's HTTPError and URLError among them
            raise _http_failure(url, error) from error


def _http_failure(url: str, error: OSError) -> EndpointError:
    """One line for a failed request: the status and the server's first words, or the reason."""
    if isinstance(error, urllib.error.HTTPError):
        detail = _first_line(error.read().decode("utf-8", "replace"))
        return EndpointError(f"{url}: HTTP {error.code} {error.reason}: {detail}")
    reason = getattr(error, "reason", error)
    return EndpointError(f"{url}: cannot reach the server: {reason}")


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
    try:
        rows: list[tuple[Node | None, ...]] = [
            tuple(json_term(b[v]) if v in b else None for v in variables)
            for b in payload.get("results", {}).get("bindings", [])
        ]
    except (KeyError, TypeError, ValueError) as error:
        raise EndpointError(f"{source}: malformed results ({error!r})") from error
    return Result(variables, rows)


# SPARQLWrapper turns these statuses into exceptions of its own.
_STATUS: dict[type[SPARQLWrapperException], int] = {
    QueryBadFormed: 400,
    Unauthorized: 401,
    EndPointNotFound: 404,
    URITooLong: 414,
    EndPointInternalError: 500,
}


def _detail(error: SPARQLWrapperException) -> str:
    """The first line of what the server said, from SPARQLWrapper's exception."""
    response = getattr(error, "response", None)
    if isinstance(response, bytes):
        return _first_line(response.decode("utf-8", "replace"))
    return _first_line(str(error))


def _first_line(text: str) -> str:
    for line in text.splitlines():
        clean = line.strip()
        if clean and not clean.startswith("<") and not clean.lower().startswith("<!doctype"):
            return clean[:300]
    return " ".join(text.split())[:300]
