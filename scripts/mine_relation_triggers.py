"""Mine trigger rows from the trigger spans of the ANERcorp relation annotations.

Reads ../shared/data/anercorp-relations/train-relations.jsonl (relations
annotated by hand on ANERcorp's CAMeL train sentences; CC BY-SA 4.0, derived
from ANERcorp, Benajiba et al. 2007, and the CAMeL Tools splits, Obeid et
al. 2020) and writes ontology/triggers_anercorp.tsv in the columns of
ontology/triggers.tsv plus `evidence` and `source`.

Method
  1. Trigger words. Every annotated event relation with a trigger span gives
     one occurrence of the span's head word: its first word that is not a
     function word (markers.tsv's prepositions, skip words, support and
     reporting verbs, modality cue words). Static relations (official_of,
     part_of, located_in, member_of: titles and wording, not triggers) and
     allied_with (read by hand-written apposition rows) are left out. A span
     that states several relations of one kind counts once; spans are
     counted by (sentence, span).
  2. Lemmas. The head words are grouped into the stems kg.lexicon wants, with
     its own generators: a verb stem covers the forms `inflect_verb(past,
     present_stem(past))` makes, a noun the forms `inflect_noun` makes; the
     word's proclitics and attached pronouns are stripped as the matcher
     strips them (match_keys_with_prefix), and a word after ب، ك، لل or the
     article is only read as a noun, after س only as a verb, as
     Lexicon.lookup reads it. Greedy: the (pos, stem) that covers most
     occurrences is taken first, ties going to the reading more words are
     marked for (a noun's article or preposition, a verb's person suffix or
     prefix), then to the verb.
  3. Consistency. A lemma is kept if at least --min-count spans in distinct
     sentences use it, --min-share of its spans state one relation, and at
     least --min-ratio of its occurrences in all 2,122 annotated sentences
     (those with two named entities, where a relation could be stated) are
     trigger spans: a word the annotators mostly passed over (الحرب in
     background clauses, ساعد "helped") is not a trigger by itself. Lemmas
     whose forms the hand-written triggers.tsv already lists are dropped
     (that row wins), and so are the lemmas ontology/trigger_drops.tsv lists
     for this file (dropped after measurement, each with its reason).
  4. Preposition. For each span with its object after it, the word before
     the object: a standalone preposition (على، مع، إلى …), ل/ب written
     on the object with the article (للجيش، بالحكومة), else a direct object
     (-). Prepositions seen in at least 20% of those spans make the row's
     `prep`; with none seen, the relation's prepositions in triggers.tsv.
     في is left out (kg reads it as the event's place) unless the relation's
     hand-written rows take it (deploys_to). A noun's "direct
     object" is its genitive (غزو الكويت، اتهام أنقرة), which the rule
     extractor reads as the doer (هجمات المتشددين); so a noun row keeps
     only real prepositions (غزو العراق للكويت), and a noun seen with none
     is dropped. Measured on 400 SaudiNewsNet articles: with `-`, five of
     the six triples that mined nouns added were backwards or wrong.

Output rows are sorted (relation, pos, stem); the script prints what it kept
and dropped, by reason.

    python scripts/mine_relation_triggers.py [--out ontology/triggers_anercorp.tsv]
        [--min-count 2] [--min-share 0.75] [--min-ratio 0.25]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import KgError
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
    trigger_forms,
)
from kg.ontology_data import read_tsv, split_multi
from kg.relations import load_relations
from kg.text import clitic_stems, normalize

REPO = Path(__file__).resolve().parents[1]
RELATIONS_FILE = REPO.parent / "shared" / "data" / "anercorp-relations" / "train-relations.jsonl"
ANER_TRAIN = REPO.parent / "shared" / "data" / "anercorp-camel-splits" / "ANERCorp_CamelLab_train.txt"
HAND_TRIGGERS = REPO / "ontology" / "triggers.tsv"
MARKERS = REPO / "ontology" / "markers.tsv"
MODALITY = REPO / "ontology" / "modality.tsv"
DEFAULT_OUT = REPO / "ontology" / "triggers_anercorp.tsv"
DROPS = REPO / "ontology" / "trigger_drops.tsv"

COLUMNS = ("relation", "pos", "past", "present", "forms", "prep", "requires", "confidence", "subjects",
           "evidence", "source")
LEFT_OUT = frozenset({"allied_with"})  # read by hand-written apposition rows
FUNCTION_KINDS = ("preposition", "skip", "support", "reporting", "boundary", "pair", "resumptive")
EXTRA_FUNCTION_WORDS = frozenset(normalize(w) for w in "لم لن قد سوف لا ما أن إن الذي التي عدم".split())
PLACE_PREPOSITION = normalize("في")
DIRECT = "-"
PREP_SHARE = 0.2
MIN_STEM = 2
MAX_VERB = 6  # استفعل: no past stem is longer (استقبال is a noun)
# person prefixes a word is read with; the first person singular ا is left out, since
# it would read every verb or noun that starts with ا as a prefixed stem (اقتحم → ا + قتحم)
VERB_PREFIXES = tuple(p for p in PRESENT_PREFIXES if p != "ا")
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


# ---------------------------------------------------------------- reading


@dataclass(frozen=True)
class Span:
    """One trigger span: its sentence, head word and what it states."""

    sentence: str
    head: str  # normalised head word
    surface: str  # the head word as written
    phrase: str  # the whole span as written
    relation: str
    preps: tuple[str, ...]  # per relation record with its object after the trigger: the preposition ("-": direct)


@dataclass
class Records:
    spans: list[Span]
    words: Counter[str]  # every normalised word of the annotated sentences


def function_words() -> frozenset[str]:
    words = set(EXTRA_FUNCTION_WORDS)
    for row in read_tsv(MARKERS):
        if row["kind"] in FUNCTION_KINDS and " " not in row["form"].strip():
            words.add(normalize(row["form"]))
    for row in read_tsv(MODALITY):
        words.update(normalize(w) for w in row["cue"].split())
    return frozenset(words)


def _bare(norm: str) -> str:
    """A word without the conjunctions و/ف (ولم → لم)."""
    return norm[1:] if len(norm) > 3 and norm[0] in "وف" else norm


def _preposition(tokens: list[str], start: int, prepositions: frozenset[str]) -> str:
    """How the object that starts at token `start` is introduced."""
    if start > 0 and _bare(normalize(tokens[start - 1])) in prepositions:
        return _bare(normalize(tokens[start - 1]))
    first = normalize(tokens[start])
    for prep in ("ل", "ب"):
        if first.startswith(prep + "ال") or first.startswith("و" + prep + "ال") or (prep == "ل" and first.startswith("لل")):
            return prep
    return "-"


def read_records(path: Path) -> Records:
    """Trigger spans of the event relations (step 1) and the word counts."""
    relations = load_relations().relations
    skip = function_words()
    prepositions = frozenset(normalize(r["form"]) for r in read_tsv(MARKERS) if r["kind"] == "preposition")
    spans: dict[tuple[str, int, int, str], Span] = {}
    words: Counter[str] = Counter()
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise KgError(f"cannot read {path}: {exc.strerror}") from exc
    for line in lines:
        if not line.strip():
            continue
        record = json.loads(line)
        tokens: list[str] = record["tokens"]
        words.update(normalize(t) for t in tokens)
        spans_of = {e["i"]: e for e in record.get("entities", []) + record.get("extra_entities", [])}
        preps: dict[tuple[int, int, str], list[str]] = defaultdict(list)
        for rel in record.get("relations", []):
            name, trigger = rel["r"], rel.get("trigger")
            if not trigger or name in LEFT_OUT or name not in relations or relations[name].kind == "static":
                continue
            obj = spans_of.get(rel["o"])
            if obj is not None and obj["start"] >= trigger[1]:
                preps[(trigger[0], trigger[1], name)].append(_preposition(tokens, obj["start"], prepositions))
            else:
                preps.setdefault((trigger[0], trigger[1], name), [])
        for (start, end, name), seen in preps.items():
            head = next((k for k in range(start, end) if _bare(normalize(tokens[k])) not in skip
                         and len(normalize(tokens[k])) >= MIN_STEM), None)
            if head is None:
                continue
            spans[(record["id"], start, end, name)] = Span(
                record["id"], normalize(tokens[head]), tokens[head], " ".join(tokens[start:end]), name, tuple(seen))
    return Records([spans[k] for k in sorted(spans)], words)


def train_words(path: Path) -> Counter[str]:
    """Normalised words of the ANERcorp train text (one `word tag` a line)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise KgError(f"cannot read {path}: {exc.strerror}") from exc
    return Counter(normalize(line.rsplit(" ", 1)[0]) for line in lines if line.strip())


