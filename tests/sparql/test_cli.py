"""``unkg query``, ``unkg serve`` and ``unkg push`` as a user runs them."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph_builder.cli import main
from graph_builder.serve import start
from tests.conftest import OxigraphServer, free_port, wait_for_http

CITE = "what-does-resolution-cite"


def unkg(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_list(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = unkg(capsys, "query", "--list")
    assert code == 0
    lines = dict(line.split("\t")[:2] for line in out.splitlines())
    assert lines[CITE].startswith("Which instruments a resolution cites")
    assert "[instrument=https://w3id.org/unkg/id/A/RES/59/159]" in out
    assert len([n for n in lines if not n.startswith("federated-")]) == 18


def test_formats(capsys: pytest.CaptureFixture[str], seed_store_path: Path) -> None:
    store = str(seed_store_path)
    code, out, _ = unkg(capsys, "query", CITE, "--store", store, "--format", "csv")
    assert code == 0
    table = list(csv.reader(io.StringIO(out)))
    assert table[0] == ["clause", "cited", "symbol", "footnote"]
    assert len(table) == 21
    _, out, _ = unkg(capsys, "query", CITE, "--store", store, "-f", "json")
    assert len(json.loads(out)["results"]["bindings"]) == 20
    _, out, _ = unkg(capsys, "query", CITE, "--store", store, "-f", "tsv")
    assert out.splitlines()[0] == "?clause\t?cited\t?symbol\t?footnote"
    _, out, _ = unkg(capsys, "query", CITE, "--store", store)
    assert "id:A/RES/59/159/op/1" in out
    assert out.rstrip().endswith("(20 rows)")


def test_parameters(capsys: pytest.CaptureFixture[str], seed_store_path: Path) -> None:
    code, out, _ = unkg(capsys, "query", "clause-in-each-language", "--store",
                        str(seed_store_path), "-p", "clause=id:A/RES/59/159/op/17", "-f", "csv")
    assert code == 0
    assert [row[0] for row in csv.reader(io.StringIO(out))] == ["lang", "en", "fr"]
    assert "Engage tous les États" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["query", CITE, "-p", "instrument=A/RES/59/159"],
         f"unkg: error: {CITE}: parameter instrument needs an absolute IRI, got 'A/RES/59/159'"),
        (["query", CITE, "-p", "instrument"],
         "unkg: error: --param 'instrument': write NAME=VALUE"),
        (["query", CITE, "-p", "year=2004"], f"unkg: error: {CITE}: unknown parameter 'year'"),
        (["query", "what-is-cited"], "unkg: error: what-is-cited: unknown query"),
        (["query"], "unkg: error: name a query (or use --list)"),
    ],
)
def test_errors_are_one_line(capsys: pytest.CaptureFixture[str], seed_store_path: Path,
                             args: list[str], message: str) -> None:
    code, out, err = unkg(capsys, *args, "--store", str(seed_store_path))
    assert code == 2
    assert out == ""
    assert err.startswith(message)
    assert err.count("\n") == 1


def test_missing_store(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = unkg(capsys, "query", CITE, "--store", str(tmp_path / "none"))
    assert code == 2
    assert "no store there" in err


def test_query_file_and_endpoint(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                 seed_store: ox.Store) -> None:
    query = tmp_path / "count-clauses.rq"
    query.write_text("#+ summary: Count\n#+ defaults:\n#+   - kind: https://w3id.org/unkg/"
                     "ontology#OperativeClause\nSELECT (COUNT(DISTINCT ?c) AS ?n) "
                     "WHERE { ?c a ?_kind_iri }\n")
    running = start(seed_store)
    try:
        code, out, _ = unkg(capsys, "query", str(query), "--endpoint", running.url, "-f", "csv")
    finally:
        running.stop()
    assert code == 0
    assert out.splitlines() == ["n", "23"]


def test_serve_command(seed_store_path: Path) -> None:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "graph_builder", "serve", "--store", str(seed_store_path),
         "--port", str(port), "--max-rows", "5"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        wait_for_http(f"http://127.0.0.1:{port}/", process)  # type: ignore[arg-type]
        import urllib.request

        url = f"http://127.0.0.1:{port}/sparql?query=SELECT%20*%20%7B%3Fs%20%3Fp%20%3Fo%7D"
        with urllib.request.urlopen(url, timeout=10) as response:
            assert response.headers["X-Result-Truncated"] == "true"
            assert len(json.loads(response.read())["results"]["bindings"]) == 5
    finally:
        process.terminate()
        out, _ = process.communicate(timeout=10)
    assert out.startswith(f"SPARQL endpoint at http://127.0.0.1:{port}/sparql (read-only)")


def test_push_command(capsys: pytest.CaptureFixture[str], seed_store_path: Path,
                      seed_store: ox.Store, oxigraph_server: OxigraphServer) -> None:
    graphs = len(list(seed_store.named_graphs()))
    code, out, _ = unkg(capsys, "push", "--endpoint", oxigraph_server.query, "--store",
                        str(seed_store_path), "--method", "update")
    assert code == 0
    lines = out.splitlines()
    assert lines[-1].endswith(f"triples in {graphs} graphs pushed to {oxigraph_server.query}")
    assert len(lines) == graphs + 1
    assert sum(int(line.split()[0]) for line in lines[:-1]) == int(lines[-1].split()[0])
    code, _, err = unkg(capsys, "push", "--endpoint", "http://127.0.0.1:9/sparql", "--store",
                        str(seed_store_path))
    assert code == 2
    assert err.startswith("unkg: error: http://127.0.0.1:9/sparql: give the Graph Store")
