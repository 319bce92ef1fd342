"""Scoring kg against the OEDA Arabic event gold standard (arabic_event_gsr).

The Open Event Data Alliance set has two tasks (see
/work/shared/data/arabic-event-gsr/SOURCE.md):

* detection (`*_gsr.csv`): does a sentence report an ASSAULT / PROTEST
  event? Labels `yes`, `easy no`, `difficult no`, `ambiguous`;
* spans (`*_spans.json`): which words are the source actor, the event verb
  and the target actor (`source_gold`, `verb_gold`, `target_gold`: the words
  all coders agreed on, unordered, possibly empty).

This module only reads those files and scores what the caller found: it never
runs the pipeline itself, so the decision of which relations count as an
event (and the cost of running kg) stays with the caller, and the arithmetic
can be tested on tiny hand-made inputs.

Every sentence is addressed by its 0-based position in its file, and
`split` cuts on that position (even = dev, odd = test), so that tuning on dev
never sees a test sentence and the cut does not depend on how a caller
filtered the rows.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from kg.errors import KgError
from kg.text import clitic_stems, normalize, tokenize

T = TypeVar("T")

POSITIVE = "yes"
NEGATIVES = ("easy no", "difficult no")
AMBIGUOUS = "ambiguous"
LABELS = (POSITIVE, *NEGATIVES, AMBIGUOUS)
PARTS = ("dev", "test", "all")
# benchmark file stem -> the PLOVER type its "yes" rows report
BENCHMARKS = (("assault", "ASSAULT"), ("protest", "PROTEST"))

DETECTION_COLUMNS = ("id", "label", "text", "event_type")
SPAN_FIELDS = ("source", "text", "event_type", "source_gold", "verb_gold", "target_gold")

MIN_WORD_LETTERS = 3
# Function words of three letters or more that say nothing about who acted:
# a gold span such as "سياسيين بينهم زعيمة" must not match kg's text on بين.
FUNCTION_WORDS = frozenset(normalize(w) for w in """
على إلى التي الذي الذين اللذين اللتين بين بينهم بينها بعد قبل عند حتى منذ هذا هذه ذلك تلك هؤلاء كان كانت كانوا
فيه فيها فيهم عليه عليها عليهم منه منها منهم خلال أثناء لدى غير دون بعض جميع إلا أنه أنها لكن حيث كما أيضا لقد ليس
ماذا متى أين كيف نحو تحت فوق أمام وراء حول عبر يوم أمس اليوم
""".split())


# ---------------------------------------------------------------- records


@dataclass(frozen=True)
class DetectionRow:
    """One sentence of a `*_gsr.csv` file; `position` is its 0-based data row."""

    position: int
    id: str
    text: str
    label: str
    event_type: str


@dataclass(frozen=True)
class SpanRecord:
    """One record of a `*_spans.json` file; `id` is the sentence id (the
    record's `source` field, the same id as in the CSV), not the database `_id`."""

    position: int
    id: str
    text: str
    event_type: str
    source_gold: str
    verb_gold: str
    target_gold: str


def load_detection(path: Path) -> list[DetectionRow]:
    """Rows of an OEDA detection CSV, in file order.

    Strict on purpose: a missing column, an unknown label or an empty file
    means the wrong file was given, and a silently wrong benchmark is worse
    than an error.
    """
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            header = reader.fieldnames or []
            missing = [c for c in DETECTION_COLUMNS if c not in header]
            if missing:
                raise KgError(f"{path}: not an OEDA detection CSV (missing column {', '.join(missing)})")
            rows: list[DetectionRow] = []
            for position, row in enumerate(reader):
                line = reader.line_num
                if None in row or any(row.get(c) is None for c in DETECTION_COLUMNS):
                    raise KgError(f"{path}: line {line}: wrong number of fields")
                label = row["label"].strip()
                if label not in LABELS:
                    raise KgError(f"{path}: line {line}: unknown label '{label}' (expected one of {', '.join(LABELS)})")
                rows.append(DetectionRow(position, row["id"].strip(), row["text"], label, row["event_type"].strip()))
    except OSError as exc:
        raise KgError(f"cannot read {path}: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise KgError(f"{path}: not UTF-8 (invalid byte at position {exc.start})") from exc
    except csv.Error as exc:
        raise KgError(f"{path}: malformed CSV: {exc}") from exc
    if not rows:
        raise KgError(f"{path}: no rows")
    return rows


def load_spans(path: Path) -> list[SpanRecord]:
    """Records of an OEDA span JSON file (a JSON array), in file order.

    A `null` gold field is read as empty (no agreed words), like "".
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise KgError(f"cannot read {path}: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise KgError(f"{path}: not UTF-8 (invalid byte at position {exc.start})") from exc
    except json.JSONDecodeError as exc:
        raise KgError(f"{path}: not JSON (line {exc.lineno}: {exc.msg})") from exc
    if not isinstance(data, list):
        raise KgError(f"{path}: expected a JSON array of span records")
    if not data:
        raise KgError(f"{path}: no records")
    records: list[SpanRecord] = []
    for position, item in enumerate(data):
        if not isinstance(item, dict):
            raise KgError(f"{path}: record {position} is not an object")
        missing = [k for k in SPAN_FIELDS if k not in item]
        if missing:
            raise KgError(f"{path}: record {position} lacks {', '.join(missing)}")
        values: dict[str, str] = {}
        for key in SPAN_FIELDS:
            value = item[key]
            if value is None and key.endswith("_gold"):
                value = ""
            if not isinstance(value, str):
                raise KgError(f"{path}: record {position}: '{key}' is not a string")
            values[key] = value
        records.append(SpanRecord(position, values["source"].strip(), values["text"], values["event_type"].strip(),
                                  values["source_gold"].strip(), values["verb_gold"].strip(),
                                  values["target_gold"].strip()))
    return records


def split(items: Sequence[T], part: str) -> list[T]:
    """The dev (even positions), test (odd positions) or all items.

    An item's position is its `position` attribute when it has one (the row
    in its file, so a filtered list keeps the file's parity), else its index.
    """
    if part not in PARTS:
        raise KgError(f"unknown part '{part}' (expected one of {', '.join(PARTS)})")
    if part == "all":
        return list(items)
    parity = 0 if part == "dev" else 1
    return [item for index, item in enumerate(items) if getattr(item, "position", index) % 2 == parity]


def split_by_sentence(records: Sequence[SpanRecord], rows: Sequence[DetectionRow], part: str) -> list[SpanRecord]:
    """Span records on the `part` side of the *detection* file's split.

    The span files are not aligned with the CSVs: about half of the
    even-position span records are sentences at odd positions of the CSV, so
    tuning on `split(records, "dev")` leaks CSV test sentences. This keeps a
    record when its sentence id is in `split(rows, part)`, and falls back to
    the record's own position when the CSV has no row for it.
    """
    if part not in PARTS:
        raise KgError(f"unknown part '{part}' (expected one of {', '.join(PARTS)})")
    if part == "all":
        return list(records)
    parity = 0 if part == "dev" else 1
    csv_position = {row.id: row.position for row in rows}
    return [r for r in records if csv_position.get(r.id, r.position) % 2 == parity]


# ---------------------------------------------------------------- detection


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass(frozen=True)
class DetectionScore:
    """Sentence-level event detection. `yes` rows are positives, `easy no`
    and `difficult no` negatives; `ambiguous` rows (coders split) count in
    neither, since neither answer is wrong, but `flagged_by_label` shows how
    often they (and every other label) were flagged: label → (flagged, total)."""

    tp: int
    fp: int
    fn: int
    tn: int
    precision: float
    recall: float
    f1: float
    flagged_by_label: dict[str, tuple[int, int]] = field(default_factory=dict)


def score_detection(rows: Sequence[DetectionRow], flags: Sequence[bool]) -> DetectionScore:
    """Score one flag per row (True = kg found an event in that sentence)."""
    if len(rows) != len(flags):
        raise ValueError(f"{len(rows)} rows but {len(flags)} flags")
    tp = fp = fn = tn = 0
    by_label: dict[str, list[int]] = {}
    for row, flag in zip(rows, flags):
        counts = by_label.setdefault(row.label, [0, 0])
        counts[0] += bool(flag)
        counts[1] += 1
        if row.label == POSITIVE:
            tp, fn = (tp + 1, fn) if flag else (tp, fn + 1)
        elif row.label in NEGATIVES:
            fp, tn = (fp + 1, tn) if flag else (fp, tn + 1)
    precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    order = {label: i for i, label in enumerate(LABELS)}
    flagged = {label: (c[0], c[1]) for label, c in sorted(by_label.items(), key=lambda p: (order.get(p[0], 99), p[0]))}
    return DetectionScore(tp, fp, fn, tn, precision, recall, _f1(precision, recall), flagged)


def format_detection(score: DetectionScore, title: str = "detection") -> str:
    """Plain-text table: the confusion counts, P/R/F1, flags per label."""
    lines = [
        f"{title}",
        f"  tp {score.tp}  fp {score.fp}  fn {score.fn}  tn {score.tn}",
        (f"  precision {score.precision:.3f}  recall {score.recall:.3f}  f1 {score.f1:.3f}"
         "  (yes vs easy/difficult no; ambiguous excluded)"),
        f"  {'label':<14}{'flagged':>8}{'total':>8}{'rate':>8}",
    ]
    for label, (flagged, total) in score.flagged_by_label.items():
        lines.append(f"  {label:<14}{flagged:>8}{total:>8}{_ratio(flagged, total):>8.3f}")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- attachment


@dataclass(frozen=True)
class Attachment:
    """One event kg found in a sentence, reduced to the surface texts that
    the span gold can be compared with."""

    subject_text: str
    relation: str
    object_text: str
    trigger_text: str


@dataclass(frozen=True)
class SlotScore:
    """One argument slot (source, target or verb) over the span records.

    gold     records whose gold words for the slot are not empty
    found    of those, records where kg found at least one event
    matched  of those, records where some event's text for the slot shares
             a content word with the gold words
    """

    gold: int
    found: int
    matched: int

    @property
    def rate_of_gold(self) -> float:
        """matched / gold: end-to-end (detection and attachment)."""
        return _ratio(self.matched, self.gold)

    @property
    def rate_of_found(self) -> float:
        """matched / found: attachment alone, where kg did find an event."""
        return _ratio(self.matched, self.found)


@dataclass(frozen=True)
class AttachmentScore:
    """Who-did-what-to-whom agreement: kg's subject against `source_gold`,
    its object against `target_gold` and its trigger against `verb_gold`.
    Overlap, not exact span match, because the gold words are unordered
    and kg's spans are entity names (the coders often mark a longer phrase)."""

    records: int
    with_event: int  # records where kg found any event
    source: SlotScore
    target: SlotScore
    verb: SlotScore


@lru_cache(maxsize=65536)
def content_stems(text: str) -> frozenset[str]:
    """Normalised, proclitic-stripped stems of the words of `text`, without
    function words (a word any of whose stems is one: وعلى) and without
    stems shorter than three letters, so that a shared و or في is never
    evidence."""
    stems: set[str] = set()
    for token in tokenize(text):
        if not token.is_word or token.is_number:
            continue
        candidates = clitic_stems(token.norm)
        if any(stem in FUNCTION_WORDS for stem in candidates):
            continue
        stems.update(stem for stem in candidates if len(stem) >= MIN_WORD_LETTERS)
    return frozenset(stems)


def words_overlap(kg_text: str, gold_words: str) -> bool:
    """Do kg's text and the gold words share a content word, after
    normalisation and proclitic stripping (والجيش and الجيش agree)?"""
    return bool(content_stems(kg_text) & content_stems(gold_words))


def _slot(records: Sequence[SpanRecord], found: Sequence[list[Attachment]], gold_of, text_of) -> SlotScore:
    gold = with_event = matched = 0
    for record, events in zip(records, found):
        words = gold_of(record)
        if not words.strip():
            continue
        gold += 1
        if not events:
            continue
        with_event += 1
        if any(words_overlap(text_of(event), words) for event in events):
            matched += 1
    return SlotScore(gold, with_event, matched)


def score_attachment(records: Sequence[SpanRecord], found: Sequence[list[Attachment]]) -> AttachmentScore:
    """Score the events kg found per span record (found[i] belongs to records[i])."""
    if len(records) != len(found):
        raise ValueError(f"{len(records)} records but {len(found)} lists of events")
    return AttachmentScore(
        records=len(records),
        with_event=sum(1 for events in found if events),
        source=_slot(records, found, lambda r: r.source_gold, lambda a: a.subject_text),
        target=_slot(records, found, lambda r: r.target_gold, lambda a: a.object_text),
        verb=_slot(records, found, lambda r: r.verb_gold, lambda a: a.trigger_text),
    )


def format_attachment(score: AttachmentScore, title: str = "attachment") -> str:
    """Plain-text table: per slot, the gold/found/matched counts and both rates."""
    lines = [
        f"{title}",
        f"  records {score.records}  with a kg event {score.with_event} ({_ratio(score.with_event, score.records):.3f})",
        f"  {'slot':<22}{'gold':>6}{'found':>7}{'matched':>9}{'of gold':>9}{'of found':>10}",
    ]
    for name, slot in (("source ~ subject", score.source), ("target ~ object", score.target),
                       ("verb ~ trigger", score.verb)):
        lines.append(f"  {name:<22}{slot.gold:>6}{slot.found:>7}{slot.matched:>9}"
                     f"{slot.rate_of_gold:>9.3f}{slot.rate_of_found:>10.3f}")
    return "\n".join(lines) + "\n"
