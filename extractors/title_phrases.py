"""Title phrases of a sentence: a title of titles.tsv (longest match), the
words it may carry (a portfolio, set words), its owner (a state adjective
or name, an organisation, a place, a nested title's state) as the role's
kind allows, then scope and former/future words, which void it.

Apart from binding names (titles.py): this reads the words after a title,
binding looks around the names.
"""

from __future__ import annotations

from kg.extractors.gazetteer import GazetteerExtractor
from kg.extractors.phrases import PhraseList
from kg.extractors.title_records import (
    ANY,
    DESTINATION,
    MAX_PHRASE,
    ORGANISATION,
    PLACE,
    POSSESSIVES,
    QUOTES,
    SCOPE,
    SET_WORDS,
    STATE,
    TitleKind,
    TitlePhrase,
)
from kg.gazetteer import Gazetteer
from kg.lexicon import Lexicon, match_keys
from kg.model import MODEL_VIA, Mention
from kg.naming import discovered_id, is_discovered
from kg.text import Sentence, Token, clitic_stems


class TitlePhrasesMixin:
    """Phrase reading of TitleBinder, which sets `gaz`, `lex`, `matcher`,
    `kinds`, `honorifics` and `owner_adjectives`."""

    gaz: Gazetteer
    lex: Lexicon
    matcher: GazetteerExtractor
    kinds: dict[str, TitleKind]
    honorifics: PhraseList
    owner_adjectives: dict[str, str]

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

    def possessed_titles(self, tokens: tuple[Token, ...], phrases: list[TitlePhrase]) -> list[TitlePhrase]:
        """One-word titles with a pronoun written on them (زعيمها، رئيسه)
        outside the title phrases found: the pronoun closes the phrase, so
        it names no owner in its words (TitleBinder finds the one the pronoun
        points back to). For binding names only: as an actor phrase such a
        title would take the verb before it (والتقى رئيسها …) as its own."""
        taken = {k for p in phrases for k in range(p.start, max(p.end, p.start + 1))}
        found = []
        for k, token in enumerate(tokens):
            pronoun = None if k in taken else self.title_pronoun(token)
            if pronoun is not None:
                found.append(TitlePhrase(k, k + 1, pronoun[0], "", False))
        return found

    def title_pronoun(self, token: Token) -> tuple[str, str] | None:
        """(role, gender of what the pronoun points to) of a one-word title
        with a pronoun written on it (زعيمها → leader, f), else None. Read on
        the written word: normalising ة to ه would make رئيسة «his رئيس»."""
        if not token.is_word:
            return None
        for suffix, gender in POSSESSIVES.items():
            if not token.text.endswith(suffix) or len(token.norm) <= len(suffix) + 1:
                continue
            keys = clitic_stems(token.norm[: -len(suffix)])
            role = next((e.role for key in keys for e in self.gaz.titles.get(key, ()) if not e.rest), None)
            if role is not None and role != "counterpart":
                return role, gender
        return None

    def _counterpart(self, tokens: tuple[Token, ...], k: int, at: dict[int, Mention]) -> TitlePhrase | None:
        """نظيره المغربي: the counterpart from the state its adjective names."""
        if not tokens[k].is_word or self.gaz.counterpart_keys.isdisjoint(match_keys(tokens[k].norm)):
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
