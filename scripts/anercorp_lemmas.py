"""Lemmas for mine_relation_triggers.py: trigger head words grouped into
the stems kg.lexicon wants (verb or noun, read as Lexicon.lookup reads a
word), greedily by coverage, and the consistency test that keeps a lemma.

Apart from reading and output because this is the miner's method.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from anercorp_reading import MIN_STEM, Span
from kg.lexicon import (
    NOUN_SUFFIXES,
    PAST_SUFFIXES,
    PRESENT_PREFIXES,
    PRESENT_SUFFIXES,
    inflect_noun,
    inflect_verb,
    match_keys,
    match_keys_with_affixes,
    match_keys_with_prefix,
    present_stem,
)
from kg.text import clitic_stems

MAX_VERB = 6  # استفعل: no past stem is longer (استقبال is a noun)
# person prefixes a word is read with; the first person singular ا is left out, since
# it would read every verb or noun that starts with ا as a prefixed stem (اقتحم → ا + قتحم)
VERB_PREFIXES = tuple(p for p in PRESENT_PREFIXES if p != "ا")


def verb_shaped(past: str) -> bool:
    """Could this be an unvocalised past stem that kg.lexicon.inflect_verb
    inflects right? Two to six letters (استفعل is the longest), no taa
    marbuta (ه once normalised), no اا, no long ي/و before the last letter
    of a stem of four or more (تثبيت، تأييد are verbal nouns of the shape
    تفعيل), and no final ا/ي/و: a defective verb's forms are not stem +
    suffix (دعا → دعت، دعوا), and تثبي + ت would read the noun تثبيت as a
    verb. Hand-written rows list such verbs' forms."""
    return (MIN_STEM <= len(past) <= MAX_VERB and not past.endswith(("ه", "ا", "ي", "و")) and "اا" not in past
            and not (len(past) >= 4 and past[-2] in "يو"))


def analyses(norm: str, surface: str) -> set[tuple[str, str]]:
    """(pos, stem) readings of a normalised word under kg.lexicon's
    generators (see the module docstring, step 2). A word written with a
    final taa marbuta (مساعدة) keeps it: its final ه (once normalised) is not
    the attached pronoun."""
    out: set[tuple[str, str]] = set()
    taa_marbuta = surface.endswith("ة")
    for prefix, key in match_keys_with_prefix(norm):
        if taa_marbuta and not key.endswith("ه"):
            continue
        noun_only = _noun_only(prefix)
        verb_only = "س" in prefix
        if not noun_only:
            pasts = {key[: len(key) - len(s)] for s in PAST_SUFFIXES if key.endswith(s)}
            for p in VERB_PREFIXES:
                if key.startswith(p):
                    for s in PRESENT_SUFFIXES:
                        if key.endswith(s) and len(key) - len(s) > 1:
                            present = key[1: len(key) - len(s)]
                            pasts |= {present, "ا" + present}
            for past in pasts:
                if verb_shaped(past) and key in verb_forms(past):
                    out.add(("verb", past))
        if not verb_only:
            singulars = {key, key[:-1]} | {key[: -len(s)] for s in NOUN_SUFFIXES if s and key.endswith(s)}
            singulars |= {s[:-1] + "ه" for s in list(singulars) if s.endswith("ت")}
            singulars |= {key[: -len(s)] + "ه" for s in NOUN_SUFFIXES if s and key.endswith(s)}
            for singular in singulars:
                if len(singular) >= 3 and key in inflect_noun(singular):
                    out.add(("noun", singular))
    return out


@dataclass
class Usage:
    """How often each word key occurs in the ANERcorp train text, split by
    what its proclitics allow (kg.lexicon.Lexicon.lookup's reading): after
    the article, ب، ك or لل only a noun, after س only a verb."""

    noun_marked: Counter[str]  # key → occurrences with the article
    verb_ok: Counter[str]  # key → occurrences that may be a verb
    noun_ok: Counter[str]  # key → occurrences that may be a noun
    bare: Counter[str]  # word with at most proclitics and the article taken off → occurrences

    @classmethod
    def of(cls, words: Counter[str]) -> "Usage":
        noun_marked: Counter[str] = Counter()
        verb_ok: Counter[str] = Counter()
        noun_ok: Counter[str] = Counter()
        bare: Counter[str] = Counter()
        for word, n in words.items():
            for stem in clitic_stems(word):
                bare[stem] += n
            for prefix, key, suffix in match_keys_with_affixes(word):
                noun_only = _noun_only(prefix)
                if ("ال" in prefix or prefix.endswith("لل")) and not suffix:
                    # the article and an attached pronoun never go together:
                    # الأيدي is not ال + أيد + ي
                    noun_marked[key] += n
                if not noun_only:
                    verb_ok[key] += n
                if "س" not in prefix:
                    noun_ok[key] += n
        return cls(noun_marked, verb_ok, noun_ok, bare)

    def marked(self, pos: str, stem: str) -> int:
        """Occurrences that only this reading explains: a noun's forms with
        the article, a verb's inflected forms (a person prefix or suffix)
        that are no form of the same stem read as a noun."""
        if pos == "noun":
            return sum(self.noun_marked[f] for f in inflect_noun(stem))
        nominal = inflect_noun(stem)
        return sum(self.verb_ok[f] for f in verb_forms(stem) if f != stem and f not in nominal)


