"""Import UniversalPetrarch's Arabic CAMEO verb lemmas as kg trigger rows.

Reads CAMEO.ar.0.5.txt (../shared/data/universalpetrarch-arabic, MIT,
Copyright (c) 2016 Open Event Data Alliance) and ontology/cameo_relations.tsv,
and writes ontology/triggers_cameo.tsv in the columns of ontology/triggers.tsv
plus `source`. Nothing else in ontology/ is changed.

The dictionary's ~1,500 lemmas were built in 2018 partly by machine-
translating English CAMEO verbs and their WordNet synonyms. Its codes are not
to be trusted alone: of the 484 lemmas that have a code kg has a relation for
and occur in the news text below, most carry the code of the English verb
they were translated from, not of their Arabic sense (أصبح "became" under
192 occupy, نادى "club/called" under 1383, اشاد "praised" voting 110
disapprove). So the import has three stages:

  1. Votes. Every lemma collects one vote from the code on its own line (the
     group's code, `--- VERB [code] ---`, counts for the head verb only:
     synonyms without a code of their own are often loose translations) and
     one from each pattern (`- * OBJECT [code] # lemmas`) that lists it.
     Codes map to kg relations through the `code` rows of
     ontology/cameo_relations.tsv (longest prefix wins, following
     ONTOLOGY.md's CAMEO column); codes kg has no relation for vote "none".
  2. News use. A lemma is a candidate only if its inflected forms (read as a
     verb: not after ب، ك or the article, as kg.lexicon.Lexicon.lookup reads
     them) occur in at least --min-sentences sentences of permitted Arabic
     news: ANERcorp's CAMeL train split, NewsFANE's sentences that are not
     ANERcorp train sentences (NewsFANE re-annotates the ANERcorp text), and
     the development (even) rows of OEDA's arabic_event_gsr. SaudiNewsNet is
     never read (non-commercial).
  3. Review, as data. A candidate becomes a row only if a `lemma` row of
     cameo_relations.tsv names its relation; the relation must be one its
     codes vote for, unless the note says why not (`override:` CAMEO has no
     "kill" code, so ذبح is voted 18x/19x attacks and reviewed kills). A
     `pattern` row keeps a verb only with the object words its UP patterns
     give for that relation (a `requires` row: the rule extractor fires only
     when one of them follows within three words), for general verbs whose
     sense depends on the object (نظم مظاهرة، بسط سيطرته). A reviewed lemma
     that the hand-written triggers.tsv already has, or that is rare in the
     news text, is still dropped. Candidates without a review row are
     listed (--show-unreviewed), not imported. Lemmas that cost precision
     once imported are listed, with what the readings showed, in
     ontology/trigger_drops.tsv, and dropped.

Present-tense stems. UniversalPetrarch gives past lemmas; kg.lexicon's
inflect_verb needs the present stem too (يهاجم، تستهدف).
kg.lexicon.present_stem derives it only where the unvocalised shape makes it
regular: a past of four or more letters starting with ا drops the ا (أطلق →
طلق، احتل → حتل، استهدف → ستهدف), any other sound past is its own present
stem (قصف، هاجم، تظاهر، سيطر). Weak verbs (defective دعا، hollow زار/أدان،
assimilated وصل، hamzated أخذ، أيد) get none: the review row lists their
present forms in `forms` (أيد: يؤيد، تؤيد …), or the row keeps its past forms
only.

Output is sorted (relation, past, requires) so that a rerun on the same
inputs gives the same file. The script prints what it kept and what it
dropped, by reason.

    python scripts/import_petrarch_verbs.py [--out ontology/triggers_cameo.tsv]
        [--min-sentences 3] [--show-unreviewed]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from kg.errors import KgError
from kg.lexicon import inflect_noun, inflect_verb, match_keys_with_prefix, present_stem, trigger_forms
from kg.ontology_data import read_tsv, split_multi
from kg.text import normalize, split_sentences, tokenize

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
CAMEO_FILE = SHARED / "universalpetrarch-arabic" / "CAMEO.ar.0.5.txt"
ANER_TRAIN = SHARED / "anercorp-camel-splits" / "ANERCorp_CamelLab_train.txt"
NEWSFANE = SHARED / "newsfane-gold" / "NewsFANE_Gold_2014_170K.txt"
OEDA_DIR = SHARED / "arabic-event-gsr"
MAPPING = REPO / "ontology" / "cameo_relations.tsv"
DROPS = REPO / "ontology" / "trigger_drops.tsv"
HAND_TRIGGERS = REPO / "ontology" / "triggers.tsv"
DEFAULT_OUT = REPO / "ontology" / "triggers_cameo.tsv"

COLUMNS = ("relation", "pos", "past", "present", "forms", "prep", "requires", "confidence", "subjects", "source")
# prepositions a lemma may carry after `+` (احتج+على، حذر+من); normalised
PREPOSITIONS = frozenset(normalize(p) for p in "على إلى مع من عن ب ل في ضد نحو بين".split())
CONFIDENCE = "0.7"  # below most hand-written rows (0.75-0.85): imported, reviewed as a class
REQUIRES_CONFIDENCE = "0.65"
REQUIRES_WINDOW = 3  # as extractors/rules.py: the object word within three words after the verb
NOUN_PROCLITIC_LETTERS = "بك"  # after these (or the article) the matcher reads a noun only
OVERRIDE = "override:"
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


# ---------------------------------------------------------------- the dictionary


@dataclass(frozen=True)
class LemmaLine:
    """A synonym line of a verb group: `WORD [code] # English gloss`."""

    text: str
    code: str  # "" when the line has none


@dataclass(frozen=True)
class Pattern:
    """`- * OBJECT [code] # lemma,lemma,…`: the lemmas code `code` with OBJECT."""

    objects: str
    code: str
    lemmas: tuple[str, ...]


@dataclass
class VerbGroup:
    head: str
    code: str  # the group's code, "" for [---]
    lemmas: list[LemmaLine] = field(default_factory=list)
    patterns: list[Pattern] = field(default_factory=list)


@dataclass(frozen=True)
class Dictionary:
    synsets: dict[str, tuple[str, ...]]  # &NAME → member phrases (words joined by spaces)
    groups: tuple[VerbGroup, ...]


_HEADER = re.compile(r"^---\s*(.+?)\s*\[([^\]]*)\]\s*---")
_CODE = re.compile(r"\[([^\]]*)\]")
_DIGITS = re.compile(r"\d+")


def _code(raw: str) -> str:
    raw = raw.strip()
    return raw if _DIGITS.fullmatch(raw) else ""


def parse_dictionary(text: str) -> Dictionary:
    """Synonym sets and verb groups of a CAMEO.ar file (PETRARCH format)."""
    synsets: dict[str, list[str]] = {}
    groups: list[VerbGroup] = []
    current_set: str | None = None
    in_verbs = False
    group: VerbGroup | None = None
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if "VERB PATTERNS" in stripped:
            in_verbs = True
            continue
        if not in_verbs:
            if stripped.startswith("&"):
                current_set = stripped.split()[0]
                synsets[current_set] = []
            elif stripped.startswith("+") and current_set:
                member = stripped[1:].split("#")[0].strip().strip("_").replace("_", " ")
                if member:
                    synsets[current_set].append(member)
            continue
        header = _HEADER.match(stripped)
        if header:
            group = VerbGroup(header.group(1).strip(), _code(header.group(2)))
            groups.append(group)
            continue
        if group is None or stripped.startswith("#"):
            continue
        body, _, comment = stripped.partition("#")
        codes = _CODE.findall(body)
        if stripped.startswith("-"):
            objects = _CODE.sub(" ", body[1:]).replace("*", " ")
            lemmas = tuple(x.strip() for x in comment.split(",") if x.strip())
            group.patterns.append(Pattern(" ".join(objects.split()), _code(codes[-1]) if codes else "", lemmas))
        else:
            word = _CODE.sub(" ", body).strip()
            if word:
                group.lemmas.append(LemmaLine(word, _code(codes[0]) if codes else ""))
    return Dictionary({k: tuple(v) for k, v in synsets.items()}, tuple(groups))


# ---------------------------------------------------------------- mapping


@dataclass(frozen=True)
class Review:
    """A reviewed lemma: its relation (or "-": dropped), why, and what the
    row needs beyond what the script derives."""

    relation: str
    note: str
    prep: str = ""  # overrides the relation's default prepositions
    forms: str = ""  # explicit forms (weak verbs' present forms)


@dataclass(frozen=True)
class Mapping:
    codes: dict[str, str]  # code prefix → relation or "-"
    lemmas: dict[tuple[str, str], Review]  # (verb, preposition) → review of the verb alone
    patterns: dict[tuple[str, str], Review]  # (verb, relation) → review of its verb + object patterns

    def relation(self, code: str) -> str | None:
        """The kg relation of a CAMEO code (longest matching prefix), or None."""
        for length in range(len(code), 0, -1):
            found = self.codes.get(code[:length])
            if found is not None:
                return None if found == "-" else found
        return None


def load_mapping(path: Path) -> Mapping:
    codes: dict[str, str] = {}
    lemmas: dict[tuple[str, str], Review] = {}
    patterns: dict[tuple[str, str], Review] = {}
    for row in read_tsv(path):
        kind, key, relation = row["kind"], row["key"], row["relation"]
        review = Review(relation, row.get("note", ""), row.get("prep", ""), row.get("forms", ""))
        if kind == "code":
            codes[key] = relation
        elif kind == "lemma":
            verb, prep, _ = lemma_key(key)
            lemmas[(verb, prep)] = review
        elif kind == "pattern":
            patterns[(lemma_key(key)[0], relation)] = review
        else:
            raise KgError(f"{path}: unknown kind {kind!r}")
    return Mapping(codes, lemmas, patterns)


# ---------------------------------------------------------------- lemmas and forms


def lemma_key(text: str) -> tuple[str, str, str]:
    """(verb, preposition, object word) of a lemma as the dictionary writes it:
    احتج+على → (احتج, على, ""), أطلق+نار+على → (اطلق, على, نار). The verb is
    "" for phrases and glosses (words joined by spaces or `_`)."""
    parts = [normalize(p.strip()) for p in text.split("+") if p.strip()]
    if not parts or any(" " in p or "_" in p for p in parts):
        return "", "", ""
    verb, prep, obj = parts[0], "", ""
    for part in parts[1:]:
        if part in PREPOSITIONS and not prep:
            prep = part
        elif not obj:
            obj = part
    return verb, prep, obj


def verb_forms(past: str) -> set[str]:
    return {f for f in inflect_verb(past, present_stem(past)) if f}


# ---------------------------------------------------------------- corpus


def _aner_sentences(path: Path) -> Iterable[str]:
    words: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.strip():
            words.append(line.rsplit(" ", 1)[0])
        elif words:
            yield " ".join(words)
            words = []


def _newsfane_sentences(path: Path) -> Iterable[str]:
    words: list[str] = []
    text = path.read_text(encoding="utf-8-sig").replace("\r", "")
    for line in text.split("\n") + [""]:
        token = line.split("\t")[0].replace("\u200e", "").strip()
        if token:
            words.append(token)
        elif words:
            yield " ".join(words)
            words = []


def _letters(text: str) -> str:
    return "".join(c for c in normalize(text) if c.isalpha())


def load_corpus() -> dict[str, list[str]]:
    """Sentences of the permitted news texts, by corpus (see the docstring)."""
    from kg.oeda import load_detection, split

    try:
        aner = list(_aner_sentences(ANER_TRAIN))
        seen = {_letters(s) for s in aner}
        newsfane = [s for s in _newsfane_sentences(NEWSFANE) if _letters(s) not in seen]
        oeda: list[str] = []
        for stem in ("assault", "protest"):
            for row in split(load_detection(OEDA_DIR / f"{stem}_gsr.csv"), "dev"):
                oeda.extend(s.text for s in split_sentences(row.text))
    except OSError as exc:
        raise KgError(f"cannot read the corpus: {exc}") from exc
    return {"anercorp": aner, "newsfane": newsfane, "oeda-dev": oeda}


@dataclass
class Corpus:
    """Where each word key occurs: key → (sentence, word position, read as a
    verb?) for every word of the corpus, with the corpus name of each sentence."""

    names: list[str]
    index: dict[str, list[tuple[int, int, bool]]]
    words: list[list[tuple[str, ...]]]  # per sentence, the keys of each word

    @classmethod
    def build(cls, texts: dict[str, list[str]]) -> "Corpus":
        names: list[str] = []
        index: dict[str, list[tuple[int, int, bool]]] = defaultdict(list)
        words: list[list[tuple[str, ...]]] = []
        for name in sorted(texts):
            for text in texts[name]:
                sentence = len(names)
                names.append(name)
                keys_of_words = []
                for position, token in enumerate(t for t in tokenize(text) if t.is_word):
                    pairs = match_keys_with_prefix(token.norm)
                    keys_of_words.append(tuple(key for _, key in pairs))
                    for prefix, key in pairs:
                        index[key].append((sentence, position, _verb_reading(prefix)))
                words.append(keys_of_words)
        return cls(names, dict(index), words)

    def verb_hits(self, forms: set[str], requires: set[str] | None = None) -> Counter[str]:
        """Sentences (by corpus) in which a word is one of `forms` read as a
        verb, followed within REQUIRES_WINDOW words by one of `requires` if given."""
        found: set[int] = set()
        for form in forms:
            for sentence, position, as_verb in self.index.get(form, ()):
                if not as_verb or sentence in found:
                    continue
                if requires is not None and not any(
                        key in requires for following in self.words[sentence][position + 1:position + 1 + REQUIRES_WINDOW]
                        for key in following):
                    continue
                found.add(sentence)
        return Counter(self.names[s] for s in found)


def _verb_reading(prefix: str) -> bool:
    return not (any(c in prefix for c in NOUN_PROCLITIC_LETTERS) or prefix.endswith("ال") or prefix.endswith("لل"))


# ---------------------------------------------------------------- candidates


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


def load_drops(path: Path, file_name: str) -> dict[tuple[str, str], str]:
    """(normalised lemma, relation) → reason, for one generated file, from
    ontology/trigger_drops.tsv (lemmas dropped after measurement)."""
    return {(normalize(row["lemma"]), row["relation"]): row["reason"] for row in read_tsv(path)
            if row["file"] == file_name}


def hand_forms(path: Path) -> set[str]:
    """Every form the hand-written rows match (kg.lexicon.trigger_forms)."""
    return {form for row in read_tsv(path) for form in trigger_forms(row)}


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


# ---------------------------------------------------------------- output


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
    lines = [f"# {note}" for note in NOTICE]
    lines.append("\t".join(COLUMNS))
    lines += ["\t".join(row[c].replace("\t", " ") for c in COLUMNS) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


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


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cameo", type=Path, default=CAMEO_FILE)
    parser.add_argument("--mapping", type=Path, default=MAPPING)
    parser.add_argument("--hand", type=Path, default=HAND_TRIGGERS, help="the hand-written trigger file")
    parser.add_argument("--drops", type=Path, default=DROPS, help="lemmas dropped after measurement")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--min-sentences", type=int, default=3,
                        help="news sentences a lemma's forms (or verb + object) must occur in")
    parser.add_argument("--show-unreviewed", action="store_true", help="list the candidates no review row decides")
    return parser.parse_args(argv)


def run(args: argparse.Namespace, corpus: "Corpus | None" = None) -> list[dict[str, str]]:
    """Import and write; `corpus` replaces the news text (tests)."""
    try:
        dictionary = parse_dictionary(args.cameo.read_text(encoding="utf-8"))
    except OSError as exc:
        raise KgError(f"cannot read {args.cameo}: {exc.strerror}") from exc
    mapping = load_mapping(args.mapping)
    corpus = corpus or Corpus.build(load_corpus())
    known = hand_forms(args.hand)
    candidates, patterns, phrases = collect(dictionary, mapping)
    drops = load_drops(args.drops, args.out.name) if args.drops.exists() else {}
    decided = decide(candidates, mapping, corpus, args.min_sentences, known, drops)
    decided_patterns = decide_patterns(patterns, mapping, corpus, args.min_sentences, known)
    rows = rows_of(decided, decided_patterns, mapping, relation_preps(args.hand))
    write_tsv(args.out, rows)
    report(decided, decided_patterns, phrases, set(mapping.lemmas), args.show_unreviewed)
    print(f"wrote {len(rows)} rows to {args.out}")
    return rows


def main(argv: list[str] | None = None) -> int:
    run(parse_args(argv))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KgError as exc:
        print(f"import_petrarch_verbs: {exc}", file=sys.stderr)
        sys.exit(1)
