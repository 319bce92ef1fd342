"""Where an export reads the graph from: a store, or an out folder's graph.ttl."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

import pyoxigraph as ox

from kg.errors import KgError

if TYPE_CHECKING:
    import networkx as nx


@dataclass
class GraphSource:
    """The merged graph (as an oxigraph store's default graph) and, for a
    store, its named graphs too (N-Quads carries them)."""

    rdf: ox.Store
    label: str
    has_named_graphs: bool
    focus: str | None = None  # `kg export --focus`: one actor's neighbourhood in the entity formats
    hops: int = 2

    def entity_view(self) -> "nx.MultiDiGraph":
        """Entities and merged statements with scalar attributes (kg.export.view),
        cut to the neighbourhood of `focus` when one is given."""
        from kg.export.view import scalar_view, statement_view

        view = statement_view(self.rdf)
        if self.focus is not None:
            from kg.export.viewer.focus import neighbourhood

            view = neighbourhood(view, self.focus, self.hops)
        return scalar_view(view)

    def triples(self) -> list[ox.Triple]:
        return [ox.Triple(q.subject, q.predicate, q.object)
                for q in self.rdf.quads_for_pattern(None, None, None, ox.DefaultGraph())]

    def quads(self) -> list[ox.Quad]:
        return list(self.rdf.quads_for_pattern(None, None, None, None))


@contextmanager
def open_source(out_dir: Path | None, store_dir: Path | None) -> Iterator[GraphSource]:
    """Exactly one of an out folder (or a graph.ttl) and a store directory."""
    if (out_dir is None) == (store_dir is None):
        raise KgError("give either an out folder (OUT_DIR) or --store DIR, not both or neither")
    if store_dir is not None:
        from kg.store import KgStore

        with KgStore(store_dir) as store:
            yield GraphSource(store.rdf, str(store_dir), True)
        return
    from kg.query import load_store

    assert out_dir is not None
    path = out_dir / "graph.ttl" if out_dir.is_dir() else out_dir
    yield GraphSource(load_store(path), str(path), False)
