"""The generated trigger files: scripts/import_petrarch_verbs.py and
scripts/mine_relation_triggers.py on tiny inputs written here, the loader
reading several trigger files, and sentences written for these tests (not
from any corpus) for relations the new rows cover."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from kg.lexicon import present_stem, trigger_files, trigger_index
from kg.ontology_data import read_tsv
from kg.pipeline import Pipeline
from kg.reader import article_from_text
from kg.text import normalize

REPO = Path(__file__).resolve().parents[1]
HEADER = "relation\tpos\tpast\tpresent\tforms\tprep\trequires\tconfidence\tsubjects\n"


def load_script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


# ---------------------------------------------------------------- the importer

CAMEO_EXCERPT = """\
####### VERB PATTERNS #######
--- اقتحم [190] ---
اقتحم                 [190]     # storm
كسر                   [030]     # break
- * منزل [1712] # اقتحم
--- نظم [---] ---
نظم                             # organise
- * مظاهرة [141] # نظم
- * حفلة [017] # نظم
"""

MAPPING = """\
kind\tkey\trelation\tnote\tprep\tforms
code\t19\tattacks\tfight
code\t17\t-\tcoerce
code\t1712\tattacks\tdestroy property
code\t14\tprotests\tprotest
code\t03\t-\tintend
lemma\tاقتحم\tattacks\tstormed
pattern\tنظم\tprotests\torganised (a demonstration)
"""


def run_importer(tmp_path: Path, sentences: list[str], mapping: str = MAPPING) -> tuple[list[dict[str, str]], str]:
    importer = load_script("import_petrarch_verbs")
    (tmp_path / "cameo.txt").write_text(CAMEO_EXCERPT, encoding="utf-8")
    (tmp_path / "map.tsv").write_text(mapping, encoding="utf-8")
    (tmp_path / "hand.tsv").write_text(HEADER + "attacks\tverb\tقصف\tقصف\t\t-|على\t\t0.75\t\n", encoding="utf-8")
    args = importer.parse_args(["--cameo", str(tmp_path / "cameo.txt"), "--mapping", str(tmp_path / "map.tsv"),
                                "--hand", str(tmp_path / "hand.tsv"), "--out", str(tmp_path / "out.tsv"),
                                "--min-sentences", "2"])
    importer.run(args, corpus=importer.Corpus.build({"test": sentences}))
    text = (tmp_path / "out.tsv").read_text(encoding="utf-8")
    return list(read_tsv(tmp_path / "out.tsv")), text


def test_importer_keeps_reviewed_lemmas_used_in_news(tmp_path):
    rows, text = run_importer(tmp_path, [
        "اقتحمت القوات القرية",
        "يقتحم الجنود البلدة",
        "نظم الطلاب مظاهرة كبيرة",
        "وينظمون مظاهرة أخرى",
        "كسر الطفل الزجاج",
        "كسر اللاعب الرقم",
    ])
    by_past = {(r["past"], r["requires"]): r for r in rows}
    storm = by_past[("اقتحم", "")]
    assert storm["relation"] == "attacks" and storm["present"] == "قتحم"
    assert storm["prep"] == "-|على"  # the relation's verb prepositions in the hand-written file
    organise = by_past[("نظم", normalize("مظاهرة"))]
    assert organise["relation"] == "protests"  # kept only with the object of its 141 pattern, not حفلة (017)
    assert not any(r["past"] == "كسر" for r in rows)  # frequent, but its code maps to no relation
    assert "Open Event Data Alliance" in text  # the MIT notice is kept
    assert text.index("\nattacks") < text.index("\nprotests")  # sorted


def test_importer_drops_lemmas_rare_in_news_and_unreviewed_ones(tmp_path):
    rows, _ = run_importer(tmp_path, ["اقتحمت القوات القرية", "نظم الطلاب حفلة"])
    assert rows == []  # اقتحم occurs once (< 2 sentences); نظم never with مظاهرة
    unreviewed = MAPPING.replace("lemma\tاقتحم\tattacks\tstormed\n", "")
    rows, _ = run_importer(tmp_path, ["اقتحمت القوات القرية", "يقتحم الجنود البلدة"], unreviewed)
    assert not any(r["past"] == "اقتحم" for r in rows)


def test_importer_refuses_a_review_its_codes_do_not_support(tmp_path):
    importer = load_script("import_petrarch_verbs")
    wrong = MAPPING.replace("lemma\tاقتحم\tattacks\tstormed", "lemma\tاقتحم\tkills\tstormed")
    with pytest.raises(importer.KgError, match="not among its codes"):
        run_importer(tmp_path, ["اقتحمت القوات القرية", "يقتحم الجنود البلدة"], wrong)


def test_present_stems_only_where_regular():
    assert present_stem(normalize("أطلق")) == "طلق"
    assert present_stem(normalize("استهدف")) == "ستهدف"
    assert present_stem(normalize("هاجم")) == "هاجم"
    assert present_stem(normalize("زار")) == ""  # hollow: يزور
    assert present_stem(normalize("أدان")) == ""  # hollow form IV: يدين
    assert present_stem(normalize("دعا")) == ""  # defective: يدعو
    assert present_stem(normalize("وصل")) == ""  # assimilated: يصل
    assert present_stem(normalize("أخذ")) == ""  # hamzated: يأخذ


# ---------------------------------------------------------------- the miner


def relation_record(sid: str, tokens: list[str], trigger: tuple[int, int], subject: tuple[int, int],
                    obj: tuple[int, int], relation: str = "attacks") -> dict:
    entities = [{"i": 0, "start": subject[0], "end": subject[1], "type": "LOC", "text": " ".join(tokens[slice(*subject)])},
                {"i": 1, "start": obj[0], "end": obj[1], "type": "LOC", "text": " ".join(tokens[slice(*obj)])}]
    return {"id": sid, "tokens": tokens, "text": " ".join(tokens), "entities": entities, "extra_entities": [],
            "kg_types": {"0": "Country", "1": "Country"},
            "relations": [{"s": 0, "o": 1, "r": relation, "trigger": list(trigger), "modality": "asserted"}]}


def test_miner_keeps_a_consistent_trigger_seen_twice(tmp_path):
    miner = load_script("mine_relation_triggers")
    records = [
        relation_record("s1", ["اقتحمت", "إسرائيل", "مدينة", "جنين", "."], (0, 1), (1, 2), (3, 4)),
        relation_record("s2", ["وتقتحم", "روسيا", "أوكرانيا", "."], (0, 1), (1, 2), (2, 3)),
        relation_record("s3", ["ناشدت", "فرنسا", "ألمانيا", "."], (0, 1), (1, 2), (2, 3), "calls_on"),
    ]
    (tmp_path / "rel.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                                        encoding="utf-8")
    (tmp_path / "train.txt").write_text("اقتحمت O\nيقتحمون O\n\n", encoding="utf-8")
    (tmp_path / "hand.tsv").write_text(HEADER + "attacks\tverb\tقصف\tقصف\t\t-|على\t\t0.75\t\n", encoding="utf-8")
    miner.run(miner.parse_args(["--relations", str(tmp_path / "rel.jsonl"), "--train", str(tmp_path / "train.txt"),
                                "--hand", str(tmp_path / "hand.tsv"), "--out", str(tmp_path / "out.tsv")]))
    rows = list(read_tsv(tmp_path / "out.tsv"))
    assert len(rows) == 1  # ناشدت: one sentence only
    row = rows[0]
    assert (row["relation"], row["pos"], normalize(row["past"]), row["present"]) == ("attacks", "verb", "اقتحم", "قتحم")
    assert row["prep"] == "-" and row["evidence"] == "2"
    assert "CC BY-SA 4.0" in (tmp_path / "out.tsv").read_text(encoding="utf-8")


# ---------------------------------------------------------------- the loader


def test_loader_reads_every_trigger_file_and_hand_rows_win(tmp_path):
    (tmp_path / "triggers.tsv").write_text(HEADER + "condemns\tverb\tهاجم\tهاجم\t\t-\t\t0.8\t\n", encoding="utf-8")
    (tmp_path / "triggers_b.tsv").write_text(
        HEADER + "attacks\tverb\tهاجم\tهاجم\t\t-\t\t0.7\t\nattacks\tverb\tاقتحم\tقتحم\t\t-\t\t0.7\t\n", encoding="utf-8")
    (tmp_path / "triggers_a.tsv").write_text(HEADER + "kills\tverb\tاقتحم\tقتحم\t\t-\t\t0.7\t\n", encoding="utf-8")
    files = trigger_files(tmp_path)
    assert [p.name for p in files] == ["triggers.tsv", "triggers_a.tsv", "triggers_b.tsv"]
    index = trigger_index(files)
    assert {t.relation for t in index[normalize("يهاجم")]} == {"condemns"}  # the hand-written row wins
    assert {t.relation for t in index[normalize("اقتحمت")]} == {"kills"}  # the first file by name
    assert normalize("يقتحمون") in index


def test_shipped_generated_files_are_read():
    names = [p.name for p in trigger_files(REPO / "ontology")]
    assert names[0] == "triggers.tsv"
    assert {"triggers_anercorp.tsv", "triggers_cameo.tsv"} <= set(names)


# ---------------------------------------------------------------- sentences

ANCHOR = dt.date(2021, 3, 10)
SENTENCES = [
    ("اقتحمت القوات الإسرائيلية مخيم جنين فجر اليوم.", ("israel_defense_forces", "attacks", "jenin")),
    ("دمرت الطائرات الإسرائيلية مواقع لحزب الله.", ("israel", "attacks", "hezbollah")),
    ("احتلت إسرائيل هضبة الجولان منذ عقود.", ("israel", "takes_control_of", "golan_heights")),
    ("استولت حركة طالبان على مدينة قندهار.", ("taliban", "takes_control_of", "kandahar")),
    ("حث الرئيس الأمريكي جو بايدن إيران على العودة إلى الاتفاق.", ("joe_biden", "calls_on", "iran")),
    ("طلبت فرنسا من لبنان تشكيل حكومة جديدة.", ("france", "calls_on", "lebanon")),
    ("استنكرت مصر تصريحات إسرائيل.", ("egypt", "condemns", "israel")),
    ("تعارض تركيا سياسة روسيا في سوريا.", ("turkey", "rejects", "russia")),
    ("دافعت روسيا عن سوريا في مجلس الأمن.", ("russia", "supports", "syria")),
    ("تحدث لافروف هاتفيا مع جاويش أوغلو.", ("sergey_lavrov", "contacts", "mevlut_cavusoglu")),
    ("ذبح تنظيم داعش ثلاثة رهائن.", ("islamic_state", "kills", "hostages")),
    ("سحبت روسيا قواتها من سوريا.", ("russia", "withdraws_from", "syria")),
    ("توعدت إيران إسرائيل برد قاس.", ("iran", "threatens", "israel")),
]


@pytest.fixture(scope="module")
def rules_pipeline() -> Pipeline:
    return Pipeline(("gazetteer",), ("rules",))


@pytest.mark.parametrize("text,expected", SENTENCES)
def test_new_rows_find_relations(rules_pipeline, text, expected):
    result = rules_pipeline(article_from_text("t", text, metadata_date=ANCHOR))
    found = {(r.subject_id, r.relation, r.object_id) for r in result.relations}
    assert expected in found, found
