"""Subjects for argument attachment: the actor just before a trigger in
its clause (SVO), the actor right after a verb (VSO), the speaker of the
sentence's reporting verb, and the subject of the nearest verb before a
word (who a participle or a verb with its subject dropped refers to).

Apart from objects and verbal nouns because it reads leftwards through
asides, particles and quotations, with its own boundaries.
"""

from __future__ import annotations

from kg.extractors.attachment_nouns import RELATIVES
from kg.extractors.sentence_view import COMMA, SENTENCE_PUNCT, SentenceView
from kg.lexicon import Lexicon
from kg.model import Mention
from kg.text import Token, carries_article

MAX_VSO_GAP = 2
CLOSING_QUOTES = frozenset("»”")
OPENING_QUOTES = frozenset("«“")
MAX_ASIDE = 8  # tokens in brackets read as an aside
THEN = frozenset({"ثم"})  # a standalone conjunction that chains verbs as و/ف do
MAX_ANTECEDENT_GAP = 1  # words (adjectives) between an antecedent and its relative pronoun
# a preposition and the article on one word (بالغارات، للقوات، كالهجمات): the head of a phrase of its own,
# never an adjective of the name before it
PREPOSITION_ARTICLE = ("بال", "لل", "كال")
MAX_CONJUNCT_GAP = 2  # words (adjectives) between a VSO subject and an actor joined to it by و
MAX_EVENT_ADJECTIVES = 3  # words (adjectives; time words not counted) between an event noun and the verb that qualifies it
MAX_KANA_SUBJECT = 8  # words between كان and قد read as the subject of the verb after قد
QAD = "قد"
# a preposition carrying a pronoun (فيها، إليه، لهم), normalised: in a relative clause it holds the antecedent
RESUMPTIVES = frozenset(prep + pronoun for prep in ("في", "من", "الي", "علي", "ب", "ل", "عن", "مع")
                        for pronoun in ("ه", "ها", "هم", "هما"))
MAX_COMPLEMENT_GAP = 6  # tokens between أن/إن and the verb of its clause (its subject, particles)


