"""Word in: a .docx transcript read into the paragraphs the import reads, with what Word says of them.

python-docx reads the document (its paragraphs and tables in order, their styles, the comments);
the footnotes and endnotes parts, which it has no API for, are parsed with its own lxml parser
(``docx.oxml.parse_xml``: no entities resolved, nothing fetched). What becomes of Word's features:

* each paragraph is a paragraph (its line, in the report, is its number in the document; the
  notes' paragraphs are numbered after the body's);
* a footnote or an endnote is a note where its reference mark stands (``Mark`` "note");
* a label in bold (or in capitals) opening a paragraph is a speaker's label (``Para.label``),
  whatever its shape; labels in plain text are recognised as in a text file;
* italics are ``<hi rend="italic">``; text in another language than the document's (Word's
  language of the run) is ``<foreign xml:lang>``; bold outside a label is ``<hi rend="bold">``;
* the Title style, or a heading at the top, is the title; later headings open sections
  (``<div><head>``); tables are ``<table>``;
* tracked changes are taken as accepted (insertions kept, deletions left out) and each is listed
  in the report, as is each comment (with the text it is on); neither is text of the draft.
"""

from __future__ import annotations

import io
import re
import zipfile

from edition.importer import Imported, import_paragraphs
from edition.importer.layout import INVALID_XML, Mark, Para
from edition.importer.report import ImportProblem, Report, shorten

#: What a .docx may unpack to: its parts are read into memory (a small file can unpack to gigabytes).
MAX_UNPACKED_BYTES = 64 * 1024 * 1024

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
_ENDNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes"
#: elements whose children are the paragraph's content (runs), in order
_WRAPPERS = {W + n for n in ("hyperlink", "smartTag", "customXml", "fldSimple", "sdt", "sdtContent", "ins", "moveTo", "bdo", "dir")}
_DELETED = {W + "del", W + "moveFrom"}


def import_docx(data: bytes, *, source: str = "<input>", doc_id: str | None = None,
                register: list[tuple[str, tuple[str, ...]]] | None = None) -> Imported:
    """A TEI draft of the Word document ``data``, and what the import recognised and could not."""
    document = _open(data)
    report = Report(source=source)
    reader = _Reader(document, report)
    paras = reader.body()
    lines = reader.lines
    if not any(p.text for p in paras):
        raise ImportProblem("no-text", "the document holds no text: nothing to import")
    return import_paragraphs([p for p in paras if p.text], lines, report, doc_id, register)


def _open(data: bytes):
    from docx import Document  # python-docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            unpacked = sum(i.file_size for i in z.infolist())
    except zipfile.BadZipFile:
        raise ImportProblem("not-docx", "this is not a Word document (.docx): it is not a ZIP package; "
                                        "save it from the word processor as .docx") from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise ImportProblem("too-large", f"the document unpacks to {unpacked // (1024 * 1024):,} MB; documents that "
                                         f"unpack to more than {MAX_UNPACKED_BYTES // (1024 * 1024)} MB are refused")
    try:
        return Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise ImportProblem("not-docx", f"this is not a Word document (.docx) python-docx can read: {exc}") from None
    except Exception as exc:  # a damaged part: lxml's XMLSyntaxError and the like
        raise ImportProblem("not-docx", f"the Word document is damaged: {type(exc).__name__}: {exc}") from None


