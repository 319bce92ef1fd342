"""`events.jsonl`: events found with a side missing (an attack by unnamed
gunmen, a protest with no stated target), one line each.

Kept apart from `triples.jsonl`, which holds only subject–relation–object
triples, so that a triple scorer never sees half an event.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable, TextIO

from kg.atomic import atomic_writer
from kg.gazetteer import Gazetteer
from kg.model import DocResult, EventMention, Span


def _side(entity_id: str, span: Span | None, gaz: Gazetteer) -> dict[str, Any] | None:
    if not entity_id or span is None:
        return None
    entity = gaz.entity(entity_id)
    return {"id": entity.id, "label": entity.label, "label_ar": entity.label_ar, "text": span.text,
            "start": span.start, "end": span.end}


def event_record(result: DocResult, event: EventMention, gaz: Gazetteer) -> dict[str, Any]:
    """The JSON record of one event with a side missing."""
    sentence = result.sentences[event.sentence]
    article_date = result.article.date.isoformat() if result.article.date else None
    return {
        "doc": event.doc_id,
        "r": event.relation,
        "s": _side(event.subject_id, event.subject, gaz),
        "o": _side(event.object_id, event.object, gaz),
        "modality": event.modality,
        "date": event.date.isoformat() if event.date else article_date,
        "place": gaz.entity(event.place_id).label if event.place_id else None,
        "quantities": [{"count": q.count, "unit": q.unit} for q in event.quantities],
        "trigger": {"text": event.trigger.text, "start": event.trigger.start, "end": event.trigger.end},
        "sentence": sentence.text,
        "sentence_offsets": [sentence.start, sentence.end],
        "extractor": event.extractor,
        "confidence": event.confidence,
    }


def write_document_events(result: DocResult, gaz: Gazetteer, handle: TextIO) -> int:
    """Write one document's events with a side missing as JSON lines to `handle`."""
    for event in result.events:
        handle.write(json.dumps(event_record(result, event, gaz), ensure_ascii=False) + "\n")
    return len(result.events)


def write_events(results: Iterable[DocResult], gaz: Gazetteer, path: Path) -> int:
    """Write every event with a side missing as a JSON line (atomically)."""
    count = 0
    with atomic_writer(path) as handle:
        for result in results:
            for event in result.events:
                handle.write(json.dumps(event_record(result, event, gaz), ensure_ascii=False) + "\n")
                count += 1
    return count
