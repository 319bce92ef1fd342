"""Output of import_petrarch_verbs.py: trigger rows in the columns of
ontology/triggers.tsv plus `source`, the file with its licence notice, and
the report of what was kept and dropped, by reason.

Apart because the row format is shared with kg.lexicon, not with CAMEO.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from kg.lexicon import present_stem
from kg.text import normalize
from petrarch_candidates import Candidate, PatternCandidate
from petrarch_mapping import Mapping
from trigger_files import write_trigger_file

COLUMNS = ("relation", "pos", "past", "present", "forms", "prep", "requires", "confidence", "subjects", "source")
CONFIDENCE = "0.7"  # below most hand-written rows (0.75-0.85): imported, reviewed as a class
REQUIRES_CONFIDENCE = "0.65"
NOTICE = [
    "Trigger rows imported from UniversalPetrarch's Arabic CAMEO verb dictionary (CAMEO.ar.0.5.txt,",
    "../shared/data/universalpetrarch-arabic) by scripts/import_petrarch_verbs.py: do not edit by hand;",
    "change ontology/cameo_relations.tsv (code → relation map, reviewed lemmas) and rerun the script.",
    "UniversalPetrarch: MIT licence, Copyright (c) 2016 Open Event Data Alliance. \"Permission is hereby granted,",
    "free of charge, to any person obtaining a copy of this software and associated documentation files ...\"",
    "(full text in ../shared/data/universalpetrarch-arabic/LICENSE; the notice is kept here as the licence requires).",
    "Columns as ontology/triggers.tsv; `source` gives the UP verb group, the lemma's code votes by relation,",
    "the review note, and the number of news sentences its forms occur in (ANERcorp train, NewsFANE, OEDA dev rows).",
    "A row with `requires` comes from UP patterns (verb + object word), not from the verb alone; its words are normalised.",
]


def _surface(written: str, part: int = 0) -> str:
    """A part of the lemma as written (0: the verb, 1: its preposition),
    without diacritics."""
    parts = written.split("+")
    text = parts[part].strip() if part < len(parts) else ""
    return "".join(ch for ch in text if not ("\u064b" <= ch <= "\u0652"))


def _votes(votes: Counter[str]) -> str:
    return ",".join(f"{r}={n}" for r, n in sorted(votes.items(), key=lambda x: (-x[1], x[0]))) or "none"


def _hits(hits: Counter[str]) -> str:
    return f"{sum(hits.values())} sentences (" + ", ".join(f"{k} {v}" for k, v in sorted(hits.items())) + ")"


def rows_of(candidates: list[Candidate], patterns: list[PatternCandidate], mapping: Mapping,
            preps: dict[str, str]) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for c in candidates:
        if c.reason:
            continue
        review = mapping.lemmas[(c.verb, c.prep)]
        past = _surface(c.written)
        rows.append({
            "relation": c.relation, "pos": "verb", "past": past, "present": present_stem(normalize(past)),
            "forms": review.forms, "prep": review.prep or (_surface(c.written, 1) if c.prep else preps.get(c.relation, "-")),
            "requires": "",
            "confidence": CONFIDENCE, "subjects": "",
            "source": f"UP group {c.group}; codes {_votes(c.votes)}; review: {review.note}; {_hits(c.hits)}",
        })
    for p in patterns:
        if p.reason:
            continue
        review = mapping.patterns[(p.verb, p.relation)]
        past = _surface(p.written)
        rows.append({
            "relation": p.relation, "pos": "verb", "past": past, "present": present_stem(normalize(past)),
            "forms": review.forms, "prep": review.prep or preps.get(p.relation, "-"),
            "requires": "|".join(sorted(p.objects)), "confidence": REQUIRES_CONFIDENCE, "subjects": "",
            "source": f"UP patterns {','.join(sorted(p.codes))}; review: {review.note}; verb + object in {_hits(p.hits)}",
        })
    return sorted(rows, key=lambda r: (r["relation"], normalize(r["past"]), r["requires"]))


def write_tsv(path: Path, rows: list[dict[str, str]]) -> None:
    write_trigger_file(path, rows, NOTICE, COLUMNS)


def report(candidates: list[Candidate], patterns: list[PatternCandidate], phrases: int, reviewed: set[tuple[str, str]],
           show_unreviewed: bool) -> None:
    kept = [c for c in candidates if not c.reason]
    kept_patterns = [p for p in patterns if not p.reason]
    print(f"kept {len(kept)} verbs and {len(kept_patterns)} verb + object patterns")
    for c in sorted(kept, key=lambda c: (c.relation, c.verb)):
        print(f"  keep  {c.relation:18} {c.written:14} codes {_votes(c.votes)}; {_hits(c.hits)}")
    for p in sorted(kept_patterns, key=lambda p: (p.relation, p.verb)):
        print(f"  keep  {p.relation:18} {p.written:14} requires {'|'.join(sorted(p.objects))}; {_hits(p.hits)}")
    reasons: Counter[str] = Counter({"phrase or gloss, not a lemma": phrases})
    reasons.update(f"verb: {c.reason}" for c in candidates if c.reason)
    reasons.update(f"verb + object: {p.reason}" for p in patterns if p.reason)
    print("dropped:")
    for reason, n in sorted(reasons.items(), key=lambda x: (-x[1], x[0])):
        print(f"  {n:5}  {reason}")
    for c in candidates:
        if c.reason and (c.verb, c.prep) in reviewed and c.reason != "dropped on review":
            print(f"  drop  {c.written:14} {c.reason}")
    if show_unreviewed:
        print("not reviewed (most frequent first):")
        for c in sorted((c for c in candidates if c.reason == "not reviewed"), key=lambda c: (-sum(c.hits.values()), c.verb)):
            print(f"  {sum(c.hits.values()):5}  {c.written:14} {c.relation:18} codes {_votes(c.votes)}")
