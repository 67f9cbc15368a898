"""edition import: plain-text transcripts become valid TEI drafts, with nothing lost and a report.

The transcripts in tests/fixtures/import/ were written for these tests; what each one
shows is in FIXTURES (a first line saying it would be imported as text). Every draft
goes through the edition's own door (edition.parse.load), schema and rules, and through
text.xsl, so "valid" and "nothing lost" are checked the way a build would see them.
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from dataclasses import dataclass

import pytest
from lxml import etree

from tests.support import ROOT, SEED, SEED_PAGE, run_cli
from edition import importer
from edition.render import saxon as transform
from edition.sources.parse import TEI_NS

FIXTURE_DIR = ROOT / "tests" / "fixtures" / "import"
NS = {"t": TEI_NS}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


@dataclass
class Expect:
    shows: str
    layout: str
    speakers: dict[str, int]  # person id -> turns
    notes_linked: int
    review: set[str]  # the review kinds the report must list, exactly
    notes_unmarked: int = 0


FIXTURES = {
    "wilson-seedlike.txt": Expect(
        "the Wilson Center page layout of the seed (chrome, date, title, funder, dateline, reported speech with "
        "one speaker in two spellings, two linked notes, long and short archival citation, summary, related "
        "documents, credits, rights, empty labels, document type, the funder repeated)",
        "wilson", {"orlov": 2, "li": 1}, 2, {"bracket"}),
    "wilson-stop-form.txt": Expect(
        'Wilson layout with "NAME. Speech" turns (ZHANG WEI. / P.F. YUDOV. / YUDOV.), translator\'s brackets '
        "[at the meeting ...] and [u nas], a note, \"Type\" and \"Rights\" labels",
        "wilson", {"zhang-wei": 3, "yudov": 2}, 1, {"bracket"}),
    "plain-colon-spellings.txt": Expect(
        'plain transcript, "Name:" turns in several spellings (N.S. Kovalenko: / KOVALENKO N.S.: / Kovalenko:; '
        "Ambassador Tran Van Minh: / Tran Van Minh: / Minh:), title and date lines, no chrome",
        "plain", {"kovalenko": 3, "minh": 3}, 0, {"bracket", "no-citation", "publication"}),
    "plain-turns-only.txt": Expect(
        "nothing but speaker turns (an interview, Q: and A:): no title, no date, no metadata",
        "plain", {"q": 3, "a": 3}, 0, {"no-citation", "no-title", "publication"}),
    "ocr-typescript.txt": Expect(
        "OCR of a typescript: security markings, lines wrapped at the typewriter's width, turns without blank "
        "lines between them, \"SEMYONOV A.I.:\" and \"A.I. Semyonov:\", a form feed and a page number, a marker "
        "without a note, a note without a marker, a Notes heading",
        "plain", {"semyonov": 3, "pak-son-chol": 2}, 2,
        {"invalid-char", "marker-no-note", "no-citation", "note-no-marker", "publication"}, notes_unmarked=1),
    "translator-file.txt": Expect(
        "a translator's file: one paragraph per line and no blank lines, \"Comrade Orlov:\" / \"Ambassador "
        "Kertesz:\", brackets, a short archival citation and a credit line at the end, the date only in the title",
        "plain", {"orlov": 3, "kertesz": 2}, 0, {"bracket", "date-from-title", "publication"}),
    "reported-speech.txt": Expect(
        "a Soviet record in reported speech (ZORIN informed ..., WANG JIAN said ..., G.M. ZORIN noted ...) with "
        "narration between the turns, a dateline, a \"Present:\" line that is not a speaker",
        "plain", {"zorin": 3, "wang-jian": 2}, 0, {"date-from-title", "no-citation", "publication"}),
    "wilson-messy.txt": Expect(
        "Wilson layout gone wrong: a season for a date, chrome in the transcript, markers out of order, a "
        "repeated marker, a marker without a note, a note without a marker, an archival reference the edition "
        "cannot print back, a related document dated by season, labelled values and an unknown paragraph "
        "under Document Information",
        "wilson", {"rakhimov": 2, "haddad": 2}, 2,
        {"bracket", "citation-unparsed", "date-unparsed", "marker-no-note", "no-citation", "note-no-marker",
         "note-renumbered", "unclassified"}, notes_unmarked=1),
    "plain-same-surname.txt": Expect(
        "two speakers who share a surname (KIM IL:, KIM SONG:) and a bare \"KIM:\" that could be either; a "
        "label standing alone on its line with the speech on the next",
        "plain", {"kim-il": 3, "kim-song": 1}, 0,
        {"date-from-title", "no-citation", "publication", "speaker-ambiguous", "speaker-similar"}),
}


def _import(name: str) -> importer.Imported:
    text = (FIXTURE_DIR / name).read_text(encoding="utf-8")
    return importer.import_text(text, source=name)


# ---------------------------------------------------------------- helpers: nothing lost

_MARKER = re.compile(r"\[\d{1,3}\]")


def _tokens(text: str) -> list[str]:
    text = _MARKER.sub(" ", text.casefold()).replace("[", " ").replace("]", " ")
    return re.findall(r"\w+|[^\w\s]", text)


def _tei_text(tree: etree._ElementTree) -> str:
    return " ".join(tree.getroot().itertext()) + " " + " ".join(importer.derived_texts(tree))


def kept_lines(text: str, report: importer.Report) -> dict[int, str]:
    """The input's lines that must reach the TEI: all but the chrome, repeats and page numbers the report lists."""
    lines = importer.clean_lines(text)
    allowed_chrome = importer.CHROME_LINES | importer.INFO_LABELS | importer.SECTION_HEADINGS | {importer.RELATED_HEADING}
    drop = set()
    for item in report.chrome:
        printed = " ".join(lines[item.line - 1].split())
        assert printed == item.text, f"line {item.line} reported as chrome is {printed!r}, not {item.text!r}"
        assert item.text.lower().rstrip(":") in allowed_chrome, f"line {item.line}: {item.text!r} is not chrome"
        drop.add(item.line)
    for item in report.repeats:
        assert " ".join(lines[item.line - 1].split()) == item.text
        drop.add(item.line)
    for item in report.consumed:
        if item.kind == "page-number":
            assert importer._PAGE_NUMBER.match(" ".join(lines[item.line - 1].split()))
            drop.add(item.line)
    return {n: line for n, line in enumerate(lines, start=1) if n not in drop and line.strip()}


