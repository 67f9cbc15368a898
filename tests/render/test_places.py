"""The places page (output/html/places.html): every place and organisation of the registers and of
the documents, with what the register says of each (nothing of it dropped: the words check), and
every document and passage that names it; the documents' placeName/orgName link to their entries;
the copies in output/tei/ point at the registers where they are."""

from __future__ import annotations

import shutil
from urllib.parse import urlsplit

import pytest
from lxml import etree

from edition import cli
from edition.builder import site
from edition.render import pages
from edition.sources import registers
from tests.support import ROOT, page

FIXTURE = ROOT / "tests" / "fixtures" / "places"
TEI = "{http://www.tei-c.org/ns/1.0}"


@pytest.fixture(scope="module")
def edition(tmp_path_factory):
    out = tmp_path_factory.mktemp("places") / "output"
    assert cli.main(["build", str(FIXTURE), "--out", str(out)]) == 0
    return out


def section(out, kind, eid):
    found = page(out / "html" / "places.html").xpath(f"//section[@id='{kind}-{eid}']")
    assert len(found) == 1, (kind, eid)
    return found[0]


def text(el) -> str:
    return " ".join(el.text_content().split())


def test_every_place_and_organisation_of_the_register_and_the_documents_has_an_entry(edition):
    doc = page(edition / "html" / "places.html")
    assert doc.xpath("//section[@class='places']/section/@id") == [
        "place-Geneva", "place-schoenbrunn", "place-embassy", "place-vienna", "place-nowhere"], "sorted by name"
    assert doc.xpath("//section[@class='orgs']/section/@id") == ["org-un"]
    # the index and every page link to it
    for name in ("index.html", "summit.html", "persons.html"):
        assert page(edition / "html" / name).xpath("//nav[@class='site']//a[@href='places.html']"), name


def test_an_entry_shows_what_the_register_says(edition):
    vienna = section(edition, "place", "vienna")
    assert text(vienna.xpath("p[@class='also-named']")[0]) == "Also written: Wien"
    assert text(vienna.xpath("p[@class='entry-details']")[0]) == "Capital of Austria, where the summit met in June 1961."
    coordinates = vienna.xpath("p[@class='coordinates']")[0]
    assert text(coordinates).startswith("Coordinates: 48.20849 16.37208")
    osm = urlsplit(coordinates.xpath("a/@href")[0])
    assert (osm.scheme, osm.netloc, osm.query) == ("https", "www.openstreetmap.org", "mlat=48.20849&mlon=16.37208")
    assert vienna.xpath("p[@class='authorities']/a/@href") == [
        "https://www.geonames.org/2761369", "https://www.wikidata.org/wiki/Q1741"]
    assert text(section(edition, "place", "nowhere").xpath("p[@class='entry-counts']")[0]) == (
        "No document of the edition names this place yet.")
    # a place the document declares itself shows what the document says of it
    assert "Where the second meeting was held." in text(section(edition, "place", "embassy"))
    un = section(edition, "org", "un")
    assert "An intergovernmental organisation founded in 1945." in text(un)
    assert un.xpath("p[@class='authorities']/a/@href") == ["https://www.wikidata.org/wiki/Q1065"]


def test_each_document_naming_an_entry_is_listed_by_date_with_its_passages(edition):
    vienna = section(edition, "place", "vienna")
    assert text(vienna.xpath("p[@class='entry-counts']")[0]) == "In 2 documents: 2 mentions."
    assert vienna.xpath("ul[@class='entry-documents']/li/p/a/@href") == ["letter.html", "summit.html"], "by date"
    assert vienna.xpath(".//ul[@class='occurrences']/li/a/@href") == ["letter.html#p-1", "summit.html#sp-k-1-p1"]
    un = section(edition, "org", "un")
    assert [text(k) for k in un.xpath(".//span[@class='kind']")] == ["Named in a note", "Named in the text"]
    assert section(edition, "place", "schoenbrunn").xpath(".//span[@class='kind']/text()") == [
        "Named as the document’s place"]


def test_every_link_of_the_page_and_to_it_reaches_an_anchor(edition):
    html = edition / "html"
    links = [("places.html", h) for h in page(html / "places.html").xpath("//main//a/@href")]
    for name in ("summit.html", "letter.html"):
        refs = page(html / name).xpath("//a[@class='placeName' or @class='orgName']/@href")
        links += [(name, h) for h in refs]
    assert sum(1 for name, _ in links if name != "places.html") == 7
    for name, href in links:
        parts = urlsplit(href)
        if parts.scheme:
            continue
        target = html / (parts.path or name)
        assert target.is_file(), (name, href)
        if parts.fragment:
            assert page(target).xpath(f"//*[@id='{parts.fragment}']"), (name, href)


