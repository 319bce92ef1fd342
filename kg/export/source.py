"""Where an export reads the graph from: a store, or an out folder's graph.ttl."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pyoxigraph as ox

from kg.errors import KgError


@dataclass
class GraphSource:
    """The merged graph (as an oxigraph store's default graph) and, for a
    store, its named graphs too (N-Quads carries them)."""

    rdf: ox.Store
    label: str
    has_named_graphs: bool

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
