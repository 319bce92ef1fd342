"""Coordination for argument attachment: the mentions joined by و to a
mention, to the right (تركيا وإيران، من روسيا ومن تركيا) or the left
(تركيا وروسيا تتفقان), whether a letter on a name is a proclitic or the
name's own (وإيران vs وليد، لبنان), and the object pronoun of a verb joined
by و to the relation before it (اتهم X الرئيس Y … وحذره).

Apart because every slot (subject, object, a preposition's object) is
widened by it, and the proclitic test is subtle enough to stand alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from kg.extractors.phrases import PhraseList
from kg.extractors.sentence_view import SentenceView
from kg.gazetteer import Gazetteer
from kg.lexicon import match_keys_with_affixes
from kg.model import EventMention, Mention, RelationMention
from kg.naming import is_discovered
from kg.ontology_data import ontology_dir, read_tsv
from kg.text import alias_key, normalize, strip_article

CONJUNCTION = "و"
OR_CONJUNCTION = "او"  # أو, normalised
OBJECT_PRONOUNS = frozenset({"ه", "ها", "هم", "هما"})
PRONOUN_OBJECT_GAP = 8  # words between the earlier object and the verb whose pronoun stands for it
GIVEN_NAMES = "ner_given_names.tsv"


@lru_cache(maxsize=None)
def waw_names() -> frozenset[str]:
    """Given names that begin with و (وليد، وائل …), from the NER's name list."""
    names = (normalize(row["name"]) for row in read_tsv(ontology_dir() / GIVEN_NAMES))
    return frozenset(name for name in names if name.startswith(CONJUNCTION))


class CoordinationMixin:
    """Conjuncts and proclitics. Mixed into ArgumentFinder, which sets
    `gaz` and `honorifics`."""

    gaz: Gazetteer
    honorifics: PhraseList

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
            named = ctx.mention_starting(nxt.last_token) if nxt.via == "demonym" else None
            if named is not None and named.type == "Person":
                nxt = named  # نظيريه الأميركي جون كيري والسعودي عادل الجبير: the Saudi is the person named
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
        return self.gaz.letter_is_proclitic(mention.entity_id, token.norm, letter)

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


def pronoun_object(ctx: SentenceView, i: int,
                   earlier: Sequence[RelationMention | EventMention]) -> tuple[Mention, Mention] | None:
    """(subject, object) mentions of the sentence's last relation (of
    `earlier`, what the sentence gave so far) when the verb at i is joined
    to it by و/ف and carries an object pronoun (وحذره، واحتلوها), which then
    stands for that relation's object."""
    token = ctx.tokens[i]
    if token.norm[:1] not in ("و", "ف") or token.text.endswith("ة"):
        return None  # وزارة is no وزار + ه: the taa marbuta only normalises to ه
    last = next((f for f in reversed(earlier) if isinstance(f, RelationMention)), None)
    if last is None or last.object.end >= token.start:
        return None
    suffixes = {suffix for prefix, _, suffix in match_keys_with_affixes(token.norm) if prefix and suffix in OBJECT_PRONOUNS}
    by_start = {m.start: m for m in ctx.mentions}
    subject, obj = by_start.get(last.subject.start), by_start.get(last.object.start)
    if not suffixes or subject is None or obj is None:
        return None
    between = sum(1 for t in ctx.tokens[obj.last_token:i] if t.is_word)
    if between > PRONOUN_OBJECT_GAP or not any(_agrees_with_pronoun(obj, suffix) for suffix in suffixes):
        return None
    return subject, obj


def _agrees_with_pronoun(mention: Mention, suffix: str) -> bool:
    """Roughly, by type and ending: هم/هما a group of people or fighters, ه
    a man or a body whose name does not end in ة, ها a state, a place or a
    body whose name does."""
    if suffix in ("هم", "هما"):
        return mention.type in ("ArmedGroup", "Group") or bool(mention.members)
    feminine = mention.type in ("Country", "Place") or mention.text.endswith("ة")
    return feminine if suffix == "ها" else not feminine
