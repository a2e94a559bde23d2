"""Dates as written, at their own granularity, as intervals of days.

"November 9, 2018" is one day; "2018-11" a month; "early September" days 1-10
of a month. Two dates agree when their intervals overlap. A date is never
completed from today's: a missing year comes from the source's ``published``
date, or the date is unreadable.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
MONTHS["sept"] = 9
# Parts of a month (days) and of a year (months) named by "early", "mid", "late".
PART_DAYS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
PART_MONTHS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}
_PART_WORDS = {
    "early": "early",
    "beginning of": "early",
    "start of": "early",
    "mid": "mid",
    "middle of": "mid",
    "late": "late",
    "end of": "late",
}

# Month names must be capitalized (as in prose) so "may" and "march" stay verbs.
_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_PART_WORD = r"(?i:early|mid|late|(?:the\s+)?(?:beginning|start|middle|end)\s+of)"
_PART = rf"(?:(?P<part>{_PART_WORD})[\s-]+)?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1\d{3}|2\d{3})(?![\d-])"
# Dates relative to when the source was published: "last December", "last year".
_RELATIVE = re.compile(
    rf"(?<!\w)(?P<rel>(?i:last|this|next))\s+(?:{_MONTH}(?:\s+{_DAY}(?!\d))?"
    r"|(?P<unit>(?i:year|month)))(?!\w)"
    r"|(?<!\w)(?P<day_word>(?i:yesterday|today))(?!\w)"
)
_PATTERNS = [
    re.compile(r"(?<![\d-])(?P<year>\d{4})-(?P<mnum>\d{2})(?:-(?P<dnum>\d{2}))?(?![\d-])"),
    re.compile(r"(?<![\d/])(?P<year>\d{4})/(?P<mnum>\d{1,2})/(?P<dnum>\d{1,2})(?![\d/])"),
    re.compile(rf"(?<!\w){_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?(?!\w)"),
    re.compile(rf"(?<!\w){_PART}{_MONTH}(?:\s+{_DAY}(?!\d))?(?:,?\s+{_YEAR})?(?!\w)"),
    re.compile(rf"(?<!\w)(?P<ypart>{_PART_WORD})[\s-]+{_YEAR}(?!\w)"),
    re.compile(rf"(?<![\w,.]){_YEAR}(?!\w|s\b|[,.]\d)"),
]


@dataclass(frozen=True)
class DateToken:
    """A date in a text: ``low``/``high`` are ordinal days (``date.toordinal()``)."""

    start: int
    end: int
    text: str
    low: int | None  # None: the year is unknown
    high: int | None
    display: str
    month: int | None = None
    day: int | None = None
    part: str | None = None  # "early" | "mid" | "late"


def _part_key(raw: str | None) -> str | None:
    if not raw:
        return None
    words = " ".join(raw.lower().split()).removeprefix("the ")
    return _PART_WORDS.get(words)


def published_year(published: str | None) -> int | None:
    """The year of a source's ``published`` metadata ("2018-11-09", "2018-11", "2018")."""
    match = re.match(r"\s*(\d{4})", str(published or ""))
    return int(match.group(1)) if match else None


def interval(
    year: int, month: int | None = None, day: int | None = None, part: str | None = None
) -> tuple[int, int] | None:
    """Ordinal-day interval of a (partial) date; None when the parts are no date."""
    try:
        if month is None:
            first, last = PART_MONTHS.get(part or "", (1, 12))
            return (
                dt.date(year, first, 1).toordinal(),
                dt.date(year, last, calendar.monthrange(year, last)[1]).toordinal(),
            )
        days = calendar.monthrange(year, month)[1]
        if day is not None:
            ordinal = dt.date(year, month, day).toordinal()
            return ordinal, ordinal
        first, last = PART_DAYS.get(part or "", (1, days))
        return dt.date(year, month, first).toordinal(), dt.date(
            year, month, min(last, days)
        ).toordinal()
    except ValueError:
        return None


