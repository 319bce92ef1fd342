"""Arabic date expressions in news text, resolved against the article's date.

Why this module exists: events in the graph need a time, and Arabic news
mostly says "أمس" or "الأربعاء الماضي" rather than a full date, so relative
expressions must be resolved against the date the article states for itself.

Design:
* Every word (month and weekday names, relative words, fillers) is data in
  ``ontology/calendar.tsv``; this module only holds the grammar.
* Matching runs on the folded text (``kg.text.normalize_with_offsets``), so
  hamza/alef, ى/ي, ة/ه, diacritics and Arabic-Indic digits need no special
  cases, and every span maps back to the original characters.
* A proclitic (و ف ب ل ك) before an expression is allowed but left out of
  the span: ``والأربعاء`` yields the mention ``الأربعاء``.
* Candidates from several small patterns are resolved, then the leftmost
  longest non-overlapping ones win ("اليوم الخميس" beats "الخميس").

Week choice: ``الأسبوع الماضي`` is the 7 days before the anchor
(anchor-7 .. anchor-1) and ``الأسبوع المقبل`` the 7 days after it
(anchor+1 .. anchor+7), because Arabic reports use them loosely for "in the
last/next few days" and Arab working weeks do not start on one agreed day.
``هذا الأسبوع``/``الأسبوع الجاري`` is the Monday-Sunday week of the anchor.

Hijri dates use the ``hijridate`` package (Umm al-Qura) when it is installed
and covers the year; otherwise the arithmetic (tabular, civil epoch) Islamic
calendar below, which can differ from Umm al-Qura by a day or two.
"""

from __future__ import annotations

import calendar as _gregorian
import datetime
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterator, Optional

from kg.ontology_data import ontology_dir, read_tsv, split_multi
from kg.text import normalize_with_offsets

CLITIC = r"(?:[وف]?[بلك]?)"
ARTICLE_DATE_LINES = 5


@dataclass(frozen=True)
class DateMention:
    """One date expression found in a text, with its resolved value."""

    start: int  # char offset in the ORIGINAL text passed in, plus `offset`
    end: int
    text: str  # original surface
    value: datetime.date  # the resolved day (for an interval: its first day)
    end_value: datetime.date | None  # last day for an interval, else None
    kind: str  # "point", "interval" or "deadline"
    precision: str  # "day", "month" or "year"


def _fold(text: str) -> str:
    return normalize_with_offsets(text)[0]


# --------------------------------------------------------------------------
# Vocabulary and patterns, built once from calendar.tsv.


@dataclass(frozen=True)
class _Calendar:
    """Folded form -> value, per kind, plus one regex alternation per kind."""

    words: dict[str, dict[str, str]]
    alternations: dict[str, str]

    def value(self, kind: str, surface: str | None) -> str | None:
        """Value of an already folded surface (a regex group), or None."""
        if surface is None:
            return None
        return self.words.get(kind, {}).get(" ".join(surface.split()))


@lru_cache(maxsize=1)
def load_calendar() -> _Calendar:
    """Read ontology/calendar.tsv (header ``kind value forms``)."""
    words: dict[str, dict[str, str]] = {}
    for row in read_tsv(ontology_dir() / "calendar.tsv"):
        for form in split_multi(row["forms"]):
            folded = " ".join(_fold(form).split())
            if folded:
                words.setdefault(row["kind"], {})[folded] = row["value"]
    alternations = {
        kind: "(?:"
        + "|".join(
            r"\s+".join(re.escape(part) for part in form.split())
            for form in sorted(forms, key=len, reverse=True)
        )
        + ")"
        for kind, forms in words.items()
    }
    return _Calendar(words, alternations)


