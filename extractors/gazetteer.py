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
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from kg.gazetteer import Gazetteer, load_gazetteer, qualified_group_id
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
FORCE_HEAD = "force_head"
MAX_FORCE_HEADS = 3  # القوات والميليشيات الموالية: head words before the named side
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


class GazetteerExtractor:
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
        self._reference_keys = self._back_heads | {
            strip_article(w) for kind in self._pair_kinds for w in self.lex.markers.get(PAIR_KIND + kind, ())}

    def alias_at(self, tokens: tuple[Token, ...], i: int, types: set[str] | None = None,
                 head_only: bool = False) -> _Match | None:
        """Longest alias starting at token i (clitics allowed on its first word).
        Context-dependent aliases are never matched here; head-only ones only
        when asked (after a force head)."""
        best: _Match | None = None
        token = tokens[i]
        if not token.is_word:
            return None
        following = _next_norm(tokens, i)
        for key in clitic_stems(token.norm):
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
        best_end, candidates = 0, []
        following = _next_norm(tokens, i)
        for key in clitic_stems(token.norm):
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
        المقاومة الإسلامية), unless it is a force word (الجيش الموالي) or a
        relative pronoun (التحالف الذي تقوده السعودية). A conjunction before
        the article (والمقاومة) starts the next phrase instead."""
        if not token.norm.startswith(ARTICLE) or len(token.norm) <= len(ARTICLE) + 1:
            return False
        return not (token.norm in RELATIVE_PRONOUNS or self.lex.is_marker(FORCE_HEAD, token.norm))

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

    def collective_at(self, article: Article, tokens: tuple[Token, ...], i: int, context: _Context | None,
                      bindings: dict[tuple[str, str], str], sentence_index: int) -> tuple[_Match, str] | None:
        """A collective actor at token i, with how it was found: force head +
        armed group or + leader with forces (via "collective"), or a
        context-dependent alias (via "context"). None when the article has
        no context yet (first pass) and the words need it."""
        # the longest run of head words first; a shorter one when the last head
        # word is the side's own (وحدات الجيش العراقي)
        for head_end in range(self._force_heads_end(tokens, i), i, -1):
            if head_end < len(tokens) and tokens[head_end].is_word and self._side_after_head(tokens[head_end]):
                side = self._side_at(article, tokens, head_end, context, bindings, sentence_index)
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
        # The first pass also says which states the article is about and
        # which collective actors it names outright, for the aliases that
        # need the article's context (التحالف، المقاومة).
        bindings: dict[tuple[str, str], str] = {}
        first_pass = _ArticleState()
        context = _Context()
        for sentence in sentences:
            for mention in self._sentence_mentions(article, sentence, {}, first_pass):
                if mention.via == "title+name" and mention.role_country and not self._former(sentence, mention):
                    bindings.setdefault((mention.role_country, mention.role), mention.entity_id)
                self._count(context, sentence, mention)
        mentions: list[Mention] = []
        state = _ArticleState()
        for sentence in sentences:
            mentions.extend(self._sentence_mentions(article, sentence, bindings, state, context))
        return mentions

    def _count(self, context: _Context, sentence: Sentence, mention: Mention) -> None:
        """Add a first-pass mention to the article's context."""
        if mention.via == "reference":
            return
        weight = HEADLINE_WEIGHT if sentence.section == "headline" else 1.0
        for country in self.gaz.countries_of(mention.entity_id) | ({mention.role_country} - {""}):
            if country in self.gaz.entities and self.gaz.entity(country).type == "Country":
                context.scores[country] = context.scores.get(country, 0.0) + weight
        context.named.append((sentence.index, mention.first_token, mention.entity_id))

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

    def _sentence_mentions(self, article: Article, sentence: Sentence, bindings: dict[tuple[str, str], str],
                           state: _ArticleState, context: _Context | None = None) -> list[Mention]:
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
                holder, confidence = (None, 0.0) if former or not country else self._resolve_title(article, country, role, bindings)
                if holder and holder in self.gaz.entities:
                    found.append(self._mention(article, sentence, i, span_end, holder, "title", confidence, role, country))
                    state.last_role = role
                    i = span_end
                    continue
                if alias is None and title_end - i > 1:
                    # the words of an unresolved title hold no other title
                    # (in نائب وزير الخارجية الروسي, وزير الخارجية is not
                    # the minister); a name or back-reference inside it still counts
                    i += 1
                    while i < title_end and self.alias_at(tokens, i) is None and not self._refers(tokens[i]):
                        i += 1
                    continue
            if alias and not self._adjective_not_name(token, alias):
                qualified = self._qualified(tokens, alias)
                if qualified is not None:
                    found.append(self._mention(article, sentence, i, alias.last + 1, qualified, "alias+demonym", 0.85))
                    i = alias.last + 1
                    continue
                found.append(self._mention(article, sentence, i, alias.last, self._qualified_by_article(alias.entity_id, context),
                                           "alias", 0.95))
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
        """A generic noun that a state adjective makes specific, per the
        entity's `qualified_by` link: soldiers become the state's army (جنود
        أتراك, الجيش التركي when not listed), a group of people that state's
        group (المتظاهرين العراقيين → Iraqi protesters)."""
        kind = self.gaz.entity(alias.entity_id).link("qualified_by")
        if not kind or alias.last >= len(tokens):
            return None
        country = self.demonym_at(tokens[alias.last])
        if not country:
            return None
        if kind == "army":
            return self._armies.get(country)
        qualified = qualified_group_id(alias.entity_id, country)
        return qualified if qualified in self.gaz.entities else None

    def _qualified_by_article(self, entity_id: str, context: _Context | None) -> str:
        """A group that belongs to a state even when no adjective says which
        (`qualified_by=article`: العشائر in an Iraq article are Iraqi
        tribes) takes the state the article is about, when one clearly leads."""
        if context is None or self.gaz.entity(entity_id).link("qualified_by") != "article":
            return entity_id
        country = context.main_country()
        qualified = qualified_group_id(entity_id, country) if country else ""
        return qualified if qualified in self.gaz.entities else entity_id

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
