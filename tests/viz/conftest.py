"""Fixtures of the network-page tests: stores built by the real pipeline, and a real browser.

The browser is Debian's Chromium (fixture ``chromium`` of ``tests/conftest.py``) driven by
Playwright; Playwright's own browser download is never used.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SEEDS = REPO / "seeds"
CORPUS = REPO / "tests" / "data" / "corpus"
ARTIFACTS = REPO / "tests" / "artifacts"


@dataclass
class LoadedPage:
    """A page opened in Chromium, with every request and console message it produced."""

    page: Any
    url: str
    requests: list[str] = field(default_factory=list)
    console: list[tuple[str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def eval(self, script: str, arg: Any = None) -> Any:
        return self.page.evaluate(script, arg)


@pytest.fixture(scope="session")
def browser(chromium: str) -> Iterator[Any]:
    """One headless Chromium for the whole session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def open_page(browser: Any) -> Iterator[Any]:
    """Open a local HTML file, recording requests, console messages, errors and dialogs."""
    contexts: list[Any] = []

    def _open(path: Path, *, width: int = 1400, height: int = 900) -> LoadedPage:
        context = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        page = context.new_page()
        loaded = LoadedPage(page, path.resolve().as_uri())
        page.on("request", lambda request: loaded.requests.append(request.url))
        page.on("console", lambda message: loaded.console.append((message.type, message.text)))
        page.on("pageerror", lambda error: loaded.errors.append(str(error)))

        def on_dialog(dialog: Any) -> None:
            loaded.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.goto(loaded.url)
        page.wait_for_selector("body[data-ready=true]", timeout=30_000)
        return loaded

    yield _open
    for context in contexts:
        context.close()


def build_store(sources: list[Path], store: Path, *, at_least: int | None = None) -> Path:
    """Run the real ``unkg build`` on ``sources`` into ``store`` (a fresh directory).

    Every file must build, unless ``at_least`` says how many documents are enough (the corpus
    holds OCR'd pages the parser may rightly refuse).
    """
    command = [sys.executable, "-m", "graph_builder", "build", *map(str, sources),
               "--store", str(store), "--no-out"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    report = f"unkg build:\n{done.stdout}\n{done.stderr}"
    if at_least is None:
        assert done.returncode == 0, report
    else:
        built = re.search(r"^built ([\d,]+) documents?", done.stdout, re.MULTILINE)
        assert built, report
        assert int(built.group(1).replace(",", "")) >= at_least, report
    return store


@pytest.fixture(scope="session")
def build() -> Any:
    """:func:`build_store`, for tests that build their own sources."""
    return build_store


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed (A/RES/59/159 in English and French) built by the real pipeline."""
    root = tmp_path_factory.mktemp("seed")
    return build_store([SEEDS], root / "store")


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 30-resolution English corpus built by the real pipeline."""
    root = tmp_path_factory.mktemp("corpus")
    return build_store([CORPUS], root / "store", at_least=25)


ELI = "http://data.europa.eu/eli/ontology#"
UNKG = "https://w3id.org/unkg/ontology#"
# The edges a resolution view draws, by property (docs/graph-model.md).
PART_EDGES = {ELI + "is_part_of", UNKG + "hasFootnote", ELI + "cites", UNKG + "mentions",
              UNKG + "addresses", ELI + "passed_by", ELI + "is_about"}


def read_triples(store: Path) -> set[tuple[str, str, Any]]:
    """Every triple of every graph of the store, read quad by quad (no SPARQL)."""
    import pyoxigraph as ox

    inner = ox.Store.read_only(str(store))
    return {
        (q.subject.value, q.predicate.value,
         q.object.value if isinstance(q.object, ox.NamedNode) else q.object)
        for q in inner.quads_for_pattern(None, None, None, None)
    }


def expected_resolution_view(
    store: Path, instrument: str
) -> tuple[set[str], set[tuple[str, str, str]]]:
    """Nodes and (subject, property, object) edges the resolution view must draw, worked out by
    walking the triples in Python, independently of the view's SPARQL."""
    triples = read_triples(store)
    parts = {instrument}
    while True:
        more = {s for s, p, o in triples if p == ELI + "is_part_of" and o in parts} - parts
        if not more:
            break
        parts |= more
    edges = {
        (s, p, o) for s, p, o in triples
        if s in parts and p in PART_EDGES and isinstance(o, str)
        and not (s == instrument and p == ELI + "cites")
    }
    named = {o for s, p, o in triples
             if s in parts and p in {ELI + "cites", UNKG + "mentions"} and isinstance(o, str)}
    edges |= {(s, p, o) for s, p, o in triples if p == UNKG + "realizedBy" and s in named}
    nodes = {instrument} | {s for s, _, _ in edges} | {o for _, _, o in edges}
    return nodes, edges


@pytest.fixture(scope="session")
def expected_view() -> Any:
    return expected_resolution_view


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """``tests/artifacts/`` (git-ignored): screenshots a person looks at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