def assert_no_text_lost(text: str, imported: importer.Imported) -> None:
    """Every word and sign of every kept line is in the TEI (as text, or as structure the edition prints back)."""
    report = imported.report
    wanted = Counter(t for line in kept_lines(text, report).values() for t in _tokens(line))
    for item in report.consumed:
        if item.kind == "connector":
            assert item.text in ("and", "."), item
            wanted[item.text] -= 1
    for item in report.repeats:
        assert item.text.casefold() in " ".join(_tei_text(imported.tree).split()).casefold()
    have = Counter(_tokens(_tei_text(imported.tree)))
    missing = {t: n for t, n in (wanted - have).items() if n > 0}
    assert not missing, f"text lost: {missing}"


def text_edition(tree: etree._ElementTree) -> str:
    txt = transform.render(tree, "text.xsl", {"document-id": tree.getroot().get(XML_ID)})
    return " ".join(re.sub(r" ?⟨[^⟩]*⟩", "", txt).split())


def assert_lines_reach_text_edition(text: str, imported: importer.Imported) -> None:
    """Each kept input line, as printed (note numbers aside), is in the plain-text edition a build would write."""
    # an unmarked note placed after another shows as two markers in a row: one marker, for comparison
    runs = lambda t: re.sub(r"(?:\[#\])+", "[#]", _MARKER.sub("[#]", t))
    flat = runs(text_edition(imported.tree)).casefold()
    r = imported.report
    # a line holding a citation and credits, or two credits joined by "and", is printed as its parts
    split = {i.line for i in r.consumed if i.kind == "connector"} | {
        c.line for c in r.citation if any(i.line == c.line and i.kind == "credits" for i in r.recognised)}
    for n, line in kept_lines(text, r).items():
        if n in split:
            parts = [c.text for c in r.citation if c.line == n] + [i.text for i in r.recognised if i.line == n and i.kind == "credits"]
            assert parts
            for part in parts:
                assert part.casefold() in flat, f"line {n}: {part!r} not in the text edition"
            continue
        line = runs(" ".join(line.split())).casefold()
        assert line in flat, f"line {n} not in the text edition: {line!r}"


# ---------------------------------------------------------------- the fixtures

def test_every_fixture_is_in_the_table_and_there_are_at_least_eight():
    on_disk = {p.name for p in FIXTURE_DIR.glob("*.txt")}
    assert on_disk == set(FIXTURES)
    assert len(FIXTURES) >= 8


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_fixture_imports_to_a_valid_draft(name):
    imported = _import(name)
    problems = importer.check(imported.serialize(), imported.doc_id, name)
    assert problems == [], "\n".join(map(str, problems))


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_fixture_speakers_turns_notes_and_review(name):
    expect = FIXTURES[name]
    imported = _import(name)
    r = imported.report
    assert r.layout == expect.layout
    assert {s.id: s.turns for s in r.speakers} == expect.speakers
    assert r.turns == sum(expect.speakers.values())
    assert r.notes_linked == expect.notes_linked
    assert sum(1 for n in r.notes if n.kind == "note-unmarked") == expect.notes_unmarked
    assert {i.kind for i in r.review} == expect.review
    # every declared person speaks, and every turn points to a declared person
    root = imported.tree.getroot()
    ids = {p.get(XML_ID) for p in root.iterfind(".//t:particDesc//t:person", NS)}
    assert ids == set(expect.speakers)
    whos = Counter(sp.get("who")[1:] for sp in root.iter(f"{{{TEI_NS}}}sp"))
    assert whos == Counter(expect.speakers)


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_fixture_loses_no_text(name):
    text = (FIXTURE_DIR / name).read_text(encoding="utf-8")
    imported = importer.import_text(text, source=name)
    assert_no_text_lost(text, imported)
    assert_lines_reach_text_edition(text, imported)