# ---------------------------------------------------------------- lemmas


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


def load_drops(path: Path, file_name: str) -> dict[tuple[str, str], str]:
    """(normalised lemma, relation) → reason, for one generated file, from
    ontology/trigger_drops.tsv."""
    return {(normalize(row["lemma"]), row["relation"]): row["reason"] for row in read_tsv(path)
            if row["file"] == file_name}


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


# ---------------------------------------------------------------- output


def hand_forms(path: Path) -> set[str]:
    """Every form the hand-written rows match (kg.lexicon.trigger_forms)."""
    return {form for row in read_tsv(path) for form in trigger_forms(row)}


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
    lines = [f"# {note}" for note in NOTICE]
    lines.append("\t".join(COLUMNS))
    lines += ["\t".join(row[c].replace("\t", " ") for c in COLUMNS) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


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


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--relations", type=Path, default=RELATIONS_FILE)
    parser.add_argument("--train", type=Path, default=ANER_TRAIN, help="ANERcorp train text (CoNLL), for word usage")
    parser.add_argument("--hand", type=Path, default=HAND_TRIGGERS, help="the hand-written trigger file")
    parser.add_argument("--drops", type=Path, default=DROPS, help="lemmas dropped after measurement")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--min-count", type=int, default=2, help="distinct sentences whose spans use the lemma")
    parser.add_argument("--min-share", type=float, default=0.75, help="share of its spans that state its relation")
    parser.add_argument("--min-ratio", type=float, default=0.25,
                        help="share of its occurrences in the annotated sentences that are trigger spans")
    return parser.parse_args(argv)


def run(args: argparse.Namespace) -> list[dict[str, str]]:
    records = read_records(args.relations)
    lemmas = group(records.spans, Usage.of(train_words(args.train)))
    drops = load_drops(args.drops, args.out.name) if args.drops.exists() else {}
    decide(lemmas, records.words, hand_forms(args.hand), args.min_count, args.min_share, args.min_ratio, drops)
    defaults = default_preps(args.hand)
    for lemma in lemmas:
        if not lemma.reason and lemma.pos == "noun" and not prep_cell(lemma, defaults)[0]:
            lemma.reason = "noun seen only with its object as genitive (read as the doer by the rule extractor)"
    rows = sorted((row_of(lemma, defaults) for lemma in lemmas if not lemma.reason),
                  key=lambda r: (r["relation"], r["pos"], normalize(r["past"] or r["forms"])))
    write_tsv(args.out, rows)
    report(lemmas, len(records.spans))
    print(f"wrote {len(rows)} rows to {args.out}")
    return rows


def main(argv: list[str] | None = None) -> int:
    run(parse_args(argv))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KgError as exc:
        print(f"mine_relation_triggers: {exc}", file=sys.stderr)
        sys.exit(1)
