"""The statistical NER shipped with kg (spaCy, trained on ANERcorp's CAMeL
train split; see kg/ner) as an entity extractor.

It runs beside the gazetteer: the gazetteer links the actors it knows, the
model finds the names it lacks (a new minister, a village, a militia). Where
both find a name, the gazetteer's mention wins (`kg.pipeline.merge_mentions`);
a model span that is a known alias is linked to that entity anyway
(`extractors.model_mentions`). An unknown name becomes its own entity, named
from its transliteration (`kg.naming`).
"""

from __future__ import annotations

from pathlib import Path

from kg.extractors.model_mentions import PredictedSpan, mentions_from_spans
from kg.gazetteer import Gazetteer, load_gazetteer
from kg.model import Article, Mention
from kg.registry import entity_extractors
from kg.text import ARTICLE, Sentence, normalize

NAME = "ner"
CONFIDENCE = 0.75  # the model's entity-level precision on ANERcorp's test split is about this


def _keep_article(word: str, skip: int) -> int:
    """Characters to drop before a name: the proclitics, but not the
    article the segmenter split off with them (والعراق → العراق)."""
    if skip >= len(ARTICLE) and normalize(word[:skip]).endswith(ARTICLE):
        return skip - len(ARTICLE)
    return skip


class NerExtractor:
    """See the module docstring."""

    name = NAME

    def __init__(self, model_path: Path | None = None, gazetteer: Gazetteer | None = None) -> None:
        from kg.ner.model import NerModel  # spaCy loads only when the extractor is used

        self.model = NerModel.load(model_path)
        self.gaz = gazetteer or load_gazetteer()

    def __call__(self, article: Article, sentences: list[Sentence]) -> list[Mention]:
        predictions = self.model.predict([[token.text for token in sentence.tokens] for sentence in sentences])
        mentions: list[Mention] = []
        for sentence, spans in zip(sentences, predictions):
            predicted = [
                PredictedSpan(span.start, span.end, span.label, CONFIDENCE,
                              _keep_article(sentence.tokens[span.start].text, span.start_char_in_first_word))
                for span in spans
            ]
            mentions.extend(mentions_from_spans(sentence, predicted, NAME, self.gaz))
        return mentions


@entity_extractors.register(NAME)
def make_ner_extractor() -> NerExtractor:
    return NerExtractor()
