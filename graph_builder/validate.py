"""Check graphs against ``ontology/shapes.ttl``.

Two engines give the same answers on the shapes unkg uses:

- :func:`validate` runs pySHACL, the complete reference implementation, on an rdflib graph.
- :class:`Validator` compiles the shapes once into plain Python checks and runs them on
  pyoxigraph quads, about a hundred times faster: fast enough for the build to validate
  every document graph on its own. It accepts only the SHACL Core constraints it
  implements and refuses shapes that use any other, so it can never skip a check silently.

Both read class hierarchy from ``rdfs:subClassOf`` triples in the data, as SHACL does;
:func:`ontology_quads` gives the ones a document graph needs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH

from graph_builder.emit import ONTOLOGY_DIR, to_rdflib
from graph_builder.errors import ValidationError
from graph_builder.iris import prefix_iris
from graph_builder.namespaces import UNKG
from graph_builder.terms import Term

__all__ = [
    "ValidationReport",
    "Validator",
    "check",
    "check_quads",
    "ontology_quads",
    "validate",
    "validate_quads",
]

SHAPES = ONTOLOGY_DIR / "shapes.ttl"
_UNKG = str(UNKG._NS)
_RDF_TYPE = str(RDF.type)
_SUBCLASS = str(RDFS.subClassOf)
_LANG_STRING = str(RDF.langString)
_XSD = "http://www.w3.org/2001/XMLSchema#"
# Lexical forms checked for sh:datatype, as pySHACL rejects ill-typed literals.
_LEXICAL = {
    _XSD + "integer": re.compile(r"[+-]?[0-9]+"),
    _XSD + "date": re.compile(r"-?[0-9]{4,}-[0-9]{2}-[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2})?"),
    _XSD + "dateTime": re.compile(
        r"-?[0-9]{4,}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?"
        r"(Z|[+-][0-9]{2}:[0-9]{2})?"
    ),
    _XSD + "gYear": re.compile(r"-?[0-9]{4,}(Z|[+-][0-9]{2}:[0-9]{2})?"),
    _XSD + "gYearMonth": re.compile(r"-?[0-9]{4,}-[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2})?"),
}
# Shape annotations that carry no constraint.
_ANNOTATIONS = {SH.name, SH.description, SH.message, SH.severity, SH.order, SH.group, SH.path}
_MAX_SHOWN = 5

_EMPTY: dict[str, list[Term]] = {}


@dataclass(frozen=True)
class ValidationReport:
    """Whether a graph conforms, and one readable line per result (sorted).

    >>> print(ValidationReport(False, ("Violation: id:x: unkg:symbol: symbol missing",)))
    does not conform: 1 result
    Violation: id:x: unkg:symbol: symbol missing
    """

    conforms: bool
    results: tuple[str, ...] = ()

    def __str__(self) -> str:
        if self.conforms and not self.results:
            return "conforms"
        head = "conforms" if self.conforms else "does not conform"
        count = len(self.results)
        return "\n".join([f"{head}: {count} result{'s' if count != 1 else ''}", *self.results])


def compact(iri: str) -> str:
    """``iri`` with a known prefix, for readable result lines.

    >>> compact("https://w3id.org/unkg/id/A/RES/59/159/op/5")
    'id:A/RES/59/159/op/5'
    """
    best = ""
    for prefix, ns in prefix_iris().items():
        if iri.startswith(ns) and len(ns) > len(best):
            best, name = ns, prefix
    return f"{name}:{iri[len(best) :]}" if best else f"<{iri}>"


def _line(severity: str, focus: str, path: str, message: str) -> str:
    return f"{severity}: {focus}: {path}: {message}"


# --- reference engine (pySHACL) -------------------------------------------------------


@lru_cache(maxsize=4)
def _shapes_graph(path: Path) -> rdflib.Graph:
    return rdflib.Graph().parse(path, format="turtle")


def _as_graph(graph: rdflib.Graph | rdflib.Dataset) -> rdflib.Graph:
    """The union of a dataset's graphs (the merged instrument is what must conform)."""
    if not isinstance(graph, rdflib.Dataset):
        return graph
    union = rdflib.Graph()
    for s, p, o, _ in graph.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def _term_text(graph: rdflib.Graph, node: rdflib.term.Node | None) -> str:
    if node is None:
        return "-"
    if isinstance(node, rdflib.URIRef):
        return compact(str(node))
    if isinstance(node, rdflib.BNode):
        inverse = graph.value(node, SH.inversePath)
        if inverse is not None:
            return "^" + compact(str(inverse))
    return str(node)


