"""Node positions for the network page, computed before the page is drawn.

Two layouts:

* :func:`radial_layout` for one resolution: the instrument in the middle, its clauses on a ring
  in reading order (preamble, then operative part), sub-paragraphs and footnotes just outside
  their clause; what the clauses name sits outside the ring next to the clauses that name it,
  or inside the ring when clauses all around name it.
* :func:`force_layout` for everything else: ForceAtlas2 (networkx), node sizes respected.

Positions are in canvas pixels, centred on (0, 0).
"""

from __future__ import annotations

import math
import zlib
from collections import defaultdict

import networkx as nx
import numpy as np

Positions = dict[str, tuple[float, float]]

_CLAUSE_KINDS = ("preambular", "operative", "clause")
_CLAUSE_SPACING = 80.0  # px of ring per clause
_MIN_RING = 260.0
_CHILD_STEP = 46.0
_OUTER_GAP = 190.0
_NODE_ROOM = 58.0  # px two free nodes keep between them
_EDGE = 110.0  # px of a typical edge in a force layout
_MARGIN = 70.0  # px around each packed component
_SHARE = 150.0  # px of side of the square each node of a dense component gets
_CORE = 300  # nodes of a component laid out by ForceAtlas2; the rest sit beside them


def layout(view: nx.MultiDiGraph, *, seed: int = 7) -> Positions:
    """The layout that suits ``view``: radial for one resolution, ForceAtlas2 otherwise.

    >>> g = nx.MultiDiGraph([("a", "b"), ("b", "c")], view="citations")
    >>> sorted(layout(g))
    ['a', 'b', 'c']
    """
    focus = view.graph.get("focus")
    if view.graph.get("view") == "resolution" and focus in view:
        return radial_layout(view, focus)
    return force_layout(view, seed=seed)


def force_layout(view: nx.MultiDiGraph, *, seed: int = 7) -> Positions:
    """ForceAtlas2 per connected component, components packed in rows, largest first.

    Each component is scaled so that its typical edge is :data:`_EDGE` px long, so a small
    cluster is not shrunk to a dot by a large one or by a far-off isolated node.

    >>> g = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("x", "y")])
    >>> pos = force_layout(g)
    >>> round(math.dist(pos["x"], pos["y"]))
    110
    """
    simple = nx.Graph(view.to_undirected(as_view=True))
    simple.remove_edges_from(nx.selfloop_edges(simple))
    parts = sorted(nx.connected_components(simple), key=lambda c: (-len(c), min(c)))
    blocks: list[dict[str, np.ndarray]] = []
    for part in parts:
        blocks.append(_component(simple.subgraph(part), view, seed=seed))
    pos = _pack(blocks)
    _spread(pos, set())
    return {n: (round(float(p[0]), 1), round(float(p[1]), 1)) for n, p in pos.items()}


