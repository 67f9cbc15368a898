"""Kinds of TEI beyond the edition's own (tests/fixtures/anytei/, each valid against the full TEI
schema): a critical apparatus, a letter in a diplomatic transcription, a manuscript catalogue
record, a miscellany of genres (drama, verse, speech, tables, lists, quotations, an inscription,
a group of texts) and a corpus of documents. Each renders in both formats without losing a word
(the build's own check) and as docs/encoding.md says; the browser tests (tests/browser/test_kinds.py)
follow their links and switch their witnesses."""

from __future__ import annotations

import re

import pytest
from lxml import etree, html as lxml_html

from edition import cli
from edition.render import words
from edition.sources import parse
from tests.support import ROOT, TEI_ALL, render

KINDS = ROOT / "tests" / "fixtures" / "anytei"
APPARATUS, LETTER, CATALOGUE, MISCELLANY, CORPUS = (KINDS / f"{n}.xml" for n in
                                                   ("apparatus", "letter", "catalogue", "miscellany", "corpus"))


def flat(text: str) -> str:
    return " ".join(text.split())


def page(path, **params):
    return lxml_html.document_fromstring(render(path, "html.xsl", **params))


def text_of(path, **params) -> str:
    return render(path, "text.xsl", **params)


@pytest.mark.skipif(not TEI_ALL.exists(), reason=f"the full TEI P5 schema ({TEI_ALL}) is not on this machine")
def test_the_fixtures_are_valid_tei(capsys):
    assert cli.main(["validate", "--schema", str(TEI_ALL), "--no-rules", str(KINDS)]) == 0, capsys.readouterr().err


@pytest.mark.parametrize("path", sorted(KINDS.glob("*.xml")), ids=lambda p: p.stem)
def test_each_renders_every_word_and_has_a_rule_for_every_element(path, tmp_path, capsys):
    permissive = ROOT / "tests" / "fixtures" / "schemas" / "permissive.rng"
    code = cli.main(["build", str(path), "--out", str(tmp_path / "out"), "--schema", str(permissive), "--no-rules", "--jobs", "1"])
    err = capsys.readouterr().err
    assert code == 0 and "text-lost" not in err and "unstyled-element" not in err, err


# ------------------------------------------------------------------ the critical apparatus

def test_each_place_of_the_apparatus_is_marked_and_linked_to_its_entry_and_back():
    doc = page(APPARATUS)
    markers = doc.xpath("//section[@id='transcript']//sup[@class='appref']/a")
    assert [a.get("id") for a in markers] == [f"appref-{x}" for x in "abcdfeg"]
    entries = doc.xpath("//section[@id='apparatus'][@role='doc-endnotes']/ol[@type='a']/li")
    assert [li.get("id") for li in entries] == [f"app-{x}" for x in "abcdefg"]
    for a in markers:
        assert a.get("role") == "doc-noteref" and a.get("href") == "#" + a.get("id").replace("appref", "app")
        back = doc.xpath(f"//li[@id='{a.get('href')[1:]}']/a[@role='doc-backlink']")
        assert back and back[0].get("href") == "#" + a.get("id")


def test_an_entry_gives_the_lemma_and_every_reading_with_its_witnesses():
    entries = [flat(li.text_content()).rstrip(" ↩") for li in page(APPARATUS).xpath("//section[@id='apparatus']//li")]
    assert entries == [
        "man A B] woman C (homeoteleuton)",
        "counsel A] cownsel B (orthographic); conseil C (orthographic)",
        "ungodly A C] om. B",
        "sinners B] wicked men A C",
        "law of the Lord (lorde B) A B] commandments C (written over an erasure)",
        "Lord A] lorde B",
        "day and night] by day and by night B",
    ]
    text = text_of(APPARATUS)
    assert text.index("NOTES") < text.index("APPARATUS") < text.index("EDITORIAL SIGNS")
    assert "[a] man A B] woman C (homeoteleuton)" in text and "[g] day and night] by day and by night B" in text


