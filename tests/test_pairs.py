"""The trained relation stage (kg.pairs, extractors/pairs.py) on a tiny
corpus the tests write themselves: reading, candidates, labels, training,
the model file, the extractor and how the pipeline combines it with the
rules."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from kg.errors import KgError
from kg.lexicon import load_lexicon
from kg.model import Article, RelationMention, Span
from kg.pairs.candidates import candidate_pairs
from kg.pairs.corpus import pair_labels, read_corpus
from kg.pairs.features import DEFAULT_FEATURIZERS, FEATURIZERS, SentencePairs, pair_features
from kg.pairs.model import NONE, PairModel, decode_label, encode_label, shipped_model
from kg.pairs.train import build_examples, fit, partition_groups, train_relations
from kg.pipeline import combine_relations
from kg.relations import load_relations
from kg.text import Sentence, tokenize

COUNTRIES = ["تركيا", "سوريا", "روسيا", "إيران", "مصر", "العراق", "الأردن", "لبنان"]


def _record(index: int, words: list[str], names: dict[int, str], relations: list[tuple[int, int, str]]) -> dict:
    """A corpus line: `names` maps a token position to its NER label."""
    entities = [{"i": n, "start": k, "end": k + 1, "type": label, "text": words[k]}
                for n, (k, label) in enumerate(sorted(names.items()))]
    return {"id": f"test-{index:03d}", "tokens": words, "text": " ".join(words), "entities": entities,
            "extra_entities": [], "kg_types": {},
            "relations": [{"s": s, "o": o, "r": r, "trigger": None, "modality": "asserted"} for s, o, r in relations]}


def tiny_corpus() -> list[dict]:
    """Sentences written for the tests: attacks (both orders), visits and
    pairs the sentence does not relate."""
    records = []
    n = 0
    for a, b in zip(COUNTRIES, COUNTRIES[1:] + COUNTRIES[:1]):
        records.append(_record(n, ["هاجمت", a, b, "أمس", "."], {1: "LOC", 2: "LOC"}, [(0, 1, "attacks")]))
        n += 1
        records.append(_record(n, ["تعرضت", b, "لهجوم", "من", a, "."], {1: "LOC", 4: "LOC"}, [(1, 0, "attacks")]))
        n += 1
        records.append(_record(n, ["الطقس", "في", a, "و", b, "معتدل", "."], {2: "LOC", 4: "LOC"}, []))
        n += 1
        records.append(_record(n, ["تصدر", a, "القطن", "و", "تستورد", b, "القمح", "."], {1: "LOC", 5: "LOC"}, []))
        n += 1
    return records


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("relations_corpus")
    lines = [json.dumps(r, ensure_ascii=False) for r in tiny_corpus()]
    (folder / "train-relations.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def sentences(corpus_dir: Path):
    return list(read_corpus(corpus_dir))


@pytest.fixture(scope="module")
def model(sentences) -> PairModel:
    return fit(build_examples(sentences), threshold=0.3)


def test_corpus_sentences_get_kg_mentions_and_gold_spans(sentences):
    first = sentences[0]
    assert [m.entity_id for m in first.mentions] == ["turkey", "syria"]
    assert [(g.subject, g.object, g.relation) for g in first.relations] == [((1, 2), (2, 3), "attacks")]


def test_labels_carry_direction(sentences, relations):
    forward, backward, unrelated = sentences[0], sentences[1], sentences[2]
    assert pair_labels(forward, candidate_pairs(forward.mentions)[0], relations.symmetric) == {"attacks>"}
    assert pair_labels(backward, candidate_pairs(backward.mentions)[0], relations.symmetric) == {"attacks<"}
    assert pair_labels(unrelated, candidate_pairs(unrelated.mentions)[0], relations.symmetric) == set()


def test_label_names_round_trip():
    assert decode_label(encode_label("attacks", True, False)) == ("attacks", True)
    assert decode_label(encode_label("meets_with", False, True)) == ("meets_with", False)


def test_candidates_skip_the_same_actor_and_far_pairs(gazetteer):
    from kg.extractors.gazetteer import GazetteerExtractor

    text = "قالت تركيا إن أنقرة " + "و".join([" كلمة"] * 30) + " ثم سوريا"
    sentence = Sentence(0, 0, len(text), text, tuple(tokenize(text)), "body")
    mentions = GazetteerExtractor(gazetteer)(Article("t", text, "", 0, None, "none"), [sentence])
    assert {m.actor_id for m in mentions} >= {"turkey", "syria"}
    assert candidate_pairs(mentions) == []  # Turkey twice, Syria too far


def test_features_come_from_the_named_featurizers(sentences):
    sentence = sentences[0]
    context = SentencePairs(sentence.sentence.tokens, sentence.mentions, load_lexicon())
    pair = candidate_pairs(sentence.mentions)[0]
    features = pair_features(context, pair)
    assert "types=Country_Country" in features and "adjacent" in features and "before=attacks" in features
    assert set(DEFAULT_FEATURIZERS) <= set(FEATURIZERS)
    with pytest.raises(KeyError):
        pair_features(context, pair, ["no such featurizer"])


def test_trained_model_reads_its_own_sentences(model, sentences):
    lexicon = load_lexicon()
    for sentence, expected in zip(sentences[:3], ["attacks>", "attacks<", None]):
        pair = candidate_pairs(sentence.mentions)[0]
        prediction = model.predict(pair_features(SentencePairs(sentence.sentence.tokens, sentence.mentions, lexicon), pair))
        if expected is None:
            assert not model.accepts(prediction)
        else:
            assert prediction.label == expected and model.accepts(prediction)


def test_probabilities_are_the_softmax_of_the_weights():
    model = PairModel(("NONE", "attacks>"), [0.5, -0.5], {"a": {1: 2.0}, "b": {0: 1.0, 1: -1.0}}, threshold=0.5)
    scores = np.array([0.5 + 1.0 * 3, -0.5 + 2.0 * 1 - 1.0 * 3])
    expected = np.exp(scores - scores.max()) / np.exp(scores - scores.max()).sum()
    assert np.allclose(model.probabilities({"a": 1.0, "b": 3.0, "unknown": 9.0}), expected)


def test_model_matches_scikit_learn(sentences, monkeypatch):
    """With nothing pruned, the shipped arithmetic is scikit-learn's."""
    import kg.pairs.model as model_module
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    monkeypatch.setattr(model_module, "PRUNE", 0.0)
    monkeypatch.setattr(model_module, "DIGITS", 12)
    monkeypatch.setattr("kg.pairs.train.MIN_DF", 1)
    examples = build_examples(sentences)
    ours = fit(examples)
    features, labels = examples.expanded(range(len(examples.features)))
    vectorizer = DictVectorizer()
    reference = LogisticRegression(C=1.0, max_iter=3000).fit(vectorizer.fit_transform(features), labels)
    expected = reference.predict_proba(vectorizer.transform(examples.features[:4]))
    got = np.array([ours.probabilities(f) for f in examples.features[:4]])
    assert list(ours.classes) == list(reference.classes_)
    assert np.allclose(got, expected, atol=1e-6)


