"""Write ``graph_builder/namespaces.py`` from ``ontology/unkg.ttl``.

Every subject of ``ontology/unkg.ttl`` in the ``unkg:`` namespace becomes a member of the
closed ``UNKG`` namespace, with its English definition as a comment. The header date is the
ontology's ``dcterms:modified``, so regenerating an unchanged ontology gives the same file.

Usage: ``python tests/tools/make_namespaces.py [--check]``.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS

REPO = Path(__file__).resolve().parents[2]
ONTOLOGY = REPO / "ontology" / "unkg.ttl"
TARGET = REPO / "graph_builder" / "namespaces.py"
NAMESPACE = "https://w3id.org/unkg/ontology#"

# The prefix table: (python name, prefix, import from rdflib.namespace or IRI).
STANDARD = (
    ("DCTERMS", "dcterms", None),
    ("ELI", "eli", "http://data.europa.eu/eli/ontology#"),
    ("FOAF", "foaf", None),
    ("ORG", "org", None),
    ("OWL", "owl", None),
    ("PROV", "prov", None),
    ("RDF", "rdf", None),
    ("RDFS", "rdfs", None),
    ("SCHEMA", "schema", "https://schema.org/"),
    ("SH", "sh", None),
    ("SKOS", "skos", None),
    ("UNDO", "undo", "https://w3id.org/un/ontology/undo/"),
    ("VANN", "vann", "http://purl.org/vocab/vann/"),
    ("VOID", "void", None),
    ("XSD", "xsd", None),
)

TEMPLATE = '''# ruff: noqa: N815 (term names follow the ontology's camelCase)
"""The closed ``unkg:`` vocabulary and the prefixes the graph uses.

Generated from ontology/unkg.ttl by tests/tools/make_namespaces.py
Date {date}

Do not edit: change the ontology and run ``python tests/tools/make_namespaces.py``.

>>> str(UNKG.Resolution)
'https://w3id.org/unkg/ontology#Resolution'
>>> PREFIXES["eli"] == ELI
True
"""

from __future__ import annotations

from rdflib.namespace import (
{imports}
)
from rdflib.term import URIRef

{own}

#: Data IRIs under the default base ``https://w3id.org/unkg/``.
ID = Namespace("https://w3id.org/unkg/id/")


class UNKG(DefinedNamespace):
    """{title}"""

    _NS = Namespace("{namespace}")
    _fail = True

{members}


#: Every prefix the graph uses, bound in this order on graphs and in serialised files.
PREFIXES: dict[str, Namespace | type[DefinedNamespace]] = {{
    "unkg": UNKG,
    "id": ID,
{table}
}}
'''


def _comment(text: str) -> list[str]:
    return [f"    # {line}" for line in textwrap.wrap(" ".join(text.split()), 92)]


def render(ontology: Path = ONTOLOGY) -> str:
    """The text of ``namespaces.py`` for the ontology at ``ontology``."""
    graph = Graph().parse(ontology)
    header = next(graph.subjects(RDF.type, URIRef("http://www.w3.org/2002/07/owl#Ontology")))
    date = graph.value(header, DCTERMS.modified)
    title = next(
        str(t) for t in graph.objects(header, DCTERMS.title) if getattr(t, "language", "") == "en"
    )
    terms = sorted(
        {str(s) for s in graph.subjects() if isinstance(s, URIRef) and s.startswith(NAMESPACE)},
        key=lambda iri: (iri[len(NAMESPACE)][0].islower(), iri.lower()),
    )
    members: list[str] = []
    for iri in terms:
        definition = next(
            (
                str(d)
                for d in graph.objects(URIRef(iri), SKOS.definition)
                if isinstance(d, Literal) and d.language == "en"
            ),
            "",
        )
        members += [*_comment(definition), f"    {iri[len(NAMESPACE) :]}: URIRef"]
    builtin = sorted(name for name, _, iri in STANDARD if iri is None)
    own = "\n".join(f'{name} = Namespace("{iri}")' for name, _, iri in STANDARD if iri)
    table = "\n".join(f'    "{prefix}": {name},' for name, prefix, _ in STANDARD)
    return TEMPLATE.format(
        date=date,
        imports="\n".join(f"    {name}," for name in [*builtin, "DefinedNamespace", "Namespace"]),
        own=own,
        title=title,
        namespace=NAMESPACE,
        members="\n".join(members),
        table=table,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the file is out of date")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        if TARGET.read_text(encoding="utf-8") != text:
            print(f"{TARGET} is out of date: run python tests/tools/make_namespaces.py")
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
