"""Merged statements → the viewer's graph (what `kg build` hands the page).

Unlike `kg.graph.build_networkx`, every edge keeps its evidence one report at a
time: the sentence, its document's title and date, and where in the sentence
the trigger and both arguments stand, so the page can highlight them.
"""

from __future__ import annotations

import networkx as nx

from kg.export.viewer.model import Evidence, Span
from kg.gazetteer import Gazetteer
from kg.graph import Statement
from kg.text import Sentence
from kg.relations import RelationCatalog


def _local(span, sentence: Sentence) -> Span | None:
    """A document span as offsets inside its sentence (None when outside)."""
    if span is None:
        return None
    start, end = span.start - sentence.start, span.end - sentence.start
    if start < 0 or end > len(sentence.text) or start >= end:
        return None
    return (start, end)


def viewer_graph(statements: list[Statement], gaz: Gazetteer, relations: RelationCatalog) -> nx.MultiDiGraph:
    """One node per entity, one edge per statement (keyed relation + modality)."""
    view = nx.MultiDiGraph()
    for statement in statements:
        for entity_id in (statement.subject_id, statement.object_id):
            if entity_id not in view:
                entity = gaz.entity(entity_id)
                view.add_node(entity_id, label=entity.label, label_ar=entity.label_ar, type=entity.type,
                              aliases=list(entity.aliases_ar[1:6]))
        definition = relations.relations[statement.relation]
        evidence: list[Evidence] = []
        seen: set[tuple] = set()
        places: list[str] = []
        for result, mention in statement.sources:
            sentence = result.sentences[mention.sentence]
            article = result.article
            item = Evidence(
                sentence=sentence.text, doc_id=article.doc_id, title=article.title,
                doc_date=article.date.isoformat() if article.date else "",
                trigger=_local(mention.trigger, sentence), subject=_local(mention.subject, sentence),
                object=_local(mention.object, sentence), confidence=mention.confidence)
            marker = (item.doc_id, item.sentence, item.trigger)
            if marker not in seen:
                seen.add(marker)
                evidence.append(item)
            if mention.place_id:
                label = gaz.entity(mention.place_id).label if gaz.knows(mention.place_id) else mention.place_id
                if label not in places:
                    places.append(label)
        key = statement.relation if statement.modality == "asserted" else f"{statement.relation} ({statement.modality})"
        view.add_edge(
            statement.subject_id, statement.object_id, key=key,
            relation=statement.relation, label_ar=definition.label_ar, modality=statement.modality,
            confidence=statement.confidence, count=len(statement.sources),
            dates=[d.isoformat() for d in statement.dates], deadlines=[d.isoformat() for d in statement.deadlines],
            places=places, docs=statement.documents, evidence=evidence,
        )
    return view