def _wrap(body: str) -> re.Pattern[str]:
    """Word-bounded pattern allowing a proclitic that stays out of `body`."""
    return re.compile(rf"(?<!\w){CLITIC}(?P<body>{body})(?!\w)")


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    """The grammar, one pattern per expression family (folded text)."""
    a = load_calendar().alternations
    sep = r"\s*[,،]?\s*"
    wd_prefix = rf"(?:{a['day_word']}\s+)?(?:(?P<wd>{a['weekday']}){sep})?"
    day = rf"(?<!\d)(?P<day>\d{{1,2}})(?!\d)\s*(?:{a['of_word']}\s+)?"
    month_pair = (
        rf"(?P<m1>{a['month']})(?:\s*/\s*(?P<m2>{a['month']})|\s*\(\s*(?P<m3>{a['month']})\s*\))?"
    )
    year = rf"(?:{sep}(?:{a['year_word']}\s+)?(?P<year>\d{{4}})(?!\d)(?:\s*{a['gregorian_era']})?)?"
    direction = rf"(?:\s+(?P<dir>{a['direction']}))?"
    gregorian = (
        rf"(?:(?P<part>{a['part_of_period']})\s+|{wd_prefix}{day})?"
        rf"(?P<mword>{a['month_word']}\s+)?{month_pair}{year}{direction}"
    )
    hijri = (
        rf"(?:{wd_prefix}{day})?(?P<hword>{a['month_word']}\s+)?(?P<hm>{a['hijri_month']})"
        rf"(?:{sep}(?P<year>\d{{4}})(?!\d))?(?:\s*{a['hijri_era']})?"
    )
    return {
        "gregorian": _wrap(gregorian),
        "hijri": _wrap(hijri),
        "relative": _wrap(rf"(?P<rel>{a['relative_day']})(?:{sep}(?P<wd>{a['weekday']}))?"),
        "weekday": _wrap(rf"(?:{a['day_word']}\s+)?(?P<wd>{a['weekday']}){direction}"),
        "period": _wrap(
            rf"(?:(?P<part>{a['part_of_period']})\s+)?(?:(?P<this>{a['demonstrative']})\s+)?"
            rf"(?P<period>{a['period']}){direction}"
        ),
        "year": _wrap(
            rf"(?:(?P<part>{a['part_of_period']})\s+)?(?P<yword>{a['year_word']}\s+)?"
            rf"(?P<year>\d{{4}})(?!\d)(?:\s*{a['gregorian_era']})?"
        ),
        "deadline": re.compile(rf"(?<![\w])[وف]?{a['deadline_marker']}\s+$"),
    }


# --------------------------------------------------------------------------
# Calendar arithmetic.

_HIJRI_EPOCH = datetime.date(622, 7, 19).toordinal()  # 1 Muharram 1 AH (civil)


