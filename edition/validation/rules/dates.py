"""Dates: real calendar dates, and @when agreeing with the date the text prints."""

from __future__ import annotations

import calendar
import datetime as _dt
import re

from edition.diagnostics import Severity
from edition.validation.rules.registry import Document, T, _local, rule


_ISO = re.compile(r"^(-?\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(T.*)?$")
MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"], start=1)}
for _name, _i in list(MONTHS.items()):
    MONTHS[_name[:3]] = _i
    MONTHS[_name[:3] + "."] = _i
MONTHS["sept"] = MONTHS["sept."] = 9


def _parse_iso(value: str) -> tuple[int, int | None, int | None] | str:
    """(year, month, day) of an ISO date, or a message saying why it is not one."""
    m = _ISO.match(value.strip())
    if not m:
        return "is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)"
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else None
    day = int(m.group(3)) if m.group(3) else None
    if month is not None and not 1 <= month <= 12:
        return f"has no month {month:02d}"
    if day is not None:
        try:
            _dt.date(year if year > 0 else 4, month, day)  # leap rules of the proleptic calendar
        except ValueError:
            return f"is not a real calendar date ({_month_name(month)} {year} has no day {day})"
    return year, month, day


def _month_name(month: int) -> str:
    return calendar.month_name[month]


_PRINTED = [
    # July 31, 1958 / July 31 / Jul. 31, 1958
    re.compile(r"\b(?P<month>[A-Za-z]{3,9}\.?)\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{4}))?\b"),
    # 31 July 1958 / 31 July
    re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month>[A-Za-z]{3,9}\.?)(?:,?\s+(?P<year>\d{4}))?\b"),
    # 1958-07-31 printed as such
    re.compile(r"\b(?P<iso>\d{4}-\d{2}-\d{2})\b"),
]


def _printed_date(text: str) -> tuple[int | None, int, int] | None:
    for pattern in _PRINTED:
        m = pattern.search(text)
        if not m:
            continue
        if m.groupdict().get("iso"):
            y, mo, d = (int(x) for x in m.group("iso").split("-"))
            return y, mo, d
        month = MONTHS.get(m.group("month").lower())
        if month is None:
            continue
        return (int(m.group("year")) if m.group("year") else None), month, int(m.group("day"))
    return None


# elements whose @from/@to are not dates (folios, page ranges, pointers)
_NOT_DATABLE = {T + n for n in ("locus", "locusGrp", "biblScope", "citedRange", "span", "spanGrp", "measure", "dim")}


_DATE_ATTRS = ("when", "from", "to", "notBefore", "notAfter")


@rule("date-invalid", Severity.ERROR, "date attributes (@when, @from, @to, @notBefore, @notAfter) are real calendar dates")
def _date_invalid(doc: Document):
    for el in doc.having(_DATE_ATTRS):
        if el.tag in _NOT_DATABLE:
            continue
        for attr in _DATE_ATTRS:
            value = el.get(attr)
            if value is None:
                continue
            parsed = _parse_iso(value)
            if isinstance(parsed, str):
                yield el, f'@{attr}="{value}" on <{_local(el)}> {parsed}; write a real date as YYYY-MM-DD, YYYY-MM or YYYY', attr
        f, t = el.get("from"), el.get("to")
        if f and t:
            pf, pt = _parse_iso(f), _parse_iso(t)
            if not isinstance(pf, str) and not isinstance(pt, str) and tuple(x or 0 for x in pf) > tuple(x or 0 for x in pt):
                yield el, f'@from="{f}" is after @to="{t}" on <{_local(el)}>; swap them, or correct the one that is wrong', "from"


@rule("date-mismatch", Severity.ERROR, "where a <date> prints a day and month, @when agrees with it")
def _date_mismatch(doc: Document):
    for el in doc.root.iter(T + "date"):
        when = el.get("when")
        if not when:
            continue
        parsed = _parse_iso(when)
        if isinstance(parsed, str) or parsed[2] is None:
            continue
        printed = _printed_date("".join(el.itertext()))
        if printed is None:
            continue
        py, pm, pd = printed
        y, m, d = parsed
        if (pm, pd) != (m, d) or (py is not None and py != y):
            shown = " ".join("".join(el.itertext()).split())
            yield el, f'@when="{when}" does not agree with the printed date "{shown}"; correct one of them'
