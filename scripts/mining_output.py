"""Output of mine_triggers.py: a ranked lemma as a candidate row (surface
spelling, prepositions from the slot fills, confidence, example snippet or
SaudiNewsNet pointer), at most --max-per-relation rows a relation, and the
file with its notes.

Apart because the row format is triggers.tsv's; the file is written with the
other generators' writer (trigger_files.py).
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from pathlib import Path

from kg.relations import load_relations
from kg.text import normalize
from mining_counts import Miner
from mining_lemmas import Lemma, present_of
from mining_ranker import Ranker
from mining_scoring import PROTEST
from trigger_files import write_trigger_file

SNIPPET = 80
SURFACE_PREPS = {"الي": "إلى", "علي": "على", "لدي": "لدى"}  # normalised → written
COLUMNS = ("relation", "pos", "past", "present", "forms", "prep", "requires", "confidence",
           "evidence_count", "source", "example")
NOTES = [
    "Candidate trigger rows mined by scripts/mine_triggers.py (read its docstring for the method).",
    "Columns 1-8 are those of ontology/triggers.tsv; evidence_count = GSR yes-row hits + verb_gold hits + slot fills.",
    "Sources: OEDA arabic_event_gsr DEV half only (even CSV positions; span records dev by both files),",
    "SaudiNewsNet 2015 (5 zips; never quoted: pointers only), ANERcorp CAMeL train (CC BY-SA 4.0).",
    "sim = cosine of PPMI context vectors to the relation's nearest existing trigger row (or protest seed).",
    "These are suggestions to review by hand, not lexicon rows: check every row before copying it.",
    ]


def surface(miner: Miner, key: str) -> str:
    """The commonest spelling of a key in the texts (hamza, ة restored),
    else the key with a final ه written ة."""
    options = miner.stats.surface.get(key)
    if options:
        return options.most_common(1)[0][0]
    return key[:-1] + "ة" if key.endswith("ه") else key


def snippet(miner: Miner, lemma: Lemma) -> str:
    """≤80 characters around an occurrence, from the GSR dev or ANERcorp text;
    a pointer for SaudiNewsNet, which must not be copied."""
    st = miner.stats
    order = (f"gold-{'protest' if lemma.relation == PROTEST else 'assault'}", "gsr-yes", "anercorp", "gsr-no",
             "gsr-ambiguous", "snn")
    forms = sorted(lemma.forms, key=lambda k: -st.total[k])
    for corpus in order:
        for key in forms:
            where = st.examples.get(key, {}).get(corpus)
            if where is None:
                continue
            doc = miner.docs[where[0]]
            if doc.corpus == "snn":
                return f"{doc.ref}@{where[1]} (SaudiNewsNet: not copied)"
            text = " ".join(doc.text.split())
            # offsets are in the original text; find the word again in the
            # whitespace-folded copy
            word = doc.text[where[1]:].split()[0] if doc.text[where[1]:].split() else ""
            at = text.find(word) if word else 0
            left = max(0, at - (SNIPPET - len(word)) // 2)
            piece = text[left: left + SNIPPET]
            if left > 0 and " " in piece[:12]:
                piece = piece[piece.index(" ") + 1:]
            if len(text) > left + SNIPPET and " " in piece[-12:]:
                piece = piece[: piece.rindex(" ")]
            return piece.replace("\t", " ")[:SNIPPET]
    return ""


def prep_cell(miner: Miner, lemma: Lemma, defaults: dict[tuple[str, str], str]) -> tuple[str, bool]:
    """The prepositions seen before the second mention (≥ 20% of the slot
    fills, at most three), else the relation's default; the flag says
    whether the data gave it. في is left out: kg reads it as the event's
    place (markers.tsv), never as the object's preposition."""
    counts: Counter[str] = Counter()
    for key in lemma.forms:
        counts.update(miner.stats.slot_prep.get(key, {}))
    counts.pop("في", None)
    total = sum(counts.values())
    if total >= 3:
        # ties broken by the preposition itself: the forms are a set, whose order depends on PYTHONHASHSEED
        ranked = sorted(counts.items(), key=lambda pn: (-pn[1], pn[0]))[:3]
        chosen = [p for p, n in ranked if n >= 0.2 * total]
        if chosen:
            cell = "|".join(SURFACE_PREPS.get(p, p) for p in chosen)
            return cell, True
    return defaults.get((lemma.relation, lemma.pos), defaults.get((lemma.relation, "verb"), "-")), False


def row_of(miner: Miner, lemma: Lemma, defaults: dict[tuple[str, str], str]) -> dict[str, str]:
    st = miner.stats
    prep, from_data = prep_cell(miner, lemma, defaults)
    strong = lemma.gold >= 2 or (lemma.gsr_z >= 4 and lemma.slot >= 5)
    confidence = "0.75" if strong else ("0.7" if lemma.gold or lemma.gsr_z >= 3 else "0.6")
    source = "; ".join(lemma.sources) + ("" if from_data else "; prep=relation default")
    if lemma.pos == "verb":
        past = surface(miner, lemma.stem)
        present = present_of(past) if past.startswith(("ا", "أ", "إ", "آ")) and len(past) > 3 else past
        if normalize(present) != present_of(lemma.stem):
            present = present_of(lemma.stem)
        cells = {"past": past, "present": present, "forms": ""}
    else:
        singular = surface(miner, lemma.stem)
        plural = next((surface(miner, k) for k in sorted(lemma.new, key=lambda k: -st.total[k])
                       if k != lemma.stem and k.endswith("ات")), "")
        cells = {"past": "", "present": "", "forms": "|".join(x for x in (singular, plural) if x)}
    return {"relation": lemma.relation, "pos": lemma.pos, **cells, "prep": prep, "requires": "",
            "confidence": confidence, "evidence_count": str(lemma.evidence), "source": source,
            "example": snippet(miner, lemma)}


def write_tsv(path: Path, rows: list[dict[str, str]], header_notes: list[str]) -> None:
    """The notes, the header and the rows, with the generators' shared writer;
    a newline in a cell becomes a space here (the writer turns tabs into spaces)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    flat = [{c: row[c].replace("\n", " ") for c in COLUMNS} for row in rows]
    write_trigger_file(path, flat, header_notes, COLUMNS)


def candidate_rows(miner: Miner, args: argparse.Namespace) -> list[dict[str, str]]:
    """The output rows: ranked lemmas, at most --max-per-relation per relation,
    sorted by relation, then evidence."""
    ranker = Ranker(miner, args.min_count, args.min_z, args.min_slot, args.min_similarity)
    lemmas = ranker.score()
    relations = load_relations().relations
    by_relation: dict[str, list[Lemma]] = defaultdict(list)
    for lemma in lemmas:
        if lemma.relation in relations or lemma.relation == PROTEST:
            by_relation[lemma.relation].append(lemma)
    defaults = ranker.preps
    rows: list[dict[str, str]] = []
    for relation in sorted(by_relation):
        ranked = sorted(by_relation[relation], key=lambda l: (-l.evidence, l.stem))[: args.max_per_relation]
        rows += [row_of(miner, lemma, defaults) for lemma in ranked]
    return rows