class _Reader:
    """Reads the body in order, paragraph by paragraph, numbering them as the report's lines."""

    def __init__(self, document, report: Report):
        self.doc = document
        self.report = report
        self.lines: list[str] = []
        self.language = _primary(_default_language(document))
        self.notes = {"footnote": _notes(document, _FOOTNOTES, "footnote"),
                      "endnote": _notes(document, _ENDNOTES, "endnote")}
        self.comments = {c.comment_id: c for c in _comments(document)}
        self.pending: list[tuple[str, object]] = []  # notes met in the body, read after it (their line numbers)

    def body(self) -> list[Para]:
        from docx.table import Table

        out: list[Para] = []
        for block in self.doc.iter_inner_content():
            if isinstance(block, Table):
                out.append(self._table(block))
            else:
                out.append(self._paragraph(block))
        # the notes' paragraphs are numbered after the body's
        for mark, element in self.pending:
            mark.note = self._note(element, mark.value)
        return out

    # ---------------------------------------------------------------- paragraphs

    def _paragraph(self, paragraph, in_note: str | None = None) -> Para:
        line = len(self.lines) + 1
        text, marks, label = self._runs(paragraph, line, in_note)
        self.lines.append(text)
        head = 0 if in_note else _heading_level(paragraph)
        return Para(text, [line], [0], marks, label if not head else 0, head)

    def _table(self, table) -> Para:
        rows = []
        for row in table.rows:
            cells = []
            seen = set()
            for cell in row.cells:
                if id(cell._tc) in seen:  # a merged cell is one cell
                    continue
                seen.add(id(cell._tc))
                parts = [self._paragraph(p) for p in cell.paragraphs]
                cells.append(_join_cell(parts))
            rows.append(cells)
        cells = [c for row in rows for c in row]
        text = " ".join(c.text for c in cells if c.text)
        return Para(text, [c.line for c in cells] or [len(self.lines)], [0] * (len(cells) or 1), rows=rows)

    def _note(self, element, kind: str) -> Para:
        from docx.text.paragraph import Paragraph

        parts = [self._paragraph(Paragraph(p, self.doc._body), in_note=kind) for p in element.iterfind(W + "p")]
        return _join_cell(parts)

    def _runs(self, paragraph, line: int, in_note: str | None) -> tuple[str, list[Mark], int]:
        """The paragraph's accepted text (whitespace made single spaces), its marks, and the length of
        a label it opens with in bold or capitals (0: none)."""
        from docx.text.run import Run

        text: list[str] = []  # pieces, whitespace already collapsed
        size = 0
        marks: list[Mark] = []
        runs: list[tuple[int, int, tuple]] = []  # (start, end, (bold, italic, caps, language)) of each run's text
        comments: dict[str, int] = {}

        def put(piece: str) -> None:
            nonlocal size
            piece = INVALID_XML.sub(" ", piece)
            piece = re.sub(r"\s+", " ", piece)
            if piece.startswith(" ") and (size == 0 or text[-1].endswith(" ")):
                piece = piece[1:]
            if piece:
                text.append(piece)
                size += len(piece)

        def walk(element, change: str | None = None) -> None:
            for child in element:
                tag = child.tag
                if tag == W + "r":
                    run(Run(child, paragraph), change)
                elif tag in _WRAPPERS:
                    if tag in (W + "ins", W + "moveTo"):
                        self._change(child, "insertion", line, "".join(t.text or "" for t in child.iter(W + "t")))
                    walk(child, change)
                elif tag in _DELETED:
                    self._change(child, "deletion", line, "".join(t.text or "" for t in child.iter(W + "delText")))
                elif tag == W + "commentRangeStart":
                    comments[child.get(W + "id")] = size
                elif tag == W + "commentRangeEnd":
                    cid = child.get(W + "id")
                    self._comment(cid, line, "".join(text)[comments.get(cid, size): size])

        def run(r, change) -> None:
            fmt = _format(r)
            start = size
            for child in r._r:
                tag = child.tag
                if tag == W + "t":
                    put(child.text or "")
                elif tag in (W + "tab", W + "br", W + "cr"):
                    put(" ")
                elif tag == W + "noBreakHyphen":
                    put("-")
                elif tag in (W + "footnoteReference", W + "endnoteReference") and not in_note:
                    kind = "footnote" if tag == W + "footnoteReference" else "endnote"
                    element = self.notes[kind].get(child.get(W + "id"))
                    if element is not None:
                        mark = Mark(size, size, "note", kind)
                        marks.append(mark)
                        self.pending.append((mark, element))
                elif tag == W + "commentReference" and child.get(W + "id") not in comments:
                    self._comment(child.get(W + "id"), line, "")
                    comments[child.get(W + "id")] = size
            if size > start:
                runs.append((start, size, fmt))

        walk(paragraph._p)
        joined = "".join(text)
        stripped = joined.rstrip()
        # a label: the paragraph opens with bold (or capitals) that ends with ":" or "." (or is followed by one)
        label = 0
        if runs and (runs[0][2][0] or runs[0][2][2]) and runs[0][0] == 0:
            end = runs[0][1]
            for start, stop, fmt in runs[1:]:  # consecutive bold runs make one label
                if start == end and (fmt[0] or fmt[2]):
                    end = stop
                else:
                    break
            if stripped[end:end + 1] in (":", "."):
                end += 1
            candidate = stripped[:end].rstrip()
            if 0 < end < len(stripped) and len(candidate) <= 80 and candidate[-1:] in ":.":
                label = end
        # italics, bold outside the label, other languages: spans of runs, neighbours of one kind joined
        spans: list[Mark] = []
        for start, stop, (bold, italic, caps, language) in runs:
            if stop <= label:
                continue
            start = max(start, label)
            foreign = language and _primary(language) != self.language
            kind, value = ("foreign", language) if foreign else ("hi", "italic") if italic else ("hi", "bold") if bold else (None, None)
            if kind is None:
                continue
            rend = "italic" if foreign and italic else ""
            if spans and spans[-1].end == start and (spans[-1].kind, spans[-1].value, spans[-1].rend) == (kind, value, rend):
                spans[-1].end = stop
            else:
                spans.append(Mark(start, stop, kind, value, rend=rend))
        # a note mark inside a span splits it; spans keep to the text (not its trailing space)
        for note in [m for m in marks if m.kind == "note"]:
            for span in list(spans):
                if span.start < note.start < span.end:
                    spans.insert(spans.index(span) + 1, Mark(note.start, span.end, span.kind, span.value, rend=span.rend))
                    span.end = note.start
        spans = [Mark(s.start, min(s.end, len(stripped)), s.kind, s.value, rend=s.rend) for s in spans if s.start < len(stripped)]
        for note in marks:
            note.start = note.end = min(note.start, len(stripped))
        return stripped, marks + spans, label

    # ---------------------------------------------------------------- what is listed, not imported

    def _change(self, element, kind: str, line: int, text: str) -> None:
        author = element.get(W + "author") or "someone"
        date = (element.get(W + "date") or "")[:10]
        if kind == "insertion":
            message = f"tracked insertion by {author}{' on ' + date if date else ''} accepted: {shorten(text, 60)!r} is in the draft"
        else:
            message = (f"tracked deletion by {author}{' on ' + date if date else ''} accepted: {shorten(text, 60)!r} "
                       f"is not in the draft")
        self.report.flag(line, "tracked-change", shorten(text, 40), message)

    def _comment(self, cid: str | None, line: int, anchored: str) -> None:
        comment = self.comments.get(int(cid)) if cid is not None and cid.isdigit() else None
        if comment is None:
            return
        on = f" on {shorten(anchored, 50)!r}" if anchored.strip() else ""
        self.report.flag(line, "comment", shorten(comment.text, 40),
                         f"Word comment by {comment.author or 'someone'}{on}: {comment.text!r} (not in the draft)")