def test_the_reading_text_shows_the_lemma_and_hides_the_other_readings_with_their_witnesses():
    doc = page(APPARATUS)
    place = doc.xpath("//span[@class='app'][1]")[0]
    readings = place.xpath("span[contains(@class, 'reading')]")
    assert [(r.get("class"), r.get("data-wit"), r.get("hidden") is not None, r.text_content()) for r in readings] == [
        ("reading lem base", "A B", False, "man"), ("reading rdg", "C", True, "woman")]
    switch = doc.xpath("//div[@id='witness-switch']")[0]
    assert switch.get("hidden") is not None  # shown by the script only
    assert switch.xpath("select/option/@value") == ["", "A", "B", "C"]
    assert "Blessed is the man[a] that walketh not in the counsel[b]" in flat(text_of(APPARATUS))


def test_an_entry_without_a_lemma_shows_the_base_witness_s_reading(tmp_path):
    assert "in the way of sinners[d]" in flat(text_of(APPARATUS))  # no base witness: the first reading
    assert "in the way of wicked men[d]" in flat(text_of(APPARATUS, **{"base-witness": "C"}))
    assert "in the way of wicked men[d]" in flat(text_of(APPARATUS, **{"base-witness": "#A"}))
    entry = page(APPARATUS, **{"base-witness": "C"}).xpath("//li[@id='app-d']")[0]
    assert flat(entry.text_content()).rstrip(" ↩") == "wicked men A C] sinners B"


def test_the_base_witness_is_an_edition_setting(tmp_path, capsys):
    (tmp_path / "edition.toml").write_text('[edition]\nbase-witness = "C"\nsources = "tei"\noutput = "output"\nschema = "permissive.rng"\n'
                                          'rules = false\n', encoding="utf-8")
    (tmp_path / "tei").mkdir()
    (tmp_path / "tei" / "apparatus.xml").write_bytes(APPARATUS.read_bytes())
    (tmp_path / "permissive.rng").write_bytes((ROOT / "tests" / "fixtures" / "schemas" / "permissive.rng").read_bytes())
    assert cli.main(["build", "--config", str(tmp_path / "edition.toml")]) == 0, capsys.readouterr().err
    assert "in the way of wicked men[d]" in flat((tmp_path / "output" / "text" / "apparatus.txt").read_text(encoding="utf-8"))


def test_an_entry_attached_by_anchors_is_marked_at_its_end_and_one_located_between_blocks_stands_there():
    doc = page(APPARATUS)
    assert doc.xpath("//span[@id='day-end']/following-sibling::sup[1]/a/@id") == ["appref-g"]
    assert [flat(p.text_content()) for p in doc.xpath("//div[@class='listApp']/p[@class='app-entry']")] == [
        "2: meditate] think C"]


# ------------------------------------------------------------------ a letter

def test_the_letter_s_correspondence_is_in_the_header_panel():
    doc = page(LETTER)
    facts = {dt.text_content(): flat(dt.getnext().text_content()) for dt in doc.xpath("//header//dl[@class='facts']/dt")}
    assert facts["Sent"] == "Anna Weber, Zurich, 3 May 1857" and facts["Received"] == "Carl Brandt, Bern"
    assert facts["Context"] == "Brandt to Weber, 20 April 1857"
    assert doc.xpath("//header//p[@class='subtitle']/text()") == ["A diplomatic transcription"]
    text = text_of(LETTER)
    assert re.search(r"^Sent: +Anna Weber, Zurich, 3 May 1857$", text, re.M)


