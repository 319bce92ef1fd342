"""The viewer graph → the page's data: compact, columnar, deduplicated JSON.

The pyvis page wrote every edge as an object with a formatted tooltip and
repeated its sentences per edge: 90 MB at 10,000 nodes / 30,000 edges. Here
nodes and edges are parallel arrays, relations, modalities, types and
documents are tables referred to by index, and each distinct sentence is
stored once however many edges it supports. Search keys are precomputed
with kg's own Arabic normaliser (kg.text.normalize), which the page mirrors
for the typed query.
"""

from __future__ import annotations

import json
import math
from typing import Any, Hashable

import networkx as nx

from kg.export.viewer.model import Evidence, base_relation, edge_evidence, text, text_list
from kg.text import normalize

# Okabe-Ito inspired, as on the old page; unknown types share the grey.
TYPE_COLORS: dict[str, str] = {
    "Country": "#0072B2",
    "Person": "#E69F00",
    "Organization": "#009E73",
    "ArmedGroup": "#D55E00",
    "Group": "#CC79A7",
    "Place": "#56B4E9",
}
OTHER_COLOR = "#8c8c8c"
OTHER_TYPE = "Other"
MAX_EVIDENCE = 40  # sentences kept per edge in the page; the count says how many there were


def _sort_key(value: Any) -> tuple[str, str]:
    return (type(value).__name__, str(value))


class _Table:
    """Values → stable indices, in order of first use."""

    def __init__(self) -> None:
        self.items: list[Any] = []
        self._index: dict[Any, int] = {}

    def add(self, value: Any) -> int:
        index = self._index.get(value)
        if index is None:
            index = self._index[value] = len(self.items)
            self.items.append(value)
        return index


def search_key(attrs: dict[str, Any], node: Hashable) -> str:
    """Every name of a node in matching form, joined by '|' (the page searches inside it)."""
    names = [attrs.get("label"), attrs.get("label_ar"), *text_list(attrs.get("aliases")), str(node)]
    keys: list[str] = []
    for name in names:
        key = " ".join(normalize(text(name)).split())
        if key and key not in keys:
            keys.append(key)
    return "|".join(keys)


def _span(span: tuple[int, int] | None, sentence: str) -> list[int]:
    if span is None or not (0 <= span[0] < span[1] <= len(sentence)):
        return [-1, -1]
    return [span[0], span[1]]


def build_payload(graph: nx.MultiDiGraph, positions: dict[Hashable, tuple[float, float]], title: str) -> dict[str, Any]:
    """Everything the page draws and shows, as JSON-ready lists."""
    nodes = sorted(graph.nodes, key=_sort_key)
    index = {n: i for i, n in enumerate(nodes)}
    types, relations, modalities, docs, sentences = _Table(), _Table(), _Table(), _Table(), _Table()
    for name in TYPE_COLORS:
        types.add(name)
    node_cols: dict[str, list] = {k: [] for k in ("id", "label", "ar", "type", "x", "y", "size", "key")}
    for n in nodes:
        attrs = graph.nodes[n]
        degree = graph.degree(n)
        node_cols["id"].append(str(n))
        node_cols["label"].append(text(attrs.get("label")) or str(n))
        node_cols["ar"].append(text(attrs.get("label_ar")))
        node_cols["type"].append(types.add(text(attrs.get("type")) or OTHER_TYPE))
        x, y = positions[n]
        node_cols["x"].append(x)
        node_cols["y"].append(y)
        node_cols["size"].append(round(min(22.0, 3.0 + 2.2 * math.sqrt(degree)), 1))
        node_cols["key"].append(search_key(attrs, n))

    edge_cols: dict[str, list] = {k: [] for k in ("s", "t", "rel", "mod", "conf", "n", "d0", "d1")}
    details: list[list] = []
    edges = sorted(graph.edges(keys=True, data=True),
                   key=lambda e: (_sort_key(e[0]), _sort_key(e[1]), str(e[2])))
    relation_ar: dict[str, str] = {}
    for u, v, key, attrs in edges:
        modality = text(attrs.get("modality")) or "asserted"
        relation = base_relation(text(attrs.get("relation")) or str(key), modality)
        relation_ar.setdefault(relation, text(attrs.get("label_ar")))
        dates = sorted(text_list(attrs.get("dates")))
        evidence: list[Evidence] = edge_evidence(attrs)
        confidence = attrs.get("confidence")
        edge_cols["s"].append(index[u])
        edge_cols["t"].append(index[v])
        edge_cols["rel"].append(relations.add(relation))
        edge_cols["mod"].append(modalities.add(modality))
        edge_cols["conf"].append(round(float(confidence), 3) if confidence is not None else None)
        edge_cols["n"].append(int(attrs.get("count") or len(evidence) or 1))
        edge_cols["d0"].append(dates[0] if dates else "")
        edge_cols["d1"].append(dates[-1] if dates else "")
        rows = []
        for item in evidence[:MAX_EVIDENCE]:
            doc = docs.add((item.doc_id, item.title, item.doc_date)) if (item.doc_id or item.title) else -1
            rows.append([sentences.add(item.sentence), doc, *_span(item.trigger, item.sentence),
                         *_span(item.subject, item.sentence), *_span(item.object, item.sentence),
                         round(item.confidence, 3) if item.confidence is not None else None])
        other_docs = [d for d in text_list(attrs.get("docs")) if d not in {e.doc_id for e in evidence}]
        details.append([dates, sorted(text_list(attrs.get("deadlines"))), text_list(attrs.get("places")),
                        other_docs, rows])
    return {
        "version": 1,
        "title": title,
        "focus": ({"id": str(graph.graph["focus"]), "hops": graph.graph.get("hops")}
                  if graph.graph.get("focus") is not None else None),
        "types": [[t, TYPE_COLORS.get(t, OTHER_COLOR)] for t in types.items],
        "relations": [[r, relation_ar.get(r, "")] for r in relations.items],
        "modalities": modalities.items,
        "docs": [list(d) for d in docs.items],
        "sentences": sentences.items,
        "nodes": node_cols,
        "edges": edge_cols,
        "details": details,
    }


def payload_json(payload: dict[str, Any]) -> str:
    """JSON safe to put inside <script type="application/json">: no '<', '>' or '&' left raw."""
    raw = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (raw.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
