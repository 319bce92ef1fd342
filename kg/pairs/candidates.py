"""Which pairs of mentions the relation classifier is asked about.

A candidate is two mentions of one sentence that can take part in a
relation: actors (states, people, organisations, armed groups, groups) and
places. A state adjective that only describes (السوق الصينية) is no
candidate; the gazetteer marks it by leaving its actor empty. Pairs far
apart rarely stand in a relation the sentence states, and pairs naming the
same actor twice never do.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from kg.model import Mention
from kg.relations import ACTOR_TYPES

MAX_TOKENS_BETWEEN = 25


@dataclass(frozen=True)
class PairCandidate:
    """Two mentions of one sentence, `first` before `second` in the text."""

    first: Mention
    second: Mention


def takes_part(mention: Mention) -> bool:
    """Can the mention be a side of a relation?"""
    if mention.type == "Place":
        return True
    return bool(mention.actor_id) and (mention.type in ACTOR_TYPES or mention.actor_id != mention.entity_id)


def candidate_pairs(mentions: Iterable[Mention]) -> list[PairCandidate]:
    """Every pair of candidate mentions of one sentence, in text order, at
    most MAX_TOKENS_BETWEEN tokens apart, not overlapping and not the same
    actor."""
    ordered = sorted((m for m in mentions if takes_part(m)), key=lambda m: (m.first_token, m.last_token))
    pairs = []
    for i, first in enumerate(ordered):
        for second in ordered[i + 1:]:
            if second.first_token - first.last_token > MAX_TOKENS_BETWEEN:
                break
            if second.first_token < first.last_token:
                continue
            if (first.actor_id or first.entity_id) == (second.actor_id or second.entity_id):
                continue
            pairs.append(PairCandidate(first, second))
    return pairs
