"""Word lists of `ontology/` matched on the tokens of a sentence.

The static relations read small closed lists (honorifics between a title and
a name, place classifiers, compass words); each entry may have several words.
Matching is on normalised text, with proclitics allowed on the first word
(والشيخ، بمدينة، لناحية) the way gazetteer aliases match, so one row covers
the forms a news text writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from kg.ontology_data import ontology_dir, read_tsv
from kg.text import Token, alias_key, clitic_stems, normalize, tokenize


@dataclass(frozen=True)
class PhraseList:
    """Phrases indexed by the matching key of their first word."""

    index: dict[str, tuple[tuple[str, ...], ...]]  # first-word key → rest of each phrase

    @classmethod
    def of(cls, phrases: Iterable[str]) -> "PhraseList":
        index: dict[str, list[tuple[str, ...]]] = {}
        for phrase in phrases:
            words = [t.norm for t in tokenize(phrase) if t.is_word]
            if words:
                index.setdefault(alias_key(words[0]), []).append(tuple(words[1:]))
        return cls({key: tuple(sorted(set(rests), key=len, reverse=True)) for key, rests in index.items()})

    def match(self, tokens: tuple[Token, ...], k: int, conjunction: bool = True) -> int | None:
        """Index after the longest phrase starting at token k, or None.
        With `conjunction` false, a first word joined by و or ف (وجنوب)
        does not match: it coordinates rather than continues."""
        if k >= len(tokens) or not tokens[k].is_word:
            return None
        norm = tokens[k].norm
        if not conjunction and norm[:1] in ("و", "ف") and alias_key(norm) not in self.index:
            return None
        best: int | None = None
        for key in clitic_stems(tokens[k].norm):
            for rest in self.index.get(key, ()):
                end = k + 1 + len(rest)
                if end <= len(tokens) and all(tokens[k + 1 + n].norm == word for n, word in enumerate(rest)):
                    if best is None or end > best:
                        best = end
        return best


@lru_cache(maxsize=None)
def load_column(filename: str, column: str, kind: str = "") -> PhraseList:
    """The phrases of one column of an ontology TSV file (only the rows of
    `kind` when the file has a `kind` column)."""
    rows = read_tsv(ontology_dir() / filename)
    return PhraseList.of(row[column] for row in rows if not kind or row.get("kind") == kind)


@lru_cache(maxsize=None)
def load_mapping(filename: str, key_column: str, value_column: str) -> dict[str, str]:
    """A two-column word → value table, keyed by the word's matching key."""
    return {alias_key(normalize(row[key_column])): row[value_column]
            for row in read_tsv(ontology_dir() / filename) if row.get(key_column)}
