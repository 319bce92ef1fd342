"""Argument attachment for the rule extractor: who does what to whom
around a trigger word of the lexicon.

* subject: the actor just before the trigger in the same clause (SVO), else
  the actor right after a verb (VSO); for a verbal noun, the genitive actor
  right after it (هجمات المتشددين، بدعم تركي), else the actor before it,
  else the speaker of the sentence's reporting verb (أعلنت الخارجية التركية
  أن المباحثات مع …), lifted to its state;
* object: the actor after the row's preposition (مع، على، ب …) or the direct
  object; بين X و Y gives both sides; an agent marker (بنيران، على يد) turns
  the clause round (قتل 8 جنود بنيران قوات … : the forces are the killers);
* coordination (تركيا وإيران) gives one relation per conjunct.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from extractors.phrases import PhraseList
from extractors.sentence_view import COMMA, SENTENCE_PUNCT, SentenceView
from kg.gazetteer import Gazetteer
from kg.lexicon import Lexicon, Trigger, match_keys_with_affixes
from kg.model import Mention
from kg.naming import is_discovered
from kg.ontology_data import ontology_dir, read_tsv
from kg.relations import ACTOR_TYPES, RelationCatalog
from kg.text import Token, alias_key, carries_article, normalize, strip_article

CONJUNCTION = "و"
GIVEN_NAMES = "ner_given_names.tsv"
PRONOUNS = frozenset({"ه", "ها", "هما", "هم", "هن"})
UNGOVERNED = ("ب",)  # a preposition written onto a name that is then no direct object (للجيش may be: مقرا للجيش)
RESUMPTIVE_BI = frozenset({"به", "بها", "بهما", "بهم"})
RELATIVES = frozenset({normalize(w) for w in ("التي", "الذي", "اللذين", "اللتين", "الذين")})
MAX_VSO_GAP = 2
MAX_OBJECT_GAP = 7
MAX_DIRECT_GAP = 3
MAX_AFTER_PREP = 3
MAX_SUPPORT_GAP = 4
MAX_RELATIVE_OBJECT_GAP = 1  # الزيارة التي قام بها X إلى Y: the object right after the relative clause's subject
CLOSING_QUOTES = frozenset("»”")
OPENING_QUOTES = frozenset("«“")
MAX_ASIDE = 8  # tokens in brackets read as an aside


@lru_cache(maxsize=None)
def waw_names() -> frozenset[str]:
    """Given names that begin with و (وليد، وائل …), from the NER's name list."""
    names = (normalize(row["name"]) for row in read_tsv(ontology_dir() / GIVEN_NAMES))
    return frozenset(name for name in names if name.startswith(CONJUNCTION))


@dataclass
class Arguments:
    """What argument attachment found for one trigger."""

    subjects: list[Mention] = field(default_factory=list)
    objects: list[Mention] = field(default_factory=list)
    between: bool = False  # the objects are the two sides of بين … و …
    lifted: bool = False  # the subject speaks for its state (a ministry)
    confidence_factor: float = 1.0