def test_review_items_carry_input_line_numbers():
    r = _import("wilson-messy.txt").report
    lines = (FIXTURE_DIR / "wilson-messy.txt").read_text(encoding="utf-8").splitlines()
    found = {(i.kind, i.line) for i in r.review}
    for kind, needle in [("date-unparsed", "Summer 1962"), ("bracket", "[for the instructors]"),
                         ("marker-no-note", "[5]"), ("citation-unparsed", "AVPRF"), ("note-no-marker", "[4] Handwritten"),
                         ("date-unparsed", "Spring 1962"), ("unclassified", "The archivist's inventory")]:
        line = next(i for i, l in enumerate(lines, start=1) if needle in l)
        assert (kind, line) in found, (kind, needle, line)


# ---------------------------------------------------------------- what the drafts hold

def _x(imported, path):
    return imported.tree.getroot().xpath(path, namespaces=NS)


def test_wilson_seedlike_metadata_is_structured_like_the_seed():
    imp = _import("wilson-seedlike.txt")
    x = lambda p: _x(imp, p)
    assert x("string(//t:titleStmt/t:title)") == "Record of Conversation of V.P. Orlov with Li Weiming, March 3, 1957, in Harbin"
    assert x("string(//t:titleStmt/t:funder)") == "Northfield Archival Trust"
    assert [(r.find("t:resp", NS).get("key"), r.findtext("t:resp", namespaces=NS), [n.text for n in r.iterfind("t:persName", NS)])
            for r in x("//t:respStmt")] == [
        ("ctb", "Contributed by", ["Anna K. Belova"]), ("trl", "Translated by", ["Thomas R. Hale"])]
    assert x("//t:profileDesc/t:creation/t:date/@when") == ["1957-03-03"]
    assert x("string(//t:term[@type='documentType'])") == "Record of Conversation"
    assert x("string(//t:abstract)").strip() == "Orlov and Li discuss the programme of a Soviet railway delegation's visit to Harbin."
    ms = x("//t:msDesc")[0]
    assert ms.findtext("t:msIdentifier/t:repository", namespaces=NS) == "GARF"
    assert [(i.get("type"), i.text) for i in ms.iterfind("t:msIdentifier/t:idno", NS)] == [
        ("fond", "5446"), ("opis", "91"), ("delo", "37")]
    locus = ms.find("t:msContents/t:msItem/t:locus", NS)
    assert (locus.get("from"), locus.get("to"), locus.text) == ("12", "14", "12-14")
    assert ms.find("t:physDesc/t:objectDesc", NS).get("form") == "typescript"
    assert x("//t:provenance[@type='copy']/t:persName/@ref") == ["#orlov"]
    assert len(x("//t:availability/t:licence/t:p")) == 1
    dateline = x("//t:opener/t:dateline")[0]
    assert dateline.find("t:date", NS).get("when") == "1957-03-03" and dateline.find("t:date", NS).text == "March 3, 1957"
    bibls = x("//t:back/t:listBibl[@type='related']/t:bibl")
    assert [(b.find("t:date", NS).get("when"), b.findtext("t:title", namespaces=NS)) for b in bibls] == [
        ("1957-03-01", "Telegram from V.P. Orlov to the Ministry of Railways "), ("1957-03-05", "Record of Conversation of V.P. Orlov with Li Weiming, March 5, 1957")]
    assert bibls[0].find("t:title/t:supplied", NS).text == "Moscow"
    assert [n.findtext(".", namespaces=NS) for n in x("//t:body//t:note[@type='editorial']")] == [
        "The train timetable is attached to the file.", "The report has not been found."]
    assert [n.get("n") for n in x("//t:body//t:note")] == ["1", "2"]
    # the narration between reported turns stays outside the speeches
    assert x("string(//t:div[@type='transcript']/t:p)") == "Li Weiming thanked him and asked about the programme of the visit."


