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

The parts are modules of their own, mixed into ArgumentFinder: shared word
classes and the Arguments record (attachment_common.py), coordination
(attachment_coordination.py), subjects (attachment_subjects.py), objects and
agents (attachment_objects.py), verbal nouns (attachment_nouns.py). Their
public names are re-exported here.
"""

from __future__ import annotations

from kg.extractors.attachment_common import Arguments, WordClassesMixin
from kg.extractors.attachment_discourse import DiscourseMixin
from kg.extractors.attachment_coordination import CONJUNCTION, GIVEN_NAMES, CoordinationMixin, waw_names
from kg.extractors.attachment_nouns import (
    MAX_RELATIVE_OBJECT_GAP,
    MAX_SUPPORT_GAP,
    PRONOUNS,
    RELATIVES,
    RESUMPTIVE_BI,
    NounArgumentsMixin,
    _without_object_pronoun,
)
from kg.extractors.attachment_objects import MAX_AFTER_PREP, MAX_DIRECT_GAP, MAX_OBJECT_GAP, UNGOVERNED, ObjectsMixin
from kg.extractors.attachment_subjects import CLOSING_QUOTES, MAX_ASIDE, MAX_VSO_GAP, OPENING_QUOTES, SubjectsMixin
from kg.extractors.phrases import PhraseList
from kg.extractors.sentence_view import SentenceView
from kg.gazetteer import Gazetteer
from kg.lexicon import Lexicon, Trigger
from kg.model import Mention
from kg.relations import RelationCatalog
from kg.text import normalize

CARRIED_SUBJECT_FACTOR = 0.8  # a subject carried over from the previous sentence is less sure

__all__ = [
    "CLOSING_QUOTES", "CONJUNCTION", "GIVEN_NAMES", "MAX_AFTER_PREP", "MAX_ASIDE", "MAX_DIRECT_GAP", "MAX_OBJECT_GAP",
    "MAX_RELATIVE_OBJECT_GAP", "MAX_SUPPORT_GAP", "MAX_VSO_GAP", "OPENING_QUOTES", "PRONOUNS", "RELATIVES",
    "RESUMPTIVE_BI", "UNGOVERNED", "ArgumentFinder", "Arguments", "waw_names", "_without_object_pronoun",
]


class ArgumentFinder(WordClassesMixin, CoordinationMixin, SubjectsMixin, DiscourseMixin, ObjectsMixin,
                     NounArgumentsMixin):
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
        self._verb_like: dict[str, bool] = {}  # `_is_verb_like`'s answers by word form

    def lift(self, mention: Mention) -> str:
        """A ministry speaking for its state: the state (part_of a Country)."""
        entity = self.gaz.entity(mention.entity_id)
        parent = entity.link("part_of")
        if parent and parent in self.gaz.entities and self.gaz.entity(parent).type == "Country":
            return parent
        return mention.actor_id or mention.entity_id

    def arguments(self, ctx: SentenceView, i: int, trigger: Trigger) -> Arguments:
        """Subjects and objects of the trigger at token i, by its part of speech."""
        if trigger.pos == "verb" and trigger.voice == "passive":
            # استشهد شاب فلسطيني، لقي خمسة مسلحين مصرعهم: who the verb is about
            # is who it was done to (the doer comes with an agent marker); no
            # subject is carried from elsewhere, the victims are named here
            victims = self._subject_before(ctx, i) or self.counted_after(ctx, i)
            if not victims:
                victims = self._subject_after(ctx, i)
                if victims:
                    victims += self.subject_conjuncts(ctx, victims[-1].last_token)
            return Arguments(objects=victims)
        if trigger.pos == "verb":
            return self._verb_arguments(ctx, i, trigger)
        return self._other_arguments(ctx, i, trigger)

    def _verb_arguments(self, ctx: SentenceView, i: int, trigger: Trigger) -> Arguments:
        """A verb's subject (before it, carried, after it, …) and object."""
        before = self._subject_before(ctx, i)
        carried = None if before else self.carried_subject(ctx, i, trigger.relation)
        if carried is not None:
            # وأضاف … . ودعا الحكومة إلى …: the previous sentence's subject goes on
            args = Arguments(subjects=carried, confidence_factor=CARRIED_SUBJECT_FACTOR)
            args.objects, args.between = self._object_after(ctx, i + 1, trigger, allow_comma=True,
                                                            pronoun_object=self._pronoun_suffix(ctx.tokens[i]))
            return args
        args = Arguments(subjects=before or self.relative_antecedent(ctx, i) or self._enabled_by(ctx, i))
        after_subject = i + 1
        if not args.subjects and self._opens_relative(ctx, i):
            # الحزب الذي يؤيد صالح: the antecedent does it (none found here);
            # the name after the verb is its object, not a subject
            args.objects, args.between = self._object_after(ctx, i + 1, trigger, allow_comma=False)
            return args
        if not args.subjects and self.subject_before_qad(ctx, i):
            # وكان مسؤول … قد طالب تركيا: the subject is the unnamed one before قد
            args.objects, args.between = self._object_after(ctx, i + 1, trigger, allow_comma=True,
                                                            pronoun_object=self._pronoun_suffix(ctx.tokens[i]))
            return args
        if not args.subjects:
            args.subjects = self._subject_after(ctx, i)
            shared = self.coordinated_verb_subject(ctx, i) if args.subjects and self._disagrees(
                ctx.tokens[i], args.subjects[0], ctx) else []
            if shared:
                # وسيحط في سنغافورة، ثم يزور ماليزيا: a masculine verb is not ماليزيا's; the
                # chain's subject does it and the name after it is its object
                args.subjects = shared
            elif args.subjects and self.named_man_after(ctx.tokens[i], args.subjects[0]):
                args.subjects = []  # قوات الجيش حررت الفريق ثامر …: a man after a feminine verb is its object
            elif args.subjects:
                args.subjects += self.subject_conjuncts(ctx, args.subjects[-1].last_token)
                after_subject = args.subjects[-1].last_token
        if not args.subjects and self._after_resumptive(ctx, i):
            # قالت الخارجية الأمريكية إنها تدين …: "she" is the speaker
            args.subjects = self._speaker(ctx, i)
            args.lifted = True
        if not args.subjects and self._subject_dropped(ctx, i):
            args.subjects = self.main_subject(ctx, i)
        if not args.subjects:
            args.subjects = self.coordinated_verb_subject(ctx, i)
        if not args.subjects:
            args.subjects = self.event_noun_doer(ctx, i)
        args.objects, args.between = self._object_after(ctx, after_subject, trigger, allow_comma=True,
                                                        pronoun_object=self._pronoun_suffix(ctx.tokens[i]))
        return args

    def _enabled_by(self, ctx: SentenceView, i: int) -> list[Mention]:
        """A verb read after من that a light verb governs (وتمكنت من قتل
        العشرات): it is a verbal noun, done by the light verb's subject, or
        by the subject of the verb that light verb is joined to."""
        found = self.marked_verb_before(ctx, i - 1, "support") if i >= 2 and ctx.tokens[i - 1].norm == "من" else None
        if found is None:
            return []
        k, subject = found
        if subject is not None:  # وتمكن الجيش العراقي من قتل: the light verb's subject between
            return self.coordinated_after(ctx, subject) if self.is_actor(subject) else []
        return (self._subject_before(ctx, k) or self.coordinated_verb_subject(ctx, k)
                or self.carried_subject(ctx, k) or [])

    def _other_arguments(self, ctx: SentenceView, i: int, trigger: Trigger) -> Arguments:
        """Participles, appositions, passive participles and verbal nouns."""
        if trigger.pos == "participle":
            # قال …، محذرا X من …: the participle's doer is its clause's subject
            args = Arguments(subjects=self.main_subject(ctx, i))
            if (not args.subjects and ctx.previous_subjects and self.opens_with_verb(ctx)
                    and not any(self.subject_before_qad(ctx, k) for k in range(i))):
                args.subjects = list(ctx.previous_subjects)  # وشدد على … داعيا المجلس إلى …
                args.confidence_factor *= CARRIED_SUBJECT_FACTOR
            args.objects, args.between = self._object_after(ctx, i + 1, trigger, allow_comma=False,
                                                            pronoun_object=self._pronoun_suffix(ctx.tokens[i]))
            return args
        if trigger.pos == "apposition":
            before = ctx.at.get(i - 1)
            args = Arguments(subjects=self._coordinated_before(ctx, before) if before is not None and self.is_actor(before) else [])
            args.objects, args.between = self._object_after(ctx, i + 1, trigger, allow_comma=False)
            return args
        if trigger.pos == "passive":
            # المقاومة الشعبية المدعومة بقوات من الجيش: the name before is done to, the
            # one the preposition introduces does it
            before = ctx.at.get(i - 1)
            objects = self._coordinated_before(ctx, before) if before is not None and self.is_actor(before) else []
            subjects, _ = self._object_after(ctx, i + 1, trigger, allow_comma=False)
            return Arguments(subjects=subjects if objects else [], objects=objects)
        return self._noun_arguments(ctx, i, trigger)
