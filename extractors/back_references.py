"""Back-references for the gazetteer extractor: a dual (الجانبين، البلدين)
stands for the last two actors of its kind, a head noun (الوزارة، الحركة)
for the last entity whose name starts with it, a definite generic word for
fighters (المسلحون، المتشددون) for the one armed group just named, a
generic word for the one group just named with it and more (المتطرفين after
«متطرفون يهود»), within the last few sentences; نظيره takes the last
title's role (kept in _ArticleState).

Apart from the extractor because it reads what the article has said so far,
not the words at hand, and has its own idea of what a side is.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace

from kg.extractors.gazetteer_match import QUOTES, _Match
from kg.gazetteer import Gazetteer
from kg.lexicon import Lexicon
from kg.model import Article, Mention
from kg.relations import ACTOR_TYPES
from kg.text import Sentence, Token, alias_key, carries_article, clitic_stems, normalize

REFERENCE_SENTENCES = 3  # how far back a back-reference looks
PAIR_KIND = "pair_reference:"


@dataclass
class _ArticleState:
    """What one article has said so far: the last title's role, which
    نظيره (counterpart) refers back to."""

    last_role: str = ""
    recent: list[Mention] = field(default_factory=list)  # mentions so far, for back-references
    # (sentence, token) of a state adjective after الشعب: no actor, but one of the sides of a dual
    peoples: set[tuple[int, int]] = field(default_factory=set)
    # (sentence, first token) of a place mention → the words it was named with (مدينة غامبورو، قرية (دوما)
    place_words: dict[tuple[int, int], set[str]] = field(default_factory=dict)

    def remember(self, tokens: tuple[Token, ...], mentions: list[Mention]) -> None:
        """Keep a sentence's sides, and the word before or opening each place's name."""
        self.recent.extend(mentions)
        for mention in mentions:
            if mention.type == "Place":
                words = {alias_key(w) for w in normalize(mention.text).split()[:1]}
                if mention.first_token > 0 and tokens[mention.first_token - 1].is_word:
                    words.add(alias_key(tokens[mention.first_token - 1].norm))
                self.place_words[(mention.sentence, mention.first_token)] = words


class BackReferencesMixin:
    """Which earlier mention a word refers back to. Mixed into
    GazetteerExtractor, which sets `_pair_kinds`, `_back_heads` and
    `_reference_keys` from the markers."""

    gaz: Gazetteer
    lex: Lexicon
    _pair_kinds: list[str]
    _back_heads: set[str]
    _reference_keys: set[str]
    _group_words: set[str]

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
        return not self._reference_keys.isdisjoint(clitic_stems(token.norm))

    def _reference(self, article: Article, sentence: Sentence, i: int, state: _ArticleState,
                   found: list[Mention]) -> Mention | None:
        """A word that refers back: a dual (الجانبين، البلدين) to the last two
        actors of its kind, a head noun (الوزارة، الحركة) to the last entity
        whose name starts with it, or for a place (المدينة، القرية) whose
        mention did (مدينة غامبورو، قرية مالاري). Only the last few
        sentences count, but an earlier back-reference to one entity counts
        as its mention (داعش … المتشددون … التنظيم): news keeps a group on
        stage by its generic words long after it last spelled the name."""
        token = sentence.tokens[i]
        earlier = state.recent + self._sides(sentence.tokens, found)
        window = [m for m in earlier if m.sentence >= sentence.index - REFERENCE_SENTENCES]
        for kind in self._pair_kinds:
            if self.lex.is_marker(PAIR_KIND + kind, token.norm):
                if self._name_follows(sentence.tokens, i + 1):
                    return None  # بين الرئيسين فلاديمير بوتين ورجب طيب إردوغان: the names follow
                # حث الأمين العام كلا الجانبين: the phrase right before the dual is
                # the verb's subject, never one of the two sides
                adjacent = found[-1] if found and all(not t.is_word or self.lex.is_marker("skip", t.norm)
                                                      for t in sentence.tokens[found[-1].last_token:i]) else None
                pair = self._last_actors([m for m in window if m is not adjacent], kind, 2, state.peoples)
                if len(pair) < 2:
                    return None
                mention = self._mention(article, sentence, i, i + 1, pair[0], "reference", 0.7)
                return replace(mention, actor_id=pair[0], members=tuple(pair))
        heads = set(clitic_stems(token.norm)) & self._back_heads
        if not heads or not carries_article(token.norm):
            return None
        for previous in reversed(window):
            if previous.via == "reference" and previous.members:
                continue  # البلدين stands for two; a head noun for one
            entity = self.gaz.entity(previous.entity_id)
            if (any(alias_key(normalize(a).split()[0]) in heads for a in entity.aliases_ar if a.strip())
                    or state.place_words.get((previous.sentence, previous.first_token), set()) & heads):
                mention = self._mention(article, sentence, i, i + 1, entity.id, "reference", 0.7)
                return replace(mention, actor_id=previous.actor_id)
        return None

    def _group_reference(self, article: Article, sentence: Sentence, i: int, end: int, state: _ArticleState,
                         found: list[Mention]) -> Mention | None:
        """A definite generic word for fighters (المسلحون، المتشددين) that
        the gazetteer matched as the generic actor, read as the one armed
        group the last few sentences named (هاجم المسلحون مدينة غامبورو
        after «بوكو حرام»). News uses the word that way once a group is
        on stage; when none or several were named, who is meant is open and
        the generic actor stays."""
        token = sentence.tokens[i]
        if end != i + 1 or not carries_article(token.norm) or not set(clitic_stems(token.norm)) & self._group_words:
            return None
        earlier = state.recent + self._sides(sentence.tokens, found)
        window = [m for m in earlier if m.sentence >= sentence.index - REFERENCE_SENTENCES]
        groups = {m.actor_id or m.entity_id for m in window if self._insurgent_group(m.actor_id or m.entity_id)}
        if len(groups) != 1:
            return None
        group = groups.pop()
        return replace(self._mention(article, sentence, i, end, group, "reference", 0.7), actor_id=group)

    def _generic_reference(self, article: Article, sentence: Sentence, i: int, alias: _Match, state: _ArticleState,
                           found: list[Mention]) -> Mention | None:
        """A one-word generic actor (المتطرفين، المتظاهرين) read as the one
        actor the last few sentences named with that same word and more
        (المتطرفين اليهود، المتظاهرين العراقيين): news names a group in full
        once, then by its head word."""
        token = sentence.tokens[i]
        generic = self.gaz.entity(alias.entity_id)
        if (alias.last != i + 1 or generic.type not in ("Group", "ArmedGroup")
                or any(kind not in ("qualified_by", "acts_as") for kind, _ in generic.links)):  # a named group is no generic word
            return None
        head = {_caseless(key) for key in clitic_stems(token.norm)}
        earlier = state.recent + self._sides(sentence.tokens, found)
        window = [m for m in earlier if m.sentence >= sentence.index - REFERENCE_SENTENCES]
        named = {m.actor_id or m.entity_id for m in window
                 if m.entity_id != generic.id and m.last_token - m.first_token > 1 and m.via != "reference"
                 and m.type in ("Group", "ArmedGroup") and _caseless(alias_key(normalize(m.text).split()[0])) in head}
        if len(named) != 1:
            return None
        entity_id = named.pop()
        return replace(self._mention(article, sentence, i, i + 1, entity_id, "reference", 0.7), actor_id=entity_id)

    def _insurgent_group(self, entity_id: str) -> bool:
        """A named armed group outside any state's forces: the gazetteer
        gives it where it is active and no state it is the army of. Generic
        actors (gunmen) have no links, state forces an army_of."""
        entity = self.gaz.entities.get(entity_id)
        return (entity is not None and entity.type == "ArmedGroup" and entity.link("active_in") is not None
                and entity.link("army_of") is None)

    def _last_actors(self, mentions: list[Mention], kind: str, count: int,
                     peoples: AbstractSet[tuple[int, int]] = frozenset()) -> list[str]:
        """The last `count` distinct actors, most recent last, of a kind
        (any actor, or an entity type); a people (الشعب الفلسطيني) counts as
        its state."""
        found: list[str] = []
        for mention in reversed(mentions):
            people = (mention.sentence, mention.first_token) in peoples
            if mention.type not in ACTOR_TYPES or (mention.via == "demonym" and not mention.actor_id and not people):
                continue  # القاهرة as a place, السوق الصينية: not a side
            for actor in reversed(mention.members or (mention.actor_id or mention.entity_id,)):
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
        states = {c for c in self.gaz.office_countries.get(person, ()) if self.gaz.entity(c).type == "Country"}
        return next(iter(states)) if len(states) == 1 else ""  # a party's or a group's offices are no state

    def _state_of(self, entity_id: str) -> str:
        """An organisation inside a state stands for it as a side."""
        parent = self.gaz.entity(entity_id).link("part_of")
        if parent and parent in self.gaz.entities and self.gaz.entity(parent).type == "Country":
            return parent
        return entity_id


def _caseless(key: str) -> str:
    """A plural without its case ending (متطرفون، متطرفين → متطرف): the
    same word whether it is the subject or the object."""
    return key[:-2] if len(key) > 4 and key.endswith(("ون", "ين")) else key
