"""The endpoint stays safe and answering under hostile or heavy requests."""

from __future__ import annotations

import http.client
import socket
import threading
import urllib.parse
from collections.abc import Iterator

import pyoxigraph as ox
import pytest

from graph_builder.serve import Server, start
from tests.conftest import free_port

# A cross product whose COUNT yields no row until it is done: seconds on the seed graph.
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . VALUES ?k { 1 2 3 4 } }"


@pytest.fixture
def server(seed_store: ox.Store) -> Iterator[Server]:
    running = start(seed_store, timeout=0.5, workers=2)
    try:
        yield running
    finally:
        running.stop()


def post(server: Server, body: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
    url = urllib.parse.urlsplit(server.url)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=20)
    try:
        connection.putrequest("POST", url.path)
        for key, value in headers.items():
            connection.putheader(key, value)
        connection.endheaders(body)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def query(server: Server, text: str) -> tuple[int, bytes]:
    form = urllib.parse.urlencode({"query": text}).encode()
    return post(
        server,
        form,
        {"Content-Type": "application/x-www-form-urlencoded", "Content-Length": str(len(form))},
    )


def test_service_is_refused_and_fetches_nothing(server: Server) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", free_port()))
    listener.listen(1)
    listener.settimeout(1.0)
    port = listener.getsockname()[1]
    try:
        status, body = query(
            server, f"SELECT * {{ SERVICE <http://127.0.0.1:{port}/x> {{ ?s ?p ?o }} }}"
        )
        assert status == 403
        assert b"SERVICE" in body
        with pytest.raises(TimeoutError):
            listener.accept()
    finally:
        listener.close()


@pytest.mark.parametrize("length", ["abc", "-5"])
def test_bad_content_length_is_a_400(server: Server, length: str) -> None:
    status, body = post(
        server, b"ASK {}", {"Content-Type": "application/sparql-query", "Content-Length": length}
    )
    assert status == 400
    assert b"Content-Length" in body


def test_busy_workers_answer_503_at_once(server: Server) -> None:
    answers: list[int] = []
    heavy = [
        threading.Thread(target=lambda: answers.append(query(server, HEAVY)[0])) for _ in range(2)
    ]
    for thread in heavy:
        thread.start()
    for thread in heavy:
        thread.join(timeout=20)
    # both workers are past their 0.5 s limit and still computing: a new request waits
    # 1 s for a worker, not until one is free, and is told the server is busy
    status, body = query(server, "ASK {}")
    assert answers == [503, 503]
    assert status == 503, body
    assert b"busy" in body
