"""The named-query library: load ``queries/*.rq``, bind parameters safely, run, tabulate.

A library query is one SPARQL file with a grlc-style header::

    #+ summary: Operative clauses of a resolution and whom they address
    #+ tags:
    #+   - competency
    #+ defaults:
    #+   - instrument: https://w3id.org/unkg/id/A/RES/59/159

Parameters follow the BASIL convention: ``?_instrument_iri`` is the parameter ``instrument``
taking an absolute IRI, ``?_session_integer`` an integer, ``?_day_date`` an ``xsd:date`` and a
bare ``?_lang`` a plain string. Values are never pasted into the query text as text: each is
validated, made an RDF term and written by pyoxigraph's own N-Triples serializer into ``VALUES``
blocks: one at the top of the ``WHERE`` group, and one in each nested group that names the
parameter, so that it is bound in ``UNION`` branches and sub-queries too (the meaning of
SEP-0007 substitution). For a remote server the blocks also go into ``OPTIONAL`` groups, whose
filters Virtuoso 7.2 evaluates without the outer group; the embedded store leaves them out
there, because Oxigraph then evaluates the ``OPTIONAL`` over the whole store (and it sees the
outer value anyway, as the standard says). pyoxigraph 0.5's own ``substitutions`` only accept
projected variables and are not seen by ``BIND`` or ``FILTER``; rdflib places ``initBindings``
differently per store (RDFLib/rdflib#1772). The tests check that every query gives the same rows
on the embedded store, rdflib, the oxigraph server and Virtuoso.

Library queries are written for the graph as built: each document's triples sit in its own
named graph per language, so facts about shared nodes (a body's type, a cited resolution's
symbol) are repeated in every document that names them. Queries match such facts inside one
``GRAPH ?g`` or reach shared records by their authority data (``skos:inScheme``), and take
``SELECT DISTINCT``.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import re
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import rdflib
from rdflib.term import BNode, Literal, Node, URIRef

from graph_builder.errors import QueryError, StoreError
from graph_builder.terms import Term, make_literal, to_rdflib

XSD = "http://www.w3.org/2001/XMLSchema#"
FORMATS = ("table", "csv", "tsv", "json")

# Suffix of a BASIL parameter variable → (kind, XSD datatype of its literal).
_KINDS = {
    "iri": ("iri", None),
    "integer": ("integer", XSD + "integer"),
    "date": ("date", XSD + "date"),
}
_PARAM = re.compile(r"[?$]_([A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*)")
_HEADER = re.compile(r"^#\+ ?(.*)$")
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*$")
_INTEGER = re.compile(r"^[+-]?[0-9]+$")
_DATE = re.compile(r"^-?[0-9]{4,}-[0-9]{2}-[0-9]{2}$")
_PREFIX = re.compile(r"PREFIX\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>", re.IGNORECASE)
_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)


class QueryTimeoutError(QueryError):
    """A query ran past its time limit."""


@dataclass(frozen=True)
class Param:
    """One query parameter: its plain name, the variable it binds, its kind and default."""

    name: str
    variable: str
    kind: str
    default: str | None


@dataclass(frozen=True)
class NamedQuery:
    """A SPARQL query with its grlc header.

    >>> text = "#+ summary: S\\n#+ defaults:\\n#+   - n: 3\\nASK { ?s ?p ?_n_integer }"
    >>> q = NamedQuery.parse("t", text)
    >>> q.summary, [(p.name, p.kind, p.default) for p in q.params]
    ('S', [('n', 'integer', '3')])
    """

    name: str
    text: str
    summary: str = ""
    description: str = ""
    tags: tuple[str, ...] = ()
    params: tuple[Param, ...] = ()
    path: Path | None = None

    @classmethod
    def parse(cls, name: str, text: str, *, path: Path | None = None) -> NamedQuery:
        header = parse_header(text)
        defaults = header.get("defaults", {})
        assert isinstance(defaults, dict)
        params: dict[str, Param] = {}
        for match in _PARAM.finditer(_strip_comments(text)):
            variable = match.group(1)
            base, _, suffix = variable.rpartition("_")
            kind, pname = ("string", variable)
            if base and suffix in _KINDS:
                kind, pname = _KINDS[suffix][0], base
            params.setdefault(pname, Param(pname, "_" + variable, kind, defaults.get(pname)))
        tags = header.get("tags", ())
        return cls(
            name=name,
            text=text,
            summary=str(header.get("summary", "")),
            description=str(header.get("description", "")),
            tags=tuple(tags) if isinstance(tags, list) else (),
            params=tuple(params.values()),
            path=path,
        )

    @property
    def form(self) -> str:
        """``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``."""
        match = _FORM.search(_strip_comments(self.text))
        if not match:
            raise QueryError(f"{self.name}: no SELECT, ASK, CONSTRUCT or DESCRIBE")
        return match.group(1).upper()

    @property
    def prefixes(self) -> dict[str, str]:
        """The ``PREFIX`` declarations of the query text."""
        return {p or "": iri for p, iri in _PREFIX.findall(_strip_comments(self.text))}


def parse_header(text: str) -> dict[str, str | list[str] | dict[str, str]]:
    """Read the grlc ``#+`` header (the YAML subset grlc uses) of a query text.

    >>> parse_header("#+ summary: a\\n#+ tags:\\n#+   - x\\n#+ defaults:\\n#+   - k: v\\nASK {}")
    {'summary': 'a', 'tags': ['x'], 'defaults': {'k': 'v'}}
    """
    header: dict[str, str | list[str] | dict[str, str]] = {}
    key = ""
    for line in text.splitlines():
        match = _HEADER.match(line)
        if not match:
            if line.strip() and not line.lstrip().startswith("#"):
                break
            continue
        body = match.group(1)
        item = body.strip()
        if body[:1] not in (" ", "-") and ":" in body:
            key, _, value = body.partition(":")
            key = key.strip()
            header[key] = value.strip()
        elif item.startswith("- ") and key:
            entry = item[2:].strip()
            if key == "defaults":
                name, _, value = entry.partition(":")
                current = header.get(key)
                header[key] = {
                    **(current if isinstance(current, dict) else {}),
                    name.strip(): value.strip(),
                }
            else:
                current = header.get(key)
                header[key] = [*(current if isinstance(current, list) else []), entry]
        elif item and key:
            # A continuation line of a folded value (description over several lines).
            header[key] = f"{header.get(key) or ''} {item}".strip()
    return header


def default_library() -> Path:
    """The ``queries/`` folder of the checkout."""
    return Path(__file__).resolve().parents[1] / "queries"


def load_library(dir: str | Path | None = None) -> dict[str, NamedQuery]:
    """Every ``*.rq`` of ``dir`` (default: ``queries/``) by name, sorted.

    >>> "ask" in load_library.__doc__
    True
    """
    folder = Path(dir) if dir is not None else default_library()
    if not folder.is_dir():
        raise QueryError(f"{folder}: no query library there")
    return {
        p.stem: NamedQuery.parse(p.stem, p.read_text(encoding="utf-8"), path=p)
        for p in sorted(folder.glob("*.rq"))
    }


def load_query(name: str, *, library: str | Path | None = None) -> NamedQuery:
    """A library query by name, or a ``.rq`` file by path.

    Raises:
        QueryError: no such query; the message suggests close names.
    """
    path = Path(name)
    if name.endswith(".rq") or path.is_file():
        if not path.is_file():
            raise QueryError(f"{name}: no such query file")
        return NamedQuery.parse(path.stem, path.read_text(encoding="utf-8"), path=path)
    queries = load_library(library)
    if name in queries:
        return queries[name]
    close = difflib.get_close_matches(name, list(queries), n=3, cutoff=0.4)
    hint = f"; did you mean {', '.join(close)}?" if close else "; `unkg query --list` lists them"
    raise QueryError(f"{name}: unknown query{hint}")


def bind(query: NamedQuery, params: Mapping[str, str] | None = None) -> dict[str, Term]:
    """Validate ``params`` (plus defaults) and turn them into RDF terms keyed by variable.

    An IRI parameter may be written as a prefixed name declared in the query (``id:A/RES/1``).

    >>> q = NamedQuery.parse("t", "ASK { ?_x_iri ?p ?_n_integer }")
    >>> bind(q, {"x": "https://w3id.org/unkg/id/A/RES/59/159", "n": "2"})["_n_integer"]
    <Literal value=2 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#integer>>
    >>> bind(q, {"x": "A/RES/59/159", "n": "2"})
    Traceback (most recent call last):
    ...
    graph_builder.errors.QueryError: t: parameter x needs an absolute IRI, got 'A/RES/59/159'
    """
    given = dict(params or {})
    known = {p.name: p for p in query.params}
    for name in given:
        if name not in known:
            allowed = ", ".join(known) or "none"
            raise QueryError(f"{query.name}: unknown parameter {name!r} (parameters: {allowed})")
    bound: dict[str, Term] = {}
    for p in query.params:
        value = given.get(p.name, p.default)
        if value is None:
            raise QueryError(f"{query.name}: parameter {p.name} has no value and no default")
        bound[p.variable] = _term(query, p, value)
        if _is_pattern(query.text, p.variable):
            _check_pattern(query, p, value)
    return bound


def _is_pattern(text: str, variable: str) -> bool:
    """Whether ``?variable`` is the pattern of a ``REGEX`` in ``text``."""
    return re.search(rf"REGEX\s*\([^,]*,\s*(?:STR\s*\(\s*)?\?{variable}\b", text, re.I) is not None


def _check_pattern(query: NamedQuery, p: Param, value: str) -> None:
    # SPARQL patterns are XPath regular expressions, close enough to Python's to catch typos
    try:
        re.compile(value)
    except re.error as error:
        raise QueryError(
            f"{query.name}: parameter {p.name} is not a regular expression ({error}): {value!r}"
        ) from None


def _term(query: NamedQuery, p: Param, value: str) -> ox.NamedNode | ox.Literal:
    def bad(needs: str) -> QueryError:
        return QueryError(f"{query.name}: parameter {p.name} needs {needs}, got {value!r}")

    if p.kind == "iri":
        prefix, colon, local = value.partition(":")
        if colon and prefix in query.prefixes and not local.startswith("//"):
            value = query.prefixes[prefix] + local
        if not _IRI.match(value):
            raise bad("an absolute IRI")
        try:
            return ox.NamedNode(value)
        except ValueError as error:
            raise bad("an absolute IRI") from error
    if p.kind == "integer":
        if not _INTEGER.match(value.strip()):
            raise bad("an integer")
        return ox.Literal(str(int(value)), datatype=ox.NamedNode(XSD + "integer"))
    if p.kind == "date":
        if not _DATE.match(value.strip()):
            raise bad("a date YYYY-MM-DD")
        return ox.Literal(value.strip(), datatype=ox.NamedNode(XSD + "date"))
    return ox.Literal(value)


def inject_values(
    text: str,
    bindings: Mapping[str, Term],
    *,
    in_groups: bool = False,
    optional: bool = True,
) -> str:
    """Bind variables by a ``VALUES`` block at the top of the query's ``WHERE`` group.

    The values are written as N-Triples terms (escaped by pyoxigraph), never as raw text.
    With ``in_groups``, each nested group that names a variable (an ``OPTIONAL``, a ``UNION``
    branch, a sub-query's ``WHERE``) binds it too: the same value, so the same answer, for
    servers that do not let a filter inside ``OPTIONAL`` see the outer group (Virtuoso 7.2).
    ``optional=False`` leaves ``OPTIONAL`` groups out: Oxigraph sees the outer value there and
    evaluates an ``OPTIONAL`` holding ``VALUES`` on its own, over the whole store.

    >>> inject_values("SELECT * WHERE { ?s ?p ?_o }", {"_o": ox.Literal('a"b')})
    'SELECT * WHERE { VALUES ?_o { "a\\\\"b" }\\n ?s ?p ?_o }'
    >>> inject_values("SELECT * { ?s ?p ?o OPTIONAL { ?o ?q ?r FILTER(?r = ?_n) } }",
    ...               {"_n": ox.Literal("1")}, in_groups=True).count("VALUES ?_n")
    2
    """
    if not bindings:
        return text
    where = _where_brace(text)
    inserts: dict[int, list[str]] = {where: list(bindings)}
    if in_groups:
        for brace, names, keyword in _groups(text):
            if brace != where and (optional or keyword != "OPTIONAL"):
                inserts[brace] = [v for v in bindings if v in names]
    out, last = [], 0
    for brace in sorted(inserts):
        if not inserts[brace]:
            continue
        # One block per variable: Virtuoso 7.2 fails to compile some queries that bind a fixed
        # IRI and a joined variable in one multi-variable VALUES row.
        blocks = " ".join(f"VALUES ?{v} {{ {bindings[v]} }}" for v in inserts[brace])
        out += [text[last : brace + 1], f" {blocks}\n"]
        last = brace + 1
    out.append(text[last:])
    return "".join(out)


def _groups(text: str) -> list[tuple[int, set[str], str]]:
    """Each group pattern's ``{`` offset, the variables written directly in it and the token
    before it (``OPTIONAL``, ``UNION``, ``{`` …).

    ``VALUES`` data blocks, ``CONSTRUCT`` templates and the braces around a sub-query (where a
    ``VALUES`` may not go before ``SELECT``) are not groups.
    """
    found: list[tuple[int, set[str], str]] = []
    # (offset, variables or None for braces that are not a group, token before the brace)
    stack: list[tuple[int, set[str] | None, str]] = []
    values = False
    template = False
    previous = ""
    for offset, token in _tokens(text):
        if token == "{":
            data = values or template
            stack.append((offset, None if data else set(), previous))
            values = template = False
        elif token == "}":
            if stack:
                start, names, before = stack.pop()
                if names is not None:
                    found.append((start, names, before))
        elif token == "VALUES":
            values = True
        elif token == "CONSTRUCT" and not stack:
            template = True
        elif token == "WHERE":
            template = False
        elif token == "SELECT" and stack and previous == "{":
            start, _, before = stack.pop()
            stack.append((start, None, before))
        elif token.startswith("?") and stack:
            names = stack[-1][1]
            if names is not None:
                names.add(token[1:])
        previous = token
    return found


def uses_service(text: str) -> bool:
    """Whether a query or update names a remote ``SERVICE`` (outside strings, IRIs, comments).

    >>> uses_service("SELECT * { SERVICE <http://x/> { ?s ?p ?o } }")
    True
    >>> uses_service('ASK { ?s ?p "SERVICE" }')
    False
    """
    return any(token.upper() == "SERVICE" for _, token in _tokens(text))


def _tokens(text: str) -> Iterator[tuple[int, str]]:
    """Offsets of ``{``, ``}``, variables (``?name``) and keywords outside strings, IRIs and
    comments."""
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "#":
            i = text.find("\n", i)
            i = n if i < 0 else i
        elif c in "\"'":
            quote = c * 3 if text.startswith(c * 3, i) else c
            j = i + len(quote)
            while j < n and not text.startswith(quote, j):
                j += 2 if text[j] == "\\" else 1
            i = j + len(quote)
        elif c == "<" and re.match(r"<[^\s<>\"{}|^`]*>", text[i:]):
            i = text.index(">", i) + 1
        elif c in "{}":
            yield i, c
            i += 1
        elif c in "?$" and i + 1 < n and (text[i + 1].isalnum() or text[i + 1] == "_"):
            j = i + 1
            while j < n and (text[j].isalnum() or text[j] == "_"):
                j += 1
            yield i, "?" + text[i + 1 : j]
            i = j
        elif c.isalpha():
            j = i
            while j < n and (text[j].isalnum() or text[j] in "_:-"):
                j += 1
            yield i, text[i:j].upper()
            i = j
        else:
            i += 1


def _where_brace(text: str) -> int:
    construct = False
    seen_template = False
    seen_where = False
    depth = 0
    for offset, token in _tokens(text):
        if token == "CONSTRUCT" and depth == 0:
            construct = True
        elif token == "WHERE" and depth == 0:
            if construct and not seen_template:
                raise QueryError("parameters need the long form CONSTRUCT { … } WHERE { … }")
            seen_where = True
        elif token == "{":
            if depth == 0 and (not construct or seen_where):
                return offset
            depth += 1
        elif token == "}":
            depth -= 1
            seen_template = seen_template or (construct and depth == 0)
    raise QueryError("query has no WHERE group to bind parameters in")


def _strip_comments(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))


# ---------------------------------------------------------------------------------------------
# Results


@dataclass
class Result:
    """The answer to a query, with rdflib terms so notebooks can use ``toPython()``.

    ``rows`` holds one tuple per solution (``None`` for an unbound variable) for ``SELECT``,
    and ``(subject, predicate, object)`` rows for ``CONSTRUCT``/``DESCRIBE``; ``boolean`` is
    set for ``ASK``.

    >>> r = Result(("n",), [(Literal(2),)])
    >>> r.to_csv()
    'n\\r\\n2\\r\\n'
    """

    variables: tuple[str, ...]
    rows: list[tuple[Node | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    prefixes: dict[str, str] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.rows)

    def records(self) -> list[dict[str, Any]]:
        """Rows as dicts of Python values (``Literal.toPython()``, IRIs as strings)."""
        return [
            {v: _python(t) for v, t in zip(self.variables, row, strict=True)} for row in self.rows
        ]

    def to_dataframe(self) -> Any:
        """A pandas ``DataFrame`` of :meth:`records` (pandas is imported on demand)."""
        import pandas as pd

        return pd.DataFrame(self.records(), columns=list(self.variables))

    def to_csv(self) -> str:
        """SPARQL 1.1 CSV: plain lexical values."""
        out = io.StringIO()
        writer = csv.writer(out)
        if self.boolean is not None:
            writer.writerow(["boolean"])
            writer.writerow(["true" if self.boolean else "false"])
            return out.getvalue()
        writer.writerow(self.variables)
        for row in self.rows:
            writer.writerow(["" if t is None else str(t) for t in row])
        return out.getvalue()

    def to_tsv(self) -> str:
        """SPARQL 1.1 TSV: terms in N-Triples syntax."""
        if self.boolean is not None:
            return f"?boolean\n{'true' if self.boolean else 'false'}\n"
        lines = ["\t".join(f"?{v}" for v in self.variables)]
        lines += ["\t".join("" if t is None else t.n3() for t in row) for row in self.rows]
        return "\n".join(lines) + "\n"

    def to_json(self) -> str:
        """SPARQL 1.1 Query Results JSON."""
        if self.boolean is not None:
            return json.dumps({"head": {}, "boolean": self.boolean})
        bindings = [
            {v: _json_term(t) for v, t in zip(self.variables, row, strict=True) if t is not None}
            for row in self.rows
        ]
        payload = {"head": {"vars": list(self.variables)}, "results": {"bindings": bindings}}
        return json.dumps(payload, ensure_ascii=False, indent=1)

    def to_table(self, *, width: int = 60) -> str:
        """An aligned text table; IRIs shortened with the query's prefixes."""
        if self.boolean is not None:
            return "true" if self.boolean else "false"
        cells = [[self._short(t, width) for t in row] for row in self.rows]
        widths = [max([len(v), *(len(r[i]) for r in cells)]) for i, v in enumerate(self.variables)]
        lines = ["  ".join(v.ljust(w) for v, w in zip(self.variables, widths, strict=True))]
        lines.append("  ".join("-" * w for w in widths))
        lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in cells]
        lines.append(f"({len(self.rows)} row{'' if len(self.rows) == 1 else 's'})")
        return "\n".join(line.rstrip() for line in lines)

    def format(self, name: str) -> str:
        """The result as ``table``, ``csv``, ``tsv`` or ``json``."""
        if name not in FORMATS:
            raise QueryError(f"unknown format {name!r} (formats: {', '.join(FORMATS)})")
        text: str = getattr(self, f"to_{name}")()
        return text

    def _short(self, term: Node | None, width: int) -> str:
        if term is None:
            return ""
        if isinstance(term, URIRef):
            iri = str(term)
            best = max(
                ((p, ns) for p, ns in self.prefixes.items() if ns and iri.startswith(ns)),
                key=lambda item: len(item[1]),
                default=None,
            )
            text = f"{best[0]}:{iri[len(best[1]) :]}" if best else f"<{iri}>"
        elif isinstance(term, Literal) and term.language:
            text = f"{term}@{term.language}"
        else:
            text = str(term)
        text = " ".join(text.split())
        return text if len(text) <= width else text[: width - 1] + "…"


def _python(term: Node | None) -> Any:
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        return str(term) if isinstance(value, Literal) else value
    return str(term)


def _json_term(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, Literal)
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype:
        out["datatype"] = str(term.datatype)
    return out


# ---------------------------------------------------------------------------------------------
# Running


def run_query(
    query: NamedQuery | str,
    *,
    params: Mapping[str, str] | None = None,
    store: Any = None,
    endpoint: str | None = None,
    user: str | None = None,
    password: str | None = None,
    timeout: float = 60.0,
) -> Result:
    """Run a library query (or its name) on the embedded store or a SPARQL endpoint.

    Args:
        query: a :class:`NamedQuery`, a library name or a ``.rq`` path.
        params: parameter values by plain name; missing ones take their defaults.
        store: a store directory, a ``pyoxigraph.Store``, an rdflib ``Graph``/``Dataset``, or
            ``None`` for the default store directory. Ignored when ``endpoint`` is given.
        endpoint: the query URL of a SPARQL 1.1 server.
        user: user name for an endpoint that asks for HTTP authentication.
        password: its password.
        timeout: seconds to wait for an endpoint.

    Raises:
        QueryError: unknown query, bad parameter or malformed query.
        StoreError: the store cannot be opened.
        EndpointError: the endpoint failed or refused.
    """
    q = query if isinstance(query, NamedQuery) else load_query(query)
    bindings = bind(q, params)
    text = inject_values(q.text, bindings, in_groups=True, optional=False)
    if endpoint is not None:
        from graph_builder.remote import SparqlClient

        client = SparqlClient(endpoint, user=user, password=password, timeout=timeout)
        result = client.query(inject_values(q.text, bindings, in_groups=True))
    elif isinstance(store, rdflib.Graph):
        result = _run_rdflib(text, store, name=q.name)
    elif hasattr(store, "dataset") and not hasattr(store, "pyoxigraph"):
        result = _run_rdflib(text, store.dataset(), name=q.name)
    else:
        result = run_embedded(text, open_embedded(store), name=q.name)
    result.prefixes = q.prefixes
    return result


def open_embedded(store: Any = None, *, read_only: bool = True) -> ox.Store:
    """The pyoxigraph store behind ``store`` (a directory, a store object, or ``None`` for the
    default store directory)."""
    if isinstance(store, ox.Store):
        return store
    inner = getattr(store, "pyoxigraph", None) or getattr(store, "store", None)
    if isinstance(inner, ox.Store):
        return inner
    if store is None or isinstance(store, str | Path):
        return _open_path(store, read_only=read_only)
    raise StoreError(f"cannot query a {type(store).__name__}")


def _open_path(store: str | Path | None, *, read_only: bool) -> ox.Store:
    from graph_builder.store import open_store

    return open_embedded(open_store(store, read_only=read_only))


def run_embedded(
    text: str,
    store: ox.Store,
    *,
    name: str = "query",
    default_graph: Sequence[ox.NamedNode] | None = None,
    named_graphs: Sequence[ox.NamedNode] | None = None,
) -> Result:
    """Run SPARQL text on a pyoxigraph store; the default graph is the union of all graphs
    unless ``default_graph`` names the graphs to merge."""
    options: dict[str, Any] = {}
    if default_graph:
        options["default_graph"] = list(default_graph)
    else:
        options["use_default_graph_as_union"] = True
    if named_graphs:
        options["named_graphs"] = list(named_graphs)
    try:
        answer = store.query(text, **options)
        return collect(answer)
    except SyntaxError as error:
        raise QueryError(f"{name}: malformed query: {_one_line(error)}") from error
    except OSError as error:
        raise StoreError(f"{name}: the store failed: {_one_line(error)}") from error


def collect(answer: Any, *, limit: int | None = None, deadline: float | None = None) -> Result:
    """A pyoxigraph query answer as a :class:`Result`, at most ``limit`` rows.

    Raises:
        QueryTimeoutError: ``time.monotonic()`` passed ``deadline`` before the answer was read
            (solutions are computed as they are read, so this stops the work).
    """
    if isinstance(answer, ox.QueryBoolean):
        return Result((), boolean=bool(answer))
    rows: list[tuple[Node | None, ...]] = []
    if isinstance(answer, ox.QuerySolutions):
        variables = tuple(v.value for v in answer.variables)
        for solution in answer:
            if limit is not None and len(rows) >= limit:
                break
            if deadline is not None and time.monotonic() > deadline:
                raise QueryTimeoutError("the time limit passed while reading the answer")
            rows.append(tuple(to_rdflib(solution[v]) for v in variables))
        return Result(variables, rows)
    for triple in answer:
        if limit is not None and len(rows) >= limit:
            break
        if deadline is not None and time.monotonic() > deadline:
            raise QueryTimeoutError("the time limit passed while reading the answer")
        rows.append(
            (to_rdflib(triple.subject), to_rdflib(triple.predicate), to_rdflib(triple.object))
        )
    return Result(("subject", "predicate", "object"), rows)


def _run_rdflib(text: str, graph: rdflib.Graph, *, name: str) -> Result:
    try:
        answer = graph.query(text)
    except Exception as error:  # rdflib raises pyparsing's own exception classes
        raise QueryError(f"{name}: malformed query: {_one_line(error)}") from error
    if answer.type == "ASK":
        return Result((), boolean=bool(answer.askAnswer))
    if answer.type == "SELECT":
        variables = tuple(str(v) for v in answer.vars or ())
        return Result(variables, _plain_rows(answer))
    return Result(("subject", "predicate", "object"), _plain_rows(answer))


def _plain_rows(answer: rdflib.query.Result) -> list[tuple[Node | None, ...]]:
    """The rows of a SELECT, CONSTRUCT or DESCRIBE answer.

    rdflib types every answer's items as rows or ASK's boolean; ASK is answered before this.
    """
    rows: list[tuple[Node | None, ...]] = []
    for row in answer:
        if isinstance(row, bool):
            raise TypeError("an ASK answer has no rows")
        rows.append(tuple(_plain(t) for t in row))
    return rows


def _plain(term: Any) -> Node | None:
    if isinstance(term, Literal):
        return make_literal(str(term), term.language, str(term.datatype) if term.datatype else None)
    return term


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split())
