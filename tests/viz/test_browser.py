"""The network page in real headless Chromium: offline, complete, searchable, filterable, inert."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from graph_builder.projections import build_view
from graph_builder.store import open_store
from graph_builder.viz import write_html

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

SEED = "https://w3id.org/unkg/id/A/RES/59/159"
UNODC = "https://w3id.org/unkg/id/body/unodc"


def page_for(store: Path, out: Path, view: str = "resolution", **options: Any) -> Path:
    with open_store(store, read_only=True) as opened:
        graph = build_view(opened.pyoxigraph, view, instrument=options.pop("instrument", None),
                           lang=options.pop("lang", "en"))
    write_html(graph, out, **options)
    return out


@pytest.fixture(scope="module")
def seed_page(seed_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return page_for(seed_store, tmp_path_factory.mktemp("pages") / "seed.html", instrument=SEED)


def assert_clean(loaded: Any) -> None:
    """No console errors, no script errors, no dialogs, and no request but the file itself."""
    assert loaded.errors == []
    assert [text for kind, text in loaded.console if kind in ("error", "warning")] == []
    assert loaded.dialogs == []
    assert loaded.requests == [loaded.url]


def shown(loaded: Any) -> tuple[int, int]:
    status = loaded.page.locator("#status")
    return int(status.get_attribute("data-nodes")), int(status.get_attribute("data-edges"))


def test_seed_network_is_complete_and_offline(
    seed_page: Path, seed_store: Path, open_page: Any, expected_view: Any, artifacts: Path
) -> None:
    nodes, edges = expected_view(seed_store, SEED)
    loaded = open_page(seed_page)
    assert_clean(loaded)
    drawn = loaded.eval(
        "() => [unkgNetwork.network.body.nodeIndices.length,"
        " unkgNetwork.network.body.edgeIndices.length, unkgNetwork.nodes.length,"
        " unkgNetwork.edges.length]"
    )
    assert drawn == [len(nodes), len(edges), len(nodes), len(edges)]
    assert shown(loaded) == (len(nodes), len(edges))
    ids = set(loaded.eval("() => unkgNetwork.nodes.getIds()"))
    assert ids == nodes
    loaded.page.screenshot(path=str(artifacts / "seed-network.png"))
    print(f"\nseed resolution view: {len(nodes)} nodes, {len(edges)} edges")


def test_search_finds_and_selects_a_body(seed_page: Path, open_page: Any) -> None:
    loaded = open_page(seed_page)
    loaded.page.fill("#search", "unodc")
    loaded.page.press("#search", "Enter")
    count = loaded.page.locator("#search-count")
    assert int(count.get_attribute("data-matches")) >= 1
    selected = loaded.eval("() => unkgNetwork.network.getSelectedNodes()")
    assert UNODC in selected
    loaded.page.locator("#search-results button").first.click()
    assert loaded.page.locator("#details").is_visible()
    assert "UNODC" in loaded.page.locator("#details-fields").inner_text() or \
        "Drugs and Crime" in loaded.page.locator("#details-heading").inner_text()
    loaded.page.fill("#search", "no such label anywhere")
    loaded.page.press("#search", "Enter")
    assert count.get_attribute("data-matches") == "0"
    assert loaded.eval("() => unkgNetwork.network.getSelectedNodes().length") == 0
    assert_clean(loaded)


def test_filters_hide_a_class_and_an_edge_type(
    seed_page: Path, seed_store: Path, open_page: Any, expected_view: Any
) -> None:
    nodes, edges = expected_view(seed_store, SEED)
    loaded = open_page(seed_page)
    kinds = Counter(loaded.eval("() => unkgNetwork.nodes.get().map(n => n.kind)"))
    preambular = kinds["preambular"]
    assert preambular > 0
    loaded.page.uncheck('#legend-kinds input[data-kind="preambular"]')
    hidden_edges = loaded.eval(
        "() => { const pre = new Set(unkgNetwork.nodes.getIds({filter: n => n.kind === "
        "'preambular'})); return unkgNetwork.edges.get({filter: e => pre.has(e.from) || "
        "pre.has(e.to)}).length; }"
    )
    assert shown(loaded) == (len(nodes) - preambular, len(edges) - hidden_edges)
    loaded.page.check('#legend-kinds input[data-kind="preambular"]')
    assert shown(loaded) == (len(nodes), len(edges))
    mentions = sum(1 for _, p, _ in edges if p.endswith("#mentions"))
    assert mentions > 0
    loaded.page.uncheck('#legend-relations input[data-relation="mentions"]')
    assert shown(loaded) == (len(nodes), len(edges) - mentions)
    loaded.page.click("#reset")
    assert shown(loaded) == (len(nodes), len(edges))
    assert_clean(loaded)


def test_tooltip_shows_clause_number_lead_and_text(seed_page: Path, open_page: Any) -> None:
    loaded = open_page(seed_page)
    clause = SEED + "/op/1"
    position = loaded.eval(
        f"() => unkgNetwork.network.canvasToDOM(unkgNetwork.network.getPositions(['{clause}'])"
        f"['{clause}'])"
    )
    box = loaded.page.locator("#network").bounding_box()
    loaded.page.mouse.move(box["x"] + position["x"], box["y"] + position["y"])
    tip = loaded.page.locator("div.vis-tooltip")
    tip.wait_for(state="visible", timeout=5000)
    text = tip.inner_text()
    node = loaded.eval(f"() => unkgNetwork.nodes.get('{clause}').info")
    assert "No. 1" in text
    assert node["lead"] in text
    assert node["excerpt"][:60] in text


SCRIPT = "<script>window.__pwned = 1</script>"
IMAGE = '<img src=x onerror="window.__pwned = 2">'


@pytest.fixture(scope="module")
def hostile_page(tmp_path_factory: pytest.TempPathFactory, build: Any) -> Path:
    """A page for a resolution whose text carries markup, built by the real pipeline."""
    root = tmp_path_factory.mktemp("hostile")
    source = (SEEDS / "A-RES-59-159.en.txt").read_text(encoding="utf-8")
    sentence = (
        "Recognizing that action against global crime is a common and shared\nresponsibility,"
    )
    assert sentence in source
    crafted = f"Recognizing that {SCRIPT} and {IMAGE} are\nonly text,"
    (root / "in").mkdir()
    (root / "in" / "A-RES-59-159.en.txt").write_text(
        source.replace(sentence, crafted), encoding="utf-8"
    )
    store = build([root / "in"], root / "store")
    return page_for(store, root / "hostile.html", instrument=SEED)


def test_injected_markup_shows_as_text_and_runs_nothing(
    hostile_page: Path, open_page: Any
) -> None:
    loaded = open_page(hostile_page)
    assert_clean(loaded)
    assert loaded.eval("() => window.__pwned === undefined")
    assert loaded.eval("() => document.querySelectorAll('img, body script:not([id])').length") == 1
    labels = loaded.eval(
        "([a, b]) => unkgNetwork.nodes.get({filter: n => ((n.info || {}).text || '').includes(a)"
        " && n.info.text.includes(b)}).map(n => n.label)",
        [SCRIPT, IMAGE],
    )
    assert len(labels) == 1
    loaded.page.fill("#search", labels[0])
    loaded.page.press("#search", "Enter")
    loaded.page.locator("#search-results button").first.click()
    shown_text = loaded.page.locator("#details-text").inner_text()
    assert SCRIPT in shown_text
    assert IMAGE in shown_text
    assert loaded.eval("() => window.__pwned === undefined")
    assert loaded.eval("() => document.querySelectorAll('img').length") == 0
    assert loaded.requests == [loaded.url]


def test_large_view_is_cut_to_the_budget_and_says_so(
    corpus_store: Path, tmp_path: Path, open_page: Any, artifacts: Path
) -> None:
    path = page_for(corpus_store, tmp_path / "citations.html", "citations", max_nodes=60)
    loaded = open_page(path)
    assert_clean(loaded)
    nodes, _edges = shown(loaded)
    assert nodes == 60
    note = loaded.page.locator("#omitted")
    assert note.is_visible()
    assert note.inner_text().startswith("Showing the 60 most central of ")
    loaded.page.screenshot(path=str(artifacts / "corpus-citations-60.png"))
