"""The subject a sentence carries over to the next: Arabic news drops the
subject of a sentence that goes on about the previous one's (قال الرئيس …
. وأضاف … . ودعا الحكومة إلى …), so a verb that opens a sentence and names
no subject of its own, or names after it a noun that cannot be its subject
by gender (ودعا الحكومة: a masculine verb before a feminine noun, which is
then its object), takes the subject of the previous sentence's first verb.

Apart from the in-sentence subject search (attachment_subjects) because it
looks across sentences, with the rules extractor keeping what was said last
(SentenceView.previous_subjects).
"""

from __future__ import annotations

from functools import lru_cache

from kg.extractors.attachment_common import past_subject
from kg.extractors.sentence_view import SENTENCE_PUNCT, SentenceView
from kg.model import Mention
from kg.ontology_data import ontology_dir, read_tsv
from kg.text import Token, carries_article, normalize

SENTENCE_OPENERS = frozenset({"و", "ف", "كما", "ثم", "وكما"})  # words before a sentence's first verb
# relations whose verb takes its object, then the charge with ب (اتهم X بعرقلة …, بأن …)
CHARGE_RELATIONS = frozenset({"accuses"})
MAX_CHARGE_GAP = 8  # words (not names) between an accusing verb's subject and the accused before the charge
CHARGE_PREPOSITION = "ب"
GIVEN_NAMES = "ner_given_names.tsv"  # kind arabic_m, foreign_f …: its last letter is the gender


class DiscourseMixin:
    """Mixed into ArgumentFinder, which provides the in-sentence searches
    (_subject_before, _subject_after, coordinated_after, is_actor …)."""

    def sentence_subject(self, ctx: SentenceView) -> list[Mention]:
        """The subject of the sentence's first verb, if it names one: what
        the next sentence goes on about when it opens with a verb of its
        own and no subject (قال الرئيس … . وأضاف … . ودعا الحكومة إلى …)."""
        first = True
        for k, token in enumerate(ctx.tokens):
            if token.text in SENTENCE_PUNCT:
                return []
            if not token.is_word or (first and token.norm in SENTENCE_OPENERS):
                continue
            if first and self._unknown_verb_before_actor(ctx, k):
                # وغادر جون كيري واشنطن: a sentence that opens with a word and then a name
                # opens with a verb the lexicon does not know and its subject
                return [m for m in self.coordinated_after(ctx, ctx.at[k + 1]) if self.is_actor(m)]
            first = False
            if k in ctx.at or not self._is_verb_like(token):
                continue
            subjects = self._subject_before(ctx, k) or self._subject_after(ctx, k)
            return [m for m in subjects if self.is_actor(m)]
        return []

    def _unknown_verb_before_actor(self, ctx: SentenceView, k: int) -> bool:
        """Is token k a word that can only be a verb here: no name, no
        article, no function word, with an actor's name right after it?"""
        token = ctx.tokens[k]
        following = ctx.mention_starting(k + 1)
        if k in ctx.at or following is None or not self.is_actor(following) or carries_article(token.norm):
            return False
        return not (self._is_skip(token, ctx) or self._is_preposition(token)
                    or any(self.lex.is_marker(kind, token.norm) for kind in ("boundary", "preposition", "reporting")))

    def opens_with_verb(self, ctx: SentenceView, i: int | None = None) -> bool:
        """Does the sentence open with a verb (token i, or any verb when i is
        None), with at most a conjunction, كما or ثم before it? Arabic drops
        the subject of such a sentence when it is the previous one's."""
        for k, token in enumerate(ctx.tokens):
            if not token.is_word or token.norm in SENTENCE_OPENERS:
                continue
            if i is not None:
                return k == i
            return k not in ctx.at and self._is_verb_like(token)
        return False

    def carried_subject(self, ctx: SentenceView, i: int, relation: str = "") -> list[Mention] | None:
        """For a verb that opens its sentence: the previous sentence's subject
        when the sentence names none (وسيحط أولا في سنغافورة), or when the
        name after the verb cannot be its subject by gender (ودعا الحكومة
        إلى …: a masculine verb before a feminine noun) or is followed at
        once by the charge (كما اتهم حزب العمال وتنظيم داعش بأن …: who is
        accused stands right before what of), and so is its object. None
        when the verb's own subject stands in the sentence."""
        if not ctx.previous_subjects or not self.opens_with_verb(ctx, i):
            return None
        after = self._subject_after(ctx, i)
        if after:
            carried = self._disagrees(ctx.tokens[i], after[0], ctx) or self._charged(ctx, after, relation)
            return list(ctx.previous_subjects) if carried else None
        return list(ctx.previous_subjects) if self._no_subject_phrase_after(ctx, i) else None

    def _no_subject_phrase_after(self, ctx: SentenceView, i: int) -> bool:
        """Does what follows the verb leave no room for a subject the
        gazetteer does not know? A preposition, a clause opener or the end
        may follow a verb whose subject was dropped (وسيحط أولا في
        سنغافورة); a noun (كما دانت الأمانة العامة …) is likely its subject."""
        for token in ctx.tokens[i + 1:]:
            if not token.is_word:
                if token.text in SENTENCE_PUNCT:
                    return True
                continue
            if self._is_skip(token, ctx):
                continue
            return (self._is_preposition(token) or ctx.hard_boundary(token)
                    or self.lex.is_marker("complementizer", token.norm))
        return True

    def charged_after(self, ctx: SentenceView, i: int, subjects: list[Mention], relation: str) -> list[Mention]:
        """For an accusing verb whose object the usual search missed: the
        actor right before the charge, a few words past the subject (اتهم
        زعيم حزب الشعب الجمهوري أكبر أحزاب المعارضة في تركيا الرئيس رجب طيب
        إردوغان بعرقلة …: an aside about the subject stands between)."""
        if relation not in CHARGE_RELATIONS:
            return []
        start = past_subject(i, subjects)
        words = 0
        for k in range(start + 1, len(ctx.tokens)):
            token = ctx.tokens[k]
            if token.text in SENTENCE_PUNCT or words > MAX_CHARGE_GAP:
                return []
            mention = ctx.mention_starting(k)
            if mention is not None and self.is_actor(mention) and not self._preceded_by_prep(ctx, k):
                group = self.coordinated_after(ctx, mention)
                if self._charged(ctx, group, relation):
                    return group
            if token.is_word and k not in ctx.at:
                words += 1
        return []

    @staticmethod
    def _charged(ctx: SentenceView, group: list[Mention], relation: str) -> bool:
        """Is the group right after an accusing verb followed at once by the
        charge (a word written with ب that names nobody: بأن، بعرقلة)? With
        its subject stated the verb would read اتهم S O ب…, so the group is
        the object."""
        if relation not in CHARGE_RELATIONS:
            return False
        k = group[-1].last_token
        if k >= len(ctx.tokens):
            return False
        token = ctx.tokens[k]
        return token.is_word and token.norm.startswith(CHARGE_PREPOSITION) and ctx.mention_starting(k) is None

    def named_man_after(self, verb: Token, mention: Mention) -> bool:
        """Is the person after a feminine verb plainly a man, by his given
        name (حررت قوات الجيش … الفريق ثامر …: ثامر is what was freed, not who
        freed)? Only a name the given-name list knows as a man's counts: a
        woman's name, or one it does not know, may well be the subject."""
        return (mention.type == "Person" and verb_gender(verb.norm) == "f"
                and given_name_gender(mention.text.split()[0]) == "m")

    def _disagrees(self, verb: Token, mention: Mention, ctx: SentenceView) -> bool:
        """Does a verb's gender rule the mention after it out as its subject?
        In verb-first order the verb agrees with the subject right after it:
        a masculine verb (يزور، دعا) is not followed by a feminine subject (a
        noun in ة, a state named without the article: ماليزيا), nor a
        feminine verb (دعت، تزور) by a man."""
        gender = verb_gender(verb.norm)
        if gender is None:
            return False
        head = ctx.tokens[ctx.name_start.get(mention.first_token, mention.first_token)].norm
        if mention.type == "Person":
            return gender == "f"
        return gender == "m" and noun_gender(head, mention.type) == "f"


