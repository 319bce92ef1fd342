"""Calendar arithmetic for kg.dates: Hijri <-> Gregorian (Umm al-Qura via
the hijridate package where it covers the year, else the tabular Islamic
calendar with the civil epoch) and the first and last day of a month.

Apart because it is pure arithmetic with no Arabic in it, testable alone.
"""

from __future__ import annotations

import calendar as _gregorian
import datetime

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
