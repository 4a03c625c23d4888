"""A SPARQL 1.1 Protocol endpoint over the embedded store, on the standard library's HTTP server.

Safe by default: it binds 127.0.0.1, refuses SPARQL Update (403) unless ``allow_update``, stops
waiting for a query after ``timeout`` seconds (503), cuts results at ``max_rows`` (and says so in
the ``X-Result-Truncated`` header), answers malformed queries with 400 and sends CORS headers only
when ``cors`` is set. ``/`` is a query page that works offline and offers the library's queries.

The default graph of a query is the union of all named graphs, as for ``unkg query``; the
protocol's ``default-graph-uri`` and ``named-graph-uri`` parameters narrow it.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

import pyoxigraph as ox
from rdflib.term import BNode, Literal, URIRef

from graph_builder.errors import QueryError
from graph_builder.query import (
    NamedQuery,
    QueryTimeoutError,
    Result,
    bind,
    collect,
    inject_values,
    load_library,
    uses_service,
)

PAGE = Path(__file__).with_name("static") / "sparql.html"
MAX_BODY = 1 << 20  # a query or an update larger than 1 MiB is refused

# Result formats: name → (media type, writer); the first of each table is the default.
SOLUTION_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_TYPES = {
    "turtle": ("text/turtle", ox.RdfFormat.TURTLE),
    "ntriples": ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    "jsonld": ("application/ld+json", ox.RdfFormat.JSON_LD),
    "rdfxml": ("application/rdf+xml", ox.RdfFormat.RDF_XML),
}
# Other names clients use (SPARQLWrapper sends format=n3 for Turtle, json for JSON-LD).
ALIASES = {
    "application/json": "json",
    "text/xml": "xml",
    "application/xml": "xml",
    "nt": "ntriples",
    "text/plain": "ntriples",
    "ttl": "turtle",
    "n3": "turtle",
    "text/n3": "turtle",
    "text/rdf+n3": "turtle",
    "json-ld": "jsonld",
    "rdf": "rdfxml",
}
GRAPH_ALIASES = {
    "json": "jsonld",
    "xml": "rdfxml",
    "application/json": "jsonld",
    "application/xml": "rdfxml",
    "text/xml": "rdfxml",
}


class HttpError(Exception):
    """An answer other than 200, with the plain-text reason sent to the client."""

    def __init__(self, status: HTTPStatus, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass
class Endpoint:
    """What the HTTP handler serves: the store and the safety limits.

    >>> Endpoint(ox.Store()).answer("ASK { ?s ?p ?o }", accept="application/sparql-results+json")[2]
    b'{"head":{},"boolean":false}'
    """

    store: ox.Store
    allow_update: bool = False
    timeout: float = 30.0
    max_rows: int = 10_000
    cors: bool = False
    library: Path | None = None
    workers: int = 4
    queue_wait: float = 1.0
    allow_service: bool = False
    _pool: ThreadPoolExecutor = field(init=False, repr=False)
    _slots: threading.BoundedSemaphore = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="sparql")
        self._slots = threading.BoundedSemaphore(self.workers)

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    def answer(
        self,
        query: str,
        *,
        accept: str = "",
        fmt: list[str] | None = None,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
    ) -> tuple[str, dict[str, str], bytes]:
        """Evaluate ``query`` and serialise it: ``(content type, extra headers, body)``."""
        deadline = time.monotonic() + self.timeout
        options: dict[str, Any] = {}
        try:
            if default_graphs:
                options["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
            else:
                options["use_default_graph_as_union"] = True
            if named_graphs:
                options["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        except ValueError as error:
            raise HttpError(HTTPStatus.BAD_REQUEST, f"bad graph IRI: {error}") from error
        if not self.allow_service and uses_service(query):
            raise HttpError(
                HTTPStatus.FORBIDDEN,
                "federated queries (SERVICE) are refused; start the endpoint with --allow-service",
            )
        # Oxigraph cannot cancel a running query: one past its time limit keeps its worker
        # until it ends, so a request waits for a worker only briefly, then gets 503.
        wait = max(0.0, min(self.queue_wait, deadline - time.monotonic()))
        if not self._slots.acquire(timeout=wait):
            raise HttpError(
                HTTPStatus.SERVICE_UNAVAILABLE,
                f"all {self.workers} query workers are busy; try again later",
            )
        try:
            future = self._pool.submit(self._evaluate, query, options, deadline)
        except RuntimeError:
            self._slots.release()
            raise
        future.add_done_callback(lambda _: self._slots.release())
        try:
            kind, payload, truncated = future.result(timeout=max(0.0, deadline - time.monotonic()))
        except (FutureTimeout, QueryTimeoutError) as error:
            raise HttpError(
                HTTPStatus.SERVICE_UNAVAILABLE, f"query stopped after the {self.timeout:g} s limit"
            ) from error
        headers = {"X-Result-Truncated": "true"} if truncated else {}
        if kind == "graph":
            name = negotiate(accept, fmt, GRAPH_TYPES)
            media, rdf_format = GRAPH_TYPES[name]
            body = ox.serialize(payload, format=rdf_format) or b""
            return f"{media}; charset=utf-8", headers, body
        name = negotiate(accept, fmt, SOLUTION_TYPES)
        return f"{SOLUTION_TYPES[name]}; charset=utf-8", headers, _write(payload, name)

    def _evaluate(
        self, query: str, options: dict[str, Any], deadline: float
    ) -> tuple[str, Any, bool]:
        try:
            answer = self.store.query(query, **options)
        except SyntaxError as error:
            raise HttpError(HTTPStatus.BAD_REQUEST, f"malformed query: {error}") from error
        # pyoxigraph's answers must be dropped on the thread that made them: no traceback
        # leaving this thread may keep one alive, so a timeout is raised afresh below.
        timed_out = False
        try:
            if isinstance(answer, ox.QueryTriples):
                return self._triples(answer, deadline)
            result = collect(answer, limit=self.max_rows + 1, deadline=deadline)
        except QueryTimeoutError:
            timed_out = True
        del answer
        if timed_out:
            raise QueryTimeoutError("the time limit passed while reading the answer")
        truncated = len(result.rows) > self.max_rows
        del result.rows[self.max_rows :]
        return "solutions", result, truncated

    def _triples(self, answer: ox.QueryTriples, deadline: float) -> tuple[str, Any, bool]:
        triples: list[ox.Triple] = []
        for triple in answer:
            if len(triples) >= self.max_rows:
                return "graph", triples, True
            if time.monotonic() > deadline:
                raise QueryTimeoutError("the time limit passed while reading the answer")
            triples.append(triple)
        return "graph", triples, False

    def update(self, text: str) -> None:
        if not self.allow_update:
            raise HttpError(
                HTTPStatus.FORBIDDEN, "this endpoint is read-only (start it with --allow-update)"
            )
        if not self.allow_service and uses_service(text):
            raise HttpError(HTTPStatus.FORBIDDEN, "federated updates (SERVICE) are refused")
        try:
            self.store.update(text)
        except SyntaxError as error:
            raise HttpError(HTTPStatus.BAD_REQUEST, f"malformed update: {error}") from error

    def page(self) -> bytes:
        """The query page with the library's queries as examples (JSON made inert for HTML)."""
        queries = (
            load_library(self.library) if self.library is None or self.library.is_dir() else {}
        )
        examples = [
            {"name": n, "summary": q.summary, "description": q.description, "text": _runnable(q)}
            for n, q in queries.items()
        ]
        data = json.dumps(examples, ensure_ascii=True)
        # In a <script> block only "<" can end it early; JSON allows it escaped.
        data = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        text = PAGE.read_text(encoding="utf-8")
        return text.replace("/*EXAMPLES*/[]", data).encode("utf-8")


