"""Collective actors for the gazetteer extractor: a force head (قوات،
ميليشيات، طيران، القوات الموالية ل… in `markers.tsv`) before an armed group
names that group (طيران التحالف العربي، مسلحين من تنظيم داعش), before a leader or body with forces
of its own (`loyal_to=` in the gazetteer) names those forces (قوات صالح،
القوات الموالية للرئيس هادي), and a context-dependent alias is resolved by
the article.

A module of its own because it is the extractor's most involved reading
(head words, the side after them, titles inside the side) and is changed
independently of plain alias matching.
"""

from __future__ import annotations

from kg.extractors.gazetteer_context import FORCE_HEAD, _Context
from kg.extractors.gazetteer_match import _Match
from kg.gazetteer import Gazetteer
from kg.lexicon import Lexicon
from kg.model import Article
from kg.text import Token, strip_article

MAX_FORCE_HEADS = 3  # القوات والميليشيات الموالية: head words before the named side
PARTITIVE_OF = "من"  # عناصر من الحرس الثوري: the head's side after "of"


class CollectiveActorsMixin:
    """Force head + side, and context-dependent aliases. Mixed into
    GazetteerExtractor, whose `gaz`, `lex` and matching methods it uses."""

    gaz: Gazetteer
    lex: Lexicon

    def _force_heads_end(self, tokens: tuple[Token, ...], i: int) -> int:
        """Index after the force head words starting at i (0 when none):
        قوات، القوات الموالية، الميليشيات المؤيدة. Only the first may carry
        a conjunction (وقوات): القوات والشرطة is two sides, not one."""
        j = i
        while j < len(tokens) and j - i < MAX_FORCE_HEADS and tokens[j].is_word:
            norm = tokens[j].norm
            if (j > i and norm[:1] in ("و", "ف")) or not self.lex.is_marker(FORCE_HEAD, norm):
                break
            j += 1
        return j if j > i else 0

    def _side_after_head(self, token: Token) -> bool:
        """The word after a force head may carry the article or ل (الموالية
        لصالح، للرئيس), not a conjunction (قوات الجيش والشرطة), unless the
        letter is the name's own (وحدات حماية الشعب); and it is no force
        word itself: in يحارب الجيش مقاتلي جماعات the army and the fighters
        are two sides."""
        if self.lex.is_marker(FORCE_HEAD, token.norm):
            return False
        if token.norm[:1] not in ("و", "ف"):
            return True
        return strip_article(token.norm) in self.gaz.aliases

    def _named_force_at(self, tokens: tuple[Token, ...], j: int) -> bool:
        """Does a force word after a head begin the name of an armed group
        (جنود الجيش العراقي، جنديان من الجيش العراقي), rather than stand for a
        second side of its own (يحارب الجيش مقاتلي جماعات)?"""
        alias = self.alias_at(tokens, j)
        return alias is not None and alias.last - j > 1 and self.gaz.entity(alias.entity_id).type == "ArmedGroup"

    def collective_at(self, article: Article, tokens: tuple[Token, ...], i: int, context: _Context | None,
                      bindings: dict[tuple[str, str], str], sentence_index: int) -> tuple[_Match, str] | None:
        """A collective actor at token i, with how it was found: force head +
        armed group or + leader with forces (via "collective"), or a
        context-dependent alias (via "context"). None when the article has
        no context yet (first pass) and the words need it."""
        # the longest run of head words first; a shorter one when the last head
        # word is the side's own (وحدات الجيش العراقي)
        for head_end in range(self._force_heads_end(tokens, i), i, -1):
            side_start = head_end
            if head_end + 1 < len(tokens) and tokens[head_end].norm == PARTITIVE_OF:
                side_start = head_end + 1  # مسلحين من تنظيم داعش، قوات من الجيش: fighters of the group
                inner = self.collective_at(article, tokens, side_start, context, bindings, sentence_index)
                if inner is not None and inner[1] == "collective":
                    return _Match(i, inner[0].last, inner[0].entity_id), "collective"  # جنود من قوات الجيش اليمني
            if side_start < len(tokens) and tokens[side_start].is_word and (
                    self._side_after_head(tokens[side_start]) or self._named_force_at(tokens, side_start)):
                side = self._side_at(article, tokens, side_start, context, bindings, sentence_index)
                if side is not None:
                    return _Match(i, side[1], side[0]), "collective"
        if context is None:
            return None
        hit = self.contextual_at(tokens, i)
        if hit is None:
            return None
        resolved = self._resolve_context(tokens, i, hit[0], hit[1], context, (sentence_index, i))
        return (_Match(i, resolved[1], resolved[0]), "context") if resolved else None

    def _side_at(self, article: Article, tokens: tuple[Token, ...], j: int, context: _Context | None,
                 bindings: dict[tuple[str, str], str], sentence_index: int) -> tuple[str, int] | None:
        """(forces, end index) named by the words at j after a force head:
        an armed group (itself), a leader or body whose forces the gazetteer
        knows (a name, a head-only name such as صالح, or a title resolved to
        its holder), or a context-dependent alias of either."""
        alias = self.alias_at(tokens, j, head_only=True)
        title = self.title_at(tokens, j)
        if title and (alias is None or title[0] > alias.last):
            country_hit = self._country_after(tokens, title[0])
            span_end, country = country_hit if country_hit else (title[0], "")
            person = self._person_after(tokens, span_end)
            if person is not None:
                alias = person
            elif country and not (span_end < len(tokens) and self.lex.is_marker("former", tokens[span_end].norm)):
                holder, _ = self._resolve_title(article, country, title[1], bindings)
                if holder in self.gaz.loyal_forces:
                    return self.gaz.loyal_forces[holder], span_end
        contextual = self.contextual_at(tokens, j, head_only=True)
        resolved = None
        if contextual and (alias is None or contextual[0] >= alias.last):
            if context is None and (alias is None or contextual[0] > alias.last):
                return None  # first pass: the words need the article's context
            if context is not None:
                resolved = self._resolve_context(tokens, j, contextual[0], contextual[1], context, (sentence_index, j))
            if resolved is None and (alias is None or contextual[0] > alias.last):
                return None  # a longer context-dependent name that this article does not resolve
        if resolved is not None:
            entity_id, end = resolved  # قوات الجيش in an Iraq article: the Iraqi Army
        elif alias is not None:
            entity_id, end = alias.entity_id, alias.last
        else:
            return None
        qualified = self._qualified(tokens, _Match(j, end, entity_id))
        if qualified is not None:
            return qualified, end + 1
        if entity_id in self.gaz.loyal_forces:
            return self.gaz.loyal_forces[entity_id], end
        if self.gaz.entity(entity_id).type == "ArmedGroup":
            return entity_id, end
        return None

    @staticmethod
    def _beats(collective: tuple[_Match, str], alias: _Match | None, title: tuple[int, str] | None) -> bool:
        """Does a collective match win over the plain alias and the title at
        the same place? When longer; a context-dependent one also on a tie
        (الجيش in an Iraq article is the Iraqi Army, not generic soldiers),
        unless the plain alias names the same entity (الحكومة العراقية)."""
        match, via = collective
        tie_wins = via == "context" and (alias is None or alias.entity_id != match.entity_id)
        for end in (alias.last if alias else None, title[0] if title else None):
            if end is not None and (match.last < end or (match.last == end and not tie_wins)):
                return False
        return True
