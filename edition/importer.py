"""Plain-text transcript in, TEI draft out: what ``edition import`` does.

``import_text(text)`` is a pure function: the text of an archive's web page, a
typescript's OCR or a translator's file goes in; a TEI tree that follows the
edition's conventions (see tei/*.xml) and a ``Report`` come out. Nothing is read or
written here except by ``check`` (which serialises the draft and sends it through
the edition's one door, ``edition.parse.load``, then the schema and the rules).

What it recognises:

* the Wilson Center Digital Archive page layout: date, title, funder line,
  dateline, transcript, archival citation, numbered notes ``[1] ...``, summary,
  "Related Documents", "Document Information", rights; page chrome is dropped and
  listed in the report;
* speaker turns: ``MAO ZEDONG. Text``, ``MAO ZEDONG proposes ...`` (reported
  speech), ``N.S. Khrushchev: Text``, ``KHRUSHCHEV N.S.: Text``; each distinct
  speaker becomes one declared person, whatever spellings the document uses;
* note markers ``[n]`` linked to the note text of the same number;
* editorial brackets ``[at the meeting]`` as ``<supplied>``, flagged for review.

What it guarantees: no text is lost. Every character of the input that is not page
chrome is in the TEI, either as text or as structure the edition's stylesheets print
back as it was printed (an archival citation, a credit line, the funder line): a
citation or credit is only structured when ``source_line``/``archival_citation``/
``credit_line`` (which mirror xslt/common/common.xsl and text.xsl) give back the
printed form; otherwise it is kept as a paragraph. What could not be classified is
kept as a paragraph too, and listed in the report.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
import tempfile
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path

from lxml import etree

from edition.diagnostics import Diagnostic
from edition.render.formats import MAX_ID_BYTES, id_problem
from edition.sources.parse import TEI_NS, XML_NS
from edition.validation.rules import MONTHS  # month names and abbreviations, one table for rules and import

T = f"{{{TEI_NS}}}"
XML_ID = f"{{{XML_NS}}}id"
XML_LANG = f"{{{XML_NS}}}lang"
XML_MODEL = 'href="../schemas/edition.rng" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"'


class ImportProblem(Exception):
    """The input cannot become a document (it holds no text at all)."""


# ====================================================================== report

@dataclass
class Item:
    """One thing the report lists: where in the input (1-based line), what, and why."""

    line: int
    kind: str
    text: str
    message: str = ""


@dataclass
class Speaker:
    id: str
    name: str
    labels: list[str]
    turns: int
    lines: list[int]


@dataclass
class Report:
    source: str = "<input>"
    layout: str = "plain"  # "wilson" (the Wilson Center page layout) or "plain"
    doc_id: str = ""
    title: Item | None = None
    date: Item | None = None
    speakers: list[Speaker] = field(default_factory=list)
    turns: int = 0
    notes: list[Item] = field(default_factory=list)  # linked notes: line of the note text, n
    citation: list[Item] = field(default_factory=list)
    related: list[Item] = field(default_factory=list)
    recognised: list[Item] = field(default_factory=list)  # funder, summary, rights, credits, type, dateline
    chrome: list[Item] = field(default_factory=list)  # dropped: page chrome, empty labels, section headings
    repeats: list[Item] = field(default_factory=list)  # lines whose text the TEI already holds once
    consumed: list[Item] = field(default_factory=list)  # connecting words turned into structure ("and", ".")
    review: list[Item] = field(default_factory=list)  # what needs an editor's eye

    def flag(self, line: int, kind: str, text: str, message: str) -> None:
        self.review.append(Item(line, kind, text, message))

    @property
    def notes_linked(self) -> int:
        return sum(1 for n in self.notes if n.kind == "note")

    def to_json(self, **extra) -> str:
        data = asdict(self)
        data.update(extra)
        data["notes_linked"] = self.notes_linked
        data["review"] = sorted(data["review"], key=lambda i: (i["line"], i["kind"]))
        return json.dumps(data, ensure_ascii=False, indent=2)

    def lines(self) -> list[str]:
        """The report as a person reads it."""
        out = [f"{self.source}: {self.layout} layout, document id {self.doc_id!r}"]
        if self.title:
            out.append(f"  title (line {self.title.line}): {self.title.text}")
        if self.date:
            out.append(f"  date (line {self.date.line}): {self.date.text}" + (f" = {self.date.message}" if self.date.message else ""))
        out.append(f"  speakers: {len(self.speakers)}, turns: {self.turns}")
        for s in self.speakers:
            out.append(f"    #{s.id} {s.name}: {s.turns} turn{'s' if s.turns != 1 else ''} as "
                       + ", ".join(repr(label) for label in s.labels)
                       + f" (lines {', '.join(map(str, s.lines[:12]))}{', ...' if len(s.lines) > 12 else ''})")
        out.append(f"  notes linked to their markers: {self.notes_linked} of {len(self.notes)}")
        for c in self.citation:
            out.append(f"  archival citation (line {c.line}): {c.text}")
        if self.related:
            out.append(f"  related documents: {len(self.related)} (lines {', '.join(str(r.line) for r in self.related)})")
        for r in self.recognised:
            out.append(f"  {r.kind} (line {r.line}): {_short(r.text)}")
        for c in self.chrome:
            out.append(f"  dropped (line {c.line}): {c.text!r} ({c.message})")
        for c in self.repeats:
            out.append(f"  repeat (line {c.line}): {c.text!r} ({c.message})")
        for c in self.consumed:
            out.append(f"  {c.kind} (line {c.line}): {c.text!r} ({c.message})")
        return out

    def review_lines(self) -> list[str]:
        return [f"{self.source}:{i.line}: review[{i.kind}]: {i.message}"
                for i in sorted(self.review, key=lambda i: (i.line, i.kind))]


def _short(text: str, width: int = 70) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


# ====================================================================== input

# XML 1.0 cannot hold these characters; they are replaced by a space and reported.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean_lines(text: str) -> list[str]:
    """The input's lines: newlines normalised, characters XML cannot hold replaced by a space."""
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [_XML_INVALID.sub(" ", line) for line in text.split("\n")]


@dataclass
class Para:
    """A paragraph of the input: its text (lines joined by a space) and where each line starts."""

    text: str
    lines: list[int]  # input line of each joined segment
    starts: list[int]  # offset of each segment in text

    @property
    def line(self) -> int:
        return self.lines[0]

    def line_at(self, offset: int) -> int:
        line = self.lines[0]
        for start, ln in zip(self.starts, self.lines):
            if start <= offset:
                line = ln
        return line

    def slice(self, start: int, end: int | None = None) -> "Para":
        """The paragraph from ``start`` (keeping line numbers right)."""
        end = len(self.text) if end is None else end
        lines, starts = [], []
        for s, ln in zip(self.starts, self.lines):
            if s < end and (s >= start or not lines):
                lines.append(ln if s >= start else self.line_at(start))
                starts.append(max(s - start, 0))
        if not lines:
            lines, starts = [self.line_at(start)], [0]
        return Para(self.text[start:end], lines, starts)


def paragraphs(lines: list[str]) -> list[Para]:
    """Blocks of non-blank lines, split where a new turn or note starts or where lines are not wrapped prose."""
    out: list[Para] = []
    block: list[tuple[int, str]] = []

    def flush():
        if not block:
            return
        longest = max(len(t) for _, t in block)
        cur: list[tuple[int, str]] = []
        for i, (n, t) in enumerate(block):
            if cur:
                prev = cur[-1][1]
                starts_new = (bool(_NOTE_TEXT.match(t)) or match_turn(t) is not None or bool(_PAGE_NUMBER.match(t))
                              or bool(_PAGE_NUMBER.match(prev)) or citation_like(t) or parse_credits(t) is not None)
                ends = re.sub(r"\[\d{1,3}\]$", "", prev)[-1:] in ".!?:;\"”»)"
                one_per_line = ends and (len(prev) > 100 or len(prev) < 0.75 * longest)
                short_lines = longest < 50
                if starts_new or one_per_line or short_lines:
                    out.append(_join(cur))
                    cur = []
            cur.append((n, t))
        if cur:
            out.append(_join(cur))
        block.clear()

    for n, raw in enumerate(lines, start=1):
        t = " ".join(raw.split())
        if t:
            block.append((n, t))
        else:
            flush()
    flush()
    return out


def _join(cur: list[tuple[int, str]]) -> Para:
    text, lines, starts = "", [], []
    for n, t in cur:
        if text:
            text += " "
        starts.append(len(text))
        lines.append(n)
        text += t
    return Para(text, lines, starts)


# ====================================================================== vocabulary

#: Whole paragraphs of a web page that are its furniture, not the document.
CHROME_LINES = {"skip to content", "skip to main content", "main navigation", "toggle navigation", "menu",
                "search", "back to top", "print", "share", "download", "close", "home"}
