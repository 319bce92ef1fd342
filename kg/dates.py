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
calendar (kg/calendars.py), which can differ from Umm al-Qura by a day or two.

The parts: the grammar built from calendar.tsv (kg/date_grammar.py),
calendar arithmetic (kg/calendars.py) and each family's resolution
(kg/date_resolve.py); this module finds the mentions and the article's own
date, and re-exports the public names.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Iterator

from kg.calendars import gregorian_to_hijri, hijri_to_gregorian
from kg.date_grammar import CLITIC, _patterns, _required, load_calendar
from kg.date_resolve import _RESOLVERS, _Resolved, _resolve_hijri
from kg.text import normalize_with_offsets

__all__ = [
    "ARTICLE_DATE_LINES", "CLITIC", "DateMention", "find_article_date", "find_date_mentions", "gregorian_to_hijri",
    "hijri_to_gregorian", "load_calendar",
]

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


def _candidates(folded: str, anchor: datetime.date | None) -> Iterator[tuple[re.Match[str], _Resolved]]:
    patterns = _patterns()
    required = _required()
    for name, resolver in _RESOLVERS.items():
        if name in required and required[name].search(folded) is None:
            continue  # the part every match holds is not in the text (see date_grammar._required)
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