def _tabular_hijri_to_ordinal(year: int, month: int, day: int) -> int:
    """Arithmetic Islamic calendar (30-year cycle, leap years 2,5,7,10,...)."""
    return day + -(-59 * (month - 1) // 2) + (year - 1) * 354 + (3 + 11 * year) // 30 + _HIJRI_EPOCH - 1


def _tabular_ordinal_to_hijri(ordinal: int) -> tuple[int, int, int]:
    year = (30 * (ordinal - _HIJRI_EPOCH) + 10646) // 10631
    month = 1
    while month < 12 and _tabular_hijri_to_ordinal(year, month + 1, 1) <= ordinal:
        month += 1
    return year, month, ordinal - _tabular_hijri_to_ordinal(year, month, 1) + 1


def hijri_to_gregorian(year: int, month: int, day: int) -> datetime.date:
    """Umm al-Qura via hijridate when available and in range, else tabular."""
    try:
        from hijridate import Hijri

        g = Hijri(year, month, day).to_gregorian()
        return datetime.date(g.year, g.month, g.day)  # a plain date, not hijridate's subclass
    except (ImportError, OverflowError):  # not installed, or outside 1343-1500 AH
        if not (1 <= month <= 12 and 1 <= day <= 30):
            raise ValueError(f"bad Hijri date {year}-{month}-{day}") from None
        return datetime.date.fromordinal(_tabular_hijri_to_ordinal(year, month, day))


def gregorian_to_hijri(value: datetime.date) -> tuple[int, int, int]:
    """Inverse of hijri_to_gregorian (same calendar choice)."""
    try:
        from hijridate import Gregorian

        h = Gregorian(value.year, value.month, value.day).to_hijri()
        return h.year, h.month, h.day
    except (ImportError, OverflowError):
        return _tabular_ordinal_to_hijri(value.toordinal())


def _hijri_month_span(year: int, month: int) -> tuple[datetime.date, datetime.date]:
    first = hijri_to_gregorian(year, month, 1)
    nxt = hijri_to_gregorian(year + month // 12, month % 12 + 1, 1)
    return first, nxt - datetime.timedelta(days=1)


def _month_span(year: int, month: int) -> tuple[datetime.date, datetime.date]:
    last = _gregorian.monthrange(year, month)[1]
    return datetime.date(year, month, 1), datetime.date(year, month, last)


# --------------------------------------------------------------------------
# Resolution: match -> (value, end_value, precision), or None if unresolvable.

_Resolved = tuple[datetime.date, Optional[datetime.date], str]


def _apply_part(part: str | None, first: datetime.date, last: datetime.date, precision: str) -> _Resolved:
    """نهاية/بداية/منتصف pick one day of the interval; otherwise keep it."""
    if part == "end":
        return last, None, "day"
    if part == "start":
        return first, None, "day"
    if part == "middle":
        if precision == "month":
            return first.replace(day=15), None, "day"
        return first + (last - first) // 2, None, "day"
    return first, last, precision


def _resolve_gregorian(m: re.Match[str], anchor: datetime.date | None) -> _Resolved | None:
    cal = load_calendar()
    month = int(cal.value("month", m["m1"]) or 0)
    direction = cal.value("direction", m["dir"])
    part = cal.value("part_of_period", m["part"])
    supported = any((m["day"], m["year"], direction, part, m["mword"], m["m2"], m["m3"]))
    if not supported and cal.value("ambiguous_month", m["m1"]):
        return None
    if m["year"]:
        year = int(m["year"])
    elif anchor is None:
        return None
    elif direction == "past":
        year = anchor.year if month < anchor.month else anchor.year - 1
    elif direction == "next":
        year = anchor.year if month > anchor.month else anchor.year + 1
    else:
        year = anchor.year
    if m["day"]:
        return datetime.date(year, month, int(m["day"])), None, "day"
    return _apply_part(part, *_month_span(year, month), "month")


def _resolve_hijri(m: re.Match[str], anchor: datetime.date | None) -> _Resolved | None:
    month = int(load_calendar().value("hijri_month", m["hm"]) or 0)
    if not (m["day"] or m["year"] or m["hword"]):  # bare "صفر"/"رجب" are ordinary words
        return None
    if m["year"]:
        year = int(m["year"])
    elif anchor is None:
        return None
    else:
        year = gregorian_to_hijri(anchor)[0]
    if m["day"]:
        return hijri_to_gregorian(year, month, int(m["day"])), None, "day"
    first, last = _hijri_month_span(year, month)
    return first, last, "month"


def _resolve_relative(m: re.Match[str], anchor: datetime.date | None) -> _Resolved | None:
    if anchor is None:
        return None
    shift = int(load_calendar().value("relative_day", m["rel"]) or 0)
    return anchor + datetime.timedelta(days=shift), None, "day"


def _resolve_weekday(m: re.Match[str], anchor: datetime.date | None) -> _Resolved | None:
    if anchor is None:
        return None
    cal = load_calendar()
    weekday = int(cal.value("weekday", m["wd"]) or 0)
    direction = cal.value("direction", m["dir"])
    if direction == "next":
        ahead = (weekday - anchor.weekday()) % 7 or 7
        return anchor + datetime.timedelta(days=ahead), None, "day"
    back = (anchor.weekday() - weekday) % 7
    if direction == "past" and back == 0:
        back = 7
    return anchor - datetime.timedelta(days=back), None, "day"


def _period_span(period: str, direction: str, anchor: datetime.date) -> tuple[datetime.date, datetime.date]:
    step = {"past": -1, "next": 1, "current": 0}[direction]
    if period == "week":
        day = datetime.timedelta(days=1)
        if step < 0:
            return anchor - 7 * day, anchor - day
        if step > 0:
            return anchor + day, anchor + 7 * day
        monday = anchor - anchor.weekday() * day
        return monday, monday + 6 * day
    if period == "month":
        index = anchor.year * 12 + anchor.month - 1 + step
        return _month_span(index // 12, index % 12 + 1)
    year = anchor.year + step
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def _resolve_period(m: re.Match[str], anchor: datetime.date | None) -> _Resolved | None:
    cal = load_calendar()
    direction = cal.value("direction", m["dir"])
    part = cal.value("part_of_period", m["part"])
    if anchor is None or not (direction or part or m["this"]):
        return None  # a bare "الشهر"/"العام" is not a date
    period = cal.value("period", m["period"]) or "year"
    first, last = _period_span(period, direction or "current", anchor)
    precision = {"week": "day", "month": "month", "year": "year"}[period]
    return _apply_part(part, first, last, precision)


def _resolve_year(m: re.Match[str], anchor: datetime.date | None) -> _Resolved | None:
    if not (m["part"] or m["yword"]):
        return None  # a bare four-digit number is usually a count
    year = int(m["year"])
    if not 1800 <= year <= 2199:
        return None
    part = load_calendar().value("part_of_period", m["part"])
    return _apply_part(part, datetime.date(year, 1, 1), datetime.date(year, 12, 31), "year")


_RESOLVERS: dict[str, Callable[[re.Match[str], datetime.date | None], _Resolved | None]] = {
    "gregorian": _resolve_gregorian,
    "hijri": _resolve_hijri,
    "relative": _resolve_relative,
    "weekday": _resolve_weekday,
    "period": _resolve_period,
    "year": _resolve_year,
}


# --------------------------------------------------------------------------
# Public API.


def _candidates(folded: str, anchor: datetime.date | None) -> Iterator[tuple[re.Match[str], _Resolved]]:
    patterns = _patterns()
    for name, resolver in _RESOLVERS.items():
        for match in patterns[name].finditer(folded):
            try:
                resolved = resolver(match, anchor)
            except (ValueError, OverflowError):  # 31 فبراير, year 0, ...
                continue
            if resolved is not None:
                yield match, resolved


def find_date_mentions(text: str, anchor: datetime.date | None, offset: int = 0) -> list[DateMention]:
    """All date expressions in `text`, resolved against `anchor` (the article
    date). Absolute expressions resolve without an anchor; relative ones are
    skipped when anchor is None. Offsets are into `text`, plus `offset`."""
    folded, origin = normalize_with_offsets(text)
    found = sorted(_candidates(folded, anchor), key=lambda c: (c[0].start("body"), -c[0].end("body")))
    deadline = _patterns()["deadline"]
    mentions: list[DateMention] = []
    taken_until = 0
    for match, (value, end_value, precision) in found:
        start, end = match.span("body")
        if start < taken_until:
            continue
        taken_until = end
        first = origin[start]
        last = origin[end] if end < len(origin) else len(text)  # keep trailing diacritics
        kind = "interval" if end_value is not None else "point"
        if deadline.search(folded, 0, match.start()):
            kind = "deadline"
        surface = text[first:last].rstrip()
        mentions.append(
            DateMention(first + offset, first + len(surface) + offset, surface, value, end_value, kind, precision)
        )
    return mentions


def _parse_with_dateparser(surface: str, month: int) -> datetime.date | None:
    """dateparser where it copes (Egyptian month names); the month from our
    table guards against it misreading Levantine or paired names."""
    try:
        import dateparser
    except ImportError:
        return None
    parsed = dateparser.parse(
        surface,
        languages=["ar"],
        settings={"DATE_ORDER": "DMY", "REQUIRE_PARTS": ["day", "month", "year"]},
    )
    if parsed is None or parsed.month != month:
        return None
    return parsed.date()


def find_article_date(text: str) -> datetime.date | None:
    """The date the article states for itself: the first full date (day,
    month, year; a weekday before or a time after may be there) in the first
    few non-empty lines. None when there is none: relative words or a month
    alone cannot date an article."""
    lines = [line for line in text.splitlines() if line.strip()][:ARTICLE_DATE_LINES]
    patterns = _patterns()
    for line in lines:
        folded, origin = normalize_with_offsets(line)
        full: list[tuple[int, datetime.date]] = []
        for match in patterns["gregorian"].finditer(folded):
            if not (match["day"] and match["year"]):
                continue
            month = int(load_calendar().value("month", match["m1"]) or 0)
            core = line[origin[match.start("day")] : origin[match.end("year") - 1] + 1]
            value = _parse_with_dateparser(core, month)
            if value is None:
                try:
                    value = datetime.date(int(match["year"]), month, int(match["day"]))
                except ValueError:
                    continue
            full.append((match.start("body"), value))
        for match in patterns["hijri"].finditer(folded):
            if match["day"] and match["year"]:
                resolved = _resolve_hijri(match, None)
                if resolved is not None:
                    full.append((match.start("body"), resolved[0]))
        if full:
            return min(full, key=lambda item: item[0])[1]
    return None
