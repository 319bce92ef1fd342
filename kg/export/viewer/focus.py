"""`--focus ACTOR --hops N`: the neighbourhood of one actor instead of the whole graph.

An actor is named by its id (Q-id or kg id) or by an English or Arabic name;
names compare by kg's matching key (hamza, taa marbuta, alef maqsura,
diacritics and case folded), so «أردوغان» finds اردوغان. Edges count in either
direction: who threatened Turkey is as near to it as whom Turkey threatened.
"""

from __future__ import annotations

from typing import Hashable

import networkx as nx

from kg.errors import KgError
from kg.text import normalize


def _names(attrs: dict) -> list[str]:
    names = [attrs.get("label"), attrs.get("label_ar"), *(attrs.get("aliases") or [])]
    return [normalize(str(n)).strip() for n in names if n]


def find_actor(graph: nx.MultiDiGraph, actor: str) -> Hashable:
    """The node `actor` names: an id, else one exact name, else one node whose name contains it."""
    if actor in graph:
        return actor
    key = normalize(actor).strip()
    if not key:
        raise KgError("--focus needs an actor name or id")
    exact = [n for n, attrs in graph.nodes(data=True) if key in _names(attrs) or normalize(str(n)) == key]
    if len(exact) == 1:
        return exact[0]
    partial = exact or [n for n, attrs in graph.nodes(data=True) if any(key in name for name in _names(attrs))]
    if len(partial) == 1:
        return partial[0]
    if not partial:
        raise KgError(f"--focus {actor!r}: no actor of that name or id in the graph")
    partial.sort(key=lambda n: -graph.degree(n))
    shown = ", ".join(f"{n} ({graph.nodes[n].get('label', n)})" for n in partial[:5])
    more = f" and {len(partial) - 5} more" if len(partial) > 5 else ""
    raise KgError(f"--focus {actor!r} names {len(partial)} actors: {shown}{more}; give an id")


def neighbourhood(graph: nx.MultiDiGraph, actor: str, hops: int) -> nx.MultiDiGraph:
    """The subgraph of the nodes at most `hops` edges from `actor`, with every edge among them."""
    if hops < 0:
        raise KgError("--hops must be 0 or more")
    centre = find_actor(graph, actor)
    nodes = nx.single_source_shortest_path_length(graph.to_undirected(as_view=True), centre, cutoff=hops)
    sub = graph.subgraph(nodes).copy()
    sub.graph["focus"] = centre
    sub.graph["hops"] = hops
    return sub