class ArgumentFinder:
    """Finds the subjects and objects of a trigger in one sentence."""

    def __init__(self, lexicon: Lexicon, gazetteer: Gazetteer, relations: RelationCatalog,
                 honorifics: PhraseList) -> None:
        self.lex = lexicon
        self.gaz = gazetteer
        self.rels = relations
        self.honorifics = honorifics
        # words that may stand between a subject and its verb: the modality
        # cues' words (لا، لم، قد، بحاجة، إلى …) and سوف
        self.particles = frozenset(w for cue in self.lex.modality for w in cue.words) | {normalize("سوف")}

    def _is_skip(self, token: Token, ctx: SentenceView) -> bool:
        return self.lex.is_marker("skip", token.norm) or ctx.in_date(token)

    def _is_reporting(self, token: Token) -> bool:
        """A reporting verb: its subject speaks, it does not act in what is reported."""
        return token.is_word and self.lex.is_marker("reporting", token.norm)

    def _is_preposition(self, token: Token) -> bool:
        """A standalone preposition (في، من، مع …), also after و/ف."""
        return token.is_word and self.lex.is_marker("preposition", token.norm)

    def _and_preposition(self, token: Token) -> bool:
        """و + preposition, as in من روسيا ومن تركيا."""
        return token.norm.startswith(CONJUNCTION) and self.lex.is_marker("preposition", token.norm[len(CONJUNCTION):])

    def _is_conjunction(self, token: Token) -> bool:
        return token.norm == CONJUNCTION

    # ---- argument search ----------------------------------------------
    def coordinated_after(self, ctx: SentenceView, first: Mention) -> list[Mention]:
        """`first` and the mentions joined to it by و (تركيا وإيران، الإيرانيين
        والأتراك، من روسيا ومن تركيا)."""
        group = [first]
        k = first.last_token
        tokens = ctx.tokens
        while k < len(tokens):
            token = tokens[k]
            nxt = ctx.mention_starting(k)
            if nxt is not None and self._joined_by_and(ctx, nxt):
                pass
            elif (self._is_conjunction(token) or self._and_preposition(token)) and ctx.mention_starting(k + 1):
                nxt = ctx.mention_starting(k + 1)
            else:
                break
            group.append(nxt)
            k = nxt.last_token
        return group

    def _joined_by_and(self, ctx: SentenceView, mention: Mention) -> bool:
        """Does the mention carry the conjunction و as a proclitic (وإيران),
        rather than a name that starts with و (وليد)?"""
        return self._carries_proclitic(ctx, mention, CONJUNCTION)

    def _carries_proclitic(self, ctx: SentenceView, mention: Mention, letter: str) -> bool:
        """Is `letter` a proclitic on the mention's first word, not the first
        letter of the name itself (لبنان، وليد) or of the title or honorific
        its phrase opens with (وزير، والي)?"""
        token = ctx.tokens[mention.first_token]
        if not token.norm.startswith(letter):
            return False
        if not ctx.opens_with_name(mention):
            key = alias_key(token.norm)
            return key not in self.gaz.titles and key not in self.honorifics.index
        if is_discovered(mention.entity_id):
            # a name only the NER found is spelt as written (ولوكاشنكو، للجزيرة):
            # و is the conjunction unless the word is a given name that begins
            # with it; another letter is a preposition before the article
            if letter == CONJUNCTION:
                return strip_article(token.norm) not in waw_names()
            return token.norm.startswith(letter + "ال") or (letter == "ل" and token.norm.startswith("لل"))
        first_words = {strip_article(normalize(alias).split()[0]) for alias in self.gaz.entity(mention.entity_id).aliases_ar if alias.strip()}
        return strip_article(token.norm) not in first_words

    def _coordinated_before(self, ctx: SentenceView, last: Mention) -> list[Mention]:
        """`last` and the mentions joined to it from the left (تركيا وروسيا تتفقان)."""
        group = [last]
        current = last
        tokens = ctx.tokens
        while current.first_token > 0:
            starts_with_and = self._joined_by_and(ctx, current)
            k = current.first_token - 1
            if self._is_conjunction(tokens[k]):
                k -= 1
            elif not starts_with_and:
                break
            previous = ctx.at.get(k)
            if previous is None or previous.last_token != k + 1:
                break
            group.insert(0, previous)
            current = previous
        return group

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

    def _is_auxiliary(self, token: Token) -> bool:
        """كان and its kin (وكان، كانت، ظل …) before a subject and its verb."""
        return token.is_word and self.lex.is_marker("auxiliary", token.norm)

    def _after_resumptive(self, ctx: SentenceView, i: int) -> bool:
        """Is the verb at i right after "that he/she" (إنها، بأنه), particles
        allowed between?"""
        k = i - 1
        while k >= 0 and (self._is_particle(ctx.tokens[k]) or not ctx.tokens[k].is_word):
            k -= 1
        return k >= 0 and k not in ctx.at and self.lex.is_marker("resumptive", ctx.tokens[k].norm)

    def _is_particle(self, token: Token) -> bool:
        """A particle, bare or after the conjunctions و/ف (ولم، فلا)."""
        norm = token.norm
        return norm in self.particles or (norm[:1] in ("و", "ف") and norm[1:] in self.particles)

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

    def is_actor(self, mention: Mention) -> bool:
        return bool(mention.actor_id) and (mention.type in ACTOR_TYPES or mention.actor_id != mention.entity_id)

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
            if token.is_word and following is not None and following.via == "demonym" and self.is_actor(following):
                # a head noun and its state's adjective: الطائرات الإسرائيلية
                return self.coordinated_after(ctx, following)
            if token.is_word and not self._is_skip(token, ctx):
                return []
            k += 1
            if token.is_word:
                gap += 1
        return []

    def object_fits(self, relation: str, mention: Mention) -> bool:
        """Places fit place slots; otherwise the mention must act (a state
        adjective in الناشط المصري is no object of التقى)."""
        types = self.rels.relations[relation].object_types
        if mention.type == "Place" and "Place" in types:
            return True
        return self.is_actor(mention) and bool(types & (ACTOR_TYPES | {"Country"}))

    def _clause_actor(self, ctx: SentenceView, i: int) -> list[Mention]:
        """The first actor of the clause that holds token i."""
        k = i - 1
        while k >= 0 and not ctx.hard_boundary(ctx.tokens[k]):
            k -= 1
        for mention in ctx.mentions:
            if k < mention.first_token < i and self.is_actor(mention):
                return [mention]
        return []

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
                direct = ((trigger.direct_object or takes_direct) and not pronoun_object and not past_preposition
                          and words_seen <= MAX_DIRECT_GAP and not self._preceded_by_prep(ctx, k)
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
            if self._is_preposition(token) and k + 1 < end and ctx.mention_starting(k + 1) is None:
                # حث … في تصريحات للجزيرة السلطات (but توعد تنظيم داعش في ليبيا مجلس النواب:
                # a place right after the preposition qualifies the subject)
                past_preposition = True
            words_seen += 1
            k += 1
        return [], False

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
        for k in range(i + 1, end):
            token = tokens[k]
            single = token.is_word and self.lex.is_marker("agent", token.norm)
            phrase_len = 0
            for phrase in self.lex.marker_phrases.get("agent", ()):
                if all(k + n < len(tokens) and tokens[k + n].norm == w for n, w in enumerate(phrase)):
                    phrase_len = len(phrase)
            if single or phrase_len:
                after = [m for m in self._after_preposition(ctx, k + max(phrase_len, 1), end) if self.is_actor(m)]
                if after:
                    return after, k
        return None

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

    def lift(self, mention: Mention) -> str:
        """A ministry speaking for its state: the state (part_of a Country)."""
        entity = self.gaz.entity(mention.entity_id)
        parent = entity.link("part_of")
        if parent and parent in self.gaz.entities and self.gaz.entity(parent).type == "Country":
            return parent
        return mention.actor_id or mention.entity_id


    def arguments(self, ctx: SentenceView, i: int, trigger: Trigger) -> Arguments:
        """Subjects and objects of the trigger at token i, by its part of speech."""
        if trigger.pos == "verb":
            args = Arguments(subjects=self._subject_before(ctx, i))
            after_subject = i + 1
            if not args.subjects:
                args.subjects = self._subject_after(ctx, i)
                if args.subjects:
                    after_subject = args.subjects[-1].last_token
            if not args.subjects and self._after_resumptive(ctx, i):
                # قالت الخارجية الأمريكية إنها تدين …: "she" is the speaker
                args.subjects = self._speaker(ctx, i)
                args.lifted = True
            if not args.subjects and self._subject_dropped(ctx, i):
                args.subjects = self.main_subject(ctx, i)
            args.objects, args.between = self._object_after(ctx, after_subject, trigger, allow_comma=True,
                                                            pronoun_object=self._pronoun_suffix(ctx.tokens[i]))
            return args
        if trigger.pos == "participle":
            # قال …، محذرا X من …: the participle's doer is its clause's subject
            args = Arguments(subjects=self.main_subject(ctx, i))
            args.objects, args.between = self._object_after(ctx, i + 1, trigger, allow_comma=False,
                                                            pronoun_object=self._pronoun_suffix(ctx.tokens[i]))
            return args
        if trigger.pos == "apposition":
            before = ctx.at.get(i - 1)
            args = Arguments(subjects=self._coordinated_before(ctx, before) if before is not None and self.is_actor(before) else [])
            args.objects, args.between = self._object_after(ctx, i + 1, trigger, allow_comma=False)
            return args
        return self._noun_arguments(ctx, i, trigger)

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

    def main_subject(self, ctx: SentenceView, i: int) -> list[Mention]:
        """The subject of the nearest verb before token i in the sentence
        that has one named (a reporting verb, a light verb, a trigger verb,
        كان or a verb of the `clause_verb` list): who a participle, a verb
        with its subject dropped or a verbal noun with a pronoun refers to
        (وصل الملك … في زيارة …؛ قال X … محذرا)."""
        k = i - 1
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
            if self._is_verb_like(token):
                subjects = self._subject_before(ctx, k) or self._subject_after(ctx, k)
                if subjects:
                    return subjects
            k -= 1
        return []

    def _is_verb_like(self, token: Token) -> bool:
        if not token.is_word:
            return False
        norm = token.norm
        if self._is_reporting(token) or self._is_auxiliary(token) or self.lex.is_marker("support", norm):
            return True
        if self.lex.is_marker("clause_verb", norm):
            return True
        return any(t.pos == "verb" for t in self.lex.lookup(norm))

    def _noun_arguments(self, ctx: SentenceView, i: int, trigger: Trigger) -> Arguments:
        """A verbal noun: its genitive is the doer (هجمات المتشددين، الغارات
        التركية); else the actor before it; else the reporting speaker."""
        args = Arguments()
        possessive = self._pronoun_suffix(ctx.tokens[i])
        # a pronoun on the noun takes the genitive slot: the name after it is no genitive (لقائه أردوغان)
        genitive = None if possessive else ctx.mention_starting(i + 1)
        if (genitive is not None and self.is_actor(genitive) and genitive.via != "demonym"
                and self.lex.is_marker("object_genitive", ctx.tokens[i].norm)):
            # مقتل جندي، اغتيال الرئيس، غزو أفغانستان: the genitive is who it is done to
            args.objects = self.coordinated_after(ctx, genitive)
            args.subjects = self._support_verb_subject(ctx, i) or self._subject_before(ctx, i)
            return args
        if genitive is not None and (self.is_actor(genitive) or genitive.via == "demonym"):
            args.subjects = self.coordinated_after(ctx, genitive)
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
        elif not args.subjects and possessive:
            # خلال لقائه …: the pronoun is someone named before, the clause's subject
            subjects = self.main_subject(ctx, i)
            if self._agrees(self._pronoun_of(ctx.tokens[i]), subjects):
                args.subjects = subjects
        if args.subjects and args.subjects[0].first_token > 0 and self._is_reporting(ctx.tokens[args.subjects[0].first_token - 1]):
            # أكدت الخارجية الروسية استمرار التنسيق مع …: the ministry
            # reports; its state is the party.
            args.lifted = True
        if not args.subjects and args.objects and self.rels.relations[trigger.relation].symmetric:
            # talks, agreements, coordination: the speaker's side is a party.
            # Not so for an attack or a killing the speaker reports on.
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

    def _support_verb_subject(self, ctx: SentenceView, i: int) -> list[Mention]:
        """The doer of a verbal noun after a light verb: the actor between
        them (وشن الأتراك هجوما) or the light verb's own subject (تركيا
        شنت هجوما)."""
        k = i - 1
        words = 0
        while k >= 0 and words < MAX_SUPPORT_GAP:
            token = ctx.tokens[k]
            if ctx.hard_boundary(token) or (token.text in COMMA and k not in ctx.at):
                return []
            mention = ctx.at.get(k)
            if mention is not None:  # a whole subject phrase is no gap (أجرى ألكسندر سلطانوف نائب وزير … محادثات)
                k = mention.first_token - 1
                continue
            if self.lex.is_marker("support", token.norm):
                between = [m for m in ctx.mentions if k < m.first_token < i and self.is_actor(m)]
                if between:
                    return self.coordinated_after(ctx, between[0])
                return self._subject_before(ctx, k)
            if token.is_word and not self._is_skip(token, ctx):
                words += 1
            k -= 1
        return []


def _without_object_pronoun(norm: str) -> str:
    """أجراها → أجرى: a light verb with the pronoun of the noun it governs."""
    for suffix in ("ها", "ه", "هما", "هم"):
        if norm.endswith(suffix) and len(norm) - len(suffix) >= 2:
            stem = norm[: -len(suffix)]
            return stem[:-1] + "ي" if stem.endswith("ا") else stem
    return norm
