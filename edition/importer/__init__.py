"""Plain-text transcript in, TEI draft out: what ``edition import`` does.

``import_text(text)`` is a pure function: the text of an archive's web page, a
typescript's OCR or a translator's file goes in; a TEI tree that follows the
edition's conventions (see tei/*.xml) and a ``Report`` come out. Nothing is read or
written here except by ``check`` (which serialises the draft and sends it through
the edition's one door, ``edition.parse.load``, then the schema and the rules) and
by ``command`` (the ``edition import`` command).

The stages, one module each, in the order a transcript goes through them:

    decode      bytes -> text (is it text at all; which encoding)
    layout      text -> lines -> paragraphs
    regions     paragraphs -> what each is (header, transcript, notes, citation, related, information)
    speakers    turn labels, person keys, one person for all the spellings of a speaker
    citations   archival citations, credits, the funder line (mirrors of the stylesheets)
    dates       dates, datelines
    notes       markers linked to note texts
    draft       the TEI tree as it is built (``Builder``), indentation, serialisation
    assemble    what the reader found -> the TEI tree
    report      what was recognised, dropped, and needs review
    words       the words check: every word of the input is in the draft
    check       the draft through the edition's door, schema and rules
    command     ``edition import``: read, import, check, write

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

from dataclasses import dataclass, field

from lxml import etree

from edition.diagnostics import Diagnostic

from edition.importer.assemble import draft_tree
from edition.importer.draft import Builder, serialize
from edition.importer.layout import INVALID_XML, MAX_PARAGRAPH, Para, clean_lines, paragraphs, split_run_together
from edition.importer.regions import Reader
from edition.importer.report import ImportProblem, Report
from edition.importer.tei import XML_ID
from edition.importer.words import lost

__all__ = ["ImportProblem", "Imported", "Report", "import_paragraphs", "import_text"]


@dataclass
class Imported:
    """A draft: its TEI tree, its document id, the report of its import, and the words of the input
    it lacks (``text-lost`` errors of the words check: a draft with any is not written)."""

    tree: etree._ElementTree
    doc_id: str
    report: Report
    lost: list[Diagnostic] = field(default_factory=list)

    def serialize(self) -> bytes:
        return serialize(self.tree)


def import_text(text: str, *, source: str = "<input>", doc_id: str | None = None, encoding: str = "utf-8",
                register: list[tuple[str, tuple[str, ...]]] | None = None) -> Imported:
    """A TEI draft of the transcript ``text``, and what the import recognised and could not."""
    report = Report(source=source)
    if encoding not in ("utf-8", "utf-8-sig"):
        report.flag(1, "encoding", encoding, f"the file is not UTF-8: read as {encoding}; check accented letters and quotes")
    lines = clean_lines(text)
    for n, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").split("\n")[:len(lines)], start=1):
        for m in INVALID_XML.finditer(raw):
            report.flag(n, "invalid-char", f"U+{ord(m.group(0)):04X}",
                        f"character U+{ord(m.group(0)):04X} cannot be written in XML: replaced by a space")
    paras = split_run_together(paragraphs(lines), report)
    return import_paragraphs(paras, lines, report, doc_id, register)


def import_paragraphs(paras: list[Para], lines: list[str], report: Report, doc_id: str | None = None,
                      register: list[tuple[str, tuple[str, ...]]] | None = None) -> Imported:
    """The draft of ``paras`` (from a text file or a word processor's), whose words are those of
    ``lines`` (the input as the report numbers it); the stages after layout."""
    if not paras:
        raise ImportProblem("no-text", "the input holds no text: nothing to import")
    for p in paras:
        if len(p.text) > MAX_PARAGRAPH:
            raise ImportProblem("paragraph-too-long", f"a paragraph of {len(p.text):,} characters (from this line to line "
                                f"{p.lines[-1]}): the edition holds at most {MAX_PARAGRAPH:,} in one paragraph; put "
                                f"blank lines between its paragraphs", p.line)
    b = Builder(report, register)
    if doc_id is not None:
        b.ids.add(doc_id)  # the document's id comes first: persons and notes take others
    reader = Reader(paras, report)
    reader.read()
    tree = draft_tree(b, reader, doc_id)
    report.doc_id = tree.getroot().get(XML_ID)
    return Imported(tree, report.doc_id, report, lost(lines, report, tree, report.source))