def _component(part: nx.Graph, view: nx.MultiDiGraph, *, seed: int) -> dict[str, np.ndarray]:
    """Positions of one connected component, centred, typical edge :data:`_EDGE` px.

    ForceAtlas2 costs the square of the node count per step, so a large component lays out
    only its :data:`_CORE` most central nodes that way; every other node then sits beside the
    neighbours already placed, nearest to the core first.
    """
    nodes = sorted(part)
    if len(nodes) == 1:
        return {nodes[0]: np.zeros(2)}
    if len(nodes) == 2:
        return {nodes[0]: np.array([-_EDGE / 2, 0.0]), nodes[1]: np.array([_EDGE / 2, 0.0])}
    score = {v: view.nodes[v].get("centrality", 0.0) for v in nodes}
    core = sorted(nodes, key=lambda v: (-score[v], v))[:_CORE]
    core_graph = part.subgraph(core)
    raw = nx.forceatlas2_layout(
        core_graph,
        max_iter=300 if len(core) <= 150 else 150,
        scaling_ratio=2.0,
        gravity=1.0,
        node_size={v: 1.0 + 4.0 * score[v] for v in core},
        seed=seed,
    )
    lengths = [float(np.linalg.norm(raw[a] - raw[b])) for a, b in core_graph.edges()]
    typical = float(np.median(lengths)) if lengths else 1.0
    points = np.array([raw[v] for v in core], dtype=float)
    area = float(np.prod(points.max(axis=0) - points.min(axis=0))) or 1.0
    # Dense components need more room than their edge lengths say: give each node its share.
    scale = max(_EDGE / (typical or 1.0), math.sqrt(len(core) * _SHARE**2 / area))
    xy = {v: np.asarray(raw[v], dtype=float) * scale for v in core}
    # The rest, breadth first from the core: spread evenly around the neighbour that places them.
    children: dict[str, list[str]] = defaultdict(list)
    for node, parent in _outward(part, core):
        children[parent].append(node)
    queue = [v for v in core if children.get(v)]
    while queue:
        parent = queue.pop(0)
        kids = children[parent]
        start = (zlib.crc32(parent.encode()) % 3600) / 3600 * 2 * math.pi
        for kid, (reach, theta) in zip(kids, _rings(len(kids)), strict=True):
            angle = start + theta
            xy[kid] = xy[parent] + reach * np.array([math.cos(angle), math.sin(angle)])
            if children.get(kid):
                queue.append(kid)
    centre = np.mean(list(xy.values()), axis=0)
    return {v: p - centre for v, p in xy.items()}


def _rings(count: int) -> list[tuple[float, float]]:
    """``count`` places (radius, angle) on rings around a node, each ring as full as it can be.

    >>> [(round(r), round(a, 2)) for r, a in _rings(3)]
    [(110, 0.0), (110, 2.09), (110, 4.19)]
    """
    places: list[tuple[float, float]] = []
    radius = _EDGE
    while len(places) < count:
        room = max(1, int(2 * math.pi * radius / _NODE_ROOM))
        here = min(room, count - len(places))
        # Each ring turns a little against the last, so that nodes do not line up in spokes.
        turn = (radius - _EDGE) / _NODE_ROOM * 0.5
        places += [(radius, 2 * math.pi * i / here + turn) for i in range(here)]
        radius += _NODE_ROOM
    return places


def _outward(part: nx.Graph, core: list[str]) -> list[tuple[str, str]]:
    """Each node not in ``core`` with the neighbour that reaches it first, breadth first."""
    seen = set(core)
    order: list[tuple[str, str]] = []
    frontier = sorted(core)
    while frontier:
        following = []
        for node in frontier:
            for m in sorted(part.neighbors(node)):
                if m not in seen:
                    seen.add(m)
                    order.append((m, node))
                    following.append(m)
        frontier = following
    return order


def _pack(blocks: list[dict[str, np.ndarray]]) -> dict[str, np.ndarray]:
    """Lay blocks out in rows (largest first), each block in its own bounding box."""
    boxes = []
    for block in blocks:
        xy = np.array(list(block.values()))
        low, high = xy.min(axis=0) - _MARGIN, xy.max(axis=0) + _MARGIN
        boxes.append((low, high))
    area = sum(float(np.prod(high - low)) for low, high in boxes)
    row_width = max(math.sqrt(area) * 1.4, float(boxes[0][1][0] - boxes[0][0][0]))
    pos: dict[str, np.ndarray] = {}
    x = y = row_height = 0.0
    for block, (low, high) in zip(blocks, boxes, strict=True):
        width, height = high - low
        if x > 0 and x + width > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        offset = np.array([x, y]) - low
        for node, point in block.items():
            pos[node] = point + offset
        x += width
        row_height = max(row_height, float(height))
    xy = np.array(list(pos.values()))
    centre = (xy.min(axis=0) + xy.max(axis=0)) / 2
    return {n: p - centre for n, p in pos.items()}


