"""Relations from the trained pair classifier (kg.pairs) as a relation extractor.

Every pair of candidate mentions of a sentence (kg.pairs.candidates) is
scored by the shipped model; the best relation is kept when its probability
clears the model's threshold and the ontology accepts the two sides' types.
A prediction may not reach across a clause (kg.pairs.clauses: no
complementizer or reporting verb between the two mentions). What the rules
say about the same two mentions wins (the pipeline drops this extractor's
relation for a pair an earlier extractor already related, see
`kg.pipeline.combine_relations`), so the model fills the rules' gaps rather
than overruling them.

A relation needs a trigger for its provenance: the nearest word of the
relation's trigger lexicon between or around the pair, else the words
between the two mentions. Modality, dates, place and quantities are read
around that word as the rules read them (extractors.attributes).

An event type with a sentence classifier of its own (kg.event_classifier:
ASSAULT, PROTEST) is kept only when that classifier says the sentence
reports such an event: the pair model learned from ANERcorp, where attacks
are rare, and without the check it reads every sentence that names two
armed sides as an attack (OEDA assault detection on the test rows: 0.644
without the check, 0.658 with it).
"""

from __future__ import annotations

from kg.extractors.attributes import EventAttributes
from kg.extractors.sentence_view import SentenceView
from kg.dates import find_date_mentions
from kg.event_classifier import SentenceEventModel, shipped_models
from kg.gazetteer import Gazetteer, load_gazetteer
from kg.lexicon import Lexicon, load_lexicon
from kg.model import Article, Mention, RelationMention, Span
from kg.pairs.candidates import PairCandidate, candidate_pairs
from kg.pairs.clauses import crosses_clause
from kg.pairs.features import WINDOW, SentencePairs, pair_features
from kg.pairs.model import DEFAULT_MODEL_DIR, PairModel, Prediction, shipped_model
from kg.registry import relation_extractors
from kg.relations import RelationCatalog, load_relations, side_id
from kg.text import Sentence

NAME = "pairs"


