"""`kg eval events --cv`: the sentence classifier is retrained without the
fold it is scored on, the shipped models are put back, and the folds are a
reproducible, balanced cut."""

from __future__ import annotations

from pathlib import Path

import pytest

import kg.event_cv as event_cv
from kg.errors import KgError
from kg.event_cv import cross_validate, folds_of, run_event_cv
from kg.oeda import DetectionRow
from kg.pipeline import Pipeline

REPORTS = [
    "قتل خمسة أشخاص في انفجار سيارة مفخخة وسط المدينة أمس.",
    "أطلق مسلحون النار على دورية للشرطة فقتلوا جنديين.",
    "فجر انتحاري نفسه قرب مركز للشرطة صباح اليوم.",
    "قتل ثلاثة جنود في هجوم على نقطة تفتيش أمس.",
]
OTHERS = [
    "قال الوزير إن الاقتصاد ينمو بسرعة.",
    "افتتح الرئيس المعرض الدولي للكتاب أمس.",
    "ناقش المؤتمر سبل التعاون في التعليم.",
    "ارتفعت أسعار النفط في الأسواق العالمية.",
]


def _rows() -> list[DetectionRow]:
    texts = [(t, "yes") for t in REPORTS] + [(t, "easy no") for t in OTHERS]
    return [DetectionRow(n, f"AAW_ARB_20080101.{n:04d}-1", text, label, "ASSAULT") for n, (text, label) in enumerate(texts)]


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(("gazetteer",), ("rules",))


def test_folds_are_balanced_reproducible_and_seeded():
    rows = _rows() + _rows()[:3]
    fold = folds_of(rows, 3, seed=0)
    assert sorted(fold.count(f) for f in range(3)) == [3, 4, 4]
    assert fold == folds_of(rows, 3, seed=0)
    assert fold != folds_of(rows, 3, seed=1)


def test_no_row_is_scored_by_a_classifier_trained_on_it(pipeline, monkeypatch):
    rows = _rows()
    trained_on: list[set[str]] = []
    real_train = event_cv.train

    def recording_train(texts, labels, plover, **kwargs):
        trained_on.append(set(texts))
        return real_train(texts, labels, plover, **kwargs)

    monkeypatch.setattr(event_cv, "train", recording_train)
    fold = folds_of(rows, 2, seed=0)
    scores = cross_validate(rows, "ASSAULT", 2, 1, pipeline, thresholds=(0.4, 0.6))
    assert len(trained_on) == 2
    for f, texts in enumerate(trained_on):
        held_out = {r.text for r, k in zip(rows, fold) if k == f}
        assert held_out and not held_out & texts
    assert [s.threshold for s in scores] == [0.4, 0.6]
    assert all(s.tp + s.fn == len(REPORTS) for s in scores)


def test_the_shipped_models_are_put_back(pipeline):
    rules = event_cv._rules_extractor(pipeline)
    before = rules.event_models
    cross_validate(_rows(), "ASSAULT", 2, 1, pipeline, thresholds=(0.5,))
    assert rules.event_models is before


def test_too_few_folds_is_an_error(tmp_path: Path):
    with pytest.raises(KgError, match="at least 2 folds"):
        run_event_cv(tmp_path, 1, 1)


def _write_benchmark(folder: Path) -> Path:
    """An OEDA-shaped folder whose even (development) rows are `_rows()`; the
    odd rows are test rows that must not matter."""
    folder.mkdir()
    header = ",accept,event_type,id,label,reject,text,total\n"
    lines = []
    for row in _rows():
        for part, text in ((0, row.text), (1, "نص من الاختبار لا يقرأ.")):
            n = len(lines)
            lines.append(f"{n},3,assault,{row.id}{part},{row.label},0,{text},3")
    (folder / "assault_gsr.csv").write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    (folder / "protest_gsr.csv").write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_kg_eval_events_cv_prints_a_table_per_benchmark(kg, tmp_path):
    run = kg("eval", "events", "--data", _write_benchmark(tmp_path / "oeda"), "--cv", "2", "--partitions", "2")
    assert run.returncode == 0, run.describe()
    assert "assault: event detection, development rows by 2-fold cross-validation" in run.stdout
    assert "protest: event detection" in run.stdout
    assert run.stdout.count("F1 p") == 4  # two partitions, two benchmarks


def test_kg_eval_events_cv_needs_both_labels_in_every_training_fold(kg, one_line_error, tmp_path):
    folder = tmp_path / "oeda"
    folder.mkdir()
    header = ",accept,event_type,id,label,reject,text,total\n"
    (folder / "assault_gsr.csv").write_text(header + "0,3,assault,a0,yes,0,قتل جنديان في هجوم.,3\n"
                                            "1,3,assault,a1,yes,0,قتل جنديان في هجوم.,3\n", encoding="utf-8")
    one_line_error(kg("eval", "events", "--data", folder, "--cv", "2"))
