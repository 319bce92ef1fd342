"""Trigger lexicon, modality cues and function-word markers, with a small
morphological matcher.

The lexicon lists stems, not every inflected form: `inflect_verb` produces
the past and present forms (person, gender, number) and `match_keys` strips
proclitics and attached pronouns from a word in the text, so one row for
هدد finds هددت، يهددون، وهددت، تهدده.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from kg.ontology_data import load_clitics, ontology_dir, read_tsv, split_multi
from kg.text import normalize, strip_article

PAST_SUFFIXES = ("", "ت", "ا", "تا", "وا", "ن", "نا", "تم", "تما")
PRESENT_PREFIXES = ("ي", "ت", "ن", "ا")
PRESENT_SUFFIXES = ("", "ان", "ون", "ين", "ن", "وا", "ا")
NOUN_SUFFIXES = ("", "ان", "ين", "ات")


@dataclass(frozen=True)
class Trigger:
    """One lexicon row: a relation and how its arguments attach."""

    relation: str
    pos: str  # verb | noun
    preps: tuple[str, ...]  # normalised prepositions; "-" means a direct object
    requires: tuple[str, ...]
    confidence: float
    lemma: str
    subject_types: frozenset[str] = frozenset()  # empty: whatever the relation accepts

    @property
    def direct_object(self) -> bool:
        return "-" in self.preps or not self.preps


@dataclass(frozen=True)
class ModalityCue:
    modality: str
    position: str
    window: int
    words: tuple[str, ...]  # normalised


def inflect_verb(past: str, present: str) -> set[str]:
    """Past and present forms of a (sound) verb from its two stems."""
    forms = {past + s for s in PAST_SUFFIXES}
    if present:
        forms |= {p + present + s for p in PRESENT_PREFIXES for s in PRESENT_SUFFIXES}
    return forms


def inflect_noun(form: str) -> set[str]:
    """Dual/plural forms of a noun; taa marbuta (ه once normalised) becomes ت
    before a suffix (زيارة → زيارتان)."""
    stem = form[:-1] + "ت" if form.endswith("ه") else form
    out = {form}
    out |= {stem + s for s in NOUN_SUFFIXES if s}
    if form.endswith("ه"):
        out.add(form[:-1] + "ات")
    elif not form.endswith(("ا", "ي", "ء")):
        out.add(form + "ا")  # indefinite accusative: شن هجوما، وقع اتفاقا
    return out


@lru_cache(maxsize=131072)
def match_keys_with_prefix(norm_word: str) -> tuple[tuple[str, str], ...]:
    """(stripped proclitics, candidate key) pairs of a word: proclitics, the
    article and attached pronouns stripped in every combination, the
    unstripped word first."""
    clitics = load_clitics()
    bases = [("", norm_word)]
    for prefix in clitics.proclitics:
        if norm_word.startswith(prefix) and len(norm_word) - len(prefix) >= 2:
            bases.append((prefix, norm_word[len(prefix):]))
    keys: list[tuple[str, str]] = []
    seen: set[str] = set()

    def add(prefix: str, key: str) -> None:
        if key not in seen:
            seen.add(key)
            keys.append((prefix, key))

    for prefix, base in bases:
        stripped = strip_article(base)
        for candidate_prefix, candidate in ((prefix, base), (prefix + ("ال" if stripped != base else ""), stripped)):
            add(candidate_prefix, candidate)
            for suffix in clitics.enclitics:
                if candidate.endswith(suffix) and len(candidate) - len(suffix) >= 2:
                    stem = candidate[: -len(suffix)]
                    add(candidate_prefix, stem)
                    if stem.endswith("ت"):
                        add(candidate_prefix, stem[:-1] + "ه")
    return tuple(keys)


@lru_cache(maxsize=131072)
def match_keys(norm_word: str) -> tuple[str, ...]:
    """Candidate lexicon keys of a word (see `match_keys_with_prefix`)."""
    return tuple(key for _, key in match_keys_with_prefix(norm_word))


@dataclass(frozen=True)
class Lexicon:
    """Everything the rule extractor looks words up in."""

    triggers: dict[str, tuple[Trigger, ...]]  # inflected normalised form → rows
    modality: tuple[ModalityCue, ...]
    markers: dict[str, frozenset[str]]  # kind → normalised single words
    marker_phrases: dict[str, tuple[tuple[str, ...], ...]]  # kind → multi-word

    def lookup(self, norm_word: str) -> tuple[Trigger, ...]:
        """Lexicon rows for a word. A proclitic says what the word can be:
        after ب، ك or the article only a noun (بدعم is "with support"), after
        the future marker س only a verb."""
        for prefix, key in match_keys_with_prefix(norm_word):
            found = self.triggers.get(key)
            if not found:
                continue
            if any(c in prefix for c in "بك") or prefix.endswith("ال") or prefix.endswith("لل"):
                found = tuple(t for t in found if t.pos != "verb")
            elif "س" in prefix:
                found = tuple(t for t in found if t.pos == "verb")
            if found:
                return found
        return ()

    def is_marker(self, kind: str, norm_word: str) -> bool:
        """Is the word (with its proclitics) one of the markers of `kind`?
        Verb markers (reporting) take only the conjunctions و/ف, so that a
        name such as كيري is not read as ك + يرى."""
        words = self.markers.get(kind, frozenset())
        allowed = VERB_PROCLITICS if kind in VERB_MARKER_KINDS else None
        return any(key in words for key in _marker_keys(norm_word, allowed))


VERB_MARKER_KINDS = frozenset({"reporting"})
NOUN_MARKER_KINDS = frozenset({"actor_head"})
VERB_PROCLITICS = frozenset({"و", "ف"})


@lru_cache(maxsize=131072)
def _marker_keys(norm_word: str, allowed: frozenset[str] | None = None) -> tuple[str, ...]:
    keys = [norm_word]
    for prefix in load_clitics().proclitics:
        if allowed is not None and prefix not in allowed:
            continue
        if norm_word.startswith(prefix) and len(norm_word) - len(prefix) >= 2:
            keys.append(norm_word[len(prefix):])
    return tuple(keys + [strip_article(k) for k in keys])


@lru_cache(maxsize=None)
def load_lexicon() -> Lexicon:
    """Read triggers.tsv, modality.tsv and markers.tsv from the ontology."""
    base = ontology_dir()
    index: dict[str, list[Trigger]] = {}
    for row in read_tsv(base / "triggers.tsv"):
        trigger = Trigger(
            relation=row["relation"],
            pos=row["pos"],
            preps=tuple(p if p == "-" else normalize(p) for p in split_multi(row.get("prep", ""))),
            requires=tuple(normalize(w) for w in split_multi(row.get("requires", ""))),
            confidence=float(row.get("confidence") or 0.7),
            lemma=(split_multi(row.get("past", "")) or split_multi(row.get("forms", "")) or [""])[0],
            subject_types=frozenset(split_multi(row.get("subjects", ""))),
        )
        forms: set[str] = set()
        if trigger.pos == "verb":
            pasts = [normalize(p) for p in split_multi(row.get("past", ""))]
            presents = [normalize(p) for p in split_multi(row.get("present", ""))]
            for i, past in enumerate(pasts):
                present = presents[i] if i < len(presents) else ""
                forms |= inflect_verb(past, present)
            for present in presents[len(pasts):]:
                forms |= inflect_verb("", present) - {""}
            forms |= {normalize(f) for f in split_multi(row.get("forms", ""))}
        else:
            for form in split_multi(row.get("forms", "")):
                forms |= inflect_noun(strip_article(normalize(form)))
        for form in forms:
            if form:
                index.setdefault(form, []).append(trigger)
    cues = tuple(
        ModalityCue(row["modality"], row["position"], int(row["window"]), tuple(normalize(w) for w in row["cue"].split()))
        for row in read_tsv(base / "modality.tsv")
    )
    single: dict[str, set[str]] = {}
    phrases: dict[str, list[tuple[str, ...]]] = {}
    for row in read_tsv(base / "markers.tsv"):
        parts = tuple(normalize(w) for w in row["form"].split())
        if len(parts) == 1:
            forms = {parts[0]}
            if row["kind"] == "reporting":  # verbs: قال → قالت، قالوا …
                forms |= inflect_verb(parts[0], "")
            if row["kind"] in NOUN_MARKER_KINDS:  # nouns: with or without the article
                forms.add(strip_article(parts[0]))
            single.setdefault(row["kind"], set()).update(forms)
        else:
            phrases.setdefault(row["kind"], []).append(parts)
    return Lexicon(
        triggers={k: tuple(v) for k, v in index.items()},
        modality=cues,
        markers={k: frozenset(v) for k, v in single.items()},
        marker_phrases={k: tuple(v) for k, v in phrases.items()},
    )
