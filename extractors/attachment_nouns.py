"""Verbal-noun arguments for argument attachment: the genitive as doer
(هجمات المتشددين) or, for some nouns, as object (مقتل، اغتيال، غزو); a
light verb's subject (تركيا شنت هجوما); the doer of a relative clause (التي
قام بها X); a pronoun on the noun (لقائه) standing for the clause's subject
when it agrees; a scene-setting preposition (خلال لقاء).

Apart from verbs because a noun's arguments are found in quite other
places, with rules (agreement, frames, relative clauses) only nouns need.
"""

from __future__ import annotations

from kg.extractors.attachment_common import Arguments
from kg.extractors.sentence_view import COMMA, SentenceView
from kg.lexicon import Lexicon, Trigger, match_keys_with_affixes
from kg.model import Mention
from kg.relations import RelationCatalog
from kg.text import Token, normalize

PRONOUNS = frozenset({"ه", "ها", "هما", "هم", "هن"})
RESUMPTIVE_BI = frozenset({"به", "بها", "بهما", "بهم"})
RELATIVES = frozenset({normalize(w) for w in ("التي", "الذي", "اللذين", "اللتين", "الذين")})
MAX_SUPPORT_GAP = 4
MAX_GATHER_GAP = 6  # لقاء ثلاثي سيعقد في الدوحة اليوم يضم: words from a meeting noun to the verb naming who meets
MAX_CLAIM_GAP = 3  # تفجير انتحاري نفذه X: words from an event noun to the verb naming its doer
MAX_RELATIVE_OBJECT_GAP = 1  # الزيارة التي قام بها X إلى Y: the object right after the relative clause's subject