def test_speaker_spellings_become_one_person_each():
    imp = _import("plain-colon-spellings.txt")
    speakers = {s.id: (s.name, s.labels) for s in imp.report.speakers}
    assert speakers == {
        "kovalenko": ("N.S. Kovalenko", ["N.S. Kovalenko", "KOVALENKO N.S.", "Kovalenko"]),
        "minh": ("Tran Van Minh", ["Ambassador Tran Van Minh", "Tran Van Minh", "Minh"]),
    }
    assert [sp.findtext("t:speaker", namespaces=NS) for sp in _x(imp, "//t:sp")] == [
        "N.S. Kovalenko:", "Ambassador Tran Van Minh:", "KOVALENKO N.S.:", "Tran Van Minh:", "Kovalenko:", "Minh:"]


def test_stop_form_keeps_the_label_as_printed_and_brackets_as_supplied():
    imp = _import("wilson-stop-form.txt")
    first = _x(imp, "//t:sp")[0]
    assert first.findtext("t:speaker", namespaces=NS) == "ZHANG WEI."
    assert first.find("t:p/t:supplied", NS).text == "at the meeting in Shenyang"
    assert _x(imp, "//t:sp[2]/t:p/t:supplied/text()") == ["u nas"]
    assert [i.line for i in imp.report.review if i.kind == "bracket"] == [11, 13]


def test_ocr_page_number_becomes_a_page_break_and_lines_are_unwrapped():
    imp = _import("ocr-typescript.txt")
    assert _x(imp, "//t:pb/@n") == ["2"]
    first = _x(imp, "//t:sp[1]/t:p")[0]
    assert "".join(first.xpath("text()")).startswith("I have been instructed to inform you that the Soviet government agrees")
    assert first.find("t:note", NS).get("n") == "1"
    # note [3] has no marker: it follows note 2; [4] has no note text and stays as printed
    assert [n.get("n") for n in _x(imp, "//t:sp[2]/t:p/t:note")] == ["2", "3"]
    assert "[4]" in _x(imp, "string(//t:sp[4]/t:p)")
    assert _x(imp, "//t:div[@type='transcript']/t:p/text()")[:2] == ["TOP SECRET", "Copy No. 2"]


def test_out_of_order_and_repeated_markers_are_renumbered_and_reported():
    imp = _import("wilson-messy.txt")
    notes = _x(imp, "//t:body//t:note[@type='editorial']")
    assert [(n.get("n"), "".join(n.itertext())) for n in notes] == [
        ("1", "The shipment is not identified."), ("2", "See the telegram of 3 June 1962."),
        ("3", "Handwritten addition in the margin.")]
    date = _x(imp, "//t:creation/t:date")[0]
    assert (date.text, date.get("notBefore"), date.get("notAfter"), date.get("cert")) == ("Summer 1962", "1962", "1962", "low")
    assert _x(imp, "//t:back/t:div[@type='unclassified']/t:p/text()") == ["AVPRF, f. 0128, op. 9, p. 41, d. 7, ll. 3-5."]
    assert _x(imp, "//t:back/t:div[@type='documentInformation']/t:p/text()") == [
        "Original Uploaded Date", "2014-05-21", "Record ID", "118432", "Language", "Russian",
        "The archivist's inventory describes this file as incomplete."]
    spring = _x(imp, "//t:listBibl/t:bibl")[0]
    assert spring.find("t:date", NS) is None and spring.text.strip() == "Spring 1962"


def test_reported_speech_narration_and_dateline():
    imp = _import("reported-speech.txt")
    div = _x(imp, "//t:div[@type='transcript']")[0]
    kinds = [etree.QName(c).localname for c in div]
    assert kinds == ["opener", "p", "sp", "sp", "sp", "p", "sp", "sp", "p", "p"]
    assert _x(imp, "//t:dateline/t:date/@when") == ["1958-01-16"]
    assert _x(imp, "//t:creation/t:date/@when") == ["1958-01-16"]
    assert [s.name for s in imp.report.speakers] == ["G.M. Zorin", "Wang Jian"]


def test_translator_file_citation_and_credit():
    imp = _import("translator-file.txt")
    assert [(i.get("type"), i.text) for i in _x(imp, "//t:msIdentifier/t:idno")] == [("fond", "77"), ("opis", "36"), ("delo", "14")]
    assert _x(imp, "//t:respStmt/t:persName/text()") == ["Julia M. Stern"]
    assert [c.text for c in imp.report.consumed] == ["."]
    assert [p.findtext("t:persName", namespaces=NS) for p in _x(imp, "//t:person")] == ["Orlov", "Kertesz"]


# ---------------------------------------------------------------- the seed round trip

def _norm(s: str) -> str:
    return " ".join(s.split())


def _text_without_editors_additions(el) -> str:
    """An element's text as printed: <expan> (an editor's expansion) left out."""
    el = etree.fromstring(etree.tostring(el))
    for e in el.iter(f"{{{TEI_NS}}}expan"):
        e.getparent().remove(e) if not e.tail else None
    return _norm("".join(el.itertext()))


