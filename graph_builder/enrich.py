"""Enrichment from Wikidata: what the graph links to, fetched in batches, kept with provenance.

Two kinds of batched ``VALUES`` queries go to the endpoint: one finds the items of the
graph's document symbols (Wikidata property P3069, "UN document symbol"); the other asks,
of every item the graph links to (authority records by ``skos:exactMatch``, resolutions by
symbol), its labels and descriptions in the six UN languages, official website (P856) and
dates (inception P571, publication P577). Everything is gathered first; the named graph
``id:graph/enrichment`` is then replaced in one update, with an activity per query saying
which endpoint answered, the query text and when.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, TypeVar

from rdflib import BNode, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

from graph_builder.endpoint import Answer, SparqlClient
from graph_builder.errors import EndpointError
from graph_builder.iris import DEFAULT_BASE, id_base
from graph_builder.links import UN_LANGUAGES, Triple, replace_graph, select

WD = Namespace("http://www.wikidata.org/entity/")
WDT = Namespace("http://www.wikidata.org/prop/direct/")
#: Wikidata's ``schema:`` is the http namespace, not the https one the graph uses.
SCHEMA_HTTP = Namespace("http://schema.org/")
#: What is asked of every linked item.
ITEM_PROPERTIES = (RDFS.label, SCHEMA_HTTP.description, WDT.P856, WDT.P571, WDT.P577)
DOCUMENT_SYMBOL = WDT.P3069
XSD_DATETIME = URIRef("http://www.w3.org/2001/XMLSchema#dateTime")


def enrichment_graph(base: str = DEFAULT_BASE) -> URIRef:
    """The named graph that holds what ``unkg link`` fetched.

    >>> str(enrichment_graph())
    'https://w3id.org/unkg/id/graph/enrichment'
    """
    return URIRef(f"{id_base(base)}graph/enrichment")


def items_query(items: Sequence[URIRef]) -> str:
    """Labels, descriptions, website and dates of a batch of items.

    >>> print(items_query([WD.Q47423]).splitlines()[1])
      VALUES ?item { <http://www.wikidata.org/entity/Q47423> }
    """
    languages = ", ".join(f'"{language}"' for language in UN_LANGUAGES)
    return (
        "SELECT ?item ?property ?value WHERE {\n"
        f"  VALUES ?item {{ {' '.join(item.n3() for item in items)} }}\n"
        f"  VALUES ?property {{ {' '.join(p.n3() for p in ITEM_PROPERTIES)} }}\n"
        "  ?item ?property ?value .\n"
        f'  FILTER(!isLiteral(?value) || LANG(?value) = "" || LANG(?value) IN ({languages}))\n'
        "}\n"
    )


def symbol_variants(symbol: str) -> list[str]:
    """The spellings of a symbol to look for: as normalised, and without spaces.

    >>> symbol_variants("S/RES/1373 (2001)")
    ['S/RES/1373 (2001)', 'S/RES/1373(2001)']
    >>> symbol_variants("A/RES/59/159")
    ['A/RES/59/159']
    """
    return list(dict.fromkeys([symbol, symbol.replace(" ", "")]))


def symbols_query(symbols: Sequence[str]) -> str:
    """Items whose "UN document symbol" (P3069) is one of a batch of symbols.

    >>> print(symbols_query(["A/RES/59/159"]).splitlines()[1])
      VALUES ?symbol { "A/RES/59/159" }
    """
    values = " ".join(Literal(v).n3() for s in symbols for v in symbol_variants(s))
    return (
        "SELECT ?item ?symbol WHERE {\n"
        f"  VALUES ?symbol {{ {values} }}\n"
        f"  ?item {DOCUMENT_SYMBOL.n3()} ?symbol .\n"
        "}\n"
    )


@dataclass
class EnrichmentReport:
    """What one enrichment run asked, found and wrote; ``failures`` has one line each."""

    items: int = 0
    symbols: int = 0
    matched: int = 0
    answers: int = 0
    from_cache: int = 0
    triples: int = 0
    written: bool = False
    failures: list[str] = field(default_factory=list)


_LINKED = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
SELECT DISTINCT ?record ?item WHERE {
  GRAPH ?g { ?record skos:exactMatch|owl:sameAs ?item }
  FILTER(?g != %s && STRSTARTS(STR(?item), "%s"))
}
"""

_SYMBOLS = """
PREFIX unkg: <https://w3id.org/unkg/ontology#>
SELECT DISTINCT ?doc ?symbol WHERE { GRAPH ?g { ?doc unkg:symbol ?symbol } FILTER(?g != %s) }
"""


_T = TypeVar("_T")


def _batches(values: Sequence[_T], size: int) -> list[Sequence[_T]]:
    return [values[i : i + size] for i in range(0, len(values), size)]


def _short(item: URIRef, base: str) -> str:
    text = str(item)
    return "wd:" + text[len(WD) :] if text.startswith(str(WD)) else text.removeprefix(base)


class _Run:
    """One enrichment run: asks, collects triples and provenance, records failures."""

    def __init__(self, client: SparqlClient, report: EnrichmentReport, ids: str) -> None:
        self.client = client
        self.report = report
        self.ids = ids
        self.triples: list[Triple] = []
        self.missing = False  # a batch has no answer at all

    def ask(self, query: str, what: str) -> Answer | None:
        try:
            answer = self.client.select(query)
        except EndpointError as error:
            stale = self._stale(query)
            note = f"; used the answer cached {stale.fetched_at:%Y-%m-%d %H:%M}" if stale else ""
            self.report.failures.append(f"{what}: {error}{note}")
            if stale is None:
                self.missing = True
                return None
            answer = stale
        self.report.answers += 1
        self.report.from_cache += answer.from_cache
        self._provenance(answer)
        return answer

    def _stale(self, query: str) -> Answer | None:
        try:
            return self.client.cached(query)
        except EndpointError:
            return None

    def _provenance(self, answer: Answer) -> None:
        graph = URIRef(f"{self.ids}graph/enrichment")
        activity, used = BNode(), BNode()
        self.triples += [
            (graph, PROV.wasGeneratedBy, activity),
            (activity, RDF.type, PROV.Activity),
            (activity, PROV.used, URIRef(answer.endpoint)),
            (activity, PROV.used, used),
            (activity, PROV.endedAtTime, Literal(answer.fetched_at, datatype=XSD_DATETIME)),
            (used, RDF.type, PROV.Entity),
            (used, DCTERMS.format, Literal("application/sparql-query")),
            (used, PROV.value, Literal(answer.query)),
        ]


def enrich(
    store: Any,
    client: SparqlClient,
    *,
    batch_size: int = 50,
    partial: bool = False,
    base: str = DEFAULT_BASE,
    now: datetime | None = None,
) -> EnrichmentReport:
    """Fetch what the graph links to and replace ``id:graph/enrichment`` with it.

    Args:
        store: the store (a pyoxigraph store or a wrapper of one).
        client: the endpoint to ask (online, or offline from its cache).
        batch_size: items or symbols per query.
        partial: write what was fetched even if some batch has no answer; by default the
            previous enrichment is kept whole until every batch is answered.
        base: the base IRI of the graph (``https://w3id.org/unkg/``).
        now: the time stamped on the graph (default: the current time).

    Returns:
        What was asked and found; ``failures`` holds one line per failed batch or entity.
    """
    report = EnrichmentReport()
    run = _Run(client, report, id_base(base))
    graph = enrichment_graph(base)
    records: dict[URIRef, set[str]] = {}
    for record, item in select(store, _LINKED % (graph.n3(), WD)):
        records.setdefault(URIRef(str(item)), set()).add(_short(URIRef(str(record)), run.ids))
    documents = {
        str(symbol).replace(" ", ""): (URIRef(str(doc)), str(symbol))
        for doc, symbol in select(store, _SYMBOLS % graph.n3())
    }
    symbols = sorted(symbol for _, symbol in documents.values())
    report.symbols = len(symbols)

    chunks = _batches(symbols, batch_size)
    for number, batch in enumerate(chunks, 1):
        what = f"symbol batch {number}/{len(chunks)} ({batch[0]} … {batch[-1]})"
        answer = run.ask(symbols_query(batch), what)
        for row in answer.rows if answer else ():
            item, symbol = row.get("item"), row.get("symbol")
            key = str(symbol).replace(" ", "")
            if not isinstance(item, URIRef) or key not in documents:
                continue
            doc, printed = documents[key]
            run.triples += [(doc, SKOS.exactMatch, item), (item, DOCUMENT_SYMBOL, Literal(printed))]
            records.setdefault(item, set()).add(printed)
    report.matched = len({s for s, p, _ in run.triples if p == SKOS.exactMatch})

    items = sorted(records)
    report.items = len(items)
    item_chunks = _batches(items, batch_size)
    for number, item_batch in enumerate(item_chunks, 1):
        names = ", ".join(_short(i, run.ids) for i in item_batch)
        what = f"item batch {number}/{len(item_chunks)} ({names})"
        answer = run.ask(items_query(item_batch), what)
        if answer is None:
            continue
        found = _item_triples(answer, set(item_batch))
        run.triples += found
        for missing in sorted(set(item_batch) - {s for s, _, _ in found}):
            named = ", ".join(sorted(records[missing]))
            report.failures.append(
                f"{_short(missing, run.ids)} ({named}): no data at {client.endpoint}"
            )

    if run.missing and not partial:
        return report
    stamp = Literal(now or datetime.now(timezone.utc), datatype=XSD_DATETIME)
    run.triples += [(graph, RDF.type, PROV.Entity), (graph, PROV.generatedAtTime, stamp)]
    replace_graph(store, graph, run.triples)
    report.triples = len(run.triples)
    report.written = True
    return report


def _item_triples(answer: Answer, batch: Iterable[str]) -> list[Triple]:
    asked = {URIRef(i) for i in batch}
    triples: list[Triple] = []
    for row in answer.rows:
        item, prop, value = row.get("item"), row.get("property"), row.get("value")
        if item in asked and prop in ITEM_PROPERTIES and isinstance(value, (URIRef, Literal)):
            triples.append((item, prop, value))  # type: ignore[arg-type]
    return triples


__all__ = [
    "ITEM_PROPERTIES",
    "WD",
    "WDT",
    "EnrichmentReport",
    "enrich",
    "enrichment_graph",
    "items_query",
    "symbols_query",
]
