"""Static relations the wording of a mention itself states.

* official_of: a title tied to a state (وزير الخارجية التركي مولود جاويش أوغلو,
  الرئيس التركي, نظيره التركي) → (person, official_of, state), with the role;
* part_of: an organisation whose name carries its state (وزارة الخارجية
  الروسية) → (organisation, part_of, state);
* located_in: a place followed by a state's adjective (إدلب السورية) →
  (place, located_in, state).

Only what the text says is emitted: a gazetteer link alone (الكرملين is part
of Russia) does not make a triple unless the words show it.
"""

from __future__ import annotations

from kg.gazetteer import Gazetteer, load_gazetteer
from kg.model import Article, Mention, RelationMention, Span
from kg.registry import relation_extractors
from kg.text import Sentence, clitic_stems

NAME = "static"


class StaticRelationExtractor:
    name = NAME

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gaz = gazetteer or load_gazetteer()

    def _relation(self, article: Article, mention: Mention, relation: str, target: str, evidence: Span,
                  confidence: float, role: str = "") -> RelationMention:
        return RelationMention(
            doc_id=article.doc_id, sentence=mention.sentence, subject_id=mention.entity_id, relation=relation,
            object_id=target, modality="asserted", trigger=evidence,
            subject=Span(mention.text, mention.start, mention.end), object=evidence, extractor=NAME,
            confidence=confidence, date=None, role=role,
        )

    def _names_country(self, sentence: Sentence, mention: Mention, country: str) -> bool:
        """Does the mention's own wording refer to `country`?"""
        for token in sentence.tokens[mention.first_token:mention.last_token]:
            for key in clitic_stems(token.norm):
                if self.gaz.demonyms.get(key) == country:
                    return True
        country_aliases = {a for a in self.gaz.entity(country).aliases_ar}
        return any(alias in mention.text for alias in country_aliases)

    def __call__(self, article: Article, sentences: list[Sentence], mentions: list[Mention]) -> list[RelationMention]:
        out: list[RelationMention] = []
        by_sentence = {s.index: s for s in sentences}
        ordered = sorted(mentions, key=lambda m: (m.sentence, m.first_token))
        for n, mention in enumerate(ordered):
            sentence = by_sentence[mention.sentence]
            entity = self.gaz.entity(mention.entity_id)
            whole = Span(mention.text, mention.start, mention.end)
            if mention.role_country and entity.type == "Person":
                out.append(self._relation(article, mention, "official_of", mention.role_country, whole, 0.9, mention.role))
            parent = entity.link("part_of")
            if entity.type == "Organization" and parent and self._names_country(sentence, mention, parent):
                out.append(self._relation(article, mention, "part_of", parent, whole, 0.9))
            if entity.type == "Place" and n + 1 < len(ordered):
                following = ordered[n + 1]
                if (following.sentence == mention.sentence and following.first_token == mention.last_token
                        and following.via == "demonym" and entity.link("capital_of") != following.entity_id):
                    evidence = Span(article.text[mention.start:following.end], mention.start, following.end)
                    out.append(self._relation(article, mention, "located_in", following.entity_id, evidence, 0.85))
        return out


@relation_extractors.register(NAME)
def make_static_extractor() -> StaticRelationExtractor:
    return StaticRelationExtractor()