@pytest.mark.skipif(not SEED_PAGE.exists(), reason=f"the seed's page text ({SEED_PAGE}) is not on this machine")
def test_importing_the_seed_gives_the_hand_encoded_document():
    """Element by element, allowing for what only an editor can add: names and places linked in the text,
    abbreviations expanded, persons who do not speak, the place, the languages, the note's exact anchor."""
    imp = importer.import_text(SEED_PAGE.read_text(encoding="utf-8"), source=SEED_PAGE.name, doc_id=SEED.stem)
    assert importer.check(imp.serialize(), imp.doc_id, "seed") == []
    got = etree.fromstring(imp.serialize())
    want = etree.parse(str(SEED)).getroot()
    g = lambda p: got.xpath(p, namespaces=NS)
    w = lambda p: want.xpath(p, namespaces=NS)

    assert got.get(XML_ID) == want.get(XML_ID)
    assert got.get("{http://www.w3.org/XML/1998/namespace}lang") == want.get("{http://www.w3.org/XML/1998/namespace}lang")
    for path in ["string(//t:titleStmt/t:title)", "string(//t:titleStmt/t:funder)", "string(//t:publisher)",
                 "string(//t:authority)", "string(//t:abstract)", "string(//t:term[@type='documentType'])",
                 "string(//t:msIdentifier/t:repository)", "string(//t:provenance)",
                 "string(//t:objectDesc/@form)", "string(//t:creation/t:date)", "string(//t:creation/t:date/@when)"]:
        assert _norm(g(path)) == _norm(w(path)), path
    assert [(i.get("type"), i.text) for i in g("//t:msIdentifier/t:idno")] == [(i.get("type"), i.text) for i in w("//t:msIdentifier/t:idno")]
    assert [(l.get("from"), l.get("to"), l.text) for l in g("//t:locus")] == [(l.get("from"), l.get("to"), l.text) for l in w("//t:locus")]
    assert [(r.findtext("t:resp", namespaces=NS), r.find("t:resp", NS).get("key"), [_norm("".join(n.itertext())) for n in r.iterfind("t:persName", NS)])
            for r in g("//t:respStmt")] == [(r.findtext("t:resp", namespaces=NS), r.find("t:resp", NS).get("key"),
                                            [_norm("".join(n.itertext())) for n in r.iterfind("t:persName", NS)]) for r in w("//t:respStmt")]
    assert [_norm(p.text) for p in g("//t:licence/t:p")] == [_norm(p.text) for p in w("//t:licence/t:p")]
    # speakers: the imported persons are the hand-encoded ones who speak, with the same ids and names
    speaking = {sp.get("who")[1:] for sp in w("//t:sp")}
    assert {(p.get(XML_ID), p.findtext("t:persName", namespaces=NS)) for p in g("//t:person")} == {
        (p.get(XML_ID), p.findtext("t:persName", namespaces=NS)) for p in w("//t:person") if p.get(XML_ID) in speaking}
    assert g("string(//t:provenance/t:persName/@ref)") == w("string(//t:provenance/t:persName/@ref)")
    # the transcript, block by block
    blocks = lambda doc: [(etree.QName(c).localname, c.get("who"), c.findtext("t:speaker", namespaces=NS),
                           _text_without_editors_additions(c.find("t:p", NS)) if c.find("t:p", NS) is not None
                           else _text_without_editors_additions(c)) for c in doc.xpath("//t:div[@type='transcript']/*", namespaces=NS)]
    got_blocks, want_blocks = blocks(got), blocks(want)
    assert got_blocks == want_blocks
    assert [(d.get("when"), d.text) for d in g("//t:dateline/t:date")] == [(d.get("when"), d.text) for d in w("//t:dateline/t:date")]
    # the note: same number, same text, in the dateline where the editor put it
    assert [(n.get("n"), n.text, etree.QName(n.getparent()).localname) for n in g("//t:text//t:note[@type='editorial']")] == [
        (n.get("n"), n.text, etree.QName(n.getparent()).localname) for n in w("//t:text//t:note[@type='editorial']")]
    # related documents: date, title (with its supplied word), summary
    rel = lambda doc: [(b.find("t:date", NS).get("when"), b.findtext("t:date", namespaces=NS),
                        _norm("".join(b.find("t:title", NS).itertext())), b.findtext("t:title/t:supplied", namespaces=NS),
                        _norm(b.findtext("t:note[@type='summary']", namespaces=NS)))
                       for b in doc.xpath("//t:listBibl[@type='related']/t:bibl", namespaces=NS)]
    assert rel(got) == rel(want) and len(rel(got)) == 4
    assert g("string(//t:listBibl/t:head)") == w("string(//t:listBibl/t:head)")
    # what the report says about it
    r = imp.report
    assert [(s.id, s.turns) for s in r.speakers] == [("mao", 2), ("khrushchev", 1)]
    assert [(c.line, c.text) for c in r.chrome] == [(1, "Skip to content"), (56, "Document Information"),
                                                    (66, "Original Uploaded Date"), (73, "Record ID")]
    assert [(c.line, c.text) for c in r.repeats] == [(77, "Blavatnik Family Foundation")]
    assert sorted((i.line, i.kind) for i in r.review) == [(26, "note-no-marker"), (34, "bracket"), (52, "bracket")]
    assert_no_text_lost(SEED_PAGE.read_text(encoding="utf-8"), imp)
    assert_lines_reach_text_edition(SEED_PAGE.read_text(encoding="utf-8"), imp)