def test_save_load_round_trip_and_determinism(corpus_dir: Path, tmp_path: Path):
    first = train_relations(corpus_dir, tmp_path / "one", folds=3)
    second = train_relations(corpus_dir, tmp_path / "two", folds=3)
    assert first.path.read_bytes() == second.path.read_bytes()
    loaded = PairModel.load(tmp_path / "one")
    assert loaded.to_json() == first.path.read_text(encoding="utf-8")
    assert first.related_pairs == 16 and first.relations["attacks"] == 16


@pytest.mark.parametrize("content", ["", "{}", '{"format": "kg-pair-classifier/1"}', "not json"])
def test_damaged_model_file_is_a_clear_error(tmp_path: Path, content: str):
    (tmp_path / "model.json").write_text(content, encoding="utf-8")
    with pytest.raises(KgError):
        PairModel.load(tmp_path)


def test_missing_model_says_how_to_rebuild(tmp_path: Path):
    with pytest.raises(KgError, match="kg train relations"):
        PairModel.load(tmp_path)


def test_extractor_finds_the_relation_with_provenance(model, gazetteer):
    from kg.extractors.gazetteer import GazetteerExtractor
    from kg.extractors.pairs import PairRelationExtractor

    text = "هاجمت مصر لبنان أمس."  # a pair the tiny corpus never had in this order
    article = Article("doc", text, "", 0, None, "none")
    sentence = Sentence(0, 0, len(text), text, tuple(tokenize(text)), "body")
    mentions = GazetteerExtractor(gazetteer)(article, [sentence])
    found = PairRelationExtractor(model=model, event_models={})(article, [sentence], mentions)
    assert [(r.subject_id, r.relation, r.object_id) for r in found] == [("egypt", "attacks", "lebanon")]
    relation = found[0]
    assert text[relation.trigger.start:relation.trigger.end] == relation.trigger.text == "هاجمت"
    assert text[relation.subject.start:relation.subject.end] == "مصر"
    assert 0 < relation.confidence <= 1 and relation.extractor == "pairs"