def validate(
    graph: rdflib.Graph | rdflib.Dataset, *, shapes: Path | None = None
) -> ValidationReport:
    """Validate ``graph`` with pySHACL against ``shapes`` (default ``ontology/shapes.ttl``).

    A dataset is validated as the union of its graphs. Warnings do not break conformance.
    """
    import pyshacl

    shapes_graph = _shapes_graph((shapes or SHAPES).resolve())
    conforms, report, _ = pyshacl.validate(
        _as_graph(graph),
        shacl_graph=shapes_graph,
        inference="none",
        allow_warnings=True,
        advanced=False,
    )
    lines = set()
    for result in report.objects(None, SH.result):
        severity = report.value(result, SH.resultSeverity)
        lines.add(
            _line(
                str(severity).rsplit("#", 1)[-1],
                _term_text(report, report.value(result, SH.focusNode)),
                _term_text(report, report.value(result, SH.resultPath)),
                str(report.value(result, SH.resultMessage) or ""),
            )
        )
    return ValidationReport(bool(conforms), tuple(sorted(lines)))


def check(graph: rdflib.Graph | rdflib.Dataset, *, source: str) -> None:
    """Raise :class:`ValidationError` naming ``source`` unless ``graph`` conforms."""
    _raise_unless(validate(graph), source)


def _raise_unless(report: ValidationReport, source: str) -> None:
    if report.conforms:
        return
    violations = [r for r in report.results if r.startswith("Violation")]
    shown = "; ".join(violations[:_MAX_SHOWN])
    more = len(violations) - _MAX_SHOWN
    raise ValidationError(
        f"{source}: does not conform to ontology/shapes.ttl: {shown}"
        + (f" (and {more} more)" if more > 0 else "")
    )


# --- compiled engine --------------------------------------------------------------------


@dataclass
class _Data:
    """The quads under validation, indexed (graph names ignored: the union is checked)."""

    out: dict[str, dict[str, list[Term]]] = field(default_factory=dict)
    into: dict[str, dict[str, list[Term]]] = field(default_factory=dict)
    types: dict[str, set[str]] = field(default_factory=dict)
    supers: dict[str, set[str]] = field(default_factory=dict)

    classes_of: dict[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, quads: Iterable[ox.Quad | ox.Triple], inverse: frozenset[str]) -> _Data:
        """Index ``quads``; ``inverse`` names the predicates shapes follow backwards."""
        data = cls()
        out, into, types, supers = data.out, data.into, data.types, data.supers
        named = ox.NamedNode
        for quad in quads:
            s, o = quad.subject, quad.object
            pred = quad.predicate.value
            key = s.value if type(s) is named else _key(s)
            by_pred = out.get(key)
            if by_pred is None:
                by_pred = out[key] = {}
            values = by_pred.get(pred)
            if values is None:
                by_pred[pred] = [o]
            else:
                values.append(o)
            # A triple term names no class (and has no ``value``).
            if pred == _RDF_TYPE and not isinstance(o, ox.Triple):
                types.setdefault(key, set()).add(o.value)
            elif pred == _SUBCLASS and not isinstance(o, ox.Triple):
                supers.setdefault(key, set()).add(o.value)
            if pred in inverse:
                into.setdefault(_key(o), {}).setdefault(pred, []).append(s)
        return data

    def classes(self, node: str) -> frozenset[str]:
        """Types of ``node`` with every superclass the data states."""
        known = self.classes_of.get(node)
        if known is not None:
            return known
        found: set[str] = set()
        todo = list(self.types.get(node, ()))
        while todo:
            cls = todo.pop()
            if cls not in found:
                found.add(cls)
                todo.extend(self.supers.get(cls, ()))
        self.classes_of[node] = frozen = frozenset(found)
        return frozen


def _key(term: Term) -> str:
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    return "\x00" + str(term)  # literals are never subjects; keep them apart from IRIs


Check = Callable[[_Data, str, "list[Term]"], bool]


