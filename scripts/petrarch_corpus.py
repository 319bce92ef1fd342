"""The news text import_petrarch_verbs.py counts lemma use in: ANERcorp's
CAMeL train split, NewsFANE's sentences that are not ANERcorp train
sentences, and OEDA's development rows (never SaudiNewsNet), and the count
of sentences a verb's forms (and an object word after it) occur in.

Apart because it is the only part that reads corpora, and tests replace it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from kg.errors import KgError
from kg.lexicon import match_keys_with_prefix
from kg.text import normalize, split_sentences, tokenize

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
ANER_TRAIN = SHARED / "anercorp-camel-splits" / "ANERCorp_CamelLab_train.txt"
NEWSFANE = SHARED / "newsfane-gold" / "NewsFANE_Gold_2014_170K.txt"
OEDA_DIR = SHARED / "arabic-event-gsr"
REQUIRES_WINDOW = 3  # as extractors/rules.py: the object word within three words after the verb
NOUN_PROCLITIC_LETTERS = "بك"  # after these (or the article) the matcher reads a noun only


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
