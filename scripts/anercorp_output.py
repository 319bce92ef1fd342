"""Output of mine_relation_triggers.py: a kept lemma as a trigger row (its
preposition from the spans, else the relation's hand-written ones), the
file with its licence notice, and the report by reason.

Apart because the row format is kg.lexicon's, shared with the other generator.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from anercorp_lemmas import Lemma
from kg.lexicon import present_stem
from kg.ontology_data import read_tsv, split_multi
from kg.text import normalize
from trigger_files import write_trigger_file

COLUMNS = ("relation", "pos", "past", "present", "forms", "prep", "requires", "confidence", "subjects",
           "evidence", "source")
PLACE_PREPOSITION = normalize("في")
DIRECT = "-"
PREP_SHARE = 0.2
STRONG_EVIDENCE = 5  # spans from which a row gets the higher confidence
NOTICE = [
    "Trigger rows mined from the trigger spans of ../shared/data/anercorp-relations (relations annotated by hand on",
    "ANERcorp's CAMeL train sentences) by scripts/mine_relation_triggers.py: do not edit by hand; rerun the script.",
    "Licence: CC BY-SA 4.0. Derived from ANERcorp (Benajiba, Rosso & Benedi Ruiz 2007; CAMeL Lab train/test splits,",
    "Obeid et al. 2020) and the project's relation annotation of it (anercorp-relations, CC BY-SA 4.0).",
    "Columns as ontology/triggers.tsv; `evidence` = trigger spans (distinct sentences) that use the lemma for the",
    "row's relation; `source` = spans for the relation / all its spans, and how often its forms are a trigger",
    "where they occur in the annotated sentences, with the head words seen.",
]


def default_preps(path: Path) -> dict[tuple[str, str], str]:
    """(relation, pos) → the prep cell of its first hand-written row without
    `requires` (or with, if it has no other)."""
    plain: dict[tuple[str, str], str] = {}
    narrowed: dict[tuple[str, str], str] = {}
    for row in read_tsv(path):
        target = narrowed if row.get("requires") else plain
        target.setdefault((row["relation"], row["pos"]), row.get("prep", "") or "-")
    return {**narrowed, **plain}


SURFACE_PREPS = {normalize(p): p for p in "على إلى مع من عن ضد بين نحو لدى حول في".split()}


def prep_cell(lemma: Lemma, defaults: dict[tuple[str, str], str]) -> tuple[str, bool]:
    """The row's `prep` (step 4) and whether the data gave it. A noun's
    direct object is its genitive (غزو الكويت), which the rule extractor
    reads as the doer (هجمات المتشددين): a noun keeps only the prepositions
    seen, and "" means none was (the row is then dropped)."""
    seen = Counter(p for span in lemma.spans if span.relation == lemma.relation for p in span.preps)
    default = defaults.get((lemma.relation, lemma.pos), defaults.get((lemma.relation, "verb"), DIRECT))
    if PLACE_PREPOSITION not in {normalize(p) for p in split_multi(default)}:
        seen.pop(PLACE_PREPOSITION, None)  # the event's place, unless the relation's object is one (deploys_to)
    total = sum(seen.values())
    if total:
        chosen = [p for p, n in sorted(seen.items(), key=lambda x: (-x[1], x[0])) if n >= PREP_SHARE * total]
        if lemma.pos == "noun":
            chosen = [p for p in chosen if p != DIRECT]
        return "|".join(SURFACE_PREPS.get(p, p) for p in chosen), True
    if lemma.pos == "noun":
        default = "|".join(p for p in split_multi(default) if p != DIRECT)
    return default, False


def surface_of(lemma: Lemma) -> str:
    """The stem as annotated text writes it, where a head word is the bare
    stem (hamza and taa marbuta kept), else the normalised stem."""
    written = Counter(span.surface for span in lemma.spans if normalize(span.surface) == lemma.stem)
    return written.most_common(1)[0][0] if written else lemma.stem


def row_of(lemma: Lemma, defaults: dict[tuple[str, str], str]) -> dict[str, str]:
    evidence = len({span.sentence for span in lemma.spans if span.relation == lemma.relation})
    prep, from_data = prep_cell(lemma, defaults)
    stem = surface_of(lemma)
    heads = ",".join(sorted({span.surface for span in lemma.spans if span.relation == lemma.relation}))
    source = (f"{sum(1 for s in lemma.spans if s.relation == lemma.relation)}/{len(lemma.spans)} spans; "
              f"trigger in {lemma.ratio:.0%} of {lemma.occurrences} occurrences; words: {heads}"
              + ("" if from_data else "; prep: the relation's"))
    if lemma.pos == "verb":
        cells = {"past": stem, "present": present_stem(lemma.stem), "forms": ""}
    else:
        cells = {"past": "", "present": "", "forms": stem}
    return {"relation": lemma.relation, "pos": lemma.pos, **cells, "prep": prep, "requires": "",
            "confidence": "0.75" if evidence >= STRONG_EVIDENCE else "0.7", "subjects": "",
            "evidence": str(evidence), "source": source}


def write_tsv(path: Path, rows: list[dict[str, str]]) -> None:
    write_trigger_file(path, rows, NOTICE, COLUMNS)


def report(lemmas: list[Lemma], spans: int) -> None:
    kept = [lemma for lemma in lemmas if not lemma.reason]
    print(f"{spans} trigger spans of event relations; kept {len(kept)} lemmas")
    for lemma in sorted(kept, key=lambda l: (l.relation, l.pos, l.stem)):
        print(f"  keep  {lemma.relation:18} {lemma.pos:5} {lemma.stem:12} spans {len(lemma.spans):3}  "
              f"ratio {lemma.ratio:.2f}  {','.join(sorted(lemma.forms))}")
    reasons = Counter(lemma.reason for lemma in lemmas if lemma.reason)
    print("dropped (lemmas):")
    for reason, n in sorted(reasons.items(), key=lambda x: (-x[1], x[0])):
        print(f"  {n:5}  {reason}")
    for lemma in sorted(lemmas, key=lambda l: (l.reason, -len(l.spans), l.stem)):
        if lemma.reason and len(lemma.spans) >= 2:
            relations = Counter(span.relation for span in lemma.spans)
            print(f"  drop  {lemma.pos:5} {lemma.stem:12} {dict(relations)} ratio {lemma.ratio:.2f}: {lemma.reason}")
