"""What reference managers and search engines read from a document's page, read back by parsers of
those tags: the Dublin Core meta tags by extruct (as metadata extractors read them), the citation_*
tags the way Zotero's "Embedded Metadata" translator reads them (meta name -> content; authors
split at semicolons). And the TEI source, linked from the page and from the index, is the source."""

from __future__ import annotations

import shutil
from pathlib import Path

import extruct
import pytest
from lxml import html as lxml_html

from edition.builder.publish import publish
from edition.config import Config
from tests.support import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "reading" / "reader-metadata.xml"
URL = "https://example.org/edition"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("metadata")
    (work / "tei").mkdir()
    shutil.copy(FIXTURE, work / "tei" / FIXTURE.name)
    result = publish([work / "tei"], work / "out", Config(jobs=1, params={"edition-url": URL}))
    assert not [d for d in result.diagnostics if d.is_error]
    return work / "out"


def highwire(page: str) -> dict[str, list[str]]:
    """The citation_* tags as Zotero's Embedded Metadata reads them: every meta of the head by
    @name, its @content; citation_author split at semicolons."""
    head = lxml_html.document_fromstring(page).find("head")
    found: dict[str, list[str]] = {}
    for meta in head.iterfind("meta"):
        name, content = meta.get("name"), meta.get("content")
        if name and content and name.startswith("citation_"):
            values = [a.strip() for a in content.split(";")] if name == "citation_author" else [content]
            found.setdefault(name, []).extend(v for v in values if v)
    return found


def dublin_core(page: str) -> dict[str, list[str]]:
    data = extruct.extract(page, syntaxes=["dublincore"], uniform=False)["dublincore"][0]
    found: dict[str, list[str]] = {}
    for element in data["elements"]:
        if element["URI"].startswith("http://purl.org/dc/elements/1.1/") and element["name"].startswith("DC."):
            found.setdefault(element["URI"].rsplit("/", 1)[1], []).append(element["content"])
    return found


def test_citation_tags_say_what_a_reference_manager_needs(built):
    tags = highwire((built / "html" / "reader-metadata.html").read_text(encoding="utf-8"))
    assert tags["citation_title"] == ["Record of a Conversation with A.A. Gromyko, August 3, 1958"]
    assert tags["citation_author"] == ["Fedorenko, Nikolai T.", "The Embassy of the USSR"]
    assert tags["citation_date"] == ["1958/08/03"]
    assert tags["citation_publisher"] == ["Wilson Center Digital Archive"]
    assert tags["citation_language"] == ["en"]
    assert tags["citation_public_url"] == [f"{URL}/reader-metadata.html"]
    assert tags["citation_keywords"] == ["Record of Conversation"]


def test_dublin_core_says_the_same(built):
    dc = dublin_core((built / "html" / "reader-metadata.html").read_text(encoding="utf-8"))
    assert dc["title"] == ["Record of a Conversation with A.A. Gromyko, August 3, 1958"]
    assert dc["creator"] == ["Fedorenko, Nikolai T.", "The Embassy of the USSR"]
    assert dc["contributor"] == ["Jane Editor", "Pantsov, Alexander V.", "Levine, Steven I."]
    assert dc["date"] == ["1958-08-03"]
    assert dc["publisher"] == ["Wilson Center Digital Archive"]
    assert dc["language"] == ["en"]
    assert dc["source"] == ["AVP RF, f. 0100, op. 51, d. 6, l. 12-13."]  # the archive and the place in it
    assert dc["relation"] == ["https://digitalarchive.example.org/document/12345"]  # the archive's own page
    assert dc["identifier"] == [f"{URL}/reader-metadata.html"]


def test_no_address_is_claimed_until_the_edition_has_one(tmp_path):
    (tmp_path / "tei").mkdir()
    shutil.copy(FIXTURE, tmp_path / "tei" / FIXTURE.name)
    publish([tmp_path / "tei"], tmp_path / "out", Config(jobs=1))
    page = (tmp_path / "out" / "html" / "reader-metadata.html").read_text(encoding="utf-8")
    assert "citation_public_url" not in highwire(page) and "identifier" not in dublin_core(page)


def test_the_tei_source_link_resolves_to_the_source_as_encoded(built):
    page = lxml_html.parse(str(built / "html" / "reader-metadata.html")).getroot()
    links = page.xpath("//link[@rel='alternate'][@type='application/tei+xml']/@href"
                       " | //a[@type='application/tei+xml']/@href")
    assert len(links) == 3  # the head, the navigation, How to cite
    index = lxml_html.parse(str(built / "html" / "index.html")).getroot()
    links += index.xpath("//a[@type='application/tei+xml']/@href")
    for href in links:
        assert (built / "html" / href).resolve().read_bytes() == FIXTURE.read_bytes()


def test_the_original_online_source_is_linked(built):
    page = lxml_html.parse(str(built / "html" / "reader-metadata.html")).getroot()
    assert page.xpath("//dl[@class='facts']/dd/a/@href") [-1] == "https://digitalarchive.example.org/document/12345"