def _noun_only(prefix: str) -> bool:
    return any(c in prefix for c in "بك") or prefix.endswith("ال") or prefix.endswith("لل")


def verb_forms(stem: str) -> set[str]:
    return {f for f in inflect_verb(stem, present_stem(stem)) if f}


def span_marked(span: Span, pos: str) -> bool:
    """Is the span's head word itself marked for `pos`: a noun by taa
    marbuta, the article or ب/ل/ك on it, a verb by س, a person prefix
    ي/ن or a final ت (a noun would end in ة)?"""
    surface = "".join(c for c in span.surface if "\u0621" <= c <= "\u064a")
    word = surface[1:] if len(surface) > 3 and surface[0] in "وف" else surface
    if pos == "noun":
        return surface.endswith("ة") or word.startswith(("ال", "بال", "لل", "كال")) or surface.endswith("ات")
    return word.startswith(("س", "ي", "ن")) or surface.endswith(("ت", "وا"))


@dataclass
class Lemma:
    pos: str
    stem: str
    spans: list[Span] = field(default_factory=list)
    forms: set[str] = field(default_factory=set)  # normalised head words covered
    relation: str = ""
    reason: str = ""
    ratio: float = 0.0
    occurrences: int = 0


def group(spans: list[Span], usage: Usage) -> list[Lemma]:
    """Greedy cover of the spans' head words by (pos, stem) (step 2): most
    sentences first; between readings that explain the same words, the one
    the train text marks more often (a noun with the article, a verb with a
    person prefix or suffix: اقتحمت is اقتحم + ت), then the one the train
    text writes bare more often, with no more than proclitics and the
    article (وايد is و + ايد; تمسك is not تمس + ك), then the longer stem
    (لقائه is لقائ + ه, not ل + قائ + ه), then the noun."""
    readings = {(span.head, span.surface): analyses(span.head, span.surface) for span in spans}
    left = list(range(len(spans)))
    out: list[Lemma] = []
    while left:
        cover: dict[tuple[str, str], list[int]] = defaultdict(list)
        for i in left:
            for reading in readings[(spans[i].head, spans[i].surface)]:
                cover[reading].append(i)
        if not cover:
            break

        def score(reading: tuple[str, str]) -> tuple[int, int, int, int, bool, str]:
            members = cover[reading]
            return (len({spans[i].sentence for i in members}), usage.marked(*reading), usage.bare[reading[1]],
                    len(reading[1]), reading[0] == "noun", reading[1])

        best = max(cover, key=score)
        lemma = Lemma(*best)
        for i in cover[best]:
            lemma.spans.append(spans[i])
            lemma.forms.add(spans[i].head)
        if not usage.marked(*best) and not any(span_marked(span, best[0]) for span in lemma.spans):
            lemma.reason = "part of speech not attested (no noun or verb marking in the data)"
        out.append(lemma)
        taken = set(cover[best])
        left = [i for i in left if i not in taken]
    unread = [spans[i] for i in left]
    if unread:
        out.append(Lemma("", "", unread, reason="no reading under kg.lexicon's generators"))
    return out


def lemma_forms(lemma: Lemma) -> set[str]:
    return verb_forms(lemma.stem) if lemma.pos == "verb" else inflect_noun(lemma.stem)


def occurrences(lemma: Lemma, words: Counter[str]) -> int:
    """How often the lemma's forms occur (read with its part of speech) in
    the annotated sentences."""
    forms = lemma_forms(lemma)
    total = 0
    for word, n in words.items():
        for prefix, key in match_keys_with_prefix(word):
            if key not in forms:
                continue
            noun_only = _noun_only(prefix)
            if (lemma.pos == "verb" and noun_only) or (lemma.pos == "noun" and "س" in prefix):
                continue
            total += n
            break
    return total


def decide(lemmas: list[Lemma], words: Counter[str], hand: set[str], min_count: int, min_share: float,
           min_ratio: float, drops: dict[tuple[str, str], str] | None = None) -> None:
    """Step 3: set each lemma's relation and `reason` ("" = kept)."""
    for lemma in lemmas:
        if lemma.reason:
            continue
        by_relation = Counter(span.relation for span in lemma.spans)
        lemma.relation, top = max(by_relation.items(), key=lambda x: (x[1], x[0]))
        sentences = {span.sentence for span in lemma.spans if span.relation == lemma.relation}
        lemma.occurrences = occurrences(lemma, words)
        # a sentence whose one word carries two relations counts once as a trigger
        trigger_sentences = {span.sentence + span.head for span in lemma.spans}
        lemma.ratio = len(trigger_sentences) / max(lemma.occurrences, 1)
        if len(sentences) < min_count:
            lemma.reason = f"fewer than {min_count} sentences"
        elif top / len(lemma.spans) < min_share:
            lemma.reason = "inconsistent: its spans state several relations"
        elif lemma.ratio < min_ratio:
            lemma.reason = "mostly not a trigger where it occurs"
        elif all(any(key in hand for key in match_keys(head)) for head in lemma.forms):
            lemma.reason = "already a hand-written row of triggers.tsv"
        elif (lemma.stem, lemma.relation) in (drops or {}):
            lemma.reason = "dropped after measurement (trigger_drops.tsv)"
