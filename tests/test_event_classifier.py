"""The sentence classifier that tells a reported event from a mentioned one
(kg.event_classifier), and how the rules use it. Trained here on sentences
written for the tests; the shipped models are only checked for loading."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extractors.rules import RuleRelationExtractor
from kg.errors import KgError
from kg.event_classifier import (
    DEFAULT_MODEL_DIR,
    SentenceEventModel,
    load_models,
    ngrams,
    train,
    train_from_oeda,
)
from kg.model import EventMention
from kg.pipeline import Pipeline
from kg.reader import article_from_text

from conftest import assert_one_line_error, run_kg

REPORTS = [
    "قتل خمسة أشخاص في انفجار سيارة مفخخة وسط المدينة أمس.",
    "أطلق مسلحون النار على دورية للشرطة فقتلوا جنديين.",
    "فجر انتحاري نفسه قرب مركز للشرطة صباح اليوم.",
    "أصيب عشرة مدنيين في قصف استهدف السوق.",
]
MENTIONS = [
    "دان الوزير الهجوم ووصفه بالعمل الجبان.",
    "بدأت المحكمة النظر في قضية الاغتيال التي وقعت قبل سنوات.",
    "شن النائب هجوما حادا على الحكومة في البرلمان.",
    "ناقش المؤتمر سبل مكافحة الإرهاب في المنطقة.",
]


@pytest.fixture(scope="module")
def model() -> SentenceEventModel:
    return train(REPORTS + MENTIONS, [True] * len(REPORTS) + [False] * len(MENTIONS), "ASSAULT", threshold=0.5)


def test_probability_is_what_scikit_learn_computes():
    """The JSON model scores a sentence exactly as the fitted pipeline does."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    from kg.event_classifier import C, NGRAM_RANGE
    from kg.text import normalize

    texts = REPORTS + MENTIONS
    labels = [True] * len(REPORTS) + [False] * len(MENTIONS)
    ours = train(texts, labels, "ASSAULT")
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=NGRAM_RANGE, lowercase=False, min_df=2, sublinear_tf=True)
    matrix = vectorizer.fit_transform([normalize(t) for t in texts])
    reference = LogisticRegression(C=C, max_iter=5000, class_weight="balanced").fit(matrix, labels)
    unseen = ["انفجرت عبوة ناسفة قرب موكب المحافظ.", "استنكر البيان التفجيرات الأخيرة."]
    expected = reference.predict_proba(vectorizer.transform([normalize(t) for t in unseen]))[:, 1]
    for text, probability in zip(unseen, expected):
        assert ours.probability(text) == pytest.approx(probability, abs=1e-9)


def test_training_separates_its_own_sentences(model):
    assert all(model.reports(t) for t in REPORTS)
    assert not any(model.reports(t) for t in MENTIONS)


def test_ngrams_see_through_clitics_and_hamza():
    assert set(ngrams("بانفجار")) & set(ngrams("الانفجار")) >= {"انف", "نفجار"}
    assert ngrams("أطلق") == ngrams("اطلق")  # normalised before cutting


def test_save_and_load_round_trip(model, tmp_path: Path):
    path = tmp_path / "assault.json"
    model.save(path)
    loaded = SentenceEventModel.load(path)
    assert loaded.plover == "ASSAULT" and loaded.threshold == 0.5
    for text in REPORTS + MENTIONS:
        assert loaded.probability(text) == pytest.approx(model.probability(text), abs=1e-4)
    assert load_models(tmp_path) == {"ASSAULT": loaded}
    assert load_models(tmp_path / "missing") == {}


@pytest.mark.parametrize("content", ["not json", '{"format": "other"}', '{"format": "kg-event-classifier/1"}'])
def test_damaged_model_file_is_a_clear_error(tmp_path: Path, content: str):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(KgError, match="cannot be loaded"):
        SentenceEventModel.load(path)


def test_training_needs_both_labels():
    with pytest.raises(KgError, match="both"):
        train(REPORTS, [True] * len(REPORTS), "ASSAULT")


def test_shipped_models_load():
    models = load_models(DEFAULT_MODEL_DIR)
    assert set(models) == {"ASSAULT", "PROTEST"}
    for model in models.values():
        assert 0 < model.threshold < 1 and len(model.features) > 1000
        assert "even rows" in model.trained_on


# ---------------------------------------------------------------- rules


def constant(plover: str, says: bool) -> SentenceEventModel:
    """A model that gives every sentence the same answer."""
    return SentenceEventModel(plover, 0.5, 5.0 if says else -5.0, {})