def noun_gender(head: str, entity_type: str) -> str:
    """"f" or "m" for a non-person actor by the first word of its name: a
    noun in ة (normalised ه), or a state named without the article (ماليزيا،
    إيران), is feminine."""
    feminine = head.endswith("ه") or (entity_type == "Country" and not carries_article(head))
    return "f" if feminine else "m"


@lru_cache(maxsize=None)
def _given_name_genders() -> dict[str, str]:
    genders: dict[str, set[str]] = {}
    for row in read_tsv(ontology_dir() / GIVEN_NAMES):
        if row["kind"].endswith(("_m", "_f")):
            genders.setdefault(normalize(row["name"]), set()).add(row["kind"][-1])
    return {name: next(iter(kinds)) for name, kinds in genders.items() if len(kinds) == 1}


def given_name_gender(word: str) -> str | None:
    """"m" or "f" for a given name the NER's name list gives one gender
    (ثامر، فاطمة); None for any other word, or a name listed as both."""
    return _given_name_genders().get(normalize(word))


def verb_gender(norm: str) -> str | None:
    """"m" or "f" for a third-person singular verb form, by its prefix
    (يـ/تـ) or, in the past, its ending (ـت); None when the form does not
    say (plurals, duals, anything else)."""
    word = norm[1:] if norm[:1] in ("و", "ف") and len(norm) > 3 else norm
    word = word[1:] if word.startswith("س") and len(word) > 3 and word[1:2] in ("ي", "ت") else word
    if len(word) == 3 and word.endswith("ا"):
        return "m"  # دعا، غزا: a weak verb's own alef
    if word.endswith(("وا", "ون", "ان", "ا")):
        return None
    if word.startswith("ي"):
        return "m"
    if word.startswith("ت"):
        return None  # تزور (she visits) or توجه (he headed): the letters do not say
    return "f" if word.endswith("ت") else "m"

