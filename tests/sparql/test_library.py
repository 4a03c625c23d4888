"""The query library itself: headers, parameters, safe binding, errors."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph_builder.errors import QueryError
from graph_builder.query import (
    NamedQuery,
    bind,
    inject_values,
    load_library,
    load_query,
    parse_header,
    run_embedded,
    run_query,
)
from tests.conftest import QUERIES

# queries/federated-*.rq query remote services and are tested with the linking code.
LIBRARY = {n: q for n, q in load_library(QUERIES).items() if not n.startswith("federated-")}
NAMES = sorted(LIBRARY)
COMPETENCY = [n for n in NAMES if "competency" in LIBRARY[n].tags]
VIOLATIONS = [n for n in NAMES if n.endswith("-violation")]
MINI = Path(__file__).parent / "data" / "mini.trig"


def test_library_size() -> None:
    # The ten competency questions of DESIGN.md, the data-quality checks, an overview,
    # subjects.
    assert len(COMPETENCY) == 10
    assert len(VIOLATIONS) == 5
    assert len(NAMES) == 18


@pytest.mark.parametrize("name", NAMES)
def test_header_and_names(name: str) -> None:
    q = LIBRARY[name]
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name)
    assert q.summary
    assert q.description
    assert q.tags
    assert q.form in ("SELECT", "ASK", "CONSTRUCT")
    for p in q.params:
        assert p.default is not None, f"{name}: parameter {p.name} has no default"
    header = parse_header(q.text)
    assert set(header.get("defaults", {})) == {p.name for p in q.params}
    if name.endswith("-violation"):
        assert "violation" in q.tags
        assert not q.params


@pytest.mark.parametrize("name", NAMES)
def test_every_prefix_is_declared(name: str) -> None:
    # Parsing on an empty store fails on any undeclared prefix: the file runs in any tool.
    q = LIBRARY[name]
    result = run_embedded(inject_values(q.text, bind(q)), ox.Store(), name=name)
    assert result.boolean is not None or result.variables


def test_parse_header_folds_descriptions() -> None:
    text = "#+ summary: S\n#+ description: one\n#+   two\n#+ tags:\n#+   - a\n#+   - b\nASK {}"
    assert parse_header(text) == {"summary": "S", "description": "one two", "tags": ["a", "b"]}


def test_parameter_kinds_follow_basil() -> None:
    q = NamedQuery.parse("q", "SELECT * WHERE { ?_x_iri ?_p ?_n_integer . ?s ?q ?_d_date }")
    assert [(p.name, p.kind) for p in q.params] == [
        ("x", "iri"), ("p", "string"), ("n", "integer"), ("d", "date")
    ]


@pytest.mark.parametrize(
    ("name", "value", "needs"),
    [
        ("instrument", "A/RES/59/159", "an absolute IRI"),
        ("instrument", "http://x/a b", "an absolute IRI"),
        ("instrument", "http://x/<a>", "an absolute IRI"),
        ("instrument", "", "an absolute IRI"),
    ],
)
def test_bad_iri_parameters(name: str, value: str, needs: str) -> None:
    q = LIBRARY["what-does-resolution-cite"]
    with pytest.raises(QueryError, match=f"parameter {name} needs {needs}"):
        bind(q, {name: value})


def test_bad_integer_and_date() -> None:
    q = NamedQuery.parse("q", "#+ defaults:\n#+   - n: 1\n#+   - d: 2004-12-20\n"
                         "SELECT * WHERE { ?s ?p ?_n_integer ; ?q ?_d_date }")
    with pytest.raises(QueryError, match="needs an integer"):
        bind(q, {"n": "1; DROP ALL"})
    with pytest.raises(QueryError, match="needs a date"):
        bind(q, {"d": "20 December 2004"})
    assert str(bind(q, {"n": "+7"})["_n_integer"]).startswith('"7"^^')


def test_unknown_parameter_names_the_allowed_ones() -> None:
    with pytest.raises(QueryError, match=r"unknown parameter 'instrumnet' \(parameters: "
                       r"instrument\)"):
        bind(LIBRARY["what-does-resolution-cite"], {"instrumnet": "http://x"})


def test_prefixed_iri_parameter_is_expanded() -> None:
    bound = bind(LIBRARY["what-does-resolution-cite"], {"instrument": "id:A/RES/59/159"})
    assert bound["_instrument_iri"] == ox.NamedNode("https://w3id.org/unkg/id/A/RES/59/159")


def test_values_cannot_escape_their_term() -> None:
    store = ox.Store()
    store.load(path=str(MINI), format=ox.RdfFormat.TRIG)
    hostile = 'corruption")) } UNION { ?clause ?p ?text . BIND(("'
    q = LIBRARY["clauses-on-topic"]
    text = inject_values(q.text, bind(q, {"topic": hostile}))
    assert 'VALUES ?_topic { "corruption\\")) } UNION' in text
    assert len(run_query(q, params={"topic": hostile}, store=store)) == 0
    assert len(run_query(q, params={"topic": "Millennium"}, store=store)) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ASK { ?s ?p ?_o }", "ASK { VALUES ?_o { 1 }"),
        ("CONSTRUCT { ?s ?p ?_o } WHERE { ?s ?p ?_o }", "WHERE { VALUES ?_o { 1 }"),
        ('# a { comment\nSELECT ("{" AS ?x) ?s WHERE { ?s <urn:p> ?_o }', "WHERE { VALUES"),
        ("SELECT ?s WHERE { ?s ?p '''}''' , ?_o }", "WHERE { VALUES ?_o { 1 }"),
        ("SELECT * FROM <urn:g> WHERE {?s ?p ?_o}", "WHERE { VALUES ?_o { 1 }"),
    ],
)
def test_values_go_into_the_where_group(text: str, expected: str) -> None:
    one = ox.Literal("1", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    injected = inject_values(text, {"_o": one}).replace('"1"^^<http://www.w3.org/2001/'
                                                         "XMLSchema#integer>", "1")
    assert expected in injected
    run_embedded(inject_values(text, {"_o": one}), ox.Store())


def test_short_construct_cannot_take_parameters() -> None:
    with pytest.raises(QueryError, match="CONSTRUCT"):
        inject_values("CONSTRUCT WHERE { ?s ?p ?_o }", {"_o": ox.Literal("x")})


def test_unknown_query_suggests_names() -> None:
    with pytest.raises(QueryError, match="what-does-resolution-cite"):
        load_query("what-does-resolution-cites", library=QUERIES)
    with pytest.raises(QueryError, match="no such query file"):
        load_query("missing.rq")


def test_malformed_query_is_a_query_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.rq"
    broken.write_text("#+ summary: x\nSELECT ?s WHERE { ?s ?p }\n")
    with pytest.raises(QueryError, match=r"^broken: malformed query: "):
        run_query(str(broken), store=ox.Store())


def test_result_formats() -> None:
    store = ox.Store()
    store.load(path=str(MINI), format=ox.RdfFormat.TRIG)
    result = run_query(LIBRARY["clause-in-each-language"],
                       params={"clause": "id:A/RES/59/159/op/2"}, store=store)
    assert [r["lang"] for r in result.records()] == ["en", "fr"]
    assert result.to_csv().splitlines()[0] == "lang,lead,text"
    assert '"Prie"@fr' in result.to_tsv()
    assert '"xml:lang": "fr"' in result.to_json()
    assert "Requests@en" in result.to_table()
    frame = result.to_dataframe()
    assert list(frame.columns) == ["lang", "lead", "text"]
    assert len(frame) == 2


def test_a_broken_pattern_parameter_is_an_error() -> None:
    from graph_builder.errors import QueryError
    from graph_builder.query import bind, load_query

    query = load_query("instruments-states-are-urged-to-ratify")
    assert bind(query, {"pattern": "ratif|accede"})
    with pytest.raises(QueryError, match="parameter pattern is not a regular expression"):
        bind(query, {"pattern": "["})
