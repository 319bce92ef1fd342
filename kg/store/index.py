"""The store's bookkeeping, in SQLite beside the RDF data.

Per document: its content hash and pipeline fingerprint (to skip unchanged
articles), its triples.jsonl and events.jsonl lines (so out/ can be written
from the store), and the inputs of the merged values it contributes to:
per statement the sentences, source confidences, own dates and article date;
per entity its mention count. Merged confidence, counts and dates are
recomputed from these rows, so removing a document is exact.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS docs (
    doc_id TEXT PRIMARY KEY, content_hash TEXT NOT NULL, fingerprint TEXT NOT NULL, graph TEXT NOT NULL,
    triples TEXT NOT NULL, events TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS stmt_support (
    doc_id TEXT NOT NULL, node TEXT NOT NULL, subject TEXT NOT NULL, object TEXT NOT NULL,
    confidences TEXT NOT NULL, own_dates TEXT NOT NULL, article_date TEXT NOT NULL,
    PRIMARY KEY (node, doc_id));
CREATE INDEX IF NOT EXISTS stmt_support_doc ON stmt_support (doc_id);
CREATE TABLE IF NOT EXISTS entity_support (
    doc_id TEXT NOT NULL, entity TEXT NOT NULL, mentions INTEGER NOT NULL, PRIMARY KEY (entity, doc_id));
CREATE INDEX IF NOT EXISTS entity_support_doc ON entity_support (doc_id);
"""


@dataclass(frozen=True)
class StatementSupport:
    """What one document says about one merged statement."""

    doc_id: str
    node: str  # statement IRI
    subject: str  # entity IRIs, in the document's direction
    object: str
    confidences: tuple[float, ...]  # one per supporting sentence, in text order
    own_dates: tuple[str, ...]  # the event's own dates (ISO)
    article_date: str  # "" when the article has none


@dataclass(frozen=True)
class DocRecord:
    doc_id: str
    content_hash: str
    fingerprint: str
    graph: str
    triples: str  # triples.jsonl lines of the document
    events: str  # events.jsonl lines


class Index:
    """Thin wrapper over the SQLite file; changes are committed by `commit`."""

    def __init__(self, path: Path) -> None:
        self.db = sqlite3.connect(path, isolation_level=None)
        self.db.executescript(SCHEMA)
        self.db.execute("BEGIN")

    def commit(self) -> None:
        self.db.execute("COMMIT")
        self.db.execute("BEGIN")

    def close(self) -> None:
        if self.db.in_transaction:
            self.db.execute("ROLLBACK")
        self.db.close()

    # meta
    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    # documents
    def doc(self, doc_id: str) -> DocRecord | None:
        row = self.db.execute("SELECT * FROM docs WHERE doc_id = ?", (doc_id,)).fetchone()
        return DocRecord(*row) if row else None

    def docs(self) -> Iterator[DocRecord]:
        for row in self.db.execute("SELECT * FROM docs ORDER BY doc_id").fetchall():
            yield DocRecord(*row)

    def doc_ids(self) -> list[str]:
        return [row[0] for row in self.db.execute("SELECT doc_id FROM docs ORDER BY doc_id")]

    def add_doc(self, record: DocRecord, statements: Iterable[StatementSupport],
                entities: Iterable[tuple[str, int]]) -> None:
        self.db.execute("INSERT INTO docs VALUES (?, ?, ?, ?, ?, ?)",
                        (record.doc_id, record.content_hash, record.fingerprint, record.graph,
                         record.triples, record.events))
        self.db.executemany(
            "INSERT INTO stmt_support VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(s.doc_id, s.node, s.subject, s.object, json.dumps(s.confidences), json.dumps(s.own_dates),
              s.article_date) for s in statements])
        self.db.executemany("INSERT INTO entity_support VALUES (?, ?, ?)",
                            [(record.doc_id, entity, count) for entity, count in entities])

    def remove_doc(self, doc_id: str) -> None:
        for table in ("docs", "stmt_support", "entity_support"):
            self.db.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))

    # support rows
    def statement_support(self, node: str) -> list[StatementSupport]:
        rows = self.db.execute("SELECT * FROM stmt_support WHERE node = ? ORDER BY doc_id", (node,)).fetchall()
        return [StatementSupport(r[0], r[1], r[2], r[3], tuple(json.loads(r[4])), tuple(json.loads(r[5])), r[6])
                for r in rows]

    def statement_nodes(self, doc_id: str | None = None) -> list[str]:
        if doc_id is None:
            return [r[0] for r in self.db.execute("SELECT DISTINCT node FROM stmt_support")]
        return [r[0] for r in self.db.execute("SELECT node FROM stmt_support WHERE doc_id = ?", (doc_id,))]

    def entity_mentions(self, entity: str) -> int | None:
        """Summed mention count, or None when no document names the entity."""
        row = self.db.execute("SELECT COUNT(*), SUM(mentions) FROM entity_support WHERE entity = ?",
                              (entity,)).fetchone()
        return int(row[1]) if row[0] else None

    def entities(self, doc_id: str | None = None) -> list[str]:
        if doc_id is None:
            return [r[0] for r in self.db.execute("SELECT DISTINCT entity FROM entity_support")]
        return [r[0] for r in self.db.execute("SELECT entity FROM entity_support WHERE doc_id = ?", (doc_id,))]
