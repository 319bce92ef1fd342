"""Entity-level NER scores on an IOB file, CoNLL style, on its own tokens.

A predicted entity counts only if its span of whole tokens and its type
equal a gold entity's (exact match). The model tags clitic-split pieces; its
entities are mapped back to whole tokens first (a token is in an entity if
its stem piece is), so scores are comparable with any tagger of the file.

ANERcorp's CAMeL Lab test file has a known defect: in most sentences the
first token and its tag do not belong to the text (see the data's SOURCE.md
and DERIVED_test_sentence_initial_token_check.tsv). Scores are therefore
given twice: on the file as it is, and with the entities that include
token 0 dropped, on both sides, in every sentence whose first token is not
known to be right (status other than ``same``).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from kg.errors import KgError
from kg.evaluate import Counts
from kg.ner.conll import LABELS, Span, read_iob
from kg.ner.model import NerModel, load_model

MODE_AS_IS = "file as is"
MODE_EXCLUDED = "sentence-initial tokens excluded"


@dataclass(frozen=True)
class ModeScores:
    """Scores of one way of counting: per type and over all types."""

    mode: str
    per_type: dict[str, Counts]
    overall: Counts
    dropped_gold: int = 0
    dropped_pred: int = 0


@dataclass(frozen=True)
class NerReport:
    """Everything `format_report` prints."""

    test_path: str
    model_path: str
    sentences: int
    tokens: int
    seconds: float
    modes: tuple[ModeScores, ...]
    excluded_sentences: int | None  # sentences whose token 0 is not trusted; None without a check file

    @property
    def tokens_per_second(self) -> float:
        return self.tokens / self.seconds if self.seconds > 0 else 0.0

    def mode(self, name: str) -> ModeScores:
        for scores in self.modes:
            if scores.mode == name:
                return scores
        raise KeyError(name)


def score_spans(gold: list[list[Span]], pred: list[list[Span]], mode: str = MODE_AS_IS,
                labels: tuple[str, ...] = LABELS) -> ModeScores:
    """Exact-match entity counts, sentence by sentence."""
    if len(gold) != len(pred):
        raise ValueError(f"{len(gold)} gold sentences but {len(pred)} predicted")
    tp: dict[str, int] = {}
    fp: dict[str, int] = {}
    fn: dict[str, int] = {}
    for gold_spans, pred_spans in zip(gold, pred):
        g = {(s.start, s.end, s.label) for s in gold_spans}
        p = {(s.start, s.end, s.label) for s in pred_spans}
        for key in g & p:
            tp[key[2]] = tp.get(key[2], 0) + 1
        for key in p - g:
            fp[key[2]] = fp.get(key[2], 0) + 1
        for key in g - p:
            fn[key[2]] = fn.get(key[2], 0) + 1
    names = list(labels) + sorted((set(tp) | set(fp) | set(fn)) - set(labels))
    per_type = {name: Counts(tp.get(name, 0), fp.get(name, 0), fn.get(name, 0)) for name in names}
    overall = Counts()
    for counts in per_type.values():
        overall.add(counts)
    return ModeScores(mode, per_type, overall)


def drop_initial(spans: list[list[Span]], untrusted: list[bool]) -> tuple[list[list[Span]], int]:
    """Spans without those that include token 0 of an untrusted sentence,
    and how many were dropped."""
    kept: list[list[Span]] = []
    dropped = 0
    for sentence_spans, flag in zip(spans, untrusted):
        if flag:
            keep = [s for s in sentence_spans if s.start > 0]
            dropped += len(sentence_spans) - len(keep)
            kept.append(keep)
        else:
            kept.append(list(sentence_spans))
    return kept, dropped


def read_initial_check(path: Path, first_tokens: list[str]) -> list[bool]:
    """For each test sentence: is its first token untrusted (status other
    than ``same``)? Read with plain tab splitting: tokens may be a bare
    quote. The rows must line up with the test file's sentences."""
    try:
        lines = Path(path).read_text(encoding="utf-8").split("\n")
    except OSError as exc:
        raise KgError(f"cannot read sentence-initial check {path}: {exc.strerror}") from exc
    rows = [line.rstrip("\r").split("\t") for line in lines if line.strip()]
    if not rows or "status" not in rows[0]:
        raise KgError(f"{path}: no header with a 'status' column")
    header = rows[0]
    status_at, token_at = header.index("status"), header.index("test_token") if "test_token" in header else -1
    body = rows[1:]
    if len(body) != len(first_tokens):
        raise KgError(f"{path}: {len(body)} rows but the test file has {len(first_tokens)} sentences")
    untrusted: list[bool] = []
    for number, (row, token) in enumerate(zip(body, first_tokens), start=2):
        if token_at >= 0 and row[token_at] != token:
            raise KgError(f"{path}:{number}: first token {row[token_at]!r} is not the test file's {token!r}")
        untrusted.append(row[status_at] != "same")
    return untrusted


