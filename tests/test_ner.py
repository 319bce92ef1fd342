"""Statistical NER (kg.ner): clitic split, IOB reading, scoring, training, the packaged model."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import KgError
from kg.ner.conll import Span, read_iob, spans_from_tags, split_dev
from kg.ner.evaluate import MODE_AS_IS, MODE_EXCLUDED, evaluate_ner, format_report, score_spans
from kg.ner.model import DEFAULT_MODEL_DIR, NerModel, NerSpan
from kg.ner.segment import SegmentedSentence, Segmenter, SegmenterSettings, build_lexicon

LEXICON = build_lexicon(["روسيا", "لبنان", "قال", "عراق", "الرئيس"])


def pieces(word: str, rule: str = "lexicon") -> list[str]:
    return [p.text for p in Segmenter(SegmenterSettings(rule=rule), LEXICON).segment(word).pieces]


# --- segmentation


def test_conjunctions_and_prepositions_split_off_known_stems():
    assert pieces("وروسيا") == ["و", "روسيا"]
    assert pieces("ولبنان") == ["و", "لبنان"]
    assert pieces("وقال") == ["و", "قال"]
    assert pieces("بروسيا") == ["ب", "روسيا"]


def test_article_sequences_split_and_laam_laam_is_preposition_plus_article():
    assert pieces("بالعراق") == ["ب", "ال", "عراق"]
    assert pieces("والعراق") == ["و", "ال", "عراق"]
    assert pieces("للعراق") == ["ل", "ل", "عراق"]
    seg = Segmenter(SegmenterSettings(), LEXICON).segment("للعراق")
    assert [p.norm for p in seg.pieces] == ["ل", "ال", "عراق"]
    assert seg.stem_start == 2


def test_ambiguous_words_stay_whole():
    assert pieces("وليد") == ["وليد"]  # a name, not و + ليد
    assert pieces("والي") == ["والي"]  # governor: too little left after وال
    assert pieces("بالغ") == ["بالغ"]
    assert pieces("ألمانيا") == ["ألمانيا"]  # أل with hamza is not the article
    assert pieces("واشنطن") == ["واشنطن"]
    assert pieces("و") == ["و"]


def test_rules_none_and_length():
    assert pieces("وروسيا", rule="none") == ["وروسيا"]
    assert pieces("وليد", rule="length") == ["و", "ليد"]


def test_diacritics_stay_with_their_letter_and_offsets_are_surface_offsets():
    seg = Segmenter(SegmenterSettings(), LEXICON).segment("وَلبنان")
    assert [p.text for p in seg.pieces] == ["وَ", "لبنان"]
    assert seg.stem_start == 2
    assert "".join(p.text for p in seg.pieces) == "وَلبنان"


def test_entities_move_between_words_and_pieces():
    sentence = SegmentedSentence.build(["زار", "ولبنان", "الرئيس"], Segmenter(SegmenterSettings(), LEXICON))
    assert [p.text for p in sentence.pieces] == ["زار", "و", "لبنان", "ال", "رئيس"]
    assert sentence.piece_span(1, 2) == (2, 3)  # the stem only
    assert sentence.word_span(2, 3) == (1, 2, 1)
    assert sentence.word_span(1, 3) == (1, 2, 0)  # the clitic included by the tagger
    assert sentence.word_span(1, 2) is None  # a lone clitic is no entity
    assert sentence.word_span(2, 5) == (1, 3, 1)


# --- IOB reading


def test_iob_spans_conll_style(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_text("جاء O\nجورج B-PERS\nبوش I-PERS\nإلى O\nالأمم I-ORG\nالمتحدة I-ORG\nفي I-LOC\n\n"
                    "بغداد I-LOC\nباريس B-LOC\n\" O", encoding="utf-8")
    sentences = read_iob(path)
    assert len(sentences) == 2
    assert sentences[0].spans == [Span(1, 3, "PERS"), Span(4, 6, "ORG"), Span(6, 7, "LOC")]
    assert sentences[1].spans == [Span(0, 1, "LOC"), Span(1, 2, "LOC")]
    assert sentences[1].tokens[2] == '"'


def test_i_after_other_type_starts_new_span():
    assert spans_from_tags(["B-PERS", "I-LOC", "I-LOC", "O", "I-PERS"]) == [
        Span(0, 1, "PERS"), Span(1, 3, "LOC"), Span(4, 5, "PERS")]


def test_bad_iob_line_is_a_user_error(tmp_path: Path):
    path = tmp_path / "bad.txt"
    path.write_text("كلمة\n", encoding="utf-8")
    with pytest.raises(KgError):
        read_iob(path)


def test_dev_split_is_disjoint():
    sentences = list(range(100))
    train, dev = split_dev(sentences, how="tail")  # type: ignore[arg-type]
    assert dev == list(range(90, 100)) and len(train) == 90
    train, dev = split_dev(sentences, how="every")  # type: ignore[arg-type]
    assert dev[:2] == [9, 19] and not set(train) & set(dev)


# --- scoring


def test_scores_are_exact_span_and_type():
    gold = [[Span(0, 2, "PERS"), Span(3, 4, "LOC")], [Span(1, 2, "ORG")]]
    pred = [[Span(0, 2, "PERS"), Span(3, 4, "ORG")], [Span(1, 3, "ORG")]]
    scores = score_spans(gold, pred)
    assert (scores.per_type["PERS"].tp, scores.per_type["PERS"].fp, scores.per_type["PERS"].fn) == (1, 0, 0)
    assert (scores.per_type["LOC"].tp, scores.per_type["LOC"].fn) == (0, 1)
    assert (scores.per_type["ORG"].fp, scores.per_type["ORG"].fn) == (2, 1)
    assert (scores.overall.tp, scores.overall.fp, scores.overall.fn) == (1, 2, 2)
    assert scores.overall.precision == pytest.approx(1 / 3)
    assert scores.overall.f1 == pytest.approx(1 / 3)


class _FixedModel:
    """Stands in for NerModel: returns fixed spans."""

    path = None

    def __init__(self, spans: list[list[NerSpan]]) -> None:
        self.spans = spans

    def predict(self, sentences: list[list[str]]) -> list[list[NerSpan]]:
        assert len(sentences) == len(self.spans)
        return self.spans


def test_exclusion_mode_drops_token_zero_entities_of_untrusted_sentences(tmp_path: Path):
    test = tmp_path / "test.txt"
    test.write_text("برند B-PERS\nقال O\nعمرو B-PERS\n\n"
                    "مصر B-LOC\nدولة O\n\n"
                    "\" O\nقال O\nعمرو B-PERS\n", encoding="utf-8")
    check = tmp_path / "check.tsv"
    check.write_text("sentence_index\ttest_file_line\ttest_token\ttest_tag\tbenajiba_line\tbenajiba_token\tbenajiba_tag\tstatus\n"
                     "0\t1\tبرند\tB-PERS\t9\tوقال\tO\tdiffers\n"
                     "1\t5\tمصر\tB-LOC\t12\tمصر\tB-LOC\tsame\n"
                     "2\t8\t\"\tO\t\t\t\tunaligned\n", encoding="utf-8")
    model = _FixedModel([
        [NerSpan(2, 3, "PERS", 0)],  # sentence 0: misses the spurious gold at token 0
        [NerSpan(0, 1, "ORG", 0)],  # sentence 1 (trusted): wrong type at token 0
        [NerSpan(0, 1, "MISC", 0), NerSpan(2, 3, "PERS", 0)],  # sentence 2: FP at token 0
    ])
    report = evaluate_ner(model, test, check)  # type: ignore[arg-type]
    as_is = report.mode(MODE_AS_IS).overall
    assert (as_is.tp, as_is.fp, as_is.fn) == (2, 2, 2)
    excluded = report.mode(MODE_EXCLUDED)
    assert (excluded.overall.tp, excluded.overall.fp, excluded.overall.fn) == (2, 1, 1)
    assert (excluded.per_type["ORG"].fp, excluded.per_type["LOC"].fn) == (1, 1)
    assert (excluded.dropped_gold, excluded.dropped_pred) == (1, 1)
    assert report.excluded_sentences == 2 and report.tokens == 8
    text = format_report(report)
    assert "overall" in text and "tokens/s" in text and MODE_EXCLUDED in text


def test_check_file_must_line_up_with_the_test_file(tmp_path: Path):
    test = tmp_path / "test.txt"
    test.write_text("مصر B-LOC\n", encoding="utf-8")
    check = tmp_path / "check.tsv"
    check.write_text("test_token\tstatus\nليبيا\tsame\n", encoding="utf-8")
    with pytest.raises(KgError):
        evaluate_ner(_FixedModel([[]]), test, check)  # type: ignore[arg-type]


# --- training and loading


SYNTHETIC_NAMES = ["سامر", "نادر", "كريم", "هشام"]
SYNTHETIC_PLACES = ["دمشق", "حلب", "بيروت", "عمان"]


def _synthetic_corpus() -> str:
    lines: list[str] = []
    for i in range(40):
        name = SYNTHETIC_NAMES[i % 4]
        place = SYNTHETIC_PLACES[(i // 4) % 4]
        lines += ["وصل O", f"{name} B-PERS", "إلى O", f"و{place} B-LOC", ". O", ""]
    return "\n".join(lines)


def test_train_tiny_model_load_and_predict(tmp_path: Path):
    from kg.ner.train import train_ner

    train = tmp_path / "train.txt"
    train.write_text(_synthetic_corpus(), encoding="utf-8")
    out = tmp_path / "model"
    seen: list[int] = []
    train_ner(train, out, seed=0, progress=lambda r: seen.append(r.epoch),
              config_overrides={"training.max_epochs": 2, "components.tok2vec.model.encode.width": 32,
                                "components.tok2vec.model.encode.depth": 1})
    assert seen == [1, 2]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # temp dir renamed, nothing left
    model = NerModel.load(out)
    assert set(model.labels) == {"PERS", "LOC"}
    result = model.predict([["وصل", "سامر", "إلى", "ودمشق", "."], []])
    assert len(result) == 2 and result[1] == []
    for span in result[0]:
        assert 0 <= span.start < span.end <= 5 and span.label in {"PERS", "LOC"}


def test_missing_or_broken_model_is_a_one_line_user_error(tmp_path: Path):
    with pytest.raises(KgError) as missing:
        NerModel.load(tmp_path / "nowhere")
    assert "\n" not in str(missing.value)
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "config.cfg").write_text("[nlp\nlang = ", encoding="utf-8")
    (broken / "segmenter.json").write_text("{}", encoding="utf-8")
    with pytest.raises(KgError) as bad:
        NerModel.load(broken)
    assert "\n" not in str(bad.value)


# --- the packaged model


@pytest.fixture(scope="module")
def packaged() -> NerModel:
    if not (DEFAULT_MODEL_DIR / "config.cfg").is_file():
        pytest.fail(f"packaged NER model missing in {DEFAULT_MODEL_DIR}: run python -m kg.ner.train")
    return NerModel.load()


def test_packaged_model_finds_a_person_and_a_city(packaged: NerModel):
    # Written for this test, not taken from any corpus.
    words = "قال الرئيس الفرنسي إيمانويل ماكرون خلال زيارته إلى القاهرة يوم الأحد إن فرنسا تدعم الحوار .".split()
    spans = packaged.predict([words])[0]
    found = {(" ".join(words[s.start:s.end]), s.label) for s in spans}
    assert ("إيمانويل ماكرون", "PERS") in found
    assert ("القاهرة", "LOC") in found
    assert ("فرنسا", "LOC") in found


def test_packaged_model_reports_the_proclitic_offset(packaged: NerModel):
    words = "وصل وزير الخارجية إلى ولبنان وسوريا أمس .".split()
    spans = packaged.predict([words])[0]
    by_start = {s.start: s for s in spans}
    assert 4 in by_start and by_start[4].label == "LOC" and by_start[4].start_char_in_first_word == 1


def test_numpy_gemm_gives_blis_entities_and_leaves_thinc_s_ops_alone(packaged: NerModel):
    """The loaded model's products run on numpy's BLAS (kg.ner.model.numpy_gemm);
    a model built without it (blis, thinc's default) finds the same spans,
    and thinc's shared ops, which training uses, keep blis."""
    from thinc.api import get_current_ops

    from kg.lazy_imports import import_spacy

    plain = NerModel(import_spacy().load(DEFAULT_MODEL_DIR), packaged.segmenter, None, packaged.classes)
    assert {node.ops.use_blis for _, pipe in plain.nlp.pipeline for node in pipe.model.walk()} == {True}
    sentences = [
        "قال الرئيس الفرنسي إيمانويل ماكرون خلال زيارته إلى القاهرة يوم الأحد إن فرنسا تدعم الحوار .".split(),
        "وصل وزير الخارجية إلى ولبنان وسوريا أمس .".split(),
        "التقى رئيس الوزراء العراقي حيدر العبادي بوفد من الأمم المتحدة في بغداد .".split(),
    ]
    assert plain.predict(sentences) == packaged.predict(sentences)
    assert getattr(get_current_ops(), "use_blis", True)
    assert {node.ops.use_blis for _, pipe in packaged.nlp.pipeline for node in pipe.model.walk()} == {False}


# --- name classes


def test_name_units_script_reads_the_index_format(tmp_path: Path):
    """scripts/build_name_units.py on a tiny index shaped like the package's."""
    import sqlite3
    import subprocess
    import sys

    db = tmp_path / "names.sqlite3"
    with sqlite3.connect(db) as connection:
        connection.execute("CREATE TABLE units (arabic_key TEXT, latin TEXT, latin_lang TEXT, country TEXT, "
                           "role TEXT, count INTEGER, source TEXT)")
        connection.executemany("INSERT INTO units VALUES (?, ?, '', ?, ?, ?, 'wikidata')", [
            ("سامر", "Samer", "SY", "given", 12), ("سامر", "Samer", "LB", "surname", 2),
            ("خليل", "Khalil", "LB", "surname", 5), ("خليل", "Khalil", "PS", "given", 5),
            ("عبد الله", "Abdullah", "SA", "given", 40),  # two words: not a unit of one word
        ])
    out = tmp_path / "units.tsv"
    repo = Path(__file__).resolve().parents[1]
    subprocess.run([sys.executable, str(repo / "scripts" / "build_name_units.py"), "--db", str(db), "--out", str(out)],
                   check=True, capture_output=True)
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert rows == [["name", "role", "people"], ["خليل", "given", "10"], ["سامر", "given", "14"]]  # tie: by name


def test_name_classes_from_units_and_the_hand_list():
    from kg.ner.features import NameClasses

    plain = NameClasses.from_ontology()
    with_units = NameClasses.from_ontology(name_units=True)
    assert plain.of("محمد") == with_units.of("محمد") == "arabic_m"  # the hand-written list wins
    assert plain.of("خان") == "" and with_units.of("خان").startswith("name_surname_")
    assert with_units.of("قال") == ""  # a common verb is no name word
