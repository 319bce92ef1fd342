"""Matching and scoring for triple evaluation, by ONTOLOGY.md's rules:
labels compared modulo case and spacing, symmetric relations in either
direction, per document, optional gold triples neither counted nor
penalised.

Pure (no I/O), so the rules can be tested on hand-made inputs.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from kg.evaluate_data import Counts, EvalReport, GoldTriple, SystemTriple

def _norm(label: str) -> str:
    """Compare labels modulo case and spacing: 'Syrian army' is the gold's 'Syrian Army'."""
    return " ".join(label.split()).casefold()


_Key = tuple[str, str, str]


def _key(t: SystemTriple, symmetric: set[str]) -> _Key:
    """Identity of a system triple; symmetric relations are ordered so (a,r,b) == (b,r,a)."""
    s, o = _norm(t.s), _norm(t.o)
    if t.r in symmetric and o < s:
        s, o = o, s
    return (s, t.r, o)


@dataclass(frozen=True)
class _NormGold:
    """A gold triple with its alternatives normalised once for matching."""

    gold: GoldTriple
    s: frozenset[str]
    r: frozenset[str]
    o: frozenset[str]


def _norm_gold(g: GoldTriple) -> _NormGold:
    return _NormGold(
        g, frozenset(map(_norm, g.s)), frozenset(g.r), frozenset(map(_norm, g.o))
    )


def _matches(key: _Key, g: _NormGold, symmetric: set[str]) -> bool:
    """Does a (normalised) system triple satisfy a gold triple, reversed if its relation is symmetric?"""
    s, r, o = key
    if r not in g.r:
        return False
    if s in g.s and o in g.o:
        return True
    return r in symmetric and o in g.s and s in g.o


def score(gold: list[GoldTriple], system: list[SystemTriple], symmetric: set[str]) -> EvalReport:
    """Per-document P/R/F1 as ONTOLOGY.md defines it; documents without gold are not scored."""
    gold_by_doc: dict[str, list[_NormGold]] = defaultdict(list)
    for g in gold:
        gold_by_doc[g.doc].append(_norm_gold(g))

    # Distinct triples per doc; keep every raw variant for dates and error listings.
    sys_by_doc: dict[str, dict[_Key, list[SystemTriple]]] = defaultdict(lambda: defaultdict(list))
    for t in system:
        if t.doc in gold_by_doc:
            sys_by_doc[t.doc][_key(t, symmetric)].append(t)

    per_relation: dict[str, Counts] = defaultdict(Counts)
    per_doc: dict[str, Counts] = {}
    false_positives: list[SystemTriple] = []
    misses: list[GoldTriple] = []
    date_checked = date_correct = 0

    for doc in sorted(gold_by_doc):
        golds = gold_by_doc[doc]
        required = [g for g in golds if not g.gold.optional]
        optional = [g for g in golds if g.gold.optional]
        triples = sys_by_doc.get(doc, {})
        dc = Counts()

        for key, variants in sorted(triples.items()):
            rel = key[1]
            if any(_matches(key, g, symmetric) for g in required):
                dc.tp += 1
                per_relation[rel].tp += 1
            elif any(_matches(key, g, symmetric) for g in optional):
                continue  # defensible but not required: outside precision
            else:
                dc.fp += 1
                per_relation[rel].fp += 1
                false_positives.append(variants[0])

        for g in required:
            hits = [t for key, ts in triples.items() if _matches(key, g, symmetric) for t in ts]
            if not hits:
                dc.fn += 1
                per_relation[g.gold.r[0]].fn += 1
                misses.append(g.gold)
            elif g.gold.date is not None:
                date_checked += 1
                if any(t.date == g.gold.date for t in hits):
                    date_correct += 1

        per_doc[doc] = dc

    overall = Counts()
    for c in per_doc.values():
        overall.add(c)
    return EvalReport(
        per_relation=dict(sorted(per_relation.items())),
        overall=overall,
        per_doc=per_doc,
        false_positives=false_positives,
        misses=misses,
        date_checked=date_checked,
        date_correct=date_correct,
    )