class NounArgumentsMixin:
    """Arguments of a verbal noun. Mixed into ArgumentFinder."""

    lex: Lexicon
    rels: RelationCatalog

    def _noun_arguments(self, ctx: SentenceView, i: int, trigger: Trigger) -> Arguments:
        """A verbal noun: its genitive is the doer (هجمات المتشددين، الغارات
        التركية); else the actor before it; else the reporting speaker."""
        args = Arguments()
        claimed = self._claimed_by(ctx, i)
        if claimed:
            # تفجير انتحاري نفذه حزب العمال: the verb of the relative clause names the doer
            args.subjects = claimed
            args.objects, args.between = self._object_after(ctx, claimed[-1].last_token, trigger, allow_comma=False,
                                                            max_gap=MAX_RELATIVE_OBJECT_GAP)
            return args
        gathered = self._gathered(ctx, i) if self.rels.relations[trigger.relation].symmetric else []
        if len(gathered) >= 2:
            # لقاء ثلاثي يضم لافروف مع نظيريه الأميركي كيري والسعودي الجبير: among those it brings together
            return Arguments(objects=gathered, between=True)
        possessive = self._pronoun_suffix(ctx.tokens[i])
        # a pronoun on the noun takes the genitive slot: the name after it is no genitive (لقائه أردوغان)
        genitive = None if possessive else ctx.mention_starting(i + 1)
        if genitive is not None and genitive.type == "Place":
            genitive = None  # لقاء الدوحة، اتفاق فيينا، هجمات باريس: a city after the noun says where
        if (genitive is not None and self.is_actor(genitive) and genitive.via != "demonym"
                and self.lex.is_marker("object_genitive", ctx.tokens[i].norm)):
            # مقتل جندي، اغتيال الرئيس، غزو أفغانستان: the genitive is who it is done to
            args.objects = self.coordinated_after(ctx, genitive)
            args.subjects = self._support_verb_subject(ctx, i) or self._subject_before(ctx, i)
            return args
        if genitive is not None and (self.is_actor(genitive) or genitive.via == "demonym"):
            args.subjects = self.coordinated_after(ctx, genitive)
            recipients = self._recipients(ctx, i)
            if recipients:
                args.objects = recipients  # يحظى المؤتمر بتأييد ميليشيات فجر ليبيا
                return args
            # with its doer named, a transitive verbal noun takes its object
            # with ل as well (حملة القصف التركية للمقاتلين الأكراد)
            args.objects, args.between = self._object_after(ctx, args.subjects[-1].last_token, trigger, allow_comma=False,
                                                            extra_preps=("ل",) if "-" in trigger.preps else ())
            following = ctx.mention_starting(genitive.last_token)
            if not args.objects and len(args.subjects) == 1 and genitive.via == "demonym":
                if following is not None and following.via == "demonym":
                    args.objects = [following]  # الاتفاقات الروسية التركية
                elif ctx.tokens[i].norm.startswith("ب"):
                    # المعارضة تبدأ عملية … بدعم تركي: "with X's support"
                    # (X a state's adjective, so the doer) supports the
                    # clause's own actor.
                    args.objects = self._clause_actor(ctx, i)
            return args
        relative = self._relative_doer(ctx, i)
        if relative is not None:
            # الزيارة التي قام بها X إلى Y: the doer in the relative clause, the object after it
            args.subjects = relative
            args.objects, args.between = self._object_after(ctx, relative[-1].last_token, trigger, allow_comma=False,
                                                            max_gap=MAX_RELATIVE_OBJECT_GAP)
            return args
        # a verbal noun whose doer is a pronoun takes its object directly (لقائه الرئيس …)
        args.objects, args.between = self._object_after(ctx, i + 1, trigger, allow_comma=False, takes_direct=possessive)
        if args.between:
            return args
        args.subjects = self._support_verb_subject(ctx, i) or self._subject_before(ctx, i)
        if not args.subjects and self._in_frame(ctx, i):
            # بوش وبلير خلال لقاء …، لاريجاني في لقاء مع …: the actor before the
            # preposition, else the subject of the clause (وصل الملك … في زيارة)
            args.subjects = self._subject_before(ctx, i - 1) or self.main_subject(ctx, i)
        elif not args.subjects and (possessive or (disposition := self._disposition_before(ctx, i))):
            # خلال لقائه …: the pronoun is someone named before, the clause's subject;
            # in a nominal clause its topic (أن الحركة مستمرة في قتالها ضد …). So
            # too the pronoun of a disposition the noun completes (أعرب عن استعداده للتعاون مع …)
            pronoun = self._pronoun_of(ctx.tokens[i]) if possessive else disposition
            topic = self._clause_topic(ctx, i)
            subjects = topic if topic and self._agrees(pronoun, topic) else self.main_subject(ctx, i)
            if not subjects and self.opens_with_verb(ctx):
                # وأعرب عن استعداده …، وقال … معبراً عن تأييده …: with no subject of its
                # own, the sentence goes on about the one before it named
                subjects = ctx.previous_subjects
            if self._agrees(pronoun, subjects):
                args.subjects = subjects
        if args.subjects and args.subjects[0].first_token > 0 and self._is_reporting(ctx.tokens[args.subjects[0].first_token - 1]):
            # أكدت الخارجية الروسية استمرار التنسيق مع …: the ministry
            # reports; its state is the party.
            args.lifted = True
        if not args.subjects and args.objects and self.rels.relations[trigger.relation].symmetric:
            # talks, agreements, coordination: the subject of the أن-clause the noun
            # stands in, else the speaker's side is a party. Not so for an attack
            # or a killing the speaker reports on.
            args.subjects = self.complement_subject(ctx, i)
            if not args.subjects:
                args.subjects = self._speaker(ctx, i)
                args.lifted = True
            args.confidence_factor = 0.8
        return args

    def _pronoun_suffix(self, token: Token) -> bool:
        """Does the trigger word carry a pronoun: a verb its object (تطالبه،
        واتهمها), a verbal noun its doer (لقائه، زيارتها، محادثاتهما)?"""
        for _, key, suffix in match_keys_with_affixes(token.norm):
            if key in self.lex.triggers:
                return suffix in PRONOUNS
        return False

    def _disposition_before(self, ctx: SentenceView, i: int) -> str:
        """The pronoun on a noun of readiness, will or resolve (markers:
        disposition) that the verbal noun at i completes, with ل on it or a
        preposition between (استعداده للتعاون، رغبتها في التعاون، عزمهم على
        مواصلة), else ""."""
        k = i - 1
        if k >= 0 and not ctx.tokens[i].norm.startswith("ل") and self._is_preposition(ctx.tokens[k]):
            k -= 1
        elif not ctx.tokens[i].norm.startswith("ل"):
            return ""
        if k < 0 or k in ctx.at or not ctx.tokens[k].is_word:
            return ""
        # the keys include the taa marbuta's form before a pronoun (رغبته → رغبه)
        for _, key, suffix in match_keys_with_affixes(ctx.tokens[k].norm):
            if suffix in PRONOUNS and self.lex.is_marker("disposition", key):
                return suffix
        return ""

    def _pronoun_of(self, token: Token) -> str:
        for _, key, suffix in match_keys_with_affixes(token.norm):
            if key in self.lex.triggers:
                return suffix
        return ""

    @staticmethod
    def _agrees(pronoun: str, subjects: list[Mention]) -> bool:
        """Does a pronoun fit the actors it would stand for: one actor for
        ه/ها, two for هما, several or a group for هم/هن (اجتماعهم after
        «استقبل الأمير الوزراء» is the ministers', not the emir's)?"""
        if not subjects:
            return False
        if pronoun == "هما":
            return len(subjects) == 2
        if pronoun in ("هم", "هن"):
            return len(subjects) > 2 or subjects[0].type == "Group"
        return len(subjects) == 1

    def _in_frame(self, ctx: SentenceView, i: int) -> bool:
        """Is the verbal noun the object of a preposition that sets the scene
        of its clause (خلال لقاء، أثناء زيارة، في زيارة)?"""
        return i > 0 and ctx.tokens[i - 1].is_word and self.lex.is_marker("frame", ctx.tokens[i - 1].norm)

    def _relative_doer(self, ctx: SentenceView, i: int) -> list[Mention] | None:
        """الزيارة التي قام بها جون ميجور …، المحادثات التي أجراها X: the
        doer is the subject of the light verb in the relative clause right
        after the noun (an adjective may come between)."""
        tokens = ctx.tokens
        for k in range(i + 1, min(len(tokens), i + 3)):
            if k in ctx.at or not tokens[k].is_word:
                return None
            if tokens[k].norm in RELATIVES:
                verb = k + 1
                if verb < len(tokens) and verb not in ctx.at and (
                        self.lex.is_marker("support", tokens[verb].norm) or self.lex.is_marker("clause_verb", tokens[verb].norm)
                        or self.lex.is_marker("support", _without_object_pronoun(tokens[verb].norm))):
                    if verb + 1 < len(tokens) and tokens[verb + 1].norm in RESUMPTIVE_BI:
                        verb += 1  # قام بها: the pronoun stands for the noun
                    return self._subject_after(ctx, verb) or None
                return None
        return None

    def _recipients(self, ctx: SentenceView, i: int) -> list[Mention]:
        """Who receives what a ب-noun names after a receipt verb (يحظى
        المؤتمر بتأييد …، الحكومة التي تحظى بدعم …): the verb's subject,
        between them (VSO), before the verb, or the relative clause's
        antecedent."""
        found = self.marked_verb_before(ctx, i, "receipt") if ctx.tokens[i].norm.startswith("ب") else None
        if found is None:
            return []
        k, between = found
        if between is not None:
            return self.coordinated_after(ctx, between) if self.is_actor(between) else []
        return self._subject_before(ctx, k) or self.relative_antecedent(ctx, k)

    def _gathered(self, ctx: SentenceView, i: int) -> list[Mention]:
        """The participants a gathering verb names after a meeting noun
        (… يضم X مع Y و Z، … بمشاركة X و Y), within a few words of the noun
        and before any comma: the actors right after the verb, with those
        after مع that follows them."""
        tokens = ctx.tokens
        k, words = i + 1, 0
        while k < len(tokens) and words <= MAX_GATHER_GAP:
            token = tokens[k]
            if token.text in COMMA or ctx.hard_boundary(token):
                return []
            if token.is_word and k not in ctx.at and self.lex.is_marker("gathering", token.norm):
                first = ctx.mention_starting(k + 1)
                if first is None or not self.is_actor(first):
                    return []
                found = self.coordinated_after(ctx, first)
                after = found[-1].last_token
                if after + 1 < len(tokens) and tokens[after].norm == "مع":
                    partner = ctx.mention_starting(after + 1)
                    if partner is not None and self.is_actor(partner):
                        found += self.coordinated_after(ctx, partner)
                return found
            if token.is_word:
                words += 1
            k += 1
        return []

    def _claimed_by(self, ctx: SentenceView, i: int) -> list[Mention]:
        """The doer an indefinite event noun's relative clause names with a
        perpetration verb that carries the noun as its pronoun (تفجير
        انتحاري نفذه حزب العمال، هجوما شنته الطائرات): within a word or
        two of the noun, before any comma or preposition."""
        tokens = ctx.tokens
        for k in range(i + 1, min(len(tokens), i + 1 + MAX_CLAIM_GAP)):
            token = tokens[k]
            if not token.is_word or self._is_preposition(token) or token.norm in RELATIVES:
                return []
            if (k not in ctx.at and token.norm.endswith(("ه", "ها"))
                    and self.lex.is_marker("perpetration", token.norm)):
                return [m for m in self._subject_after(ctx, k) if self.is_actor(m)]
        return []

    def _clause_topic(self, ctx: SentenceView, i: int) -> list[Mention]:
        """The actor a nominal clause opens with (أن الحركة مستمرة …), when
        the clause that holds token i begins with one."""
        k = _clause_topic_index(ctx, i)
        mention = ctx.mention_starting(k) if k is not None else None
        return [mention] if mention is not None and self.is_actor(mention) and mention.last_token <= i else []

    def _support_verb_subject(self, ctx: SentenceView, i: int) -> list[Mention]:
        """The doer of a verbal noun after a light verb: the actor between
        them (وشن الأتراك هجوما) or the light verb's own subject (تركيا
        شنت هجوما)."""
        k = i - 1
        words = 0
        while k >= 0 and words < MAX_SUPPORT_GAP:
            token = ctx.tokens[k]
            aside = _date_aside_index(ctx, k) if token.text in COMMA and k not in ctx.at else None
            if aside is not None:
                k = aside  # وأجرى الحزب، أمس، محادثات: a date set off by commas
                continue
            if token.norm in RELATIVES and (k - 1) in ctx.at:
                k -= 1  # وأجرى الحزب الذي أسسه إردوغان محادثات: the clause qualifies the actor before it
                continue
            if ctx.hard_boundary(token) or (token.text in COMMA and k not in ctx.at):
                return []
            mention = ctx.at.get(k)
            if mention is not None:  # a whole subject phrase is no gap (أجرى ألكسندر سلطانوف نائب وزير … محادثات)
                k = mention.first_token - 1
                continue
            if self.lex.is_marker("support", token.norm):
                # the light verb's VSO subject, never a name a preposition governs
                # (سيعقد خلال زيارته للجزائر اجتماعا: Algeria is where, not who)
                between = [m for m in ctx.mentions if k < m.first_token < i and self.is_actor(m)
                           and not self._governed(ctx, m)]
                if between:
                    return self.coordinated_after(ctx, between[0])
                return self._subject_before(ctx, k)
            if token.is_word and not self._is_skip(token, ctx):
                words += 1
            k -= 1
        return []


def _date_aside_index(ctx: SentenceView, k: int) -> int | None:
    """For the comma at k closing «، أمس،» (a date between two commas),
    the index just before the opening comma; else None."""
    j = k - 1
    while j >= 0 and ctx.tokens[j].is_word and ctx.in_date(ctx.tokens[j]):
        j -= 1
    return j - 1 if j >= 0 and j < k - 1 and ctx.tokens[j].text in COMMA else None


def _clause_topic_index(ctx: SentenceView, i: int) -> int | None:
    """Index of the first word of the clause that holds token i (after the
    last clause boundary or the sentence start), punctuation skipped."""
    k = ctx.clause_start(i)
    while k < i and not ctx.tokens[k].is_word:
        k += 1
    return k if k < i else None


def _without_object_pronoun(norm: str) -> str:
    """أجراها → أجرى: a light verb with the pronoun of the noun it governs."""
    for suffix in ("ها", "ه", "هما", "هم"):
        if norm.endswith(suffix) and len(norm) - len(suffix) >= 2:
            stem = norm[: -len(suffix)]
            return stem[:-1] + "ي" if stem.endswith("ا") else stem
    return norm
