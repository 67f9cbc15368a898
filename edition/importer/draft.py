"""The draft: the TEI tree as it is built (``Builder``: ids, inline text with its notes and
brackets), then indented and serialised as a file of the edition."""

from __future__ import annotations

import re

from lxml import etree

from edition.importer.ids import slug, valid_id
from edition.importer.layout import Para
from edition.importer.notes import MARKER_OR_BRACKET
from edition.importer.report import Item, Report, shorten
from edition.importer.tei import XML_LANG, add, append_text

XML_MODEL = 'href="../schemas/edition.rng" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"'


class Builder:
    """Builds the TEI tree while it reads the paragraphs; keeps the report."""

    def __init__(self, report: Report, register: list[tuple[str, tuple[str, ...]]] | None = None):
        self.report = report
        #: the edition's register of persons, as (pointer from the draft, names): speakers found there are linked
        self.register = register or []
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
               brackets: bool = True, styled: bool | None = None) -> None:
        """Append ``para.text[start:end]`` to ``parent``: note markers become notes, brackets supplied text;
        a word processor's notes stand where their marks are, and (where ``styled``: by default where
        notes may stand) its italics and languages become <hi> and <foreign>."""
        end = len(para.text) if end is None else end
        styled = notes if styled is None else styled
        marks = sorted((m for m in para.marks if (m.kind == "note" and start <= m.start <= end)
                        or (m.kind != "note" and styled and m.start < end and m.end > start)),
                       key=lambda m: (m.start, m.kind != "note"))
        pos = start
        for m in marks:
            if m.start < pos and m.kind == "note" or m.end <= pos:
                continue
            if m.kind == "note":
                self._plain(parent, para, pos, m.start, notes, where, date, brackets)
                pos = m.start
                if notes:
                    self.inline(add(parent, "note", type="editorial"), m.note, notes=False, where="a note", styled=True)
                    self.report.notes.append(Item(m.note.line, "note", m.note.text,
                                                  f"{m.value} at its mark on line {para.line_at(m.start)}"))
                else:  # the note's text in brackets where the edition has no notes: kept, and said
                    append_text(parent, f" [{m.note.text}]")
                    self.report.flag(para.line_at(m.start), "marker-outside", shorten(m.note.text, 40),
                                     f"a {m.value} in {where}, where notes cannot stand: its text is kept there in brackets")
                continue
            self._plain(parent, para, pos, max(m.start, pos), notes, where, date, brackets)
            element = add(parent, "hi", rend=m.value) if m.kind == "hi" else add(parent, "foreign")
            if m.kind == "foreign":
                element.set(XML_LANG, m.value)
                if m.rend:
                    element.set("rend", m.rend)
            pos = max(m.start, pos)
            self._plain(element, para, pos, min(m.end, end), notes, where, None, brackets)
            pos = min(m.end, end)
        self._plain(parent, para, pos, end, notes, where, date, brackets)

    def _plain(self, parent: etree._Element, para: Para, start: int, end: int, notes: bool, where: str,
               date: tuple[int, int, str] | None, brackets: bool) -> None:
        """``para.text[start:end]`` with its printed note markers and brackets."""
        if start >= end:
            return
        text = para.text
        pos = start
        spans = []
        for m in MARKER_OR_BRACKET.finditer(text, start, end):
            spans.append(m)
        if date and start <= date[0] and date[1] <= end and not any(m.start() < date[1] and m.end() > date[0] for m in spans):
            spans.append(date)
            spans.sort(key=lambda s: s.start() if hasattr(s, "start") else s[0])
        for s in spans:
            if isinstance(s, tuple):
                s0, s1, when = s
                append_text(parent, text[pos:s0])
                add(parent, "date", text[s0:s1], when=when)
                pos = s1
                continue
            append_text(parent, text[pos:s.start()])
            pos = s.end()
            line = para.line_at(s.start())
            if s.group(1) is not None:
                number = int(s.group(1))
                if notes:
                    note = add(parent, "note", type="editorial")
                    self.markers.append((note, number, line))
                else:
                    append_text(parent, s.group(0))
                    self.report.flag(line, "marker-outside", s.group(0),
                                     f"note marker {s.group(0)} in {where}, where notes cannot stand: kept as text")
            elif s.group(2).strip().lower() == "email protected":
                append_text(parent, s.group(0))
                self.report.flag(line, "web-leftover", s.group(0),
                                 f"{s.group(0)!r} is what the web page showed in place of an e-mail address it hid "
                                 f"from robots: the address is not in the text; copy it from the page itself")
            elif brackets and s.group(2).strip():
                add(parent, "supplied", s.group(2))
                self.report.flag(line, "bracket", s.group(0),
                                 f"editorial brackets {shorten(s.group(0), 50)!r} encoded as <supplied>: check whether "
                                 f"they are the translator's addition, an original-language word, or something else")
            else:
                append_text(parent, s.group(0))
        append_text(parent, text[pos:end])


_EN = {"the", "and", "of", "to", "that", "is", "in", "we", "you", "it", "not", "this", "with", "for", "are", "on"}


def language(text: str) -> str | None:
    """The text's language when it is plainly Russian or English ("ru", "en"), else None."""
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
               "back", "div", "opener", "closer", "sp", "listBibl", "bibl", "note"}


def indent(el: etree._Element, level: int = 0) -> None:
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
        indent(c, level + 1)
    children[-1].tail = "\n" + "  " * level


def serialize(tree: etree._ElementTree) -> bytes:
    """The draft as a file of the edition: XML declaration, the xml-model PI, the document."""
    root = tree.getroot()
    out = b'<?xml version="1.0" encoding="UTF-8"?>\n'
    prev = root.getprevious()
    if prev is not None:
        out += etree.tostring(prev) + b"\n"
    return out + etree.tostring(root, encoding="UTF-8", xml_declaration=False) + b"\n"

