"""Tests for kg.dates: Arabic date expressions resolved against the article
date 2020-02-08 (a Saturday), the date of seed 002."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from kg.dates import (
    DateMention,
    find_article_date,
    find_date_mentions,
    gregorian_to_hijri,
    hijri_to_gregorian,
    load_calendar,
)

ANCHOR = datetime.date(2020, 2, 8)
SEEDS = Path("/work/shared/seeds")
D = datetime.date


def only(text: str, anchor: datetime.date | None = ANCHOR) -> DateMention:
    """The single mention in `text`, checked to point at its own surface."""
    mentions = find_date_mentions(text, anchor)
    assert len(mentions) == 1, mentions
    mention = mentions[0]
    assert text[mention.start : mention.end] == mention.text
    return mention


# (text, value, end_value, kind, precision)
CASES = [
    ("السبت 8 فبراير 2020", D(2020, 2, 8), None, "point", "day"),
    ("8 شباط/فبراير 2020", D(2020, 2, 8), None, "point", "day"),
    ("كانون الثاني/يناير 2020", D(2020, 1, 1), D(2020, 1, 31), "interval", "month"),
    ("فبراير/شباط", D(2020, 2, 1), D(2020, 2, 29), "interval", "month"),
    ("٨ فبراير ٢٠٢٠", D(2020, 2, 8), None, "point", "day"),
    ("السبت", D(2020, 2, 8), None, "point", "day"),
    ("الإثنين", D(2020, 2, 3), None, "point", "day"),
    ("الاثنين", D(2020, 2, 3), None, "point", "day"),
    ("يوم الإثنين", D(2020, 2, 3), None, "point", "day"),
    ("الأربعاء الماضي", D(2020, 2, 5), None, "point", "day"),
    ("الثلاثاء الماضي", D(2020, 2, 4), None, "point", "day"),
    ("السبت الماضي", D(2020, 2, 1), None, "point", "day"),
    ("الأحد المقبل", D(2020, 2, 9), None, "point", "day"),
    ("أمس", D(2020, 2, 7), None, "point", "day"),
    ("البارحة", D(2020, 2, 7), None, "point", "day"),
    ("اليوم", D(2020, 2, 8), None, "point", "day"),
    ("غدا", D(2020, 2, 9), None, "point", "day"),
    ("غداً", D(2020, 2, 9), None, "point", "day"),
    ("اليوم الخميس", D(2020, 2, 8), None, "point", "day"),
    ("الأسبوع الماضي", D(2020, 2, 1), D(2020, 2, 7), "interval", "day"),
    ("الأسبوع المقبل", D(2020, 2, 9), D(2020, 2, 15), "interval", "day"),
    ("الشهر الماضي", D(2020, 1, 1), D(2020, 1, 31), "interval", "month"),
    ("الشهر الجاري", D(2020, 2, 1), D(2020, 2, 29), "interval", "month"),
    ("العام الماضي", D(2019, 1, 1), D(2019, 12, 31), "interval", "year"),
    ("عام 2019", D(2019, 1, 1), D(2019, 12, 31), "interval", "year"),
    ("نهاية فبراير/شباط الجاري", D(2020, 2, 29), None, "point", "day"),
    ("نهاية فبراير", D(2020, 2, 29), None, "point", "day"),
    ("أواخر الشهر", D(2020, 2, 29), None, "point", "day"),
    ("بداية مارس", D(2020, 3, 1), None, "point", "day"),
    ("مطلع مارس", D(2020, 3, 1), None, "point", "day"),
    ("منتصف الشهر", D(2020, 2, 15), None, "point", "day"),
    ("يناير الماضي", D(2020, 1, 1), D(2020, 1, 31), "interval", "month"),
    ("مارس المقبل", D(2020, 3, 1), D(2020, 3, 31), "interval", "month"),
    ("15 رمضان 1441", D(2020, 5, 8), None, "point", "day"),
]


@pytest.mark.parametrize(("text", "value", "end_value", "kind", "precision"), CASES)
def test_resolves_against_anchor(
    text: str, value: datetime.date, end_value: datetime.date | None, kind: str, precision: str
) -> None:
    mention = only(text)
    assert (mention.value, mention.end_value, mention.kind, mention.precision) == (
        value,
        end_value,
        kind,
        precision,
    )
    assert mention.text == text


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("حتى نهاية فبراير", "نهاية فبراير", D(2020, 2, 29)),
        ("بحلول نهاية الشهر", "نهاية الشهر", D(2020, 2, 29)),
        ("مهلة حتى نهاية فبراير/شباط الجاري للانسحاب", "نهاية فبراير/شباط الجاري", D(2020, 2, 29)),
    ],
)
def test_deadline_marker(text: str, surface: str, value: datetime.date) -> None:
    mention = only(text)
    assert (mention.text, mention.value, mention.kind) == (surface, value, "deadline")


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("والأربعاء الماضي، أمهل الرئيس", "الأربعاء الماضي", D(2020, 2, 5)),
        ("والأربعاء", "الأربعاء", D(2020, 2, 5)),
        ("بنهاية الشهر", "نهاية الشهر", D(2020, 2, 29)),
        ("وفي 8 فبراير", "8 فبراير", D(2020, 2, 8)),
        ("بالأمس", "الأمس", D(2020, 2, 7)),
    ],
)
def test_proclitics_stay_out_of_the_span(text: str, surface: str, value: datetime.date) -> None:
    mention = only(text)
    assert (mention.text, mention.value) == (surface, value)


def test_diacritics_keep_original_offsets() -> None:
    text = "قالَ أمسِ إنَّ"
    mention = only(text)
    assert mention.text == "أمسِ"
    assert mention.value == D(2020, 2, 7)


def test_hijri_month_interval_and_conversion() -> None:
    mention = only("رمضان 1441")
    assert (mention.value, mention.end_value, mention.precision) == (D(2020, 4, 24), D(2020, 5, 23), "month")
    assert hijri_to_gregorian(1441, 9, 15) == D(2020, 5, 8)
    assert gregorian_to_hijri(D(2020, 5, 8)) == (1441, 9, 15)
    # Outside hijridate's Umm al-Qura range the tabular calendar is used.
    assert hijri_to_gregorian(1, 1, 1) == D(622, 7, 19)


def test_ambiguous_words_are_not_dates() -> None:
    assert find_date_mentions("مارس ضغوطا على رجب طيب إردوغان", ANCHOR) == []
    assert find_date_mentions("شن أكثر من 100 هجوم", ANCHOR) == []
    assert only("8 مارس").value == D(2020, 3, 8)


def test_no_anchor_skips_relative_but_keeps_absolute() -> None:
    text = "أمس والأربعاء الماضي و8 فبراير 2020 والشهر الماضي"
    mentions = find_date_mentions(text, None)
    assert [(m.text, m.value) for m in mentions] == [("8 فبراير 2020", D(2020, 2, 8))]
    assert find_date_mentions("8 فبراير", None) == []


def test_two_expressions_in_order_with_offsets() -> None:
    text = "قال أمس إن الاجتماع سيعقد الأحد المقبل في أنقرة"
    offset = 100
    mentions = find_date_mentions(text, ANCHOR, offset=offset)
    assert [(m.text, m.value) for m in mentions] == [("أمس", D(2020, 2, 7)), ("الأحد المقبل", D(2020, 2, 9))]
    for mention in mentions:
        assert text[mention.start - offset : mention.end - offset] == mention.text
    assert mentions[0].start == offset + text.index("أمس")


def test_no_date() -> None:
    assert find_date_mentions("وزارة الخارجية التركية تستضيف الوفد الروسي", ANCHOR) == []
    assert find_date_mentions("", ANCHOR) == []


def test_article_date_from_seed_header() -> None:
    text = (SEEDS / "002_a7c6e613c5bcb955.txt").read_text(encoding="utf-8")
    assert find_article_date(text) == D(2020, 2, 8)


def test_article_date_absent() -> None:
    text = (SEEDS / "000_c20a2a638c888c93.txt").read_text(encoding="utf-8")
    assert find_article_date(text) is None


def test_article_date_levantine_and_digits() -> None:
    assert find_article_date("عنوان\n\nالأحد ٩ شباط/فبراير ٢٠٢٠ - 10:05 ص\nنص") == D(2020, 2, 9)
    assert find_article_date("عنوان\nنشر أمس\nفي كانون الثاني/يناير 2020") is None


def test_calendar_is_data() -> None:
    calendar = load_calendar()
    assert calendar.value("month", "شباط") == "2"
    assert calendar.value("weekday", "الاثنين") == "0"
    assert calendar.value("hijri_month", "رمضان") == "9"


def test_two_days_ago_and_hence():
    anchor = datetime.date(2020, 2, 8)
    assert [m.value for m in find_date_mentions("وصل الوفد قبل يومين", anchor)] == [datetime.date(2020, 2, 6)]
    assert [m.value for m in find_date_mentions("يصل الوفد بعد يومين", anchor)] == [datetime.date(2020, 2, 10)]