#: Labels of the Wilson Center page's "Document Information" box.
INFO_LABELS = {"original uploaded date", "record id", "type", "document type", "language", "languages",
               "original language", "subject", "subjects", "theme", "themes", "keywords", "original archive",
               "source", "funding", "rights", "citation", "record"}
#: Section headings the TEI expresses by structure.
SECTION_HEADINGS = {"document information", "notes", "footnotes", "endnotes", "transcript"}
RELATED_HEADING = "related documents"

_DOC_TYPE = re.compile(
    r"^(?:(?:memorandum|minutes|record|transcript|notes?|summary|report)(?: of(?: the| a)? (?:conversation|talks?|meeting|discussion))?"
    r"|letter|telegram|cable|diary(?: entry)?|speech|directive|resolution|decree|instructions?|memo|protocol"
    r"|meeting minutes|interview|conversation|correspondence|statement|note verbale|aide[- ]m[ée]moire)s?$", re.I)

_MARKING = re.compile(r"^(?:top secret|secret|strictly secret|confidential|strictly confidential|urgent|not for publication"
                      r"|for official use only|copy no\.? ?\d+|copy \d+|ekz\.? ?(?:no\.? ?)?\d+)\.?$", re.I)
_PAGE_NUMBER = re.compile(r"^(?:[-–—]\s*(\d{1,4})\s*[-–—]|(\d{1,4}))$")
_CITATION_LIKE = re.compile(r"\b(?:f|op|d|l|ll|p)\.\s?\d|\b(?:Collection|Fond|Opis|Delo|Inventory|File|Sheets?|Folder|Box|Listy?)\s+\d", re.I)


def citation_like(text: str) -> bool:
    """An archival reference the importer cannot structure exactly ("AVPRF, f. 0128, op. 9, p. 41, d. 7, ll. 3-5.")."""
    return len(text) <= 250 and len(_CITATION_LIKE.findall(text)) >= 2 and match_turn(text) is None