def evaluate_ner(model: NerModel,  # or kg.ner.neural.model.E5NerModel: anything with predict() and path
                 test_path: Path, initial_check_path: Path | None) -> NerReport:
    """Predict every sentence of `test_path` and score it (both modes when
    `initial_check_path` is given, else only the file as it is)."""
    sentences = read_iob(test_path)
    gold = [s.spans for s in sentences]
    words = [list(s.tokens) for s in sentences]
    started = time.perf_counter()
    predicted = model.predict(words)
    seconds = time.perf_counter() - started
    pred = [[Span(p.start, p.end, p.label) for p in spans] for spans in predicted]
    modes = [score_spans(gold, pred, MODE_AS_IS)]
    excluded: int | None = None
    if initial_check_path is not None:
        untrusted = read_initial_check(initial_check_path, [s.tokens[0] for s in sentences])
        kept_gold, dropped_gold = drop_initial(gold, untrusted)
        kept_pred, dropped_pred = drop_initial(pred, untrusted)
        scores = score_spans(kept_gold, kept_pred, MODE_EXCLUDED)
        modes.append(ModeScores(scores.mode, scores.per_type, scores.overall, dropped_gold, dropped_pred))
        excluded = sum(untrusted)
    return NerReport(str(test_path), str(model.path or ""), len(sentences), sum(len(w) for w in words), seconds,
                     tuple(modes), excluded)


def format_report(report: NerReport) -> str:
    """A plain-text table of the report."""
    lines = [
        f"NER evaluation of {report.model_path or 'model'}",
        f"test file: {report.test_path}",
        f"{report.sentences:,} sentences, {report.tokens:,} tokens; prediction {report.seconds:.2f} s "
        f"= {report.tokens_per_second:,.0f} tokens/s",
    ]
    if report.excluded_sentences is not None:
        lines.append(f"sentences whose first token is not trusted: {report.excluded_sentences:,}")
    for scores in report.modes:
        lines.append("")
        title = f"## {scores.mode}"
        if scores.mode == MODE_EXCLUDED:
            title += f" (dropped {scores.dropped_gold} gold, {scores.dropped_pred} predicted entities at token 0)"
        lines.append(title)
        lines.append(f"{'type':<8} {'P':>6} {'R':>6} {'F1':>6} {'TP':>6} {'FP':>6} {'FN':>6}")
        rows = list(scores.per_type.items()) + [("overall", scores.overall)]
        for name, c in rows:
            lines.append(f"{name:<8} {c.precision:>6.3f} {c.recall:>6.3f} {c.f1:>6.3f} {c.tp:>6} {c.fp:>6} {c.fn:>6}")
    return "\n".join(lines) + "\n"


DATA_DIR = Path(__file__).resolve().parents[3] / "shared" / "data" / "anercorp-camel-splits"
DEFAULT_TEST = DATA_DIR / "ANERCorp_CamelLab_test.txt"
DEFAULT_CHECK = DATA_DIR / "DERIVED_test_sentence_initial_token_check.tsv"


def main(argv: list[str] | None = None) -> int:
    """`python -m kg.ner.evaluate`: score a model on the ANERcorp test split."""
    import argparse
    import sys

    parser = argparse.ArgumentParser(prog="python -m kg.ner.evaluate", description=main.__doc__)
    parser.add_argument("--model", type=Path, default=None, help="model directory (default: the packaged kg/models/ner_ar)")
    parser.add_argument("--test", type=Path, default=DEFAULT_TEST, help="IOB test file")
    parser.add_argument("--check", type=Path, default=DEFAULT_CHECK,
                        help="sentence-initial token check TSV ('' to score the file as it is only)")
    args = parser.parse_args(argv)
    try:
        model = load_model(args.model)
        report = evaluate_ner(model, args.test, args.check if args.check and str(args.check) not in ("", ".") else None)
    except KgError as exc:
        print(f"kg: error: {exc}", file=sys.stderr)
        return 1
    sys.stdout.write(format_report(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
