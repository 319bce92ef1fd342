"""The viewer's input: a networkx multigraph whose edges carry their evidence.

Three producers feed the viewer the same shape of graph, so the page code has
one input: `kg build` (from merged statements, `kg.export.viewer.statements`),
`kg view` (from an out folder's graph.ttl, `kg.export.viewer.turtle`), and
tests or benchmarks that build a graph by hand. A hand-built graph may give an
edge only plain ``sentences`` (the older view graph's attribute); `edge_evidence`
turns those into evidence without offsets.

Node attributes: ``label``, ``label_ar``, ``type`` and optionally ``aliases``
(more names to search by). Edge attributes: ``relation`` (the base relation,
without modality), ``label_ar``, ``modality``, ``confidence``, ``count``
(supporting reports), ``dates``, ``deadlines``, ``places`` (ISO dates and
place labels) and ``evidence`` (a list of `Evidence`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

Span = tuple[int, int]


@dataclass(frozen=True)
class Evidence:
    """One source sentence of an edge; spans are offsets inside `sentence`."""

    sentence: str
    doc_id: str = ""
    title: str = ""
    doc_date: str = ""
    trigger: Span | None = None
    subject: Span | None = None
    object: Span | None = None
    confidence: float | None = None


def text(value: Any) -> str:
    return "" if value is None else str(value)


def text_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (str, bytes)):
        return [text(value)] if value else []
    return [text(v) for v in value if v is not None and text(v)]


def base_relation(relation: str, modality: str) -> str:
    """'threatens (possible)' → 'threatens': the older view graph put the
    modality into the relation name; filters want the two apart."""
    suffix = f" ({modality})"
    if modality and relation.endswith(suffix):
        return relation[: -len(suffix)]
    return relation


def edge_evidence(attrs: dict[str, Any]) -> list[Evidence]:
    """An edge's evidence, or evidence made from its plain sentences."""
    evidence = attrs.get("evidence")
    if evidence:
        return list(evidence)
    docs = text_list(attrs.get("docs"))
    sentences = text_list(attrs.get("sentences"))
    # Plain sentence lists do not say which document each came from; the
    # document is kept only when there is exactly one.
    doc = docs[0] if len(docs) == 1 else ""
    return [Evidence(sentence=s, doc_id=doc) for s in sentences]
