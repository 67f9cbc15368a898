"""Dates: a paragraph that is a date ("July 31, 1958"), a date inside a dateline or a title."""

from __future__ import annotations

import datetime as _dt
import re

from edition.validation.rules import MONTHS  # month names and abbreviations, one table for rules and import

_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DATE_FORMS = [
    re.compile(rf"^{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})$"),
    re.compile(rf"^(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<year>\d{{4}})$"),
    re.compile(rf"^{_MONTH},?\s+(?P<year>\d{{4}})$"),
    re.compile(r"^(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<day>\d{2})$"),
    re.compile(r"^(?P<day>\d{1,2})\.(?P<mnum>\d{1,2})\.(?P<year>\d{4})$"),
    re.compile(r"^(?P<year>\d{4})$"),
]
# a date inside a dateline: "July 31", "31 July 1958", "July 31, 1958"
DATE_IN_LINE = re.compile(
    rf"\b(?:{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{{4}}))?"
    rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month2>[A-Za-z]{{3,9}})\.?(?:,?\s+(?P<year2>\d{{4}}))?)\b")


def parse_date(text: str) -> str | None:
    """The ISO value of a paragraph that is a date and nothing else ("July 31, 1958" -> "1958-07-31")."""
    t = text.strip().rstrip(".") if not re.search(r"\d\.\d", text) else text.strip()
    for form in _DATE_FORMS:
        m = form.match(t)
        if not m:
            continue
        g = m.groupdict()
        year = int(g["year"])
        if g.get("month"):
            month = MONTHS.get(g["month"].lower())
            if month is None:
                return None
        elif g.get("mnum"):
            month = int(g["mnum"])
        else:
            return f"{year:04d}" if 1000 <= year <= 2100 else None
        return iso_date(year, month, int(g["day"]) if g.get("day") else None)
    return None


def iso_date(year: int, month: int, day: int | None) -> str | None:
    """"YYYY-MM-DD" (or "YYYY-MM" without a day) for a real date between 1000 and 2100, else None."""
    if not 1000 <= year <= 2100 or not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def looks_like_date(text: str) -> bool:
    """Short, with a year in it: a date the parser does not understand ("Summer 1958", "31 June 1958")."""
    return len(text) <= 40 and bool(re.search(r"\b1[0-9]\d\d\b|\b20\d\d\b", text)) and not text.endswith((":",))


def dateline_when(m: re.Match, year_of_document: str | None) -> str | None:
    """The ISO date a dateline's date (a ``DATE_IN_LINE`` match) names; a dateline without a year
    ("July 31, at the airport") takes the document's year."""
    month = MONTHS.get((m.group("month") or m.group("month2") or "").lower())
    day = int(m.group("day") or m.group("day2"))
    year = m.group("year") or m.group("year2") or year_of_document
    if month is None or year is None:
        return None
    return iso_date(int(year), month, day)
