"""Score extracted triples against the gold files in `shared/gold/`.

The rules are those of ONTOLOGY.md ("Gold files"): scoring is per document
and only over documents that have gold; precision is over the system's
distinct (s, r, o) triples of a document, with matches to optional gold
triples left out; recall is over required gold triples; symmetric relations
match in either direction.  Scoring is pure (no I/O) so that it can be tested
on hand-made inputs; the loaders are thin and turn every input problem into a
one-line `KgError`.

The parts are modules of their own: records (kg/evaluate_data.py), loaders
(kg/evaluate_load.py), matching and scoring (kg/evaluate_match.py) and the
text report (kg/evaluate_report.py). This module is their public face.
"""

from __future__ import annotations

from kg.evaluate_data import Counts, EvalReport, GoldTriple, SystemTriple
from kg.evaluate_load import load_gold, load_system_triples
from kg.evaluate_match import score
from kg.evaluate_report import format_report

__all__ = [
    "GoldTriple",
    "SystemTriple",
    "Counts",
    "EvalReport",
    "load_gold",
    "load_system_triples",
    "score",
    "format_report",
]
