"""Network analytics over the graph's views: who is central, what is cited, which groups form.

The analysed network joins two views of :mod:`graph_builder.projections`: the citation network
(instruments citing instruments) and the bodies network (instruments naming bodies and groups,
bodies named beside instruments). Measures are networkx built-ins: degree and betweenness
centrality, in-degree for citations, Louvain communities (seeded, so runs repeat).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from graph_builder.errors import StoreError
from graph_builder.projections import (
    ACTOR_KINDS,
    INSTRUMENT_KINDS,
    Source,
    bodies_view,
    citation_view,
)

EXPORT_FORMATS = ("graphml", "gexf")
# Past this many nodes betweenness is estimated from a seeded sample of sources.
_EXACT_BETWEENNESS = 1000
_SAMPLE = 300


@dataclass(frozen=True)
class Ranked:
    """A node ranked by centrality: distinct neighbours, degree and betweenness centrality."""

    iri: str
    label: str
    kind: str
    degree: int
    centrality: float
    betweenness: float


@dataclass(frozen=True)
class Cited:
    """A resolution and how often it is cited: by how many instruments, in how many clauses."""

    iri: str
    label: str
    cited_by: int
    citing_clauses: int


@dataclass(frozen=True)
class Community:
    """A group of nodes more linked to each other than to the rest (Louvain)."""

    number: int
    members: tuple[str, ...]
    leading: tuple[str, ...]


@dataclass(frozen=True)
class Analysis:
    """Everything ``unkg analyze`` reports."""

    nodes: int
    edges: int
    central_bodies: tuple[Ranked, ...]
    central_instruments: tuple[Ranked, ...]
    most_cited: tuple[Cited, ...]
    communities: tuple[Community, ...]
    labels: dict[str, str]
    kinds: dict[str, str]


def entity_network(source: Source, *, lang: str = "en") -> nx.MultiDiGraph:
    """The citation view and the bodies view joined into one network."""
    citations = citation_view(source, lang=lang)
    bodies = bodies_view(source, lang=lang)
    network = nx.compose(citations, bodies)
    network.graph.update(
        view="network",
        lang=lang,
        title="",
        kind_labels={**citations.graph["kind_labels"], **bodies.graph["kind_labels"]},
        relation_labels={
            **citations.graph["relation_labels"], **bodies.graph["relation_labels"]
        },
    )
    return network


def analyze(network: nx.MultiDiGraph, *, top: int = 10, seed: int = 0) -> Analysis:
    """Rank bodies and instruments, count citations, find communities.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("r1", kind="resolution", label="A/RES/1")
    >>> g.add_node("r2", kind="resolution", label="A/RES/2")
    >>> g.add_node("b", kind="body", label="UNODC")
    >>> _ = g.add_edge("r2", "r1", key="cites", relation="cites", weight=3)
    >>> _ = g.add_edge("r1", "b", key="mentions", relation="mentions", weight=1)
    >>> _ = g.add_edge("r2", "b", key="mentions", relation="mentions", weight=1)
    >>> result = analyze(g)
    >>> [(r.label, r.degree) for r in result.central_bodies]
    [('UNODC', 2)]
    >>> [(r.label, r.cited_by, r.citing_clauses) for r in result.most_cited]
    [('A/RES/1', 1, 3)]
    """
    simple = _simple(network)
    degree = nx.degree_centrality(simple) if simple.number_of_nodes() > 1 else {}
    between = _betweenness(simple, seed=seed)
    kinds = {n: str(network.nodes[n].get("kind", "")) for n in network.nodes}
    labels = {n: str(network.nodes[n].get("label", n)) for n in network.nodes}

    def ranking(wanted: frozenset[str]) -> tuple[Ranked, ...]:
        chosen = [n for n in network.nodes if kinds[n] in wanted]
        chosen.sort(key=lambda n: (-degree.get(n, 0.0), -between.get(n, 0.0), labels[n]))
        return tuple(
            Ranked(n, labels[n], kinds[n], simple.degree(n), round(degree.get(n, 0.0), 4),
                   round(between.get(n, 0.0), 4))
            for n in chosen[:top]
        )

    citing: dict[str, set[str]] = {}
    clauses: dict[str, int] = {}
    for s, o, relation, data in network.edges(keys=True, data=True):
        if relation == "cites":
            citing.setdefault(o, set()).add(s)
            clauses[o] = clauses.get(o, 0) + int(data.get("weight", 1))
    cited = [n for n in citing if kinds.get(n) == "resolution"]
    cited.sort(key=lambda n: (-len(citing[n]), -clauses[n], labels[n]))
    most_cited = tuple(Cited(n, labels[n], len(citing[n]), clauses[n]) for n in cited[:top])
    return Analysis(
        nodes=network.number_of_nodes(),
        edges=network.number_of_edges(),
        central_bodies=ranking(ACTOR_KINDS),
        central_instruments=ranking(INSTRUMENT_KINDS),
        most_cited=most_cited,
        communities=communities(network, seed=seed, degree=degree),
        labels=labels,
        kinds=kinds,
    )


def communities(
    network: nx.MultiDiGraph, *, seed: int = 0, degree: dict[str, float] | None = None
) -> tuple[Community, ...]:
    """Louvain communities of the undirected, weighted network, largest first.

    >>> g = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("c", "a"), ("x", "y")])
    >>> [c.members for c in communities(g)]
    [('a', 'b', 'c'), ('x', 'y')]
    """
    simple = _simple(network)
    if simple.number_of_nodes() == 0:
        return ()
    score = degree if degree is not None else nx.degree_centrality(simple)
    found = nx.community.louvain_communities(simple, weight="weight", seed=seed)
    ordered = sorted(found, key=lambda c: (-len(c), min(c)))
    return tuple(
        Community(
            number=i + 1,
            members=tuple(sorted(c)),
            leading=tuple(sorted(c, key=lambda n: (-score.get(n, 0.0), n))[:5]),
        )
        for i, c in enumerate(ordered)
    )


def to_text(analysis: Analysis, *, communities_shown: int = 8) -> str:
    """The report ``unkg analyze`` prints."""
    lines = [f"network: {analysis.nodes} nodes, {analysis.edges} edges", ""]
    ranked_header = ("kind", "neighbours", "degree c.", "betweenness c.")
    lines += _table(
        "Most central bodies and groups",
        ("body", *ranked_header),
        [_ranked_row(r) for r in analysis.central_bodies],
    )
    lines += _table(
        "Most central instruments",
        ("instrument", *ranked_header),
        [_ranked_row(r) for r in analysis.central_instruments],
    )
    lines += _table(
        "Most cited resolutions",
        ("resolution", "cited by", "citing clauses"),
        [(r.label, r.cited_by, r.citing_clauses) for r in analysis.most_cited],
    )
    shown = analysis.communities[:communities_shown]
    lines += _table(
        f"Communities (Louvain): {len(analysis.communities)}",
        ("#", "size", "leading members"),
        [(c.number, len(c.members), _clip(", ".join(analysis.labels[m] for m in c.leading)))
         for c in shown],
    )
    return "\n".join(lines).rstrip() + "\n"


def write_csv(analysis: Analysis, folder: str | Path) -> list[Path]:
    """Write one CSV per table into ``folder``; returns the files written."""
    out = Path(folder)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(f"{out}: cannot create the CSV folder: {error.strerror}") from error
    ranked_header = ("iri", "label", "kind", "neighbours", "degree_centrality", "betweenness")
    files: dict[str, tuple[Sequence[str], list[Sequence[Any]]]] = {
        "central-bodies.csv": (ranked_header, [
            (r.iri, r.label, r.kind, r.degree, r.centrality, r.betweenness)
            for r in analysis.central_bodies
        ]),
        "central-instruments.csv": (ranked_header, [
            (r.iri, r.label, r.kind, r.degree, r.centrality, r.betweenness)
            for r in analysis.central_instruments
        ]),
        "most-cited.csv": (("iri", "label", "cited_by", "citing_clauses"), [
            (r.iri, r.label, r.cited_by, r.citing_clauses) for r in analysis.most_cited
        ]),
        "communities.csv": (("community", "iri", "label", "kind"), [
            (c.number, m, analysis.labels[m], analysis.kinds[m])
            for c in analysis.communities for m in c.members
        ]),
    }
    written = []
    for name, (header, rows) in files.items():
        path = out / name
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows(rows)
        written.append(path)
    return written


def export(network: nx.MultiDiGraph, path: str | Path, *, fmt: str) -> Path:
    """Write ``network`` as GraphML or GEXF (for Gephi), plain attributes only.

    >>> import tempfile
    >>> g = nx.MultiDiGraph(kind_labels={"body": "Body"})
    >>> g.add_edge("a", "b", key="cites", relation="cites", weight=1)
    'cites'
    >>> with tempfile.TemporaryDirectory() as d:
    ...     export(g, Path(d) / "g.graphml", fmt="graphml").stat().st_size > 0
    True
    """
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose {', '.join(EXPORT_FORMATS)}")
    flat = network.copy()
    flat.graph = {k: v for k, v in network.graph.items() if isinstance(v, str | int | float)}
    for _, data in flat.nodes(data=True):
        for key in [k for k, v in data.items() if v is None]:
            del data[key]
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "graphml":
        nx.write_graphml(flat, out)
    else:
        nx.write_gexf(flat, out)
    return out


def _clip(text: str, width: int = 96) -> str:
    """``text`` cut to ``width`` characters.

    >>> _clip("a, b, c", 4)
    'a, …'
    """
    return text if len(text) <= width else text[: width - 1] + "…"


def _ranked_row(r: Ranked) -> tuple[str, str, int, str, str]:
    return (r.label, r.kind, r.degree, f"{r.centrality:.3f}", f"{r.betweenness:.3f}")


def _simple(network: nx.MultiDiGraph) -> nx.Graph:
    """Undirected simple graph; parallel edges add up their weights."""
    simple = nx.Graph()
    simple.add_nodes_from(network.nodes)
    for s, o, data in network.edges(data=True):
        if s == o:
            continue
        weight = float(data.get("weight", 1))
        if simple.has_edge(s, o):
            simple[s][o]["weight"] += weight
        else:
            simple.add_edge(s, o, weight=weight)
    return simple


def _betweenness(simple: nx.Graph, *, seed: int) -> dict[str, float]:
    n = simple.number_of_nodes()
    if n < 3:
        return {}
    sample = None if n <= _EXACT_BETWEENNESS else _SAMPLE
    return nx.betweenness_centrality(simple, k=sample, seed=seed)


def _table(title: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> list[str]:
    cells = [[str(c) for c in row] for row in rows]
    widths = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(header)]
    out = [title, "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()]
    out.append("  ".join("-" * w for w in widths))
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    if not cells:
        out.append("(none)")
    return [*out, ""]


__all__ = [
    "EXPORT_FORMATS",
    "Analysis",
    "Cited",
    "Community",
    "Ranked",
    "analyze",
    "communities",
    "entity_network",
    "export",
    "to_text",
    "write_csv",
]
