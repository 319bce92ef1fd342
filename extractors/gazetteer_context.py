"""What a whole article says about the states it is about, for the
gazetteer extractor: the first pass counts the states each mention belongs
to and the collective actors named outright; a context-dependent alias
(التحالف، المقاومة) and a group that belongs to a state when no adjective
says which (العشائر) are resolved by it.

Kept apart from the extractor because it is one question (which state is
this article about?) with its own weights, asked from several places.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.extractors.phrases import load_column
from kg.extractors.title_records import HONORIFICS_FILE
from kg.gazetteer import Gazetteer
from kg.gazetteer_generated import qualified_group_id
from kg.lexicon import Lexicon
from kg.model import Mention
from kg.text import ARTICLE, Sentence, Token

FORCE_HEAD = "force_head"
CONTEXT_SHARE = 1 / 3  # a candidate's state must weigh this much of the article's main state
MAIN_COUNTRY_MARGIN = 1.5  # the article's own state outweighs the next one by this much
MAIN_COUNTRY_WEIGHT = 2.0  # ... and is named at least this much (a headline counts double)
HEADLINE_WEIGHT = 2.0
RELATIVE_PRONOUNS = frozenset({"الذي", "التي", "الذين", "اللذين", "اللتين", "اللذان", "اللتان", "اللاتي", "اللواتي"})


@dataclass
class _Context:
    """Which states an article is about and which collective actors it named
    outright: what a context-dependent alias (التحالف، المقاومة) is resolved
    by. Built from the first pass over the article."""

    scores: dict[str, float] = field(default_factory=dict)  # country → weight of its mentions
    named: list[tuple[int, int, str]] = field(default_factory=list)  # (sentence, token, entity) in text order
    # (owner, role) → the sentences that name the office with its owner (الأمين العام للأمم المتحدة)
    titled: dict[tuple[str, str], list[int]] = field(default_factory=dict)

    def share(self, countries: frozenset[str]) -> float:
        """Weight of the best of `countries`, relative to the article's top state."""
        top = max(self.scores.values(), default=0.0)
        if not top:
            return 0.0
        return max((self.scores.get(c, 0.0) for c in countries), default=0.0) / top

    def main_country(self) -> str | None:
        """The state the article is about, when one clearly leads."""
        ranked = sorted(self.scores.items(), key=lambda kv: -kv[1])
        if not ranked or ranked[0][1] < MAIN_COUNTRY_WEIGHT:
            return None
        if len(ranked) > 1 and ranked[0][1] < MAIN_COUNTRY_MARGIN * ranked[1][1]:
            return None
        return ranked[0][0]


class ArticleContextMixin:
    """The gazetteer extractor's use of the article context: counting the
    first pass into it and resolving by it. Mixed into GazetteerExtractor,
    whose `gaz` and `lex` it reads."""

    gaz: Gazetteer
    lex: Lexicon

    def _resolve_context(self, tokens: tuple[Token, ...], start: int, end: int, candidates: tuple[str, ...],
                         context: _Context, where: tuple[int, int]) -> tuple[str, int] | None:
        """(entity, end index) a context-dependent alias stands for here: a
        state adjective right after it chooses (المقاومة اليمنية); a definite
        adjective that is no state's makes it another name (التحالف الشيعي:
        none); else the candidate the article named outright, the last one
        before this point or the first after; else the candidate whose state
        the article is most about, if that state weighs enough in it."""
        if end < len(tokens) and tokens[end].is_word:
            country = self.demonym_at(tokens[end])
            if country:
                chosen = [c for c in candidates
                          if country in self.gaz.countries_of(c) or country == self.gaz.entity(c).link("led_by")]
                return (chosen[0], end + 1) if len(chosen) == 1 else None
            if end - start == 1 and self._names_another(tokens[end]):
                return None
        named = [(s, t, e) for s, t, e in context.named if e in candidates]
        before = [e for s, t, e in named if (s, t) < where]
        if before:
            return before[-1], end
        if named:
            return named[0][2], end
        shares = sorted(((context.share(self.gaz.countries_of(c)), c) for c in candidates), reverse=True)
        if not shares or shares[0][0] < CONTEXT_SHARE:
            return None
        if len(shares) > 1 and shares[1][0] == shares[0][0]:
            return None  # the article is as much about the other candidate's state
        return shares[0][1], end

    def _names_another(self, token: Token) -> bool:
        """A definite adjective right after a one-word context alias makes a
        different name or a different thing (التحالف الشيعي، النظام العام،
        المقاومة الإسلامية), unless it is a force word (الجيش الموالي), a
        relative pronoun (التحالف الذي تقوده السعودية) or a rank that opens
        the next name (المتحدث باسم الجيش الكولونيل …). A conjunction before
        the article (والمقاومة) starts the next phrase instead."""
        if not token.norm.startswith(ARTICLE) or len(token.norm) <= len(ARTICLE) + 1:
            return False
        return not (token.norm in RELATIVE_PRONOUNS or self.lex.is_marker(FORCE_HEAD, token.norm)
                    or load_column(HONORIFICS_FILE, "honorific").match((token,), 0) is not None)

    def _count(self, context: _Context, sentence: Sentence, mention: Mention) -> None:
        """Add a first-pass mention to the article's context."""
        if mention.via == "reference":
            return
        weight = HEADLINE_WEIGHT if sentence.section == "headline" else 1.0
        for country in self.gaz.countries_of(mention.entity_id) | ({mention.role_country} - {""}):
            if country in self.gaz.entities and self.gaz.entity(country).type == "Country":
                context.scores[country] = context.scores.get(country, 0.0) + weight
        context.named.append((sentence.index, mention.first_token, mention.entity_id))

    def _qualified_by_article(self, entity_id: str, context: _Context | None) -> str:
        """A group that belongs to a state even when no adjective says which
        (`qualified_by=article`: العشائر in an Iraq article are Iraqi
        tribes) takes the state the article is about, when one clearly leads."""
        if context is None or self.gaz.entity(entity_id).link("qualified_by") != "article":
            return entity_id
        country = context.main_country()
        qualified = qualified_group_id(entity_id, country) if country else ""
        return qualified if qualified in self.gaz.entities else entity_id