def radial_layout(view: nx.MultiDiGraph, focus: str) -> Positions:
    """Clauses on a ring around ``focus``; everything else placed by the clauses naming it.

    >>> g = nx.MultiDiGraph(view="resolution", focus="r")
    >>> for i in (1, 2, 3):
    ...     g.add_node(f"r/op/{i}", kind="operative", position=i)
    ...     _ = g.add_edge(f"r/op/{i}", "r", key="is_part_of")
    >>> _ = g.add_edge("r/op/1", "body", key="mentions")
    >>> pos = radial_layout(g, "r")
    >>> pos["r"], round(math.dist(pos["r"], pos["r/op/2"]))
    ((0.0, 0.0), 260)
    >>> math.dist(pos["r"], pos["body"]) > 260
    True
    """
    kinds = {n: view.nodes[n].get("kind", "") for n in view.nodes}
    clauses = [n for n in view.predecessors(focus)
               if kinds[n] in _CLAUSE_KINDS and view.has_edge(n, focus, key="is_part_of")]
    clauses.sort(key=lambda n: (_CLAUSE_KINDS.index(kinds[n]), _position(view, n), n))
    pos: dict[str, np.ndarray] = {focus: np.zeros(2)}
    angle: dict[str, float] = {}
    if not clauses:
        return force_layout(view)
    count = len(clauses)
    radius = max(_MIN_RING, count * _CLAUSE_SPACING / (2 * math.pi))
    # A small gap between the preamble and the operative part shows where one ends.
    gap = 1.5 if any(kinds[c] == "preambular" for c in clauses) else 0.0
    step = 2 * math.pi / (count + 2 * gap)
    slot = 0.0
    for i, clause in enumerate(clauses):
        if i and kinds[clause] != kinds[clauses[i - 1]]:
            slot += gap
        theta = -math.pi / 2 + step * slot
        angle[clause] = theta
        pos[clause] = radius * np.array([math.cos(theta), math.sin(theta)])
        slot += 1
    _place_children(view, clauses, angle, pos, radius, kinds)
    ring_owner = {c: c for c in clauses} | _children_of(view, clauses, kinds)
    rest = [n for n in view.nodes if n not in pos]
    outer = radius + _OUTER_GAP
    unplaced = _place_by_clauses(view, rest, ring_owner, angle, pos, radius, outer)
    # Things named only by other named things (a convention's resolution) follow them.
    for _ in range(3):
        still = []
        for node in unplaced:
            placed = [pos[m] for m in nx.all_neighbors(view, node) if m in pos]
            if placed:
                centre = np.mean(placed, axis=0)
                direction = centre / (np.linalg.norm(centre) or 1.0)
                pos[node] = centre + direction * 90.0
            else:
                still.append(node)
        unplaced = still
    for node in unplaced:
        theta = (zlib.crc32(node.encode()) % 3600) / 3600 * 2 * math.pi
        pos[node] = (outer + 120.0) * np.array([math.cos(theta), math.sin(theta)])
    fixed = {focus, *clauses, *ring_owner}
    _spread(pos, fixed)
    return {n: (round(float(p[0]), 1), round(float(p[1]), 1)) for n, p in pos.items()}


def _position(view: nx.MultiDiGraph, node: str) -> int:
    data = view.nodes[node]
    value = data.get("position", data.get("number"))
    if value is not None:
        return int(value)
    tail = node.rstrip("/").rsplit("/", 1)[-1]
    return int(tail) if tail.isdigit() else 0


def _children_of(
    view: nx.MultiDiGraph, clauses: list[str], kinds: dict[str, str]
) -> dict[str, str]:
    """Sub-paragraphs (at any depth) and footnotes, each with the clause it hangs from."""
    owner: dict[str, str] = {}
    for clause in clauses:
        stack = [clause]
        while stack:
            parent = stack.pop()
            for child in view.predecessors(parent):
                if kinds[child] == "subparagraph" and child not in owner:
                    owner[child] = clause
                    stack.append(child)
        for note in view.successors(clause):
            if kinds[note] == "footnote" and view.has_edge(clause, note, key="hasFootnote"):
                owner.setdefault(note, clause)
    return owner


