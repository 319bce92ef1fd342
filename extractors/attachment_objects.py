"""Objects and agents for argument attachment: the actor after a trigger's
preposition (مع، على، ب …) or its direct object, both sides after بين, a
preposition written onto a name or an actor noun, and the doer an agent
marker introduces (بنيران، على يد) that turns the clause round.

Apart because the rightward search has its own gaps and slot rules
(a prepositional phrase before it, an object pronoun on the verb).
"""

from __future__ import annotations

from kg.extractors.attachment_common import past_subject
from kg.extractors.attachment_nouns import RELATIVES
from kg.extractors.attributes import number_value
from kg.extractors.sentence_view import COMMA, SENTENCE_PUNCT, SentenceView
from kg.lexicon import Lexicon, Trigger
from kg.model import Mention
from kg.relations import ACTOR_TYPES, RelationCatalog
from kg.text import Token

PREPOSITION_PROCLITICS = ("ل", "ب")  # one-letter prepositions written onto the next word
UNGOVERNED = ("ب",)  # a preposition written onto a name that is then no direct object (للجيش may be: مقرا للجيش)
MAX_OBJECT_GAP = 7
MAX_DIRECT_GAP = 3
MAX_AFTER_PREP = 3
PLACE_TYPES = frozenset({"Country", "Place"})
MAX_COUNT_WORDS = 4  # أكثر من عشرة: words of a count before what it counts
MAX_PERPETRATOR_GAP = 8  # words from a blame word to the relative clause naming the act's author
BLAME_RELATIONS = frozenset({"condemns", "accuses"})  # relations whose object may be an act's author