def test_the_copies_point_at_the_registers_beside_them(edition):
    """A document in a subfolder points at ../registers/; its copy in the flat output/tei/ at
    registers/, and nothing else of it changes."""
    copy = (edition / "tei" / "letter.xml").read_bytes()
    source = (FIXTURE / "letters" / "letter.xml").read_bytes()
    assert copy == source.replace(b'"../registers/', b'"registers/')
    assert (edition / "tei" / "summit.xml").read_bytes() == (FIXTURE / "summit.xml").read_bytes()
    for name in ("letter.xml", "summit.xml"):
        root = etree.parse(str(edition / "tei" / name)).getroot()
        for ref in root.xpath("//@ref[contains(., '.xml#')]"):
            path, _, fragment = ref.partition("#")
            target = etree.parse(str(edition / "tei" / path)).getroot()
            assert target.xpath("//*[@xml:id=$id]", id=fragment), (name, ref)


def test_no_word_of_a_register_entry_is_dropped_from_its_page(tmp_path):
    """The words check of the registers: the page must hold every word of each entry; one that
    lacks some is a text-lost error at the entry."""
    regs = registers.load(FIXTURE / registers.FOLDER)
    register = site.registers_of([], regs)[1]
    assert register.page == "places"
    full = b"".join(pages.register_page(register, {})).decode("utf-8")
    assert pages.lost(register, full, register.known) == []
    short = full.replace("Capital of Austria", "Capital")
    found = pages.lost(register, short, register.known)
    assert [(d.code, d.line, d.path.endswith("places/registers/places.xml")) for d in found] == [("text-lost", 16, True)]
    assert "'of' ×" not in found[0].message and "'austria'" in found[0].message


def test_an_edition_without_places_has_a_page_that_says_so(tmp_path):
    src = tmp_path / "tei"
    src.mkdir()
    shutil.copy(FIXTURE / "summit.xml", src)
    (src / "registers").mkdir()
    shutil.copy(FIXTURE / "registers" / "persons.xml", src / "registers")
    text_ = (src / "summit.xml").read_text().replace('<placeName ref="registers/places.xml#schoenbrunn">Schönbrunn</placeName>', "Schönbrunn")
    text_ = text_.replace('ref="registers/places.xml#vienna"', "").replace('ref="registers/places.xml#Geneva"', "")
    text_ = text_.replace('<orgName ref="registers/orgs.xml#un">UN</orgName>', "UN").replace('<placeName ref="#embassy">the embassy</placeName>', "the embassy")
    import re
    text_ = re.sub(r"<settingDesc>.*?</settingDesc>", "", text_, flags=re.S)
    (src / "summit.xml").write_text(text_)
    out = tmp_path / "out"
    assert cli.main(["build", str(src), "--out", str(out)]) == 0
    doc = page(out / "html" / "places.html")
    assert text(doc.xpath("//p[@class='lead']")[0]) == "No document of the edition names a place or an organisation yet."


def test_a_register_entry_of_any_tei_is_shown_whole_its_parts_apart(tmp_path):
    """Every statement of an entry (sex, education, residence, events, a bibliography, a state, a note
    of paragraphs, a location of a settlement and a country, a place within a place), each with its
    words apart: the build's words check of the registers counts them as words, so two run together
    ("StatusSenator") is a text-lost error (it was, before register-text)."""
    fixture = ROOT / "tests" / "fixtures" / "places-anytei"
    out = tmp_path / "out"
    assert cli.main(["build", str(fixture), "--out", str(out), "--schema",
                     str(ROOT / "tests" / "fixtures" / "schemas" / "permissive.rng"), "--no-rules"]) == 0
    kennedy = page(out / "html" / "persons.html").xpath("//section[@id='person-kennedy']")[0]
    details = [text(p) for p in kennedy.xpath("p[@class='person-details']")]
    assert details == ["Democratic Party", "born 1917 in Brookline", "male", "Harvard College", "Hyannis Port",
                       "American", "Roman Catholic", "Inaugurated in January", "Profiles in Courage, 1956",
                       "Status, Senator earlier", "Zebra paragraph one. Quagga paragraph two."]
    vienna = section(out, "place", "vienna")
    assert [text(p) for p in vienna.xpath("p[@class='entry-details']")] == [
        "Location: Wien, Austria, 48,2 16,37", "Includes: Schönbrunn"]
    assert "Palace grounds" in text(section(out, "place", "schoenbrunn"))
    geneva = section(out, "place", "Geneva")
    assert "Two hundred thousand" in text(geneva)
    assert not geneva.xpath(".//a[contains(@href, 'openstreetmap')]"), "999 999 is no point on Earth: no map link"
