"""Resolution of date expressions: a match of one of the grammar's patterns
-> (first day, last day or None, precision), against the article's date
where the expression is relative; None when it cannot be resolved.

Apart from the grammar (what the words are) and from finding mentions
(which candidates win) because each family's arithmetic is its own rule.
"""

from __future__ import annotations

import datetime
import re
from typing import Callable, Optional

from kg.calendars import _hijri_month_span, _month_span, gregorian_to_hijri, hijri_to_gregorian
from kg.date_grammar import load_calendar

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
