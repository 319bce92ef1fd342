"""What every part of argument attachment shares: the record it returns
(Arguments) and the word classes it asks about (skip, reporting,
preposition, conjunction, auxiliary, particle; is a mention an actor).

A module of its own so that the parts (coordination, subjects, objects,
verbal nouns) can each live apart and still ask the same questions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.extractors.attachment_coordination import CONJUNCTION, OR_CONJUNCTION
from kg.extractors.sentence_view import SentenceView
from kg.lexicon import Lexicon
from kg.model import Mention
from kg.relations import ACTOR_TYPES
from kg.text import Token


@dataclass
class Arguments:
    """What argument attachment found for one trigger."""

    subjects: list[Mention] = field(default_factory=list)
    objects: list[Mention] = field(default_factory=list)
    between: bool = False  # the objects are the two sides of بين … و …
    lifted: bool = False  # the subject speaks for its state (a ministry)
    confidence_factor: float = 1.0


def past_subject(i: int, subjects: list[Mention]) -> int:
    """The index from which to read on after the trigger at i: its last
    token, or the last of a subject that follows it (VSO), so that a search
    for what the verb is about counts its words from there."""
    return max([i] + [s.last_token - 1 for s in subjects if s.first_token > i])


class WordClassesMixin:
    """Word-class tests of ArgumentFinder, which sets `lex` and `particles`."""

    lex: Lexicon
    particles: frozenset[str]

    def _is_skip(self, token: Token, ctx: SentenceView) -> bool:
        return self.lex.is_marker("skip", token.norm) or ctx.in_date(token)

    def _is_reporting(self, token: Token) -> bool:
        """A reporting verb: its subject speaks, it does not act in what is reported."""
        return token.is_word and self.lex.is_marker("reporting", token.norm)

    def _is_preposition(self, token: Token) -> bool:
        """A standalone preposition (في، من، مع …), also after و/ف."""
        return token.is_word and self.lex.is_marker("preposition", token.norm)

    def _and_preposition(self, token: Token) -> bool:
        """و + preposition, as in من روسيا ومن تركيا."""
        return token.norm.startswith(CONJUNCTION) and self.lex.is_marker("preposition", token.norm[len(CONJUNCTION):])

    def _is_conjunction(self, token: Token) -> bool:
        """و, or أو standing alone (الإرهابيين أو إيران: two objects, not a subject and an object)."""
        return token.norm in (CONJUNCTION, OR_CONJUNCTION)

    def _is_auxiliary(self, token: Token) -> bool:
        """كان and its kin (وكان، كانت، ظل …) before a subject and its verb."""
        return token.is_word and self.lex.is_marker("auxiliary", token.norm)

    def _is_particle(self, token: Token) -> bool:
        """A particle, bare or after the conjunctions و/ف (ولم، فلا)."""
        norm = token.norm
        return norm in self.particles or (norm[:1] in ("و", "ف") and norm[1:] in self.particles)

    def marked_verb_before(self, ctx: SentenceView, p: int, kind: str) -> tuple[int, Mention | None] | None:
        """The verb of marker `kind` right before token p, with the subject
        that may stand between them (VSO: وتمكن الجيش العراقي من …، يحظى
        المؤتمر بتأييد …): (its index, that subject or None), or None."""
        k = p - 1
        between = ctx.at.get(k)
        if between is not None:
            k = between.first_token - 1
        if k < 0 or not self.lex.is_marker(kind, ctx.tokens[k].norm):
            return None
        return k, between

    def is_actor(self, mention: Mention) -> bool:
        return bool(mention.actor_id) and (mention.type in ACTOR_TYPES or mention.actor_id != mention.entity_id)