def test_the_letter_s_parts_and_signs_in_both_formats():
    doc = page(LETTER)
    t = lambda xpath: [flat(e.text_content()) for e in doc.xpath("//section[@id='transcript']" + xpath)]
    assert t("//div[@class='opener']/p[@class='salute']") == ["Lieber Freund,"]
    assert t("//div[@class='closer']/p[@class='signed']") == ["Anna Weber"]
    assert t("//div[@class='postscript']//p") == ["Schreib bald!"]
    assert t("//div[@class='address']/span[@class='addrLine']") == ["Herrn Carl Brandt", "Bern"]
    assert doc.xpath("//section[@id='transcript']//ins[@class='add']/@title") == [
        "added in the source above the line", "added in the source in the line"]
    assert doc.xpath("//section[@id='transcript']//del/@class") == ["del strikethrough", "del overstrike"]
    assert t("//span[@class='handShift edition-sign']") == ["[hand: A clerk's hand, in pencil]"]
    assert t("//span[@class='surplus']") == ["{und}"] and t("//span[@class='secl']") == ["⟦wie immer⟧"]
    assert doc.xpath("//span[@class='unclear']/@title") == ["unclear in the source: faded, certainty: medium"]
    text = flat(text_of(LETTER))
    for shown in ["[added above the line: langen]", "[deleted: schwer] [deleted: mühsam][added in the line: beschwerlich]",
                  "[glücklich?]", "{und} kalt; ⟦wie immer⟧ [space, 3 characters]", "[running head: No. 12]",
                  "[hand: A clerk's hand, in pencil]schreibt"]:
        assert shown in text


def test_page_breaks_link_to_their_images_composed_never_fetched():
    doc = page(LETTER)
    first, second = doc.xpath("//section[@id='transcript']//a[@class='pb']")
    base = "https://iiif.example.org/iiif/letter-1857/p1"
    assert first.get("href") == f"{base}/full/max/0/default.jpg"
    assert first.xpath("img/@src") == [f"{base}/full/!240,240/0/default.jpg"]
    # inside a word (break="no"): its label, linked, in the word; no thumbnail there
    assert second.get("href") == "https://images.example.org/letter-1857/p2.jpg" and not second.xpath("img")
    assert "Fami[page 2]lie" in flat(second.getparent().text_content())
    assert doc.xpath("//figure//img/@alt") == ["A pencil sketch of the bridge at Bern"]


# ------------------------------------------------------------------ a catalogue record

def test_a_manuscript_description_in_the_text_is_described_part_by_part():
    doc = page(CATALOGUE)
    ms = doc.xpath("//section[@id='transcript']/div[@class='msDesc']")[0]
    assert flat(ms.xpath("string(p[@class='msIdentifier'])")) == "United Kingdom, London, Test Library, MS Arabic 999"
    assert [flat(h.text_content()) for h in ms.xpath("div/h3")] == [
        "Contents", "Physical description", "History", "Additional information"]
    fields = {flat(f.xpath("string(span[@class='field-label'])")): flat(f.text_content()) for f in ms.xpath(".//div[starts-with(@class, 'field')]")}
    assert fields["Incipit:"] == "Incipit: بسم الله الرحمن الرحيم"
    assert fields["Provenance:"] == "Provenance: Owned by a physician of Tabriz."
    assert fields["Extent:"] == "Extent: 30 leaves 210 × 150 mm"
    assert ms.xpath(".//div[@class='field incipit']/span[@lang='ar'][@dir='rtl']")
    text = text_of(CATALOGUE)
    assert re.search(r"^Incipit: +بسم الله الرحمن الرحيم$", text, re.M)


def test_references_are_formatted_from_their_parts():
    doc = page(CATALOGUE)
    refs = [flat(li.text_content()) for li in doc.xpath("//li[@class='bibl-item']")]
    assert refs == ["Jane Doe, “Two medical treatises”. Journal of Manuscripts, 2001, 12–30",
                    "R. Roe, Arabic Medicine, Cairo 1990.", "Smith, Catalogue of Arabic Manuscripts, 1930"]
    assert doc.xpath("//section[@class='listBibl ']/h2/text()") == ["Works cited"]


def test_a_header_description_the_source_panel_does_not_say_whole_is_described_part_by_part():
    doc = page(LETTER)
    source = doc.xpath("//section[@id='source']")[0]
    assert "msDesc" in source.get("class")
    assert "Hand: A clerk's hand, in pencil" in flat(source.text_content())


# ------------------------------------------------------------------ other genres

