"""The federated named query, its SERVICE pointed at the local Wikidata-shaped server."""

from __future__ import annotations

import urllib.parse

import pyoxigraph as ox
import pytest

from graph_builder.errors import QueryError
from graph_builder.link import with_endpoint
from graph_builder.query import NamedQuery, run_query
from tests.conftest import QUERIES, OxigraphServer, free_port
from tests.link.conftest import Reply, ScriptedServer

FEDERATED = sorted(QUERIES.glob("federated-*.rq"))


def test_the_federated_queries_are_found() -> None:
    assert [p.name for p in FEDERATED] == ["federated-wikidata-resolutions.rq"]


@pytest.mark.parametrize(
    ("symbol", "item", "label"),
    [
        ("A/RES/59/159", "Q999999901", "resolution 59/159 (test item)"),
        ("S/RES/1373 (2001)", "Q999999902", "resolution 1373 (test item)"),
    ],
)
def test_resolutions_are_found_live_by_symbol(
    store: ox.Store, wikidata: OxigraphServer, symbol: str, item: str, label: str
) -> None:
    path = QUERIES / "federated-wikidata-resolutions.rq"
    text = with_endpoint(path.read_text(encoding="utf-8"), wikidata.query)
    query = NamedQuery.parse(path.stem, text, path=path)
    result = run_query(query, store=store, params={"symbol": symbol})
    rows = {(str(r[1]), str(r[2]).rsplit("/", 1)[1], str(r[3])) for r in result.rows}
    assert rows == {(symbol, item, label)}


def test_the_service_is_asked_for_the_symbol_only(store: ox.Store) -> None:
    text = (QUERIES / "federated-wikidata-resolutions.rq").read_text(encoding="utf-8")
    with ScriptedServer([Reply()]) as server:
        result = run_query(
            NamedQuery.parse("federated", with_endpoint(text, server.url)), store=store
        )
    assert result.rows == []  # the scripted endpoint knows no item
    assert len(server.requests) == 1
    sent = urllib.parse.unquote_plus(server.requests[0].body.decode())
    assert "P3069" in sent
    assert '"A/RES/59/159"' in sent  # the symbol travels to the endpoint
    assert "unkg:symbol" not in sent  # the local graph does not


def test_an_endpoint_out_of_reach_gives_no_rows(store: ox.Store) -> None:
    text = (QUERIES / "federated-wikidata-resolutions.rq").read_text(encoding="utf-8")
    query = NamedQuery.parse("federated", with_endpoint(text, f"http://127.0.0.1:{free_port()}/q"))
    assert run_query(query, store=store).rows == []


def test_with_endpoint_needs_the_default_service() -> None:
    with pytest.raises(QueryError, match="no SERVICE"):
        with_endpoint("SELECT * { ?s ?p ?o }", "http://127.0.0.1:1/query")
