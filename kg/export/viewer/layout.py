"""Node positions, computed once in Python so the browser runs no physics.

The old pyvis page let vis-network's physics settle in the browser: 25 s of
drifting at 268 nodes, a frozen tab at 10,000. Here the layout is done before
the page is written. Each connected component is laid out on its own with
igraph's Fruchterman-Reingold (grid-accelerated above 1,000 nodes: about 1.6 s
for 10,000 nodes / 30,000 edges, where networkx's forceatlas2_layout builds a
dense n x n matrix; see bench/RESULTS.md), scaled by its size, and the
components are packed in rows, largest first, so small islands do not fly
off to the edge of the picture. Seeded: the same graph gives the same page.
"""

from __future__ import annotations

import math
import random
from typing import Hashable, Sequence

import networkx as nx

Position = tuple[float, float]


def _component_layout(nodes: Sequence[Hashable], edges: list[tuple[int, int]], seed: int) -> list[Position]:
    n = len(nodes)
    if n == 1:
        return [(0.0, 0.0)]
    if n == 2:
        return [(-0.5, 0.0), (0.5, 0.0)]
    import igraph

    graph = igraph.Graph(n=n, edges=edges)
    rng = random.Random(seed)
    spread = math.sqrt(n)  # igraph's grid is in layout units: a tight start puts every node in one cell
    start = [[rng.uniform(-spread, spread), rng.uniform(-spread, spread)] for _ in range(n)]
    # igraph draws its random numbers from Python's `random`; keep the
    # caller's random state untouched and the result reproducible.
    saved = random.getstate()
    random.seed(seed)
    try:
        coords = graph.layout_fruchterman_reingold(seed=start, niter=500, grid="auto").coords
    finally:
        random.setstate(saved)
    return [(float(x), float(y)) for x, y in coords]


def _normalise(points: list[Position], radius: float) -> tuple[list[Position], float]:
    """Centre the points and scale them so that 90% lie within `radius`; the
    few beyond (long chains hanging off a dense core) are pulled in
    logarithmically, so they do not shrink the core to a blot. Returns the
    points and the radius they really take."""
    cx = sum(p[0] for p in points) / len(points)
    cy = sum(p[1] for p in points) / len(points)
    dists = sorted(math.hypot(x - cx, y - cy) for x, y in points)
    ref = dists[int(0.9 * (len(dists) - 1))] or dists[-1] or 1.0
    out: list[Position] = []
    for x, y in points:
        d = math.hypot(x - cx, y - cy) / ref
        factor = 1.0 if d <= 1.0 else (1.0 + 0.35 * math.log(d)) / d
        out.append(((x - cx) / ref * radius * factor, (y - cy) / ref * radius * factor))
    extent = max((math.hypot(x, y) for x, y in out), default=0.0)
    return out, max(extent, 0.5)


def compute_layout(graph: nx.MultiDiGraph, seed: int = 42) -> dict[Hashable, Position]:
    """Positions for every node of `graph` (directions and parallel edges ignored)."""
    order = sorted(graph.nodes, key=lambda n: (type(n).__name__, str(n)))
    simple = nx.Graph()
    simple.add_nodes_from(order)
    simple.add_edges_from((u, v) for u, v in graph.edges() if u != v)
    rank = {n: i for i, n in enumerate(order)}
    components = sorted((sorted(c, key=rank.__getitem__) for c in nx.connected_components(simple)),
                        key=lambda c: (-len(c), rank[c[0]]))
    placed: list[tuple[list[Hashable], list[Position], float]] = []
    for k, nodes in enumerate(components):
        index = {n: i for i, n in enumerate(nodes)}
        # each edge as (lower, higher) index: a subgraph view iterates its nodes in set order, so the
        # orientation it gives an undirected edge changes with PYTHONHASHSEED (and the layout with it)
        edges = sorted({(min(index[u], index[v]), max(index[u], index[v])) for u, v in simple.subgraph(nodes).edges()})
        radius = 1.0 + 2.0 * math.sqrt(len(nodes))  # area grows with the number of nodes
        points, extent = _normalise(_component_layout(nodes, edges, seed + k), radius)
        placed.append((nodes, points, extent))

    # Shelf packing: rows of components, widest first, in a roughly square block.
    total = sum((2 * r) ** 2 for _, _, r in placed)
    row_width = max(math.sqrt(total) * 1.1, 2 * placed[0][2]) if placed else 0.0
    positions: dict[Hashable, Position] = {}
    x = y = row_height = 0.0
    for nodes, points, radius in placed:
        size = 2 * radius + 1.0
        if x > 0 and x + size > row_width:
            x, y = 0.0, y + row_height
            row_height = 0.0
        ox, oy = x + size / 2, y + size / 2
        for node, (px, py) in zip(nodes, points):
            positions[node] = (round(ox + px, 2), round(oy + py, 2))  # rows go down the screen
        x += size
        row_height = max(row_height, size)
    return positions
