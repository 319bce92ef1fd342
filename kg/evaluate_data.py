"""The records of triple evaluation: gold and system triples, counts with
precision/recall/F1, and the report `score` fills.

Apart from loading, scoring and rendering so that each of those (and the
NER and relation evaluations, which reuse Counts) depends on records only.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class GoldTriple:
    """One gold line; `s`, `r`, `o` hold every accepted alternative."""

    doc: str
    s: tuple[str, ...]
    r: tuple[str, ...]
    o: tuple[str, ...]
    optional: bool
    date: str | None
    modality: tuple[str, ...]
    evidence: str


@dataclass(frozen=True)
class SystemTriple:
    """One extracted relation as the system wrote it (canonical English labels)."""

    doc: str
    s: str
    r: str
    o: str
    date: str | None = None
    modality: str | None = None


@dataclass
class Counts:
    """True/false positives and false negatives, with derived P/R/F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """TP / (TP + FP); 0 when nothing was predicted, so empty output never looks perfect."""
        d = self.tp + self.fp
        return self.tp / d if d else 0.0

    @property
    def recall(self) -> float:
        """TP / (TP + FN); 0 when there is nothing to find."""
        d = self.tp + self.fn
        return self.tp / d if d else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall; 0 when both are 0."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Counts) -> None:
        """Accumulate `other` into self (used for totals)."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn


@dataclass
class EvalReport:
    """Everything `score` computes; `format_report` renders it."""

    per_relation: dict[str, Counts]
    overall: Counts
    per_doc: dict[str, Counts]
    false_positives: list[SystemTriple] = field(default_factory=list)
    misses: list[GoldTriple] = field(default_factory=list)
    date_checked: int = 0
    date_correct: int = 0
