"""Records that flow through the pipeline.

Plain frozen dataclasses: the pipeline stages are pure functions from one
record to the next, and the exports read them without knowing which
extractor made them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from kg.text import Sentence


@dataclass(frozen=True)
class Article:
    """One input article, as read: surface text kept whole for offsets."""

    doc_id: str
    text: str
    title: str
    headline_end: int  # offset where the headline stops (0 when there is none)
    date: dt.date | None
    date_source: str  # "text", "metadata" or "none"
    url: str = ""
    source_path: str = ""


@dataclass(frozen=True)
class Entity:
    """A known entity: canonical English label, Arabic labels, type, links."""

    id: str
    label: str
    type: str
    qid: str = ""
    aliases_ar: tuple[str, ...] = ()
    links: tuple[tuple[str, str], ...] = ()  # (relation, target entity id)

    @property
    def label_ar(self) -> str:
        return self.aliases_ar[0] if self.aliases_ar else ""

    def link(self, relation: str) -> str | None:
        for name, target in self.links:
            if name == relation:
                return target
        return None


MODEL_VIA = "model"  # Mention.via of the statistical entity extractors (their guesses yield to the lexicon's)


@dataclass(frozen=True)
class Mention:
    """A span of a sentence that names an entity.

    `entity_id` is what the words name (أنقرة → Ankara); `actor_id` is who acts
    when the span is used as an actor (أنقرة هددت → Turkey). `via` says how it
    was found: alias, demonym, title, title+name, counterpart, model …
    """

    sentence: int
    start: int  # character offsets in the document
    end: int
    first_token: int  # token indices in the sentence, end exclusive
    last_token: int
    text: str
    entity_id: str
    actor_id: str
    type: str
    via: str
    extractor: str
    confidence: float = 1.0
    role: str = ""  # for titles: president, foreign_minister …
    role_country: str = ""  # the state a title belongs to
    members: tuple[str, ...] = ()  # a dual back-reference (الجانبين): the actors it stands for


@dataclass(frozen=True)
class Span:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Quantity:
    count: int
    unit: str


@dataclass(frozen=True)
class RelationMention:
    """One relation found in one sentence, with everything that supports it."""

    doc_id: str
    sentence: int
    subject_id: str
    relation: str
    object_id: str
    modality: str
    trigger: Span
    subject: Span
    object: Span
    extractor: str
    confidence: float
    date: dt.date | None = None
    deadline: dt.date | None = None
    place_id: str = ""
    topic_id: str = ""
    quantities: tuple[Quantity, ...] = ()
    role: str = ""


@dataclass(frozen=True)
class EventMention:
    """An event whose trigger was found but not both of its sides: an attack
    by unnamed gunmen, a protest with no stated target, a bombing in a named
    city. It is recorded as an event node (never as a subject–object edge, and
    never in triples.jsonl), so analysts and the event benchmark still see it."""

    doc_id: str
    sentence: int
    relation: str
    modality: str
    trigger: Span
    extractor: str
    confidence: float
    subject_id: str = ""
    subject: Span | None = None
    object_id: str = ""
    object: Span | None = None
    date: dt.date | None = None
    place_id: str = ""
    quantities: tuple[Quantity, ...] = ()


@dataclass
class DocResult:
    """Everything extracted from one article."""

    article: Article
    sentences: list[Sentence]
    mentions: list[Mention] = field(default_factory=list)
    relations: list[RelationMention] = field(default_factory=list)
    events: list[EventMention] = field(default_factory=list)  # events with a side missing
