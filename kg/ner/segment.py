"""Clitic segmentation for the NER tagger.

Arabic writes conjunctions, some prepositions and the definite article on
the next word: وروسيا is و + روسيا, بالعراق is ب + ال + عراق. Left whole,
every such form is a separate, rarer word for a statistical tagger; split,
the tagger sees the stem it has already learned. Neither spaCy's blank
Arabic tokenizer nor camel-tools' simple_word_tokenize splits them.

Splitting is ambiguous (وليد is a name, not و + ليد; بالغ "adult" is not
ب + ال + غ), so the rule is deterministic and conservative:

* a sequence ending in the article (ال، وال، بال، لل، …) is split when at
  least `article_min` letters remain;
* a sequence of conjunctions/prepositions only (و، ب، ل، وب، …) is split
  when the rest is a word known on its own: it occurs as a whole token in
  the training text (rule ``lexicon``; وقال -> و + قال, but وليد stays whole
  because ليد never occurs alone). Rule ``length`` instead splits whenever
  `min_stem` letters remain; rule ``none`` never splits.

The sequences themselves are data: ontology/ner_proclitics.tsv. Pieces keep
their surface text, so offsets into the word stay exact.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from kg.errors import KgError
from kg.ontology_data import ontology_dir, read_tsv, split_multi
from kg.text import normalize

RULES = ("none", "length", "lexicon")
ARTICLE_NORM = "ال"


@dataclass(frozen=True)
class Proclitic:
    """A proclitic sequence as written, and its pieces."""

    form: str
    pieces: tuple[str, ...]
    article: bool


@lru_cache(maxsize=None)
def load_proclitics() -> tuple[Proclitic, ...]:
    """Sequences of ontology/ner_proclitics.tsv, longest first."""
    path = ontology_dir() / "ner_proclitics.tsv"
    rows: list[Proclitic] = []
    for row in read_tsv(path):
        pieces = tuple(split_multi(row["pieces"]))
        if "".join(pieces) != row["form"]:
            raise KgError(f"{path}: pieces {row['pieces']!r} do not spell {row['form']!r}")
        rows.append(Proclitic(row["form"], pieces, row.get("article", "") == "yes"))
    return tuple(sorted(rows, key=lambda p: len(p.form), reverse=True))


@dataclass(frozen=True)
class Piece:
    """Part of a word: its surface text, its offset in the word, its NORM."""

    text: str
    start: int
    norm: str
    is_stem: bool


@dataclass(frozen=True)
class Segmentation:
    """A word cut into proclitic pieces and one stem piece (always last)."""

    word: str
    pieces: tuple[Piece, ...]

    @property
    def stem_index(self) -> int:
        return len(self.pieces) - 1

    @property
    def stem_start(self) -> int:
        """Characters of the word before the stem (ولبنان -> 1)."""
        return self.pieces[-1].start


@dataclass(frozen=True)
class SegmenterSettings:
    """The segmentation rule; saved beside the model, which was trained on it."""

    rule: str = "lexicon"
    min_stem: int = 3  # letters left after a non-article split (rule "length")
    article_min: int = 3  # letters left after a split that ends with ال
    split_article: bool = True

    def __post_init__(self) -> None:
        if self.rule not in RULES:
            raise ValueError(f"unknown segmentation rule {self.rule!r} (expected one of {', '.join(RULES)})")


def _letters(word: str) -> list[tuple[str, int]]:
    """(matching character, index in `word`) for every character that is not
    a diacritic or tatweel, hamza forms kept (أل is not the article)."""
    out: list[tuple[str, int]] = []
    for index, char in enumerate(word):
        if normalize(char):
            out.append((char, index))
    return out


@dataclass
class Segmenter:
    """Splits words into proclitic pieces and a stem by `settings`.

    `lexicon` holds the normalised words known to stand alone (rule
    ``lexicon``); it comes from the training text and is saved with the model.
    """

    settings: SegmenterSettings = field(default_factory=SegmenterSettings)
    lexicon: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        self._cache: dict[str, Segmentation] = {}
        self._proclitics = load_proclitics()

    def segment(self, word: str) -> Segmentation:
        cached = self._cache.get(word)
        if cached is None:
            cached = self._segment(word)
            if len(self._cache) < 200_000:
                self._cache[word] = cached
        return cached

    def _accepts(self, proclitic: Proclitic, rest: str, rest_letters: int) -> bool:
        if proclitic.article:
            if not self.settings.split_article:
                return False
            return rest_letters >= self.settings.article_min
        if self.settings.rule == "length":
            return rest_letters >= self.settings.min_stem
        return rest_letters >= 2 and normalize(rest) in self.lexicon

    def _segment(self, word: str) -> Segmentation:
        whole = Segmentation(word, (Piece(word, 0, normalize(word), True),))
        if self.settings.rule == "none":
            return whole
        letters = _letters(word)
        skeleton = "".join(char for char, _ in letters)
        for proclitic in self._proclitics:
            if not skeleton.startswith(proclitic.form) or len(skeleton) == len(proclitic.form):
                continue
            if not self.settings.split_article and proclitic.article and proclitic.form != ARTICLE_NORM:
                # keep the article on the stem: split only what stands before it
                continue
            stem_at = letters[len(proclitic.form)][1]
            rest = word[stem_at:]
            if not self._accepts(proclitic, rest, len(skeleton) - len(proclitic.form)):
                continue
            pieces: list[Piece] = []
            letter = 0
            for number, piece in enumerate(proclitic.pieces):
                begin = letters[letter][1]
                letter += len(piece)
                end = letters[letter][1]
                is_article = proclitic.article and number == len(proclitic.pieces) - 1
                pieces.append(Piece(word[begin:end], begin, ARTICLE_NORM if is_article else normalize(piece), False))
            pieces.append(Piece(rest, stem_at, normalize(rest), True))
            return Segmentation(word, tuple(pieces))
        return whole

    # --- persistence (the model directory carries its segmenter)

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        (directory / "segmenter.json").write_text(json.dumps(asdict(self.settings), indent=2) + "\n", encoding="utf-8")
        (directory / "lexicon.txt").write_text("".join(f"{w}\n" for w in sorted(self.lexicon)), encoding="utf-8")

    @classmethod
    def load(cls, directory: Path) -> "Segmenter":
        settings = SegmenterSettings(**json.loads((directory / "segmenter.json").read_text(encoding="utf-8")))
        lexicon_path = directory / "lexicon.txt"
        words = lexicon_path.read_text(encoding="utf-8").split("\n") if lexicon_path.exists() else []
        return cls(settings, frozenset(w for w in words if w))


def build_lexicon(words: Iterable[str], min_count: int = 1) -> frozenset[str]:
    """Normalised forms of the word tokens seen at least `min_count` times."""
    counts: dict[str, int] = {}
    for word in words:
        key = normalize(word)
        if len(key) >= 2 and any(c.isalpha() for c in key):
            counts[key] = counts.get(key, 0) + 1
    return frozenset(w for w, n in counts.items() if n >= min_count)


@dataclass(frozen=True)
class SegmentedSentence:
    """A sentence's words cut into pieces, with the way back to the words."""

    words: tuple[str, ...]
    segmentations: tuple[Segmentation, ...]
    pieces: tuple[Piece, ...]
    word_of_piece: tuple[int, ...]
    stem_of_word: tuple[int, ...]  # piece index of each word's stem

    @classmethod
    def build(cls, words: Iterable[str], segmenter: Segmenter) -> "SegmentedSentence":
        words = tuple(words)
        segmentations = tuple(segmenter.segment(w) for w in words)
        pieces: list[Piece] = []
        word_of_piece: list[int] = []
        stem_of_word: list[int] = []
        for index, segmentation in enumerate(segmentations):
            pieces.extend(segmentation.pieces)
            word_of_piece.extend([index] * len(segmentation.pieces))
            stem_of_word.append(len(pieces) - 1)
        return cls(words, segmentations, tuple(pieces), tuple(word_of_piece), tuple(stem_of_word))

    def piece_span(self, start: int, end: int) -> tuple[int, int]:
        """Pieces of words `start:end` as an entity: from the first word's stem
        (its proclitics stay outside) to the end of the last word."""
        return self.stem_of_word[start], self.stem_of_word[end - 1] + 1

    def word_span(self, start: int, end: int) -> tuple[int, int, int] | None:
        """Words of pieces `start:end`: those whose stem piece lies inside, as
        (first word, end word, offset of the span in the first word); None
        when no stem is inside (a lone clitic)."""
        inside = [w for w in range(self.word_of_piece[start], self.word_of_piece[end - 1] + 1)
                  if start <= self.stem_of_word[w] < end]
        if not inside:
            return None
        first = inside[0]
        offset = 0
        if self.word_of_piece[start] == first:
            offset = self.pieces[start].start
        return first, inside[-1] + 1, offset
