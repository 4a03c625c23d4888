"""``unkg link`` on an on-disk store, online against the local server, then offline."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph_builder.cli import main
from graph_builder.store import open_store
from tests.conftest import REPO, OxigraphServer, free_port
from tests.link.conftest import (
    DATA,
    authority_links,
    authority_symbols,
    fixture_symbols,
    load_authority,
    symbol_batch,
    wikidata_items,
)

RDFS = "http://www.w3.org/2000/01/rdf-schema#"
PREFIXES = {RDFS: "rdfs:", "http://www.w3.org/2004/02/skos/core#": "skos:"}


def _curie(iri: str) -> str:
    namespace, name = iri.rsplit("#", 1)
    return PREFIXES[namespace + "#"] + name


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    path = tmp_path / "store"
    with open_store(path) as store:
        load_authority(store.pyoxigraph)
        store.pyoxigraph.load(path=DATA / "documents.trig", format=ox.RdfFormat.TRIG)
    return path


def unkg(*args: str | Path) -> int:
    return main(["link", *map(str, args)])


def test_link_online_then_offline(
    store_dir: Path, wikidata: OxigraphServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cache = tmp_path / "cache"
    assert unkg("--store", store_dir, "--endpoint", wikidata.query, "--cache", cache) == 0
    out, err = capsys.readouterr()
    assert err == ""
    # The pages of the three documents and of those the authority files name (one undocs.org
    # page each, in no language), and every link of the authority files.
    named = len(authority_symbols())
    sets = {
        ("digital-library", RDFS + "seeAlso"): 3 + named,
        ("undocs", RDFS + "seeAlso"): 5 + named,
    }
    sets |= authority_links()
    described = ", ".join(f"{name} {_curie(p)} {n}" for (name, p), n in sorted(sets.items()))
    items = wikidata_items() + 2  # and the two resolutions found by symbol
    symbols = len(fixture_symbols()) + named
    assert out.splitlines() == [
        f"links: {3 + named} documents; link sets: {described}",
        f"enrichment: {items} items, {symbols} symbols (2 matched), 2 answers (0 from cache); "
        "69 triples written",
    ]
    dead = f"http://127.0.0.1:{free_port()}/sparql"
    assert unkg("--store", store_dir, "--endpoint", dead, "--cache", cache, "--offline") == 1
    _, err = capsys.readouterr()
    assert "nothing cached" in err  # the cache is keyed by endpoint
    args = ("--store", store_dir, "--endpoint", wikidata.query, "--cache", cache, "--offline")
    assert unkg(*args) == 0
    out, _ = capsys.readouterr()
    assert "2 answers (2 from cache); 69 triples written" in out


def test_failures_go_to_stderr_one_line_each_and_exit_1(
    store_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = unkg("--store", store_dir, "--cache", tmp_path / "none", "--offline")
    out, err = capsys.readouterr()
    assert code == 1
    assert "previous enrichment kept" in out
    lines = err.splitlines()
    assert len(lines) == 2
    assert all(line.startswith("unkg link: error: ") for line in lines)
    assert lines[0].startswith(f"unkg link: error: {symbol_batch()}: ")


def test_no_enrich_writes_links_only(
    store_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert unkg("--store", store_dir, "--no-enrich", "--cache", tmp_path / "c") == 0
    out, _ = capsys.readouterr()
    assert out.startswith(f"links: {3 + len(authority_symbols())} documents;")
    assert "enrichment" not in out
    assert not (tmp_path / "c").exists()


def test_a_store_that_is_not_one_is_a_user_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    not_a_store = tmp_path / "file.txt"
    not_a_store.write_text("hello", encoding="utf-8")
    assert unkg("--store", not_a_store, "--no-enrich") == 2
    _, err = capsys.readouterr()
    assert err.startswith("unkg: error: ")
    assert len(err.splitlines()) == 1


def test_the_command_is_installed() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "graph_builder", "link", "--help"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "--offline" in done.stdout
    assert "--endpoint URL" in done.stdout
