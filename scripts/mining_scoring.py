"""What mine_triggers.py compares candidates with: the weighted log-odds
z-score (Monroe, Colaresi & Quinn 2008), and the existing trigger rows of
ontology/triggers.tsv (their forms, prepositions and default prep cells, plus
the protest seeds while triggers.tsv has no protest row).

Apart because both only read the ontology and numbers, not the corpus.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict

from kg.lexicon import inflect_noun, inflect_verb
from kg.ontology_data import ontology_dir, read_tsv, split_multi
from kg.text import normalize, strip_article

PRIOR_SCALE = 500.0  # total pseudo-count of the log-odds prior
ASSAULT_FAMILY = ("attacks", "kills", "besieges", "takes_control_of")
PROTEST = "protests"
PROTEST_SEEDS = (("verb", "تظاهر", "تظاهر"), ("verb", "احتج", "حتج"), ("verb", "اعتصم", "عتصم"),
                 ("noun", "مظاهرة", ""), ("noun", "احتجاج", ""), ("noun", "مسيرة", ""), ("noun", "إضراب", ""))


def log_odds(yes: Counter[str], no: Counter[str], prior: Counter[str]) -> dict[str, float]:
    """z-scores of the weighted log-odds ratio (yes vs no) with an informative
    Dirichlet prior (Monroe, Colaresi & Quinn 2008)."""
    n_yes, n_no = sum(yes.values()), sum(no.values())
    total_prior = sum(prior.values())
    out: dict[str, float] = {}
    for key in set(yes) | set(no):
        a = PRIOR_SCALE * prior.get(key, 0) / total_prior
        a = max(a, 0.01)
        a0 = PRIOR_SCALE
        y1, y2 = yes.get(key, 0), no.get(key, 0)
        delta = (math.log((y1 + a) / (n_yes + a0 - y1 - a)) - math.log((y2 + a) / (n_no + a0 - y2 - a)))
        var = 1 / (y1 + a) + 1 / (y2 + a)
        out[key] = delta / math.sqrt(var)
    return out


def seed_rows() -> list[tuple[str, str, set[str]]]:
    """(relation, row label, normalised forms) of every triggers.tsv row,
    plus the protest seeds, with the forms kg's lexicon generates."""
    rows: list[tuple[str, str, set[str]]] = []
    for row in read_tsv(ontology_dir() / "triggers.tsv"):
        forms: set[str] = set()
        if row["pos"] == "verb":
            pasts = [normalize(p) for p in split_multi(row.get("past", ""))]
            presents = [normalize(p) for p in split_multi(row.get("present", ""))]
            for i, past in enumerate(pasts):
                forms |= inflect_verb(past, presents[i] if i < len(presents) else "")
            forms |= {normalize(f) for f in split_multi(row.get("forms", ""))}
        else:
            for form in split_multi(row.get("forms", "")):
                forms |= inflect_noun(strip_article(normalize(form)))
        label = (split_multi(row.get("past", "")) or split_multi(row.get("forms", "")) or ["?"])[0]
        rows.append((row["relation"], f"{row['relation']}:{label}", forms))
    if any(rel == PROTEST for rel, _, _ in rows):
        return rows  # the lexicon has protest rows of its own by now
    for pos, past, present in PROTEST_SEEDS:
        forms = inflect_verb(normalize(past), normalize(present)) if pos == "verb" else inflect_noun(strip_article(normalize(past)))
        rows.append((PROTEST, f"{PROTEST}:{past}", forms))
    return rows


def relation_preps() -> dict[str, set[str]]:
    """relation → every normalised preposition its trigger rows take ('-' = direct)."""
    out: dict[str, set[str]] = defaultdict(set)
    for row in read_tsv(ontology_dir() / "triggers.tsv"):
        out[row["relation"]] |= {p if p == "-" else normalize(p) for p in split_multi(row.get("prep", ""))}
    out.setdefault(PROTEST, {normalize("ضد"), normalize("على"), "-"})
    return out


def default_preps() -> dict[tuple[str, str], str]:
    """(relation, pos) → the prep cell of its first triggers.tsv row."""
    out: dict[tuple[str, str], str] = {}
    for row in read_tsv(ontology_dir() / "triggers.tsv"):
        out.setdefault((row["relation"], row["pos"]), row.get("prep", ""))
    out.setdefault((PROTEST, "verb"), "ضد|على|-")
    out.setdefault((PROTEST, "noun"), "ضد|على")
    return out

