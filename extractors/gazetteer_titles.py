"""Titles for the gazetteer extractor: the longest title at a word, the
state it belongs to (وزير الخارجية التركي، الأمين العام للأمم المتحدة), the
name that may follow it, and its holder (named in the article, else the
office records at the article's date).

Apart from the extractor because titles are a small grammar of their own
(nested titles, gap words, a name after places) that the collective-actor
reading uses too.
"""

from __future__ import annotations

from kg.extractors.gazetteer_context import _Context
from kg.extractors.gazetteer_match import _Match, _match_sequence
from kg.extractors.title_records import TitleKind, load_title_kinds
from kg.gazetteer import Gazetteer
from kg.lexicon import Lexicon
from kg.model import Article, Mention
from kg.text import Sentence, Token, carries_article, clitic_stems

MAX_TITLE_COUNTRY_GAP = 3
MAX_TITLE_NAME_GAP = 4
MAX_PORTFOLIO_WORDS = 2  # لشؤون الطاقة والكهرباء: the words of a portfolio after its opening word
TITLE_CLOSERS = ("complementizer", "boundary", "preposition", "skip", "reporting")  # marker kinds no name starts with
WITH_ARTICLE = "بال"  # the preposition ب and the article on one word


class TitlesMixin:
    """Title lookup and resolution. Mixed into GazetteerExtractor, whose
    `gaz`, `lex` and alias matching it uses."""

    gaz: Gazetteer
    lex: Lexicon

    def title_at(self, tokens: tuple[Token, ...], i: int) -> tuple[int, str] | None:
        """(end index, role) of the longest title starting at token i."""
        best: tuple[int, str] | None = None
        if not tokens[i].is_word:
            return None
        for key in clitic_stems(tokens[i].norm):
            for entry in self.gaz.titles.get(key, ()):
                end = _match_sequence(tokens, i, entry.rest)
                if end is not None and (best is None or end > best[0]):
                    best = (end, entry.role)
        return best

    def _country_after(self, tokens: tuple[Token, ...], j: int) -> tuple[int, str] | None:
        """The state (or organisation) a title belongs to: a demonym, country
        or organisation name right after it, past a nested title or a few
        set words (وزير الخارجية التركي، رئيس جمهورية مصر، للرئيس الروسي،
        الأمين العام للأمم المتحدة)."""
        seen_words = 0
        k = j
        while k < len(tokens) and seen_words < MAX_TITLE_COUNTRY_GAP:
            token = tokens[k]
            if not token.is_word:
                return None
            country = self.demonym_at(token)
            if country:
                return k + 1, country
            match = self.alias_at(tokens, k, {"Country", "Organization"}) or self._group_at(tokens, k)
            if match:
                return match.last, match.entity_id
            # بالرئيس is "with the president": another person, not a title of this one's owner
            nested = None if token.norm.startswith(WITH_ARTICLE) else self.title_at(tokens, k)
            if nested:
                seen_words += nested[0] - k
                k = nested[0]
                continue
            if not self.lex.is_marker("title_gap", token.norm):
                return None
            seen_words += 1
            k += 1
        return None

    def _bare_title(self, tokens: tuple[Token, ...], i: int, end: int, role: str,
                    bindings: dict[tuple[str, str], str], context: _Context | None = None,
                    sentence: int = 0) -> tuple[str | None, float, str]:
        """A definite title with no owner after it (الرئيس، الوزير) is the
        one person the article names with that title and an owner (وأفاد
        المتحدث بأن الرئيس وكيري اتفقا, after «الرئيس المصري عبد الفتاح
        السيسي»), or of several the one named last before it (الأمين العام
        after «الأمين العام للأمم المتحدة», before «الأمين العام لرابطة
        العالم الإسلامي»): (holder, confidence, owner). No holder when the
        article names none, or several none of which came last before it,
        or when a word that may be a name follows (للرئيس كينياتا: another
        president, whom the gazetteer does not know)."""
        if not carries_article(tokens[i].norm) or not self._closes_title(tokens, end):
            return None, 0.0, ""
        named = {(person, owner) for (owner, held), person in bindings.items() if held == role}
        if len(named) > 1 and context is not None:
            last_named = {(person, owner): max((s for s in context.titled.get((owner, role), ()) if s <= sentence), default=-1)
                          for person, owner in named}
            latest = max(last_named.values())
            named = {key for key, at in last_named.items() if at == latest and at >= 0}
        if len(named) != 1:
            return None, 0.0, ""
        person, owner = named.pop()
        return person, 0.8, owner

    def _closes_title(self, tokens: tuple[Token, ...], k: int) -> bool:
        """Does the title end where no name of its own follows: at
        punctuation, a function word (إن، في، على …), or a known name joined
        by و (الرئيس وكيري; ويلفريد is a name, not و + a word)?"""
        if k >= len(tokens) or not tokens[k].is_word:
            return True
        norm = tokens[k].norm
        if norm.startswith("و") and self.alias_at(tokens, k) is not None:
            return True
        return any(self.lex.is_marker(kind, norm) for kind in TITLE_CLOSERS)

    def _group_at(self, tokens: tuple[Token, ...], k: int) -> _Match | None:
        """An armed group outside any state's forces, whose offices are its
        own (زعيم تنظيم داعش، زعيم حركة طالبان); a state's army is not the
        owner of its officers' titles (قائد الجيش التركي: Turkey's)."""
        match = self.alias_at(tokens, k, {"ArmedGroup"})
        if match is None or self.gaz.entity(match.entity_id).link("army_of"):
            return None
        return match

    def _person_after(self, tokens: tuple[Token, ...], j: int) -> _Match | None:
        """A person's name right after a title, allowing punctuation, a few
        function words (إلى، لدى، الخاص) and place names between them."""
        k = j
        skipped = 0
        while k < len(tokens) and skipped <= MAX_TITLE_NAME_GAP:
            token = tokens[k]
            if not token.is_word:
                k += 1
                continue
            # بالرئيس is "with the president": another person, not a title of this one's owner
            nested = None if token.norm.startswith(WITH_ARTICLE) else self.title_at(tokens, k)
            if nested:
                if self._country_after(tokens, nested[0]):
                    return None  # another title with its own state: its name is not ours
                k = nested[0]  # a bare title between (العاهل الأردني الملك عبد الله)
                skipped += 1
                continue
            person = self.alias_at(tokens, k, {"Person"})
            if person:
                if self.gaz.letter_is_proclitic(person.entity_id, token.norm, "و"):
                    return None  # الرئيس وكيري: "the president and Kerry", two people
                return person
            place = self.alias_at(tokens, k, {"Country", "Place"})
            if place:
                k = place.last
                skipped += 1
                continue
            if self.lex.is_marker("title_gap", token.norm):
                k += 1
                skipped += 1
                continue
            if self.lex.is_marker("portfolio", token.norm):
                k = self._past_portfolio(tokens, k + 1)  # لشؤون الطاقة
                skipped += 1
                continue
            return None
        return None

    def _past_portfolio(self, tokens: tuple[Token, ...], k: int) -> int:
        """Index after the words of a portfolio that start at k: up to
        MAX_PORTFOLIO_WORDS, stopping where a person's name begins."""
        end = min(len(tokens), k + MAX_PORTFOLIO_WORDS)
        while k < end and tokens[k].is_word and self.alias_at(tokens, k, {"Person"}) is None:
            k += 1
        return k

    def _former(self, sentence: Sentence, mention: Mention) -> bool:
        """Was the title qualified as former or future (الرئيس الإيراني السابق)?"""
        return any(self.lex.is_marker("former", t.norm) for t in sentence.tokens[mention.first_token:mention.last_token])

    def _resolve_title(self, article: Article, country: str, role: str,
                       bindings: dict[tuple[str, str], str]) -> tuple[str | None, float]:
        """Holder of a title: named elsewhere in the article, else by the
        article's date; never guessed for an undated article. A title that
        takes a portfolio written without one (الوزير الروسي: a minister of
        any portfolio) is the one person the article names in such an office
        of that state (وزير الخارجية الروسي سيرغي لافروف), when there is one."""
        if (country, role) in bindings:
            return bindings[(country, role)], 0.9
        holder = self.gaz.holder(country, role, article.date) if article.date is not None else None
        if holder is not None:
            return holder, 0.85
        if load_title_kinds().get(role, TitleKind()).portfolio:
            named = {bindings[(country, kind)] for kind in self.gaz.role_kinds.get(role, ()) if (country, kind) in bindings}
            if len(named) == 1:
                return named.pop(), 0.85
        return None, 0.0
