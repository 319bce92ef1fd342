"""N-Triples (the merged graph) and N-Quads (a store's merged graph plus its
vocabulary and per-document named graphs), one statement a line, sorted so
that the same graph always gives the same bytes."""

from __future__ import annotations

import io
from pathlib import Path

import pyoxigraph as ox

from kg.atomic import write_text_atomic
from kg.export.source import GraphSource


def _sorted_lines(items: list, fmt: ox.RdfFormat) -> str:
    buffer = io.BytesIO()
    ox.serialize(items, buffer, fmt)
    lines = buffer.getvalue().decode("utf-8").splitlines()
    return "".join(line + "\n" for line in sorted(set(lines)) if line.strip())


def write_ntriples(source: GraphSource, path: Path) -> None:
    write_text_atomic(path, _sorted_lines(source.triples(), ox.RdfFormat.N_TRIPLES))


def write_nquads(source: GraphSource, path: Path) -> None:
    write_text_atomic(path, _sorted_lines(source.quads(), ox.RdfFormat.N_QUADS))
