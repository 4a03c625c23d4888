"""Resolvable links for every UN document symbol, and a VoID description of every link set.

Links are computed from the store, not from one document at a time: a symbol held in the
graph of a French text gets the French page on undocs.org, a symbol only cited there gets it
too, and the VoID counts cover every graph. :func:`refresh_links` recomputes them all and
replaces the named graph ``id:graph/links`` in one update, so running it after each build
keeps them in step with the graph.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, unquote

import pyoxigraph as ox
import rdflib
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, VOID
from rdflib.term import Node

from graph_builder.errors import StoreError
from graph_builder.iris import DEFAULT_BASE, id_base, instrument_iri
from graph_builder.terms import to_rdflib

Triple = tuple[URIRef | BNode, URIRef, Node]

# Plain IRIs rather than rdflib's XSD namespace object, which warns when inspected.
XSD_LANGUAGE = URIRef("http://www.w3.org/2001/XMLSchema#language")
XSD_STRING = URIRef("http://www.w3.org/2001/XMLSchema#string")

#: The six official languages of the United Nations, as undocs.org spells them.
UN_LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")
UNDOCS = "https://undocs.org/"
DIGITAL_LIBRARY_SEARCH = "https://digitallibrary.un.org/search?p="
#: Predicates whose objects outside the graph count as links in the VoID description, with
#: how reports name them.
_CURIES = {
    OWL.sameAs: "owl:sameAs",
    SKOS.exactMatch: "skos:exactMatch",
    SKOS.closeMatch: "skos:closeMatch",
    SKOS.broadMatch: "skos:broadMatch",
    SKOS.narrowMatch: "skos:narrowMatch",
    RDFS.seeAlso: "rdfs:seeAlso",
}
LINK_PREDICATES = tuple(_CURIES)
# Made once: rdflib literals with a datatype are slow to build, and there are six.
_LANGUAGE_LITERALS = {lang: Literal(lang, datatype=XSD_LANGUAGE) for lang in UN_LANGUAGES}


def links_graph(base: str = DEFAULT_BASE) -> URIRef:
    """The named graph that holds the document links and the VoID description.

    >>> str(links_graph())
    'https://w3id.org/unkg/id/graph/links'
    """
    return URIRef(f"{id_base(base)}graph/links")


def undocs_url(symbol: str, language: str | None) -> str:
    """The page of a document on undocs.org in one language, or in the reader's (``None``).

    undocs.org writes a symbol without spaces and keeps its slashes and parentheses; with
    no language in the path it serves the language the reader's browser asks for.

    >>> undocs_url("S/RES/1373 (2001)", "fr")
    'https://undocs.org/fr/S/RES/1373(2001)'
    >>> undocs_url("A/RES/58/4", None)
    'https://undocs.org/A/RES/58/4'
    """
    path = quote(symbol.replace(" ", ""), safe="/()")
    if language is None:
        return f"{UNDOCS}{path}"
    if language not in UN_LANGUAGES:
        raise ValueError(f"{language!r} is not a UN language ({', '.join(UN_LANGUAGES)})")
    return f"{UNDOCS}{language}/{path}"


def digital_library_url(symbol: str) -> str:
    """A UN Digital Library search for the symbol, as the library prints it.

    >>> digital_library_url("S/RES/1373 (2001)")
    'https://digitallibrary.un.org/search?p=S%2FRES%2F1373%20%282001%29'
    """
    return DIGITAL_LIBRARY_SEARCH + quote(symbol, safe="")


def document_links(
    symbol: str, languages: Iterable[str], *, base: str = DEFAULT_BASE
) -> list[Triple]:
    """The link triples of one document: undocs.org per language, then the library search.

    A document the graph holds in no UN language (one named only by the authority data)
    gets the undocs.org page without a language, which serves the reader's own.

    Args:
        symbol: the normalised symbol, ``S/RES/1373 (2001)``.
        languages: the UN languages the graph holds the document in (others are ignored).
        base: the base IRI of the graph (``https://w3id.org/unkg/``).

    >>> for s, p, o in document_links("A/RES/59/159", ["fr", "de"])[::2]:
    ...     print(p.n3(), o)
    <http://www.w3.org/2000/01/rdf-schema#seeAlso> https://undocs.org/fr/A/RES/59/159
    <http://www.w3.org/2000/01/rdf-schema#seeAlso> https://digitallibrary.un.org/search?p=A%2FRES%2F59%2F159
    """
    document = URIRef(instrument_iri(symbol, base=base))
    triples: list[Triple] = []
    held = sorted(set(languages) & set(UN_LANGUAGES))
    for language in held:
        page = URIRef(undocs_url(symbol, language))
        triples.append((document, RDFS.seeAlso, page))
        triples.append((page, DCTERMS.language, _LANGUAGE_LITERALS[language]))
    if not held:
        triples.append((document, RDFS.seeAlso, URIRef(undocs_url(symbol, None))))
    triples.append((document, RDFS.seeAlso, URIRef(digital_library_url(symbol))))
    return triples


@dataclass(frozen=True)
class LinkSummary:
    """What :func:`refresh_links` wrote: documents linked and triples per link set."""

    documents: int
    linksets: dict[str, int]


_SYMBOLS = """
PREFIX unkg: <https://w3id.org/unkg/ontology#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
SELECT ?doc (SAMPLE(?symbol) AS ?printed) (GROUP_CONCAT(DISTINCT ?last; separator=" ") AS ?tails)
WHERE {
  { GRAPH ?g { ?doc unkg:symbol ?symbol } }
  UNION
  { GRAPH ?g { ?x eli:cites|unkg:realizedBy ?doc } }
  BIND(REPLACE(STR(?g), "^.*/", "") AS ?last)
}
GROUP BY ?doc
"""

_DATASETS = """
PREFIX void: <http://rdfs.org/ns/void#>
SELECT ?dataset ?space WHERE { GRAPH ?g { ?dataset a void:Dataset ; void:uriSpace ?space } }
"""

_COUNT = """
SELECT ?p (COUNT(*) AS ?n) WHERE {
  SELECT DISTINCT ?s ?p ?o WHERE {
    VALUES ?p { %s }
    GRAPH ?g { ?s ?p ?o }
    FILTER(?g != %s && isIRI(?o) && STRSTARTS(STR(?s), "%s") && STRSTARTS(STR(?o), "%s"))
  }
} GROUP BY ?p
"""


def _symbols(store: Any, ids: str) -> dict[str, set[str]]:
    """Each symbol in the store with the UN languages of the graphs that name it.

    A document graph is ``id:graph/<symbol>/<lang>``: the last step of its IRI is the
    language; other graphs end in words (``authority``) that are no UN language.
    """
    found: dict[str, set[str]] = {}
    for doc, printed, tails in select(store, _SYMBOLS):
        if not isinstance(doc, URIRef) or not doc.startswith(ids):
            continue
        # A document only cited has no unkg:symbol: its IRI path is the symbol less spaces.
        symbol = str(printed) if printed is not None else unquote(doc[len(ids) :])
        languages = set(str(tails or "").split()) & set(UN_LANGUAGES)
        found.setdefault(symbol, set()).update(languages)
    return found


def link_triples(store: Any, *, base: str = DEFAULT_BASE) -> Iterator[Triple]:
    """Every document link the store's symbols call for (not yet the VoID description)."""
    for symbol, languages in sorted(_symbols(store, id_base(base)).items()):
        yield from document_links(symbol, languages, base=base)


def void_triples(
    store: Any, extra: Iterable[Triple] = (), *, base: str = DEFAULT_BASE
) -> tuple[list[Triple], dict[str, int]]:
    """A ``void:Linkset`` per target dataset and link predicate, with its triple count.

    Target datasets are the ``void:Dataset`` records with a ``void:uriSpace`` in the store
    (``ontology/authority/datasets.ttl``); ``extra`` are links about to be written, counted
    as if they were already there.
    """
    ids = id_base(base)
    ours = URIRef(f"{ids}dataset/unkg")
    predicates = " ".join(p.n3() for p in LINK_PREDICATES)
    extra = list(extra)
    triples: list[Triple] = []
    counts: dict[str, int] = {}
    targets = sorted((str(d), str(s)) for d, s in select(store, _DATASETS))
    # The links about to be written, counted once per (uri space, predicate).
    pending: dict[tuple[str, URIRef], int] = {}
    spaces = [space for target, space in targets if target != str(ours)]
    for s, p, o in set(extra):
        # Only IRI objects are links, as ``isIRI(?o)`` says for the links already stored.
        if p in LINK_PREDICATES and s.startswith(ids) and isinstance(o, URIRef):
            for space in spaces:
                if o.startswith(space):
                    pending[(space, p)] = pending.get((space, p), 0) + 1
    for target, space in targets:
        if target == str(ours):
            continue
        per_predicate: dict[URIRef, int] = {}
        query = _COUNT % (predicates, links_graph(base).n3(), ids, space)
        for stored, count in select(store, query):
            per_predicate[URIRef(str(stored))] = int(str(count))
        for (where, linked), n in pending.items():
            if where == space:
                per_predicate[linked] = per_predicate.get(linked, 0) + n
        for predicate, n in sorted(per_predicate.items()):
            name = target.rsplit("/", 1)[-1]
            linkset = URIRef(f"{ours}/links/{name}/{predicate.split('#')[-1].split('/')[-1]}")
            triples += [
                (linkset, RDF.type, VOID.Linkset),
                (linkset, VOID.subjectsTarget, ours),
                (linkset, VOID.objectsTarget, URIRef(target)),
                (linkset, VOID.linkPredicate, predicate),
                (linkset, VOID.triples, Literal(n)),
                (ours, VOID.subset, linkset),
            ]
            counts[f"{name} {_CURIES[predicate]}"] = n
    return triples, counts


def refresh_links(store: Any, *, base: str = DEFAULT_BASE) -> LinkSummary:
    """Recompute every document link and the VoID link sets; replace ``id:graph/links`` at once.

    Returns:
        How many documents were linked and the triple count of each link set.
    """
    graph = links_graph(base)
    links = list(link_triples(store, base=base))
    void, counts = void_triples(store, links, base=base)
    replace_graph(store, graph, links + void)
    documents = len({s for s, p, _ in links if p == RDFS.seeAlso})
    return LinkSummary(documents=documents, linksets=counts)


def oxigraph(store: Any) -> ox.Store | None:
    """The pyoxigraph store behind ``store``: itself, a wrapper's, or an oxrdflib graph's."""
    if isinstance(store, ox.Store):
        return store
    for inner in (getattr(store, "pyoxigraph", None), getattr(store, "store", None)):
        if isinstance(inner, ox.Store):
            return inner
        if isinstance(getattr(inner, "_inner", None), ox.Store):  # oxrdflib's OxigraphStore
            return inner._inner  # type: ignore[union-attr]
    return None


def _rdflib_dataset(store: Any) -> rdflib.Dataset:
    """The rdflib dataset of a store that is not Oxigraph (rdflib's memory store)."""
    if isinstance(store, rdflib.Dataset):
        return store
    dataset = getattr(store, "dataset", None)
    if callable(dataset):
        found = dataset()
        if isinstance(found, rdflib.Dataset):
            return found
    raise StoreError(f"not a graph store: {type(store).__name__}")


def select(store: Any, query: str) -> list[tuple[Node | None, ...]]:
    """The rows of a SELECT on the store, as rdflib terms (``None`` where unbound).

    >>> select(ox.Store(), "SELECT ?x WHERE { VALUES ?x { 'a'@fr } }")
    [(rdflib.term.Literal('a', lang='fr'),)]
    """
    inner = oxigraph(store)
    if inner is None:
        return [tuple(row) for row in _rdflib_dataset(store).query(query)]  # type: ignore[arg-type]
    try:
        solutions = inner.query(query)
    except (SyntaxError, OSError) as error:
        raise StoreError(f"the store failed on a query: {error}") from error
    if not isinstance(solutions, ox.QuerySolutions):
        raise StoreError("expected a SELECT query")
    names = [v.value for v in solutions.variables]
    return [tuple(to_rdflib(row[name]) for name in names) for row in solutions]


def replace_graph(store: Any, graph: URIRef, triples: Iterable[Triple]) -> None:
    """Replace a named graph's content in one SPARQL update (one transaction in Oxigraph).

    On rdflib's memory store the same update runs, without a transaction to protect it.

    Everything is serialised before the store is touched, so a failure leaves the old graph.
    """
    body = "\n".join(f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in triples)
    name = graph.n3()
    update = f"DROP SILENT GRAPH {name} ;\nINSERT DATA {{ GRAPH {name} {{\n{body}\n}} }}"
    inner = oxigraph(store)
    try:
        if inner is None:
            _rdflib_dataset(store).update(update)
        else:
            inner.update(update)
    except (SyntaxError, OSError) as error:
        raise StoreError(f"cannot write {graph}: {error}") from error


__all__ = [
    "UN_LANGUAGES",
    "LinkSummary",
    "digital_library_url",
    "document_links",
    "link_triples",
    "links_graph",
    "oxigraph",
    "refresh_links",
    "replace_graph",
    "select",
    "undocs_url",
    "void_triples",
]
