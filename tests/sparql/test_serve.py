"""``unkg serve`` as clients use it: SPARQLWrapper and plain HTTP against a running endpoint."""

from __future__ import annotations

import csv
import io
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from xml.etree import ElementTree

import pyoxigraph as ox
import pytest
import rdflib
from SPARQLWrapper import CSV, JSON, JSONLD, N3, TSV, TURTLE, XML, SPARQLWrapper

from graph_builder.query import bind, inject_values, load_library, run_query
from graph_builder.serve import Server, start
from tests.conftest import QUERIES

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
CLAUSES = (
    "PREFIX unkg: <https://w3id.org/unkg/ontology#> "
    "SELECT ?c ?t WHERE { ?c a unkg:OperativeClause ; unkg:text ?t } ORDER BY ?c ?t"
)
GRAPH = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 25"
LIBRARY = {n: q for n, q in load_library(QUERIES).items() if not n.startswith("federated-")}


@pytest.fixture(scope="module")
def server(seed_store: ox.Store) -> Iterator[Server]:
    running = start(seed_store, max_rows=500, timeout=20)
    try:
        yield running
    finally:
        running.stop()


def fetch(url: str, *, data: bytes | None = None, headers: dict[str, str] | None = None,
          method: str | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def get(server: Server, query: str, **params: str) -> tuple[int, dict[str, str], bytes]:
    headers = {"Accept": params.pop("accept")} if "accept" in params else {}
    url = f"{server.url}?{urllib.parse.urlencode({'query': query, **params})}"
    return fetch(url, headers=headers)


def wrapper(server: Server, query: str, fmt: str) -> SPARQLWrapper:
    client = SPARQLWrapper(server.url)
    client.setQuery(query)
    client.setReturnFormat(fmt)
    return client


def test_sparqlwrapper_select_json(server: Server, seed_store: ox.Store) -> None:
    answer = wrapper(server, CLAUSES, JSON).queryAndConvert()
    rows = [(b["c"]["value"], b["t"]["value"]) for b in answer["results"]["bindings"]]
    expected = [(s["c"].value, s["t"].value)
                for s in seed_store.query(CLAUSES, use_default_graph_as_union=True)]
    assert rows == expected
    assert len(rows) > 20


def test_sparqlwrapper_select_xml_csv_tsv(server: Server) -> None:
    total = wrapper(server, COUNT, JSON).queryAndConvert()["results"]["bindings"][0]["n"]
    document = wrapper(server, COUNT, XML).queryAndConvert()
    names = "{http://www.w3.org/2005/sparql-results#}"
    literal = ElementTree.fromstring(document.toxml()).find(f".//{names}literal")
    assert literal is not None
    assert literal.text == total["value"]
    assert literal.get("datatype") == total["datatype"]
    table = list(csv.reader(io.StringIO(wrapper(server, COUNT, CSV).queryAndConvert().decode())))
    assert table == [["n"], [total["value"]]]
    tsv = wrapper(server, COUNT, TSV).queryAndConvert().decode().splitlines()
    assert tsv == ["?n", f'"{total["value"]}"^^<{total["datatype"]}>']


def test_sparqlwrapper_ask(server: Server) -> None:
    assert wrapper(server, "ASK { ?s ?p ?o }", JSON).queryAndConvert()["boolean"] is True
    assert wrapper(server, "ASK { <urn:no> ?p ?o }", JSON).queryAndConvert()["boolean"] is False


@pytest.mark.parametrize(("fmt", "parse_as"), [(TURTLE, "turtle"), (N3, "turtle"),
                                               (JSONLD, "json-ld")])
def test_sparqlwrapper_construct(server: Server, fmt: str, parse_as: str) -> None:
    client = wrapper(server, GRAPH, fmt)
    result = client.query()
    body = result.response.read()
    graph = rdflib.Graph().parse(data=body, format=parse_as)
    assert len(graph) == 25


@pytest.mark.parametrize(
    ("accept", "fmt", "media"),
    [
        ("application/sparql-results+json", None, "application/sparql-results+json"),
        ("application/sparql-results+xml", None, "application/sparql-results+xml"),
        ("text/csv", None, "text/csv"),
        ("text/tab-separated-values", None, "text/tab-separated-values"),
        ("application/json", None, "application/sparql-results+json"),
        ("text/html, */*;q=0.1", None, "application/sparql-results+json"),
        ("text/csv;q=0.2, application/sparql-results+xml;q=0.9", None,
         "application/sparql-results+xml"),
        ("application/sparql-results+json", "csv", "text/csv"),
        ("", "xml", "application/sparql-results+xml"),
    ],
)
def test_select_negotiation(server: Server, accept: str, fmt: str | None, media: str) -> None:
    params = {"accept": accept} if accept else {}
    if fmt:
        params["format"] = fmt
    status, headers, _ = get(server, COUNT, **params)
    assert status == 200
    assert headers["Content-Type"].split(";")[0] == media


@pytest.mark.parametrize(
    ("accept", "fmt", "media"),
    [
        ("text/turtle", None, "text/turtle"),
        ("application/n-triples", None, "application/n-triples"),
        ("application/ld+json", None, "application/ld+json"),
        ("application/rdf+xml", None, "application/rdf+xml"),
        ("*/*", None, "text/turtle"),
        ("text/turtle", "jsonld", "application/ld+json"),
        ("", "ntriples", "application/n-triples"),
    ],
)
def test_graph_negotiation(server: Server, accept: str, fmt: str | None, media: str) -> None:
    params = {"accept": accept} if accept else {}
    if fmt:
        params["format"] = fmt
    status, headers, body = get(server, GRAPH, **params)
    assert status == 200
    assert headers["Content-Type"].split(";")[0] == media
    parse_as = {"text/turtle": "turtle", "application/n-triples": "nt",
                "application/ld+json": "json-ld", "application/rdf+xml": "xml"}[media]
    assert len(rdflib.Graph().parse(data=body, format=parse_as)) == 25


def test_unacceptable_format(server: Server) -> None:
    status, _, body = get(server, COUNT, accept="image/png")
    assert status == 406
    assert b"image/png" in body
    status, _, body = get(server, COUNT, format="yaml")
    assert status == 406


def test_post_forms(server: Server) -> None:
    form = urllib.parse.urlencode({"query": COUNT}).encode()
    direct = fetch(server.url, data=COUNT.encode(),
                   headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"})
    by_form = fetch(server.url, data=form, headers={
        "Content-Type": "application/x-www-form-urlencoded", "Accept": "text/csv"})
    by_get = get(server, COUNT, accept="text/csv")
    assert direct[0] == by_form[0] == by_get[0] == 200
    assert direct[2] == by_form[2] == by_get[2]


def test_dataset_parameters(server: Server, seed_store: ox.Store) -> None:
    graphs = sorted(g.value for g in seed_store.named_graphs())
    status, _, body = get(server, COUNT, **{"default-graph-uri": graphs[0]})
    assert status == 200
    one = int(json.loads(body)["results"]["bindings"][0]["n"]["value"])
    assert one == len(list(seed_store.quads_for_pattern(None, None, None,
                                                        ox.NamedNode(graphs[0]))))
    status, _, body = get(server, COUNT)
    assert int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) > one


@pytest.mark.parametrize(
    "query",
    ["SELECT ?s WHERE { ?s ?p }", "SELEKT * WHERE { ?s ?p ?o }", "PREFIX x: <a> SELECT * {"],
)
def test_malformed_query_is_400(server: Server, query: str) -> None:
    status, headers, body = get(server, query)
    assert status == 400
    assert headers["Content-Type"].startswith("text/plain")
    assert body.startswith(b"malformed query:")
    assert body.count(b"\n") == 1


def test_missing_query_and_unknown_path(server: Server) -> None:
    assert fetch(server.url)[0] == 400
    assert fetch(server.url.replace("/sparql", "/nowhere") + "?query=ASK{}")[0] == 404
    status = fetch(server.url, data=b"x", headers={"Content-Type": "image/png"})[0]
    assert status == 415


def test_update_is_refused_by_default(server: Server, seed_store: ox.Store) -> None:
    before = len(seed_store)
    update = "INSERT DATA { <urn:a> <urn:b> <urn:c> }"
    for data, media in ((update.encode(), "application/sparql-update"),
                        (urllib.parse.urlencode({"update": update}).encode(),
                         "application/x-www-form-urlencoded")):
        status, _, body = fetch(server.url, data=data, headers={"Content-Type": media})
        assert status == 403
        assert b"read-only" in body
    assert len(seed_store) == before


def test_update_when_allowed() -> None:
    store = ox.Store()
    running = start(store, allow_update=True)
    try:
        update = "INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> 'c' } }"
        status, _, _ = fetch(running.url, data=update.encode(),
                             headers={"Content-Type": "application/sparql-update"})
        assert status == 204
        assert len(store) == 1
        status, _, body = fetch(running.url, data=b"INSERT DATA { <a",
                                headers={"Content-Type": "application/sparql-update"})
        assert status == 400
        assert body.startswith(b"malformed update:")
    finally:
        running.stop()


def test_result_limit(server: Server) -> None:
    status, headers, body = get(server, "SELECT * WHERE { ?s ?p ?o }")
    assert status == 200
    assert headers.get("X-Result-Truncated") == "true"
    assert len(json.loads(body)["results"]["bindings"]) == 500
    status, headers, body = get(server, "SELECT * WHERE { ?s ?p ?o } LIMIT 10")
    assert "X-Result-Truncated" not in headers


def test_time_limit(seed_store: ox.Store) -> None:
    # A three-way cross product of the seed graph: far more than the limit allows.
    running = start(seed_store, timeout=0.5, max_rows=10**9)
    try:
        started = time.monotonic()
        status, _, body = get(running, "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
        assert status == 503
        assert b"0.5 s limit" in body
        print(f"time limit answered after {time.monotonic() - started:.2f} s")
    finally:
        running.stop()


def test_cors_only_when_asked(server: Server, seed_store: ox.Store) -> None:
    assert "Access-Control-Allow-Origin" not in get(server, COUNT)[1]
    running = start(seed_store, cors=True)
    try:
        assert get(running, COUNT)[1]["Access-Control-Allow-Origin"] == "*"
        status, headers, _ = fetch(running.url, method="OPTIONS")
        assert status == 204
        assert "POST" in headers["Access-Control-Allow-Methods"]
    finally:
        running.stop()


def test_binds_localhost_by_default(server: Server) -> None:
    assert server.url.startswith("http://127.0.0.1:")


def test_query_page(server: Server) -> None:
    status, headers, body = fetch(server.url.replace("/sparql", "/"))
    assert status == 200
    assert headers["Content-Type"].startswith("text/html")
    page = body.decode()
    for name in LIBRARY:
        assert f'"name": "{name}"' in page
    # Offline: nothing is loaded from another site.
    assert "src=\"http" not in page
    assert "href=\"http" not in page
    assert "default-src 'none'" in headers["Content-Security-Policy"]


def test_query_page_escapes_the_library(seed_store: ox.Store, tmp_path: Path) -> None:
    hostile = "</script><img src=x onerror=alert(1)>"
    (tmp_path / "x.rq").write_text(f"#+ summary: {hostile}\n#+ description: <b>&amp;\n"
                                   "ASK { ?s ?p ?o }\n")
    running = start(seed_store, library=tmp_path)
    try:
        page = fetch(running.url.replace("/sparql", "/"))[2].decode()
    finally:
        running.stop()
    assert hostile not in page
    assert "<b>" not in page
    assert "\\u003c/script\\u003e\\u003cimg src=x onerror=alert(1)\\u003e" in page


def test_library_queries_through_the_endpoint(server: Server, seed_store: ox.Store) -> None:
    for name, query in LIBRARY.items():
        here = run_query(query, store=seed_store)
        there = run_query(query, endpoint=server.url)
        assert there.rows == here.rows, name
    assert len(LIBRARY) == 18


def test_load(server: Server) -> None:
    """8 concurrent clients, 320 library queries: no errors; throughput printed."""
    texts = [inject_values(q.text, bind(q)) for q in LIBRARY.values()]
    jobs = [texts[i % len(texts)] for i in range(320)]

    def one(text: str) -> int:
        data = urllib.parse.urlencode({"query": text}).encode()
        return fetch(server.url, data=data, headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/sparql-results+json"})[0]

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(one, jobs))
    seconds = time.perf_counter() - started
    assert statuses == [200] * len(jobs)
    print(f"load: {len(jobs)} queries from 8 clients in {seconds:.2f} s, "
          f"{len(jobs) / seconds:.0f} queries/s")
