"""`triples.jsonl`: one line per extracted relation, with its provenance.

Unlike the graph, nothing is merged here: each line is one relation found in
one sentence, which is what evaluation and audit need.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable, TextIO

from kg.atomic import atomic_writer
from kg.gazetteer import Gazetteer
from kg.model import DocResult, RelationMention, Span


def _span(span: Span) -> dict[str, Any]:
    return {"text": span.text, "start": span.start, "end": span.end}


def triple_record(result: DocResult, mention: RelationMention, gaz: Gazetteer) -> dict[str, Any]:
    """The JSON record of one extracted relation."""
    subject, obj = gaz.entity(mention.subject_id), gaz.entity(mention.object_id)
    sentence = result.sentences[mention.sentence]
    article_date = result.article.date.isoformat() if result.article.date else None
    return {
        "doc": mention.doc_id,
        "s": subject.label,
        "r": mention.relation,
        "o": obj.label,
        "s_ar": subject.label_ar,
        "o_ar": obj.label_ar,
        "s_id": subject.id,
        "o_id": obj.id,
        "date": mention.date.isoformat() if mention.date else article_date,
        "date_source": "text" if mention.date else ("article" if article_date else None),
        "article_date": article_date,
        "deadline": mention.deadline.isoformat() if mention.deadline else None,
        "modality": mention.modality,
        "place": gaz.entity(mention.place_id).label if mention.place_id else None,
        "topic": gaz.entity(mention.topic_id).label if mention.topic_id else None,
        "quantities": [{"count": q.count, "unit": q.unit} for q in mention.quantities],
        "role": mention.role or None,
        "sentence": sentence.text,
        "offsets": {
            "sentence": [sentence.start, sentence.end],
            "trigger": [mention.trigger.start, mention.trigger.end],
            "s": [mention.subject.start, mention.subject.end],
            "o": [mention.object.start, mention.object.end],
        },
        "trigger": mention.trigger.text,
        "s_text": mention.subject.text,
        "o_text": mention.object.text,
        "extractor": mention.extractor,
        "confidence": mention.confidence,
    }


def iter_records(results: Iterable[DocResult], gaz: Gazetteer) -> Iterable[dict[str, Any]]:
    for result in results:
        for mention in result.relations:
            yield triple_record(result, mention, gaz)


def write_document_triples(result: DocResult, gaz: Gazetteer, handle: TextIO) -> int:
    """Write one document's relations as JSON lines to `handle`; returns the count."""
    for mention in result.relations:
        handle.write(json.dumps(triple_record(result, mention, gaz), ensure_ascii=False) + "\n")
    return len(result.relations)


def write_triples(results: Iterable[DocResult], gaz: Gazetteer, path: Path) -> int:
    """Write every relation as a JSON line (atomically); returns the count."""
    count = 0
    with atomic_writer(path) as handle:
        for record in iter_records(results, gaz):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count