@dataclass(frozen=True)
class _Property:
    path: str
    inverse: bool
    severity: str
    message: str
    checks: tuple[tuple[str, Check], ...]
    # Whether a focus node without any value can fail (minCount, hasValue, qualified).
    required: bool

    def values(self, data: _Data, focus: str) -> list[Term]:
        """Distinct values (a statement held by several named graphs counts once)."""
        index = data.into if self.inverse else data.out
        found = index.get(focus, _EMPTY).get(self.path, ())
        return list(dict.fromkeys(found)) if len(found) > 1 else list(found)


@dataclass(frozen=True)
class _NodeShape:
    name: str
    target_classes: tuple[str, ...]
    target_subjects_of: tuple[str, ...]
    properties: tuple[_Property, ...]

    def focus_nodes(self, data: _Data) -> set[str]:
        nodes: set[str] = set()
        for pred in self.target_subjects_of:
            nodes.update(s for s, preds in data.out.items() if pred in preds)
        if self.target_classes:
            wanted = set(self.target_classes)
            nodes.update(s for s in data.types if data.classes(s) & wanted)
        return nodes


def _literal_ok(term: Term, datatype: str) -> bool:
    if not isinstance(term, ox.Literal):
        return False
    if datatype == _LANG_STRING:
        return bool(term.language)
    if term.language or term.datatype.value != datatype:
        return False
    lexical = _LEXICAL.get(datatype)
    return lexical is None or lexical.fullmatch(term.value) is not None


def _number(term: Term) -> Decimal | None:
    if not isinstance(term, ox.Literal):
        return None
    try:
        return Decimal(term.value)
    except InvalidOperation:
        return None


def _compile_property(shapes: rdflib.Graph, node: rdflib.term.Node) -> _Property:
    """One property shape as a list of checks, refusing constraints it cannot run."""
    path = shapes.value(node, SH.path)
    inverse = False
    if isinstance(path, rdflib.BNode):
        path, inverse = shapes.value(path, SH.inversePath), True
    if not isinstance(path, rdflib.URIRef):
        raise ValidationError(f"shapes: property shape {node} has a path this engine cannot follow")
    checks: list[tuple[str, Check]] = []
    handled = set(_ANNOTATIONS) | {RDFS.seeAlso, RDFS.label}
    get = lambda p: shapes.value(node, p)  # noqa: E731

    if (n := get(SH.minCount)) is not None:
        least = int(n)
        checks.append(("minCount", lambda d, f, v: len(v) >= least))
        handled.add(SH.minCount)
    if (n := get(SH.maxCount)) is not None:
        most = int(n)
        checks.append(("maxCount", lambda d, f, v: len(v) <= most))
        handled.add(SH.maxCount)
    if (t := get(SH.datatype)) is not None:
        datatype = str(t)
        checks.append(("datatype", lambda d, f, v: all(_literal_ok(x, datatype) for x in v)))
        handled.add(SH.datatype)
    if (k := get(SH.nodeKind)) is not None:
        kinds = {SH.IRI: (ox.NamedNode,), SH.Literal: (ox.Literal,), SH.BlankNode: (ox.BlankNode,)}
        if k not in kinds:
            raise ValidationError(f"shapes: sh:nodeKind {k} is not supported")
        kind = kinds[k]
        checks.append(("nodeKind", lambda d, f, v: all(isinstance(x, kind) for x in v)))
        handled.add(SH.nodeKind)
    if (c := get(SH["class"])) is not None:
        instance = _is_instance_of(str(c))
        checks.append(("class", lambda d, f, v: all(instance(d, x) for x in v)))
        handled.add(SH["class"])
    if (alternatives := get(SH["or"])) is not None:
        one_of = _alternatives(shapes, alternatives, path)
        checks.append(("or", lambda d, f, v: all(any(fits(d, x) for fits in one_of) for x in v)))
        handled.add(SH["or"])
    if (u := get(SH.uniqueLang)) is not None:
        handled.add(SH.uniqueLang)
        if u.toPython() is True:

            def unique(d: _Data, f: str, v: list[Term]) -> bool:
                langs = [x.language for x in v if isinstance(x, ox.Literal) and x.language]
                return len(langs) == len(set(langs))

            checks.append(("uniqueLang", unique))
    if (r := get(SH.pattern)) is not None:
        pattern = re.compile(str(r))
        checks.append(
            (
                "pattern",
                lambda d, f, v: all(
                    not isinstance(x, ox.BlankNode) and pattern.search(x.value) for x in v
                ),
            )
        )
        handled.add(SH.pattern)
    if (m := get(SH.minInclusive)) is not None:
        low = Decimal(str(m))
        checks.append(
            (
                "minInclusive",
                lambda d, f, v: all((x := _number(y)) is not None and x >= low for y in v),
            )
        )
        handled.add(SH.minInclusive)
    if (h := get(SH.hasValue)) is not None:
        wanted = str(h)
        checks.append(
            ("hasValue", lambda d, f, v: any(getattr(x, "value", None) == wanted for x in v))
        )
        handled.add(SH.hasValue)
    if (q := get(SH.qualifiedValueShape)) is not None:
        inner = set(shapes.predicates(q)) - {RDF.type}
        qclass = shapes.value(q, SH["class"])
        if inner != {SH["class"]} or qclass is None:
            raise ValidationError("shapes: sh:qualifiedValueShape supports only sh:class")
        qualifies = _is_instance_of(str(qclass))
        qmin = shapes.value(node, SH.qualifiedMinCount)
        qmax = shapes.value(node, SH.qualifiedMaxCount)
        low_q = int(qmin) if qmin is not None else 0
        high_q = int(qmax) if qmax is not None else None

        def qualified(d: _Data, f: str, v: list[Term]) -> bool:
            n = sum(1 for x in v if qualifies(d, x))
            return n >= low_q and (high_q is None or n <= high_q)

        checks.append(("qualified", qualified))
        handled |= {SH.qualifiedValueShape, SH.qualifiedMinCount, SH.qualifiedMaxCount}
    unknown = sorted(str(p) for p in set(shapes.predicates(node)) - handled)
    if unknown:
        raise ValidationError(
            f"shapes: property shape on {compact(str(path))} uses {', '.join(unknown)}, "
            "which the compiled validator does not implement"
        )
    severity = shapes.value(node, SH.severity) or SH.Violation
    return _Property(
        path=str(path),
        inverse=inverse,
        severity=str(severity).rsplit("#", 1)[-1],
        message=str(shapes.value(node, SH.message) or f"{compact(str(path))} is invalid"),
        checks=tuple(checks),
        required=any(
            name in {"minCount", "hasValue", "qualified"} and not check(_Data(), "", [])
            for name, check in checks
        ),
    )


