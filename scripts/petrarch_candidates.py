"""Votes and decisions of import_petrarch_verbs.py: every lemma's codes
voted into kg relations, then kept only when the review names a relation
its votes allow, the news text uses it often enough, and no hand-written
row or measured drop says otherwise.

Apart from parsing and output because this is the import's judgement.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import KgError
from kg.lexicon import inflect_noun
from kg.ontology_data import read_tsv, split_multi
from kg.text import normalize
from petrarch_corpus import Corpus
from petrarch_dictionary import PREPOSITIONS, Dictionary, VerbGroup, lemma_key, verb_forms
from petrarch_mapping import OVERRIDE, Mapping

@dataclass
class Candidate:
    """One lemma (verb + preposition) with its code votes."""

    verb: str
    prep: str
    written: str  # the first spelling seen, for the output
    group: str  # the verb group it was first seen in
    votes: Counter[str] = field(default_factory=Counter)  # relation (or "none") → votes
    relation: str = ""
    hits: Counter[str] = field(default_factory=Counter)  # news sentences by corpus
    reason: str = ""  # why it was dropped ("" = kept)


@dataclass
class PatternCandidate:
    """A verb with the object words of its UP patterns that code one relation."""

    verb: str
    relation: str
    written: str
    objects: set[str] = field(default_factory=set)  # normalised object words
    codes: Counter[str] = field(default_factory=Counter)
    hits: Counter[str] = field(default_factory=Counter)
    reason: str = ""


def _object_words(objects: str, synsets: dict[str, tuple[str, ...]]) -> list[str]:
    """The object of a pattern as candidate `requires` words: one content word
    (braces and parentheses removed), or the one-word members of a synonym
    set; [] for patterns of several words or bare prepositions."""
    words = [w for w in re.sub(r"[{}()]", " ", objects).split() if w not in ("-", "$", "+")]
    if len(words) == 1 and words[0].startswith("&"):
        return sorted({normalize(m) for m in synsets.get(words[0], ()) if " " not in m})
    if len(words) == 1 and normalize(words[0]) not in PREPOSITIONS and len(normalize(words[0])) >= 3:
        return [normalize(words[0])]
    return []


def collect(dictionary: Dictionary, mapping: Mapping) -> tuple[dict[tuple[str, str], Candidate],
                                                              dict[tuple[str, str], PatternCandidate], int]:
    """Every lemma with its votes, every (verb, relation) with its pattern
    objects, and the number of phrases and glosses that are no lemma."""
    candidates: dict[tuple[str, str], Candidate] = {}
    patterns: dict[tuple[str, str], PatternCandidate] = {}
    phrases: set[str] = set()

    def candidate(text: str, group: VerbGroup) -> Candidate | None:
        verb, prep, obj = lemma_key(text)
        if not verb or obj or len(verb) < 2:
            phrases.add(text.strip())
            return None
        if (verb, prep) not in candidates:
            candidates[(verb, prep)] = Candidate(verb, prep, text.strip(), group.head)
        return candidates[(verb, prep)]

    for group in dictionary.groups:
        for line in group.lemmas:
            found = candidate(line.text, group)
            # the group's code is the head verb's; synonyms without a code of
            # their own do not inherit it (they are often loose translations)
            code = line.code or (group.code if lemma_key(line.text) == lemma_key(group.head) else "")
            if found is not None and code:
                found.votes[mapping.relation(code) or "none"] += 1
        for pattern in group.patterns:
            if not pattern.code:
                continue
            relation = mapping.relation(pattern.code)
            objects = _object_words(pattern.objects, dictionary.synsets)
            for text in pattern.lemmas:
                found = candidate(text, group)
                if found is None:
                    continue
                found.votes[relation or "none"] += 1
                if relation and objects:
                    pc = patterns.setdefault((found.verb, relation), PatternCandidate(found.verb, relation, text.strip()))
                    pc.objects.update(objects)
                    pc.codes[pattern.code] += 1
    return candidates, patterns, len(phrases)


def relation_preps(path: Path) -> dict[str, str]:
    """Each relation's verb prepositions in the hand-written rows (rows
    without `requires` first), as the default `prep` of an imported row."""
    plain: dict[str, list[str]] = defaultdict(list)
    narrowed: dict[str, list[str]] = defaultdict(list)
    for row in read_tsv(path):
        if row["pos"] != "verb":
            continue
        target = narrowed if row.get("requires") else plain
        for prep in split_multi(row.get("prep", "")):
            if prep not in target[row["relation"]]:
                target[row["relation"]].append(prep)
    return {r: "|".join(plain.get(r) or narrowed.get(r) or ["-"]) for r in set(plain) | set(narrowed)}


def decide(candidates: dict[tuple[str, str], Candidate], mapping: Mapping, corpus: "Corpus",
           min_sentences: int, known: set[str], drops: dict[tuple[str, str], str]) -> list[Candidate]:
    """Stages 2 and 3 of the module docstring for the verbs alone; sets each
    candidate's `reason` ("" = kept)."""
    out: list[Candidate] = []
    for key in sorted(candidates):
        c = candidates[key]
        out.append(c)
        mapped = {r for r in c.votes if r != "none"}
        review = mapping.lemmas.get(key)
        if not mapped and not (review is not None and review.note.startswith(OVERRIDE)):
            c.reason = "no code maps to a kg relation"
            continue
        c.hits = corpus.verb_hits(verb_forms(c.verb) | {normalize(f) for f in split_multi(review.forms if review else "")})
        if sum(c.hits.values()) < min_sentences:
            c.reason = "rare in news"
        elif review is None:
            c.relation = max(mapped, key=lambda r: (c.votes[r], r))
            c.reason = "not reviewed"
        elif review.relation == "-":
            c.reason = "dropped on review"
        elif review.relation not in mapped and not review.note.startswith(OVERRIDE):
            raise KgError(f"review of {c.written}: {review.relation} is not among its codes' relations "
                          f"({', '.join(sorted(mapped))}) and the note gives no '{OVERRIDE}' reason")
        elif c.verb in known:
            c.reason = "already a hand-written row of triggers.tsv"
        elif (c.verb, review.relation) in drops:
            c.reason = "dropped after measurement (trigger_drops.tsv)"
        else:
            c.relation = review.relation
    return out


def decide_patterns(patterns: dict[tuple[str, str], PatternCandidate], mapping: Mapping, corpus: "Corpus",
                    min_sentences: int, known: set[str]) -> list[PatternCandidate]:
    """Verb + object rows for the reviewed (verb, relation) pairs; sets each
    one's `reason` ("" = kept)."""
    out: list[PatternCandidate] = []
    for key in sorted(patterns):
        p = patterns[key]
        out.append(p)
        review = mapping.patterns.get(key)
        if review is None:
            p.reason = "not reviewed"
            continue
        if review.relation == "-":
            p.reason = "dropped on review"
            continue
        if p.verb in known:
            p.reason = "verb already hand-written"
            continue
        forms = verb_forms(p.verb) | {normalize(f) for f in split_multi(review.forms)}
        seen = {w for w in p.objects if sum(corpus.verb_hits(forms, set(inflect_noun(w))).values())}
        p.hits = corpus.verb_hits(forms, {f for w in seen for f in inflect_noun(w)})
        if sum(p.hits.values()) < min_sentences:
            p.reason = "verb + object rare in news"
        p.objects = seen
    missing = set(mapping.patterns) - set(patterns)
    if missing:
        raise KgError(f"pattern reviews with no UP pattern: {sorted(missing)}")
    return out
