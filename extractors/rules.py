"""Event relations from the trigger lexicon, with rule-based argument
attachment.

For each trigger word (a verb or verbal noun of `ontology/triggers*.tsv`),
its subjects and objects (extractors/attachment.py), then:

* modality from cue words around the trigger, dates from the sentence's
  date expressions resolved against the article's date;
* an event found with a side missing is recorded only if the sentence
  reports it (kg.event_classifier, for the event types it has a model of)
  or, for other types, if the sentence anchors it (a place, a count, a date).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from kg.extractors.actor_phrases import PhraseReader
from kg.extractors.attachment import RELATIVES, Arguments, ArgumentFinder
from kg.extractors.attachment_objects import BLAME_RELATIONS
from kg.extractors.attachment_coordination import pronoun_object
from kg.extractors.attachment_subjects import CLOSING_QUOTES, OPENING_QUOTES
from kg.extractors.attributes import EventAttributes
from kg.extractors.blamed_acts import with_blamed_authors
from kg.extractors.sentence_view import SentenceView
from kg.extractors.titles import TitleBinder
from kg.dates import DateMention, find_date_mentions
from kg.event_classifier import SentenceEventModel, shipped_models
from kg.gazetteer import Gazetteer, load_gazetteer
from kg.lexicon import Lexicon, Trigger, load_lexicon, match_keys
from kg.model import MODEL_VIA, Article, EventMention, Mention, RelationMention, Span
from kg.registry import relation_extractors
from kg.relations import RelationCatalog, RelationDef, load_relations, side_id
from kg.text import Sentence

NAME = "rules"
REQUIRES_WINDOW = 3
PASSIVE_REQUIRES_WINDOW = 5  # the victims' phrase may come between (لقي خمسة مسلحين من العناصر الإرهابية مصرعهم)
PARTIAL_FACTOR = 0.8  # an event with a side missing is less certain to be read right
UNNAMED_FACTOR = 0.8  # … and one with neither side named, less again
GENERIC_PLURAL_FACTOR = 0.7
REFERENCE_FACTOR = 0.6
REFERENCE_WINDOW = 2
ACTING_GROUP_CONFIDENCE = 0.6
TAA_MARBUTA = "ة"  # a noun's ending no verb has


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
        binder = TitleBinder(self.gaz, self.lex)
        self.phrases = PhraseReader(binder)
        self.args = ArgumentFinder(self.lex, self.gaz, self.rels, binder.honorifics)

    # ---- main -------------------------------------------------------------
    def __call__(self, article: Article, sentences: list[Sentence], mentions: list[Mention]) -> list[RelationMention | EventMention]:
        by_sentence: dict[int, list[Mention]] = {}
        for mention in mentions:
            by_sentence.setdefault(mention.sentence, []).append(mention)
        found: list[RelationMention | EventMention] = []
        carried: list[Mention] = []  # the subject the sentences go on about (see SentenceView.previous_subjects)
        quoting = 0  # quotations opened in earlier sentences and not yet closed
        for sentence in sentences:
            dates = find_date_mentions(sentence.text, article.date, offset=sentence.start)
            ctx = self._view(article, sentence, by_sentence.get(sentence.index, []), dates)
            ctx.previous_subjects = carried
            if not quoting:
                # inside a quotation that runs over several sentences the speaker stays the
                # one the text goes on about (وقال رفلين: «… . … .» ودعا الحكومة إلى …)
                carried = self.args.sentence_subject(ctx) or (carried if self.args.opens_with_verb(ctx) else [])
            quoting = _open_quotations(sentence.text, quoting)
            sentence_found = self._sentence_relations(ctx)
            groups = self._acting_groups(ctx, {f.relation for f in sentence_found if f.subject is not None})
            found.extend(_with_acting_subjects(sentence_found, groups))
        return with_blamed_authors(found, sentences, self.lex)

    def _view(self, article: Article, sentence: Sentence, mentions: list[Mention],
              dates: list[DateMention]) -> SentenceView:
        """The sentence with each actor phrase as one mention: the name's
        entity and character offsets over the phrase's tokens (titles,
        apposition, leader), so that attachment steps over it at once; the
        mentions inside a phrase that do not head it are left out."""
        phrases = self.phrases(sentence, mentions)
        spans = [replace(p.head, first_token=p.start, last_token=p.end) for p in phrases.phrases]
        name_start = {p.start: p.head.first_token for p in phrases.phrases if p.start != p.head.first_token}
        return SentenceView.build(article, sentence, spans, dates, self.lex, name_start)

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
            rows = self.lex.readings(token.norm)
            if i > 0 and ctx.tokens[i - 1].norm in RELATIVES:
                # الأهداف التي قصفها الطيران: right after a relative pronoun a word is a verb, not a verbal noun
                rows = tuple(r for r in rows if r.pos == "verb")
            if token.text.endswith(TAA_MARBUTA):
                # وزارة is no وزار + ه ("visited him"): normalising ة to ه made it look like one
                rows = tuple(r for r in rows if r.pos != "verb")
            partial: list[RelationMention | EventMention] = []
            for trigger in sorted(rows, key=lambda r: r.pos != "verb"):
                if trigger.relation not in self.rels.relations:
                    continue
                if trigger.pos == "participle" and not self.args.circumstantial(ctx, i):
                    continue  # المتهم، قيادات رافضة للحرب: a noun or an adjective, no participle with a doer
                if trigger.requires and not self._has_required(ctx, i, trigger):
                    continue
                found = self._attach(ctx, i, trigger, out)
                if any(isinstance(f, RelationMention) for f in found):
                    out.extend(found)
                    partial = []
                    break
                partial = partial or found
            out.extend(partial)  # no reading gave both sides: the first that gave one
        return out

    def _has_required(self, ctx: SentenceView, i: int, trigger: Trigger) -> bool:
        """Is a word the row requires among the few after the trigger? An
        actor's phrase there (the subject of a VSO verb: وصل وزير الخارجية
        الإيراني محمد جواد ظريف إلى …) does not count against the window."""
        counted = 0
        for token in ctx.tokens[i + 1:]:
            if not token.is_word:
                continue
            if any(key in trigger.requires for key in match_keys(token.norm)):
                return True  # a required word may itself name an actor (نشرت روسيا 300 جندي)
            if token.index not in ctx.at:
                counted += 1
                if counted == (PASSIVE_REQUIRES_WINDOW if trigger.voice == "passive" else REQUIRES_WINDOW):
                    return False
        return False

    def _attach(self, ctx: SentenceView, i: int, trigger: Trigger,
                earlier: Sequence[RelationMention | EventMention] = ()) -> list[RelationMention | EventMention]:
        definition = self.rels.relations[trigger.relation]
        args = self.args.arguments(ctx, i, trigger)
        agent = self.args.agent_after(ctx, i)
        if agent is not None:
            # قتل 8 جنود بنيران قوات …: the marked doer is the subject, the
            # actor between trigger and marker (or the old subject) the object
            doers, marker = agent
            patients = [m for m in ctx.mentions if i < m.first_token < marker and self.args.is_actor(m)]
            if patients:
                args.objects = self.args.coordinated_after(ctx, patients[0])
            elif args.subjects and not set(args.subjects) & set(doers):
                args.objects = args.subjects
            elif not [o for o in args.objects if o not in doers]:
                # قتل إثر غارة للتحالف أكثر من عشرة مسلحين من داعش: the passive
                # verb's subject follows the agent's phrase
                args.objects = self.args.patient_after(ctx, doers[-1].last_token)
            args.subjects = doers
            args.between = False
        args.subjects, args.objects = _expand(args.subjects), _expand(args.objects)
        def fitting(mentions: list[Mention]) -> list[Mention]:
            return [o for o in mentions if self.args.object_fits(trigger.relation, o)]

        objects = fitting(args.objects)
        if not objects and trigger.relation in BLAME_RELATIONS:
            # دانت الجريمة التي نفذها مستوطنون (a place such as بمكة المكرمة is no object of دانت)
            objects = fitting(self.args.perpetrator_after(ctx, i, args.subjects))
        if not objects and args.subjects and trigger.pos == "verb":
            objects = fitting(self.args.charged_after(ctx, i, args.subjects, trigger.relation))  # اتهم X … Y بعرقلة
        if not objects and trigger.pos == "verb":
            resumed = pronoun_object(ctx, i, earlier)
            if resumed is not None:
                # اتهم X الرئيس Y … وحذره: the pronoun is the last relation's object, its doer the same
                args.subjects = args.subjects or [resumed[0]]
                objects = fitting([resumed[1]])
        subjects = args.subjects
        if subjects and trigger.relation not in BLAME_RELATIONS and self._blamed_act(ctx, i, subjects[0]):
            subjects = []  # ودان … سمير جعجع خطف زياد: the act Geagea condemns, not his
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
            # الولايات المتحدة وبريطانيا وفرنسا اتفقت: each with each
            pairs = [(a, b) for n, a in enumerate(subjects) for b in subjects[n + 1:]]
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
                subject_id=(self.args.lift(subject) if args.lifted else subject.actor_id) if subject else "",
                subject=Span(subject.text, subject.start, subject.end) if subject else None,
                object_id=self._object_id(definition, obj) if obj else "",
                object=Span(obj.text, obj.start, obj.end) if obj else None,
                date=date, place_id=place, quantities=quantities,
            )]
        modality = self.attributes.modality(ctx, i)
        results: list[RelationMention | EventMention] = []
        for subject, obj in pairs:
            subject_id = self.args.lift(subject) if args.lifted else (subject.actor_id or subject.entity_id)
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

    def _blamed_act(self, ctx: SentenceView, i: int, subject: Mention) -> bool:
        """Does the clause open with a blame verb (دان، استنكر) whose VSO
        subject stands right before the trigger? Then the trigger is what is
        blamed, and that subject did not do it (a verb further on, joined
        by و, may be the subject's own: اتهم … إردوغان بعرقلة المساعي وحذره)."""
        k = ctx.clause_start(i)
        while k < subject.first_token and not ctx.tokens[k].is_word:
            k += 1
        if not k < subject.first_token < i or k in ctx.at:
            return False
        if any(t.is_word for t in ctx.tokens[subject.last_token:i]):
            return False
        return any(r.relation in BLAME_RELATIONS and r.pos == "verb" for r in self.lex.readings(ctx.tokens[k].norm))

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

    def _subject_type(self, subject: Mention, args: Arguments) -> str:
        return self.gaz.entity(self.args.lift(subject) if args.lifted else (subject.actor_id or subject.entity_id)).type

    @staticmethod
    def _object_id(definition: RelationDef, obj: Mention) -> str:
        return side_id(definition, obj, definition.object_types)


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


def _open_quotations(text: str, depth: int) -> int:
    """How many quotations are still open after the text, given `depth`
    open before it (« “ open, » ” close)."""
    for char in text:
        if char in OPENING_QUOTES:
            depth += 1
        elif char in CLOSING_QUOTES and depth:
            depth -= 1
    return depth


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