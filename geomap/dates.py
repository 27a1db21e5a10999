"""Dates as documents give them, read into ISO 8601 at the precision they have.

``parse_date("13 October 2015") == "2015-10-13"``, ``parse_date("Oct 2015") ==
"2015-10"``, ``parse_date("2014") == "2014"``; a value that is not a date
(or is ambiguous, like "03/04/2015") gives None. The map and ``geomap export``
filter on these, so "2015-10" passes a range that overlaps October 2015.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

__all__ = ["dateline_date", "parse_date"]

_MONTHS = {m: i for i, names in enumerate((
    (), ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
    ("october", "oct"), ("november", "nov"), ("december", "dec"))) for m in names}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?"
_ISO = re.compile(r"(?P<year>\d{4})(?:[-/.](?P<month>\d{1,2})(?:[-/.](?P<day>\d{1,2}))?)?"
                  r"(?:[T ]\d{1,2}:\d{2}.*)?")
_COMPACT = re.compile(r"(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})")
_DAY_MONTH_YEAR = re.compile(_WEEKDAY + r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH
                             + r",?\s+(?P<year>\d{4})(?:,?\s+\d{1,2}:\d{2}.*)?")
_MONTH_DAY_YEAR = re.compile(_WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+"
                             r"(?P<year>\d{4})(?:,?\s+\d{1,2}:\d{2}.*)?")
_MONTH_YEAR = re.compile(_MONTH + r",?\s+(?P<year>\d{4})")
_NUMERIC = re.compile(r"(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})[/.-](?P<year>\d{4})")


def _iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    if not 1000 <= year <= 2999:
        return None
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _month(value: str) -> int:
    return _MONTHS[value.lower().rstrip(".")]


def parse_date(value: Any) -> str | None:
    """``value`` as ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, or None when it is no date.

    Reads ISO 8601 (with or without a time), ``YYYY/MM/DD``, ``YYYYMMDD``,
    "13 October 2015", "Tuesday, 13 Oct 2015 10:00 GMT", "October 13, 2015",
    "Oct. 2015" and day/month/year numbers when only one reading is a date
    ("31/10/2015", "10/31/2015"; "03/04/2015" is ambiguous and gives None).
    """
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.strftime("%Y-%m-%d")
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or len(text) > 64:
        return None
    if m := _ISO.fullmatch(text):
        month, day = m.group("month"), m.group("day")
        return _iso(int(m.group("year")), int(month) if month else None, int(day) if day else None)
    if m := _COMPACT.fullmatch(text):
        return _iso(int(m.group("year")), int(m.group("month")), int(m.group("day")))
    lowered = text.lower()
    for pattern in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        if m := pattern.fullmatch(lowered):
            return _iso(int(m.group("year")), _month(m.group("month")), int(m.group("day")))
    if m := _MONTH_YEAR.fullmatch(lowered):
        return _iso(int(m.group("year")), _month(m.group("month")))
    if m := _NUMERIC.fullmatch(text):
        a, b, year = int(m.group("a")), int(m.group("b")), int(m.group("year"))
        readings = {r for r in (_iso(year, b, a), _iso(year, a, b)) if r}
        return readings.pop() if len(readings) == 1 else None
    return None


_DAY_FIRST = r"\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\.?,?\s+\d{4}"
_MONTH_FIRST = r"[A-Za-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
_ISO_DAY = r"\d{4}-\d{2}-\d{2}"
_DATE_TEXT = rf"(?P<date>{_DAY_FIRST}|{_MONTH_FIRST}|{_ISO_DAY})"
_DATELINES = (
    # "BAGHDAD, Oct. 13, 2015 (Reuters) -", "MOSCOW, 13 October 2015 /TASS/"
    re.compile(rf"^[A-Z][A-Z .'\-]{{1,40}},\s*{_DATE_TEXT}\s*[(/\-\u2013\u2014:]", re.M),
    # "Reuters, 13 October 2015:" / "Sputnik - 28 September 2015 -"
    re.compile(rf"^[A-Z][\w .&'\-]{{1,40}}?[,\-\u2013\u2014]\s*{_DATE_TEXT}\s*[:\-\u2013\u2014]",
               re.M),
    # "Published: 13 October 2015", "Posted on October 13, 2015", "Updated 2015-10-13"
    re.compile(rf"^(?:Published|Posted|Updated|Dated?)(?:\s+on)?:?\s+{_DATE_TEXT}", re.M | re.I),
)


def dateline_date(text: str, head: int = 400) -> str | None:
    """The date of a dateline or publication line at the top of a text, or None.

    Only a full date with its year counts ("BAGHDAD, Oct. 13, 2015 (Reuters) -",
    "Reuters, 13 October 2015:", "Published: 13 October 2015"); "BAGHDAD, Oct 13
    (Reuters)" gives None, since the year is not said.
    """
    top = text[:head]
    for pattern in _DATELINES:
        for m in pattern.finditer(top):
            iso = parse_date(m.group("date"))
            if iso is not None and len(iso) == 10:
                return iso
    return None
