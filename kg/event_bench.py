"""`kg eval events`: run kg over OEDA's Arabic event gold standard and score it.

The scoring itself is in `kg.oeda` (pure); this module decides what counts
as kg "finding" an event of a kind: any relation or event with a side
missing whose PLOVER type is the benchmark's (ASSAULT for assault_gsr,
PROTEST for protest_gsr), stated as having happened (modality asserted).
A negated, planned or merely possible attack is not a reported attack.

Splits: odd rows of each detection file are the test split, even rows the
development split. The span files list sentences of the detection files in
another order, so a span record is put on the side its sentence is on in
the detection file (`kg.oeda.split_by_sentence`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from kg.model import DocResult, EventMention, RelationMention
from kg.oeda import (
    BENCHMARKS,
    Attachment,
    DetectionRow,
    format_attachment,
    format_detection,
    load_detection,
    load_spans,
    score_attachment,
    score_detection,
    split,
    split_by_sentence,
)
from kg.pipeline import Pipeline
from kg.reader import article_from_text
from kg.relations import RelationCatalog, load_relations

@dataclass(frozen=True)
class KindOfEvent:
    """Which relations stand for a benchmark's event type."""

    plover: str
    relations: frozenset[str]

    @classmethod
    def from_catalog(cls, plover: str, catalog: RelationCatalog) -> "KindOfEvent":
        return cls(plover, frozenset(name for name, d in catalog.relations.items() if d.plover == plover))

    def found(self, result: DocResult) -> list[RelationMention | EventMention]:
        return [m for m in [*result.relations, *result.events]
                if m.relation in self.relations and m.modality == "asserted"]


def _attachments(found: list[RelationMention | EventMention]) -> list[Attachment]:
    return [Attachment(m.subject.text if m.subject else "", m.relation, m.object.text if m.object else "", m.trigger.text)
            for m in found]


_GIGAWORD_DATE = re.compile(r"_(\d{4})(\d{2})(\d{2})\.")


def article_date(doc_id: str) -> dt.date | None:
    """The date in a Gigaword-style id (AAW_ARB_20080123.0042-3), which is
    the article's date: it anchors أمس and الثلاثاء الماضي as a real
    article's date would. Opaque ids give none."""
    match = _GIGAWORD_DATE.search(doc_id)
    if not match:
        return None
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def _run(pipeline: Pipeline, doc_id: str, text: str) -> DocResult:
    return pipeline(article_from_text(doc_id, text, metadata_date=article_date(doc_id)))


def _examples(rows: list[DetectionRow], flags: list[bool], limit: int) -> str:
    misses = [r for r, f in zip(rows, flags) if r.label == "yes" and not f][:limit]
    alarms = [r for r, f in zip(rows, flags) if r.label in ("easy no", "difficult no") and f][:limit]
    lines = [f"  missed  row {r.position}: {r.text[:160]}" for r in misses]
    lines += [f"  alarm   row {r.position} ({r.label}): {r.text[:160]}" for r in alarms]
    return "\n".join(lines)


def run_event_benchmark(folder: Path, part: str, show_errors: int = 0, pipeline: Pipeline | None = None) -> str:
    """Detection and actor-attachment scores on one split, as text."""
    pipeline = pipeline or Pipeline()
    catalog = load_relations()
    out: list[str] = []
    for name, plover in BENCHMARKS:
        kind = KindOfEvent.from_catalog(plover, catalog)
        all_rows = load_detection(folder / f"{name}_gsr.csv")
        rows = split(all_rows, part)
        flags = [bool(kind.found(_run(pipeline, row.id, row.text))) for row in rows]
        out.append(f"== {name}: event detection ({part} split, {len(rows)} rows; "
                   f"kg relations counted: {', '.join(sorted(kind.relations)) or 'none'})")
        out.append(format_detection(score_detection(rows, flags)))
        if show_errors:
            out.append(_examples(rows, flags, show_errors))
        # a span record goes where its sentence goes in the detection file,
        # so that no test sentence is ever part of the development side
        records = split_by_sentence(load_spans(folder / f"{name}_spans.json"), all_rows, part)
        found = [_attachments(kind.found(_run(pipeline, r.id, r.text))) for r in records]
        out.append(f"== {name}: actor attachment ({part} split, {len(records)} records)")
        out.append(format_attachment(score_attachment(records, found)))
    return "\n".join(out)