class _Says:
    """A sentence event classifier that answers the same for every sentence."""

    def __init__(self, answer: bool) -> None:
        self.answer = answer

    def reports(self, text: str) -> bool:
        return self.answer


def test_attacks_need_the_sentence_classifiers_consent(model, gazetteer):
    from kg.extractors.gazetteer import GazetteerExtractor
    from kg.extractors.pairs import PairRelationExtractor

    text = "هاجمت مصر لبنان أمس."
    article = Article("doc", text, "", 0, None, "none")
    sentence = Sentence(0, 0, len(text), text, tuple(tokenize(text)), "body")
    mentions = GazetteerExtractor(gazetteer)(article, [sentence])
    found = {answer: [r.relation for r in PairRelationExtractor(model=model, event_models={"ASSAULT": _Says(answer)})(
        article, [sentence], mentions)] for answer in (True, False)}
    assert found == {True: ["attacks"], False: []}


def test_extractor_respects_argument_types(gazetteer):
    """A relation the ontology forbids between the two types is not
    emitted, whatever the model says: a model that always answers
    located_in gives it for a place and a state, not for a person."""
    from kg.extractors.gazetteer import GazetteerExtractor
    from kg.extractors.pairs import PairRelationExtractor

    always = PairModel(("NONE", "located_in>"), [0.0, 5.0], {}, threshold=0.5)
    extractor = PairRelationExtractor(model=always)
    found = {}
    for text in ("وصلت حلب إلى سوريا.", "وصل بوتين إلى سوريا."):
        article = Article("doc", text, "", 0, None, "none")
        sentence = Sentence(0, 0, len(text), text, tuple(tokenize(text)), "body")
        mentions = GazetteerExtractor(gazetteer)(article, [sentence])
        found[text] = [(r.subject_id, r.relation, r.object_id) for r in extractor(article, [sentence], mentions)]
    assert found["وصلت حلب إلى سوريا."] == [("aleppo", "located_in", "syria")]
    assert found["وصل بوتين إلى سوريا."] == []


def _always(label: str, texts: tuple[str, ...], gazetteer) -> dict[str, list[tuple[str, str, str]]]:
    """What the extractor keeps of a model that gives `label` to every pair."""
    from kg.extractors.gazetteer import GazetteerExtractor
    from kg.extractors.pairs import PairRelationExtractor

    extractor = PairRelationExtractor(model=PairModel(("NONE", label), [0.0, 5.0], {}, threshold=0.5), event_models={})
    found = {}
    for text in texts:
        article = Article("doc", text, "", 0, None, "none")
        sentence = Sentence(0, 0, len(text), text, tuple(tokenize(text)), "body")
        mentions = GazetteerExtractor(gazetteer)(article, [sentence])
        found[text] = [(r.subject_id, r.relation, r.object_id) for r in extractor(article, [sentence], mentions)]
    return found