_FUNDER = re.compile(r"^This document was made possible with support from (?P<name>\S.*)$")
_RIGHTS = re.compile(r"copyright|rights status|rights holder|permission|reuse|licen[cs]e|creative commons|all rights reserved", re.I)
_NOTE_TEXT = re.compile(r"^\[(\d{1,3})\]\s*(\S.*)$")
_MARKER_OR_BRACKET = re.compile(r"\[(\d{1,3})\]|\[([^\[\]]*)\]")

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
_DATE_IN_LINE = re.compile(
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
        return _iso(year, month, int(g["day"]) if g.get("day") else None)
    return None


def _iso(year: int, month: int, day: int | None) -> str | None:
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


# ====================================================================== speakers

_INITIALS = re.compile(r"^(?:[^\W\d_]\.){1,3}$")
_TITLES = {"comrade", "comrades", "cde", "cdes", "tov", "mr", "mrs", "ms", "dr", "sir", "herr", "frau", "monsieur",
           "madame", "ambassador", "chairman", "premier", "president", "general", "marshal", "minister", "secretary",
           "prime", "first", "deputy", "foreign", "vice", "chancellor", "senator", "admiral", "colonel", "professor",
           "prof", "the", "comrade.", "gen", "amb", "col", "mister"}
_PARTICLES = {"de", "van", "von", "der", "den", "da", "di", "du", "la", "le", "bin", "al", "el", "ibn", "dos", "y"}
_NOT_NAMES = {
    # header labels of memoranda, not speakers
    "note", "notes", "nb", "present", "participants", "participating", "subject", "topic", "place", "time", "date",
    "location", "source", "sources", "translator", "translators", "interpreter", "interpreters", "recorded",
    "record", "copy", "copies", "attachment", "attachments", "distribution", "also", "top", "secret",
    "confidential", "memorandum", "re", "cc", "from", "to", "agenda", "summary", "annex", "appendix", "enclosure",
    "classification", "drafted", "approved", "sheets", "file", "collection", "inventory", "fond", "opis", "delo",
    "page", "tel", "telegram", "cable", "item", "ps", "p.s", "contributed", "translated", "type", "language",
    "theme", "keywords", "funding", "rights", "citation", "original", "minutes", "transcript", "urgent",
    # words that open sentences, not names
    "in", "on", "at", "a", "an", "as", "for", "of", "and", "but", "if", "when", "then", "this", "that", "it",
    "we", "i", "you", "he", "she", "they", "there", "here", "yes", "no", "so", "now", "well", "however", "thus",
    "therefore", "second", "third", "finally", "moreover", "after", "before", "during", "with", "by", "all",
    "what", "why", "how", "who", "our", "my", "his", "her", "their", "these", "those", "one", "two", "three",
    "ok", "okay", "dear", "please", "thank", "thanks", "question", "answer", "reply", "moscow", "beijing",
    "peking", "washington", "london", "paris", "berlin", "ussr", "usa", "prc", "gdr", "frg", "un", "nato",
    "cpsu", "ccp", "cc", "tass", "pravda",
}
_REPORTING_VERBS = {
    "proposes", "proposed", "suggests", "suggested", "says", "said", "notes", "noted", "states", "stated",
    "declares", "declared", "replies", "replied", "answers", "answered", "asks", "asked", "remarks", "remarked",
    "agrees", "agreed", "accepts", "accepted", "expresses", "expressed", "emphasizes", "emphasized",
    "emphasises", "emphasised", "stresses", "stressed", "informs", "informed", "reports", "reported",
    "explains", "explained", "observes", "observed", "continues", "continued", "adds", "added", "thanks",
    "thanked", "objects", "objected", "responds", "responded", "recalls", "recalled", "points", "pointed",
    "considers", "considered", "believes", "believed", "thinks", "thought", "confirms", "confirmed",
    "raises", "raised", "underlines", "underlined", "announces", "announced", "insists", "insisted",
}
_WORD = re.compile(r"^[^\W\d_][^\W\d_'’\-]*(?:[-'’][^\W\d_]+)*\.?$")
_ANY_MARKER = r"(?:\[\d{1,3}\])?"


def _tokens(label: str) -> list[str]:
    return label.replace("\u00a0", " ").split()


def _name_token_kind(tok: str) -> str | None:
    """initials, caps, cap (capitalised), particle, or None."""
    if _INITIALS.match(tok):
        return "initials"
    # "N.S.Khrushchev": initials run into the name
    m = re.match(r"^((?:[^\W\d_]\.){1,3})([^\W\d_].*)$", tok)
    if m and _name_token_kind(m.group(2)) in ("caps", "cap"):
        return _name_token_kind(m.group(2))
    if tok.lower() in _PARTICLES:
        return "particle"
    if not _WORD.match(tok):
        return None
    letters = [c for c in tok if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return "caps"
    if letters and letters[0].isupper() and any(c.islower() for c in letters):
        return "cap"
    return None


def _name_ok(tokens: list[str], caps_only: bool) -> bool:
    if not 1 <= len(tokens) <= 6:
        return False
    if not caps_only and len(tokens) == 1 and re.fullmatch(r"[^\W\d_]", tokens[0]) and tokens[0].isupper():
        return True  # "Q:", "A:" in an interview
    kinds = [_name_token_kind(t) for t in tokens]
    if any(k is None for k in kinds) or kinds[0] == "particle" or sum(k == "particle" for k in kinds) > 2:
        return False
    words = [t.rstrip(".").lower() for t, k in zip(tokens, kinds) if k in ("caps", "cap")]
    if not words or any(w in _NOT_NAMES for w in words):
        return False
    if caps_only and any(k == "cap" for k in kinds):
        return False
    return True


_COLON_TURN = re.compile(r"^(?P<label>[^:\[\]]{1,60}?)\s*(?P<marker>\[\d{1,3}\])?\s*(?P<punct>:)(?:\s+(?P<rest>\S.*))?$")
_STOP_TURN = re.compile(r"^(?P<label>(?:(?:[^\W\d_]\.){1,3}\s?)*[^\W\d_a-z][^\W\d_a-z'’\-]+(?:\s+[^\W\d_a-z][^\W\d_a-z'’\-]+){0,4})"
                        r"(?P<marker>\[\d{1,3}\])?(?P<punct>\.)\s+(?P<rest>\S.*)$")
_RUNIN_TURN = re.compile(r"^(?P<label>(?:(?:[^\W\d_]\.){1,3}\s?)*[^\W\d_a-z][^\W\d_a-z'’\-]+(?:\s+[^\W\d_a-z][^\W\d_a-z'’\-]+){0,4})"
                         r"(?P<marker>\[\d{1,3}\])?\s+(?P<rest>(?P<verb>[^\W\d_A-Z]+)\b.*)$")


@dataclass
class Turn:
    label: str  # the name as printed, without punctuation
    speaker: str  # the label as printed, with its punctuation
    marker: str | None
    rest: str  # the speech
    rest_offset: int
    form: str  # "colon", "stop" (MAO ZEDONG. ...), "run-in" (MAO ZEDONG proposes ...), "alone" (label only)


def match_turn(text: str, known: set[frozenset] | None = None) -> Turn | None:
    """The speaker turn that opens ``text``, if one does."""
    m = _COLON_TURN.match(text)
    if m and not re.search(r"\d", m.group("label")):
        label = m.group("label").strip()
        if _name_ok(_tokens(label), caps_only=False):
            rest = m.group("rest") or ""
            return Turn(label, text[: m.end("punct")].replace(m.group("marker") or "\x00", ""), m.group("marker"),
                        rest, m.start("rest") if rest else len(text), "colon" if rest else "alone")
    m = _STOP_TURN.match(text)
    if m and _name_ok(_tokens(m.group("label")), caps_only=True):
        label = m.group("label")
        # "N.S." at the end of the label is initials, not the full stop
        return Turn(label, label + ".", m.group("marker"), m.group("rest"), m.start("rest"), "stop")
    m = _RUNIN_TURN.match(text)
    if m and _name_ok(_tokens(m.group("label")), caps_only=True) and m.group("verb").islower():
        label = m.group("label")
        toks = _tokens(label)
        strong = len(toks) >= 2 or m.group("verb") in _REPORTING_VERBS or (known is not None and person_key(label)[0] in known)
        if strong:
            return Turn(label, label, m.group("marker"), m.group("rest"), m.start("rest"), "run-in")
    return None


def _fold(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)).lower()


def person_key(label: str) -> tuple[frozenset, str]:
    """(name words, initials) of a label, titles dropped: "KHRUSHCHEV N.S." -> ({"khrushchev"}, "ns")."""
    words, initials = [], ""
    for tok in _tokens(label):
        m = re.match(r"^((?:[^\W\d_]\.){1,3})(.*)$", tok)
        if m:
            initials += "".join(c for c in m.group(1) if c.isalpha()).lower()
            tok = m.group(2)
            if not tok:
                continue
        w = _fold(tok.strip(".’'"))
        if w:
            words.append(w)
    named = [w for w in words if w not in _TITLES]
    return frozenset(named or words), initials


def _compatible(a: tuple[frozenset, str], b: tuple[frozenset, str]) -> bool:
    (wa, ia), (wb, ib) = a, b
    if not (wa <= wb or wb <= wa):
        return False
    return not ia or not ib or ia.startswith(ib) or ib.startswith(ia)


@dataclass
class Person:
    key: tuple[frozenset, str]
    labels: list[str] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    sps: list = field(default_factory=list)
    id: str = ""
    name: str = ""


# ====================================================================== citations and credits (mirrors of the stylesheets)

_LEVEL_LABEL = {"fond": "Collection", "opis": "Inventory", "delo": "File"}
_LEVEL_ABBR = {"fond": "f.", "opis": "op.", "delo": "d.", "sheets": "l."}
_FORMS = {"typescript", "manuscript", "original", "print", "photocopy", "carbon copy", "handwritten", "copy"}


@dataclass
class Citation:
    repository: str
    idnos: list[tuple[str, str]]
    sheets: str | None = None
    form: str | None = None
    provenance: list[str] = field(default_factory=list)


def _dot(s: str) -> str:
    return s if re.search(r"[.!?]$", s) else s + "."


def source_line(c: Citation) -> str:
    """As common.xsl's e:source-line prints it: "RGANI. Collection 52. Inventory 1. File 498. Sheets 43. Typescript. ..."."""
    parts = [c.repository] + [f"{_LEVEL_LABEL[t]} {v}" if t in _LEVEL_LABEL else v for t, v in c.idnos]
    if c.sheets:
        parts.append(f"Sheets {c.sheets}")
    if c.form:
        parts.append(c.form[:1].upper() + c.form[1:])
    parts += c.provenance
    return " ".join(_dot(p) for p in parts if p)


def archival_citation(c: Citation) -> str:
    """As common.xsl's e:archival-citation prints it: "RGANI, f. 52, op. 1, d. 498, l. 43."."""
    parts = [c.repository] + [f"{_LEVEL_ABBR[t]} {v}" if t in _LEVEL_ABBR else v for t, v in c.idnos]
    if c.sheets:
        parts.append(f"l. {c.sheets}")
    return ", ".join(p for p in parts if p) + "."


_V = r"[\w\-/–]+"
_LONG_CITATION = re.compile(rf"^(?P<repo>[^.,\[\]]{{2,80}}?)\. Collection (?P<fond>{_V})\. Inventory (?P<opis>{_V})\. File (?P<delo>{_V})\."
                            rf"(?: Sheets (?P<sheets>[\w\-–]+(?:, ?[\w\-–]+)*)\.)?(?P<rest>(?: [^\[\]]*)?)$")
_SHORT_CITATION = re.compile(rf"^(?P<repo>[^.,\[\]]{{2,80}}?), f\. (?P<fond>{_V}), op\. (?P<opis>{_V}), d\. (?P<delo>{_V})"
                             rf"(?:, l\. (?P<sheets>[\w\-–]+(?:, ?[\w\-–]+)*))?\.(?: (?P<rest>.*))?$")


def parse_citation(text: str) -> tuple[Citation, str, str] | None:
    """(citation, form printed: "long" or "short", what follows a short citation) if ``text`` opens with one."""
    m = _LONG_CITATION.match(text)
    if m:
        c = Citation(m.group("repo"), [("fond", m.group("fond")), ("opis", m.group("opis")), ("delo", m.group("delo"))],
                     m.group("sheets"))
        rest = m.group("rest").strip()
        # sentences; "N.S." inside "N.S. Khrushchev’ Copy." is initials, not the end of one
        merged: list[str] = []
        cur: list[str] = []
        for tok in rest.split():
            cur.append(tok)
            if re.search(r"[.!?]$", tok) and not _INITIALS.match(tok):
                merged.append(" ".join(cur))
                cur = []
        if cur:
            merged.append(" ".join(cur))
        if merged and merged[0].rstrip(".").lower() in _FORMS:
            c.form = merged.pop(0).rstrip(".").lower()
        c.provenance = merged
        if source_line(c) == text:
            return c, "long", ""
        return None
    m = _SHORT_CITATION.match(text)
    if m:
        c = Citation(m.group("repo"), [("fond", m.group("fond")), ("opis", m.group("opis")), ("delo", m.group("delo"))],
                     m.group("sheets"))
        printed = text[: len(text) - len(m.group("rest") or "")].rstrip()
        if archival_citation(c) == printed:
            return c, "short", (m.group("rest") or "").strip()
    return None


_CREDIT = re.compile(
    r"^(?P<r1>Contributed by|Obtained by|Translated by|Obtained and contributed by|Obtained and translated by|Edited by)"
    r" (?P<n1>.+?)(?: and (?P<r2>translated by|contributed by|edited by) (?P<n2>.+?))?(?P<dot>\.)?$")
_RESP_KEY = {"contributed": "ctb", "obtained": "ctb", "translated": "trl", "edited": "edt"}


def names_line(names: list[str]) -> str:
    """As common.xsl's e:names joins names: "A and B", "A, B, and C"."""
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + ", and " + names[-1]


def _split_names(s: str) -> list[str] | None:
    parts = [p.strip() for p in re.split(r",\s*(?:and\s+)?|\s+and\s+", s)]
    if not all(parts) or names_line(parts) != s:
        return None
    return parts


def parse_credits(text: str) -> tuple[list[tuple[str, str, list[str]]], list[str]] | None:
    """([(resp as printed, key, names)], connecting words consumed) if ``text`` is a credit line."""
    m = _CREDIT.match(text)
    if not m:
        return None
    out, consumed = [], []
    for r, n in (("r1", "n1"), ("r2", "n2")):
        if not m.group(r):
            continue
        names = _split_names(m.group(n))
        if names is None or any(_name_token_kind(t) is None and not re.match(r"^[\w.’'\-]+$", t) for nm in names for t in nm.split()):
            return None
        resp = m.group(r)[:1].upper() + m.group(r)[1:]
        out.append((resp, _RESP_KEY[resp.split()[0].lower()] if resp.split()[0].lower() in _RESP_KEY else
                    _RESP_KEY[resp.split()[-2].lower()], names))
    if m.group("r2"):
        consumed.append("and")
    if m.group("dot"):
        consumed.append(".")
    return out, consumed


def credit_line(resp: str, names: list[str]) -> str:
    """As text.xsl prints a respStmt."""
    return f"{resp} {names_line(names)}"


FUNDER_LABEL = "This document was made possible with support from"


# ====================================================================== building

def _el(parent, name: str, text: str | None = None, **attrs) -> etree._Element:
    el = etree.SubElement(parent, T + name)
    for k, v in attrs.items():
        el.set(XML_ID if k == "xml_id" else k, v)
    if text is not None:
        el.text = text
    return el


def _append_text(parent: etree._Element, text: str) -> None:
    if not text:
        return
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def slug(text: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", _fold(text)).strip("-")
    return s


_STOP = {"of", "with", "the", "and", "between", "at", "in", "a", "an", "on", "to", "for", "by", "from"}


def default_id(title: str | None, iso: str | None, speakers: list[str]) -> str:
    words = []
    if title:
        t = title
        for m in _DATE_IN_LINE.finditer(title):
            t = t.replace(m.group(0), " ")
        words = [w for w in slug(t).split("-") if w and w not in _STOP and len(w) > 1 and not w.isdigit()][:6]
    if not words:
        words = speakers[:3]
    base = "-".join(words + ([iso] if iso else [])) or "imported-document"
    if not re.match(r"[a-z_]", base):
        base = "doc-" + base
    if id_problem(base) is not None:  # a name not every file system takes (CON, LPT1, index, too long)
        base = ("doc-" + base)[:MAX_ID_BYTES - 8].rstrip("-.")  # room for unique_id's "-2"
    return base


_NCNAME = re.compile(r"^[A-Za-z_][\w.\-]*$", re.A)


def valid_id(value: str) -> bool:
    return bool(_NCNAME.match(value))


class Builder:
    """Builds the TEI tree while it reads the paragraphs; keeps the report."""

    def __init__(self, report: Report):
        self.report = report
        self.markers: list[tuple[etree._Element, int, int]] = []  # (note placeholder, printed number, line)
        self.ids: set[str] = set()

    def unique_id(self, base: str) -> str:
        base = base if valid_id(base) else ("id-" + slug(base) if slug(base) else "id")
        candidate, i = base, 2
        while candidate in self.ids:
            candidate = f"{base}-{i}"
            i += 1
        self.ids.add(candidate)
        return candidate

    def inline(self, parent: etree._Element, para: Para, start: int = 0, end: int | None = None,
               notes: bool = True, where: str = "the transcript", date: tuple[int, int, str] | None = None,
               brackets: bool = True) -> None:
        """Append ``para.text[start:end]`` to ``parent``: note markers become notes, brackets supplied text."""
        text = para.text
        end = len(text) if end is None else end
        pos = start
        spans = []
        for m in _MARKER_OR_BRACKET.finditer(text, start, end):
            spans.append(m)
        if date and not any(m.start() < date[1] and m.end() > date[0] for m in spans):
            spans.append(date)
            spans.sort(key=lambda s: s.start() if hasattr(s, "start") else s[0])
        for s in spans:
            if isinstance(s, tuple):
                s0, s1, when = s
                _append_text(parent, text[pos:s0])
                _el(parent, "date", text[s0:s1], when=when)
                pos = s1
                continue
            _append_text(parent, text[pos:s.start()])
            pos = s.end()
            line = para.line_at(s.start())
            if s.group(1) is not None:
                number = int(s.group(1))
                if notes:
                    note = _el(parent, "note", type="editorial")
                    self.markers.append((note, number, line))
                else:
                    _append_text(parent, s.group(0))
                    self.report.flag(line, "marker-outside", s.group(0),
                                     f"note marker {s.group(0)} in {where}, where notes cannot stand: kept as text")
            elif brackets and s.group(2).strip() and s.group(2).strip().lower() != "email protected":
                _el(parent, "supplied", s.group(2))
                self.report.flag(line, "bracket", s.group(0),
                                 f"editorial brackets {_short(s.group(0), 50)!r} encoded as <supplied>: check whether "
                                 f"they are the translator's addition, an original-language word, or something else")
            else:
                _append_text(parent, s.group(0))
        _append_text(parent, text[pos:end])


# ====================================================================== the import

@dataclass
class Imported:
    tree: etree._ElementTree
    doc_id: str
    report: Report

    def serialize(self) -> bytes:
        return serialize(self.tree)


#: Bytes no text transcript holds: NUL and the C0 controls other than tab, line feed, form feed
#: and carriage return (and DEL). A file with them is an image, a PDF, a word-processor file...
_BINARY = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def not_text(data: bytes) -> str | None:
    """Why ``data`` is not a plain-text transcript (a binary file), or None. A stray control
    character is let through (OCR output has them); a NUL, or more than one in a hundred bytes
    of control characters, is not text."""
    if data.startswith(_UTF16_BOMS):  # UTF-16 text (Windows "Unicode"): NUL bytes are part of its characters
        return None
    found = _BINARY.search(data)
    if found is None:
        return None
    count = len(_BINARY.findall(data))
    if b"\x00" in data or count * 100 > len(data):
        return (f"this is not a plain-text transcript: {count} of its {len(data)} bytes are binary (NUL or control "
                f"characters), the first at byte {found.start()}; give the transcript as a text file (for a PDF or a "
                f"word-processor file, save or export it as plain text first)")
    return None


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def decode(data: bytes) -> tuple[str, str]:
    """The input's text and the encoding it was read in: UTF-16 when it starts with its byte-order
    mark, else UTF-8, else Windows-1252, else Latin-1."""
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes any bytes")


def import_text(text: str, *, source: str = "<input>", doc_id: str | None = None, encoding: str = "utf-8") -> Imported:
    """A TEI draft of the transcript ``text``, and what the import recognised and could not."""
    report = Report(source=source)
    if encoding not in ("utf-8", "utf-8-sig"):
        report.flag(1, "encoding", encoding, f"the file is not UTF-8: read as {encoding}; check accented letters and quotes")
    lines = clean_lines(text)
    for n, (raw_orig, clean) in enumerate(zip(text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").split("\n"), lines), start=1):
        for m in _XML_INVALID.finditer(raw_orig):
            report.flag(n, "invalid-char", f"U+{ord(m.group(0)):04X}",
                        f"character U+{ord(m.group(0)):04X} cannot be written in XML: replaced by a space")
    paras = paragraphs(lines)
    if not paras:
        raise ImportProblem("the input holds no text: nothing to import")
    b = Builder(report)
    if doc_id is not None:
        b.ids.add(doc_id)  # the document's id comes first: persons and notes take others
    reader = Reader(paras, b, report)
    reader.read()
    tree = _build(b, reader, doc_id)
    report.doc_id = tree.getroot().get(XML_ID)
    return Imported(tree, report.doc_id, report)


class Reader:
    """Reads the paragraphs in order, region by region: header, transcript, after it, related, information."""

    def __init__(self, paras: list[Para], b: Builder, report: Report):
        self.paras = paras
        self.b = b
        self.r = report
        low = [p.text.lower().rstrip(":") for p in paras]
        self.wilson = any(t in ("skip to content", RELATED_HEADING, "document information") for t in low) or any(
            _FUNDER.match(p.text) for p in paras)
        report.layout = "wilson" if self.wilson else "plain"
        # collected parts
        self.title: tuple[Para, ...] | None = None
        self.date: tuple[Para, str | None] | None = None
        self.funders: list[Para] = []
        self.citation: Citation | None = None
        self.citation_forms: set[str] = set()
        self.credits: list[tuple[str, str, list[str]]] = []
        self.rights: list[Para] = []
        self.summary: list[Para] = []
        self.doc_types: list[Para] = []
        self.related: list[list] = []  # [date para or None, iso, title para, summary paras]
        self.transcript: list[Para] = []
        self.note_texts: dict[int, tuple[Para, int]] = {}
        self.unclassified: list[tuple[str, Para]] = []  # (region, para)
        self.info: list[Para] = []  # document information kept as paragraphs
        # speaker labels seen in strong forms, so that a single caps word running into speech counts too
        self.known: set[frozenset] = set()
        for p in paras:
            t = match_turn(p.text)
            if t and t.form != "run-in":
                self.known.add(person_key(t.label)[0])

    # ------------------------------------------------------------ regions

    def read(self) -> None:
        paras = self.paras
        i = 0
        n = len(paras)
        # chrome at the top
        while i < n and self._chrome(paras[i]):
            i += 1
        i = self._header(i)
        end = self._transcript_end(i)
        self.transcript = [p for p in paras[i:end] if not self._chrome(p)]
        i = end
        i = self._after(i)
        while i < n:
            low = paras[i].text.lower().rstrip(":")
            if low == RELATED_HEADING:
                i = self._related(i)
            elif low == "document information":
                self.r.chrome.append(Item(paras[i].line, "chrome", paras[i].text, "section heading"))
                i = self._info(i + 1)
            else:
                i = self._info(i)

    def _chrome(self, p: Para) -> bool:
        low = p.text.lower()
        if low in CHROME_LINES and (self.wilson or low.startswith("skip to")):
            self.r.chrome.append(Item(p.line, "chrome", p.text, "page chrome"))
            return True
        return False

    def _header(self, i: int) -> int:
        """Date, title, funder (Wilson), or a plain transcript's title and date lines before the first turn."""
        paras = self.paras
        limit = min(len(paras), i + 6)
        funder_at = next((j for j in range(i, limit) if _FUNDER.match(paras[j].text)), None)
        stop = funder_at if funder_at is not None else i
        if funder_at is None:
            j = i
            while j < min(len(paras), i + 6):
                t = paras[j].text
                if _MARKING.match(t):
                    self.unclassified.append(("marking", paras[j]))
                    j += 1
                    continue
                if (match_turn(t, self.known) or len(t) > 200 or _NOTE_TEXT.match(t) or self._is_dateline(t)
                        and parse_date(t) is None or t.lower().rstrip(":") in (RELATED_HEADING, "document information")
                        or parse_citation(t) or citation_like(t) or parse_credits(t)):
                    break
                if parse_date(t) is None and self.title is not None:
                    break
                if parse_date(t) is None:
                    self.title = (paras[j],)
                elif self.date is None:
                    self.date = (paras[j], parse_date(t))
                else:
                    break
                j += 1
            self._date_from_title()
            return j
        for j in range(i, stop):
            p = paras[j]
            iso = parse_date(p.text)
            if self._chrome(p):
                continue
            if self.date is None and (iso or looks_like_date(p.text)) and self.title is None:
                self.date = (p, iso)
            elif self.title is None:
                self.title = (p,)
            else:
                self.unclassified.append(("header", p))
        self.funders.append(paras[stop])
        self._date_from_title()
        return stop + 1

    def _date_from_title(self) -> None:
        """A title that prints a full date ("..., 8 November 1956") dates the document when no date line does."""
        if self.date is not None or self.title is None:
            return
        t = self.title[0].text
        for m in _DATE_IN_LINE.finditer(t):
            if (m.group("year") or m.group("year2")) and (iso := parse_date(m.group(0))):
                self.date = (self.title[0].slice(m.start(), m.end()), iso)
                self.date_from_title = True
                return

    def _is_dateline(self, t: str) -> bool:
        if len(t) > 120 or match_turn(t, self.known):
            return False
        m = _DATE_IN_LINE.search(t)
        if not m or MONTHS.get((m.group("month") or m.group("month2") or "").lower()) is None:
            return False
        # "July 31, at the airport", "Harbin, March 3", "New York, 5 May 1960"
        return m.start() == 0 or bool(re.fullmatch(r"(?:[A-Z][\w'’.-]*\s?){1,3},\s", t[: m.start()]))

    def _transcript_end(self, i: int) -> int:
        """Where the transcript stops: a section heading, the notes section, or a citation no turn follows."""
        paras = self.paras
        n = len(paras)
        sections = (RELATED_HEADING, "document information")
        # from the end backwards (linear): is a turn still to come; how many plain paragraphs until the next heading
        turn_after = [False] * (n + 1)
        others_to_heading = [0] * (n + 1)
        for k in range(n - 1, -1, -1):
            t = paras[k].text
            turn_after[k] = turn_after[k + 1] or match_turn(t, self.known) is not None
            if t.lower().rstrip(":") in sections:
                others_to_heading[k] = 0
            else:
                other = not (_NOTE_TEXT.match(t) or _RIGHTS.search(t) or parse_credits(t) or parse_citation(t)
                             or citation_like(t) or t.lower() in CHROME_LINES)
                others_to_heading[k] = others_to_heading[k + 1] + other
        for j in range(i, n):
            t = paras[j].text
            low = t.lower().rstrip(":")
            if low in sections:
                return j
            if low in ("notes", "footnotes", "endnotes") and all(_NOTE_TEXT.match(p.text) for p in paras[j + 1: j + 2]):
                return j
            if (parse_citation(t) or citation_like(t)) and not turn_after[j + 1]:
                return j
            # the notes section: only notes (and, in a Wilson page, one summary) until a heading or the end
            if _NOTE_TEXT.match(t) and others_to_heading[j] <= (1 if self.wilson else 0):
                return j
        return n

    def _after(self, i: int) -> int:
        """After the transcript: citation, notes, summary, credits, rights (until a section heading)."""
        paras = self.paras
        n = len(paras)
        while i < n:
            p = paras[i]
            low = p.text.lower().rstrip(":")
            if low in (RELATED_HEADING, "document information"):
                return i
            if not self._metadata(p, "after"):
                m = _NOTE_TEXT.match(p.text)
                if low in ("notes", "footnotes", "endnotes"):
                    self.r.chrome.append(Item(p.line, "chrome", p.text, "section heading"))
                elif m:
                    number = int(m.group(1))
                    if number in self.note_texts:
                        self.r.flag(p.line, "note-duplicate", m.group(0)[:20],
                                    f"a second note [{number}] (the first is on line {self.note_texts[number][0].line}): kept as a paragraph")
                        self.unclassified.append(("after", p))
                    else:
                        self.note_texts[number] = (p, m.start(2))
                elif self.wilson:
                    self.summary.append(p)
                else:
                    self.unclassified.append(("after", p))
            i += 1
        return i

    def _metadata(self, p: Para, region: str) -> bool:
        """Citation, credits, rights, funder, document type: True if ``p`` was one of them."""
        if self._chrome(p):
            return True
        cit = parse_citation(p.text)
        if cit:
            c, form, rest = cit
            if form in self.citation_forms:
                self.unclassified.append((region, p))
                self.r.flag(p.line, "citation-conflict", p.text,
                            "a second archival citation printed the same way: kept as a paragraph")
                return True
            self.citation_forms.add(form)
            if self.citation is None:
                self.citation = c
            elif (archival_citation(self.citation) if form == "short" else source_line(self.citation)) != (
                    archival_citation(c) if form == "short" else source_line(c)):
                if rest or form == "long":
                    self.unclassified.append((region, p))
                    self.r.flag(p.line, "citation-conflict", p.text,
                                "a second archival citation that differs from the first: kept as a paragraph")
                    return True
                self.unclassified.append((region, p))
                self.r.flag(p.line, "citation-conflict", p.text,
                            "a second archival citation that differs from the first: kept as a paragraph")
                return True
            self.r.citation.append(Item(p.line, "citation", p.text[: len(p.text) - len(rest)].strip(), form))
            if rest:
                cred = parse_credits(rest)
                if cred:
                    self._credits(p, rest, cred)
                else:
                    self.unclassified.append((region, p.slice(len(p.text) - len(rest))))
                    self.r.flag(p.line, "unclassified", rest, "text after the archival citation not understood: kept as a paragraph")
            return True
        cred = parse_credits(p.text)
        if cred:
            self._credits(p, p.text, cred)
            return True
        if citation_like(p.text):
            self.unclassified.append((region, p))
            self.r.flag(p.line, "citation-unparsed", p.text,
                        "archival reference not in a form the edition prints back exactly "
                        "(\"REPO. Collection N. Inventory N. File N. Sheets N.\" or \"REPO, f. N, op. N, d. N, l. N.\"): "
                        "kept as a paragraph; encode it as <msDesc> by hand")
            return True
        if region != "transcript" and _RIGHTS.search(p.text):
            self.rights.append(p)
            self.r.recognised.append(Item(p.line, "rights", p.text))
            return True
        m = _FUNDER.match(p.text)
        if m:
            self.funders.append(p)
            return True
        if self.funders and p.text in [_FUNDER.match(f.text).group("name") for f in self.funders if _FUNDER.match(f.text)]:
            self.r.repeats.append(Item(p.line, "repeat", p.text, "the funder, already named"))
            return True
        if _DOC_TYPE.match(p.text) and region == "info":
            self.doc_types.append(p)
            self.r.recognised.append(Item(p.line, "document type", p.text))
            return True
        return False

    def _credits(self, p: Para, text: str, cred) -> None:
        entries, consumed = cred
        self.credits += entries
        for resp, key, names in entries:
            self.r.recognised.append(Item(p.line, "credits", credit_line(resp, names), key))
        for c in consumed:
            self.r.consumed.append(Item(p.line, "connector", c, "joins two credits, which the edition prints apart"))

    def _related(self, i: int) -> int:
        paras = self.paras
        head = paras[i]
        if getattr(self, "related_head", None) is None:
            self.related_head = head
        else:
            self.r.chrome.append(Item(head.line, "chrome", head.text, "section heading repeated"))
        i += 1
        cur = None
        while i < len(paras):
            p = paras[i]
            low = p.text.lower().rstrip(":")
            if low in (RELATED_HEADING, "document information"):
                break
            iso = parse_date(p.text)
            if iso or (looks_like_date(p.text) and (cur is None or cur[2] is not None and cur[3])):
                cur = [p, iso, None, []]
                self.related.append(cur)
                self.r.related.append(Item(p.line, "related", p.text))
                if not iso:
                    self.r.flag(p.line, "date-unparsed", p.text,
                                f"related document's date {p.text!r} not understood: kept as text in the <bibl>")
            elif cur is not None and cur[2] is None:
                cur[2] = p
                self.r.related[-1].message = p.text
            elif cur is not None:
                cur[3].append(p)
            else:
                self.unclassified.append(("related", p))
                self.r.flag(p.line, "unclassified", p.text, "paragraph under Related Documents before any date: kept as a paragraph")
            i += 1
        return i

    def _info(self, i: int) -> int:
        paras = self.paras
        while i < len(paras):
            p = paras[i]
            low = p.text.lower().rstrip(":")
            if low in (RELATED_HEADING, "document information"):
                return i
            if low in INFO_LABELS:
                nxt = paras[i + 1] if i + 1 < len(paras) else None
                value_ok = nxt is not None and self._label_value(low, nxt.text)
                if not value_ok:
                    self.r.chrome.append(Item(p.line, "chrome", p.text, "empty label"))
                    i += 1
                    continue
                if low in ("type", "document type"):
                    self.r.chrome.append(Item(p.line, "chrome", p.text, "label of the document type"))
                    self.doc_types.append(nxt)
                    self.r.recognised.append(Item(nxt.line, "document type", nxt.text))
                else:
                    self.info += [p, nxt]
                    self.r.recognised.append(Item(p.line, "information", f"{p.text}: {nxt.text}"))
                i += 2
                continue
            if not self._metadata(p, "info"):
                self.info.append(p)
                self.r.flag(p.line, "unclassified", p.text, "not understood: kept as a paragraph of document information")
            i += 1
        return i

    def _label_value(self, label: str, value: str) -> bool:
        vlow = value.lower().rstrip(":")
        if vlow in INFO_LABELS or vlow in (RELATED_HEADING, "document information"):
            return False
        if label == "original uploaded date":
            return parse_date(value) is not None or bool(re.match(r"^\d{4}-\d{2}-\d{2}", value))
        if label in ("record id", "record"):
            return bool(re.match(r"^[\w\-/]{1,20}$", value))
        if label in ("type", "document type"):
            return len(value) <= 60
        return len(value) <= 200 and not _RIGHTS.search(value)


# ====================================================================== assembling the tree

def _build(b: Builder, rd: Reader, doc_id: str | None) -> etree._ElementTree:
    """The TEI tree of what the reader found, in the order and with the conventions of tei/*.xml."""
    r = b.report
    root = etree.Element(T + "TEI", nsmap={None: TEI_NS})
    header = _el(root, "teiHeader")
    file_desc = _el(header, "fileDesc")
    title_stmt = _el(file_desc, "titleStmt")

    # ---- title
    title = _el(title_stmt, "title")
    if rd.title:
        p = rd.title[0]
        b.inline(title, p, notes=False, where="the title")
        r.title = Item(p.line, "title", p.text)
    else:
        title.text = "Untitled transcript"
        title.set("type", "supplied")
        r.flag(1, "no-title", "", "no title found: the draft says \"Untitled transcript\"; write the document's title")

    # ---- speakers (before the id, which may use them)
    body_div = _transcript(b, rd)

    # ---- funders
    for p in rd.funders:
        m = _FUNDER.match(p.text)
        funder = _el(title_stmt, "funder")
        b.inline(funder, p, m.start("name"), notes=False, where="the funder line", brackets=False)
        r.recognised.append(Item(p.line, "funder", m.group("name")))
    # ---- credits
    for resp, key, names in rd.credits:
        rs = _el(title_stmt, "respStmt")
        _el(rs, "resp", resp, key=key)
        for name in names:
            _el(rs, "persName", name)

    # ---- publication
    pub = _el(file_desc, "publicationStmt")
    if rd.wilson:
        _el(pub, "publisher", "Wilson Center Digital Archive")
        _el(pub, "authority", "History and Public Policy Program")
    else:
        _el(pub, "authority", "Unpublished draft")
        r.flag(1, "publication", "", "plain transcript: the publication statement says \"Unpublished draft\"; name the publisher")
    if rd.rights:
        lic = _el(_el(pub, "availability"), "licence")
        for p in rd.rights:
            b.inline(_el(lic, "p"), p, notes=False, where="the rights statement", brackets=False)

    # ---- source
    source_desc = _el(file_desc, "sourceDesc")
    if rd.citation:
        c = rd.citation
        ms = _el(source_desc, "msDesc")
        ident = _el(ms, "msIdentifier")
        _el(ident, "repository", c.repository)
        for t, v in c.idnos:
            _el(ident, "idno", v, type=t)
        if c.sheets:
            locus = _el(_el(_el(ms, "msContents"), "msItem"), "locus", c.sheets)
            m = re.fullmatch(r"(\w+)(?:\s*[-–]\s*(\w+))?", c.sheets)
            if m:
                locus.set("from", m.group(1))
                locus.set("to", m.group(2) or m.group(1))
        if c.form:
            _el(_el(ms, "physDesc"), "objectDesc", form=slug(c.form) or "unknown")
        if c.provenance:
            history = _el(ms, "history")
            for prov in c.provenance:
                el = _el(history, "provenance")
                if re.search(r"\bcopy\.?$", prov, re.I):
                    el.set("type", "copy")
                    _provenance_names(b, rd, el, prov)
                else:
                    el.text = prov
    else:
        _el(source_desc, "p", f"Transcript imported from the plain text {r.source}.")
        r.flag(1, "no-citation", "", "no archival citation recognised: describe the source (msDesc) by hand")

    # ---- profile
    profile = _el(header, "profileDesc")
    if rd.summary:
        abstract = _el(profile, "abstract")
        for p in rd.summary:
            b.inline(_el(abstract, "p"), p, notes=False, where="the summary")
            r.recognised.append(Item(p.line, "summary", p.text))
        if len(rd.summary) > 1:
            r.flag(rd.summary[0].line, "summary", rd.summary[0].text,
                   f"{len(rd.summary)} paragraphs between the notes and the next section taken as the summary: check")
    iso = None
    if rd.date:
        p, iso = rd.date
        creation = _el(profile, "creation")
        if iso:
            _el(creation, "date", p.text, when=iso)
            r.date = Item(p.line, "date", p.text, iso)
            if getattr(rd, "date_from_title", False):
                r.flag(p.line, "date-from-title", p.text, f"no date line: the document is dated {iso} from its title; check")
        elif (years := re.findall(r"\b(1[0-9]\d\d|20\d\d)\b", p.text)) and "[" not in p.text:
            _el(creation, "date", p.text, notBefore=min(years), notAfter=max(years), cert="low")
            r.date = Item(p.line, "date", p.text, f"{min(years)}/{max(years)}")
            r.flag(p.line, "date-unparsed", p.text, f"date {p.text!r} not understood: encoded as the year{'s' if len(set(years)) > 1 else ''} "
                   f"it names (notBefore/notAfter, cert=\"low\"); give the exact date if it is known")
        else:
            b.inline(creation, p, notes=False, where="the date")
            r.date = Item(p.line, "date", p.text, "")
            r.flag(p.line, "date-unparsed", p.text, f"date {p.text!r} not understood: kept as text in <creation> (which the "
                   f"edition does not print); add a <date when=\"YYYY-MM-DD\">")
    if not rd.doc_types and rd.title and _DOC_TYPE.match(rd.title[0].text):
        rd.doc_types.append(rd.title[0])
        r.recognised.append(Item(rd.title[0].line, "document type", rd.title[0].text, "the title names it"))
    if rd.doc_types:
        kw = _el(_el(profile, "textClass"), "keywords")
        for p in rd.doc_types:
            b.inline(_el(kw, "term", type="documentType"), p, notes=False, where="the document type")
    persons = rd.persons
    if persons:
        lp = _el(_el(profile, "particDesc"), "listPerson")
        for person in persons:
            el = _el(lp, "person", xml_id=person.id)
            _el(el, "persName", person.name)

    # ---- text
    text_el = _el(root, "text")
    body = _el(text_el, "body")
    body.append(body_div)
    back_items = []
    if rd.related:
        lb = etree.Element(T + "listBibl", type="related")
        _el(lb, "head", rd.related_head.text)  # the first heading; later ones are listed as repeated
        for date_p, d_iso, title_p, summary in rd.related:
            bibl = _el(lb, "bibl")
            if d_iso:
                _el(bibl, "date", date_p.text, when=d_iso)
            else:
                b.inline(bibl, date_p, notes=False, where="a related document's date")
                _append_text(bibl, " ")
            if title_p is not None:
                b.inline(_el(bibl, "title"), title_p, notes=False, where="a related document's title")
            if summary:
                note = _el(bibl, "note", type="summary")
                if len(summary) == 1:
                    b.inline(note, summary[0], notes=False, where="a related document's summary")
                else:
                    for sp in summary:
                        b.inline(_el(note, "p"), sp, notes=False, where="a related document's summary")
        back_items.append(lb)
    elif getattr(rd, "related_head", None) is not None:
        r.chrome.append(Item(rd.related_head.line, "chrome", rd.related_head.text, "empty section heading"))
    leftovers = [p for region, p in rd.unclassified if region not in ("header", "marking")]
    for p in leftovers:
        if not any(i.line == p.line and i.kind in ("unclassified", "citation-conflict", "note-duplicate", "citation-unparsed")
                   for i in r.review):
            r.flag(p.line, "unclassified", p.text, "not understood: kept as a paragraph at the end of the text")
    if leftovers:
        div = etree.Element(T + "div", type="unclassified")
        for p in leftovers:
            b.inline(_el(div, "p"), p, notes=False, where="an unclassified paragraph", brackets=False)
        back_items.append(div)
    if rd.info:
        div = etree.Element(T + "div", type="documentInformation")
        for p in rd.info:
            b.inline(_el(div, "p"), p, notes=False, where="the document information", brackets=False)
        back_items.append(div)
    if back_items:
        back = _el(text_el, "back")
        for item in back_items:
            back.append(item)

    _link_notes(b, rd, body_div)

    # ---- identity and language
    if doc_id is None:
        doc_id = b.unique_id(default_id(rd.title[0].text if rd.title else None, iso, [p.id for p in persons]))
    root.set(XML_ID, doc_id)
    lang = _language(" ".join(p.text for p in rd.paras))
    if lang:
        root.set(XML_LANG, lang)
    _indent(root)
    root.addprevious(etree.ProcessingInstruction("xml-model", XML_MODEL))
    return root.getroottree()





def _provenance_names(b: Builder, rd: Reader, el: etree._Element, prov: str) -> None:
    """ "N.S. Khrushchev’ Copy." -> <persName ref="#khrushchev">N.S. Khrushchev</persName>’ Copy. when the name is a speaker."""
    m = re.match(r"^(?P<name>.+?)(?P<rest>(?:’s?|'s?)?\s+[Cc]opy\.?)$", prov)
    if m:
        key = person_key(m.group("name"))
        match = [p for p in rd.persons if _compatible(key, p.key)] if key[0] else []
        if len(match) == 1:
            _el(el, "persName", m.group("name"), ref="#" + match[0].id)
            _append_text(el, m.group("rest"))
            return
    el.text = prov


def _transcript(b: Builder, rd: Reader) -> etree._Element:
    r = b.report
    div = etree.Element(T + "div", type="transcript")
    paras = list(rd.transcript)
    # metadata that stands inside the transcript region (credits, rights lines of a plain file) stays where it is
    persons: list[Person] = []
    rd.persons = persons
    turns_direct = sum(1 for p in paras if (t := match_turn(p.text, rd.known)) and t.form != "run-in")
    turns_reported = sum(1 for p in paras if (t := match_turn(p.text, rd.known)) and t.form == "run-in")
    attach = turns_direct >= turns_reported
    current_sp = None
    first = True
    for p in paras:
        t = p.text
        turn = match_turn(t, rd.known)
        if first and turn is None and rd._is_dateline(t):
            opener = _el(div, "opener")
            dl = _el(opener, "dateline")
            m = _DATE_IN_LINE.search(t)
            when = _dateline_when(m, rd)
            b.inline(dl, p, date=(m.start(), m.end(), when) if when else None)
            r.recognised.append(Item(p.line, "dateline", t))
            first = False
            continue
        first = False
        if turn is None and _credit_or_citation(t):
            if rd._metadata(p, "transcript"):
                continue
        if turn is None and (m := _PAGE_NUMBER.match(t)):
            _el(current_sp if current_sp is not None else div, "pb", n=m.group(1) or m.group(2))
            r.consumed.append(Item(p.line, "page-number", t, "page number, encoded as <pb n>"))
            continue
        if turn is None and citation_like(t):
            r.flag(p.line, "citation-unparsed", t, "looks like an archival reference inside the transcript: kept as a paragraph")
        if turn is not None:
            person = _person_for(turn, p.line, persons, r)
            sp = _el(div, "sp")
            person.sps.append(sp)
            speaker = _el(sp, "speaker")
            speaker.text = turn.speaker
            if turn.marker:
                note = _el(speaker, "note", type="editorial")
                b.markers.append((note, int(turn.marker[1:-1]), p.line))
            if turn.rest:
                b.inline(_el(sp, "p"), p, turn.rest_offset)
            current_sp = sp if (turn.form != "run-in" or not turn.rest) else None
            r.turns += 1
            continue
        if re.fullmatch(r"\([^()]{1,200}\)", t):
            target = current_sp if current_sp is not None else div
            b.inline(_el(target, "stage"), p)
            r.recognised.append(Item(p.line, "stage direction", t))
            continue
        if current_sp is not None and (attach or len(current_sp) == 1):
            had_speech = current_sp.find(T + "p") is not None
            b.inline(_el(current_sp, "p"), p)
            if had_speech:
                r.flag(p.line, "continuation", _short(t, 40),
                       "paragraph without a speaker label taken as the previous speaker's speech; "
                       "if it is narration, move it out of the <sp>")
            continue
        current_sp = None
        b.inline(_el(div, "p"), p)
    # a label with no speech after it ("KHRUSHCHEV:" as the last line) stays as a paragraph
    for sp in [sp for sp in div.iter(T + "sp") if len(sp) == 1]:
        speaker = sp[0]
        para = etree.Element(T + "p")
        para.text = speaker.text
        for c in list(speaker):
            para.append(c)
        div.replace(sp, para)
        r.turns -= 1
        r.flag(para.sourceline or _line_of_sp(persons, sp), "label-alone", para.text or "",
               f"speaker label {para.text!r} with no speech after it: kept as a paragraph")
    for person in persons:
        person.lines = [ln for ln, sp in zip(person.lines, person.sps) if sp.getparent() is not None]
        person.sps = [sp for sp in person.sps if sp.getparent() is not None]
    persons[:] = [p for p in persons if p.sps]
    # header paragraphs the importer could not place open the transcript
    for region, p in reversed([u for u in rd.unclassified if u[0] in ("header", "marking")]):
        para = etree.Element(T + "p")
        b.inline(para, p, notes=True)
        div.insert(0 if div.find(T + "opener") is None else 1, para)
        if region == "marking":
            r.recognised.append(Item(p.line, "marking", p.text, "kept at the start of the transcript"))
        else:
            r.flag(p.line, "unclassified", p.text, "paragraph in the page header not understood: kept at the start of the transcript")
    if len(div) == 0 or all(c.tag == T + "opener" for c in div):
        _el(div, "gap", reason="no transcript found in the source")
        r.flag(1, "no-transcript", "", "no transcript found: the draft's transcript is empty")
    _name_persons(persons, rd)
    for person in persons:
        for sp in person.sps:
            sp.set("who", "#" + person.id)
        r.speakers.append(Speaker(person.id, person.name, person.labels, len(person.sps), person.lines))
    return div


def _line_of_sp(persons: list[Person], sp) -> int:
    for person in persons:
        for ln, el in zip(person.lines, person.sps):
            if el is sp:
                return ln
    return 1


def _credit_or_citation(t: str) -> bool:
    return bool(parse_credits(t) or parse_citation(t))


def _dateline_when(m, rd: Reader) -> str | None:
    month = MONTHS.get((m.group("month") or m.group("month2") or "").lower())
    day = int(m.group("day") or m.group("day2"))
    year = m.group("year") or m.group("year2")
    if year is None and rd.date and rd.date[1]:
        year = rd.date[1][:4]
    if month is None or year is None:
        return None
    return _iso(int(year), month, day)


def _person_for(turn: Turn, line: int, persons: list[Person], r: Report) -> Person:
    key = person_key(turn.label)
    candidates = [p for p in persons if _compatible(key, p.key)]
    if len(candidates) > 1:
        exact = [p for p in candidates if p.key == key]
        if len(exact) == 1:
            candidates = exact
        else:
            r.flag(line, "speaker-ambiguous", turn.label,
                   f"speaker {turn.label!r} could be " + " or ".join(repr(p.labels[0]) for p in candidates)
                   + f": attached to {candidates[0].labels[0]!r}; check")
            candidates = candidates[:1]
    if candidates:
        person = candidates[0]
        if key[0] > person.key[0] or len(key[1]) > len(person.key[1]):
            person.key = (person.key[0] | key[0], key[1] if len(key[1]) > len(person.key[1]) else person.key[1])
    else:
        person = Person(key)
        persons.append(person)
    if turn.label not in person.labels:
        person.labels.append(turn.label)
    person.lines.append(line)
    return person


def _name_persons(persons: list[Person], rd: Reader) -> None:
    """Each person's id (the name word the document uses most on its own) and display name."""
    all_text = " ".join(p.text for p in rd.paras)
    folded = _fold(all_text)
    for person in persons:
        words = sorted(person.key[0])
        counts = {w: len(re.findall(rf"(?<!\w){re.escape(w)}(?!\w)", folded)) for w in words}
        best = max(counts.values()) if counts else 0
        top = [w for w in words if counts[w] == best]
        shared = any(top and top[0] in other.key[0] for other in persons if other is not person)
        if len(top) == 1 and len(words) > 1 and not shared:
            base = top[0]
        else:
            # keep the order in which the longest label prints them
            longest = max(person.labels, key=lambda l: len(person_key(l)[0]))
            order = [w for w in (_fold(t.strip(".’'")) for t in _tokens(longest)) if w in person.key[0]]
            base = "-".join(order) or person.key[1] or "speaker"
        person.id = rd.b.unique_id(slug(base) if slug(base) and slug(base)[0].isalpha() else "speaker-" + (slug(base) or "x"))
        person.name = _display_name(person, all_text)
    for a in range(len(persons)):
        for c in range(a + 1, len(persons)):
            shared = {w for w in persons[a].key[0] & persons[c].key[0] if len(w) >= 3}
            if shared:
                rd.r.flag(persons[c].lines[0], "speaker-similar", persons[c].labels[0],
                          f"speakers {persons[a].labels[0]!r} and {persons[c].labels[0]!r} share the name "
                          f"{sorted(shared)[0]!r} but were kept apart: merge them by hand if they are one person")


_LOWER_TITLES = {"comrade", "cde.", "cde", "tov.", "mr.", "mrs.", "dr."}


def _display_name(person: Person, all_text: str) -> str:
    best = max(person.labels, key=lambda l: (len(person_key(l)[0]), len(person_key(l)[1]), any(c.islower() for c in l),
                                              bool(_INITIALS.match(_tokens(l)[0])), -person.labels.index(l)))
    toks = [t for t in _tokens(best) if _fold(t.strip(".’'")) not in _TITLES or not person_key(best)[0] - {_fold(t.strip(".’'"))}]
    name = " ".join(toks) or best
    if any(c.islower() for c in name):
        return name
    # a name printed in capitals: the document's own mixed-case spelling if it has one
    pattern = r"(?<!\w)" + r"\s+".join(re.escape(t) for t in name.split()) + r"(?!\w)"
    for m in re.finditer(pattern, all_text, re.I) if len(name) > 2 else ():
        found = m.group(0)
        if any(c.islower() for c in found) and all(w[:1].isupper() or w.lower() in _PARTICLES for w in found.split()):
            return " ".join(found.split())
    return " ".join(_titlecase(t) for t in name.split())


def _titlecase(tok: str) -> str:
    if _INITIALS.match(tok):
        return tok
    return "-".join(part[:1].upper() + part[1:].lower() for part in tok.split("-"))


def _link_notes(b: Builder, rd: Reader, body_div: etree._Element) -> None:
    """Markers get the note text of their number; markers without text and texts without marker are reported."""
    r = b.report
    texts = rd.note_texts
    used: dict[int, etree._Element] = {}
    placed: list[tuple[int, etree._Element]] = []
    for note, number, line in b.markers:
        if number in texts and number not in used:
            p, offset = texts[number]
            b.inline(note, p, offset, notes=False, where="a note")
            used[number] = note
            placed.append((number, note))
            r.notes.append(Item(p.line, "note", p.text[offset:], f"marker on line {line}"))
        else:
            why = (f"note marker [{number}] repeats an earlier one: the note stands at the first, this one is kept as text"
                   if number in used else f"note marker [{number}] has no note text: kept as text")
            r.flag(line, "marker-no-note", f"[{number}]", why)
            _replace_with_text(note, f"[{number}]")
    for number in sorted(set(texts) - set(used)):
        p, offset = texts[number]
        note = etree.Element(T + "note", type="editorial")
        b.inline(note, p, offset, notes=False, where="a note")
        before = [el for n, el in placed if n < number]
        if before:
            anchor = max(before, key=lambda el: _doc_order(body_div, el))
            anchor.addnext(note)
            note.tail, anchor.tail = anchor.tail, None
            where = f"after note [{[n for n, el in placed if el is anchor][0]}]"
        else:
            host = _first_block(body_div)
            host.append(note)
            where = "at the end of the first paragraph of the transcript"
        placed.append((number, note))
        r.notes.append(Item(p.line, "note-unmarked", p.text[offset:], where))
        r.flag(p.line, "note-no-marker", f"[{number}]",
               f"note [{number}] has no marker in the text: placed {where}; move it to where it applies")
    # number the notes in document order, as the rules want
    for i, note in enumerate(n for n in body_div.iter(T + "note") if n.get("type") == "editorial"):
        printed = next((num for num, el in placed if el is note), None)
        note.set("n", str(i + 1))
        note.set(XML_ID, b.unique_id(f"note-{i + 1}"))
        if printed is not None and printed != i + 1:
            item = next(it for it in r.notes if it.text and it.line == texts[printed][0].line)
            r.flag(item.line, "note-renumbered", f"[{printed}]", f"note [{printed}] is note {i + 1} in the order of the text: numbered {i + 1}")


def _doc_order(root, el) -> int:
    for i, e in enumerate(root.iter()):
        if e is el:
            return i
    return -1


def _first_block(div: etree._Element) -> etree._Element:
    for child in div:
        name = etree.QName(child).localname
        if name == "opener":
            return child[0]
        if name in ("p", "stage"):
            return child
        if name == "sp":
            for c in child:
                if etree.QName(c).localname in ("p", "stage"):
                    return c
    p = _el(div, "p")
    return p


def _replace_with_text(el: etree._Element, text: str) -> None:
    parent = el.getparent()
    prev = el.getprevious()
    joined = text + (el.tail or "")
    if prev is not None:
        prev.tail = (prev.tail or "") + joined
    else:
        parent.text = (parent.text or "") + joined
    parent.remove(el)


_EN = {"the", "and", "of", "to", "that", "is", "in", "we", "you", "it", "not", "this", "with", "for", "are", "on"}


def _language(text: str) -> str | None:
    words = re.findall(r"[^\W\d_]+", text.lower())
    if len(words) < 5:
        return None
    cyr = sum(1 for w in words if re.match(r"[а-яё]", w))
    if cyr / len(words) > 0.6:
        return "ru"
    if sum(1 for w in words if w in _EN) / len(words) > 0.08:
        return "en"
    return None


_STRUCTURAL = {"TEI", "teiHeader", "fileDesc", "titleStmt", "respStmt", "publicationStmt", "availability", "licence",
               "sourceDesc", "msDesc", "msIdentifier", "msContents", "msItem", "physDesc", "history", "profileDesc",
               "abstract", "creation", "textClass", "keywords", "particDesc", "listPerson", "person", "text", "body",
               "back", "div", "opener", "sp", "listBibl", "bibl", "note"}


def _indent(el: etree._Element, level: int = 0) -> None:
    """Two-space indentation where it cannot change the text: only inside element-only content."""
    name = etree.QName(el).localname
    children = list(el)
    if (name not in _STRUCTURAL or not children or (el.text and el.text.strip())
            or any(c.tail and c.tail.strip() for c in children)
            or name == "note" and not all(etree.QName(c).localname == "p" for c in children)):
        return
    pad = "\n" + "  " * (level + 1)
    el.text = pad
    for c in children:
        c.tail = pad
        _indent(c, level + 1)
    children[-1].tail = "\n" + "  " * level


def serialize(tree: etree._ElementTree) -> bytes:
    """The draft as a file of the edition: XML declaration, the xml-model PI, the document."""
    root = tree.getroot()
    out = b'<?xml version="1.0" encoding="UTF-8"?>\n'
    prev = root.getprevious()
    if prev is not None:
        out += etree.tostring(prev) + b"\n"
    return out + etree.tostring(root, encoding="UTF-8", xml_declaration=False) + b"\n"


# ====================================================================== checking the draft

def check(data: bytes, doc_id: str, display: str) -> list[Diagnostic]:
    """Problems of the serialised draft, found the way ``edition validate`` finds them: the one door, the schema, the rules."""
    from edition.sources import parse
    from edition.validation import compile_schema, diagnose

    with tempfile.TemporaryDirectory(prefix="edition-import-") as tmp:
        path = Path(tmp) / f"{doc_id}.xml"
        path.write_bytes(data)
        source, problems = parse.load(path, display)
        if source is None:
            return problems
        problems = diagnose(source, compile_schema(), True)
    return problems


# ====================================================================== helpers for tests and the CLI

def derived_texts(tree: etree._ElementTree) -> list[str]:
    """What the stylesheets print from the header's structure (citations, credits, funder), as the mirrors compute it."""
    ns = {"t": TEI_NS}
    root = tree.getroot()
    out = []
    for ms in root.iterfind(".//t:sourceDesc/t:msDesc", ns):
        c = Citation(ms.findtext("t:msIdentifier/t:repository", namespaces=ns) or "",
                     [(i.get("type"), i.text or "") for i in ms.iterfind("t:msIdentifier/t:idno", ns)],
                     ", ".join(" ".join(l.itertext()) for l in ms.iterfind("t:msContents/t:msItem/t:locus", ns)) or None,
                     next((o.get("form") for o in ms.iterfind("t:physDesc/t:objectDesc", ns)), None),
                     [" ".join("".join(p.itertext()).split()) for p in ms.iterfind("t:history/t:provenance", ns)])
        out += [source_line(c), archival_citation(c)]
    for rs in root.iterfind(".//t:titleStmt/t:respStmt", ns):
        out.append(credit_line(rs.findtext("t:resp", namespaces=ns) or "",
                               [" ".join("".join(n.itertext()).split()) for n in rs if etree.QName(n).localname != "resp"]))
    for f in root.iterfind(".//t:titleStmt/t:funder", ns):
        out.append(FUNDER_LABEL + " " + " ".join("".join(f.itertext()).split()))
    return out
