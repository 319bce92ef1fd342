"""Trigger lexicon, modality cues and function-word markers, with a small
morphological matcher.

The lexicon lists stems, not every inflected form: `inflect_verb` produces
the past and present forms (person, gender, number) and `match_keys` strips
proclitics and attached pronouns from a word in the text, so one row for
هدد finds هددت، يهددون، وهددت، تهدده.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg.ontology_data import load_clitics, ontology_dir, read_tsv, split_multi
from kg.text import normalize, strip_article

PAST_SUFFIXES = ("", "ت", "ا", "تا", "وا", "ن", "نا", "تم", "تما")
PRESENT_PREFIXES = ("ي", "ت", "ن", "ا")
PRESENT_SUFFIXES = ("", "ان", "ون", "ين", "ن", "وا", "ا")
NOUN_SUFFIXES = ("", "ان", "ين", "ات")
NOUN_ENCLITIC = "ي"  # "my": on nouns only (verbs take ني)


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
    # "passive": the verb's grammatical subject is who it is done to (استشهد،
    # لقي مصرعه); its doer, if named, comes with an agent marker (برصاص …)
    voice: str = "active"

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


def present_stem(past: str) -> str:
    """The present-tense stem of a normalised, unvocalised past stem where the
    shape makes it regular, else "".

    A past of four or more letters that starts with ا (forms IV, VII, VIII,
    X: اطلق → طلق، انسحب → نسحب، احتل → حتل، استهدف → ستهدف) drops the ا;
    any other past (forms I-III, V, VI, quadriliterals: قصف، هاجم، تظاهر،
    سيطر) is its own present stem. Weak verbs get none, since the
    unvocalised past does not say their present: a final ا/ي/و (defective:
    دعا → يدعو), an ا second in a three-letter or third in a four-letter past
    (hollow: زار → يزور، ادان → يدين), a first و (assimilated: وصل → يصل), a
    three-letter past starting with ا (اخذ → ياخذ، ايد → يؤيد). Such rows
    list their present forms in `forms`."""
    if len(past) < 2 or past[-1] in "اوي" or past[0] == "و":
        return ""
    if past[0] == "ا":
        if len(past) <= 3 or (len(past) == 4 and past[2] == "ا"):
            return ""
        return past[1:]
    if len(past) == 3 and past[1] == "ا":
        return ""
    return past


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
def match_keys_with_affixes(norm_word: str) -> tuple[tuple[str, str, str], ...]:
    """(stripped proclitics, candidate key, stripped enclitic) of a word:
    proclitics, the article and attached pronouns stripped in every
    combination, the unstripped word first; each key once, as first found."""
    clitics = load_clitics()
    bases = [("", norm_word)]
    for prefix in clitics.proclitics:
        if norm_word.startswith(prefix) and len(norm_word) - len(prefix) >= 2:
            bases.append((prefix, norm_word[len(prefix):]))
    keys: list[tuple[str, str, str]] = []
    seen: set[str] = set()

    def add(prefix: str, key: str, suffix: str) -> None:
        if key not in seen:
            seen.add(key)
            keys.append((prefix, key, suffix))

    for prefix, base in bases:
        stripped = strip_article(base)
        for candidate_prefix, candidate in ((prefix, base), (prefix + ("ال" if stripped != base else ""), stripped)):
            add(candidate_prefix, candidate, "")
            for suffix in clitics.enclitics:
                if candidate.endswith(suffix) and len(candidate) - len(suffix) >= 2:
                    stem = candidate[: -len(suffix)]
                    add(candidate_prefix, stem, suffix)
                    if stem.endswith("ت"):
                        add(candidate_prefix, stem[:-1] + "ه", suffix)
    return tuple(keys)


@lru_cache(maxsize=131072)
def match_keys_with_prefix(norm_word: str) -> tuple[tuple[str, str], ...]:
    """(stripped proclitics, candidate key) pairs of a word (see
    `match_keys_with_affixes`)."""
    return tuple((prefix, key) for prefix, key, _ in match_keys_with_affixes(norm_word))


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
    # the same phrases by their first word, in the file's order, so a text word is compared
    # only with the phrases it can start (the agent search looks at every word of a clause)
    marker_phrase_starts: dict[str, dict[str, tuple[tuple[str, ...], ...]]] = field(default_factory=dict)
    # the past-tense forms of the verb triggers that no present form shares (أطلقت، قتل), for
    # the reading of قد: before a past verb it says "has done", before a present one "may do"
    past_forms: frozenset[str] = frozenset()
    # is_marker's answers: asked hundreds of thousands of times a build, for few distinct words
    _marker_answers: dict[tuple[str, str], bool] = field(default_factory=dict, compare=False, repr=False)

    def lookup(self, norm_word: str) -> tuple[Trigger, ...]:
        """Lexicon rows for a word. A proclitic says what the word can be:
        after ب، ك or the article only a noun (بدعم is "with support"), after
        the future marker س only a verb; so does the possessive ي, which no
        verb takes (أيدي "hands" is not the verb أيد)."""
        for prefix, key, suffix in match_keys_with_affixes(norm_word):
            found = self.triggers.get(key)
            if not found:
                continue
            if any(c in prefix for c in "بك") or prefix.endswith("ال") or prefix.endswith("لل") or suffix == NOUN_ENCLITIC:
                found = tuple(t for t in found if t.pos != "verb")
            elif "س" in prefix:
                found = tuple(t for t in found if t.pos == "verb")
            if found:
                return found
        return ()

    def readings(self, norm_word: str) -> tuple[Trigger, ...]:
        """`lookup`, and for a word that is a verb with an object pronoun or
        a verbal noun with its owner (سيطرتها: she controlled it, or its
        control) the noun's rows too: the rules try the verb first, then the
        noun. Apart from `lookup`, whose first reading the pair classifier's
        features keep."""
        found = self.lookup(norm_word)
        for prefix, key, suffix in match_keys_with_affixes(norm_word):
            if suffix and key.endswith("ت") and "س" not in prefix and key in self.triggers:
                nouns = tuple(t for t in self.triggers.get(key[:-1] + "ه", ()) if t.pos != "verb" and t not in found)
                return found + nouns
        return found

    def is_past_verb(self, norm_word: str) -> bool:
        """Is the word (after و/ف) a past-tense verb: a trigger's past form,
        or one of the markers of kind `perfect` (تم، كان)?"""
        word = norm_word[1:] if norm_word[:1] in ("و", "ف") and len(norm_word) > 3 else norm_word
        return word in self.past_forms or norm_word in self.past_forms or self.is_marker("perfect", norm_word)

    def is_marker(self, kind: str, norm_word: str) -> bool:
        """Is the word (with its proclitics) one of the markers of `kind`?
        Verb markers (reporting) take only the conjunctions و/ف, so that a
        name such as كيري is not read as ك + يرى."""
        answer = self._marker_answers.get((kind, norm_word))
        if answer is None:
            words = self.markers.get(kind, frozenset())
            allowed = VERB_PROCLITICS if kind in VERB_MARKER_KINDS else None
            answer = any(key in words for key in _marker_keys(norm_word, allowed))
            if len(self._marker_answers) < 1_000_000:
                self._marker_answers[(kind, norm_word)] = answer
        return answer


VERB_MARKER_KINDS = frozenset({"reporting", "perfect"})
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


TRIGGER_FILES = "triggers*.tsv"
HAND_TRIGGERS = "triggers.tsv"


def trigger_files(base: Path) -> list[Path]:
    """The trigger files of an ontology folder, in order of precedence: the
    hand-written triggers.tsv, then every other triggers*.tsv by name
    (triggers_anercorp.tsv, mined from annotated relations, before
    triggers_cameo.tsv, imported from UniversalPetrarch's dictionary)."""
    others = sorted(p for p in base.glob(TRIGGER_FILES) if p.name != HAND_TRIGGERS)
    return [base / HAND_TRIGGERS, *others]


def trigger_of(row: dict[str, str]) -> Trigger:
    """The Trigger of one row of a trigger file."""
    return Trigger(
        relation=row["relation"],
        pos=row["pos"],
        preps=tuple(p if p == "-" else normalize(p) for p in split_multi(row.get("prep", ""))),
        requires=tuple(normalize(w) for w in split_multi(row.get("requires", ""))),
        confidence=float(row.get("confidence") or 0.7),
        lemma=(split_multi(row.get("past", "")) or split_multi(row.get("forms", "")) or [""])[0],
        subject_types=frozenset(split_multi(row.get("subjects", ""))),
        voice=row.get("voice") or "active",
    )


def trigger_forms(row: dict[str, str]) -> set[str]:
    """The normalised forms a trigger row matches: a verb's past and present
    stems inflected (`inflect_verb`) plus its explicit forms, a noun's forms
    with their duals and plurals (`inflect_noun`)."""
    forms: set[str] = set()
    if row["pos"] == "verb":
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
    return {f for f in forms if f}


FIRST_PERSON = "ا"  # أ of the first person singular present, normalised


def past_forms(paths: list[Path]) -> frozenset[str]:
    """The past-tense forms of the verb rows of the trigger files that no
    verb's present forms of the second or third person share (تعاون may be
    "you cooperate": such forms say nothing). A form IV or VIII past (أطلق،
    اتهم) is also the first person singular present, which news narration
    after قد hardly uses (وكان المتحدث قد اتهم …: has accused), so it counts
    as past."""
    pasts: set[str] = set()
    presents: set[str] = set()
    for path in paths:
        for row in read_tsv(path):
            if row["pos"] != "verb":
                continue
            for past in split_multi(row.get("past", "")):
                pasts |= inflect_verb(normalize(past), "")
            for present in split_multi(row.get("present", "")):
                presents |= {f for f in inflect_verb("", normalize(present)) if f and not f.startswith(FIRST_PERSON)}
    return frozenset(f for f in pasts - presents if f)


def trigger_index(paths: list[Path]) -> dict[str, tuple[Trigger, ...]]:
    """Inflected form → trigger rows, over several files in order of
    precedence: a form that an earlier file lists is not taken from a later
    one, so a hand-written row is never joined or overridden by an imported
    or mined reading of the same word (the rows of one file for a form are
    all kept: هاجم has an attack and a criticism row)."""
    index: dict[str, list[Trigger]] = {}
    for path in paths:
        owned = set(index)
        for row in read_tsv(path):
            trigger = trigger_of(row)
            for form in trigger_forms(row):
                if form not in owned:
                    index.setdefault(form, []).append(trigger)
    return {k: tuple(v) for k, v in index.items()}


@lru_cache(maxsize=None)
def load_lexicon() -> Lexicon:
    """Read the trigger files (`trigger_files`: triggers.tsv and every other
    ontology/triggers*.tsv), modality.tsv and markers.tsv from the ontology.
    Cached: read once per process."""
    base = ontology_dir()
    triggers = trigger_index(trigger_files(base))
    pasts = past_forms(trigger_files(base))
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
        triggers=triggers,
        modality=cues,
        markers={k: frozenset(v) for k, v in single.items()},
        marker_phrases={k: tuple(v) for k, v in phrases.items()},
        marker_phrase_starts={k: phrases_by_first_word(v) for k, v in phrases.items()},
        past_forms=pasts,
    )


def phrases_by_first_word(phrases: list[tuple[str, ...]]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Multi-word phrases grouped by their first word, each group in the
    phrases' order."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        index.setdefault(phrase[0], []).append(phrase)
    return {word: tuple(group) for word, group in index.items()}
