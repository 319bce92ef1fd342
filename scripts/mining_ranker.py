"""Ranking for mine_triggers.py (module docstring, steps 3-5): candidate keys,
the greedy lemma cover, the relation of each lemma and the junk filter.

Apart because it is the one part that decides; it reads the counts and
writes Lemma records for the output.
"""

from __future__ import annotations

import re
from collections import Counter

import numpy as np
from scipy import sparse

from kg.lexicon import PAST_SUFFIXES, PRESENT_PREFIXES, inflect_verb, match_keys
from kg.oeda import FUNCTION_WORDS
from kg.ontology_data import ontology_dir, read_tsv
from kg.relations import load_relations
from kg.text import normalize, strip_article
from mining_counts import MIN_KEY_LETTERS, Miner
from mining_lemmas import Lemma, covered, lemma_hypotheses, noun_like, present_of
from mining_scoring import PROTEST, default_preps, log_odds, relation_preps, seed_rows

STOP_TOP = 150  # the most frequent keys are function words whatever they are
NEIGHBOUR_MIN = 20  # occurrences for a lemma found by similarity alone
NEIGHBOUR_SIMILARITY = 0.27  # its cosine to the nearest trigger row
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
