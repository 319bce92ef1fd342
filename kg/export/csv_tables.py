"""CSV for spreadsheets and Gephi's import: nodes.csv and edges.csv in one
folder, the scalar attributes of kg.export.view as columns."""

from __future__ import annotations

import csv
from pathlib import Path

from kg.atomic import atomic_writer
from kg.errors import KgError
from kg.export.source import GraphSource
from kg.export.view import SCALAR_EDGE_ATTRS, SCALAR_NODE_ATTRS

NODE_COLUMNS = ("id",) + SCALAR_NODE_ATTRS
EDGE_COLUMNS = ("id", "source", "target") + tuple(a for a in SCALAR_EDGE_ATTRS if a != "statement")


def write_csv_tables(source: GraphSource, folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise KgError(f"{folder}: not a folder (csv writes nodes.csv and edges.csv into a folder)")
    view = source.entity_view()
    with atomic_writer(folder / "nodes.csv") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(NODE_COLUMNS)
        for node, attrs in sorted(view.nodes(data=True)):
            writer.writerow([node] + [attrs[c] for c in SCALAR_NODE_ATTRS])
    with atomic_writer(folder / "edges.csv") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(EDGE_COLUMNS)
        for u, v, key, attrs in sorted(view.edges(keys=True, data=True), key=lambda e: e[2]):
            writer.writerow([key, u, v] + [attrs[c] for c in EDGE_COLUMNS[3:]])
