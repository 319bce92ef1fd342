"""Titles around a person's name: whose official (or member) the person is.

News introduces people by their office, before the name (وزير الخزانة
الأمريكي جاك ليو، زعيم حزب الشعب الجمهوري كمال كليجدار أوغلو) or in
apposition after it (برناردينو ليون، الممثل الخاص للأمين العام للأمم
المتحدة; أسامة النجيفي نائب رئيس الجمهورية العراقية). The gazetteer extractor
binds a title to the *gazetteer* person after it; this module reads the
title phrases of a sentence once all mentions are merged, so a name only the
statistical NER found is bound the same way.

A title phrase is: a title of `titles.tsv` (longest match), a few words
the title may carry (a portfolio, set words such as الخاص، باسم، في), then
its owner: a state adjective or name, an organisation, a place, or the state
of a nested title (المبعوث الخاص للرئيس الروسي → Russia), as
`title_kinds.tsv` allows for the role; then optional scope (في ليبيا، إلى
سوريا) and former/future words (السابق، المقبل), which void it. Honorifics
and ranks (الشيخ، الدكتور، العقيد, `honorifics.tsv`) may stand between the
phrase and the name. A title with no owner in the words binds nothing: the
article's state is never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from extractors.gazetteer import GazetteerExtractor
from extractors.phrases import PhraseList, load_column, load_mapping
from kg.gazetteer import Gazetteer
import datetime as dt

from kg.lexicon import Lexicon, match_keys
from kg.model import MODEL_VIA, Mention
from kg.naming import discovered_id, is_discovered
from kg.ontology_data import ontology_dir, read_tsv
from kg.text import Sentence, Token, alias_key, clitic_stems

KINDS_FILE = "title_kinds.tsv"
HONORIFICS_FILE = "honorifics.tsv"
OWNER_ADJECTIVES_FILE = "owner_adjectives.tsv"
DEPENDENTS_FILE = "title_dependents.tsv"
MAX_PHRASE = 12  # tokens from a title to the end of its phrase
DESTINATION = frozenset({"الي", "لدي"})  # سفير مصر لدى روسيا: what follows is not the owner
QUOTES = frozenset({"«", "»", '"', "“", "”"})
SET_WORDS = frozenset({"في", "ل", "لشوون", "للشوون", "لشيون", "الخاص", "الخاصه", "باسم", "العام", "العامه", "الرسمي",
                       "الرسميه", "البارز", "البارزه", "السامي", "الاعلي", "الاول"})
SCOPE = frozenset({"في", "الي", "لدي", "ب"})
APPOSITION_OPENERS = frozenset({"،", ",", "-", "–", "(", "وهو", "وهي", "هو", "هي"})
NAME_NEIGHBOURS = frozenset({"»", "«", '"', "“", "”", "،", ","})  # may stand between a title and its name
STATE, ORGANISATION, PLACE, ANY = "state", "organisation", "place", "any"
NAME_VIAS = frozenset({"alias", "model"})  # mentions that are names, not titles or references


@dataclass(frozen=True)
class TitleKind:
    """What a role says (see title_kinds.tsv)."""

    relation: str = "official_of"
    owner: str = ANY
    portfolio: int = 0


@lru_cache(maxsize=None)
def load_title_kinds() -> dict[str, TitleKind]:
    path = ontology_dir() / KINDS_FILE
    if not path.exists():
        return {}
    return {row["role"]: TitleKind(row.get("relation") or "official_of", row.get("owner") or ANY,
                                   int(row.get("portfolio") or 0)) for row in read_tsv(path)}


@dataclass(frozen=True)
class TitlePhrase:
    """A title with what it carries, as token indices of its sentence."""

    start: int
    end: int  # exclusive: after owner, scope and former words
    role: str
    owner: str  # entity id, or "" when the words name none
    former: bool
    holder: Mention | None = None  # the gazetteer's reading of the phrase as its holder at the date


@dataclass(frozen=True)
class TitleBinding:
    """A person bound to a title phrase before or after the name."""

    person: Mention
    phrase: TitlePhrase
    owner: str
    relation: str
    start: int  # character offsets of the evidence (title and name)
    end: int


class TitleBinder:
    """Finds the title phrases of a sentence and the names they belong to."""

    def __init__(self, gazetteer: Gazetteer, lexicon: Lexicon, matcher: GazetteerExtractor | None = None) -> None:
        self.gaz = gazetteer
        self.lex = lexicon
        self.matcher = matcher or GazetteerExtractor(gazetteer, lexicon)
        self.kinds = load_title_kinds()
        self.honorifics: PhraseList = load_column(HONORIFICS_FILE, "honorific")
        self.owner_adjectives = load_mapping(OWNER_ADJECTIVES_FILE, "adjective", "entity_id")
        self.kin: PhraseList = load_column(DEPENDENTS_FILE, "word", "kin")
        self.led_by: PhraseList = load_column(DEPENDENTS_FILE, "word", "led_by")

    # ---- phrases ----------------------------------------------------------
    def phrases(self, sentence: Sentence, mentions: list[Mention]) -> list[TitlePhrase]:
        """Title phrases left to right; a nested title is part of the phrase
        it stands in (للرئيس الروسي inside المبعوث الخاص للرئيس الروسي)."""
        tokens = sentence.tokens
        at = {m.first_token: m for m in mentions}
        found: list[TitlePhrase] = []
        k = 0
        while k < len(tokens):
            mention = at.get(k)
            if mention is not None:
                if mention.type == "Person" and mention.via in ("title", "counterpart") and mention.role:
                    end, former = self._scope(tokens, mention.last_token, at)
                    former = former or self._former_within(tokens, mention.first_token, mention.last_token)
                    found.append(TitlePhrase(k, end, mention.role, mention.role_country, former, mention))
                    k = end
                else:
                    k = mention.last_token  # titles are not read inside a name
                continue
            counterpart = self._counterpart(tokens, k, at)
            if counterpart is not None:
                found.append(counterpart)
                k = counterpart.end
                continue
            title = self.matcher.title_at(tokens, k)
            if title is None or title[1] == "counterpart":
                k += 1
                continue
            phrase = self._parse(tokens, k, title[0], title[1], at)
            found.append(phrase)
            k = max(phrase.end, k + 1)
        return found

    def _counterpart(self, tokens: tuple[Token, ...], k: int, at: dict[int, Mention]) -> TitlePhrase | None:
        """نظيره المغربي: the counterpart from the state its adjective names."""
        if not tokens[k].is_word or not any(key in self.gaz.counterpart_keys for key in match_keys(tokens[k].norm)):
            return None
        demonym = at.get(k + 1)
        if demonym is None or demonym.via != "demonym":
            return None
        return TitlePhrase(k, demonym.last_token, "counterpart", demonym.entity_id, False)

    def _parse(self, tokens: tuple[Token, ...], start: int, title_end: int, role: str,
               at: dict[int, Mention]) -> TitlePhrase:
        kind = self.kinds.get(role, TitleKind())
        owner, former, destination, after_in, free = "", False, False, False, 0
        end = title_end
        k = start + 1
        while k < len(tokens) and k - start <= MAX_PHRASE:
            mention = at.get(k)
            if mention is not None:
                if mention.type == "Person":
                    if mention.via in ("title", "counterpart") and mention.role_country and not destination:
                        owner, end = mention.role_country, mention.last_token  # للرئيس الروسي: its state
                    break  # otherwise a name: the phrase stops before it
                if destination:
                    destination, k = False, mention.last_token
                    end = k
                    continue
                owner = self._owner(mention, kind.owner, after_in)
                if owner:
                    owner = self._trimmed(tokens, mention, owner)
                    end = mention.last_token
                break
            if k < title_end:
                k += 1
                continue
            token = tokens[k]
            if not token.is_word or not token.norm:
                if token.text in QUOTES or (token.is_word and not token.norm):
                    k += 1  # الأمين العام لـ « أوبك », عضو المكتب السياسي ل ـ « …»
                    continue
                break
            adjective = self._owner_adjective(token)
            if adjective and kind.owner in (ORGANISATION, ANY):
                owner, end = adjective, k + 1
                break
            if self.lex.is_marker("former", token.norm):
                former, k = True, k + 1
                end = k
                continue
            nested = self.matcher.title_at(tokens, k)
            if nested is not None:
                k = end = nested[0]
                continue
            if token.norm in DESTINATION:
                destination, k = True, k + 1
                continue
            if token.norm in SET_WORDS:
                after_in = token.norm == "في"
                k += 1
                continue
            if free < kind.portfolio and self._portfolio_word(token):
                free, k = free + 1, k + 1
                continue
            break
        end, former_after = self._scope(tokens, end, at)
        former = former or former_after or self._former_within(tokens, start, end)
        return TitlePhrase(start, end, role, owner, former)

    def _portfolio_word(self, token: Token) -> bool:
        """Can the word be part of a portfolio or body name (الشؤون
        المغاربية، المكتب السياسي), rather than a verb, a function word or a
        counterpart?"""
        norm = token.norm
        if token.is_number or self.lex.lookup(norm) or any(key in self.gaz.counterpart_keys for key in match_keys(norm)):
            return False
        return not any(self.lex.is_marker(kind, norm) for kind in ("boundary", "preposition", "reporting", "skip"))

    def _scope(self, tokens: tuple[Token, ...], k: int, at: dict[int, Mention]) -> tuple[int, bool]:
        """Past a phrase's scope (في ليبيا، إلى سوريا) and former words."""
        former = False
        while k < len(tokens):
            if tokens[k].is_word and self.lex.is_marker("former", tokens[k].norm):
                former, k = True, k + 1
                continue
            if tokens[k].norm in SCOPE and k + 1 < len(tokens):
                place = at.get(k + 1)
                if place is not None and place.type in ("Place", "Country", "Organization"):
                    k = place.last_token
                    continue
            place = at.get(k)
            if place is not None and place.type in ("Place", "Country") and self._after_preposition(tokens[k], place):
                k = place.last_token  # المبعوث الأممي لليمن
                continue
            break
        return k, former

    def _after_preposition(self, token: Token, mention: Mention) -> bool:
        """Does the mention's first word carry the preposition ل or ب (لليمن،
        بسوريا), which no alias of the entity starts with?"""
        norm = token.norm
        if not norm.startswith(("ل", "ب")) or len(clitic_stems(norm)) < 2:
            return False
        return not any(alias.startswith(norm[0]) for alias in self.gaz.entity(mention.entity_id).aliases_ar)

    def _former_within(self, tokens: tuple[Token, ...], start: int, end: int) -> bool:
        return any(t.is_word and self.lex.is_marker("former", t.norm) for t in tokens[start:end])

    def _owner_inside(self, tokens: tuple[Token, ...], person: Mention) -> str:
        """The owner named between a title and the name the gazetteer bound
        to it, where the gazetteer looks for states and organisations only:
        a region (رئيس إقليم كردستان) or an armed group (زعيم تنظيم …)."""
        title = self.matcher.title_at(tokens, person.first_token)
        if title is None:
            return ""
        kind = self.kinds.get(person.role, TitleKind()).owner
        k = title[0]
        while k < person.last_token and tokens[k].norm in SET_WORDS:
            k += 1
        match = self.matcher.alias_at(tokens, k, {"Place", "ArmedGroup"}) if k < person.last_token else None
        if match is None or match.last >= person.last_token:
            return ""
        stand_in = Mention(person.sentence, tokens[k].start, tokens[match.last - 1].end, k, match.last, "",
                           match.entity_id, match.entity_id, self.gaz.entity(match.entity_id).type, "alias", "")
        return self._owner(stand_in, kind, False)

    def _trimmed(self, tokens: tuple[Token, ...], mention: Mention, owner: str) -> str:
        """A name the NER ran on into the honorific after it (المنظمة
        الكشفية العربية الدكتور …) stands for the name without it."""
        if not is_discovered(owner) or mention.via != MODEL_VIA:
            return owner
        last = mention.last_token
        while last > mention.first_token:
            start = next((k for k in range(mention.first_token + 1, last) if self.honorifics.match(tokens, k) == last), None)
            if start is None:
                break
            last = start
        if last == mention.last_token:
            return owner
        dropped = sum(1 for t in tokens[last:mention.last_token] if t.is_word)
        words = " ".join(mention.text.split()[:-dropped])  # the mention's text is clear of clitics
        return discovered_id(words, self.gaz.entity(owner).type) if words else ""

    def _owner_adjective(self, token: Token) -> str:
        for key in clitic_stems(token.norm):
            if key in self.owner_adjectives:
                return self.owner_adjectives[key]
        return ""

    def _owner(self, mention: Mention, kind: str, after_in: bool) -> str:
        """The entity a mention after a title makes its owner, if the
        title's kind allows it."""
        entity = self.gaz.entity(mention.entity_id)
        if entity.link("qualified_by"):
            return ""  # a generic group (الجيش، الشرطة unqualified) is nobody's owner
        if entity.type == "Country":
            return entity.id if kind in (STATE, ANY) else ""
        if entity.type == "Place":
            capital_of = entity.link("capital_of")
            if capital_of and kind in (STATE, ANY):
                return capital_of  # سفير واشنطن: the capital stands for its state
            return entity.id if kind in (PLACE, ANY) and not capital_of else ""
        if entity.type in ("Organization", "ArmedGroup"):
            if kind in (ORGANISATION, ANY):
                return entity.id
            if kind == STATE and (entity.link("government_of") or after_in):
                return entity.id  # وزير … في حكومة إقليم كردستان
        return ""

    # ---- names --------------------------------------------------------------
    def bindings(self, sentence: Sentence, mentions: list[Mention], date: dt.date | None = None) -> list[TitleBinding]:
        """Names bound to the title phrases before or after them. A phrase
        whose words name no owner still binds when the office records put
        this very person in that office at the article's date (الرئيس باراك
        أوباما), or when a state adjective stands right before the name
        (والجزائري عبد القادر مساهل، وزير الشؤون المغاربية)."""
        tokens = sentence.tokens
        phrases = self.phrases(sentence, mentions)
        by_start = {p.start: p for p in phrases}
        at = {m.first_token: m for m in mentions}
        at_end = {m.last_token: m for m in mentions}
        out: list[TitleBinding] = []
        for person in mentions:
            if person.type != "Person":
                continue
            if person.via in NAME_VIAS | {"title+name"}:
                led = self._led_by(tokens, person, [] if person.via == "title+name" else
                                   self._phrases_before(tokens, person, phrases), at_end)
                if led is not None:
                    out.append(led)
            if person.role_country:
                continue
            if person.via in ("title+name", "counterpart+name") and person.role:
                # الرئيس باراك أوباما: the gazetteer bound the title, but named no
                # state; a region or armed group between (رئيس إقليم كردستان …)
                # may still be the owner, else the office records say
                own = TitlePhrase(person.first_token, person.first_token, person.role,
                                  self._owner_inside(tokens, person), self._former_within(tokens, person.first_token, person.last_token))
                owner = self._resolve(own, person, date, "")
                if owner:
                    out.append(self._binding(person, own, owner, person.start, person.end))
                continue
            if person.via not in NAME_VIAS:
                continue
            nationality = self._nationality(tokens, person, at)
            listed = self._listed_counterpart(tokens, person, nationality, at, out)
            if listed is not None:
                out.append(listed)
                continue
            for n, phrase in enumerate(self._phrases_before(tokens, person, phrases)):
                owner = self._resolve(phrase, person, date, nationality if n == 0 else "")
                if owner:
                    out.append(self._binding(person, phrase, owner, tokens[phrase.start].start, person.end))
            after = self._phrase_after(tokens, person, by_start, mentions)
            if after is not None:
                owner = self._resolve(after, person, date, nationality)
                if owner:
                    out.append(self._binding(person, after, owner, person.start, tokens[after.end - 1].end))
        return out

    def _listed_counterpart(self, tokens: tuple[Token, ...], person: Mention, nationality: str,
                            at: dict[int, Mention], bound: list[TitleBinding]) -> TitleBinding | None:
        """نظيريه الأميركي جون كيري والسعودي عادل الجبير: a state adjective
        joined by و to a list of counterparts makes the next name one more."""
        if not nationality:
            return None
        adjective = next(m for m in at.values() if m.via == "demonym" and m.last_token == person.first_token)
        if not tokens[adjective.first_token].norm.startswith("و"):
            return None
        previous = [b for b in bound if b.person.last_token <= adjective.first_token]
        earlier = [m for m in at.values() if m.type == "Person" and m.via == "counterpart+name"
                   and m.last_token <= adjective.first_token]
        ends = [b.person.last_token for b in previous if b.phrase.role == "counterpart"] + [m.last_token for m in earlier]
        if not ends or any(t.is_word for t in tokens[max(ends):adjective.first_token]):
            return None
        phrase = TitlePhrase(adjective.first_token, adjective.last_token, "counterpart", nationality, False)
        return self._binding(person, phrase, nationality, tokens[adjective.first_token].start, person.end)

    def _resolve(self, phrase: TitlePhrase, person: Mention, date: dt.date | None, nationality: str) -> str:
        """The owner a phrase gives this person, or ""."""
        if phrase.former:
            return ""
        if phrase.owner:
            if person.entity_id in self.gaz.entities and phrase.owner in self.gaz.entities \
                    and not self.gaz.may_hold_office_in(person.entity_id, phrase.owner):
                return ""  # the office records put this person in another state's offices
            return phrase.owner
        if date is not None and person.entity_id in self.gaz.office_countries:
            states = [c for c in sorted(self.gaz.office_countries[person.entity_id])
                      if self.gaz.holder(c, phrase.role, date) == person.entity_id]
            if len(states) == 1:
                return states[0]
        if nationality and self.kinds.get(phrase.role, TitleKind()).owner in (STATE, ANY):
            return nationality
        return ""

    def _nationality(self, tokens: tuple[Token, ...], person: Mention, at: dict[int, Mention]) -> str:
        """A state adjective right before the name (والسعودي عادل الجبير)."""
        for mention in at.values():
            if mention.via == "demonym" and mention.last_token == person.first_token:
                return mention.entity_id
        return ""

    def _binding(self, person: Mention, phrase: TitlePhrase, owner: str, start: int, end: int) -> TitleBinding:
        relation = self.kinds.get(phrase.role, TitleKind()).relation
        return TitleBinding(person, phrase, owner, relation, start, end)

    def _reach(self, tokens: tuple[Token, ...], k: int, comma: bool = True) -> int:
        """Index of the word a phrase ending at k stands before: past quotes,
        a comma (when allowed) and honorifics or ranks."""
        crossed = False
        while k < len(tokens):
            if tokens[k].text in NAME_NEIGHBOURS and (comma or tokens[k].text not in ("،", ",")):
                crossed = crossed or tokens[k].text in ("،", ",")
                k += 1
                continue
            if crossed and tokens[k].norm.startswith("و") and self._conjoined_word(tokens[k]):
                return -1  # …، واللواء سمير عوض / …، وألفا عمر كوناري: the next item of a list
            honorific = self.honorifics.match(tokens, k)
            if honorific is not None:
                k = honorific
                continue
            break
        return k

    def _phrases_before(self, tokens: tuple[Token, ...], person: Mention,
                        phrases: list[TitlePhrase]) -> list[TitlePhrase]:
        """The phrase right before the name, and the phrases stacked before
        it (العاهل الأردني الملك …، الأمين العام لرابطة … عضو هيئة … الدكتور …),
        nearest first; a conjunction ends the stack (الرئيس المصري ووزير …)."""
        chain: list[TitlePhrase] = []
        target = person.first_token
        for phrase in reversed(phrases):
            if phrase.end > target:
                continue
            if self._reach(tokens, phrase.end, comma=not chain) != target:
                break
            if self.after_kin(tokens, phrase.start):
                break  # نجل الرئيس اليمني …: the name is the son's
            chain.append(phrase)
            if self._conjoined(tokens[phrase.start]):
                break
            target = phrase.start
        return chain

    def after_kin(self, tokens: tuple[Token, ...], start: int) -> bool:
        """Does a kinship noun stand right before the title (نجل الرئيس)?"""
        return any(self.kin.match(tokens, k) == start for k in range(max(0, start - 2), start))

    def _led_by(self, tokens: tuple[Token, ...], person: Mention, chain: list[TitlePhrase],
                at_end: dict[int, Mention]) -> TitleBinding | None:
        """حركة فتح بزعامة الرئيس الفلسطيني ياسر عرفات: the organisation
        before بزعامة/بقيادة/التي يترأسها is led by the person after it."""
        start = chain[-1].start if chain else person.first_token
        k = start
        while k > 0 and self.honorifics.match(tokens, k - 1) == k:
            k -= 1
        for lead in range(max(0, k - 3), k):
            if self.led_by.match(tokens, lead, conjunction=False) != k:
                continue
            before = lead
            while before > 0 and tokens[before - 1].text in NAME_NEIGHBOURS:
                before -= 1
            body = at_end.get(before)
            if body is None or body.type not in ("Organization", "ArmedGroup"):
                return None
            owner = self._owner(body, ORGANISATION, False)
            if not owner:
                return None
            phrase = TitlePhrase(lead, k, "leader", owner, False)
            return TitleBinding(person, phrase, owner, "official_of", tokens[lead].start, person.end)
        return None

    def _phrase_after(self, tokens: tuple[Token, ...], person: Mention, by_start: dict[int, TitlePhrase],
                      mentions: list[Mention]) -> TitlePhrase | None:
        """A title in apposition: after a comma (or وهو), or right after the
        name when the name is not the object of a verb (استقبل X رئيس …
        is two people)."""
        k = person.last_token
        opened = False
        while k < len(tokens) and tokens[k].text in APPOSITION_OPENERS | {"»", '"', "”"}:
            opened = opened or tokens[k].text in APPOSITION_OPENERS
            k += 1
        if k < len(tokens) and tokens[k].norm in ("وهو", "وهي", "هو", "هي"):
            opened, k = True, k + 1
        phrase = by_start.get(k)
        if phrase is None or phrase.former or (phrase.holder is not None and not opened):
            return None  # without a comma a title the gazetteer resolved stands for its holder
        if self._conjoined(tokens[k]):
            return None  # ووزير الطاقة …: a second person, not this one's title
        starts = {m.first_token for m in mentions if m.type == "Person" and m.via in NAME_VIAS}
        if self._reach(tokens, phrase.end) in starts:
            return None  # the title introduces the next name
        if not opened and (not phrase.owner or self._object_of_verb(tokens, person.first_token)):
            return None
        return phrase

    def _conjoined_word(self, token: Token) -> bool:
        """Is و on this word the conjunction: the word without it is an
        honorific or title, or the word as written is none and not a name
        the lists know to begin with و?"""
        norm = token.norm
        if self.honorifics.match((token,), 0) is not None or self.matcher.title_at((token,), 0) is not None:
            return alias_key(norm) not in self.honorifics.index and alias_key(norm) not in self.gaz.titles
        return len(norm) > 3 and norm[1:2] == "ا"  # وألفا، والسيد: و + a word that starts with alef

    def _conjoined(self, token: Token) -> bool:
        """Is the title word joined by a conjunction (ووزير، فالرئيس)?"""
        if alias_key(token.norm) in self.gaz.titles:
            return False
        return token.norm.startswith(("و", "ف"))

    def _object_of_verb(self, tokens: tuple[Token, ...], first: int) -> bool:
        k = first - 1
        while k >= 0 and (self.honorifics.match(tokens, k) == first or not tokens[k].is_word):
            k -= 1
        if k < 0:
            return False
        return any(t.pos == "verb" and t.direct_object for t in self.lex.lookup(tokens[k].norm))
