"""Counting for mine_triggers.py (module docstring, steps 1-2): word keys
(proclitic stripping), per-key statistics (GSR yes/no, verb_gold, trigger-slot
fills and their prepositions, surfaces, examples) and the PPMI
distributional vectors.

Apart because it is one pass over the analysed sentences; ranking and output
only read what it counted.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from kg.gazetteer import load_gazetteer
from kg.lexicon import load_lexicon
from kg.ontology_data import load_clitics
from kg.text import carries_article, normalize, strip_article, tokenize
from mining_corpus import Doc, Sent

ACTOR_TYPES = frozenset({"Country", "Person", "Organization", "ArmedGroup", "Group"})
MAX_SLOT_GAP = 5  # words between the slot (or the first mention, VSO) and the second mention
MAX_SKIPS = 2  # particles skipped between the first mention and the slot word (SVO)
WINDOW = 2  # context window for the distributional vectors
FEATURES = 6000  # most frequent keys used as context features
MIN_KEY_LETTERS = 3
STRIP_RATIO = 0.2
PUNCT_BOUNDARY = frozenset("،,.:;؛!?؟()[]{}-–—")


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