class PairRelationExtractor:
    """See the module docstring."""

    name = NAME

    def __init__(self, model: PairModel | None = None, lexicon: Lexicon | None = None,
                 gazetteer: Gazetteer | None = None, relations: RelationCatalog | None = None,
                 event_models: dict[str, SentenceEventModel] | None = None) -> None:
        self.model = model or shipped_model()
        self.event_models = shipped_models() if event_models is None else event_models
        self.lex = lexicon or load_lexicon()
        self.gaz = gazetteer or load_gazetteer()
        self.rels = relations or load_relations()
        self.attributes = EventAttributes(self.lex)

    def __call__(self, article: Article, sentences: list[Sentence], mentions: list[Mention]) -> list[RelationMention]:
        by_sentence: dict[int, list[Mention]] = {}
        for mention in mentions:
            by_sentence.setdefault(mention.sentence, []).append(mention)
        found: list[RelationMention] = []
        for sentence in sentences:
            sentence_mentions = by_sentence.get(sentence.index, [])
            pairs = candidate_pairs(sentence_mentions)
            if not pairs:
                continue
            context = SentencePairs(sentence.tokens, sentence_mentions, self.lex)
            view: SentenceView | None = None
            reports: dict[str, bool] = {}
            for pair in pairs:
                prediction = self.model.predict(pair_features(context, pair, self.model.featurizers))
                if not self.model.accepts(prediction):
                    continue
                relation = self._relation(pair, prediction)
                if relation is None or crosses_clause(context, pair):
                    continue
                if not self._reports(sentence, prediction.relation, reports):
                    continue
                if view is None:
                    dates = find_date_mentions(sentence.text, article.date, offset=sentence.start)
                    view = SentenceView.build(article, sentence, sentence_mentions, dates, self.lex)
                found.append(self._record(view, context, pair, prediction, *relation))
        return found

    def _reports(self, sentence: Sentence, relation: str, cache: dict[str, bool]) -> bool:
        """True unless the relation's event type has a sentence classifier
        and it says this sentence does not report such an event."""
        plover = self.rels.relations[relation].plover
        model = self.event_models.get(plover)
        if model is None:
            return True
        if plover not in cache:
            cache[plover] = model.reports(sentence.text)
        return cache[plover]

    def _relation(self, pair: PairCandidate, prediction: Prediction) -> tuple[Mention, Mention, str, str] | None:
        """(subject mention, object mention, subject id, object id), or None
        when the ontology does not accept the sides."""
        definition = self.rels.relations.get(prediction.relation)
        if definition is None:
            return None
        subject, obj = (pair.second, pair.first) if prediction.reverse else (pair.first, pair.second)
        subject_id = side_id(definition, subject, definition.subject_types)
        object_id = side_id(definition, obj, definition.object_types)
        if subject_id == object_id:
            return None
        if not self.rels.accepts(prediction.relation, self.gaz.entity(subject_id).type, self.gaz.entity(object_id).type):
            return None
        return subject, obj, subject_id, object_id

    def _trigger(self, context: SentencePairs, pair: PairCandidate, relation: str) -> tuple[Span, int | None]:
        """The word that states the relation (and its token index): a trigger
        of the relation between the pair, else just before or after it, else
        the words between the two mentions (or both mentions, if adjacent)."""
        tokens = context.tokens
        between = context.words(pair.first.last_token, pair.second.first_token)
        before = list(reversed(context.words(0, pair.first.first_token)[-WINDOW:]))
        after = context.words(pair.second.last_token, len(tokens))[:WINDOW]
        for token in between + before + after:
            if any(r == relation for r, _ in context.triggers(token)):
                return Span(token.text, token.start, token.end), token.index
        if between:
            start, end = between[0].start, between[-1].end
        else:
            start, end = pair.first.start, pair.second.end
        text = " ".join(t.text for t in tokens if start <= t.start and t.end <= end)
        return Span(text, start, end), None

    def _record(self, view: SentenceView, context: SentencePairs, pair: PairCandidate, prediction: Prediction,
                subject: Mention, obj: Mention, subject_id: str, object_id: str) -> RelationMention:
        definition = self.rels.relations[prediction.relation]
        trigger, index = self._trigger(context, pair, prediction.relation)
        modality, date, deadline, place, topic, quantities = "asserted", None, None, "", "", ()
        if definition.kind == "event" and index is not None:
            modality = self.attributes.modality(view, index)
            date, deadline = self.attributes.dates(view, index)
            place, topic = self.attributes.place(view, index)
            quantities = self.attributes.quantities(view, index)
        return RelationMention(
            doc_id=view.article.doc_id, sentence=view.sentence.index, subject_id=subject_id,
            relation=prediction.relation, object_id=object_id, modality=modality, trigger=trigger,
            subject=Span(subject.text, subject.start, subject.end), object=Span(obj.text, obj.start, obj.end),
            extractor=NAME, confidence=round(prediction.probability * min(subject.confidence, obj.confidence), 3),
            date=date, deadline=deadline, place_id=place if place != object_id else "", topic_id=topic,
            quantities=quantities,
        )


@relation_extractors.register(NAME)
def make_pair_extractor() -> PairRelationExtractor:
    return PairRelationExtractor()


E5_NAME = "pairs-e5"
E5_MODEL_DIR = DEFAULT_MODEL_DIR.parent / "relations_e5"


@relation_extractors.register(E5_NAME)
def make_pair_e5_extractor() -> PairRelationExtractor:
    """The pair classifier trained with the `e5` featurizer too, for a build
    with the e5 NER (its encodings of the sentence are already in the
    document cache). No such model is shipped: it did not beat the plain
    one on dev-snn (bench/RESULTS.md); train it with
    `kg train relations --featurizers +e5 -o kg/models/relations_e5`."""
    from kg.errors import KgError

    if not (E5_MODEL_DIR / "model.json").is_file():
        raise KgError(f"no e5 relation model in {E5_MODEL_DIR} (train one with: "
                      f"kg train relations --featurizers +e5 -o {E5_MODEL_DIR})")
    return PairRelationExtractor(PairModel.load(E5_MODEL_DIR))
