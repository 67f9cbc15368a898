"""Regions of the page: what the paragraphs are, read in order (header, transcript, what follows
it: citation, notes, summary, credits, rights; Related Documents; Document Information).

``Reader`` recognises the Wilson Center Digital Archive page layout and a plain transcript's
title and date lines; it records what it found and hands it to the assembly of the draft
(``edition.importer.assemble``), and what it dropped or could not place to the report.
"""

from __future__ import annotations

import re

from edition.importer.citations import (FUNDER, Citation, archival_citation, citation_like, credit_line,
                                        parse_citation, parse_credits, source_line)
from edition.importer.dates import DATE_IN_LINE, looks_like_date, parse_date
from edition.importer.layout import Para
from edition.importer.notes import NOTE_TEXT
from edition.importer.report import Item, Report
from edition.importer.speakers import Turn, known_speakers, label_turn, match_turn, person_key
from edition.validation.rules import MONTHS

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

DOC_TYPE = re.compile(
    r"^(?:(?:memorandum|minutes|record|transcript|notes?|summary|report)(?: of(?: the| a)? (?:conversation|talks?|meeting|discussion))?"
    r"|letter|telegram|cable|diary(?: entry)?|speech|directive|resolution|decree|instructions?|memo|protocol"
    r"|meeting minutes|interview|conversation|correspondence|statement|note verbale|aide[- ]m[ée]moire)s?$", re.I)

_MARKING = re.compile(r"^(?:top secret|secret|strictly secret|confidential|strictly confidential|urgent|not for publication"
                      r"|for official use only|copy no\.? ?\d+|copy \d+|ekz\.? ?(?:no\.? ?)?\d+)\.?$", re.I)
_RIGHTS = re.compile(r"copyright|rights status|rights holder|permission|reuse|licen[cs]e|creative commons|all rights reserved", re.I)


class Reader:
    """Reads the paragraphs in order, region by region: header, transcript, after it, related, information."""

    def __init__(self, paras: list[Para], report: Report):
        self.paras = paras
        self.r = report
        low = [p.text.lower().rstrip(":") for p in paras]
        self.wilson = any(t in ("skip to content", RELATED_HEADING, "document information") for t in low) or any(
            FUNDER.match(p.text) for p in paras)
        report.layout = "wilson" if self.wilson else "plain"
        # collected parts
        self.title: tuple[Para, ...] | None = None
        self.date: tuple[Para, str | None] | None = None
        self.date_from_title = False  # the date is the one the title prints (no date line)
        self.funders: list[Para] = []
        self.citation: Citation | None = None
        self.citation_forms: set[str] = set()
        self.credits: list[tuple[str, str, list[str]]] = []
        self.rights: list[Para] = []
        self.summary: list[Para] = []
        self.doc_types: list[Para] = []
        self.related_head: Para | None = None  # the first "Related Documents" heading
        self.related: list[list] = []  # [date para or None, iso, title para, summary paras]
        self.transcript: list[Para] = []
        self.note_texts: dict[int, tuple[Para, int]] = {}
        self.unclassified: list[tuple[str, Para]] = []  # (region, para)
        self.info: list[Para] = []  # document information kept as paragraphs
        # what the document shows of its speakers: labels in strong forms, so that a single caps word
        # running into speech counts too; title-case labels it vouches for; short forms labels define
        self.known = known_speakers([p.text for p in paras])
        for p in paras:  # labels a word processor marks are known too
            if p.label and match_turn(p.text) is None and (t := label_turn(p.text, p.label)) is not None:
                self.known.keys.add(person_key(t.label)[0])

    def turn(self, p: Para) -> Turn | None:
        """The speaker turn that opens ``p``: by its text, or by the label a word processor marks."""
        turn = match_turn(p.text, self.known)
        if turn is None and p.label and not p.head:
            turn = label_turn(p.text, p.label)
        return turn

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
        funder_at = next((j for j in range(i, limit) if FUNDER.match(paras[j].text)), None)
        stop = funder_at if funder_at is not None else i
        if funder_at is None:
            j = i
            while j < min(len(paras), i + 6):
                t = paras[j].text
                if _MARKING.match(t):
                    self.unclassified.append(("marking", paras[j]))
                    j += 1
                    continue
                if (self.turn(paras[j]) or len(t) > 200 or NOTE_TEXT.match(t) or self.is_dateline(t)
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
        for m in DATE_IN_LINE.finditer(t):
            if (m.group("year") or m.group("year2")) and (iso := parse_date(m.group(0))):
                self.date = (self.title[0].slice(m.start(), m.end()), iso)
                self.date_from_title = True
                return

    def is_dateline(self, t: str) -> bool:
        """A dateline: "July 31, at the airport", "Harbin, March 3" (not a turn)."""
        if len(t) > 120 or match_turn(t, self.known):
            return False
        m = DATE_IN_LINE.search(t)
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
            turn_after[k] = turn_after[k + 1] or self.turn(paras[k]) is not None
            if t.lower().rstrip(":") in sections:
                others_to_heading[k] = 0
            else:
                other = not (NOTE_TEXT.match(t) or _RIGHTS.search(t) or parse_credits(t) or parse_citation(t)
                             or citation_like(t) or t.lower() in CHROME_LINES)
                others_to_heading[k] = others_to_heading[k + 1] + other
        for j in range(i, n):
            t = paras[j].text
            low = t.lower().rstrip(":")
            if low in sections:
                return j
            if low in ("notes", "footnotes", "endnotes") and all(NOTE_TEXT.match(p.text) for p in paras[j + 1: j + 2]):
                return j
            if (parse_citation(t) or citation_like(t)) and not turn_after[j + 1]:
                return j
            # the notes section: only notes (and, in a Wilson page, one summary) until a heading or the end
            if NOTE_TEXT.match(t) and others_to_heading[j] <= (1 if self.wilson else 0):
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
            if not self.metadata(p, "after"):
                m = NOTE_TEXT.match(p.text)
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

    def metadata(self, p: Para, region: str) -> bool:
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
        m = FUNDER.match(p.text)
        if m:
            self.funders.append(p)
            return True
        if self.funders and p.text in [FUNDER.match(f.text).group("name") for f in self.funders if FUNDER.match(f.text)]:
            self.r.repeats.append(Item(p.line, "repeat", p.text, "the funder, already named"))
            return True
        if DOC_TYPE.match(p.text) and region == "info":
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
        if self.related_head is None:
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
            if not self.metadata(p, "info"):
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

