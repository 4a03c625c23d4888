"""The SPARQL client against real HTTP servers that misbehave on purpose."""

from __future__ import annotations

import json
import urllib.parse
from datetime import timedelta
from pathlib import Path

import pytest

from graph_builder.endpoint import USER_AGENT, SparqlClient
from graph_builder.errors import EndpointError
from tests.conftest import free_port
from tests.link.conftest import Reply, ScriptedServer

QUERY = 'SELECT ?item ?symbol WHERE { VALUES ?symbol { "A/RES/59/159" } ?item ?p ?symbol }'
ROW = {
    "head": {"vars": ["item", "symbol"]},
    "results": {
        "bindings": [
            {
                "item": {"type": "uri", "value": "http://www.wikidata.org/entity/Q1"},
                "symbol": {"type": "literal", "value": "A/RES/59/159"},
            }
        ]
    },
}
GOOD = Reply(body=json.dumps(ROW).encode())


def client(url: str, waits: list[float], **options: object) -> SparqlClient:
    return SparqlClient(url, sleep=waits.append, backoff=0.5, **options)  # type: ignore[arg-type]


def test_a_good_answer_is_posted_with_a_descriptive_user_agent() -> None:
    with ScriptedServer([GOOD]) as server:
        answer = client(server.url, []).select(QUERY)
    assert [str(row["item"]) for row in answer.rows] == ["http://www.wikidata.org/entity/Q1"]
    request = server.requests[0]
    assert request.method == "POST"
    assert urllib.parse.parse_qs(request.body.decode())["query"] == [QUERY]
    assert request.headers["User-Agent"] == USER_AGENT
    assert "unkg/" in USER_AGENT
    assert "https://" in USER_AGENT
    assert not answer.from_cache


def test_429_waits_as_long_as_retry_after_says() -> None:
    waits: list[float] = []
    with ScriptedServer([Reply(429, b"slow down", {"Retry-After": "3"}), GOOD]) as server:
        answer = client(server.url, waits).select(QUERY)
    assert waits == [3.0]
    assert len(server.requests) == 2
    assert len(answer.rows) == 1


def test_retry_after_is_capped() -> None:
    waits: list[float] = []
    with ScriptedServer([Reply(429, b"", {"Retry-After": "86400"}), GOOD]) as server:
        client(server.url, waits, max_wait=5.0).select(QUERY)
    assert waits == [5.0]


def test_5xx_backs_off_exponentially_then_succeeds() -> None:
    waits: list[float] = []
    replies = [Reply(500, b"oops"), Reply(503, b"busy"), GOOD]
    with ScriptedServer(replies) as server:
        answer = client(server.url, waits).select(QUERY)
    assert waits == [0.5, 1.0]
    assert len(server.requests) == 3
    assert len(answer.rows) == 1


def test_500_every_time_gives_up_after_the_retries() -> None:
    waits: list[float] = []
    fails = pytest.raises(EndpointError, match=r"HTTP 500 .*gave up after 3 tries")
    with ScriptedServer([Reply(500, b"oops")]) as server, fails as error:
        client(server.url, waits, retries=2).select(QUERY)
    assert len(server.requests) == 3
    assert waits == [0.5, 1.0]
    assert "\n" not in str(error.value)


def test_a_silent_server_times_out() -> None:
    waits: list[float] = []
    fails = pytest.raises(EndpointError, match=r"no answer within 1 s .*2 tries")
    with ScriptedServer([Reply(delay=30.0)]) as server, fails:
        client(server.url, waits, timeout=1.0, retries=1).select(QUERY)
    assert len(server.requests) == 2
    assert waits == [0.5]


@pytest.mark.parametrize(
    "body",
    [
        b"<html><body>Service unavailable</body></html>",
        b'{"head": {"vars": ["item"]}}',
        b'{"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "triple"}}]}}',
        b'{"head": {"vars": ["x"]}, "results": {"bindings": "none"}}',
    ],
)
def test_malformed_results_are_refused_without_retrying(body: bytes) -> None:
    fails = pytest.raises(EndpointError, match="malformed results")
    with ScriptedServer([Reply(body=body)]) as server, fails:
        client(server.url, []).select(QUERY)
    assert len(server.requests) == 1


def test_a_bad_query_is_not_retried() -> None:
    with ScriptedServer([Reply(400, b"parse error")]) as server, pytest.raises(EndpointError):
        client(server.url, []).select(QUERY)
    assert len(server.requests) == 1


def test_no_server_at_all_is_a_connection_failure() -> None:
    url = f"http://127.0.0.1:{free_port()}/sparql"
    with pytest.raises(EndpointError, match="cannot connect"):
        client(url, [], retries=1).select(QUERY)


def test_answers_are_cached_and_reused(tmp_path: Path) -> None:
    with ScriptedServer([GOOD, Reply(500, b"oops")]) as server:
        first = client(server.url, [], cache=tmp_path).select(QUERY)
        again = client(server.url, [], cache=tmp_path).select(QUERY)
    assert len(server.requests) == 1
    assert again.from_cache
    assert again.rows == first.rows
    assert again.fetched_at == first.fetched_at


def test_an_old_cache_entry_is_asked_again(tmp_path: Path) -> None:
    with ScriptedServer([GOOD]) as server:
        client(server.url, [], cache=tmp_path).select(QUERY)
        fresh = client(server.url, [], cache=tmp_path, max_age=timedelta(0)).select(QUERY)
    assert len(server.requests) == 2
    assert not fresh.from_cache


def test_offline_reads_the_cache_only(tmp_path: Path) -> None:
    with ScriptedServer([GOOD]) as server:
        client(server.url, [], cache=tmp_path).select(QUERY)
        offline = client(server.url, [], cache=tmp_path, offline=True)
        assert offline.select(QUERY).from_cache
        with pytest.raises(EndpointError, match="nothing cached"):
            offline.select(QUERY + " LIMIT 1")
    assert len(server.requests) == 1


def test_offline_needs_a_cache() -> None:
    with pytest.raises(EndpointError, match="needs a cache"):
        SparqlClient("http://127.0.0.1:1/sparql", offline=True)
