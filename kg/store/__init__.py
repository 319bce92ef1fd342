"""kg's persistent store: an embedded Oxigraph database (one named graph per
article, a merged default graph) with an index that lets articles be added,
replaced and removed without rebuilding the rest. See kg/store/store.py."""

from kg.store.store import KgStore, open_store

__all__ = ["KgStore", "open_store"]