def _runnable(query: NamedQuery) -> str:
    """The query text with its default parameters bound, so the example runs as shown."""
    try:
        return inject_values(query.text, bind(query), in_groups=True)
    except QueryError as error:
        # A query whose defaults do not bind is still worth showing, with the reason.
        return f"# Parameters not bound: {error}\n{query.text}"


def negotiate(accept: str, formats: list[str] | None, table: dict[str, Any]) -> str:
    """Pick a format name: the first known ``format`` value, else the ``Accept`` header.

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", None, SOLUTION_TYPES)
    'xml'
    >>> negotiate("", ["tsv", "text/tab-separated-values"], SOLUTION_TYPES)
    'tsv'
    """
    names = list(table)
    aliases = {**ALIASES, **GRAPH_ALIASES} if table is GRAPH_TYPES else ALIASES
    for fmt in formats or ():
        key = aliases.get(fmt.lower(), fmt.lower())
        for name, value in table.items():
            media = value[0] if isinstance(value, tuple) else value
            if key in (name, media):
                return name
    if formats:
        raise HttpError(
            HTTPStatus.NOT_ACCEPTABLE,
            f"unknown format {formats[0]!r} (formats: {', '.join(names)})",
        )
    ranked: list[tuple[float, int, str]] = []
    for index, part in enumerate(accept.split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        quality = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media and quality > 0:
            ranked.append((-quality, index, media.lower()))
    if not ranked:
        return names[0]
    for _, _, media in sorted(ranked):
        if media in ("*/*", "application/*", "text/*"):
            return names[0]
        alias = aliases.get(media)
        for name, value in table.items():
            if media == (value[0] if isinstance(value, tuple) else value) or alias == name:
                return name
    raise HttpError(
        HTTPStatus.NOT_ACCEPTABLE,
        "cannot answer in "
        + accept
        + " (formats: "
        + ", ".join(v[0] if isinstance(v, tuple) else v for v in table.values())
        + ")",
    )


def _write(result: Result, name: str) -> bytes:
    if name == "json":
        if result.boolean is not None:
            return json.dumps(
                {"head": {}, "boolean": result.boolean}, separators=(",", ":")
            ).encode()
        return result.to_json().encode("utf-8")
    if name == "csv":
        return result.to_csv().encode("utf-8")
    if name == "tsv":
        return result.to_tsv().encode("utf-8")
    return _to_xml(result).encode("utf-8")


def _to_xml(result: Result) -> str:
    """SPARQL Query Results XML Format."""
    out = [
        '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">',
        "<head>",
    ]
    if result.boolean is not None:
        out += [
            "</head>",
            f"<boolean>{'true' if result.boolean else 'false'}</boolean>",
            "</sparql>",
        ]
        return "\n".join(out) + "\n"
    out += [f"<variable name={quoteattr(v)}/>" for v in result.variables]
    out += ["</head>", "<results>"]
    for row in result.rows:
        out.append("<result>")
        for variable, term in zip(result.variables, row, strict=True):
            if term is None:
                continue
            if isinstance(term, URIRef):
                value = f"<uri>{xml_escape(str(term))}</uri>"
            elif isinstance(term, BNode):
                value = f"<bnode>{xml_escape(str(term))}</bnode>"
            else:
                assert isinstance(term, Literal)
                attr = (
                    f" xml:lang={quoteattr(term.language)}"
                    if term.language
                    else f" datatype={quoteattr(str(term.datatype))}"
                    if term.datatype
                    else ""
                )
                value = f"<literal{attr}>{xml_escape(str(term))}</literal>"
            out.append(f"<binding name={quoteattr(variable)}>{value}</binding>")
        out.append("</result>")
    out += ["</results>", "</sparql>"]
    return "\n".join(out) + "\n"


def make_handler(endpoint: Endpoint) -> type[BaseHTTPRequestHandler]:
    """A request handler class bound to ``endpoint``."""

    class Handler(BaseHTTPRequestHandler):
        server_version = "unkg-sparql"
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            # Quiet by default; the command prints one line per request when asked.
            if getattr(self.server, "verbose", False):
                super().log_message(format, *args)

        def do_OPTIONS(self) -> None:
            self._send(HTTPStatus.NO_CONTENT, "text/plain", b"")

        def do_GET(self) -> None:
            self._guard(self._get)

        def do_POST(self) -> None:
            self._guard(self._post)

        def _get(self) -> None:
            url = urllib.parse.urlsplit(self.path)
            params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
            if url.path in ("/", "/index.html") and "query" not in params:
                self._send(HTTPStatus.OK, "text/html; charset=utf-8", endpoint.page())
                return
            if url.path not in ("/", "/sparql", "/query"):
                raise HttpError(HTTPStatus.NOT_FOUND, f"no such path {url.path}")
            if "update" in params:
                raise HttpError(HTTPStatus.BAD_REQUEST, "send SPARQL Update with POST")
            self._query(params, _one(params, "query"))

        def _post(self) -> None:
            url = urllib.parse.urlsplit(self.path)
            if url.path not in ("/", "/sparql", "/query", "/update"):
                raise HttpError(HTTPStatus.NOT_FOUND, f"no such path {url.path}")
            params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
            declared = (self.headers.get("Content-Length") or "0").strip()
            if not declared.isdigit():
                raise HttpError(HTTPStatus.BAD_REQUEST, f"bad Content-Length {declared!r}")
            length = int(declared)
            if length > MAX_BODY:
                raise HttpError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "request body over 1 MiB")
            body = self.rfile.read(length).decode("utf-8", "replace")
            media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            if media == "application/sparql-query":
                self._query(params, body)
            elif media == "application/sparql-update":
                self._update(body)
            elif media in ("application/x-www-form-urlencoded", ""):
                form = urllib.parse.parse_qs(body, keep_blank_values=True)
                for key, values in form.items():
                    params.setdefault(key, []).extend(values)
                if "update" in form:
                    self._update(_one(form, "update"))
                else:
                    self._query(params, _one(params, "query"))
            else:
                raise HttpError(
                    HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                    f"cannot read {media}: send application/sparql-query, "
                    "application/sparql-update or a form",
                )

        def _query(self, params: dict[str, list[str]], text: str) -> None:
            if not text.strip():
                raise HttpError(HTTPStatus.BAD_REQUEST, "missing query")
            content_type, headers, body = endpoint.answer(
                text,
                accept=self.headers.get("Accept", ""),
                fmt=_format(params),
                default_graphs=params.get("default-graph-uri"),
                named_graphs=params.get("named-graph-uri"),
            )
            self._send(HTTPStatus.OK, content_type, body, headers)

        def _update(self, text: str) -> None:
            endpoint.update(text)
            self._send(HTTPStatus.NO_CONTENT, "text/plain", b"")

        def _guard(self, work: Callable[[], None]) -> None:
            try:
                work()
            except HttpError as problem:
                self._fail(problem.status, problem.message)
            except OSError as problem:  # a SERVICE the query named failed, or a bad data file
                self._fail(HTTPStatus.BAD_GATEWAY, f"evaluation failed: {problem}")
            except ValueError as problem:  # pyoxigraph's word for a term or option it refuses
                self._fail(HTTPStatus.BAD_REQUEST, f"bad request: {problem}")

        def _fail(self, status: HTTPStatus, message: str) -> None:
            line = (message.splitlines() or [""])[0] + "\n"
            self._send(status, "text/plain; charset=utf-8", line.encode())

        def _send(
            self,
            status: HTTPStatus,
            content_type: str,
            body: bytes,
            headers: dict[str, str] | None = None,
        ) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("X-Content-Type-Options", "nosniff")
            if content_type.startswith("text/html"):
                self.send_header(
                    "Content-Security-Policy",
                    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                    "connect-src 'self'",
                )
            if endpoint.cors:
                self.send_header("Access-Control-Allow-Origin", "*")
                self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
                self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

    return Handler


