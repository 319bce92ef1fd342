"""Entity mentions from the gazetteer: aliases, demonyms, titles and
counterparts, matched through clitics.

Longest match wins at each position, so وزارة الخارجية الروسية is the
ministry and not Russia, and قوات النظام السوري is the army and not the
government. A title is resolved to its holder at the article's date
(الرئيس التركي in 2020 → Erdogan) unless a name follows it, in which case the
name is the mention and the title gives its role.

Collective actors: a force head (قوات، ميليشيات، طيران، المتمردين، القوات
الموالية ل… in `markers.tsv`) before an armed group names that group (طيران
التحالف العربي، المتمردين الحوثيين), and before a leader or body with forces
of its own (`loyal_to=` in the gazetteer) names those forces (قوات صالح،
القوات الموالية للرئيس هادي). A context-dependent alias (`~التحالف`) is
resolved by the article: a state adjective after it, else the candidate the
article named outright, else the candidate whose state the article is about.

The parts live in modules of their own and are mixed into
GazetteerExtractor: matching primitives (extractors/gazetteer_match.py),
the article context (gazetteer_context.py), collective actors
(collective_actors.py), titles (gazetteer_titles.py) and back-references
(back_references.py). Their names are re-exported here.
"""

from __future__ import annotations

from dataclasses import replace

from kg.extractors.back_references import PAIR_KIND, REFERENCE_SENTENCES, BackReferencesMixin, _ArticleState
from kg.extractors.collective_actors import MAX_FORCE_HEADS, CollectiveActorsMixin
from kg.extractors.gazetteer_context import (
    CONTEXT_SHARE,
    FORCE_HEAD,
    HEADLINE_WEIGHT,
    MAIN_COUNTRY_MARGIN,
    MAIN_COUNTRY_WEIGHT,
    RELATIVE_PRONOUNS,
    ArticleContextMixin,
    _Context,
)
from kg.extractors.gazetteer_match import INNER_PUNCTUATION, QUOTES, _Match, _match_sequence, _next_norm
from kg.extractors.gazetteer_titles import MAX_TITLE_COUNTRY_GAP, MAX_TITLE_NAME_GAP, TitlesMixin
from kg.gazetteer import Gazetteer, load_gazetteer
from kg.gazetteer_generated import qualified_group_id
from kg.lexicon import Lexicon, load_lexicon, match_keys
from kg.model import Article, Mention
from kg.registry import entity_extractors
from kg.text import ARTICLE, Sentence, Token, alias_key, carries_article, clitic_stems, normalize, strip_article

__all__ = [
    "CONTEXT_SHARE", "FORCE_HEAD", "HEADLINE_WEIGHT", "INNER_PUNCTUATION", "MAIN_COUNTRY_MARGIN", "MAIN_COUNTRY_WEIGHT",
    "MAX_FORCE_HEADS", "MAX_TITLE_COUNTRY_GAP", "MAX_TITLE_NAME_GAP", "NAME", "PAIR_KIND", "QUOTES",
    "REFERENCE_SENTENCES", "RELATIVE_PRONOUNS", "GazetteerExtractor", "make_gazetteer_extractor",
]

NAME = "gazetteer"


