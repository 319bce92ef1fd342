"""One document's contribution to the graph, as the store keeps it.

The document's named graph is what kg.graph.build_rdf makes of that
document alone (less the shared vocabulary) plus its content hash and
pipeline fingerprint. Most of it merges by plain union; the rest are merged
values (statement confidence, counts, dates, the reported direction of a
symmetric statement, entity mention counts) that the store recomputes from
the per-document inputs kept in the index.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import Graph, Literal
from rdflib.namespace import RDF

from kg.namespaces import BASE, ENT, KG
from kg.store.index import DocRecord, StatementSupport
from kg.store.terms import to_ox

if TYPE_CHECKING:  # the pipeline's modules are heavy: a reader of the store never needs them
    from kg.gazetteer import Gazetteer
    from kg.model import DocResult
    from kg.relations import RelationCatalog

KGS = BASE + "store#"  # the store's own bookkeeping terms, kept out of the merged graph
CONTENT_HASH = ox.NamedNode(KGS + "contentHash")
FINGERPRINT = ox.NamedNode(KGS + "fingerprint")
DOC_GRAPH_PREFIX = BASE + "graph/doc/"
VOCABULARY_GRAPH = ox.NamedNode(BASE + "graph/vocabulary")

RDF_TYPE = ox.NamedNode(str(RDF.type))
STATEMENT = ox.NamedNode(str(KG.Statement))
MENTION_COUNT = ox.NamedNode(str(KG.mentionCount))
# merged values of a kg:Statement node: recomputed, never unioned
STATEMENT_AGGREGATES = tuple(ox.NamedNode(str(p)) for p in (
    RDF.subject, RDF.object, KG.confidence, KG.supportingSentences, KG.supportingDocuments, KG.date))


def doc_graph(doc_id: str) -> ox.NamedNode:
    """The named graph of one document (same digest as its kg:Document node)."""
    from kg.graph import doc_iri

    return ox.NamedNode(DOC_GRAPH_PREFIX + str(doc_iri(doc_id)).rsplit("/", 1)[-1])


def is_doc_graph(graph: object) -> bool:
    return isinstance(graph, ox.NamedNode) and graph.value.startswith(DOC_GRAPH_PREFIX)


@dataclass
class Contribution:
    """Everything the store writes for one document."""

    record: DocRecord
    triples: set[ox.Triple]  # the document's named graph
    statements: list[StatementSupport]
    entities: list[tuple[str, int]]  # entity IRI, mentions in this document

    @property
    def graph(self) -> ox.NamedNode:
        return ox.NamedNode(self.record.graph)


def is_aggregate(triple: ox.Triple | ox.Quad, statements: set[ox.NamedNode | ox.BlankNode]) -> bool:
    """True for a merged value (not unioned into the merged graph)."""
    if triple.predicate == MENTION_COUNT or triple.predicate in (CONTENT_HASH, FINGERPRINT):
        return True
    return triple.subject in statements and triple.predicate in STATEMENT_AGGREGATES


def statement_nodes(triples: set[ox.Triple] | list[ox.Triple]) -> set:
    return {t.subject for t in triples if t.predicate == RDF_TYPE and t.object == STATEMENT}


def contribution_quads(contribution: Contribution) -> list[ox.Quad]:
    """What adding a document writes into the RDF data before the merged values
    are recomputed: its named graph, and its unioned share of the default graph
    (everything but the merged values). `KgStore.add` inserts these quads and
    the dask engine writes them into its N-Quads shards, so both paths hold the
    same data."""
    triples = sorted(contribution.triples, key=str)
    statements = statement_nodes(triples)
    graph = contribution.graph
    named = [ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples]
    default = [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph())
               for t in triples if not is_aggregate(t, statements)]
    return named + default


_catalogs: dict[int, tuple["RelationCatalog", "RelationCatalog", frozenset]] = {}


def _without_vocabulary(relations: "RelationCatalog") -> tuple["RelationCatalog", frozenset]:
    """The catalog with an empty vocabulary graph, and the vocabulary's
    triples as a set; made once per catalog. build_rdf copies the vocabulary
    (some 1,900 triples) into every graph it makes, and a document's named
    graph is that graph less the vocabulary: given the catalog without it,
    build_rdf skips the copy, and what a document states that the
    vocabulary also states is still taken out, by a set lookup. Both steps
    were as costly as the rest of a contribution, once per document."""
    import dataclasses

    cached = _catalogs.get(id(relations))
    if cached is None or cached[0] is not relations:
        empty = dataclasses.replace(relations, vocabulary=Graph())
        cached = (relations, empty, frozenset(relations.vocabulary))
        _catalogs[id(relations)] = cached
    return cached[1], cached[2]


def contribution(result: "DocResult", gaz: "Gazetteer", relations: "RelationCatalog", content_hash: str,
                 fingerprint: str) -> Contribution:
    """The store's record of one pipeline result."""
    from kg.graph import build_rdf, doc_iri, merge_statements
    from kg.export.events import event_record
    from kg.export.triples import triple_record

    article = result.article
    statements = merge_statements([result], relations)
    without, vocabulary = _without_vocabulary(relations)
    graph: Graph = build_rdf([result], statements, gaz, without)
    triples = {ox.Triple(to_ox(s), to_ox(p), to_ox(o))  # type: ignore[arg-type]
               for s, p, o in graph if (s, p, o) not in vocabulary}
    doc_node = to_ox(doc_iri(article.doc_id))
    triples.add(ox.Triple(doc_node, CONTENT_HASH, ox.Literal(content_hash)))  # type: ignore[arg-type]
    triples.add(ox.Triple(doc_node, FINGERPRINT, ox.Literal(fingerprint)))  # type: ignore[arg-type]
    supports = [
        StatementSupport(
            article.doc_id, str(s.iri), str(ENT[s.subject_id]), str(ENT[s.object_id]),
            tuple(m.confidence for _, m in s.sources),
            tuple(sorted({m.date.isoformat() for _, m in s.sources if m.date})),
            article.date.isoformat() if article.date else "")
        for s in statements
    ]
    entities = sorted((t.subject.value, int(t.object.value)) for t in triples if t.predicate == MENTION_COUNT)
    lines = [json.dumps(triple_record(result, m, gaz), ensure_ascii=False) for m in result.relations]
    events = [json.dumps(event_record(result, e, gaz), ensure_ascii=False) for e in result.events]
    record = DocRecord(article.doc_id, content_hash, fingerprint, doc_graph(article.doc_id).value,
                       "".join(line + "\n" for line in lines), "".join(line + "\n" for line in events))
    return Contribution(record, triples, supports, entities)
