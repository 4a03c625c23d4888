"""Project the RDF graph onto networkx views for drawing and analysis.

A view is an ``nx.MultiDiGraph`` whose nodes are IRIs (strings) and whose edges are keyed by a
relation name. Every attribute is a plain ``str``/``int``/``float`` so the same graph can be
drawn (``viz``), measured (``analyze``) and exported to GraphML or GEXF.

Node attributes: ``kind`` (see :data:`KIND_CLASSES`), ``label`` (short, in the chosen language),
``heading`` (long name), and when known ``symbol``, ``number``, ``lead``, ``text``.
Edge attributes: ``relation`` (a key of :data:`RELATION_PROPERTIES`) and ``weight``.
Graph attributes: ``view``, ``lang``, ``title``, ``kind_labels`` and ``relation_labels``
(display names read from the ontology's ``rdfs:label`` in the chosen language).

The three views:

* :func:`resolution_view` -- one instrument, its clauses and footnotes, and everything they cite,
  mention or address;
* :func:`citation_view` -- instruments and the instruments they cite;
* :func:`bodies_view` -- bodies and groups, the instruments naming them, and the instruments named
  in the same clause.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

import networkx as nx
from rdflib import Literal

from graph_builder.errors import QueryError
from graph_builder.query import NamedQuery, run_query

UNKG = "https://w3id.org/unkg/ontology#"
ELI = "http://data.europa.eu/eli/ontology#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"

PREFIXES = f"""PREFIX unkg: <{UNKG}>
PREFIX eli: <{ELI}>
PREFIX skos: <{SKOS}>
PREFIX dcterms: <{DCTERMS}>
"""

# Most specific class first: a node takes the first kind whose class it carries.
KIND_CLASSES: dict[str, str] = {
    "resolution": UNKG + "Resolution",
    "convention": UNKG + "Convention",
    "protocol": UNKG + "Protocol",
    "declaration": UNKG + "Declaration",
    "document": UNKG + "Document",
    "annex": UNKG + "Annex",
    "instrument": UNKG + "Instrument",
    "operative": UNKG + "OperativeClause",
    "preambular": UNKG + "PreambularClause",
    "subparagraph": UNKG + "SubParagraph",
    "clause": UNKG + "Clause",
    "footnote": UNKG + "Footnote",
    "body": UNKG + "Body",
    "group": UNKG + "ActorGroup",
    "topic": UNKG + "Topic",
    "event": UNKG + "Event",
    "place": UNKG + "Place",
}
INSTRUMENT_KINDS = frozenset(
    {"resolution", "convention", "protocol", "declaration", "document", "annex", "instrument"}
)
CLAUSE_KINDS = frozenset({"operative", "preambular", "subparagraph", "clause", "footnote"})
ACTOR_KINDS = frozenset({"body", "group"})
# Something cited but never described (no class in the store).
UNKNOWN_KIND = "other"

# Relation name -> the property it stands for ("namedWith" is derived: two things named in one
# clause, so it has no property of its own).
RELATION_PROPERTIES: dict[str, str | None] = {
    "is_part_of": ELI + "is_part_of",
    "hasFootnote": UNKG + "hasFootnote",
    "cites": ELI + "cites",
    "mentions": UNKG + "mentions",
    "addresses": UNKG + "addresses",
    "realizedBy": UNKG + "realizedBy",
    "passed_by": ELI + "passed_by",
    "is_about": ELI + "is_about",
    "namedWith": None,
}

VIEWS = ("resolution", "citations", "bodies")

# Characters that cannot appear inside a SPARQL IRIREF.
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_DETAIL_PROPERTIES = {
    RDF_TYPE: "type",
    UNKG + "symbol": "symbol",
    SKOS + "prefLabel": "pref",
    SKOS + "altLabel": "alt",
    DCTERMS + "title": "title",
    UNKG + "leadingPhrase": "lead",
    UNKG + "text": "text",
    UNKG + "number": "number",
    UNKG + "label": "label",
    UNKG + "position": "position",
}
# Short names (acronyms) read better on a canvas than full names; longer aliases do not.
_SHORT_NAME = 14
_BATCH = 400


# What :func:`graph_builder.query.run_query` accepts as a store: a store directory, a
# ``pyoxigraph.Store``, an rdflib ``Dataset`` (queried over the union of its graphs) or ``None``
# for the default store.
Source = Any


def iri_ref(iri: str) -> str:
    """``iri`` written as a SPARQL IRI, refusing characters that would change the query.

    >>> iri_ref("https://w3id.org/unkg/id/A/RES/59/159")
    '<https://w3id.org/unkg/id/A/RES/59/159>'
    >>> iri_ref("x> } DROP ALL {")
    Traceback (most recent call last):
    ...
    graph_builder.errors.QueryError: not an IRI: 'x> } DROP ALL {'
    """
    if not iri or _BAD_IRI.search(iri):
        raise QueryError(f"not an IRI: {iri!r}")
    return f"<{iri}>"


def select(
    source: Source, query: str, *, params: dict[str, str] | None = None
) -> list[tuple[Any, ...]]:
    """Rows of a SELECT as tuples of rdflib terms (``None`` for unbound).

    ``params`` bind BASIL parameters (``?_instrument_iri``) the way library queries do.
    """
    named = NamedQuery.parse("view", PREFIXES + query)
    return list(run_query(named, params=params, store=source).rows)


def resolve_instrument(source: Source, name: str | None) -> str:
    """The IRI of the instrument named by a symbol (``A/RES/59/159``) or an IRI.

    With no name, the store must hold exactly one instrument that has clauses.

    Raises:
        QueryError: no instrument with clauses, or several, answer to the name.
    """
    parsed = select(
        source,
        """SELECT DISTINCT ?instrument ?symbol WHERE {
             ?part eli:is_part_of ?instrument .
             FILTER NOT EXISTS { ?instrument eli:is_part_of ?whole }
             OPTIONAL { ?instrument unkg:symbol ?symbol }
           }""",
    )
    symbols = sorted({str(s) for _, s in parsed if s is not None})
    held = f"{', '.join(symbols[:8])}{', …' if len(symbols) > 8 else ''}" or "none"
    if name is None:
        if len(parsed) == 1:
            return str(parsed[0][0])
        raise QueryError(
            f"--instrument is needed: the store holds {len(parsed)} instruments with clauses"
            f" ({held})"
        )
    wanted = re.sub(r"\s+", "", name).upper()
    for instrument, symbol in parsed:
        if str(instrument) == name or (
            symbol is not None and re.sub(r"\s+", "", str(symbol)).upper() == wanted
        ):
            return str(instrument)
    raise QueryError(f"no instrument with clauses is named {name!r}; the store holds {held}")


def resolution_view(source: Source, instrument: str, *, lang: str = "en") -> nx.MultiDiGraph:
    """One instrument with its clauses, footnotes and all they cite, mention or address.

    Args:
        source: the store to read.
        instrument: the instrument's IRI (see :func:`resolve_instrument`).
        lang: language of labels and texts (falls back to English, then any).
    """
    params = {"instrument": iri_ref(instrument)[1:-1]}
    rows = select(
        source,
        """SELECT DISTINCT ?s ?p ?o WHERE {
             ?s eli:is_part_of* ?_instrument_iri ; ?p ?o .
             FILTER(isIRI(?o))
             FILTER(?p IN (eli:is_part_of, unkg:hasFootnote, eli:cites, unkg:mentions,
                           unkg:addresses, eli:passed_by, eli:is_about))
             # The instrument-level citations repeat the clauses' own.
             FILTER(?s != ?_instrument_iri || ?p != eli:cites)
           }""",
        params=params,
    )
    realized = select(
        source,
        """SELECT DISTINCT ?named ?symbol WHERE {
             ?part eli:is_part_of* ?_instrument_iri ; eli:cites|unkg:mentions ?named .
             ?named unkg:realizedBy ?symbol }""",
        params=params,
    )
    view = _new_view("resolution", lang)
    view.add_node(instrument)
    for s, p, o in rows:
        _add_edge(view, str(s), _relation(p), str(o))
    for named, symbol in realized:
        _add_edge(view, str(named), "realizedBy", str(symbol))
    _describe(source, view)
    view.graph["title"] = view.nodes[instrument].get("heading", instrument)
    view.graph["focus"] = instrument
    return view


def citation_view(source: Source, *, lang: str = "en") -> nx.MultiDiGraph:
    """Instruments and the instruments they cite; edge weight = number of citing clauses.

    Every instrument that has clauses in the store is a node, even when it cites nothing and
    nothing cites it; named instruments link to the symbol that holds their text.
    """
    # Instrument-level citations, and how many clauses (at any depth) make each one.
    stated = select(
        source,
        "SELECT DISTINCT ?s ?o WHERE { ?s eli:cites ?o ; unkg:symbol ?symbol }",
    )
    by_clauses = select(
        source,
        """SELECT ?s ?o (COUNT(DISTINCT ?c) AS ?n) WHERE {
             ?c eli:cites ?o ; eli:is_part_of+ ?s . ?s unkg:symbol ?symbol .
             FILTER NOT EXISTS { ?c a unkg:Footnote }  # a footnote is not a citing clause
           } GROUP BY ?s ?o""",
    )
    weights = {(str(s), str(o)): int(n) for s, o, n in by_clauses}
    for s, o in stated:
        weights.setdefault((str(s), str(o)), 1)
    view = _new_view("citations", lang)
    for (instrument,) in select(
        source,
        """SELECT DISTINCT ?i WHERE {
             ?part eli:is_part_of ?i . FILTER NOT EXISTS { ?i eli:is_part_of ?w } }""",
    ):
        view.add_node(str(instrument))
    for (s, o), n in sorted(weights.items()):
        if s != o:
            _add_edge(view, s, "cites", o, weight=n)
    for s, o in select(source, "SELECT DISTINCT ?s ?o WHERE { ?s unkg:realizedBy ?o }"):
        if str(s) in view:
            _add_edge(view, str(s), "realizedBy", str(o))
    _describe(source, view)
    instruments = sum(1 for n in view if view.nodes[n]["kind"] in INSTRUMENT_KINDS)
    view.graph["title"] = (
        f"Citation network: {instruments} instruments, {view.number_of_edges()} links"
    )
    return view


def bodies_view(source: Source, *, lang: str = "en") -> nx.MultiDiGraph:
    """Bodies and groups, the instruments that name them, and instruments named beside them.

    Edges: instrument --addresses/mentions--> body (weight = number of clauses), instrument
    --passed_by--> body, body --namedWith--> instrument cited or mentioned in the same clause.
    """
    # Joins on classes are slow in the store's planner: fetch the edges plain, sort by class here.
    actors = _typed(source, ("Body", "ActorGroup"))
    instruments = _typed(
        source, ("Instrument", "Resolution", "Document", "Convention", "Protocol", "Declaration")
    )
    named = select(
        source,
        """SELECT ?i ?p ?x (COUNT(DISTINCT ?c) AS ?n) WHERE {
             ?c ?p ?x . FILTER(?p IN (unkg:mentions, unkg:addresses))
             ?c eli:is_part_of+ ?i . ?i unkg:symbol ?symbol .
           } GROUP BY ?i ?p ?x""",
    )
    passed = select(
        source,
        """SELECT DISTINCT ?i ?body WHERE {
             ?i eli:passed_by ?body . ?part eli:is_part_of ?i }""",
    )
    beside = select(
        source,
        """SELECT ?x ?other (COUNT(DISTINCT ?c) AS ?n) WHERE {
             ?c unkg:mentions|unkg:addresses ?x ; eli:cites|unkg:mentions ?other .
             FILTER(?x != ?other)
           } GROUP BY ?x ?other""",
    )
    view = _new_view("bodies", lang)
    for i, p, x, n in named:
        if str(x) in actors:
            _add_edge(view, str(i), _relation(p), str(x), weight=int(n))
    for i, body in passed:
        _add_edge(view, str(i), "passed_by", str(body))
    for x, other, n in beside:
        if str(x) in actors and str(other) in instruments and str(other) not in actors:
            _add_edge(view, str(x), "namedWith", str(other), weight=int(n))
    _describe(source, view)
    actors_shown = sum(1 for n in view if view.nodes[n]["kind"] in ACTOR_KINDS)
    view.graph["title"] = (
        f"Bodies and the instruments naming them: {actors_shown} bodies and groups, "
        f"{view.number_of_nodes() - actors_shown} instruments"
    )
    return view


def _typed(source: Source, classes: Sequence[str]) -> set[str]:
    """Every node typed with one of the ``unkg:`` ``classes``."""
    values = " ".join(f"unkg:{c}" for c in classes)
    query = f"SELECT DISTINCT ?x WHERE {{ VALUES ?class {{ {values} }} ?x a ?class }}"
    rows = select(source, query)
    return {str(x) for (x,) in rows}


def build_view(
    source: Source, view: str, *, instrument: str | None = None, lang: str = "en"
) -> nx.MultiDiGraph:
    """The view named ``view`` (one of :data:`VIEWS`).

    Raises:
        QueryError: unknown view, or an instrument that is not in the store.
    """
    if view == "resolution":
        return resolution_view(source, resolve_instrument(source, instrument), lang=lang)
    if view == "citations":
        return citation_view(source, lang=lang)
    if view == "bodies":
        return bodies_view(source, lang=lang)
    raise QueryError(f"unknown view {view!r}; choose one of {', '.join(VIEWS)}")


def _new_view(name: str, lang: str) -> nx.MultiDiGraph:
    return nx.MultiDiGraph(view=name, lang=lang)


def _relation(predicate: object) -> str:
    for name, iri in RELATION_PROPERTIES.items():
        if iri == str(predicate):
            return name
    raise QueryError(f"unexpected property in a view: {predicate}")


def _add_edge(view: nx.MultiDiGraph, s: str, relation: str, o: str, *, weight: int = 1) -> None:
    if view.has_edge(s, o, key=relation):
        view.edges[s, o, relation]["weight"] += weight
    else:
        view.add_edge(s, o, key=relation, relation=relation, weight=weight)


def _describe(source: Source, view: nx.MultiDiGraph) -> None:
    """Fill every node's kind, label and text, and the view's display names."""
    lang = view.graph["lang"]
    facts: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    properties = " ".join(f"<{p}>" for p in _DETAIL_PROPERTIES)
    for batch in _batches(list(view.nodes), _BATCH):
        values = " ".join(iri_ref(n) for n in batch)
        for node, p, o in select(
            source,
            f"""SELECT DISTINCT ?node ?p ?o WHERE {{
                  VALUES ?node {{ {values} }} VALUES ?p {{ {properties} }} ?node ?p ?o }}""",
        ):
            facts[str(node)][_DETAIL_PROPERTIES[str(p)]].append(o)
    for node in view.nodes:
        view.nodes[node].update(describe_node(node, facts.get(node, {}), lang=lang))
    kinds = sorted({view.nodes[n]["kind"] for n in view.nodes})
    relations = sorted({r for *_, r in view.edges(keys=True)})
    view.graph["kind_labels"] = _display_names(
        source, {k: KIND_CLASSES.get(k, "") for k in kinds}, lang
    )
    view.graph["relation_labels"] = _display_names(
        source, {r: RELATION_PROPERTIES.get(r) or "" for r in relations}, lang
    )


def describe_node(iri: str, facts: dict[str, list[Any]], *, lang: str) -> dict[str, Any]:
    """Kind, short label, heading and texts of one node from its property values.

    >>> from rdflib import Literal, URIRef
    >>> facts = {"type": [URIRef(UNKG + "OperativeClause")], "number": [Literal(5)],
    ...          "lead": [Literal("Prie", lang="fr"), Literal("Requests", lang="en")],
    ...          "text": [Literal("Requests the Secretary-General…", lang="en")]}
    >>> d = describe_node("https://w3id.org/unkg/id/A/RES/59/159/op/5", facts, lang="fr")
    >>> d["kind"], d["label"], d["lead"]
    ('operative', 'op 5 · Prie', 'Prie')
    """
    types = {str(t) for t in facts.get("type", [])}
    kind = next((k for k, c in KIND_CLASSES.items() if c in types), UNKNOWN_KIND)
    out: dict[str, Any] = {"kind": kind, "iri": iri}
    symbol = _first(facts.get("symbol", []))
    pref = _pick(facts.get("pref", []), lang)
    title = _pick(facts.get("title", []), lang)
    lead = _pick(facts.get("lead", []), lang)
    text = _pick(facts.get("text", []), lang)
    number = _first(facts.get("number", []))
    printed = _first(facts.get("label", []))
    position = _first(facts.get("position", []))
    tail = _tail(iri)
    if symbol:
        out["symbol"] = symbol
    if lead:
        out["lead"] = lead
    if text:
        out["text"] = text
    if kind in CLAUSE_KINDS:
        if number is not None:
            out["number"] = int(number)
        if position is not None:
            out["position"] = int(position)
        place = tail.rsplit("/", 1)[-1]
        if kind == "operative":
            label = f"op {number if number is not None else position or place}"
        elif kind == "preambular":
            label = f"pre {position or place}"
        elif kind == "subparagraph":
            label = f"({printed or place})"
        elif kind == "footnote":
            label = f"fn {printed or place}"
        else:
            label = place
        out["label"] = f"{label} · {lead}" if lead else label
        out["heading"] = tail
        return out
    name = pref or title
    short = name if name and len(name) <= _SHORT_NAME else _short_name(facts.get("alt", []), lang)
    out["label"] = symbol or short or name or tail
    out["heading"] = " — ".join(x for x in (symbol, name) if x) or short or tail
    return out


def _display_names(source: Source, terms: dict[str, str], lang: str) -> dict[str, str]:
    """Display name of each kind or relation: the term's ``rdfs:label``, else its local name."""
    iris = {iri for iri in terms.values() if iri}
    labels: dict[str, list[Any]] = defaultdict(list)
    if iris:
        values = " ".join(iri_ref(i) for i in sorted(iris))
        for term, label in select(
            source,
            f"SELECT DISTINCT ?t ?l WHERE {{ VALUES ?t {{ {values} }} ?t <{RDFS_LABEL}> ?l }}",
        ):
            labels[str(term)].append(label)
    return {
        key: _pick(labels.get(iri, []), lang) or _words(iri.rsplit("#", 1)[-1] if iri else key)
        for key, iri in terms.items()
    }