class GazetteerExtractor(CollectiveActorsMixin, ArticleContextMixin, TitlesMixin, BackReferencesMixin):
    """Finds known entities; see the module docstring."""

    name = NAME

    def __init__(self, gazetteer: Gazetteer | None = None, lexicon: Lexicon | None = None) -> None:
        self.gaz = gazetteer or load_gazetteer()
        self.lex = lexicon or load_lexicon()
        self._armies: dict[str, str] = {}
        for entity in self.gaz.entities.values():  # a state's first army_of row is its army (police come later)
            if entity.link("army_of"):
                self._armies.setdefault(entity.link("army_of"), entity.id)
        self._pair_kinds = sorted(kind[len(PAIR_KIND):] for kind in self.lex.markers if kind.startswith(PAIR_KIND))
        self._back_heads = {strip_article(w) for w in self.lex.markers.get("back_reference", ())}
        self._group_words = {strip_article(w) for w in self.lex.markers.get("group_reference", ())}
        self._reference_keys = self._back_heads | {
            strip_article(w) for kind in self._pair_kinds for w in self.lex.markers.get(PAIR_KIND + kind, ())}
        self._inert_words: dict[str, bool] = {}  # `_inert`'s answers

    def _inert(self, norm: str) -> bool:
        """Can a word with this matching form start nothing `_sentence_mentions`
        looks for: no alias (plain or context-dependent), title, force head,
        counterpart, back-reference or demonym? Each of those tests reads the
        word alone, and for such a word all fail and the word is passed over,
        so the answer is kept per word form (most words are such words, and
        each is met in both passes over every article). Bounded like the
        segmenter's cache: beyond it, words are tested each time."""
        answer = self._inert_words.get(norm)
        if answer is None:
            stems = clitic_stems(norm)
            gaz = self.gaz
            answer = (not any(gaz.starts_alias(key) or gaz.titles.get(key) or gaz.demonyms.get(key) for key in stems)
                      and self._reference_keys.isdisjoint(stems)
                      and gaz.counterpart_keys.isdisjoint(match_keys(norm))
                      and not self.lex.is_marker(FORCE_HEAD, norm))
            if len(self._inert_words) < 200_000:
                self._inert_words[norm] = answer
        return answer

    def alias_at(self, tokens: tuple[Token, ...], i: int, types: set[str] | None = None,
                 head_only: bool = False) -> _Match | None:
        """Longest alias starting at token i (clitics allowed on its first word).
        Context-dependent aliases are never matched here; head-only ones only
        when asked (after a force head)."""
        best: _Match | None = None
        token = tokens[i]
        if not token.is_word:
            return None
        keys = [key for key in clitic_stems(token.norm) if self.gaz.starts_alias(key)]
        if not keys:
            return None  # most words start no alias: skip the look at the next word
        following = _next_norm(tokens, i)
        for key in keys:
            for entry in self.gaz.entries_before(key, following):
                if entry.contextual or (entry.head_only and not head_only):
                    continue
                if types and self.gaz.entity(entry.entity_id).type not in types:
                    continue
                if entry.needs_article and not carries_article(token.norm):
                    continue
                end = _match_sequence(tokens, i, entry.rest)
                if end is not None and (best is None or end > best.last):
                    best = _Match(i, end, entry.entity_id)
        return best

    def contextual_at(self, tokens: tuple[Token, ...], i: int, head_only: bool = False) -> tuple[int, tuple[str, ...]] | None:
        """(end index, candidate entities) of the longest context-dependent
        alias starting at token i."""
        token = tokens[i]
        if not token.is_word:
            return None
        keys = [key for key in clitic_stems(token.norm) if self.gaz.starts_alias(key)]
        if not keys:
            return None
        best_end, candidates = 0, []
        following = _next_norm(tokens, i)
        for key in keys:
            for entry in self.gaz.entries_before(key, following):
                if not entry.contextual or (entry.head_only and not head_only):
                    continue
                if entry.needs_article and not carries_article(token.norm):
                    continue
                end = _match_sequence(tokens, i, entry.rest)
                if end is None or end < best_end:
                    continue
                if end > best_end:
                    best_end, candidates = end, []
                if entry.entity_id not in candidates:
                    candidates.append(entry.entity_id)
        return (best_end, tuple(candidates)) if candidates else None

    def demonym_at(self, token: Token) -> str | None:
        if not token.is_word:
            return None
        for key in clitic_stems(token.norm):
            country = self.gaz.demonyms.get(key)
            if country:
                return country
        return None

    def _mention(self, article: Article, sentence: Sentence, first: int, last: int, entity_id: str, via: str,
                 confidence: float, role: str = "", role_country: str = "") -> Mention:
        tokens = sentence.tokens
        entity = self.gaz.entity(entity_id)
        actor = entity.link("capital_of") or entity_id
        start, end = tokens[first].start, tokens[last - 1].end
        return Mention(
            sentence=sentence.index, start=start, end=end, first_token=first, last_token=last,
            text=article.text[start:end], entity_id=entity_id, actor_id=actor, type=entity.type,
            via=via, extractor=NAME, confidence=confidence, role=role, role_country=role_country,
        )

    def __call__(self, article: Article, sentences: list[Sentence]) -> list[Mention]:
        # First pass: titles followed by a name (وزير الخارجية التركي مولود
        # جاويش أوغلو) say who holds the office in this article, which beats
        # a lookup by date (and is all we have when the article is undated).
        # The first pass also says which states the article is about and
        # which collective actors it names outright, for the aliases that
        # need the article's context (التحالف، المقاومة).
        bindings: dict[tuple[str, str], str] = {}
        first_pass = _ArticleState()
        context = _Context()
        for sentence in sentences:
            for mention in self._sentence_mentions(article, sentence, {}, first_pass):
                if mention.via in ("title+name", "title") and mention.role_country and not self._former(sentence, mention):
                    bindings.setdefault((mention.role_country, mention.role), mention.entity_id)
                    context.titled.setdefault((mention.role_country, mention.role), []).append(sentence.index)
                self._count(context, sentence, mention)
        mentions: list[Mention] = []
        state = _ArticleState()
        for sentence in sentences:
            mentions.extend(self._sentence_mentions(article, sentence, bindings, state, context))
        return mentions

    def _sentence_mentions(self, article: Article, sentence: Sentence, bindings: dict[tuple[str, str], str],
                           state: _ArticleState, context: _Context | None = None) -> list[Mention]:
        tokens = sentence.tokens
        found: list[Mention] = []
        i = 0
        while i < len(tokens):
            token = tokens[i]
            if not token.is_word or self._inert(token.norm):
                i += 1
                continue
            alias = self.alias_at(tokens, i)
            title = self.title_at(tokens, i)
            collective = self.collective_at(article, tokens, i, context, bindings, sentence.index)
            if collective and self._beats(collective, alias, title):
                match, via = collective
                entity_id = self._qualified_by_article(match.entity_id, context) if via == "collective" else match.entity_id
                found.append(self._mention(article, sentence, i, match.last, entity_id, via, 0.9 if via == "collective" else 0.8))
                i = match.last
                continue
            if title and (alias is None or title[0] >= alias.last):
                title_end, role = title
                country_hit = self._country_after(tokens, title_end)
                span_end, country = country_hit if country_hit else (title_end, "")
                person = self._person_after(tokens, span_end)
                if person and country and not self.gaz.may_hold_office_in(person.entity_id, country):
                    person = None  # the records put this person in another state's offices
                if person:
                    found.append(self._mention(article, sentence, i, person.last, person.entity_id, "title+name", 0.95, role, country))
                    state.last_role = role
                    i = person.last
                    continue
                former = span_end < len(tokens) and self.lex.is_marker("former", tokens[span_end].norm)
                if former:
                    holder, confidence = None, 0.0
                elif country:
                    holder, confidence = self._resolve_title(article, country, role, bindings)
                else:
                    holder, confidence, country = self._bare_title(tokens, i, title_end, role, bindings,
                                                                   context, sentence.index)
                if holder and holder in self.gaz.entities:
                    found.append(self._mention(article, sentence, i, span_end, holder, "title", confidence, role, country))
                    state.last_role = role
                    i = span_end
                    continue
                owner_title = self.title_at(tokens, title_end) if title_end < len(tokens) else None
                if alias is None and (title_end - i > 1 or owner_title):
                    # the words of an unresolved title hold no other title
                    # (in نائب وزير الخارجية الروسي, وزير الخارجية is not
                    # the minister), nor does the title of its owner right
                    # after it (الممثل الخاص للأمين العام: the envoy is on
                    # stage, not the secretary-general); a name or
                    # back-reference inside it still counts
                    end = owner_title[0] if owner_title else title_end
                    i += 1
                    while i < end and self.alias_at(tokens, i) is None and not self._refers(tokens[i]):
                        i += 1
                    continue
            if alias and not self._adjective_not_name(token, alias):
                qualified = self._qualified(tokens, alias)
                if qualified is not None:
                    found.append(self._mention(article, sentence, i, alias.last + 1, qualified, "alias+demonym", 0.85))
                    i = alias.last + 1
                    continue
                reference = (self._group_reference(article, sentence, i, alias.last, state, found)
                             or self._generic_reference(article, sentence, i, alias, state, found))
                if reference is not None:
                    found.append(reference)
                    i = alias.last
                    continue
                found.append(self._mention(article, sentence, i, alias.last, self._qualified_by_article(alias.entity_id, context),
                                           "alias", 0.95))
                i = alias.last
                continue
            if not self.gaz.counterpart_keys.isdisjoint(match_keys(token.norm)):
                country = self.demonym_at(tokens[i + 1]) if i + 1 < len(tokens) else None
                named = self._person_after(tokens, i + 2) if country else None
                if named and self.gaz.may_hold_office_in(named.entity_id, country):
                    # نظيره المصري سامح شكري: the name says who
                    found.append(self._mention(article, sentence, i, named.last, named.entity_id, "counterpart+name", 0.9,
                                               state.last_role, country))
                    i = named.last
                    continue
                if country and state.last_role:
                    holder, confidence = self._resolve_title(article, country, state.last_role, bindings)
                    if holder and holder in self.gaz.entities:
                        found.append(self._mention(article, sentence, i, i + 2, holder, "counterpart", confidence * 0.9, state.last_role, country))
                        i += 2
                        continue
            reference = self._reference(article, sentence, i, state, found) if self._refers(token) else None
            if reference is not None:
                found.append(reference)
                i += 1
                continue
            country = self.demonym_at(token)
            if country and country in self.gaz.entities:
                mention = self._mention(article, sentence, i, i + 1, country, "demonym", 0.8)
                if not self._demonym_is_actor(tokens, i):
                    mention = replace(mention, actor_id="")
                    if i > 0 and self.lex.is_marker("people_head", tokens[i - 1].norm):
                        state.peoples.add((sentence.index, i))  # الشعب الفلسطيني: a side a dual may stand for
                found.append(mention)
            i += 1
        state.remember(tokens, self._sides(tokens, found))
        return found

    def _qualified(self, tokens: tuple[Token, ...], alias: _Match) -> str | None:
        """A generic noun that a state adjective makes specific, per the
        entity's `qualified_by` link: soldiers become the state's army (جنود
        أتراك, الجيش التركي when not listed), a group of people that state's
        group (المتظاهرين العراقيين → Iraqi protesters). An army named
        without its state (`army_of`) belongs to another state's adjective."""
        entity = self.gaz.entity(alias.entity_id)
        kind = entity.link("qualified_by")
        home = entity.link("army_of")
        if not (kind or home) or alias.last >= len(tokens):
            return None
        country = self.demonym_at(tokens[alias.last])
        if not country:
            return None
        if not kind:
            # جيش النظام is Syria's army by default, but in جيش النظام العراقي the
            # adjective names another state: that state's army, or the state
            # (an adjective in ـي/ـية: the plural الأكراد after it is an object, not an adjective)
            adjective = tokens[alias.last].norm.endswith(("ي", "يه"))
            return None if country == home or not adjective else self._armies.get(country, country)
        if kind == "army":
            return self._armies.get(country)
        qualified = qualified_group_id(alias.entity_id, country)
        return qualified if qualified in self.gaz.entities else None

    def _adjective_not_name(self, token: Token, alias: _Match) -> bool:
        """السورية after إدلب is the adjective, though سورية is also a name of
        Syria: a one-word country alias written with the article, where the
        country's name has none, is read as the adjective."""
        if alias.last - alias.first != 1 or self.demonym_at(token) != alias.entity_id:
            return False
        if not carries_article(token.norm):
            return False
        names = {normalize(a) for a in self.gaz.entity(alias.entity_id).aliases_ar}
        return not any(name.startswith(ARTICLE) and alias_key(name) in clitic_stems(token.norm) for name in names)

    def _demonym_is_actor(self, tokens: tuple[Token, ...], i: int) -> bool:
        """A state adjective stands for its state only as a people (الأتراك،
        روس) or after an actor noun (الوفد الروسي، القوات التركية); in السوق
        الصينية it only describes."""
        k = i - 1
        while k >= 0 and tokens[k].is_word and self.demonym_at(tokens[k]):
            k -= 1  # الاتفاقات الروسية التركية، الإيرانيين والأتراك: look past adjectives
        if k > 0 and tokens[k].is_word and self.lex.is_marker("force_adjective", tokens[k].norm):
            k -= 1  # طائرات حربية تركية: past one adjective of the force
        previous = tokens[k] if k >= 0 else None
        if previous is not None and previous.is_word and self.lex.is_marker("actor_head", previous.norm):
            return True
        if not any(key in self.gaz.demonym_plurals for key in clitic_stems(tokens[i].norm)):
            return False
        # a plural names people (وشن الأتراك) unless it qualifies the noun
        # before it, with which an adjective agrees in definiteness
        # (المدنيين العراقيين، مدنيين عراقيين)
        if previous is None or not previous.is_word or self._function_or_trigger(previous):
            return True
        return carries_article(previous.norm) != carries_article(tokens[i].norm)

    def _function_or_trigger(self, token: Token) -> bool:
        norm = token.norm
        if norm == "و" or self.lex.lookup(norm):
            return True
        return any(self.lex.is_marker(kind, norm) for kind in ("preposition", "boundary", "reporting", "skip"))


@entity_extractors.register(NAME)
def make_gazetteer_extractor() -> GazetteerExtractor:
    return GazetteerExtractor()