def _join_cell(parts: list[Para]) -> Para:
    """Paragraphs of a table cell or a note as one paragraph (joined by a space), marks kept."""
    parts = [p for p in parts if p.text] or parts[:1] or [Para("", [0], [0])]
    text, lines, starts, marks = "", [], [], []
    for p in parts:
        if text:
            text += " "
        offset = len(text)
        starts.append(offset)
        lines.append(p.line)
        marks += [Mark(m.start + offset, m.end + offset, m.kind, m.value, m.note, m.rend) for m in p.marks]
        text += p.text
    return Para(text, lines, starts, marks)


def _format(run) -> tuple:
    """(bold, italic, capitals, language) of a run, from its own properties or its character style."""
    style = run.style if run._r.rPr is not None and run._r.rPr.rStyle is not None else None
    def prop(name):
        value = getattr(run, name) if name != "all_caps" else run.font.all_caps
        if value is None and style is not None:
            value = getattr(style.font, name)
        return bool(value)
    lang = run._r.find(f"{W}rPr/{W}lang")
    return prop("bold"), prop("italic"), prop("all_caps"), lang.get(W + "val") if lang is not None else None


def _heading_level(paragraph) -> int:
    name = (paragraph.style.name if paragraph.style is not None else "") or ""
    if name == "Title":
        return 1
    m = re.fullmatch(r"Heading (\d)", name)
    return int(m.group(1)) if m else 0


def _default_language(document) -> str | None:
    lang = document.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    return lang.get(W + "val") if lang is not None else None


def _primary(language: str | None) -> str | None:
    return language.split("-")[0].lower() if language else None


def _notes(document, reltype: str, kind: str) -> dict:
    """The footnotes (or endnotes) part's notes by id, separators left out."""
    from docx.oxml import parse_xml

    for rel in document.part.rels.values():
        if rel.reltype == reltype and not rel.is_external:
            root = parse_xml(rel.target_part.blob)
            return {n.get(W + "id"): n for n in root.iterfind(W + kind)
                    if n.get(W + "type") not in ("separator", "continuationSeparator", "continuationNotice")}
    return {}


def _comments(document) -> list:
    try:
        return list(document.comments)
    except Exception:  # no comments part, or one python-docx cannot read: nothing to list
        return []
