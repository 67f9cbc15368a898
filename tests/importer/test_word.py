"""edition import FILE.docx: Word's paragraphs, notes at their marks, labels, italics, languages,
headings, tables; comments and tracked changes listed, the accepted text in the draft.

The documents in tests/fixtures/import/word/ were made by LibreOffice from the flat
OpenDocument files beside them (see the README there)."""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from edition.builder.publish import publish
from edition.config import Config
from edition.importer.check import check
from edition.importer.word import MAX_UNPACKED_BYTES, import_docx

from tests.importer.support import FIXTURE_DIR, NS, page_text, text_edition, xpath
from tests.support import run_cli

WORD = FIXTURE_DIR / "word"


def _import(name: str):
    return import_docx((WORD / name).read_bytes(), source=name)


def test_every_word_fixture_has_the_text_it_was_made_from():
    docs = sorted(p.stem for p in WORD.glob("*.docx"))
    assert docs == sorted(p.stem for p in WORD.glob("*.fodt")) and len(docs) >= 2


def test_a_word_transcript_becomes_a_valid_draft_that_loses_nothing():
    imp = _import("word-transcript.docx")
    assert check(imp.serialize(), imp.doc_id, "word-transcript.xml") == []
    assert imp.lost == []
    assert xpath(imp, "string(//t:titleStmt/t:title)") == "Record of Conversation of V.P. Orlov with Li Weiming"
    assert xpath(imp, "//t:creation/t:date/@when") == ["1957-03-03"]


def test_footnotes_and_endnotes_stand_at_their_marks():
    """TEIGarage's drafts lose footnote positions: here each note is where its reference mark was."""
    imp = _import("word-transcript.docx")
    first = xpath(imp, "//t:sp[1]/t:p")[0]
    assert first.text == "I welcome you to Harbin on behalf of the Ministry of Railways."
    assert first[0].tag == f"{{{NS['t']}}}note" and first[0].text == "The ministry had sent its deputy head the day before."
    assert first[0].tail == " We have read the "
    assert [(n.get("n"), n.text) for n in xpath(imp, "//t:body//t:note")] == [
        ("1", "The ministry had sent its deputy head the day before."),
        ("2", "The interpreter wrote the Russian word in the margin."),  # an endnote
        ("3", "In 1957 the bureau gave 4,120.")]
    assert imp.report.notes_linked == 3


def test_bold_labels_are_speakers_whatever_their_punctuation():
    imp = _import("word-transcript.docx")
    assert [(sp.get("who"), sp.findtext("t:speaker", namespaces=NS)) for sp in xpath(imp, "//t:sp")] == [
        ("#orlov", "Orlov:"), ("#li-weiming", "Li Weiming:"), ("#orlov", "Orlov."), ("#li-weiming", "Li Weiming:"),
        ("#orlov", "Orlov:")]
    assert {s.id: s.turns for s in imp.report.speakers} == {"orlov": 3, "li-weiming": 2}


def test_italics_languages_headings_and_tables():
    imp = _import("word-transcript.docx")
    assert xpath(imp, "//t:hi[@rend='italic']/text()") == ["Harbin Daily"]
    foreign = xpath(imp, "//t:foreign")[0]
    assert (foreign.text, foreign.get("{http://www.w3.org/XML/1998/namespace}lang"), foreign.get("rend")) == (
        "podvig", "ru-RU", "italic")
    transcript = xpath(imp, "//t:div[@type='transcript']")[0]
    assert [(d.findtext("t:head", namespaces=NS), len(d.findall("t:sp", NS))) for d in transcript.findall("t:div", NS)] == [
        ("Morning session", 3), ("Afternoon session", 2)]
    assert [[c.text for c in row] for row in xpath(imp, "//t:table/t:row")] == [
        ["V.P. Orlov", "Deputy Minister of Railways"], ["Li Weiming", "Head of the Harbin Railway Bureau"]]


def test_comments_and_tracked_changes_are_listed_and_the_accepted_text_is_the_drafts():
    imp = _import("word-review.docx")
    assert check(imp.serialize(), imp.doc_id, "word-review.xml") == [] and imp.lost == []
    speeches = [" ".join("".join(p.itertext()).split()) for p in xpath(imp, "//t:sp/t:p")]
    assert speeches == ["The contract covers twelve ships.", "We will build them in Turku and in Helsinki.",
                        "The first ship in the spring of next year."]
    review = {(i.line, i.kind): i.message for i in imp.report.review if i.kind in ("comment", "tracked-change")}
    assert review == {
        (3, "tracked-change"): "tracked deletion by Anna Belova on 2024-05-02 accepted: 'eleven ' is not in the draft",
        (4, "tracked-change"): "tracked insertion by Anna Belova on 2024-05-02 accepted: ' and in Helsinki' is in the draft",
        (5, "comment"): "Word comment by Thomas Hale on 'The first ship in the spring': "
                        "'The typescript is torn here; the date is uncertain.' (not in the draft)"}
    assert "torn" not in etree.tostring(imp.tree, encoding="unicode")


def test_the_command_imports_a_docx_and_the_draft_builds(capsys, tmp_path):
    tei = tmp_path / "tei"
    for name in ("word-transcript", "word-review"):
        code, out, err = run_cli(capsys, "import", WORD / f"{name}.docx", "-o", tei / f"{name}.xml")
        assert code == 0, err
        if name == "word-transcript":
            assert "2 speakers, 5 turns, 3 of 3 notes linked" in err
    result = publish([tei], tmp_path / "out", Config())
    assert [str(d) for d in result.diagnostics] == []  # no warning either: tables, notes, foreign are styled
    text = " ".join((tmp_path / "out" / "text" / "word-transcript.txt").read_text(encoding="utf-8").split())
    assert "V.P. Orlov | Deputy Minister of Railways" in text
    assert "Orlov. We call such work podvig ⟨Russian⟩, a feat.[2]" in text
    page = page_text(tmp_path / "out" / "html" / "word-transcript.html")
    assert "Head of the Harbin Railway Bureau" in page and "Afternoon session" in page
    assert "Unpublished draft." in text_edition(etree.parse(str(tei / "word-review.xml")))


def test_a_file_that_is_not_a_word_document_is_bad_input(capsys, tmp_path):
    fake = tmp_path / "notes.docx"
    fake.write_text("KIM: this was saved as text\n", encoding="utf-8")
    code, out, err = run_cli(capsys, "import", fake)
    assert code == 1
    assert err.strip().startswith(f"{fake}: error[not-docx]: this is not a Word document (.docx)")


def test_a_document_that_unpacks_to_too_much_is_refused_before_it_is_read(capsys, tmp_path):
    """A few hundred kilobytes of ZIP can unpack to gigabytes: the sizes the package declares are
    checked before python-docx reads a part."""
    bomb = tmp_path / "bomb.docx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b" " * (MAX_UNPACKED_BYTES + 1))
    bomb.write_bytes(buffer.getvalue())
    assert bomb.stat().st_size < 200_000
    code, out, err = run_cli(capsys, "import", bomb)
    assert code == 1 and "error[too-large]: the document unpacks to 64 MB" in err
