"""XML Schema datatypes, as far as a RelaxNG schema uses them: which values fit a type, and how
to say what was expected. Used to explain a value libxml2 rejected (``explain``), and by the
grammar's analysis of which values an attribute takes (``grammar``); libxml2 judges.
"""

from __future__ import annotations

import calendar
import re
from functools import cache

_TZ = r"(Z|[+-]\d\d:\d\d)?"
_TYPES = {
    "NCName": r"[^\W\d][\w.\-\u00B7]*",
    "ID": r"[^\W\d][\w.\-\u00B7]*",
    "IDREF": r"[^\W\d][\w.\-\u00B7]*",
    "ENTITY": r"[^\W\d][\w.\-\u00B7]*",
    "Name": r"[^\W\d:]?[\w.\-:\u00B7]*",
    "QName": r"([^\W\d][\w.\-]*:)?[^\W\d][\w.\-]*",
    "NMTOKEN": r"[\w.\-:\u00B7]+",
    "language": r"[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*",
    "boolean": r"true|false|1|0",
    "decimal": r"[+-]?(\d+(\.\d*)?|\.\d+)",
    "integer": r"[+-]?\d+",
    "nonNegativeInteger": r"\+?\d+|-0+",
    "positiveInteger": r"\+?0*[1-9]\d*",
    "nonPositiveInteger": r"-\d+|\+?0+",
    "negativeInteger": r"-0*[1-9]\d*",
    "gYear": r"-?\d{4,}" + _TZ,
    "gYearMonth": r"-?\d{4,}-(0[1-9]|1[0-2])" + _TZ,
    "gMonth": r"--(0[1-9]|1[0-2])" + _TZ,
    "gDay": r"---(0[1-9]|[12]\d|3[01])" + _TZ,
    "gMonthDay": r"--(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])" + _TZ,
    "date": r"-?\d{4,}-\d\d-\d\d" + _TZ,
    "time": r"\d\d:\d\d:\d\d(\.\d+)?" + _TZ,
    "dateTime": r"-?\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?" + _TZ,
    "duration": r"-?P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?",
}
_LISTS = {"IDREFS": "IDREF", "NMTOKENS": "NMTOKEN", "ENTITIES": "ENTITY"}

TYPE_HINTS = {
    "date": "an ISO date YYYY-MM-DD (1958-07-31)",
    "gYear": "a year YYYY (1958)",
    "gYearMonth": "a month YYYY-MM (1958-07)",
    "dateTime": "a date and time YYYY-MM-DDThh:mm:ss",
    "time": "a time hh:mm:ss",
    "language": 'a language tag such as "en", "ru" or "zh-Latn"',
    "NCName": "a name: letters, digits, '-', '_' or '.', no spaces or colons, not starting with a digit",
    "ID": "an identifier: letters, digits, '-', '_' or '.', no spaces or colons, not starting with a digit",
    "IDREF": "an identifier",
    "anyURI": "a URI",
    "decimal": "a number such as 2 or 2.5",
    "integer": "a whole number",
    "nonNegativeInteger": "a whole number, 0 or more",
    "positiveInteger": "a whole number, 1 or more",
    "boolean": '"true" or "false"',
    "token": "a token",
    "string": "text",
    "NMTOKEN": "a name token (no spaces)",
    "duration": "an ISO duration such as P3D or PT2H",
    "double": "a number",
    "float": "a number",
    "gMonth": "a month --MM",
    "gDay": "a day ---DD",
    "gMonthDay": "a day of the year --MM-DD",
}


@cache
def _category(cat: str) -> str:
    """The characters of a Unicode general category (BMP), as regex class content."""
    import unicodedata
    ranges, start, prev = [], None, None
    for cp in range(0x10000):
        if unicodedata.category(chr(cp)).startswith(cat):
            if start is None:
                start = cp
            prev = cp
        elif start is not None:
            ranges.append((start, prev))
            start = None
    if start is not None:
        ranges.append((start, prev))
    return "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in ranges)


_ESCAPES = {"i": "A-Za-z_:\u00C0-\u02FF\u0370-\uFFFD", "c": "\\w.\\-:\u00B7"}


@cache
def xsd_regex(pattern: str):
    """An XML Schema regular expression as a compiled Python one (None if it uses what we cannot map)."""
    out, i, in_class = [], 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\" and i + 1 < len(pattern):
            nxt = pattern[i + 1]
            m = re.match(r"[pP]\{([A-Za-z]{1,2})\}", pattern[i + 1:])
            if m:
                content = _category(m.group(1))
                if nxt == "P":
                    if in_class:
                        return None
                    out.append(f"[^{content}]")
                else:
                    out.append(content if in_class else f"[{content}]")
                i += 1 + m.end()
                continue
            if nxt in "ic":
                content = _ESCAPES[nxt]
                out.append(content if in_class else f"[{content}]")
                i += 2
                continue
            if nxt in "IC" or nxt == "p" or nxt == "P":
                return None
            out.append(pattern[i:i + 2])
            i += 2
            continue
        if ch == "[" and not in_class:
            in_class = True
        elif ch == "]" and in_class:
            in_class = False
        out.append(ch)
        i += 1
    try:
        return re.compile("".join(out))
    except re.error:
        return None


def datatype_ok(type_name: str, value: str) -> bool | None:
    """Whether ``value`` is a lexically valid XML Schema ``type_name`` (None: not known here)."""
    if type_name in ("string", "token", "normalizedString", "anyURI"):
        return True if type_name != "anyURI" else not re.search(r"[\s<>\"{}|\\^`]", value.strip())
    if type_name in _LISTS:
        return all(datatype_ok(_LISTS[type_name], t) for t in value.split()) and bool(value.split())
    pattern = _TYPES.get(type_name)
    if pattern is None:
        if type_name in ("float", "double"):
            try:
                float(value.strip())
                return True
            except ValueError:
                return value.strip() in ("INF", "-INF", "NaN")
        return None
    v = value.strip()
    if not re.fullmatch(pattern, v):
        return False
    if type_name in ("date", "dateTime"):
        return calendar_problem(v) is None
    return True


def calendar_problem(value: str) -> str | None:
    """Why an ISO-shaped YYYY-MM-DD is not a real calendar day ("February 1958 has no day 30")."""
    m = re.match(r"^(-?\d{4,})-(\d\d)-(\d\d)", value)
    if not m:
        return None
    year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if not 1 <= month <= 12:
        return f"there is no month {month:02d}"
    last = calendar.monthrange(year if 1 <= year <= 9999 else 2000, month)[1]
    if not 1 <= day <= last:
        return f"{calendar.month_name[month]} {year} has no day {day}"
    return None


def datatype_problem(type_name: str, value: str) -> str | None:
    """A plain reason a value fails its type, where there is a clearer one than "invalid"."""
    if type_name in ("date", "dateTime") and re.fullmatch(_TYPES[type_name], value.strip()):
        why = calendar_problem(value.strip())
        if why:
            return f"it is not a real calendar date: {why}"
    return None