def partial_events(extractor: RuleRelationExtractor, text: str) -> list[EventMention]:
    pipeline = Pipeline(relation_names=())
    article = article_from_text("d", text)
    result = pipeline(article)
    return [f for f in extractor(article, result.sentences, result.mentions) if isinstance(f, EventMention)]


UNANCHORED = "وقع انفجار ضخم دون أن يعرف مصدره"  # no side, place, count or date


def test_the_classifier_decides_events_with_a_side_missing():
    yes = RuleRelationExtractor(event_models={"ASSAULT": constant("ASSAULT", True)})
    no = RuleRelationExtractor(event_models={"ASSAULT": constant("ASSAULT", False)})
    assert [e.relation for e in partial_events(yes, UNANCHORED)] == ["attacks"]
    assert partial_events(no, UNANCHORED) == []
    anchored = "قتل خمسة أشخاص في انفجار في بغداد."
    assert partial_events(no, anchored) == []  # a count and a place do not overrule the model
    assert partial_events(yes, anchored)


def test_without_a_model_an_event_must_be_anchored():
    bare = RuleRelationExtractor(event_models={})
    assert partial_events(bare, UNANCHORED) == []
    assert [e.relation for e in partial_events(bare, "قتل خمسة أشخاص في انفجار في بغداد.")][:1] == ["kills"]


def test_full_relations_are_kept_whatever_the_classifier_says():
    no = RuleRelationExtractor(event_models={"ASSAULT": constant("ASSAULT", False)})
    article = article_from_text("d", "قصفت روسيا مواقع تركيا قرب الحدود.")
    result = Pipeline(relation_names=())(article)
    found = no(article, result.sentences, result.mentions)
    assert ("russia", "attacks", "turkey") in {(f.subject_id, f.relation, f.object_id) for f in found}


def test_a_counted_crowd_gives_its_subject_to_a_protest_with_none():
    yes = RuleRelationExtractor(event_models={"PROTEST": constant("PROTEST", True)})
    events = [e for e in partial_events(yes, "شارك آلاف المتظاهرين في مظاهرة حاشدة") if e.relation == "protests"]
    assert len(events) == 1
    assert events[0].subject_id == "protesters" and events[0].trigger.text == "مظاهرة"


# ---------------------------------------------------------------- CLI

HEADER = ",accept,event_type,id,label,reject,text,total\n"


def _write_benchmark(folder: Path) -> None:
    for name, kind in (("assault", "ASSAULT"), ("protest", "PROTEST")):
        sentences = REPORTS + MENTIONS
        rows = [f'{2 * k},3,{kind},AAW_ARB_20080101.000{k}-1,{"yes" if k < len(REPORTS) else "easy no"},0,"{s}",3\n'
                f'{2 * k + 1},3,{kind},AAW_ARB_20080101.000{k}-2,yes,0,"جملة للاختبار فقط.",3\n'
                for k, s in enumerate(sentences)]
        (folder / f"{name}_gsr.csv").write_text(HEADER + "".join(rows), encoding="utf-8")


def test_train_events_reads_only_even_rows(tmp_path: Path):
    data, out = tmp_path / "data", tmp_path / "models"
    data.mkdir()
    _write_benchmark(data)
    trained = train_from_oeda(data, out)
    # 8 even rows (4 reports) per file; the odd rows, all "yes", are not read
    assert trained == [("assault.json", 4, 8), ("protest.json", 4, 8)]
    assert set(load_models(out)) == {"ASSAULT", "PROTEST"}


def test_cli_train_events(tmp_path: Path):
    data = tmp_path / "data"
    data.mkdir()
    _write_benchmark(data)
    run = run_kg("train", "events", "--data", data, "-o", tmp_path / "models")
    assert run.returncode == 0, run.describe()
    assert "models written" in run.stderr
    assert sorted(p.name for p in (tmp_path / "models").iterdir()) == ["assault.json", "protest.json"]
    line = assert_one_line_error(run_kg("train", "events", "--data", tmp_path / "missing", "-o", tmp_path / "m2"))
    assert "no such folder" in line


@settings(derandomize=True, database=None, deadline=None, max_examples=300)
@given(st.text(alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأؤإئةى abcXYZ019.،\t\n\r\u00a0\u2003\u200f", max_size=120))
def test_char_wb_ngrams_equal_scikit_learn(text):
    """kg writes scikit-learn's char_wb analyzer out (importing scikit-learn
    costs a second of every start); the n-grams must stay the same."""
    from kg.event_classifier import _vectorizer, char_wb_ngrams

    assert char_wb_ngrams(text) == _vectorizer().build_analyzer()(text)