# ---------------------------------------------------------------- units

@pytest.mark.parametrize("text, iso", [
    ("July 31, 1958", "1958-07-31"), ("31 July 1958", "1958-07-31"), ("Sept. 3, 1958", "1958-09-03"),
    ("1958-07-31", "1958-07-31"), ("31.07.1958", "1958-07-31"), ("July 1958", "1958-07"), ("1958", "1958"),
    ("February 30, 1958", None), ("Summer 1958", None), ("July 31", None), ("Blavatnik", None),
])
def test_parse_date(text, iso):
    assert importer.parse_date(text) == iso


@pytest.mark.parametrize("text, label, speaker, form", [
    ("MAO ZEDONG. In 1954 you asked us.", "MAO ZEDONG", "MAO ZEDONG.", "stop"),
    ("MAO ZEDONG proposes to discuss the agenda.", "MAO ZEDONG", "MAO ZEDONG", "run-in"),
    ("N.S. Khrushchev: We agree.", "N.S. Khrushchev", "N.S. Khrushchev:", "colon"),
    ("KHRUSHCHEV N.S.: We agree.", "KHRUSHCHEV N.S.", "KHRUSHCHEV N.S.:", "colon"),
    ("N.S. KHRUSHCHEV accepted the proposal.", "N.S. KHRUSHCHEV", "N.S. KHRUSHCHEV", "run-in"),
    ("Cde. Mao:", "Cde. Mao", "Cde. Mao:", "alone"),
    ("Q: When?", "Q", "Q:", "colon"),
])
def test_turn_forms(text, label, speaker, form):
    t = importer.match_turn(text)
    assert (t.label, t.speaker, t.form) == (label, speaker, form)


@pytest.mark.parametrize("text", [
    "Present: Comrades Orlov and Li.", "Note: the text is damaged.", "USSR is ready.", "In Moscow: nothing new.",
    "They concur that the meeting is useful.", "The Chinese side: agreed.", "NATO is a threat to peace.",
    "I think so.", "TOP SECRET", "He said: no.",
])
def test_not_turns(text):
    assert importer.match_turn(text) is None


def test_name_keys_group_spellings_and_keep_namesakes_apart():
    k = importer.person_key
    assert k("KHRUSHCHEV N.S.") == k("N.S. Khrushchev") == (frozenset({"khrushchev"}), "ns")
    assert k("Comrade Mao Zedong")[0] == frozenset({"mao", "zedong"})
    assert importer._compatible(k("Khrushchev"), k("N.S. Khrushchev"))
    assert not importer._compatible(k("KIM IL SUNG"), k("KIM JONG IL"))
    assert not importer._compatible(k("A.A. Gromyko"), k("B.N. Gromyko"))


def test_citation_mirrors_print_what_the_stylesheets_print():
    imp = _import("wilson-seedlike.txt")
    flat = text_edition(imp.tree)
    for line in importer.derived_texts(imp.tree):
        assert line in flat


def test_a_citation_the_edition_cannot_print_back_is_not_structured():
    assert importer.parse_citation("RGANI, f. 52, op. 1, d. 498, l. 43.") is not None
    assert importer.parse_citation("RGANI, f. 52, op. 1, d. 498, ll. 43-44.") is None
    assert importer.parse_citation("RGANI. Collection 52. Inventory 1. File 498. Sheets 43. Typescript.") is not None
    assert importer.parse_citation("RGANI. Fond 52. Opis 1. Delo 498.") is None


def test_empty_input_is_a_clear_error():
    for text in ("", "\n\n  \n", "\ufeff"):
        with pytest.raises(importer.ImportProblem, match="no text"):
            importer.import_text(text)


# ---------------------------------------------------------------- the command

def test_cli_writes_stdout_without_o(capsys, tmp_path):
    code, out, err = run_cli(capsys, "import", FIXTURE_DIR / "plain-colon-spellings.txt")
    assert code == 0, err
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<?xml-model href="../schemas/edition.rng"')
    root = etree.fromstring(out.encode())
    assert root.get(XML_ID) == "conversation-kovalenko-ambassador-tran-van-minh-1961-05-12"
    assert "#kovalenko N.S. Kovalenko: 3 turns" in err
    assert "plain-colon-spellings.txt:9: review[bracket]:" in err
    assert list(tmp_path.iterdir()) == []