def _place_children(
    view: nx.MultiDiGraph,
    clauses: list[str],
    angle: dict[str, float],
    pos: dict[str, np.ndarray],
    radius: float,
    kinds: dict[str, str],
) -> None:
    by_clause: dict[str, list[str]] = defaultdict(list)
    for child, clause in _children_of(view, clauses, kinds).items():
        by_clause[clause].append(child)
    for clause, children in by_clause.items():
        children.sort(key=lambda n: (kinds[n] == "footnote", _position(view, n), n))
        for k, child in enumerate(children):
            # Outward from the clause, alternating a little to either side.
            side = 0.0 if k == 0 else (0.08 if k % 2 else -0.08)
            theta = angle[clause] + side
            r = radius + _CHILD_STEP * (1 + k // 2 * 0.8 + (k > 0) * 0.6)
            pos[child] = r * np.array([math.cos(theta), math.sin(theta)])


def _place_by_clauses(
    view: nx.MultiDiGraph,
    nodes: list[str],
    owner: dict[str, str],
    angle: dict[str, float],
    pos: dict[str, np.ndarray],
    radius: float,
    outer: float,
) -> list[str]:
    """Place each node at the mean direction of the clauses that name it; return the others."""
    unplaced = []
    for node in sorted(nodes):
        thetas = [angle[owner[m]] for m in nx.all_neighbors(view, node) if m in owner]
        if not thetas:
            unplaced.append(node)
            continue
        mean = np.mean([[math.cos(t), math.sin(t)] for t in thetas], axis=0)
        spread = float(np.linalg.norm(mean))
        theta = math.atan2(mean[1], mean[0])
        if spread >= 0.55:
            r = outer + 40.0 * (len(thetas) > 1)
        else:
            # Named from all around the ring: inside it, nearer the centre the wider the spread.
            r = radius * (0.3 + 0.6 * spread)
            if spread < 0.05:
                theta = (zlib.crc32(node.encode()) % 3600) / 3600 * 2 * math.pi
        pos[node] = r * np.array([math.cos(theta), math.sin(theta)])
    return unplaced


def _spread(pos: dict[str, np.ndarray], fixed: set[str], *, rounds: int = 60) -> None:
    """Push free nodes apart until no two nodes are closer than :data:`_NODE_ROOM`.

    Only nodes in neighbouring grid cells are compared, so a round costs about the node count.
    """
    names = list(pos)
    if not names:
        return
    xy = np.array([pos[n] for n in names], dtype=float)
    free = np.array([n not in fixed for n in names])
    if not free.any():
        return
    rng = np.random.default_rng(7)
    for _ in range(rounds):
        cells: dict[tuple[int, int], list[int]] = defaultdict(list)
        for i, key in enumerate(map(tuple, np.floor(xy / _NODE_ROOM).astype(int))):
            cells[key].append(i)
        move = np.zeros_like(xy)
        crowded = False
        for (cx, cy), members in cells.items():
            near = [j for dx in (-1, 0, 1) for dy in (-1, 0, 1)
                    for j in cells.get((cx + dx, cy + dy), ())]
            a, b = np.array(members), np.array(near)
            delta = xy[a][:, None, :] - xy[b][None, :, :]
            dist = np.linalg.norm(delta, axis=2)
            dist[a[:, None] == b[None, :]] = np.inf
            close = dist < _NODE_ROOM
            if not close.any():
                continue
            crowded = True
            # Coincident nodes get a random nudge so that they can separate.
            same = dist < 1e-6
            delta[same] = rng.normal(size=(int(same.sum()), 2))
            dist = np.where(same, 1.0, dist)
            overlap = np.where(close, _NODE_ROOM - dist, 0.0) / dist
            move[a] += (overlap[:, :, None] * delta).sum(axis=1) * 0.5
        if not crowded:
            break
        xy[free] += move[free]
    for name, point in zip(names, xy, strict=True):
        pos[name] = point
