"""Every library query on the seed graph built by ``unkg build seeds``.

``expected/<query>.srj`` holds the rows of each query (SPARQL JSON results), checked by hand
against ``seeds/A-RES-59-159.en.txt``; rewrite them only with ``UNKG_UPDATE_GOLDEN=1`` and review
the diff. The facts tested one by one below are read straight off the printed resolution.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

import pyoxigraph as ox
import pytest

from graph_builder.emit import emit_document
from graph_builder.parse import parse_file
from graph_builder.query import Result, load_library, run_query
from graph_builder.remote import parse_json_results
from tests.conftest import CORPUS, QUERIES, SEEDS
from tests.sparql.conftest import EXPECTED

LIBRARY = {n: q for n, q in load_library(QUERIES).items() if not n.startswith("federated-")}
NAMES = sorted(LIBRARY)
UPDATE = os.environ.get("UNKG_UPDATE_GOLDEN") == "1"
ID = "https://w3id.org/unkg/id/"
RES = ID + "A/RES/59/159"


def test_every_query_has_expected_rows() -> None:
    assert len(NAMES) == 18
    assert sorted(p.stem for p in EXPECTED.glob("*.srj")) == NAMES


def run(name: str, store: ox.Store, params: Mapping[str, str] | None = None) -> Result:
    return run_query(LIBRARY[name], params=params, store=store)


def column(result: Result, variable: str) -> list[str]:
    index = result.variables.index(variable)
    return ["" if row[index] is None else str(row[index]) for row in result.rows]


@pytest.mark.parametrize("name", NAMES)
def test_rows_as_expected(name: str, seed_store: ox.Store) -> None:
    result = run(name, seed_store)
    path = EXPECTED / f"{name}.srj"
    if UPDATE:
        path.write_text(result.to_json() + "\n", encoding="utf-8")
    expected = parse_json_results(path.read_bytes(), source=str(path))
    assert result.variables == expected.variables
    assert result.rows == expected.rows


@pytest.mark.parametrize("name", [n for n in NAMES if n.endswith("-violation")])
def test_violations_are_empty_on_the_seed(name: str, seed_store: ox.Store) -> None:
    assert run(name, seed_store).rows == []


def test_what_the_resolution_asks(seed_store: ox.Store) -> None:
    result = run("what-does-resolution-ask-and-of-whom", seed_store)
    numbers = sorted({int(n) for n in column(result, "number")})
    assert numbers == list(range(1, 24))
    asks = {(r[1].toPython(), str(r[4]).removeprefix(ID)) for r in result.rows if r[4]}
    # 23. Requests the Secretary-General to submit a report …
    assert (23, "body/secretary-general") in asks
    # 17. Urges all States and regional economic organizations … to ratify or accede …
    assert (17, "group/states") in asks
    # 9. … invites the international financial institutions, in particular the World Bank …
    assert (9, "body/world-bank") in asks


def test_french_leading_phrases(seed_store: ox.Store) -> None:
    result = run("what-does-resolution-ask-and-of-whom", seed_store, {"lang": "fr"})
    leads = dict(zip(column(result, "number"), column(result, "lead"), strict=True))
    assert leads["23"] == "Prie"
    assert leads["17"] == "Engage"  # "17. Engage tous les États …"


def test_what_the_resolution_cites(seed_store: ox.Store) -> None:
    result = run("what-does-resolution-cite", seed_store)
    rows = {(c.removeprefix(RES + "/"), s, f.removeprefix(RES + "/"))
            for c, s, f in zip(column(result, "clause"), column(result, "symbol"),
                               column(result, "footnote"), strict=True)}
    # "… the implementation of General Assembly resolution 58/140; 9" and footnote 9 "A/59/205."
    assert ("op/1", "A/RES/58/140", "") in rows
    assert ("op/1", "A/59/205", "fn/9") in rows
    # "Bearing in mind the United Nations Millennium Declaration, 1" — "See resolution 55/2."
    assert ("pre/3", "A/RES/55/2", "fn/1") in rows
    # "… pursuant to resolution 1373 (2001) concerning counter-terrorism"
    assert ("op/4", "S/RES/1373 (2001)", "") in rows
    # "… Economic and Social Council resolution 2004/28 of 21 July 2004"
    assert ("pre/13", "E/RES/2004/28", "") in rows
    assert len(rows) == 20


def test_citation_network(seed_store: ox.Store) -> None:
    result = run("citation-network-of-resolution", seed_store)
    assert set(column(result, "direction")) == {"cites"}
    assert len(set(column(result, "symbol"))) == 12
    inverse = run("citation-network-of-resolution", seed_store, {"instrument": ID + "A/RES/58/140"})
    assert list(zip(column(inverse, "direction"), column(inverse, "symbol"), strict=True)) == [
        ("cited-by", "A/RES/59/159")
    ]


def test_bodies_by_role(seed_store: ox.Store) -> None:
    result = run("bodies-by-role", seed_store)
    counts = {(b.removeprefix(ID), r): int(n) for b, r, n in zip(
        column(result, "body"), column(result, "role"), column(result, "clauses"), strict=True)}
    # Paragraphs 16, 21 and 23 request, and 6 calls upon, the Secretary-General.
    assert counts[("body/secretary-general", "addressed")] == 4
    assert counts[("body/unodc", "mentioned")] >= 8


def test_reports_due(seed_store: ox.Store) -> None:
    result = run("reports-requested-with-due-session", seed_store)
    assert [(r[3].toPython(), r[5].toPython()) for r in result.rows] == [(23, 60)]


def test_clauses_on_a_topic(seed_store: ox.Store) -> None:
    result = run("clauses-on-topic", seed_store, {"topic": "terrorism"})
    clauses = {c.removeprefix(RES + "/") for c in column(result, "clause")}
    # Convinced … furthering terrorism; 4. … combat terrorism; 5. … corruption and terrorism;
    # 6. … organized crime and terrorism; 13. … criminal justice aspects of terrorism.
    assert {"pre/6", "op/4", "op/5", "op/6", "op/13"} <= clauses
    french = run("clauses-on-topic", seed_store, {"topic": "corruption", "lang": "fr"})
    assert len(french) >= 5


def test_instruments_to_ratify(seed_store: ox.Store) -> None:
    result = run("instruments-states-are-urged-to-ratify", seed_store)
    assert [(c.removeprefix(RES + "/"), i.removeprefix(ID)) for c, i in zip(
        column(result, "clause"), column(result, "instrument"), strict=True)] == [
        ("op/17", "instrument/untoc"), ("op/20", "instrument/uncac")]


def test_external_identifiers(seed_store: ox.Store) -> None:
    result = run("external-identifiers", seed_store)
    links = dict(zip(column(result, "record"), column(result, "external"), strict=True))
    assert links[ID + "body/general-assembly"] == "http://www.wikidata.org/entity/Q47423"
    pairs = set(zip(column(result, "record"), column(result, "external"), strict=True))
    assert (ID + "topic/crime-prevention", "http://metadata.un.org/thesaurus/1001376") in pairs
    assert (ID + "instrument/untoc", "https://treaties.un.org/Pages/ViewDetails.aspx?"
            "src=TREATY&mtdsg_no=XVIII-12&chapter=18&clang=_en") in pairs


def test_events_and_dates(seed_store: ox.Store) -> None:
    result = run("events-and-dates-in-time-order", seed_store)
    dates = column(result, "date")
    assert dates == sorted(dates)
    assert dates[0] == "1991-12-18"  # resolution 46/152 of 18 December 1991
    assert ("2004-12-20", "adopted") in zip(dates, column(result, "what"), strict=True)
    assert ID + "event/congress-11" in column(result, "event")  # the Eleventh Congress, 2005


def test_clause_in_each_language(seed_store: ox.Store) -> None:
    result = run("clause-in-each-language", seed_store)
    assert column(result, "lang") == ["en", "fr"]
    text = dict(zip(column(result, "lang"), column(result, "text"), strict=True))
    assert text["en"].startswith("Requests the Secretary-General to submit a report")
    assert "soixantième session" in text["fr"]


def test_resolutions_in_graph(seed_store: ox.Store) -> None:
    result = run("resolutions-in-graph", seed_store)
    assert [(str(r[1]), str(r[3]), int(r[5]), int(r[6])) for r in result.rows] == [
        ("A/RES/59/159", "2004-12-20", 16, 23)
    ]


def test_subjects(seed_store: ox.Store) -> None:
    result = run("subjects", seed_store)
    topics = ["crime-prevention", "criminal-justice", "technical-cooperation"]
    assert sorted(column(result, "topic")) == [ID + "topic/" + t for t in topics]
    assert set(column(result, "resolutions")) == {"1"}
    assert sorted(column(result, "unbis")) == [
        "http://metadata.un.org/thesaurus/" + n for n in ("1001376", "1001388", "1006413")
    ]
    assert set(column(result, "mapping")) == {"http://www.w3.org/2004/02/skos/core#exactMatch"}


def test_resolutions_by_subject(seed_store: ox.Store) -> None:
    documents = [parse_file(SEEDS / f"A-RES-59-159.{lang}.txt")[0] for lang in ("en", "fr")]
    for topic in ("crime-prevention", "criminal-justice", "technical-cooperation"):
        result = run("resolutions-by-subject", seed_store, {"topic": ID + "topic/" + topic})
        assert column(result, "symbol") == ["A/RES/59/159"]
        assert column(result, "date") == ["2004-12-20"]
        assert column(result, "title")[0].startswith("Strengthening the United Nations Crime")
        # Clauses (not footnotes or sub-paragraphs) naming the topic, in either language.
        clauses = {c.ref for d in documents for c in d.all_clauses}
        refs = {m.clause for d in documents for m in d.mentions
                if m.entity == "topic/" + topic and m.clause in clauses}
        assert int(column(result, "clauses")[0]) == len(refs) > 0
    assert run("resolutions-by-subject", seed_store, {"topic": ID + "topic/genocide"}).rows == []


def test_resolutions_by_subject_counts_annex_clauses_not_footnotes() -> None:
    # A/RES/60/177: "Follow-up to the Eleventh United Nations Congress on Crime Prevention and
    # Criminal Justice"; its annex, the Bangkok Declaration, names crime prevention often.
    document = parse_file(CORPUS / "A-RES-60-177.en.txt")[0]
    topic = ID + "topic/crime-prevention"
    store = ox.Store()
    store.extend(emit_document(document))
    named = {m.clause for m in document.mentions if m.entity == "topic/crime-prevention"}
    own = {c.ref for c in document.clauses} & named
    annexed = {c.ref for a in document.annexes for c in a.clauses} & named
    assert len(annexed) == 7  # the Declaration names it in 7 of its 45 paragraphs
    expected = str(len(own) + len(annexed))
    result = run("resolutions-by-subject", store, {"topic": topic})
    assert (column(result, "symbol"), column(result, "clauses")) == (["A/RES/60/177"], [expected])
    # A footnote that names the topic is not a clause.
    graph = ox.NamedNode(ID + "graph/A/RES/60/177/en")
    footnote = ox.NamedNode(ID + "A/RES/60/177/fn/1")
    mentions = ox.NamedNode("https://w3id.org/unkg/ontology#mentions")
    store.add(ox.Quad(footnote, mentions, ox.NamedNode(topic), graph))
    assert column(run("resolutions-by-subject", store, {"topic": topic}), "clauses") == [expected]


FAULTS = {
    "citation-without-symbol-violation": {("pre/1", "A/RES/2/2")},
    "clause-positions-not-contiguous-violation": {("pre/3",)},
    "clause-without-text-violation": {("op/3",)},
    "operative-numbers-not-contiguous-violation": {
        ("op/2", "gap before this number"), ("op/2", "number repeated"),
        ("op/3", "gap before this number"), ("op/3", "number repeated"),
    },
    "part-without-instrument-violation": {("fn/1",)},
}


@pytest.mark.parametrize("name", sorted(FAULTS))
def test_violations_find_faults(name: str) -> None:
    store = ox.Store()
    store.load(path=str(EXPECTED.parent / "data" / "violations.trig"), format=ox.RdfFormat.TRIG)
    result = run(name, store)
    short = {
        tuple(str(t).removeprefix(ID + "A/RES/1/1/").removeprefix(ID)
              for v, t in zip(result.variables, row, strict=True)
              if v in ("clause", "node", "citing", "cited", "problem"))
        for row in result.rows
    }
    assert short == FAULTS[name]
    assert len(result) == len(FAULTS[name])
    assert len(FAULTS) == len([n for n in NAMES if n.endswith("-violation")])