def _format(params: dict[str, list[str]]) -> list[str]:
    """The ``format`` and ``output`` values in order (clients repeat them in several spellings:
    SPARQLWrapper sends ``format=tsv&output=text/tab-separated-values``)."""
    return [
        v.strip()
        for key in ("format", "output")
        for value in params.get(key, [])
        for v in value.split(",")
        if v.strip()
    ]


def _one(params: dict[str, list[str]], key: str, *, required: bool = True) -> str:
    values = params.get(key, [])
    if len(values) > 1:
        raise HttpError(HTTPStatus.BAD_REQUEST, f"more than one {key} parameter")
    if not values and required:
        raise HttpError(HTTPStatus.BAD_REQUEST, f"missing {key} parameter")
    return values[0] if values else ""


@dataclass
class Server:
    """A running endpoint: ``url`` of its SPARQL service, ``stop()`` to end it.

    >>> server = start(ox.Store(), port=0)
    >>> server.url.startswith("http://127.0.0.1:")
    True
    >>> server.stop()
    """

    httpd: ThreadingHTTPServer
    endpoint: Endpoint
    thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        # The stub allows a bytes host; a bound AF_INET server reports a str.
        if not isinstance(host, str):
            host = bytes(host).decode("ascii")
        return f"http://{host}:{port}/sparql"

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.endpoint.close()
        if self.thread is not None:
            self.thread.join(timeout=5)


def make_server(endpoint: Endpoint, *, host: str = "127.0.0.1", port: int = 7878) -> Server:
    """Bind the endpoint's HTTP server (not yet serving)."""
    httpd = ThreadingHTTPServer((host, port), make_handler(endpoint))
    httpd.daemon_threads = True
    return Server(httpd, endpoint)


def start(store: ox.Store, *, host: str = "127.0.0.1", port: int = 0, **limits: Any) -> Server:
    """Serve ``store`` from a background thread (for notebooks and tests)."""
    server = make_server(Endpoint(store, **limits), host=host, port=port)
    server.thread = threading.Thread(target=server.httpd.serve_forever, daemon=True)
    server.thread.start()
    return server