class ObjectsMixin:
    """Object and agent search. Mixed into ArgumentFinder, which sets `lex`
    and `rels`."""

    lex: Lexicon
    rels: RelationCatalog

    def object_fits(self, relation: str, mention: Mention) -> bool:
        """Places fit place slots; otherwise the mention must act (a state
        adjective in الناشط المصري is no object of التقى)."""
        types = self.rels.relations[relation].object_types
        if mention.type == "Place" and "Place" in types:
            return True
        return self.is_actor(mention) and bool(types & (ACTOR_TYPES | {"Country"}))

    def _object_after(self, ctx: SentenceView, start: int, trigger: Trigger, allow_comma: bool,
                      pronoun_object: bool = False, max_gap: int = MAX_OBJECT_GAP,
                      extra_preps: tuple[str, ...] = (), takes_direct: bool = False) -> tuple[list[Mention], bool]:
        """Object mention(s) after token `start`; the flag says whether they
        were introduced by بين (so the relation holds between them).

        A direct object stands within a few words (حاصرت ثلاث نقاط للجيش
        التركي), unless the verb carries its object as a pronoun (تطالبه);
        a name written with ب، ل or ك is not one unless the trigger takes it
        (جهود المبعوث الخاص بليبيا is not what is supported)."""
        tokens = ctx.tokens
        end = ctx.clause_end(start)
        preps = [p for p in trigger.preps if p != "-"] + list(extra_preps)
        k = start
        words_seen = 0
        past_preposition = False  # a prepositional phrase stands between: no direct object after it
        while k < end and words_seen <= max_gap:
            token = tokens[k]
            only_punct_before = all(not t.is_word for t in tokens[start:k])
            if token.text in COMMA and not (allow_comma and only_punct_before):
                break
            if not token.is_word:
                k += 1
                continue
            mention = ctx.mention_starting(k)
            if mention is not None:
                prefixed = self._attached_prep(ctx, preps, mention)
                direct = ((trigger.direct_object or takes_direct) and not pronoun_object
                          and (not past_preposition and words_seen <= MAX_DIRECT_GAP
                               or self._place_past_adverbial(ctx, trigger, mention, start))
                          and (not self._preceded_by_prep(ctx, k) or self._counted(ctx, k))
                          and not self._attached_prep(ctx, UNGOVERNED, mention))
                if prefixed or direct:
                    if self._is_agent_marked(ctx, k):
                        k = mention.last_token
                        continue
                    return self.coordinated_after(ctx, mention), False
                k = mention.last_token
                words_seen += 1
                continue
            if token.norm in preps or self._prep_on_actor_noun(token, preps):
                objects = self._after_preposition(ctx, k + 1, end)
                if objects:
                    return objects, token.norm == "بين"
                if token.norm in preps:
                    break  # the slot is taken by something else (اتفقت على لائحة … على إيران)
            if (self._is_preposition(token) and k + 1 < end and ctx.mention_starting(k + 1) is None
                    and not self._approximates_count(ctx, k)):
                # حث … في تصريحات للجزيرة السلطات (but توعد تنظيم داعش في ليبيا مجلس النواب:
                # a place right after the preposition qualifies the subject)
                past_preposition = True
            if not ctx.in_date(token):
                words_seen += 1  # a date (من 6 إلى 8 أغسطس) is one adverbial, not a stretch of words
            k += 1
        return [], False

    def perpetrator_after(self, ctx: SentenceView, i: int, subjects: list[Mention] = ()) -> list[Mention]:
        """The author of the act a blame word is about, named in a relative
        clause after it (دانت … الجريمة الإرهابية التي نفذها مستوطنون
        إسرائيليون): the actor right after a perpetration verb that follows
        a relative pronoun, within the sentence and a few words of the
        trigger, or of its subject where that follows the verb (دانت
        الأمانة العامة لرابطة العالم الإسلامي بمكة المكرمة الجريمة …).
        What is condemned is the act; who is condemned, its author."""
        tokens = ctx.tokens
        start = past_subject(i, subjects)
        words = 0
        for k in range(start + 1, len(tokens) - 1):
            token = tokens[k]
            if token.text in SENTENCE_PUNCT or words > MAX_PERPETRATOR_GAP:
                return []
            if token.is_word:
                words += 1
            if token.norm in RELATIVES and self.lex.is_marker("perpetration", tokens[k + 1].norm):
                after = ctx.mention_starting(k + 2)
                if after is not None and self.is_actor(after):
                    return self.coordinated_after(ctx, after)
                return []
        return []

    def _approximates_count(self, ctx: SentenceView, k: int) -> bool:
        """Is the preposition at k part of a count (نحو 44 شخصا، أكثر من
        عشرة مسلحين) rather than the head of a prepositional phrase? Then
        the counted noun after it may still be the direct object."""
        tokens = ctx.tokens
        if k + 1 >= len(tokens) or number_value(tokens[k + 1]) is None:
            return False
        return self.lex.is_marker("approximator", tokens[k].norm) or (
            k > 0 and self.lex.is_marker("approximator", tokens[k - 1].norm))

    def patient_after(self, ctx: SentenceView, start: int) -> list[Mention]:
        """The actor a passive verb is about when its agent's phrase comes
        first (قتل إثر غارة للتحالف أكثر من عشرة مسلحين): within a few words
        after `start`, as a count's noun or bare, in the same clause."""
        end = ctx.clause_end(start)
        words = 0
        for k in range(start, end):
            token = ctx.tokens[k]
            if token.text in COMMA:
                return []
            mention = ctx.mention_starting(k)
            if mention is not None:
                if self.is_actor(mention) and (not self._preceded_by_prep(ctx, k) or self._counted(ctx, k)):
                    return self.coordinated_after(ctx, mention)
                return []
            if token.is_word:
                if self.lex.is_marker("perpetration", token.norm) or token.norm in RELATIVES:
                    return []  # تفجير نفذه حزب العمال: the one after is the doer of another verb
                words += 1
                if words > MAX_DIRECT_GAP:
                    return []
        return []

    def _place_past_adverbial(self, ctx: SentenceView, trigger: Trigger, mention: Mention, start: int) -> bool:
        """A place a verb is done to may follow an adverbial phrase (وسيزور
        كيري في نهاية جولته من 6 إلى 8 أغسطس فيتنام): a state or place as
        the direct object of a verb whose relation takes places, unless a
        preposition governs the noun before it (نقطة تفتيش في بلدة القطن),
        a comma comes between (ودمر البلدين، بالإضافة إلى تجفيف منطقة …) or
        the place is only referred back to (المدينة)."""
        k = mention.first_token
        if any(t.text in COMMA for t in ctx.tokens[start:k]):
            return False
        in_phrase = (k >= 2 and (k - 1) not in ctx.at and ctx.tokens[k - 1].is_word
                     and self._is_preposition(ctx.tokens[k - 2]))
        return (trigger.pos == "verb" and mention.type in PLACE_TYPES and not in_phrase
                and mention.via != "reference"
                and "Place" in self.rels.relations[trigger.relation].object_types)

    def counted_after(self, ctx: SentenceView, i: int) -> list[Mention]:
        """The actor a count right after token i counts (لقي خمسة جنود
        مصرعهم، استشهد أكثر من عشرة مدنيين، سقط العشرات من المسلحين)."""
        k = i + 1
        counted = False
        while k < len(ctx.tokens) and k - i <= MAX_COUNT_WORDS:
            token = ctx.tokens[k]
            mention = ctx.mention_starting(k)
            if mention is not None:
                return self.coordinated_after(ctx, mention) if counted and self.is_actor(mention) else []
            if not token.is_word or not (number_value(token) is not None or token.norm == "من"
                                         or self.lex.is_marker("partitive", token.norm)
                                         or self.lex.is_marker("approximator", token.norm)):
                return []
            counted = counted or token.norm != "من"
            k += 1
        return []

    def _counted(self, ctx: SentenceView, k: int) -> bool:
        """Is the mention at k what a count before من counts (العشرات من
        مسلحي التنظيم، عددا من عناصر داعش، 20 عنصرا من داعش)? Then it is
        the direct object the من-phrase stands in for."""
        tokens = ctx.tokens
        if k < 2 or tokens[k - 1].norm != "من":
            return False

        def counts(token: Token) -> bool:
            return token.is_word and (number_value(token) is not None or self.lex.is_marker("partitive", token.norm))
        if counts(tokens[k - 2]):
            return True
        # a number and its counted noun (20 عنصرا، خمسة جنود)
        return k >= 3 and tokens[k - 2].is_word and (k - 2) not in ctx.at and counts(tokens[k - 3])

    def _prep_on_actor_noun(self, token: Token, preps: list[str]) -> bool:
        """A one-letter preposition on a noun that stands for its actor
        (الحليف الأبرز لنظام "بشار الأسد"), not on any noun (لمحاربة داعش)."""
        for prep in preps:
            if len(prep) == 1 and token.norm.startswith(prep) and len(token.norm) > 3:
                if self.lex.is_marker("actor_head", token.norm):
                    return True
        return False

    def _attached_prep(self, ctx: SentenceView, preps: list[str], mention: Mention) -> bool:
        """A one-letter preposition written onto the object (بروسيا، للجيش)."""
        return any(len(prep) == 1 and self._carries_proclitic(ctx, mention, prep) for prep in preps)

    def _governed(self, ctx: SentenceView, mention: Mention) -> bool:
        """Does a preposition govern the mention, as a word before it (في
        سوريا) or a proclitic on it (للجزائر، بموسكو)?"""
        return (self._preceded_by_prep(ctx, mention.first_token)
                or self._attached_prep(ctx, PREPOSITION_PROCLITICS, mention))

    def _preceded_by_prep(self, ctx: SentenceView, k: int) -> bool:
        """Is the mention at k the object of a standalone preposition (من، في …)?"""
        if k == 0:
            return False
        previous = ctx.tokens[k - 1]
        return self._is_preposition(previous)

    def _is_agent_marked(self, ctx: SentenceView, k: int) -> bool:
        token = ctx.tokens[k]
        if self.lex.is_marker("agent", token.norm):
            return True
        return k > 0 and self.lex.is_marker("agent", ctx.tokens[k - 1].norm)

    def _after_preposition(self, ctx: SentenceView, k: int, end: int) -> list[Mention]:
        """The mention(s) a preposition governs, skipping a few head words
        (مع الشركاء الإيرانيين، بين الرئيسين فلاديمير بوتين و …)."""
        words = 0
        while k < end and words <= MAX_AFTER_PREP:
            mention = ctx.mention_starting(k)
            if mention is not None:
                if words and self._joined_by_and(ctx, mention):
                    return []
                if words and self._is_conjunction(ctx.tokens[k - 1]):
                    return []
                return self.coordinated_after(ctx, mention)
            token = ctx.tokens[k]
            if token.text in COMMA or ctx.hard_boundary(token) or self._is_preposition(token):
                return []
            if token.is_word:
                words += 1
            k += 1
        return []

    def agent_after(self, ctx: SentenceView, i: int) -> tuple[list[Mention], int] | None:
        """Doer introduced by an agent marker after the trigger, and where the marker is."""
        tokens = ctx.tokens
        end = ctx.clause_end(i + 1)
        phrases = self.lex.marker_phrase_starts.get("agent", {})
        for k in range(i + 1, end):
            token = tokens[k]
            single = token.is_word and self.lex.is_marker("agent", token.norm)
            phrase_len = 0
            for phrase in phrases.get(token.norm, ()):
                if all(k + n < len(tokens) and tokens[k + n].norm == w for n, w in enumerate(phrase)):
                    phrase_len = len(phrase)  # the last phrase that matches, in the file's order
            if single or phrase_len:
                after = [m for m in self._after_preposition(ctx, k + max(phrase_len, 1), end) if self.is_actor(m)]
                if after:
                    return after, k
        return None