def _words(name: str) -> str:
    """``OperativeClause`` -> ``Operative clause``, ``is_part_of`` -> ``is part of``.

    >>> _words("OperativeClause"), _words("is_part_of"), _words("other")
    ('Operative clause', 'Is part of', 'Other')
    """
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).replace("_", " ").lower()
    return spaced[:1].upper() + spaced[1:]


def _pick(literals: Sequence[Any], lang: str) -> str | None:
    """The literal in ``lang``, else English, else untagged, else any (sorted for stability)."""
    if not literals:
        return None
    by_lang: dict[str, list[str]] = defaultdict(list)
    for lit in literals:
        by_lang[(lit.language or "") if isinstance(lit, Literal) else ""].append(str(lit))
    for choice in (lang, "en", ""):
        if by_lang.get(choice):
            return min(by_lang[choice])
    return min(min(v) for v in by_lang.values())


def _short_name(alts: Sequence[Any], lang: str) -> str | None:
    """The shortest alias (an acronym) in ``lang`` or untagged."""
    short = [a for a in alts if isinstance(a, Literal) and len(a) <= _SHORT_NAME
             and (a.language or "") in (lang, "")]
    return str(min(short, key=lambda a: (len(a), str(a)))) if short else None


def _first(values: Sequence[Any]) -> Any:
    if not values:
        return None
    value = min(values, key=str)
    return value.toPython() if isinstance(value, Literal) else str(value)


def _tail(iri: str) -> str:
    """The readable end of an IRI: after ``/id/`` when present, else the last segment.

    >>> _tail("https://w3id.org/unkg/id/A/RES/59/159/op/5")
    'A/RES/59/159/op/5'
    """
    if "/id/" in iri:
        return iri.split("/id/", 1)[1]
    return iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _batches(items: list[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


__all__ = [
    "KIND_CLASSES",
    "RELATION_PROPERTIES",
    "VIEWS",
    "bodies_view",
    "build_view",
    "citation_view",
    "describe_node",
    "resolution_view",
    "resolve_instrument",
]
