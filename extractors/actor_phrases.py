"""Actor phrases: the stretch of words that names one actor, so that
argument attachment can step over a whole subject or object at once.

News names people with their offices around them, and groups with who
leads them: «وزير الخارجية الروسي سيرغي لافروف»، «ألكسندر سلطانوف نائب
وزير خارجية روسيا»، «ائتلاف دولة القانون بزعامة نوري المالكي»،
«معهد الدراسات ( ICSS )». Each such phrase has one head, the actor it names
(the person, the led group); the mentions inside it that are not its head
(the title's state, the leader of a group, a state adjective) are no
argument of a verb around the phrase. A phrase is built from:

* the title phrases of the sentence (extractors/titles.py) stacked right
  before a name, with honorifics (جلالة، الشيخ …) between;
* a title phrase in apposition after a name (after a comma, or right after
  it when the title is not itself a name's title and names no holder);
* «بزعامة/بقيادة/الذي يتزعمه …» and the person phrase after it, after a group;
* a short aside in brackets right after the name;
* an organ that speaks for the body named after it (الأمانة العامة لرابطة
  العالم الإسلامي، قيادة التحالف): the body heads the phrase.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.extractors.titles import TitleBinder, TitlePhrase
from kg.model import MODEL_VIA, Mention
from kg.text import Sentence, Token, alias_key

TITLE_VIAS = frozenset({"title", "counterpart"})
QUOTES = frozenset('"«»“”')
COMMAS = frozenset("،,")
LED_TYPES = frozenset({"Organization", "ArmedGroup"})
ORGAN_KIND = "organ_head"  # markers.tsv: nouns for an organ of a body (الأمانة العامة، قيادة)
MAX_ASIDE = 8  # tokens inside brackets that still belong to the phrase before them
MAX_HONORIFIC_WORDS = 3


@dataclass(frozen=True)
class ActorPhrase:
    """The tokens [start, end) that name `head`."""

    head: Mention
    start: int
    end: int


@dataclass
class PhraseMap:
    """The actor phrases of one sentence, looked up by token."""

    phrases: list[ActorPhrase] = field(default_factory=list)
    at: dict[int, ActorPhrase] = field(default_factory=dict)  # every token of a phrase → the phrase

    def starting(self, k: int) -> ActorPhrase | None:
        phrase = self.at.get(k)
        return phrase if phrase is not None and phrase.start == k else None

    def ending(self, k: int) -> ActorPhrase | None:
        """The phrase whose last token is k - 1."""
        phrase = self.at.get(k - 1)
        return phrase if phrase is not None and phrase.end == k else None

    def of(self, mention: Mention) -> ActorPhrase | None:
        """The phrase a mention heads (None when it stands inside another's)."""
        phrase = self.at.get(mention.first_token)
        return phrase if phrase is not None and phrase.head is mention else None


class PhraseReader:
    """Builds the PhraseMap of a sentence."""

    def __init__(self, binder: TitleBinder) -> None:
        self.binder = binder

    def __call__(self, sentence: Sentence, mentions: list[Mention]) -> PhraseMap:
        tokens = sentence.tokens
        titles = self.binder.phrases(sentence, mentions)
        by_end = {p.end: p for p in titles}
        by_start = {p.start: p for p in titles}
        starts = {m.first_token: m for m in mentions}
        spans: dict[int, tuple[int, int]] = {}
        for mention in mentions:
            start, end = mention.first_token, mention.last_token
            if mention.type == "Person" and mention.via not in TITLE_VIAS:
                start = self._titles_before(tokens, start, by_end)
            elif mention.type in LED_TYPES:
                start = self._organ_before(tokens, start)
            elif mention.via in TITLE_VIAS and start in by_start:
                end = max(end, by_start[start].end)
            if mention.type == "Person":
                end = self._apposition(tokens, end, by_start, starts)
                if mention.via == MODEL_VIA:
                    end = self._name_continues(end, starts)
            spans[mention.first_token] = (start, end)
        for mention in mentions:  # led groups take the whole phrase of their leader
            if mention.type in LED_TYPES:
                start, end = spans[mention.first_token]
                spans[mention.first_token] = (start, self._led_by(tokens, end, starts, spans))
        for mention in mentions:
            if mention.type != "Place":  # واشنطن ( اف ب ): a dateline, not an aside
                start, end = spans[mention.first_token]
                spans[mention.first_token] = (start, self._aside(tokens, end))
        # a title that names nobody (no holder at the date, no name bound): the
        # state or body inside it (المبعوث الأممي لليمن) is the office's, no actor
        covered = {k for m in mentions for k in range(*spans[m.first_token])
                   if spans[m.first_token] != (m.first_token, m.last_token) or m.via in TITLE_VIAS}
        unbound = {k for p in titles if p.holder is None and not all(k in covered for k in range(p.start, p.end))
                   for k in range(p.start, p.end)}
        return self._assign(mentions, spans, unbound)

    @staticmethod
    def _assign(mentions: list[Mention], spans: dict[int, tuple[int, int]], unbound: set[int]) -> PhraseMap:
        """Longest phrases first; a mention inside a taken phrase or inside a
        title that names nobody heads none."""
        out = PhraseMap()
        for mention in sorted(mentions, key=lambda m: (-(spans[m.first_token][1] - spans[m.first_token][0]), m.first_token)):
            start, end = spans[mention.first_token]
            if any(k in out.at for k in range(mention.first_token, mention.last_token)):
                continue
            if mention.first_token in unbound and mention.type != "Person":
                continue
            # the phrase's own extent may not run into another phrase
            while start < mention.first_token and start in out.at:
                start += 1
            cut = next((k for k in range(mention.last_token, end) if k in out.at), end)
            phrase = ActorPhrase(mention, start, cut)
            out.phrases.append(phrase)
            for k in range(start, cut):
                out.at[k] = phrase
        out.phrases.sort(key=lambda p: p.start)
        return out

    def _conjoined(self, token: Token) -> bool:
        """A title word joined by و or ف (ووزير، فالرئيس) begins a new item."""
        return token.norm[:1] in ("و", "ف") and alias_key(token.norm) not in self.binder.gaz.titles

    def _honorific_before(self, tokens: tuple[Token, ...], k: int) -> int | None:
        """Start of an honorific that ends at k or runs into the name at k
        (سمو | الشيخ صباح الأحمد, where the alias begins with الشيخ)."""
        for j in range(max(0, k - MAX_HONORIFIC_WORDS), k):
            end = self.binder.honorifics.match(tokens, j)
            if end is not None and end >= k:
                return j
        return None

    def _organ_before(self, tokens: tuple[Token, ...], k: int) -> int:
        """Where an organ's name before a body begins (الأمانة العامة |
        لرابطة العالم الإسلامي، قيادة | التحالف): the organ speaks for the
        body, so a verb before it has the body as its subject. The body
        follows as a genitive, bare or with ل."""
        lex = self.binder.lex
        for phrase in lex.marker_phrases.get(ORGAN_KIND, ()) + tuple((w,) for w in lex.markers.get(ORGAN_KIND, ())):
            start = k - len(phrase)
            if start < 0:
                continue
            words = [tokens[start + n].norm for n in range(len(phrase))]
            if words[0][:1] in ("و", "ف") and words[0][1:] == phrase[0]:
                words[0] = phrase[0]  # ودانت قيادة …, فالأمانة العامة …
            if tuple(words) == phrase:
                return start
        return k

    def _titles_before(self, tokens: tuple[Token, ...], k: int, by_end: dict[int, TitlePhrase]) -> int:
        """Where the titles and honorifics stacked before a name begin
        (جلالة الملك عبدالله الثاني، الرئيس الصومالي السابق أبو القاسم …);
        a title joined by و starts the phrase (ووزير الخارجية …)."""
        while k > 0:
            if tokens[k - 1].text in QUOTES:
                if k - 1 in by_end or self._honorific_before(tokens, k - 1) is not None:
                    k -= 1
                    continue
                break
            honorific = self._honorific_before(tokens, k)
            if honorific is not None:
                k = honorific
                continue
            phrase = by_end.get(k)
            if phrase is None or phrase.holder is not None:
                break
            k = phrase.start
            if self._conjoined(tokens[k]):
                break
        return k

    def _apposition(self, tokens: tuple[Token, ...], end: int, by_start: dict[int, TitlePhrase],
                    starts: dict[int, Mention]) -> int:
        """After a person: a title in apposition (، وزير الخارجية، / رئيس
        الدولة), not the title of the next name nor a title that stands for
        its holder without a comma (استقبل أوباما الرئيس التركي)."""
        k = end
        opened = k < len(tokens) and tokens[k].text in COMMAS
        if opened:
            k += 1
        phrase = by_start.get(k)
        if phrase is None or self._conjoined(tokens[k]):
            return end
        if phrase.holder is not None and not opened:
            return end
        reach = phrase.end
        while reach < len(tokens) and (tokens[reach].text in QUOTES or self.binder.honorifics.match(tokens, reach)):
            reach = self.binder.honorifics.match(tokens, reach) or reach + 1
        following = starts.get(reach)
        if following is not None and following.type == "Person" and following.via not in TITLE_VIAS:
            return end  # the title introduces the next name
        end = phrase.end
        if opened and end < len(tokens) and tokens[end].text in COMMAS:
            end += 1  # the closing comma of «X، وزير الخارجية، قال»
        return end

    def _led_by(self, tokens: tuple[Token, ...], end: int, starts: dict[int, Mention],
                spans: dict[int, tuple[int, int]]) -> int:
        """ائتلاف دولة القانون بزعامة نوري المالكي: the group's phrase runs
        to the end of its leader's."""
        lead = self.binder.led_by.match(tokens, end, conjunction=False)
        if lead is None:
            return end
        for first, (start, leader_end) in spans.items():
            if start == lead and starts[first].type == "Person":
                return leader_end
        return end

    @staticmethod
    def _name_continues(end: int, starts: dict[int, Mention]) -> int:
        """The statistical NER sometimes cuts one long name in two (أبو
        القاسم عبدي | صلاد حسن): a guessed name right after another guessed
        name, with no conjunction, continues it."""
        following = starts.get(end)
        while following is not None and following.type == "Person" and following.via == MODEL_VIA:
            end = following.last_token
            following = starts.get(end)
        return end

    @staticmethod
    def _aside(tokens: tuple[Token, ...], end: int) -> int:
        """A short aside in brackets right after the phrase (ICSS، أبو مازن)."""
        if end >= len(tokens) or tokens[end].text != "(":
            return end
        for k in range(end + 1, min(len(tokens), end + MAX_ASIDE + 1)):
            if tokens[k].text == ")":
                return k + 1
            if tokens[k].text == "(":
                break
        return end
