"""A well-behaved client for remote SPARQL endpoints (Wikidata's by default).

It says who it is (a descriptive User-Agent with a contact URL), gives up on a silent server
(timeouts), retries what a server says is passing (429 and 5xx, honouring ``Retry-After`` up
to a cap, otherwise exponential back-off), and keeps every answer on disk keyed by endpoint
and query, so that an offline run can use the cache alone.
"""

from __future__ import annotations

import email.utils
import hashlib
import http.client
import json
import os
import tempfile
import time
import urllib.error
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from rdflib.term import Identifier
from SPARQLWrapper import JSON, POST, SPARQLWrapper
from SPARQLWrapper import __version__ as sparqlwrapper_version
from SPARQLWrapper.SPARQLExceptions import EndPointInternalError, SPARQLWrapperException

from graph_builder import __version__
from graph_builder.errors import EndpointError
from graph_builder.terms import json_term

WIKIDATA = "https://query.wikidata.org/sparql"
CONTACT = "https://w3id.org/unkg/"
USER_AGENT = f"unkg/{__version__} (+{CONTACT}) SPARQLWrapper/{sparqlwrapper_version}"
#: HTTP statuses that say "try again later".
RETRYABLE = frozenset({429, 500, 502, 503, 504})

Row = dict[str, Identifier]


@dataclass(frozen=True)
class Answer:
    """The rows of one SELECT, where and when they came from."""

    endpoint: str
    query: str
    fetched_at: datetime
    rows: list[Row]
    from_cache: bool


def retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds a ``Retry-After`` header asks for: a number of seconds or an HTTP date.

    >>> retry_after("7")
    7.0
    >>> retry_after("Wed, 21 Oct 2015 07:28:30 GMT",
    ...             now=datetime(2015, 10, 21, 7, 28, tzinfo=timezone.utc))
    30.0
    >>> retry_after("soon") is None
    True
    """
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - (now or datetime.now(timezone.utc))).total_seconds())


def parse_results(raw: bytes | str, *, endpoint: str) -> list[Row]:
    """Rows of a SPARQL 1.1 JSON results document, as rdflib terms.

    >>> doc = '{"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "literal",'
    >>> doc += ' "value": "ONU", "xml:lang": "fr"}}]}}'
    >>> parse_results(doc, endpoint="e")[0]["x"].n3()
    '"ONU"@fr'
    >>> parse_results("<html>", endpoint="https://x/sparql")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    graph_builder.errors.EndpointError: https://x/sparql: malformed results (not JSON: ...)
    """
    try:
        document = json.loads(raw)
    except ValueError as error:
        raise EndpointError(f"{endpoint}: malformed results (not JSON: {error})") from error
    try:
        bindings = document["results"]["bindings"]
        if not isinstance(document["head"]["vars"], list) or not isinstance(bindings, list):
            raise TypeError("vars and bindings must be lists")
        return [{name: json_term(value) for name, value in row.items()} for row in bindings]
    except (KeyError, TypeError, AttributeError, ValueError) as error:
        raise EndpointError(f"{endpoint}: malformed results ({error!r})") from error


class Cache:
    """Answers on disk, one JSON file per (endpoint, query)."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)

    def _path(self, endpoint: str, query: str) -> Path:
        key = hashlib.sha256(f"{endpoint}\n{query}".encode()).hexdigest()
        return self.directory / f"{key}.json"

    def get(self, endpoint: str, query: str) -> tuple[datetime, bytes] | None:
        path = self._path(endpoint, query)
        if not path.exists():
            return None
        entry = json.loads(path.read_text(encoding="utf-8"))
        return datetime.fromisoformat(entry["fetched_at"]), entry["body"].encode()

    def put(self, endpoint: str, query: str, fetched_at: datetime, body: bytes) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        entry = {
            "endpoint": endpoint,
            "query": query,
            "fetched_at": fetched_at.isoformat(),
            "body": body.decode(),
        }
        # Write then rename, so a crash never leaves half an entry behind.
        handle, name = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(entry, out, ensure_ascii=False)
        os.replace(name, self._path(endpoint, query))


