"""The HTML page as text: self-contained, escaped, and honest about what it leaves out."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import networkx as nx
import pytest

from graph_builder.viz import render, render_page, script_json, trim

HOSTILE = [
    "</script><script>window.__pwned = 1</script>",
    '<img src=x onerror="window.__pwned = 2">',
    "</SCRIPT ><svg onload=alert(3)>",
    "\u2028\u2029&amp; ' \" `${x}`",
]


class Tags(HTMLParser):
    """Every start tag with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def hostile_view() -> nx.MultiDiGraph:
    view = nx.MultiDiGraph(view="resolution", lang="en", title=HOSTILE[0],
                           kind_labels={"operative": HOSTILE[1]},
                           relation_labels={"mentions": HOSTILE[2]})
    for i, text in enumerate(HOSTILE):
        view.add_node(f"https://w3id.org/unkg/id/X/{i}", kind="operative", label=text,
                      heading=text, lead=text, text=text, number=i)
    view.add_node("https://w3id.org/unkg/id/body/x", kind="body", label=HOSTILE[1])
    for i in range(len(HOSTILE)):
        view.add_edge(f"https://w3id.org/unkg/id/X/{i}", "https://w3id.org/unkg/id/body/x",
                      key="mentions", relation="mentions", weight=1)
    return view


def test_page_loads_nothing_from_outside() -> None:
    page = render(hostile_view())
    parser = Tags()
    parser.feed(page)
    tags = [tag for tag, _ in parser.tags]
    assert tags.count("script") == 3  # vis-network, the data block, the page's own script
    assert "link" not in tags
    assert "iframe" not in tags
    for _, attrs in parser.tags:
        assert "src" not in attrs
        assert "href" not in attrs
    assert "@import" not in page
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", page)


def test_document_text_never_reaches_the_page_as_markup() -> None:
    page = render(hostile_view())
    parser = Tags()
    parser.feed(page)
    assert {tag for tag, _ in parser.tags}.isdisjoint({"img", "svg"})
    assert "__pwned" in page  # present, but only inside escaped JSON or text
    for text in HOSTILE[:3]:
        assert text not in page
    handlers = [name for _, attrs in parser.tags for name in attrs if name.startswith("on")]
    assert handlers == []


def test_data_block_round_trips_every_string() -> None:
    page = render(hostile_view())
    block = re.search(r'<script type="application/json" id="unkg-data">(.*?)</script>', page, re.S)
    assert block is not None
    data = json.loads(block.group(1))
    labels = {n["label"] for n in data["nodes"]}
    assert set(HOSTILE) <= labels
    texts = {n["info"].get("text") for n in data["nodes"]}
    assert set(HOSTILE) <= texts


@pytest.mark.parametrize("text", HOSTILE)
def test_script_json_escapes_what_could_end_a_script(text: str) -> None:
    encoded = script_json({"t": text})
    assert not set(encoded) & {"<", ">", "&", "\u2028", "\u2029"}
    assert json.loads(encoded) == {"t": text}


def star(n: int) -> nx.MultiDiGraph:
    view = nx.MultiDiGraph(view="citations", lang="en", title="",
                           kind_labels={"resolution": "resolution", "body": "body"})
    view.add_node("hub", kind="resolution", label="hub")
    for i in range(n):
        view.add_node(f"leaf{i}", kind="body", label=f"leaf {i}")
        view.add_edge(f"leaf{i}", "hub", key="cites", relation="cites", weight=1)
        if i % 2:
            view.add_edge(f"leaf{i}", f"leaf{i - 1}", key="cites", relation="cites", weight=1)
    return view


def test_trim_keeps_the_most_central_nodes() -> None:
    cut = trim(star(30), max_nodes=10)
    assert cut.view.number_of_nodes() == 10
    assert "hub" in cut.view
    assert cut.omitted_nodes == 21
    assert dict(cut.omitted) == {"body": 21}
    assert cut.total_edges == 45


def test_the_page_says_what_was_left_out() -> None:
    page = render_page(star(30), max_nodes=10)
    assert page.nodes == 10
    text = re.sub(r"\s+", " ", page.html)
    assert "Showing the 10 most central of 31 nodes" in text
    assert "21 × body" in text


def test_no_note_when_nothing_is_left_out() -> None:
    page = render_page(star(5))
    assert page.trimmed.omitted_nodes == 0
    assert 'id="omitted"' not in page.html
