"""The author of a condemned act, named elsewhere in the article.

Statements condemn acts, not actors: «دانت الإمارات بأشد العبارات الجريمة
الإرهابية»، «دان الأمين العام بشدة قتل رضيع فلسطيني». Who is condemned is
the act's author, and a news report names the author once, somewhere else
(«الجريمة التي نفذها مستوطنون إسرائيليون»، «هاجم مسلحو بوكو حرام القرية»).
When the rules found exactly one author of a violent act in the article, a
condemnation or accusation that has its subject, no object and an act noun
where the object stands takes that author as its object. With two authors
or none, who is meant is open and the event stays as it was.

Apart from the rules because it reads the whole article's findings, after
every sentence has been read.
"""

from __future__ import annotations

from kg.extractors.attachment_nouns import RELATIVES
from kg.extractors.attachment_objects import BLAME_RELATIONS
from kg.extractors.sentence_view import SENTENCE_PUNCT
from kg.lexicon import Lexicon
from kg.model import EventMention, RelationMention, Span
from kg.text import Sentence, Token

ACT_KIND = "act"  # markers.tsv: nouns for an act that has an author (الجريمة، الاعتداء، الحادث)
AUTHOR_RELATIONS = frozenset({"attacks", "kills", "abducts"})  # what an author of a condemned act did
ACT_WINDOW = 12  # words after the blame word (and its subject) within which the act is named
BLAMED_AUTHOR_FACTOR = 0.8  # the author comes from another sentence: less sure than one named here


def with_blamed_authors(found: list[RelationMention | EventMention], sentences: list[Sentence],
                        lex: Lexicon) -> list[RelationMention | EventMention]:
    """`found` with each condemnation of an act (subject, no object) given
    the article's one author of a violent act as its object."""
    by_index = {s.index: s for s in sentences}
    authors = _authors(found, by_index, lex)
    if len(authors) != 1:
        return found
    author_id, author_span = next(iter(authors.items()))
    out: list[RelationMention | EventMention] = []
    for item in found:
        if (isinstance(item, EventMention) and item.relation in BLAME_RELATIONS and item.subject is not None
                and not item.object_id and item.subject_id != author_id
                and _names_an_act(by_index[item.sentence].tokens, item, lex)):
            out.append(RelationMention(
                doc_id=item.doc_id, sentence=item.sentence, subject_id=item.subject_id, relation=item.relation,
                object_id=author_id, modality=item.modality, trigger=item.trigger, subject=item.subject,
                object=author_span, extractor=item.extractor,
                confidence=round(item.confidence * BLAMED_AUTHOR_FACTOR, 3), date=item.date,
                place_id=item.place_id, quantities=item.quantities,
            ))
        else:
            out.append(item)
    return out


def _authors(found: list[RelationMention | EventMention], sentences: dict[int, Sentence],
             lex: Lexicon) -> dict[str, Span]:
    """Actors the article names as doers of a violent act, or as the author
    of a blamed act in a relative clause (التي نفذها مستوطنون), each with
    where it was first named that way. Only when it names none of these
    with both sides of the act, the doers of acts whose target is not named
    count (هاجم تنظيم داعش قرية): a firm author is not made ambiguous by a
    passing attack the article reports besides."""
    firm: dict[str, Span] = {}
    loose: dict[str, Span] = {}
    for item in found:
        if isinstance(item, RelationMention):
            if item.relation in AUTHOR_RELATIONS:
                firm.setdefault(item.subject_id, item.subject)
            elif item.relation in BLAME_RELATIONS and _after_perpetration(sentences[item.sentence].tokens,
                                                                         item.object, lex):
                firm.setdefault(item.object_id, item.object)
        elif item.relation in AUTHOR_RELATIONS and item.subject is not None and item.subject_id:
            loose.setdefault(item.subject_id, item.subject)
    return firm or loose


def _after_perpetration(tokens: tuple[Token, ...], span: Span, lex: Lexicon) -> bool:
    """Is the span right after «relative pronoun + perpetration verb»?"""
    k = next((n for n, t in enumerate(tokens) if t.start == span.start), None)
    return (k is not None and k >= 2 and lex.is_marker("perpetration", tokens[k - 1].norm)
            and tokens[k - 2].norm in RELATIVES)


def _names_an_act(tokens: tuple[Token, ...], event: EventMention, lex: Lexicon) -> bool:
    """Does an act noun (an act marker, or a noun of a violent act's trigger)
    stand within a few words after the blame word, past its subject?"""
    start = max(event.trigger.end, event.subject.end if event.subject.start > event.trigger.start else 0)
    words = 0
    for token in tokens:
        if token.start < start:
            continue
        if token.text in SENTENCE_PUNCT or words >= ACT_WINDOW:
            return False
        if not token.is_word:
            continue
        words += 1
        if lex.is_marker(ACT_KIND, token.norm) or any(
                t.pos == "noun" and t.relation in AUTHOR_RELATIONS for t in lex.lookup(token.norm)):
            return True
    return False
