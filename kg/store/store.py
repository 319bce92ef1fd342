"""The persistent home of a graph: an Oxigraph store plus its index.

Layout of a store directory:

    DIR/kg-store.json   marker and format version
    DIR/oxigraph/       the RDF data (RocksDB): one named graph per document,
                        the vocabulary graph, and the default graph = the
                        merged graph (what graph.ttl holds), which is what
                        SPARQL queries see
    DIR/index.sqlite    per-document hashes, JSONL lines and merge inputs
    DIR/lock            writers exclusive, readers shared

Every change goes: mark the index dirty (committed), change the RDF data,
then commit the index rows together with the clean mark. A run that dies in
between leaves the dirty mark, and the next writer repairs the store:
documents whose named graph and index row disagree are dropped (a later
build adds them again) and the merged graph is rebuilt from the rest.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, Iterator

import pyoxigraph as ox
from rdflib import Graph

from kg.errors import KgError
from kg.store.contribution import (CONTENT_HASH, MENTION_COUNT, STATEMENT_AGGREGATES, VOCABULARY_GRAPH,
                                   Contribution, contribution_quads, is_aggregate, is_doc_graph, statement_nodes)
from kg.store.index import DocRecord, Index
from kg.store.lock import StoreLock
from kg.store.merged import entity_values, statement_values
from kg.store.terms import iter_triples, triples_to_ox

MARKER = "kg-store.json"
FORMAT = 1
DEFAULT = ox.DefaultGraph()


def _quads(triples: Iterable[ox.Triple], graph: ox.NamedNode | ox.DefaultGraph) -> list[ox.Quad]:
    return [ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples]


class KgStore:
    """A kg store directory, open for reading or for writing."""

    def __init__(self, root: Path, write: bool = False, create: bool = False) -> None:
        """`write`: open for changes (exclusive lock); `create`: make the store if
        it is not there (only a build does: a remove or a query never invents one)."""
        self.root = root
        self.write = write
        marker = root / MARKER
        if write and create:
            if root.exists() and not root.is_dir():
                raise KgError(f"{root}: not a directory (a store is a directory)")
            if root.is_dir() and any(root.iterdir()) and not marker.is_file():
                raise KgError(f"{root}: not a kg store (no {MARKER}); give an empty or new directory")
            root.mkdir(parents=True, exist_ok=True)
            if not marker.is_file():
                marker.write_text(json.dumps({"kg-store": FORMAT}) + "\n", encoding="utf-8")
        elif not marker.is_file():
            raise KgError(f"{root}: no kg store here (make one with 'kg build ARTICLES --store {root}')")
        try:
            found = json.loads(marker.read_text(encoding="utf-8")).get("kg-store")
        except (OSError, ValueError, AttributeError) as exc:
            raise KgError(f"{root}: unreadable {MARKER} ({exc})") from exc
        if found != FORMAT:
            raise KgError(f"{root}: store format {found!r}, this kg reads format {FORMAT}")
        self.lock = StoreLock(root / "lock", exclusive=write).acquire()
        try:
            data = str(root / "oxigraph")
            self.rdf = ox.Store(data) if write else ox.Store.read_only(data)
            self.index = Index(root / "index.sqlite")
        except OSError as exc:
            self.lock.release()
            raise KgError(f"{root}: cannot open store ({exc})") from exc
        if write and self.index.get_meta("dirty") == "1":
            self.repair()

    def close(self) -> None:
        if self.write:
            self.rdf.flush()
        self.index.close()
        del self.rdf
        self.lock.release()

    def __enter__(self) -> "KgStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- transactions -------------------------------------------------------------------------
    def begin(self) -> None:
        """Mark the store dirty before touching the RDF data."""
        self.index.set_meta("dirty", "1")
        self.index.commit()

    def commit(self) -> None:
        """Commit the index rows together with the clean mark."""
        self.index.set_meta("dirty", "0")
        self.index.commit()

    # --- reading ------------------------------------------------------------------------------
    def document(self, doc_id: str) -> DocRecord | None:
        return self.index.doc(doc_id)

    def documents(self) -> Iterator[DocRecord]:
        return self.index.docs()

    def merged_triples(self) -> Iterator[ox.Triple]:
        """The merged graph (the default graph)."""
        return iter_triples(self.rdf.quads_for_pattern(None, None, None, DEFAULT))

    def all_quads(self) -> Iterator[ox.Quad]:
        """Merged graph, vocabulary graph and every document's graph."""
        return iter(self.rdf.quads_for_pattern(None, None, None, None))

    def graph_triples(self, graph: ox.NamedNode) -> list[ox.Triple]:
        return list(iter_triples(self.rdf.quads_for_pattern(None, None, None, graph)))

    # --- writing ------------------------------------------------------------------------------
    def sync_vocabulary(self, vocabulary: Graph) -> None:
        """Keep the vocabulary graph (and its share of the merged graph) current."""
        new = triples_to_ox(vocabulary)
        old = set(self.graph_triples(VOCABULARY_GRAPH))
        if new == old:
            return
        gone = old - new
        for triple in gone:
            self.rdf.remove(ox.Quad(triple.subject, triple.predicate, triple.object, VOCABULARY_GRAPH))
        added = sorted(new - old, key=str)
        self.rdf.extend(_quads(added, VOCABULARY_GRAPH) + _quads(added, DEFAULT))
        for triple in gone:
            if not self._supported(triple):
                self.rdf.remove(ox.Quad(triple.subject, triple.predicate, triple.object, DEFAULT))

    def add(self, contribution: Contribution) -> None:
        """Add one document that is not in the store."""
        self.rdf.extend(contribution_quads(contribution))
        self.index.add_doc(contribution.record, contribution.statements, contribution.entities)
        self.refresh([s.node for s in contribution.statements], [e for e, _ in contribution.entities])

    def remove(self, doc_id: str) -> bool:
        """Take one document out; False when the store does not hold it."""
        record = self.index.doc(doc_id)
        if record is None:
            return False
        graph = ox.NamedNode(record.graph)
        triples = self.graph_triples(graph)
        statements = statement_nodes(triples)
        nodes, entities = self.index.statement_nodes(doc_id), self.index.entities(doc_id)
        self.index.remove_doc(doc_id)
        self.rdf.remove_graph(graph)
        for triple in triples:
            if not is_aggregate(triple, statements) and not self._supported(triple):
                self.rdf.remove(ox.Quad(triple.subject, triple.predicate, triple.object, DEFAULT))
        self.refresh(nodes, entities)
        return True

    def _supported(self, triple: ox.Triple) -> bool:
        """Does a document's graph or the vocabulary still state this triple?"""
        for quad in self.rdf.quads_for_pattern(triple.subject, triple.predicate, triple.object, None):
            if quad.graph_name == VOCABULARY_GRAPH or is_doc_graph(quad.graph_name):
                return True
        return False

    def refresh(self, nodes: Iterable[str], entities: Iterable[str]) -> None:
        """Recompute the merged values of these statements and entities (after
        adding documents, or after a bulk load of shards: kg.store.bulk)."""
        for node in sorted(set(nodes)):
            subject = ox.NamedNode(node)
            old = [q for p in STATEMENT_AGGREGATES for q in self.rdf.quads_for_pattern(subject, p, None, DEFAULT)]
            new = _quads(statement_values(subject, self.index.statement_support(node)), DEFAULT)
            self._replace(old, new)
        for entity in sorted(set(entities)):
            subject = ox.NamedNode(entity)
            old = list(self.rdf.quads_for_pattern(subject, MENTION_COUNT, None, DEFAULT))
            self._replace(old, _quads(entity_values(subject, self.index.entity_mentions(entity)), DEFAULT))

    def _replace(self, old: list[ox.Quad], new: list[ox.Quad]) -> None:
        keep = set(new)
        for quad in old:
            if quad not in keep:
                self.rdf.remove(quad)
        if new:
            self.rdf.extend(new)

    def repair(self) -> None:
        """Bring an interrupted store back to a consistent state (see module doc)."""
        self.begin()
        graphs = {g for g in self.rdf.named_graphs() if is_doc_graph(g)}
        for record in list(self.index.docs()):
            graph = ox.NamedNode(record.graph)
            hashes = {q.object.value for q in self.rdf.quads_for_pattern(None, CONTENT_HASH, None, graph)}
            if hashes != {record.content_hash}:
                self.index.remove_doc(record.doc_id)
            else:
                graphs.discard(graph)
        for graph in graphs:  # graphs without a matching index row
            self.rdf.remove_graph(graph)
        self.rebuild()
        self.commit()

    def rebuild(self) -> None:
        """Recompute the whole merged graph from the document graphs."""
        self.rdf.clear_graph(DEFAULT)
        self.rdf.extend(_quads(self.graph_triples(VOCABULARY_GRAPH), DEFAULT))
        for record in self.index.docs():
            triples = self.graph_triples(ox.NamedNode(record.graph))
            statements = statement_nodes(triples)
            self.rdf.extend(_quads([t for t in triples if not is_aggregate(t, statements)], DEFAULT))
        self.refresh(self.index.statement_nodes(), self.index.entities())


def open_store(root: Path, write: bool = False, create: bool = False) -> KgStore:
    return KgStore(root, write, create)