def _alternatives(
    shapes: rdflib.Graph, members: rdflib.term.Node, path: rdflib.term.Node
) -> list[Callable[[_Data, Term], bool]]:
    """The members of an ``sh:or`` list, each one ``sh:class`` or one ``sh:datatype``."""
    tests: list[Callable[[_Data, Term], bool]] = []
    for member in Collection(shapes, members):
        inner = set(shapes.predicates(member)) - {RDF.type}
        cls, datatype = shapes.value(member, SH["class"]), shapes.value(member, SH.datatype)
        if inner == {SH["class"]} and cls is not None:
            tests.append(_is_instance_of(str(cls)))
        elif inner == {SH.datatype} and datatype is not None:
            tests.append(_is_typed(str(datatype)))
        else:
            raise ValidationError(
                f"shapes: sh:or on {compact(str(path))}: each member must be one sh:class "
                "or one sh:datatype"
            )
    return tests


def _is_instance_of(cls: str) -> Callable[[_Data, Term], bool]:
    return lambda d, x: not isinstance(x, ox.Literal) and cls in d.classes(_key(x))


def _is_typed(datatype: str) -> Callable[[_Data, Term], bool]:
    return lambda d, x: _literal_ok(x, datatype)


class Validator:
    """The shapes compiled to Python, run on pyoxigraph quads.

    >>> validator = Validator.load()
    >>> validator.validate_quads([]).conforms
    True
    """

    def __init__(self, shapes: tuple[_NodeShape, ...]) -> None:
        self.shapes = shapes
        self.inverse = frozenset(p.path for shape in shapes for p in shape.properties if p.inverse)

    @classmethod
    def load(cls, shapes: Path | None = None) -> Validator:
        """Compile the shapes file (default ``ontology/shapes.ttl``).

        Raises:
            ValidationError: the file uses a constraint this engine does not implement.
        """
        graph = _shapes_graph((shapes or SHAPES).resolve())
        compiled = []
        for node in sorted(graph.subjects(RDF.type, SH.NodeShape), key=str):
            known = {RDF.type, RDFS.label, RDFS.seeAlso, SH.description, SH.name, SH.property}
            known |= {SH.targetClass, SH.targetSubjectsOf}
            unknown = sorted(str(p) for p in set(graph.predicates(node)) - known)
            if unknown:
                raise ValidationError(
                    f"shapes: node shape {compact(str(node))} uses {', '.join(unknown)}, "
                    "which the compiled validator does not implement"
                )
            compiled.append(
                _NodeShape(
                    name=str(node),
                    target_classes=tuple(str(c) for c in graph.objects(node, SH.targetClass)),
                    target_subjects_of=tuple(
                        str(p) for p in graph.objects(node, SH.targetSubjectsOf)
                    ),
                    properties=tuple(
                        _compile_property(graph, p)
                        for p in sorted(graph.objects(node, SH.property), key=_sort_key(graph))
                    ),
                )
            )
        return cls(tuple(compiled))

    def validate_quads(self, quads: Iterable[ox.Quad | ox.Triple]) -> ValidationReport:
        """Validate the union of ``quads``; warnings do not break conformance."""
        data = _Data.of(quads, self.inverse)
        lines: set[str] = set()
        conforms = True
        for shape in self.shapes:
            for focus in shape.focus_nodes(data):
                for prop in shape.properties:
                    values = prop.values(data, focus)
                    if not values and not prop.required:
                        continue  # every other constraint holds on no values
                    for _, test in prop.checks:
                        if not test(data, focus, values):
                            path = ("^" if prop.inverse else "") + compact(prop.path)
                            lines.add(_line(prop.severity, compact(focus), path, prop.message))
                            conforms = conforms and prop.severity != "Violation"
        return ValidationReport(conforms, tuple(sorted(lines)))

    def check_quads(self, quads: Iterable[ox.Quad | ox.Triple], *, source: str) -> None:
        """Raise :class:`ValidationError` naming ``source`` unless ``quads`` conform."""
        _raise_unless(self.validate_quads(quads), source)


