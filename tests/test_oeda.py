"""Tests for kg.oeda: loading the OEDA gold files, the dev/test split and the
scoring arithmetic, on tiny fixture files shaped like the real ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import KgError
from kg.oeda import (
    Attachment,
    DetectionRow,
    SpanRecord,
    format_attachment,
    format_detection,
    load_detection,
    load_spans,
    score_attachment,
    score_detection,
    split,
    split_by_sentence,
    words_overlap,
)

HEADER = ",accept,event_type,id,label,reject,text,total\n"
# The real files are pandas output: unnamed index column, minimal quoting
# (a text with an ASCII comma is quoted, "" inside a quoted field).
CSV_ROWS = [
    '0,3,ASSAULT,AAW_ARB_20080110.0023-9,yes,0,هاجم مسلحون مركزا للشرطة في بغداد.,3\n',
    '1,0,ASSAULT,AAW_ARB_20080913.0007-59,easy no,3,هل تستخدم اجهزتكم وسائل تعذيب؟,3\n',
    '2,1,ASSAULT,AAW_ARB_20081011.0036-10,difficult no,2,"وأشارت الموسوي, الى ""مسلسل الاغتيالات"" بحق أتباع التيار.",3\n',
    '3,2,ASSAULT,AAW_ARB_20070906.0027-2,ambiguous,1,قالت الشرطة انها أغلقت 20 محلا.,3\n',
    '4,3,ASSAULT,AAW_ARB_20070906.0027-3,yes,0,قتل جنود في هجوم.,3\n',
]


def write_csv(path: Path, rows: list[str] = CSV_ROWS, header: str = HEADER) -> Path:
    path.write_text(header + "".join(rows), encoding="utf-8")
    return path


def span_record(source: str, text: str, source_gold: str = "", verb_gold: str = "", target_gold: str = "") -> dict:
    return {
        "source": source,
        "_id": "5b520e266203c42f8aa08eb9",
        "text": text,
        "spans": [{"source_actor": source_gold.split(), "verb": verb_gold.split(), "target_actor": target_gold.split(),
                   "source_role": {"main": "None", "role": "UAF"}, "target_role": "UNKNOWN"}],
        "event_type": "ASSAULT",
        "source_gold": source_gold,
        "verb_gold": verb_gold,
        "target_gold": target_gold,
    }


def write_json(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def row(position: int, label: str) -> DetectionRow:
    return DetectionRow(position, f"id{position}", "نص", label, "ASSAULT")


def rec(position: int, source_gold: str = "", verb_gold: str = "", target_gold: str = "") -> SpanRecord:
    return SpanRecord(position, f"id{position}", "نص", "ASSAULT", source_gold, verb_gold, target_gold)


# ---------------------------------------------------------------- loading


def test_load_detection_reads_real_format(tmp_path: Path) -> None:
    rows = load_detection(write_csv(tmp_path / "a.csv"))
    assert [r.position for r in rows] == [0, 1, 2, 3, 4]
    assert [r.label for r in rows] == ["yes", "easy no", "difficult no", "ambiguous", "yes"]
    assert rows[0].id == "AAW_ARB_20080110.0023-9"
    assert rows[0].event_type == "ASSAULT"
    assert rows[2].text == 'وأشارت الموسوي, الى "مسلسل الاغتيالات" بحق أتباع التيار.'


def test_load_spans_reads_real_format(tmp_path: Path) -> None:
    data = [span_record("AAW_1", "كما هاجم مفجرون انتحاريون سياسيين", "انتحاريون مفجرون", "", "سياسيين"),
            span_record("AAW_2", "تظاهر الآلاف", "الآلاف", "تظاهر", "")]
    data[1]["target_gold"] = None  # null means no agreed words
    records = load_spans(write_json(tmp_path / "s.json", data))
    assert records[0] == SpanRecord(0, "AAW_1", "كما هاجم مفجرون انتحاريون سياسيين", "ASSAULT",
                                    "انتحاريون مفجرون", "", "سياسيين")
    assert records[1].position == 1 and records[1].target_gold == "" and records[1].verb_gold == "تظاهر"


@pytest.mark.parametrize(
    "content, needle",
    [
        (",accept,event_type,id,reject,text,total\n0,1,ASSAULT,x,0,نص,1\n", "missing column label"),
        (HEADER + "0,1,ASSAULT,x,maybe,0,نص,1\n", "unknown label 'maybe'"),
        (HEADER + "0,1,ASSAULT,x,yes\n", "wrong number of fields"),
        (HEADER + "0,1,ASSAULT,x,yes,0,نص,1,extra\n", "wrong number of fields"),
        (HEADER, "no rows"),
        ("", "missing column"),
    ],
)
def test_load_detection_malformed(tmp_path: Path, content: str, needle: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(KgError, match=needle) as info:
        load_detection(path)
    assert str(path) in str(info.value)


def test_load_detection_not_utf8_and_missing(tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes(HEADER.encode() + "0,1,ASSAULT,x,yes,0,نص,1\n".encode("cp1256"))
    with pytest.raises(KgError, match="not UTF-8"):
        load_detection(path)
    with pytest.raises(KgError, match="cannot read"):
        load_detection(tmp_path / "absent.csv")


@pytest.mark.parametrize(
    "content, needle",
    [
        ("[{\"source\": ", "not JSON"),
        ("{\"source\": \"x\"}", "JSON array"),
        ("[]", "no records"),
        ("[1]", "record 0 is not an object"),
        (json.dumps([{"source": "x", "text": "t", "event_type": "ASSAULT"}]), "record 0 lacks source_gold"),
        (json.dumps([{"source": "x", "text": "t", "event_type": "ASSAULT", "source_gold": ["a"],
                      "verb_gold": "", "target_gold": ""}]), "'source_gold' is not a string"),
    ],
)
def test_load_spans_malformed(tmp_path: Path, content: str, needle: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(KgError, match=needle):
        load_spans(path)


def test_load_spans_missing_file(tmp_path: Path) -> None:
    with pytest.raises(KgError, match="cannot read"):
        load_spans(tmp_path / "absent.json")


# ---------------------------------------------------------------- split


def test_split_parity_on_positions() -> None:
    rows = [row(i, "yes") for i in range(7)]
    assert [r.position for r in split(rows, "dev")] == [0, 2, 4, 6]
    assert [r.position for r in split(rows, "test")] == [1, 3, 5]
    assert split(rows, "all") == rows
    # a filtered list keeps the file's parity, not its own indices
    filtered = [rows[1], rows[2], rows[5]]
    assert [r.position for r in split(filtered, "dev")] == [2]
    assert [r.position for r in split(filtered, "test")] == [1, 5]


def test_split_plain_items_use_index_and_unknown_part() -> None:
    assert split(["a", "b", "c"], "dev") == ["a", "c"]
    assert split(["a", "b", "c"], "test") == ["b"]
    with pytest.raises(KgError, match="unknown part 'train'"):
        split(["a"], "train")


def test_split_dev_and_test_partition(tmp_path: Path) -> None:
    rows = load_detection(write_csv(tmp_path / "a.csv"))
    dev, test = split(rows, "dev"), split(rows, "test")
    assert not {r.id for r in dev} & {r.id for r in test}
    assert len(dev) + len(test) == len(rows)


def test_split_by_sentence_follows_the_csv() -> None:
    rows = [DetectionRow(i, f"s{i}", "نص", "yes", "ASSAULT") for i in range(4)]
    records = [SpanRecord(0, "s1", "نص", "ASSAULT", "", "", ""),  # CSV test sentence at an even span position
               SpanRecord(1, "s2", "نص", "ASSAULT", "", "", ""),  # CSV dev sentence at an odd span position
               SpanRecord(2, "s9", "نص", "ASSAULT", "", "", ""),  # no CSV row: own position (even)
               SpanRecord(3, "s0", "نص", "ASSAULT", "", "", "")]
    assert [r.id for r in split_by_sentence(records, rows, "dev")] == ["s2", "s9", "s0"]
    assert [r.id for r in split_by_sentence(records, rows, "test")] == ["s1"]
    assert split_by_sentence(records, rows, "all") == records
    with pytest.raises(KgError):
        split_by_sentence(records, rows, "train")


# ---------------------------------------------------------------- detection


def test_score_detection_arithmetic() -> None:
    rows = [row(0, "yes"), row(1, "yes"), row(2, "yes"), row(3, "easy no"), row(4, "difficult no"),
            row(5, "easy no"), row(6, "easy no")]
    flags = [True, True, False, True, False, False, False]
    s = score_detection(rows, flags)
    assert (s.tp, s.fp, s.fn, s.tn) == (2, 1, 1, 3)
    assert s.precision == pytest.approx(2 / 3)
    assert s.recall == pytest.approx(2 / 3)
    assert s.f1 == pytest.approx(2 / 3)
    assert s.flagged_by_label == {"yes": (2, 3), "easy no": (1, 3), "difficult no": (0, 1)}


def test_score_detection_excludes_ambiguous() -> None:
    rows = [row(0, "yes"), row(1, "ambiguous"), row(2, "ambiguous"), row(3, "easy no")]
    s = score_detection(rows, [True, True, False, False])
    assert (s.tp, s.fp, s.fn, s.tn) == (1, 0, 0, 1)
    assert s.precision == s.recall == s.f1 == 1.0
    assert s.flagged_by_label["ambiguous"] == (1, 2)
    assert list(s.flagged_by_label) == ["yes", "easy no", "ambiguous"]


def test_score_detection_nothing_flagged_and_length_check() -> None:
    s = score_detection([row(0, "yes"), row(1, "easy no")], [False, False])
    assert (s.precision, s.recall, s.f1) == (0.0, 0.0, 0.0)
    with pytest.raises(ValueError):
        score_detection([row(0, "yes")], [])


def test_format_detection() -> None:
    text = format_detection(score_detection([row(0, "yes"), row(1, "ambiguous")], [True, True]), "assault dev")
    assert text.startswith("assault dev")
    assert "precision 1.000" in text and "ambiguous" in text


# ---------------------------------------------------------------- overlap


@pytest.mark.parametrize(
    "kg_text, gold, expected",
    [
        ("الجيش الإسرائيلي", "والجيش", True),  # conjunction proclitic
        ("طالبان", "لطالبان", True),  # preposition proclitic
        ("الشرطة", "بالشرطة العراقية", True),  # ب + article
        ("إسرائيل", "اسرائيل", True),  # hamza folded by normalize
        ("مدرسة", "مدرسه", True),  # taa marbuta folded
        ("بوتو", "سياسيين بينهم زعيمة", False),
        ("في بغداد", "في الموصل", False),  # a shared short word is no evidence
        ("على الحدود", "على المدنيين", False),  # nor a shared function word
        ("", "الجيش", False),
        ("الجيش", "", False),
    ],
)
def test_words_overlap(kg_text: str, gold: str, expected: bool) -> None:
    assert words_overlap(kg_text, gold) is expected


# ---------------------------------------------------------------- attachment


def test_score_attachment_arithmetic() -> None:
    records = [
        rec(0, source_gold="مسلحون", verb_gold="هاجم", target_gold="الشرطة"),
        rec(1, source_gold="الجيش", target_gold="المدنيين"),  # kg found nothing
        rec(2, source_gold="طالبان", target_gold=""),  # wrong subject; no target gold
        rec(3, source_gold="", target_gold="بغداد"),
    ]
    found = [
        [Attachment("المسلحين", "attacks", "x", "قصف"), Attachment("والمسلحون", "attacks", "للشرطة", "هاجم")],
        [],
        [Attachment("باكستان", "attacks", "طالبان", "هجوم")],
        [Attachment("الجيش", "attacks", "بغداد", "قصف")],
    ]
    s = score_attachment(records, found)
    assert (s.records, s.with_event) == (4, 3)
    assert (s.source.gold, s.source.found, s.source.matched) == (3, 2, 1)
    assert (s.target.gold, s.target.found, s.target.matched) == (3, 2, 2)
    assert (s.verb.gold, s.verb.found, s.verb.matched) == (1, 1, 1)
    assert s.source.rate_of_gold == pytest.approx(1 / 3)
    assert s.source.rate_of_found == pytest.approx(1 / 2)
    assert s.target.rate_of_gold == pytest.approx(2 / 3)
    assert s.target.rate_of_found == 1.0
    text = format_attachment(s, "assault spans dev")
    assert text.startswith("assault spans dev") and "source" in text and "target" in text


def test_score_attachment_empty_and_length_check() -> None:
    s = score_attachment([], [])
    assert s.source.rate_of_gold == 0.0 and s.source.rate_of_found == 0.0
    with pytest.raises(ValueError):
        score_attachment([rec(0)], [])
