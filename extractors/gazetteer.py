"""Entity mentions from the gazetteer: aliases, demonyms, titles and
counterparts, matched through clitics.

Longest match wins at each position, so وزارة الخارجية الروسية is the
ministry and not Russia, and قوات النظام السوري is the army and not the
government. A title is resolved to its holder at the article's date
(الرئيس التركي in 2020 → Erdogan) unless a name follows it, in which case the
name is the mention and the title gives its role.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from kg.gazetteer import Gazetteer, load_gazetteer
from kg.lexicon import Lexicon, load_lexicon, match_keys
from kg.model import Article, Mention
from kg.registry import entity_extractors
from kg.relations import ACTOR_TYPES
from kg.text import ARTICLE, Sentence, Token, alias_key, carries_article, clitic_stems, normalize, strip_article

NAME = "gazetteer"
MAX_TITLE_COUNTRY_GAP = 3
MAX_TITLE_NAME_GAP = 4
REFERENCE_SENTENCES = 3  # how far back a back-reference looks
PAIR_KIND = "pair_reference:"


@dataclass
class _ArticleState:
    """What one article has said so far: the last title's role, which
    نظيره (counterpart) refers back to."""

    last_role: str = ""
    recent: list[Mention] = field(default_factory=list)  # mentions so far, for back-references


@dataclass(frozen=True)
class _Match:
    first: int
    last: int  # exclusive token index
    entity_id: str


QUOTES = frozenset('"«»“”\'')


def _match_sequence(tokens: tuple[Token, ...], start: int, rest: tuple[str, ...]) -> int | None:
    """Index after the alias if the words after `start` are `rest`, else None.
    Inner words must follow each other; only quotation marks may stand
    between them (نظام "بشار الأسد")."""
    position = start + 1
    for word in rest:
        while position < len(tokens) and tokens[position].text in QUOTES:
            position += 1
        if position >= len(tokens) or tokens[position].norm != word:
            return None
        position += 1
    return position


class GazetteerExtractor:
    """Finds known entities; see the module docstring."""

    name = NAME

    def __init__(self, gazetteer: Gazetteer | None = None, lexicon: Lexicon | None = None) -> None:
        self.gaz = gazetteer or load_gazetteer()
        self.lex = lexicon or load_lexicon()
        self._armies = {e.link("army_of"): e.id for e in self.gaz.entities.values() if e.link("army_of")}
        self._pair_kinds = sorted(kind[len(PAIR_KIND):] for kind in self.lex.markers if kind.startswith(PAIR_KIND))
        self._back_heads = {strip_article(w) for w in self.lex.markers.get("back_reference", ())}
        self._reference_keys = self._back_heads | {
            strip_article(w) for kind in self._pair_kinds for w in self.lex.markers.get(PAIR_KIND + kind, ())}

    def alias_at(self, tokens: tuple[Token, ...], i: int, types: set[str] | None = None) -> _Match | None:
        """Longest alias starting at token i (clitics allowed on its first word)."""
        best: _Match | None = None
        token = tokens[i]
        if not token.is_word:
            return None
        for key in clitic_stems(token.norm):
            for entry in self.gaz.aliases.get(key, ()):
                if types and self.gaz.entity(entry.entity_id).type not in types:
                    continue
                if entry.needs_article and not carries_article(token.norm):
                    continue
                end = _match_sequence(tokens, i, entry.rest)
                if end is not None and (best is None or end > best.last):
                    best = _Match(i, end, entry.entity_id)
        return best

    def demonym_at(self, token: Token) -> str | None:
        if not token.is_word:
            return None
        for key in clitic_stems(token.norm):
            country = self.gaz.demonyms.get(key)
            if country:
                return country
        return None

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
            match = self.alias_at(tokens, k, {"Country", "Organization"})
            if match:
                return match.last, match.entity_id
            nested = self.title_at(tokens, k)
            if nested:
                seen_words += nested[0] - k
                k = nested[0]
                continue
            if not self.lex.is_marker("title_gap", token.norm):
                return None
            seen_words += 1
            k += 1
        return None

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
            nested = self.title_at(tokens, k)
            if nested:
                if self._country_after(tokens, nested[0]):
                    return None  # another title with its own state: its name is not ours
                k = nested[0]  # a bare title between (العاهل الأردني الملك عبد الله)
                skipped += 1
                continue
            person = self.alias_at(tokens, k, {"Person"})
            if person:
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
            return None
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
        bindings: dict[tuple[str, str], str] = {}
        first_pass = _ArticleState()
        for sentence in sentences:
            for mention in self._sentence_mentions(article, sentence, {}, first_pass):
                if mention.via == "title+name" and mention.role_country and not self._former(sentence, mention):
                    bindings.setdefault((mention.role_country, mention.role), mention.entity_id)
        mentions: list[Mention] = []
        state = _ArticleState()
        for sentence in sentences:
            mentions.extend(self._sentence_mentions(article, sentence, bindings, state))
        return mentions

    def _former(self, sentence: Sentence, mention: Mention) -> bool:
        """Was the title qualified as former or future (الرئيس الإيراني السابق)?"""
        return any(self.lex.is_marker("former", t.norm) for t in sentence.tokens[mention.first_token:mention.last_token])

    def _resolve_title(self, article: Article, country: str, role: str,
                       bindings: dict[tuple[str, str], str]) -> tuple[str | None, float]:
        """Holder of a title: named elsewhere in the article, else by the
        article's date; never guessed for an undated article."""
        if (country, role) in bindings:
            return bindings[(country, role)], 0.9
        if article.date is None:
            return None, 0.0
        return self.gaz.holder(country, role, article.date), 0.85

    def _sentence_mentions(self, article: Article, sentence: Sentence,
                           bindings: dict[tuple[str, str], str], state: _ArticleState) -> list[Mention]:
        tokens = sentence.tokens
        found: list[Mention] = []
        i = 0
        while i < len(tokens):
            token = tokens[i]
            if not token.is_word:
                i += 1
                continue
            alias = self.alias_at(tokens, i)
            title = self.title_at(tokens, i)
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
                holder, confidence = (None, 0.0) if former or not country else self._resolve_title(article, country, role, bindings)
                if holder and holder in self.gaz.entities:
                    found.append(self._mention(article, sentence, i, span_end, holder, "title", confidence, role, country))
                    state.last_role = role
                    i = span_end
                    continue
            if alias and not self._adjective_not_name(token, alias):
                qualified = self._qualified(tokens, alias)
                if qualified is not None:
                    found.append(self._mention(article, sentence, i, alias.last + 1, qualified, "alias+demonym", 0.85))
                    i = alias.last + 1
                    continue
                found.append(self._mention(article, sentence, i, alias.last, alias.entity_id, "alias", 0.95))
                i = alias.last
                continue
            if any(key in self.gaz.counterpart_keys for key in match_keys(token.norm)):
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
                found.append(mention)
            i += 1
        state.recent.extend(self._sides(tokens, found))
        return found

    def _sides(self, tokens: tuple[Token, ...], mentions: list[Mention]) -> list[Mention]:
        """Mentions that can be what a back-reference points to: a country
        named as a location (في سوريا، بسوريا) is where, not who."""
        out = []
        for mention in mentions:
            first = tokens[mention.first_token]
            after_in = mention.first_token > 0 and tokens[mention.first_token - 1].norm == "في"
            if mention.type == "Country" and mention.via == "alias" and (after_in or first.norm.startswith("ب")):
                if not self._name_starts_with(mention, "ب"):
                    continue
            out.append(mention)
        return out

    def _name_starts_with(self, mention: Mention, letter: str) -> bool:
        return any(normalize(a).startswith(letter) for a in self.gaz.entity(mention.entity_id).aliases_ar)

    # ---- back-references ------------------------------------------------
    def _refers(self, token: Token) -> bool:
        """Cheap test first: is the word a back-reference word at all?"""
        return bool(set(clitic_stems(token.norm)) & self._reference_keys)

    def _reference(self, article: Article, sentence: Sentence, i: int, state: _ArticleState,
                   found: list[Mention]) -> Mention | None:
        """A word that refers back: a dual (الجانبين، البلدين) to the last two
        actors of its kind, a head noun (الوزارة، الحركة) to the last entity
        whose name starts with it. Only the last few sentences count."""
        token = sentence.tokens[i]
        earlier = state.recent + self._sides(sentence.tokens, found)
        window = [m for m in earlier if m.sentence >= sentence.index - REFERENCE_SENTENCES]
        for kind in self._pair_kinds:
            if self.lex.is_marker(PAIR_KIND + kind, token.norm):
                if self._name_follows(sentence.tokens, i + 1):
                    return None  # بين الرئيسين فلاديمير بوتين ورجب طيب إردوغان: the names follow
                pair = self._last_actors(window, kind, 2)
                if len(pair) < 2:
                    return None
                mention = self._mention(article, sentence, i, i + 1, pair[0], "reference", 0.7)
                return replace(mention, actor_id=pair[0], members=tuple(pair))
        heads = set(clitic_stems(token.norm)) & self._back_heads
        if not heads or not carries_article(token.norm):
            return None
        for previous in reversed(window):
            if previous.via == "reference":
                continue
            entity = self.gaz.entity(previous.entity_id)
            if any(alias_key(normalize(a).split()[0]) in heads for a in entity.aliases_ar if a.strip()):
                mention = self._mention(article, sentence, i, i + 1, entity.id, "reference", 0.7)
                return replace(mention, actor_id=previous.actor_id)
        return None

    def _last_actors(self, mentions: list[Mention], kind: str, count: int) -> list[str]:
        """The last `count` distinct actors, most recent last, of a kind
        (any actor, or an entity type)."""
        found: list[str] = []
        for mention in reversed(mentions):
            if mention.type not in ACTOR_TYPES or (mention.via == "demonym" and not mention.actor_id):
                continue  # القاهرة as a place, السوق الصينية: not a side
            for actor in reversed(mention.members or (mention.actor_id,)):
                if kind == "actor":
                    actor = self._state_of(actor)  # وزارة الخارجية التركية speaks for Turkey
                elif kind == "Country" and mention.type == "Person":
                    actor = self._country_of_person(mention, actor)  # البلدين after two leaders
                if not actor or actor in found:
                    continue
                if kind != "actor" and self.gaz.entity(actor).type != kind:
                    continue
                found.insert(0, actor)
                if len(found) == count:
                    return found
        return found

    def _name_follows(self, tokens: tuple[Token, ...], j: int) -> bool:
        while j < len(tokens) and tokens[j].text in QUOTES:
            j += 1
        return j < len(tokens) and (self.alias_at(tokens, j) is not None or self.title_at(tokens, j) is not None)

    def _country_of_person(self, mention: Mention, person: str) -> str:
        """The state a leader stands for: the title's, else the only state
        the office records give."""
        if mention.role_country and self.gaz.entity(mention.role_country).type == "Country":
            return mention.role_country
        states = self.gaz.office_countries.get(person, set())
        return next(iter(states)) if len(states) == 1 else ""

    def _state_of(self, entity_id: str) -> str:
        """An organisation inside a state stands for it as a side."""
        parent = self.gaz.entity(entity_id).link("part_of")
        if parent and parent in self.gaz.entities and self.gaz.entity(parent).type == "Country":
            return parent
        return entity_id

    def _qualified(self, tokens: tuple[Token, ...], alias: _Match) -> str | None:
        """A generic noun that a state adjective makes specific (جنود أتراك,
        الجيش التركي when not listed): the state's army, per the entity's
        `qualified_by` link."""
        if self.gaz.entity(alias.entity_id).link("qualified_by") != "army" or alias.last >= len(tokens):
            return None
        country = self.demonym_at(tokens[alias.last])
        return self._armies.get(country) if country else None

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