def _sort_key(graph: rdflib.Graph) -> Callable[[rdflib.term.Node], str]:
    return lambda node: str(graph.value(node, SH.path))


@lru_cache(maxsize=4)
def _validator(shapes: Path) -> Validator:
    return Validator.load(shapes)


def validate_quads(
    quads: Iterable[ox.Quad | ox.Triple], *, shapes: Path | None = None
) -> ValidationReport:
    """Validate quads with the compiled shapes (compiled once per shapes file)."""
    return _validator((shapes or SHAPES).resolve()).validate_quads(quads)


def check_quads(
    quads: Iterable[ox.Quad | ox.Triple], *, source: str, shapes: Path | None = None
) -> None:
    """Raise :class:`ValidationError` naming ``source`` unless ``quads`` conform."""
    _raise_unless(validate_quads(quads, shapes=shapes), source)


@lru_cache(maxsize=4)
def _ontology_quads(ontology: Path) -> tuple[ox.Quad, ...]:
    triples = ox.parse(path=ontology, format=ox.RdfFormat.TURTLE)
    return tuple(
        ox.Quad(t.subject, t.predicate, t.object)
        for t in triples
        if t.predicate.value == _SUBCLASS
        and isinstance(t.object, ox.NamedNode)
        and t.object.value.startswith(_UNKG)
    )


def ontology_quads(*, ontology: Path | None = None) -> tuple[ox.Quad, ...]:
    """The class tree among the ontology's own classes, to validate one document graph with.

    Only ``unkg:`` superclasses are kept: a document graph types the action concepts it
    uses, whose labels live in the vocabularies and are checked with them.
    """
    return _ontology_quads((ontology or ONTOLOGY_DIR / "unkg.ttl").resolve())


def document_report(quads: Iterable[ox.Quad], *, shapes: Path | None = None) -> ValidationReport:
    """Validate one document graph together with the ontology's class tree (compiled engine)."""
    return validate_quads([*quads, *ontology_quads()], shapes=shapes)


def reference_report(quads: Iterable[ox.Quad], *, shapes: Path | None = None) -> ValidationReport:
    """Validate one document graph with the ontology's class tree through pySHACL."""
    return validate(to_rdflib([*quads, *ontology_quads()]), shapes=shapes)
