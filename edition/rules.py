"""Rules the grammar cannot say, each with a stable code and a fix.

Every rule is a function registered with ``@rule(code, severity, summary)``; it
receives the parsed source and yields ``(element, message)`` pairs, or
``(element, message, attribute)`` where the finding is about one attribute (the grammar
may have reported that attribute already: then the rule keeps quiet). ``check`` runs
them all and turns what they yield into diagnostics at the element's start tag.
Each rule has a fixture in tests/fixtures/rules/ and a line in README.md's code table.
``edition rules`` (and README.md) list the codes with their summaries.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Iterator

from lxml import etree

from edition.diagnostics import Diagnostic, Severity
from edition.parse import TEI_NS, XML_NS, Source

T = f"{{{TEI_NS}}}"
XML_ID = f"{{{XML_NS}}}id"
XML_LANG = f"{{{XML_NS}}}lang"
NS = {"t": TEI_NS}

#: (element, message) or (element, message, attribute): a finding on an attribute the
#: grammar already reported (``Source.flagged``) is not repeated
Finding = tuple


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    summary: str
    func: Callable[[Source], Iterator[Finding]]


RULES: list[Rule] = []


def rule(code: str, severity: Severity, summary: str):
    def register(func):
        RULES.append(Rule(code, severity, summary, func))
        return func
    return register


def check(source: Source) -> list[Diagnostic]:
    """Every rule's findings in ``source``, at the start tag of the element concerned.

    The rules are about TEI documents: a root that is not a TEI element has already been
    reported by the grammar (schema-namespace, schema-element) and gets no rule findings.
    A finding on an attribute the grammar already rejected (``Source.flagged``: an invalid
    date or language value, a duplicate xml:id) is one cause: it is reported once.
    """
    if etree.QName(source.root).namespace != TEI_NS:
        return []
    out = []
    # what several rules need (the id map, the elements carrying given attributes) is
    # computed once for this run and dropped after it
    source._rule_cache = {}
    try:
        for r in RULES:
            for finding in r.func(source):
                element, message = finding[0], finding[1]
                if len(finding) > 2 and (source.tree.getpath(element), finding[2]) in source.flagged:
                    continue
                line, col = source.position(element)
                out.append(Diagnostic(r.severity, r.code, source.display, line, col, message))
    finally:
        del source._rule_cache
    return out


def duplicate_id_message(value: str, first_line: int | None) -> str:
    """The one wording of a duplicate xml:id (the grammar may find it first: libxml2 checks ID types)."""
    return f'xml:id "{value}" is already used on line {first_line}; every xml:id must be unique: rename this one (and the pointers to it)'


# ----------------------------------------------------------------- helpers

def _cached(source: Source, key, make):
    """``make()``, once per ``check`` run (every call when a rule runs on its own)."""
    cache = getattr(source, "_rule_cache", None)
    if cache is None:
        return make()
    if key not in cache:
        cache[key] = make()
    return cache[key]


def _ids(source: Source) -> dict[str, etree._Element]:
    def make():
        ids: dict[str, etree._Element] = {}
        for el in _having(source, (XML_ID,)):
            ids.setdefault(el.get(XML_ID), el)
        return ids
    return _cached(source, "ids", make)


def _having(source: Source, attrs: tuple[str, ...]) -> list[etree._Element]:
    """The elements (the root included) with at least one of ``attrs`` (Clark names), in document order."""
    def make():
        wanted = frozenset(attrs)
        return [el for el, names in _attributed(source) if not wanted.isdisjoint(names)]
    return _cached(source, ("having", attrs), make)


def _attributed(source: Source) -> list[tuple[etree._Element, list[str]]]:
    """Every element that has attributes, with their names, in document order: one walk of the tree
    serves every rule (an XPath per rule cost more than all the rules' own work)."""
    def make():
        return [(el, el.keys()) for el in source.root.iter(etree.Element) if el.attrib]
    return _cached(source, "attributed", make)


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname


def _pointers(value: str | None) -> list[str]:
    return (value or "").split()


_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
SAFE_SCHEMES = {"http", "https", "mailto"}


# ----------------------------------------------------------------- identity

@rule("root-id", Severity.ERROR, "the root <TEI> has an xml:id equal to its file name without .xml")
def _root_id(source: Source):
    stem = source.path.name[:-4] if source.path.name.endswith(".xml") else source.path.stem
    doc_id = source.doc_id
    if source.root.tag != T + "TEI":
        return
    if doc_id is None:
        yield source.root, f'the root <TEI> has no xml:id; add xml:id="{stem}" (the file name without .xml)', "xml:id"
    elif doc_id != stem:
        yield source.root, (f'the root xml:id "{doc_id}" does not match the file name "{source.path.name}"; '
                            f'rename the file to "{doc_id}.xml" or set xml:id="{stem}"')


@rule("id-duplicate", Severity.ERROR, "xml:id values are unique within a document")
def _id_duplicate(source: Source):
    seen: dict[str, etree._Element] = {}
    for el in _having(source, (XML_ID,)):
        value = el.get(XML_ID)
        if value in seen:
            yield el, duplicate_id_message(value, seen[value].sourceline), "xml:id"
        else:
            seen[value] = el


# ----------------------------------------------------------------- pointers

@rule("who-unresolved", Severity.ERROR, "every sp/@who points to a person declared in the header")
def _who(source: Source):
    ids = _ids(source)
    for sp in source.root.iter(T + "sp"):
        for ptr in _pointers(sp.get("who")):
            if not ptr.startswith("#"):
                yield sp, f'@who="{ptr}" is not a pointer to a declared person; write who="#id" with the id of a <person> in the header'
                continue
            target = ids.get(ptr[1:])
            if target is None:
                yield sp, f'@who="{ptr}" names no declared person; declare <person xml:id="{ptr[1:]}"> in particDesc/listPerson or fix the id'
            elif _local(target) not in ("person", "personGrp"):
                yield sp, (f'@who="{ptr}" points to a <{_local(target)}>, not a <person>; point it to the <person> '
                           f'who speaks (declare one in particDesc/listPerson)')


#: what a local pointer must reach, by element and attribute ("*": any element)
_KINDS = {
    ("persName", "ref"): ("person", "personGrp"),
    ("placeName", "ref"): ("place",),
    ("orgName", "ref"): ("org",),
    ("*", "who"): ("person", "personGrp"),
}
_POINTER_ATTRS = ("ref", "target", "resp", "hand", "who", "corresp", "facs", "sameAs", "source")


def _document(source: Source, ptr: str) -> str | None:
    """For a relative pointer to another document ("doc.xml", "doc.xml#id"): why it does not resolve."""
    path = ptr.split("#", 1)[0]
    if not path or _SCHEME.match(path) or path.startswith("/") or not path.endswith(".xml"):
        return None
    if (source.path.parent / path).is_file():
        return None
    return (f'there is no document "{path}" beside this source; documents of the edition are named by their '
            f'xml:id plus .xml: fix the file name')


@rule("ref-unresolved", Severity.ERROR, 'every pointer into the edition (@ref, @target, @who on q or change, @resp, @hand, @corresp: "#id" or "doc.xml#id") resolves, to an element of the right kind or a document')
def _refs(source: Source):
    ids = _ids(source)
    for el in _having(source, _POINTER_ATTRS):
        if el.tag == T + "sp":
            continue
        name = _local(el)
        for attr in _POINTER_ATTRS:
            for ptr in _pointers(el.get(attr)):
                if not ptr.startswith("#"):
                    why = _document(source, ptr)
                    if why:
                        yield el, f'@{attr}="{ptr}" on <{name}> names no document of the edition: {why}'
                    continue
                target = ids.get(ptr[1:])
                if target is None:
                    what = ("an <anchor xml:id=\"" + ptr[1:] + "\"/> where the note applies" if name == "note" and attr == "target"
                            else f'xml:id="{ptr[1:]}" on the element it means')
                    yield el, f'@{attr}="{ptr}" on <{name}> points to no element of this document; declare {what}, or fix the pointer'
                    continue
                kinds = _KINDS.get((name, attr)) or _KINDS.get(("*", attr))
                if kinds and _local(target) not in kinds:
                    wanted = " or ".join(f"<{k}>" for k in kinds)
                    yield el, (f'@{attr}="{ptr}" on <{name}> points to a <{_local(target)}>, not a {wanted}; '
                               f"point it to the {wanted} it means")
                elif name == "note" and attr == "target" and not any(a.tag == T + "text" for a in target.iterancestors()):
                    yield el, (f'@target="{ptr}" on <note> points to a <{_local(target)}> outside <text>; a note is anchored '
                               f"where it applies in the transcript: point it to an <anchor> there")


_LINK_ATTRS = ("target", "ref", "facs", "url", "corresp", "sameAs", "source", "scheme", "href")
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")


@rule("unsafe-link", Severity.ERROR, "links use only relative, http, https or mailto addresses (no javascript:, data:, file:...)")
def _unsafe_link(source: Source):
    for el in _having(source, _LINK_ATTRS):
        for attr in _LINK_ATTRS:
            value = el.get(attr)
            if value is None:
                continue
            for ptr in _pointers(value) or [value]:
                # browsers ignore control characters and blanks inside a scheme ("java\tscript:")
                m = _SCHEME.match(_CONTROL.sub("", ptr))
                if m and m.group(1).lower() not in SAFE_SCHEMES:
                    shown = ptr if len(ptr) <= 60 else ptr[:57] + "..."
                    yield el, (f'@{attr}="{shown}" on <{_local(el)}> uses the "{m.group(1)}:" scheme, which can run code '
                               f"or read local data in a reader's browser; use a relative, http, https or mailto address")
                    break


# ----------------------------------------------------------------- notes

def _is_footnote(note: etree._Element) -> bool:
    return note.get("type") == "editorial"


@rule("note-unanchored", Severity.ERROR, "an editorial note stands where it applies inside <text>, or points there with @target")
def _note_anchor(source: Source):
    text = source.root.find(T + "text")
    for note in source.root.iter(T + "note"):
        if not _is_footnote(note):
            continue
        inside = text is not None and any(a is text for a in note.iterancestors(T + "text"))
        if not inside and not note.get("target"):
            yield note, ('editorial note is not anchored: put it inside <text> at the point it applies to, '
                         'or give it @target="#id" pointing to an <anchor> there')


@rule("note-numbering", Severity.ERROR, "editorial notes are numbered 1, 2, 3... in document order, without gaps or duplicates")
def _note_numbers(source: Source):
    expected = 0
    seen: dict[str, int] = {}
    for note in source.root.iterfind(".//t:text//t:note", NS):
        if not _is_footnote(note):
            continue
        expected += 1
        n = note.get("n")
        if n is None:
            yield note, f'editorial note has no @n; add n="{expected}" (notes are numbered in document order)'
            continue
        if n in seen:
            yield note, f'note number {n} is used twice (first on line {seen[n]}); number notes 1, 2, 3... in order: this one is n="{expected}"'
        elif n != str(expected):
            yield note, f'note is numbered n="{n}" but is note {expected} in document order; number notes 1, 2, 3... without gaps'
        seen.setdefault(n, note.sourceline or 0)


# ----------------------------------------------------------------- dates

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
def _date_invalid(source: Source):
    for el in _having(source, _DATE_ATTRS):
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
def _date_mismatch(source: Source):
    for el in source.root.iter(T + "date"):
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


# ----------------------------------------------------------------- languages

#: The two-letter language subtags of the IANA Language Subtag Registry (ISO 639-1, the deprecated
#: ones included: they are still valid): the tags most documents carry, checked without loading the
#: registry, which takes langcodes 60-100 ms to import (``edition validate`` of one file takes about
#: 0.12 s). tests/test_rules.py checks this set against langcodes' registry data.
_TWO_LETTER = frozenset((
    "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da "
    "de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz "
    "ia id ie ig ii ik in io is it iu iw ja ji jv jw ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la "
    "lb lg li ln lo lt lu lv mg mh mi mk ml mn mo mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj "
    "om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg sh si sk sl sm sn so sq sr ss st su sv "
    "sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu"
).split())


def lang_problem(value: str) -> str | None:
    """Why ``value`` is not a valid BCP 47 language tag (well-formed, every subtag in the IANA registry,
    as langcodes knows it), with what it probably means; None if it is one (or empty: no language)."""
    if not value or value.lower() in _TWO_LETTER:
        return None
    import langcodes  # the registry's data: loaded only for a tag that is not a bare language
    from langcodes.tag_parser import LanguageTagError

    try:
        tag = langcodes.Language.get(value, normalize=False)
        well_formed = str(tag).lower() == value.lower()  # langcodes also reads "en_US" and the like
    except (LanguageTagError, ValueError):
        tag, well_formed = None, False
    if well_formed and tag.is_valid():
        return None
    hint = _lang_hint(value)
    what = "a well-formed language tag" if not well_formed else "a registered language tag (a part of it is not in the IANA registry)"
    if hint is not None:
        return f'is not {what}; did you mean "{hint[0]}" ({hint[1]})?'
    return (f'is not {what}; write a BCP 47 tag: a language, then optionally one script, one region, '
            f'variants ("en", "ru", "zh-Latn", "de-CH")')


def _lang_hint(value: str) -> tuple[str, str] | None:
    """(tag, its English name) that ``value`` probably means: its standard form ("eng", "en_US", "iw"),
    or the language it names ("English", "Russian", "Ancient Greek"); None if nothing fits."""
    import langcodes

    candidates = []
    try:
        candidates.append(langcodes.standardize_tag(value))
    except (ValueError, LookupError):
        pass
    if len(value) > 3 and all(part.isalpha() for part in value.split()):  # a name ("a" would find "Anus")
        try:
            candidates.append(str(langcodes.find(value)))  # needs language_data
        except (ValueError, LookupError, ImportError):
            pass
    for candidate in candidates:
        if candidate.lower() != value.lower() and langcodes.tag_is_valid(candidate):
            try:
                name = langcodes.Language.get(candidate).display_name()
            except ImportError:  # language_data missing: no name
                name = "see the IANA registry"
            return candidate, name
    return None


@rule("lang-tag", Severity.ERROR, "xml:lang values (and language/@ident, textLang/@mainLang) are valid BCP 47 tags "
                                  "(every subtag in the IANA registry)")
def _lang(source: Source):
    for el in _having(source, (XML_LANG, "ident", "mainLang")):
        for attr in (XML_LANG, "ident" if el.tag == T + "language" else None, "mainLang"):
            if attr is None:
                continue
            value = el.get(attr)
            why = lang_problem(value) if value is not None else None
            if why is not None:
                name = "xml:lang" if attr == XML_LANG else "@" + attr
                yield el, f'{name}="{value}" on <{_local(el)}> {why}', name.lstrip("@")


# ----------------------------------------------------------------- content

_MUST_HAVE_TEXT = ("speaker", "p", "supplied", "note", "head", "title")


@rule("empty-element", Severity.ERROR, "no empty <speaker>, <p>, <supplied>, <note>, <head> or <title>")
def _empty(source: Source):
    for name in _MUST_HAVE_TEXT:
        for el in source.root.iter(T + name):
            if "".join(el.itertext()).strip():
                continue
            # a paragraph holding only a gap or a page break is a statement, not an empty element
            has_sign = any(isinstance(c.tag, str) and _local(c) in ("gap", "pb", "graphic") for c in el.iter())
            if not has_sign:
                yield el, f"<{name}> is empty; write its text, or remove it (mark lost text with <gap reason=\"...\"/>)"


@rule("person-unused", Severity.WARNING, "every person declared in the header speaks or is named somewhere")
def _person_unused(source: Source):
    used: Counter[str] = Counter()
    for el in _having(source, ("who", "ref", "corresp", "resp")):
        for attr in ("who", "ref", "corresp", "resp"):
            for ptr in _pointers(el.get(attr)):
                if ptr.startswith("#"):
                    used[ptr[1:]] += 1
    for person in source.root.iterfind(".//t:teiHeader//t:person", NS):
        pid = person.get(XML_ID)
        if pid and not used[pid]:
            yield person, (f'person "{pid}" is declared but never speaks (sp/@who) or is named (persName/@ref); '
                           f'link a mention with ref="#{pid}" or remove the declaration')


# ----------------------------------------------------------------- processing instructions

_HREF = re.compile(r"""\bhref\s*=\s*(["'])(.*?)\1""", re.S)


@rule("remote-reference", Severity.WARNING, "xml-model and xml-stylesheet instructions name local files, not remote addresses")
def _remote_reference(source: Source):
    pis = [n for n in source.root.itersiblings(preceding=True) if isinstance(n, etree._ProcessingInstruction)]
    pis += [n for n in source.root.iter(etree.PI)]
    for pi in pis:
        if pi.target not in ("xml-model", "xml-stylesheet"):
            continue
        m = _HREF.search(pi.text or "")
        if not m:
            continue
        href = m.group(2).strip()
        scheme = _SCHEME.match(href)
        if scheme or href.startswith("//"):
            shown = href if len(href) <= 60 else href[:57] + "..."
            yield pi, (f'<?{pi.target} href="{shown}"?> points to a remote address; edition never fetches it, but XML '
                       f"editors and browsers would: point it to a file in the repository (for the schema: "
                       f'href="../schemas/edition.rng")')
