"""Draw a view (see :mod:`graph_builder.projections`) as one self-contained HTML page.

The page inlines vis-network from the pyvis package, so it opens with no network access. The
layout is computed beforehand (:mod:`graph_builder.layouts`) and physics is off, so the network
is still and usable as soon as it is drawn. Node size follows degree centrality; past
``max_nodes`` only the most central nodes are kept and the page says what was left out.

Everything that comes from documents travels as JSON inside a ``<script type="application/json">``
block with ``<``, ``>`` and ``&`` written as ``\\u`` escapes, and the page's own script puts it into
the DOM with ``textContent`` only, so a clause holding markup shows as text.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from pyvis.network import Network

from graph_builder.layouts import layout
from graph_builder.projections import UNKNOWN_KIND

if TYPE_CHECKING:
    # Where Python 3.10 keeps it (3.11 moved it to importlib.resources.abc).
    from importlib.abc import Traversable

DEFAULT_MAX_NODES = 2000

# Colour and vis-network shape per node kind; the legend draws the same shapes in CSS.
KIND_STYLE: dict[str, tuple[str, str]] = {
    "resolution": ("#1f5fa8", "hexagon"),
    "convention": ("#2a9d4b", "square"),
    "protocol": ("#7cc47f", "square"),
    "declaration": ("#16a3b5", "square"),
    "document": ("#8fb8cf", "square"),
    "annex": ("#4a90c2", "square"),
    "instrument": ("#5d7f95", "square"),
    "operative": ("#f08a24", "dot"),
    "preambular": ("#f6c177", "dot"),
    "subparagraph": ("#f9dcae", "dot"),
    "clause": ("#f6c177", "dot"),
    "footnote": ("#b9b9b9", "triangleDown"),
    "body": ("#d1383d", "diamond"),
    "group": ("#f29a9c", "diamond"),
    "event": ("#8e5cc4", "star"),
    "place": ("#8c6a4f", "triangle"),
    "topic": ("#3f9e5a", "dot"),
    UNKNOWN_KIND: ("#c4c4c4", "dot"),
}
# Legend order: what a reader looks for first.
KIND_ORDER = tuple(KIND_STYLE)
RELATION_STYLE: dict[str, tuple[str, bool]] = {
    "is_part_of": ("#e1e1e1", False),
    "hasFootnote": ("#b0b0b0", True),
    "cites": ("#1f5fa8", False),
    "mentions": ("#b3b3b3", False),
    "addresses": ("#d1383d", False),
    "realizedBy": ("#16a3b5", True),
    "passed_by": ("#555555", True),
    "is_about": ("#3f9e5a", True),
    "namedWith": ("#8e5cc4", False),
}
_VIS = ("lib", "vis-9.1.2")
_CLOSING_TAG = re.compile(r"</(script|style)", re.IGNORECASE)
_TOOLTIP_TEXT = 700


@dataclass(frozen=True)
class Trimmed:
    """A view cut to a node budget, and what was cut."""

    view: nx.MultiDiGraph
    total_nodes: int
    total_edges: int
    omitted: Counter[str] = field(default_factory=Counter)

    @property
    def omitted_nodes(self) -> int:
        return self.total_nodes - self.view.number_of_nodes()


def centrality(view: nx.MultiDiGraph) -> dict[str, float]:
    """Degree centrality of every node, parallel edges and direction ignored.

    >>> g = nx.MultiDiGraph([("a", "b"), ("a", "c"), ("a", "b")])
    >>> centrality(g)["a"], centrality(g)["b"]
    (1.0, 0.5)
    """
    return nx.degree_centrality(nx.Graph(view.to_undirected(as_view=True)))


def trim(view: nx.MultiDiGraph, *, max_nodes: int = DEFAULT_MAX_NODES) -> Trimmed:
    """Keep the ``max_nodes`` most central nodes (the view's focus always stays).

    Every node gets a ``centrality`` attribute, computed on the whole view.

    >>> g = nx.MultiDiGraph([("hub", str(i)) for i in range(5)])
    >>> nx.set_node_attributes(g, "body", "kind")
    >>> cut = trim(g, max_nodes=3)
    >>> sorted(cut.view), cut.omitted_nodes, dict(cut.omitted)
    (['0', '1', 'hub'], 3, {'body': 3})
    """
    scores = centrality(view)
    for node, score in scores.items():
        view.nodes[node]["centrality"] = score
    total_nodes, total_edges = view.number_of_nodes(), view.number_of_edges()
    if total_nodes <= max_nodes:
        return Trimmed(view, total_nodes, total_edges)
    focus = view.graph.get("focus")
    ranked = sorted(view.nodes, key=lambda n: (n != focus, -scores[n], str(n)))
    kept = set(ranked[:max_nodes])
    omitted = Counter(view.nodes[n].get("kind", UNKNOWN_KIND) for n in ranked[max_nodes:])
    cut = view.subgraph(kept).copy()
    return Trimmed(cut, total_nodes, total_edges, omitted)


def to_network(view: nx.MultiDiGraph, positions: dict[str, tuple[float, float]]) -> Network:
    """The pyvis network of a (trimmed) view: styled nodes at fixed positions, typed edges."""
    net = Network(directed=True, cdn_resources="in_line")
    top = max((view.nodes[v].get("centrality", 0.0) for v in view.nodes), default=0.0) or 1.0
    for node, data in view.nodes(data=True):
        kind = data.get("kind", UNKNOWN_KIND)
        colour, shape = KIND_STYLE.get(kind, KIND_STYLE[UNKNOWN_KIND])
        x, y = positions.get(node, (0.0, 0.0))
        score = data.get("centrality", 0.0) / top
        label = str(data.get("label") or node)
        extra = {} if " " in label else {"widthConstraint": False}  # never break a symbol
        net.add_node(
            node,
            label=label,
            shape=shape,
            color=colour,
            value=round(1 + 99 * math.sqrt(score), 2),
            x=x,
            y=y,
            kind=kind,
            info=_info(data),
            **extra,
        )
    for s, o, relation, data in view.edges(keys=True, data=True):
        colour, dashed = RELATION_STYLE.get(relation, ("#999999", False))
        weight = int(data.get("weight", 1))
        net.add_edge(
            s,
            o,
            relation=relation,
            color=colour,
            dashes=dashed,
            width=round(1 + math.log2(weight), 2),
            weight=weight,
        )
    net.options = _options(view)
    return net


@dataclass(frozen=True)
class Page:
    """A rendered page and what it shows."""

    html: str
    trimmed: Trimmed

    @property
    def nodes(self) -> int:
        return int(self.trimmed.view.number_of_nodes())

    @property
    def edges(self) -> int:
        return int(self.trimmed.view.number_of_edges())


def render(view: nx.MultiDiGraph, *, max_nodes: int = DEFAULT_MAX_NODES) -> str:
    """The HTML page for ``view``, trimmed to ``max_nodes``.

    >>> g = nx.MultiDiGraph(view="citations", lang="en", title="")
    >>> g.add_node("x", kind="resolution", label="<b>A/RES/1</b>")
    >>> page = render(g)
    >>> "<b>A/RES/1</b>" in page, "\\\\u003cb\\\\u003eA/RES/1" in page
    (False, True)
    """
    return render_page(view, max_nodes=max_nodes).html


def render_page(view: nx.MultiDiGraph, *, max_nodes: int = DEFAULT_MAX_NODES) -> Page:
    """The page for ``view`` with the counts of what it shows and leaves out."""
    trimmed = trim(view, max_nodes=max_nodes)
    positions = layout(trimmed.view)
    net = to_network(trimmed.view, positions)
    nodes, edges, _heading, _height, _width, options = net.get_network_data()
    lang = str(view.graph.get("lang", "en"))
    kinds = view.graph.get("kind_labels", {})
    relations = view.graph.get("relation_labels", {})
    data = {
        "nodes": nodes,
        "edges": edges,
        "options": json.loads(options),
        "kinds": [
            {"kind": k, "label": _capital(kinds.get(k, k)), "color": KIND_STYLE[k][0],
             "shape": KIND_STYLE[k][1], "count": _count(trimmed.view, k)}
            for k in KIND_ORDER
            if _count(trimmed.view, k)
        ],
        "relations": [
            {"relation": r, "label": _capital(relations.get(r, r)), "color": RELATION_STYLE[r][0],
             "dashed": RELATION_STYLE[r][1],
             "count": sum(1 for *_, k in trimmed.view.edges(keys=True) if k == r)}
            for r in RELATION_STYLE
            if any(k == r for *_, k in trimmed.view.edges(keys=True))
        ],
        "focus": view.graph.get("focus"),
    }
    template = _environment().get_template("page.html")
    html = template.render(
        lang=lang,
        title=_page_title(view),
        view=view.graph.get("view", ""),
        shown_nodes=trimmed.view.number_of_nodes(),
        shown_edges=trimmed.view.number_of_edges(),
        total_nodes=trimmed.total_nodes,
        total_edges=trimmed.total_edges,
        omitted=[(kinds.get(k, k), n) for k, n in trimmed.omitted.most_common()],
        data=Markup(script_json(data)),
        vis_js=Markup(_vis_asset("vis-network.min.js")),
        vis_css=Markup(_vis_asset("vis-network.css")),
        page_js=Markup(_own_asset("network.js")),
        page_css=Markup(_own_asset("network.css")),
    )
    return Page(html, trimmed)


def write_html(
    view: nx.MultiDiGraph, path: str | Path, *, max_nodes: int = DEFAULT_MAX_NODES
) -> Page:
    """Write the page for ``view`` to ``path`` (UTF-8)."""
    page = render_page(view, max_nodes=max_nodes)
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page.html, encoding="utf-8")
    return page


def iframe(view: nx.MultiDiGraph, *, max_nodes: int = DEFAULT_MAX_NODES, height: int = 640) -> str:
    """The page inside an ``<iframe srcdoc>``, for a notebook cell (``IPython.display.HTML``).

    The frame keeps the page's styles and scripts away from the notebook's own.

    >>> g = nx.MultiDiGraph(view="citations", lang="en", title="")
    >>> g.add_node("x", kind="resolution", label="A/RES/1")
    >>> iframe(g).startswith('<div class="unkg-network"><iframe srcdoc="&lt;!DOCTYPE html&gt;')
    True
    """
    page = html.escape(render(view, max_nodes=max_nodes), quote=True)
    return (
        f'<div class="unkg-network"><iframe srcdoc="{page}" '
        f'style="width: 100%; height: {int(height)}px; border: 0" sandbox="allow-scripts">'
        "</iframe></div>"
    )


def script_json(value: Any) -> str:
    """JSON that is safe inside a ``<script>`` element: no ``<``, ``>``, ``&`` or line separators.

    >>> script_json({"t": "</script><img src=x onerror=alert(1)>"})
    '{"t": "\\\\u003c/script\\\\u003e\\\\u003cimg src=x onerror=alert(1)\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def _info(data: dict[str, Any]) -> dict[str, Any]:
    """What the tooltip and the details panel show: plain strings, never markup."""
    info: dict[str, Any] = {"heading": str(data.get("heading") or data.get("label") or "")}
    for key in ("symbol", "number", "lead", "iri"):
        if data.get(key) is not None:
            info[key] = data[key]
    if data.get("text"):
        info["text"] = str(data["text"])
        info["excerpt"] = _excerpt(str(data["text"]))
    return info


def _excerpt(text: str) -> str:
    if len(text) <= _TOOLTIP_TEXT:
        return text
    return text[:_TOOLTIP_TEXT].rsplit(" ", 1)[0] + " …"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _count(view: nx.MultiDiGraph, kind: str) -> int:
    return sum(1 for _, k in view.nodes(data="kind") if k == kind)


def _page_title(view: nx.MultiDiGraph) -> str:
    title = str(view.graph.get("title") or "")
    return title or f"{view.number_of_nodes()} nodes, {view.number_of_edges()} edges"


def _options(view: nx.MultiDiGraph) -> dict[str, Any]:
    big = view.number_of_nodes() > 400
    return {
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
            "multiselect": True,
        },
        "nodes": {
            "borderWidth": 1,
            "font": {"size": 13, "face": "system-ui, sans-serif", "strokeWidth": 3,
                     "strokeColor": "#ffffff"},
            "widthConstraint": {"maximum": 170},
            "scaling": {
                "min": 8,
                "max": 42,
                # Hubs keep a label when the whole network is in view; the rest show on zoom.
                "label": {"enabled": True, "min": 10, "max": 34, "drawThreshold": 5,
                          "maxVisible": 28},
            },
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.45}},
            "smooth": False,
            "selectionWidth": 2,
            "hoverWidth": 1.5,
        },
    }


def _assets() -> Traversable:
    # One step per joinpath: before Python 3.11 a Traversable joins a single name.
    return resources.files("graph_builder").joinpath("static").joinpath("viz")


def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(str(_assets())),
        autoescape=select_autoescape(default=True, default_for_string=True),
        keep_trailing_newline=True,
    )


def _own_asset(name: str) -> str:
    return _no_closing_tag(_assets().joinpath(name).read_text(encoding="utf-8"), name)


def _vis_asset(name: str) -> str:
    import pyvis

    folder = Path(pyvis.__file__).parent / "templates" / Path(*_VIS)
    return _no_closing_tag((folder / name).read_text(encoding="utf-8"), name)


def _no_closing_tag(text: str, name: str) -> str:
    # An inlined asset must not be able to close the element it is inlined in.
    if _CLOSING_TAG.search(text):
        raise ValueError(f"{name} contains a closing script/style tag and cannot be inlined")
    return text


__all__ = [
    "DEFAULT_MAX_NODES",
    "Page",
    "Trimmed",
    "centrality",
    "iframe",
    "render",
    "render_page",
    "script_json",
    "to_network",
    "trim",
    "write_html",
]
