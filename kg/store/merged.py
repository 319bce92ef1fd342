"""The merged values of the store's default graph, recomputed from the
per-document rows of the index: the same arithmetic as kg.graph's
Statement (noisy-or confidence, sentence and document counts, own dates
else article dates) and build_rdf's entity mention counts."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Literal
from rdflib.namespace import RDF, XSD

from kg.namespaces import KG
from kg.store.index import StatementSupport
from kg.store.terms import to_ox

_SUBJECT, _OBJECT = ox.NamedNode(str(RDF.subject)), ox.NamedNode(str(RDF.object))
_CONFIDENCE, _DATE = ox.NamedNode(str(KG.confidence)), ox.NamedNode(str(KG.date))
_SENTENCES, _DOCUMENTS = ox.NamedNode(str(KG.supportingSentences)), ox.NamedNode(str(KG.supportingDocuments))
_MENTIONS = ox.NamedNode(str(KG.mentionCount))


def statement_values(node: ox.NamedNode, rows: list[StatementSupport]) -> list[ox.Triple]:
    """The merged triples of one statement from its supporting documents
    (rows in doc_id order: the first document's direction is kept for a
    symmetric relation, as kg.graph keeps the first report's)."""
    if not rows:
        return []
    first = rows[0]
    miss = 1.0
    for row in rows:
        for confidence in row.confidences:
            miss *= 1.0 - confidence
    own = sorted({d for row in rows for d in row.own_dates})
    dates = own or sorted({row.article_date for row in rows if row.article_date})
    triples = [
        ox.Triple(node, _SUBJECT, ox.NamedNode(first.subject)),
        ox.Triple(node, _OBJECT, ox.NamedNode(first.object)),
        ox.Triple(node, _CONFIDENCE, to_ox(Literal(round(1.0 - miss, 3), datatype=XSD.decimal))),
        ox.Triple(node, _SENTENCES, to_ox(Literal(sum(len(row.confidences) for row in rows)))),
        ox.Triple(node, _DOCUMENTS, to_ox(Literal(len({row.doc_id for row in rows})))),
    ]
    triples += [ox.Triple(node, _DATE, to_ox(Literal(d, datatype=XSD.date))) for d in dates]
    return triples  # type: ignore[return-value]


def entity_values(entity: ox.NamedNode, mentions: int | None) -> list[ox.Triple]:
    if mentions is None:
        return []
    return [ox.Triple(entity, _MENTIONS, to_ox(Literal(mentions)))]  # type: ignore[list-item]
