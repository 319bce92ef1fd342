"""`kg export --format FMT`: one writer per format."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from kg.atomic import write_text_atomic
from kg.export.source import GraphSource


def _write_turtle(source: GraphSource, path: Path) -> None:
    from kg.store.terms import rdflib_graph

    write_text_atomic(path, rdflib_graph(source.triples()).serialize(format="turtle"))


def _writer(module: str, name: str) -> Callable[[GraphSource, Path], None]:
    def write(source: GraphSource, path: Path) -> None:
        import importlib

        getattr(importlib.import_module(f"kg.export.{module}"), name)(source, path)

    return write


WRITERS: dict[str, Callable[[GraphSource, Path], None]] = {
    "ttl": _write_turtle,
    "nt": _writer("ntriples", "write_ntriples"),
    "nq": _writer("ntriples", "write_nquads"),
    "jsonld": _writer("jsonld", "write_jsonld"),
    "graphml": _writer("graphml", "write_graphml"),
    "gexf": _writer("gexf", "write_gexf"),
    "csv": _writer("csv_tables", "write_csv_tables"),
}
FORMATS = tuple(WRITERS)
ENTITY_FORMATS = ("graphml", "gexf", "csv")  # the formats of the entity view, which --focus can cut
