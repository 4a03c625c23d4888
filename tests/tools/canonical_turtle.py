"""Rewrite the hand-maintained Turtle files of ``ontology/`` in one canonical form.

The form is rdflib's ``longturtle`` with canonical blank nodes: one subject block, one
predicate per line, sorted. Running it twice changes nothing, so a test can check that
the committed files are already canonical.

Usage: ``python tests/tools/canonical_turtle.py [--check] [FILE ...]`` (default: the
ontology and shapes files).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rdflib import Graph

REPO = Path(__file__).resolve().parents[2]
FILES = ("ontology/unkg.ttl", "ontology/shapes.ttl", "ontology/alignments.ttl")

# Prefixes bound in every canonical file, so a term reads the same wherever it appears.
PREFIXES = {
    "dash": "http://datashapes.org/dash#",
    "dcterms": "http://purl.org/dc/terms/",
    "eli": "http://data.europa.eu/eli/ontology#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "org": "http://www.w3.org/ns/org#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "schema": "https://schema.org/",
    "sh": "http://www.w3.org/ns/shacl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "undo": "https://w3id.org/un/ontology/undo/",
    "unkg": "https://w3id.org/unkg/ontology#",
    "vann": "http://purl.org/vocab/vann/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def canonical(text: str) -> str:
    """The canonical Turtle of ``text`` (itself Turtle).

    >>> print(canonical("@prefix unkg: <https://w3id.org/unkg/ontology#> . unkg:b unkg:p 2, 1 ."),
    ...       end="")
    PREFIX unkg: <https://w3id.org/unkg/ontology#>
    PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
    <BLANKLINE>
    unkg:b
        unkg:p
            1 ,
            2 ;
    .
    """
    graph = Graph(bind_namespaces="none")
    graph.parse(data=text, format="turtle")
    used = {str(t) for triple in graph for t in triple}
    for prefix, namespace in PREFIXES.items():
        if any(term.startswith(namespace) for term in used) or prefix == "xsd":
            graph.bind(prefix, namespace)
    return graph.serialize(format="longturtle", canon=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report files not canonical")
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args(argv)
    paths = args.files or [REPO / f for f in FILES if (REPO / f).exists()]
    stale = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        formatted = canonical(text)
        if formatted != text:
            stale.append(path)
            if not args.check:
                path.write_text(formatted, encoding="utf-8")
    for path in stale:
        print(f"{'not canonical' if args.check else 'rewrote'}: {path}")
    return 1 if stale and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