class SparqlClient:
    """SELECT queries against one endpoint, politely, with an on-disk cache.

    Args:
        endpoint: the SPARQL endpoint URL.
        cache: where answers are kept (``None``: no cache).
        offline: answer from the cache only, never touch the network.
        timeout: seconds to wait for the server on each try.
        retries: further tries after a timeout, a refused connection, 429 or 5xx.
        backoff: first wait between tries, doubled each time, in seconds.
        max_wait: cap on any wait, ``Retry-After`` included, in seconds.
        max_age: a cached answer younger than this is used without asking the server.
        user_agent: the ``User-Agent`` header.
        sleep: how to wait (a hook, so that callers can observe or skip the waits).
    """

    def __init__(
        self,
        endpoint: str = WIKIDATA,
        *,
        cache: Path | None = None,
        offline: bool = False,
        timeout: float = 60.0,
        retries: int = 3,
        backoff: float = 2.0,
        max_wait: float = 120.0,
        max_age: timedelta = timedelta(days=1),
        user_agent: str = USER_AGENT,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if offline and cache is None:
            raise EndpointError(f"{endpoint}: offline mode needs a cache directory")
        self.endpoint = endpoint
        self.cache = Cache(cache) if cache is not None else None
        self.offline = offline
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.max_wait = max_wait
        self.max_age = max_age
        self.user_agent = user_agent
        self.sleep = sleep

    def cached(self, query: str) -> Answer | None:
        """The cached answer to ``query``, however old, if there is one."""
        entry = self.cache.get(self.endpoint, query) if self.cache else None
        if entry is None:
            return None
        fetched_at, body = entry
        rows = parse_results(body, endpoint=self.endpoint)
        return Answer(self.endpoint, query, fetched_at, rows, from_cache=True)

    def select(self, query: str) -> Answer:
        """Answer a SELECT: from a fresh cache entry, else from the server.

        Raises:
            EndpointError: offline with nothing cached, the server failed after every try,
                refused the query, or answered something that is not SPARQL JSON results.
        """
        cached = self.cached(query)
        if self.offline:
            if cached is None:
                raise EndpointError(f"{self.endpoint}: nothing cached for this query (offline)")
            return cached
        if cached is not None and datetime.now(timezone.utc) - cached.fetched_at < self.max_age:
            return cached
        fetched_at = datetime.now(timezone.utc)
        body = self._fetch(query)
        rows = parse_results(body, endpoint=self.endpoint)
        if self.cache is not None:
            self.cache.put(self.endpoint, query, fetched_at, body)
        return Answer(self.endpoint, query, fetched_at, rows, from_cache=False)

    def _fetch(self, query: str) -> bytes:
        tries = self.retries + 1
        for attempt in range(tries):
            try:
                return self._request(query)
            except _PassingError as passing:
                if attempt + 1 == tries:
                    raise EndpointError(
                        f"{self.endpoint}: {passing.reason} (gave up after {tries} tries)"
                    ) from passing
                wait = passing.wait if passing.wait is not None else self.backoff * 2**attempt
                self.sleep(min(wait, self.max_wait))
        raise AssertionError("unreachable")  # pragma: no cover

    def _request(self, query: str) -> bytes:
        sparql = SPARQLWrapper(self.endpoint, agent=self.user_agent)
        sparql.setMethod(POST)  # batched VALUES make long queries
        sparql.setReturnFormat(JSON)
        sparql.setQuery(query)
        # SPARQLWrapper takes whole seconds; never round a short timeout down to "none".
        sparql.setTimeout(max(1, round(self.timeout)))
        try:
            response = sparql.query().response
            return bytes(response.read())
        except urllib.error.HTTPError as error:
            reason = f"HTTP {error.code} {error.reason}"
            if error.code in RETRYABLE:
                wait = retry_after(error.headers.get("Retry-After"))
                raise _PassingError(reason, wait) from error
            raise EndpointError(f"{self.endpoint}: {reason}") from error
        except EndPointInternalError as error:
            raise _PassingError("HTTP 500 internal server error", None) from error
        except SPARQLWrapperException as error:
            raise EndpointError(f"{self.endpoint}: {error.msg}") from error
        except TimeoutError as error:
            raise _PassingError(f"no answer within {self.timeout:g} s", None) from error
        except urllib.error.URLError as error:
            if isinstance(error.reason, TimeoutError):
                raise _PassingError(f"no answer within {self.timeout:g} s", None) from error
            raise _PassingError(f"cannot connect ({error.reason})", None) from error
        except (OSError, http.client.HTTPException) as error:
            raise _PassingError(f"connection failed ({error})", None) from error


class _PassingError(Exception):
    """A failure worth another try, with the wait the server asked for, if any."""

    def __init__(self, reason: str, wait: float | None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.wait = wait


__all__ = ["USER_AGENT", "WIKIDATA", "Answer", "Cache", "SparqlClient", "parse_results"]
