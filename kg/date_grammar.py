"""The date grammar: the words of ontology/calendar.tsv, folded, and one
regular expression per family of date expressions (Gregorian and Hijri
dates, relative days, weekdays, periods, years, deadline markers).

Apart from resolution and the public API because it is the only part that
reads data, and is built once (cached).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.ontology_data import ontology_dir, read_tsv, split_multi
from kg.text import normalize_with_offsets

CLITIC = r"(?:[وف]?[بلك]?)"


def _fold(text: str) -> str:
    return normalize_with_offsets(text)[0]


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


@lru_cache(maxsize=1)
def _required() -> dict[str, re.Pattern[str]]:
    """Per family of `_patterns` (those a resolver reads), a part that every
    match of its pattern contains: a Gregorian date its month name, a Hijri
    one its Hijri month, a year its four digits, and so on. A text in which
    the part is nowhere cannot match, and searching for the part alone costs
    a fraction of trying the whole pattern (optional weekday, day, article
    and clitics first) at every word; most sentences hold no date."""
    a = load_calendar().alternations
    return {
        "gregorian": re.compile(a["month"]),
        "hijri": re.compile(a["hijri_month"]),
        "relative": re.compile(a["relative_day"]),
        "weekday": re.compile(a["weekday"]),
        "period": re.compile(a["period"]),
        "year": re.compile(r"\d{4}"),
    }

