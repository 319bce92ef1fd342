"""Documents into a store in bulk: N-Quads shards plus index rows.

A shard is what `KgStore.add` would write for a batch of documents, made
elsewhere (a dask worker, kg.engines): `part-NNNNN.nq` holds the quads of
`contribution_quads` (each document's named graph and its unioned share of
the default graph) and `part-NNNNN.rows.jsonl` one line per document with
the index rows the merged values are recomputed from. Loading a shard is
Oxigraph's bulk loader for the quads and plain inserts for the rows; the
merged values of every statement and entity the shards touch are recomputed
once at the end, instead of once per document as `KgStore.add` does.

The quads go through `Store.bulk_extend` of a parse that keeps blank node
labels, not through `Store.bulk_load` (or `oxigraph load`): those rename
every blank node of each file they read, and kg's blank nodes (a
statement's kg:Quantity) carry content digests as labels so that two
documents stating the same quantity share one node, in a shard as in
`KgStore.add`. Renamed, they would be counted once per shard.

The caller brackets a load with `store.begin()` / `store.commit()`: a load
killed half-way leaves the dirty mark, and the next writer's repair drops
the documents whose named graph and index row disagree.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

import pyoxigraph as ox

from kg.store.contribution import Contribution
from kg.store.index import DocRecord, StatementSupport
from kg.store.store import KgStore

SHARD_SUFFIX = ".nq"
ROWS_SUFFIX = ".rows.jsonl"


@dataclass(frozen=True)
class DocRows:
    """The index rows of one document (what `Index.add_doc` takes)."""

    record: DocRecord
    statements: tuple[StatementSupport, ...]
    entities: tuple[tuple[str, int], ...]


def rows_line(contribution: Contribution) -> str:
    """One document's index rows as a JSON line."""
    r = contribution.record
    return json.dumps({
        "doc": [r.doc_id, r.content_hash, r.fingerprint, r.graph, r.triples, r.events],
        "statements": [[s.doc_id, s.node, s.subject, s.object, list(s.confidences), list(s.own_dates), s.article_date]
                       for s in contribution.statements],
        "entities": [[entity, count] for entity, count in contribution.entities],
    }, ensure_ascii=False) + "\n"


def read_rows(path: Path) -> Iterator[DocRows]:
    """The documents of a rows file, in file order."""
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            data = json.loads(line)
            statements = tuple(StatementSupport(d, n, s, o, tuple(c), tuple(dates), a)
                               for d, n, s, o, c, dates, a in data["statements"])
            yield DocRows(DocRecord(*data["doc"]), statements, tuple((e, int(c)) for e, c in data["entities"]))


def shard_paths(folder: Path, index: int) -> tuple[Path, Path]:
    """The quads file and the rows file of partition `index`."""
    stem = folder / f"part-{index:05d}"
    return stem.with_name(stem.name + SHARD_SUFFIX), stem.with_name(stem.name + ROWS_SUFFIX)


def load_shards(store: KgStore, shards: Iterable[tuple[Path, Path]]) -> int:
    """Bulk-load (quads file, rows file) pairs into an open, writable store
    whose documents do not include any of theirs; recompute the merged
    values they touch. Returns the number of documents loaded."""
    nodes: set[str] = set()
    entities: set[str] = set()
    documents = 0
    for quads, rows in shards:
        store.rdf.bulk_extend(ox.parse(path=str(quads), format=ox.RdfFormat.N_QUADS, rename_blank_nodes=False))
        for doc in read_rows(rows):
            store.index.add_doc(doc.record, doc.statements, doc.entities)
            nodes.update(s.node for s in doc.statements)
            entities.update(e for e, _ in doc.entities)
            documents += 1
    store.refresh(nodes, entities)
    return documents
