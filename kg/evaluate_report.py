"""Rendering of a triple evaluation: fixed-width tables of counts and
P/R/F1 per relation and per document, the date check, and the errors.

Apart from scoring so that the numbers and their presentation change
independently.
"""

from __future__ import annotations

from kg.evaluate_data import Counts, EvalReport


def _table(title: str, rows: list[tuple[str, Counts]], total: Counts | None) -> list[str]:
    """A fixed-width table of counts and P/R/F1, readable in a terminal or a log."""
    width = max([len(title)] + [len(name) for name, _ in rows] + [len("overall")])
    head = f"{title:<{width}}  {'TP':>4} {'FP':>4} {'FN':>4}  {'P':>5} {'R':>5} {'F1':>5}"
    lines = [head, "-" * len(head)]

    def fmt(name: str, c: Counts) -> str:
        return (
            f"{name:<{width}}  {c.tp:>4} {c.fp:>4} {c.fn:>4}  "
            f"{c.precision:>5.3f} {c.recall:>5.3f} {c.f1:>5.3f}"
        )

    lines += [fmt(name, c) for name, c in rows]
    if total is not None:
        lines += ["-" * len(head), fmt("overall", total)]
    return lines


def format_report(report: EvalReport, show_errors: bool = False) -> str:
    """Plain-text tables (per relation, per document), the date check, and optionally the errors."""
    lines = _table("relation", list(report.per_relation.items()), report.overall)
    lines.append("")
    lines += _table("document", list(report.per_doc.items()), None)
    lines.append("")
    if report.date_checked:
        pct = 100.0 * report.date_correct / report.date_checked
        lines.append(
            f"dates: {report.date_correct}/{report.date_checked} correct ({pct:.1f}%) "
            "on found gold triples that carry a date"
        )
    else:
        lines.append("dates: no found gold triple carries a date")
    if show_errors:
        lines += ["", f"false positives ({len(report.false_positives)}):"]
        lines += [
            f"  {t.doc}  ({t.s}, {t.r}, {t.o})" + (f"  date={t.date}" if t.date else "")
            for t in report.false_positives
        ]
        lines += ["", f"misses ({len(report.misses)}):"]
        lines += [
            f"  {g.doc}  ({' | '.join(g.s)}, {' | '.join(g.r)}, {' | '.join(g.o)})"
            + (f"  date={g.date}" if g.date else "")
            for g in report.misses
        ]
    return "\n".join(lines) + "\n"
