"""kg.dates skips a family's pattern when the part every match of it holds
(date_grammar._required) is not in the text; the dates found must be the
same as when every pattern is tried."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kg.dates as dates
from kg.date_grammar import _patterns, _required, load_calendar
from kg.text import split_sentences

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
ANCHOR = datetime.date(2020, 2, 8)


def _calendar_words() -> list[str]:
    return sorted({form for forms in load_calendar().words.values() for form in forms})


def _without_prefilter(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dates, "_required", lambda: {})


def test_every_family_a_resolver_reads_has_a_required_part():
    assert set(_required()) == set(dates._RESOLVERS) and set(_required()) <= set(_patterns())


def test_seed_articles_give_the_same_dates(monkeypatch):
    texts = [s.text for path in sorted(SEEDS.glob("*.txt")) for s in split_sentences(path.read_text(encoding="utf-8"))]
    assert texts
    fast = [dates.find_date_mentions(t, ANCHOR) for t in texts]
    _without_prefilter(monkeypatch)
    assert fast == [dates.find_date_mentions(t, ANCHOR) for t in texts]
    assert any(fast)


glue = st.sampled_from([" ", " ", "، ", " في ", " من ", " و", " ب", "/", " (", ") ", "-", " قال "])
pieces = st.one_of(st.sampled_from(_calendar_words()), st.integers(0, 2100).map(str), st.sampled_from(["هجوم", "الجيش"]))
texts = st.lists(st.tuples(pieces, glue), min_size=1, max_size=12).map(lambda p: "".join(a + b for a, b in p))


@settings(derandomize=True, database=None, deadline=None, max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(texts, st.sampled_from([ANCHOR, None]))
def test_date_like_texts_give_the_same_dates(text, anchor):
    fast = dates.find_date_mentions(text, anchor)
    required, dates._required = dates._required, lambda: {}
    try:
        assert fast == dates.find_date_mentions(text, anchor)
    finally:
        dates._required = required
