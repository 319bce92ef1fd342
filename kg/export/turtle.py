"""Turtle export of the graph (atomic)."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from kg.atomic import write_text_atomic


def write_turtle(graph: Graph, path: Path) -> None:
    write_text_atomic(path, graph.serialize(format="turtle"))