def test_cli_o_uses_the_file_name_as_id_and_the_result_validates(capsys, tmp_path):
    target = tmp_path / "tei" / "orlov-li-1957-03-03.xml"
    code, out, err = run_cli(capsys, "import", FIXTURE_DIR / "wilson-seedlike.txt", "-o", target)
    assert code == 0, err
    assert out == ""
    assert etree.parse(str(target)).getroot().get(XML_ID) == "orlov-li-1957-03-03"
    assert run_cli(capsys, "validate", target)[0] == 0
    assert "edition: imported" in err and "2 speakers, 3 turns, 2 of 2 notes linked" in err


def test_cli_never_overwrites_without_force(capsys, tmp_path):
    target = tmp_path / "doc.xml"
    target.write_text("keep me", encoding="utf-8")
    code, out, err = run_cli(capsys, "import", FIXTURE_DIR / "plain-turns-only.txt", "-o", target)
    assert code == 2
    assert err.strip() == f"edition: error: {target}: already exists; use --force to overwrite it"
    assert target.read_text(encoding="utf-8") == "keep me"
    code, out, err = run_cli(capsys, "import", FIXTURE_DIR / "plain-turns-only.txt", "-o", target, "--force")
    assert code == 0, err
    assert etree.parse(str(target)).getroot().get(XML_ID) == "doc"


def test_cli_report_json(capsys, tmp_path):
    code, out, err = run_cli(capsys, "import", FIXTURE_DIR / "ocr-typescript.txt", "-o", tmp_path / "ocr.xml", "--report", "json")
    assert code == 0
    data = json.loads(err)  # stderr holds the JSON document and nothing else
    assert data["output"] == str(tmp_path / "ocr.xml") and data["diagnostics"] == []
    assert [(s["id"], s["turns"], s["lines"]) for s in data["speakers"]] == [("semyonov", 3, [6, 12, 16]), ("pak-son-chol", 2, [9, 17])]
    assert data["notes_linked"] == 2
    assert {"line": 16, "kind": "marker-no-note", "text": "[4]",
            "message": "note marker [4] has no note text: kept as text"} in data["review"]


def test_cli_errors(capsys, tmp_path):
    code, out, err = run_cli(capsys, "import", tmp_path / "missing.txt")
    assert (code, err.strip()) == (2, f"edition: error: {tmp_path / 'missing.txt'}: no such file")
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\n", encoding="utf-8")
    code, out, err = run_cli(capsys, "import", empty, "-o", tmp_path / "empty.xml")
    assert (code, err.strip()) == (1, f"edition: error: {empty}: the input holds no text: nothing to import")
    assert not (tmp_path / "empty.xml").exists()
    binary = tmp_path / "scan.pdf"
    binary.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 5 >>\nstream\n\x00\x01\x02\x03\x04\nendstream\n")
    code, out, err = run_cli(capsys, "import", binary, "-o", tmp_path / "scan.xml")
    assert (code, out, err.strip()) == (1, "", f"edition: error: {binary}: this is not a plain-text transcript: 5 of its "
                                           f"62 bytes are binary (NUL or control characters), the first at byte 46; give "
                                           f"the transcript as a text file (for a PDF or a word-processor file, save or "
                                           f"export it as plain text first)")
    assert not (tmp_path / "scan.xml").exists()
    ocr = tmp_path / "ocr.txt"  # a stray control character in OCR output is still text
    ocr.write_bytes((FIXTURE_DIR / "plain-turns-only.txt").read_bytes().replace(b"\n", b"\x0c\n", 1))
    code, out, err = run_cli(capsys, "import", ocr, "-o", tmp_path / "ocr.xml")
    assert code == 0 and (tmp_path / "ocr.xml").exists()
    utf16 = tmp_path / "notepad.txt"  # saved as "Unicode" by Windows Notepad: NUL bytes, but text
    utf16.write_bytes((FIXTURE_DIR / "plain-turns-only.txt").read_text(encoding="utf-8").encode("utf-16"))
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    drafts = []
    for folder, source in (("a", utf16), ("b", FIXTURE_DIR / "plain-turns-only.txt")):
        assert run_cli(capsys, "import", source, "-o", tmp_path / folder / "notepad.xml")[0] == 0
        drafts.append((tmp_path / folder / "notepad.xml").read_text(encoding="utf-8").replace(str(source), "SOURCE"))
    assert drafts[0] == drafts[1]  # the same draft as from the UTF-8 file
    code, out, err = run_cli(capsys, "import", FIXTURE_DIR / "plain-turns-only.txt", "-o", tmp_path / "1 bad name.xml")
    assert code == 2 and "is not a valid one" in err
    assert not (tmp_path / "1 bad name.xml").exists()
    code, out, err = run_cli(capsys, "import", FIXTURE_DIR / "plain-turns-only.txt", "-o", tmp_path, "--force")
    assert (code, err.strip()) == (2, f"edition: error: {tmp_path}: name the TEI file to write, ending in .xml (tei/ID.xml)")


