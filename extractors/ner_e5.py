"""The accurate NER (kg.ner.neural: e5 vectors + kg's features, CRF tagger) as
an entity extractor, `ner-e5`, spent only where it can change the graph.

The encoder costs far more than the rest of the pipeline, and a name only
reaches the graph as a side of a relation or an event. So each sentence is
first read cheaply: kg's gazetteer and the fast NER (spaCy) find the
possible actors, and kg's trigger lexicon the trigger words. A sentence
with a trigger word or two possible actors is a candidate: the e5 tagger
reads it (all candidates of an article in one batch, their encodings kept
in the per-document cache for the relation stage's `e5` featurizer), and
its names replace the fast NER's there. Other sentences keep the fast
NER's names, which cost nothing extra.
"""

from __future__ import annotations

from pathlib import Path

from kg.extractors.gazetteer import GazetteerExtractor
from kg.extractors.model_mentions import PredictedSpan, mentions_from_spans
from kg.extractors.ner import CONFIDENCE, _keep_article
from kg.gazetteer import Gazetteer, load_gazetteer
from kg.lexicon import Lexicon, load_lexicon
from kg.model import Article, Mention
from kg.registry import entity_extractors
from kg.text import Sentence

NAME = "ner-e5"
E5_CONFIDENCE = 0.8  # entity-level precision on ANERcorp's test split is about this (bench/RESULTS.md)


class E5NerExtractor:
    """See the module docstring."""

    name = NAME

    def __init__(self, model_path: Path | None = None, gazetteer: Gazetteer | None = None,
                 lexicon: Lexicon | None = None, every_sentence: bool = False) -> None:
        from kg.encoder.cache import shared_document_cache
        from kg.ner.model import NerModel
        from kg.ner.neural.model import DEFAULT_E5_MODEL_DIR, E5NerModel

        self.model = E5NerModel(model_path or DEFAULT_E5_MODEL_DIR)
        self.fast = NerModel.load()
        self.gaz = gazetteer or load_gazetteer()
        self.lex = lexicon or load_lexicon()
        self.matcher = GazetteerExtractor(self.gaz, self.lex)
        self.cache = shared_document_cache()
        self.every_sentence = every_sentence
        self.sentences_seen = 0
        self.sentences_encoded = 0

    def _has_trigger(self, sentence: Sentence) -> bool:
        return any(token.is_word and self.lex.lookup(token.norm) for token in sentence.tokens)

    def candidates(self, article: Article, sentences: list[Sentence], fast_spans: list[list]) -> list[bool]:
        """Does each sentence hold a trigger word or two possible actors?"""
        known: dict[int, int] = {}
        for mention in self.matcher(article, sentences):
            known[mention.sentence] = known.get(mention.sentence, 0) + 1
        return [self.every_sentence or self._has_trigger(s) or known.get(s.index, 0) + len(spans) >= 2
                for s, spans in zip(sentences, fast_spans)]

    def __call__(self, article: Article, sentences: list[Sentence]) -> list[Mention]:
        words = [[token.text for token in sentence.tokens] for sentence in sentences]
        fast = [[] for _ in words] if self.every_sentence else self.fast.predict(words)
        chosen = [i for i, flag in enumerate(self.candidates(article, sentences, fast)) if flag and words[i]]
        accurate: dict[int, list] = {}
        if chosen:
            self.cache.start(article.doc_id)
            encoded = self.cache.get([words[i] for i in chosen], self.model.settings.layers, self.model.settings.pooling)
            for i, spans in zip(chosen, self.model.predict([words[i] for i in chosen], encoded)):
                accurate[i] = spans
        self.sentences_seen += len(sentences)
        self.sentences_encoded += len(chosen)
        mentions: list[Mention] = []
        for i, sentence in enumerate(sentences):
            spans, confidence = (accurate[i], E5_CONFIDENCE) if i in accurate else (fast[i], CONFIDENCE)
            predicted = [PredictedSpan(s.start, s.end, s.label, confidence,
                                       _keep_article(sentence.tokens[s.start].text, s.start_char_in_first_word))
                         for s in spans]
            mentions.extend(mentions_from_spans(sentence, predicted, NAME, self.gaz))
        return mentions


@entity_extractors.register(NAME)
def make_e5_ner_extractor() -> E5NerExtractor:
    return E5NerExtractor()
