"""Mine candidate trigger words for ontology/triggers.tsv from real text.

Writes bench/trigger_candidates.tsv in the column format of triggers.tsv
(relation, pos, past, present, forms, prep, requires, confidence) plus
`evidence_count`, `source` and `example`, for an analyst to read and copy rows
from. Nothing in ontology/ is changed.

Inputs (read-only; SaudiNewsNet is read from its zips, in memory):
  * OEDA arabic_event_gsr, DEV half only: even positions of assault_gsr.csv
    and protest_gsr.csv, and the span records that are dev both by their own
    position and by their sentence's CSV position (kg.oeda.split and
    split_by_sentence: half the even span records are CSV test sentences);
  * SaudiNewsNet (5 daily zips, ~7.5k articles);
  * ANERcorp CAMeL train split (plain text only; its tags are not used).

Method
  1. Word keys. Every word is normalised (kg.text.normalize), its article
     stripped, and a proclitic (ontology/clitics.tsv) stripped when the rest
     is itself a common bare word (see `Keys`): والشرطة → شرطه, وزير stays.
  2. Signals per key:
     gsr    yes rows vs easy/difficult-no rows of each CSV (dev): weighted
            log-odds with an informative Dirichlet prior from the whole corpus
            (Monroe, Colaresi & Quinn 2008, "Fightin' Words"); z-score;
     gold   how often the key is in `verb_gold` of a dev span record;
     slot   how often it fills the trigger slot between two gazetteer
            mentions: ACTOR WORD … MENTION (SVO) or WORD ACTOR … MENTION (VSO),
            with the second mention at most 5 words on and no clause boundary
            between; the preposition before the second mention is counted (the
            `prep` column and the prep-fit check come from it);
     sim    a distributional vector (PPMI over ±2-word windows, whole corpus)
            compared (cosine) with every trigger row of triggers.tsv.
  3. Lemmas. Keys are grouped into the stems triggers.tsv wants, with kg's own
     generators (kg.lexicon.inflect_verb / inflect_noun): a verb lemma covers
     its attested inflections, a noun lemma its attested dual/plural forms; the
     best-covered lemma is taken first (greedy), so a row found here matches
     the forms the counts came from. A verb needs attested past and present
     forms, a noun a verbal-noun shape (MASDAR_SHAPES) and some use with the
     article. Lemmas whose stem the lexicon already knows are dropped.
  4. Relation:
     * gsr/gold evidence from the protest files → `protests` (compared
       with its triggers.tsv rows, or with PROTEST_SEEDS while it has none);
     * from the assault files → the nearest (sim) ASSAULT/COERCE relation of
       kg.ttl, unless another relation's triggers are clearly nearer;
     * slot fills alone → the nearest relation whose trigger rows take the
       prepositions the word's fills take (prep-fit ≥ 0.25), if sim ≥ 0.15;
     * none of these, but sim ≥ 0.27 to a row: a "distributional neighbour"
       (its slot fills, if any, still count as evidence).
  5. Junk filter: function words, every word of markers/calendar/numbers/
     modality/titles.tsv (agent markers excepted), OBVIOUS_JUNK (places,
     quantities, people, things, reporting verbs, and framing, sports and
     ceremony words seen in a first run), words mostly inside gazetteer
     mentions, the 150 most frequent words, nisba adjectives (-ي) and human
     plurals (participants: مسلحين، متظاهرين).

Example snippets come from the GSR dev sentences or ANERcorp (at most 80
characters); a SaudiNewsNet-only lemma gets a pointer (zip, article index,
character offset) instead, since that corpus must not be copied into the
repository.

    python scripts/mine_triggers.py [--out bench/trigger_candidates.tsv] [--snn-articles N]
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import time
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy import sparse

import extractors  # noqa: F401  (registers the gazetteer extractor)
from kg.errors import KgError
from kg.gazetteer import load_gazetteer
from kg.lexicon import (
    PAST_SUFFIXES,
    PRESENT_PREFIXES,
    PRESENT_SUFFIXES,
    inflect_noun,
    inflect_verb,
    load_lexicon,
    match_keys,
)
from kg.model import Article
from kg.oeda import FUNCTION_WORDS, load_detection, load_spans, split, split_by_sentence
from kg.ontology_data import load_clitics, ontology_dir, read_tsv, split_multi
from kg.registry import entity_extractors
from kg.relations import load_relations
from kg.text import (
    carries_article,
    normalize,
    split_sentences,
    strip_article,
    tokenize,
)

REPO = Path(__file__).resolve().parents[1]
GSR_DIR = Path("/work/shared/data/arabic-event-gsr")
SNN_DIR = Path("/work/shared/data/saudinewsnet/dataset")
ANER_TRAIN = Path("/work/shared/data/anercorp-camel-splits/ANERCorp_CamelLab_train.txt")
DEFAULT_OUT = REPO / "bench" / "trigger_candidates.tsv"

ACTOR_TYPES = frozenset({"Country", "Person", "Organization", "ArmedGroup", "Group"})
MAX_SLOT_GAP = 5  # words between the slot (or the first mention, VSO) and the second mention
MAX_SKIPS = 2  # particles skipped between the first mention and the slot word (SVO)
WINDOW = 2  # context window for the distributional vectors
FEATURES = 6000  # most frequent keys used as context features
PRIOR_SCALE = 500.0  # total pseudo-count of the log-odds prior
MIN_KEY_LETTERS = 3
STRIP_RATIO = 0.2
STOP_TOP = 150  # the most frequent keys are function words whatever they are
SNIPPET = 80
NEIGHBOUR_MIN = 20  # occurrences for a lemma found by similarity alone
NEIGHBOUR_SIMILARITY = 0.27  # its cosine to the nearest trigger row
PUNCT_BOUNDARY = frozenset("،,.:;؛!?؟()[]{}-–—")
ASSAULT_FAMILY = ("attacks", "kills", "besieges", "takes_control_of")
PROTEST = "protests"
PROTEST_SEEDS = (("verb", "تظاهر", "تظاهر"), ("verb", "احتج", "حتج"), ("verb", "اعتصم", "عتصم"),
                 ("noun", "مظاهرة", ""), ("noun", "احتجاج", ""), ("noun", "مسيرة", ""), ("noun", "إضراب", ""))
# Words that are associated with event reports but are not event words:
# places and directions, quantities, people in general, things, reporting;
# the last line holds framing, sports and ceremony words that a first run
# of this script proposed (في إطار، ضمن، مباراة، حفل، عين "appointed").
OBVIOUS_JUNK = """
شمال جنوب شرق غرب وسط قرب قرابة أنحاء ضواحي أطراف مدينة مدن بلدة بلدات قرية قرى منطقة مناطق إقليم محافظة ولاية
عاصمة سوق أسواق شارع شوارع ساحة ميدان حي مقر مبنى مكتب مركز مسجد كنيسة مدرسة جامعة مستشفى طريق حدود مدخل
عدد أعداد عشرات مئات آلاف ألف مئة مائة أقل أكثر نحو حوالي بضعة بعض معظم غالبية كافة أحد إحدى آخر آخرين أخرى
شخص أشخاص شخصا رجل رجال امرأة نساء طفل أطفال شاب شبان مواطن مواطنين سكان أهالي عناصر عنصر أفراد فرد
سيارة سيارات حافلة طائرة طائرات مروحية دبابة آلية قوة قوات جيش شرطة أمن سلطات حكومة نظام حزب جماعة حركة
يوم أيام أسبوع شهر عام سنة ساعة ساعات صباح مساء ليلة فجر ظهر وقت حين فترة مرة أول ثاني ثالث
أعلن أكد قال ذكر أفاد أوضح أضاف أشار نقل مصدر مصادر مسؤول مسؤولون تقرير وكالة صحيفة بيان شهود عيان
حادث حادثة عملية عمليات كيلومتر كلم متر نار رصاص أسفر أدى جرى جرت
سمو فخامة معالي صاحب شيخ أمير ملك شركة بنك وزارة هيئة مجلس لجنة اسم
قام يقوم قوم وفق ضمن إطار جناح صلاة طعام سلام مرور تصريح اهتمام مباراة بطولة حفل مهرجان معرض موسم شهد عين قرر
أستاذ هلال لعب إسلام قضاء اقتصاد طاقة هدف وضع بلاد اتجاه وحدة رسالة موقع أعضاء دورة احتفال إنتاج منظم عمر مارة
حراس طيار موكب خدمة تمكن تضمن استخدم صنع
"""
# Verbal-noun (masdar) shapes, normalised spelling: افتعال/انفعال (اغتيال،
# انفجار)، استفعال، إفعال (إضراب)، تفعيل (تفجير)، تفاعل(ة)، مفاعلة (مظاهرة)،
# مفعل(ة) (مقتل، مسيرة)، فعول (هجوم)، فعال(ة) (حصار)، فعلة (غارة)، فعلان (عدوان).
MASDAR_SHAPES = (r"ا...ا.", r"است..ا.", r"ا..ا.", r"ت..ي.", r"ت.ا..ه?", r"م.ا..ه", r"م...ه?", r"..و.", r"..ا.ه?",
                 r"...ه", r"...ان")
SURFACE_PREPS = {"الي": "إلى", "علي": "على", "لدي": "لدى"}  # normalised → written
COLUMNS = ("relation", "pos", "past", "present", "forms", "prep", "requires", "confidence",
           "evidence_count", "source", "example")


# ---------------------------------------------------------------- corpus


@dataclass
class Doc:
    corpus: str  # gsr-assault | gsr-protest | spans-assault | spans-protest | anercorp | snn
    ref: str  # where it is (for SaudiNewsNet, the pointer printed instead of a snippet)
    text: str
    label: str = ""  # GSR: yes / no / ambiguous


@dataclass
class Sent:
    doc: int
    norms: tuple[str, ...]
    starts: tuple[int, ...]
    words: tuple[bool, ...]
    mentions: tuple[tuple[int, int, str, str], ...]  # first, last (exclusive), type, entity id


def load_docs(snn_limit: int | None) -> tuple[list[Doc], dict[str, list], dict[str, int]]:
    """Every text, dev only for the GSR, and the dev span records."""
    docs: list[Doc] = []
    spans: dict[str, list] = {}
    counts: Counter[str] = Counter()
    for stem in ("assault", "protest"):
        rows = load_detection(GSR_DIR / f"{stem}_gsr.csv")
        for row in split(rows, "dev"):
            label = "yes" if row.label == "yes" else ("ambiguous" if row.label == "ambiguous" else "no")
            docs.append(Doc(f"gsr-{stem}", f"{stem}_gsr.csv[{row.position}]", row.text, label))
            counts[f"gsr-{stem}"] += 1
        records = load_spans(GSR_DIR / f"{stem}_spans.json")
        own_dev = {r.position for r in split(records, "dev")}
        spans[stem] = [r for r in split_by_sentence(records, rows, "dev") if r.position in own_dev]
        counts[f"spans-{stem}"] = len(spans[stem])
    for zip_path in sorted(SNN_DIR.glob("*.zip")):
        try:
            with zipfile.ZipFile(zip_path) as archive:
                name = next(n for n in archive.namelist() if n.endswith(".json"))
                articles = json.loads(archive.read(name).decode("utf-8"))
        except (OSError, zipfile.BadZipFile, StopIteration, ValueError) as exc:
            raise KgError(f"cannot read {zip_path}: {exc}") from exc
        for index, article in enumerate(articles):
            content = article.get("content") or ""
            if content.strip():
                docs.append(Doc("snn", f"snn:{name}[{index}]", content))
                counts["snn"] += 1
            if snn_limit is not None and counts["snn"] >= snn_limit:
                break
        if snn_limit is not None and counts["snn"] >= snn_limit:
            break
    try:
        sentence: list[str] = []
        for line in ANER_TRAIN.read_text(encoding="utf-8").splitlines() + [""]:
            if line.strip():
                sentence.append(line.rsplit(" ", 1)[0])
            elif sentence:
                docs.append(Doc("anercorp", f"anercorp[{counts['anercorp']}]", " ".join(sentence)))
                counts["anercorp"] += 1
                sentence = []
    except OSError as exc:
        raise KgError(f"cannot read {ANER_TRAIN}: {exc.strerror}") from exc
    return docs, spans, dict(counts)


def analyse(docs: list[Doc]) -> list[Sent]:
    """Sentences, normalised tokens and gazetteer mentions of every text."""
    extractor = entity_extractors.create("gazetteer")
    out: list[Sent] = []
    for index, doc in enumerate(docs):
        article = Article(str(index), doc.text, "", 0, None, "none")
        sentences = split_sentences(doc.text)
        by_sentence: dict[int, list[tuple[int, int, str, str]]] = defaultdict(list)
        for m in extractor(article, sentences):
            by_sentence[m.sentence].append((m.first_token, m.last_token, m.type, m.entity_id))
        for s in sentences:
            out.append(Sent(index, tuple(t.norm for t in s.tokens), tuple(t.start for t in s.tokens),
                            tuple(t.is_word for t in s.tokens), tuple(sorted(by_sentence.get(s.index, ())))))
    return out


# ---------------------------------------------------------------- keys


class Keys:
    """Canonical key of a normalised word (see the module docstring, step 1).

    The unstripped word is kept unless a stripped stem (at least three
    letters) is itself a common bare word, seen twice and at least
    STRIP_RATIO times as often as the unstripped word when the proclitic is
    و or carries the article, as often when it is a lone ب، ل، ك، ف or س
    (a letter that more often begins a word: كمين is not ك + مين). So
    والشرطة → شرطه and وأصيب → اصيب, but وزير (زير is rare) stays.
    """

    def __init__(self, bare: Counter[str]) -> None:
        self.bare = bare
        self.cache: dict[str, str] = {}
        self.proclitics = load_clitics().proclitics

    def __call__(self, norm: str) -> str:
        key = self.cache.get(norm)
        if key is None:
            first = strip_article(norm)
            key, best = first, 0
            base = self.bare.get(first, 0)
            for prefix in self.proclitics:
                if not norm.startswith(prefix) or len(norm) - len(prefix) < 2:
                    continue
                stem = strip_article(norm[len(prefix):])
                if len(stem) < MIN_KEY_LETTERS or stem == first:
                    continue
                n = self.bare.get(stem, 0)
                ratio = STRIP_RATIO if prefix.startswith("و") or "ال" in prefix or "لل" in prefix else 1.0
                if n >= 2 and n >= ratio * base and n > best:
                    key, best = stem, n
            self.cache[norm] = key
        return key


# ---------------------------------------------------------------- statistics


@dataclass
class Stats:
    total: Counter[str] = field(default_factory=Counter)
    article: Counter[str] = field(default_factory=Counter)  # occurrences written with the article
    in_mention: Counter[str] = field(default_factory=Counter)
    gsr: dict[tuple[str, str], Counter[str]] = field(default_factory=lambda: defaultdict(Counter))  # (stem, yes|no)
    gold: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))  # stem → key counts
    slot: Counter[str] = field(default_factory=Counter)
    slot_by_corpus: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    slot_prep: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    surface: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    examples: dict[str, dict[str, tuple[int, int]]] = field(default_factory=lambda: defaultdict(dict))  # key → corpus → (doc, offset)


class Miner:
    def __init__(self, docs: list[Doc], sents: list[Sent], spans: dict[str, list]) -> None:
        self.docs, self.sents, self.spans = docs, sents, spans
        self.lex = load_lexicon()
        self.gaz = load_gazetteer()
        bare: Counter[str] = Counter()
        for s in sents:
            for norm, is_word in zip(s.norms, s.words):
                if is_word:
                    bare[strip_article(norm)] += 1
        self.key = Keys(bare)
        self.stats = Stats()
        self._first_words: dict[str, frozenset[str]] = {}
        skip_words = {w for cue in self.lex.modality for w in cue.words} | {normalize("سوف")}
        self.particles = frozenset(skip_words)

    # ---- helpers ----------------------------------------------------------
    def is_skip(self, norm: str) -> bool:
        return (norm in self.particles or self.lex.is_marker("skip", norm) or self.lex.is_marker("support", norm)
                or (norm[:1] in ("و", "ف") and norm[1:] in self.particles))

    def boundary(self, norm: str, is_word: bool) -> bool:
        if not is_word:
            return norm in PUNCT_BOUNDARY or any(c in PUNCT_BOUNDARY for c in norm)
        return self.lex.is_marker("boundary", norm)

    def first_words(self, entity_id: str) -> frozenset[str]:
        cached = self._first_words.get(entity_id)
        if cached is None:
            entity = self.gaz.entity(entity_id)
            cached = frozenset(strip_article(normalize(a).split()[0]) for a in entity.aliases_ar if a.strip())
            self._first_words[entity_id] = cached
        return cached

    def prep_before(self, s: Sent, start: int, mention: tuple[int, int, str, str]) -> str:
        """The preposition that introduces the mention: a standalone one between
        `start` and it, else a one-letter proclitic on it, else '-' (direct)."""
        first = mention[0]
        for k in range(first - 1, start - 1, -1):
            norm = s.norms[k]
            if s.words[k] and self.lex.is_marker("preposition", norm):
                return norm
        norm = s.norms[first]
        if strip_article(norm) not in self.first_words(mention[3]):
            if norm.startswith("ل"):
                return "ل"
            if norm.startswith("ب"):
                return "ب"
        words_between = sum(1 for k in range(start, first) if s.words[k])
        return "-" if words_between <= 1 else "?"

    # ---- passes -------------------------------------------------------------
    def count(self) -> None:
        st = self.stats
        for s in self.sents:
            doc = self.docs[s.doc]
            inside = set()
            for first, last, _, _ in s.mentions:
                inside.update(range(first, last))
            for k, (norm, is_word) in enumerate(zip(s.norms, s.words)):
                if not is_word or norm.isdigit():
                    continue
                key = self.key(norm)
                st.total[key] += 1
                if k in inside:
                    st.in_mention[key] += 1
                if carries_article(norm):
                    st.article[key] += 1
                if norm == key or norm == "ال" + key:
                    st.surface[key][self.surface_of(s, k, norm, key)] += 1
                if doc.corpus.startswith("gsr-") and doc.label != "ambiguous":
                    st.gsr[(doc.corpus[4:], doc.label)][key] += 1
                corpus = "snn" if doc.corpus == "snn" else ("gsr-" + doc.label if doc.corpus.startswith("gsr") else doc.corpus)
                if corpus not in st.examples[key]:
                    st.examples[key][corpus] = (s.doc, s.starts[k])
            self.slots(s, inside)
        for stem, records in self.spans.items():
            for record in records:
                index = len(self.docs)
                self.docs.append(Doc(f"spans-{stem}", f"{stem}_spans.json[{record.position}]", record.text))
                for token in tokenize(record.verb_gold):
                    if token.is_word:
                        key = self.key(token.norm)
                        st.gold[stem][key] += 1
                        where = record.text.find(token.text)
                        st.examples[key].setdefault(f"gold-{stem}", (index, max(where, 0)))

    def surface_of(self, s: Sent, k: int, norm: str, key: str) -> str:
        text = self.docs[s.doc].text
        start = s.starts[k]
        end = start
        while end < len(text) and not text[end].isspace() and text[end] not in "،,.:;؛!?؟()\"«»":
            end += 1
        surface = text[start:end]
        return surface[2:] if norm.startswith("ال") and norm != key and surface.startswith("ال") else surface

    def slots(self, s: Sent, inside: set[int]) -> None:
        """Trigger-slot words of one sentence (step 2, `slot`)."""
        if len(s.mentions) < 2:
            return
        corpus = self.docs[s.doc].corpus
        corpus = "gsr" if corpus.startswith("gsr") else corpus
        taken: set[int] = set()
        for a in s.mentions:
            if a[2] not in ACTOR_TYPES:
                continue
            # SVO: ACTOR [particles] WORD … MENTION
            k, skips = a[1], 0
            while k < len(s.norms) and s.words[k] and k not in inside and self.is_skip(s.norms[k]) and skips < MAX_SKIPS:
                k, skips = k + 1, skips + 1
            if k < len(s.norms) and s.words[k] and k not in inside:
                b = self.mention_after(s, k + 1, a, inside)
                if b is not None:
                    self.add_slot(s, k, b, k + 1, corpus, taken)
            # VSO: WORD ACTOR … MENTION
            k = a[0] - 1
            if k >= 0 and s.words[k] and k not in inside:
                b = self.mention_after(s, a[1], a, inside)
                if b is not None:
                    self.add_slot(s, k, b, a[1], corpus, taken)

    def mention_after(self, s: Sent, start: int, a: tuple, inside: set[int]) -> tuple | None:
        words = 0
        k = start
        while k < len(s.norms) and words <= MAX_SLOT_GAP:
            for m in s.mentions:
                if m[0] == k:
                    return m if m[3] != a[3] else None
            if self.boundary(s.norms[k], s.words[k]):
                return None
            if s.words[k]:
                words += 1
            k += 1
        return None

    def add_slot(self, s: Sent, k: int, b: tuple, start: int, corpus: str, taken: set[int]) -> None:
        if k in taken or s.norms[k].isdigit():
            return
        taken.add(k)
        key = self.key(s.norms[k])
        st = self.stats
        st.slot[key] += 1
        st.slot_by_corpus[corpus][key] += 1
        prep = self.prep_before(s, start, b)
        if prep != "?":
            st.slot_prep[key][prep] += 1

    # ---- distributional vectors --------------------------------------------
    def vectors(self) -> None:
        """PPMI rows of every key over its ±WINDOW context keys."""
        vocab = {key: i for i, (key, _) in enumerate(self.stats.total.most_common())}
        features = {key: i for i, (key, _) in enumerate(self.stats.total.most_common(FEATURES))}
        rows: list[np.ndarray] = []
        cols: list[np.ndarray] = []
        for s in self.sents:
            ids = [vocab[self.key(n)] if w and not n.isdigit() and self.key(n) in vocab else -1
                   for n, w in zip(s.norms, s.words)]
            fids = [features.get(self.key(n), -1) if w and not n.isdigit() else -1 for n, w in zip(s.norms, s.words)]
            t = np.array(ids)
            f = np.array(fids)
            for d in range(1, WINDOW + 1):
                if len(t) <= d:
                    break
                for a, b in ((t[:-d], f[d:]), (t[d:], f[:-d])):
                    ok = (a >= 0) & (b >= 0)
                    rows.append(a[ok])
                    cols.append(b[ok])
        r = np.concatenate(rows)
        c = np.concatenate(cols)
        counts = sparse.csr_matrix((np.ones(len(r), dtype=np.float64), (r, c)), shape=(len(vocab), len(features)))
        counts.sum_duplicates()
        self.vocab, self.counts = vocab, counts
        col = np.asarray(counts.sum(axis=0)).ravel()
        self.col_p = (col ** 0.75) / (col ** 0.75).sum()  # context smoothing (Levy et al. 2015)

    def vector(self, keys: set[str]) -> np.ndarray:
        """PPMI vector of a lemma: its forms' context counts added up."""
        idx = [self.vocab[k] for k in keys if k in self.vocab]
        if not idx:
            return np.zeros(self.counts.shape[1])
        row = np.asarray(self.counts[idx].sum(axis=0)).ravel()
        total = row.sum()
        if not total:
            return row
        with np.errstate(divide="ignore"):
            pmi = np.log((row / total) / self.col_p)
        v = np.where(row > 0, np.maximum(pmi, 0), 0)
        norm = np.linalg.norm(v)
        return v / norm if norm else v


