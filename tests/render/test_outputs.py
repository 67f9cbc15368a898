"""The rendered edition, checked as a reader meets it: structure by XPath, text by lines."""

from __future__ import annotations

import re

import pytest
from lxml import html as lxml_html

from tests.support import SEED_ID


@pytest.fixture(scope="module")
def page(built):
    return lxml_html.parse(str(built / "html" / f"{SEED_ID}.html")).getroot()


@pytest.fixture(scope="module")
def text(built):
    return (built / "text" / f"{SEED_ID}.txt").read_bytes()


def test_page_is_a_complete_html5_document(built, page):
    raw = (built / "html" / f"{SEED_ID}.html").read_bytes()
    assert raw.startswith(b"<!DOCTYPE HTML>")
    assert page.get("lang") == "en"
    assert page.xpath("//head/meta/@charset") == ["utf-8"]
    assert page.xpath("//head/meta[@name='viewport']")
    assert page.findtext(".//title").startswith("Conversation of N.S. Khrushchev with Mao Zedong")
    assert page.xpath("//head/link[@rel='stylesheet']/@href") == ["edition.css"]
    assert (built / "html" / "edition.css").exists()
    assert not page.xpath("//script"), "no JavaScript is needed to read the page"


def test_every_internal_link_resolves(page):
    ids = set(page.xpath("//@id"))
    hrefs = [h[1:] for h in page.xpath("//a/@href") if h.startswith("#")]
    assert hrefs
    assert [h for h in hrefs if h not in ids] == []


def test_note_marker_links_to_the_footnote_and_back(page):
    marker = page.xpath("//a[@role='doc-noteref']")
    assert [m.text for m in marker] == ["1"]
    note = page.xpath(f"//*[@id='{marker[0].get('href')[1:]}']")[0]
    assert note.xpath("ancestor::*[@role='doc-endnotes']")
    assert "Written in pencil." in note.text_content()
    back = note.xpath(".//a[@role='doc-backlink']")[0]
    assert back.get("href") == "#" + marker[0].get("id")
    # the marker sits on the dateline it annotates
    assert marker[0].xpath("ancestor::p[@class='dateline']")[0].text_content().startswith("July 31, at the airport")


def test_every_speech_is_one_block_opened_by_its_speaker(page):
    speeches = page.xpath("//div[contains(@class,'sp')]")
    assert len(speeches) == 3
    for sp in speeches:
        first = sp.xpath("./p[1]/node()[1]")[0]
        assert first.tag == "span" and first.get("class") == "speaker"
    assert [sp.xpath("string(.//span[@class='speaker'])") for sp in speeches] == ["MAO ZEDONG", "MAO ZEDONG", "N.S. KHRUSHCHEV"]
    assert speeches[0].text_content().startswith("MAO ZEDONG proposes to discuss")


def test_sections_a_reader_expects(page):
    headings = [" ".join(h.text_content().split()) for h in page.xpath("//h2")]
    assert headings == ["Summary", "Transcript", "Notes", "Editorial signs", "Source", "Related Documents",
                        "How to cite", "Credits", "Rights"]
    facts = dict(zip(page.xpath("//header//dl/dt/text()"), [" ".join(d.text_content().split()) for d in page.xpath("//header//dl/dd")]))
    assert facts["Date"] == "July 31, 1958"
    assert page.xpath("//header//time/@datetime") == ["1958-07-31"]
    assert facts["Place"] == "the airport in Beijing"
    assert [li.text_content() for li in page.xpath("//header//ul[@class='participants']/li")] == [
        "N.S. Khrushchev", "Mao Zedong", "Ponomarev", "Deng Xiaoping"]


def test_text_edition_is_utf8_lf_and_wrapped(text):
    decoded = text.decode("utf-8")
    assert b"\r" not in text
    assert decoded.endswith("\n") and not decoded.endswith("\n\n")
    long = [l for l in decoded.splitlines() if len(l) > 72 and " " in l.strip()]
    assert long == []


def test_text_edition_order_header_transcript_notes_then_back_matter(text):
    t = text.decode("utf-8")
    order = ["Conversation of N.S. Khrushchev", "Date:          July 31, 1958 (1958-07-31)",
             "Place:         the airport in Beijing",
             "Participants:  N.S. Khrushchev; Mao Zedong; Ponomarev; Deng Xiaoping",
             "Source:        RGANI. Collection 52.", "TRANSCRIPT", "July 31, at the airport[1]",
             "MAO ZEDONG proposes", "N.S. KHRUSHCHEV accepted the proposal.", "NOTES", "[1] Written in pencil.",
             "RELATED DOCUMENTS", "CREDITS", "RIGHTS"]
    positions = [t.index(s) for s in order]
    assert positions == sorted(positions)


def test_speaker_labels_open_their_speeches_in_the_text_edition(text):
    paragraphs = [" ".join(p.split()) for p in text.decode("utf-8").split("\n\n")]
    speeches = [p for p in paragraphs if re.match(r"^(MAO ZEDONG|N\.S\. KHRUSHCHEV) ", p)]
    assert speeches == [
        "MAO ZEDONG proposes to discuss the sequence of the meetings and suggests the expediency of a small group meeting initially.",
        "MAO ZEDONG expressed the view that after the small group meeting, they convene a larger group.",
        "N.S. KHRUSHCHEV accepted the proposal.",
    ]


def test_index_lists_the_document_with_its_summary(built):
    index = lxml_html.parse(str(built / "html" / "index.html")).getroot()
    links = index.xpath("//ol[@class='documents']//h2/a")
    assert [a.get("href") for a in links] == [f"{SEED_ID}.html"]
    assert (built / "html" / links[0].get("href")).exists()
    assert "agree on how to organize their meetings" in index.text_content()
    assert index.xpath("//a[@href='../text/%s.txt']" % SEED_ID)
