# ruff: noqa: N815 (term names follow the ontology's camelCase)
"""The closed ``unkg:`` vocabulary and the prefixes the graph uses.

Generated from ontology/unkg.ttl by tests/tools/make_namespaces.py
Date 2026-11-30

Do not edit: change the ontology and run ``python tests/tools/make_namespaces.py``.

>>> str(UNKG.Resolution)
'https://w3id.org/unkg/ontology#Resolution'
>>> PREFIXES["eli"] == ELI
True
"""

from __future__ import annotations

from rdflib.namespace import (
    DCTERMS,
    FOAF,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SH,
    SKOS,
    VOID,
    XSD,
    DefinedNamespace,
    Namespace,
)
from rdflib.term import URIRef

ELI = Namespace("http://data.europa.eu/eli/ontology#")
SCHEMA = Namespace("https://schema.org/")
UNDO = Namespace("https://w3id.org/un/ontology/undo/")
VANN = Namespace("http://purl.org/vocab/vann/")

#: Data IRIs under the default base ``https://w3id.org/unkg/``.
ID = Namespace("https://w3id.org/unkg/id/")


class UNKG(DefinedNamespace):
    """unkg: UN instruments knowledge graph ontology"""

    _NS = Namespace("https://w3id.org/unkg/ontology#")
    _fail = True

    # What a clause does, as named by its leading phrase ("Requests", "Prie" → request); one
    # concept for every language.
    Action: URIRef
    # An addressee that is not one body: States, Member States, civil society, non-governmental
    # organizations.
    ActorGroup: URIRef
    # A text printed after a resolution and adopted with it, such as a declaration, rules or a
    # convention; part of the resolution, with preambular and operative clauses of its own.
    Annex: URIRef
    # An organ, office, programme, fund or officer of the United Nations system or another
    # organization, such as the Secretary-General or the United Nations Office on Drugs and Crime.
    Body: URIRef
    # A paragraph of an instrument: a preambular or operative paragraph, or a sub-paragraph of
    # one.
    Clause: URIRef
    # A multilateral treaty named in resolutions, such as the United Nations Convention against
    # Corruption.
    Convention: URIRef
    # A declaration, plan of action or programme of action named in resolutions, such as the
    # United Nations Millennium Declaration.
    Declaration: URIRef
    # A UN document with a symbol that is not a resolution, such as a report of the Secretary-
    # General (A/59/205).
    Document: URIRef
    # A congress, conference, summit or session named in a clause.
    Event: URIRef
    # A footnote of an instrument, often saying where a named instrument is published.
    Footnote: URIRef
    # Anything with a UN document symbol or an authority record that clauses cite: resolutions,
    # conventions, protocols, declarations and other documents.
    Instrument: URIRef
    # A word that may precede or follow a leading phrase without changing its action: "also",
    # "également", "with appreciation".
    LeadModifier: URIRef
    # A numbered paragraph of the operative part, introduced by a verb such as "Requests"; the
    # AKN4UN operative paragraph.
    OperativeClause: URIRef
    # A city, country or region named in a clause.
    Place: URIRef
    # A paragraph of the preamble, introduced by a participle such as "Recalling"; the AKN4UN
    # preambular paragraph.
    PreambularClause: URIRef
    # A protocol supplementing a convention.
    Protocol: URIRef
    # A resolution of a principal organ of the United Nations (General Assembly, Security Council,
    # Economic and Social Council).
    Resolution: URIRef
    # A lettered or numbered subdivision of a clause, such as (a) or (ii).
    SubParagraph: URIRef
    # Words that join a further verb inside a clause ("and", "et") or end a list of addressees
    # ("to", "à", "de").
    SyntaxWord: URIRef
    # A subject a resolution deals with, such as corruption or trafficking in persons; matched to
    # a concept of the UNBIS Thesaurus where one is known.
    Topic: URIRef
    # The action concept of a clause's leading phrase, the same in every language.
    action: URIRef
    # The body or group of actors an operative clause asks to act.
    addresses: URIRef
    # Whether a clause with this action asks an addressee to act (request, urge, invite, call
    # upon, demand).
    addressing: URIRef
    # The Akoma Ntoso for UN (AKN4UN) work-level identifier, such as
    # /akn/un/statement/deliberation/un-ga/2004-12-20/59-159.
    aknWork: URIRef
    # The footnote whose marker the clause carries.
    hasFootnote: URIRef
    # The printed mark of a sub-paragraph or footnote, such as a, ii, 9 or *.
    label: URIRef
    # The words that open a clause and say what it does, as printed in one language: "Requests",
    # "Prie", "Recalling also".
    leadingPhrase: URIRef
    # The number of the plenary meeting at which the resolution was adopted.
    meeting: URIRef
    # A body, named instrument, event, place or group of actors that a clause or footnote names.
    mentions: URIRef
    # A calendar date (xsd:date) or year (xsd:gYear) written in a clause or footnote.
    mentionsDate: URIRef
    # The printed number of an operative clause.
    number: URIRef
    # A leading phrase that opens an operative clause with this action, in one language:
    # "Requests"@en, "Prie"@fr.
    operativePhrase: URIRef
    # The phrase that opens a resolution of this organ, in one language: "The General
    # Assembly"@en, "L'Assemblée générale"@fr.
    organPhrase: URIRef
    # The order of a clause among the clauses of its kind in its instrument, or of a sub-paragraph
    # among its siblings, counted from 1.
    position: URIRef
    # A leading phrase that opens a preambular clause with this action, in one language:
    # "Recalling"@en, "Rappelant"@fr.
    preambularPhrase: URIRef
    # The document in which a named instrument is published: the resolution a footnote names (the
    # United Nations Millennium Declaration is realized by resolution 55/2), or the annex that
    # prints it (the Bangkok Declaration is realized by the annex of resolution 60/177).
    realizedBy: URIRef
    # The session of the organ at which an operative clause asks for a report: "at its sixtieth
    # session" gives 60.
    reportDueSession: URIRef
    # The symbol series of the resolutions of this organ: A/RES, S/RES, E/RES, A/HRC/RES.
    resolutionSeries: URIRef
    # The number of the session of the organ at which the resolution was adopted, such as 59 for
    # the fifty-ninth session of the General Assembly.
    session: URIRef
    # The SHA-256 digest, in lower-case hexadecimal, of the bytes of a source file.
    sha256: URIRef
    # A short form by which a record is named once introduced in a text, in one language: "the
    # Convention"@en, "l'Office"@fr.
    shortName: URIRef
    # The normalised UN document symbol, such as A/RES/59/159 or S/RES/1373 (2001).
    symbol: URIRef
    # The clean text of a clause, sub-paragraph or footnote in one language, without footnote
    # markers.
    text: URIRef


#: Every prefix the graph uses, bound in this order on graphs and in serialised files.
PREFIXES: dict[str, Namespace | type[DefinedNamespace]] = {
    "unkg": UNKG,
    "id": ID,
    "dcterms": DCTERMS,
    "eli": ELI,
    "foaf": FOAF,
    "org": ORG,
    "owl": OWL,
    "prov": PROV,
    "rdf": RDF,
    "rdfs": RDFS,
    "schema": SCHEMA,
    "sh": SH,
    "skos": SKOS,
    "undo": UNDO,
    "vann": VANN,
    "void": VOID,
    "xsd": XSD,
}
