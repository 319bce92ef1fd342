"""The pipeline: an article in, its sentences, mentions and relations out.

Pure: no file or terminal I/O here, so each stage can be tested on its own
and the CLI decides how to read and report.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import kg.extractors  # noqa: F401  (registers the built-in extractors)
from kg.extractors.places import PlaceFinder
from kg.gazetteer import load_gazetteer
from kg.model import MODEL_VIA, Article, DocResult, EventMention, Mention, RelationMention
from kg.name_tails import link_name_tails
from kg.place_names import classified_places
from kg.registry import EntityExtractor, RelationExtractor, entity_extractors, relation_extractors
from kg.text import split_sentences

FAST_ENTITY_EXTRACTORS = ("gazetteer", "ner")
FAST_RELATION_EXTRACTORS = ("rules", "static", "pairs")


@dataclass(frozen=True)
class Profile:
    """A named choice of extractors: what `kg build --profile NAME` runs."""

    name: str
    entities: tuple[str, ...]
    relations: tuple[str, ...]
    description: str


PROFILES: dict[str, Profile] = {
    "fast": Profile("fast", FAST_ENTITY_EXTRACTORS, FAST_RELATION_EXTRACTORS,
                    "gazetteer + spaCy NER, no encoder"),
    "accurate": Profile("accurate", ("gazetteer", "ner-e5"), FAST_RELATION_EXTRACTORS,
                        "gazetteer + the e5 NER on sentences that hold a candidate (the spaCy NER elsewhere)"),
}
DEFAULT_PROFILE = "fast"
DEFAULT_ENTITY_EXTRACTORS = PROFILES[DEFAULT_PROFILE].entities
DEFAULT_RELATION_EXTRACTORS = PROFILES[DEFAULT_PROFILE].relations


@dataclass
class Pipeline:
    """Named extractors, created from the registries."""

    entity_names: tuple[str, ...] = DEFAULT_ENTITY_EXTRACTORS
    relation_names: tuple[str, ...] = DEFAULT_RELATION_EXTRACTORS
    entity: list[EntityExtractor] = field(init=False)
    relation: list[RelationExtractor] = field(init=False)
    places: PlaceFinder = field(init=False)

    @classmethod
    def from_profile(cls, name: str) -> "Pipeline":
        from kg.errors import KgError

        if name not in PROFILES:
            raise KgError(f"unknown profile '{name}' (known: {', '.join(PROFILES)})")
        return cls(PROFILES[name].entities, PROFILES[name].relations)

    def __post_init__(self) -> None:
        self.entity = [entity_extractors.create(name) for name in self.entity_names]
        self.relation = [relation_extractors.create(name) for name in self.relation_names]
        self.places = PlaceFinder(load_gazetteer())

    def __call__(self, article: Article) -> DocResult:
        sentences = split_sentences(article.text, article.headline_end)
        mentions = merge_mentions([m for extractor in self.entity for m in extractor(article, sentences)])
        mentions = classified_places(sentences, link_name_tails(mentions), self.places)
        relations: list[RelationMention] = []
        events: list[EventMention] = []
        for extractor in self.relation:
            for found in extractor(article, sentences, mentions):
                (events if isinstance(found, EventMention) else relations).append(found)
        return DocResult(article, sentences, mentions, combine_relations(relations), events)


def merge_mentions(mentions: list[Mention]) -> list[Mention]:
    """One mention per stretch of text: a model's guess yields to any
    lexicon match it overlaps (the gazetteer links, the model only fills
    gaps); otherwise the longer span wins, then the earlier extractor (its
    order in the pipeline)."""
    ranked = sorted(enumerate(mentions),
                    key=lambda p: (p[1].via == MODEL_VIA, -(p[1].last_token - p[1].first_token), p[0]))
    taken: dict[int, set[int]] = {}
    kept: list[Mention] = []
    for _, mention in ranked:
        used = taken.setdefault(mention.sentence, set())
        span = set(range(mention.first_token, mention.last_token))
        if span & used:
            continue
        used |= span
        kept.append(mention)
    return sorted(kept, key=lambda m: (m.sentence, m.first_token))


ONE_OWNER_A_SENTENCE = frozenset({"official_of"})  # a title phrase gives its holder one owner
HAND_WRITTEN = frozenset({"rules", "static"})  # relation extractors whose own pairs the trained ones leave alone


def combine_relations(relations: list[RelationMention]) -> list[RelationMention]:
    """The relations of all extractors, in the pipeline's order, as one list.

    Exact repeats within a sentence (two triggers for one fact) are dropped.
    Where an extractor already related two mentions of a sentence, a later
    extractor's relation between the same two mentions is dropped too: the
    rules and the static patterns come first and are more precise where
    they fire, so the trained pair classifier (listed after them) only
    speaks about pairs they left alone, and not about two entities they
    related in that sentence either (the governor of a province the title
    rules read, «أمير منطقة عسير», is not also said to visit it). For the
    same reason, where the title rules read whose official a person is in
    a sentence (المبعوث الأممي ستيفان دي ميستورا → United Nations), a later
    extractor does not give that person a second owner there (the Security
    Council named beside him)."""
    seen: set[tuple[int, str, str, str]] = set()
    related: dict[tuple[int, frozenset[int]], str] = {}  # (sentence, both mentions' starts) -> first extractor
    related_entities: dict[tuple[int, frozenset[str]], str] = {}  # (sentence, both entities) -> first extractor
    owned: dict[tuple[int, str, str], str] = {}  # (sentence, relation, subject) -> first extractor
    out = []
    for relation in relations:
        key = (relation.sentence, relation.subject_id, relation.relation, relation.object_id)
        pair = (relation.sentence, frozenset((relation.subject.start, relation.object.start)))
        owner = (relation.sentence, relation.relation, relation.subject_id)
        entities = (relation.sentence, frozenset((relation.subject_id, relation.object_id)))
        if key in seen or related.get(pair, relation.extractor) != relation.extractor:
            continue
        if relation.extractor not in HAND_WRITTEN and related_entities.get(entities, relation.extractor) != relation.extractor:
            continue
        if relation.relation in ONE_OWNER_A_SENTENCE and owned.get(owner, relation.extractor) != relation.extractor:
            continue
        seen.add(key)
        related.setdefault(pair, relation.extractor)
        related_entities.setdefault(entities, relation.extractor)
        owned.setdefault(owner, relation.extractor)
        out.append(relation)
    return out
