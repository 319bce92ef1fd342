"""One sentence as the rule extractors see it: tokens, the mentions that
cover them, the date expressions in it, and where its clauses end."""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.dates import DateMention
from kg.lexicon import Lexicon
from kg.model import Article, Mention
from kg.text import Sentence, Token

SENTENCE_PUNCT = frozenset(".!?؟؛:;")
COMMA = frozenset("،,")


@dataclass
class SentenceView:
    """One sentence prepared for argument attachment."""

    article: Article
    sentence: Sentence
    mentions: list[Mention]
    at: dict[int, Mention]  # token index → mention covering it
    dates: list[DateMention]
    lex: Lexicon
    # a mention's token span may be its whole actor phrase (extractors/actor_phrases.py):
    # phrase start → first token of the name itself, where the two differ
    name_start: dict[int, int] = field(default_factory=dict)
    cache: dict[object, object] = field(default_factory=dict)  # per-sentence results computed on demand
    # the actor the previous sentence is about (its first verb's subject), which a
    # sentence that opens with a verb and names no subject goes on about
    previous_subjects: list[Mention] = field(default_factory=list)

    @classmethod
    def build(cls, article: Article, sentence: Sentence, mentions: list[Mention], dates: list[DateMention],
              lex: Lexicon, name_start: dict[int, int] | None = None) -> "SentenceView":
        ordered = sorted(mentions, key=lambda m: m.first_token)
        at = {k: m for m in ordered for k in range(m.first_token, m.last_token)}
        return cls(article, sentence, ordered, at, dates, lex, name_start or {})

    def opens_with_name(self, mention: Mention) -> bool:
        """Does the mention's span begin with the name itself (not with a
        title or honorific before it)?"""
        return self.name_start.get(mention.first_token, mention.first_token) == mention.first_token

    @property
    def tokens(self) -> tuple[Token, ...]:
        return self.sentence.tokens

    def mention_starting(self, i: int) -> Mention | None:
        mention = self.at.get(i)
        return mention if mention is not None and mention.first_token == i else None

    def hard_boundary(self, token: Token) -> bool:
        """Sentence punctuation or a clause-opening word (أن، التي، بعدما …)."""
        return token.text in SENTENCE_PUNCT or (token.is_word and self.lex.is_marker("boundary", token.norm))

    def clause_start(self, i: int) -> int:
        """Index of the first token of the clause that holds token i: just
        after the last boundary before it, or the sentence start."""
        k = i - 1
        while k >= 0 and not self.hard_boundary(self.tokens[k]):
            k -= 1
        return k + 1

    def clause_end(self, start: int) -> int:
        """Index of the first boundary at or after `start`."""
        k = start
        while k < len(self.tokens) and not self.hard_boundary(self.tokens[k]):
            k += 1
        return k

    def in_date(self, token: Token) -> bool:
        return any(d.start <= token.start < d.end for d in self.dates)
