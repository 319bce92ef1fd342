"""kg's own word features for the e5 tagger: what already worked in the fast NER.

Per word, as strings (each feature gets its own small embedding table):

    stem     the normalised stem after the clitic segmenter (kg.ner.segment)
    prefix   the proclitics it split off (و+ال, ب, …), or "-"
    suffix   the stem's last two letters
    cls      the stem's name-word class (kg.ner.features: given names,
             Wikidata name words by role and frequency)
    shape    digit / Latin / punctuation / Arabic, and a length bin
    gaz      kg's gazetteer match over the word: B-/I- and the entity type
             (Country, Person, Organization, …), the way the pipeline's own
             gazetteer extractor sees the sentence

A value seen fewer than `min_count` times in training is unknown (index 1;
0 pads), so the tagger learns what to do with words it has never seen.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from kg.ner.features import NameClasses
from kg.ner.segment import SegmentedSentence, Segmenter
from kg.text import Sentence, tokenize

FEATURES = ("stem", "prefix", "suffix", "cls", "shape", "gaz")
PAD, UNKNOWN = 0, 1
VOCAB_FILE = "vocabularies.json"


def _shape(word: str) -> str:
    if any(c.isdigit() for c in word):
        return "digit"
    if not any(c.isalpha() for c in word):
        return "punct"
    if any("a" <= c.lower() <= "z" for c in word):
        return "latin"
    return f"ar{min(len(word), 8)}"


def sentence_of_words(words: Sequence[str]) -> tuple[Sentence, list[int]]:
    """kg's Sentence over the words joined by spaces, and the word of each kg token."""
    text = " ".join(words)
    tokens = tuple(tokenize(text))
    starts, position = [], 0
    for word in words:
        starts.append(position)
        position += len(word) + 1
    owner: list[int] = []
    w = 0
    for token in tokens:
        while w + 1 < len(starts) and starts[w + 1] <= token.start:
            w += 1
        owner.append(w)
    return Sentence(0, 0, len(text), text, tokens, "body"), owner


class GazetteerTags:
    """B-/I-type tags of kg's gazetteer extractor over a sentence's words."""

    def __init__(self) -> None:
        from kg.extractors.gazetteer import GazetteerExtractor
        from kg.model import Article

        self._matcher = GazetteerExtractor()
        self._article = Article
        self._cache: dict[tuple[str, ...], list[str]] = {}

    def __call__(self, words: Sequence[str], sentence: Sentence | None = None, owner: list[int] | None = None) -> list[str]:
        key = tuple(words)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        if sentence is None or owner is None:
            sentence, owner = sentence_of_words(words)
        article = self._article("ner", sentence.text, "", 0, None, "none")
        tags = ["O"] * len(words)
        for mention in self._matcher(article, [sentence]):
            if mention.last_token <= mention.first_token:
                continue
            first, last = owner[mention.first_token], owner[mention.last_token - 1]
            if any(tags[w] != "O" for w in range(first, last + 1)):
                continue
            tags[first] = f"B-{mention.type}"
            for w in range(first + 1, last + 1):
                tags[w] = f"I-{mention.type}"
        if len(self._cache) < 50_000:
            self._cache[key] = tags
        return tags


@dataclass
class LexicalFeaturizer:
    """Strings of FEATURES for each word of a sentence."""

    segmenter: Segmenter
    classes: NameClasses
    gazetteer: GazetteerTags | None = None

    def strings(self, words: Sequence[str]) -> dict[str, list[str]]:
        segmented = SegmentedSentence.build(words, self.segmenter)
        out: dict[str, list[str]] = {name: [] for name in FEATURES}
        for word, segmentation in zip(words, segmented.segmentations):
            stem = segmentation.pieces[-1].norm or word
            out["stem"].append(stem)
            out["prefix"].append("+".join(p.norm for p in segmentation.pieces[:-1]) or "-")
            out["suffix"].append(stem[-2:])
            out["cls"].append(self.classes.of(stem) or "-")
            out["shape"].append(_shape(word))
        out["gaz"] = self.gazetteer(words) if self.gazetteer is not None else ["O"] * len(words)
        return out


@dataclass
class Vocabularies:
    """Feature value → index, per feature (0 pads, 1 is unknown)."""

    tables: dict[str, dict[str, int]] = field(default_factory=dict)

    @classmethod
    def build(cls, sentences: Sequence[dict[str, list[str]]], min_count: dict[str, int]) -> "Vocabularies":
        tables: dict[str, dict[str, int]] = {}
        for name in FEATURES:
            counts: dict[str, int] = {}
            for features in sentences:
                for value in features[name]:
                    counts[value] = counts.get(value, 0) + 1
            kept = sorted(v for v, n in counts.items() if n >= min_count.get(name, 1))
            tables[name] = {value: index + 2 for index, value in enumerate(kept)}
        return cls(tables)

    def size(self, name: str) -> int:
        return len(self.tables[name]) + 2

    def indices(self, features: dict[str, list[str]]) -> dict[str, list[int]]:
        return {name: [self.tables[name].get(v, UNKNOWN) for v in features[name]] for name in FEATURES}

    def save(self, directory: Path) -> None:
        (Path(directory) / VOCAB_FILE).write_text(
            json.dumps({n: sorted(t, key=t.get) for n, t in self.tables.items()}, ensure_ascii=False) + "\n",
            encoding="utf-8")

    @classmethod
    def load(cls, directory: Path) -> "Vocabularies":
        lists = json.loads((Path(directory) / VOCAB_FILE).read_text(encoding="utf-8"))
        return cls({name: {v: i + 2 for i, v in enumerate(values)} for name, values in lists.items()})