def test_the_classifier_relates_no_speaker_to_what_he_reports(gazetteer):
    stated, reported = "التقى بوتين أردوغان أمس.", "وقال بوتين إن أردوغان التقى الوفد."
    found = _always("meets_with", (stated, reported), gazetteer)
    assert found[stated] == [("vladimir_putin", "meets_with", "recep_tayyip_erdogan")]
    assert found[reported] == []


def test_a_static_relation_from_the_classifier_stays_inside_its_clause(gazetteer):
    apposition, across = "وصلت حلب في سوريا أمس.", "وصلت حلب وقال إن سوريا بخير."
    found = _always("located_in>", (apposition, across), gazetteer)
    assert found[apposition] == [("aleppo", "located_in", "syria")]
    assert found[across] == []


def _relation(extractor: str, start_s: int, start_o: int, relation: str = "attacks") -> RelationMention:
    return RelationMention("d", 0, f"s{start_s}", relation, f"o{start_o}", "asserted", Span("x", 0, 1),
                           Span("s", start_s, start_s + 1), Span("o", start_o, start_o + 1), extractor, 0.9)


def test_rules_win_over_the_classifier_on_the_same_pair():
    rules = _relation("rules", 0, 10)
    same_pair = _relation("pairs", 10, 0, "supports")
    other_pair = _relation("pairs", 0, 20)
    repeat = _relation("rules", 0, 10)
    assert combine_relations([rules, same_pair, other_pair, repeat]) == [rules, other_pair]


def test_the_classifier_adds_nothing_between_two_entities_an_earlier_extractor_related():
    static = _relation("static", 0, 10, "official_of")
    # the same two entities, named elsewhere in the sentence (the title's place and the place again)
    again = RelationMention("d", 0, "s0", "visits", "o10", "asserted", Span("x", 0, 1), Span("s", 40, 41),
                            Span("o", 60, 61), "pairs", 0.9)
    other_sentence = RelationMention("d", 1, "s0", "visits", "o10", "asserted", Span("x", 0, 1), Span("s", 80, 81),
                                     Span("o", 90, 91), "pairs", 0.9)
    assert combine_relations([static, again, other_sentence]) == [static, other_sentence]
    # the hand-written extractors are not held back by each other that way
    static_again = RelationMention("d", 2, "s0", "official_of", "o10", "asserted", Span("x", 0, 1), Span("s", 0, 1),
                                   Span("o", 9, 10), "static", 0.9)
    rules_first = RelationMention("d", 2, "s0", "meets_with", "o10", "asserted", Span("x", 0, 1), Span("s", 3, 4),
                                  Span("o", 5, 6), "rules", 0.9)
    assert combine_relations([rules_first, static_again]) == [rules_first, static_again]


def test_a_person_the_title_rules_placed_gets_no_second_owner_from_the_classifier():
    static = _relation("static", 0, 10, "official_of")
    second_owner = _relation("pairs", 0, 20, "official_of")
    other_person = _relation("pairs", 30, 20, "official_of")
    other_relation = _relation("pairs", 0, 40, "meets_with")
    both_static = _relation("static", 0, 50, "official_of")  # one extractor may give two (stacked titles)
    assert combine_relations([static, second_owner, other_person, other_relation, both_static]) == [
        static, other_person, other_relation, both_static]


def test_shipped_model_loads():
    model = shipped_model()
    assert NONE in model.classes and set(model.featurizers) <= set(FEATURIZERS)
    assert 0 < model.threshold < 1
    relations = load_relations().relations
    assert all(decode_label(c)[0] in relations for c in model.classes if c != NONE)


