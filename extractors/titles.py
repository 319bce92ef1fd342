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

Phrase reading is in extractors/title_phrases.py, the records and word sets
in extractors/title_records.py; this module binds names to phrases. Their
public names are re-exported here.
"""

from __future__ import annotations

import datetime as dt

from kg.extractors.attachment_discourse import noun_gender
from kg.extractors.gazetteer import GazetteerExtractor
from kg.extractors.phrases import PhraseList, load_column, load_mapping
from kg.extractors.title_phrases import TitlePhrasesMixin
from kg.extractors.title_records import (
    ANY,
    APPOSITION_OPENERS,
    DEPENDENTS_FILE,
    DESTINATION,
    HONORIFICS_FILE,
    KINDS_FILE,
    MAX_PHRASE,
    NAME_NEIGHBOURS,
    NAME_VIAS,
    ORGANISATION,
    OWNER_ADJECTIVES_FILE,
    PLACE,
    QUOTES,
    SCOPE,
    SET_WORDS,
    STATE,
    TitleBinding,
    TitleKind,
    TitlePhrase,
    load_title_kinds,
)
from kg.gazetteer import Gazetteer
from kg.lexicon import Lexicon
from kg.model import Mention
from kg.text import Sentence, Token, alias_key

__all__ = [
    "ANY", "APPOSITION_OPENERS", "DEPENDENTS_FILE", "DESTINATION", "HONORIFICS_FILE", "KINDS_FILE", "MAX_PHRASE",
    "NAME_NEIGHBOURS", "NAME_VIAS", "ORGANISATION", "OWNER_ADJECTIVES_FILE", "PLACE", "QUOTES", "SCOPE", "SET_WORDS",
    "STATE", "TitleBinder", "TitleBinding", "TitleKind", "TitlePhrase", "load_title_kinds",
]


OWNING_TYPES = {ORGANISATION: ("Organization", "ArmedGroup"), STATE: ("Country",),
                ANY: ("Organization", "ArmedGroup", "Country")}


class TitleBinder(TitlePhrasesMixin):
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

    # ---- names --------------------------------------------------------------
    def bindings(self, sentence: Sentence, mentions: list[Mention], date: dt.date | None = None) -> list[TitleBinding]:
        """Names bound to the title phrases before or after them. A phrase
        whose words name no owner still binds when the office records put
        this very person in that office at the article's date (الرئيس باراك
        أوباما), or when a state adjective stands right before the name
        (والجزائري عبد القادر مساهل، وزير الشؤون المغاربية)."""
        tokens = sentence.tokens
        phrases = self.phrases(sentence, mentions)
        phrases = sorted(phrases + self.possessed_titles(tokens, phrases), key=lambda p: p.start)
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
                owner = self._resolve(own, person, date, "") or self._possessor(tokens, own, mentions)
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
                if not owner and n == 0:
                    owner = self._possessor(tokens, phrase, mentions)
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

    def _possessor(self, tokens: tuple[Token, ...], phrase: TitlePhrase, mentions: list[Mention]) -> str:
        """The owner a pronoun on the title word points back to (أقر تنظيم
        القاعدة بمقتل زعيمه ناصر الوحيشي; زار إيران والتقى رئيسها): the
        nearest actor of a kind that can hold the office before the phrase in
        the sentence, when its gender agrees with the pronoun's."""
        if phrase.owner or phrase.former:
            return ""
        pronoun = self.title_pronoun(tokens[phrase.start])
        if pronoun is None:
            return ""
        _, gender = pronoun
        kinds = OWNING_TYPES.get(self.kinds.get(phrase.role, TitleKind()).owner, ())
        before = [m for m in mentions if m.last_token <= phrase.start and m.type in kinds]
        if not before:
            return ""
        antecedent = max(before, key=lambda m: m.last_token)
        agrees = noun_gender(tokens[antecedent.first_token].norm, antecedent.type) == gender
        return antecedent.entity_id if agrees else ""

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
            if phrase.end != target and self._reach(tokens, phrase.end, comma=not chain) != target:
                break  # (right before the name is always near enough: زعيمها | الملا أختر منصور, an alias with its honorific)
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
