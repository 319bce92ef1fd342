"""GraphML for Gephi, yEd and networkx: entities and merged statements with
their scalar attributes (see kg.export.view)."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from kg.atomic import write_text_atomic
from kg.export.source import GraphSource


def write_graphml(source: GraphSource, path: Path) -> None:
    view = source.entity_view()
    write_text_atomic(path, "\n".join(nx.generate_graphml(view, encoding="utf-8", prettyprint=True)) + "\n")