# ---------------------------------------------------------------- lemmas


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


# ---------------------------------------------------------------- scoring


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


class Ranker:
    """Steps 3-5 of the module docstring: lemmas, relation, filters."""

    def __init__(self, miner: Miner, min_count: int, min_z: float, min_slot: int, min_similarity: float) -> None:
        self.m = miner
        self.st = miner.stats
        self.min_count, self.min_z, self.min_slot, self.min_similarity = min_count, min_z, min_slot, min_similarity
        self.seeds = seed_rows()
        self.seed_vectors = [(rel, label, miner.vector({f for f in forms if f in miner.vocab}))
                             for rel, label, forms in self.seeds]
        self.known = {f for _, _, forms in self.seeds for f in forms}
        self.relation_preps = relation_preps()
        catalog = load_relations().relations
        with_rows = {rel for rel, _, _ in self.seeds}
        # relations the assault files' evidence may go to: PLOVER ASSAULT or COERCE
        self.assault_family = sorted(r for r, d in catalog.items() if d.plover in ("ASSAULT", "COERCE") and r in with_rows)
        self.stop = {k for k, _ in self.st.total.most_common(STOP_TOP)}
        self.junk_words = self._junk_words()
        self.preps = default_preps()

    def _junk_words(self) -> set[str]:
        """Function words, every word of markers, calendar, number, modality
        and title entries, and OBVIOUS_JUNK."""
        out = set(FUNCTION_WORDS)
        for name in ("markers.tsv", "calendar.tsv", "numbers.tsv", "modality.tsv", "titles.tsv"):
            for row in read_tsv(ontology_dir() / name):
                if row.get("kind") == "agent":
                    continue  # في غارة، بنيران: event words, not junk
                for cell in row.values():
                    for word in re.split(r"[|\s]+", cell):
                        if re.fullmatch(r"[\u0621-\u064a\u064b-\u0652]+", word):
                            out.add(normalize(word))
                            out.add(strip_article(normalize(word)))
        for word in OBVIOUS_JUNK.split():
            out |= {normalize(word), strip_article(normalize(word))}
        return out

    def junk(self, key: str) -> str:
        """Why a key or lemma stem is junk ('' when it is not). A word is
        also junk when it is a junk word plus an attached pronoun (شنه،
        نفذه) or a reporting verb's inflection (قالت)."""
        st = self.st
        if len(key) < MIN_KEY_LETTERS or not re.fullmatch(r"[\u0621-\u064a]+", key):
            return "not an Arabic word"
        if key in self.junk_words or any(k in self.junk_words for k in match_keys(key)[1:]):
            return "function/marker word"
        if self.m.lex.is_marker("reporting", key) or self.m.lex.is_marker("support", key):
            return "reporting or support verb"
        if key in self.stop:
            return "very frequent"
        if st.in_mention[key] >= 0.3 * max(st.total[key], 1):
            return "part of names"
        return ""

    def known_form(self, form: str) -> bool:
        return form in self.known or bool(self.m.lex.lookup(form))

    def new_forms(self, lemma: Lemma) -> set[str] | None:
        """The lemma's forms the lexicon does not know yet; None when the
        lemma is already there (its stem is known, or its known forms are
        most of its occurrences)."""
        main = {lemma.stem} if lemma.pos == "noun" else {lemma.stem, "ي" + present_of(lemma.stem),
                                                          lemma.stem + "ي", lemma.stem + "ا"}  # weak verbs: اعتدى
        if any(self.known_form(f) for f in main):
            return None
        new = {f for f in lemma.forms if not self.known_form(f)}
        total = sum(self.st.total[f] for f in lemma.forms)
        if sum(self.st.total[f] for f in new) < 0.3 * total:
            return None
        return new

    def build_lemmas(self, keys: set[str]) -> list[Lemma]:
        """Greedy lemma cover of the candidate keys (module docstring, step 3)."""
        st = self.st
        hypotheses: dict[tuple[str, str], set[str]] = {}
        for key in keys:
            for pos, stem in lemma_hypotheses(key, st):
                if (pos, stem) not in hypotheses:
                    forms = covered(pos, stem, st)
                    if pos == "verb":
                        forms = {f for f in forms if not noun_like(f, st) and not self.other_past(f, stem)}
                    hypotheses[(pos, stem)] = forms
        signal = {k: self.signal(k) for keys_ in hypotheses.values() for k in keys_}
        lemmas: list[Lemma] = []
        used: dict[str, set[str]] = {"verb": set(), "noun": set()}
        remaining = dict(hypotheses)

        def rank(item: tuple[tuple[str, str], set[str]]) -> tuple:
            (pos, stem), forms = item
            return (sum(signal[f] for f in forms - used[pos]), st.total.get(stem, 0) > 0, stem.endswith("ه"),
                    len(forms), stem)

        while remaining:
            (pos, stem), forms = max(remaining.items(), key=rank)
            del remaining[(pos, stem)]
            free = forms - used[pos]
            if not free or not any(k in keys for k in free) or self.junk(stem):
                continue
            if pos == "verb" and not self.verb_ok(stem, free):
                continue
            if pos == "noun" and not self.noun_ok(stem, free):
                continue
            used[pos] |= free
            lemmas.append(Lemma(pos, stem, free))
        return lemmas

    def other_past(self, form: str, stem: str) -> bool:
        """Is a ت-form of a verb (تجمع as present of جمع) really the past of
        a form V/VI verb (تجمع، يتجمع) — attested with its own present?"""
        if not form.startswith("ت"):
            return False
        for suffix in sorted(PAST_SUFFIXES, key=len, reverse=True):
            if form.endswith(suffix) and len(form) - len(suffix) >= 4:
                base = form[: len(form) - len(suffix)] if suffix else form
                if base != stem and self.st.total.get("ي" + base, 0) + self.st.total.get("ي" + base + "ون", 0) >= 2:
                    return True
        return False

    def signal(self, key: str) -> float:
        st = self.st
        return (st.gsr[("assault", "yes")][key] + st.gsr[("protest", "yes")][key] + st.gold["assault"][key]
                + st.gold["protest"][key] + st.slot[key] + 0.01 * st.total[key])

    def verb_ok(self, stem: str, forms: set[str]) -> bool:
        """A verb lemma needs attested present forms (يقصف) and past forms
        (قصف، قصفت): with only one kind, the "stem" is usually a noun cut
        at a suffix that looks verbal (مئات → مئا + ت)."""
        if len(stem) < 3:
            return False
        past = inflect_verb(stem, "")
        present = present_of(stem)
        n_present = sum(self.st.total[f] for f in forms
                        if f[:1] in PRESENT_PREFIXES and f[1:].startswith(present) and f not in past)
        n_past = sum(self.st.total[f] for f in forms if f in past)
        n_third = sum(self.st.total.get("ي" + present + s, 0) for s in ("", "ون", "ان"))
        n_suffixed = sum(self.st.total.get(stem + s, 0) for s in ("ت", "وا", "تا"))
        return n_present >= 2 and n_past >= 2 and n_third >= 2 and n_suffixed >= 1

    def noun_ok(self, stem: str, forms: set[str]) -> bool:
        """An event noun: a verbal-noun shape (MASDAR_SHAPES) or a bare stem
        that is also attested as a verb (قصف), used as a noun (with the
        article) often enough; not an adjective or a plural of people."""
        st = self.st
        if stem.endswith(("ي", "يه")):
            return False  # nisba adjectives (عسكري، أمنية) and -ى plurals (قتلى، جرحى)
        if not (any(re.fullmatch(p, stem) for p in MASDAR_SHAPES)
                or (len(stem) == 3 and self.verb_ok(stem, covered("verb", stem, st)))):
            return False
        if len(stem) == 3 and st.article.get(stem, 0) < 0.3 * st.total.get(stem, 0):
            return False  # a bare فعل stem mostly without the article is the verb (خرج), not its noun
        total = sum(st.total[f] for f in forms)
        if sum(st.article[f] for f in forms) < 0.15 * total:
            return False  # hardly ever a noun phrase of its own: a verb form read as a noun
        if sum(st.total[f] for f in forms if f.endswith(("ين", "ون"))) > 0.5 * total:
            return False  # participants (مسلحين، متظاهرين)
        return not (stem.startswith("م") and st.total.get(stem + "ين", 0) >= st.total.get(stem, 0) > 0)

    def neighbour_keys(self) -> set[str]:
        """Keys (seen NEIGHBOUR_MIN times) whose own PPMI vector is close to
        some trigger row: one sparse product for the whole vocabulary, so
        that only these become lemmas and get the exact lemma similarity."""
        m = self.m
        counts = m.counts.tocsr()
        keys = [k for k, i in sorted(m.vocab.items(), key=lambda p: p[1])]
        rows = counts.tocoo()
        row_tot = np.asarray(counts.sum(axis=1)).ravel()
        with np.errstate(divide="ignore", invalid="ignore"):
            pmi = np.log((rows.data / row_tot[rows.row]) / m.col_p[rows.col])
        keep = pmi > 0
        ppmi = sparse.csr_matrix((pmi[keep], (rows.row[keep], rows.col[keep])), shape=counts.shape)
        norms = np.sqrt(np.asarray(ppmi.multiply(ppmi).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        seeds = np.vstack([v for _, _, v in self.seed_vectors])
        sims = (ppmi @ seeds.T) / norms[:, None]
        best = np.asarray(sims.max(axis=1)).ravel()
        return {keys[i] for i in np.flatnonzero(best >= NEIGHBOUR_SIMILARITY)
                if self.st.total[keys[i]] >= NEIGHBOUR_MIN and not self.junk(keys[i])}

    def prep_fit(self, lemma: Lemma, relation: str) -> float:
        """Share of the lemma's slot fills whose preposition (or direct
        object) is one the relation's trigger rows take."""
        counts: Counter[str] = Counter()
        for key in lemma.forms:
            counts.update(self.st.slot_prep.get(key, {}))
        total = sum(counts.values())
        if not total:
            return 0.0
        allowed = self.relation_preps.get(relation, set())
        return sum(n for p, n in counts.items() if p in allowed) / total

    def score(self) -> list[Lemma]:
        st = self.st
        z = {stem: log_odds(st.gsr[(stem, "yes")], st.gsr[(stem, "no")], st.total) for stem in ("assault", "protest")}
        candidates: set[str] = set()
        for stem in ("assault", "protest"):
            candidates |= {k for k, v in z[stem].items() if v >= self.min_z and st.gsr[(stem, "yes")][k] >= self.min_count}
            candidates |= set(st.gold[stem])
        candidates |= {k for k, v in st.slot.items() if v >= self.min_slot // 2}
        candidates |= self.neighbour_keys()
        candidates = {k for k in candidates if not self.junk(k)}
        out: list[Lemma] = []
        for lemma in self.build_lemmas(candidates):
            new = self.new_forms(lemma)
            if not new:
                continue
            vector = self.m.vector(lemma.forms)
            best: dict[str, tuple[float, str]] = {}
            for rel, label, v in self.seed_vectors:
                sim = float(vector @ v)
                if sim > best.get(rel, (-1.0, ""))[0]:
                    best[rel] = (sim, label)
            f = lemma.forms
            yes = {s: sum(st.gsr[(s, "yes")][k] for k in f) for s in ("assault", "protest")}
            no = {s: sum(st.gsr[(s, "no")][k] for k in f) for s in ("assault", "protest")}
            zs = {s: self.lemma_z(s, f) for s in ("assault", "protest")}
            gold = {s: sum(st.gold[s][k] for k in f) for s in ("assault", "protest")}
            slot = sum(st.slot[k] for k in f)
            from_gsr = {s: (zs[s] >= self.min_z and yes[s] >= self.min_count)
                        or gold[s] >= 2 or (gold[s] >= 1 and zs[s] >= self.min_z)
                        for s in ("assault", "protest")}
            relation, why = "", ""
            if from_gsr["protest"] and (not from_gsr["assault"] or zs["protest"] + gold["protest"] >= zs["assault"] + gold["assault"]):
                relation, why = PROTEST, "protest files"
            elif from_gsr["assault"]:
                relation = max(self.assault_family, key=lambda r: best.get(r, (0.0, ""))[0])
                why = "assault files, nearest ASSAULT/COERCE relation"
                overall = max(best, key=lambda r: best[r][0])
                if overall not in self.assault_family and best[overall][0] >= max(
                        self.min_similarity, best.get(relation, (0.0, ""))[0] + 0.05):
                    relation, why = overall, "assault files, but nearest to another relation's triggers"
            side = "protest" if relation == PROTEST else "assault"
            if relation and not gold[side] and best.get(relation, (0.0, ""))[0] < self.min_similarity / 2:
                relation = ""  # GSR association alone, and nothing like the relation's triggers: a topic word
            if not relation and slot >= self.min_slot:
                # the nearest relation whose prepositions the word's slot fills take
                fitting = sorted(((sim, rel) for rel, (sim, _) in best.items() if self.prep_fit(lemma, rel) >= 0.25),
                                 reverse=True)
                if fitting and fitting[0][0] >= self.min_similarity and (
                        len(fitting) == 1 or fitting[0][0] - fitting[1][0] >= 0.02):
                    relation, why = fitting[0][1], "slot fills, nearest relation with a fitting preposition"
            occurrences = sum(st.total[k] for k in f)
            if not relation and occurrences >= NEIGHBOUR_MIN:
                ranked = sorted(best.items(), key=lambda p: -p[1][0])
                (top, (top_sim, _)), (_, (second_sim, _)) = ranked[0], ranked[1]
                if top_sim >= NEIGHBOUR_SIMILARITY and top_sim - second_sim >= 0.03:
                    relation, why = top, "distributional neighbour of the relation's triggers (relation by similarity only)"
            if not relation:
                continue
            lemma.relation = relation
            lemma.new = new
            lemma.similarity, nearest = best.get(relation, (0.0, ""))
            side = "protest" if relation == PROTEST else "assault"
            if relation == PROTEST or relation in self.assault_family:
                lemma.gsr_z, lemma.gsr_yes, lemma.gsr_no = zs[side], yes[side], no[side]
                lemma.gold = gold[side]
            lemma.slot = slot
            sources = [why]
            if (relation == PROTEST or relation in self.assault_family) and (yes[side] or no[side]):
                sources.append(f"gsr-{side}-dev z={zs[side]:.1f} yes={yes[side]} no={no[side]}")
            if lemma.gold:
                sources.append(f"verb_gold-{side}-dev={lemma.gold}")
            if slot:
                by = ",".join(f"{c}={sum(st.slot_by_corpus[c][k] for k in f)}" for c in ("snn", "anercorp", "gsr")
                              if sum(st.slot_by_corpus[c][k] for k in f))
                sources.append(f"slot={slot} ({by}) prep-fit={self.prep_fit(lemma, relation):.2f}")
            sources.append(f"sim={lemma.similarity:.2f}~{nearest}")
            sources.append(f"corpus={occurrences}")
            lemma.sources = sources
            out.append(lemma)
        return out

    def lemma_z(self, stem: str, forms: set[str]) -> float:
        """Log-odds z of a lemma: its forms counted as one word."""
        st = self.st
        yes, no = st.gsr[(stem, "yes")], st.gsr[(stem, "no")]
        x_yes, x_no = sum(yes[k] for k in forms), sum(no[k] for k in forms)
        x_all = sum(st.total[k] for k in forms)
        merged_yes = Counter({"x": x_yes, "_rest": sum(yes.values()) - x_yes})
        merged_no = Counter({"x": x_no, "_rest": sum(no.values()) - x_no})
        prior = Counter({"x": x_all, "_rest": sum(st.total.values()) - x_all})
        return log_odds(merged_yes, merged_no, prior).get("x", 0.0)


# ---------------------------------------------------------------- output


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
        chosen = [p for p, n in counts.most_common(3) if n >= 0.2 * total]
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
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"# {note}" for note in header_notes]
    lines.append("\t".join(COLUMNS))
    for row in rows:
        lines.append("\t".join(row[c].replace("\t", " ").replace("\n", " ") for c in COLUMNS))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


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


NOTES = [
    "Candidate trigger rows mined by scripts/mine_triggers.py (read its docstring for the method).",
    "Columns 1-8 are those of ontology/triggers.tsv; evidence_count = GSR yes-row hits + verb_gold hits + slot fills.",
    "Sources: OEDA arabic_event_gsr DEV half only (even CSV positions; span records dev by both files),",
    "SaudiNewsNet 2015 (5 zips; never quoted: pointers only), ANERcorp CAMeL train (CC BY-SA 4.0).",
    "sim = cosine of PPMI context vectors to the relation's nearest existing trigger row (or protest seed).",
    "These are suggestions to review by hand, not lexicon rows: check every row before copying it.",
    ]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--snn-articles", type=int, default=None, help="Read only the first N SaudiNewsNet articles.")
    parser.add_argument("--min-count", type=int, default=3, help="Minimum yes-row count for a GSR candidate.")
    parser.add_argument("--min-z", type=float, default=1.8, help="Minimum log-odds z-score for a GSR candidate.")
    parser.add_argument("--min-slot", type=int, default=4, help="Minimum slot fills for a slot-only candidate.")
    parser.add_argument("--min-similarity", type=float, default=0.15,
                        help="Minimum cosine to a relation's nearest trigger row for a slot-only candidate.")
    parser.add_argument("--max-per-relation", type=int, default=25)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)

    started = time.perf_counter()
    docs, spans, counts = load_docs(args.snn_articles)
    print(f"texts: {counts}", file=sys.stderr)
    sents = analyse(docs)
    print(f"analysed {len(sents)} sentences in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    miner = Miner(docs, sents, spans)
    miner.count()
    miner.vectors()
    print(f"counted in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    rows = candidate_rows(miner, args)
    write_tsv(args.out, rows, NOTES)
    print(f"wrote {len(rows)} rows to {args.out} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KgError as exc:
        print(f"mine_triggers: {exc}", file=sys.stderr)
        sys.exit(1)
