"""pyoxigraph terms ↔ rdflib terms: the one place unkg converts between the two.

The store and emission work in pyoxigraph terms (fast); rdflib users, SPARQL
results and pySHACL get rdflib terms. ``xsd:string`` and ``rdf:langString`` are
left implicit on literals: RDF 1.1 makes them the same literal, and servers
differ in writing them out.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, overload

import pyoxigraph as ox
from rdflib.term import BNode, IdentifiedNode, Literal, Node, URIRef

#: Any pyoxigraph RDF term (pyoxigraph's docs speak of ``Term``; the module has no such name).
Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def make_literal(value: str, language: str | None, datatype: str | None) -> Literal:
    """An rdflib literal from its parts.

    >>> make_literal("Prie", "FR", None), make_literal("60", None, "http://www.w3.org/2001/XMLSchema#integer")
    (rdflib.term.Literal('Prie', lang='fr'), rdflib.term.Literal('60', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer')))
    """
    if language:
        return Literal(value, lang=language.lower())
    if datatype in (None, "", XSD_STRING, LANG_STRING):
        return Literal(value)
    return Literal(value, datatype=URIRef(datatype))


def json_term(value: dict[str, Any]) -> URIRef | BNode | Literal:
    """One term of SPARQL 1.1 Query Results JSON as an rdflib term.

    Raises:
        ValueError: a term type the format does not define.

    >>> json_term({"type": "literal", "value": "ONU", "xml:lang": "fr"}).n3()
    '"ONU"@fr'
    """
    kind = value["type"]
    if kind == "uri":
        return URIRef(value["value"])
    if kind == "bnode":
        return BNode(value["value"])
    # "typed-literal" is what older servers (Virtuoso among them) write for typed literals.
    if kind in ("literal", "typed-literal"):
        return make_literal(value["value"], value.get("xml:lang"), value.get("datatype"))
    raise ValueError(f"unknown term type {kind!r}")


def to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None) -> Node | None:
    """One pyoxigraph term as an rdflib term (``None`` stays ``None``: an unbound variable).

    Raises:
        TypeError: a term rdflib cannot hold (an RDF-star quoted triple).
    """
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        return make_literal(term.value, term.language, term.datatype.value)
    raise TypeError(f"cannot convert {term!r} to an rdflib term")


class CachingConverter:
    """:func:`to_rdflib` remembering IRIs and blank nodes already seen (bulk conversion)."""

    def __init__(self) -> None:
        self.seen: dict[object, Node] = {}

    @overload
    def __call__(self, term: ox.NamedNode | ox.BlankNode) -> IdentifiedNode: ...

    @overload
    def __call__(self, term: Term) -> Node: ...

    def __call__(self, term: Term) -> Node:
        found = self.seen.get(term)
        if found is not None:
            return found
        node = to_rdflib(term)
        if node is None:
            raise TypeError("cannot convert an unbound term")
        if not isinstance(term, ox.Literal):  # literals repeat rarely; caching them costs more
            self.seen[term] = node
        return node


def serialize_bytes(
    data: Iterable[ox.Triple] | Iterable[ox.Quad],
    format: ox.RdfFormat,
    *,
    prefixes: dict[str, str] | None = None,
) -> bytes:
    """``ox.serialize`` into memory: its stub says ``bytes | None`` even with no output file.

    >>> serialize_bytes([], ox.RdfFormat.N_TRIPLES)
    b''
    """
    serialized = ox.serialize(data, format=format, prefixes=prefixes)
    if serialized is None:
        raise TypeError("pyoxigraph returned no bytes for an in-memory serialization")
    return serialized
