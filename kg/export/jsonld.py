"""JSON-LD of the merged graph (rdflib's serializer, kg's prefixes as the context)."""

from __future__ import annotations

from pathlib import Path

from kg.atomic import write_text_atomic
from kg.export.source import GraphSource
from kg.namespaces import PREFIXES
from kg.store.terms import rdflib_graph


def write_jsonld(source: GraphSource, path: Path) -> None:
    graph = rdflib_graph(source.triples())
    context = {name: str(namespace) for name, namespace in PREFIXES.items()}
    write_text_atomic(path, graph.serialize(format="json-ld", context=context, indent=1, ensure_ascii=False))
