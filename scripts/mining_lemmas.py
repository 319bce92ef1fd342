"""Lemmas for mine_triggers.py (module docstring, step 3): the (pos, stem)
analyses of a key with kg.lexicon's own suffix and prefix lists, the forms a
lemma covers, and the Lemma record the ranker fills in.

Apart because the stem rules are kg.lexicon's and nothing here reads a corpus.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from kg.lexicon import PAST_SUFFIXES, PRESENT_PREFIXES, PRESENT_SUFFIXES, inflect_noun, inflect_verb
from mining_counts import MIN_KEY_LETTERS, Stats


def present_of(past: str) -> str:
    """The present stem kg's lexicon expects for a past stem: forms IV, VII,
    VIII and X lose their initial alef (أرسل → رسل، انسحب → نسحب، استهدف →
    ستهدف); other verbs keep the stem (هاجم، تظاهر، قتل)."""
    return past[1:] if past.startswith("ا") and len(past) > 3 else past


def past_of_present(stem: str, attested: Counter[str]) -> str:
    """The past stem of a present stem, by what the corpus attests."""
    with_alef = "ا" + stem
    return with_alef if attested.get(with_alef, 0) > attested.get(stem, 0) else stem


@dataclass
class Lemma:
    pos: str  # verb | noun
    stem: str  # normalised past stem (verb) or singular (noun)
    forms: set[str]  # attested keys it covers
    relation: str = ""
    similarity: float = 0.0
    gsr_z: float = 0.0
    gsr_yes: int = 0
    gsr_no: int = 0
    gold: int = 0
    slot: int = 0
    sources: list[str] = field(default_factory=list)
    new: set[str] = field(default_factory=set)  # forms the lexicon does not know yet

    @property
    def evidence(self) -> int:
        return self.gsr_yes + self.gold + self.slot


def verb_forms(past: str) -> set[str]:
    return inflect_verb(past, present_of(past))


def lemma_hypotheses(key: str, stats: Stats) -> list[tuple[str, str]]:
    """(pos, stem) analyses of one key, from kg's own suffix and prefix lists."""
    out: list[tuple[str, str]] = []
    article_share = stats.article[key] / max(stats.total[key], 1)
    noun_stems = {key}
    if key.endswith("ات") and len(key) > 4:
        noun_stems |= {key[:-2] + "ه", key[:-2]}
    for suffix in ("ان", "ين"):
        if key.endswith(suffix) and len(key) > 4:
            stem = key[:-2]
            noun_stems |= {stem[:-1] + "ه" if stem.endswith("ت") else stem}
    if key.endswith("ا") and len(key) > 3:
        noun_stems.add(key[:-1])
    out += [("noun", n) for n in noun_stems if len(n) >= MIN_KEY_LETTERS]
    if article_share < 0.5:
        for suffix in PAST_SUFFIXES:
            if key.endswith(suffix) and len(key) - len(suffix) >= 3:
                out.append(("verb", key[: len(key) - len(suffix)] if suffix else key))
        for prefix in PRESENT_PREFIXES:
            if not key.startswith(prefix):
                continue
            for suffix in PRESENT_SUFFIXES:
                if key.endswith(suffix) and len(key) - len(prefix) - len(suffix) >= 3:
                    stem = key[len(prefix): len(key) - len(suffix)] if suffix else key[len(prefix):]
                    out.append(("verb", past_of_present(stem, stats.total)))
    return out


def covered(pos: str, stem: str, stats: Stats) -> set[str]:
    forms = verb_forms(stem) if pos == "verb" else inflect_noun(stem)
    return {f for f in forms if stats.total.get(f)}


def noun_like(key: str, stats: Stats) -> bool:
    return stats.article[key] >= 0.3 * stats.total[key]