def test_cli_train_and_eval(corpus_dir: Path, tmp_path: Path, kg_fast):
    run = kg_fast("train", "relations", "--data", corpus_dir, "-o", tmp_path)
    assert run.returncode == 0 and (tmp_path / "model.json").is_file(), run.describe()
    again = kg_fast("train", "relations", "--data", corpus_dir, "-o", tmp_path)
    assert "byte-identical" in again.stderr, again.describe()
    report = kg_fast("eval", "relations", "--data", corpus_dir)
    assert report.returncode == 0 and "overall" in report.stdout and "attacks" in report.stdout, report.describe()


def test_partition_zero_keeps_the_training_folds_and_others_move_whole_sentences():
    groups = [0, 0, 1, 1, 1, 2, 3, 3, 4, 5, 5, 6]
    assert list(partition_groups(groups, 0)) == groups
    moved = partition_groups(groups, 1)
    assert list(moved) != groups
    # pairs of one sentence keep one id, and no two sentences share one
    assert len(set(moved)) == len(set(groups))
    assert all(len({m for g2, m in zip(groups, moved) if g2 == g}) == 1 for g in set(groups))
    assert list(partition_groups(groups, 1)) == list(moved)  # seeded: the same each run


def test_cli_eval_reports_the_mean_over_partitions(corpus_dir: Path, kg_fast):
    report = kg_fast("eval", "relations", "--data", corpus_dir, "--partitions", "2")
    assert report.returncode == 0, report.describe()
    assert "classifier F1 on 2 partitions into folds" in report.stdout and "mean" in report.stdout
    single = kg_fast("eval", "relations", "--data", corpus_dir, "--partitions", "1")
    assert "partitions into folds" not in single.stdout
    # the table is the first partition's either way
    assert single.stdout.splitlines()[0] == report.stdout.splitlines()[0]


def test_cli_bad_corpus_is_one_line(tmp_path: Path, kg, one_line_error):
    (tmp_path / "train-relations.jsonl").write_text("{not json\n", encoding="utf-8")
    assert "invalid JSON" in one_line_error(kg("train", "relations", "--data", tmp_path, "-o", tmp_path / "m"))
    assert "no such file" in one_line_error(kg("eval", "relations", "--data", tmp_path / "missing"))


def test_relation_thresholds_are_chosen_per_relation():
    """Out-of-fold predictions where a's pairs are right only when sure and
    b's are right even when unsure: a gets a higher threshold; b keeps the
    overall one (a threshold of its own is never lower), and so does a
    relation with too few gold pairs."""
    from kg.pairs.train import CrossValidation

    labels, predicted, probability = [], [], []
    for p, right in ((0.9, True), (0.8, True), (0.45, False), (0.42, False)):
        labels.append(frozenset({"a>"}) if right else frozenset())
        predicted.append("a>")
        probability.append(p)
    for p in (0.9, 0.3, 0.25, 0.2):
        labels.append(frozenset({"b>"}))
        predicted.append("b>")
        probability.append(p)
    labels.append(frozenset({"c>"}))
    predicted.append("c>")
    probability.append(0.1)
    cv = CrossValidation(labels, predicted, probability)
    own = cv.relation_thresholds(0.4, min_support=2, min_precision=0.5)
    assert own["a"] > 0.45 and "b" not in own and "c" not in own
    assert cv.overall(0.4, own).fp == 0 and cv.overall(0.4, own).tp == 3


def test_thresholds_are_chosen_on_several_partitions_pooled(sentences):
    """The pool holds every pair once per partition, each partition's own
    out-of-fold predictions; with one partition it is plain cross-validation."""
    from kg.pairs.train import cross_validate, pooled_cross_validation

    examples = build_examples(sentences)
    single = cross_validate(examples, 3)
    assert pooled_cross_validation(examples, 3, partitions=1) == single
    pooled = pooled_cross_validation(examples, 3, partitions=2)
    n = len(examples.features)
    assert len(pooled.labels) == 2 * n and pooled.labels[n:] == single.labels
    assert pooled.predicted[:n] == single.predicted
    assert pooled.probability[n:] == cross_validate(examples, 3, partition=1).probability