def display(year: int | None, month: int | None, day: int | None, part: str | None) -> str:
    """ISO for whole dates ("2018-11-09", "2018-11"), words for parts ("early September 2018")."""
    if part is not None:
        where = calendar.month_name[month] if month else ""
        return " ".join(p for p in (part, where, str(year) if year else "") if p)
    if year is None:
        return (
            f"{calendar.month_name[month or 1]} {day}" if day else calendar.month_name[month or 1]
        )
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def find_dates(text: str, published: str | None = None) -> list[DateToken]:
    """Every date in ``text``, in order; a missing year is taken from ``published``."""
    fallback = published_year(published)
    taken: list[tuple[int, int]] = []
    found: list[DateToken] = []
    for match in _RELATIVE.finditer(text):
        taken.append(match.span())  # never read as the bare month it names
        token = _relative(match, published)
        if token is not None:
            found.append(token)
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < b and a < end for a, b in taken):
                continue
            taken.append((start, end))  # an impossible date (November 31) is no year either
            token = _token(match, fallback)
            if token is not None:
                found.append(token)
    return sorted(found, key=lambda t: t.start)


def _token(match: re.Match[str], fallback: int | None) -> DateToken | None:
    groups = match.groupdict()
    part = _part_key(groups.get("part") or groups.get("ypart"))
    if groups.get("mnum"):
        month: int | None = int(groups["mnum"])
        day = int(groups["dnum"]) if groups.get("dnum") else None
    else:
        month = MONTHS[groups["month"].lower()] if groups.get("month") else None
        day = int(groups["day"]) if groups.get("day") else None
    if day is not None:
        part = None
    year = int(groups["year"]) if groups.get("year") else (fallback or None)
    if year is None:
        if month is None or (day is not None and not 1 <= day <= 31):
            return None
        bounds: tuple[int | None, int | None] | None = (None, None)
    else:
        bounds = interval(year, month, day, part)
    if bounds is None:
        return None
    shown = display(year, month, day, part)
    return DateToken(match.start(), match.end(), match.group(), *bounds, shown, month, day, part)


def _published_parts(published: str | None) -> tuple[int | None, int | None, int | None]:
    match = re.match(r"\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", str(published or ""))
    if not match:
        return None, None, None
    year, month, day = (int(g) if g else None for g in match.groups())
    return year, month, day


def _relative(match: re.Match[str], published: str | None) -> DateToken | None:
    """A date relative to ``published``; unreadable (None) when ``published`` is too coarse.

    "last December" is the latest December before the publication month (published
    2018-11-10: December 2017), "this December" the one of its year, "next December"
    the first after it; "last year"/"this year"/"next year" and the same with
    "month" shift from it; "yesterday" and "today" need its day.
    """
    year, month, day = _published_parts(published)
    groups = match.groupdict()
    if year is None:
        if not groups.get("month"):
            return None
        named = MONTHS[groups["month"].lower()]  # a month with no year to place it in
        shown = display(None, named, None, None)
        return DateToken(match.start(), match.end(), match.group(), None, None, shown, named)
    rel = (groups.get("rel") or "").lower()
    shift = {"last": -1, "this": 0, "next": 1}.get(rel, 0)
    if groups.get("day_word"):
        if month is None or day is None:
            return None
        when = dt.date(year, month, day).toordinal() - (groups["day_word"].lower() == "yesterday")
        if when < 1:
            return None  # the day before 0001-01-01
        date = dt.date.fromordinal(when)
        return _made(match, date.year, date.month, date.day)
    if groups.get("month"):
        named = MONTHS[groups["month"].lower()]
        if shift and month is None:
            return None
        if shift < 0:
            target = year if month is not None and named < month else year - 1
        elif shift > 0:
            target = year if month is not None and named > month else year + 1
        else:
            target = year
        day_of = int(groups["day"]) if groups.get("day") else None
        return _made(match, target, named, day_of)
    if groups.get("unit", "").lower() == "year":
        return _made(match, year + shift, None, None)
    if month is None:
        return None
    index = year * 12 + (month - 1) + shift
    return _made(match, index // 12, index % 12 + 1, None)


def _made(match: re.Match[str], year: int, month: int | None, day: int | None) -> DateToken | None:
    bounds = interval(year, month, day)
    if bounds is None:
        return None
    shown = display(year, month, day, None)
    return DateToken(match.start(), match.end(), match.group(), *bounds, shown, month, day)