class SubjectsMixin:
    """Subject search. Mixed into ArgumentFinder."""

    lex: Lexicon
    _verb_like: dict[str, bool]

    def _subject_before(self, ctx: SentenceView, i: int) -> list[Mention]:
        """Actor(s) just before token i in the same clause (SVO).

        Only particles (negation, modality, time words: لا يستبعد، بحاجة
        إلى، اليوم) may stand between the subject and the trigger, and the
        subject must open its phrase: in أكراد سوريا يطالبون, سوريا only
        qualifies أكراد, so it is not the subject."""
        k = i - 1
        tokens = ctx.tokens
        while k >= 0:
            token = tokens[k]
            if token.text == ")" and k not in ctx.at:
                opening = self._aside_start(ctx, k)
                if opening is None or (opening > 0 and opening - 1 in ctx.at):
                    return []  # واشنطن ( أ ف ب ) اتهم …: a dateline, not a subject
                k = opening - 1  # ( رويترز ) هددت إيران: the aside is not the subject
                continue
            if ctx.hard_boundary(token) or token.text in COMMA or (k not in ctx.at and self._is_reporting(token)):
                return []
            mention = ctx.at.get(k)
            if mention is not None:
                if not self.is_actor(mention):
                    return []
                group = self._coordinated_before(ctx, mention)
                if self._governed(ctx, group[0]):
                    return []  # قال لوكالة الصحافة الفرنسية «…»: a preposition's object is no subject
                return group if self._opens_phrase(ctx, group[0]) else []
            if token.is_word and not (self._is_skip(token, ctx) or self._is_particle(token) or self._is_auxiliary(token)):
                return []
            k -= 1
        return []

    @staticmethod
    def _aside_start(ctx: SentenceView, k: int) -> int | None:
        """Index of the "(" that opens the bracket closed at k, if close by."""
        for j in range(k - 1, max(-1, k - MAX_ASIDE - 1), -1):
            if ctx.tokens[j].text == "(":
                return j
        return None

    def _after_resumptive(self, ctx: SentenceView, i: int) -> bool:
        """Is the verb at i right after "that he/she" (إنها، بأنه), particles
        allowed between?"""
        k = i - 1
        while k >= 0 and (self._is_particle(ctx.tokens[k]) or not ctx.tokens[k].is_word):
            k -= 1
        return k >= 0 and k not in ctx.at and self.lex.is_marker("resumptive", ctx.tokens[k].norm)

    def _opens_phrase(self, ctx: SentenceView, mention: Mention) -> bool:
        """Does the mention start a noun phrase (rather than modify the
        noun before it, as سوريا in أكراد سوريا or مصر in وفي مصر)?"""
        if mention.first_token == 0 or self._joined_by_and(ctx, mention):
            return True
        previous = ctx.tokens[mention.first_token - 1]
        if not previous.is_word:
            return True
        if self._is_preposition(previous):
            return False
        return (ctx.hard_boundary(previous) or self._is_skip(previous, ctx) or self._is_particle(previous)
                or self._is_reporting(previous) or self._is_conjunction(previous) or self._is_auxiliary(previous))

    def _subject_after(self, ctx: SentenceView, i: int) -> list[Mention]:
        """VSO: the actor right after the verb (time words may come between)."""
        k = i + 1
        gap = 0
        tokens = ctx.tokens
        while k < len(tokens) and gap <= MAX_VSO_GAP:
            token = tokens[k]
            if ctx.hard_boundary(token):
                return []
            mention = ctx.mention_starting(k)
            if mention is not None:
                return self.coordinated_after(ctx, mention) if self.is_actor(mention) else []
            following = ctx.mention_starting(k + 1)
            if (following is None and k + 2 < len(tokens) and tokens[k + 1].is_word
                    and self.lex.is_marker("force_adjective", tokens[k + 1].norm)):
                following = ctx.mention_starting(k + 2)  # طائرات حربية تركية
            if token.is_word and following is not None and following.via == "demonym" and self.is_actor(following):
                # a head noun and its state's adjective: الطائرات الإسرائيلية
                return self.coordinated_after(ctx, following)
            if token.is_word and not self._is_skip(token, ctx):
                return []
            k += 1
            if token.is_word:
                gap += 1
        return []

    def subject_conjuncts(self, ctx: SentenceView, k: int) -> list[Mention]:
        """Actors joined by و to a VSO subject that ends at token k, past the
        subject's adjectives, when a comma closes them (اتهمت الحكومة اليمنية
        المقيمة وقوات التحالف، الحوثيين …): the comma ends the long subject,
        so what follows it is the object. Without the comma the و-phrase may
        as well begin the object (استقبل الرئيس الوزير ووفده), so it is left."""
        tokens = ctx.tokens
        words = 0
        while k < len(tokens) and words <= MAX_CONJUNCT_GAP:
            token = tokens[k]
            mention = ctx.mention_starting(k)
            if mention is None and self._is_conjunction(token):
                mention = ctx.mention_starting(k + 1)
                if mention is None:
                    return []
            elif mention is not None and not self._joined_by_and(ctx, mention):
                return []
            if mention is not None:
                if not self.is_actor(mention):
                    return []
                group = self.coordinated_after(ctx, mention)
                end = group[-1].last_token
                return group if end < len(tokens) and tokens[end].text in COMMA else []
            if not token.is_word or ctx.hard_boundary(token):
                return []
            words += 1
            k += 1
        return []

    def event_noun_doer(self, ctx: SentenceView, i: int) -> list[Mention]:
        """For a verb with no subject of its own that qualifies the event noun
        before it (a relative clause on an indefinite noun, which takes no
        relative pronoun: نفذت القوات العراقية عملية عسكرية استهدفت معاقل
        التنظيم): the doer of that event, the subject of its light verb."""
        k = i - 1
        words = 0
        while k >= 0 and words <= MAX_EVENT_ADJECTIVES:
            token = ctx.tokens[k]
            if not token.is_word or k in ctx.at or self._is_preposition(token):
                return []
            if self.lex.is_marker("operation", token.norm) or any(t.pos == "noun" for t in self.lex.lookup(token.norm)):
                return self._support_verb_subject(ctx, k)
            if not self._is_skip(token, ctx):
                words += 1
            k -= 1
        return []

    def _clause_actor(self, ctx: SentenceView, i: int) -> list[Mention]:
        """The first actor of the clause that holds token i."""
        start = ctx.clause_start(i)
        for mention in ctx.mentions:
            if start <= mention.first_token < i and self.is_actor(mention):
                return [mention]
        return []

    def _speaker(self, ctx: SentenceView, i: int) -> list[Mention]:
        """The subject of the sentence's reporting verb before token i."""
        tokens = ctx.tokens
        for k in range(i - 1, -1, -1):
            token = tokens[k]
            if k not in ctx.at and self._is_reporting(token):
                after = self._subject_after(ctx, k)
                if after:
                    return after
                before = self._subject_before(ctx, k)
                if before:
                    return before
        return []

    def circumstantial(self, ctx: SentenceView, i: int) -> bool:
        """Does the participle at i describe its clause's doer (…، محذرا من …؛
        قالت الوزارة محذرة), rather than qualify the noun before it (قيادات
        رافضة للحرب) or stand as a noun (المتهم)? Not with the article; a
        feminine form only after a comma or right after a name."""
        token = ctx.tokens[i]
        if carries_article(token.norm):
            return False
        if not token.norm.endswith("ه"):
            return True
        previous = ctx.tokens[i - 1] if i > 0 else None
        return previous is None or not previous.is_word or (i - 1) in ctx.at

    def _subject_dropped(self, ctx: SentenceView, i: int) -> bool:
        """A verb with no subject of its own that continues its clause's
        subject: right before «خلالها» (زيارة … التقت خلالها نظيرتها)."""
        k = i + 1
        return k < len(ctx.tokens) and k not in ctx.at and self.lex.is_marker("continuing", ctx.tokens[k].norm)

    def _opens_relative(self, ctx: SentenceView, i: int) -> bool:
        """Is the verb at i the first word of a relative clause whose subject
        is the antecedent (الذي يؤيد صالح), not what it was done to (التي
        قصفها الطيران: the verb carries the antecedent as its pronoun) nor
        where or to whom (القاهرة التي التقى فيها الملك …: a preposition
        with the antecedent's pronoun follows the verb)?"""
        return (i > 0 and ctx.tokens[i - 1].norm in RELATIVES and not self._pronoun_suffix(ctx.tokens[i])
                and not (i + 1 < len(ctx.tokens) and ctx.tokens[i + 1].norm in RESUMPTIVES))

    def relative_antecedent(self, ctx: SentenceView, i: int) -> list[Mention]:
        """The subject of a verb that opens a relative clause: the actor the
        relative pronoun refers to (ميليشيات فجر ليبيا المتطرفة، التي تسيطر
        على طرابلس; المتمردين الحوثيين الذين سيطروا على صنعاء). Not when the
        verb carries an object pronoun: then the antecedent is what was done
        to (الأهداف التي قصفها الطيران)."""
        if i < 2 or not self._opens_relative(ctx, i):
            return []
        words = 0
        k = i - 2
        while k >= 0 and words <= MAX_ANTECEDENT_GAP:
            token = ctx.tokens[k]
            mention = ctx.at.get(k)
            if mention is not None:
                return [mention] if self.is_actor(mention) else []
            if token.text in SENTENCE_PUNCT or (token.is_word and ctx.hard_boundary(token)):
                return []
            if token.is_word and token.norm.startswith(PREPOSITION_ARTICLE):
                return []  # لم تبلغ حكومة الإقليم بالغارات، التي استهدفت: the raids are the antecedent
            if token.is_word:
                words += 1  # an adjective after the name (المتطرفة)
            k -= 1
        return []

    def coordinated_verb_subject(self, ctx: SentenceView, i: int) -> list[Mention]:
        """The subject a verb joined by و/ف to an earlier event verb of its
        clause shares with it (اقتحم مسلحو المقاومة القرية وسيطروا على التلة;
        قصفت الطائرات المواقع فدمرتها، زار الكاميرون ثم زار بنين):
        Arabic states the subject once for a chain of verbs. Only an event verb passes its subject on: after a
        reporting verb the next verb is usually inside what was said."""
        joined = ctx.tokens[i].norm.startswith(("و", "ف")) or (i > 0 and ctx.tokens[i - 1].norm in THEN)
        if not joined:
            return []
        k = i - 1
        while k >= 0:
            token = ctx.tokens[k]
            if ctx.hard_boundary(token) or token.text in CLOSING_QUOTES:
                return []
            mention = ctx.at.get(k)
            if mention is not None:
                k = mention.first_token - 1
                continue
            if token.is_word and any(t.pos == "verb" for t in self.lex.lookup(token.norm)):
                if self._is_reporting(token):
                    return []
                # the earlier verb's own subject, or the one it carries over from
                # the sentence before (وسيحط أولا في سنغافورة، ثم يزور ماليزيا)
                return self._subject_before(ctx, k) or self._subject_after(ctx, k) or self.carried_subject(ctx, k) or []
            k -= 1
        return []

    def main_subject(self, ctx: SentenceView, i: int) -> list[Mention]:
        """The subject of the nearest verb before token i in the sentence
        that has one named (a reporting verb, a light verb, a trigger verb,
        كان or a verb of the `clause_verb` list): who a participle, a verb
        with its subject dropped or a verbal noun with a pronoun refers to
        (وصل الملك … في زيارة …؛ قال X … محذرا). Past a comma, a verb
        inside a clause that أن/إن opens is not the main one (جدد السيسي
        التأكيد على أن فلسطين سوف تظل …، مشددا أثناء لقائه …: Sisi, not
        Palestine); when no verb before that clause names its subject, the
        sentence's subject does. Before the comma the word is inside that
        clause itself (إن لافروف سيعقد اجتماعا … خلال زيارة: Lavrov)."""
        k = i - 1
        embedded = past_comma = False
        while k >= 0:
            token = ctx.tokens[k]
            if token.text in SENTENCE_PUNCT:
                break
            if token.text in CLOSING_QUOTES:
                # وأضاف X أن «…»، مهددا …: the verbs of a quotation are the speaker's words
                k = next((j for j in range(k - 1, -1, -1) if ctx.tokens[j].text in OPENING_QUOTES), 0) - 1
                continue
            mention = ctx.at.get(k)
            if mention is not None:
                k = mention.first_token - 1
                continue
            past_comma = past_comma or token.text in COMMA
            if self._is_verb_like(token):
                opener = self._complement_opener(ctx, k) if past_comma else None
                if opener is not None:
                    k, embedded = opener - 1, True
                    continue
                subjects = self._subject_before(ctx, k)
                if not subjects and self.subject_before_qad(ctx, k):
                    return []  # وكان مسؤول … قد طالب تركيا …، داعيا: the unnamed official, not Turkey
                subjects = subjects or self._subject_after(ctx, k)
                if subjects:
                    return subjects
            k -= 1
        return self.sentence_subject(ctx) if embedded else []

    def subject_before_qad(self, ctx: SentenceView, i: int) -> bool:
        """Does the verb at i follow قد, with words between كان (or its kin)
        and قد? Then those words are its subject, named or not (وكان مسؤول
        في إقليم كردستان قد طالب تركيا …), and the name after the verb is
        its object, not a subject in verb-first order."""
        if i < 2 or ctx.tokens[i - 1].norm != QAD:
            return False
        words = 0
        for k in range(i - 2, max(-1, i - 2 - MAX_KANA_SUBJECT - 1), -1):
            token = ctx.tokens[k]
            if token.text in SENTENCE_PUNCT or token.text in COMMA:
                return False
            if self._is_auxiliary(token):
                return words > 0
            if token.is_word:
                words += 1
        return False

    def complement_subject(self, ctx: SentenceView, i: int) -> list[Mention]:
        """The actor right after the أن/إن whose clause holds token i, with
        no comma between (وأضاف إسماعيل أن مصر تتوقع الانتهاء من اتفاق مع …:
        Egypt, not the speaker)."""
        k = i - 1
        while k >= 0:
            token = ctx.tokens[k]
            if token.text in SENTENCE_PUNCT or token.text in COMMA:
                return []
            mention = ctx.at.get(k)
            if mention is not None:
                before = mention.first_token - 1
                if (before >= 0 and self.is_actor(mention) and ctx.tokens[before].is_word
                        and self.lex.is_marker("complementizer", ctx.tokens[before].norm)):
                    return self._coordinated_before(ctx, mention)
                k = before
                continue
            k -= 1
        return []

    def _complement_opener(self, ctx: SentenceView, k: int) -> int | None:
        """Where أن/إن opens the clause of the verb at k: the complementizer
        before the verb, with only its subject and particles between."""
        j = k - 1
        while j >= 0 and k - j <= MAX_COMPLEMENT_GAP:
            token = ctx.tokens[j]
            mention = ctx.at.get(j)
            if mention is not None:
                j = mention.first_token - 1
                continue
            if token.is_word and self.lex.is_marker("complementizer", token.norm):
                return j
            if token.is_word and not (self._is_particle(token) or self._is_skip(token, ctx)):
                return None
            j -= 1
        return None

    def _is_verb_like(self, token: Token) -> bool:
        """A reporting, auxiliary, support or clause verb, or a word the
        lexicon reads as a verb. It reads the word form alone, and the
        discourse tests ask it of most words of every sentence, so the
        answer is kept per form (bounded like the segmenter's cache)."""
        if not token.is_word:
            return False
        norm = token.norm
        answer = self._verb_like.get(norm)
        if answer is None:
            lex = self.lex
            answer = (lex.is_marker("reporting", norm) or lex.is_marker("auxiliary", norm)
                      or lex.is_marker("support", norm) or lex.is_marker("clause_verb", norm)
                      or any(t.pos == "verb" for t in lex.lookup(norm)))
            if len(self._verb_like) < 200_000:
                self._verb_like[norm] = answer
        return answer

