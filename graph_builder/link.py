"""The link stage: resolvable links and VoID link sets, then enrichment over SPARQL.

:func:`link` is what ``unkg link`` runs. The links (undocs.org and the UN Digital Library
for every symbol, in ``id:graph/links``) are computed from the store alone; the enrichment
(``id:graph/enrichment``) asks a SPARQL endpoint, or only its cache when offline.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from graph_builder.endpoint import USER_AGENT, WIKIDATA, SparqlClient
from graph_builder.enrich import EnrichmentReport, enrich
from graph_builder.errors import QueryError
from graph_builder.iris import DEFAULT_BASE
from graph_builder.links import LinkSummary, refresh_links

#: Where answers of the endpoint are kept when no cache folder is given.
DEFAULT_CACHE = Path(".unkg") / "cache"


@dataclass(frozen=True)
class LinkReport:
    """What :func:`link` did: the links written, and the enrichment if it was asked for."""

    links: LinkSummary
    enrichment: EnrichmentReport | None

    @property
    def failures(self) -> list[str]:
        return list(self.enrichment.failures) if self.enrichment else []


def link(
    store: Any,
    *,
    endpoint: str | None = WIKIDATA,
    cache: Path | None = DEFAULT_CACHE,
    offline: bool = False,
    timeout: float = 60.0,
    retries: int = 3,
    max_age: timedelta = timedelta(days=1),
    batch_size: int = 50,
    partial: bool = False,
    user_agent: str = USER_AGENT,
    base: str = DEFAULT_BASE,
    sleep: Callable[[float], None] = time.sleep,
) -> LinkReport:
    """Write the document links and VoID link sets, then enrich from ``endpoint``.

    Args:
        store: the store (a pyoxigraph store, or the store of ``graph_builder.store``).
        endpoint: the SPARQL endpoint to enrich from; ``None`` skips the enrichment.
        cache: folder of cached answers (``None``: no cache; offline needs one).
        offline: use cached answers only, never the network.
        timeout: seconds to wait for each answer.
        retries: further tries after a timeout, 429 or 5xx.
        max_age: cached answers younger than this are used without asking again.
        batch_size: items or symbols per query.
        partial: write the enrichment even when some batch has no answer.
        user_agent: the ``User-Agent`` sent to the endpoint.
        base: the base IRI of the graph (``https://w3id.org/unkg/``).
        sleep: how to wait between tries.

    Returns:
        The link counts and the enrichment report (``failures`` one line each).

    Raises:
        StoreError: the store cannot be read or written.
        EndpointError: offline without a cache folder.
    """
    links = refresh_links(store, base=base)
    if endpoint is None:
        return LinkReport(links, None)
    client = SparqlClient(
        endpoint,
        cache=cache,
        offline=offline,
        timeout=timeout,
        retries=retries,
        max_age=max_age,
        user_agent=user_agent,
        sleep=sleep,
    )
    report = enrich(store, client, batch_size=batch_size, partial=partial, base=base)
    return LinkReport(links, report)


def with_endpoint(query: str, endpoint: str, *, default: str = WIKIDATA) -> str:
    """A federated query with its ``SERVICE <default>`` pointed at ``endpoint`` instead.

    >>> with_endpoint("SELECT * { SERVICE <https://query.wikidata.org/sparql> { ?s ?p ?o } }",
    ...               "http://127.0.0.1:7878/query")
    'SELECT * { SERVICE <http://127.0.0.1:7878/query> { ?s ?p ?o } }'
    """
    service = re.compile(r"SERVICE(\s+SILENT)?\s*<" + re.escape(default) + ">", re.IGNORECASE)
    if not service.search(query):
        raise QueryError(f"the query has no SERVICE <{default}> to point elsewhere")
    return service.sub(lambda m: f"SERVICE{m.group(1) or ''} <{endpoint}>", query)


__all__ = ["DEFAULT_CACHE", "LinkReport", "link", "with_endpoint"]