def test_cli_writes_nothing_when_the_draft_does_not_validate(capsys, tmp_path, monkeypatch):
    broken = importer.Imported.serialize
    monkeypatch.setattr(importer.Imported, "serialize", lambda self: broken(self).replace(b"<speaker>", b"<speaker><sp/>", 1))
    target = tmp_path / "doc.xml"
    code, out, err = run_cli(capsys, "import", FIXTURE_DIR / "plain-turns-only.txt", "-o", target)
    assert code == 1
    assert "error[schema-element]" in err and "does not validate; nothing written" in err
    assert not target.exists() and out == ""


def test_cli_reads_windows_1252_and_says_so(capsys, tmp_path):
    src = tmp_path / "cp.txt"
    src.write_bytes("Orlov: Caf\u00e9 \u201cnoir\u201d.\n\nLi: Yes.\n".encode("cp1252"))
    code, out, err = run_cli(capsys, "import", src)
    assert code == 0, err
    assert "Caf\u00e9 \u201cnoir\u201d." in out
    assert "review[encoding]: the file is not UTF-8: read as cp1252" in err


# ---------------------------------------------------------------- timing table for the report

def test_import_times(capsys):
    """Each fixture imports (and is checked) in well under a second; prints the table of the final report."""
    rows = []
    for name in sorted(FIXTURES):
        started = time.perf_counter()
        imp = _import(name)
        assert importer.check(imp.serialize(), imp.doc_id, name) == []
        elapsed = time.perf_counter() - started
        r = imp.report
        rows.append(f"| {name} | {len(r.speakers)} | {r.turns} | {r.notes_linked} of {len(r.notes)} | {elapsed * 1000:.0f} ms |")
        assert elapsed < 2.0
    with capsys.disabled():
        print("\n" + "\n".join(rows))


def test_fixture_drafts_build_into_the_edition(tmp_path):
    """The drafts go through the whole pipeline; each kept input line is visible on its HTML page."""
    from tests.support import visible_text
    from edition.builder.publish import publish
    from edition.config import Config

    tei = tmp_path / "tei"
    texts = {}
    for name in sorted(FIXTURES):
        imp = _import(name)
        tei.mkdir(exist_ok=True)
        (tei / f"{imp.doc_id}.xml").write_bytes(imp.serialize())
        texts[imp.doc_id] = ((FIXTURE_DIR / name).read_text(encoding="utf-8"), imp)
    result = publish([tei], tmp_path / "out", Config())
    assert [str(d) for d in result.diagnostics] == []
    for doc_id, (text, imp) in texts.items():
        page = visible_text(tmp_path / "out" / "html" / f"{doc_id}.html").casefold()
        r = imp.report
        split = {i.line for i in r.consumed if i.kind == "connector"} | {c.line for c in r.citation}
        for n, line in kept_lines(text, r).items():
            if n in split:
                continue
            # HTML shows note markers as linked numbers: compare the text between them
            for part in _MARKER.split(" ".join(line.split())):
                assert part.strip().casefold() in page, f"{doc_id}: line {n} not on the page: {part.strip()!r}"


def test_a_long_transcript_imports_in_linear_time():
    """3,000 turns with markers, notes, brackets and citation-like lines: seconds, not minutes (no quadratic scans)."""
    parts = []
    for i in range(1500):
        parts.append(f"KHRUSHCHEV: We agree on point {i}.[{i % 50 + 1}] The rest [at the meeting] is for later.")
        parts.append(f"MAO ZEDONG. Point {i} is noted.")
        if i % 100 == 0:
            parts.append("RGANI, f. 1, op. 2, p. 3, d. 4, ll. 5-6.")
    parts += [f"[{i}] Note {i}." for i in range(1, 51)]
    started = time.perf_counter()
    imp = importer.import_text("\n\n".join(parts))
    elapsed = time.perf_counter() - started
    assert imp.report.turns == 3000 and imp.report.notes_linked == 50
    assert elapsed < 5.0, f"{elapsed:.1f}s"


@pytest.mark.parametrize("title", ["LPT0", "Con", "Index", "PERSONS", "aux.draft", "x" * 400])
def test_an_id_made_from_the_title_can_name_the_output_files_everywhere(title):
    """The id of a draft without -o comes from its title: never a Windows device name, an edition page's
    name in any case, or longer than file names allow (edition validate refuses those ids)."""
    from edition.render import formats

    assert formats.safe_name(importer.default_id(title, None, []))
