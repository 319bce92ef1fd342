"""The gazetteer extractor's matching primitives: a matched span and the
walk over an alias's inner words.

They live apart from the extractor because every part of it (plain aliases,
collective actors, titles, back-references) matches the same way, and the
parts are modules of their own.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.text import Token


@dataclass(frozen=True)
class _Match:
    first: int
    last: int  # exclusive token index
    entity_id: str


QUOTES = frozenset('"«»“”\'')
INNER_PUNCTUATION = QUOTES | frozenset("()+")  # مجموعة (5+1)


def _next_norm(tokens: tuple[Token, ...], start: int) -> str | None:
    """Matching form of the word `_match_sequence` would compare with an
    alias's second word (None at the end of the sentence)."""
    position = start + 1
    while position < len(tokens) and tokens[position].text in INNER_PUNCTUATION:
        position += 1
    return tokens[position].norm if position < len(tokens) else None


def _match_sequence(tokens: tuple[Token, ...], start: int, rest: tuple[str, ...]) -> int | None:
    """Index after the alias if the words after `start` are `rest`, else None.
    Inner words must follow each other; only quotation marks, brackets and
    a plus sign may stand between them (نظام "بشار الأسد"، مجموعة (5+1))."""
    position = start + 1
    for word in rest:
        while position < len(tokens) and tokens[position].text in INNER_PUNCTUATION:
            position += 1
        if position >= len(tokens) or tokens[position].norm != word:
            return None
        position += 1
    return position
