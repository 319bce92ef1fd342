"""Event relations from the trigger lexicon, with rule-based argument
attachment.

For each trigger word (a verb or verbal noun of `ontology/triggers.tsv`):

* subject: the actor just before the trigger in the same clause (SVO), else
  the actor right after a verb (VSO); for a verbal noun, the genitive actor
  right after it (هجمات المتشددين، بدعم تركي), else the actor before it,
  else the speaker of the sentence's reporting verb (أعلنت الخارجية التركية
  أن المباحثات مع …), lifted to its state;
* object: the actor after the row's preposition (مع، على، ب …) or the direct
  object; بين X و Y gives both sides; an agent marker (بنيران، على يد) turns
  the clause round (قتل 8 جنود بنيران قوات … : the forces are the killers);
* coordination (تركيا وإيران) gives one relation per conjunct;
* modality from cue words around the trigger, dates from the sentence's
  date expressions resolved against the article's date;
* an event found with a side missing is recorded only if the sentence
  reports it (kg.event_classifier, for the event types it has a model of)
  or, for other types, if the sentence anchors it (a place, a count, a date).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from extractors.attributes import EventAttributes
from extractors.sentence_view import COMMA, SentenceView
from kg.dates import find_date_mentions
from kg.event_classifier import SentenceEventModel, shipped_models
from kg.gazetteer import Gazetteer, load_gazetteer
from kg.lexicon import Lexicon, Trigger, load_lexicon, match_keys
from kg.model import MODEL_VIA, Article, EventMention, Mention, RelationMention, Span
from kg.registry import relation_extractors
from kg.relations import ACTOR_TYPES, RelationCatalog, RelationDef, load_relations
from kg.text import Sentence, Token, normalize, strip_article

NAME = "rules"
CONJUNCTION = "و"
MAX_VSO_GAP = 2
MAX_OBJECT_GAP = 7
MAX_DIRECT_GAP = 3
MAX_AFTER_PREP = 3
MAX_SUPPORT_GAP = 4
REQUIRES_WINDOW = 3
PARTIAL_FACTOR = 0.8  # an event with a side missing is less certain to be read right
UNNAMED_FACTOR = 0.8  # … and one with neither side named, less again
GENERIC_PLURAL_FACTOR = 0.7
REFERENCE_FACTOR = 0.6
REFERENCE_WINDOW = 2
ACTING_GROUP_CONFIDENCE = 0.6


@dataclass
class _Arguments:
    """What argument attachment found for one trigger."""

    subjects: list[Mention] = field(default_factory=list)
    objects: list[Mention] = field(default_factory=list)
    between: bool = False  # the objects are the two sides of بين … و …
    lifted: bool = False  # the subject speaks for its state (a ministry)
    confidence_factor: float = 1.0


class RuleRelationExtractor:
    """See the module docstring."""

    name = NAME

    def __init__(self, lexicon: Lexicon | None = None, gazetteer: Gazetteer | None = None,
                 relations: RelationCatalog | None = None,
                 event_models: dict[str, SentenceEventModel] | None = None) -> None:
        self.lex = lexicon or load_lexicon()
        # PLOVER type -> sentence classifier (default: the shipped ones)
        self.event_models = shipped_models() if event_models is None else event_models
        self.gaz = gazetteer or load_gazetteer()
        self.rels = relations or load_relations()
        self.attributes = EventAttributes(self.lex)
        # words that may stand between a subject and its verb: the modality
        # cues' words (لا، لم، قد، بحاجة، إلى …) and سوف
        self.particles = frozenset(w for cue in self.lex.modality for w in cue.words) | {normalize("سوف")}

    # ---- token classes ------------------------------------------------
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
    def _coordinated_after(self, ctx: SentenceView, first: Mention) -> list[Mention]:
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
        return self._carries_proclitic(ctx.tokens[mention.first_token], mention, CONJUNCTION)

    def _carries_proclitic(self, token: Token, mention: Mention, letter: str) -> bool:
        """Is `letter` a proclitic on the mention's first word, not the first
        letter of the name itself (لبنان، وليد)?"""
        if not token.norm.startswith(letter):
            return False
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
            if ctx.hard_boundary(token) or token.text in COMMA or (k not in ctx.at and self._is_reporting(token)):
                return []
            mention = ctx.at.get(k)
            if mention is not None:
                if not self._is_actor(mention):
                    return []
                group = self._coordinated_before(ctx, mention)
                return group if self._opens_phrase(ctx, group[0]) else []
            if token.is_word and not (self._is_skip(token, ctx) or self._is_particle(token)):
                return []
            k -= 1
        return []

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
                or self._is_reporting(previous) or self._is_conjunction(previous))

    def _is_actor(self, mention: Mention) -> bool:
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
                return self._coordinated_after(ctx, mention) if self._is_actor(mention) else []
            following = ctx.mention_starting(k + 1)
            if token.is_word and following is not None and following.via == "demonym" and self._is_actor(following):
                # a head noun and its state's adjective: الطائرات الإسرائيلية
                return self._coordinated_after(ctx, following)
            if token.is_word and not self._is_skip(token, ctx):
                return []
            k += 1
            if token.is_word:
                gap += 1
        return []

    def _object_fits(self, relation: str, mention: Mention) -> bool:
        """Places fit place slots; otherwise the mention must act (a state
        adjective in الناشط المصري is no object of التقى)."""
        types = self.rels.relations[relation].object_types
        if mention.type == "Place" and "Place" in types:
            return True
        return self._is_actor(mention) and bool(types & (ACTOR_TYPES | {"Country"}))

    def _clause_actor(self, ctx: SentenceView, i: int) -> list[Mention]:
        """The first actor of the clause that holds token i."""
        k = i - 1
        while k >= 0 and not ctx.hard_boundary(ctx.tokens[k]):
            k -= 1
        for mention in ctx.mentions:
            if k < mention.first_token < i and self._is_actor(mention):
                return [mention]
        return []

    def _object_after(self, ctx: SentenceView, start: int, trigger: Trigger, allow_comma: bool) -> tuple[list[Mention], bool]:
        """Object mention(s) after token `start`; the flag says whether they
        were introduced by بين (so the relation holds between them).

        A direct object stands within a few words (حاصرت ثلاث نقاط للجيش
        التركي); a name written with ب is not one unless the trigger takes ب
        (جهود المبعوث الخاص بليبيا is not what is supported)."""
        tokens = ctx.tokens
        end = ctx.clause_end(start)
        preps = [p for p in trigger.preps if p != "-"]
        k = start
        words_seen = 0
        while k < end and words_seen <= MAX_OBJECT_GAP:
            token = tokens[k]
            only_punct_before = all(not t.is_word for t in tokens[start:k])
            if token.text in COMMA and not (allow_comma and only_punct_before):
                break
            if not token.is_word:
                k += 1
                continue
            mention = ctx.mention_starting(k)
            if mention is not None:
                prefixed = self._attached_prep(token, preps, mention)
                direct = (trigger.direct_object and words_seen <= MAX_DIRECT_GAP and not self._preceded_by_prep(ctx, k)
                          and not self._attached_prep(token, ["ب"], mention))
                if prefixed or direct:
                    if self._is_agent_marked(ctx, k):
                        k = mention.last_token
                        continue
                    return self._coordinated_after(ctx, mention), False
                k = mention.last_token
                words_seen += 1
                continue
            if token.norm in preps or self._prep_on_actor_noun(token, preps):
                objects = self._after_preposition(ctx, k + 1, end)
                if objects:
                    return objects, token.norm == "بين"
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

    def _attached_prep(self, token: Token, preps: list[str], mention: Mention) -> bool:
        """A one-letter preposition written onto the object (بروسيا، للجيش)."""
        return any(len(prep) == 1 and self._carries_proclitic(token, mention, prep) for prep in preps)

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
                return self._coordinated_after(ctx, mention)
            token = ctx.tokens[k]
            if token.text in COMMA or ctx.hard_boundary(token) or self._is_preposition(token):
                return []
            if token.is_word:
                words += 1
            k += 1
        return []

    def _agent_after(self, ctx: SentenceView, i: int) -> tuple[list[Mention], int] | None:
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
                after = [m for m in self._after_preposition(ctx, k + max(phrase_len, 1), end) if self._is_actor(m)]
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

    def _lift(self, mention: Mention) -> str:
        """A ministry speaking for its state: the state (part_of a Country)."""
        entity = self.gaz.entity(mention.entity_id)
        parent = entity.link("part_of")
        if parent and parent in self.gaz.entities and self.gaz.entity(parent).type == "Country":
            return parent
        return mention.actor_id or mention.entity_id

    # ---- main -------------------------------------------------------------
    def __call__(self, article: Article, sentences: list[Sentence], mentions: list[Mention]) -> list[RelationMention | EventMention]:
        by_sentence: dict[int, list[Mention]] = {}
        for mention in mentions:
            by_sentence.setdefault(mention.sentence, []).append(mention)
        found: list[RelationMention | EventMention] = []
        for sentence in sentences:
            dates = find_date_mentions(sentence.text, article.date, offset=sentence.start)
            ctx = SentenceView.build(article, sentence, by_sentence.get(sentence.index, []), dates, self.lex)
            sentence_found = self._sentence_relations(ctx)
            groups = self._acting_groups(ctx, {f.relation for f in sentence_found if f.subject is not None})
            found.extend(_with_acting_subjects(sentence_found, groups))
        return found

    def _acting(self, ctx: SentenceView, mention: Mention) -> bool:
        """Is a group mention out acting rather than talked about? A count
        says so (آلاف المتظاهرين، 500 متظاهر، الآلاف من المتظاهرين). Case
        (nominative المتظاهرون as a subject) was tried too: on OEDA's
        development rows it flagged twice as many sentences that are not
        protest reports, so it is not used."""
        k = mention.first_token - 1
        if k >= 1 and ctx.tokens[k].norm == "من":
            k -= 1
        if k < 0:
            return False
        before = ctx.tokens[k]
        return before.is_number or self.lex.is_marker("crowd", before.norm)

    def _acting_groups(self, ctx: SentenceView, reported: set[str]) -> list[EventMention]:
        """Groups named by what they do (المتظاهرون: protesters) report that
        event by being mentioned as acting (خرج المتظاهرون، المتظاهرون أغلقوا
        الطريق), when no trigger in the sentence reported it already."""
        events: list[EventMention] = []
        for mention in ctx.mentions:
            relation = self.gaz.entity(mention.entity_id).link("acts_as") if mention.entity_id else None
            if not relation or relation in reported or relation not in self.rels.relations:
                continue
            if not self._acting(ctx, mention) or not self._reports(ctx, self.rels.relations[relation].plover, False):
                continue
            i = mention.first_token
            date, _ = self.attributes.dates(ctx, i)
            place, _ = self.attributes.place(ctx, i)
            events.append(EventMention(
                doc_id=ctx.article.doc_id, sentence=ctx.sentence.index, relation=relation,
                modality=self.attributes.modality(ctx, i), trigger=Span(mention.text, mention.start, mention.end),
                extractor=NAME, confidence=ACTING_GROUP_CONFIDENCE, subject_id=mention.actor_id or mention.entity_id,
                subject=Span(mention.text, mention.start, mention.end), date=date, place_id=place,
                quantities=self.attributes.quantities(ctx, max(0, i - 2)),
            ))
            reported.add(relation)
        return events

    def _sentence_relations(self, ctx: SentenceView) -> list[RelationMention | EventMention]:
        out: list[RelationMention | EventMention] = []
        for i, token in enumerate(ctx.tokens):
            if not token.is_word or i in ctx.at:
                continue
            rows = self.lex.lookup(token.norm)
            partial: list[RelationMention | EventMention] = []
            for trigger in sorted(rows, key=lambda r: r.pos != "verb"):
                if trigger.relation not in self.rels.relations:
                    continue
                if trigger.requires and not self._has_required(ctx, i, trigger):
                    continue
                found = self._attach(ctx, i, trigger)
                if any(isinstance(f, RelationMention) for f in found):
                    out.extend(found)
                    partial = []
                    break
                partial = partial or found
            out.extend(partial)  # no reading gave both sides: the first that gave one
        return out

    def _has_required(self, ctx: SentenceView, i: int, trigger: Trigger) -> bool:
        following = [t for t in ctx.tokens[i + 1:] if t.is_word][:REQUIRES_WINDOW]
        return any(key in trigger.requires for t in following for key in match_keys(t.norm))

    def _arguments(self, ctx: SentenceView, i: int, trigger: Trigger) -> _Arguments:
        """Subjects and objects of the trigger at token i, by its part of speech."""
        if trigger.pos == "verb":
            args = _Arguments(subjects=self._subject_before(ctx, i))
            after_subject = i + 1
            if not args.subjects:
                args.subjects = self._subject_after(ctx, i)
                if args.subjects:
                    after_subject = args.subjects[-1].last_token
            if not args.subjects and self._after_resumptive(ctx, i):
                # قالت الخارجية الأمريكية إنها تدين …: "she" is the speaker
                args.subjects = self._speaker(ctx, i)
                args.lifted = True
            args.objects, args.between = self._object_after(ctx, after_subject, trigger, allow_comma=True)
            return args
        if trigger.pos == "apposition":
            before = ctx.at.get(i - 1)
            args = _Arguments(subjects=self._coordinated_before(ctx, before) if before is not None and self._is_actor(before) else [])
            args.objects, args.between = self._object_after(ctx, i + 1, trigger, allow_comma=False)
            return args
        return self._noun_arguments(ctx, i, trigger)

    def _noun_arguments(self, ctx: SentenceView, i: int, trigger: Trigger) -> _Arguments:
        """A verbal noun: its genitive is the doer (هجمات المتشددين، الغارات
        التركية); else the actor before it; else the reporting speaker."""
        args = _Arguments()
        genitive = ctx.mention_starting(i + 1)
        if genitive is not None and (self._is_actor(genitive) or genitive.via == "demonym"):
            args.subjects = self._coordinated_after(ctx, genitive)
            args.objects, args.between = self._object_after(ctx, args.subjects[-1].last_token, trigger, allow_comma=False)
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
        args.objects, args.between = self._object_after(ctx, i + 1, trigger, allow_comma=False)
        if args.between:
            return args
        args.subjects = self._support_verb_subject(ctx, i) or self._subject_before(ctx, i)
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

    def _support_verb_subject(self, ctx: SentenceView, i: int) -> list[Mention]:
        """The doer of a verbal noun after a light verb: the actor between
        them (وشن الأتراك هجوما) or the light verb's own subject (تركيا
        شنت هجوما)."""
        for k in range(i - 1, max(-1, i - 1 - MAX_SUPPORT_GAP), -1):
            token = ctx.tokens[k]
            if ctx.hard_boundary(token) or token.text in COMMA:
                return []
            if k in ctx.at or not self.lex.is_marker("support", token.norm):
                continue
            between = [m for m in ctx.mentions if k < m.first_token < i and self._is_actor(m)]
            if between:
                return self._coordinated_after(ctx, between[0])
            return self._subject_before(ctx, k)
        return []

    def _attach(self, ctx: SentenceView, i: int, trigger: Trigger) -> list[RelationMention | EventMention]:
        definition = self.rels.relations[trigger.relation]
        args = self._arguments(ctx, i, trigger)
        agent = self._agent_after(ctx, i)
        if agent is not None:
            # قتل 8 جنود بنيران قوات …: the marked doer is the subject, the
            # actor between trigger and marker (or the old subject) the object
            doers, marker = agent
            patients = [m for m in ctx.mentions if i < m.first_token < marker and self._is_actor(m)]
            if patients:
                args.objects = self._coordinated_after(ctx, patients[0])
            elif args.subjects:
                args.objects = args.subjects
            args.subjects = doers
            args.between = False
        args.subjects, args.objects = _expand(args.subjects), _expand(args.objects)
        objects = [o for o in args.objects if self._object_fits(trigger.relation, o)]
        subjects = args.subjects
        if trigger.subject_types and subjects:
            # the row reads the word one way for some doers only: هاجم with a
            # state or armed group is an assault, with a politician it is
            # criticism (another row)
            subjects = [s for s in subjects if self._subject_type(s, args) in trigger.subject_types]
            if not subjects:
                return []
        pairs: list[tuple[Mention, Mention]] = []
        if args.between and definition.symmetric:
            # لقاء بين X و Y: the two sides are the arguments, whatever stands before
            pairs = [(objects[0], o) for o in objects[1:]]
        elif subjects and objects:
            pairs = [(s, o) for s in subjects for o in objects]
        elif len(subjects) >= 2 and definition.symmetric and not objects:
            pairs = [(subjects[0], s) for s in subjects[1:]]
        confidence = trigger.confidence * args.confidence_factor
        subject = next((m for m in subjects if m.actor_id), None)
        obj = objects[0] if objects else None
        if not pairs and (definition.kind != "event" or (subject is None and obj is None and not definition.standalone)):
            return []  # nothing to record (checked before the attributes, which cost)
        date, deadline = self.attributes.dates(ctx, i)
        quantities = self.attributes.quantities(ctx, i)
        place, topic = self.attributes.place(ctx, i)
        trigger_token = ctx.tokens[i]
        trigger_span = Span(trigger_token.text, trigger_token.start, trigger_token.end)
        if not pairs:
            # a report of one event says where, how many or (for a verb) when;
            # a bare verbal noun with a date is as often a topic (بعد هجوم
            # أمس) as a report
            anchored = bool(place or quantities or (date and trigger.pos == "verb"))
            if not self._reports(ctx, definition.plover, subject is None and obj is None and not anchored):
                return []
            modality = self.attributes.modality(ctx, i)
            return [EventMention(
                doc_id=ctx.article.doc_id, sentence=ctx.sentence.index, relation=trigger.relation,
                modality=modality, trigger=trigger_span, extractor=NAME,
                confidence=round(confidence * self._partial_factor(ctx, i, trigger, subject is None and obj is None), 3),
                subject_id=(self._lift(subject) if args.lifted else subject.actor_id) if subject else "",
                subject=Span(subject.text, subject.start, subject.end) if subject else None,
                object_id=self._object_id(definition, obj) if obj else "",
                object=Span(obj.text, obj.start, obj.end) if obj else None,
                date=date, place_id=place, quantities=quantities,
            )]
        modality = self.attributes.modality(ctx, i)
        results: list[RelationMention | EventMention] = []
        for subject, obj in pairs:
            subject_id = self._lift(subject) if args.lifted else (subject.actor_id or subject.entity_id)
            object_id = self._object_id(definition, obj)
            if subject_id == object_id:
                continue
            if not self.rels.accepts(trigger.relation, self.gaz.entity(subject_id).type, self.gaz.entity(object_id).type):
                continue
            if MODEL_VIA in (subject.via, obj.via) and not self._reports(ctx, definition.plover, False):
                continue  # a side the NER guessed is no firmer than a side missing
            results.append(
                RelationMention(
                    doc_id=ctx.article.doc_id, sentence=ctx.sentence.index, subject_id=subject_id,
                    relation=trigger.relation, object_id=object_id, modality=modality,
                    trigger=trigger_span,
                    subject=Span(subject.text, subject.start, subject.end),
                    object=Span(obj.text, obj.start, obj.end),
                    extractor=NAME, confidence=round(confidence * min(subject.confidence, obj.confidence), 3),
                    date=date, deadline=deadline, place_id=place if place != object_id else "",
                    topic_id=topic, quantities=quantities,
                )
            )
        return results

    def _reports(self, ctx: SentenceView, plover: str, unanchored: bool) -> bool:
        """Does the sentence report an event of this PLOVER type, not just
        mention one? Asked of events with a side missing, of acting groups and
        of relations with a side only the NER guessed. Where a sentence
        classifier exists for the type (kg.event_classifier), it decides;
        elsewhere the event must not be `unanchored` (no side named, and no
        place, count or, for a verb, date)."""
        model = self.event_models.get(plover)
        if model is None:
            return not unanchored
        key = ("reports", plover)
        if key not in ctx.cache:
            ctx.cache[key] = model.reports(ctx.sentence.text)
        return bool(ctx.cache[key])

    def _partial_factor(self, ctx: SentenceView, i: int, trigger: Trigger, unnamed: bool) -> float:
        """How much less sure an event with a side missing is than a full
        relation: less again when no side is named, when a plural noun names a
        kind of event (التفجيرات، الاغتيالات) rather than one, and when a
        reference noun makes the event a topic (التحقيق في الهجوم، بعد
        اغتيال)."""
        factor = PARTIAL_FACTOR
        if unnamed:
            factor *= UNNAMED_FACTOR
        if trigger.pos == "noun":
            if unnamed and any(key.endswith("ات") for key in match_keys(ctx.tokens[i].norm)[:1]):
                factor *= GENERIC_PLURAL_FACTOR
            previous = [t for t in ctx.tokens[max(0, i - REFERENCE_WINDOW):i] if t.is_word]
            if any(self.lex.is_marker("reference", t.norm) for t in previous):
                factor *= REFERENCE_FACTOR
        return factor

    def _subject_type(self, subject: Mention, args: _Arguments) -> str:
        return self.gaz.entity(self._lift(subject) if args.lifted else (subject.actor_id or subject.entity_id)).type

    @staticmethod
    def _object_id(definition: RelationDef, obj: Mention) -> str:
        """A place stays a place where the relation takes one (قصف إدلب);
        otherwise the actor the words stand for (أنقرة → Turkey)."""
        if "Place" in definition.object_types and obj.type == "Place":
            return obj.entity_id
        return obj.actor_id or obj.entity_id


def _with_acting_subjects(found: list[RelationMention | EventMention],
                          groups: list[EventMention]) -> list[RelationMention | EventMention]:
    """A trigger event with no doer (مظاهرة حاشدة) takes the acting group of
    the same event in its sentence (آلاف المتظاهرين) as its subject; a group
    with no such event stands as its own event."""
    out = list(found)
    for group in groups:
        k = next((k for k, f in enumerate(out) if isinstance(f, EventMention) and f.relation == group.relation
                  and f.subject is None), None)
        if k is None:
            out.append(group)
        else:
            out[k] = replace(out[k], subject_id=group.subject_id, subject=group.subject)
    return out


def _expand(mentions: list[Mention]) -> list[Mention]:
    """A dual back-reference (الجانبان) stands for both its actors."""
    out: list[Mention] = []
    for mention in mentions:
        if mention.members:
            out.extend(replace(mention, entity_id=member, actor_id=member, members=()) for member in mention.members)
        else:
            out.append(mention)
    return out


@relation_extractors.register(NAME)
def make_rule_extractor() -> RuleRelationExtractor:
    return RuleRelationExtractor()
