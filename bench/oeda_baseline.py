"""kg's current pipeline on the OEDA Arabic event gold standard, DEV rows only.

Runs `kg.pipeline.Pipeline()` (default extractors, as `kg extract` does) on
every even-position row of assault_gsr.csv / protest_gsr.csv and every
even-position record of assault_spans.json / protest_spans.json; the odd
positions are the held-out test half and are never read past loading.

"Event found" in a sentence = kg extracted at least one relation whose
PLOVER type (kg.ttl, via kg.relations.load_relations) is the file's event
type: ASSAULT for the assault files, PROTEST for the protest files. The same
relations are the events compared with the span gold (kg subject vs
source_gold, object vs target_gold, trigger vs verb_gold). For context the
script also prints the attachment scores when any event relation counts.

    python bench/oeda_baseline.py [--data DIR]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from kg.errors import KgError
from kg.lexicon import Lexicon, load_lexicon
from kg.oeda import (
    Attachment,
    format_attachment,
    format_detection,
    load_detection,
    load_spans,
    score_attachment,
    score_detection,
    split,
)
from kg.pipeline import Pipeline
from kg.reader import article_from_text
from kg.relations import load_relations
from kg.text import tokenize

DEFAULT_DATA = Path("/work/shared/data/arabic-event-gsr")
TASKS = (("assault", "ASSAULT"), ("protest", "PROTEST"))


def run_sentence(pipeline: Pipeline, doc_id: str, text: str) -> tuple[list, list]:
    """kg's relations and one-sided events (`DocResult.events`, where the
    pipeline has them) for one sentence, read as `kg extract` reads a text."""
    result = pipeline(article_from_text(doc_id, text))
    return result.relations, list(getattr(result, "events", []))


def attachments(found: list, names: set[str]) -> list[Attachment]:
    """The relations (or events) of the named relations, as span texts; a
    missing side of a one-sided event is the empty text."""
    return [Attachment(m.subject.text if m.subject else "", m.relation, m.object.text if m.object else "",
                       m.trigger.text) for m in found if m.relation in names]


def has_trigger(lexicon: Lexicon, text: str, names: set[str]) -> bool:
    """Does any word of the text look up to a trigger of one of the relations?"""
    return any(t.relation in names for token in tokenize(text) if token.is_word for t in lexicon.lookup(token.norm))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args(argv)

    started = time.perf_counter()
    catalog = load_relations()
    event_names = {name for name, r in catalog.relations.items() if r.kind == "event"}
    pipeline = Pipeline()
    lexicon = load_lexicon()
    setup = time.perf_counter() - started
    sentences = 0
    for stem, plover in TASKS:
        names = {name for name, r in catalog.relations.items() if r.plover == plover}
        print(f"== {stem}: event relations with PLOVER {plover}: {', '.join(sorted(names)) or '(none)'}")

        rows = split(load_detection(args.data / f"{stem}_gsr.csv"), "dev")
        t0 = time.perf_counter()
        outputs = [run_sentence(pipeline, r.id, r.text) for r in rows]
        sentences += len(rows)
        flags = [bool(attachments(relations, names)) for relations, _ in outputs]
        print(format_detection(score_detection(rows, flags), f"{stem}_gsr.csv dev ({len(rows)} rows, "
                                                            f"{time.perf_counter() - t0:.1f} s), relations"))
        flags = [bool(attachments(relations + events, names)) for relations, events in outputs]
        print(format_detection(score_detection(rows, flags), f"{stem}_gsr.csv dev, relations or one-sided events"))
        lexical = [has_trigger(lexicon, r.text, names) for r in rows]
        print(format_detection(score_detection(rows, lexical), f"{stem}_gsr.csv dev, trigger word alone (context only)"))

        records = split(load_spans(args.data / f"{stem}_spans.json"), "dev")
        t0 = time.perf_counter()
        found = [run_sentence(pipeline, r.id, r.text) for r in records]
        sentences += len(records)
        elapsed = time.perf_counter() - t0
        print(format_attachment(score_attachment(records, [attachments(rel, names) for rel, _ in found]),
                                f"{stem}_spans.json dev ({len(records)} records, {elapsed:.1f} s), {plover} relations"))
        print(format_attachment(score_attachment(records, [attachments(rel + ev, names) for rel, ev in found]),
                                f"{stem}_spans.json dev, {plover} relations or one-sided events"))
        print(format_attachment(score_attachment(records, [attachments(rel, event_names) for rel, _ in found]),
                                f"{stem}_spans.json dev, any event relation (context only)"))
    total = time.perf_counter() - started
    print(f"time: {total:.1f} s in all ({setup:.1f} s loading, {sentences} sentences, "
          f"{sentences / max(total - setup, 1e-9):.0f} sentences/s)")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KgError as exc:
        print(f"oeda_baseline: {exc}", file=sys.stderr)
        sys.exit(1)
