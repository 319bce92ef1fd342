"""How well the relation stage does on the annotated corpus, by
cross-validation: the classifier alone, the rules alone on the same
candidate pairs, and the two combined as the pipeline combines them (the
rules' answer where they give one, else the classifier's where no clause
boundary separates the pair: kg.pairs.clauses).

Pair-level counts: a pair predicted with a relation the gold gives it is a
true positive; any other prediction is a false positive; every gold
relation of a pair not predicted is a miss.

One split of 2,122 sentences into five folds gives a classifier F1 that
moves by about ±0.015 with the split alone, as much as many a data change
moves it; so the whole procedure (folds, thresholds, counts) can be run on
several partitions of the sentences into folds, and their mean reported
beside the first partition's table (the folds `kg train relations` uses).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import KgError
from kg.extractors.rules import RuleRelationExtractor
from kg.evaluate import Counts
from kg.lexicon import load_lexicon
from kg.model import Article, RelationMention
from kg.pairs.candidates import candidate_pairs
from kg.pairs.corpus import AnnotatedSentence, read_corpus
from kg.pairs.clauses import crosses_clause
from kg.pairs.features import DEFAULT_FEATURIZERS, SentencePairs
from kg.pairs.model import NONE, decode_label, encode_label
from kg.pairs.train import FOLDS, CrossValidation, build_examples, cross_validate
from kg.relations import load_relations


@dataclass
class CorpusReport:
    sentences: int
    pairs: int
    threshold: float
    model: dict[str, Counts]
    rules: dict[str, Counts]
    combined: dict[str, Counts]
    thresholds: dict[str, float]  # relations with a threshold of their own
    partitions: list[tuple[Counts, Counts]] = field(default_factory=list)  # (classifier, combined) overall, per partition


def _count(gold: list[frozenset[str]], predicted: list[set[str]]) -> dict[str, Counts]:
    per: dict[str, Counts] = {}
    for labels, chosen in zip(gold, predicted):
        for label in chosen:
            counts = per.setdefault(decode_label(label)[0], Counts())
            if label in labels:
                counts.tp += 1
            else:
                counts.fp += 1
        for missed in labels - chosen:
            per.setdefault(decode_label(missed)[0], Counts()).fn += 1
    return dict(sorted(per.items()))


def _rule_labels(sentences: list[AnnotatedSentence]) -> list[set[str]]:
    """What the rule extractor says of every candidate pair, in build_examples' order."""
    extractor = RuleRelationExtractor()
    symmetric = load_relations().symmetric
    out: list[set[str]] = []
    for annotated in sentences:
        article = Article(annotated.id, annotated.sentence.text, "", 0, None, "none")
        found = [r for r in extractor(article, [annotated.sentence], annotated.mentions) if isinstance(r, RelationMention)]
        for pair in candidate_pairs(annotated.mentions):
            labels: set[str] = set()
            for relation in found:
                sides = (relation.subject.start, relation.object.start)
                if sides == (pair.first.start, pair.second.start):
                    labels.add(encode_label(relation.relation, False, relation.relation in symmetric))
                elif sides == (pair.second.start, pair.first.start):
                    labels.add(encode_label(relation.relation, True, relation.relation in symmetric))
            out.append(labels)
    return out


def _crossing(sentences: list[AnnotatedSentence]) -> list[bool]:
    """Whether a clause boundary separates each candidate pair, in build_examples' order."""
    lexicon = load_lexicon()
    out: list[bool] = []
    for annotated in sentences:
        context = SentencePairs(annotated.sentence.tokens, annotated.mentions, lexicon)
        out.extend(crosses_clause(context, pair) for pair in candidate_pairs(annotated.mentions))
    return out


def _classified(cv: CrossValidation, threshold: float | None) -> tuple[list[set[str]], float, dict[str, float]]:
    """The classifier's labels on out-of-fold predictions, with the
    thresholds `kg train relations` would choose on them (one overall, some
    per relation) unless one is given."""
    own: dict[str, float] = {}
    if threshold is None:
        threshold = cv.best_threshold()
        own = cv.relation_thresholds(threshold)
    model = [{label} if label != NONE and p >= own.get(decode_label(label)[0], threshold) else set()
             for label, p in zip(cv.predicted, cv.probability)]
    return model, threshold, own


def _overall(per_relation: dict[str, Counts]) -> Counts:
    total = Counts()
    for counts in per_relation.values():
        total.add(counts)
    return total


def evaluate_corpus(corpus: Path, threshold: float | None = None, folds: int = FOLDS,
                    featurizers: tuple[str, ...] = DEFAULT_FEATURIZERS, partitions: int = 1) -> CorpusReport:
    if partitions < 1:
        raise KgError(f"partitions must be 1 or more, not {partitions}")
    sentences = list(read_corpus(corpus))
    examples = build_examples(sentences, featurizers)
    rules = _rule_labels(sentences)
    crossing = _crossing(sentences)

    def run(partition: int) -> tuple[dict[str, Counts], dict[str, Counts], float, dict[str, float]]:
        cv = cross_validate(examples, folds, featurizers=featurizers, partition=partition)
        model, chosen, own = _classified(cv, threshold)
        combined = [r or (set() if crossed else m) for r, m, crossed in zip(rules, model, crossing)]
        return _count(examples.labels, model), _count(examples.labels, combined), chosen, own

    model, combined, chosen, own = run(0)
    report = CorpusReport(len(sentences), len(examples.features), chosen, model,
                          _count(examples.labels, rules), combined, own, [(_overall(model), _overall(combined))])
    for partition in range(1, partitions):
        model, combined, _, _ = run(partition)
        report.partitions.append((_overall(model), _overall(combined)))
    return report


def format_corpus_report(report: CorpusReport) -> str:
    names = sorted(set(report.model) | set(report.rules) | set(report.combined))
    head = f"{'relation':<18} " + "  ".join(f"{name:^23}" for name in ("classifier", "rules", "combined"))
    sub = f"{'':<18} " + "  ".join(f"{'TP':>4} {'FP':>4} {'FN':>4} {'F1':>5}  " for _ in range(3))
    lines = [f"{report.sentences} sentences, {report.pairs} candidate pairs, {FOLDS}-fold cross-validation "
             f"by sentence; classifier threshold {report.threshold:.2f}"
             + "".join(f", {name} {value:.2f}" for name, value in sorted(report.thresholds.items()))
             + (" (chosen on these out-of-fold predictions)" if report.thresholds else ""), "", head, sub]

    def cells(counts: Counts | None) -> str:
        counts = counts or Counts()
        return f"{counts.tp:>4} {counts.fp:>4} {counts.fn:>4} {counts.f1:>5.3f}  "

    for name in names:
        row = [report.model.get(name), report.rules.get(name), report.combined.get(name)]
        lines.append(f"{name:<18} " + "  ".join(cells(c) for c in row))
    totals = [_overall(report.model), _overall(report.rules), _overall(report.combined)]
    lines.append(f"{'overall':<18} " + "  ".join(cells(c) for c in totals))
    lines.append("")
    lines.append("overall P/R: " + "; ".join(f"{name} P {c.precision:.3f} R {c.recall:.3f} F1 {c.f1:.3f}"
                                          for name, c in zip(("classifier", "rules", "combined"), totals)))
    if len(report.partitions) > 1:
        for k, name in enumerate(("classifier", "combined")):
            scores = [p[k].f1 for p in report.partitions]
            lines.append(f"{name} F1 on {len(scores)} partitions into folds: "
                         + ", ".join(f"{f:.3f}" for f in scores) + f"; mean {sum(scores) / len(scores):.3f}")
    return "\n".join(lines) + "\n"
