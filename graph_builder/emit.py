"""Turn a parsed :class:`~graph_builder.model.Document` into RDF quads.

Quads are pyoxigraph terms, built directly: constructing rdflib terms costs too much at
corpus scale (tens of thousands of documents). :func:`to_rdflib` is the one place where
pyoxigraph terms become rdflib terms.

Every quad of a document sits in its named graph ``id:graph/<symbol>/<lang>``, with the
provenance of that graph (PROV-O). Clause IRIs do not depend on language, so the French and
English texts of one resolution add their ``@fr`` and ``@en`` literals to the same nodes,
and every language-neutral statement about the instrument is the same from both.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import datetime, timezone
from pathlib import Path

import pyoxigraph as ox
import rdflib

from graph_builder import __version__
from graph_builder.errors import InputError, VocabularyError
from graph_builder.iris import (
    DEFAULT_BASE,
    akn_work,
    graph_iri,
    id_base,
    instrument_iri,
    is_resolution,
    organ_of,
    prefix_iris,
    record_iri,
)
from graph_builder.model import Annex, Clause, Document
from graph_builder.namespaces import DCTERMS, ELI, OWL, PROV, RDF, RDFS, UNKG, XSD
from graph_builder.terms import CachingConverter

__all__ = [
    "DEFAULT_BASE",
    "authority_files",
    "authority_graph",
    "authority_quads",
    "document_graph",
    "emit_document",
    "footnote_ref",
    "to_rdflib",
]

ONTOLOGY_DIR = Path(__file__).resolve().parents[1] / "ontology"
DEFAULT_ID = id_base(DEFAULT_BASE)


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(str(iri))


A = _n(RDF.type)
# Classes
RESOLUTION, DOCUMENT, ANNEX = _n(UNKG.Resolution), _n(UNKG.Document), _n(UNKG.Annex)
PREAMBULAR, OPERATIVE = _n(UNKG.PreambularClause), _n(UNKG.OperativeClause)
SUBPARAGRAPH, FOOTNOTE = _n(UNKG.SubParagraph), _n(UNKG.Footnote)
BODY, ACTION = _n(UNKG.Body), _n(UNKG.Action)
# Properties
SYMBOL, TITLE, PASSED_BY = _n(UNKG.symbol), _n(DCTERMS.title), _n(ELI.passed_by)
DATE_DOCUMENT, MEETING, SESSION = _n(ELI.date_document), _n(UNKG.meeting), _n(UNKG.session)
AKN_WORK, IS_PART_OF, POSITION = _n(UNKG.aknWork), _n(ELI.is_part_of), _n(UNKG.position)
NUMBER, LABEL, LEAD, DOES = _n(UNKG.number), _n(UNKG.label), _n(UNKG.leadingPhrase), _n(UNKG.action)
TEXT, HAS_FOOTNOTE, CITES = _n(UNKG.text), _n(UNKG.hasFootnote), _n(ELI.cites)
MENTIONS, ADDRESSES, DUE = _n(UNKG.mentions), _n(UNKG.addresses), _n(UNKG.reportDueSession)
MENTIONS_DATE, REALIZED_BY = _n(UNKG.mentionsDate), _n(UNKG.realizedBy)
IS_ABOUT = _n(ELI.is_about)
# Provenance
ENTITY, ACTIVITY, AGENT = _n(PROV.Entity), _n(PROV.Activity), _n(PROV.SoftwareAgent)
DERIVED, GENERATED_AT, GENERATED_BY = (
    _n(PROV.wasDerivedFrom),
    _n(PROV.generatedAtTime),
    _n(PROV.wasGeneratedBy),
)
USED, ASSOCIATED, ENDED = _n(PROV.used), _n(PROV.wasAssociatedWith), _n(PROV.endedAtTime)
SHA256, IDENTIFIER, LANGUAGE = _n(UNKG.sha256), _n(DCTERMS.identifier), _n(DCTERMS.language)
RDFS_LABEL, VERSION_INFO = _n(RDFS.label), _n(OWL.versionInfo)
# Datatypes
DATE, DATETIME, ANYURI = _n(XSD.date), _n(XSD.dateTime), _n(XSD.anyURI)
GYEAR, GYEARMONTH = _n(XSD.gYear), _n(XSD.gYearMonth)

# The first segment of a record id says what the record is (``body/unodc`` is a body).
RECORD_CLASSES = {
    "body": BODY,
    "instrument": _n(UNKG.Instrument),
    "event": _n(UNKG.Event),
    "place": _n(UNKG.Place),
    "group": _n(UNKG.ActorGroup),
    "topic": _n(UNKG.Topic),
    "action": ACTION,
}

# Date mentions are written as YYYY-MM-DD, YYYY-MM or YYYY.
DATE_TYPES = {10: DATE, 7: GYEARMONTH, 4: GYEAR}
_DATE_VALUE = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")


def footnote_ref(marker: str) -> str:
    """The reference of a footnote from its marker (``9``, ``*``) or reference (``fn/9``).

    >>> footnote_ref("9"), footnote_ref("*"), footnote_ref("fn/9")
    ('fn/9', 'fn/star', 'fn/9')
    """
    if marker.startswith("fn/"):
        return marker
    return "fn/star" if marker == "*" else f"fn/{marker}"


def document_graph(doc: Document, *, base: str = DEFAULT_BASE) -> ox.NamedNode:
    """The named graph that holds ``doc``: ``id:graph/<symbol>/<lang>``."""
    return ox.NamedNode(graph_iri(doc.symbol, doc.language, base=base))


def emit_document(
    doc: Document,
    *,
    base: str = DEFAULT_BASE,
    built_at: datetime | None = None,
    parser_version: str = __version__,
) -> list[ox.Quad]:
    """All quads of ``doc``, in its named graph, provenance included.

    Args:
        doc: a parsed document.
        base: base of every data IRI (``<base>id/…``).
        built_at: build time recorded in the provenance; defaults to now (UTC).
        parser_version: version of the parser recorded in the provenance.

    Returns:
        The quads, in a stable order; a statement that several clauses or mentions
        repeat is emitted once.
    """
    graph = document_graph(doc, base=base)
    quads: list[ox.Quad] = []

    # Building an ox.Quad costs far more than the Python around it, so duplicates are
    # avoided before construction (see _Writer.once) rather than removed afterwards.
    def add(s: ox.NamedNode, p: ox.NamedNode, o: ox.NamedNode | ox.Literal) -> None:
        quads.append(ox.Quad(s, p, o, graph))

    _Writer(doc, base, add).write()
    _provenance(doc, graph, base, built_at or datetime.now(timezone.utc), parser_version, add)
    return quads


Add = Callable[[ox.NamedNode, ox.NamedNode, "ox.NamedNode | ox.Literal"], None]


class _Writer:
    """Writes the statements of one document through ``add``, each once."""

    def __init__(self, doc: Document, base: str, add: Add) -> None:
        self.doc = doc
        self.base = base
        self.add = add
        self.lang = doc.language
        self.instrument_iri = instrument_iri(doc.symbol, base=base)
        self.instrument = ox.NamedNode(self.instrument_iri)
        self.nodes: dict[str, ox.NamedNode] = {"title": self.instrument}
        self.seen: set[tuple[str, str, str]] = set()

    def once(self, subject: str, predicate: str, value: str) -> bool:
        """Whether a statement (named by plain strings) is new; records it."""
        key = (subject, predicate, value)
        if key in self.seen:
            return False
        self.seen.add(key)
        return True

    def node(self, ref: str) -> ox.NamedNode:
        """The node a clause reference names (``title`` names the instrument)."""
        node = self.nodes.get(ref)
        if node is None:
            node = self.nodes[ref] = ox.NamedNode(f"{self.instrument_iri}/{ref}")
        return node

    def record(self, record: str) -> ox.NamedNode:
        """An authority record, typed here so the document graph stands on its own."""
        key = "record:" + record
        node = self.nodes.get(key)
        if node is None:
            node = self.nodes[key] = ox.NamedNode(record_iri(record, base=self.base))
            cls = RECORD_CLASSES.get(record.split("/", 1)[0])
            if cls is not None:
                self.add(node, A, cls)
        return node

    def cited(self, symbol: str) -> ox.NamedNode:
        """A document known by its symbol, typed whether or not it is parsed itself."""
        key = "symbol:" + symbol
        node = self.nodes.get(key)
        if node is None:
            node = self.nodes[key] = ox.NamedNode(instrument_iri(symbol, base=self.base))
            self.add(node, A, RESOLUTION if is_resolution(symbol) else DOCUMENT)
            self.add(node, SYMBOL, ox.Literal(symbol))
        return node

    def write(self) -> None:
        self.instrument_()
        for clause in self.doc.clauses:
            self.clause(clause)
        for annex in self.doc.annexes:
            self.annex(annex)
        self.footnotes()
        self.citations()
        self.mentions()
        self.dates()

    def instrument_(self) -> None:
        doc, add, inst = self.doc, self.add, self.instrument
        self.cited(doc.symbol)
        if doc.title:
            add(inst, TITLE, ox.Literal(doc.title, language=self.lang))
        organ = doc.organ if doc.organ and "/" in doc.organ else None
        if organ is None and (found := organ_of(doc.symbol)) is not None:
            organ = found.record
        if organ is not None:
            add(inst, PASSED_BY, self.record(organ))
        if doc.adopted_on is not None:
            add(inst, DATE_DOCUMENT, ox.Literal(doc.adopted_on.isoformat(), datatype=DATE))
            work = akn_work(doc.symbol, doc.adopted_on)
            if work is not None:
                add(inst, AKN_WORK, ox.Literal(work, datatype=ANYURI))
        if doc.meeting is not None:
            add(inst, MEETING, ox.Literal(doc.meeting))
        if doc.session is not None:
            add(inst, SESSION, ox.Literal(doc.session))
        for topic in doc.subjects:
            add(inst, IS_ABOUT, self.record(topic))

    def annex(self, annex: Annex) -> None:
        """An annex: an instrument that is part of the resolution, with clauses of its own."""
        add, node = self.add, self.node(annex.ref)
        add(node, A, ANNEX)
        add(node, IS_PART_OF, self.instrument)
        if annex.label:
            add(node, LABEL, ox.Literal(annex.label))
        if annex.title:
            add(node, TITLE, ox.Literal(annex.title, language=self.lang))
        if annex.instrument:
            add(self.record(annex.instrument), REALIZED_BY, node)
        for clause in annex.clauses:
            self.clause(clause)

    def clause(self, clause: Clause) -> None:
        add, lang = self.add, self.lang
        node = self.node(clause.ref)
        add(node, A, PREAMBULAR if clause.kind == "preambular" else OPERATIVE)
        add(node, IS_PART_OF, self.node(clause.part) if clause.part else self.instrument)
        add(node, POSITION, ox.Literal(clause.position))
        if clause.number is not None:
            add(node, NUMBER, ox.Literal(clause.number))
        if clause.lead:
            add(node, LEAD, ox.Literal(clause.lead, language=lang))
        if clause.action:
            action = clause.action if "/" in clause.action else f"action/{clause.action}"
            add(node, DOES, self.record(action))
        add(node, TEXT, ox.Literal(clause.text, language=lang))
        ref = clause.ref
        for marker in clause.footnotes:
            if self.once(ref, "footnote", marker):
                add(node, HAS_FOOTNOTE, self.node(footnote_ref(marker)))
        for addressee in clause.addressees:
            if self.once(ref, "addresses", addressee):
                add(node, ADDRESSES, self.record(addressee))
        if clause.report_due_session is not None:
            add(node, DUE, ox.Literal(clause.report_due_session))
        siblings: dict[str, int] = {}
        for sub in clause.subparagraphs:
            parent = sub.ref.rsplit("/", 1)[0]
            siblings[parent] = siblings.get(parent, 0) + 1
            child = self.node(sub.ref)
            add(child, A, SUBPARAGRAPH)
            add(child, IS_PART_OF, self.node(parent))
            add(child, POSITION, ox.Literal(siblings[parent]))
            add(child, LABEL, ox.Literal(sub.label))
            add(child, TEXT, ox.Literal(sub.text, language=lang))

    def footnotes(self) -> None:
        for note in self.doc.footnotes:
            node = self.node(note.ref)
            self.add(node, A, FOOTNOTE)
            self.add(node, IS_PART_OF, self.instrument)
            self.add(node, LABEL, ox.Literal(note.number))
            self.add(node, TEXT, ox.Literal(note.text, language=self.lang))

    def citations(self) -> None:
        for citation in self.doc.citations:
            if citation.symbol == self.doc.symbol:
                continue  # a document's own symbol in its text is not a citation
            symbol = citation.symbol
            target = self.cited(symbol)
            if self.once("title", "cites", symbol):
                self.add(self.instrument, CITES, target)
            if citation.clause != "title" and self.once(citation.clause, "cites", symbol):
                self.add(self.node(citation.clause), CITES, target)
            if citation.via_footnote:
                ref = footnote_ref(citation.via_footnote)
                if self.once(ref, "cites", symbol):
                    self.add(self.node(ref), CITES, target)

    def mentions(self) -> None:
        for mention in self.doc.mentions:
            entity = self.record(mention.entity)
            if self.once(mention.clause, "mentions", mention.entity):
                self.add(self.node(mention.clause), MENTIONS, entity)
            if mention.symbol and self.once(mention.entity, "realizedBy", mention.symbol):
                self.add(entity, REALIZED_BY, self.cited(mention.symbol))

    def dates(self) -> None:
        for mention in self.doc.dates:
            if _DATE_VALUE.fullmatch(mention.value) is None:
                raise InputError(
                    self.doc.source.path,
                    f"date {mention.value!r} in {mention.clause}: not YYYY-MM-DD, YYYY-MM or YYYY",
                )
            if not self.once(mention.clause, "date", mention.value):
                continue
            datatype = DATE_TYPES[len(mention.value)]
            self.add(
                self.node(mention.clause),
                MENTIONS_DATE,
                ox.Literal(mention.value, datatype=datatype),
            )


def _provenance(
    doc: Document,
    graph: ox.NamedNode,
    base: str,
    built_at: datetime,
    parser_version: str,
    add: Add,
) -> None:
    """The PROV-O record of the named graph: which file, which parser, when."""
    if built_at.tzinfo is None:
        built_at = built_at.replace(tzinfo=timezone.utc)
    # UTC with "Z": the canonical form Oxigraph gives back, so files and store agree.
    stamp = built_at.astimezone(timezone.utc).replace(tzinfo=None).isoformat()
    when = ox.Literal(stamp + "Z", datatype=DATETIME)
    source = ox.NamedNode(f"{id_base(base)}source/{doc.source.sha256}")
    activity = ox.NamedNode(f"{graph.value}/activity")
    agent = ox.NamedNode(f"{id_base(base)}software/unkg/{parser_version}")
    add(graph, A, ENTITY)
    add(graph, DERIVED, source)
    add(graph, GENERATED_AT, when)
    add(graph, GENERATED_BY, activity)
    add(source, A, ENTITY)
    add(source, SHA256, ox.Literal(doc.source.sha256))
    add(source, IDENTIFIER, ox.Literal(doc.source.path))
    add(source, LANGUAGE, ox.Literal(doc.language))
    add(activity, A, ACTIVITY)
    add(activity, USED, source)
    add(activity, ASSOCIATED, agent)
    add(activity, ENDED, when)
    add(agent, A, AGENT)
    add(agent, RDFS_LABEL, ox.Literal(f"unkg {parser_version}"))
    add(agent, VERSION_INFO, ox.Literal(parser_version))


def authority_graph(*, base: str = DEFAULT_BASE) -> ox.NamedNode:
    """The named graph of the ontology, vocabularies and authority records."""
    return ox.NamedNode(f"{id_base(base)}graph/authority")


def authority_files(ontology_dir: Path | None = None) -> list[Path]:
    """The Turtle files that make up the authority graph (every file but the shapes)."""
    root = ontology_dir or ONTOLOGY_DIR
    files = [root / "unkg.ttl", root / "alignments.ttl"]
    files += sorted((root / "vocab").glob("*.ttl")) + sorted((root / "authority").glob("*.ttl"))
    return [f for f in files if f.is_file()]


def authority_quads(*, base: str = DEFAULT_BASE, ontology_dir: Path | None = None) -> list[ox.Quad]:
    """The ontology, vocabularies and authority records, in ``id:graph/authority``.

    Data IRIs written under the default base are moved under ``base`` when it differs.

    Raises:
        VocabularyError: a file is not valid Turtle.
    """
    graph = authority_graph(base=base)
    rebase = _rebaser(base)
    quads: dict[ox.Quad, None] = {}
    for path in authority_files(ontology_dir):
        try:
            triples = list(ox.parse(path=path, format=ox.RdfFormat.TURTLE))
        except (SyntaxError, ValueError, OSError) as error:
            raise VocabularyError(f"{path}: {error}") from error
        for t in triples:
            quads[ox.Quad(rebase(t.subject), t.predicate, rebase(t.object), graph)] = None
    return list(quads)


def _rebaser(base: str) -> Callable[[ox.NamedNode], ox.NamedNode]:
    target = id_base(base)
    if target == DEFAULT_ID:
        return lambda term: term

    def rebase(term: ox.NamedNode) -> ox.NamedNode:
        if isinstance(term, ox.NamedNode) and term.value.startswith(DEFAULT_ID):
            return ox.NamedNode(target + term.value[len(DEFAULT_ID) :])
        return term

    return rebase


def to_rdflib(quads: Iterable[ox.Quad]) -> rdflib.Dataset:
    """An rdflib dataset holding ``quads``: the one place terms are converted.

    >>> quad = ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"),
    ...                ox.Literal("x", language="en"), ox.NamedNode("http://e/g"))
    >>> dataset = to_rdflib([quad])
    >>> [str(o) for o in dataset.graph(rdflib.URIRef("http://e/g")).objects()]
    ['x']
    """
    dataset = rdflib.Dataset()
    for prefix, namespace in prefix_iris().items():
        dataset.bind(prefix, namespace)
    convert = CachingConverter()
    contexts: dict[object, rdflib.Graph] = {}
    batch: list[tuple[rdflib.term.Node, rdflib.term.Node, rdflib.term.Node, rdflib.Graph]] = []
    for quad in quads:
        key = quad.graph_name
        context = contexts.get(key)
        if context is None:
            if isinstance(key, ox.DefaultGraph):
                # ``default_graph`` replaced ``default_context`` in rdflib 7.2
                context = getattr(dataset, "default_graph", None)
                if context is None:
                    context = dataset.default_context
            else:
                context = dataset.graph(convert(key))
            contexts[key] = context
        batch.append(
            (convert(quad.subject), convert(quad.predicate), convert(quad.object), context)
        )
    dataset.addN(batch)
    return dataset
