"""`kg eval events --cv K`: event detection on OEDA's development rows by
cross-validation of the sentence classifier.

`kg eval events --split dev` scores the shipped sentence classifier
(kg.event_classifier) on the very rows it was trained on, so its F1 says
little about unseen news (0.86 there against 0.66 on the test rows). Here
the development rows are cut into K folds; each fold is run through the
whole pipeline with a classifier trained on the other folds only, and the
pooled flags are scored, at the shipped threshold and at a range of others.
Several partitions into folds (seeded shuffles) show how much of a
difference between thresholds is only the luck of the cut. The test rows
are never read.

The rules, lexicons and other models are what they are: tuned partly on
the same development rows, so this estimate is still an upper bound, but
no longer one inflated by a classifier that has seen every sentence.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from pathlib import Path

from kg.event_bench import KindOfEvent, _run
from kg.event_classifier import SentenceEventModel, train
from kg.extractors.rules import RuleRelationExtractor
from kg.errors import KgError
from kg.oeda import AMBIGUOUS, BENCHMARKS, POSITIVE, DetectionRow, load_detection, score_detection, split
from kg.pipeline import Pipeline
from kg.relations import load_relations

THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7)


@dataclass(frozen=True)
class CvScore:
    """Pooled detection F1 of one partition at one threshold."""

    partition: int
    threshold: float
    tp: int
    fp: int
    fn: int
    f1: float


def folds_of(rows: list[DetectionRow], folds: int, seed: int) -> list[int]:
    """Fold index per row: a seeded shuffle of the positions cut round-robin,
    so every fold holds about as many rows and the cut is reproducible."""
    order = list(range(len(rows)))
    random.Random(seed).shuffle(order)
    fold = [0] * len(rows)
    for rank, position in enumerate(order):
        fold[position] = rank % folds
    return fold


def _rules_extractor(pipeline: Pipeline) -> RuleRelationExtractor:
    for extractor in pipeline.relation:
        if isinstance(extractor, RuleRelationExtractor):
            return extractor
    raise KgError("cross-validating the event classifier needs the rules extractor in the pipeline")


def cross_validate(rows: list[DetectionRow], plover: str, folds: int, partitions: int,
                   pipeline: Pipeline, thresholds: tuple[float, ...] = THRESHOLDS) -> list[CvScore]:
    """Pooled scores per partition and threshold (see the module docstring)."""
    kind = KindOfEvent.from_catalog(plover, load_relations())
    rules = _rules_extractor(pipeline)
    shipped = rules.event_models
    scores: list[CvScore] = []
    try:
        for partition in range(partitions):
            fold = folds_of(rows, folds, seed=partition)
            flags = {t: [False] * len(rows) for t in thresholds}
            for f in range(folds):
                training = [r for r, k in zip(rows, fold) if k != f and r.label != AMBIGUOUS]
                model: SentenceEventModel = train([r.text for r in training],
                                                  [r.label == POSITIVE for r in training], plover)
                for threshold in thresholds:
                    rules.event_models = {**shipped, plover: replace(model, threshold=threshold)}
                    for n, row in enumerate(rows):
                        if fold[n] == f:
                            flags[threshold][n] = bool(kind.found(_run(pipeline, row.id, row.text)))
            for threshold in thresholds:
                score = score_detection(rows, flags[threshold])
                scores.append(CvScore(partition, threshold, score.tp, score.fp, score.fn, score.f1))
    finally:
        rules.event_models = shipped
    return scores


def run_event_cv(folder: Path, folds: int, partitions: int, pipeline: Pipeline | None = None) -> str:
    """The cross-validated detection table of every benchmark, as text."""
    if folds < 2:
        raise KgError("--cv needs at least 2 folds")
    pipeline = pipeline or Pipeline()
    shipped = _rules_extractor(pipeline).event_models
    out: list[str] = []
    for name, plover in BENCHMARKS:
        rows = split(load_detection(folder / f"{name}_gsr.csv"), "dev")
        scores = cross_validate(rows, plover, folds, partitions, pipeline)
        current = shipped[plover].threshold if plover in shipped else None
        out.append(f"== {name}: event detection, development rows by {folds}-fold cross-validation of the "
                   f"sentence classifier ({partitions} partition{'s' if partitions > 1 else ''}; "
                   f"shipped threshold {current})")
        out.append(f"  {'threshold':>9}  " + "  ".join(f"{'F1 p' + str(p):>7}" for p in range(partitions))
                   + f"  {'mean':>6}  tp/fp/fn (partition 0)")
        for threshold in sorted({s.threshold for s in scores}):
            row = [s for s in scores if s.threshold == threshold]
            mean = sum(s.f1 for s in row) / len(row)
            marker = " *" if threshold == current else ""
            out.append(f"  {threshold:>9.2f}  " + "  ".join(f"{s.f1:>7.3f}" for s in row)
                       + f"  {mean:>6.3f}  {row[0].tp}/{row[0].fp}/{row[0].fn}{marker}")
    return "\n".join(out)