def test_a_title_page_and_a_group_of_texts_each_with_its_heading():
    doc = page(MISCELLANY)
    transcript = doc.xpath("//section[@id='transcript']")[0]
    assert transcript.xpath("div[@class='titlePage']//h3/text()") == ["A Miscellany of Texts"]
    assert [flat(h.text_content()) for h in transcript.xpath("div[@class='group']/div[@class='text']/h3")] == [
        "The Play of the Garden", "A Debate"]
    assert [flat(d.text_content()) for d in transcript.xpath(".//div[@class='docImprint']")] == ["London, 1625"]


def test_a_cast_list_verse_numbered_every_fifth_line_and_utterances_as_speeches():
    doc = page(MISCELLANY)
    cast = doc.xpath("//div[@class='castList']")[0]
    assert cast.xpath("h4/text()") == ["The persons of the play"]
    assert [flat(li.text_content()) for li in cast.xpath("ul/li[@class='castItem']")] == ["GARDENER, keeper of the garden"]
    assert cast.xpath("ul/li[@class='castGroup']/p[@class='head']/text()") == ["Visitors"]
    assert [flat(li.text_content()) for li in cast.xpath("ul/li[@class='castGroup']/ul/li")] == [
        "FIRST VISITOR", "SECOND VISITOR, her sister"]
    assert doc.xpath("//div[@class='l']/span[@class='lineno']/text()") == ["5"]
    assert [flat(p.text_content()) for p in doc.xpath("//div[@class='sp u']/p")] == [
        "Ana Pérez I open the session. (raises her hand) Silence, please.", "Bruno Díaz Thank you. (coughs) I shall be brief."]
    text = text_of(MISCELLANY)
    assert "Now come, my friends, beckoning and walk with me.  5" in text
    assert "- GARDENER, keeper of the garden" in text
    assert "Ana Pérez: I open the session. (raises her hand) Silence, please." in flat(text)


def test_tables_lists_quotations_and_an_inscription():
    doc = page(MISCELLANY)
    table = doc.xpath("//table")[0]
    assert table.xpath("caption/text()") == ["Prices of grain"] and table.xpath("tbody/tr[1]/th/text()") == ["Grain", "Price"]
    assert table.xpath("tbody/tr[3]/td/@colspan") == ["2"]
    assert [(dt.text_content(), dt.getnext().text_content()) for dt in doc.xpath("//dl/dt[@class='label']")] == [
        ("vellum", "calf skin prepared for writing"), ("quire", "a gathering of leaves")]
    assert doc.xpath("//blockquote[@class='cit']") and "“haste makes waste”" in flat(doc.text_content())
    assert flat(doc.xpath("string(//div[@class='ab inscription'])")) == "D(is) M(anibus) Gaio Iulio vix(it) ann(os) XX"
    assert "vellum  calf skin prepared for writing" in text_of(MISCELLANY)


def test_right_to_left_words_say_their_direction_and_notes_stand_where_they_belong():
    doc = page(MISCELLANY)
    assert doc.xpath("//i[@class='foreign']/@dir") == ["rtl", "rtl"]
    assert doc.xpath("//span[@class='note margin'][not(ancestor::section[@id='legend'])]/text()") == ["Compare the Latin pax."]
    assert doc.xpath("//span[@id='margin-anchor']/following-sibling::sup[1]/a/@href") == ["#note-1"]
    text = flat(text_of(MISCELLANY))
    assert "[note in the margin: Compare the Latin pax.] The margin of the page[1] is wide." in text


def test_a_corpus_renders_each_of_its_documents_with_its_title():
    doc = page(CORPUS)
    assert [flat(h.text_content()) for h in doc.xpath("//section[@id='transcript']/div[@class='TEI']/h3")] == [
        "The first letter", "The second letter"]
    text = text_of(CORPUS)
    assert text.index("The first letter") < text.index("Dear sister") < text.index("The second letter") < text.index("Dear brother")
    source, _ = parse.load(CORPUS)
    found = words.check(source.root, {"html": render(CORPUS, "html.xsl"), "text": text}, "corpus.xml", source.position)
    assert found == []
